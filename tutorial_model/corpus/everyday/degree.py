"""Degree and softening: 有(一)点儿 / 真 / 非常 / 特别 / 挺…的, 太…了, V一点儿N, and 看看 / 看一下.

Conventions::

    我有点儿累 / 这本书有一点儿贵      I am a little tired / this book is a little expensive
    他真高兴 / 我挺忙的                 he is really happy / I am quite busy
    太贵了 / 太远了                     it is too expensive / it is too far
    我想喝一点儿水                      I want to drink a little water
    我看看 / 我们休息一下               let me take a look / let us take a rest
    请等一下 / 你试试这件衬衫           please wait a moment / try on this shirt
"""

from __future__ import annotations

import random

from ..grammar import NP, Pair, be, dem_np, pair, pron_np
from ..sampling import Choice
from .people import sample_person

DEGREE_EN = {"有点儿": "a little", "有一点儿": "a little", "真": "really", "非常": "very", "特别": "very",
             "挺": "quite"}
PERSON_ADJS = {"累": "tired", "饿": "hungry", "渴": "thirsty", "忙": "busy", "高兴": "happy", "冷": "cold",
               "热": "hot"}
THING_ADJS = {"贵": "expensive", "便宜": "cheap", "大": "big", "小": "small", "旧": "old", "新": "new",
              "漂亮": "beautiful", "重": "heavy"}
THINGS = ("书", "衬衫", "外套", "车", "手机", "电脑", "包", "桌子", "自行车")


def build_degree(subj: NP, degree: str, adj: str, adj_en: str) -> Pair:
    """我有点儿累 → "I am a little tired"; 挺…的 → "quite"."""
    zh = [subj.zh, degree, adj, "的" if degree == "挺" else ""]
    return pair(zh, [subj.en, be(subj), DEGREE_EN[degree], adj_en], {"everyday", "degree"})


TAI = {"太贵了": "it is too expensive", "太远了": "it is too far", "太难了": "it is too difficult",
       "太累了": "I am too tired", "太热了": "it is too hot", "太冷了": "it is too cold"}

SOME = {"水": "water", "茶": "tea", "咖啡": "coffee", "米饭": "rice", "汤": "soup", "水果": "fruit"}
SOME_VERB = {"水": "喝", "茶": "喝", "咖啡": "喝", "米饭": "吃", "汤": "喝", "水果": "吃"}


def build_some(subj: NP, modal: str, noun: str) -> Pair:
    """我想喝一点儿水 → "I want to drink a little water"; 他会说一点儿汉语 → "he can speak a little Chinese"."""
    if noun in ("汉语", "英语"):
        verb, verb_en, noun_en = "说", "speak", {"汉语": "Chinese", "英语": "English"}[noun]
    else:
        verb, noun_en = SOME_VERB[noun], SOME[noun]
        verb_en = "drink" if verb == "喝" else "eat"
    mod_en = {"想": "wants to" if subj.third_singular else "want to", "会": "can", "可以": "can"}[modal]
    return pair([subj.zh, modal, verb, "一点儿", noun], [subj.en, mod_en, verb_en, "a little", noun_en],
                 {"everyday", "degree", "modal"})


# 看看 / 看一下: verb → (English without object, English with "{o}")
TRY = {"看": ("take a look", "take a look at {o}"), "试": ("try it", "try on {o}"), "等": ("wait a moment", ""),
       "休息": ("take a rest", ""), "想": ("think about it", ""), "听": ("listen", ""),
       "问": ("ask", "ask {o}"), "练习": ("practice", "")}
TRY_OBJECTS = {"看": ("书", "照片", "地图", "杂志"), "试": ("衬衫", "外套", "毛衣", "裙子", "帽子")}
_ASKED = {"老师": "the teacher", "医生": "the doctor", "你妈妈": "your mother", "他": "him"}


def build_try(who: str, verb: str, form: str, obj: NP | None = None) -> Pair:
    """我看看 → "let me take a look"; 我们休息一下 → "let us take a rest"; 请等一下 → "please wait a moment".

    ``who``: 我 (let me), 我们 (let us), 你 / 你们 / "" (a request), 请 (please).
    """
    twice = verb + verb if form == "VV" else verb + "一下"
    bare, with_obj = TRY[verb]
    en_v = with_obj.format(o=obj.obj) if obj else bare
    lead = {"我": "let me", "我们": "let us", "请": "please"}.get(who, "")
    return pair([who, twice, obj.zh if obj else ""], [lead, en_v], {"everyday", "reduplication"})


def _person_degree(rng: random.Random) -> Pair:
    subj = sample_person(rng)
    adj = rng.choice(list(PERSON_ADJS))
    return build_degree(subj, rng.choice(list(DEGREE_EN)), adj, PERSON_ADJS[adj])


def _thing_degree(rng: random.Random) -> Pair:
    adj, degree = rng.choice(list(THING_ADJS)), rng.choice(list(DEGREE_EN))
    if degree.startswith("有") and adj in ("便宜", "新", "漂亮"):  # 有点儿 is for what one dislikes
        degree = "真"
    return build_degree(dem_np(rng.random() < 0.5, rng.choice(THINGS)), degree, adj, THING_ADJS[adj])


def _some(rng: random.Random) -> Pair:
    noun = rng.choice([*SOME, "汉语", "英语"])
    modal = "会" if noun in ("汉语", "英语") else rng.choice(("想", "可以"))
    return build_some(sample_person(rng), modal, noun)


def _try(rng: random.Random) -> Pair:
    verb = rng.choice(list(TRY))
    obj = None
    if verb in TRY_OBJECTS and rng.random() < 0.6:
        obj = dem_np(rng.random() < 0.5, rng.choice(TRY_OBJECTS[verb]))
    elif verb == "问" and rng.random() < 0.6:
        zh = rng.choice(list(_ASKED))
        obj = NP(zh, _ASKED[zh], _ASKED[zh], 3, False, "x", "human")
    who = rng.choice(("我", "我们", "你", "你们", "", "请"))
    return build_try(who, verb, rng.choice(("VV", "一下")) if len(verb) == 1 else "一下", obj)


_DEGREE = Choice((0.45, _person_degree), (0.2, _thing_degree), (0.2, _some), (0.15, _try))


def family_degree(rng: random.Random) -> Pair | None:
    return _DEGREE(rng)(rng)


FAMILIES = {"degree": (family_degree, 2000)}

_I = pron_np("我")
EXAMPLES = {
    "degree": [
        build_degree(_I, "有点儿", "累", "tired"),  # I am a little tired
        *[pair([zh], [en], {"everyday", "degree"}) for zh, en in TAI.items()],  # 太贵了 it is too expensive …
        build_some(_I, "会", "汉语"),  # I can speak a little Chinese
        build_try("我", "看", "VV"),  # let me take a look
        build_try("请", "等", "一下"),  # please wait a moment
        build_try("我们", "休息", "一下"),  # let us take a rest
    ],
}
