"""Questions and the adverbs 也/都/还: the moves every beginner needs after 吗.

Conventions::

    他是谁 / 这是谁的书                 who is he ? / whose book is this ?
    你喜欢哪只猫                        which cat do you like ?
    请问，洗手间在哪儿                  excuse me , where is the restroom ?
    你怎么去学校 / 这个字怎么写         how do you get to school ? / how do you write this character ?
    这本书怎么样                        how is this book ?
    我们去公园怎么样                    how about going to the park ?
    他为什么不喜欢狗                    why does he not like dogs ?
    我是学生，你呢 / 我的书呢           I am a student , and you ? / where is my book ?
    你是学生吧 / 我们去公园吧           you are a student , right ? / let us go to the park
    你去不去公园 / 这本书贵不贵         do you go to the park ? / is this book expensive ?
    他也喜欢狗 / 我们都是学生           he likes dogs too / we are all students
    他还没来 / 他还在学校               he has not come yet / he is still at school

An A-not-A question (去不去, 是不是, 有没有) is translated exactly like the same question with 吗; with
an adjective it drops 很 (贵不贵 → "is it expensive ?"). Where English puts "where", "why", "which"
first, Chinese keeps the question word in place, so attention has to move it.
"""

from __future__ import annotations

import random

from ..core import nouns_for, possessor, sample_subject
from ..grammar import (
    NP,
    VP,
    Maybe,
    Pair,
    bare_obj,
    be,
    be_phrase,
    build_action,
    build_adjective,
    build_identity,
    build_location,
    build_modal,
    dem_np,
    do,
    go_vp,
    pair,
    poss_np,
    pron_np,
    vp,
)
from ..lexicon import (
    ADJ,
    DESTINATIONS,
    GO,
    INTRANSITIVE,
    NOUN,
    NOUNS,
    PLACE,
    POSS_PEOPLE,
    POSSESSORS,
    PREDICATE_ADJS,
    PREDICATE_PEOPLE,
    PRONOUN,
    TRANSITIVE,
    TRANSITIVE_BY_ZH,
    Verb,
)
from ..sampling import Choice, tagged
from .lexicon import NAMES, name_np
from .people import a_name, a_pronoun, sample_person

# ======================================================================================= who, which


def build_who_is(subj: NP) -> Pair:
    """他是谁 → "who is he ?"; 这是谁 → "who is this ?"."""
    return pair([subj.zh, "是谁"], ["who", be(subj), subj.en, "?"],
                 {"question", "wh_question"})


def build_who_is_your(owner: str, relation: str) -> Pair:
    """谁是你的老师 → "who is your teacher ?"."""
    n = NOUN[relation]
    return pair(["谁是", owner, "的", relation], ["who is", PRONOUN[owner].poss, n.en, "?"],
                 {"question", "wh_question", "possessive"})


def build_whose(near: bool, noun: str, plural: bool = False) -> Pair:
    """这是谁的书 → "whose book is this ?"; 那些是谁的书 → "whose books are those ?"."""
    n = NOUN[noun]
    dem_zh = ("这些" if near else "那些") if plural else ("这" if near else "那")
    dem_en = ("these" if near else "those") if plural else ("this" if near else "that")
    return pair([dem_zh, "是谁的", noun], ["whose", n.pl if plural else n.en, "are" if plural else "is", dem_en, "?"],
                 {"question", "wh_question", "demonstrative", "possessive"})


WHICH_VERBS = {"喜欢": ("like", "likes"), "要": ("want", "wants"), "想买": ("want to buy", "wants to buy")}


def build_which(subj: NP, verb: str, noun: str) -> Pair:
    """你喜欢哪只猫 → "which cat do you like ?": 哪 + measure word stays in place, "which" goes first."""
    n = NOUN[noun]
    return pair([subj.zh, verb, "哪", n.mw, noun], ["which", n.en, do(subj), subj.en, WHICH_VERBS[verb][0], "?"],
                 {"question", "wh_question", "measure_word"})


