"""Prices and shopping: 多少钱, 块/毛 (spoken) and 元/角 (written), 太贵了, 便宜一点儿, 要, 给, 试试, 换.

Conventions::

    这本书多少钱 / 这些苹果多少钱       how much is this book ? / how much are these apples ?
    这本书二十五块 / 二十五元           this book is twenty five yuan
    一杯咖啡三块五毛                    a cup of coffee is three yuan five jiao
    一共多少钱 / 一共一百块             how much is it altogether ? / it is one hundred yuan altogether
    太贵了，便宜一点儿吧                it is too expensive , make it a little cheaper , please
    我要两杯茶 / 我要这个               I want two cups of tea / I want this one
    请给我一个苹果                      please give me an apple
    我可以试试这件衬衫吗                can I try on this shirt ?
    这件衬衫太小了，能换一件大的吗      this shirt is too small , can I change it for a bigger one ?

Money is counted with 两 (两块, 两毛, 两百块) and its English keeps the Chinese units (yuan, jiao).
"""

from __future__ import annotations

import random

from ..grammar import (
    NP,
    Maybe,
    Pair,
    bare_obj,
    build_action,
    build_adjective,
    build_modal,
    dem_np,
    pair,
    pron_np,
    quant_np,
    vp,
)
from ..lexicon import ADJ, NOUN, NOUNS, TRANSITIVE_BY_ZH, article
from ..sampling import tagged
from .lexicon import NAMES, name_np
from .numbers import count_np, num_en, num_zh

# ============================================================================================ prices


def price(yuan: int, jiao: int = 0, written: bool = False, qian: bool = False) -> tuple[str, str]:
    """(Chinese, English): 三块五毛 / 三元五角 → "three yuan five jiao"; 两百块钱 → "two hundred yuan"."""
    big, small = ("元", "角") if written else ("块", "毛")
    zh = (num_zh(yuan, liang=True) + big if yuan else "") + (num_zh(jiao, liang=True) + small if jiao else "")
    en = " ".join(w for w in (f"{num_en(yuan)} yuan" if yuan else "", f"{num_en(jiao)} jiao" if jiao else "") if w)
    return zh + ("钱" if qian and not written else ""), en


def _be_np(np_: NP) -> str:
    return "are" if np_.plural else "is"


def build_how_much(item: NP | None) -> Pair:
    """这本书多少钱 → "how much is this book ?"; 多少钱 → "how much is it ?"."""
    if item is None:
        return pair(["多少钱"], ["how much is it ?"], {"question", "price"})
    return pair([item.zh, "多少钱"], ["how much", _be_np(item), item.en, "?"], {"question", "price"})


def build_costs(item: NP | None, yuan: int, jiao: int = 0, written: bool = False, qian: bool = False) -> Pair:
    """这本书二十五块 → "this book is twenty five yuan"; 五块钱 → "it is five yuan"."""
    zh, en = price(yuan, jiao, written, qian)
    if item is None:
        return pair([zh], ["it is", en], {"price", "number"})
    return pair([item.zh, zh], [item.en, _be_np(item), en], {"price", "number"})


def build_per_jin(noun: str, yuan: int, jiao: int = 0, ask: bool = False) -> Pair:
    """苹果一斤五块 → "apples are five yuan a jin"; 苹果一斤多少钱 → "how much is a jin of apples ?"."""
    n = NOUN[noun]
    if ask:
        return pair([noun, "一斤多少钱"], ["how much is a jin of", n.pl, "?"], {"question", "price"})
    zh, en = price(yuan, jiao)
    return pair([noun, "一斤", zh], [n.pl, "are", en, "a jin"], {"price", "number"})


def build_total(yuan: int | None, jiao: int = 0, written: bool = False) -> Pair:
    """一共多少钱 → "how much is it altogether ?"; 一共一百块 → "it is one hundred yuan altogether"."""
    if yuan is None:
        return pair(["一共多少钱"], ["how much is it altogether ?"], {"question", "price"})
    zh, en = price(yuan, jiao, written)
    return pair(["一共", zh], ["it is", en, "altogether"], {"price", "number"})


BARGAIN = {"便宜一点儿吧": "make it a little cheaper , please",
           "能便宜一点儿吗": "can you make it a little cheaper ?",
           "能不能便宜一点儿": "can you make it a little cheaper ?",
           "可以便宜一点儿吗": "can you make it a little cheaper ?",
           "太贵了": "it is too expensive", "真贵": "it is really expensive", "不贵": "it is not expensive",
           "很便宜": "it is very cheap", "太便宜了": "it is too cheap"}


