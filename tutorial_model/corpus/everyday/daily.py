"""Everyday topics: weather, directions and health.

Conventions::

    下雨了 / 外面在下雨              it is raining / it is raining outside
    昨天下雪了 / 明天会下雨吗        it snowed yesterday / will it rain tomorrow ?
    要下雨了 / 快要下雨了            it is going to rain / it is about to rain
    今天是晴天 / 明天多云            it is sunny today / it will be cloudy tomorrow
    今天有点儿冷 / 今天零下五度      it is a little cold today / it is minus five degrees today
    冬天常常下雪                     it often snows in winter
    书在桌子上 / 银行在超市旁边      the book is on the table / the bank is next to the supermarket
    学校离我家很近                   the school is very close to my home
    往前走 / 到路口往右走            go straight ahead / turn right at the intersection
    我头疼 / 他的腿很疼              I have a headache / his leg hurts a lot
    我发烧了 / 他生病了              I have a fever / he is sick
"""

from __future__ import annotations

import random

from ..grammar import NP, Pair, be, def_np, pair, pron_np
from ..lexicon import NUM_EN, NUM_ZH
from ..sampling import Choice
from .lexicon import CITIES
from .people import sample_person

# --------------------------------------------------------------------------------------------- weather

WEATHER_TIMES = {"今天": ("today", "present"), "明天": ("tomorrow", "future"), "昨天": ("yesterday", "past")}
# event → (base, -ing, past)
EVENTS = {"下雨": ("rain", "raining", "rained"), "下雪": ("snow", "snowing", "snowed")}
SKIES = {"晴天": "sunny", "阴天": "cloudy", "多云": "cloudy", "刮风": "windy", "风很大": "very windy"}
WEATHER_ADJS = {"冷": "cold", "热": "hot", "凉快": "cool"}
WEATHER_DEGREES = {"很": "very", "有点儿": "a little", "有一点儿": "a little", "太": "too", "非常": "very",
                   "不": "not", "不太": "not very"}
SEASONS = {"春天": "spring", "夏天": "summer", "秋天": "autumn", "冬天": "winter"}
_IT_BE = {"present": ["it", "is"], "future": ["it", "will be"], "past": ["it", "was"]}


def build_event(event: str, form: str, time: str = "", outside: bool = False) -> Pair:
    """下雨了 / 外面在下雨 / 昨天下雨了 / 昨天没下雨 / 明天会(不会)下雨(吗) / 要下雨了 / 快要下雨了."""
    base, ing, past = EVENTS[event]
    t_en = WEATHER_TIMES[time][0] if time else ""
    zh = {"now": [event, "了"], "prog": ["外面" if outside else "", "正在" if not outside else "在", event],
          "past": [time, event, "了"], "neg_past": [time, "没", event], "will": [time, "会", event],
          "will_not": [time, "不会", event], "will_q": [time, "会", event, "吗"], "soon": ["要", event, "了"],
          "about": ["快要", event, "了"]}[form]
    en = {"now": ["it is", ing], "prog": ["it is", ing, "outside" if outside else ""],
          "past": ["it", past, t_en], "neg_past": ["it did not", base, t_en], "will": ["it will", base, t_en],
          "will_not": ["it will not", base, t_en], "will_q": ["will it", base, t_en, "?"],
          "soon": ["it is going to", base], "about": ["it is about to", base]}[form]
    return pair(zh, en, {"everyday", "topic_weather", *(["question"] if form == "will_q" else [])})


def build_sky(time: str, sky: str) -> Pair:
    """今天是晴天 → "it is sunny today"; 明天多云 → "it will be cloudy tomorrow"."""
    t_en, tense = WEATHER_TIMES[time]
    zh = [time, "是" if sky.endswith("天") else "", sky]
    return pair(zh, [*_IT_BE[tense], SKIES[sky], t_en], {"everyday", "topic_weather"})


def build_weather_adj(time: str, degree: str, adj: str, q: bool = False) -> Pair:
    """今天有点儿冷 → "it is a little cold today"; 明天热吗 → "will it be hot tomorrow ?"."""
    t_en, tense = WEATHER_TIMES[time]
    it, verb = _IT_BE[tense]
    if q:
        first, *rest = verb.split()
        return pair([time, adj, "吗"], [first, it, *rest, WEATHER_ADJS[adj], t_en, "?"],
                     {"everyday", "topic_weather", "question"})
    words = WEATHER_DEGREES[degree].split()
    if words[0] == "not":
        verb_words = verb.split()
        verb, words = " ".join([verb_words[0], "not", *verb_words[1:]]), words[1:]
    return pair([time, degree, adj, "了" if degree == "太" else ""], [it, verb, *words, WEATHER_ADJS[adj], t_en],
                 {"everyday", "topic_weather"})