def build_which_plural(subj: NP, verb: str, noun: str) -> Pair:
    """你喜欢哪些水果 → "which fruits do you like ?" (哪些: which, of several)."""
    en_noun = "fruits" if noun == "水果" else NOUN[noun].pl
    return pair([subj.zh, verb, "哪些", noun], ["which", en_noun, do(subj), subj.en, WHICH_VERBS[verb][0], "?"],
                 {"question", "wh_question"})


DOING_WHEN = {"": "", "明天": "tomorrow", "这个周末": "this weekend", "晚上": "this evening",
              "下午": "this afternoon", "星期六": "on Saturday"}


def build_doing(subj: NP, when: str = "", verb: str = "干") -> Pair:
    """你在干什么 → "what are you doing ?"; 你明天做什么 → "what will you do tomorrow ?"."""
    if not when:
        return pair([subj.zh, "在", verb, "什么"], ["what", be(subj), subj.en, "doing", "?"],
                     {"question", "wh_question", "progressive"})
    return pair([subj.zh, when, verb, "什么"], ["what will", subj.en, "do", DOING_WHEN[when], "?"],
                 {"question", "wh_question"})


HERE = {"这儿": "here", "这里": "here", "那儿": "there", "那里": "there", "那边": "over there",
        "这边": "over here"}


def build_here(subj: NP, where: str, neg: bool = False, q: bool = False) -> Pair:
    """他在这儿 → "he is here"; 我的书不在那儿 → "my book is not there"; 小明在那边吗 → "is Xiaoming over there ?"."""
    zh = [subj.zh, "不在" if neg else "在", where, "吗" if q else ""]
    be_en = be(subj)
    en = [be_en, subj.en, HERE[where], "?"] if q else [subj.en, be_en, "not" if neg else "", HERE[where]]
    return pair(zh, en, {"location"} | ({"question"} if q else set()) | ({"negation"} if neg else set()))


# ======================================================================================= where, how

# Places one asks the way to: zh → English with "the".
ASK_PLACES = {p.zh: " ".join(p.to.split()[1:]) for p in DESTINATIONS if p.to.startswith("to the")}
ASK_PLACES |= {"洗手间": "the restroom", "书店": "the bookstore", "饭店": "the hotel", "车站": "the bus stop"}


def build_where_is(place: str, qing_wen: bool = False, form: str = "哪儿", comma: bool = True) -> Pair:
    """请问，洗手间在哪儿 → "excuse me , where is the restroom ?"."""
    zh = ["请问" + ("，" if comma else "") if qing_wen else "", place, "在", form]
    return pair(zh, ["excuse me ," if qing_wen else "", "where is", ASK_PLACES[place], "?"],
                 {"question", "wh_question", "topic_directions"})


def build_know_where(place: str, subj: NP, q: bool = False, neg: bool = False) -> Pair:
    """你知道银行在哪儿吗 → "do you know where the bank is ?"; 我不知道洗手间在哪儿 → "I do not know where the
    restroom is": inside the question English keeps statement order (where the bank is)."""
    zh = [subj.zh, "不知道" if neg else "知道", place, "在哪儿", "吗" if q else ""]
    clause = ["where", ASK_PLACES[place], "is"]
    if q:
        en = [do(subj), subj.en, "know", *clause, "?"]
    elif neg:
        en = [subj.en, do(subj), "not know", *clause]
    else:
        en = [subj.en, "knows" if subj.third_singular else "know", *clause]
    return pair(zh, en, {"wh_question"} | ({"question"} if q else set()) | ({"negation"} if neg else set()))


def build_where_work(subj: NP, verb: str = "工作", form: str = "哪儿") -> Pair:
    """你在哪儿工作 → "where do you work ?"; 他在哪里学习 → "where does he study ?"."""
    base = {"工作": "work", "学习": "study", "吃饭": "eat"}[verb]
    return pair([subj.zh, "在", form, verb], ["where", do(subj), subj.en, base, "?"], {"question", "wh_question"})