def build_bargain(first: str, second: str | None = None, comma: bool = True) -> Pair:
    """太贵了，便宜一点儿吧 → "it is too expensive , make it a little cheaper , please"."""
    if second is None:
        return pair([first], [BARGAIN[first]], {"price"})
    return pair([first, "，" if comma else "", second], [BARGAIN[first], ",", BARGAIN[second]], {"price"})


# ============================================================================================ buying

WANT = {"要": ("want", "wants")}


def build_want(subj: NP, obj: NP | None, near: bool = True, mw: str = "个") -> Pair:
    """我要两杯茶 → "I want two cups of tea"; 我要这个 → "I want this one" (obj None: 这/那 + measure word)."""
    verb = WANT["要"][1] if subj.third_singular else WANT["要"][0]
    if obj is None:
        return pair([subj.zh, "要", "这" if near else "那", mw], [subj.en, verb, "this" if near else "that", "one"],
                     {"demonstrative", "measure_word"})
    return pair([subj.zh, "要", obj.zh], [subj.en, verb, obj.en], set(obj.tags))


SHOP_TALK = {"你要什么": "what do you want ?", "您要什么": "what would you like ?",
             "你还要什么": "what else do you want ?", "还要别的吗": "do you want anything else ?",
             "不要了，谢谢": "no , thank you", "不要了谢谢": "no , thank you", "给你": "here you are",
             "给您": "here you are", "我没有钱": "I do not have any money", "我的钱不够": "I do not have enough money",
             "可以用信用卡吗": "can I use a credit card ?", "我想买一些东西": "I want to buy some things",
             "你想买什么": "what do you want to buy ?", "您想买什么": "what would you like to buy ?",
             "我去商店买东西": "I am going to the shop to buy things", "我就要这个": "I will take this one",
             "我买了很多东西": "I bought a lot of things", "这个多少钱": "how much is this ?",
             "那个多少钱": "how much is that ?", "我们去买东西吧": "let us go and buy things"}


def build_shop_talk(zh: str) -> Pair:
    return pair([zh], [SHOP_TALK[zh]], {"shopping"} | ({"question"} if SHOP_TALK[zh].endswith("?") else set()))


def build_give_me(obj: NP, please: bool = True) -> Pair:
    """请给我一杯茶 → "please give me a cup of tea"."""
    return pair(["请" if please else "", "给我", obj.zh], ["please" if please else "", "give me", obj.en],
                 set(obj.tags) | {"imperative"})


def build_try_on(item: NP | None, form: str = "可以") -> Pair:
    """我可以试试吗 → "can I try it on ?"; 我想试试这件衬衫 → "I want to try on this shirt";
    你试试吧 → "try it on"."""
    it_zh, it_en = (item.zh, ["on", item.en]) if item else ("", ["it on"])
    if form == "吧":
        return pair(["你试试", it_zh, "吧"], ["try", *(["it on"] if not item else ["on", item.en])], {"shopping"})
    if form == "想":
        return pair(["我想试试", it_zh], ["I want to try", *it_en], {"shopping", "modal"})
    return pair(["我", form, "试试", it_zh, "吗"], ["can I try", *it_en, "?"], {"shopping", "question", "modal"})


SWAP_FOR = {"大一点儿的": "a bigger one", "小一点儿的": "a smaller one", "便宜一点儿的": "a cheaper one",
            "大的": "a bigger one", "小的": "a smaller one", "新的": "a new one"}


def build_exchange(item: NP | None, mw: str, for_: str, form: str = "能", problem: str | None = None,
                   comma: bool = True) -> Pair:
    """能换一件大一点儿的吗 → "can I change it for a bigger one ?"; 我想换一件红色的 → "I want to change it
    for a red one"; 这件衬衫太小了，能换一件大的吗 → "this shirt is too small , can I change it for a bigger one ?"."""
    swap_en = SWAP_FOR.get(for_) or f"{article(ADJ[for_[:-1]].en)} {ADJ[for_[:-1]].en} one"
    body_zh = ["换一", mw, for_]
    if form == "想":
        zh, en = ["我想", *body_zh], ["I want to change it for", swap_en]
    else:
        zh, en = [form, *body_zh, "吗"], ["can I change it for", swap_en, "?"]
    if problem and item:
        adj = ADJ[problem]
        zh = [item.zh, "太", problem, "了", "，" if comma else "", *zh]
        en = [item.en, _be_np(item), "too", adj.en, ",", *en]
    return pair(zh, en, {"shopping"} | ({"question"} if form != "想" else set()))


