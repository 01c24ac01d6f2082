"""Joining clauses: 但是 / 可是, 因为…所以, 如果…就, 虽然…但是, 不但…而且, 还是 / 或者, 先…然后, 后来.

Conventions::

    这个手机很好，但是太贵了        this phone is very good , but it is too expensive
    因为下雨了，所以我没去公园      because it rained , I did not go to the park
    如果明天下雨，我就不去北京了    if it rains tomorrow , I will not go to Beijing
    虽然汉语很难，但是我很喜欢      although Chinese is difficult , I like it very much
    你想喝茶还是咖啡                do you want to drink tea or coffee ?
"""

from __future__ import annotations

from .templates import PEOPLE, T, families, render

PLACES = [("北京", "Beijing"), ("上海", "Shanghai"), ("公园", "the park"), ("超市", "the supermarket"),
          ("书店", "the bookstore"), ("商场", "the mall"), ("图书馆", "the library"), ("银行", "the bank"),
          ("医院", "the hospital"), ("食堂", "the canteen"), ("体育馆", "the gym"), ("学校", "school")]
THINGS = [("这个手机", "this phone"), ("这本书", "this book"), ("这件衬衫", "this shirt"), ("那辆车", "that car"),
          ("这块手表", "this watch"), ("那个书包", "that schoolbag")]
GOOD = [("好", "good"), ("漂亮", "beautiful"), ("好看", "nice")]
BAD = [("贵", "expensive"), ("大", "big"), ("小", "small"), ("旧", "old")]
BUT = [("但是", "but"), ("可是", "but"), ("但", "but")]
REASONS = [("下雨了", "it rained"), ("天气不好", "the weather was bad"), ("太晚了", "it was too late"),
           ("太冷了", "it was too cold"), ("太远了", "it was too far")]
LANGS = [("汉语", "Chinese"), ("英语", "English"), ("法语", "French"), ("日语", "Japanese")]
DRINKS = [("茶", "tea"), ("咖啡", "coffee"), ("水", "water"), ("牛奶", "milk"), ("果汁", "juice")]
ACTS = [("吃饭", "eat", "eats"), ("做作业", "do homework", "does homework"), ("看电视", "watch TV", "watches TV"),
        ("洗澡", "take a shower", "takes a shower"), ("上网", "go online", "goes online"),
        ("打球", "play ball", "plays ball"), ("看书", "read", "reads"), ("睡觉", "go to bed", "goes to bed")]
ACTS2 = [a for a in ACTS if a[0] != "吃饭"]

TEMPLATES = [
    T("{X}很{G}，{B}太{A}了", "{X} is very {G} , {B} it is too {A}", {"X": THINGS, "G": GOOD, "B": BUT, "A": BAD},
      subj="none"),
    T("{S}想去{L}，{B}没有时间", "{S} {want|wants} to go to {L} , {B} {R} {do|does} not have time",
      {"L": PLACES, "B": BUT}),
    T("因为{W}，所以{S}没去{L}", "because {W} , {S} did not go to {L}", {"W": REASONS, "L": PLACES}),
    T("{W}，所以{S}没去{L}", "{W} , so {S} did not go to {L}", {"W": REASONS, "L": PLACES}),
    T("{S}没去{L}，因为{W}", "{S} did not go to {L} because {W}", {"W": REASONS, "L": PLACES}),
    T("如果明天下雨，{S}就不去{L}了", "if it rains tomorrow , {S} will not go to {L}", {"L": PLACES}),
    T("如果明天天气好，{S}就去{L}", "if the weather is good tomorrow , {S} will go to {L}", {"L": PLACES}),
    T("如果{S}有时间，{S}就去{L}", "if {S} {have|has} time , {R} will go to {L}", {"L": PLACES}),
    T("虽然{X}很{A}，但是{S}很喜欢", "although {X} is {A} , {S} {like|likes} it very much",
      {"X": THINGS, "A": BAD}),
    T("虽然{Y}很难，但是{S}很喜欢学", "although {Y} is difficult , {S} {like|likes} learning it very much",
      {"Y": LANGS}),
    T("{S}不但会说{Y}，而且会说{Z}", "{S} can speak not only {Y} but also {Z}", {"Y": LANGS[:2], "Z": LANGS[2:]}),
    T("{X}很{G}，而且很便宜", "{X} is very {G} , and it is also cheap", {"X": THINGS, "G": GOOD}, subj="none"),
    T("{S}喝{D}还是{E}", "{do|does} {S} drink {D} or {E} ?", {"D": DRINKS[:3], "E": DRINKS[3:]}, subj="you"),
    T("{S}想喝{D}还是{E}", "{do|does} {S} want to drink {D} or {E} ?", {"D": DRINKS[:3], "E": DRINKS[3:]}, subj="you"),
    T("{S}今天去还是明天去", "{be} {S} going today or tomorrow ?", subj="you"),
    T("{S}可以喝{D}或者{E}", "{S} can drink {D} or {E}", {"D": DRINKS[:3], "E": DRINKS[3:]}),
    T("{S}想去{L}或者{M}", "{S} {want|wants} to go to {L} or {M}", {"L": PLACES[2:7], "M": PLACES[7:]}),
    T("{S}先{U}，然后{V}", "{S} {U} first , then {V}", {"U": ACTS[:4], "V": ACTS[4:]}),
    T("{S}先{U}再{V}", "{S} {U} first , then {V}", {"U": ACTS[:4], "V": ACTS[4:]}),
    T("我们先吃饭，然后去{L}吧", "let us eat first and then go to {L}", {"L": PLACES}, subj="none"),
    T("{S}吃完饭，接着{V}", "{S} {eat|eats} and then {V}", {"V": ACTS2}),
    T("后来{S}去了{L}", "later {S} went to {L}", {"L": PLACES}),
]
# 我们 is the subject of every sentence with subj="none"; the English says so itself ("let us").

FAMILIES = families("connectives", TEMPLATES)

EXAMPLES = {
    "connectives": [
        render(TEMPLATES[0], PEOPLE[0], None, {"X": THINGS[0], "G": GOOD[0], "B": BUT[0], "A": BAD[0]}),
        render(TEMPLATES[2], PEOPLE[0], None, {"W": REASONS[0], "L": PLACES[2]}),
        render(TEMPLATES[5], PEOPLE[0], None, {"L": PLACES[0]}),
        render(TEMPLATES[9], PEOPLE[0], None, {"Y": LANGS[0]}),
        render(TEMPLATES[13], PEOPLE[1], None, {"D": DRINKS[0], "E": DRINKS[1]}),
    ],
}