def build_how_get_to(subj: NP, place: str) -> Pair:
    """你怎么去学校 → "how do you get to school ?" (学校 has no "the": to school)."""
    dest = PLACE[place].to.split(" ", 1)[1] if place in PLACE else ASK_PLACES[place]
    return pair([subj.zh, "怎么去", place], ["how", do(subj), subj.en, "get to", dest, "?"],
                 {"question", "wh_question"})


def build_how_write(verb: str, what: str = "字") -> Pair:
    """这个字怎么写 → "how do you write this character ?"."""
    obj = {"字": "character", "词": "word", "汉字": "Chinese character"}[what]
    en_verb = {"写": "write", "读": "read", "说": "say"}[verb]
    return pair(["这个", what, "怎么", verb], ["how do you", en_verb, "this", obj, "?"], {"question", "wh_question"})


def build_what_wrong(subj: NP) -> Pair:
    """你怎么了 → "what is wrong with you ?"."""
    return pair([subj.zh, "怎么了"], ["what is wrong with", subj.obj, "?"], {"question", "wh_question"})


def build_what_to_do(subj: NP | None) -> Pair:
    """怎么办 / 我们怎么办 → "what should we do ?"; 我怎么办 → "what should I do ?"."""
    who = subj.en if subj else "we"
    return pair([subj.zh if subj else "", "怎么办"], ["what should", who, "do", "?"], {"question", "wh_question"})


def build_how_is(subj: NP) -> Pair:
    """这本书怎么样 → "how is this book ?"; 你的身体怎么样 → "how is your health ?"."""
    return pair([subj.zh, "怎么样"], ["how", be(subj), subj.en, "?"], {"question", "wh_question"})


def build_how_about(place: str, time: str = "", form: str = "怎么样", comma: bool = False) -> Pair:
    """我们去公园怎么样 → "how about going to the park ?"; 我们明天去公园，好吗 → "shall we go to the park
    tomorrow ?"."""
    p = PLACE[place]
    t_en = {"": "", "明天": "tomorrow", "今天": "today", "下午": "this afternoon", "晚上": "this evening"}[time]
    zh = ["我们", time, "去", place, "，" if comma else "", form]
    if form == "怎么样":
        en = ["how about going", p.to, t_en, "?"]
    else:
        en = ["shall we go", p.to, t_en, "?"]
    return pair(zh, en, {"question", "suggestion"})


# ============================================================================================== why


def _finite(subj: NP, v: VP) -> str:
    return v.s3 if subj.third_singular else v.base


def build_why(subj: NP, v: VP, neg: bool = False, past: bool = False) -> Pair:
    """他为什么不喜欢狗 → "why does he not like dogs ?"; 你昨天为什么没来 → "why did you not come yesterday ?".

    ``past``: 昨天…没(有) → "did … not … yesterday".
    """
    if past:
        zh = [subj.zh, "昨天为什么没", v.zh_v, v.zh_o]
        en = ["why did", subj.en, "not", v.base, v.en_o, "yesterday", "?"]
    else:
        zh = [subj.zh, "为什么", "不" if neg else "", v.zh_v, v.zh_o]
        en = ["why", do(subj), subj.en, "not" if neg else "", v.base, v.en_o, "?"]
    return pair(zh, en, v.tags | {"question", "wh_question"} | ({"negation"} if neg or past else set()))


COME = VP("来", "", "come", "comes", "came", "", True)

# ============================================================================================ 呢, 吧


def build_and_you(statement: Pair, who: NP, comma: bool = True) -> Pair:
    """我是学生，你呢 → "I am a student , and you ?"; …，他呢 → "…, what about him ?"."""
    tail = ["and you", "?"] if who.zh == "你" else ["what about", who.obj, "?"]
    return pair([statement.zh, "，" if comma else "", who.zh, "呢"], [statement.en, ",", *tail],
                 {"question", "ne"} | set(statement.tags))


def build_where_is_my(owner: str, noun: str) -> Pair:
    """我的书呢 → "where is my book ?" (呢 after a noun asks where it is)."""
    obj = poss_np(owner, noun)
    return pair([obj.zh, "呢"], ["where is", obj.en, "?"], {"question", "ne", "possessive"})


