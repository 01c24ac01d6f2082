"""Clock time, days of the week, dates, years, and when things happen.

Conventions::

    现在几点 / 现在两点半               what time is it now ? / it is half past two now
    七点 / 七点一刻 / 七点三刻           seven o'clock / a quarter past seven / a quarter to eight
    七点二十(分) / 差五分八点            seven twenty / five to eight
    我每天早上七点起床                  I get up at seven o'clock every morning
    他明天几点上班                      what time will he go to work tomorrow ?
    他昨天晚上十一点才睡觉              he did not go to bed until eleven o'clock yesterday evening
    今天星期几 / 今天星期一             what day is it today ? / today is Monday
    今天几月几号 / 今天五月三号         what is the date today ? / today is May third
    我明年去中国 / 他去年去了北京       I will go to China next year / he went to Beijing last year
    她是二零零五年出生的                she was born in two thousand and five

The time phrase stands before the verb in Chinese and after it in English, hours become o'clock, and
三刻 names the next hour in English (七点三刻 → a quarter to eight).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..grammar import NP, Maybe, Pair, be, do, pair, pron_np
from ..lexicon import DESTINATIONS, PLACE, PRONOUN
from ..sampling import Choice, tagged
from .lexicon import CITIES, COUNTRIES
from .numbers import DIGITS_ZH, ONES_EN, num_en, num_zh, ordinal_en
from .people import NAME_OR_PRONOUN, sample_person

# ============================================================================================= clock


def hour_zh(h: int) -> str:
    return "两" if h == 2 else num_zh(h)  # 两点, never 二点; 十二点


def _next(h: int) -> int:
    return 1 if h == 12 else h + 1


# minute form → (Chinese after the hour, English from the hour)
def clock(h: int, form: str) -> tuple[str, str]:
    """(Chinese, English) for a clock time. ``form``: "" (七点), "钟" (七点钟), "半", "一刻", "三刻",
    "差N" (差N分H点), or a number of minutes "20", "20分", "05分"."""
    hz, he = hour_zh(h), num_en(h)
    if form in ("", "钟"):
        return f"{hz}点{form}", f"{he} o'clock"
    if form == "半":
        return f"{hz}点半", f"half past {he}"
    if form == "一刻":
        return f"{hz}点一刻", f"a quarter past {he}"
    if form == "三刻":
        return f"{hz}点三刻", f"a quarter to {num_en(_next(h))}"
    if form.startswith("差"):
        m = int(form[1:])
        if m == 15:
            return f"差一刻{hz}点", f"a quarter to {he}"
        return f"差{num_zh(m)}分{hz}点", f"{num_en(m)} to {he}"
    fen = form.endswith("分")
    m = int(form.rstrip("分"))
    if m < 10:
        return f"{hz}点零{DIGITS_ZH[m]}分", f"{he} oh {ONES_EN[m]}"
    return f"{hz}点{num_zh(m)}{'分' if fen else ''}", f"{he} {num_en(m)}"


CLOCK_FORMS = ("", "", "钟", "半", "半", "一刻", "三刻", "差5", "差10", "差15", "05分", "10分", "20", "20分",
               "25分", "35分", "40", "40分", "45分", "50", "50分", "55分")


def build_time_now(h: int, form: str, xian_zai: bool = True, shi: bool = False) -> Pair:
    """现在两点半 → "it is half past two now"; 现在是七点 → "it is seven o'clock now"."""
    zh, en = clock(h, form)
    return pair(["现在" if xian_zai else "", "是" if shi else "", zh, "" if xian_zai else "了"],
                 ["it is", en, "now" if xian_zai else ""], {"time"})


def build_clock(h: int, form: str) -> Pair:
    """七点一刻 → "a quarter past seven" (a time on its own)."""
    zh, en = clock(h, form)
    return pair([zh], [en], {"time"})


ASK_TIME = {"现在几点": "what time is it now ?", "现在几点了": "what time is it now ?", "几点了": "what time is it ?"}


def build_ask_time(zh: str) -> Pair:
    """现在几点 → "what time is it now ?"."""
    return pair([zh], [ASK_TIME[zh]], {"time", "question", "wh_question"})


# ======================================================================================== routines


@dataclass(frozen=True)
class Routine:
    zh: str
    base: str
    s3: str
    past: str
    hours: tuple[int, ...]  # hours of the day (0–23) when it happens, to keep times plausible


# zh  base/3sg/past  first-last hour (24 h)
_ROUTINE_TABLE = """
起床 get_up/gets_up/got_up 5-9                   吃早饭 have_breakfast/has_breakfast/had_breakfast 6-9
吃午饭 have_lunch/has_lunch/had_lunch 11-13       吃晚饭 have_dinner/has_dinner/had_dinner 17-20
上课 have_class/has_class/had_class 8-15         上班 go_to_work/goes_to_work/went_to_work 7-10
下班 finish_work/finishes_work/finished_work 16-19 回家 go_home/goes_home/went_home 16-22
睡觉 go_to_bed/goes_to_bed/went_to_bed 21-23      看电视 watch_TV/watches_TV/watched_TV 19-22
出门 leave_home/leaves_home/left_home 7-9         吃早餐 have_breakfast/has_breakfast/had_breakfast 6-9
吃午餐 have_lunch/has_lunch/had_lunch 11-13       吃晚餐 have_dinner/has_dinner/had_dinner 17-20
         到学校 arrive_at_school/arrives_at_school/arrived_at_school 7-8
