"""Clock time, days, dates, years and trips (tutorial_model.corpus.everyday.time_dates): hand-checked rules."""

import random
import re

import pytest
from everyday_checks import check_families

from tutorial_model.corpus.everyday import time_dates as m
from tutorial_model.corpus.everyday.lexicon import name_np
from tutorial_model.corpus.grammar import pron_np

I, YOU, HE = pron_np("我"), pron_np("你"), pron_np("他")


@pytest.mark.parametrize(("h", "form", "zh", "en"), [
    (7, "", "七点", "seven o'clock"), (2, "", "两点", "two o'clock"), (12, "钟", "十二点钟", "twelve o'clock"),
    (2, "半", "两点半", "half past two"), (7, "一刻", "七点一刻", "a quarter past seven"),
    (7, "三刻", "七点三刻", "a quarter to eight"), (12, "三刻", "十二点三刻", "a quarter to one"),
    (8, "差5", "差五分八点", "five to eight"), (8, "差15", "差一刻八点", "a quarter to eight"),
    (7, "20", "七点二十", "seven twenty"), (7, "20分", "七点二十分", "seven twenty"),
    (9, "05分", "九点零五分", "nine oh five"), (10, "45分", "十点四十五分", "ten forty five"),
])
def test_clock(h, form, zh, en):
    assert m.clock(h, form) == (zh, en)


@pytest.mark.parametrize(("y", "en"), [(1995, "nineteen ninety five"), (2000, "two thousand"),
                                       (2005, "two thousand and five"), (2026, "twenty twenty six"),
                                       (1908, "nineteen oh eight")])
def test_years(y, en):
    assert m.year_en(y) == en
    assert m.year_zh(y) == "".join("零一二三四五六七八九"[int(c)] for c in str(y)) + "年"


