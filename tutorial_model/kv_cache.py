"""What a key/value cache would keep and save while the Transformer decodes, counted from the real shapes.

This model's decoding (tutorial_model/decoding.py, ``MemoryState.next_logits``) keeps no cache: at every step
it re-runs the decoder on the whole prefix ``<bos> y_1 … y_{t-1}``, recomputing the keys and values of every
earlier position in every layer, the cross-attention's keys and values of the memory C, and the logits of
every position (it keeps only the last row). A cache keeps, per decoder layer, the self-attention K and V of
the positions already read (they cannot change: the causal mask means position j's K and V depend only on
tokens ≤ j) and the cross-attention K and V of the memory (computed once per sentence); a step then computes
one new row.

Multiply-adds are counted for the matrix products only (the projections, QKᵀ, A·V, the feed-forward network
and the output layer), which is what torch.utils.flop_counter counts (as 2 FLOPs per multiply-add);
tests/test_kv_cache.py checks the uncached count against that counter on the real model.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import ModelConfig


@dataclass(frozen=True)
class CacheSize:
    self_kv: int  # numbers held for the decoder's self-attention K and V (all layers)
    cross_kv: int  # numbers held for the cross-attention K and V of the memory (all layers)

    @property
    def total(self) -> int:
        return self.self_kv + self.cross_kv


def cache_size(cfg: ModelConfig, t: int, t_src: int) -> CacheSize:
    """Numbers a cache holds after the decoder has read ``t`` positions: K and V (d_model wide, all heads
    together) of each of the n_layers decoder layers, for t positions (self) and t_src positions (cross)."""
    per_position = 2 * cfg.d_model  # one row of K and one of V
    return CacheSize(cfg.n_layers * t * per_position, cfg.n_layers * t_src * per_position)


def step_macs(cfg: ModelConfig, t: int, t_src: int, *, cached: bool, first: bool = False) -> int:
    """Multiply-adds of one decoding step whose prefix has ``t`` positions (<bos> included).

    Without a cache (this model): all t positions through every layer, the memory's K and V projected again,
    logits for all t positions. With one: only the newest position; the memory's K and V only on the first
    step (``first``)."""
    d, f, v = cfg.d_model, cfg.d_ff, cfg.tgt_vocab_size
    rows = 1 if cached else t  # positions computed this step
    memory_kv = 2 * t_src * d * d if (not cached or first) else 0
    per_layer = (
        3 * rows * d * d  # self-attention Q, K, V projections
        + 2 * rows * t * d  # QKᵀ and A·V over the t positions read (all heads together)
        + rows * d * d  # self-attention W_O
        + rows * d * d + memory_kv  # cross-attention Q; K and V of the memory
        + 2 * rows * t_src * d  # cross-attention QKᵀ and A·V
        + rows * d * d  # cross-attention W_O
        + 2 * rows * d * f  # feed-forward W_1 and W_2
    )
    return cfg.n_layers * per_layer + rows * d * v  # + the output layer


def decoding_macs(cfg: ModelConfig, n_steps: int, t_src: int) -> tuple[int, int]:
    """Multiply-adds of ``n_steps`` decoding steps (prefixes of 1 … n_steps positions): (without, with a cache)."""
    without = sum(step_macs(cfg, t, t_src, cached=False) for t in range(1, n_steps + 1))
    with_cache = sum(step_macs(cfg, t, t_src, cached=True, first=t == 1) for t in range(1, n_steps + 1))
    return without, with_cache