去学校 go_to_school/goes_to_school/went_to_school 7-8
"""
_rw = _ROUTINE_TABLE.split()
ROUTINES = []
for _i in range(0, len(_rw), 3):
    _b, _s, _p = (w.replace("_", " ") for w in _rw[_i + 1].split("/"))
    _lo, _hi = (int(x) for x in _rw[_i + 2].split("-"))
    ROUTINES.append(Routine(_rw[_i], _b, _s, _p, tuple(range(_lo, _hi + 1))))
ROUTINE = {r.zh: r for r in ROUTINES}

# Part of the day: zh → (English alone, English after every/tomorrow/yesterday, hours it covers)
PARTS = {"早上": ("in the morning", "morning", range(5, 10)), "上午": ("in the morning", "morning", range(8, 12)),
         "中午": ("at noon", "noon", range(11, 14)), "下午": ("in the afternoon", "afternoon", range(13, 19)),
         "晚上": ("in the evening", "evening", range(18, 24))}
DAYS = {"每天": ("every day", "every", "present"), "明天": ("tomorrow", "tomorrow", "future"),
        "昨天": ("yesterday", "yesterday", "past")}


def _day_part_en(day: str | None, part: str | None) -> str:
    if day is None:
        return PARTS[part][0] if part else ""
    if part is None:
        return DAYS[day][0]
    return f"{DAYS[day][1]} {PARTS[part][1]}"


def _hour12(h24: int) -> int:
    return h24 - 12 if h24 > 12 else h24


def build_routine(subj: NP, routine: str, h24: int, form: str = "", day: str | None = None,
                  part: str | None = None, neg: bool = False, q: bool = False) -> Pair:
    """我每天早上七点起床 → "I get up at seven o'clock every morning";
    他明天八点上班吗 → "will he go to work at eight o'clock tomorrow ?"."""
    r, tense = ROUTINE[routine], DAYS[day][2] if day else "present"
    t_zh, t_en = clock(_hour12(h24), form)
    past = tense == "past"
    neg_zh = ("没" if past else "不") if neg else ""
    zh = [subj.zh, day or "", part or "", t_zh, neg_zh, r.zh, "了" if past and not neg else "", "吗" if q else ""]
    tail = ["at", t_en, _day_part_en(day, part)]
    aux = {"present": do(subj), "past": "did", "future": "will"}[tense]
    if q:
        en = [aux, subj.en, r.base, *tail, "?"]
    elif neg:
        en = [subj.en, aux, "not", r.base, *tail]
    else:
        finite = {"present": r.s3 if subj.third_singular else r.base, "past": r.past, "future": "will " + r.base}
        en = [subj.en, finite[tense], *tail]
    return pair(zh, en, {"time", "moved_time"} | ({"question"} if q else set()) | ({"negation"} if neg else set()))


def build_what_time(subj: NP, routine: str, day: str | None = None, part: str | None = None) -> Pair:
    """你每天几点起床 → "what time do you get up every day ?"."""
    r, tense = ROUTINE[routine], DAYS[day][2] if day else "present"
    aux = {"present": do(subj), "past": "did", "future": "will"}[tense]
    zh = [subj.zh, day or "", part or "", "几点", r.zh]
    return pair(zh, ["what time", aux, subj.en, r.base, _day_part_en(day, part), "?"],
                 {"time", "question", "wh_question"})


def build_early_late(subj: NP, routine: str, h24: int, form: str, late: bool, day: str | None = None,
                     part: str | None = None) -> Pair:
    """他七点就起床了 → "he got up as early as seven o'clock"; 他十一点才睡觉 → "he did not go to bed until
    eleven o'clock" (就: earlier than expected; 才: later)."""
    r = ROUTINE[routine]
    t_zh, t_en = clock(_hour12(h24), form)
    zh = [subj.zh, day or "", part or "", t_zh, "才" if late else "就", r.zh, "" if late else "了"]
    tail = _day_part_en(day, part)
    if late:
        en = [subj.en, "did not", r.base, "until", t_en, tail]
    else:
        en = [subj.en, r.past, "as early as", t_en, tail]
    return pair(zh, en, {"time", "moved_time", "cai" if late else "jiu"})


