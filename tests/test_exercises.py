"""The exercise engine on the shipped model's own tensors: reading answers, grading, the bug library, the
ambiguity guard, and the texts in both languages. Each check recomputes independently of the generator."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises import core, registry
from exercises.attention import softmax
from exercises.registry import Given
from tutorial_model import checkpoint, corpus
from tutorial_model.translator import Translator
from ui import i18n

# the Transformer pages whose exercises read the trace alone (and the vocabulary)
PAGES = ("self_attention", "multi_head", "masked_attention", "cross_attention", "generation")


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator.load()


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    stored = checkpoint.read_meta("transformer").get("examples_by_topic") or {"lessons": corpus.EXAMPLES}
    examples = [zh for pairs in stored.values() for zh, _ in pairs]
    test = [p.zh for p in corpus.make_splits(0)["test"]]
    return examples + random.Random(20).sample(test, 100)


@pytest.fixture(scope="module")
def givens(translator, sentences) -> list[Given]:
    extras = {"itos": translator.tokenizer.tgt.itos}
    return [Given(translator.run_with_trace(s), translator.model.cfg, extras, s) for s in sentences]


@pytest.fixture(scope="module")
def instances(givens) -> dict[str, list[tuple[Given, core.Instance | None]]]:
    out: dict[str, list] = {}
    for page in PAGES:
        for exercise in registry.for_page(page):
            out[exercise.skill] = [(g, registry.generate(exercise, g, core.seed_for(g.sentence, exercise.skill, 0)))
                                   for g in givens]
    return out


def typed(instance: core.Instance, value) -> object:
    """A value as a learner would enter it: numbers as text rounded to the shown decimals + 2."""
    if instance.kind == core.NUMBER:
        return f"{float(value):.{instance.decimals + 2}f}"
    if instance.kind == core.SHAPE:
        return " × ".join(map(str, value))
    return value


# ---- reading what a learner types ---------------------------------------------------------------------

@pytest.mark.parametrize("raw, value", [
    ("0.23", 0.23), ("０．２３", 0.23), ("23 %", 0.23), ("23%", 0.23), ("≈0.23", 0.23), ("约0.23", 0.23),
    ("0,23", 0.23), ("−0.5", -0.5), ("-1e-3", -0.001), ("2/3", 2 / 3), (" .5 ", 0.5), ("\u202e0.5", 0.5),
])
def test_numbers_are_read_in_every_common_form(raw, value):
    assert core.parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw, value", [("131,712", 131712), ("1,509,241", 1509241), ("131712", 131712),
                                        ("131 712", 131712), ("１３１，７１２", 131712), ("0,5", 0.5)])
def test_a_whole_count_reads_commas_between_thousands(raw, value):
    """A count as the app writes counts (1,509,241) is that count, not 1.509 (truth round 9, C: "131,712" was
    graded wrong and cost a Proficient streak); a comma elsewhere stays a decimal comma."""
    assert core.parse_number(raw, whole=True) == pytest.approx(value)
    count = core.Instance(core.NUMBER, core.text("exercises.prompt.order"), 131712.0, tolerance=0.5, decimals=0)
    assert core.grade(count, "131,712").status == core.RIGHT
    assert core.grade(count, "131.712").status != core.RIGHT  # a decimal point is not a thousands separator
    fraction = core.Instance(core.NUMBER, core.text("exercises.prompt.order"), 0.23, tolerance=0.005)
    assert core.grade(fraction, "0,23").status == core.RIGHT and core.parse_number("131,712") == 131.712


@pytest.mark.parametrize("raw", ["", "abc", "0.2.3", "1/0", "nan", "inf", "1e999", "--1", "0.2 0.3"])
def test_unreadable_numbers_are_none(raw):
    assert core.parse_number(raw) is None


@pytest.mark.parametrize("raw, shape", [("7 × 128", (7, 128)), ("(4, 7, 32)", (4, 7, 32)), ("7x128", (7, 128)),
                                        ("[7,128]", (7, 128)), ("７×１２８", (7, 128)), ("7*128", (7, 128))])
def test_shapes_are_read(raw, shape):
    assert core.parse_shape(raw) == shape


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_any_text_is_graded_without_raising_and_unreadable_costs_nothing(raw):
    instance = core.Instance(core.NUMBER, core.text("exercises.prompt.order"), 0.5, tolerance=0.01,
                             bugs={"no_scale": 2.0})
    result = core.grade(instance, raw)
    assert result.status in (core.RIGHT, core.BUG, core.WRONG, core.UNREADABLE)
    if core.parse_number(raw) is None:
        assert result.status == core.UNREADABLE and not result.counts
    assert all(ord(c) >= 32 and c not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
               for c in core.normalise(raw))


def test_seeds_differ_by_sentence_exercise_and_attempt_and_repeat_exactly():
    seeds = {core.seed_for(s, k, a) for s in ("我有一只猫", "你好") for k in ("a.b", "a.c") for a in (0, 1)}
    assert len(seeds) == 8
    assert core.seed_for("我有一只猫", "a.b", 0) == core.seed_for("我有一只猫", "a.b", 0)


# ---- coverage and the ambiguity guard -----------------------------------------------------------------

def test_every_exercise_of_the_transformer_pages_fits_every_sentence(instances, sentences):
    """100 % of (page, type) pairs on pages 4, 5, 8, 9, 10 give a valid, unambiguous instance."""
    for skill, pairs in instances.items():
        missing = [g.sentence for g, instance in pairs if instance is None]
        assert not missing, f"{skill}: no instance for {len(missing)} of {len(pairs)}, e.g. {missing[:3]}"
    assert len(sentences) >= 100


def test_every_page_offers_at_least_three_types_one_computed_from_the_tensors(instances):
    for page in PAGES:
        types = {e.type for e in registry.for_page(page)}
        assert len(types) >= 3, page
        numeric = [s for s, pairs in instances.items() if s.startswith(f"{page}.")
                   and pairs[0][1] is not None and pairs[0][1].kind == core.NUMBER]
        assert numeric, f"{page} has no exercise computed from the learner's numbers"


def test_every_reteach_link_names_a_section_of_its_lesson(instances):
    for skill, pairs in instances.items():
        instance = pairs[0][1]
        sections = set(i18n.lesson_sections("en", instance.page)) & set(i18n.lesson_sections("zh", instance.page))
        assert instance.section in sections, (skill, instance.section, sorted(sections))


def test_posed_instances_keep_the_answer_and_every_bug_apart(instances):
    for skill, pairs in instances.items():
        for _, instance in pairs:
            assert core.unambiguous(instance), skill


# ---- grading ------------------------------------------------------------------------------------------

def test_the_right_answer_is_graded_right_and_each_bug_gets_its_own_tag(instances):
    for skill, pairs in instances.items():
        for _, instance in pairs:
            assert core.grade(instance, typed(instance, instance.answer)).correct, skill
            for tag, value in instance.bugs.items():
                result = core.grade(instance, typed(instance, value))
                assert result.status == core.BUG and result.tag == tag, (skill, tag, value, result)


def test_every_numeric_exercise_names_at_least_two_misconceptions(instances):
    for skill, pairs in instances.items():
        numeric = [i for _, i in pairs if i.kind == core.NUMBER]
        if numeric:
            assert min(len(i.bugs) for i in numeric) >= 2, skill


def _from_display(instance: core.Instance) -> float | None:
    """The answer recomputed from what the learner is shown (rounded), independently of the generator."""
    prompt, show = instance.prompt.key, instance.show
    if prompt == "exercises.prompt.scaled_score":
        return show["q·k"] / math.sqrt(show["d_k"])
    if prompt in ("exercises.prompt.weight", "exercises.prompt.weight_unscaled"):
        p = instance.params
        d_k = instance.prompt.fields["d_k"]
        scores = np.asarray(show["scores"], dtype=float)
        mask = np.asarray(show["mask"], dtype=bool)
        s = scores / math.sqrt(d_k) if prompt.endswith("unscaled") else scores
        row = np.where(mask[p["query"]], s[p["query"]], -np.inf)
        e = np.where(np.isfinite(row), np.exp(row - row[np.isfinite(row)].max()), 0.0)
        return float(e[p["key"]] / e.sum())
    if prompt == "exercises.prompt.temperature":
        z = np.asarray(show["logits"], dtype=float) / instance.prompt.fields["T"]
        return float(np.exp(z[0] - z.max()) / np.exp(z - z.max()).sum())
    if prompt == "exercises.prompt.word_loss":
        return -math.log(float(instance.prompt.fields["p"]))
    return None


def test_the_answer_computed_from_the_displayed_rounded_numbers_is_graded_right(instances):
    checked = 0
    for skill, pairs in instances.items():
        for _, instance in pairs:
            value = _from_display(instance)
            if value is not None:
                checked += 1
                assert core.grade(instance, f"{value:.4f}").correct, (skill, value, instance.answer)
    assert checked > 300


def test_attention_weights_agree_with_the_models_own_pattern(instances):
    """The weight asked for is the model's: softmax(QKᵀ/√d_k + mask) recomputed from the captured Q and K."""
    for skill in ("self_attention.compute", "masked_attention.compute", "cross_attention.compute"):
        for g, instance in instances[skill]:
            p = instance.params
            site = g.trace.act
            q = site("q", p["layer"], p["stack"], p["sublayer"])[p["head"]].astype(np.float64)
            k = site("k", p["layer"], p["stack"], p["sublayer"])[p["head"]].astype(np.float64)
            mask = site("mask", p["layer"], p["stack"], p["sublayer"]).astype(bool)
            weights = softmax(np.where(mask, q @ k.T / math.sqrt(q.shape[-1]), -np.inf))
            assert abs(weights[p["query"], p["key"]] - instance.answer) <= instance.tolerance, skill


