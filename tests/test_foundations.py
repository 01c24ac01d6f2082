"""tutorial_model.foundations against independent recomputation: activation derivatives against torch autograd,
the neuron against the captured FFN hook, the word losses against F.cross_entropy, the by-hand backward pass of
the output layer against autograd, clipping against clip_grad_norm_, and the slice at α = 0 against the loss."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tutorial_model import foundations as fd
from tutorial_model.trace import act_name, param_name

SENTENCES = ("我有一只猫", "他今天不去学校")
TORCH_ACT = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "swish": F.silu,
             "gelu": F.gelu}  # torch's GELU is the exact erf form by default


@pytest.fixture(scope="module")
def runs(shipped):
    out = {}
    for text in SENTENCES:
        trace = shipped.run_with_trace(text)
        src_ids = shipped.tokenizer.encode_sentences(text)[1][0].ids
        out[text] = (trace, src_ids, list(trace.decoding.ids))
    return out


def test_activation_derivatives_match_autograd():
    z = np.linspace(-8, 8, 401)
    curves = fd.activation_curves(z)
    assert set(curves) == set(TORCH_ACT)
    for name, fn in TORCH_ACT.items():
        x = torch.tensor(z, dtype=torch.float64, requires_grad=True)
        y = fn(x)
        (dy,) = torch.autograd.grad(y.sum(), x)
        f, df = curves[name]
        np.testing.assert_allclose(f, y.detach().numpy(), atol=1e-12, err_msg=name)
        np.testing.assert_allclose(df, dy.numpy(), atol=1e-12, err_msg=name)
    assert curves["sigmoid"][1].max() <= 0.25 and curves["tanh"][1].max() <= 1.0


def test_sigmoid_flat_threshold_and_shares():
    c = 0.01
    edge = fd.sigmoid_flat_beyond(c)
    s = 1 / (1 + np.exp(-edge))
    assert s * (1 - s) == pytest.approx(c)  # the edge is where σ′ = c
    z = np.array([0.0, edge - 1e-6, edge + 1e-6, -edge - 1e-6, -3.0])
    shares = fd.flat_share(z, c)
    assert shares["sigmoid"] == pytest.approx(2 / 5)
    assert shares["relu"] == pytest.approx(3 / 5)  # 0 and the two negatives: ReLU′ = 0 there


@pytest.mark.parametrize("text", SENTENCES)
def test_one_neuron_matches_the_captured_hooks(shipped, runs, text):
    trace, _, _ = runs[text]
    for layer in range(shipped.model.cfg.n_layers):
        x = trace[act_name("out", layer, sublayer="norm1")]  # post-norm: the FFN reads the first Add & Norm
        W_1, b_1 = (shipped.weight(param_name("W_1", layer, sublayer="ffn"), part) for part in ("weight", "bias"))
        pre = trace[act_name("pre", layer, sublayer="ffn")]  # (T, d_ff)
        for unit in (0, 7, W_1.shape[1] - 1):
            z = fd.pre_activation(x, W_1, b_1, unit)
            np.testing.assert_allclose(z, pre[:, unit], atol=1e-4)
            np.testing.assert_allclose(np.maximum(z, 0), trace[act_name("hidden", layer, sublayer="ffn")][:, unit],
                                       atol=1e-4)


@pytest.mark.parametrize("text", SENTENCES)
def test_word_losses_match_torch_cross_entropy(shipped, runs, text):
    trace, src_ids, out = runs[text]
    logits = torch.tensor(trace["generator.hook_logits"], dtype=torch.float64)  # (T, V)
    parts = fd.word_losses(trace["generator.hook_probs"], out)
    ref = F.cross_entropy(logits, torch.tensor(out), reduction="none").numpy()
    np.testing.assert_allclose(parts["ce"], ref, atol=1e-5)
    onehot = F.one_hot(torch.tensor(out), logits.shape[1]).double()
    np.testing.assert_allclose(parts["se"], ((logits.softmax(-1) - onehot) ** 2).sum(-1).numpy(), atol=1e-6)
    live = float(fd.sentence_loss(shipped.model, src_ids, out).detach())
    assert live == pytest.approx(float(ref.mean()), abs=1e-5)


def test_logit_gradients_match_autograd():
    rng = np.random.default_rng(0)
    for scale in (0.5, 3.0, 10.0):
        z0 = rng.normal(size=12) * scale
        g = fd.logit_gradients(z0, target=3)
        z = torch.tensor(z0, requires_grad=True)
        y = F.one_hot(torch.tensor(3), 12).double()
        (ce,) = torch.autograd.grad(F.cross_entropy(z[None], torch.tensor([3])), z)
        (se,) = torch.autograd.grad(((z.softmax(-1) - y) ** 2).sum(), z)
        np.testing.assert_allclose(g["ce"], ce.numpy(), atol=1e-12)
        np.testing.assert_allclose(g["se"], se.numpy(), atol=1e-12)


def test_squared_error_stops_pulling_where_cross_entropy_does_not():
    """A confidently wrong word: cross-entropy's pull on its logit tends to 1, squared error's to 0."""
    logits = np.zeros(50)
    sweep = fd.gradient_vs_confidence(logits, 0, np.array([-20.0, -10.0, 0.0]))
    assert sweep["p"][0] < 1e-8 and sweep["ce"][0] == pytest.approx(1.0, abs=1e-6) and sweep["se"][0] < 1e-6


@pytest.mark.parametrize("text", SENTENCES)
def test_by_hand_backward_matches_autograd(shipped, runs, text):
    trace, src_ids, out = runs[text]
    hand = fd.output_layer_by_hand(trace["decoder.hook_out"], trace["generator.hook_probs"], out)
    auto = fd.output_layer_autograd(shipped.model, src_ids, out, lock=shipped.lock)
    scale = np.abs(auto["d_W_out"]).max()
    # the captured h and p are float32: agreement to float32 rounding of the largest entry
    np.testing.assert_allclose(hand["d_W_out"], auto["d_W_out"], atol=1e-5 * max(scale, 1e-3))
    np.testing.assert_allclose(hand["d_b_out"], auto["d_b_out"], atol=1e-5 * max(scale, 1e-3))
    assert auto["d_W_out"].shape == (shipped.model.cfg.d_model, shipped.model.cfg.tgt_vocab_size)
    assert all(p.grad is None for p in shipped.model.parameters())  # nothing written into the shared model


def test_clipping_matches_clip_grad_norm(shipped, runs):
    _, src_ids, out = runs[SENTENCES[1]]
    found = fd.gradient_norms(shipped.model, src_ids, out, clip=0.01)
    model = copy.deepcopy(shipped.model)  # a private copy: .backward writes .grad
    fd.sentence_loss(model, src_ids, out).backward()
    total = torch.nn.utils.clip_grad_norm_(model.parameters(), 0.01)
    assert found["total"] == pytest.approx(float(total), rel=1e-5)
    clipped = {}
    for name, p in model.named_parameters():
        clipped[fd.layer_of(name)] = clipped.get(fd.layer_of(name), 0.0) + float(p.grad.double().pow(2).sum())
    for block, sq in clipped.items():
        assert found["clipped"][block] == pytest.approx(np.sqrt(sq), rel=1e-4), block
    assert set(found["norms"]) == {"src_embed", "tgt_embed", "generator"} | {
        f"{s}.layers.{i}" for s in ("encoder", "decoder") for i in range(shipped.model.cfg.n_layers)}


def test_loss_slice_passes_through_the_trained_loss_and_leaves_the_model(shipped, runs):
    _, src_ids, out = runs[SENTENCES[0]]
    before = {n: p.detach().clone() for n, p in shipped.model.named_parameters()}
    alphas = np.linspace(-1, 1, 5)
    losses = fd.loss_slice(shipped.model, src_ids, out, alphas, seed=3)
    assert losses[2] == pytest.approx(float(fd.sentence_loss(shipped.model, src_ids, out).detach()), abs=1e-6)
    again = fd.loss_slice(shipped.model, src_ids, out, alphas, seed=3)
    np.testing.assert_array_equal(losses, again)  # seeded
    for n, p in shipped.model.named_parameters():
        assert torch.equal(p.detach(), before[n]), n


def test_convexity_breaks_counts_points_above_the_chord():
    a = np.linspace(-1, 1, 9)
    assert fd.convexity_breaks(a, a ** 2) == 0
    assert fd.convexity_breaks(a, np.cos(3 * a)) > 0