def build_right(statement: Pair) -> Pair:
    """你是学生吧 → "you are a student , right ?": 吧 asks to confirm what one supposes."""
    return pair([statement.zh, "吧"], [statement.en, ", right ?"], {"question", "ba"} | set(statement.tags))


LETS = {"去": "go", "回家": "go home", "走": "go", "吃饭": "eat", "休息": "rest", "开始": "start",
        "回去": "go back"}


def build_lets(verb: str, place: str | None = None, together: bool = False, women: bool = True) -> Pair:
    """我们去公园吧 → "let us go to the park"; 走吧 → "let us go"."""
    zh = ["我们" if women else "", "一起" if together else "", verb, place or "", "吧"]
    en = ["let us", LETS[verb], PLACE[place].to if place else "", "together" if together else ""]
    return pair(zh, en, {"ba", "suggestion"})


# ============================================================================================ A不A


def _repeat_verb(zh_v: str) -> str:
    return "有没有" if zh_v == "有" else f"{zh_v}不{zh_v}"


def build_a_not_a_action(subj: NP, v: VP) -> Pair:
    """你去不去公园 → "do you go to the park ?" (the same question as 你去公园吗)."""
    en = build_action(subj, v, q=True).en
    return pair([subj.zh, _repeat_verb(v.zh_v), v.zh_o], [en], v.tags | {"question", "a_not_a"})


def build_a_not_a_modal(subj: NP, modal: str, v: VP) -> Pair:
    """他能不能去公园 → "can he go to the park ?"; 你想不想喝茶 → "do you want to drink tea ?"."""
    en = build_modal(subj, modal, v, q=True).en
    return pair([subj.zh, f"{modal}不{modal}", v.zh_v, v.zh_o], [en], v.tags | {"question", "a_not_a", "modal"})


def build_a_not_a_identity(subj: NP, noun: str) -> Pair:
    """你是不是学生 → "are you a student ?"."""
    en = build_identity(subj, noun, q=True).en
    return pair([subj.zh, "是不是", noun], [en], {"question", "a_not_a", "copula"})


def build_a_not_a_adj(subj: NP, adj: str) -> Pair:
    """这本书贵不贵 → "is this book expensive ?" (no 很, so no "very")."""
    a = ADJ[adj]
    return pair([subj.zh, f"{adj}不{adj}"], be_phrase(subj, "present", False, True, [a.en], ""),
                 {"question", "a_not_a", "adjective"})


# ===================================================================================== 也, 都, 还

_STILL_EN = {"too": "too", "either": "either"}


def _insert_zh(p: Pair, subj: NP, adverb: str) -> str:
    assert p.zh.startswith(subj.zh), (p.zh, subj.zh)
    return subj.zh + adverb + p.zh[len(subj.zh):]


def add_ye(p: Pair, subj: NP, neg: bool) -> Pair:
    """他也喜欢狗 → "he likes dogs too"; 他也不喜欢狗 → "he does not like dogs either"."""
    words = p.en.split()
    if words[-1] == "?":
        words = [*words[:-1], "too", "?"]
    else:
        words.append("either" if neg else "too")
    return pair([_insert_zh(p, subj, "也")], words, set(p.tags) | {"ye"})


_AUX_AFTER = {"am", "is", "are", "was", "were", "can", "will"}


def add_dou(p: Pair, subj: NP) -> Pair:
    """我们都是学生 → "we are all students"; 他们都喜欢狗 → "they all like dogs"; 你们都会来吗 → "will you all…"."""
    words, n = p.en.split(), len(subj.en.split())
    if words[-1] == "?":  # aux S all …
        at = 1 + n
    else:
        at = n + 1 if words[n] in _AUX_AFTER else n
    return pair([_insert_zh(p, subj, "都")], [*words[:at], "all", *words[at:]], set(p.tags) | {"dou"})


# 还没 V: "has not V-ed yet" needs the participle.
NOT_YET = {"来": ("come", "come"), "吃饭": ("eat", "eaten"), "回家": ("go home", "gone home"),
           "起床": ("get up", "got up"), "睡觉": ("go to bed", "gone to bed"), "走": ("leave", "left"),
           "到": ("arrive", "arrived"), "下班": ("finish work", "finished work"),
           "结婚": ("get married", "got married")}