# ========================================================================================== samplers

_GOODS = [n for n in NOUNS if n.pl and n.kind in ("book", "food", "clothes", "thing", "vehicle", "furniture",
                                                   "plant", "picture") and n.zh not in ("故事", "信")]
# What one unit of a kind plausibly costs, in yuan: (lowest, highest). Cars and computers: _DEAR.
PRICE_RANGE = {"food": (1, 30), "drink": (2, 30), "meal": (5, 60), "book": (10, 120), "picture": (2, 50),
               "plant": (5, 200), "clothes": (50, 900), "thing": (2, 300), "furniture": (100, 999),
               "vehicle": (200, 999)}
_DEAR = ("汽车", "车", "电脑", "手机", "出租车", "公共汽车")
_DRINKS = [n for n in NOUNS if n.pl is None and n.kind in ("drink", "meal")]
_CLOTHES = [n for n in NOUNS if n.kind == "clothes"]
_FRUIT = ["苹果", "香蕉", "橘子", "梨", "西瓜", "鸡蛋"]


def _item(rng: random.Random) -> NP:
    """Something with a price: 这本书, 那些苹果, 一杯咖啡, 两斤苹果 is left out (jin has its own rule)."""
    r = rng.random()
    if r < 0.25:
        noun = rng.choice(_DRINKS)
        return quant_np(rng.randint(1, 3), noun.zh, container=rng.choice(noun.mw))
    noun = rng.choice(_GOODS)
    if r < 0.75:
        return dem_np(rng.random() < 0.6, noun.zh, plural=rng.random() < 0.25)
    return quant_np(rng.randint(1, 5), noun.zh)


def _price_amount(rng: random.Random, dear: bool = False, kind: str | None = None) -> tuple[int, int]:
    """Yuan and jiao; ``dear``: a car or a computer, in round thousands (三千五百块, 两万块); ``kind``: the
    price of one thing of that kind (no sweater for one jiao)."""
    if dear:
        return (rng.randint(10, 99) * 100 if rng.random() < 0.8 else rng.randint(1, 9) * 10000), 0
    if kind in PRICE_RANGE:
        lo, hi = PRICE_RANGE[kind]
        yuan = rng.randint(lo, hi)
        return yuan, rng.randint(1, 9) if hi <= 60 and rng.random() < 0.3 else 0
    r = rng.random()
    if r < 0.15:
        return 0, rng.randint(1, 9)
    yuan = rng.randint(1, 20) if r < 0.55 else rng.randint(21, 99) if r < 0.85 else rng.randint(100, 999)
    return yuan, rng.randint(1, 9) if yuan < 100 and rng.random() < 0.25 else 0


def _buyer(rng: random.Random) -> NP:
    if rng.random() < 0.25:
        return name_np(rng.choice(NAMES).zh)
    return pron_np(rng.choice(("我", "我", "我们", "你", "他", "她", "他们")))


def family_price(rng: random.Random) -> Maybe:
    r = rng.random()
    if r < 0.3:
        return build_how_much(_item(rng) if rng.random() < 0.95 else None)
    if r < 0.38:
        return build_per_jin(rng.choice(_FRUIT), rng.randint(1, 20), rng.choice((0, 0, 5)), ask=rng.random() < 0.3)
    if r < 0.48:
        yuan, jiao = _price_amount(rng)
        return build_total(yuan if rng.random() < 0.85 else None, jiao, rng.random() < 0.3)
    item = _item(rng) if rng.random() < 0.85 else None
    if item is None:
        dear = rng.random() < 0.2
    else:  # cars, computers and phones cost thousands; a bike may not
        dear = any(w in item.zh for w in _DEAR) and not item.zh.endswith("自行车")
    kind = None if item is None else "drink" if item.kind in ("drink", "meal") else item.kind
    if item is not None and item.plural and not dear:  # several cost more than one: keep it simple, price each
        return build_costs(item, *_price_amount(rng, kind=kind), written=rng.random() < 0.3)
    yuan, jiao = _price_amount(rng, dear, kind)
    return build_costs(item, yuan, jiao, written=rng.random() < 0.3, qian=rng.random() < 0.3)


