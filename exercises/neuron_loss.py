"""Exercises of the first two Foundations lessons (issue 23) on the learner's own tensors of the shipped
Transformer: one FFN unit and its activation's slope (lesson_pages/neuron.py); the cross-entropy of the
learner's translation, one logit's gradient, and what clipping does to a block's gradient norm
(lesson_pages/loss_backprop.py).

Extras the pages pass: neuron: ``layer`` (the layer shown) and ``b_1`` (that layer's FFN bias); loss_backprop:
``norms`` (fd.gradient_norms of the sentence, the page's own measurement). Nothing here runs a model.
"""

from __future__ import annotations

import numpy as np

from .attention import rounded
from .core import CHOICE, NUMBER, Instance, clear_winner, text, tolerance_for
from .recurrent import keep_apart, sigmoid

DECIMALS = 4
GRAD_DECIMALS = 6  # a gradient divided by T is small: more decimals keep its slips apart


def _pre(given, rng: np.random.Generator) -> tuple[int, np.ndarray]:
    L = given.get("layer")
    L = int(rng.integers(given.trace.n_layers)) if L is None else int(L)
    return L, given.trace[f"encoder.layers.{L}.ffn.hook_pre"].astype(np.float64)  # (T, d_ff): x W_1 + b_1


# ---- neuron -----------------------------------------------------------------------------------------------

def unit_output(given, rng: np.random.Generator) -> Instance | None:
    """a = ReLU(x·W_1[:, j] + b_1[j]) for any unit (on or off) from the dot product and the bias shown. Bugs: the
    bias forgotten, the ReLU left out (a negative z kept), sigmoid in place of ReLU."""
    L, pre = _pre(given, rng)
    b_1 = np.asarray(given["b_1"], dtype=np.float64)
    t, j = int(rng.integers(pre.shape[0])), int(rng.integers(pre.shape[1]))
    bias = float(rounded(b_1[j]))
    dot = float(rounded(pre[t, j] - b_1[j]))
    z = dot + bias
    if abs(z) < 0.02:
        return None  # on the kink: rounding decides the side
    answer = max(z, 0.0)
    model = float(given.trace[f"encoder.layers.{L}.ffn.hook_hidden"][t, j])
    tol = tolerance_for(answer, abs(answer - model))
    bugs = keep_apart(answer, {"forgot_bias": max(dot, 0.0), "relu_missing": z, "sigmoid_not_relu": float(sigmoid(z))},
                      tol)
    if bugs is None:
        return None
    token = given.trace.src_tokens[t]
    return Instance(
        NUMBER, text("exercises.prompt.unit_output", token=token, j=j, layer=L), answer, section="unit",
        tolerance=tol, bugs=bugs, show={"x·W_1": dot, "b_1": bias},
        hints=(text("exercises.hint.relu_unit.cells", j=j), text("exercises.hint.relu_unit.formula"),
               text("exercises.hint.worked")),
        solution=(rf"\max(0,\ {dot:.4f} + ({bias:.4f})) = \max(0,\ {z:.4f}) = {answer:.4f}",),
        params={"layer": L, "token": t, "unit": j}, decimals=DECIMALS)


SLOPES = ("sigmoid", "tanh")


def activation_slope(given, rng: np.random.Generator) -> Instance | None:
    """f′(z) at a real pre-activation z of this layer, for sigmoid (σ(1 − σ)) or tanh (1 − tanh²). Bugs: the
    function's value for its slope, the other function's slope, the square (or the 1 −) left out."""
    L, pre = _pre(given, rng)
    t, j = int(rng.integers(pre.shape[0])), int(rng.integers(pre.shape[1]))
    z = float(rounded(pre[t, j]))
    if abs(z) < 0.2:
        return None  # near 0 both slopes sit at their flat top and the slips crowd together
    name = SLOPES[int(rng.integers(len(SLOPES)))]
    s, th = float(sigmoid(z)), float(np.tanh(z))
    if name == "sigmoid":
        answer = s * (1 - s)
        bugs = {"slope_is_value": s, "slope_of_other": 1 - th * th, "sigmoid_slope_one_minus": 1 - s}
        solution = rf"\sigma({z:.4f}) = {s:.4f},\quad \sigma' = {s:.4f}\times{1 - s:.4f} = {answer:.4f}"
    else:
        answer = 1 - th * th
        bugs = {"slope_is_value": th, "slope_of_other": s * (1 - s), "tanh_slope_no_square": 1 - th}
        solution = rf"\tanh({z:.4f}) = {th:.4f},\quad \tanh' = 1 - {th:.4f}^2 = {answer:.4f}"
    tol = tolerance_for(answer)
    bugs = keep_apart(answer, bugs, tol)
    if bugs is None:
        return None
    token = given.trace.src_tokens[t]
    return Instance(
        NUMBER, text(f"exercises.prompt.activation_slope.{name}", token=token, j=j, layer=L), answer,
        section="activations", tolerance=tol, bugs=bugs, show={"z": z},
        hints=(text("exercises.hint.activation_slope.cells", j=j),
               text(f"exercises.hint.activation_slope.formula.{name}"), text("exercises.hint.worked")),
        solution=(solution,), params={"layer": L, "token": t, "unit": j, "f": name}, decimals=DECIMALS)


