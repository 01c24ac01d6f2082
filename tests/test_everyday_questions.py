"""Questions and 也/都/还 (tutorial_model.corpus.everyday.questions): hand-checked rules."""

import pytest
from everyday_checks import check_families

from tutorial_model.corpus.everyday import questions as m
from tutorial_model.corpus.everyday.lexicon import name_np
from tutorial_model.corpus.grammar import bare_obj, build_action, build_identity, dem_np, go_vp, poss_np, pron_np, vp
from tutorial_model.corpus.lexicon import TRANSITIVE_BY_ZH

LIKE = TRANSITIVE_BY_ZH["喜欢"][0]
HAVE = TRANSITIVE_BY_ZH["有"][0]
I, YOU, HE = pron_np("我"), pron_np("你"), pron_np("他")


@pytest.mark.parametrize(("pair", "zh", "en"), [
    (m.build_who_is(HE), "他是谁", "who is he ?"),
    (m.build_who_is(name_np("大卫")), "大卫是谁", "who is David ?"),
    (m.build_who_is_your("你", "老师"), "谁是你的老师", "who is your teacher ?"),
    (m.build_whose(True, "书"), "这是谁的书", "whose book is this ?"),
    (m.build_whose(False, "书", plural=True), "那些是谁的书", "whose books are those ?"),
    (m.build_which(YOU, "喜欢", "猫"), "你喜欢哪只猫", "which cat do you like ?"),
    (m.build_which(HE, "想买", "衬衫"), "他想买哪件衬衫", "which shirt does he want to buy ?"),
    (m.build_where_is("洗手间", qing_wen=True), "请问，洗手间在哪儿", "excuse me , where is the restroom ?"),
    (m.build_where_is("银行", form="哪里"), "银行在哪里", "where is the bank ?"),
    (m.build_where_work(HE), "他在哪儿工作", "where does he work ?"),
    (m.build_know_where("银行", YOU, q=True), "你知道银行在哪儿吗", "do you know where the bank is ?"),
    (m.build_know_where("洗手间", I, neg=True), "我不知道洗手间在哪儿", "I do not know where the restroom is"),
    (m.build_know_where("书店", HE), "他知道书店在哪儿", "he knows where the bookstore is"),
    (m.build_how_get_to(YOU, "学校"), "你怎么去学校", "how do you get to school ?"),
    (m.build_how_get_to(HE, "公园"), "他怎么去公园", "how does he get to the park ?"),
    (m.build_how_write("写"), "这个字怎么写", "how do you write this character ?"),
    (m.build_what_wrong(HE), "他怎么了", "what is wrong with him ?"),
    (m.build_what_to_do(None), "怎么办", "what should we do ?"),
    (m.build_how_is(dem_np(True, "书")), "这本书怎么样", "how is this book ?"),
    (m.build_how_is(dem_np(False, "书", plural=True)), "那些书怎么样", "how are those books ?"),
    (m.build_how_about("公园"), "我们去公园怎么样", "how about going to the park ?"),
    (m.build_how_about("公园", "明天", "好吗", comma=True), "我们明天去公园，好吗",
     "shall we go to the park tomorrow ?"),
    (m.build_why(HE, vp(LIKE, bare_obj("狗", "pl")), neg=True), "他为什么不喜欢狗", "why does he not like dogs ?"),
    (m.build_why(YOU, m.COME, past=True), "你昨天为什么没来", "why did you not come yesterday ?"),
    (m.build_and_you(build_identity(I, "学生"), YOU), "我是学生，你呢", "I am a student , and you ?"),
    (m.build_and_you(build_identity(I, "学生"), pron_np("她"), comma=False), "我是学生她呢",
     "I am a student , what about her ?"),
    (m.build_where_is_my("我", "书"), "我的书呢", "where is my book ?"),
    (m.build_right(build_identity(YOU, "学生")), "你是学生吧", "you are a student , right ?"),
    (m.build_lets("去", "公园"), "我们去公园吧", "let us go to the park"),
    (m.build_lets("走", women=False), "走吧", "let us go"),
    (m.build_lets("吃饭", together=True), "我们一起吃饭吧", "let us eat together"),
    (m.build_a_not_a_action(YOU, go_vp("公园")), "你去不去公园", "do you go to the park ?"),
    (m.build_a_not_a_action(YOU, vp(HAVE, bare_obj("猫", "a"))), "你有没有猫", "do you have a cat ?"),
    (m.build_a_not_a_modal(HE, "能", go_vp("公园")), "他能不能去公园", "can he go to the park ?"),
    (m.build_a_not_a_identity(YOU, "学生"), "你是不是学生", "are you a student ?"),
    (m.build_a_not_a_adj(dem_np(True, "书"), "贵"), "这本书贵不贵", "is this book expensive ?"),
    (m.add_ye(build_action(HE, vp(LIKE, bare_obj("狗", "pl"))), HE, False), "他也喜欢狗", "he likes dogs too"),
    (m.add_ye(build_action(HE, vp(LIKE, bare_obj("狗", "pl")), neg=True), HE, True), "他也不喜欢狗",
     "he does not like dogs either"),
    (m.add_ye(build_identity(YOU, "学生", q=True), YOU, False), "你也是学生吗", "are you a student too ?"),
    (m.add_dou(build_identity(pron_np("我们"), "学生"), pron_np("我们")), "我们都是学生", "we are all students"),
    (m.add_dou(build_action(pron_np("他们"), vp(LIKE, bare_obj("狗", "pl"))), pron_np("他们")), "他们都喜欢狗",
     "they all like dogs"),
    (m.add_dou(build_action(pron_np("你们"), vp(LIKE, bare_obj("狗", "pl")), q=True), pron_np("你们")),
     "你们都喜欢狗吗", "do you all like dogs ?"),
    (m.build_not_yet(HE, "来"), "他还没来", "he has not come yet"),
    (m.build_not_yet(YOU, "吃饭", q=True), "你还没吃饭吗", "have you not eaten yet ?"),
    (m.build_still_is(poss_np("我", "哥哥"), "学生"), "我的哥哥还是学生", "my brother is still a student"),
    (m.build_still_at(HE, "学校"), "他还在学校", "he is still at school"),
    (m.build_which_plural(YOU, "喜欢", "水果"), "你喜欢哪些水果", "which fruits do you like ?"),
    (m.build_doing(YOU), "你在干什么", "what are you doing ?"),
    (m.build_doing(HE, "明天"), "他明天干什么", "what will he do tomorrow ?"),
    (m.build_here(HE, "这儿"), "他在这儿", "he is here"),
    (m.build_here(poss_np("我", "书"), "那儿", neg=True), "我的书不在那儿", "my book is not there"),
    (m.build_here(name_np("小明"), "那边", q=True), "小明在那边吗", "is Xiaoming over there ?"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


def test_a_not_a_asks_what_ma_asks():
    """An A-not-A question and the 吗 question have one translation (built independently by corpus.py)."""
    for v in (go_vp("学校"), vp(LIKE, bare_obj("猫", "pl"))):
        for subj in (YOU, HE, name_np("小红")):
            assert m.build_a_not_a_action(subj, v).en == build_action(subj, v, q=True).en


def test_samplers_deterministic_and_within_limits():
    for p in check_families(m.FAMILIES, 11):
        if p.zh.endswith(("吗", "呢")) or "不" + p.zh[-1:] in p.zh and "a_not_a" in p.tags:
            assert p.en.endswith("?"), p