def build_degrees(time: str, n: int, below: bool = False) -> Pair:
    """今天十度 → "it is ten degrees today"; 零下五度 → "minus five degrees"."""
    t_en, tense = WEATHER_TIMES[time]
    num_en = "one degree" if n == 1 else f"{NUM_EN[n]} degrees"
    zh = [time, "零下" if below else "", "二" if n == 2 else NUM_ZH[n], "度"]
    return pair(zh, [*_IT_BE[tense], "minus" if below else "", num_en, t_en], {"everyday", "topic_weather"})


def build_temperature(time: str, high: bool, degree: str = "很") -> Pair:
    """今天温度很高 → "the temperature is very high today"."""
    t_en, tense = WEATHER_TIMES[time]
    verb = {"present": "is", "future": "will be", "past": "was"}[tense]
    return pair([time, "温度", degree, "高" if high else "低"],
                 ["the temperature", verb, WEATHER_DEGREES[degree], "high" if high else "low", t_en],
                 {"everyday", "topic_weather"})


def build_season(season: str, kind: str, word: str) -> Pair:
    """冬天很冷 → "winter is very cold"; 冬天常常下雪 → "it often snows in winter"."""
    if kind == "adj":
        return pair([season, "很", word], [SEASONS[season], "is very", WEATHER_ADJS[word]],
                     {"everyday", "topic_weather"})
    base = EVENTS[word][0]
    return pair([season, "常常", word], ["it often", base + "s", "in", SEASONS[season]], {"everyday", "topic_weather"})


def in_city(p: Pair, city: str) -> Pair:
    """北京 + 今天下雨了 → "… in Beijing today": the city goes before the time word, or at the end."""
    words = p.en.split()
    at = next((i for i, w in enumerate(words) if w in ("today", "tomorrow", "yesterday", "?")), len(words))
    return Pair(city + p.zh, " ".join(words[:at] + ["in", CITIES[city]] + words[at:]), p.tags)


def family_weather(rng: random.Random) -> Pair | None:
    p = _weather(rng)
    if p is not None and rng.random() < 0.6 and not p.zh.startswith(("外面", "春", "夏", "秋", "冬")):
        return in_city(p, rng.choice(list(CITIES)))
    return p


def _event(rng: random.Random, time: str) -> Pair:
    event = rng.choice(list(EVENTS))
    form = rng.choice(("now", "prog", "past", "neg_past", "will", "will_not", "will_q", "soon", "about"))
    if form in ("past", "neg_past"):
        time = "昨天"
    elif form.startswith("will"):
        time = "明天"
    return build_event(event, form, time, rng.random() < 0.5)


def _weather_adj(rng: random.Random, time: str) -> Pair:
    adj = rng.choice(list(WEATHER_ADJS))
    return build_weather_adj(time, rng.choice(list(WEATHER_DEGREES)), adj, rng.random() < 0.15)


def _season(rng: random.Random, time: str) -> Pair:
    season = rng.choice(list(SEASONS))
    if rng.random() < 0.5:
        return build_season(season, "adj", rng.choice(list(WEATHER_ADJS)))
    return build_season(season, "event", rng.choice(list(EVENTS)))


_WEATHER = Choice(
    (0.35, _event),
    (0.15, lambda rng, time: build_sky(time, rng.choice(list(SKIES)))),
    (0.25, _weather_adj),
    (0.10, lambda rng, time: build_degrees(time, rng.randint(1, 10), rng.random() < 0.4)),
    (0.07, lambda rng, time: build_temperature(time, rng.random() < 0.5, rng.choice(("很", "不太", "有点儿")))),
    (0.08, _season),
)


def _weather(rng: random.Random) -> Pair | None:
    branch = _WEATHER(rng)
    return branch(rng, rng.choice(list(WEATHER_TIMES)))


# ------------------------------------------------------------------------------------------ directions

SPOTS = {"上": "on", "里": "in", "下": "under", "旁边": "next to", "前边": "in front of", "前面": "in front of",
         "后边": "behind", "后面": "behind", "左边": "to the left of", "右边": "to the right of",
         "对面": "across from"}
COMPASS = {"东边": "east of", "西边": "west of", "南边": "south of", "北边": "north of"}
_SMALL = ("书", "手机", "钥匙", "杯子", "包", "笔", "猫", "狗", "球", "词典", "伞")
_FURNITURE = ("桌子", "椅子", "床", "箱子")
BUILDINGS = {"银行": "the bank", "超市": "the supermarket", "学校": "the school", "医院": "the hospital",
             "公园": "the park", "图书馆": "the library", "饭店": "the restaurant", "商店": "the shop",
             "火车站": "the station", "地铁站": "the subway station", "公司": "the company", "电影院": "the cinema"}


