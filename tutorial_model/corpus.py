"""A seeded Chinese→English sentence grammar: the training corpus of the tutorial model.

No data set can be downloaded, so the corpus is *generated*. The grammar is written so that a tiny
Transformer can learn it completely in a few CPU minutes, yet still shows what makes translation hard:

* **Deterministic.** Every Chinese sentence has exactly one English translation. Where real English
  would hesitate (is 我的书 "my book" or "my books"?) the grammar picks one convention and keeps it.
  ``generate_pairs`` refuses to emit one Chinese sentence with two different translations.
* **Regular.** Every rule is a small ``build_*`` function; every word sits in a small table with its
  English forms (singular, plural, measure word; 3rd-person and past forms), so nothing has to be
  learned from a single example. Sampling is uniform over table rows, so every word is frequent.
* **Interesting for attention.** Phrases move (在公园 before the verb → "in the park" at the end;
  昨天 at the front → "yesterday" at the end, with a past verb); words vanish (measure words 只/本/个)
  or appear (a/an, the, do/does, and the pronoun of the 因为 clause); verbs agree (he has / they have);
  one Chinese word takes its translation from context (看书 read, 看电影 watch, 看照片 look at).

Sentence families (a ``family_*`` sampler each, built on deterministic ``build_*`` functions)::

    action       我昨天在公园看了一本书        I read a book in the park yesterday
    modal        他不能和我一起去公园          he cannot go to the park with me
    identity     他们是学生 / 这是我的书       they are students / this is my book
    location     我的猫不在家                  my cat is not at home
    adjective    这两只狗很大吗                are these two dogs very big ?
    existential  桌子上有三杯茶                there are three cups of tea on the table
    wh-question  你昨天买了什么                what did you buy yesterday ?
    resolution   两只狗没有过马路因为太累了    two dogs did not cross the street because they were too tired

Conventions: English tokens are joined by single spaces, all lowercase except "I"; "?" is the last
token of a question; no other punctuation, no contractions. Chinese has no spaces and no punctuation.
"a"/"an" follows the next word's first letter (``article``); the lexicon has no word where sound and
spelling disagree (hour, uniform). Run ``python -m tutorial_model.corpus`` for corpus statistics.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

MAX_ZH_CHARS = 22
MAX_EN_TOKENS = 22


@dataclass(frozen=True)
class Pair:
    zh: str  # Chinese, no spaces, no punctuation
    en: str  # English tokens joined by single spaces
    tags: tuple[str, ...]  # phenomena present, sorted


# ============================================================================================ lexicon
# Tables are plain text: one word per row, "_" joins a multiword English form, "-" means "none".


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


# ======================================================================================= noun phrases


@dataclass(frozen=True)
class NP:
    zh: str
    en: str  # as a subject
    obj: str  # as an object ("him"); the same as en for a noun phrase
    person: int
    plural: bool
    gender: str  # m f n x: decides he/she/it in the resolution family
    kind: str  # the noun's kind; "human" for 我/你/他…, "animal" for 它
    tags: frozenset[str] = frozenset()

    @property
    def third_singular(self) -> bool:
        return self.person == 3 and not self.plural


def pron_np(zh: str) -> NP:
    p = PRONOUN[zh]
    return NP(p.zh, p.subj, p.obj, p.person, p.plural, p.gender, "animal" if p.gender == "n" else "human")


def _np(zh: str, en: str, noun: Noun, plural: bool, tags: Iterable[str]) -> NP:
    return NP(zh, en, en, 3, plural, noun.gender, noun.kind, frozenset(tags))


def _adj_zh(adj: Adj | None) -> str:
    return "" if adj is None else adj.zh + ("的" if adj.attr == "de" else "")


def _adj_en(adj: Adj | None) -> list[str]:
    return [adj.en] if adj else []


def _plural_tags(noun: Noun) -> set[str]:
    return {"plural", "irregular_plural"} if noun.pl != noun.en + "s" else {"plural"}


def def_np(zh: str) -> NP:
    """A bare noun as a subject is definite: 猫很大 → "the cat is very big"."""
    noun = NOUN[zh]
    return _np(noun.zh, "the " + noun.en, noun, False, ())


def bare_obj(zh: str, mode: str) -> NP:
    """A bare noun as an object; the verb decides how it reads (see ``Verb.mode``)."""
    noun = NOUN[zh]
    if noun.pl is None or mode == "bare":
        return _np(noun.zh, noun.en, noun, False, ())
    if mode == "a":
        return _np(noun.zh, f"{article(noun.en)} {noun.en}", noun, False, ())
    if mode == "the":
        return _np(noun.zh, "the " + noun.en, noun, False, ())
    return _np(noun.zh, noun.pl, noun, True, _plural_tags(noun))


def quant_np(n: int, zh: str, adj: Adj | None = None, container: str | None = None) -> NP:
    """Number + measure word (+ adjective) + noun: 两只黑色的猫 → "two black cats"; 一杯茶 → "a cup of tea".

    The measure word disappears in English; 一 becomes a/an.
    """
    noun = NOUN[zh]
    tags = {"measure_word", "number"} if n > 1 else {"measure_word"}
    if noun.pl is None:  # mass noun: the container is what gets counted
        mw = container or noun.mw[0]
        head = [CONTAINERS[mw][0 if n == 1 else 1], "of", noun.en]
        adj = None
    else:
        mw = noun.mw
        head = [*_adj_en(adj), noun.en if n == 1 else noun.pl]
        tags |= _plural_tags(noun) if n > 1 else set()
    tags |= {"adjective"} if adj else set()
    det = article(head[0]) if n == 1 else NUM_EN[n]
    return _np(NUM_ZH[n] + mw + _adj_zh(adj) + noun.zh, " ".join([det, *head]), noun, n > 1, tags)


def poss_np(owner: str, zh: str) -> NP:
    """我的妈妈 → "my mother". Singular by convention (我的书 → "my book")."""
    noun, p = NOUN[zh], PRONOUN[owner]
    return _np(f"{owner}的{zh}", f"{p.poss} {noun.en}", noun, False, {"possessive"})


def dem_np(near: bool, zh: str, n: int | None = None, adj: Adj | None = None, plural: bool = False) -> NP:
    """这只猫 this cat, 那些猫 those cats, 这两只猫 these two cats, 这杯茶 this cup of tea."""
    noun = NOUN[zh]
    this, these = ("这", "这些") if near else ("那", "那些")
    this_en, these_en = ("this", "these") if near else ("that", "those")
    tags = {"demonstrative"} | ({"adjective"} if adj else set())
    if noun.pl is None:
        mw = noun.mw[0]
        return _np(this + mw + noun.zh, f"{this_en} {CONTAINERS[mw][0]} of {noun.en}", noun, False,
                   tags - {"adjective"} | {"measure_word"})
    if n is not None and n > 1:
        return _np(this + NUM_ZH[n] + noun.mw + _adj_zh(adj) + noun.zh,
                   " ".join([these_en, NUM_EN[n], *_adj_en(adj), noun.pl]), noun, True,
                   tags | {"measure_word", "number"} | _plural_tags(noun))
    if plural:
        return _np(these + _adj_zh(adj) + noun.zh, " ".join([these_en, *_adj_en(adj), noun.pl]), noun, True,
                   tags | _plural_tags(noun))
    return _np(this + noun.mw + _adj_zh(adj) + noun.zh, " ".join([this_en, *_adj_en(adj), noun.en]), noun,
               False, tags | {"measure_word"})


# ============================================================================== clauses (deterministic)


@dataclass(frozen=True)
class VP:
    zh_v: str
    zh_o: str
    base: str  # English verb forms, object excluded
    s3: str
    past: str
    en_o: str  # English object, possibly ""
    le_final: bool
    tags: frozenset[str] = frozenset()


def vp(verb: Verb, obj: NP | None = None) -> VP:
    return VP(verb.zh, obj.zh if obj else "", verb.base, verb.s3, verb.past, obj.obj if obj else "",
              verb.le_final, obj.tags if obj else frozenset())


def go_vp(place: str) -> VP:
    p = PLACE[place]
    return VP(GO.zh, p.zh, GO.base, GO.s3, GO.past, p.to, False)


def _zh_verb(v: VP, past: bool) -> str:
    """Chinese verb phrase; a completed action takes 了 after the verb (买了书) or at the end (游泳了)."""
    if not past:
        return v.zh_v + v.zh_o
    return v.zh_v + v.zh_o + "了" if v.le_final else v.zh_v + "了" + v.zh_o


def _pair(zh: Iterable[str], en: Iterable[str], tags: Iterable[str]) -> Pair:
    words = " ".join(w for w in en if w).split()
    tags = set(tags) | ({"a_an"} if {"a", "an"} & set(words) else set())
    return Pair("".join(zh), " ".join(words), tuple(sorted(tags)))


def _flags(neg: bool = False, q: bool = False, time: Time | None = None, place: bool = False) -> set[str]:
    return ({"negation"} if neg else set()) | ({"question"} if q else set()) | (
        {"moved_time"} if time else set()) | ({"moved_place"} if place else set())


def _be(subj: NP, tense: str = "present") -> str:
    if tense == "past":
        return "were" if subj.plural or subj.person == 2 else "was"
    if subj.person == 1 and not subj.plural:
        return "am"
    return "is" if subj.third_singular else "are"


def _do(subj: NP) -> str:
    return "does" if subj.third_singular else "do"


def _tense_tags(tense: str, subj: NP | None = None) -> set[str]:
    if tense != "present":
        return {tense}
    return {"agreement"} if subj is None or subj.third_singular else set()


def build_action(subj: NP, v: VP, tense: str = "present", time: str | None = None, time_front: bool = False,
                 place: str | None = None, comp: NP | None = None, neg: bool = False,
                 q: bool = False) -> Pair:
    """S [T] [不/没有] [和X一起] [在P] V(了)O [吗] → S V O [with X] [in P] [T].

    Place and time move to the end; past is marked by 了 (negated: 没有, no 了), future by 明天/下周.
    """
    t, p = TIME.get(time or ""), PLACE.get(place or "")
    assert t is None or t.tense == tense, (time, tense)
    if neg:
        neg_zh = "没有" if tense == "past" else ("没" if v.zh_v == "有" else "不")  # 没有猫, not 不有猫
    zh = [t.zh if t and time_front else "", subj.zh, t.zh if t and not time_front else "",
          neg_zh if neg else "", f"和{comp.zh}一起" if comp else "", "在" + p.zh if p else "",
          _zh_verb(v, tense == "past" and not neg), "吗" if q else ""]

    tail = [v.en_o, "with " + comp.obj if comp else "", p.at if p else "", t.en if t else ""]
    aux = {"present": _do(subj), "past": "did", "future": "will"}[tense]
    finite = {"present": v.s3 if subj.third_singular else v.base, "past": v.past, "future": "will " + v.base}
    if q:
        en = [aux, subj.en, v.base, *tail, "?"]
    elif neg:
        en = [subj.en, aux, "not", v.base, *tail]
    else:
        en = [subj.en, finite[tense], *tail]
    tags = subj.tags | v.tags | (comp.tags | {"companion"} if comp else set())
    return _pair(zh, en, tags | _flags(neg, q, t, bool(p)) | _tense_tags(tense, subj))


DO_MODALS = {"想": ("want", "wants"), "喜欢": ("like", "likes")}


def build_modal(subj: NP, modal: str, v: VP, place: str | None = None, comp: NP | None = None,
                neg: bool = False, q: bool = False) -> Pair:
    """想 + VP → "want(s) to VP"; 喜欢 + VP → "like(s) to VP"; 能 + VP → "can VP" (no do-support)."""
    p = PLACE.get(place or "")
    zh = [subj.zh, "不" if neg else "", modal, f"和{comp.zh}一起" if comp else "", "在" + p.zh if p else "",
          v.zh_v + v.zh_o, "吗" if q else ""]
    tail = [v.base, v.en_o, "with " + comp.obj if comp else "", p.at if p else ""]
    tags = subj.tags | v.tags | {"modal"} | (comp.tags | {"companion"} if comp else set())
    if modal in DO_MODALS:
        base, s3 = DO_MODALS[modal]
        if q:
            en = [_do(subj), subj.en, base, "to", *tail, "?"]
        elif neg:
            en = [subj.en, _do(subj), "not", base, "to", *tail]
        else:
            en = [subj.en, s3 if subj.third_singular else base, "to", *tail]
        tags |= {"agreement"} if subj.third_singular else set()
    else:
        en = ["can", subj.en, *tail, "?"] if q else [subj.en, "cannot" if neg else "can", *tail]
    return _pair(zh, en, tags | _flags(neg, q, None, bool(p)))


def build_identity(subj: NP, noun: str, counted: bool = False, adj: Adj | None = None,
                   owner: str | None = None, neg: bool = False, q: bool = False) -> Pair:
    """他是(一个)学生 → "he is a student"; 他们是学生 → "they are students";
    她是我的老师 → "she is my teacher".

    English number on the predicate noun comes from the subject: Chinese does not mark it on the noun.
    """
    n = NOUN[noun]
    tags = set(subj.tags) | {"copula", "agreement"} | ({"adjective"} if adj else set())
    if owner:
        zh_pred, en_pred = f"{owner}的{n.zh}", [PRONOUN[owner].poss, n.pl if subj.plural else n.en]
        tags.add("possessive")
    elif subj.plural:
        zh_pred, en_pred = _adj_zh(adj) + n.zh, [*_adj_en(adj), n.pl]
    else:
        zh_pred = ("一" + n.mw if counted else "") + _adj_zh(adj) + n.zh
        en_pred = [article((_adj_en(adj) or [n.en])[0]), *_adj_en(adj), n.en]
        tags |= {"measure_word"} if counted else set()
    tags |= _plural_tags(n) if subj.plural else set()
    zh = [subj.zh, "不是" if neg else "是", zh_pred, "吗" if q else ""]
    be = _be(subj)
    en = [be, subj.en, *en_pred, "?"] if q else [subj.en, be, "not" if neg else "", *en_pred]
    return _pair(zh, en, tags | _flags(neg, q))


def build_this_is(near: bool, obj: NP, neg: bool = False, q: bool = False) -> Pair:
    """这是一只猫 → "this is a cat"; 那不是我的书 → "that is not my book";
    这是你的书吗 → "is this your book ?"."""
    dem = "this" if near else "that"
    zh = ["这" if near else "那", "不是" if neg else "是", obj.zh, "吗" if q else ""]
    en = ["is", dem, obj.en, "?"] if q else [dem, "is", "not" if neg else "", obj.en]
    return _pair(zh, en, obj.tags | {"copula", "agreement", "demonstrative"} | _flags(neg, q))


def _be_phrase(subj: NP, tense: str, neg: bool, q: bool, pred: list[str], time_en: str) -> list[str]:
    """English "S be PRED [TIME]" in any tense, negated or asked."""
    if tense == "future":
        if q:
            return ["will", subj.en, "be", *pred, time_en, "?"]
        return [subj.en, "will", "not" if neg else "", "be", *pred, time_en]
    be = _be(subj, tense)
    return [be, subj.en, *pred, time_en, "?"] if q else [subj.en, be, "not" if neg else "", *pred, time_en]


# With 在 or an adjective the tense comes from the time word alone; 今天 here is simply "today".
_STATE_TENSE = {None: "present", "昨天": "past", "今天": "present", "每天": "present", "明天": "future",
                "上周": "past", "下周": "future"}


def build_location(subj: NP, place: str, time: str | None = None, time_front: bool = False,
                   neg: bool = False, q: bool = False) -> Pair:
    """我的猫在公园 → "my cat is in the park"; 他昨天不在家 → "he was not at home yesterday"."""
    t, p, tense = TIME.get(time or ""), PLACE[place], _STATE_TENSE[time]
    zh = [t.zh if t and time_front else "", subj.zh, t.zh if t and not time_front else "",
          "不在" if neg else "在", p.zh, "吗" if q else ""]
    en = _be_phrase(subj, tense, neg, q, [p.at], t.en if t else "")
    return _pair(zh, en, subj.tags | {"location"} | _flags(neg, q, t) | _tense_tags(tense))


DEGREES = {"很": "very", "太": "too", "不": "", "不太": "very"}  # 不/不太 add "not" to the verb


def build_adjective(subj: NP, degree: str, adj: Adj, time: str | None = None, time_front: bool = False,
                    q: bool = False) -> Pair:
    """猫很大 → "the cat is very big"; 他昨天太累了 → "he was too tired yesterday"; 不太 → "not very"."""
    t, tense, neg = TIME.get(time or ""), _STATE_TENSE[time], degree.startswith("不")
    zh = [t.zh if t and time_front else "", subj.zh, t.zh if t and not time_front else "", degree, adj.zh,
          "了" if degree == "太" else "", "吗" if q else ""]
    en = _be_phrase(subj, tense, neg, q, [DEGREES[degree], adj.en], t.en if t else "")
    tags = subj.tags | {"adjective", "predicate_adjective"}
    return _pair(zh, en, tags | _flags(neg, q, t) | _tense_tags(tense))


def build_colour(subj: NP, colour: Adj, neg: bool = False, q: bool = False) -> Pair:
    """猫是黑色的 → "the cat is black"."""
    zh = [subj.zh, "不是" if neg else "是", colour.zh, "的", "吗" if q else ""]
    en = _be_phrase(subj, "present", neg, q, [colour.en], "")
    return _pair(zh, en, subj.tags | {"adjective", "agreement"} | _flags(neg, q))


def build_existential(loc: str, obj: NP, neg: bool = False, q: bool = False) -> Pair:
    """桌子上有三本书 → "there are three books on the table": the location moves from front to end.

    Negated, a bare countable noun reads as plural: 公园里没有猫 → "there are no cats in the park".
    """
    loc_en = LOCATIONS[loc][0]
    be = "are" if obj.plural else "is"
    zh = [loc, "没有" if neg else "有", obj.zh, "吗" if q else ""]
    if q:
        en = [be, "there", obj.en, loc_en, "?"]
    else:
        en = ["there", be, "no" if neg else "", obj.en, loc_en]
    return _pair(zh, en, obj.tags | {"existential", "agreement"} | _flags(neg, q, None, True))


def build_wh_object(subj: NP, verb: Verb, tense: str = "present", time: str | None = None,
                    place: str | None = None) -> Pair:
    """你昨天买了什么 → "what did you buy yesterday ?".

    什么 stays where the object is in Chinese; "what" moves to the front in English.
    """
    t, p = TIME.get(time or ""), PLACE.get(place or "")
    zh = [subj.zh, t.zh if t else "", "在" + p.zh if p else "", verb.zh, "了" if tense == "past" else "",
          "什么"]
    aux = {"present": _do(subj), "past": "did", "future": "will"}[tense]
    en = ["what", aux, subj.en, verb.base, p.at if p else "", t.en if t else "", "?"]
    tags = subj.tags | {"wh_question"} | _flags(False, True, t, bool(p)) | _tense_tags(tense, subj)
    return _pair(zh, en, tags)


def build_wh_subject(v: VP, tense: str = "present", time: str | None = None,
                     place: str | None = None) -> Pair:
    """谁有一只猫 → "who has a cat ?": a subject question has no do, and "who" takes the -s form."""
    t, p = TIME.get(time or ""), PLACE.get(place or "")
    zh = ["谁", t.zh if t else "", "在" + p.zh if p else "", _zh_verb(v, tense == "past")]
    finite = {"present": v.s3, "past": v.past, "future": "will " + v.base}[tense]
    en = ["who", finite, v.en_o, p.at if p else "", t.en if t else "", "?"]
    return _pair(zh, en, v.tags | {"wh_question"} | _flags(False, True, t, bool(p)) | _tense_tags(tense))


def build_wh_where(subj: NP, go: bool, tense: str = "present", time: str | None = None) -> Pair:
    """你明天去哪里 → "where will you go tomorrow ?"; 我的猫在哪里 → "where is my cat ?"."""
    t = TIME.get(time or "")
    if go:
        zh = [subj.zh, t.zh if t else "", "去了哪里" if tense == "past" else "去哪里"]
        aux = {"present": _do(subj), "past": "did", "future": "will"}[tense]
        en = ["where", aux, subj.en, "go", t.en if t else "", "?"]
    else:
        zh = [subj.zh, t.zh if t else "", "在哪里"]
        future = tense == "future"
        en = ["where", "will" if future else _be(subj, tense), subj.en, "be" if future else "",
              t.en if t else "", "?"]
    return _pair(zh, en, subj.tags | {"wh_question"} | _flags(False, True, t) | _tense_tags(tense, subj))


def build_what_is(near: bool) -> Pair:
    """这是什么 → "what is this ?"."""
    return _pair(["这是什么" if near else "那是什么"], ["what is", "this" if near else "that", "?"],
                 {"wh_question", "question", "demonstrative"})


def resolution_pronoun(subj: NP) -> str | None:
    """The pronoun that refers back to ``subj``; None where English would have to guess he or she."""
    if subj.person == 1:
        return "we" if subj.plural else "I"
    if subj.person == 2:
        return "you"
    if subj.plural:
        return "they"
    return {"m": "he", "f": "she", "n": "it"}.get(subj.gender)


def build_resolution(subj: NP, frame: Frame, adj: str, obj: NP | None = None,
                     time: str | None = None) -> Pair:
    """猫没有过马路因为太累了 → "the cat did not cross the street because it was too tired".

    Chinese leaves out who was too tired (or too wide). English must say it, with the right pronoun and
    be-form: the subject for the frame's agent adjectives, otherwise the object (the street, that cake).
    """
    if adj in frame.agent_adjs:
        who, adj_en, plural = resolution_pronoun(subj), frame.agent_adjs[adj], subj.plural or subj.person == 2
    else:
        plural = bool(obj and obj.plural)
        who, adj_en = "they" if plural else "it", frame.obj_adjs[adj]
    assert who is not None, subj
    t = TIME.get(time or "")
    zh = [subj.zh, t.zh if t else "", "没有", frame.zh.format(o=obj.zh if obj else ""), "因为太", adj, "了"]
    en = [subj.en, "did not", frame.en, obj.obj if obj else "", t.en if t else "", "because", who,
          "were" if plural else "was", "too", adj_en]
    tags = subj.tags | (obj.tags if obj else set()) | {"pronoun_resolution", "past"}
    return _pair(zh, en, tags | _flags(True, False, t))


# =================================================================================== random samplers

Maybe = Pair | None


@functools.cache
def _nouns_for(spec: tuple[str, ...]) -> list[Noun]:
    return [n for n in NOUNS if n.kind in spec or n.zh in spec]


def _pick_adj(rng: random.Random, noun: Noun, p: float = 0.25) -> Adj | None:
    choices = ATTRIBUTIVE_ADJS.get(noun.kind)
    return rng.choice(choices) if choices and noun.pl and rng.random() < p else None


def _possessor(rng: random.Random, noun: Noun) -> str:
    """我的 / 他们的 …; but one husband or wife per owner ("our husband" is out)."""
    owners = [p for p in POSSESSORS if not (noun.zh in ("丈夫", "妻子") and p.plural)]
    return rng.choice(owners).zh


def sample_noun_np(rng: random.Random, noun: Noun, role: str, mode: str = "pl") -> NP:
    """Some noun phrase for ``noun``: bare, counted, possessive or demonstrative, maybe with an adjective."""
    if noun.kind == "subject":
        return bare_obj(noun.zh, "bare")
    if noun.only_poss:
        return poss_np(_possessor(rng, noun), noun.zh)
    r = rng.random()
    if role == "subj":
        style = "bare" if r < 0.3 else "poss" if r < 0.55 else "dem" if r < 0.8 else "quant"
    else:
        style = "bare" if r < 0.3 else "quant" if r < 0.75 else "poss" if r < 0.85 else "dem"
    if noun.kind == "family" and style in ("bare", "dem"):
        style = "poss"
    if style == "poss" and noun.kind == "person" and noun.zh not in POSS_PEOPLE:
        style = "dem"
    if style == "bare":
        return def_np(noun.zh) if role == "subj" else bare_obj(noun.zh, mode)
    if style == "poss":
        return poss_np(_possessor(rng, noun), noun.zh)
    if style == "dem":
        near, r2, adj = rng.random() < 0.5, rng.random(), _pick_adj(rng, noun, 0.15)
        if noun.pl is None or r2 < 0.45:
            return dem_np(near, noun.zh, adj=adj)
        if r2 < 0.8:
            return dem_np(near, noun.zh, adj=adj, plural=True)
        return dem_np(near, noun.zh, n=rng.randint(2, 10), adj=adj)
    n = rng.randint(2, 10) if role == "subj" or rng.random() < 0.55 else 1
    if noun.pl is None:
        return quant_np(n, noun.zh, container=rng.choice(noun.mw))
    return quant_np(n, noun.zh, adj=_pick_adj(rng, noun))


def sample_subject(rng: random.Random, klass: str = "human", kinds: Sequence[str] | None = None,
                   p_pron: float = 0.35) -> NP:
    """A subject: a pronoun, or a noun phrase of the given kinds (default: people, and animals if animate)."""
    if kinds is None:
        kinds = ("person", "family", "animal") if klass == "animate" else ("person", "family")
    pron_kinds = {"animal", "human"} & ({"human", *kinds} if "person" in kinds else set(kinds))
    if rng.random() < p_pron and pron_kinds:
        allowed = [p for p in PRONOUNS if ("animal" if p.gender == "n" else "human") in pron_kinds]
        return pron_np(rng.choice(allowed).zh)
    return sample_noun_np(rng, rng.choice(_nouns_for(tuple(kinds))), "subj")


def sample_object(rng: random.Random, verb: Verb) -> NP:
    if verb.pron_obj and rng.random() < 0.15:
        return pron_np(rng.choice(PRONOUNS).zh)
    nouns = _nouns_for(verb.objs)
    if verb.zh == "有":  # one has "a brother" or "two sisters", never "my mother"
        noun = rng.choice([n for n in nouns if not n.only_poss])
        if noun.kind == "family":
            return quant_np(rng.randint(1, 4), noun.zh)
        return sample_noun_np(rng, noun, "obj", verb.mode)
    noun = rng.choice(nouns)
    if noun.kind == "family":  # otherwise a relative is always someone's: "help my mother"
        return poss_np(_possessor(rng, noun), noun.zh)
    return sample_noun_np(rng, noun, "obj", verb.mode)


_COMPANIONS = ("朋友", "妈妈", "爸爸", "哥哥", "姐姐", "孩子", "老师")


def _sample_companion(rng: random.Random, subj: NP) -> NP:
    """和X一起 → "with X": a person other than the subject."""
    if rng.random() < 0.5:
        return pron_np(rng.choice([p for p in PRONOUNS if p.gender != "n" and p.subj != subj.en]).zh)
    noun = NOUN[rng.choice(_COMPANIONS)]
    return poss_np(_possessor(rng, noun), noun.zh)


def _sample_vp(rng: random.Random, allow_stative: bool = True) -> tuple[Verb, VP]:
    r = rng.random()
    if r < 0.55:
        verb = rng.choice([v for v in TRANSITIVE if allow_stative or not v.stative])
        return verb, vp(verb, sample_object(rng, verb))
    if r < 0.82:
        verb = rng.choice(INTRANSITIVE)
        return verb, vp(verb)
    return GO, go_vp(rng.choice(DESTINATIONS).zh)


def _neg_q(rng: random.Random, p_neg: float, p_q: float) -> tuple[bool, bool]:
    neg = rng.random() < p_neg
    return neg, not neg and rng.random() < p_q


def family_action(rng: random.Random) -> Maybe:
    verb, v = _sample_vp(rng)
    subj = sample_subject(rng, verb.subj)
    neg, q = _neg_q(rng, 0.25, 0.22)
    if verb.stative:  # 我没有猫 → I do not have a cat; 她喜欢狗吗 → does she like dogs ?
        return build_action(subj, v, neg=neg, q=q)
    tense = rng.choice(["present", "present", "past", "past", "future"])
    times = [t.zh for t in TIMES if t.tense == tense]
    time = rng.choice(times) if tense == "future" or rng.random() < 0.6 else None
    takes_place = verb is not GO and verb.zh != "回家"
    place = rng.choice(PLACES).zh if takes_place and rng.random() < 0.35 else None
    comp = _sample_companion(rng, subj) if subj.kind == "human" and rng.random() < 0.12 else None
    return build_action(subj, v, tense, time, rng.random() < 0.3, place, comp, neg, q)


def family_modal(rng: random.Random) -> Maybe:
    verb, v = _sample_vp(rng, allow_stative=False)
    subj = sample_subject(rng, verb.subj)
    neg, q = _neg_q(rng, 0.3, 0.3)
    takes_place = verb is not GO and verb.zh != "回家"
    place = rng.choice(PLACES).zh if takes_place and rng.random() < 0.3 else None
    comp = _sample_companion(rng, subj) if subj.kind == "human" and rng.random() < 0.15 else None
    return build_modal(subj, rng.choice(["想", "能", "喜欢"]), v, place, comp, neg, q)


def family_identity(rng: random.Random) -> Maybe:
    neg, q = _neg_q(rng, 0.25, 0.25)
    if rng.random() < 0.3:  # 这是一只猫 / 那是我的书
        noun = rng.choice([n for n in NOUNS if n.kind != "subject"])
        ownable = noun.kind == "family" or noun.kind != "person" or noun.zh in POSS_PEOPLE
        if noun.kind == "family" or ownable and rng.random() < 0.35:
            return build_this_is(rng.random() < 0.5, poss_np(_possessor(rng, noun), noun.zh), neg, q)
        return build_this_is(rng.random() < 0.5, quant_np(1, noun.zh, adj=_pick_adj(rng, noun)), neg, q)
    subj = sample_subject(rng, "human", p_pron=0.6)
    if rng.random() < 0.3:  # 她是我的妈妈 / 他们是我的朋友
        noun = NOUN[rng.choice([n.zh for n in NOUNS if n.kind == "family"] + list(POSS_PEOPLE))]
        owner = _possessor(rng, noun)
        if (subj.plural and noun.pl is None) or owner == subj.zh:
            return None
        return build_identity(subj, noun.zh, owner=owner, neg=neg, q=q)
    noun = NOUN[rng.choice(PREDICATE_PEOPLE)]
    counted = not subj.plural and rng.random() < 0.5
    return build_identity(subj, noun.zh, counted, _pick_adj(rng, noun, 0.2), neg=neg, q=q)


def family_location(rng: random.Random) -> Maybe:
    subj = sample_subject(rng, "animate")
    time = rng.choice([None, None, "昨天", "今天", "明天", "每天", "上周", "下周"])
    neg, q = _neg_q(rng, 0.25, 0.25)
    return build_location(subj, rng.choice(PLACES).zh, time, rng.random() < 0.3, neg, q)


_THING_KINDS = [k for k in PREDICATE_ADJS if k not in ("human", "place", "weather")]


def family_adjective(rng: random.Random) -> Maybe:
    r = rng.random()
    if r < 0.3:
        subj = sample_subject(rng, "human", p_pron=0.5)
        adjs = PREDICATE_ADJS["human"]
    elif r < 0.42:  # 公园很安静 → "the park is very quiet"
        place = rng.choice(DESTINATIONS)
        subj = NP(place.zh, "the " + place.to.split()[-1], "", 3, False, "n", "place")
        adjs = PREDICATE_ADJS["place"]
    elif r < 0.48:  # 今天天气很好 → "the weather is very good today"
        subj = NP("天气", "the weather", "", 3, False, "n", "weather")
        adjs = PREDICATE_ADJS["weather"]
    else:
        kind = rng.choice(_THING_KINDS)
        subj = sample_subject(rng, "animate", kinds=(kind,), p_pron=0.25 if kind == "animal" else 0)
        adjs = PREDICATE_ADJS[kind]
    if subj.kind in COLOURED_KINDS and rng.random() < 0.06:
        neg, q = _neg_q(rng, 0.25, 0.3)
        return build_colour(subj, rng.choice(COLOURS), neg, q)
    degree = rng.choice(["很", "很", "很", "太", "不", "不太"])
    timed = subj.kind in ("human", "person", "family", "animal", "weather")
    time = rng.choice([None, None, None, "昨天", "今天", "明天", "每天"]) if timed else None
    q = degree == "很" and rng.random() < 0.3
    return build_adjective(subj, degree, rng.choice(adjs), time, rng.random() < 0.3, q)


def family_existential(rng: random.Random) -> Maybe:
    loc = rng.choice(list(LOCATIONS))
    noun = rng.choice(_nouns_for(LOCATIONS[loc][1]))
    if rng.random() < 0.2:  # 没有 + bare noun reads as plural: "there are no cats"
        return build_existential(loc, bare_obj(noun.zh, "pl"), neg=True)
    if rng.random() < 0.2:
        obj = bare_obj(noun.zh, "a")
    else:
        container = rng.choice(noun.mw) if noun.pl is None else None
        obj = quant_np(rng.randint(1, 10), noun.zh, _pick_adj(rng, noun), container)
    return build_existential(loc, obj, q=rng.random() < 0.25)


_WH_VERBS = [v for v in TRANSITIVE if v.zh in "有 喜欢 吃 喝 买 卖 读 写 想要 画 做 看见 找 洗 学".split()]


def family_wh(rng: random.Random) -> Maybe:
    r = rng.random()
    tense = rng.choice(["present", "past", "future"])
    timed = tense == "future" or rng.random() < 0.5
    time = rng.choice([t.zh for t in TIMES if t.tense == tense]) if timed else None
    if r < 0.4:  # what
        verb = rng.choice(_WH_VERBS)
        if verb.stative and (tense != "present" or time):
            return None
        place = rng.choice(PLACES).zh if not verb.stative and rng.random() < 0.25 else None
        return build_wh_object(sample_subject(rng, verb.subj), verb, tense, time, place)
    if r < 0.75:  # who
        verb, v = _sample_vp(rng)
        if verb.stative and (tense != "present" or time):
            return None
        takes_place = not verb.stative and verb is not GO and verb.zh != "回家"
        place = rng.choice(PLACES).zh if takes_place and rng.random() < 0.25 else None
        return build_wh_subject(v, tense, time, place)
    if r < 0.995:  # where
        subj = sample_subject(rng, "animate")
        if rng.random() < 0.5:
            return build_wh_where(subj, True, tense, time)
        state_time = rng.choice([None, None, "昨天", "明天"])
        return build_wh_where(subj, False, _STATE_TENSE[state_time], state_time)
    return build_what_is(rng.random() < 0.5)


def family_resolution(rng: random.Random) -> Maybe:
    frame = rng.choice(FRAMES)
    subj = sample_subject(rng, frame.subj, p_pron=0.3)
    obj = None
    if frame.objs:
        noun = NOUN[rng.choice(frame.objs)]
        obj = dem_np(False, noun.zh, plural=noun.pl is not None and rng.random() < 0.4)
    agent = rng.random() < 0.5
    if agent and resolution_pronoun(subj) is None:  # "the student … because ?? was too tired"
        return None
    adj = rng.choice(list(frame.agent_adjs if agent else frame.obj_adjs))
    return build_resolution(subj, frame, adj, obj, "昨天" if rng.random() < 0.2 else None)


# Family → (sampler, distinct sentences to draw). Sizes keep every table row well above 20 uses in train.
FAMILIES: dict[str, tuple[Callable[[random.Random], Maybe], int]] = {
    "action": (family_action, 26000),
    "modal": (family_modal, 5000),
    "identity": (family_identity, 4500),
    "location": (family_location, 3000),
    "adjective": (family_adjective, 7000),
    "existential": (family_existential, 3500),
    "wh": (family_wh, 5000),
    "resolution": (family_resolution, 5000),
}


# ======================================================================= seeds, examples, the corpus


def _have(zh: str) -> Verb:
    return TRANSITIVE_BY_ZH[zh][0]


def _seed_pairs() -> list[Pair]:
    """The sentences the project brief names; the shipped model must translate every one."""
    i, he, street = pron_np("我"), pron_np("他"), FRAMES[0]
    have, like, read = _have("有"), _have("喜欢"), TRANSITIVE_BY_ZH["看"][0]
    return [
        build_action(i, vp(have, quant_np(1, "猫"))),  # I have a cat
        build_identity(i, "学生", counted=True),  # I am a student
        *[build_action(pron_np(p), vp(have, quant_np(1, "猫"))) for p in ("你", "他", "她", "我们", "他们")],
        build_action(pron_np("它"), vp(have, quant_np(1, "球"))),  # it has a ball
        build_identity(he, "学生", counted=True),  # he is a student
        build_identity(pron_np("他们"), "学生"),  # they are students
        build_action(i, vp(have, quant_np(1, "书"))),  # I have a book
        build_action(i, vp(have, quant_np(2, "书"))),  # I have two books
        build_action(i, vp(have, quant_np(3, "苹果"))),  # I have three apples
        build_action(i, vp(have, quant_np(1, "苹果"))),  # I have an apple
        build_action(i, vp(_have("想要"), quant_np(1, "茶"))),  # I want a cup of tea
        build_action(i, vp(have, quant_np(1, "猫", ADJ["黑色"]))),  # I have a black cat
        build_action(i, vp(like, bare_obj("狗", "pl")), neg=True),  # I do not like dogs
        build_identity(he, "老师", neg=True),  # he is not a teacher
        build_action(i, vp(have, bare_obj("猫", "a")), neg=True),  # I do not have a cat
        build_action(he, go_vp("学校"), "past", "昨天", neg=True),  # he did not go to school yesterday
        build_action(pron_np("你"), vp(have, bare_obj("猫", "a")), q=True),  # do you have a cat ?
        build_identity(he, "学生", q=True),  # is he a student ?
        build_action(pron_np("她"), vp(like, bare_obj("狗", "pl")), q=True),  # does she like dogs ?
        build_action(i, vp(read, bare_obj("书", "pl")), place="公园"),  # I read books in the park
        build_action(he, go_vp("学校"), "past", "昨天"),  # he went to school yesterday
        build_action(i, go_vp("公园"), "future", "明天"),  # I will go to the park tomorrow
        build_adjective(def_np("猫"), "很", ADJ["大"]),  # the cat is very big
        build_identity(poss_np("我", "妈妈"), "医生", counted=True),  # my mother is a doctor
        build_resolution(def_np("猫"), street, "累"),  # the cat … because it was too tired
        build_resolution(quant_np(2, "狗"), street, "累"),  # two dogs … because they were too tired
        build_resolution(poss_np("我", "妈妈"), street, "累"),  # my mother … because she was too tired
        build_resolution(def_np("猫"), street, "宽"),  # the cat … because it was too wide (the street)
    ]


def _example_pairs() -> list[Pair]:
    """Curated sentences for the UI: every phenomenon at least once."""
    i, he, she, you = pron_np("我"), pron_np("他"), pron_np("她"), pron_np("你")
    have, like, read, watch = _have("有"), _have("喜欢"), TRANSITIVE_BY_ZH["看"][0], TRANSITIVE_BY_ZH["看"][1]
    street = FRAMES[0]
    return [
        build_action(i, vp(have, quant_np(1, "猫"))),  # I have a cat
        build_identity(i, "学生", counted=True),  # I am a student
        build_action(she, vp(have, quant_np(3, "书"))),  # she has three books
        build_action(pron_np("他们"), vp(have, quant_np(2, "狗", ADJ["黑色"]))),  # they have two black dogs
        build_action(i, vp(_have("想要"), quant_np(1, "苹果"))),  # I want an apple
        build_action(i, vp(like, bare_obj("狗", "pl")), neg=True),  # I do not like dogs
        build_action(he, go_vp("学校"), "past", "昨天", neg=True),  # he did not go to school yesterday
        build_action(you, vp(have, bare_obj("猫", "a")), q=True),  # do you have a cat ?
        build_action(she, vp(like, bare_obj("狗", "pl")), q=True),  # does she like dogs ?
        build_action(i, vp(read, bare_obj("书", "pl")), place="公园"),  # I read books in the park
        build_action(i, go_vp("公园"), "future", "明天"),  # I will go to the park tomorrow
        # 我的朋友昨天在图书馆看了一本书 → my friend read a book in the library yesterday
        build_action(poss_np("我", "朋友"), vp(read, quant_np(1, "书")), "past", "昨天", place="图书馆"),
        # 昨天他看了一部电影 → he watched a movie yesterday
        build_action(he, vp(watch, quant_np(1, "电影")), "past", "昨天", True),
        build_adjective(def_np("猫"), "很", ADJ["大"]),  # the cat is very big
        build_adjective(dem_np(True, "孩子", plural=True), "很", ADJ["高兴"]),  # these children are …
        build_existential("桌子上", quant_np(3, "茶")),  # there are three cups of tea on the table
        build_wh_object(you, _have("买"), "past", "昨天"),  # what did you buy yesterday ?
        # 我想和我的朋友一起去公园 → I want to go to the park with my friend
        build_modal(i, "想", go_vp("公园"), comp=poss_np("我", "朋友")),
        build_modal(poss_np("我", "哥哥"), "能", vp(INTRANSITIVE[1]), neg=True),  # my brother cannot swim
        build_identity(poss_np("他", "爸爸"), "医生", counted=True),  # his father is a doctor
        build_resolution(def_np("猫"), street, "累"),  # the cat … because it was too tired
        build_resolution(def_np("猫"), street, "宽"),  # the cat … because it was too wide
        build_resolution(quant_np(2, "狗"), street, "累"),  # two dogs … because they were too tired
        build_resolution(poss_np("我", "妈妈"), street, "累"),  # my mother … because she was too tired
    ]


SEED_PAIRS: list[Pair] = [Pair(p.zh, p.en, tuple(sorted({*p.tags, "seed_example"}))) for p in _seed_pairs()]
EXAMPLES: list[tuple[str, str]] = [(p.zh, p.en) for p in _example_pairs()]


def _fits(p: Pair) -> bool:
    return len(p.zh) <= MAX_ZH_CHARS and len(p.en.split()) <= MAX_EN_TOKENS


def generate_pairs(seed: int = 0) -> list[Pair]:
    """The whole corpus for ``seed``: seed sentences and UI examples first, then every family's draws.

    Unique by Chinese sentence; raises ValueError if the grammar gave one sentence two translations.
    """
    rng = random.Random(seed)
    by_zh: dict[str, Pair] = {}

    def add(p: Pair) -> bool:
        old = by_zh.get(p.zh)
        if old is not None:
            if old.en != p.en:
                raise ValueError(f"grammar is ambiguous: {p.zh} → {old.en!r} and {p.en!r}")
            return False
        by_zh[p.zh] = p
        return True

    from .everyday import EXAMPLES as EVERYDAY_EXAMPLES
    from .everyday import FAMILIES as EVERYDAY_FAMILIES  # late: topic modules import this module

    for p in SEED_PAIRS + _example_pairs() + [e for ex in EVERYDAY_EXAMPLES.values() for e in ex
                                              if isinstance(e, Pair)]:
        add(p)
    for sampler, quota in [*FAMILIES.values(), *EVERYDAY_FAMILIES.values()]:
        made = attempts = 0
        while made < quota and attempts < quota * 8:
            attempts += 1
            p = sampler(rng)
            made += p is not None and _fits(p) and add(p)
    missing = [e for ex in EVERYDAY_EXAMPLES.values() for e in ex if isinstance(e, str) and e not in by_zh]
    if missing:
        raise ValueError(f"everyday examples the grammar did not produce: {missing}")
    return list(by_zh.values())


@functools.lru_cache(maxsize=4)
def examples_by_topic(seed: int = 0) -> dict[str, list[tuple[str, str]]]:
    """The sidebar's examples: topic → [(Chinese, English)], the lessons' own sentences first."""
    from .everyday import EXAMPLES as EVERYDAY_EXAMPLES

    by_zh = {p.zh: p.en for p in generate_pairs(seed)}
    out = {"lessons": list(EXAMPLES)}
    for topic, items in EVERYDAY_EXAMPLES.items():
        zhs = [e.zh if isinstance(e, Pair) else e for e in items]
        out.setdefault(topic, []).extend((zh, by_zh[zh]) for zh in zhs)
    return out


def _forced_zh() -> set[str]:
    """Sentences that must be in the training split: the seeds' examples and every sidebar example."""
    from .everyday import EXAMPLES as EVERYDAY_EXAMPLES

    return ({p.zh for p in SEED_PAIRS} | {zh for zh, _ in EXAMPLES}
            | {e.zh if isinstance(e, Pair) else e for ex in EVERYDAY_EXAMPLES.values() for e in ex})


