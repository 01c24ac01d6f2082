"""Blocks several lessons share: a named tensor as a heatmap, an attention score and a softmax row
recomputed by hand. They select from the trace and recompute one number; nothing more.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import streamlit as st

from tutorial_model.trace import Key, key_name

from . import figures, figures_rnn, widgets
from .frozen_figure import FrozenFigure, freeze
from .i18n import t

FIGURE_TTL_S = 15 * 60
FIGURES_KEPT = 40  # per builder (see _cached)
HEATMAPS_KEPT = 400  # the per-selection bar charts: several a page for each of a class of 40


def _frozen(builder):
    @functools.wraps(builder)
    def build(*args, **kwargs):
        return figures.frozen(builder, *args, **kwargs)

    return build


def _cached(builder, max_entries: int = FIGURES_KEPT):
    """Content-addressed: Streamlit hashes the arrays and labels, so equal inputs share one figure across
    reruns and sessions (figures are never mutated after building). Only for builders slower than the
    lookup (~1 ms): a single heatmap rebuilds faster than that.

    Bounded by count and age: a Plotly figure of a sentence is large in memory (small_multiples: ~1.2 MB and
    ~2,300 Python objects), so 256 per builder let a server grow by up to ~300 MB per builder over a few
    classes and slowed every rerun (the garbage collector walks all those objects; bench/bench_class.py,
    ageing runs). 40 hold a class of 40 learners' sentences on the page they are on; a figure is dropped
    15 minutes after it was built (and rebuilt if asked for again). Measured over 320 sentences (eight classes
    of 40 in a row, with the 64 traces of ui/loaders.py): resident memory levels off at 570–590 MB, against
    ~700 MB with 64 figures and 256 traces, and reruns were no slower (burst p95 1.6–2.1 s both ways).

    What is kept is a FrozenFigure (its plotly dict, made once), so a rerun that finds it does not rebuild,
    copy or validate the figure again: only the JSON is made per send."""
    return st.cache_resource(max_entries=max_entries, ttl=FIGURE_TTL_S, show_spinner=False)(_frozen(builder))


def _small_multiples(*args, **kwargs) -> FrozenFigure:
    return FrozenFigure(figures.spec(*figures.small_multiples_parts(*args, **kwargs)))  # no go.Figure: see heatmap


small_multiples = _cached(_small_multiples)  # 8 heatmaps: a few ms to build, ~1 ms from the cache
scatter_2d = _cached(figures.scatter_2d)  # the whole vocabulary
architecture = _cached(figures.architecture)  # dozens of shapes
lines = _cached(figures.lines)  # curves that do not change with the selection (PE, the √d_k toy, training loss)
unrolled = _cached(figures_rnn.unrolled)  # one box and three arrows per character
structures = _cached(figures_rnn.structures)  # never changes
grouped_bars = _cached(figures.grouped_bars)  # the accuracy table of the four models: the same for every sentence
bars = _cached(figures.bars, HEATMAPS_KEPT)  # attention rows, next-word probabilities
logp_bars = _cached(figures.logp_bars, HEATMAPS_KEPT)  # next-word probabilities as ln p bars from a floor
hbars = _cached(figures.hbars, HEATMAPS_KEPT)  # attention rows of a long sentence in a narrow column


def heatmap(matrix: np.ndarray, rows: Sequence[str], cols: Sequence[str], **kwargs) -> FrozenFigure:
    """figures.heatmap as the dict plotly would make of it, made directly (figures.spec): ~0.2 ms against ~1 ms to
    build the go.Figure and copy it back out, so it is not cached (a cache lookup hashes the matrix and the labels
    and would cost as much; every new sentence is a miss anyway). views.tensor and the pages' heatmaps."""
    return FrozenFigure(figures.spec(*figures.heatmap_parts(matrix, rows, cols, **kwargs)))


fixed_heatmap = _cached(figures.heatmap)  # large heatmaps that never change (PE table)


@st.cache_resource(max_entries=FIGURES_KEPT, ttl=FIGURE_TTL_S, show_spinner=False)
def power_lines(*args, **kwargs):
    """figures.lines with a log y axis labelled 10⁻¹², 10⁻⁸ … instead of plotly's SI prefixes (1p, 1n …)."""
    return freeze(figures.lines(*args, **kwargs).update_yaxes(exponentformat="power"))


