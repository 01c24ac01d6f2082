"""The connectives / adverbs / life / situations topics: hand-checked translations, determinism, limits."""

from __future__ import annotations

import random

import pytest

from tutorial_model.corpus import MAX_EN_TOKENS, MAX_ZH_CHARS
from tutorial_model.corpus.everyday import adverbs, connectives, life, situations
from tutorial_model.corpus.everyday.templates import PEOPLE, render

MODULES = (connectives, adverbs, life, situations)
P = {p.zh: p for p in PEOPLE}


def _r(mod, pattern, subj="我", obj=None, comma=True, **slots):
    """Render the template ``pattern`` of ``mod`` with slot values given by their Chinese."""
    # several tables share the pattern "{X}": take the one that holds the values
    t = next(t for t in mod.TEMPLATES if t.zh == pattern
             and all(any(v[0] == zh for v in t.slots[n]) for n, zh in slots.items()))
    picks = {name: next(v for v in t.slots[name] if v[0] == zh) for name, zh in slots.items()}
    p = render(t, P[subj], P[obj] if obj else None, picks, comma=comma)
    return p.zh, p.en


@pytest.mark.parametrize("got, want", [
    # connectives
    (_r(connectives, "{X}很{G}，{B}太{A}了", X="这个手机", G="好", B="但是", A="贵"),
     ("这个手机很好，但是太贵了", "this phone is very good , but it is too expensive")),
    (_r(connectives, "因为{W}，所以{S}没去{L}", W="下雨了", L="公园"),
     ("因为下雨了，所以我没去公园", "because it rained , I did not go to the park")),
    (_r(connectives, "如果明天下雨，{S}就不去{L}了", subj="他", comma=False, L="北京"),
     ("如果明天下雨他就不去北京了", "if it rains tomorrow , he will not go to Beijing")),
    (_r(connectives, "如果{S}有时间，{S}就去{L}", subj="小明", L="书店"),
     ("如果小明有时间，小明就去书店", "if Xiaoming has time , he will go to the bookstore")),
    (_r(connectives, "虽然{Y}很难，但是{S}很喜欢学", subj="她", Y="汉语"),
     ("虽然汉语很难，但是她很喜欢学", "although Chinese is difficult , she likes learning it very much")),
    (_r(connectives, "{S}想喝{D}还是{E}", subj="你", D="茶", E="牛奶"),
     ("你想喝茶还是牛奶", "do you want to drink tea or milk ?")),
    (_r(connectives, "{S}先{U}，然后{V}", subj="他", U="吃饭", V="看书"),
     ("他先吃饭，然后看书", "he eats first , then reads")),
    # adverbs
    (_r(adverbs, "{S}已经{D}了", D="吃饭"), ("我已经吃饭了", "I have already eaten")),
    (_r(adverbs, "{S}已经{D}了", subj="她", D="做完作业"),
     ("她已经做完作业了", "she has already finished her homework")),
    (_r(adverbs, "{S}刚到{C}", subj="他", C="北京"), ("他刚到北京", "he has just arrived in Beijing")),
    (_r(adverbs, "{S}又去{L}了", subj="她", L="图书馆"), ("她又去图书馆了", "she went to the library again")),
    (_r(adverbs, "{S}一直在等{O}", subj="我", obj="他"), ("我一直在等他", "I have been waiting for him")),
    (_r(adverbs, "{S}经常去{L}", subj="玛丽", L="超市"), ("玛丽经常去超市", "Mary often goes to the supermarket")),
    (_r(adverbs, "天气越来越{W}了", W="热"), ("天气越来越热了", "the weather is getting hotter and hotter")),
    # life
    (_r(life, "{S}家有{N}口人", N="四"), ("我家有四口人", "there are four people in my family")),
    (_r(life, "{S}的{X}坏了", X="手机"), ("我的手机坏了", "my phone is broken")),
    (_r(life, "{S}忘了{F}", subj="他", F="带护照"), ("他忘了带护照", "he forgot to bring his passport")),
    (_r(life, "{S}买了{X}", X="两张机票"), ("我买了两张机票", "I bought two plane tickets")),
    (_r(life, "{S}买了{X}", subj="她", X="一张门票"), ("她买了一张门票", "she bought an entrance ticket")),
    (_r(life, "{X}", X="这件衬衫三十块钱"), ("这件衬衫三十块钱", "this shirt is thirty yuan")),
    (_r(life, "{X}", X="这双鞋太小了"), ("这双鞋太小了", "these shoes are too small")),
    (_r(life, "{S}住在{N}层", subj="小红", N="三"), ("小红住在三层", "Xiaohong lives on the third floor")),
    (_r(life, "请看第{N}页", N="十"), ("请看第十页", "please look at page ten")),
    (_r(life, "{S}{M}去了{C}", subj="他们", M="一月", C="上海"),
     ("他们一月去了上海", "they went to Shanghai in January")),
    (_r(life, "{S}等了{O}{M}", obj="你", M="半个小时"), ("我等了你半个小时", "I waited for you for half an hour")),
    (_r(life, "{S}的爱好是{H}", H="看书"), ("我的爱好是看书", "my hobby is reading")),
    # situations
    (_r(situations, "服务员，请给我{X}", X="菜单"), ("服务员，请给我菜单", "waiter , please give me the menu")),
    (_r(situations, "在{L}向{D}转", L="银行", D="左"), ("在银行向左转", "turn left at the bank")),
    (_r(situations, "{S}的{Y}说得很流利", subj="他", Y="汉语"), ("他的汉语说得很流利", "he speaks Chinese fluently")),
    (_r(situations, "{S}上{N}年级", subj="她", N="三"), ("她上三年级", "she is in third grade")),
    (_r(situations, "{S}穿这双鞋很合适", subj="小明"), ("小明穿这双鞋很合适", "these shoes fit him well")),
    (_r(situations, "{S}听见了{O}的声音", subj="我们", obj="她"), ("我们听见了她的声音", "we heard her voice")),
])
def test_hand_checked_translations(got, want):
    assert got == want


