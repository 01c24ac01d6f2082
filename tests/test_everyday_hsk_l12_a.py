"""The HSK 1–2 words of everyday/hsk_l12_a: hand-checked translations, form, one translation per sentence,
and every listed word used often enough in the training split."""

from __future__ import annotations

import re

import pytest
from everyday_checks import check_families

from tutorial_model.corpus import make_splits
from tutorial_model.corpus.everyday import hsk_l12_a as mod
from tutorial_model.corpus.everyday.templates import PEOPLE, render
from tutorial_model.coverage import hsk_lists

P = {p.zh: p for p in PEOPLE}
MIN_TRAIN = 12  # training sentences each listed word must occur in (the corpus brief's floor)
BUDGET = 9000  # distinct sentences this module may add
# capitalised English tokens the module may write: "I", and only names the everyday name table and the calendar
# already have (tests/test_corpus.py holds the whole corpus to the same list)
PROPER = {"I", "TV", "Xiaoming", "Xiaohong", "David", "Mary", "Mark", "Anna", "Mr", "Miss", "Teacher", "Li", "Wang",
          "Beijing", "Shanghai", "Nanjing", "Guangzhou", "China", "Chinese", "English", "French", "Spring", "Festival",
          "Saturday", "Sunday", "Friday", "May", "June", "September", "February"}
# a Chinese sentence is a question when it ends in 吗 or asks with a question word
QUESTION_ZH = re.compile(r"吗$|什么|哪儿|几点|怎么|(?<!懂得)怎样|谁|多少|有没有|为什么")  # 懂得怎样: "know how to"


def _r(pattern, subj="我", obj=None, comma=True, **slots):
    """Render the template ``pattern`` with slot values given by their Chinese."""
    t = next(t for t in mod.TEMPLATES if t.zh == pattern
             and all(any(v[0] == zh for v in t.slots[n]) for n, zh in slots.items()))
    picks = {name: next(v for v in t.slots[name] if v[0] == zh) for name, zh in slots.items()}
    p = render(t, P[subj], P[obj] if obj else None, picks, comma=comma)
    return p.zh, p.en


@pytest.mark.parametrize("got, want", [
    (_r("{S}的{X}在{Y}上边", X="手机", Y="桌子"), ("我的手机在桌子上边", "my phone is on the table")),
    (_r("{L}在{M}和{N}中间", subj="我", L="超市", M="图书馆", N="食堂"),
     ("超市在图书馆和食堂中间", "the supermarket is between the library and the canteen")),
    (_r("{S}身上没有钱", subj="小明"), ("小明身上没有钱", "Xiaoming has no money on him")),
    (_r("{S}一边{A}一边{B}", subj="他", A="吃饭", B="看电视"), ("他一边吃饭一边看电视", "he eats while watching TV")),
    (_r("{S}{V}了", subj="她", V="出去"), ("她出去了", "she went out")),
    (_r("{S}不想{V}", subj="他", V="出国"), ("他不想出国", "he does not want to go abroad")),
    (_r("{S}想{V}吗", subj="玛丽", V="进来"), ("玛丽想进来吗", "does Mary want to come in ?")),
    (_r("{S}已经{V}了", subj="小红", V="回国"), ("小红已经回国了", "Xiaohong has already gone back to her country")),
    (_r("{S}想出国{V}", V="学习"), ("我想出国学习", "I want to go abroad to study")),
    (_r("{S}和{O}一块儿去{L}", subj="他", obj="我", L="公园"), ("他和我一块儿去公园", "he goes to the park with me")),
    (_r("{S}{E}以后去{L}", subj="她", E="放学", L="图书馆"),
     ("她放学以后去图书馆", "she goes to the library after school")),
    (_r("大多数学生都喜欢{F}", F="中餐"), ("大多数学生都喜欢中餐", "most students like Chinese food")),
    (_r("只要{S}有时间，就去{L}", subj="他", L="公园"),
     ("只要他有时间，就去公园", "as long as he has time , he will go to the park")),
    (_r("{S}有{N}个朋友，其中两个是{J}", subj="她", comma=False, N="五", J="老师"),
     ("她有五个朋友其中两个是老师", "she has five friends , two of whom are teachers")),
    (_r("{S}不如{O}{A}", subj="我", obj="她", A="高"), ("我不如她高", "I am not as tall as her")),
    (_r("{S}是{D}人", subj="她", D="东北"), ("她是东北人", "she is from the northeast")),
    (_r("{S}从小就喜欢{H}", subj="他", H="唱歌"), ("他从小就喜欢唱歌", "he has liked singing since childhood")),
    (_r("{S}小时候住在{C}", subj="我", C="上海"), ("我小时候住在上海", "I lived in Shanghai as a child")),
    (_r("今天是我们学校成立{N}周年", N="二十"),
     ("今天是我们学校成立二十周年", "today is the twentieth anniversary of our school")),
    (_r("{E}{T}在{L}举行", E="比赛", T="明天", L="体育场"),
     ("比赛明天在体育场举行", "the game will be held at the stadium tomorrow")),
    (_r("{S}不小心把{X}弄坏了", subj="他", X="手机"), ("他不小心把手机弄坏了", "he broke his phone by accident")),
    (_r("{X}对身体有好处", X="运动"), ("运动对身体有好处", "exercise is good for your health")),
    (_r("{C}有{N}亿人", C="这个国家", N="两"), ("这个国家有两亿人", "this country has two hundred million people")),
    (_r("{L}离这儿{N}公里", L="体育场", N="三"), ("体育场离这儿三公里", "the stadium is three kilometers from here")),
    (_r("{S}喜欢什么样的{N}", subj="你", N="音乐"), ("你喜欢什么样的音乐", "what kind of music do you like ?")),
    (_r("{X}多么{A}啊", X="那个女孩儿", A="可爱"), ("那个女孩儿多么可爱啊", "how cute that girl is")),
    (_r("{S}在网上买了{X}", subj="玛丽", X="一双鞋"), ("玛丽在网上买了一双鞋", "Mary bought a pair of shoes online")),
    (_r("{S}的名字不在名单上", subj="他"), ("他的名字不在名单上", "his name is not on the list")),
    (_r("在{S}心中，{X}是最美的地方", subj="她", X="北京"),
     ("在她心中，北京是最美的地方", "in her heart , Beijing is the most beautiful place")),
])
def test_hand_checked_translations(got, want):
    assert got == want


