"""Embeddings, positional encoding, Add & Norm, feed-forward, and the encoder/decoder layers (§3.1–3.5)."""

from __future__ import annotations

import math

import torch
from torch import nn

from .attention import MultiHeadAttention
from .config import ModelConfig
from .hooks import HookPoint


def sinusoidal_encoding(max_len: int, d_model: int) -> torch.Tensor:
    """PE(pos, 2i) = sin(pos / 10000^(2i/d_model)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model)).

    Returns (max_len, d_model). Fixed, not learned: PE(pos+k) is a linear function of PE(pos), and the
    formula extends to positions never seen in training.
    """
    pos = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)  # (max_len, 1)
    div = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))  # (d_model/2,)
    pe = torch.zeros(max_len, d_model)
    pe[:, 0::2] = torch.sin(pos * div)
    pe[:, 1::2] = torch.cos(pos * div)
    return pe


class Embeddings(nn.Module):
    """X = Embedding(token) · √d_model + PE(position), then dropout (§3.4, §3.5).

    ``cfg.positional`` picks PE: the sinusoids, a learned table, or none (zeros, so hook_pos still records).
    """

    def __init__(self, cfg: ModelConfig, vocab_size: int) -> None:
        super().__init__()
        self.d_model = cfg.d_model
        self.lut = nn.Embedding(vocab_size, cfg.d_model)
        if cfg.positional == "learned":  # a trained (max_len, d_model) table instead of the formula
            self.pe = nn.Parameter(torch.zeros(cfg.max_len, cfg.d_model))  # Transformer.__init__ initialises it
        else:  # the formula, or zeros for the experiment without positions: not saved, rebuilt on load
            pe = sinusoidal_encoding(cfg.max_len, cfg.d_model)
            self.register_buffer("pe", pe if cfg.positional == "sinusoidal" else torch.zeros_like(pe), persistent=False)
        self.dropout = nn.Dropout(cfg.dropout)
        self.hook_token = HookPoint()  # raw embedding rows, (B, T, d_model)
        self.hook_scaled = HookPoint()  # × √d_model, (B, T, d_model)
        self.hook_pos = HookPoint()  # PE rows for positions 0..T−1, (B, T, d_model)
        self.hook_x = HookPoint()  # E·√d_model + PE, (B, T, d_model)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        B, T = ids.shape
        if T > self.pe.shape[0]:
            raise ValueError(f"sequence of {T} tokens is longer than max_len={self.pe.shape[0]}")
        # Scaling up keeps the learned embeddings from being drowned by PE values in [−1, 1].
        scaled = self.hook_scaled(self.hook_token(self.lut(ids)) * math.sqrt(self.d_model))
        pos = self.hook_pos(self.pe[:T].unsqueeze(0).expand(B, T, self.d_model))  # (T, d_model) → (B, T, d_model)
        return self.dropout(self.hook_x(scaled + pos))


class AddNorm(nn.Module):
    """LayerNorm(x + Dropout(Sublayer(x))): the residual connection, then layer normalisation (post-norm, §3.1).

    The experiments' flags: ``residual=False`` drops the ``x +``; ``layer_norm=False`` makes the norm the identity;
    ``norm_first=True`` is pre-norm, x + Dropout(Sublayer(LayerNorm(x))): the layer calls ``pre(x)`` for the
    sublayer's input and this module only adds (the stack then ends with one LayerNorm).
    """

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(cfg.d_model) if cfg.layer_norm else nn.Identity()
        self.dropout = nn.Dropout(cfg.dropout)
        self.residual, self.norm_first = cfg.residual, cfg.norm_first
        self.hook_resid = HookPoint()  # x + sublayer(x), before the norm, (B, T, d_model)
        self.hook_out = HookPoint()  # LayerNorm: (x − mean) / √(var + ε) · γ + β per row, (B, T, d_model)

    def pre(self, x: torch.Tensor) -> torch.Tensor:
        """What the sublayer reads: x itself (post-norm, the paper) or LayerNorm(x) (pre-norm)."""
        return self.norm(x) if self.norm_first else x

    def forward(self, x: torch.Tensor, sublayer_out: torch.Tensor) -> torch.Tensor:
        resid = x + self.dropout(sublayer_out) if self.residual else self.dropout(sublayer_out)
        resid = self.hook_resid(resid)
        return self.hook_out(resid if self.norm_first else self.norm(resid))


class FeedForward(nn.Module):
    """FFN(x) = max(0, x W_1 + b_1) W_2 + b_2, applied to every position separately (§3.3)."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.W_1 = nn.Linear(cfg.d_model, cfg.d_ff)
        self.W_2 = nn.Linear(cfg.d_ff, cfg.d_model)
        self.hook_pre = HookPoint()  # x W_1 + b_1, (B, T, d_ff)
        self.hook_hidden = HookPoint()  # after ReLU, (B, T, d_ff)
        self.hook_out = HookPoint()  # (B, T, d_model): same shape in and out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        hidden = self.hook_hidden(torch.relu(self.hook_pre(self.W_1(x))))
        return self.hook_out(self.W_2(hidden))


class EncoderLayer(nn.Module):
    """Self-attention → Add & Norm → feed-forward → Add & Norm."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.hook_in = HookPoint()  # (B, T_src, d_model)
        self.self_attn = MultiHeadAttention(cfg)
        self.norm1 = AddNorm(cfg)
        self.ffn = FeedForward(cfg)
        self.norm2 = AddNorm(cfg)

    def forward(self, x: torch.Tensor, src_mask: torch.Tensor) -> torch.Tensor:
        x = self.hook_in(x)
        h = self.norm1.pre(x)
        x = self.norm1(x, self.self_attn(h, h, src_mask))
        return self.norm2(x, self.ffn(self.norm2.pre(x)))


class DecoderLayer(nn.Module):
    """Masked self-attention → Add & Norm → cross-attention over memory C → Add & Norm → FFN → Add & Norm."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.hook_in = HookPoint()  # (B, T_tgt, d_model)
        self.self_attn = MultiHeadAttention(cfg)
        self.norm1 = AddNorm(cfg)
        self.cross_attn = MultiHeadAttention(cfg)
        self.norm2 = AddNorm(cfg)
        self.ffn = FeedForward(cfg)
        self.norm3 = AddNorm(cfg)

    def forward(self, y: torch.Tensor, memory: torch.Tensor, src_mask: torch.Tensor,
                tgt_mask: torch.Tensor) -> torch.Tensor:
        y = self.hook_in(y)
        h = self.norm1.pre(y)
        y = self.norm1(y, self.self_attn(h, h, tgt_mask))
        y = self.norm2(y, self.cross_attn(self.norm2.pre(y), memory, src_mask))  # queries ask the source sentence
        return self.norm3(y, self.ffn(self.norm3.pre(y)))
