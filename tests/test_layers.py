"""Embeddings, positional encoding, Add & Norm and feed-forward, recomputed from captured tensors."""

import math

import numpy as np
import pytest
import torch

from tutorial_model.hooks import capture
from tutorial_model.layers import sinusoidal_encoding


@pytest.fixture
def cap(tiny, batch):
    with torch.inference_mode(), capture(tiny) as c:
        tiny(*batch)
    return {k: v[0].numpy() for k, v in c.items()}


def test_positional_encoding_matches_the_formula():
    pe = sinusoidal_encoding(20, 16).numpy()
    for pos in (0, 3, 19):
        for i in range(8):
            angle = pos / 10000 ** (2 * i / 16)
            assert pe[pos, 2 * i] == pytest.approx(math.sin(angle), abs=1e-6)
            assert pe[pos, 2 * i + 1] == pytest.approx(math.cos(angle), abs=1e-6)


def test_embedding_is_scaled_then_position_added(tiny, cap, batch):
    src, _ = batch
    d_model = tiny.cfg.d_model
    rows = tiny.src_embed.lut.weight.detach().numpy()[src.numpy()]
    np.testing.assert_array_equal(cap["src_embed.hook_token"], rows)
    np.testing.assert_allclose(cap["src_embed.hook_scaled"], rows * math.sqrt(d_model), rtol=1e-6)
    pe = sinusoidal_encoding(tiny.cfg.max_len, d_model).numpy()[: src.shape[1]]
    np.testing.assert_allclose(cap["src_embed.hook_x"], cap["src_embed.hook_scaled"] + pe, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("norm", ["encoder.layers.0.norm1", "encoder.layers.1.norm2", "decoder.layers.1.norm3"])
def test_layernorm_recomputes_from_residual(tiny, cap, norm):
    ln = tiny.get_submodule(norm).norm
    resid = cap[f"{norm}.hook_resid"].astype(np.float64)
    mean, var = resid.mean(-1, keepdims=True), resid.var(-1, keepdims=True)  # biased variance, as LayerNorm
    expected = (resid - mean) / np.sqrt(var + ln.eps) * ln.weight.detach().numpy() + ln.bias.detach().numpy()
    np.testing.assert_allclose(cap[f"{norm}.hook_out"], expected, atol=1e-5)


def test_residual_is_input_plus_sublayer(cap):
    np.testing.assert_allclose(cap["encoder.layers.0.norm1.hook_resid"],
                               cap["encoder.layers.0.hook_in"] + cap["encoder.layers.0.self_attn.hook_out"], atol=1e-6)
    np.testing.assert_allclose(cap["encoder.layers.0.norm2.hook_resid"],
                               cap["encoder.layers.0.norm1.hook_out"] + cap["encoder.layers.0.ffn.hook_out"], atol=1e-6)


def test_ffn_is_relu_between_two_linears(tiny, cap):
    ffn = tiny.encoder.layers[0].ffn
    x = cap["encoder.layers.0.norm1.hook_out"]
    pre = x @ ffn.W_1.weight.detach().numpy().T + ffn.W_1.bias.detach().numpy()
    np.testing.assert_allclose(cap["encoder.layers.0.ffn.hook_pre"], pre, atol=1e-5)
    hidden = cap["encoder.layers.0.ffn.hook_hidden"]
    np.testing.assert_array_equal(hidden, np.maximum(cap["encoder.layers.0.ffn.hook_pre"], 0))
    assert hidden.shape[-1] == tiny.cfg.d_ff and cap["encoder.layers.0.ffn.hook_out"].shape[-1] == tiny.cfg.d_model


def test_memory_is_last_encoder_layer_output(cap):
    np.testing.assert_array_equal(cap["encoder.hook_memory"], cap["encoder.layers.1.norm2.hook_out"])


def test_probs_are_softmax_of_logits(cap):
    logits = cap["generator.hook_logits"].astype(np.float64)
    e = np.exp(logits - logits.max(-1, keepdims=True))
    np.testing.assert_allclose(cap["generator.hook_probs"], e / e.sum(-1, keepdims=True), atol=1e-6)
