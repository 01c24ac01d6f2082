"""HSK 3.0 level 2 words the corpus did not use yet (second half of the list): each word a row of a slot table.

Words are grouped by how they are used, so one template serves many of them: people (校长, 画家, 游客 …),
things and places (银行卡, 药店, 酒店 …), school (笔记, 读音, 计算机 …), events (晚会, 音乐会), nature (月亮,
气温 …), verbs (拿到, 接受, 离开 …), adverbs and connectives (故意, 正好, 的话, 比如 …), time words (那时候,
这时 …). Conventions::

    他是我们的校长                he is our principal
    今天游客很多                  there are a lot of tourists today
    明天下雨的话，我就不去公园了  if it rains tomorrow , I will not go to the park
    那时候他住在上海              he lived in Shanghai at that time
    这两个字的读音相同            these two characters have the same pronunciation
    飞机已经起飞了                the plane has already taken off
"""

from __future__ import annotations

from ..sampling import tagged
from .connectives import LANGS, PLACES
from .numbers import num_en, num_zh
from .templates import T, n_combos, sample

# --- people -------------------------------------------------------------------------------------------------
PROFESSIONS = [("教师", "a teacher"), ("画家", "a painter"), ("科学家", "a scientist")]
HEADS = [("校长", "principal"), ("班长", "class monitor"), ("组长", "group leader"), ("队长", "team captain"),
         ("院长", "director")]
THE_HEADS = [(zh, "the " + en) for zh, en in HEADS] + [("老王", "old Wang")]
CROWDS = [("游客", "tourists"), ("旅客", "passengers"), ("顾客", "customers"), ("行人", "pedestrians"),
          ("考生", "examinees"), ("青少年", "teenagers"), ("老年人", "old people"), ("青年人", "young people"),
          ("车辆", "vehicles")]
ONE_OF_CROWD = [("游客", "a tourist"), ("旅客", "a passenger"), ("顾客", "a customer"), ("考生", "an examinee")]
WHEN = [("今天", "today"), ("现在", "now"), ("今年", "this year"), ("周末", "at the weekend"),
        ("晚上", "in the evening"), ("早上", "in the morning")]
CARED = [("老年人", "old people"), ("青少年", "teenagers"), ("青年人", "young people")]
ENTER = [("校园", "the campus"), ("院子", "the yard"), ("这个公园", "this park"), ("球场", "the court")]

# --- things, food, places ------------------------------------------------------------------------------------
MISSING = [("银行卡", "bank card"), ("笔记本", "notebook"), ("笔记", "notes")]
FORGET = [("带银行卡", "bring {P} bank card"), ("带笔记本", "bring {P} notebook"), ("吃药片", "take {P} pills"),
          ("喝药水", "take {P} liquid medicine"), ("回短信", "reply to the text message")]
MEDICINE = [("药片", "pills"), ("药水", "liquid medicine"), ("方便面", "instant noodles")]
FOODS = [("西餐", "western food"), ("方便面", "instant noodles")]
SHOPS = [("药店", "pharmacy"), ("酒店", "hotel")]
WEIGH = [("这些苹果", "these apples"), ("这条鱼", "this fish"), ("这些水果", "this fruit"),
         ("这个西瓜", "this watermelon"), ("这些鸡蛋", "these eggs"), ("这些菜", "these vegetables")]
PACK = [("书装进了书包", "the books into {P} schoolbag"), ("衣服装进了箱子", "the clothes into the suitcase"),
        ("水装进了瓶子", "the water into the bottle"), ("钱装进了钱包", "the money into {P} wallet"),
        ("笔记本装进了书包", "the notebook into {P} schoolbag")]
INSIDE = [("瓶子", "the bottle"), ("书包", "the schoolbag"), ("院子", "the yard"),
          ("房间", "the room"), ("箱子", "the suitcase"), ("钱包", "the wallet")]
HOLDS = [("瓶子里头有水", "there is water in the bottle"), ("书包里头有两本书", "there are two books in the schoolbag"),
         ("院子里头有一棵树", "there is a tree in the yard"),
         ("书包里头有一个手机", "there is a phone in the schoolbag"),
         ("瓶子里头有牛奶", "there is milk in the bottle"), ("院子里头有很多花", "there are many flowers in the yard"),
         ("箱子里头有很多衣服", "there are many clothes in the suitcase"),
         ("钱包里头没有钱", "there is no money in the wallet")]
PUT_DOWN = [("手机", "{P} phone"), ("书", "the book"), ("杯子", "the cup"), ("瓶子", "the bottle"),
            ("笔记本", "the notebook")]
TAKE_OUT = [("一本书", "a book"), ("一个瓶子", "a bottle"), ("银行卡", "{P} bank card"), ("笔记本", "{P} notebook"),
            ("一张照片", "a photo")]
GOT = [("护照", "{P} passport"), ("钱", "the money"), ("票", "the tickets"), ("银行卡", "{P} bank card"),
       ("考试成绩", "{P} exam results")]
TO_PLACES = [("医院", "the hospital"), ("机场", "the airport"), ("学校", "school"), ("火车站", "the railway station")]

# --- school and ideas ----------------------------------------------------------------------------------------
STUDY_ITEMS = [("词语", "words"), ("数字", "numbers"), ("读音", "pronunciations"), ("音节", "syllables")]
SAME = [("字", "characters", "读音", "pronunciation"), ("词语", "words", "意思", "meaning"),
        ("词语", "words", "读音", "pronunciation"), ("词语", "words", "音节", "syllables")]
VIEWS = [("看法", "view"), ("观点", "point of view"), ("爱好", "hobby"), ("想法", "idea")]
CLASS_RULES = [("吃东西", "eat"), ("玩手机", "play with your phone"), ("睡觉", "sleep"), ("讲话", "talk")]
WORK_AT = [("小学", "a primary school"), ("中学", "a middle school"), ("高中", "a high school")]
VALUE = [("教育", "education"), ("健康", "health"), ("学习", "studying"), ("这次考试", "this exam"),
         ("教学", "teaching")]
THINK = [("这个方法很好", "this method is good"), ("汉语不难", "Chinese is not difficult"),
         ("明天会下雨", "it will rain tomorrow"), ("这本书很有意思", "this book is very interesting"),
         ("这个观点是对的", "this point of view is right")]