# ========================================================================================= days, dates

WEEKDAYS = {"星期一": "Monday", "星期二": "Tuesday", "星期三": "Wednesday", "星期四": "Thursday",
            "星期五": "Friday", "星期六": "Saturday", "星期天": "Sunday", "星期日": "Sunday"}
MONTHS_EN = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
DAY_WORDS = {"今天": ("today", "is"), "明天": ("tomorrow", "is"), "昨天": ("yesterday", "was"),
             "后天": ("the day after tomorrow", "is"), "前天": ("the day before yesterday", "was")}


def month_zh(m: int) -> str:
    return num_zh(m) + "月"


def date_zh(m: int, d: int, ri: bool = False) -> str:
    return f"{month_zh(m)}{num_zh(d)}{'日' if ri else '号'}"


def date_en(m: int, d: int) -> str:
    return f"{MONTHS_EN[m]} {ordinal_en(d)}"


def build_weekday(day: str, weekday: str, shi: bool = True) -> Pair:
    """今天(是)星期一 → "today is Monday"; 昨天是星期天 → "yesterday was Sunday"."""
    en_day, be = DAY_WORDS[day]
    return pair([day, "是" if shi else "", weekday], [en_day, be, WEEKDAYS[weekday]], {"date"})


def build_which_weekday(day: str) -> Pair:
    """今天星期几 → "what day is it today ?"."""
    en_day, be = DAY_WORDS[day]
    return pair([day, "星期几"], ["what day", be, "it", en_day, "?"], {"date", "question", "wh_question"})


def build_date(day: str, m: int, d: int, shi: bool = True, ri: bool = False) -> Pair:
    """今天是五月三号 → "today is May third"."""
    en_day, be = DAY_WORDS[day]
    return pair([day, "是" if shi else "", date_zh(m, d, ri)], [en_day, be, date_en(m, d)], {"date"})


def build_which_date(day: str, month_too: bool = True) -> Pair:
    """今天几月几号 / 今天几号 → "what is the date today ?"."""
    en_day, be = DAY_WORDS[day]
    return pair([day, "几月几号" if month_too else "几号"], ["what", be, "the date", en_day, "?"],
                 {"date", "question", "wh_question"})


