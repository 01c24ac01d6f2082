"""Shared everyday vocabulary: people's names, surnames, countries, nationalities, languages, cities.

Small tables sampled uniformly, so every word recurs often enough to be learned. English keeps the
capital letter of a proper name (Xiaoming, China, Chinese, Beijing); everything else stays lowercase
as in ``tutorial_model.corpus``. Helper modules build noun phrases for names with :func:`name_np`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..grammar import NP


@dataclass(frozen=True)
class Name:
    zh: str
    en: str  # as written in English: "Xiaoming", "Teacher Wang", "Mr Li" (no period: no "." token)
    gender: str  # m f x (x: English could not refer back with he or she)
    title: bool = False  # 王老师, 李先生: polite forms, which a greeting may take (王老师好)


# zh  English (_ joins words)  gender  [title]
_NAME_TABLE = """
小明 Xiaoming m        小红 Xiaohong f        小王 Xiao_Wang x      小李 Xiao_Li x
大卫 David m           玛丽 Mary f            安娜 Anna f           马克 Mark m
王老师 Teacher_Wang x title                  李老师 Teacher_Li x title
张老师 Teacher_Zhang x title                 李先生 Mr_Li m title
王先生 Mr_Wang m title                        王小姐 Miss_Wang f title
"""


def _parse_names(table: str) -> list[Name]:
    out, words = [], table.split()
    i = 0
    while i < len(words):
        title = i + 3 < len(words) and words[i + 3] == "title"
        out.append(Name(words[i], words[i + 1].replace("_", " "), words[i + 2], title))
        i += 4 if title else 3
    return out


NAMES: list[Name] = _parse_names(_NAME_TABLE)
NAME: dict[str, Name] = {n.zh: n for n in NAMES}
FIRST_NAMES = [n for n in NAMES if not n.title]  # what 我叫… introduces

# 我姓王 → "my surname is Wang".
SURNAMES = {"王": "Wang", "李": "Li", "张": "Zhang", "马": "Ma", "高": "Gao", "白": "Bai", "方": "Fang"}


@dataclass(frozen=True)
class Country:
    zh: str
    en: str  # the country: 我去中国 → "China"
    people: str  # nationality: 中国人 → "Chinese" (我是中国人 → "I am Chinese")


_COUNTRY_TABLE = """
中国 China Chinese        美国 America American     英国 Britain British      法国 France French
德国 Germany German       日本 Japan Japanese       韩国 Korea Korean         加拿大 Canada Canadian
"""
_cw = _COUNTRY_TABLE.split()
COUNTRIES = [Country(_cw[i], _cw[i + 1], _cw[i + 2]) for i in range(0, len(_cw), 3)]
COUNTRY = {c.zh: c for c in COUNTRIES}

# Languages: 汉语 and 中文 are both "Chinese", 英语 and 英文 both "English".
LANGUAGES = {"汉语": "Chinese", "中文": "Chinese", "英语": "English", "英文": "English", "法语": "French",
             "德语": "German", "日语": "Japanese", "韩语": "Korean"}

# Cities: 我住在北京 → "I live in Beijing".
CITIES = {"北京": "Beijing", "上海": "Shanghai", "南京": "Nanjing", "广州": "Guangzhou", "东京": "Tokyo",
          "伦敦": "London", "纽约": "New York", "巴黎": "Paris"}


def name_np(zh: str) -> NP:
    """A name as a noun phrase: third person singular, "human"."""
    n = NAME[zh]
    return NP(n.zh, n.en, n.en, 3, False, n.gender, "human", frozenset({"name"}))


def vocabulary_words() -> list[tuple[str, str]]:
    """(Chinese, English) for the vocabulary page."""
    return ([(n.zh, n.en) for n in NAMES] + [(s, f"{e} (surname)") for s, e in SURNAMES.items()]
            + [(c.zh, c.en) for c in COUNTRIES] + [(c.zh + "人", c.people) for c in COUNTRIES]
            + list(LANGUAGES.items()) + list(CITIES.items()))
