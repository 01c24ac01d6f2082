"""The whole corpus for a seed, and its train / valid / test splits."""

from __future__ import annotations

import functools
import random

from .core import EXAMPLES, FAMILIES, SEED_PAIRS, example_pairs
from .everyday import EXAMPLES as EVERYDAY_EXAMPLES
from .everyday import FAMILIES as EVERYDAY_FAMILIES
from .grammar import MAX_EN_TOKENS, MAX_ZH_CHARS, Pair


def _fits(p: Pair) -> bool:
    return len(p.zh) <= MAX_ZH_CHARS and len(p.en.split()) <= MAX_EN_TOKENS


def generate_pairs(seed: int = 0) -> list[Pair]:
    """The whole corpus for ``seed``: seed sentences and UI examples first, then every family's draws.

    Unique by Chinese sentence; raises ValueError if the grammar gave one sentence two translations.
    """
    rng = random.Random(seed)
    by_zh: dict[str, Pair] = {}

    def add(p: Pair) -> bool:
        old = by_zh.get(p.zh)
        if old is not None:
            if old.en != p.en:
                raise ValueError(f"grammar is ambiguous: {p.zh} → {old.en!r} and {p.en!r}")
            return False
        by_zh[p.zh] = p
        return True

    for p in SEED_PAIRS + example_pairs() + [e for ex in EVERYDAY_EXAMPLES.values() for e in ex
                                              if isinstance(e, Pair)]:
        add(p)
    for sampler, quota in [*FAMILIES.values(), *EVERYDAY_FAMILIES.values()]:
        made = attempts = 0
        while made < quota and attempts < quota * 8:
            attempts += 1
            p = sampler(rng)
            made += p is not None and _fits(p) and add(p)
    missing = [e for ex in EVERYDAY_EXAMPLES.values() for e in ex if isinstance(e, str) and e not in by_zh]
    if missing:
        raise ValueError(f"everyday examples the grammar did not produce: {missing}")
    return list(by_zh.values())


@functools.lru_cache(maxsize=4)
def examples_by_topic(seed: int = 0) -> dict[str, list[tuple[str, str]]]:
    """The sidebar's examples: topic → [(Chinese, English)], the lessons' own sentences first."""
    by_zh = {p.zh: p.en for p in generate_pairs(seed)}
    out = {"lessons": list(EXAMPLES)}
    for topic, items in EVERYDAY_EXAMPLES.items():
        zhs = [e.zh if isinstance(e, Pair) else e for e in items]
        out.setdefault(topic, []).extend((zh, by_zh[zh]) for zh in zhs)
    return out


def _forced_zh() -> set[str]:
    """Sentences that must be in the training split: the seeds' examples and every sidebar example."""
    return ({p.zh for p in SEED_PAIRS} | {zh for zh, _ in EXAMPLES}
            | {e.zh if isinstance(e, Pair) else e for ex in EVERYDAY_EXAMPLES.values() for e in ex})


def make_splits(seed: int = 0, n_test: int = 2500, n_valid: int = 1000) -> dict[str, list[Pair]]:
    """Shuffled with ``random.Random(seed)``; valid and test come only from pairs not forced into train."""
    pairs = generate_pairs(seed)
    forced = _forced_zh()
    pool = [p for p in pairs if p.zh not in forced]
    random.Random(seed).shuffle(pool)
    test, valid, rest = pool[:n_test], pool[n_test:n_test + n_valid], pool[n_test + n_valid:]
    return {"train": [p for p in pairs if p.zh in forced] + rest, "valid": valid, "test": test}
