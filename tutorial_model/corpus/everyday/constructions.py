"""The constructions of a level-2/3 textbook: 把, 被, 得 complements, result and direction complements,
一…就, 除了…以外, 又…又, 对…感兴趣, and more 不但…而且 / 因为…所以 (connectives has one pattern each).

Conventions (one English per Chinese sentence, decided per pattern)::

    我把书放在桌子上了            I put the book on the table          把: the object is definite ("the")
    请把门关上                    please close the door                请 / 别 + 把: an instruction
    蛋糕被他哥哥吃了              the cake was eaten by his brother    被 … 了: simple past passive
    他跑得很快                    he runs very fast                    得 without a time word: habit (present)
    他昨天跑得很快                he ran very fast yesterday           得 with 昨天: past
    我看完了那本书                I finished reading that book         了 right after the verb: simple past
    你看完那本书了吗              have you finished reading that book ?   了吗 after the object: present perfect
    他听不懂上海话                he cannot understand the Shanghai dialect   potential 不 / 得: cannot / can
    他走进了教室                  he walked into the classroom         direction + 了: simple past
    他回来了吗                    did he come back ?                   了吗 right after the verb: did
    我一到家就吃饭                as soon as I get home , I eat        一…就 without 了: habit (present)
    我一到家就睡觉了              as soon as I got home , I went to bed   一…就 … 了: past
    除了小明以外，我们都去了      apart from Xiaoming , we all went    除了 … 都: "apart from"
    除了汉语以外，他还会说法语    besides Chinese , he can also speak French   除了 … 还: "besides"
    这个苹果又大又甜              this apple is big and sweet          又…又: present, the order kept
    我对中国历史很感兴趣          I am very interested in Chinese history

很 and 非常 are both "very" (the corpus' convention); 了 after the whole verb complex (V + complement, or
把 … V) is the simple past, as in the rest of the corpus. Each family is tagged with its construction
(``ba_disposal``, ``bei_passive``, ``de_complement``, ``result_complement``, ``potential_complement``,
``direction_complement``, ``yi_jiu``, ``chule``, ``you_you``, ``gan_xingqu``, ``budan_erqie``,
``yinwei_suoyi``) and with ``past`` / ``negation`` / ``question`` / ``imperative`` where they hold.

The set phrases this topic asked for (慢走, 辛苦了, 祝你生日快乐 …) are rows of ``phrases._SET_PHRASES``; here
each is also addressed to a name (慢走，王老师 → "take care , Teacher Wang") so that it occurs in a dozen sentences.
"""

from __future__ import annotations

import random
from itertools import permutations

from ..sampling import tagged
from .connectives import ACTS, LANGS, PLACES
from .lexicon import NAMES
from .life import HOBBIES
from .phrases import build_address
from .templates import T, n_combos, sample

# ============================================================================ shared word tables

# things one moves, lends, loses: (zh, en without "the")
THINGS = [("书", "book"), ("手机", "phone"), ("钱包", "wallet"), ("杯子", "cup"), ("钥匙", "key"),
          ("词典", "dictionary"), ("护照", "passport"), ("本子", "notebook"), ("雨伞", "umbrella"),
          ("照相机", "camera")]
SPOTS = [("桌子上", "on the table"), ("床上", "on the bed"), ("椅子上", "on the chair"), ("书包里", "in the schoolbag"),
         ("门口", "by the door"), ("箱子里", "in the box")]
LEFT_AT = [("家里", "at home"), ("学校", "at school"), ("出租车上", "in the taxi"), ("教室里", "in the classroom"),
           ("饭馆里", "in the restaurant"), ("公司", "at the office")]
# 把 + a fixed action: (zh, the instruction, the past)
ACTIONS = [("门关上", "close the door", "closed the door"), ("门打开", "open the door", "opened the door"),
           ("窗户关上", "close the window", "closed the window"), ("窗户打开", "open the window", "opened the window"),
           ("灯关上", "turn off the light", "turned off the light"),
           ("灯打开", "turn on the light", "turned on the light"),
           ("电视关上", "turn off the TV", "turned off the TV"), ("电视打开", "turn on the TV", "turned on the TV"),
           ("空调打开", "turn on the air conditioner", "turned on the air conditioner"),
           ("房间打扫干净", "clean the room", "cleaned the room"), ("碗洗干净", "wash the dishes", "washed the dishes"),
           ("衣服洗干净", "wash the clothes", "washed the clothes")]
FOODS = [("蛋糕", "cake"), ("苹果", "apple"), ("面包", "bread"), ("西瓜", "watermelon"), ("香蕉", "banana"),
         ("鸡蛋", "egg")]
DRINKS = [("牛奶", "milk"), ("咖啡", "coffee"), ("果汁", "juice"), ("茶", "tea"), ("水", "water")]
BREAKABLE = [("手机", "phone"), ("电脑", "computer"), ("手表", "watch"), ("杯子", "cup"), ("椅子", "chair"),
             ("照相机", "camera"), ("自行车", "bike")]
SOLD = [("车", "car"), ("自行车", "bike"), ("电脑", "computer"), ("房子", "house"), ("旧手机", "old phone")]
LOSABLE = [("钱包", "wallet"), ("手机", "phone"), ("钥匙", "key"), ("护照", "passport"), ("雨伞", "umbrella")]


