"""From corpus pairs to padded id tensors, batched by similar length to waste little on padding."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

import torch

from .corpus import Pair
from .tokenizer import PAD_ID, Tokenizer, Vocab, en_tokens, zh_tokens


def build_tokenizer(train: Sequence[Pair]) -> Tokenizer:
    """Vocabularies come from the training split only: nothing is learned from test sentences."""
    return Tokenizer(Vocab.build(zh_tokens(p.zh) for p in train), Vocab.build(en_tokens(p.en) for p in train))


def encode_pairs(tok: Tokenizer, pairs: Sequence[Pair]) -> list[tuple[list[int], list[int]]]:
    """(source ids, [<bos>, target ids, <eos>]) for each pair."""
    return [(tok.src.encode(zh_tokens(p.zh)), tok.encode_target(p.en)) for p in pairs]


def pad(seqs: Sequence[Sequence[int]]) -> torch.Tensor:
    """List of id lists → (B, T_max) with <pad> on the right."""
    T = max(len(s) for s in seqs)
    return torch.tensor([list(s) + [PAD_ID] * (T - len(s)) for s in seqs], dtype=torch.long)


def batches(examples: Sequence[tuple[list[int], list[int]]], batch_size: int, rng: random.Random
            ) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """One epoch: sort by length, cut into batches, shuffle the batches. Yields (src, tgt) padded tensors."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    chunks = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(chunks)
    for chunk in chunks:
        yield pad([examples[i][0] for i in chunk]), pad([examples[i][1] for i in chunk])