def build_not_yet(subj: NP, verb: str, q: bool = False) -> Pair:
    """他还没来 → "he has not come yet"; 你吃饭了吗 is elsewhere; 他还没来吗 → "has he not come yet ?"."""
    has = "has" if subj.third_singular else "have"
    pp = NOT_YET[verb][1]
    if q:
        return pair([subj.zh, "还没", verb, "吗"], [has, subj.en, "not", pp, "yet", "?"], {"hai", "question"})
    return pair([subj.zh, "还没", verb], [subj.en, has, "not", pp, "yet"], {"hai", "negation"})


def build_still_is(subj: NP, noun: str) -> Pair:
    """他还是学生 → "he is still a student"."""
    base = build_identity(subj, noun).en.split()
    n = len(subj.en.split())
    return pair([subj.zh, "还是", noun], [*base[:n + 1], "still", *base[n + 1:]], {"hai", "copula"})


def build_still_at(subj: NP, place: str) -> Pair:
    """他还在学校 → "he is still at school"."""
    base = build_location(subj, place).en.split()
    n = len(subj.en.split())
    return pair([subj.zh, "还在", place], [*base[:n + 1], "still", *base[n + 1:]], {"hai", "location"})


# ========================================================================================== samplers


_RELATIVES = ("妈妈", "爸爸", "哥哥", "姐姐", "弟弟", "妹妹", "朋友", "老师", "邻居", "孩子")


def _relative(rng: random.Random) -> NP:
    noun = NOUN[rng.choice(_RELATIVES)]
    return poss_np(possessor(rng, noun), noun.zh)


# A name, a pronoun or 我的妈妈: someone one would ask or tell about (not "five doctors").
_ASKED_ABOUT = Choice((0.3, a_name), (0.45, a_pronoun()), (0.25, _relative))
_plural_person = a_pronoun(("我们", "你们", "他们", "她们"))


_OWNABLE = [n.zh for n in NOUNS if n.pl and n.kind in ("book", "thing", "clothes", "vehicle", "picture")]
_WHICH_NOUNS = [n.zh for n in NOUNS if n.pl and n.kind in ("animal", "book", "thing", "clothes", "vehicle",
                                                             "food", "picture", "plant")]


def _who_this(rng: random.Random) -> Pair:
    near = rng.random() < 0.5
    return build_who_is(NP("这" if near else "那", "this" if near else "that", "", 3, False, "x", "human"))


_WHO = Choice(
    (0.3, _who_this),
    (0.3, lambda rng: build_who_is(pron_np(rng.choice(("他", "她", "他们", "她们", "你"))))),
    (0.4, lambda rng: build_who_is(name_np(rng.choice(NAMES).zh))),
)


def _who_is_your(rng: random.Random) -> Pair:
    relation = rng.choice(POSS_PEOPLE + ("妈妈", "爸爸", "哥哥", "姐姐"))
    return build_who_is_your(possessor(rng, NOUN[relation]), relation)


def _which(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _ASKED_ABOUT)
    if subj.person == 1:  # one asks others what they choose
        return None
    if rng.random() < 0.25:
        noun = rng.choice(["水果", *_WHICH_NOUNS[:12]]) if rng.random() < 0.5 else rng.choice(_WHICH_NOUNS)
        return build_which_plural(subj, rng.choice(list(WHICH_VERBS)), noun)
    return build_which(subj, rng.choice(list(WHICH_VERBS)), rng.choice(_WHICH_NOUNS))


_WHO_WHICH = Choice(
    (0.25, lambda rng: _WHO(rng)(rng)),
    (0.15, _who_is_your),
    (0.2, lambda rng: build_whose(rng.random() < 0.5, rng.choice(_OWNABLE), plural=rng.random() < 0.3)),
    (0.4, _which),
)


def family_who_which(rng: random.Random) -> Maybe:
    return _WHO_WHICH(rng)(rng)