def _the(rows):
    return [(zh, "the " + en) for zh, en in rows]


# ============================================================================ 把: disposal

_BA = ("ba_disposal",)
_BA_PAST = ("ba_disposal", "past")
BA = [
    T("{S}把{X}放在{Y}了", "{S} put the {X} {Y}", {"X": THINGS, "Y": SPOTS}, tags=_BA_PAST),
    T("请把{X}放在{Y}", "please put the {X} {Y}", {"X": THINGS, "Y": SPOTS}, subj="none",
      tags=(*_BA, "imperative")),
    T("别把{X}放在{Y}", "do not put the {X} {Y}", {"X": THINGS, "Y": SPOTS}, subj="none",
      tags=(*_BA, "imperative", "negation")),
    T("{S}把{X}放在哪儿了", "where did {S} put the {X} ?", {"X": THINGS}, tags=(*_BA_PAST, "question")),
    T("{S}把{A}了", "{S} {A}", {"A": [(a, past) for a, _, past in ACTIONS]}, tags=_BA_PAST),
    T("{S}没把{A}", "{S} did not {A}", {"A": [(a, base) for a, base, _ in ACTIONS]},
      tags=(*_BA_PAST, "negation")),
    T("{S}把{A}了吗", "did {S} {A} ?", {"A": [(a, base) for a, base, _ in ACTIONS]}, tags=(*_BA_PAST, "question")),
    T("请把{A}", "please {A}", {"A": [(a, base) for a, base, _ in ACTIONS]}, subj="none",
      tags=(*_BA, "imperative")),
    T("{S}把作业做完了", "{S} finished {P} homework", tags=(*_BA_PAST, "result_complement")),
    T("请把作业做完", "please finish your homework", subj="none", tags=(*_BA, "imperative", "result_complement")),
    T("{S}把{F}吃了", "{S} ate the {F}", {"F": FOODS}, tags=_BA_PAST),
    T("{S}把{F}吃完了", "{S} finished the {F}", {"F": FOODS}, tags=(*_BA_PAST, "result_complement")),
    T("{S}把{D}喝了", "{S} drank the {D}", {"D": DRINKS}, tags=_BA_PAST),
    T("{S}把{X}借给{O}了", "{S} lent the {X} to {O}", {"X": THINGS}, tags=_BA_PAST),
    T("{S}把{X}给了{O}", "{S} gave the {X} to {O}", {"X": THINGS}, tags=_BA_PAST),
    T("{S}把{X}还给{O}了", "{S} returned the {X} to {O}", {"X": THINGS}, tags=_BA_PAST),
    T("请把{X}给我", "please give me the {X}", {"X": THINGS}, subj="none", tags=(*_BA, "imperative")),
    T("{S}把{X}忘在{Y}了", "{S} left {P} {X} {Y}", {"X": LOSABLE, "Y": LEFT_AT}, tags=_BA_PAST),
    T("{S}把{X}弄坏了", "{S} broke the {X}", {"X": BREAKABLE}, tags=(*_BA_PAST, "result_complement")),
    T("别把{X}弄坏了", "do not break the {X}", {"X": BREAKABLE}, subj="none",
      tags=(*_BA, "imperative", "negation", "result_complement")),
    T("{S}把{X}卖了", "{S} sold the {X}", {"X": SOLD}, tags=_BA_PAST),
    T("{S}把{X}丢了", "{S} lost {P} {X}", {"X": LOSABLE}, tags=_BA_PAST),
    T("{S}把这件事告诉了{O}", "{S} told {O} about it", tags=_BA_PAST),
]

# ============================================================================ 被: passive

# (zh verb + complement, past participle, simple past) and what it fits
_EATEN = ("吃了", "eaten", "ate")
_DRUNK = ("喝了", "drunk", "drank")
_BORROWED = ("借走了", "borrowed", "borrowed")
_BROKEN = ("弄坏了", "broken", "broke")
_TAKEN = ("拿走了", "taken", "took")
BEI_ROWS = ([(f, _EATEN) for f in FOODS[:5]] + [(d, _DRUNK) for d in DRINKS[:3]]
            + [(x, _BORROWED) for x in [("自行车", "bike"), ("词典", "dictionary"), ("雨伞", "umbrella"),
                                        ("书", "book")]]
            + [(x, _BROKEN) for x in BREAKABLE[:5]]
            + [(x, _TAKEN) for x in [("钱包", "wallet"), ("手机", "phone"), ("钥匙", "key"), ("护照", "passport")]])
_BEI = ("bei_passive", "past")


def _bei_templates() -> list[T]:
    """One template per (thing, verb) row, so 蛋糕 only ever goes with 吃了: the cake was eaten / who ate the cake."""
    out = []
    for (x, xe), (v, pp, p) in BEI_ROWS:
        out += [
            T(f"{x}被{{O}}{v}", f"the {xe} was {pp} by {{O}}", subj="none", tags=_BEI),
            T(f"{{S}}的{x}被{{O}}{v}", f"{{P}} {xe} was {pp} by {{O}}", subj="pron", tags=_BEI),
            T(f"{{S}}的{x}被人{v}", f"{{P}} {xe} was {pp} by someone", subj="pron", tags=_BEI),
            T(f"{x}被谁{v}", f"who {p} the {xe} ?", subj="none", tags=(*_BEI, "question")),
        ]
    return out + [T("{S}被{O}看见了", "{S} {was} seen by {O}", tags=_BEI),
                  T("{S}被{O}叫醒了", "{S} {was} woken up by {O}", tags=_BEI)]


