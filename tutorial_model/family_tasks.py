"""What the encoder-only and decoder-only models are trained on and measured by (models: families.py).

BERT: masked-character prediction on the Chinese side of the corpus. Of every sentence 15 % of the
characters (at least one) are chosen; of those 80 % become [MASK], 10 % a random character, 10 % stay
(Devlin et al. 2019, §3.1); the loss is the cross-entropy at the chosen positions only. Measured by the
fill-in accuracy: one character per test sentence behind [MASK], is the most probable character right?

GPT: next-token prediction over <bos> 中文 <sep> English <eos>, every position (the prefix LM: only the
English after <sep>, since inside its prompt every position sees the next one). Measured like the
encoder–decoder: BLEU of its greedy translations (evaluate.py).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import torch
import torch.nn.functional as F

from .corpus import Pair
from .data import build_tokenizer, pad
from .families import BERT, GPT, MASK_TOKEN
from .tokenizer import PAD_ID, SPECIALS, Tokenizer, Vocab, zh_tokens

MASK_RATE = 0.15
FILL_SEED = 0  # which character of each sentence the fill-in accuracy hides


def bert_tokenizer(train: Sequence[Pair]) -> Tokenizer:
    """The Transformer's vocabularies with [MASK] appended to the Chinese one (its last id)."""
    tok = build_tokenizer(train)
    return Tokenizer(Vocab([*tok.src.itos[len(SPECIALS):], MASK_TOKEN]), tok.tgt, tok.max_src_chars)


def bert_examples(tok: Tokenizer, pairs: Sequence[Pair]) -> list[tuple[list[int], list[int]]]:
    """(characters, characters): the input and the answers are the same sentence."""
    out = []
    for p in pairs:
        ids = tok.src.encode(zh_tokens(p.zh))
        out.append((ids, ids))
    return out


def mlm_loss(model: BERT, src: torch.Tensor, tgt: torch.Tensor, label_smoothing: float = 0.0) -> torch.Tensor:
    """Hide 15 % of the characters (80 % [MASK], 10 % random, 10 % kept); cross-entropy where hidden.

    Draws from torch's global generator, which fit.seed_everything seeds: training is reproducible."""
    real = src != PAD_ID  # (B, T)
    chosen = (torch.rand(src.shape, device=src.device) < MASK_RATE) & real
    # a sentence with nothing chosen gets one random character, so every sentence teaches something
    none = ~chosen.any(dim=1)
    if none.any():
        pick = (torch.rand(src.shape, device=src.device) * real).argmax(dim=1)  # a random real position
        chosen[none, pick[none]] = True
    how = torch.rand(src.shape, device=src.device)
    x = src.clone()
    x[chosen & (how < 0.8)] = model.mask_id
    rand = chosen & (how >= 0.8) & (how < 0.9)
    x[rand] = torch.randint(len(SPECIALS), model.mask_id, src.shape, device=src.device)[rand]
    logits = model(x)  # (B, T, V)
    return F.cross_entropy(logits[chosen], tgt[chosen], label_smoothing=label_smoothing)


@torch.inference_mode()
def fill_in(model: BERT, ids: Sequence[int], position: int) -> torch.Tensor:
    """Put [MASK] at ``position`` of the sentence ``ids``; the probabilities of every character there (V,)."""
    x = torch.tensor([list(ids)], device=next(model.parameters()).device)
    x[0, position] = model.mask_id
    return model(x)[0, position].float().softmax(-1).cpu()


def blank_positions(pairs: Sequence[Pair], seed: int = FILL_SEED) -> list[int]:
    """The character each sentence hides in the fill-in accuracy: drawn once, the same for every model."""
    rng = random.Random(seed)
    return [rng.randrange(len(zh_tokens(p.zh))) for p in pairs]


@torch.inference_mode()
def fill_in_accuracy(model: BERT, tok: Tokenizer, pairs: Sequence[Pair], batch_size: int = 256) -> dict:
    """One character per sentence behind [MASK]: share right at the first guess and among the first five."""
    model.eval()
    device = next(model.parameters()).device
    positions = blank_positions(pairs)
    top1 = top5 = 0
    for i in range(0, len(pairs), batch_size):
        ids = [tok.src.encode(zh_tokens(p.zh)) for p in pairs[i:i + batch_size]]
        x = pad(ids).to(device)  # (B, T)
        pos = torch.tensor(positions[i:i + batch_size], device=device)
        rows = torch.arange(len(ids), device=device)
        answer = x[rows, pos].clone()
        x[rows, pos] = model.mask_id
        best = model(x)[rows, pos].topk(5, dim=-1).indices  # (B, 5)
        top1 += int((best[:, 0] == answer).sum())
        top5 += int((best == answer[:, None]).any(dim=1).sum())
    n = len(pairs)
    return {"n": n, "fill_accuracy": top1 / n, "fill_top5": top5 / n}


def gpt_examples(model: GPT, tok: Tokenizer, pairs: Sequence[Pair]) -> list[tuple[list[int], list[int]]]:
    """(sequence, sequence): <bos> 中文 <sep> English <eos>."""
    out = []
    for p in pairs:
        seq = model.sequence(tok.src.encode(zh_tokens(p.zh)), tok.encode_target(p.en))
        out.append((seq, seq))
    return out


def lm_loss(model: GPT, src: torch.Tensor, tgt: torch.Tensor, label_smoothing: float = 0.0) -> torch.Tensor:
    """Next-token cross-entropy over the sequence (the prefix LM: only after <sep>)."""
    logits = model(src[:, :-1])  # (B, T−1, V)
    target = src[:, 1:].clone()
    if model.cfg.mask == "prefix":
        inside = torch.arange(target.shape[1], device=src.device)[None, :] + 1 < model.prefix_lengths(src)[:, None]
        target[inside] = PAD_ID  # the prompt's own tokens are visible to the position before: nothing to learn
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1),  # (B·(T−1), V)
                           ignore_index=PAD_ID, label_smoothing=label_smoothing)
