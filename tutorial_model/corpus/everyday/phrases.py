"""Greetings, courtesy set phrases and introductions: the first lesson of every Chinese course.

Set phrases have one fixed textbook translation each (你好 → hello, 不客气 → you are welcome); two
Chinese phrases may share an English one (谢谢 and 谢谢你 → thank you). A phrase may address someone
(你好，小明 / 小明，你好 → hello , Xiaoming), with or without the comma, and two phrases may be joined
(对不起，我来晚了 → sorry , I am late). Introductions are rules over the shared lexicon: names
(我叫小明 → my name is Xiaoming), surnames, nationalities (他是哪国人 → which country is he from ?),
home towns (我从北京来 → I come from Beijing), languages (她会说一点儿汉语 → she can speak a little
Chinese) and who is who (这是我朋友大卫 → this is my friend David).
"""

from __future__ import annotations

import random

from ..grammar import NP, Maybe, Pair, be, do, pair, pron_np
from ..lexicon import POSSESSORS, PRONOUN
from ..sampling import Choice, tagged
from .lexicon import CITIES, COUNTRIES, COUNTRY, FIRST_NAMES, LANGUAGES, NAME, NAMES, SURNAMES, name_np
from .people import a_name, a_pronoun, sample_person

# zh | English: one per line.
_SET_PHRASES = """
你好|hello                      您好|hello                      你们好|hello
大家好|hello , everyone         老师好|hello , teacher          同学们好|hello , everyone
早上好|good morning             早|good morning                 上午好|good morning
下午好|good afternoon           晚上好|good evening             晚安|good night
你好吗|how are you ?            您好吗|how are you ?            你最近好吗|how have you been ?
最近怎么样|how have you been ?  我很好|I am fine                我也很好|I am fine too
还好|not bad                    不错|not bad                    挺好的|pretty good
谢谢|thank you                  谢谢你|thank you                谢谢您|thank you
谢谢你们|thank you              谢谢大家|thank you , everyone   多谢|thanks a lot
非常感谢|thank you very much    太谢谢你了|thank you so much    谢谢你的帮助|thank you for your help
不客气|you are welcome          不用谢|you are welcome          别客气|you are welcome
对不起|sorry                    不好意思|sorry                  真对不起|I am really sorry
没关系|it does not matter       没事儿|it is OK                 没问题|no problem
没什么|it is nothing            再见|goodbye                    明天见|see you tomorrow
一会儿见|see you later          下午见|see you in the afternoon  晚上见|see you in the evening
下周见|see you next week        下个星期见|see you next week    周末见|see you at the weekend
星期一见|see you on Monday      星期五见|see you on Friday      后天见|see you the day after tomorrow
请进|please come in             请坐|please sit down            请喝茶|please have some tea
请问|excuse me                  请等一下|please wait a moment   等一下|wait a moment
请再说一遍|please say it again  请你再说一遍|please say it again  请说慢一点儿|please speak more slowly
欢迎|welcome                    欢迎你|welcome                  欢迎欢迎|welcome
欢迎你来我家|welcome to my home  好久不见|long time no see      我来晚了|I am late
生日快乐|happy birthday         新年快乐|happy new year
一路平安|have a safe trip       一路顺风|have a good trip       干杯|cheers
加油|come on                    当然|of course                  好的|OK
好吧|all right                  是的|yes                        不对|that is not right
太好了|that is great            真的吗|really ?                 是吗|really ?
我知道|I know                   我不知道|I do not know          我知道了|I see
我明白了|I understand           我不明白|I do not understand    我懂了|I understand
我不懂|I do not understand      我听不懂|I do not understand    你懂吗|do you understand ?
你明白吗|do you understand ?    今天我请客|it is my treat today  我来介绍一下|let me introduce
我来介绍一下我自己|let me introduce myself                      认识你很高兴|nice to meet you
很高兴认识你|nice to meet you   认识您很高兴|nice to meet you   很高兴认识您|nice to meet you
认识你们很高兴|nice to meet you  我也很高兴认识你|nice to meet you too
请介绍一下你自己|please introduce yourself                     请你介绍一下自己|please introduce yourself
小心|be careful                 快点儿|hurry up                 放心吧|do not worry
随便|as you like                朋友们好|hello , friends        站住|stop
好啊|sure                       是啊|yes                        你好啊|hello
慢走|take care                   辛苦了|thank you for your hard work
你辛苦了|thank you for your hard work                           祝你生日快乐|I wish you a happy birthday
祝你好运|good luck              恭喜|congratulations            恭喜恭喜|congratulations
打扰了|sorry to bother you      麻烦你了|sorry to trouble you   别担心|do not worry
不要紧|it does not matter       回头见|see you later            下次见|see you next time
请慢用|enjoy your meal                   好主意|good idea
欢迎光临|welcome                                你先请|after you
注意身体|take care of yourself  一言为定|it is a deal           不用了|no need
路上小心|be careful on the way  没办法|it cannot be helped      当然可以|of course
"""
SET_PHRASES: dict[str, str] = dict(
    item.split("|") for line in _SET_PHRASES.strip().splitlines() for item in
    (part.strip() for part in line.split("  ")) if item)