def build_birthday(owner: str, m: int | None = None, d: int | None = None) -> Pair:
    """我的生日是十月一号 → "my birthday is October first"; 你的生日是几月几号 → "when is your birthday ?";
    我的生日在五月 → "my birthday is in May" (d None)."""
    poss = PRONOUN[owner].poss
    if m is None:
        return pair([owner, "的生日是几月几号"], ["when is", poss, "birthday", "?"], {"date", "question"})
    if d is None:
        return pair([owner, "的生日在", month_zh(m)], [poss, "birthday is in", MONTHS_EN[m]], {"date"})
    return pair([owner, "的生日是", date_zh(m, d)], [poss, "birthday is", date_en(m, d)], {"date"})


def build_birthday_today(day: str, owner: str) -> Pair:
    """今天是我的生日 → "today is my birthday"."""
    en_day, be = DAY_WORDS[day]
    return pair([day, "是", owner, "的生日"], [en_day, be, PRONOUN[owner].poss, "birthday"], {"date"})


def year_zh(y: int) -> str:
    return "".join(DIGITS_ZH[int(c)] for c in str(y)) + "年"  # 二零二六年: read digit by digit


def year_en(y: int) -> str:
    """1995 → "nineteen ninety five", 2000 → "two thousand", 2005 → "two thousand and five",
    2026 → "twenty twenty six"."""
    hi, lo = divmod(y, 100)
    if hi == 20 and lo < 10:
        return "two thousand" + (f" and {num_en(lo)}" if lo else "")
    return f"{num_en(hi)} {num_en(lo)}" if lo >= 10 else f"{num_en(hi)} oh {num_en(lo)}"


def build_born(subj: NP, y: int) -> Pair:
    """她是二零零五年出生的 → "she was born in two thousand and five"."""
    return pair([subj.zh, "是", year_zh(y), "出生的"], [subj.en, be(subj, "past"), "born in", year_en(y)],
                 {"date", "shi_de"})


# ================================================================================== when it happens

# zh → (English, tense of a trip then)
WHEN = {"去年": ("last year", "past"), "今年": ("this year", "future"), "明年": ("next year", "future"),
        "上个月": ("last month", "past"), "这个月": ("this month", "future"), "下个月": ("next month", "future"),
        "上个星期": ("last week", "past"), "下个星期": ("next week", "future"),
        "这个周末": ("this weekend", "future"), "上个周末": ("last weekend", "past"),
        "前天": ("the day before yesterday", "past"), "后天": ("the day after tomorrow", "future"),
        "前年": ("the year before last", "past")}
for _wd, _en in list(WEEKDAYS.items())[:7]:
    WHEN["这个" + _wd] = ("this " + _en, "future")
    WHEN["上个" + _wd] = ("last " + _en, "past")
    WHEN["下个" + _wd] = ("next " + _en, "future")


def _destination(zh: str) -> tuple[str, str]:
    """(Chinese, English after "go"): 中国 → "to China", 公园 → "to the park"."""
    if zh in PLACE:
        return zh, PLACE[zh].to
    country = {c.zh: c.en for c in COUNTRIES}
    return zh, "to " + (country.get(zh) or CITIES[zh])


TRIP_VERBS = {"去": ("go", "goes", "went"), "来": ("come", "comes", "came"),
              "回": ("go back", "goes back", "went back")}


