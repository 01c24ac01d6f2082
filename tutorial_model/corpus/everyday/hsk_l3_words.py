"""The word tables of the HSK 3.0 level-3 topic (``hsk_l3``): verb phrases with their English forms,
adjectives with the patterns they fit, and the nouns that several patterns share.

A verb phrase is one line ``zh | base | past | -ing | flags``; the 3rd-person form is derived (``third``).
The flags name the templates a phrase fits (``hsk_l3.VP_PATTERNS``): "他经常搬家" is odd, "他终于搬家了" is not.
An adjective is ``(zh, en, flags)`` the same way (``hsk_l3.ADJ_PATTERNS``).
"""

from __future__ import annotations

# The level-3 words (GF0025-2021) this topic is written to carry; tests check each recurs in training sentences.
WORDS = tuple("""
专业 专家 世界 丰富 意义 家乡 乱 争取 互相 生产 父亲 母亲 父母 不仅 仍然 付 代表 古代 价格 任务 任何
信任 责任 观众 优点 优势 伟大 传 受伤 伤心 相似 保护 保持 值得 充满 阳光 内容 决定 解决 情况 一切 创业 初中
初级 判断 制定 京剧 电视剧 话剧 功夫 成功 文化 变化 区别 地区 上升 华人 工厂 压力 及时 反对 另外 各 各地 否认
吵架 吵 救 生命 作品 商品 哈哈 啤酒 机器 团 困 周围 土 坚持 坚强 城市 基础 环境 增加 失去 好奇 奇怪 姑娘
媒体 存 宣布 容易 富 导演 领导 将来 尽量 屋子 发展 属 巧 人民币 希望 并 幸福 幸运 庆祝 年底 到底 建议
正式 强 录音 形状 精彩 等待 接待 念 性格 总是 恐怕 游戏 批评 科技 抓住 拍 支持 手指 按照 据说 握手 搬家 广播
效果 敢 整理 整天 整齐 断 民族 明显 显得 景色 暖和 曾经 朝 木头 武术 艺术 美术 教材 农村 结束 极了 积极 书架
标准 大概 停止 因此 死 沙发 注意 派 经济 浪费 消息 取消 热烈 烟 麻烦 牌子 金牌 银牌 状态 猪 龙 痛 皮包 石头
打破 破 社会 旅行社 精神 突然 立刻 文章 简单 管理 类 糖 紧张 赶紧 赶快 赶到 年纪 线 终于 绝对 继续 缺少 缺点
群 职业 联系 胖 胜利 至少 营养 落后 血 补 补充 被 被子 规定 理解 订 训练 会议 设计 访问 身份证 错误 空调 谈
负责 学费 工资 经验 赢 输 比较 发达 到达 连 球迷 追 退休 速度 造 邮件 邮票 现金 除了 需要 顿 预习 预报 首都
完善
""".split())

_IRREGULAR_3SG = {"have": "has", "do": "does", "go": "goes", "be": "is"}


def third(base: str) -> str:
    """The 3rd-person singular of a verb phrase: its first word takes the -s (watch TV → watches TV)."""
    word, _, rest = base.partition(" ")
    if word in _IRREGULAR_3SG:
        word = _IRREGULAR_3SG[word]
    elif word.endswith(("s", "sh", "ch", "x", "o", "z")):
        word += "es"
    elif word.endswith("y") and word[-2] not in "aeiou":
        word = word[:-1] + "ies"
    else:
        word += "s"
    return f"{word} {rest}".strip()


def parse_vps(table: str) -> list[tuple[str, str, str, str, str]]:
    """``zh | base | past | -ing | flags`` lines → (zh, base, past, ing, flags)."""
    rows = []
    for line in table.strip().splitlines():
        zh, base, past, ing, flags = (c.strip() for c in line.split("|"))
        rows.append((zh, base, past, ing, flags))
    return rows