# Phrases that may address someone by name, before or after it.
_ADDRESSABLE = ("你好", "您好", "早上好", "上午好", "下午好", "晚上好", "晚安", "再见", "明天见", "一会儿见", "下周见",
                "谢谢", "谢谢你", "谢谢您", "不客气", "不用谢", "别客气", "对不起", "不好意思", "没关系", "没事儿",
                "没问题", "请进", "请坐", "请喝茶", "请等一下", "欢迎", "欢迎你", "好久不见", "生日快乐", "新年快乐",
                "没什么", "请说慢一点儿", "请再说一遍",
                "一路平安", "一路顺风", "你好吗", "认识你很高兴", "很高兴认识你", "好的", "加油", "请介绍一下你自己",
                "小心", "快点儿", "放心吧", "你好啊", "干杯", "多谢", "好啊")
# Two phrases that follow each other naturally: 对不起，我来晚了 → "sorry , I am late".
_TWO_PHRASES = [tuple(p.split("+")) for p in """
你好+请进 你好+请坐 您好+请进 您好+请坐 你好+认识你很高兴 您好+认识您很高兴 谢谢+再见 谢谢你+再见 谢谢+明天见
谢谢你+明天见 好的+谢谢 好的+再见 好的+明天见 好的+一会儿见 对不起+我来晚了 不好意思+我来晚了 对不起+我不知道
对不起+我听不懂 不好意思+我听不懂 对不起+请再说一遍 不好意思+请再说一遍 对不起+请等一下 不好意思+请等一下
没关系+请进 没关系+请坐 欢迎+请进 欢迎欢迎+请进 欢迎+请坐 欢迎欢迎+请坐 请进+请坐 请坐+请喝茶 请进+请喝茶
我很好+你呢 我很好+谢谢 我也很好+谢谢 不错+你呢 还好+你呢 挺好的+你呢 没问题+明天见 太好了+谢谢 太好了+谢谢你
不客气+再见 请问+你叫什么名字 你好+你叫什么名字 谢谢+我很好
""".split()]


def build_phrase(zh: str) -> Pair:
    """A set phrase: 不客气 → "you are welcome"."""
    question = zh.endswith(("吗", "呢", "怎么样"))
    return pair([zh], [SET_PHRASES[zh]], {"set_phrase"} | ({"question"} if question else set()))


def build_address(phrase: str, name: str, name_first: bool = False, comma: bool = True) -> Pair:
    """你好，小明 / 小明，你好 → "hello , Xiaoming"; 王老师好 → "hello , Teacher Wang" (好 after a title).

    English puts the name after the phrase, and a "?" stays last: "how are you , Xiaoming ?".
    """
    n, en = NAME[name], SET_PHRASES.get(phrase, "")
    sep = "，" if comma else ""
    if phrase == "好":
        zh = [name, "好"]
        en = "hello"
    else:
        zh = [name, sep, phrase] if name_first else [phrase, sep, name]
    q = en.endswith(" ?")
    en_words = [en[:-2] if q else en, ",", n.en, "?" if q else ""]
    return pair(zh, en_words, {"set_phrase", "name"} | ({"question"} if q else set()))


