"""Numbers, ages, counts, phone and room numbers (tutorial_model.corpus.everyday.numbers): hand-checked rules."""

import pytest
from everyday_checks import check_families

from tutorial_model.corpus.everyday import numbers as m
from tutorial_model.corpus.everyday.lexicon import NAMES, name_np
from tutorial_model.corpus.grammar import pron_np


@pytest.mark.parametrize(("n", "zh", "counted", "en"), [
    (0, "零", "零", "zero"), (2, "二", "两", "two"), (10, "十", "十", "ten"), (12, "十二", "十二", "twelve"),
    (20, "二十", "二十", "twenty"), (22, "二十二", "二十二", "twenty two"), (100, "一百", "一百", "one hundred"),
    (105, "一百零五", "一百零五", "one hundred and five"), (110, "一百一十", "一百一十", "one hundred and ten"),
    (200, "二百", "两百", "two hundred"), (230, "二百三十", "两百三十", "two hundred and thirty"),
    (999, "九百九十九", "九百九十九", "nine hundred and ninety nine"),
])
def test_number_words(n, zh, counted, en):
    assert m.num_zh(n) == zh
    assert m.num_zh(n, liang=True) == counted
    assert m.num_en(n) == en


def _parse_zh(s: str) -> int:
    """An independent reader of Chinese numerals 0–999 (value by position, not by the generator's rules)."""
    digit = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total, cur = total + cur * 100, 0
        elif ch == "十":
            total, cur = total + (cur or 1) * 10, 0
        else:
            cur = digit[ch]
    return total + cur


def test_every_number_reads_back():
    for n in range(1000):
        assert _parse_zh(m.num_zh(n)) == n
        assert _parse_zh(m.num_zh(n, liang=True)) == n
        assert "两" not in m.num_zh(n)
        if n >= 10:
            assert "两" not in m.num_zh(n, liang=True)[-1]  # 十二, 二十二: a final 2 is 二
        assert len(set(m.num_en(n).split()) - set(m.ONES_EN) - set(m.TENS_EN) - {"hundred", "and"}) == 0


@pytest.mark.parametrize(("n", "zh", "counted", "en"), [
    (1000, "一千", "一千", "one thousand"), (2200, "二千二百", "两千二百", "two thousand two hundred"),
    (3500, "三千五百", "三千五百", "three thousand five hundred"), (20000, "二万", "两万", "twenty thousand"),
])
def test_round_prices(n, zh, counted, en):
    assert (m.num_zh(n), m.num_zh(n, liang=True), m.num_en(n)) == (zh, counted, en)


@pytest.mark.parametrize("n", [-1, 1001, 1050, 10500, 100000])
def test_out_of_range(n):
    with pytest.raises(ValueError):
        m.num_zh(n)
    with pytest.raises(ValueError):
        m.num_en(n)


def test_ordinals():
    assert [m.ordinal_en(n) for n in (1, 2, 3, 12, 20, 21, 30, 31)] == [
        "first", "second", "third", "twelfth", "twentieth", "twenty first", "thirtieth", "thirty first"]


@pytest.mark.parametrize(("pair", "zh", "en"), [
    (m.build_number(325), "三百二十五", "three hundred and twenty five"),
    (m.build_sum(3, 4), "三加四等于七", "three plus four equals seven"),
    (m.build_sum(9, 2, minus=True), "九减二等于七", "nine minus two equals seven"),
    (m.build_have_count(pron_np("他"), 22, "书"), "他有二十二本书", "he has twenty two books"),
    (m.build_have_count(pron_np("我"), 2, "狗"), "我有两只狗", "I have two dogs"),
    (m.build_have_count(pron_np("我"), 1, "苹果"), "我有一个苹果", "I have an apple"),
    (m.build_how_many(pron_np("你"), "书"), "你有几本书", "how many books do you have ?"),
    (m.build_how_many(name_np("小明"), "苹果", duo_shao=True), "小明有多少苹果",
     "how many apples does Xiaoming have ?"),
    (m.build_age(pron_np("我"), 20), "我二十岁", "I am twenty years old"),
    (m.build_age(pron_np("她"), 2, this_year=True), "她今年两岁", "she is two years old this year"),
    (m.build_age(pron_np("他"), 1, le=True), "他一岁了", "he is one year old"),
    (m.build_age_question(pron_np("你"), "多大"), "你多大", "how old are you ?"),
    (m.build_age_question(pron_np("他"), "今年几岁"), "他今年几岁", "how old is he this year ?"),
    (m.build_phone_question("你"), "你的电话号码是多少", "what is your phone number ?"),
    (m.build_phone("我", "62753819"), "我的电话号码是六二七五三八一九",
     "my phone number is six two seven five three eight one nine"),
    (m.build_room(pron_np("我"), "305"), "我住在三零五号房间", "I live in room three zero five"),
    (m.build_room_question(pron_np("你")), "你住几号房间", "what room do you live in ?"),
    (m.build_floor(name_np("玛丽"), 5), "玛丽住在五楼", "Mary lives on the fifth floor"),
    (m.build_first_time(1, "北京", "Beijing"), "这是我第一次来北京", "this is my first time in Beijing"),
    (m.build_class_size(20, "男生"), "我们班有二十个男生", "there are twenty boys in our class"),
    (m.build_class_size(2, "女生", "他们"), "他们班有两个女生", "there are two girls in their class"),
    (m.build_class_size(None, "学生", "你们"), "你们班有多少个学生", "how many students are there in your class ?"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


def test_samplers_deterministic_and_within_limits():
    check_families(m.FAMILIES, 7, stripped=True, question_last=False)


def test_names_keep_their_capitals():
    assert {name_np(n.zh).en[0] for n in NAMES} <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
