"""Encoder-only (BERT) and decoder-only (GPT, prefix LM): masks are what they claim, tracing is invisible,
the fill-in recomputes from the captured logits, GPT's translation is its step-by-step continuation, and the
one interface (registry, checkpoint.load, Translator, train --model) serves them."""

from dataclasses import replace

import numpy as np
import pytest
import torch

from tutorial_model import checkpoint
from tutorial_model.checkpoint import CheckpointError
from tutorial_model.decoding import greedy, greedy_batch
from tutorial_model.families import BERT, GPT, SEP, FamilyConfig, attention_mask
from tutorial_model.hooks import active_hooks, capture
from tutorial_model.registry import MODELS, spec_of
from tutorial_model.tokenizer import BOS_ID, EOS_ID, Tokenizer, Vocab
from tutorial_model.trace import act_name
from tutorial_model.translator import Translator

SMALL = {"d_model": 16, "n_heads": 4, "n_layers": 2, "d_ff": 32, "max_len": 40}


def toy_tokenizer(with_mask: bool = False) -> Tokenizer:
    zh = list("我有一只猫狗他是学生") + [chr(0x4E50 + i) for i in range(16)] + (["[MASK]"] if with_mask else [])
    return Tokenizer(Vocab(zh), Vocab(["I", "have", "a", "cat", "dog"] + [f"w{i}" for i in range(16)]))


def small(name: str, seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    tok = toy_tokenizer(with_mask=name == "bert")
    return MODELS[name].model_cls(MODELS[name].make_config(tok, SMALL)).eval()


def translator(name: str) -> Translator:
    return Translator(small(name), toy_tokenizer(with_mask=name == "bert"))


# ================================================================================ masks, from the definition


@pytest.mark.parametrize("T", [1, 2, 7])
def test_causal_mask_never_looks_at_a_later_position(T):
    m = attention_mask("causal", T).numpy()
    for i in range(T):
        for j in range(T):
            assert m[i, j] == (j <= i)


def test_bidirectional_mask_sees_everything():
    assert attention_mask("bidirectional", 6).all()


@pytest.mark.parametrize("P", [1, 3, 6])
def test_prefix_mask_switches_at_the_separator(P):
    T = 6
    m = attention_mask("prefix", T, P).numpy()
    for i in range(T):
        for j in range(T):
            want = j < P if i < P else j <= i  # the prompt sees all the prompt; after it, causal
            assert m[i, j] == want, (i, j)


def _captured_masks(tr: Translator, text: str, **kw) -> list[np.ndarray]:
    trace = tr.run_with_trace(text, **kw)
    stack = trace.stacks[0]
    return [trace.act("mask", L, stack) for L in range(trace.n_layers)], trace


def test_the_models_use_the_masks_they_claim():
    masks, trace = _captured_masks(translator("bert"), "我有一只猫", method="fill")
    assert trace.stacks == ("encoder",) and all(m.all() for m in masks)  # bidirectional
    pattern = trace.act("pattern", 0)
    assert (pattern > 0).all()  # every position attends to every position with some weight

    masks, trace = _captured_masks(translator("gpt"), "我有一只猫")
    T = len(trace.tokens)
    assert trace.stacks == ("decoder",) and trace.tokens[:7] == ["<bos>", *"我有一只猫", SEP]
    for m in masks:
        np.testing.assert_array_equal(m, np.tril(np.ones((T, T), dtype=bool)))
    assert (np.triu(trace.act("pattern", 1, "decoder"), 1) == 0).all()  # nothing from a later position

    masks, trace = _captured_masks(translator("prefix_lm"), "我有一只猫")
    P = trace.tokens.index(SEP) + 1
    for m in masks:
        np.testing.assert_array_equal(m, attention_mask("prefix", len(trace.tokens), P).numpy())


# ======================================================================== tracing is invisible


@pytest.mark.parametrize("name", ["bert", "gpt", "prefix_lm"])
def test_traced_outputs_equal_untraced_bit_for_bit(name):
    model = small(name)
    ids = torch.tensor([[BOS_ID, 5, 6, 7, 8, 9], [BOS_ID, 10, 11, 0, 0, 0]])
    if name != "bert":
        ids[0, 4] = model.sep_id  # a prompt of four, then two English words
        ids[1, 2] = model.sep_id
    with torch.inference_mode():
        plain = model(ids)
        with capture(model) as cap:
            traced = model(ids)
    assert torch.equal(plain, traced)
    assert torch.equal(cap[act_name("logits", stack="generator")][0], traced)
    assert active_hooks(model) == []


# ================================================================================ BERT fills a blank


def test_fill_in_recomputes_from_the_captured_logits():
    tr = translator("bert")
    trace = tr.fill("我有一只猫", position=4, k=5)
    res = trace.decoding
    assert res.position == 4 and trace.src_tokens[4] == "[MASK]" and res.answer == tr.tokenizer.src.stoi["猫"]
    logits = trace["generator.hook_logits"][4].astype(np.float64)  # (V,)
    probs = np.exp(logits - logits.max())
    probs /= probs.sum()
    order = np.argsort(-probs, kind="stable")[:5]
    assert res.ids == order.tolist()
    np.testing.assert_allclose(res.probs, probs[order], rtol=1e-5)
    assert trace.out_tokens == [tr.tokenizer.src.itos[res.ids[0]]]
    assert trace.translation == "我有一只" + trace.out_tokens[0]


def test_bert_does_not_translate_and_blank_must_be_inside():
    tr = translator("bert")
    with pytest.raises(ValueError, match="fills a blank"):
        tr.translate("我有一只猫")
    with pytest.raises(IndexError):
        tr.fill("我有", position=2)


# ========================================================================= GPT continues the prompt


@pytest.mark.parametrize("name", ["gpt", "prefix_lm"])
def test_translation_equals_step_by_step_continuation(name):
    tr = translator(name)
    m = tr.model
    enc = tr.tokenizer.encode_source("我有一只猫")
    seq = [BOS_ID, *enc.ids, m.sep_id]  # written out here, without families.py's helpers
    out = []
    with torch.inference_mode():
        while len(seq) <= m.cfg.max_len:  # the positions' table ends there
            logits = m(torch.tensor([seq]))[0, -1, m.cfg.src_vocab_size:]  # the English words' logits
            nxt = int(logits.argmax())
            out.append(nxt)
            if nxt == EOS_ID:
                break
            seq.append(m.cfg.src_vocab_size + nxt)
    assert tr.decode(enc).ids == out
    trace = tr.run_with_trace("我有一只猫")
    assert trace.decoding.ids == out
    # the traced pass over the whole sequence predicts, at <sep> and after, exactly the chosen words
    start = trace.tokens.index(SEP)
    probs = trace["generator.hook_probs"][start:, m.cfg.src_vocab_size:]
    assert probs.argmax(-1).tolist() == out


def test_gpt_batched_greedy_equals_one_by_one():
    m = small("gpt")
    srcs = [[5, 6, 7, 8], [9, 10, 0, 0], [11, 12, 13, 0]]
    rows = greedy_batch(m, torch.tensor(srcs), max_len=8).tolist()
    for src, row in zip(srcs, rows):
        single = greedy(m, [i for i in src if i], max_len=8).ids
        assert row[: len(single)] == single and all(t == EOS_ID for t in row[len(single):])


# =========================================================================== one interface


@pytest.mark.parametrize("name", ["bert", "gpt", "prefix_lm"])
def test_checkpoint_round_trip_and_missing_names_the_command(name, tmp_path):
    model = small(name)
    tok = toy_tokenizer(with_mask=name == "bert")
    checkpoint.save(name, model, tok, {"n_params": model.n_params()}, tmp_path)
    loaded, tok2, meta = checkpoint.load(name, tmp_path)
    assert type(loaded) is type(model) and loaded.cfg == model.cfg and tok2.to_dict() == tok.to_dict()
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), loaded.state_dict().values()))
    assert spec_of(loaded).name == name
    with pytest.raises(CheckpointError, match=f"python -m tutorial_model.train --model {name}"):
        checkpoint.load(name, tmp_path / "elsewhere")


