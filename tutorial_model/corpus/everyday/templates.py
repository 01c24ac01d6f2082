"""A small template engine for the connectives / adverbs / life topics: one sentence pattern, a few slots.

A template is a Chinese pattern and an English pattern with the same slots. ``{S}`` is the subject person
(``{S}`` in English is its subject form; ``{R}`` the pronoun that repeats it, ``{P}`` its possessive,
``{Ro}`` its object pronoun); ``{O}`` another person (``{O}`` in English: its object form). Agreement with
the subject is written ``{a|b}`` (a for I / you / we / they, b for he / she / a name) and ``{be}``,
``{was}``. Other slots are tables of (Chinese, English) pairs; an English value may itself use ``{P}`` etc.
A Chinese "，" is kept or dropped at random (the same English), as the corpus brief asks.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from ..grammar import Pair, pair


@dataclass(frozen=True)
class Person:
    zh: str
    en: str  # subject
    obj: str
    poss: str  # my / his …
    pron: str  # the pronoun that repeats it: 小明 → he
    person: int
    plural: bool

    @property
    def third_singular(self) -> bool:
        return self.person == 3 and not self.plural


_P = [("我", "I", "me", "my", "I", 1, False), ("你", "you", "you", "your", "you", 2, False),
      ("他", "he", "him", "his", "he", 3, False), ("她", "she", "her", "her", "she", 3, False),
      ("我们", "we", "us", "our", "we", 1, True), ("你们", "you", "you", "your", "you", 2, True),
      ("他们", "they", "them", "their", "they", 3, True),
      ("小明", "Xiaoming", "Xiaoming", "his", "he", 3, False), ("小红", "Xiaohong", "Xiaohong", "her", "she", 3, False),
      ("大卫", "David", "David", "his", "he", 3, False), ("玛丽", "Mary", "Mary", "her", "she", 3, False),
      ("我妈妈", "my mother", "my mother", "her", "she", 3, False),
      ("我爸爸", "my father", "my father", "his", "he", 3, False),
      ("他哥哥", "his brother", "his brother", "his", "he", 3, False),
      ("她姐姐", "her sister", "her sister", "her", "she", 3, False),
      ("李先生", "Mr Li", "Mr Li", "his", "he", 3, False), ("王先生", "Mr Wang", "Mr Wang", "his", "he", 3, False),
      ("王小姐", "Miss Wang", "Miss Wang", "her", "she", 3, False), ("安娜", "Anna", "Anna", "her", "she", 3, False),
      ("马克", "Mark", "Mark", "his", "he", 3, False)]
PEOPLE = [Person(*p) for p in _P]
PRONOUNS = PEOPLE[:7]
SINGLE = [p for p in PEOPLE if not p.plural]
_SUBJ_ONLY = {"你们"}  # as an object 你们 reads "you" like 你: avoided as O to keep one reading per sentence

_AGREE = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")


@dataclass(frozen=True)
class T:
    zh: str
    en: str
    slots: dict = field(default_factory=dict)  # name → list of (zh, en) or (zh, en, en for he/she)
    subj: str = "all"  # all | pron | single | third | notme | none | you
    tags: tuple = ()


def _subjects(kind: str) -> list[Person]:
    return {"all": PEOPLE, "pron": PRONOUNS, "single": SINGLE,
            "you": [PEOPLE[1], PEOPLE[5]], "none": [PEOPLE[0]],
            "third": [p for p in PEOPLE[:11] if p.third_singular],
            "notme": [p for p in PEOPLE if p.person != 1]}[kind]  # questions: "are we willing …?" is odd


def _fill_en(en: str, s: Person, o: Person | None, values: dict) -> str:
    for name, v in values.items():
        en = en.replace("{" + name + "}", v)
    be = "am" if (s.person == 1 and not s.plural) else ("is" if s.third_singular else "are")
    was = "was" if (not s.plural and s.person != 2) else "were"
    rep = {"{S}": s.en, "{R}": s.pron, "{P}": s.poss, "{Ro}": {"I": "me", "he": "him", "she": "her", "we": "us",
                                                                  "they": "them"}.get(s.pron, s.pron),
           "{be}": be, "{was}": was, "{Rbe}": be if s.pron != "I" else "am"}
    if o is not None:
        rep |= {"{O}": o.obj, "{OP}": o.poss}
    for k, v in rep.items():
        en = en.replace(k, v)
    en = _AGREE.sub(lambda m: m.group(2) if s.third_singular else m.group(1), en)
    en = en[0].upper() + en[1:] if en.startswith("i ") else en
    return en


def render(t: T, s: Person, o: Person | None, picks: dict, comma: bool = True) -> Pair:
    zh = t.zh.replace("{S}", s.zh if t.subj != "none" else "")
    if o is not None:
        zh = zh.replace("{O}", o.zh)
    values = {}
    for name, item in picks.items():
        zh = zh.replace("{" + name + "}", item[0])
        values[name] = item[2] if (len(item) > 2 and s.third_singular) else item[1]
    if not comma:
        zh = zh.replace("，", "")
    return pair([zh], [_fill_en(t.en, s, o, values)], {"everyday", *t.tags})


def sample(t: T, rng: random.Random) -> Pair:
    s = rng.choice(_subjects(t.subj))
    o = None
    if "{O}" in t.zh:
        pool = PRONOUNS if "{OP}" in t.en else PEOPLE  # a name's possessive is not written here
        o = rng.choice([p for p in pool if p.zh != s.zh and p.zh not in _SUBJ_ONLY
                        and not (p.person == s.person and p.person != 3)])
    picks = {name: rng.choice(table) for name, table in t.slots.items()}
    return render(t, s, o, picks, comma=rng.random() < 0.5)


def n_combos(t: T) -> int:
    n = len(_subjects(t.subj)) * (len(PEOPLE) - 2 if "{O}" in t.zh else 1) * (2 if "，" in t.zh else 1)
    for table in t.slots.values():
        n *= len(table)
    return n


def families(prefix: str, templates: list[T], cap: int = 150) -> dict:
    """One family per template, its quota the number of distinct sentences it can make (at most ``cap``)."""
    out = {}
    for i, t in enumerate(templates):
        out[f"{prefix}_{i:02d}"] = ((lambda rng, t=t: sample(t, rng)), min(cap, n_combos(t)))
    return out


def find(templates: list[T], zh: str) -> T:
    """The template whose Chinese pattern is ``zh`` (examples name templates this way, not by position)."""
    return next(t for t in templates if t.zh == zh)


def fixed(zh: str, en: str, tags: tuple = ()) -> Pair:
    return pair([zh], [en], {"everyday", *tags})
