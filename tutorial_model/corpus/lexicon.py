"""The first round's lexicon: nouns, pronouns, numbers, adjectives, verbs, places, times, frames.

Tables are plain text: one word per row, "_" joins a multiword English form, "-" means "none".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Noun:
    zh: str
    en: str
    pl: str | None  # None: a mass noun (tea: 一杯茶 → a cup of tea) or a relative that is only "my …"
    mw: str  # measure word; for a mass noun the containers it takes (one character each)
    kind: str  # decides which verbs and adjectives fit
    gender: str = "n"  # m f n, or x: a person of unknown sex (English cannot refer back with he/she)
    only_poss: bool = False  # 妈妈 only as 我的妈妈 "my mother", never "a mother" or "the mother"


# [kind]  zh  singular  plural  measure-word  [g=m|f]  [poss: only with 我的/你的/…]
_NOUN_TABLE = """
[animal]
猫 cat cats 只          狗 dog dogs 只          鸟 bird birds 只        兔子 rabbit rabbits 只
老虎 tiger tigers 只    熊猫 panda pandas 只    猴子 monkey monkeys 只  鸭子 duck ducks 只
老鼠 mouse mice 只      大象 elephant elephants 头                      马 horse horses 匹
牛 cow cows 头          羊 sheep sheep 只       鱼 fish fish 条         蛇 snake snakes 条
狮子 lion lions 只      熊 bear bears 只
[person]
学生 student students 个      老师 teacher teachers 个      医生 doctor doctors 个
朋友 friend friends 个        孩子 child children 个        小孩 child children 个
人 person people 个           工人 worker workers 个        农民 farmer farmers 个
警察 police_officer police_officers 个                      司机 driver drivers 个
男孩 boy boys 个 g=m          女孩 girl girls 个 g=f        男人 man men 个 g=m
女人 woman women 个 g=f       工程师 engineer engineers 个  护士 nurse nurses 个
厨师 chef chefs 个            歌手 singer singers 个        作家 writer writers 个
演员 actor actors 个          邻居 neighbor neighbors 个
[family]
妈妈 mother - 个 g=f poss     爸爸 father - 个 g=m poss     爷爷 grandfather - 个 g=m poss
奶奶 grandmother - 个 g=f poss                              丈夫 husband - 个 g=m poss
妻子 wife - 个 g=f poss       哥哥 brother brothers 个 g=m  弟弟 brother brothers 个 g=m
姐姐 sister sisters 个 g=f    妹妹 sister sisters 个 g=f    儿子 son sons 个 g=m
女儿 daughter daughters 个 g=f                              叔叔 uncle uncles 个 g=m
阿姨 aunt aunts 个 g=f
[book]
书 book books 本              杂志 magazine magazines 本    词典 dictionary dictionaries 本
报纸 newspaper newspapers 份  信 letter letters 封          故事 story stories 个
[food]
苹果 apple apples 个          香蕉 banana bananas 根        橘子 orange oranges 个
鸡蛋 egg eggs 个              梨 pear pears 个              西瓜 watermelon watermelons 个
蛋糕 cake cakes 个            饺子 dumpling dumplings 个
[meal]
米饭 rice - 碗    面条 noodles - 碗    汤 soup - 碗    面包 bread - 块    肉 meat - 块
[drink]
茶 tea - 杯瓶     咖啡 coffee - 杯     水 water - 杯瓶     牛奶 milk - 杯瓶     果汁 juice - 杯瓶
[clothes]
衬衫 shirt shirts 件    外套 coat coats 件    毛衣 sweater sweaters 件    裙子 skirt skirts 条
帽子 hat hats 顶
[vehicle]
车 car cars 辆    汽车 car cars 辆    自行车 bike bikes 辆    公共汽车 bus buses 辆
出租车 taxi taxis 辆
[thing]
杯子 cup cups 个        手机 phone phones 部    电脑 computer computers 台
伞 umbrella umbrellas 把                        钥匙 key keys 把        刀 knife knives 把
笔 pen pens 支          铅笔 pencil pencils 支  包 bag bags 个          箱子 box boxes 个
球 ball balls 个        玩具 toy toys 个        礼物 gift gifts 个
[furniture]
桌子 table tables 张    椅子 chair chairs 把    床 bed beds 张    门 door doors 扇
窗户 window windows 扇
[picture]
照片 photo photos 张    地图 map maps 张
[media]
电影 movie movies 部    比赛 game games 场
[plant]
花 flower flowers 朵    树 tree trees 棵
[building]
房子 house houses 座
[subject]
数学 math - -    音乐 music - -    历史 history - -    科学 science - -
"""


def _parse_nouns(table: str) -> list[Noun]:
    out, kind, words = [], "", []
    for line in table.strip().splitlines():
        if line.startswith("["):
            kind = line.strip("[]")
            continue
        words = line.split()
        while words:
            zh, en, pl, mw, *rest = words
            flags = []
            while rest and (rest[0].startswith("g=") or rest[0] == "poss"):
                flags.append(rest.pop(0))
            gender = next((f[2:] for f in flags if f.startswith("g=")), "x" if kind == "person" else "n")
            out.append(Noun(zh, en.replace("_", " "), None if pl == "-" else pl.replace("_", " "), mw, kind,
                            gender, "poss" in flags))
            words = rest
    return out


NOUNS: list[Noun] = _parse_nouns(_NOUN_TABLE)
NOUN: dict[str, Noun] = {n.zh: n for n in NOUNS}
# Containers count mass nouns: 一杯茶 → "a cup of tea", 两碗米饭 → "two bowls of rice".
CONTAINERS = {"杯": ("cup", "cups"), "瓶": ("bottle", "bottles"), "碗": ("bowl", "bowls"),
              "块": ("piece", "pieces")}
MEASURE_GLOSS = {
    "只": "animals", "头": "big animals", "匹": "horses", "条": "long things", "个": "general",
    "本": "books", "份": "newspapers", "封": "letters", "根": "long thin things", "件": "clothes",
    "顶": "hats", "辆": "vehicles", "部": "phones, movies", "台": "machines", "把": "things with a handle",
    "支": "pens", "张": "flat things", "扇": "doors, windows", "场": "games", "朵": "flowers",
    "棵": "trees", "座": "buildings",
}
# People one can sensibly call "my …" (not "my person", "my driver").
POSS_PEOPLE = ("朋友", "老师", "医生", "邻居", "孩子", "学生")
# Who can be "a …" after 是: occupations and roles (not 男孩 or 人).
PREDICATE_PEOPLE = ("学生", "老师", "医生", "朋友", "工人", "农民", "警察", "司机", "工程师", "护士",
                    "厨师", "歌手", "作家", "演员", "邻居")


@dataclass(frozen=True)
class Pronoun:
    zh: str
    subj: str
    obj: str
    poss: str
    person: int
    plural: bool
    gender: str  # m f n x


# zh  subject object possessive  person  number
_PRONOUN_TABLE = """
我 I me my 1 sg x        你 you you your 2 sg x       他 he him his 3 sg m
她 she her her 3 sg f    它 it it its 3 sg n          我们 we us our 1 pl x
你们 you you your 2 pl x                              他们 they them their 3 pl m
她们 they them their 3 pl f                           它们 they them their 3 pl n
"""
_pw = _PRONOUN_TABLE.split()
PRONOUNS = [Pronoun(*_pw[i:i + 4], int(_pw[i + 4]), _pw[i + 5] == "pl", _pw[i + 6])  # type: ignore[misc]
            for i in range(0, len(_pw), 7)]
PRONOUN = {p.zh: p for p in PRONOUNS}
POSSESSORS = [p for p in PRONOUNS if p.gender != "n"]  # 我的 你的 … (它的 "its" left out: odd in toy data)

NUM_ZH = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
NUM_EN = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
          10: "ten"}


@dataclass(frozen=True)
class Adj:
    zh: str
    en: str
    attr: str | None = None  # before a noun: "direct" (一只大狗), "de" (一只黑色的猫); None: never


# zh  English  [direct|de: may stand before a noun]
_ADJ_TABLE = """
大 big direct       小 small direct       新 new direct         旧 old direct
可爱 cute de        漂亮 beautiful de     美丽 beautiful de     聪明 smart de
干净 clean de       便宜 cheap de         有趣 interesting de
高 tall   矮 short   累 tired   饿 hungry   渴 thirsty   忙 busy   高兴 happy   开心 happy
难过 sad   冷 cold   热 hot   快 fast   慢 slow   脏 dirty   贵 expensive   重 heavy
好吃 delicious   好喝 delicious   甜 sweet   无聊 boring   长 long   安静 quiet   远 far
近 near   好 good
黑色 black de   白色 white de   红色 red de   蓝色 blue de   绿色 green de   黄色 yellow de
灰色 gray de   棕色 brown de   粉色 pink de   紫色 purple de   橙色 orange de
"""


def _parse_adjs(table: str) -> dict[str, Adj]:
    words, out = table.split(), {}
    i = 0
    while i < len(words):
        zh, en = words[i], words[i + 1]
        attr = words[i + 2] if i + 2 < len(words) and words[i + 2] in ("direct", "de") else None
        out[zh] = Adj(zh, en, attr)
        i += 3 if attr else 2
    return out


ADJ: dict[str, Adj] = _parse_adjs(_ADJ_TABLE)
COLOURS = [a for a in ADJ.values() if a.zh.endswith("色")]


def _adjs(words: str) -> tuple[Adj, ...]:
    return tuple(ADJ[w] for w in words.split())


_ANIMAL_COLOURS = "黑色 白色 棕色 灰色 黄色"
_ALL_COLOURS = " ".join(c.zh for c in COLOURS)
# Which adjectives fit which kind of noun, as a predicate (猫很大) and before the noun (一只大猫).
PREDICATE_ADJS: dict[str, tuple[Adj, ...]] = {
    "human": _adjs("累 饿 渴 忙 高兴 开心 难过 聪明 高 矮 冷"),
    "animal": _adjs("大 小 可爱 饿 累 渴 快 慢 聪明 脏 高兴 开心"),
    "food": _adjs("大 小 好吃 甜 贵 便宜"),
    "meal": _adjs("好吃 热 冷 贵 便宜"),
    "drink": _adjs("热 冷 甜 好喝 贵 便宜"),
    "book": _adjs("新 旧 贵 便宜 有趣 无聊 长 重 好"),
    "clothes": _adjs("新 旧 贵 便宜 干净 脏 漂亮 大 小"),
    "vehicle": _adjs("新 旧 贵 便宜 干净 脏 快 慢 大 小"),
    "thing": _adjs("新 旧 贵 便宜 干净 脏 大 小 重 漂亮"),
    "furniture": _adjs("新 旧 贵 便宜 干净 脏 大 小 重"),
    "picture": _adjs("漂亮 新 旧 大 小"),
    "media": _adjs("有趣 无聊 长 好"),
    "plant": _adjs("漂亮 美丽 高 大 小"),
    "building": _adjs("大 小 新 旧 漂亮 贵"),
    "place": _adjs("大 小 干净 脏 安静 漂亮 美丽 远 近 新 旧"),
    "weather": _adjs("好 冷 热"),
}
ATTRIBUTIVE_ADJS: dict[str, tuple[Adj, ...]] = {
    "animal": _adjs(f"大 小 可爱 聪明 {_ANIMAL_COLOURS}"),
    "person": _adjs("新 聪明"),
    "book": _adjs("新 旧 有趣 红色 蓝色 绿色 黑色"),
    "food": _adjs("大 小"),
    "clothes": _adjs(f"新 旧 漂亮 干净 便宜 {_ALL_COLOURS}"),
    "vehicle": _adjs(f"新 旧 大 小 便宜 {_ALL_COLOURS}"),
    "thing": _adjs(f"新 旧 大 小 漂亮 便宜 {_ALL_COLOURS}"),
    "furniture": _adjs("新 旧 大 小 干净 便宜 白色 黑色 棕色"),
    "picture": _adjs("大 小 新 旧 漂亮"),
    "media": _adjs("新 有趣"),
    "plant": _adjs(f"大 小 漂亮 美丽 {_ALL_COLOURS}"),
    "building": _adjs("大 小 新 旧 漂亮 白色 红色"),
}
COLOURED_KINDS = ("animal", "clothes", "vehicle", "thing", "plant", "building", "book")


@dataclass(frozen=True)
class Verb:
    zh: str
    base: str  # English forms, with any particle or fixed complement: "look for", "play football"
    s3: str
    past: str
    mode: str = ""  # a bare Chinese object reads "a cat" (a), "cats" (pl), "the cat" (the), "math" (bare)
    objs: tuple[str, ...] = ()  # noun kinds, or single nouns, it takes; () = intransitive
    subj: str = "human"  # "human", or "animate" when animals may do it too
    pron_obj: bool = False  # may take a pronoun object (him, them)
    le_final: bool = False  # past 了 after the whole phrase (游泳了) rather than after the verb (买了书)
    stative: bool = False  # 有 喜欢 爱 认识 想要: present tense only, no place, time or modal


# zh  base/3sg/past  object-mode  objects… (an indented line continues the row)
# [+animate: animals may do it too] [+pron: may take him/her/them as object]
# [+stative: a state, not an event: present tense only, no place or time ("she likes these bananas")]
_TRANSITIVE_TABLE = """
有     have/has/had              a     animal thing book food drink meal clothes vehicle furniture
                                       family 朋友 +animate +stative
