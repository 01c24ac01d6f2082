"""The "Autoregressive vs one pass" lesson (issue 23): tutorial_model/slips.py (adjacent repeats and missing words
against brute-force counts; decoder passes against the length of the greedy output and against one pass), and the page
in AppTest with a scratch one-pass checkpoint (random weights, the shipped tokenizer) and without one."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from lesson_app import chart, open_lesson_on, plotly_array
from streamlit.testing.v1 import AppTest

from tutorial_model import checkpoint, slips
from tutorial_model.checkpoint import CHECKPOINT_DIR, paths
from tutorial_model.config import ModelConfig
from tutorial_model.decoding import decode
from tutorial_model.nat import NonAutoregressive
from tutorial_model.transformer import Transformer
from ui import figures, one_pass, widgets

SLUG = "autoregressive_vs_not"
SENTENCE = "他们有两只黑色的狗"
SMALL = {"d_model": 16, "n_heads": 2, "n_layers": 2, "d_ff": 32, "max_len": 12, "dropout": 0.0}


def test_adjacent_repeats_against_a_brute_force_count():
    assert slips.adjacent_repeats(["the", "the", "cat", "cat", "cat", "."]) == [1, 3, 4]
    assert slips.adjacent_repeats(["a", "b", "a"]) == [] and slips.adjacent_repeats([]) == []
    rng = random.Random(0)
    for _ in range(200):
        words = [rng.choice("abc") for _ in range(rng.randint(0, 9))]
        expected = sum(1 for j in range(len(words)) for k in range(len(words)) if k == j - 1 and words[j] == words[k])
        got = slips.adjacent_repeats(words)
        assert len(got) == expected and all(words[i] == words[i - 1] for i in got)


def test_missing_words_count_multiplicity():
    assert slips.missing(["i", "have", "a", "cat"], ["i", "i", "cat"]) == ["have", "a"]
    assert slips.missing(["a", "a", "b"], ["a", "b"]) == ["a"]
    rng = random.Random(1)
    for _ in range(200):
        ref = [rng.choice("abcd") for _ in range(rng.randint(0, 8))]
        out = [rng.choice("abcd") for _ in range(rng.randint(0, 8))]
        lost = slips.missing(ref, out)
        for w in set(ref):
            assert lost.count(w) == max(0, ref.count(w) - out.count(w))


def test_slip_shares_on_the_test_split_count_outputs_not_words():
    """evaluate.score's slips: an output counts once however many words it doubles or drops; a doubled word its
    reference has too ("very very") is no slip; recounted here pair by pair from the definitions."""
    refs = ["i have a cat .", "it is very very good .", "you go .", "we eat ."]
    hyps = ["i i have a a cat .", "it is very very good .", "you .", "we eat ."]
    got = slips.shares(hyps, refs)
    assert got == {"repeat": 1 / 4, "missing": 1 / 4}  # only the first doubles; only the third drops "go"
    rng = random.Random(2)
    refs = [" ".join(rng.choice("abc") for _ in range(rng.randint(1, 6))) for _ in range(100)]
    hyps = [" ".join(rng.choice("abc") for _ in range(rng.randint(1, 6))) for _ in range(100)]
    got = slips.shares(hyps, refs)
    doubled = [sum(w[i] == w[i - 1] for i in range(1, len(w))) for w in (s.split() for s in hyps + refs)]
    assert got["repeat"] == sum(doubled[i] > doubled[100 + i] for i in range(100)) / 100
    assert got["missing"] == sum(any(r.split().count(w) > h.split().count(w) for w in r.split())
                                 for h, r in zip(hyps, refs)) / 100


def test_decoder_passes_one_per_token_against_one_pass():
    torch.manual_seed(0)
    ar = Transformer(ModelConfig(30, 25, **SMALL)).eval()
    nat = NonAutoregressive(ModelConfig(30, 25, **SMALL)).eval()
    src = [5, 6, 7, 8, 9]
    ids, n = one_pass.decoder_passes(ar, src)
    assert ids == decode(ar, src, "greedy").ids and n == len(ids)  # one pass per token, <eos> included
    ids, n = one_pass.decoder_passes(nat, src)
    assert ids == decode(nat, src, "greedy").ids and n == 1
    assert one_pass.decode_seconds(nat, src, repeats=2) > 0


# ---- the page ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_dir(tmp_path_factory) -> Path:
    if not paths("transformer", CHECKPOINT_DIR)[0].exists():
        pytest.skip("no shipped Transformer checkpoint")
    out = tmp_path_factory.mktemp("nat_base")
    for path in paths("transformer", CHECKPOINT_DIR):
        shutil.copy(path, out / path.name)
    return out


@pytest.fixture(scope="module")
def nat_dir(base_dir, tmp_path_factory) -> Path:
    """Plus a scratch one-pass checkpoint: random weights and the Transformer's tokenizer."""
    from tutorial_model.translator import Translator

    out = tmp_path_factory.mktemp("nat_scratch")
    for path in base_dir.iterdir():
        shutil.copy(path, out / path.name)
    tok = Translator.load(base_dir).tokenizer
    torch.manual_seed(0)
    model = NonAutoregressive(ModelConfig(len(tok.src), len(tok.tgt), d_model=32, n_heads=2, n_layers=2,
                                          d_ff=64)).eval()
    from tutorial_model.train import splits_for, task_metrics

    meta = {"n_params": model.n_params(), "test_metrics": task_metrics("nat", model, tok, splits_for(0)["test"][:4])}
    checkpoint.save("nat", model, tok, meta, out)
    return out


