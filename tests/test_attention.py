"""Captured attention tensors agree with an independent NumPy recomputation from other captured tensors."""

import numpy as np
import pytest
import torch

from tutorial_model.hooks import capture

SITES = ["encoder.layers.0.self_attn", "encoder.layers.1.self_attn", "decoder.layers.0.self_attn",
         "decoder.layers.0.cross_attn", "decoder.layers.1.cross_attn"]


@pytest.fixture
def cap(tiny, batch):
    with torch.inference_mode(), capture(tiny) as c:
        tiny(*batch)
    return {k: v[0].numpy() for k, v in c.items()}


def softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


def module(model, site):
    obj = model
    for part in site.split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj


@pytest.mark.parametrize("site", SITES)
def test_pattern_equals_softmax_of_scaled_scores_plus_mask(cap, site):
    q, k, mask = cap[f"{site}.hook_q"], cap[f"{site}.hook_k"], cap[f"{site}.hook_mask"]
    d_k = q.shape[-1]
    additive = np.where(mask, 0.0, -np.inf)[:, None]  # (B, 1, T_q, T_k), broadcast over heads
    expected = softmax(q.astype(np.float64) @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k) + additive)
    np.testing.assert_allclose(cap[f"{site}.hook_pattern"], expected, atol=1e-6)


@pytest.mark.parametrize("site", SITES)
def test_rows_sum_to_one_and_masked_entries_are_exactly_zero(cap, site):
    pattern, mask = cap[f"{site}.hook_pattern"], cap[f"{site}.hook_mask"]
    np.testing.assert_allclose(pattern.sum(-1), 1.0, atol=1e-6)
    blocked = np.broadcast_to(~mask[:, None], pattern.shape)
    assert blocked.any(), "the batch has padding and causal masks, so something must be blocked"
    assert (pattern[blocked] == 0.0).all()
    assert np.isneginf(cap[f"{site}.hook_masked_scores"][blocked]).all()


def test_masks_are_padding_and_causal(cap, batch):
    src, tgt = batch
    enc = cap["encoder.layers.0.self_attn.hook_mask"]  # (B, T_src, T_src)
    assert (enc == (src != 0).numpy()[:, None, :]).all()
    dec = cap["decoder.layers.0.self_attn.hook_mask"]  # (B, T_tgt, T_tgt)
    T = tgt.shape[1]
    causal = np.tril(np.ones((T, T), dtype=bool))
    assert (dec == (causal[None] & (tgt != 0).numpy()[:, None, :])).all()
    cross = cap["decoder.layers.0.cross_attn.hook_mask"]  # queries: target, keys: source
    assert cross.shape == (2, T, src.shape[1]) and (cross == (src != 0).numpy()[:, None, :]).all()


@pytest.mark.parametrize("site", SITES)
def test_q_k_v_are_input_times_weights(tiny, cap, site):
    attn = module(tiny, site)
    layer = site.rsplit(".", 1)[0]
    x_q = cap[f"{layer}.hook_in"] if site.endswith("self_attn") else cap[f"{layer}.norm1.hook_out"]
    x_kv = cap[f"{layer}.hook_in"] if site.endswith("self_attn") else cap["encoder.hook_memory"]
    h = attn.n_heads
    for name, x, W in (("q", x_q, attn.W_Q), ("k", x_kv, attn.W_K), ("v", x_kv, attn.W_V)):
        full = x @ W.weight.detach().numpy().T  # X · W (the paper's W is nn.Linear's weight transposed)
        B, T, d = full.shape
        per_head = full.reshape(B, T, h, d // h).transpose(0, 2, 1, 3)  # (B, T, d_model) → (B, h, T, d_k)
        np.testing.assert_allclose(cap[f"{site}.hook_{name}"], per_head, atol=1e-5)


@pytest.mark.parametrize("site", SITES)
def test_z_and_concat_times_W_O_equal_captured_output(tiny, cap, site):
    z = cap[f"{site}.hook_pattern"] @ cap[f"{site}.hook_v"]
    np.testing.assert_allclose(cap[f"{site}.hook_z"], z, atol=1e-6)
    B, h, T, d_k = z.shape
    concat = z.transpose(0, 2, 1, 3).reshape(B, T, h * d_k)  # heads side by side
    np.testing.assert_allclose(cap[f"{site}.hook_concat"], concat, atol=1e-6)
    W_O = module(tiny, site).W_O.weight.detach().numpy().T
    np.testing.assert_allclose(cap[f"{site}.hook_out"], concat @ W_O, atol=1e-5)


def test_scores_are_q_dot_k_over_sqrt_dk(cap):
    site = "decoder.layers.1.self_attn"
    q, k = cap[f"{site}.hook_q"], cap[f"{site}.hook_k"]
    b, head, i, j = 0, 2, 3, 1
    by_hand = sum(float(a) * float(c) for a, c in zip(q[b, head, i], k[b, head, j])) / q.shape[-1] ** 0.5
    assert cap[f"{site}.hook_scores"][b, head, i, j] == pytest.approx(by_hand, abs=1e-5)
