"""everyday/hsk_l12_b (HSK level 2 words): hand-checked translations, conventions, ≥ 12 training sentences a word."""

from __future__ import annotations

import random
import re

import pytest

from tutorial_model.corpus import MAX_EN_TOKENS, MAX_ZH_CHARS, make_splits
from tutorial_model.corpus.everyday import FAMILIES as ALL_FAMILIES
from tutorial_model.corpus.everyday import hsk_l12_b
from tutorial_model.corpus.everyday.templates import PEOPLE, render, sample

# The words this module was written for: HSK 3.0 (GF0025-2021) level 2, second half of those the corpus lacked.
TARGETS = """
拿出 拿到 排球 接下来 接到 接受 提出 提到 收入 改变 放下 故意 教学 教师 教育 数字 方便 方便面 方向 方法 方面 旅客
日子 日报 星星 晚会 晚报 月亮 月份 机会 条件 校园 校长 样子 正好 正常 正是 段 比如 比如说 气温 求 活动 流行 游客
点头 热情 爱情 特点 班长 球场 球队 理想 瓶子 画家 留下 的话 目的 直接 相信 相同 看法 真正 短信 碰见 离开 科学家 称
空气 笑话 笑话儿 笔记 笔记本 等到 答应 组成 组长 经过 结果 网站 老年 老是 老王 考生 能够 自由 节日 药店 药水 药片
行为 行人 行动 表示 装 西北 西医 西南 西方 西餐 要求 见到 见过 观点 角度 计算机 认为 讲话 许多 词语 说明 请求 读音
课堂 走开 走过 走进 起飞 超过 路边 身边 车辆 过去 过年 过来 这么 这时 这时候 这样 进入 进行 送到 送给 通知 通过
道理 道路 那么 那会儿 那时 那时候 那样 部分 酒店 里头 重复 重新 重点 重视 银行卡 长大 问路 队长 院子 院长 难听
难看 难题 青少年 青年 面前 音乐会 音节 顾客 食物 骑车 高中 高级
""".split()
TOPICS = {"people", "shopping", "school", "hobbies", "weather", "work", "time"}  # topics the corpus already has
P = {p.zh: p for p in PEOPLE}
TEMPLATES = [t for _, templates in hsk_l12_b.GROUPS.values() for t in templates]


def _r(pattern, subj="我", obj=None, comma=True, **slots):
    """The template ``pattern`` rendered for ``subj`` (and ``obj``), slot values named by their Chinese."""
    t = next(t for t in TEMPLATES if t.zh == pattern
             and all(any(v[0] == zh for v in t.slots.get(n, ())) for n, zh in slots.items()))
    picks = {name: next(v for v in t.slots[name] if v[0] == zh) for name, zh in slots.items()}
    p = render(t, P[subj], P[obj] if obj else None, picks, comma=comma)
    return p.zh, p.en


