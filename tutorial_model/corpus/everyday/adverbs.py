"""Adverbs of time, frequency and certainty: 已经, 刚才 / 刚, 才, 又, 再, 一直, 经常, 马上, 一起, 一定, 可能,
也许, 忽然, 越来越, 永远, 一般, 其实, 好像.

Conventions::

    我已经吃饭了          I have already eaten
    他刚到北京            he has just arrived in Beijing
    她又去图书馆了        she went to the library again
    我们下次再去公园吧    let us go to the park again next time
    天气越来越热了        it is getting hotter and hotter
"""

from __future__ import annotations

from .connectives import PLACES
from .templates import PEOPLE, T, families, render

DONE = [("吃饭", "eaten"), ("回家", "gone home"), ("睡觉", "gone to bed"), ("做完作业", "finished {P} homework"),
        ("起床", "got up"), ("到家", "got home")]
CITIES = [("北京", "Beijing"), ("上海", "Shanghai"), ("中国", "China"), ("南京", "Nanjing"), ("广州", "Guangzhou")]
HOURS = [("九", "nine"), ("十", "ten"), ("十一", "eleven"), ("十二", "twelve")]
EARLY = [("六", "six"), ("七", "seven"), ("八", "eight")]
FOODS = [("鱼", "fish"), ("米饭", "rice"), ("面条", "noodles"), ("水果", "fruit"), ("咖啡", "coffee"), ("茶", "tea")]
WEATHER = [("热", "hotter and hotter"), ("冷", "colder and colder"), ("好", "better and better")]

TEMPLATES = [
    T("{S}已经{D}了", "{S} {have|has} already {D}", {"D": DONE}),
    T("{S}刚才去{L}了", "{S} went to {L} just now", {"L": PLACES}),
    T("{S}刚到{C}", "{S} {have|has} just arrived in {C}", {"C": CITIES}),
    T("{S}刚刚到{C}", "{S} {have|has} just arrived in {C}", {"C": CITIES}),
    T("{S}昨天{H}点才到家", "{S} did not get home until {H} yesterday", {"H": HOURS}),
    T("{S}又去{L}了", "{S} went to {L} again", {"L": PLACES}),
    T("我们下次再去{L}吧", "let us go to {L} again next time", {"L": PLACES}, subj="none"),
    T("{S}明天再来{C}", "{S} will come to {C} again tomorrow", {"C": CITIES}),
    T("{S}一直在等{O}", "{S} {have|has} been waiting for {O}"),
    T("{S}经常去{L}", "{S} often {go|goes} to {L}", {"L": PLACES}),
    T("{S}常常去{L}", "{S} often {go|goes} to {L}", {"L": PLACES}),
    T("{S}马上回来", "{S} will be back right away"),
    T("{S}马上去{L}", "{S} will go to {L} right away", {"L": PLACES}),
    T("{S}和{O}一起去{L}", "{S} {go|goes} to {L} with {O}", {"L": PLACES}),
    T("我们一起去{L}吧", "let us go to {L} together", {"L": PLACES}, subj="none"),
    T("{S}明天一定去{L}", "{S} will definitely go to {L} tomorrow", {"L": PLACES}),
    T("{S}可能不来了", "{S} may not come"),
    T("{S}明天可能去{L}", "{S} may go to {L} tomorrow", {"L": PLACES}),
    T("也许{S}不知道", "maybe {S} {do|does} not know"),
    T("{S}也许在{L}", "{S} may be at {L}", {"L": PLACES[2:]}),
    T("{S}忽然哭了", "{S} suddenly started crying"),
    T("{S}忽然笑了", "{S} suddenly started laughing"),
    T("天气越来越{W}了", "the weather is getting {W}", {"W": WEATHER}, subj="none"),
    T("{S}的汉语越来越好了", "{P} Chinese is getting better and better", subj="pron"),
    T("{S}永远不会忘记{O}", "{S} will never forget {O}"),
    T("{S}一般{H}点起床", "{S} usually {get|gets} up at {H}", {"H": EARLY}),
    T("{S}一般{H}点睡觉", "{S} usually {go|goes} to bed at {H}", {"H": HOURS}),
    T("其实{S}不喜欢{F}", "actually {S} {do|does} not like {F}", {"F": FOODS}),
    T("{S}好像病了", "{S} {seem|seems} to be ill", subj="single"),
    T("{S}好像不在家", "{S} {do|does} not seem to be at home", subj="single"),
    T("{S}早就知道了", "{S} knew it long ago"),
]

FAMILIES = families("adverbs", TEMPLATES)

EXAMPLES = {
    "adverbs": [
        render(TEMPLATES[0], PEOPLE[0], None, {"D": DONE[0]}),
        render(TEMPLATES[2], PEOPLE[2], None, {"C": CITIES[0]}),
        render(TEMPLATES[6], PEOPLE[0], None, {"L": PLACES[2]}),
        render(TEMPLATES[22], PEOPLE[0], None, {"W": WEATHER[0]}),
    ],
}
