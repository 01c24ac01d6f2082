"""Everyday life: family, food and colours, clothes, hobbies, people at work, remembering and forgetting,
result complements (做完, 听懂, 找到), tickets and prices, floors and streets, the classroom.

Conventions::

    我家有四口人                  there are four people in my family
    我的手机坏了                  my phone is broken
    他忘了带护照                  he forgot to bring his passport
    我买了两张机票                I bought two plane tickets
    这件衬衫三十块钱              this shirt is thirty yuan
    请看第十页                    please look at page ten
"""

from __future__ import annotations

from .connectives import PLACES
from .numbers import num_en, num_zh, ordinal_en
from .templates import PEOPLE, T, families, find, fixed, render

_N = [2, 3, 4, 5, 6]
OBJECTS = [("钱包", "wallet"), ("手机", "phone"), ("书包", "schoolbag"), ("护照", "passport"), ("本子", "notebook"),
           ("手表", "watch"), ("车票", "ticket"), ("信用卡", "credit card")]
BROKEN = [("手机", "phone"), ("电脑", "computer"), ("手表", "watch"), ("自行车", "bike"), ("电视机", "TV"),
          ("洗衣机", "washing machine"), ("相机", "camera")]
FORGOT = [("关灯", "turn off the light"), ("关门", "close the door"), ("带钱包", "bring {P} wallet"),
          ("带护照", "bring {P} passport"), ("带手机", "bring {P} phone"), ("交作业", "hand in {P} homework"),
          ("买票", "buy the tickets")]
HOBBIES = [("看书", "reading"), ("唱歌", "singing"), ("跳舞", "dancing"), ("游泳", "swimming"),
           ("打球", "playing ball"), ("旅行", "traveling"), ("听音乐", "listening to music"), ("画画儿", "drawing"),
           ("上网", "surfing the internet")]
ROLES = [("同学", "classmate"), ("同事", "colleague"), ("经理", "manager"), ("老朋友", "old friend"),
         ("网友", "online friend"), ("邻居", "neighbor")]
OWNERS = [("我", "my"), ("你", "your"), ("我们", "our")]
COLOURS = [("红色", "red"), ("蓝色", "blue"), ("白色", "white"), ("黑色", "black"), ("绿色", "green"),
           ("黄色", "yellow")]
DISHES = [("这个菜", "this dish"), ("这碗汤", "this soup"), ("这块蛋糕", "this cake"), ("这杯咖啡", "this coffee"),
          ("这杯茶", "this tea")]
TASTE = [("很好", "good"), ("不错", "good")]
CLOTHES = [("这双鞋", "these shoes", True), ("这双球鞋", "these sneakers", True), ("这条裤子", "these trousers", True),
           ("这件衬衫", "this shirt", False), ("这条裙子", "this skirt", False), ("这件大衣", "this coat", False)]
FIT = [("太大了", "too big"), ("太小了", "too small"), ("太长了", "too long"), ("太短了", "too short")]
TICKETS = [("票", "ticket"), ("车票", "train ticket"), ("机票", "plane ticket"), ("电影票", "movie ticket"),
           ("门票", "entrance ticket")]
PRICED = [("这件衬衫", "this shirt"), ("这本书", "this book"), ("这个书包", "this schoolbag"),
          ("这双鞋", "these shoes"), ("这个杯子", "this cup"), ("这把椅子", "this chair")]
BIG_PRICED = [("这个手机", "this phone"), ("这台电脑", "this computer"), ("这辆自行车", "this bike"),
              ("这块手表", "this watch"), ("这辆车", "this car")]
PRICES = [5, 8, 10, 15, 20, 30, 50, 80, 100]
BIG_PRICES = [("三万", "thirty thousand"), ("十万", "one hundred thousand"),
              ("一千", "one thousand"), ("两千", "two thousand"), ("三千", "three thousand"),
              ("五千", "five thousand"), ("一万", "ten thousand"), ("两万", "twenty thousand")]
