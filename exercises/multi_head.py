"""Multi-head exercises: where a head's output lands in the concatenation, what W_O does, how many weights."""

from __future__ import annotations

import numpy as np

from .attention import Site, rounded
from .core import CHOICE, NUMBER, Instance, text


def concat_column(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """Head n's dimension d lands in column n·d_k + d of the concatenation. Bugs: heads interleaved
    (d·h + n), the head ignored (d), counted from 1."""
    layer, h, i = site.draw(rng)
    n_heads, _, d_k = site("z", layer).shape
    d = int(rng.integers(1, d_k))
    answer = h * d_k + d
    concat, z = site("concat", layer), site("z", layer)
    if not np.isclose(concat[i, answer], z[h, i, d]):  # the model's own layout, not an assumption
        return None
    bugs = {"heads_interleaved": d * n_heads + h, "head_ignored": d, "counted_from_one": (h + 1) * d_k + d}
    return Instance(
        NUMBER, text("exercises.prompt.concat_column", head=h, d=d, d_k=d_k, n_heads=n_heads), answer,
        section=section, tolerance=0.25, bugs={k: v for k, v in bugs.items() if v != answer},
        hints=(text("exercises.hint.concat_column.cells", d_k=d_k), text("exercises.hint.concat_column.formula"),
               text("exercises.hint.worked")),
        solution=(rf"{h}\cdot {d_k} + {d} = {answer}",), params=site.view(layer, h, i), decimals=0)


def output_value(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """MultiHead(X) at (i, c) is Concat·W_O, not the concatenation itself nor one head's z. A choice among the
    three numbers the trace holds."""
    layer, h, i = site.draw(rng)
    d_k = site("z", layer).shape[-1]
    c = int(rng.integers(d_k))
    values = {"model": float(site("out", layer)[i, c]), "forgot_W_O": float(site("concat", layer)[i, c]),
              "one_head_only": float(site("z", layer)[h, i, c])}
    if h == 0:
        values["one_head_only"] = float(site("z", layer)[1 % site("z", layer).shape[0], i, c])
    if min(abs(a - b) for n, a in enumerate(values.values()) for b in list(values.values())[n + 1:]) < 1e-3:
        return None
    names = list(values)
    shown = [names[k] for k in rng.permutation(len(names))]
    return Instance(
        CHOICE, text("exercises.prompt.output_value", q=site.rows[i], c=c, layer=layer), shown.index("model"),
        section=section, bugs={name: shown.index(name) for name in shown if name != "model"},
        choices=tuple(f"{values[name]:.4f}" for name in shown),
        hints=(text("exercises.hint.output_value.cells"), text("exercises.hint.output_value.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.output_value", out=f"{values['model']:.4f}",
                    concat=f"{values['forgot_W_O']:.4f}"),
        params=site.view(layer, h, i))


def attention_parameters(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """Weights of one multi-head attention: W_Q, W_K, W_V and W_O, each d_model × d_model, no biases in this
    model. Bugs: W_O forgotten, biases added, per-head d_k × d_k blocks."""
    n_heads, _, d_k = site("z", 0).shape
    d_model = n_heads * d_k
    answer = 4 * d_model * d_model
    bugs = {"layer_forgot_W_O": 3 * d_model * d_model, "with_biases": answer + 4 * d_model,
            "d_k_squared": 4 * n_heads * d_k * d_k}
    return Instance(
        NUMBER, text("exercises.prompt.attention_parameters", d_model=d_model, h=n_heads, d_k=d_k), float(answer),
        section=section, tolerance=0.5, bugs={k: float(v) for k, v in bugs.items()},
        hints=(text("exercises.hint.attention_parameters.cells"),
               text("exercises.hint.attention_parameters.formula", d_model=d_model), text("exercises.hint.worked")),
        solution=(rf"4 \times {d_model} \times {d_model} = {answer}",), params={}, decimals=0)


def strongest_head(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """Which head gives query i's largest weight to key j? A read-off across heads."""
    layer, _, i = site.draw(rng)
    pattern = site("pattern", layer)  # (h, T_q, T_k)
    allowed = np.flatnonzero(site("mask", layer)[i])
    j = int(rng.choice(allowed))
    column = rounded(pattern[:, i, j], 3)
    order = np.argsort(column)[::-1]
    if column[order[0]] - column[order[1]] < 0.05:
        return None
    best = int(order[0])
    weakest = int(order[-1])
    return Instance(
        CHOICE, text("exercises.prompt.strongest_head", q=site.rows[i], k=site.cols[j], layer=layer), best,
        section=section, bugs={"read_smallest": weakest},
        choices=tuple(text("exercises.choice.head", n=n) for n in range(pattern.shape[0])),
        hints=(text("exercises.hint.strongest_head.cells", q=site.rows[i], k=site.cols[j]),
               text("exercises.hint.strongest_head.formula"), text("exercises.hint.worked")),
        reveal=text("exercises.reveal.strongest_head", weights=" · ".join(f"{w:.3f}" for w in column)),
        params=site.view(layer, best, i, j))