def build_two_phrases(first: str, second: str, comma: bool = True) -> Pair:
    """对不起，我来晚了 → "sorry , I am late" (the comma may be left out in Chinese, never in English)."""
    second_en = {"你呢": "and you ?", "你叫什么名字": "what is your name ?"}.get(second) or SET_PHRASES[second]
    return pair([first, "，" if comma else "", second], [SET_PHRASES[first], ",", second_en],
                 {"set_phrase"} | ({"question"} if second_en.endswith("?") else set()))


# ===================================================================================== introductions


def _poss(subj: NP) -> str:
    return PRONOUN[subj.zh].poss if subj.zh in PRONOUN else ""


def build_name_is(subj: NP, name: str, ming_zi: bool = False) -> Pair:
    """我叫小明 → "my name is Xiaoming"; 我的名字是小明 → the same."""
    zh = [subj.zh, "的名字是" if ming_zi else "叫", name]
    return pair(zh, [_poss(subj), "name is", NAME[name].en], {"introduction", "name", "possessive"})


def build_whats_your_name(subj: NP, form: str = "叫什么名字") -> Pair:
    """你叫什么名字 / 你叫什么 / 你的名字是什么 → "what is your name ?"."""
    return pair([subj.zh, form], ["what is", _poss(subj), "name", "?"],
                 {"introduction", "question", "wh_question"})


def build_surname(subj: NP, surname: str, form: str = "") -> Pair:
    """我姓王 → "my surname is Wang"; 他不姓王 → "his surname is not Wang"; 你姓王吗 → "is your surname Wang ?";
    我也姓王 → "my surname is Wang too"."""
    zh = [subj.zh, {"": "", "不": "不", "也": "也", "吗": ""}[form], "姓", surname, "吗" if form == "吗" else ""]
    if form == "吗":
        return pair(zh, ["is", _poss(subj), "surname", SURNAMES[surname], "?"], {"introduction", "question"})
    en = [_poss(subj), "surname is", "not" if form == "不" else "", SURNAMES[surname], "too" if form == "也" else ""]
    return pair(zh, en, {"introduction"} | ({"negation"} if form == "不" else set()))


def build_surname_question(subj: NP, polite: bool = False) -> Pair:
    """你姓什么 → "what is your surname ?"; 您贵姓 → the same, politely."""
    zh = ["您贵姓"] if polite else [subj.zh, "姓什么"]
    return pair(zh, ["what is", "your" if polite else _poss(subj), "surname", "?"],
                 {"introduction", "question", "wh_question"})


def build_nationality(subj: NP, country: str, neg: bool = False, q: str = "", adverb: str = "",
                      job: str = "") -> Pair:
    """我是中国人 → "I am Chinese"; 他们都是美国学生 → "they are all American students".

    ``q``: "吗" or "是不是" (A-not-A: the same yes/no question); ``adverb``: 也 (too / either) or 都 (all).
    """
    c, be_en = COUNTRY[country], be(subj)
    jobs = {"学生": ("student", "students"), "老师": ("teacher", "teachers"), "医生": ("doctor", "doctors"),
            "留学生": ("international student", "international students")}
    pred = [c.people]
    if job:
        sg, pl = jobs[job]
        pred = [c.people, pl] if subj.plural else ["an" if c.people[0] in "AEIOU" else "a", c.people, sg]
    copula = "是不是" if q == "是不是" else ("不是" if neg else "是")
    zh = [subj.zh, adverb, copula, country, job or "人", "吗" if q == "吗" else ""]
    all_ = ["all"] if adverb == "都" else []
    if q:
        en = [be_en, subj.en, *all_, *pred, "too" if adverb == "也" else "", "?"]
    elif neg:
        en = [subj.en, be_en, *all_, "not", *pred, "either" if adverb == "也" else ""]
    else:
        en = [subj.en, be_en, *all_, *pred, "too" if adverb == "也" else ""]
    return pair(zh, en, {"introduction", "copula", "agreement"} | ({"question"} if q else set())
                 | ({"negation"} if neg else set()))


def build_which_country(subj: NP, form: str = "哪国人") -> Pair:
    """他是哪国人 / 哪个国家的人 → "which country is he from ?"; 你是哪里人 / 哪儿人 → "where are you from ?"."""
    head = ["which country"] if form in ("哪国人", "哪个国家的人") else ["where"]
    return pair([subj.zh, "是", form], [*head, be(subj), subj.en, "from", "?"],
                 {"introduction", "question", "wh_question"})