BEI = _bei_templates()

# ============================================================================ 得: degree complements

# (topic object before the verb, verb, base, 3sg, past, {adjective: adverb})
SKILLS = [
    ("", "跑", "run", "runs", "ran", {"快": "fast", "慢": "slowly"}),
    ("", "走", "walk", "walks", "walked", {"快": "fast", "慢": "slowly"}),
    ("", "说", "speak", "speaks", "spoke", {"快": "fast", "慢": "slowly"}),
    ("", "唱", "sing", "sings", "sang", {"好": "well"}),
    ("跳舞", "跳", "dance", "dances", "danced", {"好": "well"}),
    ("游泳", "游", "swim", "swims", "swam", {"快": "fast", "好": "well"}),
    ("", "吃", "eat", "eats", "ate", {"快": "fast", "慢": "slowly", "多": "a lot"}),
    ("", "起", "get up", "gets up", "got up", {"早": "early", "晚": "late"}),
    ("", "睡", "sleep", "sleeps", "slept", {"好": "well"}),
    ("", "来", "come", "comes", "came", {"早": "early", "晚": "late"}),
    ("", "写", "write", "writes", "wrote", {"快": "fast", "慢": "slowly"}),
    ("汉字", "写", "write Chinese characters", "writes Chinese characters", "wrote Chinese characters", {"好": "well"}),
    ("做饭", "做", "cook", "cooks", "cooked", {"好": "well"}),
    ("开车", "开", "drive", "drives", "drove", {"快": "fast", "慢": "slowly"}),
    ("打篮球", "打", "play basketball", "plays basketball", "played basketball", {"好": "well"}),
    ("画画儿", "画", "draw", "draws", "drew", {"好": "well"}),
    ("", "学", "learn", "learns", "learned", {"快": "fast", "慢": "slowly"}),
]
_VERY = {"a lot": "a lot"}  # 很多 is "a lot", not "very a lot"
_TOO = {"a lot": "too much"}
_NOT = {"a lot": "much"}


def _de_templates() -> list[T]:
    out = []
    tag = ("de_complement",)
    for obj, v, base, third, past, adjs in SKILLS:
        head = "{S}" + obj + v + "得"
        verb = "{" + base + "|" + third + "}"
        for a, adv in adjs.items():
            very = _VERY.get(adv, "very " + adv)
            out.append(T(head + "很" + a, f"{{S}} {verb} {very}", tags=tag))
            out.append(T("{S}昨天" + obj + v + "得很" + a, f"{{S}} {past} {very} yesterday", tags=(*tag, "past")))
            if a != "好":  # 唱得太好了 is praise ("so well"), not "too well"
                out.append(T(head + "太" + a + "了", f"{{S}} {verb} {_TOO.get(adv, 'too ' + adv)}", tags=tag))
            if a in ("快", "好", "早", "多"):  # 跑得不慢 ("does not run slowly") is not how one says it
                out.append(T(head + "不" + a, f"{{S}} {{do|does}} not {base} {_NOT.get(adv, adv)}",
                             tags=(*tag, "negation")))
                out.append(T(head + "不太" + a, f"{{S}} {{do|does}} not {base} very {_NOT.get(adv, adv)}",
                             tags=(*tag, "negation")))
                out.append(T(head + a + "吗", f"{{do|does}} {{S}} {base} {adv} ?", subj="notme",
                             tags=(*tag, "question")))
        if "好" in adjs:
            out.append(T(head + "怎么样", f"how well {{do|does}} {{S}} {base} ?", subj="notme",
                         tags=(*tag, "question")))
    out += [
        T("{S}{Y}说得不太好", "{S} {do|does} not speak {Y} very well", {"Y": LANGS}, tags=(*tag, "negation")),
        T("{S}{Y}说得怎么样", "how well {do|does} {S} speak {Y} ?", {"Y": LANGS}, subj="notme",
          tags=(*tag, "question")),
        T("{S}考试考得很好", "{S} {do|does} very well in exams", tags=tag),
        T("{S}昨天考试考得很好", "{S} did very well in the exam yesterday", tags=(*tag, "past")),
    ]
    return out


DE = _de_templates()

# ============================================================================ result and potential complements

BOOKS = [("那本书", "that book"), ("这本小说", "this novel"), ("这本杂志", "this magazine"), ("这本书", "this book")]
SHOWS = [("那个电影", "that movie"), ("这个节目", "this program"), ("那个电视剧", "that TV series")]
MEALS = [("早饭", "breakfast"), ("午饭", "lunch"), ("晚饭", "dinner")]
HEARD = [("老师的话", "what the teacher said"), ("这个问题", "this question"), ("这句话", "this sentence"),
         ("这个故事", "this story")]
READ = [("这封信", "this letter"), ("这个汉字", "this character"), ("这个句子", "this sentence"),
        ("这张地图", "this map")]
