"""Exercises of the last two Foundations lessons (issue 23) on the learner's own sentence: the convolutional
translator (lesson_pages/conv_vs_attention.py: receptive field, one kernel's weights, one GLU channel) and the
one-pass translator (lesson_pages/autoregressive_vs_not.py: decoder passes, the uniform copy, the length head).

The exercise trace is the page's trace of that model (ConvS2S's or the one-pass model's), its cfg that model's
configuration; the one-pass page also passes ``tf_trace`` (the Transformer's greedy trace it shows beside).
Nothing here runs a model.
"""

from __future__ import annotations

import math

import numpy as np

from .attention import rounded
from .core import CHOICE, NUMBER, Instance, clear_winner, text, tolerance_for
from .recurrent import keep_apart, sigmoid

COUNT_TOL = 0.25  # an integer answer: only that integer is right


def _labels(tokens) -> tuple[str, ...]:
    return tuple(f"{t} · {tok}" for t, tok in enumerate(tokens))


# ---- convolution -------------------------------------------------------------------------------------------

def window_reach(T: int, i: int, layers: int, kernel: int) -> int:
    """How many of T characters position i of encoder layer ``layers`` (1-based) can have read: a centred window
    of 1 + layers·(k − 1), cut at the sentence's ends."""
    half = layers * (kernel - 1) // 2
    return min(i, half) + 1 + min(T - 1 - i, half)


def receptive_field(given, rng: np.random.Generator) -> Instance | None:
    """The characters position i of encoder layer l can have read, on the learner's sentence. Bugs: the formula
    1 + l(k − 1) without the sentence's ends, k added per layer (1 + l·k, uncut), depth ignored (one layer's
    window)."""
    cfg, toks = given.cfg, given.trace.src_tokens
    T, k = len(toks), cfg.kernel
    i, layer = int(rng.integers(T)), int(rng.integers(1, cfg.n_layers + 1))
    answer = window_reach(T, i, layer, k)
    bugs = keep_apart(answer, {"field_not_cut": 1 + layer * (k - 1), "field_adds_k": 1 + layer * k,
                               "field_one_layer": window_reach(T, i, 1, k)}, COUNT_TOL)
    if bugs is None:
        return None
    half = layer * (k - 1) // 2
    return Instance(
        NUMBER, text("exercises.prompt.receptive_field", token=toks[i], pos=i, layer=layer - 1, n=layer, k=k, T=T),
        float(answer), section="reach", tolerance=COUNT_TOL, bugs=bugs,
        hints=(text("exercises.hint.receptive_field.cells", n=layer, k=k),
               text("exercises.hint.receptive_field.formula"), text("exercises.hint.worked")),
        solution=(rf"1 + {layer}\times{k - 1} = {1 + layer * (k - 1)};\ \min({i}, {half}) + 1 + "
                  rf"\min({T - 1 - i}, {half}) = {answer}",),
        params={"token": i, "layer": layer}, decimals=0)


def kernel_parameters(given, rng: np.random.Generator) -> Instance | None:
    """Numbers in one gated convolution: a (2·d, d, k) kernel and 2·d biases (the GLU halves 2·d channels to d).
    Bugs: d output channels (the gate's doubling forgotten), the biases left out, a kernel per position
    (T copies: no sharing)."""
    d, k = given.cfg.d_conv, given.cfg.kernel
    T = len(given.trace.src_tokens)
    answer = 2 * d * d * k + 2 * d
    bugs = {"glu_channels_halved": d * d * k + d, "conv_no_bias": 2 * d * d * k}
    if T > 1:
        bugs["conv_per_position"] = T * answer
    return Instance(
        NUMBER, text("exercises.prompt.kernel_parameters", d=d, k=k, T=T), float(answer), section="sharing",
        tolerance=COUNT_TOL, bugs={tag: float(v) for tag, v in bugs.items()},
        hints=(text("exercises.hint.kernel_parameters.cells"), text("exercises.hint.kernel_parameters.formula"),
               text("exercises.hint.worked")),
        solution=(rf"2\cdot{d}\times{d}\times{k} + 2\cdot{d} = {answer}",), params={}, decimals=0)


def glu_channel(given, rng: np.random.Generator) -> Instance | None:
    """GLU_c = A_c · σ(B_c) for one channel of one encoder layer's convolution, from A_c and B_c as shown. Bugs:
    the halves swapped (B·σ(A)), no sigmoid (A·B), the gate alone (σ(B))."""
    cfg, tr = given.cfg, given.trace
    layer, d = int(rng.integers(cfg.n_layers)), cfg.d_conv
    ab = tr[f"encoder.layers.{layer}.conv.hook_conv"]  # (T, 2d): [A; B]
    i, c = int(rng.integers(ab.shape[0])), int(rng.integers(d))
    a, b = float(rounded(ab[i, c])), float(rounded(ab[i, d + c]))
    answer = a * float(sigmoid(b))
    tol = tolerance_for(answer, abs(answer - float(tr[f"encoder.layers.{layer}.conv.hook_glu"][i, c])))
    bugs = keep_apart(answer, {"glu_halves_swapped": b * float(sigmoid(a)), "glu_no_sigmoid": a * b,
                               "glu_gate_only": float(sigmoid(b))}, tol)
    if bugs is None:
        return None
    token = tr.src_tokens[i]
    return Instance(
        NUMBER, text("exercises.prompt.glu_channel", token=token, c=c, layer=layer), answer, section="gate",
        tolerance=tol, bugs=bugs, show={"A_c": a, "B_c": b},
        hints=(text("exercises.hint.glu_channel.cells", c=c), text("exercises.hint.glu_channel.formula"),
               text("exercises.hint.worked")),
        solution=(rf"{a:.4f}\times\sigma({b:.4f}) = {a:.4f}\times{float(sigmoid(b)):.4f} = {answer:.4f}",),
        params={"layer": layer, "token": i, "channel": c})


