"""Exercises on how the model was trained (lesson 15) and on the tiny model trained live (lesson 16).

Lesson 15 reads the stored training settings and curve (``replay.curve()``: ``train_config``, ``curve``) and the
replay trace at the slider's step; lesson 16 reads the view the page draws (``LiveTrainer.view()``: the loss
history, the cross-attention of the probe, the expected alignment). Nothing here trains or runs a model.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np

from tutorial_model import live
from tutorial_model.fit import lr_at

from .attention import GRID_MAX, rounded
from .core import CHOICE, GRID, NUMBER, Instance, clear_winner, text, tolerance_for
from .recurrent import keep_apart

LR_DECIMALS = 7  # a learning rate of 0.0015 needs more than four decimals


def _schedule(tc: dict) -> SimpleNamespace:
    return SimpleNamespace(lr=float(tc["lr"]), warmup_steps=int(tc["warmup_steps"]), steps=int(tc["steps"]))


def learning_rate(given, rng: np.random.Generator) -> Instance | None:
    """η at step s from the schedule the training used (fit.lr_at: linear warm-up, then half a cosine to 0).
    Bugs: the warm-up factor forgotten, the warm-up spread over all steps, no decay, the cosine without ½,
    progress counted from step 0 instead of the end of warm-up, the cosine without π, the paper's schedule
    (d_model^−½ · min(s^−½, s·w^−3/2))."""
    s_cfg = _schedule(given["train_config"])
    lr, W, N = s_cfg.lr, s_cfg.warmup_steps, s_cfg.steps
    if W < 20 or N <= 2 * W:
        return None
    warm = bool(rng.integers(2))
    grain = 10 if W < 500 else 50
    if warm:
        s = grain * int(rng.integers(1, W // grain))
    else:
        s = W + grain * int(rng.integers(1, int(0.9 * (N - W)) // grain))
    answer = lr_at(s, s_cfg)
    d_model = getattr(given.cfg, "d_model", None)
    bugs: dict[str, float] = {}
    if warm:
        bugs |= {"forgot_warmup": lr, "warmup_over_total": lr * (s + 1) / N}
    else:
        p = (s - W) / max(1, N - W)
        bugs |= {"no_decay": lr, "cosine_no_half": lr * (1 + math.cos(math.pi * p)),
                 "progress_ignores_warmup": lr * 0.5 * (1 + math.cos(math.pi * s / N)),
                 "cosine_without_pi": lr * 0.5 * (1 + math.cos(p))}
    if d_model:
        bugs["paper_schedule"] = d_model ** -0.5 * min(s ** -0.5, s * W ** -1.5)
    tol = tolerance_for(answer, 0.0, LR_DECIMALS)
    bugs = keep_apart(answer, bugs, tol)
    if bugs is None:
        return None
    if warm:
        solution = rf"\eta = {lr:g}\cdot\frac{{{s} + 1}}{{{W}}} = {answer:.6g}"
    else:
        p = (s - W) / (N - W)
        solution = (rf"\eta = {lr:g}\cdot\tfrac12\bigl(1+\cos(\pi\cdot\tfrac{{{s} - {W}}}{{{N} - {W}}})\bigr)"
                    rf" = {lr:g}\cdot\tfrac12(1+\cos({math.pi * p:.4f})) = {answer:.6g}")
    return Instance(
        NUMBER, text("exercises.prompt.learning_rate", s=s, lr=f"{lr:g}", warmup=W, steps=N), answer,
        section="schedule", tolerance=tol, bugs=bugs, show={"lr": lr, "warmup": W, "steps": N, "s": s},
        hints=(text("exercises.hint.learning_rate.cells"),
               text("exercises.hint.learning_rate.formula.warmup" if warm else "exercises.hint.learning_rate.formula"),
               text("exercises.hint.worked")),
        solution=(solution,), params={"step": s}, decimals=LR_DECIMALS)


def _uniform_loss(V: int, reveal: object, section: str, prompt: str) -> Instance:
    """The loss of a model that spreads its probability evenly over V words: −ln(1/V) = ln V. Bugs: log base 10,
    base 2, the probability 1/V given as the loss."""
    answer = math.log(V)
    return Instance(
        NUMBER, text(prompt, V=V), answer, section=section, tolerance=tolerance_for(answer),
        bugs={"log10": math.log10(V), "log2": math.log2(V), "uniform_p_not_loss": 1 / V},
        hints=(text("exercises.hint.uniform_loss.cells", V=V), text("exercises.hint.uniform_loss.formula"),
               text("exercises.hint.worked")),
        solution=(rf"-\ln\frac{{1}}{{{V}}} = \ln {V} = {answer:.4f}",), reveal=reveal, params={})


def first_loss(given, rng: np.random.Generator) -> Instance | None:
    """Predict, then reveal: the loss at step 0 is about ln V (random weights spread the probability evenly);
    the reveal is the first loss the training logged (checkpoint metadata)."""
    V = getattr(given.cfg, "tgt_vocab_size", None)
    curve = given["curve"]
    if not V or not curve:
        return None
    first = curve[0]
    return _uniform_loss(int(V), text("exercises.reveal.first_loss", loss=f"{first['loss']:.4f}",
                                      step=first["step"], lnv=f"{math.log(V):.4f}"),
                         "objective", "exercises.prompt.first_loss")


def lr_peak(given, rng: np.random.Generator) -> Instance | None:
    """At which of four steps is the learning rate largest? The end of warm-up. Bugs: the first step (a rate
    that only decays), the last (a rate that only grows)."""
    s_cfg = _schedule(given["train_config"])
    W, N = s_cfg.warmup_steps, s_cfg.steps
    if not 0 < W < N // 2:
        return None
    steps = {"peak": W, "lr_max_at_start": 0, "middle": (W + N) // 2 + 1, "lr_grows_all_along": N - 1}
    names = list(steps)
    shown = [names[k] for k in rng.permutation(len(names))]
    return Instance(
        CHOICE, text("exercises.prompt.lr_peak"), shown.index("peak"), section="schedule",
        bugs={name: shown.index(name) for name in shown if name.startswith("lr_")},
        choices=tuple(f"{steps[name]:,}" for name in shown),
        hints=(text("exercises.hint.lr_peak.cells"), text("exercises.hint.lr_peak.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.lr_peak", step=W, lr=f"{lr_at(W, s_cfg):g}"), params={})


# ---- 16. the live model ---------------------------------------------------------------------------------------

def _grid(rows: int, cols: int, cells) -> tuple[tuple[int, ...], ...]:
    on = set(cells)
    return tuple(tuple(int((r, c) in on) for c in range(cols)) for r in range(rows))


def live_alignment(given, rng: np.random.Generator) -> Instance | None:
    """Predict, then reveal: tick, for each output digit, the source position its cross-attention should read
    (copy: the diagonal, reverse: the anti-diagonal, sort: where the t-th smallest digit sits). Reveal: how
    many rows of the learner's live model already read the right position, at its current step. Bugs: the
    diagonal for every task, the anti-diagonal, the alignment transposed (sort: rank and position swapped)."""
    view = given["live_view"]
    align = view.get("alignment")
    if align is None:
        return None
    src = list(view["src_tokens"])
    n = min(len(align), len(src), GRID_MAX)
    answer = _grid(n, n, [(t, align[t]) for t in range(n)])
    bugs = {"diagonal_for_every_task": _grid(n, n, [(t, t) for t in range(n)]),
            "anti_diagonal_alignment": _grid(n, n, [(t, n - 1 - t) for t in range(n)]),
            "alignment_transposed": _grid(n, n, [(align[t], t) for t in range(n)])}
    bugs = {tag: g for tag, g in bugs.items() if g != answer}
    matched = None if view.get("pattern") is None else round(view["pattern"] * n)
    return Instance(
        GRID, text("exercises.prompt.live_alignment", task=text(f"exercises.task.{view['task']}"),
                   src=" ".join(src[:n])), answer, section="tasks", bugs=bugs,
        labels={"rows": [f"→ {t + 1}" for t in range(n)],
                "cols": [f"{c + 1} · {tok}" for c, tok in enumerate(src[:n])]},
        hints=(text("exercises.hint.live_alignment.cells"),
               text(f"exercises.hint.live_alignment.formula.{view['task']}"), text("exercises.hint.worked")),
        reveal=text("exercises.reveal.live_alignment", k=matched if matched is not None else 0, n=n,
                    step=view.get("step", 0)),
        params={"task": view["task"]})


def live_first_loss(given, rng: np.random.Generator) -> Instance | None:
    """The loss before training on this task: about ln V for its V output tokens. Reveal: the first loss of the
    learner's own run, when it has one."""
    view = given["live_view"]
    V = len(live.make_task(view["task"]).tgt_vocab)
    losses = view.get("losses") or []
    reveal = (text("exercises.reveal.live_first_loss", loss=f"{losses[0]:.4f}", lnv=f"{math.log(V):.4f}")
              if losses else text("exercises.reveal.live_first_loss_untrained", lnv=f"{math.log(V):.4f}"))
    return _uniform_loss(V, reveal, "watch", "exercises.prompt.live_first_loss")