EXPLAIN = [("原因", "the reason"), ("情况", "the situation"), ("这个问题", "this question"), ("重点", "the key points")]
EXAMS = [("考试", "the exam"), ("汉语考试", "the Chinese exam"), ("这次考试", "this exam")]
GOALS = [("学习汉语", "learn Chinese"), ("工作", "work"), ("旅游", "travel"), ("看朋友", "visit friends")]
DREAMS = PROFESSIONS + [("医生", "a doctor"), ("校长", "a principal")]
FEATURE_OF = [("手机", "phone"), ("菜", "dish"), ("网站", "website"), ("酒店", "hotel"),
              ("学校", "school"), ("地方", "place")]
CONDITIONS_AT = [("这家医院", "this hospital"), ("这个学校", "this school"), ("这家酒店", "this hotel")]
AREA = [("很有经验", "{have|has} a lot of experience in this area"), ("很感兴趣", "{be} very interested in this area"),
        ("不太懂", "{do|does} not know much about this area")]
BALLS = [("排球", "volleyball"), ("篮球", "basketball"), ("网球", "tennis")]
ABLE = [("去中国学习", "go to China to study"), ("通过考试", "pass the exam"), ("找到好工作", "find a good job"),
        ("参加晚会", "go to the party")]
AGAIN = [("写", "write", "wrote"), ("读", "read", "read"), ("做", "do", "did"), ("说", "say", "said")]
REPEAT = [("这个句子", "this sentence"), ("这个问题", "the question"), ("这个词语", "this word"),
          ("这句话", "this sentence")]

# --- events, nature, time ------------------------------------------------------------------------------------
EVENTS = [("晚会", "the party"), ("音乐会", "the concert"), ("新年晚会", "the new year party"),
          ("活动", "the activity")]
GOING_ON = EVENTS + [("比赛", "the match"), ("考试", "the exam")]
HOURS = [(num_zh(h), num_en(h)) for h in (6, 7, 8, 9, 10)]
LASTED = [("两个小时", "two hours"), ("一个小时", "an hour"), ("三天", "three days")]
SKY = [("星星", "the stars"), ("月亮", "the moon")]
MOON = [("大", "big"), ("漂亮", "beautiful")]
AIR = [("很好", "very good"), ("不好", "not good"), ("很新鲜", "very fresh")]
CITIES = [("北京", "Beijing"), ("上海", "Shanghai"), ("南京", "Nanjing"), ("广州", "Guangzhou")]
DEGREES = [(num_zh(n), num_en(n)) for n in (5, 10, 15, 20, 25, 30, 35)]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH_ROWS = [(num_zh(i + 1) + "月份", m) for i, m in enumerate(MONTHS)]
SEASON_WEATHER = [("一月份", "January", "冷", "cold"), ("二月份", "February", "冷", "cold"),
                  ("十二月份", "December", "冷", "cold"), ("七月份", "July", "热", "hot"),
                  ("八月份", "August", "热", "hot"), ("六月份", "June", "热", "hot")]
REGIONS = [("西北", "northwest"), ("西南", "southwest")]
THEN = [("那时", "at that time"), ("那时候", "at that time"), ("那会儿", "at that time")]
JUST_THEN = [("这时", "just then"), ("这时候", "just then")]
ROOMS = [("教室", "the classroom"), ("房间", "the room"), ("商店", "the shop"), ("酒店", "the hotel")]
MOODS = [("快乐", "happy"), ("忙", "busy"), ("累", "tired")]
SO_ADJ = [("高兴", "happy"), ("忙", "busy"), ("累", "tired")]
HABITS = [("迟到", "{be} always late"), ("玩手机", "{be} always playing with {P} phone"),
          ("忘带东西", "{be} always forgetting things"), ("看电视", "{be} always watching TV"),
          ("这样", "{be} always like this")]
EXAMPLES_OF = [("游泳", "swimming"), ("打排球", "playing volleyball"), ("跑步", "running"), ("骑车", "cycling")]
FRUIT = [("苹果", "apples"), ("西瓜", "watermelon"), ("香蕉", "bananas")]
HELPFUL = [("银行卡", "a bank card"), ("手机", "a phone"), ("计算机", "a computer")]
NOT_SO = [("汉语", "Chinese", "难", "difficult"), ("这个问题", "this question", "难", "difficult"),
          ("考试", "the exam", "难", "difficult"), ("这个酒店", "this hotel", "贵", "expensive"),
          ("西餐", "western food", "贵", "expensive")]
THINGS = [("这个手机", "this phone"), ("这本书", "this book"), ("这件衬衫", "this shirt"), ("这个瓶子", "this bottle")]
NORMAL = [("这种天气", "this kind of weather"), ("这种情况", "this kind of situation")]
SONGS = [("这首歌", "this song"), ("他的声音", "his voice"), ("这个名字", "this name")]
UGLY = [("这件衬衫", "this shirt", "is"), ("这双鞋", "these shoes", "are"), ("这个颜色", "this color", "is"),
        ("这条裙子", "this skirt", "is"), ("这条裤子", "these trousers", "are"), ("这个书包", "this schoolbag", "is")]
PAPERS = [("日报", "daily paper"), ("晚报", "evening paper")]
TRENDS = [("打排球", "playing volleyball"), ("骑车", "cycling"), ("吃西餐", "eating western food")]
BOUGHT_ONLINE = [("一本书", "a book"), ("一双鞋", "a pair of shoes"), ("一个笔记本", "a notebook")]
HOBBIES = [("画画儿", "drawing"), ("音乐", "music"), ("排球", "volleyball")]
GIFTS = [("一本书", "a book"), ("一个笔记本", "a notebook"), ("一张音乐会的票", "a concert ticket")]
REQUESTS = [("请求", "request"), ("要求", "request")]
ASKED_TO = [("明天再来", "come again tomorrow"), ("重新写一遍", "write it again"), ("早点儿回家", "go home early")]
MENTION = [("这件事", "this"), ("考试", "the exam"), ("晚会", "the party")]
JOKES = [("笑话", "joke"), ("笑话儿", "joke")]


def _nums(ns):
    return [(num_zh(n, liang=True), num_en(n)) for n in ns]


def _season():
    return [(c + m + "很" + w, f"{ce} is very {we} in {me}")
            for c, ce in CITIES[:3] for m, me, w, we in SEASON_WEATHER]


