"""Greetings, set phrases and introductions (tutorial_model.corpus.everyday.phrases): hand-checked rules."""

import pytest
from everyday_checks import check_families, draw_families

from tutorial_model.corpus.everyday import phrases as m
from tutorial_model.corpus.everyday.lexicon import name_np
from tutorial_model.corpus.grammar import pron_np


@pytest.mark.parametrize(("zh", "en"), [
    ("你好", "hello"), ("谢谢", "thank you"), ("不客气", "you are welcome"), ("对不起", "sorry"),
    ("没关系", "it does not matter"), ("再见", "goodbye"), ("请进", "please come in"), ("请坐", "please sit down"),
    ("请问", "excuse me"), ("早上好", "good morning"), ("晚上好", "good evening"), ("明天见", "see you tomorrow"),
    ("认识你很高兴", "nice to meet you"), ("我不知道", "I do not know"), ("你好吗", "how are you ?"),
])
def test_set_phrases(zh, en):
    assert m.build_phrase(zh).en == en


@pytest.mark.parametrize(("pair", "zh", "en"), [
    (m.build_address("你好", "小明"), "你好，小明", "hello , Xiaoming"),
    (m.build_address("你好", "小明", name_first=True, comma=False), "小明你好", "hello , Xiaoming"),
    (m.build_address("好", "王老师"), "王老师好", "hello , Teacher Wang"),
    (m.build_address("你好吗", "玛丽"), "你好吗，玛丽", "how are you , Mary ?"),
    (m.build_two_phrases("对不起", "我来晚了"), "对不起，我来晚了", "sorry , I am late"),
    (m.build_two_phrases("我很好", "你呢", comma=False), "我很好你呢", "I am fine , and you ?"),
    (m.build_name_is(pron_np("我"), "小明"), "我叫小明", "my name is Xiaoming"),
    (m.build_name_is(pron_np("她"), "玛丽", ming_zi=True), "她的名字是玛丽", "her name is Mary"),
    (m.build_whats_your_name(pron_np("你")), "你叫什么名字", "what is your name ?"),
    (m.build_whats_your_name(pron_np("他"), "叫什么"), "他叫什么", "what is his name ?"),
    (m.build_surname(pron_np("我"), "王"), "我姓王", "my surname is Wang"),
    (m.build_surname_question(pron_np("你"), polite=True), "您贵姓", "what is your surname ?"),
    (m.build_nationality(pron_np("我"), "中国"), "我是中国人", "I am Chinese"),
    (m.build_nationality(pron_np("他"), "美国", neg=True, adverb="也"), "他也不是美国人",
     "he is not American either"),
    (m.build_nationality(pron_np("他们"), "英国", adverb="都", job="学生"), "他们都是英国学生",
     "they are all British students"),
    (m.build_nationality(name_np("大卫"), "美国", job="留学生"), "大卫是美国留学生",
     "David is an American international student"),
    (m.build_nationality(pron_np("你"), "日本", q="是不是"), "你是不是日本人", "are you Japanese ?"),
    (m.build_nationality(pron_np("你"), "日本", q="吗"), "你是日本人吗", "are you Japanese ?"),
    (m.build_which_country(pron_np("他")), "他是哪国人", "which country is he from ?"),
    (m.build_which_country(pron_np("你"), "哪里人"), "你是哪里人", "where are you from ?"),
    (m.build_come_from(pron_np("我"), "中国"), "我从中国来", "I come from China"),
    (m.build_come_from(name_np("玛丽"), "伦敦", lai_zi=True), "玛丽来自伦敦", "Mary comes from London"),
    (m.build_where_from(pron_np("你")), "你从哪儿来", "where do you come from ?"),
    (m.build_live_in(pron_np("他"), "北京"), "他住在北京", "he lives in Beijing"),
    (m.build_live_in(pron_np("你"), None), "你住在哪儿", "where do you live ?"),
    (m.build_speak(pron_np("她"), "汉语", a_little=True), "她会说一点儿汉语", "she can speak a little Chinese"),
    (m.build_speak(pron_np("你"), "英语", q="会不会"), "你会不会说英语", "can you speak English ?"),
    (m.build_speak(pron_np("他"), "法语", neg=True), "他不会说法语", "he cannot speak French"),
    (m.build_speaks_well(name_np("大卫"), "汉语"), "大卫汉语说得很好", "David speaks Chinese very well"),
    (m.build_learn(pron_np("我们"), "中文", progressive=True), "我们在学中文", "we are learning Chinese"),
    (m.build_this_is_person("大卫", "我", "朋友"), "这是我朋友大卫", "this is my friend David"),
    (m.build_this_is_person(None, "我", "朋友", de=True), "这是我的朋友", "this is my friend"),
    (m.build_this_is_person("王老师", intro=True), "我来介绍一下，这是王老师",
     "let me introduce , this is Teacher Wang"),
    (m.build_is_my(pron_np("他们"), "我", "同学", de=True), "他们是我的同学", "they are my classmates"),
    (m.build_surname(pron_np("他"), "王", "不"), "他不姓王", "his surname is not Wang"),
    (m.build_surname(pron_np("你"), "李", "吗"), "你姓李吗", "is your surname Li ?"),
    (m.build_surname(pron_np("我"), "张", "也"), "我也姓张", "my surname is Zhang too"),
    (m.build_wish(pron_np("你"), "生日快乐"), "祝你生日快乐", "I wish you a happy birthday"),
    (m.build_wish(name_np("小明"), "一路平安"), "祝小明一路平安", "I wish Xiaoming a safe trip"),
    (m.build_treat("我", "今天"), "今天我请客", "it is my treat today"),
    (m.build_foreigner(pron_np("他")), "他是外国人", "he is a foreigner"),
    (m.build_foreigner(pron_np("他们"), neg=True), "他们不是外国人", "they are not foreigners"),
    (m.build_which_country(pron_np("你"), "哪个国家的人"), "你是哪个国家的人", "which country are you from ?"),
    (m.build_speak(pron_np("你"), "外语", q="吗"), "你会说外语吗", "can you speak a foreign language ?"),
    (m.build_treat("你", "这次", front=False), "你这次请客", "it is your treat this time"),
    (m.build_answer("是的", m.build_nationality(pron_np("我"), "中国")), "是的，我是中国人", "yes , I am Chinese"),
    (m.build_answer("不", m.build_speak(pron_np("他"), "法语", neg=True), comma=False), "不他不会说法语",
     "no , he cannot speak French"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


def test_set_phrase_table_is_well_formed():
    for zh, en in m.SET_PHRASES.items():
        assert zh and en and "|" not in zh + en and " " not in zh, (zh, en)
        assert en == " ".join(en.split())
        assert zh.endswith(("吗", "呢", "怎么样")) == en.endswith("?"), (zh, en)  # a question either side


def test_samplers_deterministic_and_within_limits():
    for p in check_families(m.FAMILIES, 3):
        assert not p.zh.startswith("，") and not p.zh.endswith("，"), p
        assert "everyday" in p.tags, p


def test_no_first_person_question_about_oneself():
    for _, p in draw_families(m.FAMILIES, 5, 600):
        if p is not None:
            assert not p.en.startswith(("what is my", "which country am I", "where am I", "where do I")), p
