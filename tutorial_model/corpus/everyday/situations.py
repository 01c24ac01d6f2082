"""Everyday situations: in a restaurant, asking the way, plans and school, health and feelings, chores.

Conventions::

    服务员，请给我菜单              waiter , please give me the menu
    在银行向左转                    turn left at the bank
    他的汉语说得很流利              he speaks Chinese fluently
    我打算去北京                    I plan to go to Beijing
    她上三年级                      she is in third grade
"""

from __future__ import annotations

from .connectives import ACTS, DRINKS, LANGS, PLACES
from .life import COLOURS, OBJECTS
from .numbers import num_en, num_zh, ordinal_en
from .templates import PEOPLE, T, families, find, fixed, render

ORDER = [("菜单", "the menu"), ("一杯水", "a glass of water"), ("一杯茶", "a cup of tea"),
         ("一杯咖啡", "a cup of coffee"), ("一碗米饭", "a bowl of rice"), ("两个杯子", "two cups")]
CITIES = [("北京", "Beijing"), ("上海", "Shanghai"), ("中国", "China"), ("南京", "Nanjing")]
LEFT = [("左", "left"), ("右", "right")]
GOOD_BAD = [("很好", "good"), ("不好", "bad")]
GRADES = [("很好", "very good"), ("很差", "poor"), ("不错", "good")]
NUMS = [(num_zh(n, liang=True), num_en(n)) for n in (2, 3, 4, 5)]
FRUIT = [("苹果", "apples"), ("鸡蛋", "eggs"), ("水果", "fruit")]
ASK = [("回家", "go home"), ("等一下", "wait a moment"), ("早点儿睡觉", "go to bed early"), ("读课文", "read the text")]
LAKE = [("跑步", "running"), ("看书", "reading"), ("照相", "taking photos")]
PRINT = [("照片", "the photos"), ("作业", "{P} homework"), ("机票", "the plane ticket"), ("这篇作文", "this essay")]

