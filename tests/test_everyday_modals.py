"""Modal rules (会 能 可以 想 要 应该 必须 不用 别) give the textbook translation; samplers are seeded."""

import pytest
from everyday_checks import check_sampler

from tutorial_model.corpus.everyday import modals
from tutorial_model.corpus.everyday.activities import ACTIVITIES, ACTIVITY
from tutorial_model.corpus.grammar import pron_np

I, HE, WE, YOU = pron_np("我"), pron_np("他"), pron_np("我们"), pron_np("你")
HELP = next(a for a in ACTIVITIES if a.zh == "帮助|{x}")


@pytest.mark.parametrize("pair, zh, en", [
    (modals.build_modal(I, "会", ACTIVITY["说汉语"]), "我会说汉语", "I can speak Chinese"),
    (modals.build_modal(HE, "会", ACTIVITY["游泳"], neg=True), "他不会游泳", "he cannot swim"),
    (modals.build_modal(YOU, "会", ACTIVITY["开车"], anota=True), "你会不会开车", "can you drive a car ?"),
    (modals.build_modal(HE, "会", ACTIVITY["上班"], time="明天"), "他明天会上班", "he will go to work tomorrow"),
    (modals.build_modal(YOU, "能", HELP, I, q=True), "你能帮助我吗", "can you help me ?"),
    (modals.build_modal(I, "可以", ACTIVITY["看电视"], q=True), "我可以看电视吗", "may I watch TV ?"),
    (modals.build_modal(HE, "可以", ACTIVITY["看电视"], q=True), "他可以看电视吗", "can he watch TV ?"),
    (modals.build_modal(HE, "想", ACTIVITY["学汉语"]), "他想学汉语", "he wants to learn Chinese"),
    (modals.build_modal(HE, "要", ACTIVITY["学汉语"]), "他要学汉语", "he wants to learn Chinese"),
    (modals.build_modal(I, "想", ACTIVITY["喝酒"], neg=True), "我不想喝酒", "I do not want to drink wine"),
    (modals.build_modal(YOU, "想", ACTIVITY["喝水"], anota=True), "你想不想喝水", "do you want to drink water ?"),
    (modals.build_modal(HE, "喜欢", ACTIVITY["唱歌"]), "他喜欢唱歌", "he likes to sing"),
    (modals.build_modal(YOU, "应该", ACTIVITY["吃药"]), "你应该吃药", "you should take medicine"),
    (modals.build_modal(WE, "应该", ACTIVITY["喝酒"], neg=True), "我们不应该喝酒", "we should not drink wine"),
    (modals.build_modal(YOU, "必须", ACTIVITY["休息"]), "你必须休息", "you must rest"),
    (modals.build_buyong(YOU, ACTIVITY["上班"]), "你不用上班", "you do not have to go to work"),
    (modals.build_dont(ACTIVITY["喝酒"], form="请不要"), "请不要喝酒", "please do not drink wine"),
    (modals.build_dont(ACTIVITY["睡觉"], form="别", you="你"), "你别睡觉", "do not sleep"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


def test_buyao_is_never_do_not_want():
    with pytest.raises(AssertionError):
        modals.build_modal(I, "要", ACTIVITY["喝水"], neg=True)


@pytest.mark.parametrize("name", list(modals.FAMILIES))
def test_samplers_deterministic_and_within_limits(name):
    check_sampler(modals.FAMILIES[name][0])