DIALECTS = [("上海话", "the Shanghai dialect"), ("北京话", "the Beijing dialect"),
            ("老师的话", "what the teacher says")]
SEEN_AT = [("公园", "in the park"), ("超市", "at the supermarket"), ("学校", "at school"), ("图书馆", "in the library"),
           ("商场", "at the mall"), ("医院", "at the hospital")]
WRONG = [("这个字", "this character"), ("电话号码", "the phone number"), ("地址", "the address")]
BOUGHT_WRONG = [("票", "ticket"), ("书", "book"), ("药", "medicine")]
SKILLS_LEARNED = [("游泳", "swim"), ("开车", "drive"), ("做饭", "cook"), ("骑自行车", "ride a bike"),
                  ("用筷子", "use chopsticks"), ("包饺子", "make dumplings"), ("说汉语", "speak Chinese")]
FIXED = [("电脑", "computer"), ("自行车", "bike"), ("手机", "phone"), ("手表", "watch"), ("洗衣机", "washing machine")]
MEMORIZED = [("这些生词", "these new words"), ("这个电话号码", "this phone number"), ("课文", "the text"),
             ("地址", "the address")]
LOOKED_FOR = [("钱包", "wallet"), ("手机", "phone"), ("钥匙", "key"), ("护照", "passport"), ("书包", "schoolbag")]
TOO_MUCH = [("这么多菜", "so much food"), ("这碗米饭", "this bowl of rice"), ("这个蛋糕", "this cake"),
            ("这个西瓜", "this watermelon")]

_R = ("result_complement",)
_RP = ("result_complement", "past")
_POT = ("result_complement", "potential_complement")
RESULT = [
    T("{S}看完了{B}", "{S} finished reading {B}", {"B": BOOKS}, tags=_RP),
    T("{S}还没看完{B}", "{S} {have|has} not finished reading {B} yet", {"B": BOOKS}, tags=(*_R, "negation")),
    T("{S}看完{B}了吗", "{have|has} {S} finished reading {B} ?", {"B": BOOKS}, subj="notme",
      tags=(*_R, "question")),
    T("{S}看完了{M}", "{S} finished watching {M}", {"M": SHOWS}, tags=_RP),
    T("{S}还没看完{M}", "{S} {have|has} not finished watching {M} yet", {"M": SHOWS}, tags=(*_R, "negation")),
    T("{S}看完{M}了吗", "{have|has} {S} finished watching {M} ?", {"M": SHOWS}, subj="notme",
      tags=(*_R, "question")),
    T("{S}做完了作业", "{S} finished {P} homework", tags=_RP),
    T("{S}写完了{W}", "{S} finished writing {W}",
      {"W": [("作文", "{P} essay"), ("作业", "{P} homework"), ("那封信", "that letter")]}, tags=_RP),
    T("{S}吃完了{M}", "{S} finished {P} {M}", {"M": MEALS}, tags=_RP),
    T("{S}做好了{M}", "{S} got {M} ready", {"M": MEALS}, tags=_RP),
    T("{S}听懂了{H}", "{S} understood {H}", {"H": HEARD}, tags=_RP),
    T("{S}没听懂{H}", "{S} did not understand {H}", {"H": HEARD}, tags=(*_RP, "negation")),
    T("{S}看懂了{X}", "{S} understood {X}", {"X": READ}, tags=_RP),
    T("{S}没看懂{X}", "{S} did not understand {X}", {"X": READ}, tags=(*_RP, "negation")),
    T("{S}找到了{X}", "{S} found {P} {X}", {"X": LOOKED_FOR}, tags=_RP),
    T("{S}找到了工作", "{S} found a job", tags=_RP),
    T("{S}在{L}看见了{O}", "{S} saw {O} {L}", {"L": SEEN_AT}, tags=_RP),
    T("{S}没看见{O}", "{S} did not see {O}", tags=(*_RP, "negation")),
    T("{S}写错了{X}", "{S} wrote {X} wrong", {"X": WRONG}, tags=_RP),
    T("{S}说错了", "{S} said it wrong", tags=_RP),
    T("{S}听错了", "{S} heard it wrong", tags=_RP),
    T("{S}买错了{X}", "{S} bought the wrong {X}", {"X": BOUGHT_WRONG}, tags=_RP),
    T("{S}坐错了车", "{S} took the wrong bus", tags=_RP),
    T("{S}学会了{K}", "{S} learned to {K}", {"K": SKILLS_LEARNED}, tags=_RP),
    T("{S}还没学会{K}", "{S} {have|has} not learned to {K} yet", {"K": SKILLS_LEARNED}, tags=(*_R, "negation")),
    T("{S}修好了{X}", "{S} fixed the {X}", {"X": FIXED}, tags=_RP),
    T("{S}记住了{X}", "{S} memorized {X}", {"X": MEMORIZED}, tags=_RP),
    # potential: V得R / V不R → can / cannot
    T("{S}听不懂{D}", "{S} cannot understand {D}", {"D": DIALECTS}, tags=(*_POT, "negation")),
    T("{S}听得懂{D}吗", "can {S} understand {D} ?", {"D": DIALECTS}, subj="notme", tags=(*_POT, "question")),
    T("{S}看不懂{X}", "{S} cannot understand {X}", {"X": READ + BOOKS}, tags=(*_POT, "negation")),
    T("{S}看得懂{X}吗", "can {S} understand {X} ?", {"X": READ + BOOKS}, subj="notme", tags=(*_POT, "question")),
    T("{S}找不到{X}", "{S} cannot find {P} {X}", {"X": LOOKED_FOR}, tags=(*_POT, "negation")),
    T("{S}吃不完{X}", "{S} cannot finish {X}", {"X": TOO_MUCH}, tags=(*_POT, "negation")),
    T("{S}今天做不完作业", "{S} cannot finish {P} homework today", tags=(*_POT, "negation")),
    T("{S}看不见黑板", "{S} cannot see the blackboard", tags=(*_POT, "negation")),
]