# Flags: o often / always / rarely, w (not) want to, y yesterday (+ not yesterday), d all day long,
# n did not, f finally, x next month.
VPS = parse_vps("""
抽烟     | smoke                   | smoked                     | smoking                     | o w y d
喝啤酒   | drink beer              | drank beer                 | drinking beer               | o w y d
看京剧   | watch Beijing opera     | watched Beijing opera      | watching Beijing opera      | o w y
看电视剧 | watch TV series         | watched TV series          | watching TV series          | o w y d
看话剧   | see a play              | saw a play                 | seeing a play               | w y
练功夫   | practice kung fu        | practiced kung fu          | practicing kung fu          | o w y d
练武术   | practice martial arts   | practiced martial arts     | practicing martial arts     | o w y d
玩游戏   | play games              | played games               | playing games               | o w y d
听广播   | listen to the radio     | listened to the radio      | listening to the radio      | o w y d
听录音   | listen to the recording | listened to the recording  | listening to the recording  | w y
拍照片   | take photos             | took photos                | taking photos               | o w y d
写文章   | write articles          | wrote articles             | writing articles            | o w y d
发邮件   | send emails             | sent emails                | sending emails              | o w y
买邮票   | buy stamps              | bought stamps              | buying stamps               | o w y
吃糖     | eat sweets              | ate sweets                 | eating sweets               | o w y
吵架     | quarrel                 | quarreled                  | quarreling                  | o y
存钱     | save money              | saved money                | saving money                | o w y
整理房间 | tidy up {P} room        | tidied up {P} room         | tidying up {P} room         | o w y
预习课文 | preview the text        | previewed the text         | previewing the text         | o w y
念课文   | read the text aloud     | read the text aloud        | reading the text aloud      | o w y
参加训练 | go to training          | went to training           | going to training           | o w y
迷路     | get lost                | got lost                   | getting lost                | o y
搬家     | move                    | moved                      | moving                      | y n f x
付钱     | pay                     | paid                       | paying                      | y n f
订机票   | book the plane tickets  | booked the plane tickets   | booking the plane tickets   | y n f
退休     | retire                  | retired                    | retiring                    | y f x
解决这个问题 | solve this problem  | solved this problem        | solving this problem        | y n f
完成任务 | complete the task       | completed the task         | completing the task         | y n f
取消会议 | cancel the meeting      | canceled the meeting       | canceling the meeting       | y n
参加会议 | attend the meeting      | attended the meeting       | attending the meeting       | y n x
回家乡   | go back to {P} hometown | went back to {P} hometown  | going back to {P} hometown  | y n f x
交学费   | pay {P} tuition         | paid {P} tuition           | paying {P} tuition          | y n f x
收到邮件 | receive the email       | received the email         | receiving the email         | y n f
做决定   | make a decision         | made a decision            | making a decision           | n f
访问中国 | visit China             | visited China              | visiting China              | y x
参观工厂 | visit the factory       | visited the factory        | visiting the factory        | y n x
到达上海 | arrive in Shanghai      | arrived in Shanghai        | arriving in Shanghai        | y f
到达北京 | arrive in Beijing       | arrived in Beijing         | arriving in Beijing         | y f
""")

# Flags: h very, n not, q question, l a little, s looks, j extremely (极了), b not at all (并不), c rather (比较).
# 累 忙 饿 高兴 年轻 (levels 1–2) only join the level-3 patterns (并不, 极了, 显得), where they are new sentences.
PERSON_ADJS = [("紧张", "nervous", "hnqsjbc"), ("困", "sleepy", "hnqlsjbc"), ("伤心", "sad", "hnqlsjb"),
               ("胖", "fat", "hnqlsc"), ("幸福", "happy", "hqj"), ("幸运", "lucky", "hnj"), ("坚强", "strong", "h"),
               ("奇怪", "strange", "hlc"), ("积极", "enthusiastic", "hnc"), ("累", "tired", "sjb"),
               ("忙", "busy", "jb"), ("饿", "hungry", "jb"), ("高兴", "happy", "j")]

# A thing and the adjective it takes: (zh, en, adj zh, adj en, flags). Flags: h very, n not, q question,
# c rather, t too, k "I think … is very …".
THING_ADJS = [
    ("这个问题", "this question", "简单", "simple", "hnqctk"), ("这次考试", "this exam", "容易", "easy", "hnqctk"),
    ("这个电影", "this movie", "精彩", "exciting", "hnqk"), ("这场比赛", "this match", "精彩", "exciting", "hnqk"),
    ("这件事", "this matter", "麻烦", "troublesome", "hnqctk"), ("这个办法", "this method", "简单", "simple", "hnck"),
    ("这本教材", "this textbook", "容易", "easy", "hnqctk"), ("这个地区", "this region", "发达", "developed", "hnck"),
    ("这个国家", "this country", "发达", "developed", "hnqk"), ("这个房间", "this room", "乱", "messy", "hnt"),
    ("这个房间", "this room", "暖和", "warm", "hnqck"), ("这里的环境", "the environment here", "好", "good", "hnk"),
    ("这里的景色", "the scenery here", "美", "beautiful", "hk"), ("这个城市", "this city", "干净", "clean", "hnqk"),
    ("那个姑娘", "that girl", "漂亮", "beautiful", "hk"), ("这个游戏", "this game", "简单", "simple", "hnqctk"),
    ("这个节目", "this show", "精彩", "exciting", "hk"), ("这种药", "this medicine", "有效", "effective", "hk"),
]

