"""The source padding mask at work: the learner's sentence batched with a longer one, with and without the mask.

In a batch every source row is as long as the longest sentence: a shorter one is filled up with <pad>. The padding
mask (transformer.padding_mask) sets the scores of those <pad> keys to −∞ before the softmax, in every encoder
self-attention and every decoder cross-attention, so each sentence is read as if it were alone. Here the shipped
model runs three times: the sentence alone, the padded batch with the mask, and the padded batch with the mask left
out (every key allowed). What the mask changes is measured on the learner's row: its attention weights, its
encoder output (the memory C) and its greedy translation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import cycle, islice

import numpy as np
import torch

from .hooks import capture
from .tokenizer import BOS_ID, COMMA, EOS_ID, PAD, PAD_ID, UNK, UNK_ID
from .trace import act_name, arrays_from_capture
from .transformer import MemoryState, Transformer, padding_mask

MIN_PADS = 4  # the longer sentence adds at least this many <pad> to the learner's row, when one that long exists


@dataclass(frozen=True)
class PaddingRun:
    """The learner's row of a padded batch, with and without the source padding mask."""

    tokens: list[str]  # the learner's row: its characters, then <pad> up to the batch's length T
    other: list[str]  # the longer sentence of the batch (T tokens, no padding)
    n_real: int  # how many of ``tokens`` are the sentence's own
    masked_scores: np.ndarray  # (layers, h, T, T) encoder self-attention scores QKᵀ/√d_k with the padding mask:
    # −∞ in every <pad> key's column
    pattern: np.ndarray  # (layers, h, T, T) the weights with the padding mask: <pad> keys get exactly 0
    pattern_unmasked: np.ndarray  # (layers, h, T, T) the weights with the mask left out
    memory_alone: np.ndarray  # (n_real, d_model) the encoder output of the sentence run on its own
    memory: np.ndarray  # (n_real, d_model) its real positions in the padded batch, with the mask
    memory_unmasked: np.ndarray  # (n_real, d_model) the same without the mask
    output_alone: list[int]  # greedy output ids of the sentence alone (<eos>-terminated)
    output: list[int]  # greedy output of its row in the padded batch, with the mask
    output_unmasked: list[int]  # the same without the mask (encoder and cross-attention both unmasked)

    @property
    def n_pad(self) -> int:
        return len(self.tokens) - self.n_real

    @property
    def memory_diff(self) -> float:
        """Largest |Δ| between the batched row (with the mask) and the sentence alone: float rounding only."""
        return float(np.abs(self.memory - self.memory_alone).max())

    @property
    def memory_diff_unmasked(self) -> float:
        """Largest |Δ| between the batched row without the mask and the sentence alone."""
        return float(np.abs(self.memory_unmasked - self.memory_alone).max())

    def pad_weight(self, masked: bool = True) -> np.ndarray:
        """(layers, h) the mean, over the sentence's own query rows, of the total weight they give <pad> keys."""
        p = self.pattern if masked else self.pattern_unmasked
        return p[:, :, :self.n_real, self.n_real:].sum(-1).mean(-1)


def longer_sentence(n: int, candidates: Sequence[Sequence[str]], max_len: int) -> list[str]:
    """A batch partner for a sentence of ``n`` tokens: the shortest candidate at least MIN_PADS tokens longer,
    else the longest candidate longer than it; none being longer (the sidebar's examples are shorter than the
    longest sentence a learner may type), candidates joined by commas, over again if need be, up to ``max_len``
    tokens, the most positions the model has, so that the sentence gets padding whenever it can."""
    fits = sorted((list(c) for c in candidates if len(c) <= max_len), key=len)
    for c in fits:
        if len(c) >= n + MIN_PADS:
            return c
    if fits and len(fits[-1]) > n:
        return fits[-1]
    joined = [tok for c in reversed(fits) for tok in [*c, COMMA]]
    return list(islice(cycle(joined), max_len)) if joined else []  # cycled: a few short candidates still fill it


def _encoder_site(kind: str, layer: int) -> str:
    return act_name(kind, layer, "encoder", "self_attn")


