"""No figure measured on a model is typed into a lesson: numbers come from placeholders filled at render time.

A lesson may write a literal number only when it is a constant of the paper (512, 64, 0.1 …), a small
structural number (page and lesson numbers, "2i", counts like "three ways"), a year of a citation, or a
hand-worked toy value in the one section that works it out (ALLOWED_IN). Everything else is written as
``{placeholder}`` (ui/lesson_numbers.py) and filled from the checkpoints' metadata, so a retrained model
can never leave a lesson stating an old figure. The tests also check the placeholders themselves.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tutorial_model.checkpoint import CHECKPOINT_DIR, paths
from tutorial_model.compare import ALL_MODELS
from ui import i18n, lesson_numbers
from ui.toc import LESSONS

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "zh")
REFERENCE = ("symbols", "glossary", "key_points")  # the symbols table, the glossary, every lesson's key points
FILES = [(lang, lesson.slug) for lang in LANGS for lesson in LESSONS] + [(lang, r) for lang in LANGS for r in REFERENCE]

# The paper's constants (Vaswani et al. 2017): d_model 512, d_ff 2048, h 8, d_k 64, N 6, dropout and label
# smoothing 0.1, 10000 in the positional encoding, 4000 warm-up steps, Adam's 0.9 / 0.98; ±8 is √64.
PAPER = {"512", "2048", "8", "64", "6", "0.1", "10000", "4000", "0.9", "0.98"}
# Structural: 0 and 1 (probabilities, cosines, gate ends, indices), page and lesson numbers 1–17, BLEU's n-gram
# lengths 1–4, sigmoid′ ≤ 1/4, and "100" of a 0–100 scale.
STRUCTURAL = {str(n) for n in range(18)} | {"100"}
# a reference to a page past 17 ("page 24", "第 24 页") is structural too, only as a reference and only to a page the
# table of contents has: the number alone stays a stray figure
PAGE_REF = re.compile(r"\b(?:[Pp]ages?|[Ll]essons?) (\d+)\b|第 ?(\d+) ?[页课]")
YEARS = {"1997", "2000", "2013", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022"}
# Hand-worked toys and experiment settings, allowed only in the section that works them out.
ALLOWED_IN = {
    ("rnn", "toy"): {"4", "6", "12", "16", "32", "0.5"},  # the classic memory example, and its 2w threshold
    ("why_attention", "gradient"): {"40", "15"},  # the measurement's design (how many sentences, how long)
    ("why_attention", "parallel"): {"32"},  # the batch sizes offered by the timing widget
    ("families", "tasks"): {"15", "80"},  # BERT's masking recipe (Devlin et al. 2019): 15 % chosen, 80/10/10
    ("overview", "limits"): {"3.0"},  # the name of the standard, "HSK 3.0" (GF0025-2021), not a measurement
}
NUMBER = re.compile(r"(?<![\w.\\])\d+(?:,\d{3})*(?:\.\d+)?(?:e-?\d+)?")
CODE_SPAN = re.compile(r"`[^`]*[._][^`]*`")  # hook names such as encoder.layers.0.self_attn
# Written-out figures: a model's numbers must not slip in as words either.
WORDS = re.compile(r"\b(quarter|thirds?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?)\b",
                   re.IGNORECASE)
ZH_WORDS = re.compile(r"分之|[二三四五六七八九]十|[一二三四五六七八九十]+成")


def sections(lang: str, slug: str) -> dict[str, str]:
    path = i18n.LESSON_DIR / lang / f"{slug}.md"
    assert path.exists(), path
    return i18n.lesson_sections(lang, slug)


def literal_numbers(text: str) -> list[str]:
    text = lesson_numbers.PLACEHOLDER.sub(" ", CODE_SPAN.sub(" ", text))
    text = PAGE_REF.sub(lambda m: " " if 1 <= int(m.group(1) or m.group(2)) <= len(LESSONS) else m.group(0), text)
    return [n.rstrip(".,") for n in NUMBER.findall(text)]


@pytest.mark.parametrize("lang, slug", FILES)
def test_lessons_state_no_unbacked_numbers(lang, slug):
    for name, body in sections(lang, slug).items():
        allowed = PAPER | STRUCTURAL | YEARS | ALLOWED_IN.get((slug, name), set())
        stray = sorted(set(literal_numbers(body)) - allowed)
        assert not stray, f"{lang}/{slug}.md [{name}] states {stray}: use a {{placeholder}} (ui/lesson_numbers.py)"
        words = (ZH_WORDS if lang == "zh" else WORDS).findall(body)
        assert not words, f"{lang}/{slug}.md [{name}] writes figures as words: {words}"


def test_the_number_scan_catches_a_typed_figure():
    assert literal_numbers("the LSTM gets 92.2 % right with 379,875 weights") == ["92.2", "379,875"]
    assert literal_numbers("`encoder.layers.0.hook` and {exact_rnn} and $W_1$ and d_k") == []
    assert WORDS.findall("about a quarter") and ZH_WORDS.findall("大约四分之一")


@pytest.mark.parametrize("lang, slug", FILES)
def test_every_placeholder_outside_formulas_is_known(lang, slug):
    for name, body in sections(lang, slug).items():
        prose = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", body, flags=re.DOTALL)
        unknown = set(lesson_numbers.PLACEHOLDER.findall(prose)) - lesson_numbers.NAMES
        assert not unknown, f"{lang}/{slug}.md [{name}]: unknown placeholders {unknown}"


def test_formulas_are_never_filled():
    """\\sqrt{d_k} in a formula is LaTeX, not the placeholder d_k: fill leaves every formula exactly as written."""
    vals = {name: "999" for name in lesson_numbers.NAMES}
    for lang, slug in FILES:
        for body in sections(lang, slug).values():
            formulas = lesson_numbers.FORMULA.findall(body)
            assert lesson_numbers.FORMULA.findall(lesson_numbers.fill(body, vals)) == formulas
    assert lesson_numbers.fill("$\\sqrt{d_k}$ and d_k = {d_k}", {"d_k": "16"}) == "$\\sqrt{d_k}$ and d_k = 16"


@pytest.mark.parametrize("slug", [lesson.slug for lesson in LESSONS] + list(REFERENCE))
def test_both_languages_use_the_same_placeholders_and_sections(slug):
    en, zh = sections("en", slug), sections("zh", slug)
    assert set(en) == set(zh), slug
    for name in en:
        assert (set(lesson_numbers.PLACEHOLDER.findall(en[name])) & lesson_numbers.NAMES
                == set(lesson_numbers.PLACEHOLDER.findall(zh[name])) & lesson_numbers.NAMES), (slug, name)


def test_rendered_lessons_show_the_metadata_values():
    """Fill every lesson from the real metadata: no placeholder survives, and the figures are the JSON's."""
    if not all(paths(m, CHECKPOINT_DIR)[1].exists() for m in ALL_MODELS):
        pytest.skip("needs all four shipped checkpoints")
    metas = {m: json.loads(paths(m, CHECKPOINT_DIR)[1].read_text(encoding="utf-8")) for m in ALL_MODELS}
    vals = lesson_numbers.values(metas)
    for lang, slug in FILES:
        for name, body in sections(lang, slug).items():
            filled = lesson_numbers.fill(body, vals)
            prose = lesson_numbers.FORMULA.sub(" ", filled)
            left = set(lesson_numbers.PLACEHOLDER.findall(prose)) & lesson_numbers.NAMES
            assert not left and lesson_numbers.MISSING not in filled, (lang, slug, name, left)
    tf = metas["transformer"]
    assert vals["exact_transformer"] == f"{100 * tf['test_metrics']['exact_match']:.1f}%".replace(".0%", "%")
    assert vals["params_lstm"] == f"{metas['lstm']['n_params']:,}"
    assert vals["src_vocab"] == str(len(tf["vocab"]["src"]))
    assert vals["d_k"] == str(tf["config"]["d_model"] // tf["config"]["n_heads"])


def test_values_follow_the_metadata_not_the_text():
    """A 'retrained' model with other figures: the filled text changes with it."""
    meta = {"config": {"d_model": 32, "n_heads": 2, "d_ff": 128, "n_layers": 3, "max_len": 40, "dropout": 0.2},
            "vocab": {"src": ["a"] * 50, "tgt": ["b"] * 70, "max_src_chars": 30},
            "train_config": {"steps": 100, "batch_size": 8, "lr": 0.001, "warmup_steps": 10,
                             "label_smoothing": 0.1},
            "test_metrics": {"exact_match": 0.5, "bleu": 40.0,
                             "by_length": {"3": {"n": 4, "exact_match": 0.75}, "19": {"n": 2, "exact_match": 0.5}}},
            "curve": [{"step": 0, "loss": 3.0}, {"step": 99, "loss": 1.25}], "n_params": 1234}
    rnn = {"config": {"d_embed": 16, "d_hidden": 32}, "train_config": {"lr": 0.01, "warmup_steps": 5, "clip_norm": 2.0},
           "test_metrics": meta["test_metrics"], "n_params": 99}
    v = lesson_numbers.values({"transformer": meta, "rnn": rnn})
    assert (v["d_k"], v["h"], v["n_layers"], v["max_steps"]) == ("16", "2", "3", "39")
    assert (v["src_vocab"], v["tgt_vocab"], v["max_src_chars"]) == ("50", "70", "30")
    assert (v["exact_transformer"], v["exact_rnn"], v["params_transformer"]) == ("50%", "50%", "1,234")
    assert v["rnn_short_exact"] == "75%" and v["rnn_long_exact"] == "50%" and v["n_long"] == "2"
    assert v["final_loss"] == "1.25" and v["clip_norm"] == "2" and v["dropout"] == "20%"
    assert v["work_transformer"] == f"{3 * (4 * 32 * 32 + 2 * 32 * 128):,}"
    assert v["work_rnn"] == f"{16 * 32 + 32 * 32:,}"
    assert v["exact_lstm"] == lesson_numbers.MISSING  # no LSTM checkpoint: shown as (?), never a stale figure
    text = "RNN {exact_rnn}, $\\frac{pos}{x}$, {unknown}"
    assert lesson_numbers.fill(text, v) == "RNN 50%, $\\frac{pos}{x}$, {unknown}"


def test_shipped_values_follow_a_rewritten_checkpoint(tmp_path, monkeypatch):
    """The files are looked at once a second, not per text: a rebuilt checkpoint shows after that, not never."""
    clock = [1000.0]
    monkeypatch.setattr(lesson_numbers.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(lesson_numbers, "_stamps", {})  # no fake-clock entry outlives this test
    monkeypatch.setenv(lesson_numbers.ENV_CHECKPOINT, str(tmp_path))
    path = tmp_path / "transformer.json"
    path.write_text(json.dumps({"config": {"d_model": 32, "n_heads": 2}}), encoding="utf-8")
    assert lesson_numbers.shipped_values()["d_k"] == "16"
    path.write_text(json.dumps({"config": {"d_model": 64, "n_heads": 2}}), encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))  # a new modification time even on a coarse clock
    clock[0] += lesson_numbers.STAMP_TTL_S / 2
    assert lesson_numbers.shipped_values()["d_k"] == "16"  # within the second: the files are not looked at
    clock[0] += lesson_numbers.STAMP_TTL_S
    assert lesson_numbers.shipped_values()["d_k"] == "32"
