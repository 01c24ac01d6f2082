"""Numbers 0–999 in Chinese and English, and the sentences that use them: counting, ages, sums,
phone and room numbers, ordinals.

Chinese: 二 in a number (十二, 二十, 二百), 两 before a measure word or 百 (两个, 两岁, 两百), 零 for a
missing tens digit (一百零五); 一百一十 for 110 (a 十 after 百 always takes its digit).
English: words, hundreds joined by "and" (three hundred and twenty five); tens and units as two
tokens ("twenty five"), so the model can learn them one at a time. Phone and room numbers are read
digit by digit in both languages (三零五 → three zero five).
"""

from __future__ import annotations

import random

from ..grammar import NP, Maybe, Pair, do, pair, poss_np, pron_np
from ..lexicon import NOUN, NOUNS, POSSESSORS, PRONOUN, article
from ..sampling import Choice, tagged
from .people import NAME_OR_PRONOUN, a_name, a_pronoun, sample_person

DIGITS_ZH = "零一二三四五六七八九"
ONES_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS_EN = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINALS_EN = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
               "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
               "seventeenth", "eighteenth", "nineteenth", "twentieth"]


def _round_big(n: int) -> bool:
    """Round thousands and ten-thousands, for prices: 1000–9900 in hundreds, 10000–90000 in ten-thousands."""
    return 1000 <= n <= 9900 and n % 100 == 0 or 10000 <= n <= 90000 and n % 10000 == 0