def _s3(subj: NP, base: str, s3: str) -> str:
    return s3 if subj.third_singular else base


def build_come_from(subj: NP, place: str, lai_zi: bool = False) -> Pair:
    """我从中国来 / 我来自中国 → "I come from China": 从 X 来 wraps the place, English puts it last."""
    en_place = COUNTRY[place].en if place in COUNTRY else CITIES[place]
    zh = [subj.zh, "来自", place] if lai_zi else [subj.zh, "从", place, "来"]
    return pair(zh, [subj.en, _s3(subj, "come", "comes"), "from", en_place], {"introduction", "moved_place"})


def build_where_from(subj: NP, form: str = "哪儿") -> Pair:
    """你从哪儿来 → "where do you come from ?"."""
    return pair([subj.zh, "从", form, "来"], ["where", do(subj), subj.en, "come from", "?"],
                 {"introduction", "question", "wh_question"})


def build_live_in(subj: NP, city: str | None, q: bool = False) -> Pair:
    """我住在北京 → "I live in Beijing"; 你住在哪儿 → "where do you live ?"."""
    if city is None:
        return pair([subj.zh, "住在哪儿"], ["where", do(subj), subj.en, "live", "?"],
                     {"introduction", "question", "wh_question"})
    place_en = CITIES[city] if city in CITIES else COUNTRY[city].en
    if q:
        return pair([subj.zh, "住在", city, "吗"], [do(subj), subj.en, "live in", place_en, "?"],
                     {"introduction", "question"})
    return pair([subj.zh, "住在", city], [subj.en, _s3(subj, "live", "lives"), "in", place_en],
                 {"introduction", "moved_place"})


def build_foreigner(subj: NP, neg: bool = False, q: bool = False) -> Pair:
    """他是外国人 → "he is a foreigner"; 他们不是外国人 → "they are not foreigners"."""
    pred = ["foreigners"] if subj.plural else ["a foreigner"]
    be_en = be(subj)
    zh = [subj.zh, "不是" if neg else "是", "外国人", "吗" if q else ""]
    en = [be_en, subj.en, *pred, "?"] if q else [subj.en, be_en, "not" if neg else "", *pred]
    return pair(zh, en, {"introduction", "copula"} | ({"question"} if q else set()))


def build_speak(subj: NP, lang: str, neg: bool = False, q: str = "", a_little: bool = False) -> Pair:
    """她会说一点儿汉语 → "she can speak a little Chinese"; 你会不会说英语 → "can you speak English ?"."""
    modal = "会不会" if q == "会不会" else ("不会" if neg else "会")
    zh = [subj.zh, modal, "说", "一点儿" if a_little else "", lang, "吗" if q == "吗" else ""]
    lang_en = "a foreign language" if lang == "外语" else LANGUAGES[lang]  # 外语: any language but one's own
    obj = ["a little" if a_little else "", lang_en]
    if q:
        en = ["can", subj.en, "speak", *obj, "?"]
    else:
        en = [subj.en, "cannot" if neg else "can", "speak", *obj]
    return pair(zh, en, {"modal"} | ({"question"} if q else set()) | ({"negation"} if neg else set()))


def build_speaks_well(subj: NP, lang: str, repeat_verb: bool = False) -> Pair:
    """他汉语说得很好 / 他说汉语说得很好 → "he speaks Chinese very well" (得 + how well)."""
    zh = [subj.zh, "说" + lang if repeat_verb else lang, "说得很好"]
    return pair(zh, [subj.en, _s3(subj, "speak", "speaks"), LANGUAGES[lang], "very well"], {"agreement"})


def build_learn(subj: NP, lang: str, progressive: bool = False) -> Pair:
    """我学汉语 → "I learn Chinese"; 她在学汉语 → "she is learning Chinese"."""
    if progressive:
        return pair([subj.zh, "在学", lang], [subj.en, be(subj), "learning", LANGUAGES[lang]], {"progressive"})
    return pair([subj.zh, "学", lang], [subj.en, _s3(subj, "learn", "learns"), LANGUAGES[lang]], set())


RELATIONS = {"朋友": "friend", "同学": "classmate", "老师": "teacher", "同事": "colleague",
             "男朋友": "boyfriend", "女朋友": "girlfriend"}