# ============================================================================ direction complements

# (zh, base, past, fits an instruction with 请)
MOVES = [("走进来", "walk in", "walked in", False), ("走出去", "walk out", "walked out", False),
         ("走过来", "walk over", "walked over", False), ("跑进来", "run in", "ran in", False),
         ("跑出去", "run out", "ran out", False), ("跑过来", "run over", "ran over", False),
         ("跑回来", "run back", "ran back", False), ("站起来", "stand up", "stood up", True),
         ("坐下来", "sit down", "sat down", False), ("进来", "come in", "came in", True),
         ("出去", "go out", "went out", True), ("回来", "come back", "came back", True),
         ("回去", "go back", "went back", True), ("过来", "come over", "came over", True),
         ("上来", "come up", "came up", True), ("下来", "come down", "came down", True)]
ROOMS = [("教室", "the classroom"), ("房间", "the room"), ("商店", "the shop"), ("图书馆", "the library"),
         ("饭馆", "the restaurant"), ("办公室", "the office"), ("超市", "the supermarket")]
BAGS = [("书包", "schoolbag"), ("包", "bag"), ("箱子", "suitcase")]
TAKEN_OUT = [("一本书", "a book"), ("一个本子", "a notebook"), ("一张照片", "a photo"), ("一支笔", "a pen"),
             ("一个苹果", "an apple")]
CARRIED = [("书", "book"), ("词典", "dictionary"), ("雨伞", "umbrella"), ("照相机", "camera"), ("椅子", "chair")]

_D = ("direction_complement",)
_DP = ("direction_complement", "past")
DIRECTION_MOVES = [
    T("{S}{M}了", "{S} {M}", {"M": [(z, p) for z, _, p, _ in MOVES]}, tags=_DP),
    T("{S}刚才{M}了", "{S} {M} just now", {"M": [(z, p) for z, _, p, _ in MOVES]}, tags=_DP),
    T("{S}没{M}", "{S} did not {M}", {"M": [(z, b) for z, b, _, _ in MOVES]}, tags=(*_DP, "negation")),
    T("{S}{M}了吗", "did {S} {M} ?", {"M": [(z, b) for z, b, _, _ in MOVES]}, subj="notme",
      tags=(*_DP, "question")),
    T("请{M}", "please {M}", {"M": [(z, b) for z, b, _, ok in MOVES if ok]}, subj="none", tags=(*_D, "imperative")),
]
DIRECTION = [
    T("{S}走进了{L}", "{S} walked into {L}", {"L": ROOMS}, tags=_DP),
    T("{S}跑进了{L}", "{S} ran into {L}", {"L": ROOMS}, tags=_DP),
    T("{S}走出了{L}", "{S} walked out of {L}", {"L": ROOMS}, tags=_DP),
    T("{S}跑出了{L}", "{S} ran out of {L}", {"L": ROOMS}, tags=_DP),
    T("{S}跑回家了", "{S} ran home", tags=_DP),
    T("{S}走回家了", "{S} walked home", tags=_DP),
    T("{S}从{B}里拿出了{X}", "{S} took {X} out of {P} {B}", {"B": BAGS, "X": TAKEN_OUT}, tags=_DP),
    T("{S}把{X}拿出来了", "{S} took out the {X}", {"X": CARRIED}, tags=(*_DP, "ba_disposal")),
    T("{S}把{X}拿回来了", "{S} brought the {X} back", {"X": CARRIED}, tags=(*_DP, "ba_disposal")),
    T("{S}把{X}带回家了", "{S} took the {X} home", {"X": CARRIED}, tags=(*_DP, "ba_disposal")),
    T("{S}把{X}拿走了", "{S} took the {X} away", {"X": CARRIED}, tags=(*_DP, "ba_disposal")),
    T("{S}把{X}放回去了", "{S} put the {X} back", {"X": CARRIED}, tags=(*_DP, "ba_disposal")),
    T("请把{X}拿过来", "please bring the {X} over", {"X": CARRIED}, subj="none",
      tags=(*_D, "ba_disposal", "imperative")),
    T("请把{X}拿出来", "please take out the {X}", {"X": CARRIED}, subj="none",
      tags=(*_D, "ba_disposal", "imperative")),
    T("{S}带{O}回家了", "{S} took {O} home", tags=_DP),
    T("{S}什么时候回来", "when will {S} come back ?", subj="notme", tags=(*_D, "question", "future")),
    T("{S}什么时候回去", "when will {S} go back ?", subj="notme", tags=(*_D, "question", "future")),
]

