"""Output and generation exercises on the model's own logits: temperature, the greedy pick, the loss of a word."""

from __future__ import annotations

import numpy as np

from .attention import rounded, softmax
from .core import CHOICE, NUMBER, Instance, clear_winner, text, tolerance_for

N_WORDS = 5  # the candidates shown: the top words of one step


def _step(given, rng: np.random.Generator) -> tuple[int, np.ndarray, list[str], list[int]]:
    logits = given.trace["generator.hook_logits"]  # (T_tgt, V)
    k = int(rng.integers(len(logits)))
    itos = given["itos"]
    top = [int(i) for i in np.argsort(logits[k])[::-1][:N_WORDS]]
    return k, logits[k], [itos[i] for i in top], top


def temperature(given, rng: np.random.Generator) -> Instance | None:
    """p of the top word over the five likeliest words at temperature T: softmax(z / T). Bugs: z·T, no T (these
    two coincide on a confident step, and one is then pruned), exp without normalising."""
    k, z, words, top = _step(given, rng)
    T = float(rng.choice([2.0, 3.0, 5.0]))  # the page's slider offers these; T < 1 is too sharp to ask
    shown = rounded(z[top], 3)
    answer = float(softmax(shown / T)[0])
    bugs = {"temperature_multiplied": float(softmax(shown * T)[0]), "temperature_ignored": float(softmax(shown)[0]),
            "exp_not_normalised": float(np.exp(shown[0] / T))}
    return Instance(
        NUMBER, text("exercises.prompt.temperature", T=T, step=k, n=N_WORDS, word=words[0]), answer,
        section="methods", tolerance=tolerance_for(answer), bugs=bugs, show={"logits": shown},
        labels={"cols": words}, decimals=3,
        hints=(text("exercises.hint.temperature.cells"), text("exercises.hint.temperature.formula", T=T),
               text("exercises.hint.worked")),
        solution=(rf"p = \frac{{e^{{{shown[0]:.3f}/{T}}}}}{{\sum_w e^{{z_w/{T}}}}} = {answer:.4f}",),
        params={"step": k, "method": "sample", "temp": T})


def greedy_pick(given, rng: np.random.Generator) -> Instance | None:
    """Which word does greedy decoding write at step k? Bugs: the word it reads (its input), the runner-up."""
    k, z, words, top = _step(given, rng)
    p = softmax(z)[top]
    if clear_winner(list(p), 0.02) != 0:
        return None
    order = [int(x) for x in rng.permutation(N_WORDS)]
    choices = [words[x] for x in order]
    bugs = {"runner_up": order.index(1)}
    read = given.trace.tgt_tokens[k]
    if read in words[1:]:
        bugs["reads_not_writes"] = order.index(words.index(read))
    return Instance(
        CHOICE, text("exercises.prompt.greedy_pick", step=k, prefix=" ".join(given.trace.tgt_tokens[:k + 1])),
        order.index(0), section="steps", bugs={t: v for t, v in bugs.items() if v != order.index(0)},
        choices=tuple(choices),
        hints=(text("exercises.hint.greedy_pick.cells"), text("exercises.hint.greedy_pick.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.greedy_pick", word=words[0], p=f"{p[0]:.3f}"), params={"step": k})


def word_loss(given, rng: np.random.Generator) -> Instance | None:
    """The cross-entropy of the word written at step k: −ln p. Bugs: log base 10, base 2, the minus sign lost."""
    probs = given.trace["generator.hook_probs"]
    k = int(rng.integers(len(probs)))
    # the word written, or the runner-up: near p = 1, −ln p ≈ 1 − p and every base looks alike
    rank = int(rng.integers(2)) if probs[k].max() < 0.9 else 1
    w = int(np.argsort(probs[k])[::-1][rank])
    out = given["itos"][w]
    p = float(f"{probs[k][w]:.4g}")  # as shown: four significant digits
    if not 1e-6 <= p < 0.9:
        return None
    answer = -np.log(p)
    return Instance(
        NUMBER, text("exercises.prompt.word_loss", word=out, step=k, p=f"{p:.4g}"), answer, section="steps",
        tolerance=tolerance_for(answer), bugs={"log10": -np.log10(p), "log2": -np.log2(p), "minus_lost": np.log(p),
                                               "one_minus_p": 1 - p},
        hints=(text("exercises.hint.word_loss.cells"), text("exercises.hint.word_loss.formula"),
               text("exercises.hint.worked")),
        solution=(rf"-\ln {p:.4g} = {answer:.4f}",), params={"step": k})