def build_this_is_person(name: str | None, owner: str | None = None, relation: str | None = None,
                         de: bool = False, intro: bool = False, comma: bool = True) -> Pair:
    """这是我朋友大卫 → "this is my friend David"; 这是王老师 → "this is Teacher Wang".

    ``intro``: 我来介绍一下，这是… → "let me introduce , this is …".
    """
    zh_rel = f"{owner}{'的' if de else ''}{relation}" if relation else ""
    en_rel = [PRONOUN[owner].poss, RELATIONS[relation]] if relation and owner else []
    zh = ["我来介绍一下" + ("，" if comma else "") if intro else "", "这是", zh_rel, name or ""]
    en = ["let me introduce ," if intro else "", "this is", *en_rel, NAME[name].en if name else ""]
    return pair(zh, en, {"introduction", "copula"})


def build_is_my(subj: NP, owner: str, relation: str, de: bool = False) -> Pair:
    """他是我同学 → "he is my classmate"; 她们是我的同学 → "they are my classmates"."""
    rel = RELATIONS[relation]
    en_rel = rel + "s" if subj.plural else rel
    return pair([subj.zh, "是", owner, "的" if de else "", relation],
                 [subj.en, be(subj), PRONOUN[owner].poss, en_rel], {"introduction", "copula", "possessive"})


# ============================================================================= wishes, treats, answers

WISHES = {"生日快乐": "a happy birthday", "新年快乐": "a happy new year", "一路平安": "a safe trip",
          "一路顺风": "a good trip", "周末快乐": "a nice weekend", "身体健康": "good health",
          "工作顺利": "success at work"}


def build_wish(who: NP, wish: str) -> Pair:
    """祝你生日快乐 → "I wish you a happy birthday"; 祝小明一路平安 → "I wish Xiaoming a safe trip"."""
    return pair(["祝", who.zh, wish], ["I wish", who.obj, WISHES[wish]], {"set_phrase"})


TREAT_WHEN = {"今天": "today", "明天": "tomorrow", "这次": "this time", "": ""}


def build_treat(who: str, when: str, front: bool = True) -> Pair:
    """今天我请客 / 我今天请客 → "it is my treat today"."""
    zh = [when, who] if front else [who, when]
    return pair([*zh, "请客"], ["it is", PRONOUN[who].poss, "treat", TREAT_WHEN[when]], {"set_phrase"})


ANSWERS = {"是的": "yes", "对": "yes", "当然": "of course", "不": "no", "不是": "no"}


def build_answer(word: str, statement: Pair, comma: bool = True) -> Pair:
    """是的，我是中国人 → "yes , I am Chinese"; 不，我不会说法语 → "no , I cannot speak French"."""
    return pair([word, "，" if comma else "", statement.zh], [ANSWERS[word], ",", statement.en],
                 {"answer"} | set(statement.tags))


# ========================================================================================== samplers

_SUBJ_PRONOUNS = [p.zh for p in POSSESSORS]  # 我 你 他 她 我们 你们 他们 她们
_SG_PRONOUNS = ("我", "你", "他", "她")


_SPEAKERS = Choice((0.45, a_name), (0.55, a_pronoun()))  # who is from, speaks, is called …
_RELATED = Choice((0.3, a_name), (0.7, a_pronoun()))


def family_set_phrase(rng: random.Random) -> Maybe:
    return build_phrase(rng.choice(list(SET_PHRASES)))


def family_greeting(rng: random.Random) -> Maybe:
    r = rng.random()
    if r < 0.8:
        name = rng.choice(NAMES)
        if name.title and rng.random() < 0.2:
            return build_address("好", name.zh)
        return build_address(rng.choice(_ADDRESSABLE), name.zh, rng.random() < 0.35, rng.random() < 0.6)
    first, second = rng.choice(_TWO_PHRASES)
    return build_two_phrases(first, second, rng.random() < 0.6)


def _whats_your_name(rng: random.Random, subj: NP) -> Maybe:
    form = rng.choice(("叫什么名字", "叫什么", "的名字是什么"))
    return None if subj.zh == "我" else build_whats_your_name(subj, form)  # not "what is my name"


