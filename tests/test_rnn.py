"""Recurrent models: captured states and gates recompute independently (NumPy), tracing is invisible,
batched decoding equals one-by-one, training lowers the loss, shipped checkpoints load and translate."""

from dataclasses import replace

import numpy as np
import pytest
import torch

from tutorial_model.checkpoint import CheckpointError, load, save
from tutorial_model.config import RNNTrainConfig
from tutorial_model.decoding import greedy, greedy_batch
from tutorial_model.hooks import active_hooks, capture, hook_points
from tutorial_model.rnn import (
    MODELS,
    RNNConfig,
    Seq2Seq,
    StepHook,
    config_for,
)
from tutorial_model.tokenizer import BOS_ID, EOS_ID, Tokenizer, Vocab
from tutorial_model.translator import Translator

SRC = torch.tensor([[5, 6, 7, 8, 9, 10], [11, 12, 13, 0, 0, 0]])  # the second row is padded
TGT = torch.tensor([[1, 4, 5, 6, 7], [1, 8, 9, 0, 0]])
SMALL = {"d_embed": 8, "d_hidden": 16, "d_attn": 12, "max_len": 10}



def small(name: str, seed: int = 0) -> Seq2Seq:
    """A randomly initialised small model: every invariant below holds for any weights."""
    torch.manual_seed(seed)
    return Seq2Seq(config_for(name, 30, 25, **SMALL)).eval()


def captured(model: Seq2Seq, src=SRC, tgt=TGT) -> dict[str, list[np.ndarray]]:
    with torch.inference_mode(), capture(model) as cap:
        model(src, tgt)
    return {k: [t.numpy().astype(np.float64) for t in v] for k, v in cap.items()}


def W(linear: torch.nn.Linear) -> np.ndarray:
    return linear.weight.detach().numpy().astype(np.float64)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


# ============================================================================== names and shapes


@pytest.mark.parametrize("name", MODELS)
def test_hook_points_are_named_from_the_module_tree(name):
    model = small(name)
    points = hook_points(model)
    expected = {"encoder.hook_x", "encoder.cell.hook_h", "encoder.hook_context", "decoder.cell.hook_h",
                "decoder.hook_logits"}
    if name != "rnn":
        expected |= {f"{s}.cell.hook_{g}" for s in ("encoder", "decoder") for g in "figoc"}
    if name == "lstm_attn":
        expected |= {"decoder.attn.hook_weights", "decoder.attn.hook_scores", "decoder.attn.hook_context"}
    assert expected <= set(points)
    assert isinstance(points["encoder.cell.hook_h"], StepHook) and not isinstance(points["encoder.hook_x"], StepHook)


@pytest.mark.parametrize("name", MODELS)
def test_cells_record_once_per_time_step(name):
    cap = captured(small(name))
    assert len(cap["encoder.cell.hook_h"]) == SRC.shape[1] and len(cap["decoder.cell.hook_h"]) == TGT.shape[1]
    assert len(cap["encoder.hook_context"]) == 1 and cap["encoder.cell.hook_h"][0].shape == (2, SMALL["d_hidden"])


# ============================================================================ independent recomputation


@pytest.mark.parametrize("name", ["lstm", "lstm_attn"])
def test_lstm_gates_recompute_to_the_captured_c_and_h(name):
    """c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t and h_t = o_t ⊙ tanh(c_t), from captured values only."""
    cap = captured(small(name))
    row = 0  # unpadded, so every step is a real update
    for stack, c_prev in (("encoder", np.zeros(SMALL["d_hidden"])), ("decoder", None)):
        if c_prev is None:  # the decoder starts from the encoder's last memory cell
            c_prev = cap["encoder.cell.hook_c"][-1][row]
        f, i, g, o, c, h = (cap[f"{stack}.cell.hook_{k}"] for k in "figoch")
        for t in range(len(h)):
            assert ((0 < f[t]) & (f[t] < 1) & (0 < i[t]) & (i[t] < 1) & (0 < o[t]) & (o[t] < 1)).all()
            assert (np.abs(g[t]) < 1).all()
            np.testing.assert_allclose(c[t][row], f[t][row] * c_prev + i[t][row] * g[t][row], atol=1e-6)
            np.testing.assert_allclose(h[t][row], o[t][row] * np.tanh(c[t][row]), atol=1e-6)
            c_prev = c[t][row]