def _where_is(rng: random.Random) -> Pair:
    place = rng.choice(list(ASK_PLACES))
    if rng.random() < 0.35:
        subj = pron_np(rng.choice(("你", "我", "他", "她")))
        q = subj.zh == "你"
        return build_know_where(place, subj, q, neg=not q and rng.random() < 0.7)
    return build_where_is(place, rng.random() < 0.5, rng.choice(("哪儿", "哪里")), rng.random() < 0.6)


def _how_get_to(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _ASKED_ABOUT)
    return None if subj.zh == "我" else build_how_get_to(subj, rng.choice([p.zh for p in DESTINATIONS]))


def _what_wrong(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _ASKED_ABOUT)
    return None if subj.zh in ("我", "我们") else build_what_wrong(subj)


def _how_is(rng: random.Random) -> Pair:
    kind = rng.choice(("book", "media", "food", "clothes", "vehicle", "thing", "picture"))
    noun = NOUN[rng.choice([n.zh for n in NOUNS if n.kind == kind and n.pl])]
    if rng.random() < 0.3:
        subj = poss_np(rng.choice(POSSESSORS).zh, noun.zh)
    else:
        subj = dem_np(rng.random() < 0.5, noun.zh, plural=rng.random() < 0.3)
    return build_how_is(subj)


def _how_about(rng: random.Random) -> Pair:
    place = rng.choice([p.zh for p in DESTINATIONS])
    form = rng.choice(("怎么样", "怎么样", "好吗", "好不好"))
    return build_how_about(place, rng.choice(("", "明天", "今天", "下午", "晚上")), form, rng.random() < 0.5)


_WHERE_HOW = Choice(
    (0.25, _where_is),
    (0.15, lambda rng: build_where_work(sample_person(rng, _ASKED_ABOUT), rng.choice(("工作", "学习", "吃饭")),
                                        rng.choice(("哪儿", "哪里")))),
    (0.2, _how_get_to),
    (0.05, lambda rng: build_how_write(rng.choice(("写", "读", "说")), rng.choice(("字", "词", "汉字")))),
    (0.08, _what_wrong),
    (0.04, lambda rng: build_what_to_do(pron_np(rng.choice(("我", "我们"))) if rng.random() < 0.7 else None)),
    (0.13, _how_is),
    (0.1, _how_about),
)


def family_where_how(rng: random.Random) -> Maybe:
    return _WHERE_HOW(rng)(rng)


def _transitive_vp(rng: random.Random, allow_stative: bool) -> tuple[Verb, VP]:
    verb = rng.choice([v for v in TRANSITIVE if allow_stative or not v.stative])
    noun = rng.choice([n for n in nouns_for(verb.objs) if not (verb.zh == "有" and n.only_poss)])
    if noun.kind == "person" and noun.zh not in POSS_PEOPLE:
        return verb, vp(verb, bare_obj(noun.zh, verb.mode))
    if noun.kind in ("family", "person") and verb.zh != "有":
        owners = [p for p in POSSESSORS if not (noun.zh in ("丈夫", "妻子") and p.plural)]
        return verb, vp(verb, poss_np(rng.choice(owners).zh, noun.zh))
    return verb, vp(verb, bare_obj(noun.zh, verb.mode))


def _intransitive_vp(rng: random.Random, allow_stative: bool) -> tuple[Verb, VP]:
    verb = rng.choice(INTRANSITIVE)
    return verb, vp(verb)


_SIMPLE_VP = Choice(
    (0.55, _transitive_vp),
    (0.3, _intransitive_vp),
    (0.15, lambda rng, allow_stative: (GO, go_vp(rng.choice(DESTINATIONS).zh))),
)


def _simple_vp(rng: random.Random, allow_stative: bool = True) -> tuple[Verb, VP]:
    """A verb phrase with a bare or possessed object (喜欢狗 → like dogs), never "ten buses"."""
    return _SIMPLE_VP(rng)(rng, allow_stative)


def family_why(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _ASKED_ABOUT)
    if subj.person == 1:  # "why do I …" is rare: one asks others
        return None
    r = rng.random()
    if r < 0.15:
        return build_why(subj, COME, past=True)
    verb, v = _simple_vp(rng)
    past = r < 0.35 and not verb.stative
    return build_why(subj, v, neg=rng.random() < 0.4, past=past)


