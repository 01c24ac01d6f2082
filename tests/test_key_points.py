"""The key points at the top of every lesson and the glossary beside the symbols: present in both languages, the
same shape in both, and true where a claim can be checked against the code (tests/test_lesson_truth.py checks
that they type no measured number)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from tutorial_model.config import ModelConfig
from tutorial_model.fit import lr_at
from ui import i18n
from ui.toc import LESSONS

LANGS = ("en", "zh")
TAUGHT = [lesson.slug for lesson in LESSONS if lesson.part != "practice"]  # the seventeen lessons
GLOSSARY_TERMS = {  # every term the glossary must explain, as each language writes it
    "en": ["teacher forcing", "exposure bias", "label smoothing", "residual stream", "logits", "softmax temperature",
           "beam search", "causal mask", "padding mask", "cross-entropy", "perplexity", "KV cache"],
    "zh": ["教师强制", "曝光偏差", "标签平滑", "残差流", "logits", "softmax 温度", "束搜索", "因果掩码", "填充掩码",
           "交叉熵", "困惑度", "KV 缓存"],
}


def key_points(lang: str, slug: str) -> list[str]:
    body = i18n.lesson_sections(lang, "key_points").get(slug, "")
    return [line for line in body.splitlines() if line.strip()]


@pytest.mark.parametrize("lang", LANGS)
def test_every_lesson_has_five_short_key_points(lang):
    for slug in TAUGHT:
        lines = key_points(lang, slug)
        assert len(lines) == 5 and all(line.startswith("- ") for line in lines), (lang, slug, lines)
        limit = 60 if lang == "zh" else 120
        assert all(len(line) <= limit for line in lines), (lang, slug)


def test_both_languages_have_the_same_lessons_and_glossary_rows():
    assert set(i18n.lesson_sections("en", "key_points")) == set(i18n.lesson_sections("zh", "key_points"))
    rows = {lang: [r for r in i18n.lesson_sections(lang, "glossary")["intro"].splitlines() if r.startswith("| **")]
            for lang in LANGS}
    assert len(rows["en"]) == len(rows["zh"]) >= len(GLOSSARY_TERMS["en"])
    for lang in LANGS:
        terms = [re.match(r"\| \*\*(.+?)\*\*", r).group(1) for r in rows[lang]]
        assert set(GLOSSARY_TERMS[lang]) <= set(terms), (lang, set(GLOSSARY_TERMS[lang]) - set(terms))


def test_the_checkable_claims_match_the_code():
    text = "\n".join(key_points("en", slug)[i] for slug in TAUGHT for i in range(5))
    # post-norm: "LayerNorm(x + Sublayer(x))" is the shipped model's order
    assert "LayerNorm(x + Sublayer(x))" in text and ModelConfig.__dataclass_fields__["norm_first"].default is False
    # the schedule: a linear warm-up, then a cosine decay to zero (not the paper's 1/√step)
    loop = SimpleNamespace(steps=1000, lr=1.0, warmup_steps=100)  # what lr_at reads of a LoopConfig
    assert lr_at(49, loop) == pytest.approx(0.5)  # half-way up the warm-up
    assert lr_at(550, loop) == pytest.approx(0.5, abs=0.01) and lr_at(999, loop) < 0.001  # cosine, down to zero
    assert "cosine" in text
