"""The shipped checkpoint: translates the source articles' examples, and its trace is self-consistent."""

import numpy as np
import pytest
import torch

from tutorial_model.corpus import make_splits
from tutorial_model.evaluate import evaluate
from tutorial_model.tokenizer import InputError


def test_translates_the_seed_examples(shipped):
    assert shipped.translate("我有一只猫") == "I have a cat"
    assert shipped.translate("我是一个学生") == "I am a student"


def test_reported_metrics_meet_the_target(shipped):
    m = shipped.meta["test_metrics"]
    assert m["n"] >= 2000 and m["exact_match"] >= 0.99 and m["bleu"] >= 98


def test_held_out_sentences_translate(shipped):
    """A fresh measurement on part of the test split (the whole split: `python -m tutorial_model.evaluate`)."""
    test = make_splits(shipped.meta["train_config"]["corpus_seed"])["test"][:300]
    metrics, _ = evaluate(shipped.model, shipped.tokenizer, test)
    assert metrics["exact_match"] >= 0.97


def test_trace_labels_and_shapes(shipped):
    tr = shipped.run_with_trace("我有一只猫")
    assert tr.src_tokens == list("我有一只猫")
    assert tr.tgt_tokens == ["<bos>", "I", "have", "a", "cat"] and tr.out_tokens[-1] == "<eos>"
    h, d_k = shipped.model.cfg.n_heads, shipped.model.cfg.d_head
    assert tr.layer("encoder", 0, "self_attn.hook_q").shape == (h, 5, d_k)
    assert tr.layer("decoder", 1, "cross_attn.hook_pattern").shape == (h, 5, 5)


def test_trace_rows_equal_the_decoding_steps(shipped):
    """Row t of the teacher-forced trace is what decoding step t computed (causal mask ⇒ same numbers)."""
    tr = shipped.run_with_trace("昨天他在公园看书")
    probs = tr["generator.hook_probs"]
    for t, step in enumerate(tr.decoding.steps):
        np.testing.assert_allclose(probs[t], step.probs, atol=1e-5)
        assert int(probs[t].argmax()) == step.chosen


def test_unknown_characters_are_traced_as_unk(shipped):
    tr = shipped.run_with_trace("我有一只🐱")
    assert tr.unknown == ("🐱",) and tr.src_tokens[-1] == "<unk>"


def test_bad_input_raises_input_error(shipped):
    for text in ("", "hello", "<i>猫</i>", "猫" * 40):
        with pytest.raises(InputError):
            shipped.run_with_trace(text)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here; CI has none")
def test_cuda_matches_cpu():
    from tutorial_model.translator import Translator

    cpu, gpu = Translator.load(device="cpu"), Translator.load(device="cuda")
    a, b = cpu.run_with_trace("我有一只猫"), gpu.run_with_trace("我有一只猫")
    assert a.translation == b.translation
    for name in a.arrays:
        np.testing.assert_allclose(a[name], b[name], atol=1e-4, rtol=1e-4)