def _likes_or_has(rng: random.Random, subj: NP) -> Pair:
    verb = rng.choice([v for v in TRANSITIVE if v.zh in ("喜欢", "有", "想要")])
    kinds = ("food", "drink", "book") if verb.zh == "想要" else ("animal", "food", "drink", "book")
    obj = bare_obj(rng.choice([n.zh for n in NOUNS if n.kind in kinds]), verb.mode)
    return build_action(subj, vp(verb, obj))


_STATEMENT = Choice(
    (0.4, lambda rng, subj: build_identity(subj, rng.choice(PREDICATE_PEOPLE), counted=rng.random() < 0.3)),
    (0.3, _likes_or_has),
    (0.3, lambda rng, subj: build_adjective(subj, "很", rng.choice(PREDICATE_ADJS["human"]))),
)


def _statement(rng: random.Random, subj: NP) -> Pair:
    return _STATEMENT(rng)(rng, subj)


def _and_you(rng: random.Random) -> Pair:
    subj = pron_np("我")
    who = pron_np(rng.choice(("你", "你", "他", "她", "你们", "他们")))
    return build_and_you(_statement(rng, subj), who, rng.random() < 0.7)


def _right(rng: random.Random) -> Pair:
    subj = pron_np(rng.choice(("你", "他", "她", "你们", "他们")))
    return build_right(_statement(rng, subj))


def _lets(rng: random.Random) -> Pair:
    verb = rng.choice(list(LETS))
    place = rng.choice([p.zh for p in DESTINATIONS]) if verb == "去" else None
    return build_lets(verb, place, rng.random() < 0.3 and verb != "走", rng.random() < 0.7 or verb == "去")


_NE_BA = Choice(
    (0.35, _and_you),
    (0.15, lambda rng: build_where_is_my(rng.choice(POSSESSORS).zh, rng.choice(_OWNABLE))),
    (0.25, _right),
    (0.25, _lets),
)


def family_ne_ba(rng: random.Random) -> Maybe:
    return _NE_BA(rng)(rng)


def _a_not_a_modal(rng: random.Random, subj: NP) -> Pair:
    verb, v = _simple_vp(rng, allow_stative=False)
    return build_a_not_a_modal(subj, rng.choice(("想", "能")), v)


def _a_not_a_adj(rng: random.Random, subj: NP) -> Maybe:
    kind = rng.choice(("human", "book", "food", "clothes", "thing", "animal", "media"))
    # 有趣 asks 有没有意思, not 有趣不有趣: adjectives built on 有 stay out
    if kind == "human":
        return build_a_not_a_adj(subj, rng.choice(PREDICATE_ADJS["human"]).zh)
    subj = sample_subject(rng, "animate", kinds=(kind,), p_pron=0)
    adj = rng.choice(PREDICATE_ADJS[kind]).zh
    return None if adj.startswith("有") else build_a_not_a_adj(subj, adj)


_A_NOT_A = Choice(
    (0.4, lambda rng, subj: build_a_not_a_action(subj, _simple_vp(rng)[1])),
    (0.15, _a_not_a_modal),
    (0.15, lambda rng, subj: build_a_not_a_identity(subj, rng.choice(PREDICATE_PEOPLE))),
    (0.3, _a_not_a_adj),
)


def family_a_not_a(rng: random.Random) -> Maybe:
    branch = _A_NOT_A(rng)
    subj = sample_person(rng, _ASKED_ABOUT)
    if subj.zh == "我":  # one asks others
        return None
    return branch(rng, subj)


def _ye_dou_action(rng: random.Random, subj: NP, neg: bool, q: bool) -> Pair:
    verb, v = _simple_vp(rng)
    return build_action(subj, v, neg=neg, q=q)


def _ye_dou_modal(rng: random.Random, subj: NP, neg: bool, q: bool) -> Pair:
    verb, v = _simple_vp(rng, allow_stative=False)
    return build_modal(subj, rng.choice(("想", "能")), v, neg=neg, q=q)