def test_config_rejects_a_bert_that_is_not_bidirectional():
    with pytest.raises(ValueError, match="bidirectional"):
        FamilyConfig(30, family="bert", mask="causal")
    assert isinstance(small("bert"), BERT) and isinstance(small("gpt"), GPT)


@pytest.mark.parametrize("name", ["bert", "gpt"])
def test_tiny_training_lowers_the_loss_and_is_reproducible(name):
    from tutorial_model.train import task_metrics, train_model

    cfg = replace(MODELS[name].train_config, steps=30, warmup_steps=5, eval_every=10_000, num_threads=1,
                  batch_size=32)
    tiny = {"d_model": 16, "d_ff": 32}
    a, tok, meta = train_model(name, cfg, tiny, progress=False, valid_limit=8)
    first, last = meta["curve"][0]["loss"], meta["curve"][-1]["loss"]
    assert last < first and meta["n_params"] == a.n_params() and meta["model"] == name
    b, _, _ = train_model(name, cfg, tiny, progress=False, valid_limit=8)
    assert all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values()))
    from tutorial_model.train import splits_for

    m = task_metrics(name, a, tok, splits_for(0)["test"][:16])
    assert m["n"] == 16 and ("fill_accuracy" in m if name == "bert" else "bleu" in m)


def test_names_and_weights_come_from_one_helper(tiny):
    from tutorial_model.trace import param_name

    assert act_name("pattern", 1, "decoder", "cross_attn") == "decoder.layers.1.cross_attn.hook_pattern"
    assert act_name("in", 0, sublayer=None) == "encoder.layers.0.hook_in"
    assert act_name("logits", stack="generator") == "generator.hook_logits"
    with pytest.raises(ValueError):
        act_name("pattern", 0, "decoer")
    tr = Translator(tiny, toy_tokenizer())
    W_Q = tr.weight(param_name("W_Q", 1, "decoder", "cross_attn"))
    module = tiny.decoder.layers[1].cross_attn.W_Q
    np.testing.assert_array_equal(W_Q, module.weight.detach().numpy().T)  # the paper's x·W_Q layout
    x = torch.randn(3, tiny.cfg.d_model)
    np.testing.assert_allclose(x.numpy() @ W_Q, module(x).detach().numpy(), atol=1e-6)
    gamma = tr.weight(param_name("norm", 0, sublayer="norm1"))
    np.testing.assert_array_equal(gamma, tiny.encoder.layers[0].norm1.norm.weight.detach().numpy())
    W_Q[:] = 0  # a copy: the model is untouched
    assert module.weight.abs().sum() > 0
