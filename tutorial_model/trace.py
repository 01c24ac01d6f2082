"""Trace: every tensor one translation computed, as detached CPU arrays by hook name."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .hooks import Capture


def arrays_from_capture(cap: Capture, batch_index: int = 0, call: int = -1) -> dict[str, np.ndarray]:
    """Pick one sentence of the batch and one call of each site; drop the batch dimension."""
    return {name: calls[call][batch_index].cpu().numpy() for name, calls in cap.items()}


@dataclass
class Trace:
    """What the model computed for one source sentence.

    ``arrays`` maps hook names (``encoder.layers.0.self_attn.hook_pattern``) to arrays without the
    batch dimension, e.g. a pattern is (h, T_q, T_k). Token lists label the axes: encoder arrays use
    ``src_tokens``; decoder arrays use ``tgt_tokens`` (the shifted input, starting with <bos>) on
    their query axis, and ``out_tokens`` are what each decoder position predicted.
    """

    arrays: dict[str, np.ndarray]
    src_tokens: list[str]
    tgt_tokens: list[str]
    out_tokens: list[str]
    translation: str
    unknown: tuple[str, ...] = ()
    decoding: Any = None  # a decoding.DecodeResult, step by step
    meta: dict = field(default_factory=dict)

    def __getitem__(self, name: str) -> np.ndarray:
        try:
            return self.arrays[name]
        except KeyError:
            close = difflib.get_close_matches(name, self.arrays, n=3)
            raise KeyError(f"no tensor named {name!r} in the trace; did you mean {close}?") from None

    def __contains__(self, name: str) -> bool:
        return name in self.arrays

    def layer(self, stack: str, layer: int, site: str) -> np.ndarray:
        """``trace.layer("decoder", 1, "cross_attn.hook_pattern")``."""
        return self[f"{stack}.layers.{layer}.{site}"]

    def by_kind(self, kind: str) -> dict[str, np.ndarray]:
        """All arrays whose name ends with ``kind`` (e.g. ``"hook_pattern"``), in model order."""
        return {n: a for n, a in self.arrays.items() if n.endswith(kind)}

    def shapes(self) -> dict[str, tuple[int, ...]]:
        return {n: tuple(a.shape) for n, a in self.arrays.items()}

    @property
    def n_layers(self) -> int:
        return len({n.split(".")[2] for n in self.arrays if n.startswith("encoder.layers.")})
