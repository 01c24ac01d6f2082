"""Capturing is invisible: same outputs bit for bit, no hooks left behind, same input → same trace."""

import numpy as np
import pytest
import torch

from tutorial_model.hooks import HookPoint, active_hooks, capture, hook_points


def test_hook_points_are_named_from_the_module_tree(tiny):
    names = set(hook_points(tiny))
    for layer in range(tiny.cfg.n_layers):
        assert f"encoder.layers.{layer}.self_attn.hook_pattern" in names
        assert f"decoder.layers.{layer}.cross_attn.hook_pattern" in names
        assert f"decoder.layers.{layer}.ffn.hook_hidden" in names
    assert all(tiny.get_submodule(n) is p and p.name == n for n, p in hook_points(tiny).items())


def test_traced_logits_equal_untraced_bit_for_bit(tiny, batch):
    with torch.inference_mode():
        plain = tiny(*batch)
        with capture(tiny) as cap:
            traced = tiny(*batch)
    assert torch.equal(plain, traced)
    assert torch.equal(cap.last("generator.hook_logits"), traced)


def test_every_hook_point_records_once_per_forward(tiny, batch):
    with torch.inference_mode(), capture(tiny) as cap:
        tiny(*batch)
    assert set(cap) == set(hook_points(tiny))
    assert all(len(v) == 1 for v in cap.values())


def test_no_hooks_remain_after_capture(tiny, batch):
    with capture(tiny):
        assert len(active_hooks(tiny)) == len(hook_points(tiny))
    assert active_hooks(tiny) == []


def test_no_hooks_remain_when_the_forward_raises(tiny):
    too_long = torch.ones(1, tiny.cfg.max_len + 5, dtype=torch.long)
    with pytest.raises(ValueError, match="max_len"), capture(tiny):
        tiny(too_long, too_long)
    assert active_hooks(tiny) == []
    assert all(p.recorder is None for p in tiny.modules() if isinstance(p, HookPoint))


def test_captured_tensors_are_detached_copies(tiny, batch):
    with capture(tiny) as cap:
        out = tiny(*batch)
    saved = cap.last("generator.hook_logits")
    assert not saved.requires_grad and out.requires_grad
    out.data.zero_()  # mutating the live tensor must not change the record
    assert saved.abs().sum() > 0


def test_same_input_same_trace(tiny, batch):
    traces = []
    for _ in range(2):
        with torch.inference_mode(), capture(tiny) as cap:
            tiny(*batch)
        traces.append({k: v[0].numpy() for k, v in cap.items()})
    assert traces[0].keys() == traces[1].keys()
    for k in traces[0]:
        np.testing.assert_array_equal(traces[0][k], traces[1][k])


def test_capture_can_select_sites(tiny, batch):
    with capture(tiny, names=lambda n: n.endswith("hook_pattern")) as cap:
        tiny(*batch)
    assert len(cap) == 3 * tiny.cfg.n_layers and all(n.endswith("hook_pattern") for n in cap)
    assert "generator.hook_probs" not in cap  # probabilities are computed only when recorded