def build_where(thing: NP, spot: str, ground: NP, neg: bool = False, q: bool = False) -> Pair:
    """书在桌子上 → "the book is on the table"; 银行在超市旁边 → "the bank is next to the supermarket"."""
    rel = SPOTS.get(spot) or COMPASS[spot]
    zh = [thing.zh, "不在" if neg else "在", ground.zh, spot, "吗" if q else ""]
    verb = be(thing)
    en = [verb, thing.en, rel, ground.obj, "?"] if q else [thing.en, verb, "not" if neg else "", rel, ground.obj]
    return pair(zh, en, {"everyday", "topic_directions", "location", *(["negation"] if neg else []),
                          *(["question"] if q else [])})


def _building(zh: str) -> NP:
    return NP(zh, BUILDINGS[zh], BUILDINGS[zh], 3, False, "n", "place")


HERE = {"这儿": "here", "我家": "my home", "你家": "your home", "学校": "the school", "公司": "the company"}


def build_distance(a: NP, b: str, far: bool, degree: str = "很", q: bool = False) -> Pair:
    """学校离我家很近 → "the school is very close to my home"; 医院离这儿远吗 → "is the hospital far from here ?"."""
    adj, prep = ("far", "from") if far else ("close", "to")
    b_en = HERE.get(b) or BUILDINGS[b]
    if q:
        return pair([a.zh, "离", b, "远" if far else "近", "吗"], ["is", a.en, adj, prep, b_en, "?"],
                     {"everyday", "topic_directions", "question"})
    deg = {"很": ["very"], "不": ["not"], "不太": ["not very"], "非常": ["very"], "有点儿": ["a little"]}[degree]
    return pair([a.zh, "离", b, degree, "远" if far else "近"], [a.en, "is", *deg, adj, prep, b_en],
                 {"everyday", "topic_directions"})


WAYS = {"前": "go straight ahead", "左": "go left", "右": "go right", "后": "go back"}


def build_go_way(way: str, lead: str = "", at_corner: bool = False, nth: int = 0) -> Pair:
    """往前走 → "go straight ahead"; 请一直往前走 → "please go straight ahead";
    到路口往右走 → "go right at the intersection"; 在第二个路口往左走 → "… at the second intersection"."""
    corner = f"在第{NUM_ZH[nth] if nth != 2 else '二'}个路口" if nth else "到路口" if at_corner else ""
    zh = [lead, corner, "一直" if way == "前" and not corner and lead != "请" else "", "往", way, "走"]
    where = f"at the {ORDINALS[nth]} intersection" if nth else "at the intersection" if at_corner else ""
    en = ["please" if lead == "请" else "", WAYS[way], where, "from here" if lead == "从这儿" else ""]
    return pair(zh, en, {"everyday", "topic_directions", "imperative"})


def build_on_side(thing: NP, side: str) -> Pair:
    """银行在左边 → "the bank is on the left"."""
    en = {"左边": "on the left", "右边": "on the right", "前边": "ahead", "楼上": "upstairs", "楼下": "downstairs"}
    return pair([thing.zh, "在", side], [thing.en, be(thing), en[side]], {"everyday", "topic_directions"})


ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
            8: "eighth", 9: "ninth", 10: "tenth"}


def build_floor(owner: str, n: int) -> Pair:
    """我家在三楼 → "my home is on the third floor"."""
    zh = [owner, "家在", "二" if n == 2 else NUM_ZH[n], "楼"]
    return pair(zh, [HERE[owner + "家"], "is on the", ORDINALS[n], "floor"], {"everyday", "topic_directions"})


def family_directions(rng: random.Random) -> Pair | None:
    r = rng.random()
    neg, q = rng.random() < 0.15, rng.random() < 0.2
    if r < 0.35:
        thing = def_np(rng.choice(_SMALL))
        spot = rng.choice(list(SPOTS))
        return build_where(thing, spot, def_np(rng.choice(_FURNITURE)), neg, q and not neg)
    if r < 0.6:
        a, b = rng.sample(list(BUILDINGS), 2)
        spot = rng.choice([s for s in SPOTS if s not in ("上", "里", "下")] + list(COMPASS))
        subj = _building(a) if rng.random() < 0.8 else sample_person(rng)
        return build_where(subj, spot, _building(b), neg, q and not neg)
    if r < 0.8:
        a = rng.choice(list(BUILDINGS))
        b = rng.choice([h for h in HERE if h != a])
        return build_distance(_building(a), b, rng.random() < 0.5, rng.choice(("很", "很", "不", "不太", "有点儿")),
                              rng.random() < 0.2)
    if r < 0.9:
        nth = rng.randint(1, 5) if rng.random() < 0.6 else 0
        return build_go_way(rng.choice(list(WAYS)), rng.choice(("", "", "请", "从这儿")), rng.random() < 0.3, nth)
    if r < 0.96:
        who = sample_person(rng) if rng.random() < 0.4 else _building(rng.choice(list(BUILDINGS)))
        return build_on_side(who, rng.choice(("左边", "右边", "前边", "楼上", "楼下")))
    return build_floor(rng.choice(("我", "你")), rng.randint(1, 10))


