"""Exercises on the recurrent models (lessons 11–13): one RNN or LSTM step by hand from the numbers the page
shows, read-offs on the hidden states and gates, shapes and weight counts, the LSTM+attention's softmax and
the count of sequential steps.

The exercise trace is the page's recurrent trace (``loaders.trace(name, sentence)``); the RNN step
also reads the cell's weights, which the page already holds (``W_xh``, ``b``, ``W_hh``). Every bug is the same
step done wrong on the same numbers.
"""

from __future__ import annotations

import numpy as np

from tutorial_model import compare

from .attention import rounded, softmax
from .core import CHOICE, NUMBER, SHAPE, Instance, clear_winner, text, tolerance_for

DECIMALS = 4


def _r(x) -> float:
    return float(np.round(float(x), DECIMALS))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def keep_apart(answer: float, bugs: dict, tol: float, need: int = 2, factor: float = 3.0) -> dict | None:
    """The bugs whose value is clearly apart from the answer (a slip that lands on the right number is not a
    slip one can name, nor a wrong answer), and from each other; None when fewer than ``need`` remain."""
    kept: dict[str, float] = {}
    for tag, v in bugs.items():  # apart from the answer and from the bugs kept before (the first named stays)
        if v is not None and np.isfinite(v) and all(abs(float(v) - w) > factor * tol for w in (answer, *kept.values())):
            kept[tag] = float(v)
    return kept if len(kept) >= need else None


def _labels(tokens) -> tuple[str, ...]:
    """"1 · 我": a position and its token (a character may appear twice)."""
    return tuple(f"{t + 1} · {tok}" for t, tok in enumerate(tokens))


def _step(T: int, rng: np.random.Generator) -> int:
    """A time step with a previous state (t ≥ 1, 0-based) when the sentence has one."""
    return int(rng.integers(1, T)) if T >= 2 else 0


# ---- 11. RNN ----------------------------------------------------------------------------------------------

def rnn_hidden(given, rng: np.random.Generator) -> Instance | None:
    """h_{t,j} = tanh(W_xh[j]·x_t + b_j + W_hh[j]·h_{t−1}) from the three parts as the by-hand box shows them.
    Bugs: tanh forgotten, sigmoid instead of tanh, ReLU instead of tanh, the previous state left out, the bias
    left out."""
    tr = given.trace
    H, X = tr["encoder.cell.hook_h"], tr["encoder.hook_x"]
    T, d = H.shape
    t, j = _step(T, rng), int(rng.integers(d))
    W_xh, b, W_hh = (np.asarray(given[k], dtype=np.float64) for k in ("W_xh", "b", "W_hh"))
    h_prev = H[t - 1].astype(np.float64) if t > 0 else np.zeros(d)
    from_x, bj, from_h = _r(W_xh[j] @ X[t].astype(np.float64)), _r(b[j]), _r(W_hh[j] @ h_prev)
    a = from_x + bj + from_h
    answer = float(np.tanh(a))
    tol = tolerance_for(answer, abs(answer - float(H[t, j])))
    bugs = keep_apart(answer, {"tanh_forgotten": a, "sigmoid_not_tanh": float(sigmoid(a)),
                               "relu_not_tanh": max(a, 0.0), "forgot_recurrence": float(np.tanh(from_x + bj)),
                               "forgot_cell_bias": float(np.tanh(from_x + from_h))}, tol)
    if bugs is None:
        return None
    return Instance(
        NUMBER, text("exercises.prompt.rnn_hidden", t=t + 1, unit=j, token=tr.src_tokens[t]), answer,
        section="hidden", tolerance=tol, bugs=bugs,
        show={"W_xh·x": from_x, "b": bj, "W_hh·h_prev": from_h},
        hints=(text("exercises.hint.rnn_hidden.cells", t=t + 1, unit=j),
               text("exercises.hint.rnn_hidden.formula"), text("exercises.hint.worked")),
        solution=(rf"a = {from_x:.4f} + ({bj:.4f}) + ({from_h:.4f}) = {a:.4f}",
                  rf"h_{{{t + 1},{j}}} = \tanh({a:.4f}) = {answer:.4f}"),
        params={"step": t, "unit": j})