_YE_DOU = Choice(
    (0.35, lambda rng, subj, neg, q: build_identity(subj, rng.choice(PREDICATE_PEOPLE), neg=neg, q=q)),
    (0.2, lambda rng, subj, neg, q: build_adjective(subj, "不" if neg else "很",
                                                    rng.choice(PREDICATE_ADJS["human"]), q=q)),
    (0.25, _ye_dou_action),
    (0.2, _ye_dou_modal),
)


def family_ye_dou(rng: random.Random) -> Maybe:
    dou = rng.random() < 0.4
    subj = _plural_person(rng) if dou else sample_person(rng, _ASKED_ABOUT)
    branch = _YE_DOU(rng)
    neg = not dou and rng.random() < 0.3
    q = not neg and rng.random() < 0.2
    p = branch(rng, subj, neg, q)
    return add_dou(p, subj) if dou else add_ye(p, subj, neg)


def family_here_doing(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _ASKED_ABOUT)
    if rng.random() < 0.4:
        if subj.person == 1:
            return None
        when = rng.choice(list(DOING_WHEN))
        # 你明天做什么 is corpus.py's "what will you make tomorrow ?": with a time, only 干 asks "do"
        return build_doing(subj, when, rng.choice(("干", "做")) if not when else "干")
    if rng.random() < 0.3:  # things are here or there too
        noun = NOUN[rng.choice(_OWNABLE)]
        subj = poss_np(rng.choice(POSSESSORS).zh, noun.zh)
    neg = rng.random() < 0.25
    return build_here(subj, rng.choice(list(HERE)), neg, not neg and rng.random() < 0.25)


_HAI = Choice(
    (0.45, lambda rng, subj: build_not_yet(subj, rng.choice(list(NOT_YET)), q=rng.random() < 0.15)),
    (0.25, lambda rng, subj: build_still_is(subj, rng.choice(PREDICATE_PEOPLE))),
    (0.3, lambda rng, subj: build_still_at(subj, rng.choice(list(PLACE)))),
)


def family_hai(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _ASKED_ABOUT)
    return _HAI(rng)(rng, subj)


FAMILIES = {
    "who_which": (tagged(family_who_which, "questions"), 1000),
    "where_how": (tagged(family_where_how, "questions"), 1300),
    "why": (tagged(family_why, "questions"), 900),
    "ne_ba": (tagged(family_ne_ba, "questions"), 1000),
    "a_not_a": (tagged(family_a_not_a, "questions"), 1100),
    "ye_dou": (tagged(family_ye_dou, "questions"), 1300),
    "hai": (tagged(family_hai, "questions"), 600),
    "here_doing": (tagged(family_here_doing, "questions"), 500),
}

_I, _YOU, _HE = pron_np("我"), pron_np("你"), pron_np("他")
_LIKE = TRANSITIVE_BY_ZH["喜欢"][0]
EXAMPLES: dict[str, list] = {
    "questions": [
        build_who_is(_HE), build_whose(True, "书"), build_which(_YOU, "喜欢", "猫"),
        build_where_is("洗手间", qing_wen=True), build_how_get_to(_YOU, "学校"), build_how_write("写"),
        build_how_is(dem_np(True, "书")), build_how_about("公园"),
        build_why(_HE, vp(_LIKE, bare_obj("狗", "pl")), True),
        build_and_you(build_identity(_I, "学生", counted=False), _YOU), build_where_is_my("我", "书"),
        build_right(build_identity(_YOU, "学生")), build_lets("去", "公园"),
        build_a_not_a_action(_YOU, go_vp("公园")), build_a_not_a_identity(_YOU, "学生"),
        build_a_not_a_adj(dem_np(True, "书"), "贵"),
        add_ye(build_action(_HE, vp(_LIKE, bare_obj("狗", "pl"))), _HE, False),
        add_dou(build_identity(pron_np("我们"), "学生"), pron_np("我们")), build_not_yet(_HE, "来"),
        build_still_at(_HE, "学校"),
    ],
}