def _draws(seed: int) -> list[tuple[str, str]]:
    out = []
    for mod in MODULES:
        rng = random.Random(seed)
        for sampler, _ in mod.FAMILIES.values():
            for _ in range(20):
                p = sampler(rng)
                out.append((p.zh, p.en))
    return out


def test_samplers_are_deterministic_per_seed():
    assert _draws(3) == _draws(3)
    assert _draws(3) != _draws(4)


def test_sentences_within_limits_and_well_formed():
    for zh, en in _draws(0) + _draws(1):
        assert len(zh) <= MAX_ZH_CHARS, zh
        assert len(en.split()) <= MAX_EN_TOKENS, en
        assert "{" not in zh + en and "}" not in zh + en, (zh, en)  # every slot filled
        assert " " not in zh and zh[-1] not in "。！？", zh
        assert en == en.strip() and "  " not in en and "." not in en and "'" not in en, en
        assert en.split()[0] in ("I", "Xiaoming", "Xiaohong", "David", "Mary", "Mr", "Miss", "Anna", "Mark") \
            or en[0].islower(), en


def test_the_other_person_is_never_the_subject():
    # 我一直在等我 / 你告诉了你 would be nonsense; 我 and 我们 together would be too.
    from tutorial_model.corpus.everyday.templates import sample

    t = next(t for t in adverbs.TEMPLATES if t.zh == "{S}一直在等{O}")
    rng = random.Random(0)
    for _ in range(300):
        subj, obj = sample(t, rng).zh.split("一直在等")
        assert subj != obj
        assert {subj, obj} != {"我", "我们"} and {subj, obj} != {"你", "你们"}


def test_examples_are_what_the_rules_make():
    from tutorial_model.corpus import generate_pairs

    by_zh = {p.zh: p.en for p in generate_pairs(0)}
    for mod in MODULES:
        for items in mod.EXAMPLES.values():
            for e in items:
                assert by_zh[e.zh] == e.en
