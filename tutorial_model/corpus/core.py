"""The first round's sentence families: seeded samplers over the lexicon, built by ``grammar``'s rules,
and the seed sentences and lesson examples every model must know."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Sequence

from .grammar import (
    NP,
    STATE_TENSE,
    VP,
    Maybe,
    Pair,
    bare_obj,
    build_action,
    build_adjective,
    build_colour,
    build_existential,
    build_identity,
    build_location,
    build_modal,
    build_resolution,
    build_this_is,
    build_wh_object,
    build_wh_subject,
    build_wh_where,
    build_what_is,
    def_np,
    dem_np,
    go_vp,
    poss_np,
    pron_np,
    quant_np,
    resolution_pronoun,
    vp,
)
from .lexicon import (
    ADJ,
    ATTRIBUTIVE_ADJS,
    COLOURED_KINDS,
    COLOURS,
    DESTINATIONS,
    FRAMES,
    GO,
    INTRANSITIVE,
    LOCATIONS,
    NOUN,
    NOUNS,
    PLACES,
    POSS_PEOPLE,
    POSSESSORS,
    PREDICATE_ADJS,
    PREDICATE_PEOPLE,
    PRONOUNS,
    TIMES,
    TRANSITIVE,
    TRANSITIVE_BY_ZH,
    Adj,
    Noun,
    Verb,
)

# =================================================================================== random samplers

@functools.cache
def nouns_for(spec: tuple[str, ...]) -> list[Noun]:
    return [n for n in NOUNS if n.kind in spec or n.zh in spec]


def _pick_adj(rng: random.Random, noun: Noun, p: float = 0.25) -> Adj | None:
    choices = ATTRIBUTIVE_ADJS.get(noun.kind)
    return rng.choice(choices) if choices and noun.pl and rng.random() < p else None


def possessor(rng: random.Random, noun: Noun) -> str:
    """我的 / 他们的 …; but one husband or wife per owner ("our husband" is out)."""
    owners = [p for p in POSSESSORS if not (noun.zh in ("丈夫", "妻子") and p.plural)]
    return rng.choice(owners).zh


def sample_noun_np(rng: random.Random, noun: Noun, role: str, mode: str = "pl") -> NP:
    """Some noun phrase for ``noun``: bare, counted, possessive or demonstrative, maybe with an adjective."""
    if noun.kind == "subject":
        return bare_obj(noun.zh, "bare")
    if noun.only_poss:
        return poss_np(possessor(rng, noun), noun.zh)
    r = rng.random()
    if role == "subj":
        style = "bare" if r < 0.3 else "poss" if r < 0.55 else "dem" if r < 0.8 else "quant"
    else:
        style = "bare" if r < 0.3 else "quant" if r < 0.75 else "poss" if r < 0.85 else "dem"
    if noun.kind == "family" and style in ("bare", "dem"):
        style = "poss"
    if style == "poss" and noun.kind == "person" and noun.zh not in POSS_PEOPLE:
        style = "dem"
    if style == "bare":
        return def_np(noun.zh) if role == "subj" else bare_obj(noun.zh, mode)
    if style == "poss":
        return poss_np(possessor(rng, noun), noun.zh)
    if style == "dem":
        near, r2, adj = rng.random() < 0.5, rng.random(), _pick_adj(rng, noun, 0.15)
        if noun.pl is None or r2 < 0.45:
            return dem_np(near, noun.zh, adj=adj)
        if r2 < 0.8:
            return dem_np(near, noun.zh, adj=adj, plural=True)
        return dem_np(near, noun.zh, n=rng.randint(2, 10), adj=adj)
    n = rng.randint(2, 10) if role == "subj" or rng.random() < 0.55 else 1
    if noun.pl is None:
        return quant_np(n, noun.zh, container=rng.choice(noun.mw))
    return quant_np(n, noun.zh, adj=_pick_adj(rng, noun))


def sample_subject(rng: random.Random, klass: str = "human", kinds: Sequence[str] | None = None,
                   p_pron: float = 0.35) -> NP:
    """A subject: a pronoun, or a noun phrase of the given kinds (default: people, and animals if animate)."""
    if kinds is None:
        kinds = ("person", "family", "animal") if klass == "animate" else ("person", "family")
    pron_kinds = {"animal", "human"} & ({"human", *kinds} if "person" in kinds else set(kinds))
    if rng.random() < p_pron and pron_kinds:
        allowed = [p for p in PRONOUNS if ("animal" if p.gender == "n" else "human") in pron_kinds]
        return pron_np(rng.choice(allowed).zh)
    return sample_noun_np(rng, rng.choice(nouns_for(tuple(kinds))), "subj")


def sample_object(rng: random.Random, verb: Verb) -> NP:
    if verb.pron_obj and rng.random() < 0.15:
        return pron_np(rng.choice(PRONOUNS).zh)
    nouns = nouns_for(verb.objs)
    if verb.zh == "有":  # one has "a brother" or "two sisters", never "my mother"
        noun = rng.choice([n for n in nouns if not n.only_poss])
        if noun.kind == "family":
            return quant_np(rng.randint(1, 4), noun.zh)
        return sample_noun_np(rng, noun, "obj", verb.mode)
    noun = rng.choice(nouns)
    if noun.kind == "family":  # otherwise a relative is always someone's: "help my mother"
        return poss_np(possessor(rng, noun), noun.zh)
    return sample_noun_np(rng, noun, "obj", verb.mode)


_COMPANIONS = ("朋友", "妈妈", "爸爸", "哥哥", "姐姐", "孩子", "老师")


def _sample_companion(rng: random.Random, subj: NP) -> NP:
    """和X一起 → "with X": a person other than the subject."""
    if rng.random() < 0.5:
        return pron_np(rng.choice([p for p in PRONOUNS if p.gender != "n" and p.subj != subj.en]).zh)
    noun = NOUN[rng.choice(_COMPANIONS)]
    return poss_np(possessor(rng, noun), noun.zh)


def _sample_vp(rng: random.Random, allow_stative: bool = True) -> tuple[Verb, VP]:
    r = rng.random()
    if r < 0.55:
        verb = rng.choice([v for v in TRANSITIVE if allow_stative or not v.stative])
        return verb, vp(verb, sample_object(rng, verb))
    if r < 0.82:
        verb = rng.choice(INTRANSITIVE)
        return verb, vp(verb)
    return GO, go_vp(rng.choice(DESTINATIONS).zh)


def _neg_q(rng: random.Random, p_neg: float, p_q: float) -> tuple[bool, bool]:
    neg = rng.random() < p_neg
    return neg, not neg and rng.random() < p_q


def family_action(rng: random.Random) -> Maybe:
    verb, v = _sample_vp(rng)
    subj = sample_subject(rng, verb.subj)
    neg, q = _neg_q(rng, 0.25, 0.22)
    if verb.stative:  # 我没有猫 → I do not have a cat; 她喜欢狗吗 → does she like dogs ?
        return build_action(subj, v, neg=neg, q=q)
    tense = rng.choice(["present", "present", "past", "past", "future"])
    times = [t.zh for t in TIMES if t.tense == tense]
    time = rng.choice(times) if tense == "future" or rng.random() < 0.6 else None
    takes_place = verb is not GO and verb.zh != "回家"
    place = rng.choice(PLACES).zh if takes_place and rng.random() < 0.35 else None
    comp = _sample_companion(rng, subj) if subj.kind == "human" and rng.random() < 0.12 else None
    return build_action(subj, v, tense, time, rng.random() < 0.3, place, comp, neg, q)


def family_modal(rng: random.Random) -> Maybe:
    verb, v = _sample_vp(rng, allow_stative=False)
    subj = sample_subject(rng, verb.subj)
    neg, q = _neg_q(rng, 0.3, 0.3)
    takes_place = verb is not GO and verb.zh != "回家"
    place = rng.choice(PLACES).zh if takes_place and rng.random() < 0.3 else None
    comp = _sample_companion(rng, subj) if subj.kind == "human" and rng.random() < 0.15 else None
    return build_modal(subj, rng.choice(["想", "能", "喜欢"]), v, place, comp, neg, q)


def family_identity(rng: random.Random) -> Maybe:
    neg, q = _neg_q(rng, 0.25, 0.25)
    if rng.random() < 0.3:  # 这是一只猫 / 那是我的书
        noun = rng.choice([n for n in NOUNS if n.kind != "subject"])
        ownable = noun.kind == "family" or noun.kind != "person" or noun.zh in POSS_PEOPLE
        if noun.kind == "family" or ownable and rng.random() < 0.35:
            return build_this_is(rng.random() < 0.5, poss_np(possessor(rng, noun), noun.zh), neg, q)
        return build_this_is(rng.random() < 0.5, quant_np(1, noun.zh, adj=_pick_adj(rng, noun)), neg, q)
    subj = sample_subject(rng, "human", p_pron=0.6)
    if rng.random() < 0.3:  # 她是我的妈妈 / 他们是我的朋友
        noun = NOUN[rng.choice([n.zh for n in NOUNS if n.kind == "family"] + list(POSS_PEOPLE))]
        owner = possessor(rng, noun)
        if (subj.plural and noun.pl is None) or owner == subj.zh:
            return None
        return build_identity(subj, noun.zh, owner=owner, neg=neg, q=q)
    noun = NOUN[rng.choice(PREDICATE_PEOPLE)]
    counted = not subj.plural and rng.random() < 0.5
    return build_identity(subj, noun.zh, counted, _pick_adj(rng, noun, 0.2), neg=neg, q=q)


def family_location(rng: random.Random) -> Maybe:
    subj = sample_subject(rng, "animate")
    time = rng.choice([None, None, "昨天", "今天", "明天", "每天", "上周", "下周"])
    neg, q = _neg_q(rng, 0.25, 0.25)
    return build_location(subj, rng.choice(PLACES).zh, time, rng.random() < 0.3, neg, q)


_THING_KINDS = [k for k in PREDICATE_ADJS if k not in ("human", "place", "weather")]


def family_adjective(rng: random.Random) -> Maybe:
    r = rng.random()
    if r < 0.3:
        subj = sample_subject(rng, "human", p_pron=0.5)
        adjs = PREDICATE_ADJS["human"]
    elif r < 0.42:  # 公园很安静 → "the park is very quiet"
        place = rng.choice(DESTINATIONS)
        subj = NP(place.zh, "the " + place.to.split()[-1], "", 3, False, "n", "place")
        adjs = PREDICATE_ADJS["place"]
    elif r < 0.48:  # 今天天气很好 → "the weather is very good today"
        subj = NP("天气", "the weather", "", 3, False, "n", "weather")
        adjs = PREDICATE_ADJS["weather"]
    else:
        kind = rng.choice(_THING_KINDS)
        subj = sample_subject(rng, "animate", kinds=(kind,), p_pron=0.25 if kind == "animal" else 0)
        adjs = PREDICATE_ADJS[kind]
    if subj.kind in COLOURED_KINDS and rng.random() < 0.06:
        neg, q = _neg_q(rng, 0.25, 0.3)
        return build_colour(subj, rng.choice(COLOURS), neg, q)
    degree = rng.choice(["很", "很", "很", "太", "不", "不太"])
    timed = subj.kind in ("human", "person", "family", "animal", "weather")
    time = rng.choice([None, None, None, "昨天", "今天", "明天", "每天"]) if timed else None
    q = degree == "很" and rng.random() < 0.3
    return build_adjective(subj, degree, rng.choice(adjs), time, rng.random() < 0.3, q)


def family_existential(rng: random.Random) -> Maybe:
    loc = rng.choice(list(LOCATIONS))
    noun = rng.choice(nouns_for(LOCATIONS[loc][1]))
    if rng.random() < 0.2:  # 没有 + bare noun reads as plural: "there are no cats"
        return build_existential(loc, bare_obj(noun.zh, "pl"), neg=True)
    if rng.random() < 0.2:
        obj = bare_obj(noun.zh, "a")
    else:
        container = rng.choice(noun.mw) if noun.pl is None else None
        obj = quant_np(rng.randint(1, 10), noun.zh, _pick_adj(rng, noun), container)
    return build_existential(loc, obj, q=rng.random() < 0.25)


_WH_VERBS = [v for v in TRANSITIVE if v.zh in "有 喜欢 吃 喝 买 卖 读 写 想要 画 做 看见 找 洗 学".split()]


def family_wh(rng: random.Random) -> Maybe:
    r = rng.random()
    tense = rng.choice(["present", "past", "future"])
    timed = tense == "future" or rng.random() < 0.5
    time = rng.choice([t.zh for t in TIMES if t.tense == tense]) if timed else None
    if r < 0.4:  # what
        verb = rng.choice(_WH_VERBS)
        if verb.stative and (tense != "present" or time):
            return None
        place = rng.choice(PLACES).zh if not verb.stative and rng.random() < 0.25 else None
        return build_wh_object(sample_subject(rng, verb.subj), verb, tense, time, place)
    if r < 0.75:  # who
        verb, v = _sample_vp(rng)
        if verb.stative and (tense != "present" or time):
            return None
        takes_place = not verb.stative and verb is not GO and verb.zh != "回家"
        place = rng.choice(PLACES).zh if takes_place and rng.random() < 0.25 else None
        return build_wh_subject(v, tense, time, place)
    if r < 0.995:  # where
        subj = sample_subject(rng, "animate")
        if rng.random() < 0.5:
            return build_wh_where(subj, True, tense, time)
        state_time = rng.choice([None, None, "昨天", "明天"])
        return build_wh_where(subj, False, STATE_TENSE[state_time], state_time)
    return build_what_is(rng.random() < 0.5)


def family_resolution(rng: random.Random) -> Maybe:
    frame = rng.choice(FRAMES)
    subj = sample_subject(rng, frame.subj, p_pron=0.3)
    obj = None
    if frame.objs:
        noun = NOUN[rng.choice(frame.objs)]
        obj = dem_np(False, noun.zh, plural=noun.pl is not None and rng.random() < 0.4)
    agent = rng.random() < 0.5
    if agent and resolution_pronoun(subj) is None:  # "the student … because ?? was too tired"
        return None
    adj = rng.choice(list(frame.agent_adjs if agent else frame.obj_adjs))
    return build_resolution(subj, frame, adj, obj, "昨天" if rng.random() < 0.2 else None)


# Family → (sampler, distinct sentences to draw). Sizes keep every table row well above 20 uses in train.
FAMILIES: dict[str, tuple[Callable[[random.Random], Maybe], int]] = {
    "action": (family_action, 26000),
    "modal": (family_modal, 5000),
    "identity": (family_identity, 4500),
    "location": (family_location, 3000),
    "adjective": (family_adjective, 7000),
    "existential": (family_existential, 3500),
    "wh": (family_wh, 5000),
    "resolution": (family_resolution, 5000),
}


# ======================================================================= seeds, examples, the corpus


def _have(zh: str) -> Verb:
    return TRANSITIVE_BY_ZH[zh][0]


def _seed_pairs() -> list[Pair]:
    """The sentences the project brief names; the shipped model must translate every one."""
    i, he, street = pron_np("我"), pron_np("他"), FRAMES[0]
    have, like, read = _have("有"), _have("喜欢"), TRANSITIVE_BY_ZH["看"][0]
    return [
        build_action(i, vp(have, quant_np(1, "猫"))),  # I have a cat
        build_identity(i, "学生", counted=True),  # I am a student
        *[build_action(pron_np(p), vp(have, quant_np(1, "猫"))) for p in ("你", "他", "她", "我们", "他们")],
        build_action(pron_np("它"), vp(have, quant_np(1, "球"))),  # it has a ball
        build_identity(he, "学生", counted=True),  # he is a student
        build_identity(pron_np("他们"), "学生"),  # they are students
        build_action(i, vp(have, quant_np(1, "书"))),  # I have a book
        build_action(i, vp(have, quant_np(2, "书"))),  # I have two books
        build_action(i, vp(have, quant_np(3, "苹果"))),  # I have three apples
        build_action(i, vp(have, quant_np(1, "苹果"))),  # I have an apple
        build_action(i, vp(_have("想要"), quant_np(1, "茶"))),  # I want a cup of tea
        build_action(i, vp(have, quant_np(1, "猫", ADJ["黑色"]))),  # I have a black cat
        build_action(i, vp(like, bare_obj("狗", "pl")), neg=True),  # I do not like dogs
        build_identity(he, "老师", neg=True),  # he is not a teacher
        build_action(i, vp(have, bare_obj("猫", "a")), neg=True),  # I do not have a cat
        build_action(he, go_vp("学校"), "past", "昨天", neg=True),  # he did not go to school yesterday
        build_action(pron_np("你"), vp(have, bare_obj("猫", "a")), q=True),  # do you have a cat ?
        build_identity(he, "学生", q=True),  # is he a student ?
        build_action(pron_np("她"), vp(like, bare_obj("狗", "pl")), q=True),  # does she like dogs ?
        build_action(i, vp(read, bare_obj("书", "pl")), place="公园"),  # I read books in the park
        build_action(he, go_vp("学校"), "past", "昨天"),  # he went to school yesterday
        build_action(i, go_vp("公园"), "future", "明天"),  # I will go to the park tomorrow
        build_adjective(def_np("猫"), "很", ADJ["大"]),  # the cat is very big
        build_identity(poss_np("我", "妈妈"), "医生", counted=True),  # my mother is a doctor
        build_resolution(def_np("猫"), street, "累"),  # the cat … because it was too tired
        build_resolution(quant_np(2, "狗"), street, "累"),  # two dogs … because they were too tired
        build_resolution(poss_np("我", "妈妈"), street, "累"),  # my mother … because she was too tired
        build_resolution(def_np("猫"), street, "宽"),  # the cat … because it was too wide (the street)
    ]


def example_pairs() -> list[Pair]:
    """Curated sentences for the UI: every phenomenon at least once."""
    i, he, she, you = pron_np("我"), pron_np("他"), pron_np("她"), pron_np("你")
    have, like, read, watch = _have("有"), _have("喜欢"), TRANSITIVE_BY_ZH["看"][0], TRANSITIVE_BY_ZH["看"][1]
    street = FRAMES[0]
    return [
        build_action(i, vp(have, quant_np(1, "猫"))),  # I have a cat
        build_identity(i, "学生", counted=True),  # I am a student
        build_action(she, vp(have, quant_np(3, "书"))),  # she has three books
        build_action(pron_np("他们"), vp(have, quant_np(2, "狗", ADJ["黑色"]))),  # they have two black dogs
        build_action(i, vp(_have("想要"), quant_np(1, "苹果"))),  # I want an apple
        build_action(i, vp(like, bare_obj("狗", "pl")), neg=True),  # I do not like dogs
        build_action(he, go_vp("学校"), "past", "昨天", neg=True),  # he did not go to school yesterday
        build_action(you, vp(have, bare_obj("猫", "a")), q=True),  # do you have a cat ?
        build_action(she, vp(like, bare_obj("狗", "pl")), q=True),  # does she like dogs ?
        build_action(i, vp(read, bare_obj("书", "pl")), place="公园"),  # I read books in the park
        build_action(i, go_vp("公园"), "future", "明天"),  # I will go to the park tomorrow
        # 我的朋友昨天在图书馆看了一本书 → my friend read a book in the library yesterday
        build_action(poss_np("我", "朋友"), vp(read, quant_np(1, "书")), "past", "昨天", place="图书馆"),
        # 昨天他看了一部电影 → he watched a movie yesterday
        build_action(he, vp(watch, quant_np(1, "电影")), "past", "昨天", True),
        build_adjective(def_np("猫"), "很", ADJ["大"]),  # the cat is very big
        build_adjective(dem_np(True, "孩子", plural=True), "很", ADJ["高兴"]),  # these children are …
        build_existential("桌子上", quant_np(3, "茶")),  # there are three cups of tea on the table
        build_wh_object(you, _have("买"), "past", "昨天"),  # what did you buy yesterday ?
        # 我想和我的朋友一起去公园 → I want to go to the park with my friend
        build_modal(i, "想", go_vp("公园"), comp=poss_np("我", "朋友")),
        build_modal(poss_np("我", "哥哥"), "能", vp(INTRANSITIVE[1]), neg=True),  # my brother cannot swim
        build_identity(poss_np("他", "爸爸"), "医生", counted=True),  # his father is a doctor
        build_resolution(def_np("猫"), street, "累"),  # the cat … because it was too tired
        build_resolution(def_np("猫"), street, "宽"),  # the cat … because it was too wide
        build_resolution(quant_np(2, "狗"), street, "累"),  # two dogs … because they were too tired
        build_resolution(poss_np("我", "妈妈"), street, "累"),  # my mother … because she was too tired
    ]


SEED_PAIRS: list[Pair] = [Pair(p.zh, p.en, tuple(sorted({*p.tags, "seed_example"}))) for p in _seed_pairs()]
EXAMPLES: list[tuple[str, str]] = [(p.zh, p.en) for p in example_pairs()]
