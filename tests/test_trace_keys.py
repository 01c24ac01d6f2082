"""Trace keys (TransformerLens's ``cache["pattern", 0]`` shorthand): every hook of a real trace of every shipped
model is reached by the key its name spells, and gives exactly the array the hook name gives; the row labels,
the source positions and the W·x weight layout agree with what the pages computed by hand."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tutorial_model.registry import MODELS
from tutorial_model.trace import act_name, key_name
from tutorial_model.translator import Translator

SENTENCE = "他们有两只黑色的狗"
NAMES = [n for n in ("transformer", "rnn", "lstm", "lstm_attn", "gpt", "bert") if n in MODELS]
LAYER_SITE = re.compile(r"^(encoder|decoder)\.layers\.(\d+)\.(?:(\w+)\.)?hook_(\w+)$")
OTHER_SITE = re.compile(r"^(.+)\.hook_(\w+)$")


def key_of(name: str) -> tuple:
    """The key a hook name spells, parsed here without the code under test."""
    m = LAYER_SITE.match(name)
    if m:
        stack, layer, sublayer, kind = m.groups()
        return (kind, int(layer), stack, sublayer)
    module, kind = OTHER_SITE.match(name).groups()
    return (kind, module)


@pytest.fixture(scope="module", params=NAMES)
def traced(request):
    tr = Translator.load(name=request.param)
    trace = tr.fill(SENTENCE) if tr.spec.task == "fill" else tr.run_with_trace(SENTENCE)
    return tr, trace


def test_every_hook_is_reached_by_its_key(traced):
    _, trace = traced
    keys = {}
    for name, array in trace.arrays.items():
        key = key_of(name)
        assert key_name(key) == trace.name(key) == name
        assert trace[key] is array  # the very array the hook name gives, not a copy
        assert key in trace
        keys[key] = name
    assert len(keys) == len(trace.arrays)  # one key per hook: no two names share a key


def test_negative_layers_count_from_the_last_and_misses_say_what_is_close(traced):
    _, trace = traced
    for stack in trace.stacks:
        n = trace.layers(stack)
        last = f"{stack}.layers.{n - 1}.self_attn.hook_pattern"
        assert trace["pattern", -1, stack] is trace.arrays[last]
        assert trace["pattern", -n, stack] is trace.arrays[f"{stack}.layers.0.self_attn.hook_pattern"]
    assert ("pattern", 99, "decoder", "self_attn") not in trace
    with pytest.raises(KeyError, match="did you mean"):
        trace["patern", 0]


def test_a_key_needs_a_layer_or_a_module():
    with pytest.raises(KeyError):
        key_name(("pattern",))
    assert act_name("pattern", "*", "decoder", "cross_attn") == "decoder.layers.*.cross_attn.hook_pattern"


def test_row_labels_and_source_positions(traced):
    tr, trace = traced
    assert trace.row_labels == [f"{a} → {b}" for a, b in zip(trace.tgt_tokens, trace.out_tokens)]
    s = trace.positions("source")
    if trace.stacks == ("decoder",):  # GPT: <bos> 中文 <sep> English, one sequence
        assert trace.tokens[s] == trace.src_tokens and trace.tokens[s.stop] == "<sep>"
        assert trace.tokens[trace.positions("target")] == trace.out_tokens[:-1]
    else:
        assert s == slice(0, len(trace.src_tokens))


def test_weights_in_either_layout_and_parameter_counts():
    tr = Translator.load(name="rnn")
    cell = tr.model.encoder.cell  # the module tree, walked here once to check what pages get without walking it
    wx = tr.weight("encoder.cell.W_xh", layout="Wx")
    assert np.array_equal(wx, cell.W_xh.weight.detach().numpy()) and wx.shape == (cell.W_xh.out_features,
                                                                                     cell.W_xh.in_features)
    assert np.array_equal(tr.weight("encoder.cell.W_xh"), wx.T)
    assert np.array_equal(tr.weight("encoder.cell.W_xh", "bias"), cell.W_xh.bias.detach().numpy())
    assert tr.n_params() == tr.model.n_params()
    assert tr.n_params("encoder.cell") == sum(p.numel() for p in cell.parameters())
    with pytest.raises(ValueError):
        tr.weight("encoder.cell.W_xh", layout="paper")