def build_trip(subj: NP, when: str, dest: str, verb: str = "去", neg: bool = False, q: bool = False,
               front: bool = False) -> Pair:
    """我明年去中国 → "I will go to China next year"; 他去年去了北京 → "he went to Beijing last year";
    明年你来北京吗 → "will you come to Beijing next year ?". The time word may stand before the subject."""
    en_when, tense = WHEN[when]
    base, _, past = TRIP_VERBS[verb]
    dest_zh, dest_en = _destination(dest)
    if verb in ("回", "来") and dest not in CITIES and dest not in {c.zh for c in COUNTRIES}:
        raise ValueError(f"{verb} goes to a country or a city here")
    le = tense == "past" and not neg and not q
    neg_zh = ("没" if tense == "past" else "不") if neg else ""
    q_zh = ("了吗" if tense == "past" else "吗") if q else ""
    zh = [when if front else "", subj.zh, "" if front else when, neg_zh, verb, "了" if le else "", dest_zh, q_zh]
    aux = "did" if tense == "past" else "will"
    tail = [dest_en, en_when]
    if q:
        en = [aux, subj.en, base, *tail, "?"]
    elif neg:
        en = [subj.en, aux, "not", base, *tail]
    else:
        en = [subj.en, past if tense == "past" else "will " + base, *tail]
    return pair(zh, en, {"moved_time", tense} | ({"question"} if q else set()) | ({"negation"} if neg else set()))


def build_when(subj: NP, dest: str | None, verb: str = "去") -> Pair:
    """你什么时候去北京 → "when will you go to Beijing ?"; 他什么时候来 → "when will he come ?"."""
    base = TRIP_VERBS[verb][0]
    dest_zh, dest_en = _destination(dest) if dest else ("", "")
    return pair([subj.zh, "什么时候", verb, dest_zh], ["when will", subj.en, base, dest_en, "?"],
                 {"question", "wh_question"})


def build_where_go(subj: NP, when: str) -> Pair:
    """你这个周末去哪儿 → "where will you go this weekend ?"; 你去年去了哪儿 → "where did you go last year ?"."""
    en_when, tense = WHEN[when]
    past = tense == "past"
    return pair([subj.zh, when, "去了哪儿" if past else "去哪儿"],
                 ["where", "did" if past else "will", subj.en, "go", en_when, "?"], {"question", "wh_question"})


FREE_WHEN = {"今天": "today", "明天": "tomorrow", "后天": "the day after tomorrow", "这个周末": "this weekend",
             "晚上": "this evening", "下午": "this afternoon"} | {w: "on " + e for w, e in list(WEEKDAYS.items())[:7]}


def build_free(subj: NP, when: str | None, neg: bool = False, q: bool = False) -> Pair:
    """你明天有时间吗 → "do you have time tomorrow ?"; 我今天没有时间 → "I do not have time today";
    你什么时候有时间 → "when do you have time ?" (when None)."""
    if when is None:
        return pair([subj.zh, "什么时候有时间"], ["when", do(subj), subj.en, "have time", "?"],
                     {"question", "wh_question"})
    zh = [subj.zh, when, "没有" if neg else "有", "时间", "吗" if q else ""]
    if q:
        en = [do(subj), subj.en, "have time", FREE_WHEN[when], "?"]
    elif neg:
        en = [subj.en, do(subj), "not have time", FREE_WHEN[when]]
    else:
        en = [subj.en, "has" if subj.third_singular else "have", "time", FREE_WHEN[when]]
    return pair(zh, en, {"moved_time"} | ({"question"} if q else set()) | ({"negation"} if neg else set()))


# ======================================================================================= how long

LEARNABLE = {"汉语": "Chinese", "中文": "Chinese", "英语": "English", "音乐": "music", "数学": "math"}


def duration(n: int, unit: str) -> tuple[str, str]:
    """(Chinese, English): 三年 → "three years", 两个月 → "two months", 半年 → "half a year"."""
    if unit == "半年":
        return "半年", "half a year"
    en_unit = {"年": "year", "个月": "month", "个星期": "week"}[unit]
    return num_zh(n, liang=True) + unit, f"{num_en(n)} {en_unit}{'s' if n > 1 else ''}"