@pytest.fixture(scope="module")
def splits():
    return make_splits(0)


def _draws(seeds=(0, 1, 2)) -> list:
    out = []
    for seed in seeds:
        out += check_families(mod.FAMILIES, seed, stripped=True)
    return out


def test_sentences_follow_the_conventions():
    for p in _draws():
        assert "{" not in p.zh + p.en and "}" not in p.zh + p.en, p  # every slot filled
        assert not re.search(r"[，。！？,.!?'\"-]", p.zh.replace("，", "")), p
        tokens = p.en.split()
        for tok in tokens:
            assert tok in (",", "?") or tok.isalpha(), p  # no punctuation inside words, no contractions
            assert tok in (",", "?") or tok.islower() or tok in PROPER, p
        assert ("?" in tokens) == (tokens[-1] == "?"), p
        assert (tokens[-1] == "?") == bool(QUESTION_ZH.search(p.zh)), p


def test_every_sentence_holds_a_listed_word():
    # so none of this module's sentences can be one another topic already translates
    for p in _draws():
        assert any(w in p.zh for w in mod.WORDS), p


def test_listed_words_are_hsk_levels_1_and_2():
    lists = hsk_lists((1, 2))
    words = lists[1][1] | lists[2][1]
    assert len(set(mod.WORDS)) == len(mod.WORDS)
    assert set(mod.WORDS) <= words


def test_textbook_er_forms_are_used():
    for w in ("玩儿", "一块儿", "女孩儿", "男孩儿", "小孩儿", "一下儿", "面条儿", "干活儿", "好玩儿", "不一会儿"):
        assert any(w in p.zh for p in _draws((0,))), w


def test_a_name_is_never_given_a_pronoun_possessive():
    # render writes {P} as his/her: only right where the subject is a pronoun
    for t in mod.TEMPLATES:
        if "{S}的" in t.zh:
            assert t.subj == "pron", t.zh


def test_one_translation_per_sentence_across_seeds():
    seen: dict[str, str] = {}
    for p in _draws((0, 1, 2, 3, 4)):
        assert seen.setdefault(p.zh, p.en) == p.en, (p.zh, seen[p.zh], p.en)


def test_quotas_within_budget():
    assert sum(q for _, q in mod.FAMILIES.values()) <= BUDGET
    assert all(q > 0 for _, q in mod.FAMILIES.values())


def test_every_word_in_enough_training_sentences(splits):
    train = [p.zh for p in splits["train"]]
    few = {w: n for w in mod.WORDS if (n := sum(w in zh for zh in train)) < MIN_TRAIN}
    assert not few, few

