"""Attention exercises on the learner's own Q, K, scores and pattern, for any attention site.

Each function makes one exercise for a site (``stack``, ``sublayer``); ``catalogue.py`` registers it on the
pages that show that site (self-attention, masked self-attention, cross-attention, model families). Every bug
value is the same computation done wrong on the same numbers the learner is shown.
"""

from __future__ import annotations

import numpy as np

from tutorial_model.trace import act_name

from .core import CHOICE, GRID, NUMBER, Instance, clear_winner, text, tolerance_for

DECIMALS = 4
GRID_MAX = 8  # the mask grid asks about the first 8 × 8 positions (a checkbox each)


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax that gives exactly 0 to −∞ entries (as the model does)."""
    x = np.asarray(x, dtype=np.float64)
    m = np.max(np.where(np.isfinite(x), x, -np.inf), axis=axis, keepdims=True)
    e = np.where(np.isfinite(x), np.exp(np.where(np.isfinite(x), x - m, 0.0)), 0.0)
    return e / e.sum(axis=axis, keepdims=True)


def rounded(x: np.ndarray, decimals: int = DECIMALS) -> np.ndarray:
    return np.round(np.asarray(x, dtype=np.float64), decimals)


class Site:
    """One attention of the trace: its arrays, the labels of its query and key axes, its layer count."""

    def __init__(self, trace, stack: str, sublayer: str):
        self.trace, self.stack, self.sublayer = trace, stack, sublayer
        self.n_layers = trace.n_layers
        if stack == "encoder":
            self.rows = self.cols = list(trace.src_tokens or trace.tokens)
        elif sublayer == "cross_attn":
            self.rows, self.cols = list(trace.tgt_tokens), list(trace.src_tokens)
        else:
            self.rows = self.cols = list(trace.tgt_tokens or trace.tokens)

    def __call__(self, kind: str, layer: int) -> np.ndarray:
        return self.trace[act_name(kind, layer, self.stack, self.sublayer)]

    def draw(self, rng: np.random.Generator) -> tuple[int, int, int]:
        """A layer, a head and a query row."""
        layer = int(rng.integers(self.n_layers))
        h = int(rng.integers(self("pattern", layer).shape[0]))
        i = int(rng.integers(len(self.rows)))
        return layer, h, i

    def view(self, layer: int, h: int, i: int, j: int | None = None) -> dict:
        view = {"layer": layer, "head": h, "query": i, "stack": self.stack, "sublayer": self.sublayer}
        if j is not None:
            view["key"] = j
        return view

    def where(self, layer: int, h: int) -> dict:
        return {"layer": layer, "head": h, "attn": text(f"exercises.attn.{self.stack}.{self.sublayer}")}


def scaled_score(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """s = q·k / √d_k from the dot product shown. Bugs: no ÷√d_k, ÷d_k, ×√d_k, ÷√d_model."""
    layer, h, i = site.draw(rng)
    q, k = site("q", layer)[h], site("k", layer)[h]
    allowed = site("mask", layer)[i]
    keys = np.flatnonzero(allowed)
    j = int(rng.choice(keys))
    d_k = q.shape[-1]
    d_model = d_k * site("pattern", layer).shape[0]
    dot = float(rounded(q[i] @ k[j]))
    answer = dot / np.sqrt(d_k)
    return Instance(
        NUMBER, text("exercises.prompt.scaled_score", q=site.rows[i], k=site.cols[j], d_k=d_k, **site.where(layer, h)),
        answer, section=section, tolerance=tolerance_for(answer),
        bugs={"no_scale": dot, "divide_by_d_k": dot / d_k, "multiply_by_sqrt_d_k": dot * np.sqrt(d_k),
              "sqrt_d_model": dot / np.sqrt(d_model)},
        show={"q·k": dot, "d_k": d_k},
        hints=(text("exercises.hint.scaled_score.cells", q=site.rows[i], k=site.cols[j]),
               text("exercises.hint.scaled_score.formula", d_k=d_k),
               text("exercises.hint.worked")),
        solution=(rf"\frac{{q\cdot k}}{{\sqrt{{d_k}}}} = \frac{{{dot:.4f}}}{{\sqrt{{{d_k}}}}} = {answer:.4f}",),
        params=site.view(layer, h, i, j))


def attention_weight(site: Site, rng: np.random.Generator, section: str, unscaled: bool = False) -> Instance | None:
    """One weight a_ij of the softmax, from the whole score matrix of a head (and its mask) as shown.

    ``unscaled``: the matrix shown is QKᵀ before ÷√d_k (self-attention page: the learner scales first).
    Bugs: softmax over the wrong axis, exp without normalising, scores normalised without exp, the mask
    left out, masked scores set to 0 instead of −∞, the mask transposed, (unscaled) no ÷√d_k or ÷d_k."""
    layer, h, i = site.draw(rng)
    if len(site.cols) < 2:
        return None  # the softmax must have something to do
    mask = site("mask", layer).astype(bool)
    d_k = site("q", layer).shape[-1]
    scaled = site("scores", layer)[h].astype(np.float64)
    shown = rounded(scaled * np.sqrt(d_k) if unscaled else scaled)
    s = shown / np.sqrt(d_k) if unscaled else shown  # what the learner should feed to the softmax

    allowed = np.flatnonzero(mask[i])
    j = int(rng.choice(allowed))
    answer = float(softmax(np.where(mask, s, -np.inf))[i, j])
    model = float(site("pattern", layer)[h, i, j])
    bugs = {"softmax_wrong_axis": float(softmax(np.where(mask, s, -np.inf), axis=0)[i, j]),
            "exp_not_normalised": float(np.exp(s[i, j])),
            "no_exp": float(s[i, j] / np.where(mask[i], s[i], 0.0).sum())}
    if len(allowed) < 2:
        return None  # one key left: its weight is 1 whatever the scores
    if not mask[i].all():  # the row has masked keys: leaving them in is a slip with a value
        bugs["no_mask"] = float(softmax(s)[i, j])
        bugs["mask_zero"] = float(softmax(np.where(mask, s, 0.0))[i, j])
    if not mask.all() and mask.shape[0] == mask.shape[1] and mask.T[i, j]:
        bugs["mask_transposed"] = float(softmax(np.where(mask.T, s, -np.inf))[i, j])
    if unscaled:
        bugs["softmax_no_scale"] = float(softmax(np.where(mask, shown, -np.inf))[i, j])
        bugs["divide_by_d_k"] = float(softmax(np.where(mask, shown / d_k, -np.inf))[i, j])
    prompt = "exercises.prompt.weight_unscaled" if unscaled else "exercises.prompt.weight"
    return Instance(
        NUMBER, text(prompt, q=site.rows[i], k=site.cols[j], d_k=d_k, **site.where(layer, h)), answer,
        section=section, tolerance=tolerance_for(answer, abs(answer - model)), bugs=bugs,
        show={"scores": np.where(mask, shown, -np.inf) if not unscaled else shown, "mask": mask.astype(int)},
        labels={"rows": site.rows, "cols": site.cols},
        hints=(text("exercises.hint.weight.cells", q=site.rows[i]),
               text("exercises.hint.weight.formula_unscaled" if unscaled else "exercises.hint.weight.formula",
                    d_k=d_k),
               text("exercises.hint.worked")),
        solution=_softmax_solution(np.where(mask[i], s[i], -np.inf), j, site.cols),
        params=site.view(layer, h, i, j))


def _softmax_solution(row: np.ndarray, j: int, labels: list[str]) -> tuple[str, ...]:
    finite = np.isfinite(row)
    m = row[finite].max()
    e = np.where(finite, np.exp(np.where(finite, row - m, 0.0)), 0.0)
    terms = " + ".join(f"{v:.4f}" for v in e[finite])
    return (rf"e^{{s_j - {m:.4f}}}:\ {terms} = {e.sum():.4f}",
            rf"a_{{{j}}} = \frac{{{e[j]:.4f}}}{{{e.sum():.4f}}} = {e[j] / e.sum():.4f}")


def strongest_key(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """Which key does query i give the most weight to, in one head? Bug: the column read instead of the row."""
    layer, h, i = site.draw(rng)
    pattern = site("pattern", layer)[h]
    best = clear_winner(list(pattern[i]), margin=0.05)
    if best is None:
        return None
    bugs = {}
    if pattern.shape[0] == pattern.shape[1]:
        column = clear_winner(list(pattern[:, i]), margin=0.05)
        if column is not None and column != best:
            bugs["read_column"] = column
    others = [g for g in range(site("pattern", layer).shape[0]) if g != h]
    for g in others:
        other = clear_winner(list(site("pattern", layer)[g, i]), margin=0.05)
        if other is not None and other != best and other not in bugs.values():
            bugs["other_head"] = other
            break
    return Instance(
        CHOICE, text("exercises.prompt.strongest_key", q=site.rows[i], **site.where(layer, h)), best,
        section=section, bugs=bugs, choices=tuple(site.cols),
        hints=(text("exercises.hint.strongest_key.cells", q=site.rows[i]),
               text("exercises.hint.strongest_key.formula", q=site.rows[i]), text("exercises.hint.worked")),
        reveal=text("exercises.reveal.strongest_key", k=site.cols[best], w=f"{pattern[i, best]:.3f}"),
        params=site.view(layer, h, i))


def pick_pattern(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """Which of three heat maps is the model's attention? The others are the same scores put through a bug:
    no ÷√d_k, softmax down the columns, or (with a mask) the mask left out."""
    layer, h, _ = site.draw(rng)
    mask = site("mask", layer).astype(bool)
    s = site("scores", layer)[h].astype(np.float64)
    d_k = site("q", layer).shape[-1]
    real = softmax(np.where(mask, s, -np.inf))
    candidates = {"model": real,
                  "softmax_no_scale": softmax(np.where(mask, s * np.sqrt(d_k), -np.inf)),
                  "softmax_wrong_axis": softmax(np.where(mask, s, -np.inf), axis=0)}
    if not mask.all():
        candidates["no_mask"] = softmax(s)
        del candidates["softmax_no_scale"]
    if any(np.abs(m - real).max() < 0.1 for name, m in candidates.items() if name != "model"):
        return None  # a bug map too close to the real one: not a fair question
    names = list(candidates)
    order = [int(x) for x in rng.permutation(len(names))]
    shown = [names[k] for k in order]
    return Instance(
        CHOICE, text("exercises.prompt.pick_pattern", **site.where(layer, h)), shown.index("model"),
        section=section, bugs={name: shown.index(name) for name in shown if name != "model"},
        choices=tuple(text("exercises.choice.map", n=n + 1) for n in range(len(shown))),
        show={"maps": [candidates[name] for name in shown]}, labels={"rows": site.rows, "cols": site.cols},
        hints=(text("exercises.hint.pick_pattern.cells"), text("exercises.hint.pick_pattern.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.pick_pattern"), params=site.view(layer, h, 0))


def mask_grid(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """Predict, then reveal: tick the cells the mask blocks. Bugs: the mask transposed, the diagonal blocked
    too, nothing blocked; on cross-attention, the decoder's causal mask applied to the source."""
    layer = int(rng.integers(site.n_layers))
    allowed = site("mask", layer).astype(bool)[:GRID_MAX, :GRID_MAX]  # a grid of checkboxes: the first positions
    blocked = tuple(tuple(int(not a) for a in row) for row in allowed)
    bugs = {"no_mask": tuple(tuple(0 for _ in row) for row in allowed)}
    if allowed.shape[0] == allowed.shape[1]:
        bugs["mask_transposed"] = tuple(tuple(int(not a) for a in row) for row in allowed.T)
        bugs["mask_blocks_self"] = tuple(tuple(int((not a) or r == c) for c, a in enumerate(row))
                                         for r, row in enumerate(allowed))
    if site.sublayer == "cross_attn":  # the decoder's causal mask carried over to the source by mistake
        T_q, T_k = allowed.shape
        bugs["cross_causal"] = tuple(tuple(int(c > r) for c in range(T_k)) for r in range(T_q))
    bugs = {tag: grid for tag, grid in bugs.items() if grid != blocked}
    return Instance(
        GRID, text("exercises.prompt.mask_grid", **site.where(layer, 0)), blocked, section=section, bugs=bugs,
        labels={"rows": site.rows[:GRID_MAX], "cols": site.cols[:GRID_MAX]},
        hints=(text("exercises.hint.mask_grid.cells"), text(f"exercises.hint.mask_grid.formula.{site.sublayer}"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.mask_grid", n=int(np.sum(blocked)), total=int(allowed.size)),
        params=site.view(layer, 0, 0))


def scale_effect(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """Predict, then reveal: without ÷√d_k, does query i's largest weight grow, shrink or stay? (It grows.)"""
    layer, h, i = site.draw(rng)
    mask = site("mask", layer).astype(bool)
    s = site("scores", layer)[h].astype(np.float64)
    d_k = site("q", layer).shape[-1]
    with_scale = float(softmax(np.where(mask, s, -np.inf))[i].max())
    without = float(softmax(np.where(mask, s * np.sqrt(d_k), -np.inf))[i].max())
    # Multiplying a row by √d_k > 1 shrinks every e^(s_j − s_max) of the other keys, so the largest weight can
    # only grow: the answer is always "grows"; the draw is skipped when the change is too small to see.
    if without - with_scale < 0.02:
        return None
    return Instance(
        CHOICE, text("exercises.prompt.scale_effect", q=site.rows[i], d_k=d_k, **site.where(layer, h)), 0,
        section=section, bugs={"scaling_sharpens": 1},
        choices=(text("exercises.choice.grows"), text("exercises.choice.shrinks"), text("exercises.choice.same")),
        hints=(text("exercises.hint.scale_effect.cells"), text("exercises.hint.scale_effect.formula", d_k=d_k),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.scale_effect", before=f"{with_scale:.3f}", after=f"{without:.3f}"),
        params=site.view(layer, h, i))
