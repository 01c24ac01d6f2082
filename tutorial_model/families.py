"""The other two Transformer families, built from the same layers as the encoder–decoder.

* Encoder-only, as BERT (Devlin et al. 2019): a stack of encoder layers over the Chinese sentence; every
  position sees every position (the bidirectional mask). Trained to predict characters hidden behind
  [MASK] (masked language modelling), it fills a blank: 我有一只[MASK] → 猫, with probabilities.
* Decoder-only, as GPT (Radford et al. 2018): a stack of the same self-attention + feed-forward layers
  over ONE sequence ``<bos> 中文 <sep> English <eos>``, with the causal mask (no position sees a later
  one), trained to predict every next token. It translates by continuing the prompt ``<bos> 中文 <sep>``.
* Prefix LM, one of the variants the T5 paper compared (Raffel et al. 2020, §3.2): the same decoder-only
  model with a mask that is bidirectional over the prompt and causal after it.

GPT's vocabulary is the Chinese vocabulary followed by the English one: English id ``e`` is
``src_vocab_size + e`` in the sequence, and the separator is English ``<bos>``. After <sep> the decoder
(decoding.py) chooses among the English words only: it reads the English part of the logits.

Letters used in shape comments: B batch, T sequence length, V vocabulary size.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

import torch
from torch import nn

from .config import ModelConfig
from .hooks import hook_points
from .layers import Embeddings
from .tokenizer import BOS_ID, PAD_ID
from .transformer import Generator, Stack

FAMILIES = ("bert", "gpt")
MASKS = ("bidirectional", "causal", "prefix")
MASK_TOKEN = "[MASK]"  # BERT's blank: the last entry of its Chinese vocabulary
SEP = "<sep>"  # how GPT's separator (English <bos>) is written in its sequence


@dataclass(frozen=True)
class FamilyConfig(ModelConfig):
    """Sizes of an encoder-only or decoder-only model: the encoder–decoder's fields, mean the same, other defaults.

    Positions are a learned table, as in BERT and GPT (the encoder–decoder uses the paper's sinusoids).
    """

    src_vocab_size: int  # Chinese characters (BERT's include [MASK])
    tgt_vocab_size: int = 0  # English words: GPT's sequence holds both; BERT reads Chinese only (0)
    _: KW_ONLY
    family: str = "bert"  # "bert" | "gpt"
    mask: str = "bidirectional"  # one of MASKS
    d_model: int = 64
    d_ff: int = 256
    max_len: int = 64  # GPT's sequence: <bos>, up to 24 characters, <sep>, the English words and <eos>
    positional: str = "learned"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.family not in FAMILIES:
            raise ValueError(f"family={self.family!r} is not one of {FAMILIES}")
        if self.mask not in MASKS:
            raise ValueError(f"mask={self.mask!r} is not one of {MASKS}")
        if self.family == "bert" and self.mask != "bidirectional":
            raise ValueError("BERT's encoder is bidirectional: mask must be 'bidirectional'")

    @property
    def vocab_size(self) -> int:
        """Rows of the embedding table and width of the output: Chinese (+ English for GPT)."""
        return self.src_vocab_size + self.tgt_vocab_size


# ========================================================================================== masks


def attention_mask(kind: str, T: int, prefix_len: int = 0, device: torch.device | None = None) -> torch.Tensor:
    """(T, T) bool, True where query i may attend to key j.

    bidirectional: every position sees every position (BERT, the encoder);
    causal: j ≤ i, nothing later (GPT, the decoder's masked self-attention);
    prefix: j ≤ i, or j inside the prompt (j < prefix_len): bidirectional over the prompt, causal after it.
    """
    if kind == "bidirectional":
        return torch.ones(T, T, dtype=torch.bool, device=device)
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool, device=device))
    if kind == "causal":
        return causal
    if kind == "prefix":
        return causal | (torch.arange(T, device=device) < prefix_len)[None, :]  # columns of the prompt: all see them
    raise ValueError(f"unknown mask {kind!r}; choose from {MASKS}")


class _OneStack(nn.Module):
    """Embeddings → one stack → head; subclasses say which stack name and which mask."""

    stack_name = "encoder"

    def __init__(self, cfg: FamilyConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.embed = Embeddings(cfg, cfg.vocab_size)
        setattr(self, self.stack_name, Stack(cfg))
        self.generator = Generator(cfg.d_model, cfg.vocab_size)
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)
        hook_points(self)

    def mask(self, ids: torch.Tensor) -> torch.Tensor:
        """(B, T, T): the family's attention mask AND padding (no query attends to a <pad> key)."""
        raise NotImplementedError

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """ids (B, T) → logits (B, T, V)."""
        return self.generator(getattr(self, self.stack_name)(self.embed(ids), self.mask(ids)))

    def n_params(self) -> int:
        return sum(p.numel() for p in self.parameters())


class BERT(_OneStack):
    """Encoder-only: bidirectional self-attention over the Chinese sentence; predicts the hidden characters."""

    stack_name = "encoder"

    @property
    def mask_id(self) -> int:
        return self.cfg.src_vocab_size - 1  # [MASK] is the vocabulary's last entry (registry.bert_tokenizer)

    def mask(self, ids: torch.Tensor) -> torch.Tensor:
        T = ids.shape[1]
        return attention_mask("bidirectional", T, device=ids.device)[None] & (ids != PAD_ID)[:, None, :]


class GPT(_OneStack):
    """Decoder-only: one sequence <bos> 中文 <sep> English <eos> under a causal (or prefix) mask."""

    stack_name = "decoder"

    @property
    def offset(self) -> int:
        """English id e is offset + e in the sequence."""
        return self.cfg.src_vocab_size

    @property
    def sep_id(self) -> int:
        return self.offset + BOS_ID

    def prompt(self, src_ids) -> list[int]:
        """Chinese ids (no padding) → the prompt <bos> 中文 <sep>."""
        return [BOS_ID, *[int(i) for i in src_ids], self.sep_id]

    def prefix_lengths(self, ids: torch.Tensor) -> torch.Tensor:
        """(B,) length of each row's prompt, up to and including <sep> (the whole row when it has none)."""
        is_sep = ids == self.sep_id
        first = is_sep.int().argmax(dim=1)  # index of the first <sep>
        return torch.where(is_sep.any(dim=1), first + 1, torch.full_like(first, ids.shape[1]))

    def mask(self, ids: torch.Tensor) -> torch.Tensor:
        T = ids.shape[1]
        pad = (ids != PAD_ID)[:, None, :]  # (B, 1, T)
        if self.cfg.mask == "causal":
            return attention_mask("causal", T, device=ids.device)[None] & pad
        masks = [attention_mask("prefix", T, int(p), ids.device) for p in self.prefix_lengths(ids)]
        return torch.stack(masks) & pad

    def output_room(self, T_src: int) -> int:
        """Words the decoder may write after a prompt of T_src characters: the sequence must fit max_len."""
        return self.cfg.max_len - T_src - 1  # the last step reads <bos>, T_src characters, <sep>, and the words

    def sequence(self, src_ids, tgt_ids) -> list[int]:
        """The training sequence: <bos> 中文 <sep> English <eos> (tgt_ids = [<bos>, words…, <eos>])."""
        return self.prompt(src_ids) + [self.offset + int(t) for t in tgt_ids[1:]]

    def start(self, src: torch.Tensor) -> PromptState:
        """Read the source for decoding.py: src (B, T_src) right-padded Chinese ids → one prompt per row."""
        return PromptState(self, [self.prompt([i for i in row if i != PAD_ID]) for row in src.tolist()])

    def teacher_forced(self, src_ids, tgt_in) -> torch.Tensor:
        """One sentence: logits over the English words (T_tgt, V_tgt) at <sep> and each written word."""
        prompt = self.prompt(src_ids)
        ids = prompt + [self.offset + int(t) for t in tgt_in[1:]]
        device = next(self.parameters()).device
        logits = self(torch.tensor([ids], device=device))[0]  # (T, V)
        return logits[len(prompt) - 1:, self.offset:]


class PromptState:
    """Decoding state of GPT: each row's prompt, re-read with the prefix at every step. Rows are run in
    groups of equal prompt length, so no row's positions are shifted by another row's padding."""

    def __init__(self, model: GPT, prompts: list[list[int]]) -> None:
        self.model, self.prompts = model, prompts
        self.groups: dict[int, list[int]] = {}
        for r, p in enumerate(prompts):
            self.groups.setdefault(len(p), []).append(r)

    def next_logits(self, prefix: torch.Tensor) -> torch.Tensor:
        """prefix (B, t) English ids starting with <bos> (<sep> stands in its place) → (B, V_tgt)."""
        m = self.model
        out = torch.empty(prefix.shape[0], m.cfg.tgt_vocab_size, device=prefix.device)
        for rows in self.groups.values():
            idx = torch.tensor(rows, device=prefix.device)
            prompt = torch.tensor([self.prompts[r] for r in rows], device=prefix.device)  # (b, P)
            ids = torch.cat([prompt, prefix[idx, 1:] + m.offset], dim=1)  # (b, P + t − 1)
            out[idx] = m(ids)[:, -1, m.offset:]  # the English part of the last position's logits
        return out

    def select(self, rows: torch.Tensor) -> PromptState:
        return PromptState(self.model, [self.prompts[r] for r in rows.tolist()])