@pytest.mark.parametrize("got, want", [
    (_r("{S}是我们的{X}", subj="他", X="校长"), ("他是我们的校长", "he is our principal")),
    (_r("{S}想当{X}", subj="小红", X="画家"), ("小红想当画家", "Xiaohong wants to be a painter")),
    (_r("{W}{X}很多", W="今天", X="游客"), ("今天游客很多", "there are a lot of tourists today")),
    (_r("{X}不能进入{Y}", X="车辆", Y="校园"), ("车辆不能进入校园", "vehicles cannot enter the campus")),
    (_r("{S}一直在{O}身边", subj="她", obj="我"), ("她一直在我身边", "she has always been by my side")),
    (_r("{S}长大以后想当{X}", X="科学家"), ("我长大以后想当科学家", "I want to be a scientist when I grow up")),
    (_r("{S}的{X}找不到了", subj="他", X="银行卡"), ("他的银行卡找不到了", "he cannot find his bank card")),
    (_r("{S}把{X}", subj="玛丽", X="书装进了书包"), ("玛丽把书装进了书包", "Mary put the books into her schoolbag")),
    (_r("请帮我称一下{X}", X="这些苹果"), ("请帮我称一下这些苹果", "please weigh these apples for me")),
    (_r("{X}", X="瓶子里头有水"), ("瓶子里头有水", "there is water in the bottle")),
    (_r("{S}每天看{N}", subj="我爸爸", N="晚报"), ("我爸爸每天看晚报", "my father reads the evening paper every day")),
    (_r("{X}", X="这两个字的读音相同"), ("这两个字的读音相同", "these two characters have the same pronunciation")),
    (_r("{S}不认为{X}", subj="他们", X="明天会下雨"),
     ("他们不认为明天会下雨", "they do not think it will rain tomorrow")),
    (_r("{S}同意{O}的看法", subj="大卫", obj="她"), ("大卫同意她的看法", "David agrees with her view")),
    (_r("{S}来{C}的目的是{V}", subj="他", C="北京", V="学习汉语"),
     ("他来北京的目的是学习汉语", "his purpose in coming to Beijing is to learn Chinese")),
    (_r("{S}重新{V}了一遍", subj="她", V="写"), ("她重新写了一遍", "she wrote it again")),
    (_r("{E}{H}点开始", E="晚会", H="七"), ("晚会七点开始", "the party starts at seven")),
    (_r("这个球队由{N}个人组成", N="十二"), ("这个球队由十二个人组成", "this team is made up of twelve people")),
    (_r("{S}喜欢运动，比如{X}", subj="他", X="打排球"),
     ("他喜欢运动，比如打排球", "he likes sports , for example playing volleyball")),
    (_r("{S}给{O}讲了一个{J}", obj="他", J="笑话儿"), ("我给他讲了一个笑话儿", "I told him a joke")),
    (_r("{X}", X="北京一月份很冷"), ("北京一月份很冷", "Beijing is very cold in January")),
    (_r("{S}的老家在中国{D}", subj="他", D="西北"), ("他的老家在中国西北", "his hometown is in northwest China")),
    (_r("{S}的飞机{H}点起飞", subj="你", H="八"), ("你的飞机八点起飞", "your plane takes off at eight")),
    (_r("{S}答应了{O}的{X}", subj="王先生", obj="他们", X="要求"),
     ("王先生答应了他们的要求", "Mr Wang agreed to their request")),
    (_r("{S}经过{L}的时候碰见了{O}", subj="小明", obj="她", L="书店"),
     ("小明经过书店的时候碰见了她", "Xiaoming ran into her when he passed the bookstore")),
    (_r("{S}老是{X}", subj="他", X="玩手机"), ("他老是玩手机", "he is always playing with his phone")),
    (_r("明天下雨的话，{S}就不去{L}了", subj="我们", comma=False, L="公园"),
     ("明天下雨的话我们就不去公园了", "if it rains tomorrow , we will not go to the park")),
    (_r("{W}{S}住在{C}", subj="她", W="那时候", C="上海"), ("那时候她住在上海", "she lived in Shanghai at that time")),
    (_r("{W}{S}走进了{L}", subj="他", W="这时", L="教室"),
     ("这时他走进了教室", "just then he walked into the classroom")),
    (_r("那段日子{S}很{A}", subj="他们", A="忙"), ("那段日子他们很忙", "they were very busy in those days")),
    (_r("{S}没有{O}那么{A}", subj="我", obj="他", A="高"), ("我没有他那么高", "I am not as tall as him")),
])
def test_hand_checked_translations(got, want):
    assert got == want


def _draws(seed: int, n: int = 40) -> list:
    rng = random.Random(seed)
    return [sample(t, rng) for t in TEMPLATES for _ in range(n)]


@pytest.fixture(scope="module")
def splits():
    return make_splits(0)


@pytest.fixture(scope="module")
def mine(splits):
    """This module's draws (two seeds) and every corpus sentence that holds one of the target words."""
    corpus = [p for part in splits.values() for p in part]
    forms = [f for w in TARGETS for f in _forms(w)]
    return _draws(0) + _draws(1) + [p for p in corpus if any(f in p.zh for f in forms)]


def _forms(word: str) -> list[str]:
    # the HSK lists write alternatives as 爸爸|爸 and optional parts as 一点儿（一点）
    return [f for f in re.split(r"[|｜/（）()]", word) if f]