@pytest.mark.parametrize(("pair", "zh", "en"), [
    (m.build_ask_time("现在几点"), "现在几点", "what time is it now ?"),
    (m.build_time_now(2, "半"), "现在两点半", "it is half past two now"),
    (m.build_time_now(7, "", xian_zai=False), "七点了", "it is seven o'clock"),
    (m.build_routine(I, "起床", 7, day="每天", part="早上"), "我每天早上七点起床",
     "I get up at seven o'clock every morning"),
    (m.build_routine(HE, "上班", 8, "半"), "他八点半上班", "he goes to work at half past eight"),
    (m.build_routine(HE, "上班", 8, day="明天", q=True), "他明天八点上班吗",
     "will he go to work at eight o'clock tomorrow ?"),
    (m.build_routine(name_np("小红"), "睡觉", 22, day="昨天", part="晚上"), "小红昨天晚上十点睡觉了",
     "Xiaohong went to bed at ten o'clock yesterday evening"),
    (m.build_routine(I, "起床", 6, day="明天", neg=True), "我明天六点不起床",
     "I will not get up at six o'clock tomorrow"),
    (m.build_what_time(YOU, "起床", "每天"), "你每天几点起床", "what time do you get up every day ?"),
    (m.build_what_time(HE, "吃晚饭", "昨天", "晚上"), "他昨天晚上几点吃晚饭",
     "what time did he have dinner yesterday evening ?"),
    (m.build_early_late(HE, "睡觉", 23, "", True, "昨天", "晚上"), "他昨天晚上十一点才睡觉",
     "he did not go to bed until eleven o'clock yesterday evening"),
    (m.build_early_late(HE, "起床", 6, "", False), "他六点就起床了", "he got up as early as six o'clock"),
    (m.build_which_weekday("今天"), "今天星期几", "what day is it today ?"),
    (m.build_which_weekday("昨天"), "昨天星期几", "what day was it yesterday ?"),
    (m.build_weekday("今天", "星期一", shi=False), "今天星期一", "today is Monday"),
    (m.build_weekday("后天", "星期日"), "后天是星期日", "the day after tomorrow is Sunday"),
    (m.build_which_date("今天"), "今天几月几号", "what is the date today ?"),
    (m.build_date("今天", 5, 3), "今天是五月三号", "today is May third"),
    (m.build_date("明天", 10, 21, ri=True), "明天是十月二十一日", "tomorrow is October twenty first"),
    (m.build_birthday("你"), "你的生日是几月几号", "when is your birthday ?"),
    (m.build_birthday("我", 10, 1), "我的生日是十月一号", "my birthday is October first"),
    (m.build_birthday("她", 5), "她的生日在五月", "her birthday is in May"),
    (m.build_birthday_today("今天", "我"), "今天是我的生日", "today is my birthday"),
    (m.build_born(pron_np("她"), 2005), "她是二零零五年出生的", "she was born in two thousand and five"),
    (m.build_trip(I, "明年", "中国"), "我明年去中国", "I will go to China next year"),
    (m.build_trip(HE, "去年", "北京"), "他去年去了北京", "he went to Beijing last year"),
    (m.build_trip(HE, "上个月", "公园", neg=True), "他上个月没去公园", "he did not go to the park last month"),
    (m.build_trip(YOU, "明年", "北京", "来", q=True, front=True), "明年你来北京吗",
     "will you come to Beijing next year ?"),
    (m.build_trip(YOU, "去年", "美国", q=True), "你去年去美国了吗", "did you go to America last year ?"),
    (m.build_trip(HE, "下个星期六", "上海", "回"), "他下个星期六回上海", "he will go back to Shanghai next Saturday"),
    (m.build_when(YOU, "北京"), "你什么时候去北京", "when will you go to Beijing ?"),
    (m.build_where_go(YOU, "这个周末"), "你这个周末去哪儿", "where will you go this weekend ?"),
    (m.build_free(YOU, "明天", q=True), "你明天有时间吗", "do you have time tomorrow ?"),
    (m.build_free(I, "今天", neg=True), "我今天没有时间", "I do not have time today"),
    (m.build_free(HE, None), "他什么时候有时间", "when does he have time ?"),
    (m.build_how_long(YOU, "汉语"), "你学汉语多久了", "how long have you been learning Chinese ?"),
    (m.build_learned_for(I, "汉语", 2, "年"), "我学汉语两年了", "I have been learning Chinese for two years"),
    (m.build_learned_for(HE, "英语", 1, "个月"), "他学英语一个月了", "he has been learning English for one month"),
    (m.build_learned_for(HE, "数学", 0, "半年"), "他学数学半年了", "he has been learning math for half a year"),
    (m.build_meet("明天", "门口"), "我们明天在门口见面", "we will meet at the door tomorrow"),
    (m.build_meet("晚上", "公园", (7, ""), ba=True), "我们晚上七点在公园见面吧",
     "let us meet in the park at seven o'clock this evening"),
    (m.build_trip(I, "前年", "日本"), "我前年去了日本", "I went to Japan the year before last"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


def test_dates_exist():
    """Every month/day the sampler can draw is a real date (no 二月三十号)."""
    for mo in range(1, 13):
        assert 28 <= m.MONTH_DAYS[mo] <= 31
    assert m.MONTH_DAYS[2] == 28 and m.MONTH_DAYS[4] == 30 and m.MONTH_DAYS[12] == 31


def test_routine_times_fit_the_part_of_day():
    """早上七点, 晚上十点: the hour read back from the Chinese lies in the part of the day (no 晚上七点起床)."""
    hour_of = {"一": 1, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
               "十一": 11, "十二": 12}
    rng, checked = random.Random(0), 0
    for _ in range(3000):
        p = m.family_routine(rng)
        found = p and re.search(r"(早上|上午|中午|下午|晚上)([一两三四五六七八九十]+)点", p.zh)
        if found:
            part, hour = found.group(1), hour_of[found.group(2)]
            assert hour in m.PARTS[part][2] or hour + 12 in m.PARTS[part][2], p
            checked += 1
    assert checked > 300


def test_samplers_deterministic_and_within_limits():
    check_families(m.FAMILIES, 13)
