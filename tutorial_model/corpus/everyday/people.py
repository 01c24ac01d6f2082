"""Who a sentence is about: one person sampler, whose mix of names, pronouns, relatives and roles is a table.

Topics differ in the mix (the activities talk about relatives and "the teacher", questions about people
one would ask), so a topic passes its own ``Choice`` of the branches below to :func:`sample_person`; one
draw picks the branch. A topic-specific branch (numbers' 我妈妈 without 的) is one more function.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from ..grammar import NP, def_np, poss_np, pron_np
from ..lexicon import POSSESSORS
from ..sampling import Choice
from .lexicon import NAMES, name_np

Branch = Callable[[random.Random], NP]

PERSON_PRONOUNS = tuple(p.zh for p in POSSESSORS)  # 我 你 他 她 我们 你们 他们 她们 (no 它)
DOER_PRONOUNS = ("我", "你", "他", "她", "我们", "你们", "他们")
KIN_OWNERS = ("我", "你", "他", "她")
RELATIVES = ("妈妈", "爸爸", "哥哥", "姐姐", "弟弟", "妹妹", "爷爷", "奶奶", "朋友")
ROLES = ("老师", "学生", "医生")


def kin_np(owner: str, noun: str, de: bool) -> NP:
    """我妈妈 / 我的妈妈 → "my mother": with kin Chinese usually drops 的; English is the same."""
    np = poss_np(owner, noun)
    return np if de else NP(owner + noun, np.en, np.obj, np.person, np.plural, np.gender, np.kind, np.tags)


def a_name(rng: random.Random) -> NP:
    return name_np(rng.choice(NAMES).zh)


def a_pronoun(pronouns: Sequence[str] = PERSON_PRONOUNS) -> Branch:
    return lambda rng: pron_np(rng.choice(pronouns))


def a_relative(rng: random.Random) -> NP:
    """我妈妈 / 他的哥哥 …: 的 kept two times in five."""
    owner = rng.choice(KIN_OWNERS)
    return kin_np(owner, rng.choice(RELATIVES), rng.random() < 0.4)


def a_role(rng: random.Random) -> NP:
    return def_np(rng.choice(ROLES))


# The mixes several topics share. A name is decided on a draw of its own in DOERS (it was written so).
NAME_OR_PRONOUN = Choice((0.35, a_name), (0.65, a_pronoun()))
_UNNAMED_DOERS = Choice((0.5, a_pronoun(DOER_PRONOUNS)), (0.35, a_relative), (0.15, a_role))
DOERS = Choice((0.15, a_name), (0.85, lambda rng: _UNNAMED_DOERS(rng)(rng)))
_OTHERS = Choice((0.1, a_name), (0.3, a_pronoun(("我", "你", "他", "她", "我们", "他们"))), (0.4, a_relative),
                 (0.2, a_role))


def sample_person(rng: random.Random, mix: Choice[Branch] = DOERS) -> NP:
    """A person, drawn from ``mix`` (default: a pronoun, a name, my/his … relative, or "the teacher")."""
    return mix(rng)(rng)


def sample_other(rng: random.Random, subj: NP) -> NP:
    """A person other than the subject, as an object ("call my mother", "wait for him")."""
    while True:
        x = sample_person(rng, _OTHERS)
        if x.zh != subj.zh and not x.zh.startswith(subj.zh) and x.en != subj.en:
            return x