TEMPLATES = [
    # restaurant, shop, bank
    T("服务员，请给我{X}", "waiter , please give me {X}", {"X": ORDER}, subj="none"),
    T("{S}在饭店当服务员", "{S} {work|works} as a waiter in a restaurant", subj="third"),
    T("{S}给{O}倒了一杯{D}", "{S} poured {O} a cup of {D}", {"D": DRINKS[:3]}),
    T("{S}去银行取钱", "{S} {go|goes} to the bank to withdraw money"),
    T("{S}昨天去银行取钱了", "{S} went to the bank to withdraw money yesterday"),
    T("{S}买了{N}斤{F}", "{S} bought {N} jin of {F}", {"N": NUMS, "F": FRUIT}),
    T("{S}要打印{X}", "{S} {need|needs} to print {X}", {"X": PRINT}),
    T("{S}想省钱", "{S} {want|wants} to save money"),
    T("{S}在省钱", "{S} {be} saving money"),
    T("{S}在排队", "{S} {be} standing in line"),
    T("{S}在排队买票", "{S} {be} standing in line to buy tickets"),
    T("{S}想要一个靠窗的座位", "{S} {want|wants} a window seat"),
    # the way
    T("在{L}向{D}转", "turn {D} at {L}", {"L": PLACES[2:11], "D": LEFT}, subj="none"),
    T("{L}的入口在哪儿", "where is the entrance of {L} ?", {"L": PLACES[2:11]}, subj="none"),
    T("{L}的出口在哪儿", "where is the exit of {L} ?", {"L": PLACES[2:11]}, subj="none"),
    T("{S}的车停在楼下", "{P} car is parked downstairs", subj="pron"),
    T("{S}在哪儿停车", "where {do|does} {S} park ?", subj="notme"),
    T("{S}{V}开了门", "{S} {V} the door open", {"V": [("推", "pushed"), ("拉", "pulled")]}),
    # people, feelings, health
    T("{S}是一位{X}", "{S} is a {X}", {"X": [("老师", "teacher"), ("医生", "doctor"), ("经理", "manager")]},
      subj="third"),
    T("{S}很难受", "{S} {feel|feels} unwell"),
    T("{S}变了", "{S} {have|has} changed"),
    T("{S}有事情", "{S} {have|has} something to do"),
    T("{S}心情很好", "{S} {be} in a good mood"),
    T("{S}的态度{X}", "{P} attitude is {X}", {"X": GOOD_BAD}, subj="pron"),
    T("{S}的成绩{X}", "{P} grades are {X}", {"X": GRADES}, subj="pron"),
    T("{S}的汉语很差", "{P} Chinese is poor", subj="pron"),
    T("{S}和{O}差不多高", "{S} and {O} are about the same height"),
    T("{S}的脸红了", "{P} face turned red", subj="pron"),
    T("{S}在洗脸", "{S} {be} washing {P} face", subj="single"),
    T("{S}洗了脸", "{S} washed {P} face", subj="single"),
    T("{S}的手机响了", "{P} phone is ringing", subj="pron"),
    T("{S}的手机一直在响", "{P} phone keeps ringing", subj="pron"),
    T("{S}听见了{O}的声音", "{S} heard {OP} voice"),
    T("{S}到处找{X}", "{S} looked everywhere for {P} {X}", {"X": OBJECTS}),
    T("{S}昨天夜里{H}点才睡觉", "{S} did not go to bed until {H} last night",
      {"H": [("十二", "twelve"), ("一", "one"), ("两", "two")]}),
    T("{S}在喊{O}", "{S} {be} calling {O}"),
    T("{S}不知道原因", "{S} {do|does} not know the reason"),
    T("{S}跟{O}不太熟", "{S} {do|does} not know {O} well"),
    T("{S}随时可以来", "{S} can come any time"),
    T("{S}穿这件衬衫很合适", "this shirt fits {Ro} well"),
    T("{S}穿这双鞋很合适", "these shoes fit {Ro} well"),
    # plans, willingness
    T("{S}打算去{L}", "{S} {plan|plans} to go to {L}", {"L": PLACES}),
    T("{S}计划明年去{C}", "{S} {plan|plans} to go to {C} next year", {"C": CITIES}),
    T("{S}愿意去{L}吗", "{be} {S} willing to go to {L} ?", {"L": PLACES}, subj="notme"),
    T("{S}明天有空儿吗", "{be} {S} free tomorrow ?", subj="notme"),
    T("{S}今天没空儿", "{S} {be} not free today"),
    T("{S}想改计划", "{S} {want|wants} to change {P} plan"),
    T("咱们去{L}吧", "let us go to {L}", {"L": PLACES}, subj="none"),
    T("{S}让{O}{V}", "{S} {ask|asks} {O} to {V}", {"V": ASK}),
    T("{S}和{O}商量了一下", "{S} talked it over with {O}"),
    T("{S}在讨论{X}", "{S} {be} discussing {X}",
      {"X": [("这个问题", "this question"), ("明天的计划", "the plan for tomorrow")]}),
    T("{S}给{O}讲了一个故事", "{S} told {O} a story"),
    T("{S}选了{C}的", "{S} chose the {C} one", {"C": COLOURS}),
    # languages and school
    T("{S}的{Y}说得很流利", "{S} {speak|speaks} {Y} fluently", {"Y": LANGS}),
    T("{S}想提高{Y}水平", "{S} {want|wants} to improve {P} {Y}", {"Y": LANGS}),
    T("{S}会说{N}种语言", "{S} can speak {N} languages", {"N": NUMS}),
    T("{S}会说普通话吗", "can {S} speak Mandarin ?", subj="notme"),
    T("{S}在学普通话", "{S} {be} learning Mandarin"),
    T("{S}的普通话很好", "{P} Mandarin is very good", subj="pron"),
    T("{S}上{N}年级", "{S} {be} in {N} grade", {"N": [(num_zh(n), ordinal_en(n)) for n in range(1, 7)]},
      subj="third"),
    T("{S}和{O}在一个小组", "{S} and {O} are in the same group"),
    T("{S}写了一篇作文", "{S} wrote an essay"),
    T("{S}在写一篇作文", "{S} {be} writing an essay"),
    T("{S}在背课文", "{S} {be} reciting the text"),
    T("{S}每天背{N}个生词", "{S} {learn|learns} {N} new words by heart every day",
      {"N": [(num_zh(n), num_en(n)) for n in (5, 10, 20)]}),
    T("{S}举了{N}", "{S} gave {N}", {"N": [("一个例子", "an example"), ("两个例子", "two examples")]}),
    T("{S}在查词典", "{S} {be} looking it up in the dictionary"),
    T("{S}上网查一下", "{S} will look it up online"),
    T("{S}去医院检查身体", "{S} {go|goes} to the hospital for a checkup"),
    T("{S}明天去医院检查身体", "{S} will go to the hospital for a checkup tomorrow"),
    T("{S}收到了{O}的信", "{S} received a letter from {O}"),
    T("{S}会使用{X}", "{S} can use {X}", {"X": [("电脑", "a computer"), ("相机", "a camera")]}),
    T("{S}不会使用{X}", "{S} cannot use {X}", {"X": [("电脑", "a computer"), ("相机", "a camera")]}),
    T("{S}在看电视节目", "{S} {be} watching a TV program"),
    T("{S}喜欢这个节目", "{S} {like|likes} this program"),
    T("{S}春节回家", "{S} {go|goes} home for the Spring Festival"),
    T("{S}在国际学校上学", "{S} {go|goes} to an international school"),
    T("{S}每天早晨{V}", "{S} {V} every morning", {"V": ACTS[:5]}),
    T("{S}在看菜单", "{S} {be} looking at the menu"),
    T("{S}看了看菜单", "{S} looked at the menu"),
    T("这个地方很{A}", "this place is very {A}",
      {"A": [("漂亮", "beautiful"), ("有名", "famous"), ("远", "far"), ("安静", "quiet")]}, subj="none"),
    T("{S}不喜欢这个地方", "{S} {do|does} not like this place"),
    T("{S}很喜欢那个地方", "{S} {like|likes} that place very much"),
    T("{S}的房间的墙是{C}的", "the walls of {P} room are {C}", {"C": COLOURS}, subj="pron"),
    T("{S}的头发{X}", "{P} hair is {X}", {"X": [("很短", "very short"), ("很长", "very long")]}, subj="pron"),
    T("{S}又读了一遍课文", "{S} read the text again"),
    T("{S}在街上碰到了{O}", "{S} ran into {O} on the street"),
    T("{S}在入口等{O}", "{S} {be} waiting for {O} at the entrance"),
    T("{S}在出口等{O}", "{S} {be} waiting for {O} at the exit"),
    T("{S}喜欢这个味道", "{S} {like|likes} this taste"),
    T("{S}越来越{A}了", "{S} {be} getting {A}",
      {"A": [("高", "taller and taller"), ("漂亮", "more and more beautiful"), ("忙", "busier and busier")]}),
    T("{S}交了作业", "{S} handed in {P} homework"),
    T("{S}想交朋友", "{S} {want|wants} to make friends"),
    T("{S}开了灯", "{S} turned on the light"),
    T("{S}关了灯", "{S} turned off the light"),
    T("咱们一起去{L}吧", "let us go to {L} together", {"L": PLACES}, subj="none"),
    T("{S}家的电话响了", "the phone at {P} home is ringing", subj="pron"),
    T("祝{O}身体健康", "I wish {O} good health", subj="none"),
    T("{S}在黑板上写字", "{S} {be} writing on the blackboard"),
    # outdoors
    T("{S}在湖边{V}", "{S} {be} {V} by the lake", {"V": LAKE}),
    T("{S}坐在草地上", "{S} {be} sitting on the grass"),
    T("{S}在阳台上{V}", "{S} {be} {V} on the balcony", {"V": LAKE[1:]}),
    T("天气变{W}了", "the weather has turned {W}", {"W": [("冷", "cold"), ("热", "hot")]}, subj="none"),
    T("{S}家养了一只{A}", "{P} family has a {A}", {"A": [("猫", "cat"), ("狗", "dog"), ("鸟", "bird")]},
      subj="pron"),
    T("{S}的回答{X}", "{P} answer is {X}", {"X": [("正确", "correct"), ("不正确", "not correct")]}, subj="pron"),
]

FAMILIES = families("situations", TEMPLATES)

_I = PEOPLE[0]
EXAMPLES = {
    "restaurant": [render(find(TEMPLATES, "服务员，请给我{X}"), _I, None, {"X": ORDER[0]}),
                   fixed("服务员，买单", "waiter , the check please")],
    "directions": [render(find(TEMPLATES, "在{L}向{D}转"), _I, None, {"L": PLACES[7], "D": LEFT[0]}),
                   fixed("一直向前走", "go straight ahead"), fixed("入口在哪儿", "where is the entrance ?")],
    "school": [render(find(TEMPLATES, "{S}的{Y}说得很流利"), PEOPLE[2], None, {"Y": LANGS[0]}),
               fixed("请排队", "please stand in line"),
               fixed("请大声说", "please speak louder"), fixed("请小声说话", "please speak quietly"),
               fixed("我们讨论一下吧", "let us discuss it"), fixed("春节快乐", "happy Spring Festival")],
}
