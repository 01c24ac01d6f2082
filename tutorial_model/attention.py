"""Multi-head attention written out (Vaswani et al. 2017, §3.2), with a hook at every stage.

Letters used in shape comments: B batch, h heads, T_q query positions, T_k key positions,
d_model model width, d_k = d_model / h the width of one head.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from .config import ModelConfig
from .hooks import HookPoint


class MultiHeadAttention(nn.Module):
    """MultiHead(Q, K, V) = Concat(head_1, …, head_h) W_O, head_i = softmax(Q_i K_iᵀ / √d_k + mask) V_i.

    Used three ways: encoder self-attention, decoder masked self-attention, and decoder
    cross-attention (queries from the decoder, keys and values from the encoder memory C).
    The projections have no bias so that Q = X · W_Q exactly, as in the paper and in the lessons.
    """

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.n_heads, self.d_k = cfg.n_heads, cfg.d_head
        # the divisor of QKᵀ; 1.0 (division by one is exact) for the experiment without the scaling
        self.scale = math.sqrt(self.d_k) if cfg.scale_scores else 1.0
        # nn.Linear stores Wᵀ: the paper's W_Q (d_model × d_model) is self.W_Q.weight.T
        self.W_Q = nn.Linear(cfg.d_model, cfg.d_model, bias=False)
        self.W_K = nn.Linear(cfg.d_model, cfg.d_model, bias=False)
        self.W_V = nn.Linear(cfg.d_model, cfg.d_model, bias=False)
        self.W_O = nn.Linear(cfg.d_model, cfg.d_model, bias=False)
        self.hook_q = HookPoint()  # (B, h, T_q, d_k)
        self.hook_k = HookPoint()  # (B, h, T_k, d_k)
        self.hook_v = HookPoint()  # (B, h, T_k, d_k)
        self.hook_scores = HookPoint()  # QKᵀ/√d_k before the mask, (B, h, T_q, T_k)
        self.hook_mask = HookPoint()  # True where a query may attend, (B, T_q, T_k)
        self.hook_masked_scores = HookPoint()  # −inf where masked, (B, h, T_q, T_k)
        self.hook_pattern = HookPoint()  # softmax over keys, rows sum to 1, (B, h, T_q, T_k)
        self.hook_z = HookPoint()  # pattern · V per head, (B, h, T_q, d_k)
        self.hook_concat = HookPoint()  # heads side by side, (B, T_q, d_model)
        self.hook_out = HookPoint()  # Concat · W_O, (B, T_q, d_model)

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        B, T, _ = x.shape
        return x.view(B, T, self.n_heads, self.d_k).transpose(1, 2)  # (B, T, d_model) → (B, h, T, d_k)

    def forward(self, x_q: torch.Tensor, x_kv: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """x_q (B, T_q, d_model) asks, x_kv (B, T_k, d_model) answers; mask (B, 1 or T_q, T_k) bool."""
        B, T_q, d_model = x_q.shape
        T_k = x_kv.shape[1]
        q = self.hook_q(self.split_heads(self.W_Q(x_q)))  # (B, h, T_q, d_k)
        k = self.hook_k(self.split_heads(self.W_K(x_kv)))  # (B, h, T_k, d_k)
        v = self.hook_v(self.split_heads(self.W_V(x_kv)))  # (B, h, T_k, d_k)

        # Dividing by √d_k keeps the dot products' variance near 1 whatever d_k is, so the softmax
        # does not saturate into one-hot rows with vanishing gradients.
        scores = self.hook_scores(q @ k.transpose(-2, -1) / self.scale)  # (B, h, T_q, T_k)
        mask = self.hook_mask(mask.expand(B, T_q, T_k))
        masked = self.hook_masked_scores(scores.masked_fill(~mask.unsqueeze(1), float("-inf")))
        pattern = self.hook_pattern(masked.softmax(dim=-1))  # exp(−inf) = 0: masked keys get exactly 0

        z = self.hook_z(pattern @ v)  # (B, h, T_q, d_k)
        concat = self.hook_concat(z.transpose(1, 2).reshape(B, T_q, d_model))  # (B, h, T_q, d_k) → (B, T_q, d_model)
        return self.hook_out(self.W_O(concat))
