"""Helpers every topic's samplers share (one copy each; they were pasted into five topic modules)."""

from __future__ import annotations

import random
from collections.abc import Callable

from .grammar import Maybe, Pair


def tagged(sampler: Callable[[random.Random], Maybe], topic: str) -> Callable[[random.Random], Maybe]:
    """Mark a family's pairs as everyday Chinese of one topic (tags: "everyday", "topic_<topic>").

    Draws exactly what ``sampler`` draws, so wrapping a family does not change the corpus.
    """
    def draw(rng: random.Random) -> Maybe:
        p = sampler(rng)
        return p and Pair(p.zh, p.en, tuple(sorted({*p.tags, "everyday", f"topic_{topic}"})))
    draw.__name__ = sampler.__name__
    return draw