# ============================================================================ 一…就

HOME_ACTS = [(z, f"{{{b}|{t}}}") for z, b, t in ACTS]  # 吃饭 → {eat|eats}
HOME_ACTS_PAST = [("睡觉", "went to bed"), ("吃饭", "ate"), ("做作业", "did {P} homework"), ("看电视", "watched TV"),
                  ("洗澡", "took a shower"), ("上网", "went online")]
AFTER_CLASS = [("去食堂", "{go|goes} to the canteen"), ("回家", "{go|goes} home"),
               ("去图书馆", "{go|goes} to the library"), ("去打球", "{go|goes} to play ball"),
               ("去体育馆", "{go|goes} to the gym")]
MORNING = [("洗脸", "{wash|washes} {P} face"), ("喝一杯水", "{drink|drinks} a glass of water"),
           ("看手机", "{look|looks} at {P} phone"), ("去跑步", "{go|goes} running"), ("上网", "{go|goes} online")]
FREE_TIME = [("去旅行", "{go|goes} traveling"), ("看书", "{read|reads}"), ("去游泳", "{go|goes} swimming"),
             ("去看电影", "{go|goes} to the movies"), ("打篮球", "{play|plays} basketball"),
             ("去看爷爷奶奶", "{visit|visits} {P} grandparents")]
_YJ = ("yi_jiu",)
_YJP = ("yi_jiu", "past")
YI_JIU = [
    T("{S}一到家就{B}", "as soon as {S} {get|gets} home , {R} {B}", {"B": HOME_ACTS}, tags=_YJ),
    T("{S}一下班就{B}", "as soon as {S} {get|gets} off work , {R} {B}", {"B": HOME_ACTS}, tags=_YJ),
    T("{S}一下课就{B}", "as soon as class is over , {S} {B}", {"B": AFTER_CLASS}, tags=_YJ),
    T("{S}一起床就{B}", "as soon as {S} {get|gets} up , {R} {B}", {"B": MORNING}, tags=_YJ),
    T("{S}一有时间就{B}", "whenever {S} {have|has} time , {R} {B}", {"B": FREE_TIME}, tags=_YJ),
    T("{S}一{B}就想睡觉", "as soon as {S} {start|starts} {B} , {R} {feel|feels} sleepy",
      {"B": [("看书", "reading"), ("学习", "studying")]}, tags=_YJ),
    T("{S}一喝咖啡就睡不着", "whenever {S} {drink|drinks} coffee , {R} cannot sleep",
      tags=(*_YJ, "potential_complement")),
    T("{S}一到家就{B}了", "as soon as {S} got home , {R} {B}", {"B": HOME_ACTS_PAST}, tags=_YJP),
    T("{S}一下班就回家了", "as soon as {S} got off work , {R} went home", tags=_YJP),
    T("{S}一看见{O}就笑了", "as soon as {S} saw {O} , {R} smiled", tags=_YJP),
    T("{S}一听就懂了", "as soon as {S} heard it , {R} understood", tags=_YJP),
    T("{S}一下飞机就给{O}打了电话", "as soon as {S} got off the plane , {R} called {O}", tags=_YJP),
]

# ============================================================================ 除了…以外

EXCEPT = [("小明", "Xiaoming"), ("小红", "Xiaohong"), ("大卫", "David"), ("玛丽", "Mary"), ("安娜", "Anna"),
          ("马克", "Mark"), ("王老师", "Teacher Wang"), ("李先生", "Mr Li"), ("我", "me"), ("他", "him"), ("她", "her"),
          ("我哥哥", "my brother"), ("我妹妹", "my sister")]
# (group zh, "we all" form, "everyone" form): the predicate decides where "all" goes
GROUPS = [("我们", "we"), ("他们", "they"), ("大家", "everyone")]
ALL_DID = [("去了", "went", "went"), ("来了", "came", "came"), ("去了公园", "went to the park", "went to the park"),
           ("看了那个电影", "saw that movie", "saw that movie"), ("喜欢吃鱼", "like fish", "likes fish"),
           ("会说汉语", "can speak Chinese", "can speak Chinese"), ("喜欢这本书", "like this book", "likes this book")]


def _all_did() -> list[tuple[str, str]]:
    """都 + predicate: 我们都去了 → "we all went", 大家都去了 → "everyone went", 我们都会 → "we can all"."""
    out = []
    for gz, ge in GROUPS:
        for pz, plural, single in ALL_DID:
            if ge == "everyone":
                en = f"everyone {single}"
            elif plural.startswith("can "):
                en = f"{ge} can all {plural[4:]}"
            else:
                en = f"{ge} all {plural}"
            out.append((gz + "都" + pz, en))
    return out


def _apart_from() -> list[tuple[str, str]]:
    out = []
    for ez, ee in EXCEPT:
        for yiwai in ("以外", ""):
            for zh, en in _all_did():
                if ez == "我" and zh.startswith("我们"):  # "apart from me , we all went" is not said
                    continue
                out += [(f"除了{ez}{yiwai}{comma}{zh}", f"apart from {ee} , {en}") for comma in ("，", "")]
    return out


