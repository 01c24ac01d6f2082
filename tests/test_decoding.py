"""Decoding: each recorded step agrees with an independent teacher-forced forward pass."""

import numpy as np
import pytest
import torch

from tutorial_model.decoding import beam_search, decode, greedy, greedy_batch, sample
from tutorial_model.tokenizer import BOS_ID, EOS_ID

SRC = [5, 6, 7, 8]


def next_probs(model, src_ids, prefix):
    """The distribution after ``prefix``, from a plain forward pass (no decoding code involved)."""
    with torch.inference_mode():
        return model(torch.tensor([src_ids]), torch.tensor([prefix]))[0, -1].softmax(-1).numpy()


def test_greedy_steps_are_argmax_of_an_independent_forward(tiny):
    res = greedy(tiny, SRC, max_len=6)
    assert len(res.steps) == len(res.ids) and res.steps[0].prefix == [BOS_ID]
    for step in res.steps:
        probs = next_probs(tiny, SRC, step.prefix)
        np.testing.assert_allclose(step.probs, probs, atol=1e-6)
        assert step.chosen == int(np.argmax(probs))
    assert res.ids == [s.chosen for s in res.steps]


def test_greedy_batch_matches_one_by_one(tiny):
    srcs = [[5, 6, 7, 8], [9, 10, 0, 0], [11, 12, 13, 0]]
    out = greedy_batch(tiny, torch.tensor(srcs), max_len=6).tolist()
    for src, row in zip(srcs, out):
        single = greedy(tiny, [i for i in src if i], max_len=6).ids
        assert row[: len(single)] == single
        assert all(t == EOS_ID for t in row[len(single):])


def test_beam_of_one_is_greedy(tiny):
    assert beam_search(tiny, SRC, beam_size=1, max_len=6).ids == greedy(tiny, SRC, max_len=6).ids


def test_beam_tree_scores_are_true_log_probabilities(tiny):
    res = beam_search(tiny, SRC, beam_size=3, max_len=5)
    assert len(res.beams[0]) == 1 and all(len(b) <= 3 for b in res.beams)
    for t, beams in enumerate(res.beams[1:], start=1):
        for b in beams:
            assert 0 <= b.parent < len(res.beams[t - 1])
            parent = res.beams[t - 1][b.parent]
            assert b.tokens[: len(parent.tokens)] == parent.tokens
            logp = sum(np.log(next_probs(tiny, SRC, [BOS_ID, *b.tokens[:i]])[tok]) for i, tok in enumerate(b.tokens))
            assert b.logp == pytest.approx(logp, abs=1e-4)
    best = max(res.beams[-1], key=lambda b: b.logp)
    assert res.ids == list(best.tokens)


def test_sampling_is_seeded_and_top_k_restricts_the_choice(tiny):
    a = sample(tiny, SRC, temperature=1.5, top_k=3, seed=7, max_len=6)
    b = sample(tiny, SRC, temperature=1.5, top_k=3, seed=7, max_len=6)
    assert a.ids == b.ids
    for step in a.steps:
        assert (step.policy > 0).sum() == 3
        assert step.chosen in np.argsort(step.probs)[-3:]
        np.testing.assert_allclose(step.policy.sum(), 1.0, atol=1e-6)
    assert sample(tiny, SRC, temperature=1.0, top_k=1, seed=3, max_len=6).ids == greedy(tiny, SRC, max_len=6).ids


def test_low_temperature_sharpens(tiny):
    hot = sample(tiny, SRC, temperature=5.0, seed=0, max_len=1).steps[0].policy
    cold = sample(tiny, SRC, temperature=0.2, seed=0, max_len=1).steps[0].policy
    assert cold.max() > hot.max()


def test_unknown_method_is_rejected(tiny):
    with pytest.raises(ValueError, match="unknown decoding method"):
        decode(tiny, SRC, "nucleus")
    with pytest.raises(ValueError):
        sample(tiny, SRC, temperature=0)