def make_splits(seed: int = 0, n_test: int = 2500, n_valid: int = 1000) -> dict[str, list[Pair]]:
    """Shuffled with ``random.Random(seed)``; valid and test come only from pairs not forced into train."""
    pairs = generate_pairs(seed)
    forced = _forced_zh()
    pool = [p for p in pairs if p.zh not in forced]
    random.Random(seed).shuffle(pool)
    test, valid, rest = pool[:n_test], pool[n_test:n_test + n_valid], pool[n_test + n_valid:]
    return {"train": [p for p in pairs if p.zh in forced] + rest, "valid": valid, "test": test}


# ================================================================================ vocabulary listings


def zh_vocabulary_words() -> list[tuple[str, str]]:
    """(Chinese word, English gloss) for the vocabulary page: the core lexicon, then the everyday names table."""
    from .everyday.lexicon import vocabulary_words as everyday_names  # late: everyday imports this module

    return core_zh_vocabulary_words() + everyday_names()


def core_zh_vocabulary_words() -> list[tuple[str, str]]:
    """(Chinese word, English gloss) for every word of this module's lexicon, table by table."""
    out = [(p.zh, p.subj if p.subj == p.obj else f"{p.subj} / {p.obj}") for p in PRONOUNS]
    out += [(n.zh, n.en if not n.pl or n.pl == n.en else f"{n.en} ({n.pl})") for n in NOUNS]
    out += [(mw, f"measure word: {gloss}") for mw, gloss in MEASURE_GLOSS.items()]
    out += [(c, f"{sg} of (container)") for c, (sg, _) in CONTAINERS.items()]
    out += [(NUM_ZH[n], NUM_EN.get(n, "one; a / an")) for n in NUM_ZH]
    verbs: dict[str, list[str]] = {}
    for v in [*TRANSITIVE, *INTRANSITIVE, GO]:
        verbs.setdefault(v.zh, []).append(v.base)
    out += [(zh, " / ".join(glosses)) for zh, glosses in verbs.items()]
    out += [(a.zh, a.en) for a in ADJ.values()]
    out += [(p.zh, p.at.split()[-1]) for p in PLACES]
    out += [(t.zh, t.en) for t in TIMES]
    return out + FUNCTION_WORDS


