"""The non-autoregressive translator (tutorial_model/nat.py, issue 23): its output never depends on the words it
is given (only on how many), greedy decoding through decoding.py is exactly the one-pass argmax over the
predicted length, the uniform copy reads ⌊i·T_src/m⌋, padding changes nothing, its loss is the sum of the two
cross-entropies (recomputed), it traces through the one Translator, and a short training run lowers the loss."""

from dataclasses import replace

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tutorial_model.config import ModelConfig, TrainConfig
from tutorial_model.decoding import greedy_batch
from tutorial_model.nat import NonAutoregressive, nat_loss, uniform_copy
from tutorial_model.registry import spec, spec_of
from tutorial_model.tokenizer import EOS_ID, PAD_ID, Tokenizer, Vocab
from tutorial_model.translator import Translator

SMALL = {"d_model": 16, "n_heads": 2, "n_layers": 2, "d_ff": 32, "max_len": 12, "dropout": 0.0}
SRC = torch.tensor([[5, 6, 7, 8, 9, 10], [11, 12, 13, 0, 0, 0]])
TGT = torch.tensor([[1, 4, 5, 6, 7, 2], [1, 8, 9, 2, 0, 0]])  # <bos> … <eos>, the second row padded


def small(seed: int = 0) -> NonAutoregressive:
    torch.manual_seed(seed)
    return NonAutoregressive(ModelConfig(30, 25, **SMALL)).eval()


def test_output_depends_on_the_length_only():
    model = small()
    other = TGT.clone()
    other[0, 1:5] = torch.tensor([20, 21, 22, 23])  # other words, the same length
    torch.testing.assert_close(model(SRC, other), model(SRC, TGT))


def test_greedy_decoding_is_the_one_pass_argmax():
    model = small()
    ids = greedy_batch(model, SRC)
    with torch.inference_mode():
        memory, src_mask = model.encode(SRC)
        lengths = model.length(memory, src_mask).argmax(-1).clamp(min=1)
        logits = model.decode(SRC, memory, src_mask, lengths, int(lengths.max()))
    for b in range(SRC.shape[0]):
        m = int(lengths[b])
        expected = logits[b, :m].argmax(-1).tolist()
        if EOS_ID in expected:  # the model may end early by writing <eos> itself
            expected = expected[:expected.index(EOS_ID) + 1]
        else:  # past the predicted length only <eos> is left
            expected = [*expected, EOS_ID]
        got = ids[b].tolist()
        assert got[:len(expected)] == expected
        assert all(i == EOS_ID for i in got[len(expected):])


@pytest.mark.parametrize("T_src,m", [(4, 8), (5, 3), (6, 6), (1, 4)])
def test_uniform_copy(T_src, m):
    src = torch.tensor([[7] * T_src + [PAD_ID] * 2])
    idx = uniform_copy(src, torch.tensor([m]), m + 2)[0].tolist()
    assert idx[:m] == [i * T_src // m for i in range(m)] and idx[m:] == [0, 0]
    assert idx[:m] == sorted(idx[:m]) and all(0 <= i < T_src for i in idx[:m])
    if m >= T_src:
        assert set(idx[:m]) == set(range(T_src))  # every source character is copied somewhere


def test_padding_changes_nothing():
    model = small()
    alone = model(SRC[1:, :3], TGT[1:, :4])
    torch.testing.assert_close(model(SRC, TGT)[1:, :4], alone, atol=1e-5, rtol=1e-5)


def test_loss_is_words_plus_length():
    model = small()
    torch.manual_seed(1)
    loss = nat_loss(model, SRC, TGT, 0.0)
    memory, src_mask = model.encode(SRC)
    lengths = torch.tensor([5, 3])  # <bos> + words, counted by hand from TGT
    logits = model(SRC, TGT[:, :-1])
    words = F.cross_entropy(logits.reshape(-1, 25), TGT[:, 1:].reshape(-1), ignore_index=PAD_ID)
    length = F.cross_entropy(model.length(memory, src_mask), lengths)
    torch.testing.assert_close(loss, words + length)


def test_traces_through_the_one_translator():
    tok = Tokenizer(Vocab(list("我有一只猫狗他是学生")), Vocab(["I", "have", "a", "cat", "dog"]))
    torch.manual_seed(0)
    tr = Translator(NonAutoregressive(ModelConfig(len(tok.src), len(tok.tgt), **SMALL)), tok)
    assert spec_of(tr.model) is spec("nat") and tr.name == "nat"
    with pytest.raises(ValueError, match="greedily"):
        tr.translate("我有一只猫", method="beam")
    trace = tr.run_with_trace("我有一只猫")
    T_tgt = len(trace.tgt_tokens)
    assert trace["pattern", 0, "decoder", "self_attn"].shape == (2, T_tgt, T_tgt)
    # no causal mask: position 0 may look at the last position
    assert np.all(trace["pattern", 0, "decoder", "self_attn"][:, 0, -1] > 0)
    assert trace["probs", "length"].shape == (SMALL["max_len"],)
    assert trace.translation == tr.translate("我有一只猫")


def test_short_training_run_lowers_the_loss():
    from tutorial_model.train import train_model

    cfg = replace(TrainConfig(), steps=60, warmup_steps=5, lr=3e-3, eval_every=10_000, num_threads=1)
    _, _, meta = train_model("nat", cfg, model_overrides={"d_model": 32, "n_heads": 2, "d_ff": 64},
                             progress=False, valid_limit=10)
    first, last = meta["curve"][0]["loss"], meta["curve"][-1]["loss"]
    assert last < 0.8 * first, (first, last)
