"""The encoder–decoder Transformer: encode(src, src_mask), decode(memory, src_mask, tgt, tgt_mask)."""

from __future__ import annotations

import torch
from torch import nn

from .config import ModelConfig
from .hooks import HookPoint, hook_points
from .layers import DecoderLayer, Embeddings, EncoderLayer
from .tokenizer import PAD_ID


def padding_mask(ids: torch.Tensor) -> torch.Tensor:
    """True at real tokens: (B, T) → (B, 1, T), broadcast over every query row."""
    return (ids != PAD_ID).unsqueeze(1)


def causal_mask(T: int, device: torch.device | None = None) -> torch.Tensor:
    """Lower-triangular (1, T, T): position i may look at positions 0..i, never at the future."""
    return torch.tril(torch.ones(T, T, dtype=torch.bool, device=device)).unsqueeze(0)


def target_mask(tgt: torch.Tensor) -> torch.Tensor:
    """Padding mask AND causal mask for the decoder input: (B, T_tgt, T_tgt)."""
    return padding_mask(tgt) & causal_mask(tgt.shape[1], tgt.device)


def final_norm(cfg: ModelConfig) -> nn.LayerNorm | None:
    """Pre-norm leaves the last sublayer's sum unnormalised, so its stacks end with a LayerNorm; post-norm has none."""
    return nn.LayerNorm(cfg.d_model) if cfg.norm_first and cfg.layer_norm else None


class Stack(nn.Module):
    """N layers under one mask, then the final LayerNorm of pre-norm; the result passes the hook named ``out``.

    The encoder's stack (its output, the memory C, at ``hook_memory``) and the decoder's; BERT and GPT are one
    such stack of encoder layers (families.py), their output at ``hook_out``.
    """

    out = "hook_out"  # (B, T, d_model)

    def __init__(self, cfg: ModelConfig, layer: type[nn.Module] = EncoderLayer) -> None:
        super().__init__()
        self.layers = nn.ModuleList(layer(cfg) for _ in range(cfg.n_layers))
        self.final_norm = final_norm(cfg)
        setattr(self, self.out, HookPoint())

    def forward(self, x: torch.Tensor, *masks: torch.Tensor) -> torch.Tensor:
        """x (B, T, d_model); masks: the layer's (encoder: mask; decoder: memory, src_mask, tgt_mask)."""
        for layer in self.layers:
            x = layer(x, *masks)
        if self.final_norm is not None:
            x = self.final_norm(x)
        return getattr(self, self.out)(x)


class Encoder(Stack):
    out = "hook_memory"  # the memory C that every decoder layer attends to, (B, T_src, d_model)


class Decoder(Stack):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__(cfg, DecoderLayer)


class Generator(nn.Module):
    """Final linear layer to vocabulary logits (named ``generator`` in every model, so its hooks match); softmax
    gives the next-word distribution."""

    def __init__(self, d_model: int, vocab_size: int) -> None:
        super().__init__()
        self.W_out = nn.Linear(d_model, vocab_size)
        self.hook_logits = HookPoint()  # (B, T, V)
        self.hook_probs = HookPoint()  # softmax(logits), (B, T, V)

    def forward(self, y: torch.Tensor) -> torch.Tensor:
        logits = self.hook_logits(self.W_out(y))
        if self.hook_probs.recorder is not None:  # only computed when someone is looking
            self.hook_probs(logits.softmax(dim=-1))
        return logits


class Transformer(nn.Module):
    """Encoder–decoder Transformer for translation (Vaswani et al. 2017, Figure 1)."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.src_embed = Embeddings(cfg, cfg.src_vocab_size)
        self.tgt_embed = Embeddings(cfg, cfg.tgt_vocab_size)
        self.encoder = Encoder(cfg)
        self.decoder = Decoder(cfg)
        self.generator = Generator(cfg.d_model, cfg.tgt_vocab_size)
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)
        hook_points(self)  # name every site now, so names are ready before the first capture

    def encode(self, src: torch.Tensor, src_mask: torch.Tensor) -> torch.Tensor:
        """src (B, T_src) ids → memory C (B, T_src, d_model)."""
        return self.encoder(self.src_embed(src), src_mask)

    def decode(self, memory: torch.Tensor, src_mask: torch.Tensor, tgt: torch.Tensor,
               tgt_mask: torch.Tensor) -> torch.Tensor:
        """tgt (B, T_tgt) shifted-right ids (<bos> first) → logits (B, T_tgt, V_tgt)."""
        return self.generator(self.decoder(self.tgt_embed(tgt), memory, src_mask, tgt_mask))

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        """Teacher forcing: all target positions at once, each seeing only its past."""
        src_mask = padding_mask(src)
        return self.decode(self.encode(src, src_mask), src_mask, tgt, target_mask(tgt))

    def start(self, src: torch.Tensor) -> MemoryState:
        """Read the source once for decoding.py: src (B, T_src) → a state whose steps read memory C."""
        src_mask = padding_mask(src)
        return MemoryState(self, self.encode(src, src_mask), src_mask)

    def n_params(self) -> int:
        return sum(p.numel() for p in self.parameters())


class MemoryState:
    """Decoding state of the encoder–decoder: memory C and its padding mask; every step re-reads the prefix."""

    def __init__(self, model: Transformer, memory: torch.Tensor, src_mask: torch.Tensor) -> None:
        self.model, self.memory, self.src_mask = model, memory, src_mask  # (B, T_src, d_model), (B, 1, T_src)

    def next_logits(self, prefix: torch.Tensor) -> torch.Tensor:
        """Logits for the word after each prefix: prefix (B, t) → (B, V_tgt)."""
        return self.model.decode(self.memory, self.src_mask, prefix, target_mask(prefix))[:, -1]

    def select(self, rows: torch.Tensor) -> MemoryState:
        return MemoryState(self.model, self.memory[rows], self.src_mask[rows])


def default_device() -> torch.device:
    """CUDA when present, CPU otherwise; everything also runs on the CPU."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
