"""Modal verbs 会 能 可以 想 要 应该 必须 不用, their negation and questions, and 别/不要 commands.

Conventions::

    他会游泳 / 他不会游泳 / 他会不会游泳      he can swim / he cannot swim / can he swim ?   (a skill)
    他明天会来上班                            he will go to work tomorrow     (会 with a future time)
    你能帮助我吗 / 你能不能帮助我             can you help me ?
    我可以看电视吗                            may I watch TV ?   (可以 asked by 我/我们; otherwise "can")
    我想(要)学汉语 / 我要学汉语               I want to learn Chinese   (as corpus.build_modal's 想)
    你应该吃药 / 你不应该喝酒                 you should take medicine / you should not drink wine
    你必须休息 / 你不用上班                   you must rest / you do not have to go to work
    别说话 / 请不要喝酒                       do not talk … / please do not drink wine
"""

from __future__ import annotations

import random

from ..grammar import NP, Pair, do, pair, pron_np
from .activities import ACTIVITIES, ACTIVITY, Activity
from .people import sample_other, sample_person

# modal → English for (statement, negation); None: conjugated like "want to" with do-support.
MODALS: dict[str, tuple[str, str] | None] = {
    "会": ("can", "cannot"), "能": ("can", "cannot"), "可以": ("can", "cannot"),
    "应该": ("should", "should not"), "必须": ("must", "must not"), "想": None, "要": None, "喜欢": None,
}
DO_VERBS = {"想": "want", "要": "want", "喜欢": "like"}  # as corpus.DO_MODALS: "want to", "like to"
FUTURE_TIMES = {"明天": "tomorrow", "下周": "next week"}


def _usable(a: Activity) -> bool:
    return "-modal" not in a.flags


def build_modal(subj: NP, modal: str, a: Activity, x: NP | None = None, neg: bool = False, q: bool = False,
                anota: bool = False, time: str | None = None) -> Pair:
    """S [T] [不]MODAL VP [吗]; ``anota``: the A-not-A question 会不会/能不能/想不想 (no 吗).

    会 with a future time is "will"; 可以 asked by 我/我们 is "may"; 想 and 要 are "want to".
    """
    assert not (neg and modal == "要"), "不要 + verb is a command: build_dont"
    t_en = FUTURE_TIMES[time] if time else ""
    m_zh = f"{modal}不{modal}" if anota else ("不" + modal if neg else modal)
    zh = [subj.zh, time or "", m_zh, a.zh_plain(x), "吗" if q and not anota else ""]
    tail = [a.base, a.en_obj(x), t_en]
    question = q or anota
    if MODALS[modal] is None:
        verb = DO_VERBS[modal]
        if question:
            en = [do(subj), subj.en, verb, "to", *tail, "?"]
        else:
            en = [subj.en, f"{do(subj)} not {verb}" if neg else verb + "s" * subj.third_singular, "to", *tail]
    else:
        word, neg_word = MODALS[modal]  # type: ignore[misc]
        if time and modal == "会":
            word, neg_word = "will", "will not"
        if modal == "可以" and question and subj.person == 1:
            word = "may"
        en = [word, subj.en, *tail, "?"] if question else [subj.en, neg_word if neg else word, *tail]
    tags = {"everyday", "modal", f"topic_{a.topic}", *(["negation"] if neg else []),
            *(["question"] if question else [])}
    return pair(zh, en, tags)


def build_dont(a: Activity, x: NP | None = None, form: str = "别", you: str = "") -> Pair:
    """别说话 / 你不要喝酒 → "do not …"; 请不要… / 请别… → "please do not …"."""
    zh = [you, form, a.zh_plain(x)]
    en = ["please" if form.startswith("请") else "", "do not", a.base, a.en_obj(x)]
    return pair(zh, en, {"everyday", "imperative", "negation", f"topic_{a.topic}"})


def build_buyong(subj: NP, a: Activity, x: NP | None = None) -> Pair:
    """你不用上班 → "you do not have to go to work"."""
    zh = [subj.zh, "不用", a.zh_plain(x)]
    en = [subj.en, do(subj), "not have to", a.base, a.en_obj(x)]
    return pair(zh, en, {"everyday", "modal", "negation", f"topic_{a.topic}"})


def family_modal(rng: random.Random) -> Pair | None:
    modal = rng.choice(["会", "会", "能", "可以", "想", "要", "应该", "必须", "喜欢"])
    skill_only = modal == "会" and rng.random() < 0.7
    pool = [a for a in ACTIVITIES if _usable(a) and (not skill_only or "+skill" in a.flags)]
    a = rng.choice(pool)
    subj = sample_person(rng)
    x = sample_other(rng, subj) if a.needs_person else None
    time = None if skill_only or modal != "会" else rng.choice(tuple(FUTURE_TIMES))
    r = rng.random()
    fixed = modal in ("要", "必须")  # 不要 is a command; "must not" is 不能, not 不必须
    neg = r < 0.3 and not fixed
    anota = not neg and r < 0.45 and modal in ("会", "能", "想", "要", "喜欢") and not time
    q = not neg and not anota and r < 0.6 and modal != "必须"
    return build_modal(subj, modal, a, x, neg, q, anota, time)


def family_dont(rng: random.Random) -> Pair | None:
    a = rng.choice([a for a in ACTIVITIES if _usable(a)])
    x = sample_other(rng, pron_np("你")) if a.needs_person else None
    if rng.random() < 0.3:
        return build_buyong(sample_person(rng), a, x)
    form = rng.choice(("别", "不要", "请不要", "请别"))
    you = rng.choice(("", "", "你", "你们")) if not form.startswith("请") else ""
    return build_dont(a, x, form, you)


FAMILIES = {
    "modal_everyday": (family_modal, 5000),
    "modal_dont": (family_dont, 900),
}

_I, _YOU, _HE = pron_np("我"), pron_np("你"), pron_np("他")
EXAMPLES = {
    "modals": [
        build_modal(_I, "会", ACTIVITY["说汉语"]),  # I can speak Chinese
        build_modal(_HE, "会", ACTIVITY["游泳"], neg=True),  # he cannot swim
        build_modal(_YOU, "会", ACTIVITY["开车"], anota=True),  # can you drive a car ?
        build_modal(_I, "可以", ACTIVITY["看电视"], q=True),  # may I watch TV ?
        build_modal(_I, "想", ACTIVITY["学汉语"]),  # I want to learn Chinese
        build_modal(_YOU, "应该", ACTIVITY["休息"]),  # you should rest
        build_modal(_YOU, "能", next(a for a in ACTIVITIES if a.zh == "帮助|{x}"), _I, q=True),  # can you help me ?
        build_dont(ACTIVITY["喝酒"], form="请不要"),  # please do not drink wine
    ],
}