def live_strongest(given, rng: np.random.Generator) -> Instance | None:
    """Which source digit does the row writing output t read most, in the live model's cross-attention (as the
    page shows it now)? Bug: the position the task says it should read, when the model does not read it yet."""
    view = given["live_view"]
    cross = np.asarray(view["cross"], dtype=np.float64)
    if cross.ndim != 2 or cross.shape[1] < 2:
        return None
    for t in rng.permutation(cross.shape[0]):  # a row with a clear strongest column (an early model is a blur)
        t = int(t)
        row = rounded(cross[t], 3)
        best = clear_winner(list(row), 0.03)  # the heatmap's hover gives three decimals
        if best is not None:
            break
    else:
        return None
    align = view.get("alignment")
    bugs = {}
    if align is not None and t < len(align) and align[t] != best:
        bugs["answered_the_ideal"] = int(align[t])
    src, out = list(view["src_tokens"]), list(view["out_tokens"])
    return Instance(
        CHOICE, text("exercises.prompt.live_strongest", t=t + 1, word=out[t] if t < len(out) else "",
                     step=view.get("step", 0)), best, section="watch", bugs=bugs,
        choices=tuple(f"{c + 1} · {tok}" for c, tok in enumerate(src)),
        hints=(text("exercises.hint.live_strongest.cells", t=t + 1), text("exercises.hint.live_strongest.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.live_strongest", src=src[best], w=f"{row[best]:.3f}"), params={"row": t})