def test_random_wrong_numbers_rarely_get_a_named_misconception(instances):
    rng = np.random.default_rng(0)
    named = total = 0
    for pairs in instances.values():
        for _, instance in pairs[:40]:
            if instance.kind != core.NUMBER:
                continue
            spread = 2 * abs(float(instance.answer)) + 1.0
            for value in rng.uniform(-spread, spread, 50):
                result = core.grade(instance, f"{value:.4f}")
                if result.status != core.RIGHT:
                    total += 1
                    named += result.status == core.BUG
    assert total > 1000 and named / total <= 0.01, (named, total)


# ---- texts --------------------------------------------------------------------------------------------

def _keys(instance: core.Instance) -> set[str]:
    texts = [instance.prompt, *instance.hints, *(c for c in instance.choices if isinstance(c, core.Text))]
    if instance.reveal is not None:
        texts.append(instance.reveal)
    keys = {t.key for t in texts} | {v.key for t in texts for v in t.fields.values() if isinstance(v, core.Text)}
    keys |= {f"exercises.bug.{core.slip(tag)}" for tag in instance.bugs}
    keys |= {f"exercises.skill.{instance.skill}", f"exercises.type.{instance.type}"}
    return keys


def test_every_text_an_exercise_uses_exists_in_english_and_chinese(instances):
    used = {key for pairs in instances.values() for _, i in pairs for key in _keys(i)}
    for lang in ("en", "zh"):
        catalogue = i18n.area_catalogue("exercises", lang)
        assert not used - set(catalogue), (lang, sorted(used - set(catalogue)))