# ---- one pass --------------------------------------------------------------------------------------------------

MODELS = ("transformer", "nat")


def decoder_passes(given, rng: np.random.Generator) -> Instance | None:
    """How many times each model's decoder runs to write the learner's translation: once per output token
    (<eos> included) step by step, once in all for the one-pass model. Bugs: <eos> not counted, one pass for the
    autoregressive model, one pass per output word (or per layer) for the one-pass model, one per source
    character."""
    tf, T_src = given["tf_trace"], len(given.trace.src_tokens)
    n = len(tf.decoding.ids)
    m = len(given.trace.decoding.ids)
    model = MODELS[int(rng.integers(len(MODELS)))]
    if model == "transformer":
        answer, bugs = n, {"passes_no_eos": n - 1, "passes_one": 1, "passes_per_char": T_src}
    else:  # one decoder pass runs all N layers once: a layer is not a pass
        answer, bugs = 1, {"passes_per_word": m, "passes_per_char": T_src, "passes_per_layer": given.cfg.n_layers}
    bugs = keep_apart(answer, bugs, COUNT_TOL, need=1)
    if bugs is None:
        return None
    return Instance(
        NUMBER, text(f"exercises.prompt.decoder_passes.{model}", n=n, m=m, T=T_src), float(answer),
        section="passes", tolerance=COUNT_TOL, bugs=bugs,
        hints=(text("exercises.hint.decoder_passes.cells"), text(f"exercises.hint.decoder_passes.formula.{model}"),
               text("exercises.hint.worked")),
        solution=(rf"{answer}",), params={"model": model}, decimals=0)


def copied_source(given, rng: np.random.Generator) -> Instance | None:
    """Which source character decoder position i copies: ⌊i·T / m⌋ (nat.uniform_copy). Bugs: rounded up, the
    ratio turned over (⌊i·m / T⌋), position i read as character i."""
    toks = given.trace.src_tokens
    T, m = len(toks), given.trace["hook_copy"].shape[0]  # m: the decoder's positions, <eos> included
    if m < 2 or T < 2:
        return None
    i = int(rng.integers(1, m))
    answer = i * T // m
    candidates = {"copy_rounded_up": math.ceil(i * T / m), "copy_ratio_inverted": i * m // T, "copy_same_index": i}
    bugs: dict[str, int] = {}
    for tag, j in candidates.items():
        if j != answer and j < T and j not in bugs.values():
            bugs[tag] = j
    return Instance(
        CHOICE, text("exercises.prompt.copied_source", i=i, T=T, m=m), answer, section="length", bugs=bugs,
        choices=_labels(toks),
        hints=(text("exercises.hint.copied_source.cells", T=T, m=m), text("exercises.hint.copied_source.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.copied_source", i=i, j=answer, token=toks[answer]),
        solution=(rf"\lfloor {i}\cdot{T} / {m} \rfloor = \lfloor {i * T / m:.3f} \rfloor = {answer}",),
        params={"position": i})


def predicted_length(given, rng: np.random.Generator) -> Instance | None:
    """Read the length head: how many words before <eos> will the one-pass model write? m = argmax p(m) counts
    <eos>, so the words are m − 1. Bugs: <eos> counted as a word (m), the source's length taken."""
    probs = given.trace["length.hook_probs"]  # (max_len,): p(m), m = 0 … max_len − 1
    shown = rounded(probs[1:], 3)  # lengths 1 …: the page's bars
    best = clear_winner(list(shown), 0.01)
    if best is None:
        return None
    m = best + 1
    last = min(len(probs) - 1, max(m + 2, int(np.nonzero(shown >= 0.005)[0].max()) + 2))
    T = len(given.trace.src_tokens)
    bugs = {tag: v for tag, v in {"length_counts_eos": m, "length_of_source": T}.items() if v != m - 1 and v <= last}
    if len(set(bugs.values())) < len(bugs):
        bugs = {"length_counts_eos": m}
    return Instance(
        CHOICE, text("exercises.prompt.predicted_length"), m - 1, section="length", bugs=bugs,
        choices=tuple(str(n) for n in range(last + 1)), show={"p(m)": shown[:last]},
        labels={"cols": [str(n) for n in range(1, last + 1)]},
        hints=(text("exercises.hint.predicted_length.cells"), text("exercises.hint.predicted_length.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.predicted_length", m=m, p=f"{shown[best]:.3f}", words=m - 1),
        params={"m": m}, decimals=3)
