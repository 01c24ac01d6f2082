"""Aspect: 了 (done), 过 (ever done), 在/正在 (going on), 要…了 (about to happen).

Conventions (one English form per Chinese sentence)::

    我昨天吃饺子了          I ate dumplings yesterday          了 at the end: simple past
    他没(有)上班            he did not go to work               没/没有 without 了
    我吃过饺子              I have eaten dumplings              过: present perfect
    我以前没吃过饺子        I have never eaten dumplings before
    你去过动物园吗          have you ever been to the zoo ?
    他正在看电视(呢)        he is watching TV                   在/正在/…呢: progressive
    我们要上课了            we are going to have class          要…了: "going to"
    我们快(要)考试了        we are about to take an exam        快…了 / 快要…了: "about to"
"""

from __future__ import annotations

import random

from ..grammar import NP, Pair, be, pair, pron_np
from ..lexicon import DESTINATIONS, PLACE, TIME
from .activities import ACTIVITIES, ACTIVITY, Activity, have
from .people import sample_other, sample_person

PAST_TIMES = ("昨天", "上周", "今天")


def _tags(a: Activity, *extra: str) -> set[str]:
    return {"everyday", f"topic_{a.topic}", *extra}


def build_le(subj: NP, a: Activity, x: NP | None = None, time: str | None = None, time_front: bool = False,
             neg: bool = False, q: bool = False, meiyou: bool = True) -> Pair:
    """我昨天吃饺子了 → "I ate dumplings yesterday"; 他没有上班 → "he did not go to work"."""
    t = TIME[time] if time else None
    zh = [t.zh if t and time_front else "", subj.zh, t.zh if t and not time_front else "",
          ("没有" if meiyou else "没") if neg else "", a.zh_plain(x), "" if neg else "了", "吗" if q else ""]
    tail = [a.en_obj(x), t.en if t else ""]
    if q:
        en = ["did", subj.en, a.base, *tail, "?"]
    elif neg:
        en = [subj.en, "did not", a.base, *tail]
    else:
        en = [subj.en, a.past, *tail]
    return pair(zh, en, _tags(a, "aspect_le", "past", *(["negation"] if neg else []),
                               *(["question"] if q else []), *(["moved_time"] if t else [])))


def build_guo(subj: NP, a: Activity, x: NP | None = None, before: bool = False, neg: bool = False,
              q: bool = False, meiyou: bool = False) -> Pair:
    """我吃过饺子 → "I have eaten dumplings"; 我以前没吃过 → "… never … before"; 吗 → "have you ever …?"."""
    zh = [subj.zh, "以前" if before else "", ("没有" if meiyou else "没") if neg else "", a.zh_with("过", x),
          "吗" if q else ""]
    tail = [a.en_obj(x), "before" if before else ""]
    if q:
        en = [have(subj), subj.en, "ever", a.pp, *tail, "?"]
    else:
        en = [subj.en, have(subj), "never" if neg else "", a.pp, *tail]
    return pair(zh, en, _tags(a, "aspect_guo", *(["negation"] if neg else []), *(["question"] if q else [])))


def build_been_to(subj: NP, place: str, before: bool = False, neg: bool = False, q: bool = False) -> Pair:
    """我去过动物园 → "I have been to the zoo": 去过 is "been to", not "gone to"."""
    p = PLACE[place]
    zh = [subj.zh, "以前" if before else "", "没" if neg else "", "去过", p.zh, "吗" if q else ""]
    tail = [p.to, "before" if before else ""]
    en = ([have(subj), subj.en, "ever", "been", *tail, "?"] if q
          else [subj.en, have(subj), "never" if neg else "", "been", *tail])
    return pair(zh, en, {"everyday", "aspect_guo", "moved_place", *(["negation"] if neg else []),
                          *(["question"] if q else [])})


PROG_FORMS = ("在", "正在", "在…呢", "正在…呢")