LANG_A, LANG_B = LANGS[:2], LANGS[2:] + [("韩语", "Korean")]
HOBBY_A, HOBBY_B = HOBBIES[:4], HOBBIES[4:]
GROCERIES = [("苹果", "apples"), ("香蕉", "bananas"), ("鸡蛋", "eggs"), ("牛奶", "milk"), ("面包", "bread"),
             ("鱼", "fish")]
DAYS = [("星期天", "Sunday"), ("星期六", "Saturday"), ("星期一", "Monday")]
EVERY_DAY = [("上班", "{work|works}"), ("上课", "{have|has} class"), ("跑步", "{go|goes} running")]
_CL = ("chule",)
CHULE = [
    T("{X}", "{X}", {"X": _apart_from()}, subj="none", tags=_CL),
    T("除了{A}以外，{S}还会说{B}", "besides {A} , {S} can also speak {B}", {"A": LANG_A, "B": LANG_B}, tags=_CL),
    T("除了{A}，{S}还会说{B}", "besides {A} , {S} can also speak {B}", {"A": LANG_A, "B": LANG_B}, tags=_CL),
    T("除了{A}以外，{S}还喜欢{B}", "besides {A} , {S} also {like|likes} {B}", {"A": HOBBY_A, "B": HOBBY_B}, tags=_CL),
    T("除了{A}以外，{S}还买了{B}", "besides {A} , {S} also bought {B}",
      {"A": GROCERIES[:3], "B": GROCERIES[3:]}, tags=(*_CL, "past")),
    T("除了{D}以外，{S}每天都{V}", "{S} {V} every day except {D}", {"D": DAYS, "V": EVERY_DAY}, tags=_CL),
]

# ============================================================================ 又…又

# (things, is/are, mutually compatible adjectives)
KINDS = [
    ([("这个苹果", "this apple"), ("这个西瓜", "this watermelon"), ("这些葡萄", "these grapes")],
     [("大", "big"), ("甜", "sweet"), ("新鲜", "fresh"), ("便宜", "cheap")]),
    ([("这个房间", "this room"), ("我的房间", "my room"), ("他的房间", "his room"), ("这个教室", "this classroom")],
     [("大", "big"), ("干净", "clean"), ("漂亮", "beautiful"), ("安静", "quiet")]),
    ([("这件衬衫", "this shirt"), ("这条裙子", "this skirt"), ("这双鞋", "these shoes")],
     [("便宜", "cheap"), ("漂亮", "beautiful"), ("舒服", "comfortable")]),
    ([("这个菜", "this dish"), ("这家饭馆的菜", "the food in this restaurant"), ("这碗面条", "this bowl of noodles")],
     [("好吃", "delicious"), ("便宜", "cheap"), ("新鲜", "fresh")]),
    ([("这个手机", "this phone"), ("这台电脑", "this computer")],
     [("便宜", "cheap"), ("漂亮", "beautiful"), ("轻", "light")]),
]
_PLURAL_THINGS = {"这些葡萄", "这双鞋"}
STATES = [("累", "tired"), ("饿", "hungry"), ("渴", "thirsty")]
TRAITS = [("聪明", "smart"), ("努力", "hardworking"), ("热情", "friendly"), ("高", "tall")]


def _both(kinds, frame_zh, frame_en) -> list[tuple[str, str]]:
    """Every thing with every ordered pair of its adjectives: 又大又甜 and 又甜又大 (English keeps the order)."""
    out = []
    for things, adjs in kinds:
        for xz, xe in things:
            be = "are" if xz in _PLURAL_THINGS else "is"
            for (az, ae), (bz, be_) in permutations(adjs, 2):
                out.append((frame_zh.format(x=xz, a=az, b=bz), frame_en.format(x=xe, be=be, a=ae, b=be_)))
    return out


def _pairs(adjs) -> list[tuple[str, str]]:
    return [(a + "又" + b, f"{ae} and {be}") for (a, ae), (b, be) in permutations(adjs, 2)]


_YY = ("you_you",)
YOU_YOU_THINGS = [T("{X}", "{X}", {"X": _both(KINDS, "{x}又{a}又{b}", "{x} {be} {a} and {b}")}, subj="none", tags=_YY)]
YOU_YOU_PEOPLE = [
    T("{S}又{A}", "{S} {be} {A}", {"A": _pairs(STATES)}, tags=_YY),
    T("{S}又{A}", "{S} {be} {A}", {"A": _pairs(TRAITS)}, subj="single", tags=_YY),
]

# ============================================================================ 对…感兴趣

INTERESTS = [("中国历史", "Chinese history"), ("中国文化", "Chinese culture"), ("体育", "sports"),
             ("数学", "math"), ("历史", "history"), ("汉字", "Chinese characters"), ("电影", "movies"),
             ("画画儿", "drawing"), ("中国菜", "Chinese food"), ("电脑", "computers")]