@pytest.mark.parametrize("name", ["lstm", "lstm_attn"])
def test_lstm_gates_recompute_from_weights(name):
    """[f; i; g; o] = activations of W_xh x_t + b + W_hh h_{t−1}, encoder side, from captured x and h."""
    model = small(name)
    cap = captured(model)
    cell, d = model.encoder.cell, SMALL["d_hidden"]
    x = cap["encoder.hook_x"][0][0]  # (T, e)
    h_prev = np.zeros(d)
    for t in range(x.shape[0]):
        z = W(cell.W_xh) @ x[t] + cell.W_xh.bias.detach().numpy() + W(cell.W_hh) @ h_prev  # (4d,)
        np.testing.assert_allclose(cap["encoder.cell.hook_pre"][t][0], z, atol=1e-5)
        for k, (gate, act) in enumerate(zip("figo", (sigmoid, sigmoid, np.tanh, sigmoid))):
            np.testing.assert_allclose(cap[f"encoder.cell.hook_{gate}"][t][0], act(z[k * d:(k + 1) * d]), atol=1e-6)
        h_prev = cap["encoder.cell.hook_h"][t][0]


def test_rnn_hidden_state_recomputes_from_the_previous_state_and_the_weights():
    """h_t = tanh(W_xh x_t + b + W_hh h_{t−1}) from captured h_{t−1} and x_t; the decoder's x_t is [y_{t−1}; c]."""
    model = small("rnn")
    cap = captured(model)
    enc, dec = model.encoder.cell, model.decoder.cell
    x = cap["encoder.hook_x"][0][0]  # (T, e)
    h_prev = np.zeros(SMALL["d_hidden"])
    for t in range(x.shape[0]):
        want = np.tanh(W(enc.W_xh) @ x[t] + enc.W_xh.bias.detach().numpy() + W(enc.W_hh) @ h_prev)
        np.testing.assert_allclose(cap["encoder.cell.hook_h"][t][0], want, atol=1e-6)
        h_prev = cap["encoder.cell.hook_h"][t][0]
    c = cap["encoder.hook_context"][0][0]
    np.testing.assert_array_equal(c, h_prev)  # the fixed context is the last hidden state
    s_prev = c  # the decoder starts from it
    for t in range(TGT.shape[1]):
        x_t = np.concatenate([cap["decoder.hook_y"][t][0], c])
        want = np.tanh(W(dec.W_xh) @ x_t + dec.W_xh.bias.detach().numpy() + W(dec.W_hh) @ s_prev)
        np.testing.assert_allclose(cap["decoder.cell.hook_h"][t][0], want, atol=1e-6)
        s_prev = cap["decoder.cell.hook_h"][t][0]


@pytest.mark.parametrize("name", MODELS)
def test_padding_does_not_change_the_context(name):
    """The padded row's final state is the state after its last real token, as if it ran alone."""
    model = small(name)
    with torch.inference_mode():
        batched = model.encode(SRC).final[0][1]
        alone = model.encode(SRC[1:, :3]).final[0][0]
    torch.testing.assert_close(batched, alone, atol=1e-6, rtol=0)


def test_attention_weights_sum_to_one_on_real_positions_and_recompute():
    """α_t sums to 1 over real source positions and is exactly 0 on padding; e_tj = vᵀ tanh(W_s s_{t−1} + W_h h_j);
    c_t = Σ_j α_tj h_j — recomputed from captured s_{t−1} and h_j."""
    model = small("lstm_attn")
    cap = captured(model)
    attn = model.decoder.attn
    real = (SRC != 0).numpy()
    H = np.stack(cap["encoder.cell.hook_h"], axis=1)  # T × (B, d) → (B, T_src, d); rows past a sentence's end unused
    for t, alpha in enumerate(cap["decoder.attn.hook_weights"]):  # (B, T_src)
        np.testing.assert_allclose(alpha.sum(-1), 1.0, atol=1e-6)
        assert (alpha[~real] == 0).all() and (alpha[real] > 0).all()
        for b in range(2):
            s_prev = H[b, real[b].sum() - 1] if t == 0 else cap["decoder.cell.hook_h"][t - 1][b]
            e = np.tanh(W(attn.W_s) @ s_prev + (H[b] @ W(attn.W_h).T + attn.W_h.bias.detach().numpy())) @ W(attn.v)[0]
            n = real[b].sum()
            np.testing.assert_allclose(cap["decoder.attn.hook_scores"][t][b][:n], e[:n], atol=1e-5)
            np.testing.assert_allclose(cap["decoder.attn.hook_context"][t][b], alpha[b, :n] @ H[b, :n], atol=1e-6)