# What a hook holds, in words, by its kind (hook_pattern → "pattern"; the hook name itself becomes the subtitle).
# Lambdas so that each key is looked up in the learner's language when the title is built.
_WHAT = {
    "pattern": lambda: t("title.pattern"),
    "weights": lambda: t("title.pattern"),
    "scores": lambda: t("title.scores"),
    "masked_scores": lambda: t("title.masked_scores"),
    "mask": lambda: t("title.mask"),
    "q": lambda: t("title.q"),
    "k": lambda: t("title.k"),
    "v": lambda: t("title.v"),
    "z": lambda: t("title.z"),
    "concat": lambda: t("title.concat"),
    "in": lambda: t("title.layer_in"),
    "resid": lambda: t("title.resid"),
    "pre": lambda: t("title.ffn_pre"),
    "hidden": lambda: t("title.ffn_hidden"),
    "probs": lambda: t("title.probs"),
    "logits": lambda: t("title.logits"),
    "token": lambda: t("title.embed"),
    "scaled": lambda: t("title.scaled"),
    "pos": lambda: t("title.pe"),
    "x": lambda: t("title.enc_input"),
    "memory": lambda: t("title.memory"),
    "context": lambda: t("title.context"),
    "h": lambda: t("title.hidden"),
}
_NAMED = {  # names that are not hooks: a weight, a table, a formula
    "pe": lambda: t("title.pe"),
    "weight": lambda: t("title.embed_table"),
    "sinusoidal_encoding": lambda: t("title.pe_curves"),
    "PE·PEᵀ": lambda: t("title.pe_dots"),
}
_OUT = {"self_attn": lambda: t("title.attn_out"), "cross_attn": lambda: t("title.attn_out"),
        "ffn": lambda: t("title.ffn_out"), "norm1": lambda: t("title.norm_out"), "norm2": lambda: t("title.norm_out"),
        "norm3": lambda: t("title.norm_out")}
_PLACE = {("encoder", "self_attn"): lambda: t("title.enc_self"), ("decoder", "self_attn"): lambda: t("title.dec_self"),
          ("decoder", "cross_attn"): lambda: t("title.cross"), ("decoder", "attn"): lambda: t("title.lstm_attn"),
          ("encoder", "cell"): lambda: t("title.enc_cell"), ("decoder", "cell"): lambda: t("title.dec_cell")}


def human_title(name: str, *details: object) -> str | None:
    """"Attention weights · encoder self-attention · layer 0 · head 2" for
    ``encoder.layers.0.self_attn.hook_pattern`` with the detail "head 2"; None for a name it does not know."""
    parts = name.split(".")
    last = parts[-1]
    if last == "hook_out" and len(parts) > 1:
        what = _OUT.get(parts[-2], lambda: None)()
    elif last in ("norm1", "norm2", "norm3"):
        what = t("title.norm")
    elif last.startswith("hook_"):
        what = _WHAT.get(last.removeprefix("hook_"), lambda: None)()
    else:
        what = _NAMED.get(last, lambda: None)()
    if what is None and last.startswith("hook_") and len(parts) > 1 and parts[-2] == "cell":
        what = t("title.gates")  # the LSTM's f, i, g, o, c: the detail says which
    if what is None:
        return None
    words = [what]
    stack = parts[0]
    if len(parts) > 3 and parts[1] == "layers":
        module = parts[3]
        place = _PLACE.get((stack, module))
        if place is not None and module != last:
            words.append(place())
        words.append(t("title.all_layers") if parts[2] == "*" else t("control.layer_n", n=parts[2]))
    elif len(parts) > 2 and (stack, parts[1]) in _PLACE:
        words.append(_PLACE[(stack, parts[1])]())
    words += [str(d) for d in details if d not in (None, "")]
    return " · ".join(words)


def title(key: Key, shape: Sequence[int], *details: object) -> str:
    """A figure's title in words, with the hook name and the tensor's shape as its subtitle. ``key``: a trace key
    (``("pattern", "*", "decoder", "cross_attn")``, see trace.key_name) or a name (``"src_embed.pe"``)."""
    name = key_name(key)
    return figures.tensor_title(name, shape, *details, human=human_title(name, *details))


def dims(n: int) -> list[str]:
    """Column labels for the n dimensions of a vector: "0" … "n−1"."""
    return [str(i) for i in range(n)]


def tensor(trace, name: Key, rows: Sequence[str], cols: Sequence[str] | None = None, *, head: int | None = None,
           detail: str | None = None, key: str | None = None, matrix: np.ndarray | None = None,
           cached: bool = False, **heatmap_kw) -> np.ndarray:
    """Show trace[name] (or one head of it) as a labelled heatmap with its CSV; returns the 2-D matrix. ``name``
    is a trace key (``("pattern", 0, "decoder", "cross_attn")``) or a hook name; the widget key is the hook name.

    ``matrix``: the part of the tensor to draw instead (e.g. its first 32 hidden units); the title still
    gives the full tensor's name and shape. Always built as a FrozenFigure straight from its dict (views.heatmap);
    ``cached`` is kept for the callers that asked for the cache before that was cheaper than a lookup.
    """
    name = trace.name(name)
    full = trace[name]
    m = matrix if matrix is not None else (full[head] if head is not None else full)
    if head is not None:
        detail = ", ".join(x for x in (t("fig.head", n=head), detail) if x)
    cols = dims(m.shape[1]) if cols is None else cols
    fig = heatmap(m, rows, cols, title=title(name, full.shape, detail), **heatmap_kw)
    widgets.figure(fig, key=key or (name if head is None else f"{name}.head{head}"), csv=(m, rows, cols))
    return m


