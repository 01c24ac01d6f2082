"""A convolutional encoder–decoder (ConvS2S, Gehring et al. 2017), small, with every stage on a hook point.

Where the Transformer lets every character look at every other one in one layer, a convolution reads only
``kernel`` neighbours: layer l of the encoder sees 1 + l·(k − 1) characters around each position (its
receptive field), and the same filter weights slide over every position (parameter sharing). The decoder's
convolutions look only left (its input is padded with k − 1 zeros on the left), and each decoder layer attends
to the encoder, as in the paper:

    encoder   e_j = Embed(x_j) + Pos(j);   h⁰ = e W_in;   hˡ = (GLU(Conv(hˡ⁻¹)) + hˡ⁻¹)·√½;   z_j = h^L_j W_out
    GLU       GLU([A; B]) = A ⊙ σ(B)  (the convolution writes 2·d_conv channels, the gate halves them)
    decoder   g_i = Embed(y_i) + Pos(i);  yˡ = GLU(CausalConv(sˡ⁻¹));  d_i = (yˡ_i W_d + g_i)·√½
              α_ij = softmax_j(d_i · z_j);  c_i = Σ_j α_ij (z_j + e_j);   sˡ = ((yˡ + c W_c)·√½ + sˡ⁻¹)·√½
    output    p(y_{i+1}) = softmax(s^L_i W_proj W_out)

The keys are z (what the encoder computed), the values z + e (with the embedding: the paper found the
character itself helps). One attention head; its pattern keeps a head axis of size 1, so pages read it
like the Transformer's: ``trace["pattern", l, "decoder", "cross_attn"]`` is (1, T_tgt, T_src).

Two simplifications against the paper, said here so nobody reads them as its model: no weight normalisation
(Adam with the project's warm-up and gradient clipping trains this size without it) and no gradient scaling
of the encoder by the number of attention layers. Shape letters: B batch, T length, e = d_embed,
d = d_conv, V vocabulary.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn

from .hooks import HookPoint, hook_points
from .tokenizer import PAD_ID
from .transformer import Generator

HALF = math.sqrt(0.5)  # keeps the variance of a sum of two unit-variance terms at one (§3.4 of the paper)


@dataclass(frozen=True)
class ConvConfig:
    src_vocab_size: int
    tgt_vocab_size: int
    d_embed: int = 128
    d_conv: int = 128  # channels of every convolution (after the gate)
    kernel: int = 3  # k: how many neighbouring characters one layer reads
    n_layers: int = 4  # encoder layers, and decoder layers
    max_len: int = 32  # rows of the learned position table; longest sequence incl. <bos>/<eos>
    dropout: float = 0.1

    def __post_init__(self) -> None:
        if self.kernel < 2 or self.kernel % 2 == 0:
            raise ValueError(f"kernel must be odd and at least 3 (a centred window), not {self.kernel}")

    def receptive_field(self, layers: int) -> int:
        """How many source characters position j of encoder layer ``layers`` (1-based) can have read."""
        return 1 + layers * (self.kernel - 1)

    def to_dict(self) -> dict:
        return asdict(self)


class ConvEmbeddings(nn.Module):
    """e = Embed(token) + Pos(position), both learned tables (the paper's), then dropout."""

    def __init__(self, cfg: ConvConfig, vocab_size: int) -> None:
        super().__init__()
        self.lut = nn.Embedding(vocab_size, cfg.d_embed, padding_idx=PAD_ID)
        self.pe = nn.Embedding(cfg.max_len, cfg.d_embed)
        self.dropout = nn.Dropout(cfg.dropout)
        self.hook_token = HookPoint()  # (B, T, e)
        self.hook_pos = HookPoint()  # (B, T, e)
        self.hook_x = HookPoint()  # token + position, (B, T, e)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        B, T = ids.shape
        if T > self.pe.num_embeddings:
            raise ValueError(f"sequence of {T} tokens is longer than max_len={self.pe.num_embeddings}")
        pos = self.pe(torch.arange(T, device=ids.device)).unsqueeze(0).expand(B, T, -1)  # (T, e) → (B, T, e)
        return self.dropout(self.hook_x(self.hook_token(self.lut(ids)) + self.hook_pos(pos)))


class GatedConv(nn.Module):
    """One convolution + GLU: (B, T, d) → (B, T, d). ``causal``: position i reads i−k+1 … i (decoder);
    otherwise i−k//2 … i+k//2 (encoder). Zero padding outside the sentence, so a sentence gives the same
    result alone or in a batch (the caller zeroes padded positions first)."""

    def __init__(self, cfg: ConvConfig, causal: bool) -> None:
        super().__init__()
        self.causal, self.k = causal, cfg.kernel
        self.conv = nn.Conv1d(cfg.d_conv, 2 * cfg.d_conv, cfg.kernel)  # the same k×d→2d filter at every position
        self.dropout = nn.Dropout(cfg.dropout)
        self.hook_conv = HookPoint()  # [A; B] before the gate, (B, T, 2d)
        self.hook_gate = HookPoint()  # σ(B), (B, T, d)
        self.hook_glu = HookPoint()  # A ⊙ σ(B), (B, T, d)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        left, right = (self.k - 1, 0) if self.causal else (self.k // 2, self.k // 2)
        h = F.pad(self.dropout(x).transpose(1, 2), (left, right))  # (B, T, d) → (B, d, left + T + right)
        ab = self.hook_conv(self.conv(h).transpose(1, 2))  # (B, 2d, T) → (B, T, 2d)
        a, b = ab.chunk(2, dim=-1)  # (B, T, 2d) → 2 × (B, T, d)
        return self.hook_glu(a * self.hook_gate(torch.sigmoid(b)))


class ConvEncoderLayer(nn.Module):
    def __init__(self, cfg: ConvConfig) -> None:
        super().__init__()
        self.hook_in = HookPoint()  # (B, T_src, d)
        self.conv = GatedConv(cfg, causal=False)
        self.hook_out = HookPoint()  # (GLU + residual)·√½, (B, T_src, d)

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        """keep (B, T_src, 1): 1 at real characters, 0 at padding."""
        x = self.hook_in(x * keep)
        return self.hook_out((self.conv(x) + x) * HALF) * keep


class ConvEncoder(nn.Module):
    def __init__(self, cfg: ConvConfig) -> None:
        super().__init__()
        self.W_in = nn.Linear(cfg.d_embed, cfg.d_conv)
        self.layers = nn.ModuleList(ConvEncoderLayer(cfg) for _ in range(cfg.n_layers))
        self.W_out = nn.Linear(cfg.d_conv, cfg.d_embed)
        self.hook_memory = HookPoint()  # z, the attention keys, (B, T_src, e)
        self.hook_values = HookPoint()  # z + e, the attention values, (B, T_src, e)

    def forward(self, e: torch.Tensor, keep: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """e (B, T_src, e) embedded source → (z, z + e), each (B, T_src, e)."""
        h = self.W_in(e)
        for layer in self.layers:
            h = layer(h, keep)
        z = self.hook_memory(self.W_out(h) * keep)
        return z, self.hook_values((z + e) * HALF)


class ConvAttention(nn.Module):
    """ConvS2S's attention: one head, dot products of the decoder state (plus its input embedding) with z."""

    def __init__(self, cfg: ConvConfig) -> None:
        super().__init__()
        self.W_d = nn.Linear(cfg.d_conv, cfg.d_embed)
        self.W_c = nn.Linear(cfg.d_embed, cfg.d_conv)
        self.hook_q = HookPoint()  # d_i = (y_i W_d + g_i)·√½, (B, 1, T_tgt, e): one head
        self.hook_scores = HookPoint()  # d_i · z_j, (B, 1, T_tgt, T_src)
        self.hook_masked_scores = HookPoint()  # −inf at padded source positions, (B, 1, T_tgt, T_src)
        self.hook_pattern = HookPoint()  # α, rows sum to 1, (B, 1, T_tgt, T_src)
        self.hook_z = HookPoint()  # c_i = Σ_j α_ij (z_j + e_j), (B, 1, T_tgt, e)
        self.hook_out = HookPoint()  # c W_c, (B, T_tgt, d)

    def forward(self, y: torch.Tensor, g: torch.Tensor, z: torch.Tensor, values: torch.Tensor,
                src_mask: torch.Tensor) -> torch.Tensor:
        """y (B, T_tgt, d) the layer's GLU output, g (B, T_tgt, e) the target embeddings, z / values
        (B, T_src, e), src_mask (B, 1, T_src) True at real characters → (B, T_tgt, d)."""
        d = self.hook_q(((self.W_d(y) + g) * HALF).unsqueeze(1))  # (B, T_tgt, e) → (B, 1, T_tgt, e)
        scores = self.hook_scores(d @ z.unsqueeze(1).transpose(-2, -1))  # (B,1,T_tgt,e) @ (B,1,e,T_src)
        masked = self.hook_masked_scores(scores.masked_fill(~src_mask.unsqueeze(1), float("-inf")))
        pattern = self.hook_pattern(masked.softmax(dim=-1))
        c = self.hook_z(pattern @ values.unsqueeze(1))  # (B, 1, T_tgt, T_src) @ (B, 1, T_src, e)
        return self.hook_out(self.W_c(c.squeeze(1)))  # (B, 1, T_tgt, e) → (B, T_tgt, e) → (B, T_tgt, d)


class ConvDecoderLayer(nn.Module):
    def __init__(self, cfg: ConvConfig) -> None:
        super().__init__()
        self.hook_in = HookPoint()  # (B, T_tgt, d)
        self.conv = GatedConv(cfg, causal=True)
        self.cross_attn = ConvAttention(cfg)
        self.hook_out = HookPoint()  # (B, T_tgt, d)

    def forward(self, s: torch.Tensor, g: torch.Tensor, z: torch.Tensor, values: torch.Tensor,
                src_mask: torch.Tensor) -> torch.Tensor:
        s = self.hook_in(s)
        y = self.conv(s)
        y = (y + self.cross_attn(y, g, z, values, src_mask)) * HALF
        return self.hook_out((y + s) * HALF)


class ConvDecoder(nn.Module):
    def __init__(self, cfg: ConvConfig) -> None:
        super().__init__()
        self.W_in = nn.Linear(cfg.d_embed, cfg.d_conv)
        self.layers = nn.ModuleList(ConvDecoderLayer(cfg) for _ in range(cfg.n_layers))
        self.W_proj = nn.Linear(cfg.d_conv, cfg.d_embed)
        self.dropout = nn.Dropout(cfg.dropout)
        self.hook_out = HookPoint()  # (B, T_tgt, e), what the generator reads

    def forward(self, g: torch.Tensor, z: torch.Tensor, values: torch.Tensor, src_mask: torch.Tensor) -> torch.Tensor:
        s = self.W_in(g)
        for layer in self.layers:
            s = layer(s, g, z, values, src_mask)
        return self.hook_out(self.dropout(self.W_proj(s)))


class ConvS2S(nn.Module):
    """Convolutional encoder–decoder; the interface of the registry's translation models."""

    def __init__(self, cfg: ConvConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.src_embed = ConvEmbeddings(cfg, cfg.src_vocab_size)
        self.tgt_embed = ConvEmbeddings(cfg, cfg.tgt_vocab_size)
        self.encoder = ConvEncoder(cfg)
        self.decoder = ConvDecoder(cfg)
        self.generator = Generator(cfg.d_embed, cfg.tgt_vocab_size)
        hook_points(self)

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """src (B, T_src) ids → (z, z + e, src_mask (B, 1, T_src))."""
        real = src != PAD_ID  # (B, T_src)
        z, values = self.encoder(self.src_embed(src), real.unsqueeze(-1).to(torch.get_default_dtype()))
        return z, values, real.unsqueeze(1)

    def decode(self, z: torch.Tensor, values: torch.Tensor, src_mask: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        """tgt (B, T_tgt) shifted right (<bos> first) → logits (B, T_tgt, V). Causal by construction: the
        convolutions look left only and attention reads the source, so row t never sees word t + 1."""
        return self.generator(self.decoder(self.tgt_embed(tgt), z, values, src_mask))

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        return self.decode(*self.encode(src), tgt)

    def start(self, src: torch.Tensor) -> ConvState:
        return ConvState(self, *self.encode(src))

    def n_params(self) -> int:
        return sum(p.numel() for p in self.parameters())


class ConvState:
    """Decoding state (decoding.py): the encoder's z and z + e; every step re-reads the whole prefix."""

    def __init__(self, model: ConvS2S, z: torch.Tensor, values: torch.Tensor, src_mask: torch.Tensor) -> None:
        self.model, self.z, self.values, self.src_mask = model, z, values, src_mask

    def next_logits(self, prefix: torch.Tensor) -> torch.Tensor:
        return self.model.decode(self.z, self.values, self.src_mask, prefix)[:, -1]

    def select(self, rows: torch.Tensor) -> ConvState:
        return ConvState(self.model, self.z[rows], self.values[rows], self.src_mask[rows])
