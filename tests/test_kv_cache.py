"""The KV-cache counts of tutorial_model/kv_cache.py against the real model: the uncached step count equals what
torch's FLOP counter measures on MemoryState.next_logits (this model's own decoding step), and the decoding code
indeed re-runs the whole prefix (its logits come out for every position)."""

from __future__ import annotations

import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode

from tutorial_model import kv_cache
from tutorial_model.checkpoint import CHECKPOINT_DIR, load, paths


@pytest.fixture(scope="module")
def model():
    if not paths("transformer", CHECKPOINT_DIR)[0].exists():
        pytest.skip("no shipped checkpoint")
    return load("transformer", CHECKPOINT_DIR)[0]


@pytest.mark.parametrize("t", [1, 2, 5])
def test_uncached_step_matches_the_flop_counter_on_the_real_decoding_step(model, t):
    t_src = 6
    src = torch.full((1, t_src), 5, dtype=torch.long)
    prefix = torch.full((1, t), 4, dtype=torch.long)
    with torch.inference_mode():
        state = model.start(src)
        with FlopCounterMode(display=False) as counter:
            state.next_logits(prefix)
    assert counter.get_total_flops() == 2 * kv_cache.step_macs(model.cfg, t, t_src, cached=False)


def test_decoding_recomputes_every_position(model):
    """What the page says: the decoder runs on the whole prefix at each step (logits for every position)."""
    src, prefix = torch.full((1, 4), 5, dtype=torch.long), torch.full((1, 3), 4, dtype=torch.long)
    seen = []
    handle = model.generator.register_forward_hook(lambda mod, args, out: seen.append(tuple(out.shape)))
    try:
        with torch.inference_mode():
            model.start(src).next_logits(prefix)
    finally:
        handle.remove()
    assert seen == [(1, 3, model.cfg.tgt_vocab_size)]


def test_a_cache_saves_work_and_holds_k_and_v_per_layer(model):
    cfg = model.cfg
    without, with_cache = kv_cache.decoding_macs(cfg, 10, 8)
    assert with_cache < without
    assert kv_cache.decoding_macs(cfg, 1, 8)[0] == kv_cache.decoding_macs(cfg, 1, 8)[1]  # one step: nothing reused
    size = kv_cache.cache_size(cfg, 4, 8)
    assert size.self_kv == cfg.n_layers * 4 * 2 * cfg.d_model and size.cross_kv == cfg.n_layers * 8 * 2 * cfg.d_model