def num_zh(n: int, liang: bool = False) -> str:
    """0–999 in Chinese; ``liang``: the number counts something (两个, 两百块), so 2 and 2xx take 两.
    Also round prices: 三千五百 (3500), 两万 (20000)."""
    if _round_big(n):
        if n >= 10000:
            return ("两" if liang and n == 20000 else DIGITS_ZH[n // 10000]) + "万"
        k, h = divmod(n // 100, 10)
        return ("两" if liang and k == 2 else DIGITS_ZH[k]) + "千" + (num_zh(h * 100) if h else "")  # 两千二百
    if not 0 <= n <= 999:
        raise ValueError(f"number out of range: {n}")
    if n < 10:
        return "两" if liang and n == 2 else DIGITS_ZH[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else DIGITS_ZH[tens]) + "十" + (DIGITS_ZH[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    head = ("两" if liang and hundreds == 2 else DIGITS_ZH[hundreds]) + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + DIGITS_ZH[rest]
    tens, ones = divmod(rest, 10)
    return head + DIGITS_ZH[tens] + "十" + (DIGITS_ZH[ones] if ones else "")


def num_en(n: int) -> str:
    """0–999 in English words: "three hundred and five", "forty two"; round prices "three thousand five hundred"."""
    if _round_big(n):
        if n >= 10000:
            return num_en(n // 1000) + " thousand"
        k, h = divmod(n // 100, 10)
        return num_en(k) + " thousand" + (" " + num_en(h * 100) if h else "")
    if not 0 <= n <= 999:
        raise ValueError(f"number out of range: {n}")
    if n < 20:
        return ONES_EN[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS_EN[tens] + (" " + ONES_EN[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    return ONES_EN[hundreds] + " hundred" + (" and " + num_en(rest) if rest else "")


def ordinal_en(n: int) -> str:
    """1–31 as English ordinals: "first", "twenty third", "thirty first"."""
    if n <= 20:
        return ORDINALS_EN[n]
    tens, ones = divmod(n, 10)
    return f"{TENS_EN[tens]} {ORDINALS_EN[ones]}" if ones else TENS_EN[tens][:-1] + "ieth"  # thirtieth


def digits_zh(s: str) -> str:
    return "".join(DIGITS_ZH[int(c)] for c in s)


def digits_en(s: str) -> str:
    return " ".join(ONES_EN[int(c)] for c in s)


# ================================================================================ builders


def build_number(n: int) -> Pair:
    """三百二十五 → "three hundred and twenty five" (a number on its own)."""
    return pair([num_zh(n)], [num_en(n)], {"number"})


def build_sum(a: int, b: int, minus: bool = False) -> Pair:
    """三加四等于七 → "three plus four equals seven"; 九减二等于七 → "nine minus two equals seven"."""
    c = a - b if minus else a + b
    zh = [num_zh(a), "减" if minus else "加", num_zh(b), "等于", num_zh(c)]
    return pair(zh, [num_en(a), "minus" if minus else "plus", num_en(b), "equals", num_en(c)], {"number"})


def count_np(n: int, noun_zh: str) -> NP:
    """N + measure word + noun for any 1–999: 二十二本书 → "twenty two books"; 两百个苹果."""
    noun = NOUN[noun_zh]
    en = f"{article(noun.en)} {noun.en}" if n == 1 else f"{num_en(n)} {noun.pl}"
    return NP(num_zh(n, liang=True) + noun.mw + noun.zh, en, en, 3, n > 1, noun.gender, noun.kind,
              frozenset({"number", "measure_word"}))


def build_have_count(subj: NP, n: int, noun_zh: str) -> Pair:
    """我有二十本书 → "I have twenty books"."""
    obj = count_np(n, noun_zh)
    verb = "has" if subj.third_singular else "have"
    return pair([subj.zh, "有", obj.zh], [subj.en, verb, obj.en], obj.tags | {"agreement"})


def build_how_many(subj: NP, noun_zh: str, duo_shao: bool = False) -> Pair:
    """你有几本书 → "how many books do you have ?"; 多少 asks the same of a number that may be large."""
    noun = NOUN[noun_zh]
    q = "多少" if duo_shao else "几" + noun.mw
    return pair([subj.zh, "有", q, noun.zh], ["how many", noun.pl, do(subj), subj.en, "have", "?"],
                 {"question", "wh_question", "number"})


def build_age(subj: NP, n: int, this_year: bool = False, le: bool = False) -> Pair:
    """我二十岁 → "I am twenty years old"; 他今年八岁 → "he is eight years old this year"."""
    be = "am" if subj.person == 1 and not subj.plural else "is" if subj.third_singular else "are"
    years = "year" if n == 1 else "years"
    zh = [subj.zh, "今年" if this_year else "", num_zh(n, liang=True), "岁", "了" if le else ""]
    return pair(zh, [subj.en, be, num_en(n), years, "old", "this year" if this_year else ""], {"number"})


AGE_QUESTIONS = {"几岁": "", "几岁了": "", "多大": "", "多大了": "", "今年多大": "this year",
                 "今年几岁": "this year", "今年多大了": "this year", "今年几岁了": "this year"}


def build_age_question(subj: NP, form: str) -> Pair:
    """你几岁 / 你多大 → "how old are you ?"; 他今年多大 → "how old is he this year ?"."""
    be = "am" if subj.person == 1 and not subj.plural else "is" if subj.third_singular else "are"
    return pair([subj.zh, form], ["how old", be, subj.en, AGE_QUESTIONS[form], "?"],
                 {"question", "wh_question", "number"})


def build_phone(owner: str, digits: str, mobile: bool = False) -> Pair:
    """我的电话号码是六二七五三八一九 → "my phone number is six two seven five three eight one nine"."""
    word = "手机号码" if mobile else "电话号码"
    poss = PRONOUN[owner].poss
    return pair([owner, "的", word, "是", digits_zh(digits)],
                 [poss, "mobile" if mobile else "phone", "number is", digits_en(digits)], {"number"})


def build_phone_question(owner: str, mobile: bool = False) -> Pair:
    """你的电话号码是多少 → "what is your phone number ?"."""
    word = "手机号码" if mobile else "电话号码"
    return pair([owner, "的", word, "是多少"],
                 ["what is", PRONOUN[owner].poss, "mobile" if mobile else "phone", "number", "?"],
                 {"question", "wh_question"})


def _live(subj: NP) -> str:
    return "lives" if subj.third_singular else "live"


def build_room(subj: NP, room: str, zai: bool = True) -> Pair:
    """我住在三零五号房间 → "I live in room three zero five" (住在 or 住: the same)."""
    return pair([subj.zh, "住在" if zai else "住", digits_zh(room), "号房间"],
                 [subj.en, _live(subj), "in room", digits_en(room)], {"number"})


def build_room_question(subj: NP) -> Pair:
    """你住几号房间 → "what room do you live in ?"."""
    return pair([subj.zh, "住几号房间"], ["what room", do(subj), subj.en, "live in", "?"],
                 {"question", "wh_question"})


def build_floor(subj: NP, n: int) -> Pair:
    """他住在五楼 → "he lives on the fifth floor"."""
    return pair([subj.zh, "住在", num_zh(n), "楼"], [subj.en, _live(subj), "on the", ORDINALS_EN[n], "floor"],
                 {"number"})


def build_first_time(n: int, city_zh: str, city_en: str) -> Pair:
    """这是我第一次来北京 → "this is my first time in Beijing"."""
    return pair(["这是我第", num_zh(n), "次来", city_zh], ["this is my", ORDINALS_EN[n], "time in", city_en],
                 {"number"})


CLASS_PEOPLE = {"学生": "students", "男生": "boys", "女生": "girls", "同学": "classmates"}


def build_class_size(n: int | None, who: str, owner: str = "我们") -> Pair:
    """我们班有二十个男生 → "there are twenty boys in our class"; 你们班有多少个学生 → "how many students are
    there in your class ?"."""
    cls = ["in", PRONOUN[owner].poss, "class"]
    if n is None:
        return pair([owner, "班有多少个", who], ["how many", CLASS_PEOPLE[who], "are there", *cls, "?"],
                     {"question", "wh_question", "number"})
    en_n = "one" if n == 1 else num_en(n)
    noun = CLASS_PEOPLE[who][:-1] if n == 1 else CLASS_PEOPLE[who]
    en = ["there", "is" if n == 1 else "are", en_n, noun, *cls]
    return pair([owner, "班有", num_zh(n, liang=True), "个", who], en, {"existential", "number", "measure_word"})


# ================================================================================ samplers

_COUNT_NOUNS = [n.zh for n in NOUNS if n.pl and n.kind in ("animal", "book", "food", "thing", "clothes",
                                                             "furniture", "vehicle", "plant", "picture")]
_FAMILY_PEOPLE = ("妈妈", "爸爸", "哥哥", "姐姐", "弟弟", "妹妹", "儿子", "女儿", "朋友", "爷爷", "奶奶")


def _family_member(rng: random.Random) -> NP:
    """我的妈妈, or 我妈妈 (possessive 的 dropped before kin, as Chinese does)."""
    owner, noun = rng.choice(POSSESSORS).zh, NOUN[rng.choice(_FAMILY_PEOPLE)]
    np_ = poss_np(owner, noun.zh)
    if rng.random() < 0.5 and noun.kind == "family":  # 我妈妈: the same as 我的妈妈
        return NP(owner + noun.zh, np_.en, np_.obj, 3, False, np_.gender, "human", np_.tags)
    return np_


# A pronoun (not 它), a name, or someone's relative.
_COUNTERS = Choice((0.35, a_name), (0.3, _family_member), (0.35, a_pronoun()))


_COUNT_RANGES = Choice((0.4, (2, 10)), (0.45, (11, 99)), (0.15, (100, 999)))


def _sample_count(rng: random.Random) -> int:
    return rng.randint(*_COUNT_RANGES(rng))


def family_number(rng: random.Random) -> Maybe:
    return build_number(rng.randint(0, 999))


def family_sum(rng: random.Random) -> Maybe:
    a, b = rng.randint(0, 99), rng.randint(0, 99)
    if rng.random() < 0.4:
        return build_sum(max(a, b), min(a, b), minus=True)
    return build_sum(a, b) if a + b <= 999 else None


def family_count(rng: random.Random) -> Maybe:
    subj, noun = sample_person(rng, _COUNTERS), rng.choice(_COUNT_NOUNS)
    r = rng.random()
    if r < 0.3:
        return build_how_many(subj, noun, duo_shao=rng.random() < 0.35)
    return build_have_count(subj, _sample_count(rng), noun)


def family_age(rng: random.Random) -> Maybe:
    subj = sample_person(rng, _COUNTERS)
    if rng.random() < 0.3:
        return build_age_question(subj, rng.choice(list(AGE_QUESTIONS)))
    return build_age(subj, rng.randint(1, 99), this_year=rng.random() < 0.3, le=rng.random() < 0.25)


def _phone(rng: random.Random, owner: str) -> Pair:
    return build_phone(owner, "".join(rng.choice("0123456789") for _ in range(8)), mobile=rng.random() < 0.4)


def _room_question(rng: random.Random, owner: str) -> Maybe:
    subj = sample_person(rng, NAME_OR_PRONOUN)
    return None if subj.person == 1 else build_room_question(subj)  # not "what room do I live in"


def _room(rng: random.Random, owner: str) -> Pair:
    subj = sample_person(rng, NAME_OR_PRONOUN)
    room = f"{rng.randint(1, 9)}{rng.randint(0, 2)}{rng.randint(0, 9)}"
    return build_room(subj, room, zai=rng.random() < 0.6)


def _floor(rng: random.Random, owner: str) -> Pair:
    subj = sample_person(rng, NAME_OR_PRONOUN)
    return build_floor(subj, rng.randint(1, 9))


_PHONE_ROOM = Choice(
    (0.1, lambda rng, owner: build_phone_question(owner, mobile=rng.random() < 0.4)),
    (0.3, _phone),
    (0.1, _room_question),
    (0.3, _room),
    (0.2, _floor),
)


def family_phone_room(rng: random.Random) -> Maybe:
    branch = _PHONE_ROOM(rng)
    return branch(rng, rng.choice(POSSESSORS).zh)


def family_class_size(rng: random.Random) -> Maybe:
    owner = rng.choice(("我们", "你们", "他们"))
    who = rng.choice(list(CLASS_PEOPLE))
    if rng.random() < 0.2:
        return None if owner == "我们" else build_class_size(None, who, owner)
    return build_class_size(rng.randint(2, 60), who, owner)


def family_ordinal(rng: random.Random) -> Maybe:
    from .lexicon import CITIES, COUNTRIES

    places = list(CITIES.items()) + [(c.zh, c.en) for c in COUNTRIES]
    zh, en = rng.choice(places)
    return build_first_time(rng.randint(1, 5), zh, en)


FAMILIES = {
    "number": (tagged(family_number, "numbers"), 500),
    "sum": (tagged(family_sum, "numbers"), 400),
    "count": (tagged(family_count, "numbers"), 1100),
    "age": (tagged(family_age, "numbers"), 800),
    "phone_room": (tagged(family_phone_room, "numbers"), 600),
    "ordinal": (tagged(family_ordinal, "numbers"), 80),
    "class_size": (tagged(family_class_size, "numbers"), 300),
}

EXAMPLES: dict[str, list] = {
    "numbers": [
        build_number(325), build_number(108), build_have_count(pron_np("我"), 22, "书"),
        build_how_many(pron_np("你"), "书"), build_age(pron_np("我"), 20),
        build_age_question(pron_np("你"), "多大"), build_age_question(pron_np("你"), "几岁"),
        build_phone_question("你"), build_phone("我", "62753819"), build_room(pron_np("我"), "305"),
        build_first_time(1, "北京", "Beijing"),
    ],
}