def _step_read_off(given, rng: np.random.Generator, hook: str, score, slip: str, name: str, value: str,
                   section: str) -> Instance | None:
    """At which character does one unit's ``hook`` column (rounded as shown) give the clear winner of ``score``?
    The slip ``slip`` is the clear winner of the raw column instead, when that is another character."""
    tr = given.trace
    M = tr[hook]
    if M.shape[0] < 2:
        return None
    j = int(rng.integers(M.shape[1]))
    col = rounded(M[:, j], 3)
    best = clear_winner(list(score(col)), 0.05)
    if best is None:
        return None
    raw = clear_winner(list(col), 0.05)
    bugs = {slip: raw} if raw is not None and raw != best else {}
    return Instance(
        CHOICE, text(f"exercises.prompt.{name}", unit=j), best, section=section, bugs=bugs,
        choices=_labels(tr.src_tokens), show={value: col}, labels={"cols": list(tr.src_tokens)},
        hints=(text(f"exercises.hint.{name}.cells", unit=j), text(f"exercises.hint.{name}.formula"),
               text("exercises.hint.worked")),
        reveal=text(f"exercises.reveal.{name}", token=tr.src_tokens[best], **{value: f"{col[best]:.3f}"}),
        params={"unit": j, "step": best})


def saturated_step(given, rng: np.random.Generator) -> Instance | None:
    """At which character is hidden unit j closest to saturation (largest |h|)? Bug: the largest signed value."""
    return _step_read_off(given, rng, "encoder.cell.hook_h", np.abs, "signed_not_abs", "saturated", "h", "hidden")


# ---- shapes and weight counts of a recurrent trace ----------------------------------------------------------

def recurrent_shape(items: tuple[tuple[str, str], ...], section: str):
    """The shape of a tensor of the recurrent trace, for your sentence. Bugs: the axes swapped, one character too
    many (a <bos> on the source), the context taken for every step (or one vector for all steps with
    attention), the LSTM's four stacked pre-activations taken for one gate."""

    def make(given, rng: np.random.Generator) -> Instance | None:
        name, what = items[int(rng.integers(len(items)))]
        tr = given.trace
        if name not in tr:
            return None
        shape = tuple(int(n) for n in tr[name].shape)
        T, d = len(tr.src_tokens), int(tr["encoder.cell.hook_h"].shape[-1])
        bugs: dict[str, tuple[int, ...]] = {}
        if len(shape) == 2 and shape[0] != shape[1]:
            bugs["axes_swapped"] = (shape[1], shape[0])
        if len(shape) == 2:
            bugs["token_miscounted"] = (shape[0] + 1, shape[1])
        if name.endswith("encoder.hook_context"):
            bugs["context_every_step"] = (T, d)
        if name.endswith("attn.hook_context"):
            bugs["attention_context_single"] = (d,)
        if name.endswith("cell.hook_pre") and shape[-1] == 4 * d:
            bugs["lstm_one_gate"] = (shape[0], d)
        bugs = {tag: s for tag, s in bugs.items() if s != shape}
        dims = r" \times ".join(map(str, shape))
        return Instance(
            SHAPE, text("exercises.prompt.shape_recurrent", tensor=text(f"exercises.tensor.{what}"), name=name),
            shape, section=section, bugs=bugs,
            hints=(text("exercises.hint.shape_recurrent.cells"), text("exercises.hint.shape_recurrent.formula"),
                   text("exercises.hint.worked")),
            solution=(rf"\texttt{{{name}}}:\ {dims}",), params={"name": name})

    return make


def cell_parameters(given, rng: np.random.Generator) -> Instance | None:
    """Weights of the encoder's cell: RNN d·e + d + d·d; LSTM four times that (f, i, g, o). Bugs: the bias left
    out, W_hh left out, (LSTM) one gate only, three sets (the candidate forgotten)."""
    tr = given.trace
    e, d = int(tr["encoder.hook_x"].shape[-1]), int(tr["encoder.cell.hook_h"].shape[-1])
    one = d * e + d + d * d
    if "encoder.cell.hook_f" in tr:
        cell, answer = "lstm", 4 * one
        bugs = {"forgot_cell_bias": 4 * (d * e + d * d), "lstm_one_gate_weights": one, "lstm_three_gates": 3 * one,
                "forgot_recurrent_weights": 4 * (d * e + d)}
    else:
        cell, answer = "rnn", one
        bugs = {"forgot_cell_bias": d * e + d * d, "forgot_recurrent_weights": d * e + d}
    formula = r"4\,(d\,e + d + d^2)" if cell == "lstm" else r"d\,e + d + d^2"
    times = r"4 \cdot " if cell == "lstm" else ""
    return Instance(
        NUMBER, text(f"exercises.prompt.cell_parameters.{cell}", d=d, e=e), float(answer), section="unrolled",
        tolerance=0.5, bugs={k: float(v) for k, v in bugs.items()},
        hints=(text(f"exercises.hint.cell_parameters.cells.{cell}"),
               text(f"exercises.hint.cell_parameters.formula.{cell}", d=d, e=e), text("exercises.hint.worked")),
        solution=(rf"{formula} = {times}({d}\cdot{e} + {d} + {d}^2) = {answer}",),
        params={}, decimals=0)