def en_words() -> list[str]:
    """Every English token of this module's grammar and of the everyday names table, sorted.

    The everyday topic modules' other words are not listed yet (tests/test_corpus.py marks that gap).
    """
    from .everyday.lexicon import vocabulary_words as everyday_names  # late: everyday imports this module

    words = {"?", "weather"} | {p.subj for p in PRONOUNS} | {p.obj for p in PRONOUNS}
    words |= {p.poss for p in POSSESSORS} | set(NUM_EN.values()) | {a.en for a in ADJ.values()}
    phrases = [n.en for n in NOUNS] + [n.pl or "" for n in NOUNS] + [w for pair in CONTAINERS.values()
                                                                       for w in pair]
    for v in [*TRANSITIVE, *INTRANSITIVE, GO]:
        phrases += [v.base, v.s3, "" if v.stative else v.past]
    phrases += [p.at for p in PLACES] + [p.to for p in DESTINATIONS] + [t.en for t in TIMES]
    phrases += [en for en, _ in LOCATIONS.values()]
    for f in FRAMES:
        phrases += [f.en, *f.obj_adjs.values(), *f.agent_adjs.values()]
    phrases.append("a an the this that these those am is are was were be do does did not will can cannot "
                   "to very too of with there no what who where because")
    phrases += [en.removesuffix(" (surname)") for _, en in everyday_names()]
    return sorted(words | {w for phrase in phrases for w in phrase.split()})


