"""Autoregressive decoding that records every step: greedy, sampling (temperature, top-k), beam search.

One decoder for every model that writes English (tutorial_model.registry): each model's ``start(src)``
returns a decoding state with ``next_logits(prefix)`` — the logits of the word after each prefix — and
``select(rows)`` — the state of those batch rows (beam search keeps and copies hypotheses). The
Transformer re-runs its decoder on the whole prefix at every step (no key/value cache): slower, but it is
exactly the picture the lessons draw — the decoder reads <bos> plus everything it has written so far.
A recurrent model feeds only the newest word to its cell; the decoder-only GPT re-reads its prompt
"<bos> 中文 <sep>" followed by the prefix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import torch
from torch import nn

from .tokenizer import BOS_ID, EOS_ID

METHODS = ("greedy", "sample", "beam")


@dataclass
class Step:
    """One decoding step: the prefix the decoder read, the next-word distribution, the choice."""

    prefix: list[int]  # decoder input ids, starting with <bos>
    probs: np.ndarray  # (V_tgt,) softmax(logits) of the last position
    policy: np.ndarray  # (V_tgt,) the distribution the choice was drawn from (after temperature/top-k)
    chosen: int


@dataclass
class Beam:
    """One hypothesis kept at a beam-search step; ``parent`` indexes the previous step's beams."""

    tokens: tuple[int, ...]  # output ids so far, without <bos>
    logp: float  # sum of log-probabilities
    parent: int | None
    finished: bool


@dataclass
class DecodeResult:
    method: str
    ids: list[int]  # chosen output ids without <bos>; ends with <eos> when the model stopped
    steps: list[Step] = field(default_factory=list)
    beams: list[list[Beam]] = field(default_factory=list)  # beam search only: the kept beams per step
    params: dict = field(default_factory=dict)


class DecodeState(Protocol):
    """What ``model.start(src)`` returns: the source read once, then one call per step."""

    def next_logits(self, prefix: torch.Tensor) -> torch.Tensor:
        """prefix (B, t) output ids starting with <bos> → logits of the next word (B, V_tgt)."""

    def select(self, rows: torch.Tensor) -> DecodeState:
        """The state of batch rows ``rows`` (B',), in that order (a row may repeat)."""


def _max_steps(model: nn.Module, max_len: int | None, T_src: int = 0) -> int:
    """Steps allowed: ``max_len`` if given, at most what the model's positions hold (cfg.max_len − 1 words
    after <bos>; GPT's one sequence also holds its prompt <bos> 中文 <sep>: ``model.output_room``)."""
    room = model.output_room(T_src) if hasattr(model, "output_room") else model.cfg.max_len - 1
    return min(max_len or room, room)


@torch.inference_mode()
def greedy_batch(model: nn.Module, src: torch.Tensor, max_len: int | None = None) -> torch.Tensor:
    """Greedy translation of a padded batch src (B, T_src) → output ids (B, ≤max_len), <eos>-terminated rows."""
    state = model.start(src)
    ys = torch.full((src.shape[0], 1), BOS_ID, dtype=torch.long, device=src.device)  # (B, 1)
    done = torch.zeros(src.shape[0], dtype=torch.bool, device=src.device)
    for _ in range(_max_steps(model, max_len, src.shape[1])):
        nxt = state.next_logits(ys).argmax(-1)  # (B,)
        nxt = nxt.masked_fill(done, EOS_ID)
        ys = torch.cat([ys, nxt[:, None]], dim=1)  # (B, t) → (B, t+1)
        done |= nxt == EOS_ID
        if bool(done.all()):
            break
    return ys[:, 1:]


def _as_batch(model: nn.Module, src_ids: list[int] | tuple[int, ...]) -> torch.Tensor:
    device = next(model.parameters()).device
    return torch.tensor([list(src_ids)], dtype=torch.long, device=device)  # (1, T_src)


@torch.inference_mode()
def greedy(model: nn.Module, src_ids, max_len: int | None = None) -> DecodeResult:
    """Pick the most probable word at every step."""
    return _sample_like(model, src_ids, max_len, temperature=None, top_k=None, seed=None, method="greedy")


