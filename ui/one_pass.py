"""Helpers of the "Autoregressive vs one pass" lesson (lesson_pages/autoregressive_vs_not.py): how many decoder
passes and how much time each model's decoding takes, measured live (the words a translation repeats or leaves
out: tutorial_model.slips). No Streamlit here."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence

import torch

from tutorial_model.decoding import decode


def decoder_passes(model: torch.nn.Module, src_ids: Sequence[int]) -> tuple[list[int], int]:
    """Greedy decoding of ``src_ids`` with a counter on ``model.decoder``: (output ids, how many times the decoder
    ran). The autoregressive Transformer runs it once per word; the one-pass model once in all."""
    calls = []
    handle = model.decoder.register_forward_pre_hook(lambda module, args: calls.append(1))
    try:
        with torch.inference_mode():
            ids = decode(model, list(src_ids), "greedy").ids
    finally:
        handle.remove()
    return ids, len(calls)


def decode_seconds(model: torch.nn.Module, src_ids: Sequence[int], repeats: int = 5) -> float:
    """Median wall-clock seconds (time.perf_counter) of one greedy decoding of ``src_ids``, over ``repeats`` runs
    after one warm-up run; measured now, on this machine."""
    times = []
    with torch.inference_mode():
        decode(model, list(src_ids), "greedy")  # warm-up: first-call allocations are not the model's cost
        for _ in range(repeats):
            start = time.perf_counter()
            decode(model, list(src_ids), "greedy")
            times.append(time.perf_counter() - start)
    return statistics.median(times)