def _print_stats(seed: int = 0) -> None:
    """Sizes, vocabularies, rarest tokens and lengths: ``python -m tutorial_model.corpus``."""
    import time
    from collections import Counter

    start = time.perf_counter()
    pairs = generate_pairs(seed)
    elapsed = time.perf_counter() - start
    splits = make_splits(seed)
    train = splits["train"]
    zh = Counter(ch for p in train for ch in p.zh)
    en = Counter(w for p in train for w in p.en.split())
    tags = Counter(t for p in pairs for t in p.tags)
    sizes = ", ".join(f"{k} {len(v)}" for k, v in splits.items())
    print(f"pairs {len(pairs)} generated in {elapsed:.2f}s; {sizes}")
    print(f"train: {len(zh)} distinct zh characters (min count {min(zh.values())}), "
          f"{len(en)} distinct en tokens (min count {min(en.values())})")
    print("rarest zh:", " ".join(f"{c}:{n}" for c, n in sorted(zh.items(), key=lambda x: x[1])[:12]))
    print("rarest en:", " ".join(f"{w}:{n}" for w, n in sorted(en.items(), key=lambda x: x[1])[:12]))
    for side, lengths in (("zh chars", [len(p.zh) for p in pairs]),
                          ("en tokens", [len(p.en.split()) for p in pairs])):
        hist = Counter(lengths)
        print(f"{side}: mean {sum(lengths) / len(lengths):.1f}, max {max(lengths)}; "
              + " ".join(f"{k}:{hist[k]}" for k in sorted(hist)))
    print("tags:", ", ".join(f"{t} {n}" for t, n in sorted(tags.items())))


if __name__ == "__main__":
    _print_stats()