def build_how_long(subj: NP, subject: str) -> Pair:
    """你学汉语多久了 → "how long have you been learning Chinese ?"."""
    has = "has" if subj.third_singular else "have"
    en = ["how long", has, subj.en, "been learning", LEARNABLE[subject], "?"]
    return pair([subj.zh, "学", subject, "多久了"], en, {"question", "wh_question", "duration"})


def build_learned_for(subj: NP, subject: str, n: int, unit: str) -> Pair:
    """我学汉语两年了 → "I have been learning Chinese for two years"."""
    has = "has" if subj.third_singular else "have"
    d_zh, d_en = duration(n, unit)
    en = [subj.en, has, "been learning", LEARNABLE[subject], "for", d_en]
    return pair([subj.zh, "学", subject, d_zh, "了"], en, {"duration", "number"})


MEET_PLACES = {"门口": "at the door", "学校门口": "at the school gate", **{p.zh: p.at for p in DESTINATIONS}}
MEET_WHEN = {"明天": "tomorrow", "后天": "the day after tomorrow", "晚上": "this evening", "下午": "this afternoon",
             "这个周末": "this weekend", "下个星期": "next week"}


def build_meet(when: str, place: str | None, clock_at: tuple[int, str] | None = None, ba: bool = False) -> Pair:
    """我们明天在门口见面 → "we will meet at the door tomorrow"; …见面吧 → "let us meet … "."""
    t_zh, t_en = clock(*clock_at) if clock_at else ("", "")
    zh = ["我们", when, t_zh, "在" + place if place else "", "见面", "吧" if ba else ""]
    tail = [MEET_PLACES[place] if place else "", "at " + t_en if t_en else "", MEET_WHEN[when]]
    return pair(zh, ["let us meet" if ba else "we will meet", *tail], {"moved_time", "future"})


# ========================================================================================== samplers


def family_clock(rng: random.Random) -> Maybe:
    h, form = rng.randint(1, 12), rng.choice(CLOCK_FORMS)
    return _CLOCK(rng)(rng, h, form)


_CLOCK = Choice(
    (0.08, lambda rng, h, form: build_ask_time(rng.choice(list(ASK_TIME)))),
    (0.57, lambda rng, h, form: build_time_now(h, form, xian_zai=rng.random() < 0.75, shi=rng.random() < 0.3)),
    (0.35, lambda rng, h, form: build_clock(h, form)),
)


def family_routine(rng: random.Random) -> Maybe:
    subj = sample_person(rng, NAME_OR_PRONOUN)
    r = ROUTINES[rng.randrange(len(ROUTINES))]
    day = rng.choice((None, None, "每天", "明天", "昨天"))
    h24 = rng.choice(r.hours)
    parts = [p for p, (_, _, hours) in PARTS.items() if h24 in hours]
    part = rng.choice(parts) if parts and rng.random() < 0.6 else None
    if part == "中午" and h24 not in (11, 12, 13):
        return None
    x = rng.random()
    if x < 0.2:
        return build_what_time(subj, r.zh, day, part)
    form = rng.choice(("", "", "", "半", "半", "一刻", "三刻", "20", "40", "10分"))
    if x < 0.4 and day in (None, "昨天"):
        return build_early_late(subj, r.zh, h24, form, rng.random() < 0.5, day, part)
    neg = day == "明天" and rng.random() < 0.3  # "will not get up at seven tomorrow"; not a habit negated
    q = not neg and rng.random() < 0.2
    return build_routine(subj, r.zh, h24, form, day, part, neg, q)


