"""Chinese interface text uses full-width punctuation: no half-width ":" or "(" right after a Chinese character
(「多头注意力:所有头一览」, 「下载给 Anki(TSV)」 in review 26), nor between two placeholders filled with Chinese."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CJK = r"[\u3400-\u4dbf\u4e00-\u9fff]"
HALF_WIDTH = re.compile(
    rf"(?<={CJK})[:(]"  # 注意力:所有 / 子层(x)
    r"|\}:\{"  # {page}:{section}: both are Chinese on the page
    r"|(?<=[A-Za-z])\([A-Z]{2,}\)")  # Anki(TSV): a note on a word, not a function's argument
MATH = re.compile(r"\$[^$]*\$")  # inline LaTeX: its parentheses are notation
# (where, excerpt) → why the half-width mark is right there
ALLOWED = {
    ("assets/i18n/zh.json:title.resid", "子层(x)"): "a formula: the sublayer applied to x, as in x + Sublayer(x)",
}
VERBATIM = {"original_zh", "quote_zh"}  # the interview article quoted as written (its own punctuation)


def _strings(node, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if not key.startswith("_") and key not in VERBATIM:  # "_comment": notes for developers
                yield from _strings(value, f"{where}.{key}" if where else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}[{i}]")
    elif isinstance(node, str):
        yield where, node


def zh_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every Chinese string a learner can see."""
    for path in sorted((ROOT / "assets" / "i18n").rglob("zh*.json")):
        rel = path.relative_to(ROOT).as_posix()
        for key, text in _strings(json.loads(path.read_text(encoding="utf-8")), ""):
            yield f"{rel}:{key}", text
    for path in sorted((ROOT / "assets" / "lessons" / "zh").glob("*.md")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
    cards = json.loads((ROOT / "assets" / "interview" / "cards.json").read_text(encoding="utf-8"))
    for key, text in _strings(cards, "cards"):
        if ".zh" in key or key.endswith("zh"):
            yield f"assets/interview/cards.json:{key}", text


def offences(where: str, text: str) -> list[str]:
    plain = MATH.sub(lambda m: " " * len(m.group()), text)
    found = []
    for m in HALF_WIDTH.finditer(plain):
        excerpt = plain[max(0, m.start() - 4):m.end() + 3]
        if not any(w == where and e in excerpt for w, e in ALLOWED):
            found.append(f"{where}: …{excerpt}…")
    return found


def test_no_half_width_colon_or_parenthesis_after_chinese():
    texts = list(zh_texts())
    assert len(texts) > 500  # the catalogues, the lessons and the cards were all read
    bad = [o for where, text in texts for o in offences(where, text)]
    assert not bad, "use full-width ：（） in Chinese text:\n" + "\n".join(bad)


def test_the_rule_sees_what_the_review_saw_and_spares_notation():
    assert offences("x", "在模型上看 → 多头注意力:所有头一览")
    assert offences("x", "在模型上看 → {page}:{section}")
    assert offences("x", "下载给 Anki(TSV)")
    assert offences("x", "张量(形状)")
    assert not offences("x", "exp(分数 − 最大值)、cos(角度)、p(所选词)")
    assert not offences("x", "得分矩阵 $S = 子层(XW)^\\top$")
    assert not offences("x", "下载给 Anki（TSV）：多头注意力")


def test_every_exception_still_matches_something():
    texts = dict(zh_texts())
    for (where, excerpt), why in ALLOWED.items():
        assert why and excerpt in texts.get(where, ""), f"stale exception {where} {excerpt!r}"
