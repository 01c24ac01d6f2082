"""Is the model unsure of its translation? A score from its own probabilities, and a threshold on it.

Greedy decoding picks, at every step, the word the model gave the highest probability; that probability
says how sure it was of the word (``Step.probs[Step.chosen]``). Two ways to sum a sentence up:

- ``min_p``: the lowest probability of any chosen word: one doubtful word makes the sentence doubtful;
- ``mean_logp``: the mean log-probability per word: the sentence's average sureness.

The end of the sentence (<eos>) counts as a word: ending too early is a mistake too. A translation is
"unsure" when its score is below a threshold. The threshold is chosen on the validation split
(``choose_threshold``) and its quality measured on the held-out set (``flag_quality``), both by
``python -m tutorial_model.evaluate``. Everything here is plain Python on lists of probabilities.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

RULES = ("min_p", "mean_logp")
# A translation is "wrong" when its sentence chrF against the reference is below this. Exact match would
# call every right paraphrase of a hand-written reference wrong ("I do not feel well" / "I am not well");
# below 50 the output shares less than half its character n-grams with the reference, which in practice
# means a wrong meaning (a wrong word for the key noun or verb, or a made-up sentence).
WRONG_CHRF = 50.0


def chosen_probs(steps: Iterable) -> list[float]:
    """The probability of the word picked at each decoding step (decoding.Step: ``probs[chosen]``)."""
    return [float(s.probs[s.chosen]) for s in steps]


def score(rule: str, probs: Sequence[float]) -> float:
    """The sentence's sureness under ``rule`` (higher = surer); an empty output is as unsure as can be."""
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, not {rule!r}")
    if not probs:
        return 0.0 if rule == "min_p" else -math.inf
    if rule == "min_p":
        return min(probs)
    return sum(math.log(max(p, 1e-12)) for p in probs) / len(probs)


def is_unsure(rule: str, threshold: float, probs: Sequence[float]) -> bool:
    return score(rule, probs) < threshold


def least_sure(words: Sequence[str], probs: Sequence[float], k: int = 2) -> list[tuple[str, float]]:
    """The ``k`` words the model was least sure of, least sure first (ties in sentence order)."""
    order = sorted(range(len(words)), key=lambda i: (probs[i], i))
    return [(words[i], probs[i]) for i in order[:k]]


def flag_quality(scores: Sequence[float], wrong: Sequence[bool], threshold: float) -> dict:
    """How a threshold does: the share of wrong translations it flags (score < threshold) and of right ones."""
    flagged = [s < threshold for s in scores]
    n_wrong = sum(wrong)
    n_right = len(wrong) - n_wrong
    return {"n": len(scores), "n_wrong": n_wrong, "n_right": n_right,
            "flagged_wrong": sum(f and w for f, w in zip(flagged, wrong)) / n_wrong if n_wrong else None,
            "flagged_right": sum(f and not w for f, w in zip(flagged, wrong)) / n_right if n_right else None}


def choose_threshold(scores: Sequence[float], wrong: Sequence[bool]) -> tuple[float, dict]:
    """The threshold that best separates wrong from right: the largest share of wrong flagged minus share of
    right flagged (Youden's J), over thresholds halfway between neighbouring scores; ties → the lower one
    (fewer flags). Returns (threshold, flag_quality at it)."""
    if not any(wrong) or all(wrong):
        raise ValueError("need both wrong and right translations to choose a threshold")
    finite = sorted({s for s in scores if math.isfinite(s)})
    cuts = [(a + b) / 2 for a, b in zip(finite, finite[1:])] + [finite[-1] + 1e-9]
    best = max(cuts, key=lambda c: (youden(flag_quality(scores, wrong, c)), -c))
    return best, flag_quality(scores, wrong, best)


def youden(quality: dict) -> float:
    """Share of wrong flagged minus share of right flagged: 1 separates perfectly, 0 is no better than chance."""
    return quality["flagged_wrong"] - quality["flagged_right"]