def family_calendar(rng: random.Random) -> Maybe:
    x = rng.random()
    day = rng.choice(list(DAY_WORDS))
    if x < 0.1:
        return build_which_weekday(rng.choice(("今天", "明天", "昨天")))
    if x < 0.35:
        return build_weekday(day, rng.choice(list(WEEKDAYS)), shi=rng.random() < 0.6)
    m = rng.randint(1, 12)
    d = rng.randint(1, MONTH_DAYS[m])
    if x < 0.45:
        return build_which_date(rng.choice(("今天", "明天", "昨天")), month_too=rng.random() < 0.6)
    if x < 0.7:
        return build_date(day, m, d, shi=rng.random() < 0.6, ri=rng.random() < 0.25)
    owner = rng.choice(("我", "你", "他", "她"))  # one birthday each
    if x < 0.75:
        return build_birthday(owner) if owner != "我" else None
    if x < 0.8:
        return build_birthday_today(rng.choice(("今天", "明天", "昨天")), owner)
    if x < 0.9:
        return build_birthday(owner, m, d if rng.random() < 0.7 else None)
    return build_born(sample_person(rng, NAME_OR_PRONOUN), rng.randint(1950, 2025))


def family_when(rng: random.Random) -> Maybe:
    subj = sample_person(rng, NAME_OR_PRONOUN)
    x = rng.random()
    dests = [c.zh for c in COUNTRIES] + list(CITIES) + [p.zh for p in DESTINATIONS]
    if x < 0.1:
        if subj.person == 1:
            return None
        verb = rng.choice(("去", "来"))
        places = dests if verb == "去" else [c.zh for c in COUNTRIES] + list(CITIES)
        return build_when(subj, rng.choice(places) if rng.random() < 0.7 else None, verb)
    if x < 0.2:
        return None if subj.person == 1 else build_where_go(subj, rng.choice(list(WHEN)))
    if x < 0.38:
        when = rng.choice([None, *FREE_WHEN])
        neg = when is not None and rng.random() < 0.3
        q = when is not None and not neg and rng.random() < 0.4
        return None if q and subj.person == 1 else build_free(subj, when, neg, q)
    verb = rng.choice(("去", "去", "来", "回"))
    places = [c.zh for c in COUNTRIES] + list(CITIES) if verb in ("回", "来") else dests
    neg = rng.random() < 0.2
    q = not neg and rng.random() < 0.2
    return build_trip(subj, rng.choice(list(WHEN)), rng.choice(places), verb, neg, q, front=rng.random() < 0.3)


def family_how_long_meet(rng: random.Random) -> Maybe:
    r = rng.random()
    if r < 0.5:
        subj = sample_person(rng, NAME_OR_PRONOUN)
        subject = rng.choice(list(LEARNABLE))
        if r < 0.15:
            return None if subj.person == 1 else build_how_long(subj, subject)
        unit = rng.choice(("年", "年", "个月", "个星期", "半年"))
        return build_learned_for(subj, subject, rng.randint(1, 10 if unit == "年" else 11), unit)
    clock_at = (rng.randint(1, 12), rng.choice(("", "半"))) if rng.random() < 0.4 else None
    place = rng.choice(list(MEET_PLACES)) if rng.random() < 0.7 else None
    return build_meet(rng.choice(list(MEET_WHEN)), place, clock_at, rng.random() < 0.4)


FAMILIES = {
    "clock": (tagged(family_clock, "time"), 900),
    "routine": (tagged(family_routine, "time"), 1700),
    "calendar": (tagged(family_calendar, "time"), 1300),
    "when": (tagged(family_when, "time"), 1600),
    "how_long_meet": (tagged(family_how_long_meet, "time"), 600),
}

_I, _HE = pron_np("我"), pron_np("他")
EXAMPLES: dict[str, list] = {
    "time": [
        build_ask_time("现在几点"), build_time_now(2, "半"), build_routine(_I, "起床", 7, day="每天", part="早上"),
        build_what_time(pron_np("你"), "起床", "每天"), build_early_late(_HE, "睡觉", 23, "", True, "昨天", "晚上"),
        build_which_weekday("今天"), build_weekday("今天", "星期一", shi=False), build_which_date("今天"),
        build_date("今天", 5, 3), build_birthday("你"), build_trip(_I, "明年", "中国"),
        build_trip(_HE, "去年", "北京"), build_free(pron_np("你"), "明天", q=True),
    ],
}