def open_page(directory: Path, monkeypatch, **query) -> AppTest:
    return open_lesson_on(directory, SLUG, monkeypatch, **query)


@pytest.mark.slow
def test_page_without_the_checkpoint_names_the_command(base_dir, monkeypatch):
    at = open_page(base_dir, monkeypatch)
    assert "python -m tutorial_model.train --model nat" in " ".join(c.value for c in at.code)
    assert at.warning and at.get("plotly_chart") and at.get("page_link")  # the step-by-step side, the links


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_numbers_equal_a_recomputation(nat_dir, monkeypatch, lang):
    from tutorial_model.translator import Translator

    at = open_page(nat_dir, monkeypatch, s=SENTENCE, lang=lang)
    nat, tf = Translator.load(nat_dir, name="nat"), Translator.load(nat_dir)
    src = torch.tensor([nat.tokenizer.encode_sentences(SENTENCE)[1][0].ids])
    with torch.inference_mode():  # the length head run here, outside any trace
        memory, src_mask = nat.model.encode(src)
        p_len = nat.model.length(memory, src_mask).softmax(-1)[0].numpy()
    bars = plotly_array(chart(at, "nat.length")["data"][0]["y"])  # lengths 1, 2, …: every length the head makes likely
    np.testing.assert_allclose(bars, p_len[1:len(bars) + 1], atol=1e-6)
    assert p_len[len(bars) + 1:].max(initial=0) < 0.005 and bars.sum() + p_len[0] + p_len[len(bars) + 1:].sum() == \
        pytest.approx(1, abs=1e-5)
    nat_words = [nat.tokenizer.tgt.itos[i] for i in decode(nat.model, src[0].tolist(), "greedy").ids]
    tf_ids = decode(tf.model, tf.tokenizer.encode_sentences(SENTENCE)[1][0].ids, "greedy").ids
    passes = plotly_array(chart(at, "nat.passes")["data"][0]["y"])
    assert passes.tolist() == [1.0, float(len(tf_ids))]
    assert (plotly_array(chart(at, "nat.time")["data"][0]["y"]) > 0).all()
    bars = chart(at, f"nat.outputs.{len(nat_words)}")["data"][0]
    red = [i for i, c in enumerate(bars["marker"]["color"]) if c == figures.HIGHLIGHT]
    assert red == [i for i in range(1, len(nat_words)) if nat_words[i] == nat_words[i - 1]]  # counted here
    shown = " ".join(m.value for m in at.markdown)
    assert all(w.replace("<", "&lt;") in shown or w in shown for w in nat_words)
    # the slips table: each model's stored test-split shares, as its metadata holds them
    for name in ("nat", "transformer"):
        stored = json.loads((nat_dir / f"{name}.json").read_text(encoding="utf-8"))["test_metrics"]["slips"]
        row = widgets.md_escape(f"{100 * stored['repeat']:.2f} %") + " | " + widgets.md_escape(
            f"{100 * stored['missing']:.2f} %")
        assert row in shown, (name, row)


# ---- the lesson's claim, on the shipped checkpoints: the one-pass model doubles a word, and leaves one out, in many
# more of its test translations than the step-by-step Transformer (more than 3x, and by more than two standard errors)
@pytest.mark.parametrize("slip", ["repeat", "missing"])
def test_shipped_one_pass_model_slips_far_more_often(slip):
    shares = {}
    for name in ("nat", "transformer"):
        if not paths(name, CHECKPOINT_DIR)[1].exists():
            pytest.skip(f"no shipped {name} checkpoint")
        tm = checkpoint.read_meta(name, CHECKPOINT_DIR)["test_metrics"]
        shares[name] = (tm["slips"][slip], tm["n"])
    (p1, n1), (p2, n2) = shares["nat"], shares["transformer"]
    se = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) ** 0.5
    assert p1 > 3 * p2 and p1 - p2 > 2 * se, shares

