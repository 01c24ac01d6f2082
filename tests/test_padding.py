"""The padding mask live (tutorial_model/padding.py, page 8): a sentence batched with a longer one reads as if alone
with the mask, and not without it; <pad> keys get −∞ scores and exactly zero weight."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tutorial_model import padding
from tutorial_model.decoding import greedy
from tutorial_model.tokenizer import PAD
from tutorial_model.transformer import padding_mask

IDS, OTHER = [5, 6, 7, 8], [9, 10, 11, 12, 13, 14, 15, 16, 17]  # 4 tokens batched with 9: 5 × <pad>


@pytest.fixture
def run(tiny):
    return padding.run(tiny, IDS, OTHER, [str(i) for i in IDS], [str(i) for i in OTHER])


def test_with_the_mask_the_padded_row_is_the_sentence_alone(tiny, run):
    with torch.inference_mode():
        alone = tiny.encode(torch.tensor([IDS]), padding_mask(torch.tensor([IDS])))[0].numpy()  # unbatched
    np.testing.assert_allclose(run.memory, alone, atol=1e-5, rtol=0)
    assert run.memory_diff <= 1e-5
    assert run.output == run.output_alone == greedy(tiny, IDS).ids  # decoding.py's own greedy, unbatched


def test_without_the_mask_the_padded_row_changes(run):
    assert run.memory_diff_unmasked > 1e-3
    assert not np.allclose(run.memory_unmasked, run.memory, atol=1e-4)
    assert (run.pad_weight(masked=False) > 0).all()  # every layer and head gives the filler some weight


def test_pad_keys_get_minus_infinity_and_exactly_zero_weight(run):
    n = run.n_real
    assert run.n_pad == len(OTHER) - len(IDS) and run.tokens[n:] == [PAD] * run.n_pad
    assert np.isneginf(run.masked_scores[..., n:]).all()  # every layer, head and query row
    assert np.isfinite(run.masked_scores[..., :n]).all()
    assert (run.pattern[..., n:] == 0).all()  # exactly: e^−∞ = 0
    assert (run.pad_weight(masked=True) == 0).all()
    np.testing.assert_allclose(run.pattern.sum(-1), 1, atol=1e-6)
    np.testing.assert_allclose(run.pattern_unmasked.sum(-1), 1, atol=1e-6)


def test_the_masked_weights_are_the_softmax_of_the_masked_scores(run):
    s = run.masked_scores.astype(np.float64)
    e = np.exp(s - s.max(-1, keepdims=True))
    np.testing.assert_allclose(run.pattern, e / e.sum(-1, keepdims=True), atol=1e-6)


def test_the_partner_must_be_longer_and_fit(tiny):
    with pytest.raises(ValueError):
        padding.run(tiny, IDS, IDS, list("abcd"), list("abcd"))


def test_the_partner_gives_padding_whenever_it_can():
    cands = [list("ab"), list("abcdefg"), list("abcdefghijk")]
    assert padding.longer_sentence(2, cands, 32) == list("abcdefg")  # the shortest with ≥ MIN_PADS more
    assert padding.longer_sentence(8, cands, 32) == list("abcdefghijk")  # none that long: the longest longer one
    joined = padding.longer_sentence(24, cands, 32)  # longer than every candidate: joined, cut at max_len
    assert len(joined) == 32 and joined[:12] == [*"abcdefghijk", "，"] and joined[23:26] == list("abc")
    assert padding.longer_sentence(3, [], 32) == []  # nothing to batch with: run() refuses it


def test_the_shipped_model_on_a_sidebar_sentence(shipped):
    from tutorial_model.corpus import EXAMPLES

    text = EXAMPLES[0][0]
    run = padding.for_sentence(shipped, text, [zh for zh, _ in EXAMPLES])
    enc = shipped.tokenizer.encode_source(text)
    assert run.tokens[:run.n_real] == shipped.source_tokens(enc) and run.n_pad >= padding.MIN_PADS
    assert len(run.other) == len(run.tokens)
    assert run.memory_diff <= 1e-5 < 1e-3 < run.memory_diff_unmasked
    assert run.output == run.output_alone == shipped.decode(enc).ids
    assert (run.pad_weight(masked=True) == 0).all() and (run.pad_weight(masked=False) > 0).all()