# ---- 12. LSTM ----------------------------------------------------------------------------------------------

def _gates(given, rng: np.random.Generator):
    tr = given.trace
    A = {k: tr[f"encoder.cell.hook_{k}"] for k in "figoch"}
    T, d = A["h"].shape
    t, j = _step(T, rng), int(rng.integers(d))
    return tr, A, t, j


def lstm_cell(given, rng: np.random.Generator) -> Instance | None:
    """c_t = f_t·c_{t−1} + i_t·g_t for one unit, from the gate values shown. Bugs: the forget term left out
    (i·g only), the forget gate ignored (c_{t−1} + i·g), forget and input gates swapped, the output gate used
    in place of the forget gate."""
    tr, A, t, j = _gates(given, rng)
    if t == 0:
        return None  # c_0 = 0: the forget gate has nothing to act on
    f, i, g, o = (_r(A[k][t, j]) for k in "figo")
    c_prev = _r(A["c"][t - 1, j])
    answer = f * c_prev + i * g
    tol = tolerance_for(answer, abs(answer - float(A["c"][t, j])))
    bugs = keep_apart(answer, {"no_forget_term": i * g, "forget_gate_ignored": c_prev + i * g,
                               "forget_input_swapped": i * c_prev + f * g, "output_for_forget": o * c_prev + i * g},
                      tol)
    if bugs is None:
        return None
    return Instance(
        NUMBER, text("exercises.prompt.lstm_cell", t=t + 1, unit=j, token=tr.src_tokens[t]), answer,
        section="follow", tolerance=tol, bugs=bugs,
        show={"f_t": f, "i_t": i, "g_t": g, "o_t": o, "c_{t-1}": c_prev},
        hints=(text("exercises.hint.lstm_cell.cells", t=t + 1, unit=j), text("exercises.hint.lstm_cell.formula"),
               text("exercises.hint.worked")),
        solution=(rf"c_{{{t + 1}}} = {f:.4f}\times({c_prev:.4f}) + {i:.4f}\times({g:.4f}) = {answer:.4f}",),
        params={"step": t, "unit": j})


def lstm_hidden(given, rng: np.random.Generator) -> Instance | None:
    """h_t = o_t·tanh(c_t) for one unit. Bugs: tanh forgotten on c_t, the output gate forgotten, σ instead of
    tanh on c_t."""
    tr, A, t, j = _gates(given, rng)
    o, c = _r(A["o"][t, j]), _r(A["c"][t, j])
    answer = o * float(np.tanh(c))
    tol = tolerance_for(answer, abs(answer - float(A["h"][t, j])))
    bugs = keep_apart(answer, {"tanh_forgotten_on_c": o * c, "output_gate_forgotten": float(np.tanh(c)),
                               "sigmoid_on_c": o * float(sigmoid(c))}, tol)
    if bugs is None:
        return None
    return Instance(
        NUMBER, text("exercises.prompt.lstm_hidden", t=t + 1, unit=j, token=tr.src_tokens[t]), answer,
        section="follow", tolerance=tol, bugs=bugs, show={"o_t": o, "c_t": c},
        hints=(text("exercises.hint.lstm_hidden.cells", t=t + 1, unit=j), text("exercises.hint.lstm_hidden.formula"),
               text("exercises.hint.worked")),
        solution=(rf"h_{{{t + 1}}} = {o:.4f}\times\tanh({c:.4f}) = {o:.4f}\times{np.tanh(c):.4f} = {answer:.4f}",),
        params={"step": t, "unit": j})


def forget_most(given, rng: np.random.Generator) -> Instance | None:
    """At which character does unit j forget most of its memory (the lowest forget gate)? Bug: the highest
    forget gate (reading f = 1 as "forget everything")."""
    return _step_read_off(given, rng, "encoder.cell.hook_f", np.negative, "forget_gate_inverted", "forget_most", "f",
                          "gates")


# ---- 13. why attention won (the LSTM+attention trace) ---------------------------------------------------------

def _rows(tr) -> list[str]:
    return [f"{a} → {b}" for a, b in zip(tr.tgt_tokens, tr.out_tokens)]


