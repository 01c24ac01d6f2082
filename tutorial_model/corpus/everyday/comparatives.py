"""Comparison with 比 / 没有 / 跟…一样 / 最, and the 是…的 focus construction.

Conventions::

    他比我高                  he is taller than me               ("than me": everyday English)
    今天比昨天冷              today is colder than yesterday
    明天比今天热一点儿        tomorrow will be a little hotter than today
    这本书比那本书贵得多      this book is much more expensive than that book
    这本书比那本贵            this book is more expensive than that one   (measure word, no noun)
    我没有他高                I am not as tall as him
    我跟他一样高              I am as tall as him
    坐地铁比坐公共汽车快      taking the subway is faster than taking the bus
    哥哥比我大两岁            … is two years older than me      (大/小 of people: older/younger)
    我是坐飞机来的            I came by plane                   (是…的: how, when, from where, with whom)
    你是怎么来学校的          how did you come to school ?
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..grammar import NP, Pair, be, pair, pron_np
from ..lexicon import NOUN, NUM_EN, NUM_ZH, PLACE, PLACES
from ..sampling import Choice
from .activities import ACTIVITY
from .people import kin_np, sample_other, sample_person


@dataclass(frozen=True)
class Grade:
    zh: str
    en: str  # positive
    er: str  # comparative
    est: str  # superlative (after "the")


_GRADES = """
高 tall taller tallest          矮 short shorter shortest       大 big bigger biggest
小 small smaller smallest       冷 cold colder coldest          热 hot hotter hottest
贵 expensive more_expensive most_expensive                      便宜 cheap cheaper cheapest
快 fast faster fastest          慢 slow slower slowest          忙 busy busier busiest
好 good better best             长 long longer longest          重 heavy heavier heaviest
新 new newer newest             旧 old older oldest             累 tired more_tired most_tired
聪明 smart smarter smartest     漂亮 beautiful more_beautiful most_beautiful
好吃 delicious more_delicious most_delicious                    难 difficult more_difficult most_difficult
凉快 cool cooler coolest        干净 clean cleaner cleanest     有意思 interesting more_interesting
most_interesting
舒服 comfortable more_comfortable most_comfortable
"""
_gw = [w.replace("_", " ") for w in _GRADES.split()]
GRADE = {_gw[i]: Grade(*_gw[i:i + 4]) for i in range(0, len(_gw), 4)}
# 大/小 of people is age: 他比我大 → "he is older than me".
PERSON_GRADE = {**GRADE, "大": Grade("大", "old", "older", "oldest"), "小": Grade("小", "young", "younger",
                                                                                   "youngest")}

PEOPLE_ADJS = ("高", "矮", "大", "小", "忙", "累", "聪明")
DAY_ADJS = ("冷", "热", "凉快")
# noun → adjectives that compare it
THING_ADJS = {
    "书": "贵 便宜 新 旧 有意思 好 长 重", "词典": "贵 便宜 新 旧 重 好", "外套": "贵 便宜 新 旧 干净 漂亮 大 小",
    "裙子": "贵 便宜 新 旧 漂亮 长", "车": "贵 便宜 新 旧 快 慢 大 小 干净", "自行车": "贵 便宜 新 旧 快 慢",
    "手机": "贵 便宜 新 旧 大 小 好", "电脑": "贵 便宜 新 旧 快 慢 重 好", "房子": "大 小 新 旧 漂亮 贵 干净",
    "苹果": "大 小 好吃 贵 便宜", "西瓜": "大 小 好吃 贵 便宜", "狗": "大 小 快 慢 聪明", "猫": "大 小 聪明 漂亮",
    "床": "大 小 舒服 贵 便宜", "椅子": "舒服 贵 便宜 新 旧", "电影": "有意思 长 好", "房间": "大 小 干净 舒服",
}
# Nouns this module adds (not in the corpus tables): zh → (English, measure word).
EXTRA_NOUNS = {"房间": ("room", "个")}
DAYS = {"今天": ("today", "is"), "昨天": ("yesterday", "was"), "明天": ("tomorrow", "will be")}
SEASONS = {"春天": "spring", "夏天": "summer", "秋天": "autumn", "冬天": "winter"}
TRANSPORT = ("坐飞机", "坐火车", "坐地铁", "坐公共汽车", "坐出租车", "骑自行车", "开车", "走路")
_TRANSPORT_ADJS = ("快", "慢", "贵", "便宜", "舒服")

# How much: 比B ADJ + degree, or 比B 更ADJ.
DEGREES = {"": "", "一点儿": "a little", "得多": "much", "多了": "much", "更": "even"}


def _dem(near: bool, noun: str, with_noun: bool = True) -> NP:
    """这本书 "this book"; 那本 (the measure word alone) "that one"."""
    en, mw = EXTRA_NOUNS[noun] if noun in EXTRA_NOUNS else (NOUN[noun].en, NOUN[noun].mw)
    this, this_en = ("这", "this") if near else ("那", "that")
    full = f"{this_en} {en}" if with_noun else f"{this_en} one"
    return NP(this + mw + (noun if with_noun else ""), full, full, 3, False, "n", "thing")


def _be_for(a: NP) -> str:
    if a.zh in DAYS:
        return DAYS[a.zh][1]
    return be(a)


def build_bi(a: NP, b: NP, grade: Grade, degree: str = "", q: bool = False) -> Pair:
    """A比B[更]ADJ[一点儿|得多|多了][吗] → "A is [a little|much|even] ADJer than B [?]"."""
    zh = [a.zh, "比", b.zh, "更" if degree == "更" else "", grade.zh, degree if degree != "更" else "",
          "吗" if q else ""]
    cmp = [DEGREES[degree], grade.er, "than", b.obj or b.en]
    verb = _be_for(a)
    if q:
        first, *rest = verb.split()
        en = [first, a.en, *rest, *cmp, "?"]
    else:
        en = [a.en, verb, *cmp]
    return pair(zh, en, {"everyday", "comparison", *(["question"] if q else [])})


def build_bi_years(a: NP, b: NP, older: bool, n: int) -> Pair:
    """哥哥比我大两岁 → "my brother is two years older than me"."""
    zh = [a.zh, "比", b.zh, "大" if older else "小", NUM_ZH[n], "岁"]
    years = "one year" if n == 1 else f"{NUM_EN[n]} years"
    en = [a.en, be(a), years, "older" if older else "younger", "than", b.obj]
    return pair(zh, en, {"everyday", "comparison", "number"})


def build_not_as(a: NP, b: NP, grade: Grade) -> Pair:
    """我没有他高 → "I am not as tall as him"."""
    verb = _be_for(a).split()
    zh = [a.zh, "没有", b.zh, grade.zh]
    en = [a.en, verb[0], "not", *verb[1:], "as", grade.en, "as", b.obj or b.en]
    return pair(zh, en, {"everyday", "comparison", "negation"})


def build_same(a: NP, b: NP, grade: Grade) -> Pair:
    """我跟他一样高 → "I am as tall as him"."""
    zh = [a.zh, "跟", b.zh, "一样", grade.zh]
    en = [a.en, _be_for(a), "as", grade.en, "as", b.obj or b.en]
    return pair(zh, en, {"everyday", "comparison"})


def build_most(a: NP, grade: Grade) -> Pair:
    """他最高 → "he is the tallest"."""
    return pair([a.zh, "最", grade.zh], [a.en, _be_for(a), "the", grade.est], {"everyday", "superlative"})


def _day(zh: str) -> NP:
    en = DAYS[zh][0] if zh in DAYS else SEASONS[zh]
    return NP(zh, en, en, 3, False, "n", "day")


def _doing(zh: str) -> NP:
    """坐地铁 as a subject or after 比: "taking the subway"."""
    a = ACTIVITY[zh]
    en = " ".join(w for w in (a.ing, a.en_obj()) if w)
    return NP(zh, en, en, 3, False, "n", "activity")


def sample_pair_of(rng: random.Random) -> tuple[NP, NP]:
    """Two things worth comparing: people, days or seasons, ways to travel, or this X and that X."""
    return _PAIRS_OF(rng)(rng)


def _two_people(rng: random.Random) -> tuple[NP, NP]:
    a = sample_person(rng)
    return a, sample_other(rng, a)


def _two_days(rng: random.Random) -> tuple[NP, NP]:
    x, y = rng.sample(list(DAYS) if rng.random() < 0.6 else list(SEASONS), 2)
    return _day(x), _day(y)


def _two_ways(rng: random.Random) -> tuple[NP, NP]:
    x, y = rng.sample(TRANSPORT, 2)
    return _doing(x), _doing(y)


def _this_and_that(rng: random.Random) -> tuple[NP, NP]:
    noun = rng.choice(list(THING_ADJS))
    near = rng.random() < 0.5
    return _dem(near, noun), _dem(not near, noun, rng.random() < 0.6)


_PAIRS_OF = Choice((0.4, _two_people), (0.15, _two_days), (0.1, _two_ways), (0.35, _this_and_that))


def family_compare(rng: random.Random) -> Pair | None:
    a, b = sample_pair_of(rng)
    if a.kind == "human" or a.kind in ("person", "family"):
        grades, names = PERSON_GRADE, PEOPLE_ADJS
        if rng.random() < 0.12:
            return build_bi_years(a, b, rng.random() < 0.5, rng.randint(1, 10))
    elif a.kind == "day":
        grades, names = GRADE, DAY_ADJS
    elif a.kind == "activity":
        grades, names = GRADE, _TRANSPORT_ADJS
    else:
        noun = next(n for n in THING_ADJS if a.zh.endswith(n))
        grades, names = GRADE, tuple(THING_ADJS[noun].split())
    grade = grades[rng.choice(names)]
    return _COMPARE(rng)(rng, a, b, grade)


_COMPARE = Choice(
    (0.6, lambda rng, a, b, grade: build_bi(a, b, grade, rng.choice(list(DEGREES)), rng.random() < 0.15)),
    (0.15, lambda rng, a, b, grade: build_not_as(a, b, grade)),
    (0.13, lambda rng, a, b, grade: build_same(a, b, grade)),
    (0.12, lambda rng, a, b, grade: build_most(a, grade) if a.kind != "day" else None),
)


# ------------------------------------------------------------------------------------------- 是…的

MANNERS = {"坐飞机": "by plane", "坐火车": "by train", "坐地铁": "by subway", "坐公共汽车": "by bus",
           "坐出租车": "by taxi", "打车": "by taxi", "开车": "by car", "骑自行车": "by bike", "走路": "on foot"}
WHEN = {"昨天": "yesterday", "上周": "last week", "今天": "today"}
MOTION = {"来": "came", "去": "went", "回来": "came back"}


def _from(place: str) -> str:
    p = PLACE[place]
    return "from home" if p.to == "-" else "from" + p.to[2:]


def build_shi_de(subj: NP, verb: str = "来", manner: str = "", when: str = "", dest: str = "",
                 origin: str = "", comp: NP | None = None, neg: bool = False, q: bool = False) -> Pair:
    """我是(昨天)(跟他一起)坐飞机来(学校)的 → "I came (to school) by plane (with him) (yesterday)"."""
    assert not (dest and verb == "回来"), "回来 takes no destination here"
    zh = [subj.zh, "不是" if neg else "是", when, f"跟{comp.zh}一起" if comp else "", f"从{origin}" if origin else "",
          manner, verb, dest, "的", "吗" if q else ""]
    dest_en = "" if not dest else ("home" if PLACE[dest].to == "-" else PLACE[dest].to)
    tail = [dest_en, _from(origin) if origin else "", MANNERS.get(manner, ""),
            "with " + comp.obj if comp else "", WHEN.get(when, "")]
    base = {"来": "come", "去": "go", "回来": "come back"}[verb]
    if q:
        en = ["did", subj.en, base, *tail, "?"]
    elif neg:
        en = [subj.en, "did not", base, *tail]
    else:
        en = [subj.en, MOTION[verb], *tail]
    return pair(zh, en, {"everyday", "shi_de", "past", *(["negation"] if neg else []),
                          *(["question"] if q else [])})


def build_shi_de_wh(subj: NP, wh: str, verb: str = "来", dest: str = "") -> Pair:
    """你是怎么来的 → "how did you come ?"; 你是什么时候去医院的 → "when did you go to the hospital ?"."""
    dest_en = "" if not dest else ("home" if PLACE[dest].to == "-" else PLACE[dest].to)
    base = {"来": "come", "去": "go", "回来": "come back"}[verb]
    en = [{"怎么": "how", "什么时候": "when"}[wh], "did", subj.en, base, dest_en, "?"]
    return pair([subj.zh, "是", wh, verb, dest, "的"], en, {"everyday", "shi_de", "wh_question", "question"})


_SHI_DE_PLACES = ("学校", "医院", "公园", "图书馆", "火车站", "机场", "超市", "动物园", "办公室")


def family_shi_de(rng: random.Random) -> Pair | None:
    subj = sample_person(rng)
    verb = rng.choice(("来", "来", "去", "回来"))
    dest = rng.choice(_SHI_DE_PLACES) if verb == "去" or verb == "来" and rng.random() < 0.5 else ""
    if rng.random() < 0.15:
        return build_shi_de_wh(subj, rng.choice(("怎么", "什么时候")), verb, dest)
    manner = rng.choice(list(MANNERS)) if rng.random() < 0.75 else ""
    when = rng.choice(list(WHEN)) if rng.random() < 0.35 else ""
    origin = rng.choice([p.zh for p in PLACES if p.zh not in (dest, "家")]) if (
        verb != "去" and not dest and rng.random() < 0.3) else ""
    comp = sample_other(rng, subj) if rng.random() < 0.15 else None
    if not (manner or when or origin or comp):
        return None
    r = rng.random()
    return build_shi_de(subj, verb, manner, when, dest, origin, comp, r < 0.2, 0.2 <= r < 0.4)


FAMILIES = {
    "compare": (family_compare, 4500),
    "shi_de": (family_shi_de, 2500),
}

_I, _HE, _YOU = pron_np("我"), pron_np("他"), pron_np("你")
EXAMPLES = {
    "comparison": [
        build_bi(_HE, _I, PERSON_GRADE["高"]),  # he is taller than me
        build_bi(_day("今天"), _day("昨天"), GRADE["冷"]),  # today is colder than yesterday
        build_bi(_dem(True, "书"), _dem(False, "书", False), GRADE["贵"], "一点儿"),
        build_not_as(_I, _HE, PERSON_GRADE["高"]),
        build_bi_years(kin_np("我", "哥哥", False), _I, True, 2),
        build_bi(_doing("坐地铁"), _doing("坐公共汽车"), GRADE["快"]),
    ],
    "shi_de": [
        build_shi_de(_I, "来", "坐飞机"),  # I came by plane
        build_shi_de(_HE, "来", when="昨天"),  # he came yesterday
        build_shi_de_wh(_YOU, "怎么"),  # how did you come ?
        build_shi_de(_YOU, "来", "坐火车", q=True),  # did you come by train ?
    ],
}
