"""The "Convolution vs attention" lesson (issue 23): ui/conv_reach.py against the convolutional model itself (the
receptive field against which inputs a layer's output actually depends on, by autograd; the kernel count against
the real module; the convolution and GLU against the captured hooks), and the page in AppTest, with a scratch
checkpoint (random weights, the shipped tokenizer) and without one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from lesson_app import chart, open_lesson_on, plotly_array
from streamlit.testing.v1 import AppTest
from torch import nn

from tutorial_model import checkpoint
from tutorial_model.checkpoint import CHECKPOINT_DIR, paths
from tutorial_model.conv import ConvConfig, ConvS2S, GatedConv
from ui import conv_reach, toc, widgets

ROOT = Path(__file__).resolve().parent.parent
SLUG = "conv_vs_attention"
SENTENCE = "他们有两只黑色的狗"
SMALL = {"d_embed": 16, "d_conv": 8, "kernel": 3, "n_layers": 4, "dropout": 0.0}


def small(kernel: int = 3, seed: int = 0) -> ConvS2S:
    torch.manual_seed(seed)
    return ConvS2S(ConvConfig(30, 25, **{**SMALL, "kernel": kernel})).eval()


@pytest.mark.parametrize("kernel", [3, 5])
def test_reach_is_what_each_layer_output_depends_on(kernel):
    """Row l of reach() is 1 exactly where the gradient of encoder layer l's output at position i with respect to
    the embedded source is not zero: the receptive field measured on the model, not by the formula."""
    model = small(kernel)
    T = 11
    src = torch.arange(3, 3 + T).unsqueeze(0)  # (1, T), no padding
    keep = torch.ones(1, T, 1)
    fields = [model.cfg.receptive_field(layer) for layer in range(1, model.cfg.n_layers + 1)]
    for i in (0, 4, T - 1):
        m = conv_reach.reach(fields, T, i)
        e = model.src_embed(src).detach().requires_grad_(True)  # (1, T, e)
        h = model.encoder.W_in(e)
        for layer, module in enumerate(model.encoder.layers):
            h = module(h, keep)
            (g,) = torch.autograd.grad(h[0, i].sum(), e, retain_graph=True)
            depends = (g[0].abs().sum(-1) > 0).numpy().astype(float)  # (T,)
            np.testing.assert_array_equal(m[layer], depends, err_msg=f"k={kernel} layer {layer + 1} i={i}")
        assert m[-1].all()  # self-attention's row


def test_reach_counts_one_plus_l_times_k_minus_one_away_from_the_ends():
    fields = [1 + layer * 2 for layer in range(1, 5)]
    m = conv_reach.reach(fields, 21, 10)
    assert m[:-1].sum(1).tolist() == [3, 5, 7, 9]
    with pytest.raises(IndexError):
        conv_reach.reach(fields, 5, 5)


def test_sharing_counts_match_real_modules():
    model = small()
    conv = model.encoder.layers[0].conv.conv  # nn.Conv1d(d, 2d, k)
    T = 6
    share = conv_reach.sharing(tuple(conv.weight.shape), conv.bias.numel(), T)
    assert share["kernel"] == sum(p.numel() for p in conv.parameters())
    c_out, c_in, _ = conv.weight.shape
    dense = nn.Linear(T * c_in, T * c_out)  # the whole sentence in, the whole sentence out
    assert share["dense"] == sum(p.numel() for p in dense.parameters())
    assert share["unshared"] == T * share["kernel"]


def test_conv_and_glu_match_the_captured_hooks():
    torch.manual_seed(1)
    layer = GatedConv(ConvConfig(30, 25, **SMALL), causal=False).eval()
    seen = {}
    layer.hook_conv.set_recorder(lambda name, v: seen.__setitem__("ab", v.detach()))
    x = torch.randn(1, 7, SMALL["d_conv"])
    out = layer(x)[0].detach().numpy()  # (T, d)
    ab = seen["ab"][0].numpy()  # (T, 2d)
    W, b = layer.conv.weight.detach().numpy(), layer.conv.bias.detach().numpy()
    for i in range(7):
        np.testing.assert_allclose(conv_reach.conv_at(x[0].numpy(), W, b, i), ab[i], atol=1e-5)
    np.testing.assert_allclose(conv_reach.glu(ab), out, atol=1e-6)


# ---- the page ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_dir(tmp_path_factory) -> Path:
    """The shipped checkpoints without the convolutional one."""
    if not paths("transformer", CHECKPOINT_DIR)[0].exists():
        pytest.skip("no shipped Transformer checkpoint")
    out = tmp_path_factory.mktemp("conv_base")
    for path in paths("transformer", CHECKPOINT_DIR):
        shutil.copy(path, out / path.name)
    return out


@pytest.fixture(scope="module")
def conv_dir(base_dir, tmp_path_factory) -> Path:
    """Plus a scratch convolutional checkpoint: random weights, the Transformer's tokenizer, test metrics measured
    on a few test sentences (the page's machinery, not the model's quality, is under test)."""
    from tutorial_model.train import splits_for, task_metrics
    from tutorial_model.translator import Translator

    out = tmp_path_factory.mktemp("conv_scratch")
    for path in base_dir.iterdir():
        shutil.copy(path, out / path.name)
    tok = Translator.load(base_dir).tokenizer
    torch.manual_seed(0)
    model = ConvS2S(ConvConfig(len(tok.src), len(tok.tgt), d_embed=32, d_conv=32)).eval()
    meta = {"n_params": model.n_params(), "test_metrics": task_metrics("conv", model, tok, splits_for(0)["test"][:4])}
    checkpoint.save("conv", model, tok, meta, out)
    return out


def open_page(directory: Path, monkeypatch, **query) -> AppTest:
    return open_lesson_on(directory, SLUG, monkeypatch, **query)


@pytest.mark.slow
def test_page_without_the_checkpoint_names_the_command(base_dir, monkeypatch):
    at = open_page(base_dir, monkeypatch)
    assert "python -m tutorial_model.train --model conv" in " ".join(c.value for c in at.code)
    assert at.warning and at.get("plotly_chart") and at.get("page_link")  # the reach from ConvConfig, the links


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_numbers_equal_a_recomputation(conv_dir, monkeypatch, lang):
    from tutorial_model.translator import Translator

    at = open_page(conv_dir, monkeypatch, s=SENTENCE, lang=lang, tok="3", layer="2", unit="5")
    conv = Translator.load(conv_dir, name="conv")
    cfg = conv.model.cfg
    shown = " ".join(m.value for m in at.markdown)
    assert widgets.md_escape(conv.translate(SENTENCE)) in shown  # as the table writes it
    meta = json.loads((conv_dir / "conv.json").read_text(encoding="utf-8"))
    assert f"{100 * meta['test_metrics']['exact_match']:.1f}" in " ".join(c.value for c in at.caption)
    # the reach figure: row l is 1 within l·(k−1)/2 of the chosen character, counted here
    z = plotly_array(chart(at, "conv.reach")["data"][0]["z"])
    T, i = len(SENTENCE), 3
    for layer in range(1, cfg.n_layers + 1):
        expected = [1.0 if abs(j - i) <= layer * (cfg.kernel - 1) // 2 else 0.0 for j in range(T)]
        assert z[layer - 1].tolist() == expected
    assert z[-1].tolist() == [1.0] * T
    # parameter sharing: the kernel's bar is the real module's parameter count
    bars = plotly_array(chart(at, "conv.sharing")["data"][0]["y"])
    assert bars[0] == conv.n_params("encoder.layers.0.conv.conv")
    assert bars[3] == Translator.load(conv_dir).n_params("encoder.layers.0.self_attn")
    # the GLU box: channel 5 of layer 2 at character 3, against the trace made here
    trace = conv.run_with_trace(SENTENCE)
    glu = float(trace["encoder.layers.2.conv.hook_glu"][3, 5])
    assert f"{glu:.4f}" in " ".join(m.value for m in at.get("latex")) or f"{glu:.4f}" in shown
    cross = plotly_array(chart(at, "conv.cross.2")["data"][0]["z"])
    np.testing.assert_allclose(cross, trace["decoder.layers.2.cross_attn.hook_pattern"][0], atol=1e-6)
    # where it falls behind: each line is the stored exact match per length, the caption split at the top layer's reach
    fails = chart(at, "conv.fails")
    tf_meta = json.loads((conv_dir / "transformer.json").read_text(encoding="utf-8"))
    field = cfg.receptive_field(cfg.n_layers)
    for line, m in zip(fails["data"], (meta, tf_meta)):
        by_len = m["test_metrics"]["by_length"]
        xs, ys = plotly_array(line["x"]), plotly_array(line["y"])
        assert [100 * by_len[str(int(x))]["exact_match"] for x in xs] == pytest.approx(ys)
        within = [v for n, v in by_len.items() if int(n) <= field]
        share = sum(v["n"] * v["exact_match"] for v in within) / sum(v["n"] for v in within)
        assert f"{100 * share:.1f} %" in " ".join(c.value for c in at.caption)
    assert at.title[0].value.startswith(f"{toc.number(SLUG)}.")


def test_by_reach_splits_the_stored_lengths_at_the_receptive_field():
    by_length = {"3": {"n": 2, "exact_match": 1.0}, "9": {"n": 3, "exact_match": 2 / 3},
                 10: {"n": 5, "exact_match": 0.2}}
    got = conv_reach.by_reach(by_length, 9)
    assert got["within"] == {"n": 5, "exact_match": pytest.approx(4 / 5)}  # 2 + 2 right of 5
    assert got["beyond"] == {"n": 5, "exact_match": pytest.approx(1 / 5)}
    assert np.isnan(conv_reach.by_reach(by_length, 20)["beyond"]["exact_match"])


# ---- the lesson's claim, on the shipped checkpoints: past the top layer's reach the convolutional model's exact match
# falls, by more than two standard errors and five points more than the Transformer's, which stays within two points
def test_shipped_conv_falls_behind_past_its_reach_and_the_transformer_does_not():
    metas = {}
    for name in ("conv", "transformer"):
        if not paths(name, CHECKPOINT_DIR)[1].exists():
            pytest.skip(f"no shipped {name} checkpoint")
        metas[name] = checkpoint.read_meta(name, CHECKPOINT_DIR)
    cfg = ConvConfig(**metas["conv"]["config"])
    field = cfg.receptive_field(cfg.n_layers)
    drop = {}
    for name, meta in metas.items():
        split = conv_reach.by_reach(meta["test_metrics"]["by_length"], field)
        (n1, p1), (n2, p2) = ((split[s]["n"], split[s]["exact_match"]) for s in ("within", "beyond"))
        drop[name] = p1 - p2
        se = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) ** 0.5
        if name == "conv":
            assert drop[name] > 2 * se, (p1, p2, se)
    assert drop["conv"] > drop["transformer"] + 0.05, drop
    assert abs(drop["transformer"]) < 0.02, drop
