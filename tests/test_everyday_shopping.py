"""Prices and shopping (tutorial_model.corpus.everyday.shopping): hand-checked rules."""

import random

import pytest
from everyday_checks import check_families

from tutorial_model.corpus.everyday import shopping as m
from tutorial_model.corpus.everyday.numbers import count_np
from tutorial_model.corpus.grammar import dem_np, pron_np, quant_np

I = pron_np("我")


@pytest.mark.parametrize(("args", "zh", "en"), [
    ((25,), "二十五块", "twenty five yuan"), ((2,), "两块", "two yuan"), ((0, 2), "两毛", "two jiao"),
    ((3, 5), "三块五毛", "three yuan five jiao"), ((3, 5, True), "三元五角", "three yuan five jiao"),
    ((200, 0, False, True), "两百块钱", "two hundred yuan"), ((12,), "十二块", "twelve yuan"),
    ((3500,), "三千五百块", "three thousand five hundred yuan"), ((20000,), "两万块", "twenty thousand yuan"),
])
def test_price(args, zh, en):
    assert m.price(*args) == (zh, en)


@pytest.mark.parametrize(("pair", "zh", "en"), [
    (m.build_how_much(None), "多少钱", "how much is it ?"),
    (m.build_how_much(dem_np(True, "书")), "这本书多少钱", "how much is this book ?"),
    (m.build_how_much(dem_np(True, "苹果", plural=True)), "这些苹果多少钱", "how much are these apples ?"),
    (m.build_costs(dem_np(True, "书"), 25), "这本书二十五块", "this book is twenty five yuan"),
    (m.build_costs(quant_np(1, "咖啡"), 3, 5), "一杯咖啡三块五毛", "a cup of coffee is three yuan five jiao"),
    (m.build_costs(None, 5, qian=True), "五块钱", "it is five yuan"),
    (m.build_costs(dem_np(False, "车"), 20000), "那辆车两万块", "that car is twenty thousand yuan"),
    (m.build_per_jin("苹果", 5), "苹果一斤五块", "apples are five yuan a jin"),
    (m.build_per_jin("苹果", 0, ask=True), "苹果一斤多少钱", "how much is a jin of apples ?"),
    (m.build_total(None), "一共多少钱", "how much is it altogether ?"),
    (m.build_total(100), "一共一百块", "it is one hundred yuan altogether"),
    (m.build_bargain("太贵了", "便宜一点儿吧"), "太贵了，便宜一点儿吧",
     "it is too expensive , make it a little cheaper , please"),
    (m.build_bargain("能便宜一点儿吗"), "能便宜一点儿吗", "can you make it a little cheaper ?"),
    (m.build_want(I, quant_np(2, "茶")), "我要两杯茶", "I want two cups of tea"),
    (m.build_want(pron_np("他"), count_np(12, "苹果")), "他要十二个苹果", "he wants twelve apples"),
    (m.build_want(I, None), "我要这个", "I want this one"),
    (m.build_want(I, None, near=False, mw="件"), "我要那件", "I want that one"),
    (m.build_give_me(quant_np(1, "苹果")), "请给我一个苹果", "please give me an apple"),
    (m.build_give_me(quant_np(2, "水", container="瓶"), please=False), "给我两瓶水", "give me two bottles of water"),
    (m.build_try_on(None), "我可以试试吗", "can I try it on ?"),
    (m.build_try_on(dem_np(True, "衬衫")), "我可以试试这件衬衫吗", "can I try on this shirt ?"),
    (m.build_try_on(dem_np(True, "衬衫"), "想"), "我想试试这件衬衫", "I want to try on this shirt"),
    (m.build_try_on(None, "吧"), "你试试吧", "try it on"),
    (m.build_exchange(None, "件", "大一点儿的"), "能换一件大一点儿的吗", "can I change it for a bigger one ?"),
    (m.build_exchange(None, "条", "红色的", "想"), "我想换一条红色的", "I want to change it for a red one"),
    (m.build_exchange(dem_np(True, "衬衫"), "件", "大的", problem="小"), "这件衬衫太小了，能换一件大的吗",
     "this shirt is too small , can I change it for a bigger one ?"),
    (m.build_shop_talk("还要别的吗"), "还要别的吗", "do you want anything else ?"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


def test_samplers_deterministic_and_within_limits():
    check_families(m.FAMILIES, 17)


def test_money_counts_with_liang():
    """A price never says 二块 or 二毛 (money is counted: 两块), but 十二块 and 一百零二块 keep 二."""
    rng = random.Random(1)
    for _ in range(3000):
        p = m.family_price(rng)
        if p is not None:
            for bad in ("二块", "二毛", "二元", "二角"):
                i = p.zh.find(bad)
                assert i < 0 or p.zh[i - 1] in "十零", p