MINUTES = [("五分钟", "five minutes"), ("十分钟", "ten minutes"), ("十五分钟", "fifteen minutes"),
           ("二十分钟", "twenty minutes"), ("半个小时", "half an hour"), ("一个半小时", "an hour and a half"),
           ("一刻钟", "a quarter of an hour")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CITIES = [("北京", "Beijing"), ("上海", "Shanghai"), ("南京", "Nanjing"), ("广州", "Guangzhou")]
ON_TABLE = [("一本书", "a book", "is"), ("两本书", "two books", "are"), ("一杯茶", "a cup of tea", "is"),
            ("一个手机", "a phone", "is"), ("三个苹果", "three apples", "are"), ("一个钱包", "a wallet", "is")]
ON_WALL = [("一张地图", "a map", "is"), ("一张照片", "a photo", "is"), ("两张照片", "two photos", "are"),
           ("一个钟", "a clock", "is")]


def _num(ns):
    return [(num_zh(n, liang=True), num_en(n)) for n in ns]


def _price(ns):
    return [(num_zh(n), num_en(n)) for n in ns]


def _tickets():
    out = []
    for zh, en in TICKETS:
        out.append(("一张" + zh, ("an " if en[0] in "aeiou" else "a ") + en))
        for n in (2, 3, 4):
            out.append((num_zh(n, liang=True) + "张" + zh, num_en(n) + " " + en + "s"))
    return out


def _clothes_fit():
    return [(c + f, e + (" are " if pl else " is ") + fe) for c, e, pl in CLOTHES for f, fe in FIT]


def _prices(unit):
    return [(x + num_zh(n) + unit, f"{xe} {'are' if x == '这双鞋' else 'is'} {num_en(n)} yuan")
            for x, xe in PRICED for n in PRICES]


def _there(lead, things, where):
    return [(lead + zh, f"there {v} {en} on the {where}") for zh, en, v in things]


def _floors():
    return [(num_zh(n), ordinal_en(n)) for n in range(1, 10)]


def _pages():
    return [(num_zh(n), num_en(n)) for n in (1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 30, 36, 45, 50, 64, 88, 99)]


def _months():
    return [(num_zh(i + 1) + "月", m) for i, m in enumerate(MONTHS)]


TEMPLATES = [
    # family
    T("{S}家有{N}口人", "there are {N} people in {P} family", {"N": _num([3, 4, 5, 6])}, subj="pron"),
    T("我们全家都去{L}了", "our whole family went to {L}", {"L": PLACES}, subj="none"),
    T("{S}全家都很好", "{P} whole family is well", subj="pron"),
    # result complements and finding things
    T("{S}找到{X}了", "{S} found {P} {X}", {"X": OBJECTS}, subj="all"),
    T("{S}没找到{X}", "{S} did not find {P} {X}", {"X": OBJECTS}),
    T("{S}的{X}掉在地上了", "{P} {X} fell on the floor", {"X": OBJECTS}, subj="pron"),
    T("{S}的{X}坏了", "{P} {X} is broken", {"X": BROKEN}, subj="pron"),
    T("{S}做完作业了", "{S} {have|has} finished {P} homework"),
    T("{S}做完家庭作业了", "{S} {have|has} finished {P} homework"),
    T("{S}吃完饭了", "{S} {have|has} finished eating"),
    T("{S}看完这本书了", "{S} {have|has} finished reading this book"),
    T("{S}写好了", "{S} {have|has} finished writing it"),
    T("{S}听懂了", "{S} understood"),
    T("{S}没听懂", "{S} did not understand"),
    T("{S}听不清楚", "{S} cannot hear clearly"),
    T("{S}看不清楚黑板上的字", "{S} cannot see the words on the blackboard clearly"),
    T("{S}看见{O}了", "{S} saw {O}"),
    T("{S}在路上碰到了{O}", "{S} ran into {O} on the way"),
    # remembering, forgetting, telling
    T("{S}忘了{F}", "{S} forgot to {F}", {"F": FORGOT}),
    T("别忘了{F}", "do not forget to {F}", {"F": FORGOT}, subj="you"),
    T("{S}记得{O}", "{S} {remember|remembers} {O}"),
    T("{S}记住了", "{S} {have|has} remembered it"),
    T("{S}告诉了{O}", "{S} told {O}"),
    T("{S}没告诉{O}", "{S} did not tell {O}"),
    T("别告诉{O}", "do not tell {O}", subj="you"),
    T("{S}还不习惯这里的{X}", "{S} {be} not used to the {X} here yet",
      {"X": [("天气", "weather"), ("菜", "food"), ("生活", "life")]}),
    T("{S}知道{O}的电话号码", "{S} {know|knows} {OP} phone number"),
    # feelings
    T("{S}哭了", "{S} cried"),
    T("{S}为什么哭", "why {be} {S} crying ?", subj="notme"),
    T("{S}生气了", "{S} got angry"),
    T("{S}为什么生气", "why {be} {S} angry ?", subj="notme"),
    T("{S}在开玩笑", "{S} {be} joking"),
    T("{S}很着急", "{S} {be} very worried"),
    T("{S}很满意", "{S} {be} very satisfied"),
    T("{S}的身体很健康", "{S} {be} very healthy"),
    T("{S}很年轻", "{S} {be} very young"),
    # hobbies, people, colours, taste
    T("{S}的爱好是{H}", "{P} hobby is {H}", {"H": HOBBIES}, subj="pron"),
    T("{S}是{W}的{X}", "{S} is {W} {X}", {"W": OWNERS, "X": ROLES}, subj="third"),
    T("{S}最喜欢的颜色是{C}", "{P} favorite color is {C}", {"C": COLOURS}, subj="pron"),
    T("{X}的味道{Y}", "{X} tastes {Y}", {"X": DISHES, "Y": TASTE}, subj="none"),
    # clothes
    T("{X}", "{X}", {"X": _clothes_fit()}, subj="none"),
    T("{S}想买一双{C}的鞋", "{S} {want|wants} to buy a pair of {C} shoes", {"C": COLOURS}),
    T("{S}买了一双新鞋", "{S} bought a new pair of shoes"),
    # tickets, prices, time
    T("{S}买了{X}", "{S} bought {X}", {"X": _tickets()}),
    T("{X}", "{X}", {"X": _prices("块钱")}, subj="none"),
    T("{X}", "{X}", {"X": _prices("元")}, subj="none"),
    T("{X}{N}块", "{X} is {N} yuan", {"X": BIG_PRICED, "N": BIG_PRICES}, subj="none"),
    T("{S}的钱不够", "{S} {do|does} not have enough money"),
    T("{S}没有钱了", "{S} {have|has} no money left"),
    T("{S}等了{O}{M}", "{S} waited for {O} for {M}", {"M": MINUTES}),
    T("{S}{M}去了{C}", "{S} went to {C} in {M}", {"M": _months(), "C": CITIES}),
    T("{S}下个月去{C}", "{S} will go to {C} next month", {"C": CITIES}),
    T("{S}这个月很忙", "{S} {be} very busy this month"),
    # places: floors, streets
    T("{S}住在{N}层", "{S} {live|lives} on the {N} floor", {"N": _floors()}),
    T("{L}在这条街上", "{L} is on this street", {"L": PLACES[2:11]}, subj="none"),
    T("{X}", "{X}", {"X": _there("桌子上放着", ON_TABLE, "table") + _there("墙上挂着", ON_WALL, "wall")
                        + _there("床上放着", ON_TABLE, "bed")}, subj="none"),
    # classroom
    T("请看第{N}页", "please look at page {N}", {"N": _pages()}, subj="none"),
    T("请打开书，看第{N}页", "please open your books and look at page {N}", {"N": _pages()}, subj="none"),
    T("请读第{N}课的课文", "please read the text of lesson {N}", {"N": _pages()[:12]}, subj="none"),
]

FAMILIES = families("life", TEMPLATES)

_I = PEOPLE[0]
EXAMPLES = {
    "family": [render(find(TEMPLATES, "{S}家有{N}口人"), _I, None, {"N": _num([4])[0]})],
    "life": [
        render(find(TEMPLATES, "{S}的{X}坏了"), _I, None, {"X": BROKEN[0]}),
        render(find(TEMPLATES, "{S}忘了{F}"), PEOPLE[2], None, {"F": FORGOT[3]}),
        render(find(TEMPLATES, "{S}买了{X}"), _I, None, {"X": _tickets()[9]}),
        fixed(*_prices("块钱")[4]),
        render(find(TEMPLATES, "请看第{N}页"), _I, None, {"N": (num_zh(10), num_en(10))}),
        fixed("你的爱好是什么", "what is your hobby ?"),
        fixed("你喜欢什么颜色", "what color do you like ?"),
        fixed("门开着", "the door is open"),
        fixed("灯开着", "the light is on"),
        fixed("请举手", "please raise your hand"),
    ],
}
