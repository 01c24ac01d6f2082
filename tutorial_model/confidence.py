"""Is the model unsure of its translation? A score from its own probabilities, and a threshold on it.

Greedy decoding picks, at every step, the word the model gave the highest probability; that probability
says how sure it was of the word (``Step.probs[Step.chosen]``). Two ways to sum a sentence up:

- ``min_p``: the lowest probability of any chosen word: one doubtful word makes the sentence doubtful;
- ``mean_logp``: the mean log-probability per word: the sentence's average sureness.

The end of the sentence (<eos>) counts as a word: ending too early is a mistake too. A translation is
"unsure" when its score is below a threshold. The threshold is chosen on the hand-written everyday set (none of
its lines is in training; ``choose_threshold``) and its quality measured on the held-out set (``flag_quality``), both by
``python -m tutorial_model.evaluate``. Everything here is plain Python on lists of probabilities.

A word the model never wrote has no probability, so a translation that drops a phrase (我每天坐地铁去上班 →
"I go to work every day") can look sure word by word. Coverage looks from the source side instead: how much
cross-attention each source character received, summed over the output steps (``coverage``); a character that
is not punctuation and received less than a threshold is "possibly untranslated" (``untranslated``).
"""

from __future__ import annotations

import math
import unicodedata
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


def is_punctuation(token: str) -> bool:
    """Punctuation is never translated as a word of its own, so it is never "untranslated"."""
    return bool(token) and all(unicodedata.category(ch).startswith("P") for ch in token)


def coverage(attention: Sequence[Sequence[float]], tokens: Sequence[str]) -> list[float | None]:
    """How much attention each source token received, summed over the output steps: column sums of the
    (tgt_len, src_len) cross-attention matrix (rows are output steps, each row sums to 1). None for
    punctuation. Summing over steps is the coverage vector of Tu et al. (2016), "Modeling Coverage for NMT"."""
    rows = [list(map(float, r)) for r in attention]
    if any(len(r) != len(tokens) for r in rows):
        raise ValueError(f"the attention has {[len(r) for r in rows][:1]} source columns, the tokens {len(tokens)}")
    return [None if is_punctuation(tok) else sum(r[j] for r in rows) for j, tok in enumerate(tokens)]


def min_coverage(covered: Sequence[float | None]) -> float:
    """The least-read character's coverage (inf when there is no character to read)."""
    values = [c for c in covered if c is not None]
    return min(values) if values else math.inf


def untranslated(tokens: Sequence[str], covered: Sequence[float | None], threshold: float) -> list[str]:
    """The characters that received less attention than ``threshold``, in sentence order."""
    return [tok for tok, c in zip(tokens, covered) if c is not None and c < threshold]