def build_progressive(subj: NP, a: Activity, x: NP | None = None, form: str = "正在", now: str = "",
                      neg: bool = False, q: bool = False) -> Pair:
    """他正在看电视呢 → "he is watching TV"; 我没在睡觉 → "I am not sleeping"; now 现在 → "… now"."""
    marker = "没在" if neg else form.split("…")[0]
    zh = [now == "front" and "现在" or "", subj.zh, now == "mid" and "现在" or "", marker, a.zh_plain(x),
          "呢" if form.endswith("呢") and not (neg or q) else "", "吗" if q else ""]
    tail = [a.en_obj(x), "now" if now else ""]
    en = [be(subj), subj.en, a.ing, *tail, "?"] if q else [subj.en, be(subj), "not" if neg else "", a.ing, *tail]
    return pair(zh, en, _tags(a, "progressive", *(["negation"] if neg else []), *(["question"] if q else [])))


SOON = {"要": "going to", "快要": "about to", "快": "about to", "就要": "about to"}


def build_soon(subj: NP, a: Activity, x: NP | None = None, form: str = "要", q: bool = False) -> Pair:
    """我们要上课了 → "we are going to have class"; 快(要)…了 → "about to"."""
    zh = [subj.zh, form, a.zh_plain(x), "了", "吗" if q else ""]
    words = [SOON[form], a.base, a.en_obj(x)]
    en = [be(subj), subj.en, *words, "?"] if q else [subj.en, be(subj), *words]
    return pair(zh, en, _tags(a, "aspect_soon", "future", *(["question"] if q else [])))


def _pick(rng: random.Random, flag_out: str = "", flag_in: str = "") -> Activity:
    pool = [a for a in ACTIVITIES if flag_out not in a.flags and (not flag_in or flag_in in a.flags)
            and (flag_out == "-prog" or "-le" not in a.flags)]
    return rng.choice(pool)


def _neg_q(rng: random.Random) -> tuple[bool, bool]:
    r = rng.random()
    return r < 0.25, 0.25 <= r < 0.45


def family_le(rng: random.Random) -> Pair | None:
    a, subj = _pick(rng), sample_person(rng)
    x = sample_other(rng, subj) if a.needs_person else None
    neg, q = _neg_q(rng)
    time = rng.choice(PAST_TIMES) if rng.random() < 0.6 else None
    return build_le(subj, a, x, time, rng.random() < 0.3, neg, q, rng.random() < 0.5)


def family_guo(rng: random.Random) -> Pair | None:
    subj = sample_person(rng)
    neg, q = _neg_q(rng)
    before = rng.random() < 0.2
    if rng.random() < 0.25:
        return build_been_to(subj, rng.choice(DESTINATIONS).zh, before, neg, q)
    a = _pick(rng, "-exp")
    x = sample_other(rng, subj) if a.needs_person else None
    return build_guo(subj, a, x, before, neg, q, rng.random() < 0.3)


def family_progressive(rng: random.Random) -> Pair | None:
    a, subj = _pick(rng, "-prog"), sample_person(rng)
    x = sample_other(rng, subj) if a.needs_person else None
    neg, q = _neg_q(rng)
    now = rng.choice(("", "", "", "front", "mid"))
    return build_progressive(subj, a, x, rng.choice(PROG_FORMS), now, neg, q)


def family_soon(rng: random.Random) -> Pair | None:
    a, subj = _pick(rng, flag_in="+soon"), sample_person(rng)
    return build_soon(subj, a, None, rng.choice(tuple(SOON)), rng.random() < 0.15)


FAMILIES = {
    "aspect_le": (family_le, 3000),
    "aspect_guo": (family_guo, 2500),
    "aspect_progressive": (family_progressive, 3000),
    "aspect_soon": (family_soon, 700),
}

_I, _HE, _WE = pron_np("我"), pron_np("他"), pron_np("我们")
EXAMPLES = {
    "aspect": [
        build_guo(_I, ACTIVITY["吃饺子"]),  # I have eaten dumplings
        build_progressive(_HE, ACTIVITY["看书"], form="正在"),  # he is reading
        build_progressive(pron_np("她"), ACTIVITY["看电视"], form="在…呢"),  # she is watching TV
        build_le(_I, ACTIVITY["吃饭"], time="昨天"),
        build_le(_HE, ACTIVITY["上班"], neg=True, time="今天"),
        build_been_to(pron_np("你"), "动物园", q=True),
        build_soon(_WE, ACTIVITY["上课"], form="要"),
        build_soon(_WE, ACTIVITY["考试"], form="快要"),
    ],
}