# =========================================================================== tracing is invisible


@pytest.mark.parametrize("name", MODELS)
def test_traced_outputs_equal_untraced_bit_for_bit(name):
    model = small(name)
    with torch.inference_mode():
        plain = model(SRC, TGT)
        plain_ids = greedy_batch(model, SRC)
        with capture(model) as cap:
            traced = model(SRC, TGT)
            traced_ids = greedy_batch(model, SRC)
    assert torch.equal(plain, traced) and torch.equal(plain_ids, traced_ids)
    assert torch.equal(torch.stack(cap["decoder.hook_logits"][: TGT.shape[1]], dim=1), traced)


@pytest.mark.parametrize("name", MODELS)
def test_no_hooks_remain_after_capture_even_when_the_forward_raises(name):
    model = small(name)
    with capture(model):
        assert len(active_hooks(model)) == len(hook_points(model))
    assert active_hooks(model) == []
    with pytest.raises(IndexError), capture(model):
        model(torch.tensor([[999]]), TGT[:1])  # no such token
    assert active_hooks(model) == []


# ============================================================================== decoding and trace


@pytest.mark.parametrize("name", MODELS)
def test_greedy_batch_matches_one_by_one(name):
    model = small(name)
    out = greedy_batch(model, SRC).tolist()
    for src, row in zip(SRC.tolist(), out):
        single = greedy(model, [i for i in src if i]).ids
        assert row[: len(single)] == single
        assert all(t == EOS_ID for t in row[len(single):])


@pytest.mark.parametrize("name", MODELS)
def test_greedy_steps_are_argmax_of_a_teacher_forced_forward(name):
    model = small(name)
    res = greedy(model, [5, 6, 7])
    with torch.inference_mode():
        probs = model(torch.tensor([[5, 6, 7]]), torch.tensor([[BOS_ID, *res.ids[:-1]]]))[0].softmax(-1).numpy()
    for t, step in enumerate(res.steps):
        np.testing.assert_allclose(step.probs, probs[t], atol=1e-6)
        assert step.chosen == int(np.argmax(probs[t])) == res.ids[t]


def toy_tokenizer() -> Tokenizer:
    return Tokenizer(Vocab(list("我有一只猫狗他是学生") + [chr(0x4E50 + i) for i in range(16)]),
                     Vocab(["I", "have", "a", "cat", "dog"] + [f"w{i}" for i in range(16)]))


@pytest.fixture(params=MODELS)
def translator(request) -> Translator:
    tok = toy_tokenizer()
    torch.manual_seed(0)
    return Translator(Seq2Seq(config_for(request.param, len(tok.src), len(tok.tgt), **SMALL)), tok)


def test_trace_stacks_steps_into_arrays(translator):
    tr = translator.run_with_trace("我有一只猫")
    T_src, T_tgt, d = 5, len(tr.out_tokens), SMALL["d_hidden"]
    assert tr.src_tokens == list("我有一只猫") and tr.tgt_tokens[0] == "<bos>" and len(tr.tgt_tokens) == T_tgt
    assert tr["encoder.cell.hook_h"].shape == (T_src, d) and tr["decoder.cell.hook_h"].shape == (T_tgt, d)
    assert tr["encoder.hook_context"].shape == (d,)
    np.testing.assert_array_equal(tr["encoder.hook_context"], tr["encoder.cell.hook_h"][-1])
    if translator.name != "rnn":
        assert all(tr[f"encoder.cell.hook_{g}"].shape == (T_src, d) for g in "figoc")
    if translator.name == "lstm_attn":
        assert tr["decoder.attn.hook_weights"].shape == (T_tgt, T_src)
    for t, step in enumerate(tr.decoding.steps):  # the trace is the decoding run itself
        np.testing.assert_array_equal(tr["decoder.hook_probs"][t], step.probs)
    assert tr.translation == translator.translate("我有一只猫")