@torch.inference_mode()
def _encode(model: Transformer, src: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, dict[str, np.ndarray]]:
    """The memory C of a batch and the learner's row (0) of every encoder self-attention's masked scores and
    weights."""
    names = {_encoder_site(k, layer) for k in ("masked_scores", "pattern") for layer in range(model.cfg.n_layers)}
    with capture(model, names=lambda name: name in names) as cap:
        memory = model.encode(src, mask)
    return memory, arrays_from_capture(cap, batch_index=0)


@torch.inference_mode()
def _greedy_row(model: Transformer, memory: torch.Tensor, mask: torch.Tensor) -> list[int]:
    """Greedy output ids of batch row 0 from a memory read under ``mask``, which the decoder's cross-attention
    uses too (decoding.greedy, but from a memory already read and with the mask given)."""
    state = MemoryState(model, memory[:1], mask[:1])
    ys = [BOS_ID]
    for _ in range(model.cfg.max_len - 1):
        nxt = int(state.next_logits(torch.tensor([ys], device=memory.device))[0].argmax())
        ys.append(nxt)
        if nxt == EOS_ID:
            break
    return ys[1:]


def run(model: Transformer, ids: Sequence[int], other_ids: Sequence[int], tokens: Sequence[str],
        other: Sequence[str]) -> PaddingRun:
    """Run ``ids`` (the learner's sentence, labelled ``tokens``) alone and batched with the longer ``other_ids``
    (labelled ``other``). Call it holding the translator's lock: it captures hooks on the shared model."""
    n, T = len(ids), len(other_ids)
    if not n < T <= model.cfg.max_len:
        raise ValueError(f"the batch partner must be longer than the sentence and fit the model ({n} < {T} ≤ "
                         f"{model.cfg.max_len} tokens)")
    device = next(model.parameters()).device
    alone = torch.tensor([list(ids)], device=device)  # (1, n)
    batch = torch.tensor([list(ids) + [PAD_ID] * (T - n), list(other_ids)], device=device)  # (2, T)
    masked = padding_mask(batch)  # (2, 1, T): False at <pad>
    unmasked = torch.ones_like(masked)  # every key allowed: the mask left out

    mem_alone, _ = _encode(model, alone, padding_mask(alone))
    mem, arrays = _encode(model, batch, masked)
    mem_un, arrays_un = _encode(model, batch, unmasked)
    layers = range(model.cfg.n_layers)
    return PaddingRun(
        tokens=[*tokens, *[PAD] * (T - n)], other=list(other), n_real=n,
        masked_scores=np.stack([arrays[_encoder_site("masked_scores", layer)] for layer in layers]),
        pattern=np.stack([arrays[_encoder_site("pattern", layer)] for layer in layers]),
        pattern_unmasked=np.stack([arrays_un[_encoder_site("pattern", layer)] for layer in layers]),
        memory_alone=mem_alone[0].cpu().numpy(), memory=mem[0, :n].cpu().numpy(),
        memory_unmasked=mem_un[0, :n].cpu().numpy(),
        output_alone=_greedy_row(model, mem_alone, padding_mask(alone)),
        output=_greedy_row(model, mem, masked), output_unmasked=_greedy_row(model, mem_un, unmasked))


def for_sentence(translator, text: str, candidates: Sequence[str]) -> PaddingRun:
    """``run`` for one accepted sentence of a translator's (``text``), batched with a partner chosen from the
    sentences ``candidates`` (the sidebar's examples) by longer_sentence."""
    tok = translator.tokenizer
    enc = tok.encode_source(text)
    pool = [s.text for c in candidates for s in tok.normalize(c).sentences]
    other = longer_sentence(len(enc.ids), [list(p) for p in pool], translator.model.cfg.max_len)
    other_ids = tok.src.encode(other)
    other = [tok.src.itos[i] if i != UNK_ID else UNK for i in other_ids]
    with translator.lock:
        return run(translator.model, enc.ids, other_ids, translator.source_tokens(enc), other)