_GX = ("gan_xingqu",)
INTEREST = [
    T("{S}对{X}很感兴趣", "{S} {be} very interested in {X}", {"X": INTERESTS}, tags=_GX),
    T("{S}对{X}非常感兴趣", "{S} {be} very interested in {X}", {"X": INTERESTS}, tags=_GX),
    T("{S}对{X}不感兴趣", "{S} {be} not interested in {X}", {"X": INTERESTS}, tags=(*_GX, "negation")),
    T("{S}对{X}不太感兴趣", "{S} {be} not very interested in {X}", {"X": INTERESTS}, tags=(*_GX, "negation")),
    T("{S}对{X}感兴趣吗", "{be} {S} interested in {X} ?", {"X": INTERESTS}, subj="notme", tags=(*_GX, "question")),
    T("{S}对什么感兴趣", "what {be} {S} interested in ?", subj="notme", tags=(*_GX, "question")),
    T("{S}对{X}越来越感兴趣了", "{S} {be} getting more and more interested in {X}", {"X": INTERESTS}, tags=_GX),
    T("{S}也对{X}很感兴趣", "{S} {be} also very interested in {X}", {"X": INTERESTS}, tags=_GX),
]

# ============================================================================ 不但…而且, 因为…所以

SKILLS_A = [("唱歌", "sing"), ("跳舞", "dance"), ("游泳", "swim")]
SKILLS_B = [("开车", "drive"), ("做饭", "cook"), ("画画儿", "draw")]
CONNECT = [
    T("{S}不但{A}，而且很{B}", "{S} {be} not only {A} but also {B}",
      {"A": TRAITS[:2], "B": TRAITS[2:]}, subj="single", tags=("budan_erqie",)),
    T("{S}不但会{A}，而且会{B}", "{S} can not only {A} but also {B}", {"A": SKILLS_A, "B": SKILLS_B},
      tags=("budan_erqie",)),
    T("{X}", "{X}", {"X": _both(KINDS, "{x}不但{a}，而且很{b}", "{x} {be} not only {a} but also {b}")}, subj="none",
      tags=("budan_erqie",)),
    T("因为{S}病了，所以没来上课", "because {S} {was} sick , {R} did not come to class",
      tags=("yinwei_suoyi", "past", "negation")),
    T("因为{S}起晚了，所以迟到了", "because {S} got up late , {R} {was} late",
      tags=("yinwei_suoyi", "past")),
    T("{S}迟到了，因为起晚了", "{S} {was} late because {R} got up late",
      tags=("yinwei_suoyi", "past")),
    T("因为{S}明天有考试，所以今天不能去{L}", "because {S} {have|has} an exam tomorrow , {R} cannot go to {L} today",
      {"L": PLACES}, tags=("yinwei_suoyi", "negation")),
    T("因为{S}太累了，所以很早就睡觉了", "because {S} {was} too tired , {R} went to bed very early",
      tags=("yinwei_suoyi", "past")),
]


# ============================================================================ set phrases with a name

# The phrases this module added to phrases._SET_PHRASES, addressed to someone (慢走，王老师 → "take care ,
# Teacher Wang") so that each occurs in more than one sentence; phrases.build_address writes the English.
NEW_PHRASES = ("慢走", "辛苦了", "你辛苦了", "祝你生日快乐", "祝你好运", "恭喜", "恭喜恭喜", "打扰了",
               "麻烦你了", "别担心", "不要紧", "回头见", "下次见", "请慢用", "好主意", "欢迎光临",
               "你先请", "注意身体", "一言为定", "不用了", "路上小心", "没办法", "当然可以")


def _address(phrase: str):
    """One family per phrase, so that every phrase gets its share (a shared draw would leave some short)."""
    def draw(rng: random.Random):
        return build_address(phrase, rng.choice(NAMES).zh, rng.random() < 0.35, rng.random() < 0.6)
    return tagged(draw, "greetings")


# ============================================================================ families

def _family(topic: str, templates: list[T], quota: int) -> tuple:
    """One family for a construction: a template drawn in proportion to its size (at most 80), then its slots.

    The cap keeps the big slot tables from crowding out the small patterns; the quota never exceeds what the
    templates can make.
    """
    weights = [min(80, n_combos(t)) for t in templates]

    def draw(rng: random.Random):
        return sample(rng.choices(templates, weights)[0], rng)

    draw.__name__ = f"family_constructions_{topic}"
    return tagged(draw, topic), min(quota, sum(n_combos(t) for t in templates))


# topic tags are the existing ones: what the sentences are about, not the construction
FAMILIES = {
    "constructions_ba": _family("people", BA, 1450),
    "constructions_bei": _family("people", BEI, 900),
    "constructions_de": _family("hobbies", DE, 1150),
    "constructions_result": _family("school", RESULT, 1450),
    "constructions_direction_moves": _family("directions", DIRECTION_MOVES, 400),
    "constructions_direction": _family("directions", DIRECTION, 600),
    "constructions_yi_jiu": _family("time", YI_JIU, 700),
    "constructions_chule": _family("people", CHULE, 600),
    "constructions_you_you_things": _family("shopping", YOU_YOU_THINGS, 200),
    "constructions_you_you_people": _family("people", YOU_YOU_PEOPLE, 300),
    "constructions_interest": _family("hobbies", INTEREST, 500),
    "constructions_connect": _family("people", CONNECT, 300),
    **{f"constructions_address_{i:02d}": (_address(ph), 15) for i, ph in enumerate(NEW_PHRASES)},
}
EXAMPLES: dict = {}
