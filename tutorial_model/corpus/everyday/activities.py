"""Everyday activities: the verb phrases the aspect, modal and topic modules conjugate.

Each row is a Chinese verb phrase with the place where an aspect particle goes marked by "|"
(游|泳 → 游过泳, 给{x}打|电话 → 给妈妈打过电话), its five English forms (base/3sg/past/participle/-ing)
and the English object. "{x}" is a person (给妈妈打电话 → "call my mother"). Flags say which
constructions fit: +skill (会 "can": a learned ability), +soon (要…了 "going to": a scheduled event),
-prog (no 正在: "I am having breakfast" is fine, "I am seeing a doctor" is not what 在看病 says),
-exp (no 过), -le and -modal (看书 is "read" only in 在看书 "is reading"; elsewhere the corpus says
"read books"). Rows that also exist in ``tutorial_model.corpus`` keep its English (游泳 swim, 开车
drive a car), so the two grammars never disagree about one sentence.

Not a topic module itself (no FAMILIES): ``aspect``, ``modals`` and the topic modules import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..grammar import NP


@dataclass(frozen=True)
class Activity:
    zh: str  # Chinese with "|" where 了/过 would go after the verb and "{x}" for a person
    base: str
    s3: str
    past: str
    pp: str
    ing: str
    obj: str  # English object or complement, may contain "{x}"
    topic: str
    flags: frozenset[str]

    def zh_plain(self, x: NP | None = None) -> str:
        return self.zh.replace("|", "").format(x=x.zh if x else "")

    def zh_with(self, particle: str, x: NP | None = None) -> str:
        return self.zh.replace("|", particle).format(x=x.zh if x else "")

    def en_obj(self, x: NP | None = None) -> str:
        return self.obj.format(x=x.obj if x else "")

    @property
    def needs_person(self) -> bool:
        return "{x}" in self.zh


# [topic]  zh-with-|  base/3sg/past/participle/-ing  English object…  [+skill +soon -prog -exp]
_TABLE = """
[hobbies]
唱|歌 sing/sings/sang/sung/singing +skill
跳|舞 dance/dances/danced/danced/dancing +skill
游|泳 swim/swims/swam/swum/swimming +skill
运动| exercise/exercises/exercised/exercised/exercising
踢|足球 play/plays/played/played/playing football +skill
打|篮球 play/plays/played/played/playing basketball +skill
听|音乐 listen/listens/listened/listened/listening to music
看|电视 watch/watches/watched/watched/watching TV
旅游| travel/travels/traveled/traveled/traveling
画|画 draw/draws/drew/drawn/drawing
照|相 take/takes/took/taken/taking photos
骑|自行车 ride/rides/rode/ridden/riding a bike +skill
开|车 drive/drives/drove/driven/driving a car +skill
[transport]
坐|飞机 take/takes/took/taken/taking the plane
坐|火车 take/takes/took/taken/taking the train
坐|地铁 take/takes/took/taken/taking the subway
坐|公共汽车 take/takes/took/taken/taking the bus
坐|出租车 take/takes/took/taken/taking a taxi
打|车 take/takes/took/taken/taking a taxi
走|路 walk/walks/walked/walked/walking -exp
坐|船 take/takes/took/taken/taking the boat
带|伞 take/takes/took/taken/taking an umbrella -exp
[food]
看|书 read/reads/read/read/reading -exp -le -modal
吃|饭 eat/eats/ate/eaten/eating
吃|早饭 have/has/had/had/having breakfast -exp
吃|午饭 have/has/had/had/having lunch -exp
吃|晚饭 have/has/had/had/having dinner -exp
吃|饺子 eat/eats/ate/eaten/eating dumplings
吃|包子 eat/eats/ate/eaten/eating steamed buns
吃|水果 eat/eats/ate/eaten/eating fruit
吃|中国菜 eat/eats/ate/eaten/eating Chinese food
喝|水 drink/drinks/drank/drunk/drinking water
喝|酒 drink/drinks/drank/drunk/drinking wine
做|饭 cook/cooks/cooked/cooked/cooking +skill
用|筷子吃饭 eat/eats/ate/eaten/eating with chopsticks +skill
[school]
上|课 have/has/had/had/having class +soon -exp
做|作业 do/does/did/done/doing homework -exp
学|汉语 learn/learns/learned/learned/learning Chinese
学|英语 learn/learns/learned/learned/learning English
说|汉语 speak/speaks/spoke/spoken/speaking Chinese +skill
说|英语 speak/speaks/spoke/spoken/speaking English +skill
说|中文 speak/speaks/spoke/spoken/speaking Chinese +skill
写|汉字 write/writes/wrote/written/writing Chinese characters +skill
考|试 take/takes/took/taken/taking an exam +soon
复习| review/reviews/reviewed/reviewed/reviewing -exp
准备|考试 prepare/prepares/prepared/prepared/preparing for the exam -exp
努力|学习 study/studies/studied/studied/studying hard -exp
做|练习 do/does/did/done/doing exercises -exp
写|句子 write/writes/wrote/written/writing sentences -exp
借|书 borrow/borrows/borrowed/borrowed/borrowing books
放|假 have/has/had/had/having a holiday +soon -exp
练习|写汉字 practice/practices/practiced/practiced/practicing writing Chinese characters -exp
问|老师问题 ask/asks/asked/asked/asking the teacher questions -exp
回答|问题 answer/answers/answered/answered/answering questions -exp
[work]
上|班 go/goes/went/gone/going to work +soon -exp
下|班 get/gets/got/gotten/getting off work +soon -exp
工作| work/works/worked/worked/working
开|会 have/has/had/had/having a meeting +soon
打|工 work/works/worked/worked/working part-time
找|工作 look/looks/looked/looked/looking for a job
参观|博物馆 visit/visits/visited/visited/visiting the museum
听|新闻 listen/listens/listened/listened/listening to the news
换|衣服 change/changes/changed/changed/changing clothes -exp
笑| laugh/laughs/laughed/laughed/laughing -exp
[health]
吃|药 take/takes/took/taken/taking medicine
休息| rest/rests/rested/rested/resting
看|病 see/sees/saw/seen/seeing a doctor -prog
睡|觉 sleep/sleeps/slept/slept/sleeping +soon
起|床 get/gets/got/gotten/getting up +soon -exp
洗|澡 take/takes/took/taken/taking a shower -exp
洗|衣服 wash/washes/washed/washed/washing clothes -exp
买|衣服 buy/buys/bought/bought/buying clothes
[people]
给{x}打|电话 call/calls/called/called/calling {x}
给{x}写|信 write/writes/wrote/written/writing to {x}
跟{x}说|话 talk/talks/talked/talked/talking to {x} -exp
等|{x} wait/waits/waited/waited/waiting for {x} -exp
帮助|{x} help/helps/helped/helped/helping {x} -exp
照顾|{x} take/takes/took/taken/taking care of {x} -exp
送{x}去|学校 take/takes/took/taken/taking {x} to school -exp
"""


def _parse(table: str) -> list[Activity]:
    out, topic = [], ""
    for line in table.strip().splitlines():
        if line.startswith("["):
            topic = line.strip("[]")
            continue
        zh, forms, *rest = line.split()
        flags = frozenset(w for w in rest if w[0] in "+-")
        obj = " ".join(w for w in rest if w[0] not in "+-")
        out.append(Activity(zh, *forms.split("/"), obj, topic, flags))  # type: ignore[arg-type]
    return out


ACTIVITIES: list[Activity] = _parse(_TABLE)
ACTIVITY: dict[str, Activity] = {a.zh_plain(): a for a in ACTIVITIES if not a.needs_person}

def have(subj: NP) -> str:
    return "has" if subj.third_singular else "have"


def present(subj: NP, a: Activity) -> str:
    return a.s3 if subj.third_singular else a.base