def _name_is(rng: random.Random, subj: NP) -> Maybe:
    if subj.zh == "你":  # one tells one's own name, or someone else's
        return None
    p = build_name_is(subj, rng.choice(FIRST_NAMES).zh, ming_zi=rng.random() < 0.2)
    if subj.zh == "我" and rng.random() < 0.4:  # 你好，我叫小明 → hello , my name is Xiaoming
        comma = rng.random() < 0.6
        hi = rng.choice(("你好", "您好", "大家好"))
        return pair([hi, "，" if comma else "", p.zh], [SET_PHRASES[hi], ",", p.en], p.tags)
    return p


def _surname(rng: random.Random, subj: NP) -> Maybe:
    form = rng.choice(("", "", "不", "也", "吗"))
    if (form == "吗") != (subj.zh == "你"):  # one asks "is your surname …", and tells one's own or others'
        return None
    return build_surname(subj, rng.choice(list(SURNAMES)), form)


_NAME = Choice(
    (0.2, _whats_your_name),
    (0.25, _name_is),
    (0.1, lambda rng, subj: None if subj.zh == "我" else build_surname_question(subj, polite=rng.random() < 0.25)),
    (0.45, _surname),
)


def family_name(rng: random.Random) -> Maybe:
    subj = pron_np(rng.choice(_SG_PRONOUNS))
    return _NAME(rng)(rng, subj)


def _which_country(rng: random.Random, subj: NP) -> Maybe:
    if subj.person == 1:  # one asks others where they are from
        return None
    return build_which_country(subj, rng.choice(("哪国人", "哪国人", "哪个国家的人", "哪里人", "哪儿人")))


def _foreigner(rng: random.Random, subj: NP) -> Pair:
    neg = rng.random() < 0.3
    return build_foreigner(subj, neg, not neg and rng.random() < 0.3)


def family_nationality(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _SPEAKERS)
    return _NATIONALITY(rng)(rng, subj)


def _is_from_country(rng: random.Random, subj: NP) -> Maybe:
    country = rng.choice(COUNTRIES).zh
    adverb = rng.choice(("", "", "", "也", "都")) if subj.plural else rng.choice(("", "", "也"))
    neg, q = rng.random() < 0.25, ""
    if not neg and rng.random() < 0.3:
        q = rng.choice(("吗", "是不是"))
    if q == "是不是" and adverb:
        return None
    if neg and adverb == "都":  # 都不是 reads "none of them are …": left out
        return None
    job = rng.choice(("学生", "老师", "医生", "留学生")) if rng.random() < 0.3 else ""
    return build_nationality(subj, country, neg, q, adverb, job)


_NATIONALITY = Choice((0.15, _which_country), (0.1, _foreigner), (0.75, _is_from_country))


def family_from(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _SPEAKERS)
    r = rng.random()
    places = [c.zh for c in COUNTRIES] + list(CITIES)
    if subj.person == 1 and (r < 0.15 or 0.55 <= r < 0.65):  # one asks others where they are from
        return None
    if r < 0.15:
        return build_where_from(subj, rng.choice(("哪儿", "哪里")))
    if r < 0.55:
        return build_come_from(subj, rng.choice(places), lai_zi=rng.random() < 0.25)
    if r < 0.65:
        return build_live_in(subj, None)
    return build_live_in(subj, rng.choice(list(CITIES)), q=rng.random() < 0.15)


def _speak(rng: random.Random, subj: NP, lang: str) -> Pair:
    neg = rng.random() < 0.25
    q = "" if neg or rng.random() < 0.7 else rng.choice(("吗", "会不会"))
    if rng.random() < 0.12:
        return build_speak(subj, "外语", neg, q)
    return build_speak(subj, lang, neg, q, a_little=not neg and rng.random() < 0.3)


_LANGUAGE = Choice(
    (0.55, _speak),
    (0.2, lambda rng, subj, lang: build_speaks_well(subj, lang, repeat_verb=rng.random() < 0.4)),
    (0.25, lambda rng, subj, lang: build_learn(subj, lang, progressive=rng.random() < 0.5)),
)


def family_language(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _SPEAKERS)
    lang = rng.choice(list(LANGUAGES))
    return _LANGUAGE(rng)(rng, subj, lang)