喜欢   like/likes/liked          pl    animal person thing book food drink meal media vehicle clothes
                                       plant subject +animate +pron +stative
爱     love/loves/loved          pl    animal person family +pron +stative
吃     eat/eats/ate              pl    food meal +animate
喝     drink/drinks/drank        pl    drink +animate
买     buy/buys/bought           pl    thing book food drink meal clothes vehicle furniture plant animal
卖     sell/sells/sold           pl    thing book food drink clothes vehicle furniture plant
看     read/reads/read           pl    book
看     watch/watches/watched     pl    media
看     look_at/looks_at/looked_at  pl  picture
看见   see/sees/saw              a     animal person vehicle +animate +pron
看到   see/sees/saw              a     animal person vehicle +animate +pron
读     read/reads/read           pl    book
写     write/writes/wrote        pl    书 信 故事
找     look_for/looks_for/looked_for  the  animal thing book clothes vehicle person family +pron
想要   want/wants/wanted         a     animal thing book food drink meal clothes vehicle +animate +stative
画     draw/draws/drew           pl    animal plant vehicle building
洗     wash/washes/washed        the   杯子 clothes vehicle food
做     make/makes/made           pl    蛋糕 饺子 面包 汤 面条
帮助   help/helps/helped         the   person family +pron
认识   know/knows/knew           the   person family +pron +stative
等     wait_for/waits_for/waited_for  the  person family 公共汽车 出租车 +pron
打开   open/opens/opened         the   门 窗户 箱子 包 书 电脑
关上   close/closes/closed       the   门 窗户 箱子 电脑
修     fix/fixes/fixed           the   车 自行车 电脑 手机 椅子 桌子 门 窗户
骑     ride/rides/rode           a     自行车 马
开     drive/drives/drove        a     车 公共汽车 出租车
穿     wear/wears/wore           a     clothes
喂     feed/feeds/fed            the   animal
学     learn/learns/learned      bare  subject
教     teach/teaches/taught      bare  subject
"""
# Intransitive verb phrases; Chinese past puts 了 at the end (游泳了). [+animate] as above.
_INTRANSITIVE_TABLE = """
跑步 run/runs/ran +animate          游泳 swim/swims/swam +animate      睡觉 sleep/sleeps/slept +animate
唱歌 sing/sings/sang                跳舞 dance/dances/danced           工作 work/works/worked
学习 study/studies/studied          做饭 cook/cooks/cooked             散步 walk/walks/walked +animate
休息 rest/rests/rested +animate     玩 play/plays/played +animate
踢足球 play_football/plays_football/played_football
打篮球 play_basketball/plays_basketball/played_basketball
打网球 play_tennis/plays_tennis/played_tennis
弹钢琴 play_the_piano/plays_the_piano/played_the_piano
回家 go_home/goes_home/went_home +animate
"""


def _forms(forms: str) -> tuple[str, str, str]:
    base, s3, past = (f.replace("_", " ") for f in forms.split("/"))
    return base, s3, past


def _parse_transitive(table: str) -> list[Verb]:
    out = []
    for line in table.strip().replace("\n ", " ").splitlines():
        zh, forms, mode, *objs = line.split()
        flags = {o for o in objs if o.startswith("+")}
        out.append(Verb(zh, *_forms(forms), mode, tuple(o for o in objs if o not in flags),
                        "animate" if "+animate" in flags else "human", "+pron" in flags,
                        stative="+stative" in flags))
    return out


def _parse_intransitive(table: str) -> list[Verb]:
    out, words = [], table.split()
    for i, w in enumerate(words):
        if "/" in w:
            subj = "animate" if i + 1 < len(words) and words[i + 1] == "+animate" else "human"
            out.append(Verb(words[i - 1], *_forms(w), subj=subj, le_final=True))
    return out


TRANSITIVE = _parse_transitive(_TRANSITIVE_TABLE)
INTRANSITIVE = _parse_intransitive(_INTRANSITIVE_TABLE)
GO = Verb("去", "go", "goes", "went", subj="animate")  # its object is a destination: 去公园 → go to the park
TRANSITIVE_BY_ZH: dict[str, list[Verb]] = {}
for _verb in TRANSITIVE:
    TRANSITIVE_BY_ZH.setdefault(_verb.zh, []).append(_verb)


@dataclass(frozen=True)
class Place:
    zh: str
    at: str  # 在公园 → "in the park"
    to: str  # 去公园 → "to the park"; "-" for 家, which is only reached by 回家 → "go home"


# zh  在 P  去 P
_PLACE_TABLE = """
公园 in_the_park to_the_park                    学校 at_school to_school
家 at_home -                                    商店 in_the_shop to_the_shop
图书馆 in_the_library to_the_library            医院 in_the_hospital to_the_hospital
银行 at_the_bank to_the_bank                    饭馆 in_the_restaurant to_the_restaurant
餐厅 in_the_restaurant to_the_restaurant        超市 at_the_supermarket to_the_supermarket
动物园 at_the_zoo to_the_zoo                    电影院 at_the_cinema to_the_cinema
办公室 in_the_office to_the_office              火车站 at_the_station to_the_station
机场 at_the_airport to_the_airport              海边 at_the_beach to_the_beach
市场 at_the_market to_the_market                博物馆 in_the_museum to_the_museum
花园 in_the_garden to_the_garden                教室 in_the_classroom to_the_classroom
厨房 in_the_kitchen to_the_kitchen
"""
_plw = _PLACE_TABLE.split()
PLACES = [Place(_plw[i], _plw[i + 1].replace("_", " "), _plw[i + 2].replace("_", " "))
          for i in range(0, len(_plw), 3)]
PLACE = {p.zh: p for p in PLACES}
DESTINATIONS = [p for p in PLACES if p.to != "-"]


@dataclass(frozen=True)
class Time:
    zh: str
    en: str
    tense: str  # tense of an action verb with it: past (Chinese 了 or 没有), present, future


TIMES = [Time("昨天", "yesterday", "past"), Time("今天", "today", "past"), Time("上周", "last week", "past"),
         Time("每天", "every day", "present"), Time("明天", "tomorrow", "future"),
         Time("下周", "next week", "future")]
TIME = {t.zh: t for t in TIMES}

# "There is … LOCATION": zh, English, and the noun kinds (or single nouns) found there.
_LOCATION_TABLE = """
公园里 in_the_park animal person plant
花园里 in_the_garden animal plant
教室里 in_the_classroom person book furniture
厨房里 in_the_kitchen food meal drink 猫 老鼠 杯子 刀
图书馆里 in_the_library person book
商店里 in_the_shop thing clothes food furniture person
动物园里 in_the_zoo animal
桌子上 on_the_table thing book food drink 猫
床上 on_the_bed 猫 狗 book clothes
椅子上 on_the_chair 猫 狗 book clothes 包
箱子里 in_the_box thing 猫 老鼠 book
包里 in_the_bag thing book food
树上 in_the_tree 鸟 猴子 猫
河里 in_the_river 鱼 鸭子
车里 in_the_car person animal thing
冰箱里 in_the_fridge food meal drink
"""
LOCATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    zh: (en.replace("_", " "), tuple(objs))
    for zh, en, *objs in (line.split() for line in _LOCATION_TABLE.strip().splitlines())}


# Pronoun resolution ("the animal didn't cross the street because it was too tired"): Chinese drops
# the subject of the 因为 clause, English must say who was "too ADJ". A frame's object adjectives
# describe the object (English: it/they about the street, that cake, those apples); its agent
# adjectives describe the subject. The two sets never overlap in a frame, so the Chinese decides.
@dataclass(frozen=True)
class Frame:
    zh: str  # Chinese verb phrase; "{o}" is a demonstrative object (那个蛋糕, 那些苹果)
    en: str  # English base form, object excluded
    obj_adjs: dict[str, str]
    agent_adjs: dict[str, str]
    subj: str = "human"
    objs: tuple[str, ...] = ()  # nouns for "{o}"


_AGENT = {"累": "tired", "害怕": "scared", "懒": "lazy"}
_HUMAN_AGENT = {**_AGENT, "忙": "busy"}
_EATER = {"累": "tired", "饱": "full", "懒": "lazy"}
_HOT = {"热": "hot", "冷": "cold", "甜": "sweet", "苦": "bitter"}
FRAMES = [
    Frame("过马路", "cross the street", {"宽": "wide", "危险": "dangerous"}, _AGENT, "animate"),
    Frame("过河", "cross the river", {"宽": "wide", "深": "deep", "冷": "cold", "危险": "dangerous"},
          _AGENT, "animate"),
    Frame("过桥", "cross the bridge", {"长": "long", "窄": "narrow", "危险": "dangerous"}, _AGENT, "animate"),
    Frame("爬树", "climb the tree", {"高": "tall"}, _AGENT, "animate"),
    # 高 is "tall" for a tree but "high" for a mountain: the frame decides.
    Frame("爬山", "climb the mountain", {"高": "high", "远": "far"}, _AGENT, "animate"),
    Frame("吃{o}", "eat", {"甜": "sweet", "大": "big", "小": "small", "酸": "sour"}, _EATER, "animate",
          ("蛋糕", "苹果", "西瓜", "饺子")),
    Frame("喝{o}", "drink", _HOT, _EATER, "animate", ("咖啡", "茶", "牛奶", "果汁")),
    Frame("买{o}", "buy", {"贵": "expensive", "旧": "old"}, _HUMAN_AGENT, "human",
          ("车", "自行车", "电脑", "书", "房子")),
    Frame("穿{o}", "wear", {"大": "big", "小": "small", "旧": "old", "脏": "dirty"}, _HUMAN_AGENT, "human",
          ("外套", "毛衣", "衬衫", "裙子")),
    Frame("读{o}", "read", {"长": "long", "难": "difficult", "无聊": "boring"}, _HUMAN_AGENT, "human",
          ("书", "杂志")),
    Frame("看{o}", "watch", {"长": "long", "无聊": "boring"}, _HUMAN_AGENT, "human", ("电影", "比赛")),
    *[Frame("去" + p.zh, "go " + p.to, {"远": "far"}, _HUMAN_AGENT, "human")
      for p in DESTINATIONS if p.zh in ("学校", "公园", "海边")],
]

# Words outside the tables, for the vocabulary page.
FUNCTION_WORDS = [
    ("的", "'s, of (possessive; before an adjective)"), ("不", "not"), ("没有", "did not; do not have"),
    ("吗", "(makes a yes/no question)"), ("很", "very"), ("太", "too"), ("不太", "not very"),
    ("了", "(completed action: past)"), ("在", "at, in; to be at"), ("因为", "because"),
    ("和", "and, with"), ("一起", "together"), ("这", "this"), ("那", "that"), ("这些", "these"),
    ("那些", "those"), ("是", "to be (am, is, are)"), ("什么", "what"), ("谁", "who"), ("哪里", "where"),
    ("想", "want to"), ("能", "can"), ("里", "in (after a place)"), ("上", "on (after a thing)"),
    ("天气", "weather"), ("马路", "street"), ("河", "river"), ("桥", "bridge"), ("山", "mountain"),
    ("冰箱", "fridge"), ("过", "cross"), ("爬", "climb"), ("难", "difficult"), ("宽", "wide"), ("深", "deep"),
    ("窄", "narrow"), ("危险", "dangerous"), ("酸", "sour"), ("苦", "bitter"), ("害怕", "scared"),
    ("懒", "lazy"), ("饱", "full"),
]


def article(word: str) -> str:
    """'an' before a vowel letter (the lexicon has no hour/uniform where sound and letter disagree)."""
    return "an" if word[0] in "aeiou" else "a"