@torch.inference_mode()
def sample(model: nn.Module, src_ids, temperature: float = 1.0, top_k: int | None = None,
           seed: int = 0, max_len: int | None = None) -> DecodeResult:
    """Draw each word from softmax(logits / temperature), optionally only among the top k words."""
    if temperature <= 0:
        raise ValueError("temperature must be > 0 (use greedy for temperature → 0)")
    return _sample_like(model, src_ids, max_len, temperature=temperature, top_k=top_k, seed=seed, method="sample")


def _sample_like(model, src_ids, max_len, temperature, top_k, seed, method) -> DecodeResult:
    src = _as_batch(model, src_ids)
    state = model.start(src)
    gen = torch.Generator(device="cpu").manual_seed(seed) if seed is not None else None
    prefix = [BOS_ID]
    steps: list[Step] = []
    for _ in range(_max_steps(model, max_len, src.shape[1])):
        logits = state.next_logits(torch.tensor([prefix], device=src.device))[0].float().cpu()
        probs = logits.softmax(-1)
        if temperature is None:  # greedy
            policy, chosen = probs, int(probs.argmax())
        else:
            scaled = logits / temperature
            if top_k:
                kth = torch.topk(scaled, min(top_k, scaled.numel())).values[-1]
                scaled = scaled.masked_fill(scaled < kth, float("-inf"))  # keep only the k best words
            policy = scaled.softmax(-1)
            chosen = int(torch.multinomial(policy, 1, generator=gen))
        steps.append(Step(list(prefix), probs.numpy(), policy.numpy(), chosen))
        prefix.append(chosen)
        if chosen == EOS_ID:
            break
    params = {} if temperature is None else {"temperature": temperature, "top_k": top_k, "seed": seed}
    return DecodeResult(method, prefix[1:], steps=steps, params=params)


@torch.inference_mode()
def beam_search(model: nn.Module, src_ids, beam_size: int = 3, max_len: int | None = None) -> DecodeResult:
    """Keep the ``beam_size`` best prefixes by total log-probability; finished beams wait for the rest."""
    src = _as_batch(model, src_ids)
    state = model.start(src)
    beams = [Beam((), 0.0, None, False)]
    history: list[list[Beam]] = [beams]
    for _ in range(_max_steps(model, max_len, src.shape[1])):
        live = [i for i, b in enumerate(beams) if not b.finished]
        if not live:
            break
        prefixes = torch.tensor([[BOS_ID, *beams[i].tokens] for i in live], device=src.device)  # (n_live, t)
        rows = torch.zeros(len(live), dtype=torch.long, device=src.device)  # every hypothesis reads the one source
        logp = state.select(rows).next_logits(prefixes)
        logp = logp.float().log_softmax(-1).cpu()  # (n_live, V_tgt)
        candidates = [(b.logp, i, None) for i, b in enumerate(beams) if b.finished]  # finished beams stay
        top = torch.topk(logp, min(beam_size, logp.shape[1]), dim=-1)
        for row, i in enumerate(live):
            for lp, tok in zip(top.values[row].tolist(), top.indices[row].tolist()):
                candidates.append((beams[i].logp + lp, i, tok))
        candidates.sort(key=lambda c: -c[0])
        new = []
        for score, parent, tok in candidates[:beam_size]:
            if tok is None:
                new.append(Beam(beams[parent].tokens, score, parent, True))
            else:
                new.append(Beam(beams[parent].tokens + (tok,), score, parent, tok == EOS_ID))
        beams = new
        history.append(beams)
    best = max(beams, key=lambda b: b.logp)
    return DecodeResult("beam", list(best.tokens), beams=history, params={"beam_size": beam_size})


def decode(model: nn.Module, src_ids, method: str = "greedy", **params) -> DecodeResult:
    if method == "greedy":
        return greedy(model, src_ids, **params)
    if method == "sample":
        return sample(model, src_ids, **params)
    if method == "beam":
        return beam_search(model, src_ids, **params)
    raise ValueError(f"unknown decoding method {method!r}; choose from {METHODS}")