def score_by_hand(q: np.ndarray, k: np.ndarray, model_score: float, q_label: str, k_label: str) -> float:
    """score = q·k / √d_k with the actual numbers, next to the value the model computed."""
    d_k = q.shape[-1]
    products = q * k
    dot = float(products.sum())
    st.markdown(t("check.score_intro", q=widgets.md_escape(q_label), k=widgets.md_escape(k_label), d_k=d_k))
    st.latex(rf"q = {widgets.vector_latex(q)}")
    st.latex(rf"k = {widgets.vector_latex(k)}")
    terms = widgets.signed_sum(products[:2])
    last = widgets.plus(products[-1])
    st.latex(rf"q\cdot k = \sum_{{d=0}}^{{{d_k - 1}}} q_d k_d = {terms} + \dots{last} = {dot:.4f}")
    ours = dot / np.sqrt(d_k)
    st.latex(rf"\frac{{q\cdot k}}{{\sqrt{{d_k}}}} = \frac{{{dot:.4f}}}{{\sqrt{{{d_k}}}}} = {ours:.4f}")
    widgets.agreement(ours, model_score)
    return ours


PRESENT_KEYS = 5  # presenting: the softmax table's rows (a 23-character sentence's 23 ran 550–730 px past the screen)


def kept_keys(weights: Sequence[float], keep: int) -> list[int]:
    """The ``keep`` keys with the largest weights (ties: the earlier one), in sentence order: what a presented
    softmax table lists, the rest folded into one row. All of them when folding would save no row."""
    w = np.asarray(weights, dtype=np.float64)
    if len(w) <= keep + 1:
        return list(range(len(w)))
    return sorted(np.argsort(-w, kind="stable")[:keep].tolist())


def softmax_by_hand(scores_row: np.ndarray, pattern_row: np.ndarray, key_labels: Sequence[str]) -> None:
    """One softmax row: exp(s − max) / Σ, masked keys (−∞) giving exactly 0, next to the model's row."""
    s = np.asarray(scores_row, dtype=np.float64)
    finite = np.isfinite(s)
    m = s[finite].max()
    e = np.where(finite, np.exp(np.where(finite, s - m, 0.0)), 0.0)
    ours = e / e.sum()
    from . import present

    model = np.asarray(pattern_row, dtype=np.float64)
    kept = kept_keys(ours, PRESENT_KEYS) if present.presenting() else list(range(len(s)))
    rest = sorted(set(range(len(s))) - set(kept))
    st.markdown(t("check.softmax_intro", max=f"{m:.4f}", total=f"{e.sum():.4f}"))
    columns = {
        t("check.col_key"): [key_labels[k] for k in kept],
        t("check.col_score"): [("−∞" if not finite[k] else f"{s[k]:.4f}") for k in kept],
        t("check.col_exp"): [f"{e[k]:.4f}" for k in kept],
        t("check.col_ours"): [f"{ours[k]:.4f}" for k in kept],
        t("check.col_model"): [f"{model[k]:.4f}" for k in kept],
    }
    if rest:  # the folded keys: their sums, so the column still adds up to the total above
        for name, value in zip(columns, (t("check.others", n=len(rest)), "…", f"{e[rest].sum():.4f}",
                                         f"{ours[rest].sum():.4f}", f"{model[rest].sum():.4f}")):
            columns[name].append(value)
    widgets.table(columns, strong=kept.index(int(ours.argmax())) if rest else None)
    widgets.agreement(float(ours.max()), float(np.asarray(pattern_row)[int(ours.argmax())]))


