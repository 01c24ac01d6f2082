"""Weather, directions and health rules give the textbook translation; samplers are seeded."""

import pytest
from everyday_checks import check_sampler

from tutorial_model.corpus.everyday import daily as d
from tutorial_model.corpus.grammar import def_np, pron_np

I, HE, YOU = pron_np("我"), pron_np("他"), pron_np("你")


@pytest.mark.parametrize("pair, zh, en", [
    (d.build_event("下雨", "soon"), "要下雨了", "it is going to rain"),
    (d.build_event("下雨", "about"), "快要下雨了", "it is about to rain"),
    (d.build_event("下雨", "now"), "下雨了", "it is raining"),
    (d.build_event("下雪", "prog", outside=True), "外面在下雪", "it is snowing outside"),
    (d.build_event("下雪", "past", "昨天"), "昨天下雪了", "it snowed yesterday"),
    (d.build_event("下雨", "will_q", "明天"), "明天会下雨吗", "will it rain tomorrow ?"),
    (d.build_sky("今天", "晴天"), "今天是晴天", "it is sunny today"),
    (d.build_sky("明天", "多云"), "明天多云", "it will be cloudy tomorrow"),
    (d.build_weather_adj("今天", "有点儿", "冷"), "今天有点儿冷", "it is a little cold today"),
    (d.build_weather_adj("昨天", "太", "热"), "昨天太热了", "it was too hot yesterday"),
    (d.build_weather_adj("明天", "不太", "冷"), "明天不太冷", "it will not be very cold tomorrow"),
    (d.build_degrees("今天", 5, below=True), "今天零下五度", "it is minus five degrees today"),
    (d.build_season("冬天", "event", "下雪"), "冬天常常下雪", "it often snows in winter"),
    (d.in_city(d.build_event("下雨", "past", "昨天"), "北京"), "北京昨天下雨了", "it rained in Beijing yesterday"),
    (d.build_where(def_np("书"), "上", def_np("桌子")), "书在桌子上", "the book is on the table"),
    (d.build_where(def_np("猫"), "下", def_np("床"), q=True), "猫在床下吗", "is the cat under the bed ?"),
    (d.build_where(d._building("银行"), "旁边", d._building("超市")), "银行在超市旁边",
     "the bank is next to the supermarket"),
    (d.build_distance(d._building("学校"), "我家", False), "学校离我家很近", "the school is very close to my home"),
    (d.build_distance(d._building("医院"), "这儿", True, q=True), "医院离这儿远吗",
     "is the hospital far from here ?"),
    (d.build_go_way("前"), "一直往前走", "go straight ahead"),
    (d.build_go_way("右", at_corner=True), "到路口往右走", "go right at the intersection"),
    (d.build_floor("我", 3), "我家在三楼", "my home is on the third floor"),
    (d.build_hurts(I, "头"), "我头疼", "I have a headache"),
    (d.build_hurts(HE, "腿", "很"), "他腿很疼", "his leg hurts a lot"),
    (d.build_state(I, "发烧了"), "我发烧了", "I have a fever"),
    (d.build_state(HE, "不舒服"), "他不舒服", "he does not feel well"),
    (d.build_advice(YOU, "多喝水"), "你应该多喝水", "you should drink more water"),
])
def test_rules(pair, zh, en):
    assert (pair.zh, pair.en) == (zh, en)


@pytest.mark.parametrize("name", list(d.FAMILIES))
def test_samplers_deterministic_and_within_limits(name):
    check_sampler(d.FAMILIES[name][0])