def family_bargain(rng: random.Random) -> Maybe:
    r = rng.random()
    if r < 0.2:
        return build_bargain(rng.choice(list(BARGAIN)))
    if r < 0.45:
        first = rng.choice(("太贵了", "真贵"))
        second = rng.choice(("便宜一点儿吧", "能便宜一点儿吗", "能不能便宜一点儿", "可以便宜一点儿吗"))
        return build_bargain(first, second, rng.random() < 0.6)
    if r < 0.75:  # 这本书太贵了 / 这件衬衫很便宜: corpus.py's adjective rule, so the translation agrees
        return build_adjective(_item(rng), rng.choice(("太", "很", "不")), ADJ[rng.choice(("贵", "便宜"))])
    return build_shop_talk(rng.choice(list(SHOP_TALK)))


def family_buy(rng: random.Random) -> Maybe:
    r = rng.random()
    subj = _buyer(rng)
    if r < 0.3:
        if rng.random() < 0.3:
            noun = rng.choice(_GOODS)
            return build_want(subj, None, rng.random() < 0.6, noun.mw)
        if rng.random() < 0.5:
            noun = rng.choice(_DRINKS)
            return build_want(subj, quant_np(rng.randint(1, 5), noun.zh, container=rng.choice(noun.mw)))
        noun = rng.choice(_GOODS)
        obj = count_np(rng.randint(1, 12), noun.zh) if rng.random() < 0.6 else dem_np(rng.random() < 0.5, noun.zh)
        return build_want(subj, obj)
    if r < 0.5:
        if rng.random() < 0.5:
            noun = rng.choice(_DRINKS)
            obj = quant_np(rng.randint(1, 3), noun.zh, container=rng.choice(noun.mw))
        else:
            obj = count_np(rng.randint(1, 10), rng.choice(_FRUIT))
        return build_give_me(obj, please=rng.random() < 0.7)
    buy = TRANSITIVE_BY_ZH["买"][0]
    if r < 0.7:  # 我想买一件衬衫 / 你们卖苹果吗: corpus.py's rules
        noun = rng.choice(_GOODS)
        obj = quant_np(rng.randint(1, 3), noun.zh) if rng.random() < 0.5 else bare_obj(noun.zh, "pl")
        return build_modal(subj, "想", vp(buy, obj), q=rng.random() < 0.2)
    if r < 0.8:
        sell = TRANSITIVE_BY_ZH["卖"][0]
        return build_action(pron_np("你们"), vp(sell, bare_obj(rng.choice(_GOODS).zh, "pl")), q=True)
    noun = rng.choice(_GOODS)
    return build_action(subj, vp(buy, count_np(rng.randint(1, 20), noun.zh)), "past")


def family_try_swap(rng: random.Random) -> Maybe:
    noun = rng.choice(_CLOTHES)
    item = dem_np(rng.random() < 0.7, noun.zh)
    r = rng.random()
    if r < 0.4:
        return build_try_on(item if rng.random() < 0.6 else None, rng.choice(("可以", "能", "想", "吧")))
    colours = [f"{a.zh}的" for a in ADJ.values() if a.zh.endswith("色")]
    for_ = rng.choice(list(SWAP_FOR) + colours)
    problem = None
    if for_.startswith("大"):
        problem = "小"
    elif for_.startswith("小"):
        problem = "大"
    elif for_.startswith("便宜"):
        problem = "贵"
    use_problem = problem is not None and rng.random() < 0.6
    return build_exchange(item, noun.mw, for_, rng.choice(("能", "可以", "想")), problem if use_problem else None,
                          rng.random() < 0.6)


FAMILIES = {
    "price": (tagged(family_price, "shopping"), 1800),
    "bargain": (tagged(family_bargain, "shopping"), 500),
    "buy": (tagged(family_buy, "shopping"), 1300),
    "try_swap": (tagged(family_try_swap, "shopping"), 400),
}

_I = pron_np("我")
EXAMPLES: dict[str, list] = {
    "shopping": [
        build_how_much(None), build_how_much(dem_np(True, "书")), build_how_much(dem_np(True, "苹果", plural=True)),
        build_costs(dem_np(True, "书"), 25), build_costs(quant_np(1, "咖啡"), 3, 5), build_total(None),
        build_bargain("太贵了", "便宜一点儿吧"), build_want(_I, quant_np(2, "茶")), build_want(_I, None),
        build_give_me(quant_np(1, "苹果")), build_try_on(dem_np(True, "衬衫")),
        build_exchange(dem_np(True, "衬衫"), "件", "大的", problem="小"), build_shop_talk("还要别的吗"),
    ],
}
