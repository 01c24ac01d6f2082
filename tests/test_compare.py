"""Comparison and "why attention won" analysis: gradients against finite differences and an independent
Jacobian, path lengths, activation derivatives and clipping against torch, the table's plumbing."""

import copy
import math

import numpy as np
import pytest
import torch

from tutorial_model.checkpoint import save
from tutorial_model.compare import (
    activation_derivatives,
    bucket,
    clip_gradient,
    comparison_table,
    format_table,
    forward_time_by_length,
    gradient_by_distance,
    max_path_length,
    sequential_steps,
    vanishing_product,
)
from tutorial_model.config import ModelConfig
from tutorial_model.corpus import Pair
from tutorial_model.registry import TRANSLATION_MODELS
from tutorial_model.rnn import MODELS, Seq2Seq, config_for
from tutorial_model.tokenizer import BOS_ID, Tokenizer, Vocab
from tutorial_model.transformer import Transformer

SRC = [5, 6, 7, 8, 9, 10]  # distinct tokens: moving one embedding row moves exactly one x_t



def small(name: str) -> torch.nn.Module:
    """Small random models in float64, so finite differences are accurate."""
    torch.manual_seed(0)
    if name == "transformer":
        model = Transformer(ModelConfig(src_vocab_size=30, tgt_vocab_size=25, d_model=16, n_heads=2, d_ff=32,
                                        max_len=10))
    else:
        model = Seq2Seq(config_for(name, 30, 25, d_embed=8, d_hidden=16, d_attn=8, max_len=10))
    return model.double().eval()


def logprob(model, src_ids, out_ids) -> float:
    """log p(y | x) by the plain forward pass, with no code from compare.py."""
    tgt = torch.tensor([[BOS_ID, *out_ids[:-1]]])
    with torch.inference_mode():
        logits = model(torch.tensor([src_ids]), tgt)[0]  # (T_tgt, V)
    return float(logits.log_softmax(-1)[torch.arange(len(out_ids)), torch.tensor(out_ids)].sum())


def embedding_table(model) -> torch.Tensor:
    return model.src_embed.lut.weight if isinstance(model, Transformer) else model.src_embed.weight


@pytest.mark.parametrize("name", ["rnn", "lstm_attn", "transformer"])
def test_gradient_matches_finite_differences(name):
    """‖∂ log p(y|x) / ∂ x_t‖ for one position, against central differences on the embedding row of x_t."""
    model = small(name)
    res = gradient_by_distance(model, SRC, "logprob")
    t, eps = 2, 1e-6
    # For the Transformer x_t = E[tok]·√d_model + PE_t, so ∂/∂E[tok] = √d_model · ∂/∂x_t.
    scale = math.sqrt(model.cfg.d_model) if name == "transformer" else 1.0
    probe = copy.deepcopy(model)
    row = embedding_table(probe)
    fd = []
    for k in range(row.shape[1]):
        vals = []
        for sign in (1, -1):
            with torch.no_grad():
                row[SRC[t], k] += sign * eps
            vals.append(logprob(probe, SRC, res["output_ids"]))
            with torch.no_grad():
                row[SRC[t], k] -= sign * eps
        fd.append((vals[0] - vals[1]) / (2 * eps))
    np.testing.assert_allclose(res["grad_norm"][t], np.linalg.norm(fd) / scale, rtol=1e-5)


@pytest.mark.parametrize("name", [*MODELS, "transformer"])
def test_context_jacobian_matches_torch_autograd_functional(name):
    model = small(name)
    res = gradient_by_distance(model, SRC, "context")
    src = torch.tensor([SRC])
    x0 = model.src_embed(src).detach()[0]  # (T, e)
    if isinstance(model, Transformer):
        from tutorial_model.transformer import padding_mask

        def c(x):
            return model.encoder(x[None], padding_mask(src))[0, -1]
    else:
        def c(x):
            return model.encoder(x[None], src != 0)[1][0][0]
    J = torch.autograd.functional.jacobian(c, x0)  # (d, T, e)
    np.testing.assert_allclose(res["grad_norm"], J.pow(2).sum(dim=(0, 2)).sqrt().numpy(), rtol=1e-8)
    assert res["distance"] == [5, 4, 3, 2, 1, 0] and res["positions"] == list(range(6))
    n = model.cfg.n_layers if name == "transformer" else None
    assert res["path_length"] == ([n] * 6 if n else [6, 5, 4, 3, 2, 1])


def test_gradients_never_touch_the_model_and_work_under_inference_mode():
    model = small("lstm")
    before = {k: v.clone() for k, v in model.state_dict().items()}
    with torch.inference_mode():
        res = gradient_by_distance(model, SRC)
    assert np.isfinite(res["grad_norm"]).all() and (res["grad_norm"] > 0).all()
    assert all(p.grad is None for p in model.parameters())
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_an_rnn_forgets_with_distance():
    """In a random vanilla RNN the context's sensitivity to x_t shrinks going back in time."""
    g = gradient_by_distance(small("rnn"), list(range(4, 24)), "context")["grad_norm"]
    assert g[0] < 0.1 * g[-1]


