"""Chained exercises: the second step is graded on the learner's own first answer (error carried forward).

Score, then weight: the learner scales one dot product (step one); step two asks for that key's attention
weight from the row of scaled scores, with the learner's own score in its cell, so a slip in step one is named
there and not charged again.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .attention import Site, rounded, softmax
from .core import FOLLOW_UPS, NUMBER, Instance, text, tolerance_for

CHAIN = "score_then_weight"


def score_then_weight(site: Site, rng: np.random.Generator, section: str) -> Instance | None:
    """Step one: s_ij = q·k / √d_k from the dot product shown (the other keys' scaled scores are shown for step
    two). Bugs as for a single score."""
    layer, h, i = site.draw(rng)
    allowed = np.flatnonzero(site("mask", layer)[i])
    if len(allowed) < 2:
        return None
    # step two needs a weight big enough that its slips land apart from it (one key always has ≥ 1/T)
    j = int(rng.choice([a for a in allowed if site("pattern", layer)[h, i, a] >= 0.05]))
    q, k = site("q", layer)[h], site("k", layer)[h]
    d_k = q.shape[-1]
    dot = float(rounded(q[i] @ k[j]))
    answer = dot / np.sqrt(d_k)
    row = rounded(site("scores", layer)[h, i])  # the others, scaled, as shown in step two
    return Instance(
        NUMBER, text("exercises.prompt.chain_score", q=site.rows[i], k=site.cols[j], d_k=d_k, **site.where(layer, h)),
        answer, section=section, tolerance=tolerance_for(answer),
        bugs={"no_scale": dot, "divide_by_d_k": dot / d_k, "multiply_by_sqrt_d_k": dot * np.sqrt(d_k)},
        show={"q·k": dot, "d_k": d_k},
        hints=(text("exercises.hint.scaled_score.cells", q=site.rows[i], k=site.cols[j]),
               text("exercises.hint.scaled_score.formula", d_k=d_k), text("exercises.hint.worked")),
        solution=(rf"\frac{{{dot:.4f}}}{{\sqrt{{{d_k}}}}} = {answer:.4f}",),
        params={**site.view(layer, h, i, j), "row": tuple(float(v) for v in row),
                "allowed": tuple(int(a) for a in allowed), "cols": tuple(site.cols)},
        follow=CHAIN)


def weight_from_own_score(first: Instance, value: float) -> Instance:
    """Step two: a_ij = softmax of the row, the learner's ``value`` standing in cell j. Bugs: exp without
    normalising, no exp, the learner's score left out of the sum."""
    p = first.params
    j = p["key"]
    allowed = list(p["allowed"])
    row = np.full(len(p["row"]), -np.inf)
    row[allowed] = np.asarray(p["row"], dtype=np.float64)[allowed]
    own = round(float(value), 4)
    row[j] = own
    answer = float(softmax(row)[j])
    others = row[[a for a in allowed if a != j]]
    e_others = np.exp(others - row[np.isfinite(row)].max())
    bugs = {"exp_not_normalised": float(np.exp(own)),
            "no_exp": own / float(np.sum(row[allowed])) if np.sum(row[allowed]) != 0 else None,
            "sum_without_own": float(np.exp(own - row[np.isfinite(row)].max()) / e_others.sum())}
    shown = np.where(np.isfinite(row), row, -np.inf)
    return replace(
        first, kind=NUMBER, type=first.type, answer=answer, tolerance=tolerance_for(answer),
        prompt=text("exercises.prompt.chain_weight", q=first.prompt.fields["q"], k=first.prompt.fields["k"],
                    s=f"{own:.4f}"),
        bugs={t: v for t, v in bugs.items() if v is not None and np.isfinite(v)},
        show={"scores": shown[None, :]}, labels={"rows": [str(first.prompt.fields["q"])], "cols": list(p["cols"])},
        hints=(text("exercises.hint.weight.cells", q=first.prompt.fields["q"]),
               text("exercises.hint.weight.formula", d_k=first.prompt.fields["d_k"]), text("exercises.hint.worked")),
        solution=(rf"a_{{{j}}} = \frac{{e^{{{own:.4f}}}}}{{\sum_{{j'}} e^{{s_{{j'}}}}}} = {answer:.4f}",),
        params={**p, "step": 2, "carried": own}, follow="")


FOLLOW_UPS[CHAIN] = weight_from_own_score