def test_same_input_same_trace(translator):
    a, b = translator.run_with_trace("他是学生"), translator.run_with_trace("他是学生")
    assert a.arrays.keys() == b.arrays.keys()
    for k in a.arrays:
        np.testing.assert_array_equal(a[k], b[k])
    assert active_hooks(translator.model) == []


def test_only_greedy_decoding(translator):
    with pytest.raises(ValueError, match="greedily"):
        translator.translate("我有一只猫", method="beam")


# ===================================================================================== training


def test_short_training_run_lowers_the_loss_and_is_reproducible():
    from tutorial_model.train import train_model as train

    cfg = replace(RNNTrainConfig(), steps=50, warmup_steps=5, eval_every=10_000, num_threads=1)
    _, _, meta = train("rnn", cfg, progress=False, valid_limit=20)
    first, last = meta["curve"][0]["loss"], meta["curve"][-1]["loss"]
    assert last < 0.8 * first, (first, last)
    assert meta["curve"][-1]["step"] == cfg.steps - 1 and "valid_exact_match" in meta["curve"][-1]
    tiny = {"d_hidden": 16, "d_attn": 8}
    a, _, _ = train("lstm_attn", replace(cfg, steps=2), model_overrides=tiny, progress=False, valid_limit=2)
    b, _, _ = train("lstm_attn", replace(cfg, steps=2), model_overrides=tiny, progress=False, valid_limit=2)
    sa, sb = a.state_dict(), b.state_dict()
    assert all(torch.equal(sa[k], sb[k]) for k in sa)


# ================================================================================== checkpoints


def test_checkpoint_round_trip_and_errors_name_the_command(tmp_path):
    tok = toy_tokenizer()
    torch.manual_seed(0)
    model = Seq2Seq(RNNConfig(len(tok.src), len(tok.tgt), cell="lstm", attention=True, **SMALL))
    save("lstm_attn", model, tok, {"train_seconds": 1.0}, tmp_path)
    loaded, tok2, meta = load("lstm_attn", tmp_path)
    assert loaded.cfg == model.cfg and tok2.to_dict() == tok.to_dict() and meta["train_seconds"] == 1.0
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), loaded.state_dict().values()))
    with pytest.raises(CheckpointError, match="train --model rnn"):
        load("rnn", tmp_path)  # missing
    (tmp_path / "lstm_attn.safetensors").write_bytes(b"not safetensors")
    with pytest.raises(CheckpointError, match="train --model lstm_attn"):
        load("lstm_attn", tmp_path)
    (tmp_path / "lstm_attn.json").write_text("{", encoding="utf-8")
    with pytest.raises(CheckpointError, match="train --model lstm_attn"):
        load("lstm_attn", tmp_path)


# What each shipped model says for 我有一只猫 — all three get this short sentence right. (On long ones the
# vanilla RNN loses the start: 两只狗没有过马路因为太累了 → "Nine drivers did not cross the street …".)
SHIPPED_CAT = {"rnn": "I have a cat", "lstm": "I have a cat", "lstm_attn": "I have a cat"}


@pytest.mark.parametrize("name", MODELS)
def test_shipped_checkpoint_loads_and_translates(name):
    tr = Translator.load(name=name)
    out = tr.translate("我有一只猫")
    assert isinstance(out, str) and out
    assert out == SHIPPED_CAT[name]
    m = tr.meta
    assert m["n_params"] == tr.model.n_params() and m["test_metrics"]["n"] == 2500 and m["train_seconds"] > 0
    trace = tr.run_with_trace("我有一只猫")
    assert trace.translation == out and trace["encoder.cell.hook_h"].shape == (5, tr.model.cfg.d_hidden)