def _same():
    out = []
    for x, xe, y, ye in SAME:
        out.append(("这两个" + x + "的" + y + "相同", f"these two {xe} have the same {ye}"))
        out.append(("这两个" + x + "的" + y + "不相同", f"these two {xe} do not have the same {ye}"))
    return out + [("这两个数字相同", "these two numbers are the same")]


def _not_so():
    return [(x + "没有那么" + a, f"{xe} is not that {ae}") for x, xe, a, ae in NOT_SO]


def _ugly():
    return [(x + "很难看", f"{xe} {v} ugly") for x, xe, v in UGLY] + [(x + "不难看", f"{xe} {v} not ugly")
                                                                     for x, xe, v in UGLY]


# Each group: (topic tag, templates). The topic is one the corpus already has.
GROUPS: dict[str, tuple[str, list[T]]] = {
    "people": ("people", [
        T("{S}是{X}", "{S} {be} {X}", {"X": PROFESSIONS}, subj="single"),
        T("{S}想当{X}", "{S} {want|wants} to be {X}", {"X": PROFESSIONS}),
        T("{S}是我们的{X}", "{S} is our {X}", {"X": HEADS}, subj="third"),
        T("{S}想当{X}", "{S} {want|wants} to be the {X}", {"X": HEADS}),
        T("{X}来了", "{X} is here", {"X": THE_HEADS}, subj="none"),
        T("{X}在办公室吗", "is {X} in the office ?", {"X": THE_HEADS}, subj="none"),
        T("{S}去找{X}了", "{S} went to see {X}", {"X": THE_HEADS}),
        T("{S}认识{X}吗", "{do|does} {S} know {X} ?", {"X": THE_HEADS}, subj="notme"),
        T("{X}对{O}很热情", "{X} is very warm to {O}", {"X": THE_HEADS}, subj="none"),
        T("{S}对{O}很热情", "{S} {be} very warm to {O}"),
        T("{C}的人很热情", "the people in {C} are very warm", {"C": CITIES}, subj="none"),
        T("老王是{O}的{X}", "old Wang is {OP} {X}",
          {"X": [("同事", "colleague"), ("邻居", "neighbor"), ("老朋友", "old friend")]}, subj="none"),
        T("{S}给老王打了电话", "{S} called old Wang"),
        T("{S}是{X}", "{S} {be} {X}", {"X": ONE_OF_CROWD}, subj="single"),
        T("{W}{X}很多", "there are a lot of {X} {W}", {"W": WHEN, "X": CROWDS}, subj="none"),
        T("{W}{X}不多", "there are not many {X} {W}", {"W": WHEN, "X": CROWDS}, subj="none"),
        T("{X}越来越多了", "there are more and more {X}", {"X": CROWDS}, subj="none"),
        T("这里有许多{X}", "there are many {X} here", {"X": CROWDS}, subj="none"),
        T("{L}有许多{X}", "there are many {X} in {L}", {"L": CITIES, "X": CROWDS[:2] + CROWDS[5:]}, subj="none"),
        T("{X}不能进入{Y}", "{X} cannot enter {Y}", {"X": [CROWDS[0], CROWDS[3], CROWDS[8]], "Y": ENTER},
          subj="none"),
        T("{S}不能进入{Y}", "{S} cannot enter {Y}", {"Y": ENTER}),
        T("{S}很关心{X}", "{S} {care|cares} about {X}", {"X": CARED}),
        T("这本书很适合{X}", "this book is good for {X}", {"X": CARED}, subj="none"),
        T("{X}要注意安全", "{X} must be careful",
          {"X": [CROWDS[3], CROWDS[0], CROWDS[1], CROWDS[6]]}, subj="none"),
        T("这条路上{X}很多", "there are a lot of {X} on this road", {"X": [CROWDS[3], CROWDS[8]]}, subj="none"),
        T("{S}的身边有很多朋友", "{S} {have|has} many friends around {Ro}", subj="pron"),
        T("{S}一直在{O}身边", "{S} {have|has} always been by {OP} side"),
        T("{S}站在{O}面前", "{S} {be} standing in front of {O}"),
        T("{S}在{O}面前哭了", "{S} cried in front of {O}"),
        T("{S}是{O}真正的朋友", "{S} {be} {OP} true friend", subj="single"),
        T("{S}真正喜欢的是{X}", "what {S} really {like|likes} is {X}", {"X": HOBBIES}),
        T("{S}长大了", "{S} {have|has} grown up"),
        T("{S}是在{C}长大的", "{S} grew up in {C}", {"C": CITIES}),
        T("{S}长大以后想当{X}", "{S} {want|wants} to be {X} when {R} {grow|grows} up", {"X": DREAMS},
          subj="pron"),
        T("{S}的样子一点儿也没变", "{S} {have|has} not changed at all", subj="pron"),
        T("{S}长什么样子", "what {do|does} {S} look like ?", subj="notme"),
        T("{S}还记得{O}的样子", "{S} still {remember|remembers} what {O} looked like"),
        T("{S}不喜欢{O}的行为", "{S} {do|does} not like {OP} behavior"),
        T("这种行为不好", "this kind of behavior is not good", subj="none"),
        T("{S}马上行动了", "{S} took action right away"),
        T("{S}的体温正常吗", "is {P} temperature normal ?", subj="pron"),
        T("{S}的体温不正常", "{P} temperature is not normal", subj="pron"),
        T("{S}的体温正常", "{P} temperature is normal", subj="pron"),
        T("{X}是很正常的", "{X} is quite normal", {"X": NORMAL}, subj="none"),
        T("{S}喜欢自由", "{S} {like|likes} freedom"),
        T("{S}想过自由的生活", "{S} {want|wants} to live a free life"),
        T("{S}相信爱情", "{S} {believe|believes} in love"),
        T("{S}不相信爱情", "{S} {do|does} not believe in love"),
        T("{S}喜欢看爱情电影", "{S} {like|likes} to watch romance movies"),
        T("{S}的收入很高", "{P} income is very high", subj="pron"),
        T("{S}的收入不高", "{P} income is not high", subj="pron"),
        T("{S}的收入比以前高了", "{P} income is higher than before", subj="pron"),
        T("{S}的理想是当{X}", "{P} dream is to be {X}", {"X": DREAMS}, subj="pron"),
    ]),
    "things": ("shopping", [
        T("{S}的{X}找不到了", "{S} cannot find {P} {X}", {"X": MISSING}),
        T("{S}忘了{F}", "{S} forgot to {F}", {"F": FORGET}),
        T("{S}去银行办了一张银行卡", "{S} got a bank card at the bank"),
        T("可以用银行卡吗", "can I use a bank card ?", subj="none"),
        T("用{X}很方便", "using {X} is very convenient", {"X": HELPFUL}, subj="none"),
        T("住在{L}附近很方便", "living near {L} is very convenient", {"L": PLACES[2:11]}, subj="none"),
        T("这里{X}很方便", "{X} here is very convenient",
          {"X": [("坐车", "taking the bus"), ("买东西", "buying things"), ("吃饭", "eating")]}, subj="none"),
        T("你什么时候方便", "when is it convenient for you ?", subj="none"),
        T("{S}在吃{X}", "{S} {be} eating {X}", {"X": FOODS}),
        T("{S}喜欢吃{X}", "{S} {like|likes} to eat {X}", {"X": FOODS}),
        T("{S}不习惯吃西餐", "{S} {be} not used to eating western food"),
        T("{S}想吃中餐还是西餐", "{do|does} {S} want Chinese food or western food ?", subj="notme"),
        T("{S}买了{N}包方便面", "{S} bought {N} packs of instant noodles", {"N": _nums([2, 3, 4, 5])}),
        T("{S}不能吃这种食物", "{S} cannot eat this kind of food"),
        T("{C}的食物很好吃", "the food in {C} is delicious", {"C": CITIES}, subj="none"),
        T("{S}带了很多食物", "{S} brought a lot of food"),
        T("{S}去药店买{M}", "{S} {go|goes} to the pharmacy to buy {M}", {"M": MEDICINE[:2] + [("药", "medicine")]}),
        T("{S}在{X}工作", "{S} {work|works} at a {X}", {"X": SHOPS}),
        T("{X}在哪儿", "where is the {X} ?", {"X": SHOPS}, subj="none"),
        T("{X}在{L}旁边", "the {X} is next to {L}", {"X": SHOPS, "L": PLACES[2:11]}, subj="none"),
        T("路边有一家{X}", "there is a {X} by the road", {"X": SHOPS + [("饭馆", "restaurant")]}, subj="none"),
        T("{S}住在这家酒店", "{S} {be} staying at this hotel"),
        T("这家酒店很{A}", "this hotel is very {A}",
          {"A": [("贵", "expensive"), ("大", "big"), ("干净", "clean"), ("安静", "quiet")]}, subj="none"),
        T("{S}一天吃{N}次药片", "{S} {take|takes} pills {N} times a day", {"N": _nums([2, 3])}),
        T("这个药水很苦", "this liquid medicine is very bitter", subj="none"),
        T("请帮我称一下{X}", "please weigh {X} for me", {"X": WEIGH}, subj="none"),
        T("{S}称了一下{X}", "{S} weighed {X}", {"X": WEIGH}),
        T("{S}把{X}", "{S} put {X}", {"X": PACK}),
        T("{S}在装{X}", "{S} {be} packing {X}", {"X": [("箱子", "the suitcase"), ("书包", "{P} schoolbag")]},
          subj="single"),
        T("{X}里头有什么", "what is in {X} ?", {"X": INSIDE}, subj="none"),
        T("{S}的书包里头有什么", "what is in {P} schoolbag ?", subj="pron"),
        T("{X}", "{X}", {"X": HOLDS}, subj="none"),
        T("{X}是空的", "{X} is empty", {"X": [("这个瓶子", "this bottle"), ("这个箱子", "this suitcase"),
                                             ("这个杯子", "this cup"), ("这个书包", "this schoolbag")]}, subj="none"),
        T("{S}打开了瓶子", "{S} opened the bottle"),
        T("{S}在院子里{V}", "{S} {be} {V} in the yard",
          {"V": [("看书", "reading"), ("玩", "playing"), ("打球", "playing ball")]}),
        T("{S}把车停在路边", "{S} parked {P} car by the road", subj="single"),
        T("{S}在路边等着{O}", "{S} {be} waiting for {O} by the road"),
        T("这条道路很{A}", "this road is very {A}", {"A": [("宽", "wide"), ("长", "long"), ("干净", "clean")]},
          subj="none"),
        T("{C}的道路很{A}", "the roads in {C} are very {A}", {"C": CITIES, "A": [("干净", "clean"), ("宽", "wide")]},
          subj="none"),
        T("路上没有{X}", "there are no {X} on the road", {"X": [CROWDS[3], CROWDS[8]]}, subj="none"),
        T("道路上的车辆很多", "there are many vehicles on the road", subj="none"),
        T("{X}这么贵", "{X} is so expensive", {"X": THINGS}, subj="none"),
        T("{X}", "{X}", {"X": _ugly()}, subj="none"),
        T("{X}很难听", "{X} sounds terrible", {"X": SONGS}, subj="none"),
        T("{S}唱歌很难听", "{S} {sing|sings} terribly"),
        T("{S}的字很难看", "{P} handwriting is ugly", subj="pron"),
        T("{S}每天看{N}", "{S} {read|reads} the {N} every day", {"N": PAPERS}),
        T("{S}在看{N}", "{S} {be} reading the {N}", {"N": PAPERS}),
        T("{S}买了一份{N}", "{S} bought {N}", {"N": [("日报", "a daily paper"), ("晚报", "an evening paper")]}),
        T("这个{X}很有用", "this {X} is very useful",
          {"X": [("网站", "website"), ("方法", "method"), ("笔记本", "notebook")]}, subj="none"),
        T("{S}的笔记很有用", "{P} notes are very useful", subj="pron"),
        T("{S}常常上这个网站", "{S} often {visit|visits} this website"),
        T("{S}在这个网站上买了{X}", "{S} bought {X} on this website", {"X": BOUGHT_ONLINE}),
        T("这里的道路很{A}", "the roads here are very {A}", {"A": [("干净", "clean"), ("宽", "wide")]},
          subj="none"),
        T("现在很流行{X}", "{X} is very popular now", {"X": TRENDS}, subj="none"),
        T("{C}的道路越来越宽了", "the roads in {C} are getting wider and wider", {"C": CITIES}, subj="none"),
        T("这首歌很流行", "this song is very popular", subj="none"),
        T("{X}在{C}很流行", "{X} is very popular in {C}",
          {"X": [("这首歌", "this song"), ("排球", "volleyball"), ("西餐", "western food")] + TRENDS, "C": CITIES},
          subj="none"),
    ]),
    "school": ("school", [
        T("{S}在做笔记", "{S} {be} taking notes"),
        T("{S}借了{O}的笔记", "{S} borrowed {OP} notes"),
        T("{S}买了一个新笔记本", "{S} bought a new notebook"),
        T("请拿出笔记本", "please take out your notebook", subj="none"),
        T("{S}从包里拿出了{X}", "{S} took {X} out of {P} bag", {"X": TAKE_OUT}),
        T("{S}记不住这些{X}", "{S} cannot remember these {X}", {"X": STUDY_ITEMS}),
        T("{S}记住了这些{X}", "{S} remembered these {X}", {"X": STUDY_ITEMS}),
        T("这些{X}很难", "these {X} are difficult", {"X": STUDY_ITEMS}, subj="none"),
        T("这个字的读音是什么", "what is the pronunciation of this character ?", subj="none"),
        T("这个词有{N}个音节", "this word has {N} syllables", {"N": _nums([2, 3, 4])}, subj="none"),
        T("{S}不知道这个词语的意思", "{S} {do|does} not know the meaning of this word"),
        T("{X}", "{X}", {"X": _same()}, subj="none"),
        T("{W}的{X}相同", "{W} have the same {X}", {"W": [("我们", "we"), ("你们", "you"), ("他们", "they")],
                                                   "X": VIEWS}, subj="none"),
        T("{S}喜欢数字{N}", "{S} {like|likes} the number {N}", {"N": _nums([3, 6, 7, 8, 9])}),
        T("这个数字对吗", "is this number right ?", subj="none"),
        T("{S}在学计算机", "{S} {be} studying computer science"),
        T("{S}会用计算机", "{S} can use a computer"),
        T("{S}的计算机坏了", "{P} computer is broken", subj="pron"),
        T("{S}在上高中", "{S} {be} in high school", subj="pron"),
        T("{S}是高中生", "{S} {be} a high school student", subj="third"),
        T("{S}高中毕业了", "{S} {have|has} graduated from high school"),
        T("课堂上不能{V}", "you must not {V} in class", {"V": CLASS_RULES}, subj="none"),
        T("课堂上{S}很认真", "{S} {be} very attentive in class"),
        T("{X}在讲话", "{X} is speaking", {"X": THE_HEADS}, subj="none"),
        T("{S}在讲话", "{S} {be} speaking"),
        T("请不要讲话", "please do not talk", subj="none"),
        T("这是重点", "this is the key point", subj="none"),
        T("{S}要记住这些重点", "{S} {need|needs} to remember these key points"),
        T("{S}遇到了一个难题", "{S} ran into a difficult problem"),
        T("这个难题{S}不会做", "{S} cannot solve this difficult problem"),
        T("大部分{X}都来了", "most of the {X} came",
          {"X": [("学生", "students"), ("同学", "classmates"), ("老师", "teachers"), ("考生", "examinees")]},
          subj="none"),
        T("这本书{S}只看了一部分", "{S} only read part of this book"),
        T("{S}在{X}做教学工作", "{S} {do|does} teaching work at {X}", {"X": WORK_AT}),
        T("{S}的教学方法很好", "{P} teaching methods are very good", subj="pron"),
        T("这个学校的教学很好", "the teaching at this school is very good", subj="none"),
        T("{S}很重视{X}", "{S} {take|takes} {X} very seriously", {"X": VALUE}),
        T("{S}在大学学教育", "{S} {study|studies} education at university"),
        T("{S}的学习方法很好", "{P} study method is very good", subj="pron"),
        T("这个方法很好", "this method is very good", subj="none"),
        T("{S}想了一个方法", "{S} thought of a way"),
        T("{S}在这方面{X}", "{S} {X}", {"X": AREA}),
        T("{S}想看这方面的书", "{S} {want|wants} to read books in this area"),
        T("{S}认为{X}", "{S} {think|thinks} {X}", {"X": THINK}),
        T("{S}不认为{X}", "{S} {do|does} not think {X}", {"X": THINK[:1] + THINK[2:]}),
        T("{S}同意{O}的看法", "{S} {agree|agrees} with {OP} view"),
        T("{S}不同意{O}的观点", "{S} {do|does} not agree with {OP} point of view"),
        T("{S}的观点很清楚", "{P} point of view is very clear", subj="pron"),
        T("{S}应该从{O}的角度想一想", "{S} should think about it from {OP} perspective"),
        T("{S}说得有道理", "what {S} said makes sense"),
        T("{S}的话很有道理", "{P} words make a lot of sense", subj="pron"),
        T("{S}不懂这个道理", "{S} {do|does} not understand this"),
        T("{S}来{C}的目的是{V}", "{P} purpose in coming to {C} is to {V}", {"C": CITIES, "V": GOALS}, subj="pron"),
        T("这个{X}有什么特点", "what is special about this {X} ?", {"X": FEATURE_OF}, subj="none"),
        T("这个{X}的特点是什么", "what are the features of this {X} ?", {"X": FEATURE_OF}, subj="none"),
        T("{C}菜有什么特点", "what is special about {C} food ?", {"C": CITIES}, subj="none"),
        T("{S}有机会去{C}", "{S} {have|has} a chance to go to {C}", {"C": CITIES}),
        T("{S}希望有机会去{C}", "{S} {hope|hopes} to have a chance to go to {C}", {"C": CITIES}),
        T("这是一个好机会", "this is a good chance", subj="none"),
        T("{S}走错方向了", "{S} went the wrong way"),
        T("这个方向对吗", "is this the right direction ?", subj="none"),
        T("{L}在哪个方向", "which direction is {L} in ?", {"L": PLACES[2:11]}, subj="none"),
        T("{X}的条件很好", "the conditions at {X} are very good", {"X": CONDITIONS_AT}, subj="none"),
        T("这里的条件不太好", "the conditions here are not very good", subj="none"),
        T("{S}有一个条件", "{S} {have|has} one condition"),
        T("{S}通过了{E}", "{S} passed {E}", {"E": EXAMS}),
        T("{S}没通过{E}", "{S} did not pass {E}", {"E": EXAMS}),
        T("{S}在学高级汉语", "{S} {be} learning advanced Chinese"),
        T("{S}上高级班", "{S} {be} in the advanced class"),
        T("{S}的{Y}是高级水平", "{P} {Y} is at an advanced level", {"Y": LANGS}, subj="pron"),
        T("{S}希望能够{V}", "{S} {hope|hopes} to be able to {V}", {"V": ABLE}),
        T("{S}能够{V}", "{S} {be} able to {V}", {"V": ABLE}),
        T("请重新{V}一遍", "please {V} it again", {"V": [(z, b) for z, b, _ in AGAIN]}, subj="none"),
        T("{S}重新{V}了一遍", "{S} {V} it again", {"V": [(z, p) for z, _, p in AGAIN]}),
        T("{S}要重新开始", "{S} {want|wants} to start again"),
        T("请重复{X}", "please repeat {X}", {"X": REPEAT}, subj="none"),
        T("{S}重复了{X}", "{S} repeated {X}", {"X": REPEAT}),
        T("请再重复一遍", "please repeat it again", subj="none"),
        T("请说明{X}", "please explain {X}", {"X": EXPLAIN}, subj="none"),
        T("{S}说明了{X}", "{S} explained {X}", {"X": EXPLAIN}),
        T("这个{X}表示什么意思", "what is the meaning of this {X} ?",
          {"X": [("词", "word"), ("字", "character"), ("句子", "sentence")]}, subj="none"),
    ]),
    "events": ("hobbies", [
        T("{E}{H}点开始", "{E} starts at {H}", {"E": EVENTS, "H": HOURS}, subj="none"),
        T("{E}几点开始", "what time does {E} start ?", {"E": EVENTS}, subj="none"),
        T("{S}去参加{E}了", "{S} went to {E}", {"E": EVENTS}),
        T("{S}不想去{E}", "{S} {do|does} not want to go to {E}", {"E": EVENTS}),
        T("{S}明天去听音乐会", "{S} will go to a concert tomorrow"),
        T("{E}正在进行", "{E} is in progress", {"E": GOING_ON}, subj="none"),
        T("{E}进行了{N}", "{E} lasted {N}", {"E": GOING_ON, "N": LASTED}, subj="none"),
        T("学校有很多活动", "the school has many activities", subj="none"),
        T("{S}喜欢参加学校的活动", "{S} {like|likes} to take part in school activities"),
        T("{S}喜欢打{B}", "{S} {like|likes} to play {B}", {"B": BALLS[:1]}),
        T("{S}会打排球吗", "can {S} play volleyball ?", subj="notme"),
        T("{S}去球场打{B}", "{S} {go|goes} to the court to play {B}", {"B": BALLS}),
        T("{S}在球场上打{B}", "{S} {be} playing {B} on the court", {"B": BALLS}),
        T("{S}是排球队的队长", "{S} {be} the captain of the volleyball team", subj="single"),
        T("{S}的球队赢了", "{P} team won", subj="pron"),
        T("{S}的球队输了", "{P} team lost", subj="pron"),
        T("{S}想参加学校的球队", "{S} {want|wants} to join the school team"),
        T("这个球队由{N}个人组成", "this team is made up of {N} people", {"N": _nums(range(5, 13))}, subj="none"),
        T("这个词由{N}个字组成", "this word is made up of {N} characters", {"N": _nums([2, 3, 4])},
          subj="none"),
        T("这个小组由{N}个人组成", "this group is made up of {N} people", {"N": _nums(range(3, 9))}, subj="none"),
        T("我们班由{N}个学生组成", "our class is made up of {N} students",
          {"N": _nums([12, 15, 18, 20, 24, 25, 30, 32])}, subj="none"),
        T("{S}喜欢运动，比如{X}", "{S} {like|likes} sports , for example {X}", {"X": EXAMPLES_OF}),
        T("{S}喜欢吃水果，比如说{F}", "{S} {like|likes} fruit , for example {F}", {"F": FRUIT}),
        T("{S}很会讲{J}", "{S} {be} very good at telling jokes", {"J": JOKES}),
        T("{S}给{O}讲了一个{J}", "{S} told {O} a joke", {"J": JOKES}),
        T("{S}讲的{J}不好笑", "the joke {S} told is not funny", {"J": JOKES}),
        T("{S}在笑话{O}", "{S} {be} laughing at {O}"),
        T("我们的校园很{A}", "our campus is very {A}",
          {"A": [("大", "big"), ("漂亮", "beautiful"), ("安静", "quiet"), ("干净", "clean")]}, subj="none"),
        T("{S}在校园里散步", "{S} {be} taking a walk on campus"),
        T("{S}最喜欢的节日是{X}", "{P} favorite holiday is {X}",
          {"X": [("春节", "the Spring Festival"), ("新年", "new year")]},
          subj="pron"),
        T("今天是什么节日", "what holiday is it today ?", subj="none"),
        T("节日的时候{S}回{C}", "{S} {go|goes} back to {C} for the holidays", {"C": CITIES}),
        T("{S}回家过年", "{S} {go|goes} home for the Spring Festival"),
        T("{S}今年在{C}过年", "{S} will spend the Spring Festival in {C} this year", {"C": CITIES}),
        T("{S}很想见到{O}", "{S} really {want|wants} to see {O}"),
        T("{S}在{L}见到了{O}", "{S} saw {O} at {L}", {"L": PLACES[2:]}),
        T("{S}在{L}碰见了{O}", "{S} ran into {O} at {L}", {"L": PLACES[2:]}),
        T("{S}见过{O}", "{S} {have|has} met {O}"),
        T("{S}没见过{O}", "{S} {have|has} never met {O}"),
        T("{S}见过{O}吗", "{have|has} {S} met {O} ?", subj="notme"),
    ]),
    "nature": ("weather", [
        T("今天晚上的月亮很{A}", "the moon is very {A} tonight", {"A": MOON}, subj="none"),
        T("{S}在看{X}", "{S} {be} looking at {X}", {"X": SKY}),
        T("{S}喜欢看{X}", "{S} {like|likes} to look at {X}", {"X": SKY}),
        T("今天晚上没有{X}", "there {X} tonight",
          {"X": [("星星", "are no stars"), ("月亮", "is no moon")]}, subj="none"),
        T("这里的空气{A}", "the air here is {A}", {"A": AIR}, subj="none"),
        T("{C}的空气{A}", "the air in {C} is {A}", {"C": CITIES, "A": AIR}, subj="none"),
        T("今天的气温是{N}度", "the temperature today is {N} degrees", {"N": DEGREES}, subj="none"),
        T("{C}今天的气温是{N}度", "the temperature in {C} today is {N} degrees", {"C": CITIES, "N": DEGREES},
          subj="none"),
        T("{S}喜欢这里的空气", "{S} {like|likes} the air here"),
        T("气温越来越高了", "the temperature is getting higher and higher", subj="none"),
        T("气温超过了{N}度", "the temperature went above {N} degrees", {"N": DEGREES[3:]}, subj="none"),
        T("{X}", "{X}", {"X": _season()}, subj="none"),
        T("{S}{M}去{C}", "{S} will go to {C} in {M}", {"M": MONTH_ROWS, "C": CITIES}),
        T("{S}最喜欢哪个月份", "which month {do|does} {S} like best ?", subj="notme"),
        T("一年有十二个月份", "there are twelve months in a year", subj="none"),
        T("{S}的老家在中国{D}", "{P} hometown is in {D} China", {"D": REGIONS}, subj="pron"),
        T("{S}想去中国{D}旅游", "{S} {want|wants} to travel in {D} China", {"D": REGIONS}),
        T("{S}住在{C}的{D}", "{S} {live|lives} in the {D} of {C}", {"C": CITIES, "D": REGIONS}),
        T("{S}对西方文化很感兴趣", "{S} {be} very interested in western culture"),
        T("{S}喜欢西方音乐", "{S} {like|likes} western music"),
        T("{S}是西医", "{S} {be} a doctor of western medicine", subj="single"),
        T("{S}在学西医", "{S} {be} studying western medicine"),
        T("{S}想看西医", "{S} {want|wants} to see a doctor of western medicine"),
        T("{S}的飞机{H}点起飞", "{P} plane takes off at {H}", {"H": HOURS}, subj="pron"),
        T("飞机已经起飞了", "the plane has already taken off", subj="none"),
        T("飞机还没起飞", "the plane has not taken off yet", subj="none"),
    ]),
    "verbs": ("work", [
        T("{S}拿到了{X}", "{S} got {X}", {"X": GOT}),
        T("{S}还没拿到{X}", "{S} {have|has} not got {X} yet", {"X": GOT}),
        T("{S}接到了{O}的电话", "{S} got a phone call from {O}"),
        T("{S}接到了{O}的短信", "{S} got a text message from {O}"),
        T("{S}还没接到通知", "{S} {have|has} not received the notice yet"),
        T("{S}收到了学校的通知", "{S} received a notice from the school"),
        T("{S}已经通知{O}了", "{S} {have|has} already informed {O}"),
        T("请通知{X}", "please inform {X}", {"X": [("他", "him"), ("她", "her"), ("他们", "them"), ("老王", "old Wang"),
                                               ("大家", "everyone")]}, subj="none"),
        T("{S}给{O}发了一条短信", "{S} sent {O} a text message"),
        T("{S}接受了{O}的{X}", "{S} accepted {OP} {X}", {"X": REQUESTS + [("礼物", "gift")]}),
        T("{S}不接受{O}的{X}", "{S} {do|does} not accept {OP} {X}", {"X": REQUESTS + [("礼物", "gift")]}),
        T("{S}答应了{O}的{X}", "{S} agreed to {OP} {X}", {"X": REQUESTS}),
        T("{S}答应了", "{S} agreed"),
        T("{S}没答应", "{S} did not agree"),
        T("{S}提出了一个{X}", "{S} {X}", {"X": [("问题", "raised a question"), ("要求", "made a request")]}),
        T("{S}要求{O}{V}", "{S} asked {O} to {V}", {"V": ASKED_TO}),
        T("{S}请求{O}帮助", "{S} asked {O} for help"),
        T("{S}求{O}帮忙", "{S} begged {O} for help"),
        T("{S}不想求{O}", "{S} {do|does} not want to beg {O}"),
        T("{S}提到了{O}", "{S} mentioned {O}"),
        T("{S}没提到{X}", "{S} did not mention {X}", {"X": MENTION}),
        T("{S}放下了{X}", "{S} put down {X}", {"X": PUT_DOWN}),
        T("请放下{X}", "please put down {X}", {"X": PUT_DOWN[1:]}, subj="none"),
        T("{S}留下了电话号码", "{S} left {P} phone number"),
        T("{S}想在{C}留下来", "{S} {want|wants} to stay in {C}", {"C": CITIES}),
        T("{S}把这本书送给了{O}", "{S} gave this book to {O}"),
        T("{S}送给{O}{X}", "{S} gave {O} {X}", {"X": GIFTS}),
        T("{S}把{O}送到了{L}", "{S} took {O} to {L}", {"L": TO_PLACES}),
        T("{S}离开了{L}", "{S} left {L}", {"L": PLACES[:11]}),
        T("{S}明天离开{C}", "{S} will leave {C} tomorrow", {"C": CITIES}),
        T("{S}不想离开{C}", "{S} {do|does} not want to leave {C}", {"C": CITIES}),
        T("{S}走开了", "{S} walked away"),
        T("请走开", "please go away", subj="none"),
        T("{S}走过这条路", "{S} {have|has} walked this road before"),
        T("{S}没走过这条路", "{S} {have|has} never walked this road"),
        T("{S}走进了{L}", "{S} walked into {L}", {"L": ROOMS}),
        T("{S}过来了", "{S} came over"),
        T("请过来一下", "please come over here", subj="none"),
        T("{S}走过来了", "{S} walked over"),
        T("{S}每天经过{L}", "{S} {pass|passes} {L} every day", {"L": PLACES[2:11]}),
        T("{S}经过{L}的时候碰见了{O}", "{S} ran into {O} when {R} passed {L}", {"L": PLACES[2:8]}),
        T("{S}在向{O}问路", "{S} {be} asking {O} for directions"),
        T("{S}在路边问路", "{S} {be} asking for directions by the road"),
        T("{S}骑车去{L}", "{S} {ride|rides} a bike to {L}", {"L": PLACES[2:]}),
        T("{S}每天骑车上班", "{S} {ride|rides} a bike to work every day"),
        T("{S}不会骑车", "{S} cannot ride a bike"),
        T("{S}点了点头", "{S} nodded"),
        T("{S}点头表示同意", "{S} nodded in agreement"),
        T("{S}没点头", "{S} did not nod"),
        T("{S}向{O}表示了感谢", "{S} expressed {P} thanks to {O}"),
        T("{S}改变了主意", "{S} changed {P} mind"),
        T("{S}的生活改变了很多", "{P} life has changed a lot", subj="pron"),
        T("{S}相信{O}", "{S} {believe|believes} {O}"),
        T("{S}不相信{O}", "{S} {do|does} not believe {O}"),
        T("{S}相信{O}吗", "{do|does} {S} believe {O} ?", subj="notme"),
        T("{S}每天工作超过{N}个小时", "{S} {work|works} more than {N} hours a day", {"N": _nums([8, 10, 12])}),
        T("{S}一直等到{H}点", "{S} waited until {H}", {"H": HOURS}),
        T("等到明天再说吧", "let us wait until tomorrow", subj="none"),
    ]),
    "adverbs": ("time", [
        T("{S}不是故意的", "{S} did not do it on purpose"),
        T("{S}是故意的", "{S} did it on purpose"),
        T("{S}故意不接{O}的电话", "{S} did not answer {OP} call on purpose"),
        T("{S}正好在家", "{S} happened to be at home"),
        T("{S}正好在{L}", "{S} happened to be at {L}", {"L": PLACES[2:11]}),
        T("一共正好{N}块", "it is exactly {N} yuan in total",
          {"N": [(num_zh(n), num_en(n)) for n in (10, 20, 50, 100)]}, subj="none"),
        T("这正是{S}想要的{X}", "this is exactly the {X} {S} {want|wants}",
          {"X": [("书", "book"), ("手机", "phone"), ("工作", "job")]}),
        T("这正是{S}要找的{X}", "this is exactly the {X} {S} {be} looking for",
          {"X": [("书", "book"), ("笔记本", "notebook"), ("酒店", "hotel")]}),
        T("明天下雨的话，{S}就不去{L}了", "if it rains tomorrow , {S} will not go to {L}", {"L": PLACES}),
        T("{S}有时间的话，想去{L}", "if {S} {have|has} time , {R} {want|wants} to go to {L}", {"L": PLACES}),
        T("你不舒服的话，就去医院吧", "if you do not feel well , go to the hospital", subj="none"),
        T("{S}直接回家了", "{S} went straight home"),
        T("{S}直接去了{L}", "{S} went straight to {L}", {"L": PLACES}),
        T("{S}说话很直接", "{S} {speak|speaks} very directly"),
        T("{S}老是{X}", "{S} {X}", {"X": HABITS}),
        T("{S}有许多{X}", "{S} {have|has} many {X}",
          {"X": [("朋友", "friends"), ("书", "books"), ("问题", "questions"), ("爱好", "hobbies")]}),
        T("{S}今天怎么这么{A}", "why {be} {S} so {A} today ?", {"A": SO_ADJ}, subj="notme"),
        T("今天怎么这么{A}", "why is it so {A} today ?", {"A": [("冷", "cold"), ("热", "hot")]}, subj="none"),
        T("{S}没有{O}那么{A}", "{S} {be} not as {A} as {O}",
          {"A": [("高", "tall"), ("忙", "busy"), ("累", "tired")]}, subj="pron"),
        T("{X}", "{X}", {"X": _not_so()}, subj="none"),
        T("{S}不应该那样做", "{S} should not do that"),
        T("{S}应该这样做", "{S} should do it this way"),
        T("{S}不是那样的人", "{S} {be} not that kind of person", subj="single"),
        T("原来是这样", "so that is how it is", subj="none"),
        T("{W}{S}住在{C}", "{S} lived in {C} {W}", {"W": THEN, "C": CITIES}),
        T("{W}{S}还很小", "{S} {was} still very young {W}", {"W": THEN}),
        T("{W}{S}在{C}工作", "{S} worked in {C} {W}", {"W": THEN, "C": CITIES}),
        T("{W}{S}的手机响了", "just then {P} phone rang", {"W": JUST_THEN}, subj="pron"),
        T("{W}{S}走进了{L}", "just then {S} walked into {L}", {"W": JUST_THEN, "L": ROOMS}),
        T("{W}{S}来了", "just then {S} came", {"W": JUST_THEN}),
        T("这段时间{S}很忙", "{S} {have|has} been very busy lately"),
        T("{S}学了一段时间{Y}", "{S} studied {Y} for a while", {"Y": LANGS}),
        T("{S}休息了一段时间", "{S} rested for a while"),
        T("那段日子{S}很{A}", "{S} {was} very {A} in those days", {"A": MOODS}),
        T("这些日子{S}很{A}", "{S} {have|has} been very {A} these days", {"A": MOODS}),
        T("今天是个好日子", "today is a good day", subj="none"),
        T("接下来{S}去{L}", "next , {S} will go to {L}", {"L": PLACES}),
        T("接下来我们做什么", "what shall we do next ?", subj="none"),
        T("接下来请{V}", "next , please {V}",
          {"V": [("读课文", "read the text"), ("看第十页", "look at page ten"), ("做练习", "do the exercises")]},
          subj="none"),
        T("结果{S}没去{L}", "in the end {S} did not go to {L}", {"L": PLACES}),
        T("考试的结果出来了", "the exam results are out", subj="none"),
        T("{S}知道结果了吗", "{do|does} {S} know the result ?", subj="notme"),
        T("过去{S}住在{C}", "{S} used to live in {C}", {"C": CITIES}),
        T("{S}过去是{X}", "{S} used to be {X}", {"X": DREAMS}, subj="single"),
    ]),
}

CAP = 40  # at most this many distinct sentences from one template: enough for every row, no flood


def _families() -> dict:
    out = {}
    for group, (topic, templates) in GROUPS.items():
        for i, t in enumerate(templates):
            sampler = tagged(lambda rng, t=t: sample(t, rng), topic)
            out[f"hsk_l12_b_{group}_{i:02d}"] = (sampler, min(CAP, n_combos(t)))
    return out


FAMILIES = _families()
EXAMPLES: dict = {}
