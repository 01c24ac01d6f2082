"""Comparison (比 没有 跟…一样 最) and 是…的 rules give the textbook translation; samplers are seeded."""

import pytest
from everyday_checks import check_sampler

from tutorial_model.corpus.everyday import comparatives as c
from tutorial_model.corpus.everyday.people import kin_np
from tutorial_model.corpus.grammar import pron_np

I, HE, YOU = pron_np("我"), pron_np("他"), pron_np("你")


@pytest.mark.parametrize("pair, zh, en", [
    (c.build_bi(HE, I, c.PERSON_GRADE["高"]), "他比我高", "he is taller than me"),
    (c.build_bi(c._day("今天"), c._day("昨天"), c.GRADE["冷"]), "今天比昨天冷", "today is colder than yesterday"),
    (c.build_bi(c._day("明天"), c._day("今天"), c.GRADE["热"], "一点儿"), "明天比今天热一点儿",
     "tomorrow will be a little hotter than today"),
    (c.build_bi(c._dem(True, "书"), c._dem(False, "书"), c.GRADE["贵"], "得多"), "这本书比那本书贵得多",
     "this book is much more expensive than that book"),
    (c.build_bi(c._dem(True, "书"), c._dem(False, "书", False), c.GRADE["便宜"]), "这本书比那本便宜",
     "this book is cheaper than that one"),
    (c.build_bi(HE, I, c.PERSON_GRADE["大"], q=True), "他比我大吗", "is he older than me ?"),
    (c.build_bi(c._day("昨天"), c._day("今天"), c.GRADE["冷"], "更"), "昨天比今天更冷",
     "yesterday was even colder than today"),
    (c.build_not_as(I, HE, c.PERSON_GRADE["高"]), "我没有他高", "I am not as tall as him"),
    (c.build_not_as(c._day("明天"), c._day("今天"), c.GRADE["冷"]), "明天没有今天冷",
     "tomorrow will not be as cold as today"),
    (c.build_same(I, HE, c.PERSON_GRADE["高"]), "我跟他一样高", "I am as tall as him"),
    (c.build_most(HE, c.PERSON_GRADE["高"]), "他最高", "he is the tallest"),
    (c.build_bi_years(kin_np("我", "哥哥", False), I, True, 2), "我哥哥比我大两岁",
     "my brother is two years older than me"),
    (c.build_bi(c._doing("坐地铁"), c._doing("坐公共汽车"), c.GRADE["快"]), "坐地铁比坐公共汽车快",
     "taking the subway is faster than taking the bus"),
    (c.build_shi_de(I, "来", "坐飞机"), "我是坐飞机来的", "I came by plane"),
    (c.build_shi_de(HE, "来", when="昨天"), "他是昨天来的", "he came yesterday"),
    (c.build_shi_de(YOU, "来", "坐火车", q=True), "你是坐火车来的吗", "did you come by train ?"),
    (c.build_shi_de(I, "去", "走路", dest="学校", neg=True), "我不是走路去学校的", "I did not go to school on foot"),
    (c.build_shi_de(I, "来", origin="公园", comp=HE), "我是跟他一起从公园来的", "I came from the park with him"),
    (c.build_shi_de_wh(YOU, "怎么"), "你是怎么来的", "how did you come ?"),
    (c.build_shi_de_wh(HE, "什么时候", "去", "医院"), "他是什么时候去医院的", "when did he go to the hospital ?"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


@pytest.mark.parametrize("name", list(c.FAMILIES))
def test_samplers_deterministic_and_within_limits(name):
    check_sampler(c.FAMILIES[name][0])