def flattest_sigmoid(given, rng: np.random.Generator) -> Instance | None:
    """At which of the learner's characters would a sigmoid on unit j be flattest (smallest σ′, so largest |z|)?
    Bugs: the largest signed z, the smallest |z| (where σ is steepest)."""
    L, pre = _pre(given, rng)
    if pre.shape[0] < 2:
        return None
    j = int(rng.integers(pre.shape[1]))
    col = rounded(pre[:, j], 3)
    best = clear_winner(list(np.abs(col)), 0.05)
    if best is None:
        return None
    bugs = {}
    signed = clear_winner(list(col), 0.05)
    if signed is not None and signed != best:
        bugs["largest_signed_z"] = signed
    steep = clear_winner(list(-np.abs(col)), 0.05)
    if steep is not None and steep != best:
        bugs["saturation_inverted"] = steep
    toks = list(given.trace.src_tokens)
    return Instance(
        CHOICE, text("exercises.prompt.flattest_sigmoid", j=j, layer=L), best, section="saturation", bugs=bugs,
        choices=tuple(f"{t + 1} · {tok}" for t, tok in enumerate(toks)), show={"z": col}, labels={"cols": toks},
        hints=(text("exercises.hint.flattest_sigmoid.cells", j=j), text("exercises.hint.flattest_sigmoid.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.flattest_sigmoid", token=toks[best], z=f"{col[best]:.3f}",
                    slope=f"{float(sigmoid(col[best]) * (1 - sigmoid(col[best]))):.4f}"),
        params={"layer": L, "unit": j}, decimals=3)


# ---- loss and backprop ---------------------------------------------------------------------------------------

def _chosen(given) -> tuple[np.ndarray, list[int]]:
    """p_t(y_t) of every word of the translation (<eos> included) and the word ids: the page's targets."""
    ids = list(given.trace.decoding.ids)
    probs = given.trace["generator.hook_probs"].astype(np.float64)  # (T, V), teacher-forced on the output
    return probs, ids


def _steps(given) -> list[str]:
    return [f"{a} → {w}" for a, w in zip(given.trace.tgt_tokens, given.trace.out_tokens)]


def sentence_loss(given, rng: np.random.Generator) -> Instance | None:
    """L = (1/T) Σ_t −ln p_t(y_t) from the p of each word as shown. Bugs: the sum for the mean, log base 10, the
    log of the mean probability, the sign lost."""
    probs, ids = _chosen(given)
    T = len(ids)
    if T < 2:
        return None
    p = rounded(probs[np.arange(T), ids])
    if p.min() <= 0:
        return None  # a probability that rounds to 0 has no logarithm to compute by hand
    answer = float(np.mean(-np.log(p)))
    exact = float(np.mean(-np.log(probs[np.arange(T), ids])))
    tol = tolerance_for(answer, abs(answer - exact))
    bugs = keep_apart(answer, {"sum_not_mean": float(np.sum(-np.log(p))), "log10": float(np.mean(-np.log10(p))),
                               "log_of_mean": float(-np.log(p.mean())), "minus_lost": -answer}, tol)
    if bugs is None:
        return None
    return Instance(
        NUMBER, text("exercises.prompt.sentence_loss", n=T), answer, section="cross_entropy", tolerance=tol,
        bugs=bugs, show={"p": p}, labels={"cols": _steps(given)},
        hints=(text("exercises.hint.sentence_loss.cells", n=T), text("exercises.hint.sentence_loss.formula", n=T),
               text("exercises.hint.worked")),
        solution=(r"L = \frac{1}{" + str(T) + r"}\left(" + " + ".join(f"{v:.4f}" for v in -np.log(p))
                  + rf"\right) = {answer:.4f}",),
        params={"n": T}, decimals=DECIMALS)


def logit_gradient(given, rng: np.random.Generator) -> Instance | None:
    """∂L/∂z_t[v] = (p_t[v] − y_t[v]) / T for the word written at step t (y = 1) or its strongest rival (y = 0).
    Bugs: the mean's 1/T forgotten, the sign flipped (y − p), the one-hot target on the wrong word."""
    probs, ids = _chosen(given)
    T = len(ids)
    t = int(rng.integers(T))
    right = bool(rng.integers(2))
    v = ids[t] if right else int(np.argsort(probs[t])[::-1][0 if np.argmax(probs[t]) != ids[t] else 1])
    p = float(rounded(probs[t, v], GRAD_DECIMALS))
    y = 1.0 if right else 0.0
    answer = (p - y) / T
    tol = tolerance_for(answer, abs(answer - (float(probs[t, v]) - y) / T), GRAD_DECIMALS)
    if abs(answer) <= 3 * tol:
        return None  # a rival with almost no probability: 0 would pass for the answer
    bugs = {"grad_no_mean": p - y, "grad_sign_flipped": (y - p) / T, "grad_onehot_wrong_word": (p - (1 - y)) / T}
    bugs = keep_apart(answer, bugs, tol)
    if bugs is None:
        return None
    word = given.trace.out_tokens[t] if right else text("exercises.choice.rival_word")
    prompt = "exercises.prompt.logit_gradient.right" if right else "exercises.prompt.logit_gradient.rival"
    return Instance(
        NUMBER, text(prompt, step=_steps(given)[t], word=word, n=T), answer, section="backward", tolerance=tol,
        bugs=bugs, show={"p": p, "y": int(y), "T": T},
        hints=(text("exercises.hint.logit_gradient.cells"), text("exercises.hint.logit_gradient.formula"),
               text("exercises.hint.worked")),
        solution=(rf"\frac{{{p:.6f} - {int(y)}}}{{{T}}} = {answer:.6f}",),
        params={"step": t, "word": v}, decimals=GRAD_DECIMALS)


def clipped_norm(given, rng: np.random.Generator) -> Instance | None:
    """A block's gradient norm after clip_grad_norm_: n_b · min(1, c / ‖g‖), ‖g‖ the total over all weights.
    Bugs: each block clipped on its own (min(n_b, c)), the scale applied when no clipping happens (or not applied
    when it does), the scale inverted (‖g‖ / c)."""
    norms = given["norms"]
    blocks = sorted(norms["norms"])
    b = blocks[int(rng.integers(len(blocks)))]
    n_b, total, c = (float(rounded(v)) for v in (norms["norms"][b], norms["total"], norms["clip"]))
    if n_b <= 0 or total <= 0:
        return None
    scale = min(1.0, c / total)
    answer = n_b * scale
    tol = tolerance_for(answer, abs(answer - float(norms["clipped"][b])))
    bugs = {"clip_each_block": min(n_b, c), "clip_inverted": n_b * total / c}
    bugs["clip_always" if scale >= 1 else "clip_not_applied"] = n_b * c / total if scale >= 1 else n_b
    bugs = keep_apart(answer, bugs, tol)
    if bugs is None:
        return None
    return Instance(
        NUMBER, text("exercises.prompt.clipped_norm", block=b), answer, section="clipping", tolerance=tol,
        bugs=bugs, show={"‖g_block‖": n_b, "‖g‖": total, "c": c},
        hints=(text("exercises.hint.clipped_norm.cells"), text("exercises.hint.clipped_norm.formula"),
               text("exercises.hint.worked")),
        solution=(rf"{n_b:.4f}\times\min\left(1,\ \frac{{{c:g}}}{{{total:.4f}}}\right) = {answer:.4f}",),
        params={"block": b}, decimals=DECIMALS)
