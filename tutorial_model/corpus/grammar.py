"""Sentence building: the ``Pair`` a rule returns, noun phrases, and the deterministic ``build_*`` clauses.

Every rule here is a function of its words only (no randomness): samplers choose, rules translate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import (
    CONTAINERS,
    GO,
    LOCATIONS,
    NOUN,
    NUM_EN,
    NUM_ZH,
    PLACE,
    PRONOUN,
    TIME,
    Adj,
    Frame,
    Noun,
    Time,
    Verb,
    article,
)

MAX_ZH_CHARS = 22
MAX_EN_TOKENS = 22


@dataclass(frozen=True)
class Pair:
    zh: str  # Chinese, no spaces, no punctuation
    en: str  # English tokens joined by single spaces
    tags: tuple[str, ...]  # phenomena present, sorted


Maybe = Pair | None  # a sampler's draw: None when the drawn words do not fit together


# ======================================================================================= noun phrases


@dataclass(frozen=True)
class NP:
    zh: str
    en: str  # as a subject
    obj: str  # as an object ("him"); the same as en for a noun phrase
    person: int
    plural: bool
    gender: str  # m f n x: decides he/she/it in the resolution family
    kind: str  # the noun's kind; "human" for 我/你/他…, "animal" for 它
    tags: frozenset[str] = frozenset()

    @property
    def third_singular(self) -> bool:
        return self.person == 3 and not self.plural


def pron_np(zh: str) -> NP:
    p = PRONOUN[zh]
    return NP(p.zh, p.subj, p.obj, p.person, p.plural, p.gender, "animal" if p.gender == "n" else "human")


def _np(zh: str, en: str, noun: Noun, plural: bool, tags: Iterable[str]) -> NP:
    return NP(zh, en, en, 3, plural, noun.gender, noun.kind, frozenset(tags))


def _adj_zh(adj: Adj | None) -> str:
    return "" if adj is None else adj.zh + ("的" if adj.attr == "de" else "")


def _adj_en(adj: Adj | None) -> list[str]:
    return [adj.en] if adj else []


def _plural_tags(noun: Noun) -> set[str]:
    return {"plural", "irregular_plural"} if noun.pl != noun.en + "s" else {"plural"}


def def_np(zh: str) -> NP:
    """A bare noun as a subject is definite: 猫很大 → "the cat is very big"."""
    noun = NOUN[zh]
    return _np(noun.zh, "the " + noun.en, noun, False, ())


def bare_obj(zh: str, mode: str) -> NP:
    """A bare noun as an object; the verb decides how it reads (see ``Verb.mode``)."""
    noun = NOUN[zh]
    if noun.pl is None or mode == "bare":
        return _np(noun.zh, noun.en, noun, False, ())
    if mode == "a":
        return _np(noun.zh, f"{article(noun.en)} {noun.en}", noun, False, ())
    if mode == "the":
        return _np(noun.zh, "the " + noun.en, noun, False, ())
    return _np(noun.zh, noun.pl, noun, True, _plural_tags(noun))


def quant_np(n: int, zh: str, adj: Adj | None = None, container: str | None = None) -> NP:
    """Number + measure word (+ adjective) + noun: 两只黑色的猫 → "two black cats"; 一杯茶 → "a cup of tea".

    The measure word disappears in English; 一 becomes a/an.
    """
    noun = NOUN[zh]
    tags = {"measure_word", "number"} if n > 1 else {"measure_word"}
    if noun.pl is None:  # mass noun: the container is what gets counted
        mw = container or noun.mw[0]
        head = [CONTAINERS[mw][0 if n == 1 else 1], "of", noun.en]
        adj = None
    else:
        mw = noun.mw
        head = [*_adj_en(adj), noun.en if n == 1 else noun.pl]
        tags |= _plural_tags(noun) if n > 1 else set()
    tags |= {"adjective"} if adj else set()
    det = article(head[0]) if n == 1 else NUM_EN[n]
    return _np(NUM_ZH[n] + mw + _adj_zh(adj) + noun.zh, " ".join([det, *head]), noun, n > 1, tags)


def poss_np(owner: str, zh: str) -> NP:
    """我的妈妈 → "my mother". Singular by convention (我的书 → "my book")."""
    noun, p = NOUN[zh], PRONOUN[owner]
    return _np(f"{owner}的{zh}", f"{p.poss} {noun.en}", noun, False, {"possessive"})


def dem_np(near: bool, zh: str, n: int | None = None, adj: Adj | None = None, plural: bool = False) -> NP:
    """这只猫 this cat, 那些猫 those cats, 这两只猫 these two cats, 这杯茶 this cup of tea."""
    noun = NOUN[zh]
    this, these = ("这", "这些") if near else ("那", "那些")
    this_en, these_en = ("this", "these") if near else ("that", "those")
    tags = {"demonstrative"} | ({"adjective"} if adj else set())
    if noun.pl is None:
        mw = noun.mw[0]
        return _np(this + mw + noun.zh, f"{this_en} {CONTAINERS[mw][0]} of {noun.en}", noun, False,
                   tags - {"adjective"} | {"measure_word"})
    if n is not None and n > 1:
        return _np(this + NUM_ZH[n] + noun.mw + _adj_zh(adj) + noun.zh,
                   " ".join([these_en, NUM_EN[n], *_adj_en(adj), noun.pl]), noun, True,
                   tags | {"measure_word", "number"} | _plural_tags(noun))
    if plural:
        return _np(these + _adj_zh(adj) + noun.zh, " ".join([these_en, *_adj_en(adj), noun.pl]), noun, True,
                   tags | _plural_tags(noun))
    return _np(this + noun.mw + _adj_zh(adj) + noun.zh, " ".join([this_en, *_adj_en(adj), noun.en]), noun,
               False, tags | {"measure_word"})


# ============================================================================== clauses (deterministic)


@dataclass(frozen=True)
class VP:
    zh_v: str
    zh_o: str
    base: str  # English verb forms, object excluded
    s3: str
    past: str
    en_o: str  # English object, possibly ""
    le_final: bool
    tags: frozenset[str] = frozenset()


def vp(verb: Verb, obj: NP | None = None) -> VP:
    return VP(verb.zh, obj.zh if obj else "", verb.base, verb.s3, verb.past, obj.obj if obj else "",
              verb.le_final, obj.tags if obj else frozenset())


def go_vp(place: str) -> VP:
    p = PLACE[place]
    return VP(GO.zh, p.zh, GO.base, GO.s3, GO.past, p.to, False)


def _zh_verb(v: VP, past: bool) -> str:
    """Chinese verb phrase; a completed action takes 了 after the verb (买了书) or at the end (游泳了)."""
    if not past:
        return v.zh_v + v.zh_o
    return v.zh_v + v.zh_o + "了" if v.le_final else v.zh_v + "了" + v.zh_o


def pair(zh: Iterable[str], en: Iterable[str], tags: Iterable[str]) -> Pair:
    words = " ".join(w for w in en if w).split()
    tags = set(tags) | ({"a_an"} if {"a", "an"} & set(words) else set())
    return Pair("".join(zh), " ".join(words), tuple(sorted(tags)))


def _flags(neg: bool = False, q: bool = False, time: Time | None = None, place: bool = False) -> set[str]:
    return ({"negation"} if neg else set()) | ({"question"} if q else set()) | (
        {"moved_time"} if time else set()) | ({"moved_place"} if place else set())


def be(subj: NP, tense: str = "present") -> str:
    if tense == "past":
        return "were" if subj.plural or subj.person == 2 else "was"
    if subj.person == 1 and not subj.plural:
        return "am"
    return "is" if subj.third_singular else "are"


def do(subj: NP) -> str:
    return "does" if subj.third_singular else "do"


def _tense_tags(tense: str, subj: NP | None = None) -> set[str]:
    if tense != "present":
        return {tense}
    return {"agreement"} if subj is None or subj.third_singular else set()


def build_action(subj: NP, v: VP, tense: str = "present", time: str | None = None, time_front: bool = False,
                 place: str | None = None, comp: NP | None = None, neg: bool = False,
                 q: bool = False) -> Pair:
    """S [T] [不/没有] [和X一起] [在P] V(了)O [吗] → S V O [with X] [in P] [T].

    Place and time move to the end; past is marked by 了 (negated: 没有, no 了), future by 明天/下周.
    """
    t, p = TIME.get(time or ""), PLACE.get(place or "")
    assert t is None or t.tense == tense, (time, tense)
    if neg:
        neg_zh = "没有" if tense == "past" else ("没" if v.zh_v == "有" else "不")  # 没有猫, not 不有猫
    zh = [t.zh if t and time_front else "", subj.zh, t.zh if t and not time_front else "",
          neg_zh if neg else "", f"和{comp.zh}一起" if comp else "", "在" + p.zh if p else "",
          _zh_verb(v, tense == "past" and not neg), "吗" if q else ""]

    tail = [v.en_o, "with " + comp.obj if comp else "", p.at if p else "", t.en if t else ""]
    aux = {"present": do(subj), "past": "did", "future": "will"}[tense]
    finite = {"present": v.s3 if subj.third_singular else v.base, "past": v.past, "future": "will " + v.base}
    if q:
        en = [aux, subj.en, v.base, *tail, "?"]
    elif neg:
        en = [subj.en, aux, "not", v.base, *tail]
    else:
        en = [subj.en, finite[tense], *tail]
    tags = subj.tags | v.tags | (comp.tags | {"companion"} if comp else set())
    return pair(zh, en, tags | _flags(neg, q, t, bool(p)) | _tense_tags(tense, subj))


DO_MODALS = {"想": ("want", "wants"), "喜欢": ("like", "likes")}


def build_modal(subj: NP, modal: str, v: VP, place: str | None = None, comp: NP | None = None,
                neg: bool = False, q: bool = False) -> Pair:
    """想 + VP → "want(s) to VP"; 喜欢 + VP → "like(s) to VP"; 能 + VP → "can VP" (no do-support)."""
    p = PLACE.get(place or "")
    zh = [subj.zh, "不" if neg else "", modal, f"和{comp.zh}一起" if comp else "", "在" + p.zh if p else "",
          v.zh_v + v.zh_o, "吗" if q else ""]
    tail = [v.base, v.en_o, "with " + comp.obj if comp else "", p.at if p else ""]
    tags = subj.tags | v.tags | {"modal"} | (comp.tags | {"companion"} if comp else set())
    if modal in DO_MODALS:
        base, s3 = DO_MODALS[modal]
        if q:
            en = [do(subj), subj.en, base, "to", *tail, "?"]
        elif neg:
            en = [subj.en, do(subj), "not", base, "to", *tail]
        else:
            en = [subj.en, s3 if subj.third_singular else base, "to", *tail]
        tags |= {"agreement"} if subj.third_singular else set()
    else:
        en = ["can", subj.en, *tail, "?"] if q else [subj.en, "cannot" if neg else "can", *tail]
    return pair(zh, en, tags | _flags(neg, q, None, bool(p)))


def build_identity(subj: NP, noun: str, counted: bool = False, adj: Adj | None = None,
                   owner: str | None = None, neg: bool = False, q: bool = False) -> Pair:
    """他是(一个)学生 → "he is a student"; 他们是学生 → "they are students";
    她是我的老师 → "she is my teacher".

    English number on the predicate noun comes from the subject: Chinese does not mark it on the noun.
    """
    n = NOUN[noun]
    tags = set(subj.tags) | {"copula", "agreement"} | ({"adjective"} if adj else set())
    if owner:
        zh_pred, en_pred = f"{owner}的{n.zh}", [PRONOUN[owner].poss, n.pl if subj.plural else n.en]
        tags.add("possessive")
    elif subj.plural:
        zh_pred, en_pred = _adj_zh(adj) + n.zh, [*_adj_en(adj), n.pl]
    else:
        zh_pred = ("一" + n.mw if counted else "") + _adj_zh(adj) + n.zh
        en_pred = [article((_adj_en(adj) or [n.en])[0]), *_adj_en(adj), n.en]
        tags |= {"measure_word"} if counted else set()
    tags |= _plural_tags(n) if subj.plural else set()
    zh = [subj.zh, "不是" if neg else "是", zh_pred, "吗" if q else ""]
    be_en = be(subj)
    en = [be_en, subj.en, *en_pred, "?"] if q else [subj.en, be_en, "not" if neg else "", *en_pred]
    return pair(zh, en, tags | _flags(neg, q))


def build_this_is(near: bool, obj: NP, neg: bool = False, q: bool = False) -> Pair:
    """这是一只猫 → "this is a cat"; 那不是我的书 → "that is not my book";
    这是你的书吗 → "is this your book ?"."""
    dem = "this" if near else "that"
    zh = ["这" if near else "那", "不是" if neg else "是", obj.zh, "吗" if q else ""]
    en = ["is", dem, obj.en, "?"] if q else [dem, "is", "not" if neg else "", obj.en]
    return pair(zh, en, obj.tags | {"copula", "agreement", "demonstrative"} | _flags(neg, q))


def be_phrase(subj: NP, tense: str, neg: bool, q: bool, pred: list[str], time_en: str) -> list[str]:
    """English "S be PRED [TIME]" in any tense, negated or asked."""
    if tense == "future":
        if q:
            return ["will", subj.en, "be", *pred, time_en, "?"]
        return [subj.en, "will", "not" if neg else "", "be", *pred, time_en]
    be_en = be(subj, tense)
    return [be_en, subj.en, *pred, time_en, "?"] if q else [subj.en, be_en, "not" if neg else "", *pred, time_en]


# With 在 or an adjective the tense comes from the time word alone; 今天 here is simply "today".
STATE_TENSE = {None: "present", "昨天": "past", "今天": "present", "每天": "present", "明天": "future",
                "上周": "past", "下周": "future"}


def build_location(subj: NP, place: str, time: str | None = None, time_front: bool = False,
                   neg: bool = False, q: bool = False) -> Pair:
    """我的猫在公园 → "my cat is in the park"; 他昨天不在家 → "he was not at home yesterday"."""
    t, p, tense = TIME.get(time or ""), PLACE[place], STATE_TENSE[time]
    zh = [t.zh if t and time_front else "", subj.zh, t.zh if t and not time_front else "",
          "不在" if neg else "在", p.zh, "吗" if q else ""]
    en = be_phrase(subj, tense, neg, q, [p.at], t.en if t else "")
    return pair(zh, en, subj.tags | {"location"} | _flags(neg, q, t) | _tense_tags(tense))


DEGREES = {"很": "very", "太": "too", "不": "", "不太": "very"}  # 不/不太 add "not" to the verb


def build_adjective(subj: NP, degree: str, adj: Adj, time: str | None = None, time_front: bool = False,
                    q: bool = False) -> Pair:
    """猫很大 → "the cat is very big"; 他昨天太累了 → "he was too tired yesterday"; 不太 → "not very"."""
    t, tense, neg = TIME.get(time or ""), STATE_TENSE[time], degree.startswith("不")
    zh = [t.zh if t and time_front else "", subj.zh, t.zh if t and not time_front else "", degree, adj.zh,
          "了" if degree == "太" else "", "吗" if q else ""]
    en = be_phrase(subj, tense, neg, q, [DEGREES[degree], adj.en], t.en if t else "")
    tags = subj.tags | {"adjective", "predicate_adjective"}
    return pair(zh, en, tags | _flags(neg, q, t) | _tense_tags(tense))


def build_colour(subj: NP, colour: Adj, neg: bool = False, q: bool = False) -> Pair:
    """猫是黑色的 → "the cat is black"."""
    zh = [subj.zh, "不是" if neg else "是", colour.zh, "的", "吗" if q else ""]
    en = be_phrase(subj, "present", neg, q, [colour.en], "")
    return pair(zh, en, subj.tags | {"adjective", "agreement"} | _flags(neg, q))


def build_existential(loc: str, obj: NP, neg: bool = False, q: bool = False) -> Pair:
    """桌子上有三本书 → "there are three books on the table": the location moves from front to end.

    Negated, a bare countable noun reads as plural: 公园里没有猫 → "there are no cats in the park".
    """
    loc_en = LOCATIONS[loc][0]
    be = "are" if obj.plural else "is"
    zh = [loc, "没有" if neg else "有", obj.zh, "吗" if q else ""]
    if q:
        en = [be, "there", obj.en, loc_en, "?"]
    else:
        en = ["there", be, "no" if neg else "", obj.en, loc_en]
    return pair(zh, en, obj.tags | {"existential", "agreement"} | _flags(neg, q, None, True))


def build_wh_object(subj: NP, verb: Verb, tense: str = "present", time: str | None = None,
                    place: str | None = None) -> Pair:
    """你昨天买了什么 → "what did you buy yesterday ?".

    什么 stays where the object is in Chinese; "what" moves to the front in English.
    """
    t, p = TIME.get(time or ""), PLACE.get(place or "")
    zh = [subj.zh, t.zh if t else "", "在" + p.zh if p else "", verb.zh, "了" if tense == "past" else "",
          "什么"]
    aux = {"present": do(subj), "past": "did", "future": "will"}[tense]
    en = ["what", aux, subj.en, verb.base, p.at if p else "", t.en if t else "", "?"]
    tags = subj.tags | {"wh_question"} | _flags(False, True, t, bool(p)) | _tense_tags(tense, subj)
    return pair(zh, en, tags)


def build_wh_subject(v: VP, tense: str = "present", time: str | None = None,
                     place: str | None = None) -> Pair:
    """谁有一只猫 → "who has a cat ?": a subject question has no do, and "who" takes the -s form."""
    t, p = TIME.get(time or ""), PLACE.get(place or "")
    zh = ["谁", t.zh if t else "", "在" + p.zh if p else "", _zh_verb(v, tense == "past")]
    finite = {"present": v.s3, "past": v.past, "future": "will " + v.base}[tense]
    en = ["who", finite, v.en_o, p.at if p else "", t.en if t else "", "?"]
    return pair(zh, en, v.tags | {"wh_question"} | _flags(False, True, t, bool(p)) | _tense_tags(tense))


def build_wh_where(subj: NP, go: bool, tense: str = "present", time: str | None = None) -> Pair:
    """你明天去哪里 → "where will you go tomorrow ?"; 我的猫在哪里 → "where is my cat ?"."""
    t = TIME.get(time or "")
    if go:
        zh = [subj.zh, t.zh if t else "", "去了哪里" if tense == "past" else "去哪里"]
        aux = {"present": do(subj), "past": "did", "future": "will"}[tense]
        en = ["where", aux, subj.en, "go", t.en if t else "", "?"]
    else:
        zh = [subj.zh, t.zh if t else "", "在哪里"]
        future = tense == "future"
        en = ["where", "will" if future else be(subj, tense), subj.en, "be" if future else "",
              t.en if t else "", "?"]
    return pair(zh, en, subj.tags | {"wh_question"} | _flags(False, True, t) | _tense_tags(tense, subj))


def build_what_is(near: bool) -> Pair:
    """这是什么 → "what is this ?"."""
    return pair(["这是什么" if near else "那是什么"], ["what is", "this" if near else "that", "?"],
                 {"wh_question", "question", "demonstrative"})


def resolution_pronoun(subj: NP) -> str | None:
    """The pronoun that refers back to ``subj``; None where English would have to guess he or she."""
    if subj.person == 1:
        return "we" if subj.plural else "I"
    if subj.person == 2:
        return "you"
    if subj.plural:
        return "they"
    return {"m": "he", "f": "she", "n": "it"}.get(subj.gender)


def build_resolution(subj: NP, frame: Frame, adj: str, obj: NP | None = None,
                     time: str | None = None) -> Pair:
    """猫没有过马路因为太累了 → "the cat did not cross the street because it was too tired".

    Chinese leaves out who was too tired (or too wide). English must say it, with the right pronoun and
    be-form: the subject for the frame's agent adjectives, otherwise the object (the street, that cake).
    """
    if adj in frame.agent_adjs:
        who, adj_en, plural = resolution_pronoun(subj), frame.agent_adjs[adj], subj.plural or subj.person == 2
    else:
        plural = bool(obj and obj.plural)
        who, adj_en = "they" if plural else "it", frame.obj_adjs[adj]
    assert who is not None, subj
    t = TIME.get(time or "")
    zh = [subj.zh, t.zh if t else "", "没有", frame.zh.format(o=obj.zh if obj else ""), "因为太", adj, "了"]
    en = [subj.en, "did not", frame.en, obj.obj if obj else "", t.en if t else "", "because", who,
          "were" if plural else "was", "too", adj_en]
    tags = subj.tags | (obj.tags if obj else set()) | {"pronoun_resolution", "past"}
    return pair(zh, en, tags | _flags(True, False, t))