def family_who_is_who(rng: random.Random) -> Maybe:
    r = rng.random()
    relation = rng.choice(list(RELATIONS))
    fits = [n for n in NAMES if not n.title and not (relation == "男朋友" and n.gender != "m")
            and not (relation == "女朋友" and n.gender != "f")]
    if relation == "老师":
        fits = [n for n in NAMES if n.title and "老师" in n.zh]
    if r < 0.3:
        return build_this_is_person(rng.choice(NAMES).zh, intro=rng.random() < 0.3, comma=rng.random() < 0.6)
    if r < 0.75:
        owner = rng.choice(_SG_PRONOUNS + ("我们", "他们"))
        name = rng.choice(fits).zh if rng.random() < 0.7 else None
        return build_this_is_person(name, owner, relation, de=rng.random() < 0.4, intro=rng.random() < 0.2,
                                    comma=rng.random() < 0.6)
    subj = sample_person(rng, _RELATED)
    owner = rng.choice([p for p in _SG_PRONOUNS + ("我们",) if p != subj.zh])
    if relation in ("男朋友", "女朋友") and subj.plural:
        return None
    return build_is_my(subj, owner, relation, de=rng.random() < 0.4)


def family_wish_treat(rng: random.Random) -> Maybe:
    if rng.random() < 0.75:
        r = rng.random()
        who = (pron_np(rng.choice(("你", "你们", "他", "她"))) if r < 0.6 else
               NP("您", "you", "you", 2, False, "x", "human") if r < 0.7 else name_np(rng.choice(NAMES).zh))
        return build_wish(who, rng.choice(list(WISHES)))
    return build_treat(rng.choice(_SUBJ_PRONOUNS[:4]), rng.choice(list(TREAT_WHEN)), rng.random() < 0.5)


def family_answer(rng: random.Random) -> Maybe:
    """Yes/no answers: the statement agrees with the word (是的 + a positive one, 不 + a negative one)."""
    word = rng.choice(list(ANSWERS))
    neg = word in ("不", "不是")
    subj = pron_np(rng.choice(("我", "我", "我们", "他", "她")))
    r = rng.random()
    if r < 0.35:
        st = build_nationality(subj, rng.choice(COUNTRIES).zh, neg=neg)
    elif r < 0.65:
        st = build_speak(subj, rng.choice(list(LANGUAGES)), neg=neg, a_little=not neg and rng.random() < 0.3)
    elif r < 0.85 and subj.zh == "我":
        if neg:
            return None
        st = build_name_is(subj, rng.choice(FIRST_NAMES).zh)
    else:
        if neg:
            return None
        st = build_live_in(subj, rng.choice(list(CITIES)))
    if word == "当然" and neg:
        return None
    return build_answer(word, st, rng.random() < 0.7)


FAMILIES = {
    "set_phrase": (tagged(family_set_phrase, "greetings"), len(SET_PHRASES)),
    "greeting": (tagged(family_greeting, "greetings"), 1400),
    "name": (tagged(family_name, "introductions"), 700),
    "nationality": (tagged(family_nationality, "introductions"), 1200),
    "from": (tagged(family_from, "introductions"), 800),
    "language": (tagged(family_language, "introductions"), 900),
    "who_is_who": (tagged(family_who_is_who, "introductions"), 700),
    "wish_treat": (tagged(family_wish_treat, "greetings"), 200),
    "answer": (tagged(family_answer, "introductions"), 500),
}

EXAMPLES: dict[str, list] = {
    "greetings": [build_phrase(p) for p in (
        "你好", "您好", "早上好", "晚上好", "你好吗", "谢谢", "不客气", "对不起", "没关系", "再见", "明天见", "请进",
        "请坐", "请问", "我不知道", "欢迎")] + [build_address("你好", "小明"), build_two_phrases("对不起", "我来晚了")],
    "introductions": [
        build_whats_your_name(pron_np("你")), build_name_is(pron_np("我"), "小明"),
        build_surname_question(pron_np("你"), polite=True), build_surname(pron_np("我"), "王"),
        build_nationality(pron_np("我"), "中国"), build_which_country(pron_np("他")),
        build_phrase("认识你很高兴"), build_this_is_person("大卫", "我", "朋友"),
        build_this_is_person("王老师", intro=True), build_come_from(pron_np("我"), "北京"),
        build_speak(pron_np("我"), "汉语", a_little=True),
    ],
}
