"""A non-autoregressive Transformer: it predicts how long the translation is, then writes every word at once.

The autoregressive Transformer writes word t after reading words 1 … t−1; this one (after Gu et al. 2018,
"Non-Autoregressive Neural Machine Translation", with their simplest decoder input) writes all of them in one
pass, so no word knows which of the possible translations its neighbours chose:

    memory C            the Transformer's encoder (the same layers, hook names and masks)
    length              m = argmax softmax(mean_j(C_j) W_len): how many positions, <eos> included
    decoder input       position i of m reads the source character ⌊i·T_src / m⌋ (uniform copy) + PE(i)
    decoder             the Transformer's decoder layers with NO causal mask: every position sees every other
    output              p(y_i) = softmax(decoder_i W_out), for every i at once

Trained with the cross-entropy of every word (given the true length) plus the cross-entropy of the length.
Decoding: the length, then one decoder pass; ``start(src)`` computes it and ``next_logits`` hands out its rows
one by one, so decoding.py's greedy decoder returns exactly the one-pass argmax (and stops at position m).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from .config import ModelConfig
from .hooks import HookPoint, hook_points
from .layers import Embeddings
from .tokenizer import EOS_ID, PAD_ID
from .transformer import Decoder, Encoder, Generator, padding_mask


class LengthHead(nn.Module):
    """m from the mean of the encoder's output over the real characters: logits over lengths 0 … max_len − 1."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.W_len = nn.Linear(cfg.d_model, cfg.max_len)
        self.hook_logits = HookPoint()  # (B, max_len)
        self.hook_probs = HookPoint()  # (B, max_len)

    def forward(self, memory: torch.Tensor, src_mask: torch.Tensor) -> torch.Tensor:
        keep = src_mask.transpose(1, 2).to(memory.dtype)  # (B, 1, T_src) → (B, T_src, 1)
        mean = (memory * keep).sum(1) / keep.sum(1)  # (B, T_src, d_model) → (B, d_model)
        logits = self.hook_logits(self.W_len(mean))
        if self.hook_probs.recorder is not None:
            self.hook_probs(logits.softmax(dim=-1))
        return logits


def positions(tgt_in: torch.Tensor) -> torch.Tensor:
    """How many positions each row's translation has, <eos> included: <bos> + words of the decoder input
    (B, T) (a short row of a batch also holds its <eos>, which is not one more position) → (B,)."""
    return ((tgt_in != PAD_ID) & (tgt_in != EOS_ID)).sum(1)


def uniform_copy(src: torch.Tensor, lengths: torch.Tensor, T_tgt: int) -> torch.Tensor:
    """Which source position each target position copies: ⌊i·T_src / m⌋ within each sentence's real length.
    src (B, T_src) ids, lengths (B,) target lengths m → (B, T_tgt) source indices (0 past m)."""
    T_src = (src != PAD_ID).sum(1, keepdim=True)  # (B, 1)
    i = torch.arange(T_tgt, device=src.device).unsqueeze(0)  # (1, T_tgt)
    m = lengths.clamp(min=1).unsqueeze(1)  # (B, 1)
    return torch.where(i < m, torch.div(i * T_src, m, rounding_mode="floor"), torch.zeros_like(i))


class NonAutoregressive(nn.Module):
    """Encoder, length head, and a decoder without a causal mask; the registry's interface."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.src_embed = Embeddings(cfg, cfg.src_vocab_size)
        self.encoder = Encoder(cfg)
        self.length = LengthHead(cfg)
        self.decoder = Decoder(cfg)
        self.generator = Generator(cfg.d_model, cfg.tgt_vocab_size)
        self.hook_copy = HookPoint()  # the decoder's input: copied source embeddings + PE, (B, T_tgt, d_model)
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)
        hook_points(self)

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        src_mask = padding_mask(src)  # (B, 1, T_src)
        return self.encoder(self.src_embed(src), src_mask), src_mask

    def decode(self, src: torch.Tensor, memory: torch.Tensor, src_mask: torch.Tensor,
               lengths: torch.Tensor, T_tgt: int) -> torch.Tensor:
        """Every position of translations of ``lengths`` (B,) words (<eos> included) at once → (B, T_tgt, V)."""
        idx = uniform_copy(src, lengths, T_tgt)  # (B, T_tgt)
        copied = torch.gather(src, 1, idx)  # (B, T_tgt) source ids, one per target position
        x = self.hook_copy(self.src_embed(copied))  # the same embedding (and PE by target position)
        real = torch.arange(T_tgt, device=src.device).unsqueeze(0) < lengths.unsqueeze(1)  # (B, T_tgt)
        tgt_mask = real.unsqueeze(1).expand(-1, T_tgt, -1)  # (B, T_tgt, T_tgt): every real position, no causality
        return self.generator(self.decoder(x, memory, src_mask, tgt_mask))

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        """Teacher forcing reads only the length of tgt (B, T_tgt), <bos> first: the words' logits (B, T_tgt, V)
        for positions whose targets are tgt[:, 1:] and <eos>; the length head runs too (its hooks record)."""
        memory, src_mask = self.encode(src)
        self.length(memory, src_mask)
        return self.decode(src, memory, src_mask, positions(tgt), tgt.shape[1])

    def start(self, src: torch.Tensor) -> OnePassState:
        memory, src_mask = self.encode(src)
        lengths = self.length(memory, src_mask).argmax(-1).clamp(min=1)  # (B,)
        T = int(lengths.max())
        return OnePassState(self.decode(src, memory, src_mask, lengths, T), lengths)

    def n_params(self) -> int:
        return sum(p.numel() for p in self.parameters())


class OnePassState:
    """Decoding state of the one-pass model: all logits are computed; step t hands out row t. Past the predicted
    length the only word is <eos>. The prefix is never read: that is what non-autoregressive means."""

    def __init__(self, logits: torch.Tensor, lengths: torch.Tensor) -> None:
        self.logits, self.lengths = logits, lengths  # (B, T, V), (B,)

    def next_logits(self, prefix: torch.Tensor) -> torch.Tensor:
        t = prefix.shape[1] - 1
        B, T, V = self.logits.shape
        end = torch.full((B, V), float("-inf"), device=self.logits.device)
        end[:, EOS_ID] = 0.0
        if t >= T:
            return end
        return torch.where((t < self.lengths).unsqueeze(1), self.logits[:, t], end)

    def select(self, rows: torch.Tensor) -> OnePassState:
        return OnePassState(self.logits[rows], self.lengths[rows])


def nat_loss(model: NonAutoregressive, src: torch.Tensor, tgt: torch.Tensor, label_smoothing: float) -> torch.Tensor:
    """Cross-entropy of every word given the true length, plus the cross-entropy of the length (fit.py's loss_fn)."""
    tgt_in, gold = tgt[:, :-1], tgt[:, 1:]
    memory, src_mask = model.encode(src)
    lengths = positions(tgt_in)  # (B,) words + <eos>
    logits = model.decode(src, memory, src_mask, lengths, tgt_in.shape[1])  # (B, T, V)
    words = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), gold.reshape(-1),  # (B·T, V)
                            ignore_index=PAD_ID, label_smoothing=label_smoothing)
    length = F.cross_entropy(model.length(memory, src_mask), lengths.clamp(max=model.cfg.max_len - 1))
    return words + length