PROPER = {"I", "Xiaoming", "Xiaohong", "David", "Mary", "Mr", "Miss", "Li", "Wang", "Anna", "Mark", "Beijing",
          "Shanghai", "Nanjing", "Guangzhou", "China", "Chinese", "English", "French", "Japanese", "Spring",
          "Festival", "TV", "January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
          "Sunday"}
QUESTION_ZH = ("吗", "什么", "哪", "几", "怎么", "谁", "还是")


def test_every_sentence_follows_the_conventions(mine):
    for p in mine:
        zh, en = p.zh, p.en
        assert len(zh) <= MAX_ZH_CHARS and len(en.split()) <= MAX_EN_TOKENS, p
        assert re.fullmatch(r"[\u4e00-\u9fff，]+", zh) and not zh.endswith("，"), p
        assert en == " ".join(en.split()), p  # single spaces, nothing at either end
        for tok in en.split():
            assert tok in (",", "?") or re.fullmatch(r"[a-z]+(-[a-z]+)?", tok) or tok in PROPER, (tok, p)
        assert "?" not in en.split()[:-1], p
        if zh.endswith("吗"):
            assert en.endswith(" ?"), p
        if en.endswith("?"):
            assert any(q in zh for q in QUESTION_ZH), p


def test_one_translation_for_each_sentence(mine, splits):
    seen: dict[str, str] = {}
    for p in mine + [p for part in splits.values() for p in part]:
        assert seen.setdefault(p.zh, p.en) == p.en, (p.zh, seen[p.zh], p.en)


def test_the_other_person_is_never_the_subject():
    # 我一直在你身边 is fine; 我一直在我身边, 我站在我们面前 or 你们相信你 would be nonsense
    who = "|".join(sorted((re.escape(p.zh) for p in PEOPLE), key=len, reverse=True))
    rng = random.Random(2)
    checked = 0
    for t in (t for t in TEMPLATES if "{O}" in t.zh):
        parts = re.split(r"(\{[A-Za-z]+\})", t.zh.replace("，", ""))
        rx = "".join(f"(?P<s>{who})" if x == "{S}" else f"(?P<o>{who})" if x == "{O}" else
                     "(.+?)" if x.startswith("{") else re.escape(x) for x in parts)
        for _ in range(40):
            zh = sample(t, rng).zh.replace("，", "")
            m = re.fullmatch(rx, zh)
            assert m, (t.zh, zh)
            s = m.group("s") if "{S}" in t.zh else "我"  # subj="none": the speaker
            assert m.group("o") != s and {s, m.group("o")} not in ({"我", "我们"}, {"你", "你们"}), zh
            checked += 1
    assert checked > 1000


def test_every_target_word_has_twelve_training_sentences(splits):
    train = [p.zh for p in splits["train"]]
    assert len(TARGETS) == len(set(TARGETS)) == 168
    counts = {w: sum(any(f in zh for f in _forms(w)) for zh in train) for w in TARGETS}
    assert {w: n for w, n in counts.items() if n < 12} == {}


def test_every_target_word_is_written_by_this_module():
    zh = {p.zh for p in _draws(5, 80)}
    assert [w for w in TARGETS if not any(f in s for s in zh for f in _forms(w))] == []
    assert any("笑话儿" in s for s in zh)  # where the textbook writes 儿, some sentences do too


def test_families_are_named_tagged_and_within_budget():
    fams = hsk_l12_b.FAMILIES
    assert fams and all(name.startswith("hsk_l12_b_") and ALL_FAMILIES[name] is spec for name, spec in fams.items())
    assert sum(q for _, q in fams.values()) <= 9000
    rng = random.Random(0)
    for sampler, quota in fams.values():
        assert quota > 0
        p = sampler(rng)
        assert "everyday" in p.tags and {t[len("topic_"):] for t in p.tags if t.startswith("topic_")} <= TOPICS
    assert hsk_l12_b.EXAMPLES == {}


def test_draws_are_seeded():
    assert _draws(6, 3) == _draws(6, 3)
    assert _draws(6, 3) != _draws(7, 3)