# ---------------------------------------------------------------------------------------------- health

PARTS = {"头": "head", "眼睛": "eyes", "腿": "leg", "脚": "foot", "手": "hand", "嘴": "mouth"}


POSSESSIVE = {"我": "my", "你": "your", "他": "his", "她": "her", "我们": "our", "你们": "your", "他们": "their"}


def build_hurts(subj: NP, part: str, degree: str = "") -> Pair:
    """我头疼 → "I have a headache"; 他腿很疼 → "his leg hurts a lot"; 有点儿疼 → "hurts a little".

    Anyone can have a headache; other body parts only after a pronoun (English: my/his …).
    """
    if part == "头" and not degree:
        return pair([subj.zh, "头疼"], [subj.en, "has" if subj.third_singular else "have", "a headache"],
                     {"everyday", "topic_health"})
    noun = PARTS[part]
    adv = {"": "", "很": "a lot", "有点儿": "a little", "非常": "a lot"}[degree]
    return pair([subj.zh, part, degree, "疼"], [POSSESSIVE[subj.zh], noun, "hurt" if noun == "eyes" else "hurts", adv],
                 {"everyday", "topic_health"})


STATES = {"生病了": "is sick", "病了": "is sick", "发烧了": "has a fever", "感冒了": "has a cold",
          "不舒服": "does not feel well", "有点儿不舒服": "does not feel very well",
          "身体很好": "is very healthy", "身体不太好": "is not very healthy"}


def build_state(subj: NP, state: str) -> Pair:
    """我发烧了 → "I have a fever"; 他不舒服 → "he does not feel well"."""
    verb, *rest = STATES[state].split()
    if not subj.third_singular:
        verb = {"is": be(subj), "has": "have", "does": "do"}[verb]
    return pair([subj.zh, state], [subj.en, verb, *rest], {"everyday", "topic_health"})


ADVICE = {"多喝水": "drink more water", "多休息": "rest more", "去医院": "go to the hospital",
          "去看病": "go and see a doctor", "吃药": "take medicine", "早点儿睡觉": "go to bed early"}


def build_advice(subj: NP, advice: str, neg: bool = False) -> Pair:
    """你应该多喝水 → "you should drink more water"."""
    return pair([subj.zh, "不应该" if neg else "应该", advice],
                 [subj.en, "should not" if neg else "should", ADVICE[advice]], {"everyday", "topic_health", "modal"})


def _hurts(rng: random.Random, subj: NP) -> Pair:
    part = rng.choice(list(PARTS))
    if subj.zh not in POSSESSIVE:
        part = "头"
    return build_hurts(subj, part, rng.choice(("", "很", "有点儿", "非常")) if subj.zh in POSSESSIVE else "")


_HEALTH = Choice(
    (0.35, _hurts),
    (0.35, lambda rng, subj: build_state(subj, rng.choice(list(STATES)))),
    (0.30, lambda rng, subj: build_advice(subj, rng.choice(list(ADVICE)), False)),
)


def family_health(rng: random.Random) -> Pair | None:
    subj = sample_person(rng)
    return _HEALTH(rng)(rng, subj)


FAMILIES = {
    "weather": (family_weather, 1800),
    "directions": (family_directions, 3000),
    "health": (family_health, 1000),
}

_I, _HE = pron_np("我"), pron_np("他")
EXAMPLES = {
    "weather": [
        build_event("下雨", "soon"),  # it is going to rain
        build_event("下雨", "now"),
        build_weather_adj("今天", "有点儿", "冷"),
        build_sky("今天", "晴天"),
        build_event("下雪", "will_q", "明天"),
    ],
    "directions": [
        build_where(def_np("书"), "上", def_np("桌子")),  # the book is on the table
        build_where(_building("银行"), "旁边", _building("超市")),
        build_distance(_building("学校"), "我家", False),
        build_go_way("前"),
        build_go_way("右", at_corner=True),
    ],
    "health": [
        build_hurts(_I, "头"),  # I have a headache
        build_state(_I, "发烧了"),
        build_state(_HE, "生病了"),
        build_advice(pron_np("你"), "多休息"),
    ],
}