def test_the_bug_library_names_at_least_forty_misconceptions():
    tags = {k.removeprefix("exercises.bug.") for k in i18n.area_catalogue("exercises", "en")
            if k.startswith("exercises.bug.")}
    assert len(tags) >= 40
    assert tags == {k.removeprefix("exercises.bug.") for k in i18n.area_catalogue("exercises", "zh")
                    if k.startswith("exercises.bug.")}


def test_every_registered_exercise_has_a_skill_name_in_both_languages():
    from exercises.registry import EXERCISES, for_page

    for_page("self_attention")  # registers every page
    for exercises in EXERCISES.values():
        for e in exercises:
            for lang in ("en", "zh"):
                assert f"exercises.skill.{e.skill}" in i18n.catalogue(lang), (lang, e.skill)
                assert f"exercises.type.{e.type}" in i18n.catalogue(lang), (lang, e.type)


def test_the_engine_imports_no_streamlit():
    import subprocess
    import sys

    code = "import sys, exercises.catalogue; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_removing_the_scaling_always_sharpens_the_row_as_the_prediction_says(instances):
    """The predict item's answer ("it grows") recomputed from the captured scores of its own view."""
    for g, instance in instances["self_attention.predict"]:
        p = instance.params
        scores = g.trace.act("scores", p["layer"], p["stack"], p["sublayer"])[p["head"], p["query"]].astype(float)
        d_k = instance.prompt.fields["d_k"]
        grows = softmax(scores * math.sqrt(d_k)).max() > softmax(scores).max()
        assert grows and instance.answer == 0


def test_a_chain_grades_step_two_on_the_learners_own_step_one(instances):
    """Error carried forward: with the right score, step two's answer is the model's weight; with a slip in step
    one (no ÷√d_k), step two's answer is the softmax of the row holding the learner's own number."""
    for g, first in instances["self_attention.chain"]:
        p = first.params
        right = core.follow_up(first, core.grade(first, f"{first.answer:.4f}"))
        model = g.trace.act("pattern", p["layer"], p["stack"], p["sublayer"])[p["head"], p["query"], p["key"]]
        assert abs(right.answer - model) <= right.tolerance
        slip = core.grade(first, f"{first.bugs['no_scale']:.4f}")
        assert slip.tag == "no_scale"
        carried = core.follow_up(first, slip)
        row = g.trace.act("scores", p["layer"], p["stack"], p["sublayer"])[p["head"], p["query"]].astype(float)
        row[p["key"]] = round(first.bugs["no_scale"], 4)
        assert abs(carried.answer - softmax(row)[p["key"]]) <= carried.tolerance
        assert core.grade(carried, f"{carried.answer:.4f}").correct
        assert core.unambiguous(carried)
        for tag, value in carried.bugs.items():
            assert core.grade(carried, f"{value:.6f}").tag == tag
