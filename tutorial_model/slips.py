"""The slips a translation makes against its reference, word by word: a word written twice in a row, a word of
the reference left out. The one-pass model (nat.py) writes every word at once without seeing its neighbours'
choices, and these are its typical failures; evaluate.score counts them on the test split for every model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def adjacent_repeats(words: Sequence[str]) -> list[int]:
    """Positions whose word is the same as the word just before it ("the the cat" → [1])."""
    return [i for i in range(1, len(words)) if words[i] == words[i - 1]]


def missing(reference: Sequence[str], output: Sequence[str]) -> list[str]:
    """Words of ``reference`` that ``output`` lacks, counted with multiplicity, in the reference's order."""
    left = Counter(output)
    out = []
    for w in reference:
        if left[w] > 0:
            left[w] -= 1
        else:
            out.append(w)
    return out


def shares(hyps: Sequence[str], refs: Sequence[str]) -> dict[str, float]:
    """Of the outputs ``hyps``: the share with more words doubled in a row than their reference has ("repeat"), and
    the share that leave out at least one word of their reference ("missing"); words split at spaces."""
    pairs = [(h.split(), r.split()) for h, r in zip(hyps, refs, strict=True)]
    n = max(len(pairs), 1)
    return {"repeat": sum(len(adjacent_repeats(h)) > len(adjacent_repeats(r)) for h, r in pairs) / n,
            "missing": sum(bool(missing(r, h)) for h, r in pairs) / n}