# Something of the subject's and its adjective: (zh, en, adj zh, adj en, flags), flags as THING_ADJS.
OWNED_ADJS = [
    ("房间", "room", "乱", "messy", "hnqt"), ("屋子", "room", "整齐", "tidy", "hnqc"),
    ("工作", "job", "简单", "simple", "hnc"), ("工资", "salary", "高", "high", "hnqc"),
    ("学费", "tuition", "贵", "expensive", "hnqtc"), ("生活", "life", "幸福", "happy", "h"),
    ("发音", "pronunciation", "标准", "standard", "hnqc"), ("沙发", "sofa", "舒服", "comfortable", "hnq"),
    ("被子", "quilt", "暖和", "warm", "hnq"), ("皮包", "leather bag", "贵", "expensive", "ht"),
    ("教材", "textbook", "简单", "simple", "hnqt"),
]

INTERESTS = [("中国文化", "Chinese culture"), ("中国古代历史", "ancient Chinese history"),
             ("科技", "science and technology"), ("艺术", "art"), ("经济", "economics"), ("京剧", "Beijing opera"),
             ("武术", "martial arts"), ("功夫", "kung fu"), ("美术", "fine arts"), ("社会问题", "social issues"),
             ("世界历史", "world history")]
MAJORS = [("经济", "economics", "an"), ("艺术", "art", "an"), ("美术", "fine arts", "a"), ("历史", "history", "a"),
          ("汉语", "Chinese", "a"), ("英语", "English", "an"), ("音乐", "music", "a")]
JOBS = [("导演", "a director"), ("保安", "a security guard"), ("专家", "an expert"), ("医生", "a doctor"),
        ("记者", "a reporter"), ("演员", "an actor"), ("司机", "a driver"), ("老师", "a teacher")]
WORKPLACES = [("工厂", "in a factory"), ("旅行社", "at a travel agency"), ("邮局", "at the post office"),
              ("一家媒体公司", "at a media company"), ("农村", "in the countryside"), ("首都", "in the capital"),
              ("电视台", "at a TV station")]
HOMES = [("农村", "in the countryside"), ("城市里", "in the city"), ("首都", "in the capital"),
         ("一个小村子里", "in a small village")]
KIN = [("爸爸", "father"), ("妈妈", "mother"), ("爷爷", "grandfather"), ("奶奶", "grandmother"),
       ("父亲", "father"), ("母亲", "mother")]
CITIES = [("北京", "Beijing"), ("上海", "Shanghai"), ("南京", "Nanjing"), ("广州", "Guangzhou"),
          ("伦敦", "London"), ("纽约", "New York"), ("巴黎", "Paris"), ("东京", "Tokyo")]
CAPITALS = [("北京", "Beijing", "中国", "China"), ("伦敦", "London", "英国", "Britain"),
            ("巴黎", "Paris", "法国", "France"), ("东京", "Tokyo", "日本", "Japan")]

GROUPS = [("我们", "we"), ("你们", "you"), ("他们", "they"), ("她们", "they"),
          ("我们班的同学", "the students in our class")]
PRICED = [("这辆车", "this car"), ("这台电脑", "this computer"), ("这块手表", "this watch"), ("机票", "plane tickets"),
          ("水果", "fruit"), ("牛肉", "beef")]
BRANDED = [("手机", "phone"), ("电脑", "computer"), ("手表", "watch"), ("自行车", "bike"), ("汽车", "car")]
BODY = [("腿", "leg"), ("手", "hand"), ("脚", "foot"), ("手指", "finger"), ("头", "head")]
ZODIAC = [("龙", "dragon"), ("猪", "pig"), ("狗", "dog"), ("马", "horse"), ("牛", "ox"), ("羊", "sheep")]
NUTRITIOUS = [("牛奶", "milk", "is"), ("鸡蛋", "eggs", "are"), ("水果", "fruit", "is"), ("鱼", "fish", "is"),
              ("这个菜", "this dish", "is")]
FURNITURE = [("张桌子", "table"), ("把椅子", "chair"), ("个书架", "bookshelf"), ("张床", "bed")]
DUSTY = [("桌子", "the table"), ("椅子", "the chair"), ("书架", "the bookshelf"), ("沙发", "the sofa"),
         ("电视", "the TV"), ("窗户", "the window")]
ENDS = [("会议", "the meeting"), ("比赛", "the match"), ("电影", "the movie"), ("考试", "the exam"),
        ("晚会", "the party")]