def additive_weight(given, rng: np.random.Generator) -> Instance | None:
    """α_{k,j} = softmax(e_k)_j from the LSTM+attention's score row as shown. Bugs: exp without normalising,
    the scores normalised without exp, the softmax down the column."""
    tr = given.trace
    scores, weights = tr["decoder.attn.hook_scores"], tr["decoder.attn.hook_weights"]  # (T_tgt, T_src)
    if scores.shape[1] < 3:
        return None
    k, j = int(rng.integers(scores.shape[0])), int(rng.integers(scores.shape[1]))
    shown = rounded(scores)
    answer = float(softmax(shown[k])[j])
    tol = tolerance_for(answer, abs(answer - float(weights[k, j])))
    bugs = keep_apart(answer, {"exp_not_normalised": float(np.exp(shown[k, j])),
                               "no_exp": float(shown[k, j] / shown[k].sum()),
                               "softmax_wrong_axis": float(softmax(shown, axis=0)[k, j])}, tol)
    if bugs is None:
        return None
    e = np.exp(shown[k] - shown[k].max())
    return Instance(
        NUMBER, text("exercises.prompt.additive_weight", row=_rows(tr)[k], src=tr.src_tokens[j]), answer,
        section="alignment", tolerance=tol, bugs=bugs, show={"scores": shown},
        labels={"rows": _rows(tr), "cols": list(tr.src_tokens)},
        hints=(text("exercises.hint.additive_weight.cells", row=_rows(tr)[k]),
               text("exercises.hint.additive_weight.formula"), text("exercises.hint.worked")),
        solution=(rf"e^{{e_j - {shown[k].max():.4f}}}:\ " + " + ".join(f"{v:.4f}" for v in e) + f" = {e.sum():.4f}",
                  rf"\alpha_{{{k},{j}}} = \frac{{{e[j]:.4f}}}{{{e.sum():.4f}}} = {answer:.4f}"),
        params={"step": k, "key": j})


def aligned_source(given, rng: np.random.Generator) -> Instance | None:
    """Which source character does the LSTM+attention read most when it writes word k? Bug: the column read
    instead of the row (source character k's strongest reader)."""
    tr = given.trace
    alpha = tr["decoder.attn.hook_weights"]
    k = int(rng.integers(alpha.shape[0]))
    row = rounded(alpha[k], 3)
    best = clear_winner(list(row), 0.05)
    if best is None:
        return None
    bugs = {}
    if k < alpha.shape[1]:
        column = clear_winner(list(alpha[:, k]), 0.05)
        if column is not None and column != best and column < alpha.shape[1]:
            bugs["read_column"] = column
    return Instance(
        CHOICE, text("exercises.prompt.aligned_source", row=_rows(tr)[k]), best, section="alignment", bugs=bugs,
        choices=_labels(tr.src_tokens),
        hints=(text("exercises.hint.aligned_source.cells", row=_rows(tr)[k]),
               text("exercises.hint.aligned_source.formula"), text("exercises.hint.worked")),
        reveal=text("exercises.reveal.aligned_source", src=tr.src_tokens[best], w=f"{row[best]:.3f}"),
        params={"step": k})


SEQUENTIAL_MODELS = ("rnn", "lstm", "transformer")
PHASES = ("encoder", "decoder_training")


def sequential_steps(given, rng: np.random.Generator) -> Instance | None:
    """Operations that must wait for the one before, for your T characters (compare.sequential_steps, the
    page's table). Bugs: a recurrence thought parallel (1), hops counted instead of steps (T − 1), a
    Transformer thought to step per token (T, or T·layers), teacher forcing thought not to parallelise the
    Transformer's decoder."""
    T = len(given.trace.src_tokens)
    n_layers = given.get("n_layers") or getattr(given.cfg, "n_layers", None)
    if not n_layers:
        return None
    model = SEQUENTIAL_MODELS[int(rng.integers(len(SEQUENTIAL_MODELS)))]
    phase = PHASES[int(rng.integers(len(PHASES)))]
    answer = compare.sequential_steps(model, T, n_layers)[phase]
    if model == "transformer":
        tag = "transformer_steps_per_token" if phase == "encoder" else "teacher_forcing_missed"
        bugs = {tag: T, "steps_per_token_and_layer": T * n_layers, "layers_not_sequential": 1}
    else:
        bugs = {"thinks_rnn_parallel": 1, "hops_not_steps": T - 1}
    bugs = {k: float(v) for k, v in bugs.items() if abs(v - answer) > 0.75}
    if not bugs:
        return None
    return Instance(
        NUMBER, text(f"exercises.prompt.sequential.{phase}", model=text(f"exercises.model.{model}"), t=T,
                     layers=n_layers), float(answer), section="parallel", tolerance=0.25, bugs=bugs,
        hints=(text("exercises.hint.sequential.cells"), text(f"exercises.hint.sequential.formula.{model}"),
               text("exercises.hint.worked")),
        solution=(rf"T = {T},\ N = {n_layers}:\ {answer}",), params={"model": model, "phase": phase}, decimals=0)