def attention_pair(trace, site: tuple | str, head: int, rows: Sequence[str], cols: Sequence[str], query: int,
                   q_title: str, k_title: str, masked: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Scores (or masked scores) and the softmax pattern of one head, side by side, query row outlined.
    ``site``: (layer, stack, sublayer), e.g. ``(0, "decoder", "self_attn")``, or its module path
    ``"decoder.layers.0.self_attn"``."""
    if isinstance(site, str):
        stack, _, layer, sublayer = site.split(".")  # stack.layers.L.sublayer
        site = (int(layer), stack, sublayer)
    left, right = widgets.columns(2)
    with left:
        s = tensor(trace, ("masked_scores" if masked else "scores", *site), rows, cols, head=head,
                   highlight_row=query, x_title=k_title, y_title=q_title, signed=True)
    with right:
        p = tensor(trace, ("pattern", *site), rows, cols, head=head, highlight_row=query, x_title=k_title,
                   y_title=q_title, zmin=0.0, zmax=1.0)
    return s, p


def weights_bar(weights: np.ndarray, labels: Sequence[str], title: str, key: str, width: int = 450) -> None:
    """One row of attention weights as bars; ``width``: about how wide its column is (px), so that the numbers on
    the bars and the token labels are sized for it (two decimals: a weight's first two carry what the bar shows)."""
    best = int(np.argmax(weights))
    if figures.columns_fit(labels, weights, 2, width):
        fig = bars(labels, weights, title=title, highlight=best, y_title=t("fig.weight"), height=300, decimals=2,
                   width=width)
    else:  # more tokens than the column can name and number side by side: a row each
        fig = hbars(labels, weights, title=title, highlight=best, x_title=t("fig.weight"), decimals=2, width=width)
    widgets.figure(fig,
                   key=key, csv=(np.asarray(weights)[None, :], [t("fig.weight")], list(labels)))


PART_HEIGHT = 510  # px: presenting, figures alone in a part under one row of controls on a 1366×768 screen
PRESENT_GRID_HEIGHT = 460  # px: a grid of heads under the bar and one row of controls on a 1366×768 screen


def _grid_lines(fig) -> int:
    return len({tuple(a["domain"]) for k, a in fig.to_dict()["layout"].items() if k.startswith("yaxis")})


def heads_shown(heads: Sequence[int], n_heads: int) -> str:
    """A presented grid's title words: which heads of the layer it draws ("all heads of this layer", "head 2 of 4",
    "heads 0–1 of 4")."""
    if len(heads) == n_heads:
        return t("multi.all_heads")
    if len(heads) == 1:
        return t("multi.head_of", head=heads[0], n=n_heads)
    return t("multi.heads_of", first=heads[0], last=heads[-1], n=n_heads)


def all_heads(trace, stack: str, module: str, n_layers: int, n_heads: int, rows: Sequence[str], cols: Sequence[str],
              *, layer: int, head: int | None, x_title: str, y_title: str, key: str, detail: str | None = None) -> None:
    """Every head's attention weights in a grid (layer × head), the chosen one outlined. Presenting: the chosen
    layer's heads only, in the largest type (figures.small_multiples' ``scale``: built for it, not scaled after, so
    cell titles keep clear of the tick labels) at which the heads stand in one row no taller than
    PRESENT_GRID_HEIGHT; when they do not, fewer heads a figure (each figure a part of its own). Each grows into
    the part's free height. ``head`` None: none outlined; ``detail``: the title's last words (default: which
    heads)."""
    from . import present

    presenting = present.presenting()
    layers = [layer] if presenting else list(range(n_layers))
    shape = trace["pattern", layer, stack, module].shape
    name = ("pattern", layer if presenting else "*", stack, module)

    def grid(heads: Sequence[int], scale: float, max_height: int | None = None):
        mats = [[trace["pattern", n, stack, module][k] for k in heads] for n in layers]
        return small_multiples(
            mats, rows, cols, grid_rows=[t("control.layer_n", n=n) for n in layers],
            grid_cols=[t("control.head_n", n=k) for k in heads],
            highlight=(layers.index(layer), list(heads).index(head)) if head in heads else None,
            title=title(name, shape if presenting else (n_layers, *shape),
                        detail or (heads_shown(list(heads), n_heads) if presenting else t("multi.all"))),
            x_title=x_title, y_title=y_title, width=1200 if presenting else 850, scale=scale, max_height=max_height)

    if not presenting:
        widgets.figure(grid(range(n_heads), 1.0), key=key)
        return
    # under the section's heading and short text (widgets.figure joins them): that much lower
    room = max(present.JOINED_MIN_HEIGHT, PRESENT_GRID_HEIGHT - present.text_above())
    figs = []
    for scale in (present.FIGURE_SCALE, 1.25, 1.0):
        for per in sorted({n_heads, -(-n_heads // 2), 1}, reverse=True):
            figs = [grid(range(k, min(k + per, n_heads)), scale) for k in range(0, n_heads, per)]
            if all(_grid_lines(f) == 1 and f.to_dict()["layout"]["height"] <= room for f in figs):
                break
        else:
            continue
        break
    else:  # a long sentence: even one head a figure is too tall with every row labelled; lower rows, fewer labels
        figs = [grid([k], 1.0, room) for k in range(n_heads)]
    for n, fig in enumerate(figs):
        widgets.figure(fig, key=key if n == 0 else f"{key}.{n}", projector=False, fill=True)