def test_path_lengths_and_sequential_steps():
    assert [max_path_length(k, 10) for k in ("rnn", "lstm", "lstm_attn", "transformer")] == [9, 9, 9, 1]
    assert [max_path_length(k, 10, "output") for k in ("rnn", "lstm", "lstm_attn", "transformer")] == [10, 10, 1, 1]
    assert sequential_steps("lstm", 12)["encoder"] == 12 and sequential_steps("transformer", 12, 2)["encoder"] == 2
    with pytest.raises(ValueError):
        max_path_length("gru", 3)


def test_forward_time_by_length():
    rows = forward_time_by_length(small("rnn").float(), [2, 6], repeats=2)
    assert [r["length"] for r in rows] == [2, 6] and all(r["encode_ms"] > 0 and r["forward_ms"] > 0 for r in rows)
    assert rows[1]["sequential_steps"]["encoder"] == 6
    with pytest.raises(ValueError, match="max_len"):
        forward_time_by_length(small("transformer"), [11])


def test_activation_derivatives_match_autograd():
    d = activation_derivatives()
    x = torch.tensor(d["x"], requires_grad=True)
    for name, fn in (("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("relu", torch.relu)):
        (g,) = torch.autograd.grad(fn(x).sum(), x)
        np.testing.assert_allclose(d[f"d_{name}"], g.numpy(), atol=1e-12)
        np.testing.assert_allclose(d[name], fn(x).detach().numpy(), atol=1e-12)
    assert d["d_sigmoid"].max() == pytest.approx(0.25) and d["d_tanh"].max() == pytest.approx(1.0)
    np.testing.assert_allclose(vanishing_product(4, 0.25), [1, 0.25, 0.0625, 0.015625])


def test_clip_gradient_matches_torch():
    for g, max_norm in (([3.0, 4.0], 1.0), ([0.3, 0.4], 1.0), ([0.0, 0.0], 1.0)):
        p = torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
        p.grad = torch.tensor(g, dtype=torch.float64)
        torch.nn.utils.clip_grad_norm_([p], max_norm)
        res = clip_gradient(g, max_norm)
        np.testing.assert_allclose(res["clipped"], p.grad.numpy(), rtol=1e-5)
        assert res["clipped_norm"] <= max_norm + 1e-12 or res["scale"] == 1.0
    assert clip_gradient([3.0, 4.0], 1.0)["norm"] == 5.0


def test_bucket_weights_by_count():
    by_len = {"3": {"n": 2, "exact_match": 1.0}, 5: {"n": 2, "exact_match": 0.0}, 9: {"n": 1, "exact_match": 1.0}}
    rows = bucket(by_len, ((1, 5), (6, 8), (9, 11)))
    assert [r["n"] for r in rows] == [4, 0, 1] and [r["exact_match"] for r in rows] == [0.5, None, 1.0]


def test_comparison_table_on_a_small_checkpoint(tmp_path):
    pairs = [Pair("我有一只猫", "I have a cat", ()), Pair("我有一只狗", "I have a dog", ()),
             Pair("他是学生", "he is a student", ()), Pair("我是学生我有一只猫", "I am a student", ())]
    tok = Tokenizer(Vocab(sorted(set("".join(p.zh for p in pairs)))),
                    Vocab(sorted({w for p in pairs for w in p.en.split()})))
    torch.manual_seed(0)
    model = Seq2Seq(config_for("rnn", len(tok.src), len(tok.tgt), d_hidden=16, d_embed=8))
    save("rnn", model, tok, {"train_seconds": 2.5, "train_config": {"steps": 1}}, tmp_path)
    table = comparison_table(tmp_path, live=True, pairs=pairs, models=("rnn", "transformer"))
    (row,) = table["rows"]
    assert row["model"] == "rnn" and row["n_test"] == 4 and row["n_params"] == model.n_params()
    assert row["train_seconds"] == 2.5 and row["exact_match"] == 0.0  # random weights
    assert [b["n"] for b in row["by_length"]] == [3, 0, 1, 0, 0, 0]
    assert "python -m tutorial_model.train" in table["missing"]["transformer"]
    text = format_table(table)
    assert "RNN" in text and "missing" in text


def test_shipped_checkpoints_share_one_vocabulary_and_report_metrics():
    table = comparison_table(live=False)
    assert not table["missing"], table["missing"]
    # every translation model the registry compares, in its order: a new model needs no edit here
    assert table["same_vocabulary"] and [r["model"] for r in table["rows"]] == list(TRANSLATION_MODELS)
    assert all(r["n_test"] == 2500 and r["train_seconds"] for r in table["rows"])
