"""Degree words, 一点儿 and 看看/一下 rules give the textbook translation; samplers are seeded."""

import pytest
from everyday_checks import check_sampler

from tutorial_model.corpus.everyday import degree as dg
from tutorial_model.corpus.grammar import dem_np, pron_np

I, HE, WE = pron_np("我"), pron_np("他"), pron_np("我们")


@pytest.mark.parametrize("pair, zh, en", [
    (dg.build_degree(I, "有点儿", "累", "tired"), "我有点儿累", "I am a little tired"),
    (dg.build_degree(dem_np(True, "书"), "有一点儿", "贵", "expensive"), "这本书有一点儿贵",
     "this book is a little expensive"),
    (dg.build_degree(HE, "真", "高兴", "happy"), "他真高兴", "he is really happy"),
    (dg.build_degree(I, "挺", "忙", "busy"), "我挺忙的", "I am quite busy"),
    (dg.build_some(I, "想", "水"), "我想喝一点儿水", "I want to drink a little water"),
    (dg.build_some(HE, "会", "汉语"), "他会说一点儿汉语", "he can speak a little Chinese"),
    (dg.build_try("我", "看", "VV"), "我看看", "let me take a look"),
    (dg.build_try("我们", "休息", "一下"), "我们休息一下", "let us take a rest"),
    (dg.build_try("请", "等", "一下"), "请等一下", "please wait a moment"),
    (dg.build_try("你", "试", "VV", dem_np(True, "衬衫")), "你试试这件衬衫", "try on this shirt"),
    (dg.build_try("", "看", "一下", dem_np(False, "照片")), "看一下那张照片", "take a look at that photo"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


@pytest.mark.parametrize("name", list(dg.FAMILIES))
def test_samplers_deterministic_and_within_limits(name):
    check_sampler(dg.FAMILIES[name][0])
