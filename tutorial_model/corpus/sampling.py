"""Helpers every topic's samplers share: weighted choice tables, people, topic tags (one copy each)."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Generic, TypeVar

from .grammar import Maybe, Pair

V = TypeVar("V")


class Choice(Generic[V]):
    """A weighted choice table: ``Choice((0.35, a), (0.15, b), (0.5, c))(rng)`` is a, b or c.

    One ``rng.random()`` draw picks the first row whose running total exceeds it: exactly what the
    ``r < 0.35 … elif r < 0.5 …`` ladder it replaces did (``random.choices`` bisects to the right, so a
    draw equal to a bound goes to the next row, as ``<`` did). The running totals are summed as decimals,
    so 0.35 + 0.15 is the 0.5 the ladder wrote, not 0.49999….
    """

    def __init__(self, *rows: tuple[float, V]):
        self.values = [v for _, v in rows]
        total, self.bounds = Decimal(0), []
        for weight, _ in rows:
            total += Decimal(str(weight))
            self.bounds.append(float(total))
        if total != 1:
            raise ValueError(f"weights add up to {total}, not 1")

    def __call__(self, rng: random.Random) -> V:
        return rng.choices(self.values, cum_weights=self.bounds)[0]


def tagged(sampler: Callable[[random.Random], Maybe], topic: str) -> Callable[[random.Random], Maybe]:
    """Mark a family's pairs as everyday Chinese of one topic (tags: "everyday", "topic_<topic>").

    Draws exactly what ``sampler`` draws, so wrapping a family does not change the corpus.
    """
    def draw(rng: random.Random) -> Maybe:
        p = sampler(rng)
        return p and Pair(p.zh, p.en, tuple(sorted({*p.tags, "everyday", f"topic_{topic}"})))
    draw.__name__ = sampler.__name__
    return draw
