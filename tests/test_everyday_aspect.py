"""Aspect rules (了 过 在/正在 要…了) give the textbook translation; samplers are seeded and fit the limits."""

import pytest
from everyday_checks import check_sampler

from tutorial_model.corpus.everyday import aspect
from tutorial_model.corpus.everyday.activities import ACTIVITIES, ACTIVITY
from tutorial_model.corpus.everyday.people import kin_np
from tutorial_model.corpus.grammar import pron_np

I, HE, WE, YOU = pron_np("我"), pron_np("他"), pron_np("我们"), pron_np("你")
CALL = next(a for a in ACTIVITIES if a.zh == "给{x}打|电话")


@pytest.mark.parametrize("pair, zh, en", [
    (aspect.build_le(I, ACTIVITY["吃饺子"], time="昨天"), "我昨天吃饺子了", "I ate dumplings yesterday"),
    (aspect.build_le(HE, ACTIVITY["上班"], neg=True), "他没有上班", "he did not go to work"),
    (aspect.build_le(YOU, ACTIVITY["吃药"], q=True), "你吃药了吗", "did you take medicine ?"),
    (aspect.build_le(I, CALL, kin_np("我", "妈妈", False)), "我给我妈妈打电话了", "I called my mother"),
    (aspect.build_guo(I, ACTIVITY["吃饺子"]), "我吃过饺子", "I have eaten dumplings"),
    (aspect.build_guo(HE, ACTIVITY["游泳"], neg=True, before=True), "他以前没游过泳",
     "he has never swum before"),
    (aspect.build_guo(YOU, ACTIVITY["坐飞机"], q=True), "你坐过飞机吗", "have you ever taken the plane ?"),
    (aspect.build_been_to(I, "动物园"), "我去过动物园", "I have been to the zoo"),
    (aspect.build_progressive(HE, ACTIVITY["看书"], form="正在"), "他正在看书", "he is reading"),
    (aspect.build_progressive(I, ACTIVITY["看电视"], form="在…呢"), "我在看电视呢", "I am watching TV"),
    (aspect.build_progressive(WE, ACTIVITY["吃饭"], neg=True), "我们没在吃饭", "we are not eating"),
    (aspect.build_progressive(HE, ACTIVITY["睡觉"], q=True, form="在"), "他在睡觉吗", "is he sleeping ?"),
    (aspect.build_soon(WE, ACTIVITY["上课"], form="要"), "我们要上课了", "we are going to have class"),
    (aspect.build_soon(I, ACTIVITY["考试"], form="快要"), "我快要考试了", "I am about to take an exam"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


def test_guo_marks_separable_verbs_inside():
    # 过 goes between the verb and its object: 游过泳, not 游泳过
    assert aspect.build_guo(I, ACTIVITY["唱歌"]).zh == "我唱过歌"
    assert aspect.build_guo(I, ACTIVITY["学汉语"]).zh == "我学过汉语"


@pytest.mark.parametrize("name", list(aspect.FAMILIES))
def test_samplers_deterministic_and_within_limits(name):
    check_sampler(aspect.FAMILIES[name][0])
