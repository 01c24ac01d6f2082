"""Blocks several lessons share: a named tensor as a heatmap, an attention score and a softmax row
recomputed by hand. They select from the trace and recompute one number; nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import streamlit as st

from . import figures, figures_rnn, widgets
from .i18n import t

FIGURE_TTL_S = 15 * 60
FIGURES_KEPT = 40  # per builder (see _cached)


def _cached(builder):
    """Content-addressed: Streamlit hashes the arrays and labels, so equal inputs share one figure across
    reruns and sessions (figures are never mutated after building). Only for builders slower than the
    lookup (~1 ms): a single heatmap rebuilds faster than that.

    Bounded by count and age: a Plotly figure of a sentence is large in memory (small_multiples: ~1.2 MB and
    ~2,300 Python objects), so 256 per builder let a server grow by up to ~300 MB per builder over a few
    classes and slowed every rerun (the garbage collector walks all those objects; bench/bench_class.py,
    ageing runs). 40 hold a class of 40 learners' sentences on the page they are on; a figure is dropped
    15 minutes after it was built (and rebuilt if asked for again). Measured over 320 sentences (eight classes
    of 40 in a row, with the 64 traces of ui/loaders.py): resident memory levels off at 570–590 MB, against
    ~700 MB with 64 figures and 256 traces, and reruns were no slower (burst p95 1.6–2.1 s both ways)."""
    return st.cache_resource(max_entries=FIGURES_KEPT, ttl=FIGURE_TTL_S, show_spinner=False)(builder)


small_multiples = _cached(figures.small_multiples)  # 8 heatmaps: ~9 ms to build, ~1 ms from the cache
scatter_2d = _cached(figures.scatter_2d)  # the whole vocabulary
architecture = _cached(figures.architecture)  # dozens of shapes
lines = _cached(figures.lines)  # curves that do not change with the selection (PE, the √d_k toy, training loss)
fixed_heatmap = _cached(figures.heatmap)  # large heatmaps that never change (PE table), and views.tensor(cached=True)
unrolled = _cached(figures_rnn.unrolled)  # one box and three arrows per character
structures = _cached(figures_rnn.structures)  # never changes
grouped_bars = _cached(figures.grouped_bars)  # the accuracy table of the four models: the same for every sentence


@st.cache_resource(max_entries=FIGURES_KEPT, ttl=FIGURE_TTL_S, show_spinner=False)
def power_lines(*args, **kwargs):
    """figures.lines with a log y axis labelled 10⁻¹², 10⁻⁸ … instead of plotly's SI prefixes (1p, 1n …)."""
    return figures.lines(*args, **kwargs).update_yaxes(exponentformat="power")


def dims(n: int) -> list[str]:
    """Column labels for the n dimensions of a vector: "0" … "n−1"."""
    return [str(i) for i in range(n)]


def tensor(trace, name: str, rows: Sequence[str], cols: Sequence[str] | None = None, *, head: int | None = None,
           detail: str | None = None, key: str | None = None, matrix: np.ndarray | None = None,
           cached: bool = False, **heatmap_kw) -> np.ndarray:
    """Show trace[name] (or one head of it) as a labelled heatmap with its CSV; returns the 2-D matrix.

    ``matrix``: the part of the tensor to draw instead (e.g. its first 32 hidden units); the title still
    gives the full tensor's name and shape. ``cached``: build through the content-addressed cache, for a
    page with many heatmaps whose selections a learner flips back and forth (the LSTM's six gates).
    """
    full = trace[name]
    m = matrix if matrix is not None else (full[head] if head is not None else full)
    if head is not None:
        detail = ", ".join(x for x in (t("fig.head", n=head), detail) if x)
    cols = dims(m.shape[1]) if cols is None else cols
    build = fixed_heatmap if cached else figures.heatmap
    fig = build(m, rows, cols, title=figures.tensor_title(name, full.shape, detail), **heatmap_kw)
    widgets.figure(fig, key=key or f"{name}.{head}", csv=(m, rows, cols))
    return m


def score_by_hand(q: np.ndarray, k: np.ndarray, model_score: float, q_label: str, k_label: str) -> float:
    """score = q·k / √d_k with the actual numbers, next to the value the model computed."""
    d_k = q.shape[-1]
    products = q * k
    dot = float(products.sum())
    st.markdown(t("check.score_intro", q=widgets.md_escape(q_label), k=widgets.md_escape(k_label), d_k=d_k))
    st.latex(rf"q = {widgets.vector_latex(q)}")
    st.latex(rf"k = {widgets.vector_latex(k)}")
    terms = " + ".join(_term(v) for v in products[:2])
    st.latex(rf"q\cdot k = \sum_{{d=0}}^{{{d_k - 1}}} q_d k_d = {terms} + \dots + {_term(products[-1])} = {dot:.4f}")
    ours = dot / np.sqrt(d_k)
    st.latex(rf"\frac{{q\cdot k}}{{\sqrt{{d_k}}}} = \frac{{{dot:.4f}}}{{\sqrt{{{d_k}}}}} = {ours:.4f}")
    widgets.agreement(ours, model_score)
    return ours


def _term(v: float) -> str:
    """A summand for a LaTeX sum: negative numbers in parentheses."""
    return f"({v:.4f})" if v < 0 else f"{v:.4f}"


def softmax_by_hand(scores_row: np.ndarray, pattern_row: np.ndarray, key_labels: Sequence[str]) -> None:
    """One softmax row: exp(s − max) / Σ, masked keys (−∞) giving exactly 0, next to the model's row."""
    s = np.asarray(scores_row, dtype=np.float64)
    finite = np.isfinite(s)
    m = s[finite].max()
    e = np.where(finite, np.exp(np.where(finite, s - m, 0.0)), 0.0)
    ours = e / e.sum()
    st.markdown(t("check.softmax_intro", max=f"{m:.4f}", total=f"{e.sum():.4f}"))
    widgets.table({
        t("check.col_key"): list(key_labels),
        t("check.col_score"): [("−∞" if not f else f"{v:.4f}") for v, f in zip(s, finite)],
        t("check.col_exp"): [f"{v:.4f}" for v in e],
        t("check.col_ours"): [f"{v:.4f}" for v in ours],
        t("check.col_model"): [f"{v:.4f}" for v in pattern_row],
    })
    widgets.agreement(float(ours.max()), float(np.asarray(pattern_row)[int(ours.argmax())]))


def attention_pair(trace, site: str, head: int, rows: Sequence[str], cols: Sequence[str], query: int,
                   q_title: str, k_title: str, masked: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Scores (or masked scores) and the softmax pattern of one head, side by side, query row outlined."""
    left, right = st.columns(2)
    score_name = f"{site}.hook_masked_scores" if masked else f"{site}.hook_scores"
    with left:
        s = tensor(trace, score_name, rows, cols, head=head, highlight_row=query, x_title=k_title, y_title=q_title,
                   signed=True)
    with right:
        p = tensor(trace, f"{site}.hook_pattern", rows, cols, head=head, highlight_row=query, x_title=k_title,
                   y_title=q_title, zmin=0.0, zmax=1.0)
    return s, p


def weights_bar(weights: np.ndarray, labels: Sequence[str], title: str, key: str) -> None:
    best = int(np.argmax(weights))
    widgets.figure(figures.bars(labels, weights, title=title, highlight=best, y_title=t("fig.weight"), height=300),
                   key=key, csv=(np.asarray(weights)[None, :], [t("fig.weight")], list(labels)))
