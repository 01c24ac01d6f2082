"""The convolutional translator (tutorial_model/conv.py, issue 23): its receptive field is what the formula says
(measured with autograd), its decoder never reads ahead, padding changes nothing, the captured attention and GLU
recompute from the captured tensors, it traces through the one Translator under the shared hook names, and a short
training run lowers the loss. Every invariant holds for any weights, so the models here are random and small."""

from dataclasses import replace

import numpy as np
import pytest
import torch

from tutorial_model.config import TrainConfig
from tutorial_model.conv import ConvConfig, ConvS2S
from tutorial_model.decoding import greedy_batch
from tutorial_model.hooks import capture
from tutorial_model.registry import spec, spec_of
from tutorial_model.tokenizer import Tokenizer, Vocab
from tutorial_model.translator import Translator

SMALL = {"d_embed": 16, "d_conv": 12, "kernel": 3, "n_layers": 3, "max_len": 16, "dropout": 0.0}
SRC = torch.tensor([[5, 6, 7, 8, 9, 10, 11, 12, 13], [14, 15, 16, 0, 0, 0, 0, 0, 0]])  # the second row is padded
TGT = torch.tensor([[1, 4, 5, 6, 7], [1, 8, 9, 0, 0]])


def small(seed: int = 0, **kw) -> ConvS2S:
    torch.manual_seed(seed)
    return ConvS2S(ConvConfig(30, 25, **{**SMALL, **kw})).eval()


def reach(model: ConvS2S, layer: int, j: int) -> set[int]:
    """Source positions whose embedding moves encoder layer ``layer``'s output at position ``j`` (autograd)."""
    e = model.src_embed(SRC[:1]).detach().requires_grad_(True)  # (1, T, e)
    keep = torch.ones(1, SRC.shape[1], 1)
    h = model.encoder.W_in(e)
    for lay in model.encoder.layers[:layer]:
        h = lay(h, keep)
    h[0, j].sum().backward()
    return {i for i in range(SRC.shape[1]) if e.grad[0, i].abs().sum() > 0}


@pytest.mark.parametrize("kernel", [3, 5])
def test_receptive_field_grows_by_k_minus_1_per_layer(kernel):
    model = small(kernel=kernel)
    j = 4  # the middle of 9 characters
    for layer in (1, 2):
        seen = reach(model, layer, j)
        half = layer * (kernel - 1) // 2
        assert seen == set(range(max(0, j - half), min(SRC.shape[1], j + half + 1)))
        assert len(seen) == min(SRC.shape[1], model.cfg.receptive_field(layer))


def test_decoder_never_reads_ahead():
    model = small()
    base = model(SRC, TGT)
    changed = TGT.clone()
    changed[0, 3] = 20  # the word at position 3
    out = model(SRC, changed)
    torch.testing.assert_close(out[0, :3], base[0, :3])  # rows 0..2 read only positions ≤ their own
    assert not torch.allclose(out[0, 3], base[0, 3])


def test_padding_changes_nothing():
    model = small()
    alone = model(SRC[1:, :3], TGT[1:, :3])
    batched = model(SRC, TGT)[1:, :3]
    torch.testing.assert_close(batched, alone, atol=1e-5, rtol=1e-5)
    ids = greedy_batch(model, SRC)
    assert ids[1].tolist()[:3] == greedy_batch(model, SRC[1:, :3])[0].tolist()[:3]


def test_captured_attention_and_glu_recompute():
    model = small()
    with torch.inference_mode(), capture(model) as cap:
        model(SRC, TGT)
    z = cap["encoder.hook_memory"][-1]  # (B, T_src, e)
    values = cap["encoder.hook_values"][-1]
    for layer in range(model.cfg.n_layers):
        site = f"decoder.layers.{layer}.cross_attn"
        q = cap[f"{site}.hook_q"][-1]  # (B, 1, T_tgt, e)
        scores = q @ z.unsqueeze(1).transpose(-2, -1)
        scores = scores.masked_fill((SRC == 0)[:, None, None, :], float("-inf"))
        pattern = cap[f"{site}.hook_pattern"][-1]
        torch.testing.assert_close(pattern, scores.softmax(-1))
        assert torch.all(pattern[1, ..., 3:] == 0)  # padded source positions get exactly nothing
        torch.testing.assert_close(cap[f"{site}.hook_z"][-1], pattern @ values.unsqueeze(1))
        conv = cap[f"decoder.layers.{layer}.conv.hook_conv"][-1]
        a, b = conv.chunk(2, dim=-1)
        torch.testing.assert_close(cap[f"decoder.layers.{layer}.conv.hook_glu"][-1], a * torch.sigmoid(b))


def test_the_same_filter_at_every_position():
    """Parameter sharing: a layer's weights do not grow with the sentence; shifting the input shifts the output."""
    model = small()
    layer = model.encoder.layers[0]
    x = torch.randn(1, 9, SMALL["d_conv"])
    keep = torch.ones(1, 9, 1)
    shifted = torch.roll(x, 2, dims=1)
    out, out_shifted = layer(x, keep), layer(shifted, keep)
    torch.testing.assert_close(out_shifted[0, 3:8], out[0, 1:6])  # away from the edges, where zeros pad
    assert sum(p.numel() for p in layer.parameters()) == 3 * 12 * 24 + 24  # k · d · 2d weights + 2d biases


def toy_tokenizer() -> Tokenizer:
    return Tokenizer(Vocab(list("我有一只猫狗他是学生") + [chr(0x4E50 + i) for i in range(16)]),
                     Vocab(["I", "have", "a", "cat", "dog"] + [f"w{i}" for i in range(16)]))


def test_traces_through_the_one_translator_with_the_shared_hook_names():
    tok = toy_tokenizer()
    torch.manual_seed(0)
    tr = Translator(ConvS2S(ConvConfig(len(tok.src), len(tok.tgt), **SMALL)), tok)
    assert spec_of(tr.model) is spec("conv") and tr.name == "conv"
    trace = tr.run_with_trace("我有一只猫")
    T_tgt = len(trace.tgt_tokens)
    assert trace["pattern", 0, "decoder", "cross_attn"].shape == (1, T_tgt, 5)
    assert trace["pattern", -1, "decoder", "cross_attn"].shape == (1, T_tgt, 5)
    np.testing.assert_allclose(trace["pattern", 0, "decoder", "cross_attn"].sum(-1), 1, atol=1e-5)
    probs = trace["probs", "generator"]  # one row per step: the greedy choice is its argmax
    assert [int(np.argmax(p)) for p in probs] == tr.decode(tok.encode_sentences("我有一只猫")[1][0]).ids
    assert trace.translation == tr.translate("我有一只猫")


def test_short_training_run_lowers_the_loss():
    from tutorial_model.train import train_model

    cfg = replace(TrainConfig(), steps=60, warmup_steps=5, lr=3e-3, eval_every=10_000, num_threads=1)
    _, _, meta = train_model("conv", cfg, model_overrides={"d_embed": 32, "d_conv": 32, "n_layers": 2},
                             progress=False, valid_limit=10)
    first, last = meta["curve"][0]["loss"], meta["curve"][-1]["loss"]
    assert last < 0.8 * first, (first, last)
