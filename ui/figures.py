"""Pure figure builders: numpy arrays + token labels → plotly Figure. No Streamlit, no model.

Conventions (as in bertviz: views take tensors and labels, never models):
  * every builder checks that the labels fit the array and raises ValueError saying how they differ;
  * token labels are text: ``<bos>`` is escaped to ``&lt;bos&gt;`` because plotly reads ``<…>`` in
    labels as HTML, and repeated tokens get invisible zero-width suffixes so a categorical axis keeps
    one tick per position (two 的 in a sentence stay two columns);
  * every text a builder receives (labels, titles) is escaped by the builder; titles name the tensor
    and its shape, e.g. ``encoder.layers.0.self_attn.hook_pattern · head 2 · (4, 5, 5)``;
  * colour scales are colour-blind safe: Viridis for non-negative values, RdBu for signed ones
    (centred on 0), the Okabe–Ito palette for lines and grouped bars;
  * hover shows the row and column labels and the value to float32 precision; a heatmap's Chinese labels
    also their pinyin (ui/pinyin_hover.py).

Figures are assembled as plain dicts and wrapped by ``go.Figure(spec, _validate=False)``: building
them through ``update_layout``/``add_shape`` calls validates at every step and costs ten times more,
which a page with ten heatmaps feels on every rerun (25 ms → 9 ms on the self-attention page).
tests/test_figures.py validates every builder's output in full instead.
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from _plotly_utils.basevalidators import is_homogeneous_array
from _plotly_utils.utils import to_typed_array_spec
from plotly.colors import get_colorscale

from . import label_place, pinyin_hover
from .frozen_figure import FrozenFigure, freeze

FONT = ("Source Sans Pro, Helvetica Neue, Arial, DejaVu Sans, Noto Sans CJK SC, Source Han Sans SC, PingFang SC, "
        "Microsoft YaHei, sans-serif")  # Latin first (clean √ and ·), CJK fonts for the characters
# Explicit [position, colour] lists: the figures skip plotly's validation, which is what would expand a
# name like "RdBu_r" (unknown to plotly.js) into colours.
SEQUENTIAL = get_colorscale("Viridis")
DIVERGING = get_colorscale("RdBu_r")  # negative blue, positive red, white at 0
MASKED_COLOUR = "#d0d0d0"
MASK_OFF, MASK_ON = "#eeeeee", "#0072B2"  # a 0/1 mask: blocked light grey, allowed Okabe–Ito blue
HIGHLIGHT = "#d62728"
BASE = "#1f77b4"
# Figures follow the app's light or dark theme: no background of their own (Streamlit's plotly theme draws the
# page's), text in the theme's colour (no colour set), and lines and muted text in greys readable on both.
GRID = "rgba(128,128,128,0.25)"
MUTED = "#888888"
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")  # Okabe–Ito
ZWSP = "\u200b"
VALUE_FORMAT = ".7g"  # float32 carries about 7 significant digits
_BOTTOM_LEGEND = {"orientation": "h", "yref": "container", "y": 0.01, "yanchor": "bottom", "x": 0}
ARCHITECTURE_LABELS = ("embed_src", "embed_tgt", "self_attn", "masked_attn", "cross_attn", "add_norm", "ffn", "encoder",
                       "decoder", "generator", "memory", "source", "target_in", "output")


# ---- labels and titles --------------------------------------------------------------------------------

def esc(label: object) -> str:
    """Text for plotly: ``<`` ``>`` ``&`` escaped so tokens like <bos> show as typed."""
    return html.escape(str(label), quote=False)


def axis_labels(labels: Sequence[object]) -> list[str]:
    """Escaped labels, made unique with zero-width spaces so repeated tokens keep their own tick."""
    seen: dict[str, int] = {}
    out = []
    for raw in labels:
        label = esc(raw)
        n = seen.get(label, 0)
        seen[label] = n + 1
        out.append(label + ZWSP * n)
    return out


def tensor_title(name: str, shape: Sequence[int], *details: object, human: str | None = None) -> str:
    """``name · detail · (shape)`` — the tensor's hook name and its full shape (escaped by the builders).

    With ``human`` (e.g. "Attention weights · layer 0 · head 0"), that is the title and the hook name with
    the shape its subtitle, on a second line: ``human\\nname · (shape)``.
    """
    if human:
        return f"{human}\n{name} · {tuple(int(s) for s in shape)}"
    parts = [name, *(str(d) for d in details if d not in (None, "")), str(tuple(int(s) for s in shape))]
    return " · ".join(parts)


def _check_matrix(matrix: np.ndarray, rows: Sequence, cols: Sequence, what: str = "matrix") -> np.ndarray:
    m = np.asarray(matrix)
    if m.ndim != 2:
        raise ValueError(f"{what} must be 2-D (rows × columns), got shape {m.shape}")
    if m.shape != (len(rows), len(cols)):
        raise ValueError(f"{what} has shape {m.shape} but got {len(rows)} row labels and {len(cols)} column "
                         f"labels; they must match ({m.shape[0]} rows, {m.shape[1]} columns)")
    return m


TITLE_SIZE, SUBTITLE_SIZE = 14, 12
DEFAULT_WIDTH = 450  # px a figure is assumed to get when its caller does not say: half a page at 1280 px


def _title_lines(title: str, width: float) -> tuple[list[str], list[str]]:
    """The title's lines and its subtitle's lines, wrapped to ``width`` px (plotly never wraps a title).

    "human\\nsubtitle" puts the subtitle on its own lines; an older "name · detail · shape" title keeps the
    name on the first line and the rest below it, so narrow columns do not clip it."""
    if "\n" in title:
        main, _, sub = title.partition("\n")
    else:
        main, sep, sub = title.partition(" · ")
    room = max(120.0, (width - 40) / 1.1)  # Streamlit's chart theme draws titles bold: ~10 % wider
    return (wrap(main, room, TITLE_SIZE) if main else []), (wrap(sub, room, SUBTITLE_SIZE) if sub else [])


def _title(title: str, width: float = DEFAULT_WIDTH) -> str:
    main, sub = _title_lines(title, width)
    text = "<br>".join(esc(line) for line in main)
    if sub:
        small = "<br>".join(esc(line) for line in sub)
        text += f"<br><span style='font-size:{SUBTITLE_SIZE}px'>{small}</span>"
    return text


def title_height(title: str, width: float = DEFAULT_WIDTH) -> int:
    """Pixels the (wrapped) title takes above the plot."""
    main, sub = _title_lines(title, width)
    return 26 + 19 * len(main) + 16 * len(sub) if (main or sub) else 20


def _layout(title: str, height: int, width: float = DEFAULT_WIDTH, **kw) -> dict:
    top = title_height(title, width)
    layout = {
        "title": {"text": _title(title, width), "x": 0, "xanchor": "left", "y": 1, "yref": "container",
                  "yanchor": "top", "pad": {"t": 16}, "font": {"size": TITLE_SIZE}},
        "height": height + max(0, top - 56),
        "margin": {"l": 70, "r": 20, "t": max(56, top), "b": 56},
        "font": {"family": FONT, "size": 13},
        "hoverlabel": {"font": {"family": FONT}},
    }
    layout.update(kw)
    return layout


def _automargin(layout: dict) -> dict:
    for key, axis in layout.items():  # long token labels ("<bos> → the") push the margins instead of being clipped
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            axis.setdefault("automargin", True)
            if isinstance(axis.get("title"), dict):  # Streamlit's theme puts axis titles 24–32 px away: keep them close
                axis["title"].setdefault("standoff", 8)
    return layout


_AS_SPEC: ContextVar[bool] = ContextVar("tl_figure_as_spec", default=False)  # set by frozen() around a builder


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """Every builder here ends by returning this, and only that (frozen() relies on it)."""
    if _AS_SPEC.get():
        return FrozenFigure(spec(data, layout))
    return go.Figure({"data": data, "layout": _automargin(layout)}, _validate=False)


def frozen(builder, *args, **kwargs) -> FrozenFigure:
    """``builder(*args, **kwargs)`` as a FrozenFigure, made as ``spec`` makes one: no go.Figure built and copied back
    out (2 ms of a page view's server time for the bars, lines and diagrams it caches, bench/bench_split.py).
    For the builders of this module and figures_rnn, whose figure is the ``_figure`` they return; any other
    figure is reduced to its dict. The JSON is the same (tests/test_frozen_figure.py)."""
    token = _AS_SPEC.set(True)
    try:
        fig = builder(*args, **kwargs)
    finally:
        _AS_SPEC.reset(token)
    return freeze(fig)


_UNTYPED_KEYS = frozenset(("geojson", "layer", "layers", "range"))  # plotly's is_skipped_key
_SCALARS = (str, int, float, type(None))  # never an array (bool is an int)


# plotly's to_typed_array_spec: the dtypes plotly.js reads as typed arrays, and the int64 / uint64 narrowings it tries
_SHORT_TYPES = {"int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2", "int32": "i4", "uint32": "u4",
                "float32": "f4", "float64": "f8"}
_NARROWER = {"int64": (np.int8, np.int16, np.int32), "uint64": (np.uint8, np.uint16, np.uint32)}


def _typed_array(v):
    """Plotly's ``to_typed_array_spec`` for a plain numeric numpy array, without its general conversion (narwhals,
    pandas, read-only copies): about a tenth of the time. Anything else is plotly's own."""
    if type(v) is not np.ndarray or v.dtype.kind not in "iuf" or not v.size or not v.dtype.isnative:
        return to_typed_array_spec(v)
    v = np.ascontiguousarray(v)  # the bytes in C order, as plotly's copy has them
    if str(v.dtype) in _NARROWER:
        lo, hi = v.min(), v.max()
        narrower = next((t for t in _NARROWER[str(v.dtype)] if np.iinfo(t).min <= lo and hi <= np.iinfo(t).max), None)
        if narrower is None:
            return to_typed_array_spec(v)  # too wide for plotly.js: plotly leaves the array as it is
        v = v.astype(narrower)
    short = _SHORT_TYPES.get(str(v.dtype))
    if short is None:
        return to_typed_array_spec(v)
    out = {"dtype": short, "bdata": base64.b64encode(v).decode("ascii")}
    if v.ndim > 1:
        out["shape"] = str(v.shape)[1:-1]
    return out


def typed_arrays(obj) -> None:
    """Plotly's ``convert_to_base64`` in place: every numpy array held under a dict key (not one held in a list, not
    under a skipped key) becomes a typed-array spec; the result is the same (tests/test_frozen_figure.py). Plotly's
    walk asks every value of every dict whether it is an array (numpy, pandas, narwhals, anything with
    ``__array__``): 1.8 ms of a page view's server time (bench/bench_split.py). This does not ask plain strings and
    numbers, and asks everything else as plotly does."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key in _UNTYPED_KEYS:
                continue
            if isinstance(value, (dict, list, tuple)):
                typed_arrays(value)
            elif not isinstance(value, _SCALARS) and is_homogeneous_array(value):
                obj[key] = _typed_array(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            if isinstance(value, (dict, list, tuple)):
                typed_arrays(value)


_TEMPLATES: dict[str, dict] = {}  # plotly template name → its dict (read only)


def spec(data: list[dict], layout: dict) -> dict:
    """What ``_figure(data, layout).to_dict()`` gives, made without building a go.Figure: plotly's current default
    template in the layout and numpy arrays as typed arrays, as plotly does. Building the figure (its property
    objects and a copy of the template) and copying it back out took about half of a page's server time.
    The template dict is shared between specs: never change a spec (tests/test_frozen_figure.py checks equality)."""
    import plotly.io as pio

    out = {"data": data, "layout": _automargin(layout)}
    typed_arrays(out)
    name = pio.templates.default
    if name and "template" not in layout:
        if name not in _TEMPLATES:
            _TEMPLATES[name] = pio.templates[name].to_plotly_json()
        layout["template"] = _TEMPLATES[name]
    return out


def _vline(x: float, label: str = "", colour: str = MUTED, log: bool = False) -> tuple[dict, dict | None]:
    """A dashed vertical line with a label on top. On a log axis shapes take data values but
    annotations take log10 of them (plotly's rule)."""
    shape = {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
             "line": {"color": colour, "dash": "dash", "width": 1.5}}
    note = ({"x": math.log10(x) if log else x, "y": 1, "xref": "x", "yref": "paper", "text": esc(label),
             "showarrow": False,
             "yanchor": "bottom", "font": {"size": 11, "color": colour}} if label else None)
    return shape, note


def _fmt(v: float) -> str:
    if not math.isfinite(v):
        return "−∞" if v < 0 else ("∞" if v > 0 else "nan")
    return f"{v:{VALUE_FORMAT}}"


def _hover(y_title: str, x_title: str, value: str = f"%{{z:{VALUE_FORMAT}}}") -> str:
    return f"{esc(y_title) or 'row'}: %{{y}}<br>{esc(x_title) or 'column'}: %{{x}}<br>value: {value}<extra></extra>"


def text_px(text: str, size: float) -> float:
    """About how wide ``text`` is at font ``size`` px: CJK and full-width characters one em, others 0.6 em."""
    return size * _text_em(str(text))


@lru_cache(maxsize=4096)
def _text_em(text: str) -> float:  # kept: the same tick labels are measured for every figure of every page
    plain = html.unescape(re.sub(r"<[^>]*>", "", text)).replace(ZWSP, "")
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in plain)


def _is_int(label: str) -> bool:
    return label.lstrip("-−").isdigit()


NICE_STEPS = (1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 256, 500, 1000)


MIN_TICK = 11  # px: the smallest tick label a learner reads at 1280 px (tests/test_figures.py holds axes to it)


def _pair(widths: Sequence[float], step: int) -> float:
    """The widest pair of labels ``step`` apart (mean of the two): what must fit between their ticks."""
    if len(widths) <= step:
        return max(widths)
    return max((widths[i] + widths[i + step]) / 2 for i in range(len(widths) - step))


def _x_layouts(widths: Sequence[float], per: float, size: int, min_size: int) -> tuple[str, int] | None:
    """How category labels ``widths`` px-per-px-of-font wide fit ``per`` px each at ≥ ``min_size`` px, in order of
    preference: level, slanted at full size, level on two staggered lines, upright; None when none fits.
    Neighbours are measured in pairs, so one long label ("<unk>") among characters does not turn them all."""
    flat = int((per - 3) / _pair(widths, 1))
    if flat >= min_size:
        return "level", min(size, flat)
    if per >= 1.9 * size and sorted(widths)[len(widths) // 2] > 2:  # words, not characters: a slant reads well
        return "slanted", size
    staggered = int((2 * per - 3) / _pair(widths, 2))
    if staggered >= min_size:  # every other label one line lower: twice the room each (characters stay level)
        return "staggered", min(size, staggered)
    if int(per / 1.25) >= min_size:
        return "upright", min(size, int(per / 1.25))
    return None


def x_room_needed(labels: Sequence[str], min_size: int = MIN_TICK) -> float:
    """The fewest px an x axis needs to show every one of ``labels`` at ``min_size`` px or more."""
    labels = list(labels)
    if not labels or all(_is_int(s) for s in labels):
        return 0.0
    widths = [max(text_px(s, 1.0), 0.6) for s in labels]
    per = min(_pair(widths, 1) * min_size + 3, (_pair(widths, 2) * min_size + 3) / 2, min_size * 1.25 + 0.5)
    return per * len(labels)


def category_ticks(labels: Sequence[str], room_px: float, *, axis: str = "x", size: int = 12,
                   min_size: int = MIN_TICK) -> dict:
    """Axis settings that label every category (tokens are never skipped) at ``min_size`` px or more: level,
    slanted, level on two staggered lines, then upright. The caller gives the axis the room (x_room_needed; for y,
    about 1.3 × min_size px a row): with less, the labels keep ``min_size`` and run into each other.

    ``room_px``: about how long the axis is on screen. Labels that are all whole numbers (dimensions,
    positions) are the one exception: they are thinned to a step from NICE_STEPS so that neighbours do not
    run into each other ("96104112120"), since any number can be read off its neighbours.
    """
    labels = list(labels)
    n = len(labels)
    if n == 0:
        return {}
    per = max(room_px, 1.0) / n
    if n > 1 and all(_is_int(s) for s in labels):
        need = (max(text_px(s, size) for s in labels) + 10) if axis == "x" else size * 1.6
        step = next((k for k in NICE_STEPS if per * k >= need), NICE_STEPS[-1])
        idx = range(0, n, step)
        return {"tickmode": "array", "tickvals": [labels[i] for i in idx], "ticktext": [labels[i] for i in idx],
                "tickangle": 0, "tickfont": {"size": size}}
    out = {"tickmode": "array", "tickvals": labels, "ticktext": labels}
    if axis == "y":
        out["tickfont"] = {"size": max(min_size, min(size, int(per / 1.25)))}
        return out
    widths = [max(text_px(s, 1.0), 0.6) for s in labels]  # px per px of font size
    how, font = _x_layouts(widths, per, size, min_size) or ("upright", min_size)
    out.update(tickangle={"slanted": -45, "upright": -90}.get(how, 0), tickfont={"size": font})
    if how == "staggered":
        out["ticktext"] = [s if i % 2 == 0 else "<br>" + s for i, s in enumerate(labels)]
    return out


def thinned_ticks(labels: Sequence[str], room_px: float, *, axis: str = "x", size: int = MIN_TICK) -> dict:
    """Every k-th category labelled, k as small as lets neighbouring labels clear each other at ``size`` px in
    ``room_px`` (the first always): for a map read for its shape, where a label per cell would pile up. On x the
    labels stand upright when that labels more of them than level ones would."""
    labels = list(labels)
    n = len(labels)
    if n == 0:
        return {}
    per = max(room_px, 1.0) / n
    line = size * 1.3  # one line of type: what a row label, or an upright column label, needs across
    widest = max(text_px(s, size) for s in labels) + 6
    upright = axis == "x" and math.ceil(widest / per) > math.ceil(line / per)
    step = max(1, math.ceil((line if axis == "y" or upright else widest) / per))
    idx = range(0, n, step)
    return {"tickmode": "array", "tickvals": [labels[i] for i in idx], "ticktext": [labels[i] for i in idx],
            "tickangle": -90 if upright else 0, "tickfont": {"size": size}}


def _tick_depth(ticks: dict) -> float:
    """How far (px) an x axis's tick labels reach below the plot."""
    labels, size = ticks.get("ticktext") or [""], ticks.get("tickfont", {}).get("size", 12)
    widest = max(text_px(s, size) for s in labels)
    angle = abs(ticks.get("tickangle", 0))
    lines = 2 if any(str(s).startswith("<br>") for s in labels) else 1
    return size * 1.4 * lines if angle == 0 else (widest * 0.72 + size if angle == 45 else widest + 6)


def values_fit(n_rows: int, n_cols: int, room_w: float, room_h: float, decimals: int, size: int = 11) -> bool:
    """Whether a number like ``0.00`` fits inside one cell of an n_rows × n_cols heatmap drawn in that room."""
    sample = "−0." + "0" * decimals if decimals else "−0"
    return room_w / max(n_cols, 1) >= text_px(sample, size) + 6 and room_h / max(n_rows, 1) >= size + 5


_CLOSING = frozenset("，。、；：？！）》」』】〉,.;:!?)]}")
_OPENING = frozenset("（《「『【〈([{")


def wrap(text: str, max_px: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``max_px`` at font ``size``: between " · " parts first, then at
    spaces or between CJK characters inside a part too long for a line (closing punctuation stays on the line it
    closes, opening punctuation on the line it opens); a single long word stays whole."""
    def pieces(part: str) -> list[str]:
        out: list[str] = []
        for p in re.findall(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+", part):
            if out and p[0] in _CLOSING:  # "，" "）" never start a line: they go with what they close
                space = out.pop() if out[-1].isspace() and len(out) > 1 else ""
                out[-1] += space + p
            elif out and out[-1].rstrip()[-1:] in _OPENING:  # "（" never ends one: it goes with what it opens
                out[-1] += p
            else:
                out.append(p)
        return out

    parts = str(text).split(" · ")
    lines, cur = [], ""
    for n, part in enumerate(parts):
        piece = part if n == 0 else " · " + part
        if not cur or text_px(cur + piece, size) <= max_px:
            cur += piece
            continue
        lines.append(cur)
        cur = part
    lines.append(cur)
    out = []
    for line in lines:  # a line still too wide: break it inside
        if text_px(line, size) <= max_px:
            out.append(line)
            continue
        cur, start = "", len(out)
        for w in pieces(line):
            if cur and text_px(cur + w.rstrip(), size) > max_px:
                out.append(cur.rstrip())
                cur = w.lstrip()
            else:
                cur += w
        if cur.strip():
            out.append(cur.rstrip())
        if len(out) - start >= 2 and len(out[-1]) == 1 and _cjk(out[-1]) and len(out[-2]) >= 3 and _cjk(out[-2][-1]) \
                and out[-2][-1] not in _CLOSING and out[-2][-2] not in _OPENING:
            out[-2], out[-1] = out[-2][:-1], out[-2][-1] + out[-1]  # no character alone on the last line
    return [line for line in out if line.strip()] or [""]


def _cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\uffff"


# ---- heatmaps -----------------------------------------------------------------------------------------

def heatmap(matrix: np.ndarray, rows: Sequence, cols: Sequence, **kwargs) -> go.Figure:
    """A labelled heatmap (see heatmap_parts for the arguments)."""
    return _figure(*heatmap_parts(matrix, rows, cols, **kwargs))


def heatmap_parts(matrix: np.ndarray, rows: Sequence, cols: Sequence, *, title: str, x_title: str = "",
            y_title: str = "", signed: bool | None = None, zmin: float | None = None, zmax: float | None = None,
            show_values: bool | None = None, decimals: int = 2, height: int | None = None,
            colorbar_title: str = "", highlight_row: int | None = None,
            highlight_col: int | None = None, col_groups: int | None = None,
            discrete: Sequence[str] | None = None, width: int = DEFAULT_WIDTH,
            thin: bool = False) -> tuple[list[dict], dict]:
    """A labelled heatmap's traces and layout; −inf cells (masked) are drawn grey with "−∞" instead of a colour.

    ``signed`` picks the diverging scale centred on 0 (default: when any value is negative).
    ``show_values`` writes the numbers in the cells when they fit (default: for small matrices; False: never).
    ``col_groups`` draws a separator every that many columns (heads in a concatenation).
    ``discrete``: the names of 0 and 1, for a 0/1 matrix (a mask): two colours and a two-entry legend
    instead of a continuous colour bar.
    ``width``: about how wide (px) the figure will be drawn (a half-page column at 1280 px is ~450), used to
    fit the tick labels (every row and column label is shown: smaller, then slanted, then upright), the cell
    numbers and the title.
    ``thin``: a map read for its shape (a mask), not token by token: a square plot in ``width``, labelled at every
    few positions (as many as fit, thinned_ticks) instead of growing until every label fits; a 0/1 legend below it.
    """
    m = _check_matrix(matrix, rows, cols).astype(np.float64)
    x, y = axis_labels(cols), axis_labels(rows)
    finite = np.isfinite(m)
    vals = m[finite]
    if discrete is not None:
        if len(discrete) != 2 or not np.isin(vals, (0.0, 1.0)).all():
            raise ValueError("discrete= names the two values of a 0/1 matrix; this one has other values")
        signed, zmin, zmax = False, 0.0, 1.0
    if signed is None:
        signed = bool(vals.size and vals.min() < 0)
    if signed:
        bound = float(np.max(np.abs(vals))) if vals.size else 1.0
        zmin, zmax = (-bound if zmin is None else zmin), (bound if zmax is None else zmax)
    if height is None:
        height = int(min(720, max(260, 110 + 30 * len(rows))))
    if thin:  # a square plot beside the row labels: the legend goes below it
        y_size = 11
        left = 14 + max((text_px(s, y_size) for s in y), default=0) + (24 if y_title else 0)
        height = int(max(120, width - left - 20) + 112)
    elif not all(_is_int(s) for s in y):  # every row label at MIN_TICK px or more: the figure grows with the rows
        height = max(height, 112 + int(MIN_TICK * 1.3 + 1) * len(rows))
    y_ticks = thinned_ticks(y, height - 112, axis="y") if thin else category_ticks(y, height - 112, axis="y")
    y_size = y_ticks.get("tickfont", {}).get("size", 12)
    left = 14 + max((text_px(s, y_size) for s in y_ticks.get("ticktext", [])), default=0) + (24 if y_title else 0)
    # a colour bar on the right takes ~110 px; when the columns' labels would not fit beside it, it goes below the
    # plot (horizontal) and the columns get that room
    bar_below = thin or (discrete is None and width - left - 110 < x_room_needed(x) <= width - left - 20)
    plot_w = width - left - (20 if bar_below else 110)
    x_ticks = thinned_ticks(x, plot_w, axis="x") if thin else category_ticks(x, plot_w, axis="x")
    bottom = _tick_depth(x_ticks) + (34 if x_title else 12)
    plot_h = height - 112
    if show_values is not False:
        fits = values_fit(len(rows), len(cols), plot_w, plot_h, decimals)
        show_values = fits and (m.size <= 400 if show_values is None else True)
    colorbar = {"title": {"text": esc(colorbar_title), "side": "right"}, "thickness": 14}
    if bar_below:
        colorbar.update(orientation="h", thickness=12, len=min(1.0, 260 / max(plot_w, 1)), x=0, xanchor="left",
                        yref="container", y=0, yanchor="bottom", ypad=24,  # its tick labels below it, inside
                        title={"text": esc(colorbar_title), "side": "top"})
        bottom += 54
    if discrete is not None:
        colorscale = [[0, MASK_OFF], [0.5, MASK_OFF], [0.5, MASK_ON], [1, MASK_ON]]
        colorbar.update(tickmode="array", tickvals=[0.25, 0.75], ticktext=[esc(d) for d in discrete],
                        outlinewidth=1, outlinecolor="#999",
                        **({"len": min(1.0, 220 / max(plot_w, 1))} if bar_below else {"len": 0.45, "y": 1,
                                                                                       "yanchor": "top"}))
    else:
        colorscale = DIVERGING if signed else SEQUENTIAL
    xgap = 1 if plot_w / max(len(cols), 1) >= 4 else 0  # thinner cells: a 1 px gap would be most of each cell
    # 了 (le): a Chinese row or column label's reading, in the hover (its category value), not on the tick
    xv, yv = pinyin_hover.axis_values(x, cols), pinyin_hover.axis_values(y, rows)
    x_ticks, y_ticks = pinyin_hover.ticks_for(x_ticks, x, xv), pinyin_hover.ticks_for(y_ticks, y, yv)
    trace = {"type": "heatmap", "z": np.where(finite, m, np.nan), "x": xv, "y": yv,
             "colorscale": colorscale, "xgap": xgap, "ygap": 1,
             "hovertemplate": _hover(y_title, x_title), "colorbar": colorbar}
    if signed:
        trace["zmid"] = 0
    if zmin is not None:
        trace["zmin"] = zmin
    if zmax is not None:
        trace["zmax"] = zmax
    if show_values:
        trace["texttemplate"] = f"%{{z:.{decimals}f}}"
        trace["textfont"] = {"size": 11}
    data = [trace]
    if thin and discrete is not None:  # a narrow map: the two colours as a legend below (a bar's two labels collide)
        trace["showscale"] = False
        data += [{"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": esc(name),
                  "marker": {"symbol": "square", "size": 13, "color": colour, "line": {"color": "#999", "width": 1}},
                  "hoverinfo": "skip", "showlegend": True}
                 for name, colour in zip(discrete, (MASK_OFF, MASK_ON))]
    if (~finite).any():
        data.append({"type": "heatmap", "z": np.where(finite, np.nan, 0.0), "x": xv, "y": yv, "showscale": False,
                     "colorscale": [[0, MASKED_COLOUR], [1, MASKED_COLOUR]], "xgap": xgap, "ygap": 1,
                     "text": [["" if f else _fmt(v) for v, f in zip(r, fr)] for r, fr in zip(m, finite)],
                     "texttemplate": "%{text}" if show_values else "",
                     "hovertemplate": _hover(y_title, x_title, "%{text} (masked)")})
    shapes = []
    for idx, axis in ((highlight_row, "y"), (highlight_col, "x")):
        if idx is None:
            continue
        n = len(rows) if axis == "y" else len(cols)
        if not 0 <= idx < n:
            raise ValueError(f"highlight index {idx} outside 0..{n - 1}")
        box = ({"x0": -0.5, "x1": len(cols) - 0.5, "y0": idx - 0.5, "y1": idx + 0.5} if axis == "y"
               else {"x0": idx - 0.5, "x1": idx + 0.5, "y0": -0.5, "y1": len(rows) - 0.5})
        shapes.append({"type": "rect", "xref": "x", "yref": "y", "line": {"color": HIGHLIGHT, "width": 3},
                       "fillcolor": "rgba(0,0,0,0)", **box})
    if col_groups:  # e.g. the heads side by side in a concatenation: a line every d_k columns
        for c in range(col_groups, len(cols), col_groups):
            shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": c - 0.5, "x1": c - 0.5, "y0": 0,
                           "y1": 1, "line": {"color": "black", "width": 2}})
    extra = max(0, int(bottom) - 56)  # tall (slanted) labels get their own room instead of squeezing the plot
    layout = _layout(title, height + extra, width, shapes=shapes,
                     xaxis={"type": "category", "title": {"text": esc(x_title)}, "showgrid": False, **x_ticks},
                     yaxis={"type": "category", "title": {"text": esc(y_title)}, "autorange": "reversed",
                            "showgrid": False, **y_ticks})
    layout["margin"]["b"] = max(56, int(bottom))
    if bar_below:
        layout["margin"]["r"] = 20
    if thin and discrete is not None:
        layout.update(showlegend=True, legend=_BOTTOM_LEGEND)
    return data, layout


def top_units(matrix: np.ndarray, rows: Sequence, *, k: int = 8, title: str, x_title: str = "", y_title: str = "",
              unit: str = "unit", highlight_row: int | None = None, width: int = DEFAULT_WIDTH) -> go.Figure:
    """Each row's ``k`` largest values, largest first, each cell labelled with its column's index: a readable view
    of a wide map (the FFN's 512 hidden units per token). Colour = the value; hover = unit and value."""
    m = _check_matrix(matrix, rows, [str(j) for j in range(np.asarray(matrix).shape[-1])]).astype(np.float64)
    k = max(1, min(int(k), m.shape[1]))
    order = np.argsort(-m, axis=1, kind="stable")[:, :k]  # ties: the lower index first
    top = np.take_along_axis(m, order, axis=1)
    ranks = [str(r + 1) for r in range(k)]
    data, layout = heatmap_parts(top, rows, ranks, title=title, x_title=x_title, y_title=y_title, signed=False,
                                 zmin=0.0 if top.min() >= 0 else None, show_values=False,
                                 highlight_row=highlight_row, width=width)
    fits = (width - 150) / k >= text_px("511", 11) + 8  # the unit's index in its cell (rows are ≥ 15 px high)
    # the unit indices as text (plotly's texttemplate cannot read a 2-D customdata sent as a typed array)
    data[0].update(text=[[str(int(j)) for j in row] for row in order],
                   hovertemplate=f"{esc(y_title) or 'row'}: %{{y}}<br>{esc(unit)} %{{text}}"
                                 f"<br>value: %{{z:{VALUE_FORMAT}}}<extra></extra>")
    if fits:
        data[0].update(texttemplate="%{text}", textfont={"size": 11})
    return _figure(data, layout)


def _grid_domains(n: int, gap: float) -> list[tuple[float, float]]:
    width = (1 - gap * (n - 1)) / n
    return [(round(i * (width + gap), 9), min(1.0, round(i * (width + gap) + width, 9))) for i in range(n)]


GRID_TICK_PAD = 8  # px between a grid cell's bottom and its tick labels (plotly's tick length and standoff)
GRID_TITLE_SHIFT = 4  # px between a grid cell's title and the cell below it
FRAME_PAD = 4  # px between a grid cell and the frame of the chosen one (clear of the row labels beside it)
MIN_GRID_ROW = 150  # px: a grid row's height never below this (small_multiples' max_height)


def grid_title_px(size: float) -> float:
    """How tall a grid cell's one-line title is, with its shift above the cell."""
    return size * 1.3 + GRID_TITLE_SHIFT


def small_multiples(*args, **kwargs) -> go.Figure:
    """small_multiples_parts(...) as a figure."""
    return _figure(*small_multiples_parts(*args, **kwargs))


def small_multiples_parts(mats: Sequence[Sequence[np.ndarray]], rows: Sequence, cols: Sequence, *,
                          grid_rows: Sequence[str], grid_cols: Sequence[str], title: str, x_title: str = "",
                          y_title: str = "", zmin: float = 0.0, zmax: float = 1.0, signed: bool = False,
                          highlight: tuple[int, int] | None = None, width: int = 850, scale: float = 1.0,
                          max_height: int | None = None) -> tuple[list[dict], dict]:
    """A grid of heatmaps sharing one colour scale: ``mats[r][c]`` is drawn in grid cell (r, c).

    Made for attention patterns: every cell has the same row (query) and column (key) labels, and every
    label is shown on every cell's axes (smaller or upright when the cells are narrow).
    ``signed`` uses the diverging scale (e.g. cosine similarities in −1..1). ``width``: about how wide the
    figure is drawn (px; full width of a page at 1280 px is ~850). ``scale``: type this many times larger (a
    projector), with the gaps between grid rows grown to match, so the figure needs no scaling after it is built.
    ``max_height``: the figure's height at most (a presented part); a grid that would be taller gets lower rows and
    its row labels thinned to every k-th (one line of type apart) instead of its x axis pushed out of sight.
    """
    n_r, n_c = len(grid_rows), len(grid_cols)
    if len(mats) != n_r or any(len(r) != n_c for r in mats):
        raise ValueError(f"expected a {n_r} × {n_c} grid of matrices, got {[len(r) for r in mats]} per grid row")
    for r in range(n_r):
        for c in range(n_c):
            _check_matrix(mats[r][c], rows, cols, what=f"matrix ({grid_rows[r]}, {grid_cols[c]})")
    if highlight is not None and not (0 <= highlight[0] < n_r and 0 <= highlight[1] < n_c):
        raise ValueError(f"highlight cell {highlight} outside the {n_r} × {n_c} grid")
    x, y = axis_labels(cols), axis_labels(rows)
    tick, cell_title = round(11 * scale, 1), round(12 * scale, 1)
    per_row = max(190, min(300, 60 + 22 * len(rows)), 50 + int(tick * 1.3 + 1) * len(rows))
    y_ticks = category_ticks(y, per_row - 50, axis="y", size=tick)
    left = 20 + max((text_px(s, y_ticks["tickfont"]["size"]) for s in y), default=0) + (24 if y_title else 0)
    # cells per drawn row: the grid's own columns when every key label fits at MIN_TICK px, else fewer (the grid
    # flows on, in reading order: layer 0 heads 0–1, layer 0 heads 2–3, …; every cell keeps its title)
    per_line = n_c
    room = width - left - 70  # the shared colour bar on the right
    while per_line > 1 and room * _grid_domains(per_line, 0.03)[0][1] < x_room_needed(x):
        per_line -= 1
    cells = [(r, c) for r in range(n_r) for c in range(n_c)]
    lines = math.ceil(len(cells) / per_line)
    xdom = _grid_domains(per_line, 0.03)
    cell_w = room * (xdom[0][1] - xdom[0][0])
    x_ticks = category_ticks(x, cell_w, axis="x", size=tick)
    depth = _tick_depth(x_ticks)
    row_gap = GRID_TICK_PAD + depth + grid_title_px(cell_title) + 8  # one grid row's tick labels, the next's titles
    height = 80 + per_row * lines + int(row_gap) * (lines - 1) + int(depth) + (30 if x_title else 0)
    axis_title = round(13 * scale, 1)
    top, bottom = title_height(title, width), int(depth + (GRID_TICK_PAD + 8 + axis_title * 1.3 if x_title else 14))
    over = height + max(0, top - 56) - max_height if max_height is not None else 0
    if over > 0:  # lower rows, every k-th labelled: what _layout adds for a long title counted too
        per_row = max(MIN_GRID_ROW, per_row - math.ceil(over / lines))
        height = 80 + per_row * lines + int(row_gap) * (lines - 1) + int(depth) + (30 if x_title else 0)
        y_ticks = thinned_ticks(y, per_row - 50, axis="y", size=y_ticks["tickfont"]["size"])
    above = int(grid_title_px(cell_title)) + 6  # the first grid row's cell titles, under the figure's title
    plot_h = height + max(0, top - 56) - (max(56, top) + above) - bottom  # what _layout and the margins leave
    # domains are fractions of the plot area (not of the figure): the gap in px is row_gap there
    ydom = _grid_domains(lines, row_gap / plot_h)[::-1]  # first grid row on top
    xv, yv = pinyin_hover.axis_values(x, cols), pinyin_hover.axis_values(y, rows)  # readings in the hover
    x_ticks, y_ticks = pinyin_hover.ticks_for(x_ticks, x, xv), pinyin_hover.ticks_for(y_ticks, y, yv)
    data, annotations, shapes, layout_axes = [], [], [], {}
    for n0, (r, c) in enumerate(cells):
        line, col = divmod(n0, per_line)
        n = n0 + 1
        sfx = "" if n == 1 else str(n)
        name = esc(f"{grid_rows[r]} · {grid_cols[c]}")
        m = np.asarray(mats[r][c], dtype=np.float64)
        data.append({"type": "heatmap", "z": np.where(np.isfinite(m), m, np.nan), "x": xv, "y": yv,
                     "xaxis": f"x{sfx}", "yaxis": f"y{sfx}", "coloraxis": "coloraxis", "xgap": 1, "ygap": 1,
                     "hovertemplate": _hover(y_title, x_title).replace("<extra></extra>",
                                                                       f"<extra>{name}</extra>")})
        layout_axes[f"xaxis{sfx}"] = {"domain": list(xdom[col]), "anchor": f"y{sfx}", "type": "category",
                                      "showgrid": False, "automargin": False, **x_ticks}
        # the row labels only on the left of each grid row: inner ones would run into the neighbour
        layout_axes[f"yaxis{sfx}"] = {"domain": list(ydom[line]), "anchor": f"x{sfx}", "type": "category",
                                      "autorange": "reversed", "showgrid": False, **y_ticks,
                                      "showticklabels": col == 0, "automargin": col == 0,
                                      "title": {"text": esc(y_title) if col == 0 else ""}}
        annotations.append({"text": name, "x": sum(xdom[col]) / 2, "y": ydom[line][1], "xref": "paper",
                            "yref": "paper", "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                            "yshift": GRID_TITLE_SHIFT, "font": {"size": cell_title}})
        if highlight == (r, c):
            # FRAME_PAD px outside the cell (a fraction of the cell: 2 % of a 1,100-pixel cell ran through the row
            # labels)
            cell_h = plot_h * (ydom[line][1] - ydom[line][0])
            px, py = FRAME_PAD / max(cell_w, 1.0), FRAME_PAD / max(cell_h, 1.0)
            shapes.append({"type": "rect", "xref": f"x{sfx} domain", "yref": f"y{sfx} domain", "x0": -px,
                           "x1": 1 + px, "y0": -py, "y1": 1 + py, "line": {"color": HIGHLIGHT, "width": 3}})
    if x_title:  # one axis title under the whole grid
        annotations.append({"text": esc(x_title), "x": 0.5, "y": 0, "xref": "paper", "yref": "paper",
                            "yshift": -int(depth + GRID_TICK_PAD + 4), "yanchor": "top", "showarrow": False,
                            "font": {"size": axis_title}})
    layout = _layout(title, height, width, annotations=annotations, shapes=shapes, **layout_axes,
                     coloraxis={"colorscale": DIVERGING if signed else SEQUENTIAL, "cmin": zmin, "cmax": zmax,
                                "colorbar": {"thickness": 14, "tickfont": {"size": tick}}})
    layout["margin"].update({"t": layout["margin"]["t"] + above, "b": bottom, "l": int(left) + 10})
    if scale != 1.0:
        layout["font"]["size"] = round(13 * scale, 1)
        layout["title"]["font"]["size"] = round(TITLE_SIZE * scale, 1)
        layout["title"]["text"] = layout["title"]["text"].replace(f"font-size:{SUBTITLE_SIZE}px",
                                                                  f"font-size:{SUBTITLE_SIZE * scale:.0f}px")
    return data, layout


# ---- bars, lines, scatter -----------------------------------------------------------------------------

def _bar_inputs(labels: Sequence, values: Sequence[float],
                highlight: int | Sequence[int] | None) -> tuple[np.ndarray, set[int]]:
    """``values`` as a float array of one value per label, and the highlighted indices as a set (checked)."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1 or values.size != len(labels):
        raise ValueError(f"{values.size} values (shape {values.shape}) but {len(labels)} labels")
    hl = set() if highlight is None else ({int(highlight)} if np.isscalar(highlight) else set(map(int, highlight)))
    if any(not 0 <= i < len(labels) for i in hl):
        raise ValueError(f"highlight indices {sorted(hl)} outside 0..{len(labels) - 1}")
    return values, hl


def bars(labels: Sequence, values: Sequence[float], *, title: str, x_title: str = "", y_title: str = "",
         highlight: int | Sequence[int] | None = None, height: int = 340, decimals: int = 3,
         hover: Sequence[str] | None = None, width: int = DEFAULT_WIDTH) -> go.Figure:
    """One bar per label (every label shown); bars at ``highlight`` drawn in the highlight colour.
    ``hover``: an extra line per bar for its tooltip (e.g. the probability beside a log-probability)."""
    return _figure(*_bar_parts(labels, values, title=title, x_title=x_title, y_title=y_title, highlight=highlight,
                               height=height, decimals=decimals, hover=hover, width=width))


def _bar_parts(labels: Sequence, values: Sequence[float], *, title: str, x_title: str, y_title: str,
               highlight: int | Sequence[int] | None, height: int, decimals: int, hover: Sequence[str] | None,
               width: int) -> tuple[list[dict], dict]:
    """``bars``' traces and layout, before they become a figure (``logp_bars`` adds to them)."""
    values, hl = _bar_inputs(labels, values, highlight)
    cats = axis_labels(labels)
    data = [{"type": "bar", "x": cats, "y": values, "marker": {"color": [HIGHLIGHT if i in hl else BASE
                                                                       for i in range(len(labels))]},
             "hovertemplate": f"%{{x}}: %{{y:{VALUE_FORMAT}}}<extra></extra>"}]
    numbers = [_num(v, decimals) for v in values]
    # the numbers on the bars at BAR_TEXT px, or none: plotly would shrink them to the bar's width (6 px for a long
    # sentence in a narrow column); the hover keeps every value
    if bar_numbers_fit(numbers, len(labels), width - 90):
        data[0].update(text=numbers, textposition="outside", textangle=0, cliponaxis=False,
                       textfont={"size": BAR_TEXT})
    if hover is not None:
        data[0]["customdata"] = [esc(h) for h in hover]
        data[0]["hovertemplate"] = f"%{{x}}: %{{y:{VALUE_FORMAT}}}<br>%{{customdata}}<extra></extra>"
    x_ticks = category_ticks(cats, width - 90, axis="x")
    bottom = _tick_depth(x_ticks) + (34 if x_title else 12)
    layout = _layout(title, height + max(0, int(bottom) - 56), width,
                     xaxis={"type": "category", "title": {"text": esc(x_title)}, **x_ticks},
                     yaxis={"title": {"text": esc(y_title)}, "gridcolor": GRID, "zerolinecolor": "#999"},
                     uniformtext={"minsize": BAR_TEXT, "mode": "hide"})  # in the browser too: hidden, not shrunk
    layout["margin"]["b"] = max(56, int(bottom))
    return data, layout


def log_floor(logp: Sequence[float]) -> float:
    """The ln p the bars of ``logp_bars`` rise from: a whole number at least one below the smallest ln p, so the
    least likely word keeps a visible bar and the axis ticks stay round."""
    return float(math.floor(float(np.min(logp))) - 1)


def logp_bars(labels: Sequence, probs: Sequence[float], *, title: str, x_title: str = "", y_title: str = "",
              highlight: int | Sequence[int] | None = None, height: int = 340, decimals: int = 2,
              width: int = DEFAULT_WIDTH) -> go.Figure:
    """Probabilities drawn as ln p bars that rise from a floor below the smallest (``log_floor``): the likeliest word
    has the longest bar, and a runner-up at p = 10⁻⁴ still shows (plain p drew "0.964, then nine 0.000"; bars of
    ln p hanging down from 0 gave the chosen word at ln p = −0.03 no bar at all). The axis reads ln p; each bar's
    number is its ln p and its hover gives p and ln p."""
    p = np.asarray(probs, dtype=np.float64)
    logp = np.log(np.maximum(p, 1e-45))  # p = 0 (a masked word) as the smallest float32 can hold, not −∞
    floor = log_floor(logp) if logp.size else -1.0
    data, layout = _bar_parts(labels, logp - floor, title=title, x_title=x_title, y_title=y_title,
                              highlight=highlight, height=height, decimals=decimals, hover=None, width=width)
    trace = data[0]
    trace["base"] = [floor] * len(labels)
    if "text" in trace:  # the bar's ln p, not its length above the floor
        trace["text"] = [_num(v, decimals) for v in logp]
    trace["customdata"] = [[f"{v:.4f}", f"{q:.4g}"] for v, q in zip(logp, p)]
    trace["hovertemplate"] = "%{x}<br>ln p = %{customdata[0]}<br>p = %{customdata[1]}<extra></extra>"
    top = max(0.0, float(logp.max(initial=floor)))
    layout["yaxis"]["range"] = [floor, top + 0.08 * (top - floor)]  # room for the top bar's number
    return _figure(data, layout)


def hbars(labels: Sequence, values: Sequence[float], *, title: str, x_title: str = "", y_title: str = "",
          highlight: int | Sequence[int] | None = None, decimals: int = 2, width: int = DEFAULT_WIDTH) -> go.Figure:
    """One horizontal bar per label, the first on top, its number after it: for more labels than a narrow column
    can name side by side (24 characters in 230 px), since rows take every label level at ≥ 11 px and
    leave each number the room of the bar's length instead of its thickness."""
    values, hl = _bar_inputs(labels, values, highlight)
    cats = axis_labels(labels)
    row = int(MIN_TICK * 1.3 + 2)  # px a row: its label at ≥ MIN_TICK, its bar thick enough for a number
    y_ticks = category_ticks(cats, row * len(cats), axis="y")
    numbers = [_num(v, decimals) for v in values]
    wide = max((text_px(n, BAR_TEXT) for n in numbers), default=0)
    data = [{"type": "bar", "orientation": "h", "x": values, "y": cats,
             "marker": {"color": [HIGHLIGHT if i in hl else BASE for i in range(len(labels))]},
             "text": numbers, "textposition": "outside", "textangle": 0, "cliponaxis": False,
             "textfont": {"size": BAR_TEXT}, "hovertemplate": f"%{{y}}: %{{x:{VALUE_FORMAT}}}<extra></extra>"}]
    lo, hi = min(0.0, float(values.min(initial=0))), max(0.0, float(values.max(initial=0)))
    layout = _layout(title, 112 + row * len(cats), width,
                     xaxis={"title": {"text": esc(x_title)}, "gridcolor": GRID, "zerolinecolor": "#999",
                            "range": [lo, hi or 1.0]},
                     yaxis={"type": "category", "title": {"text": esc(y_title)}, "autorange": "reversed", **y_ticks},
                     uniformtext={"minsize": BAR_TEXT, "mode": "hide"})
    layout["margin"]["r"] = int(20 + wide + 6)  # the longest bar's number, past the plot's right edge
    return _figure(data, layout)


BAR_TEXT = 11  # px: the numbers on bars, as readable as the tick labels (MIN_TICK)
BAR_SHARE = 0.8  # of its category's width a bar takes (plotly's default bargap, 0.2)


def bar_numbers_fit(numbers: Sequence[str], n_bars: int, room_px: float, size: int = BAR_TEXT) -> bool:
    """Whether each of ``numbers`` fits on top of its bar at ``size`` px: ``n_bars`` bars sharing ``room_px``."""
    bar = BAR_SHARE * max(room_px, 1.0) / max(n_bars, 1)
    return all(text_px(s, size) + 2 <= bar for s in numbers)


def columns_fit(labels: Sequence, values: Sequence[float], decimals: int, width: int = DEFAULT_WIDTH) -> bool:
    """Whether ``bars`` can name every label and print every number at ≥ 11 px in ``width``; when not, ``hbars``
    can (a row per label)."""
    cats, room = axis_labels(labels), width - 90
    return x_room_needed(cats) <= room and bar_numbers_fit([_num(v, decimals) for v in values], len(cats), room)


def _num(v: float, decimals: int) -> str:
    """A number for a label: a real minus sign, never "−0.000" for a tiny negative, and thousands separated from
    10,000 on (as the lessons' text writes counts)."""
    text = f"{v:,.{decimals}f}" if abs(v) >= 10_000 else f"{v:.{decimals}f}"
    if text.startswith("-"):
        text = "−" + text[1:]
        if not text.strip("−0."):
            text = text[1:]
    return text


def grouped_bars(labels: Sequence, series: Mapping[str, Sequence[float]], *, title: str, x_title: str = "",
                 y_title: str = "", height: int = 360, width: int = DEFAULT_WIDTH) -> go.Figure:
    """Several values per label side by side (e.g. mean and std before and after LayerNorm)."""
    cats = axis_labels(labels)
    data = []
    for i, (name, vals) in enumerate(series.items()):
        vals = np.asarray(vals, dtype=np.float64)
        if vals.shape != (len(labels),):
            raise ValueError(f"series {name!r} has shape {vals.shape}, expected ({len(labels)},) to match the labels")
        data.append({"type": "bar", "x": cats, "y": vals, "name": esc(name),
                     "marker": {"color": PALETTE[i % len(PALETTE)]},
                     "hovertemplate": f"%{{x}}: %{{y:{VALUE_FORMAT}}}<extra>{esc(name)}</extra>"})
    x_ticks = category_ticks(cats, width - 90, axis="x")
    bottom = _tick_depth(x_ticks) + (34 if x_title else 12) + 40  # and the legend below
    layout = _layout(title, height + max(0, int(bottom) - 110), width, barmode="group", legend=_BOTTOM_LEGEND,
                     xaxis={"type": "category", "title": {"text": esc(x_title)}, **x_ticks},
                     yaxis={"title": {"text": esc(y_title)}, "gridcolor": GRID, "zerolinecolor": "#999"})
    layout["margin"]["b"] = max(110, int(bottom))
    return _figure(data, layout)


def lines(x: Sequence[float], series: Mapping[str, Sequence[float]], *, title: str, x_title: str = "",
          y_title: str = "", height: int = 360, log_x: bool = False, log_y: bool = False,
          vlines: Mapping[str, float] | None = None, markers: bool = False, dashes: bool = False,
          width: int = DEFAULT_WIDTH) -> go.Figure:
    """One line per named series over a shared x; optional labelled vertical marker lines.

    ``dashes`` draws each series with its own dash pattern and a thinner line than the one before,
    so that series lying exactly on top of each other stay visible.
    """
    x = np.asarray(x, dtype=np.float64)
    data = []
    for i, (name, ys) in enumerate(series.items()):
        ys = np.asarray(ys, dtype=np.float64)
        if ys.shape != x.shape:
            raise ValueError(f"series {name!r} has shape {ys.shape} but x has shape {x.shape}")
        data.append({"type": "scatter", "x": x, "y": ys, "name": esc(name),
                     "mode": "lines+markers" if markers else "lines",
                     "line": {"color": PALETTE[i % len(PALETTE)], "width": max(1.5, 6 - 2 * i) if dashes else 2,
                              "dash": ("solid", "dash", "dot", "dashdot")[i % 4] if dashes else "solid"},
                     "hovertemplate": f"{esc(x_title) or 'x'}: %{{x}}<br>%{{y:{VALUE_FORMAT}}}"
                                      f"<extra>{esc(name)}</extra>"})
    shapes, notes = [], []
    for n, (label, xv) in enumerate(sorted((vlines or {}).items(), key=lambda kv: kv[1])):
        shape, note = _vline(xv, label, log=log_x)
        shapes.append(shape)
        if note:  # labels alternate left/right of their line so neighbours do not overlap
            note["xanchor"] = "right" if n % 2 == 0 else "left"
            notes.append(note)
    layout = _layout(title, height, width, shapes=shapes, annotations=notes, legend=_BOTTOM_LEGEND,
                     xaxis={"title": {"text": esc(x_title)}, "type": "log" if log_x else "linear",
                            "showgrid": True, "gridcolor": GRID, **(log_ticks(x) if log_x else {})},
                     yaxis={"title": {"text": esc(y_title)}, "type": "log" if log_y else "linear",
                            "gridcolor": GRID,
                            **(log_ticks(np.concatenate([np.ravel(v) for v in series.values()])) if log_y else {})})
    layout["margin"].update({"t": layout["margin"]["t"] + 14, "b": 110})
    return _figure(data, layout)


def log_ticks(values: Sequence[float] | np.ndarray) -> dict:
    """Ticks for a log axis over ``values`` that print what they mean: 0.2, 0.5, 1 … (or 10⁻⁸ …), never
    plotly's bare minor digits ("2 3 … 9" between 0.1 and 1, read as 2 … 9)."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return {}
    lo, hi = math.floor(math.log10(v.min())), math.ceil(math.log10(v.max()))
    decades = max(1, hi - lo)
    mantissas = (1, 2, 3, 4, 5, 6, 7, 8, 9) if decades <= 1 else (1, 2, 5) if decades <= 3 else (1,)
    every = max(1, math.ceil(decades / 8))  # at most ~8 labelled powers on a wide range
    vals = [m * 10.0 ** e for e in range(lo, hi + 1) for m in mantissas
            if (m > 1 or (e - lo) % every == 0) and v.min() / 1.5 <= m * 10.0 ** e <= v.max() * 1.5]
    if len(vals) < 2:
        vals = [10.0 ** e for e in range(lo, hi + 1)]
    return {"tickmode": "array", "tickvals": vals, "ticktext": [_power_text(x) for x in vals]}


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_text(x: float) -> str:
    if 1e-4 <= x < 1e5:
        return f"{x:g}"
    e = math.floor(math.log10(x) + 1e-9)
    m = round(x / 10.0 ** e)
    power = "10" + str(e).translate(_SUPERSCRIPT)
    return power if m == 1 else f"{m}×{power}"


def scatter_2d(points: np.ndarray, labels: Sequence, *, title: str, highlight: Sequence[int] = (),
               x_title: str = "", y_title: str = "", height: int = 520,
               names: tuple[str, str] = ("vocabulary", "this sentence"), width: int = DEFAULT_WIDTH) -> go.Figure:
    """Every row a labelled point; highlighted points drawn larger, in colour, with their label.
    ``names``: the legend's words for the other points and the highlighted ones (translated by the caller)."""
    pts = np.asarray(points, dtype=np.float64)
    if pts.ndim != 2 or pts.shape[1] != 2 or pts.shape[0] != len(labels):
        raise ValueError(f"points must be (n, 2) with one label each: got {pts.shape} and {len(labels)} labels")
    hl = sorted({int(i) for i in highlight})
    if any(not 0 <= i < len(labels) for i in hl):
        raise ValueError(f"highlight indices {hl} outside 0..{len(labels) - 1}")
    text = [esc(s) for s in labels]
    rest = [i for i in range(len(labels)) if i not in set(hl)]
    # fixed ranges, so that where a label lands in px is known here: the sentence's labels are placed clear of each
    # other (ui/label_place.py), and a grey label under one of them is left out (its point keeps its hover)
    pad = 0.06 * np.maximum(np.ptp(pts, axis=0), 1e-9) if len(pts) else np.ones(2)
    lo, hi = (pts.min(axis=0) - pad, pts.max(axis=0) + pad) if len(pts) else (-pad, pad)
    plot = (width - 90, height - 112)
    px = label_place.data_to_px(pts, (lo[0], hi[0]), (lo[1], hi[1]), *plot)
    where = label_place.place(px[hl], [text_px(text[i], SCATTER_TEXT) for i in hl], SCATTER_TEXT, 6, plot)
    red = [label_place.box_of(*px[i], text_px(text[i], SCATTER_TEXT), SCATTER_TEXT * label_place.LINE, w, 6)
           for i, w in zip(hl, where)]
    # a grey word is labelled when its label clears the sentence's and every grey label kept before it (the
    # vocabulary's order: the common words first); each point keeps its word in the hover
    boxes = [label_place.label_box(*px[i], text_px(text[i], VOCAB_TEXT), VOCAB_TEXT * label_place.LINE,
                                   "top center", 3) for i in rest]
    clear = label_place.thin(boxes)
    grey = [text[i] if keep and not any(label_place.overlap(box, r) for r in red) else ""
            for i, box, keep in zip(rest, boxes, clear)]
    # a label with no free side of its marker stands further out, joined to its point by a thin line
    leaders = [{"x": float(pts[i, 0]), "y": float(pts[i, 1]), "xref": "x", "yref": "y", "text": text[i],
                "ax": w[0], "ay": w[1], "showarrow": True, "arrowhead": 0, "arrowwidth": 1, "arrowcolor": HIGHLIGHT,
                "standoff": 6, "font": {"size": SCATTER_TEXT, "color": HIGHLIGHT}}
               for i, w in zip(hl, where) if not isinstance(w, str)]
    hover = "%{hovertext}<br>(%{x:.3f}, %{y:.3f})<extra></extra>"
    data = [
        {"type": "scatter", "x": pts[rest, 0], "y": pts[rest, 1], "mode": "markers+text",
         "text": grey, "hovertext": [text[i] for i in rest], "textposition": "top center",
         "textfont": {"size": VOCAB_TEXT, "color": "rgba(136,136,136,0.7)"},
         "marker": {"size": 6, "color": "#9aa7b8"}, "name": esc(names[0]), "hovertemplate": hover},
        {"type": "scatter", "x": pts[hl, 0], "y": pts[hl, 1], "mode": "markers+text",
         "text": [text[i] if isinstance(w, str) else "" for i, w in zip(hl, where)],
         "hovertext": [text[i] for i in hl],
         "textposition": [w if isinstance(w, str) else "top center" for w in where],
         "textfont": {"size": SCATTER_TEXT, "color": HIGHLIGHT},
         "marker": {"size": 12, "color": HIGHLIGHT, "line": {"color": "white", "width": 1}},
         "name": esc(names[1]), "hovertemplate": hover},
    ]
    layout = _layout(title, height, width, showlegend=True, annotations=leaders,
                     legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.02, "yanchor": "bottom"},
                     xaxis={"title": {"text": esc(x_title)}, "showgrid": True, "gridcolor": GRID,
                            "zerolinecolor": GRID, "range": [float(lo[0]), float(hi[0])]},
                     yaxis={"title": {"text": esc(y_title)}, "gridcolor": GRID, "zerolinecolor": GRID,
                            "range": [float(lo[1]), float(hi[1])]})
    layout["margin"].update(l=70, r=20, b=56)  # the plot area data_to_px was given: width − 90, height − 112
    return _figure(data, layout)


SCATTER_TEXT, VOCAB_TEXT = 16, 9  # px: the sentence's labels; the vocabulary's, smaller and lighter behind them


# ---- decoding -----------------------------------------------------------------------------------------

def beam_tree(beams: Sequence[Sequence], itos: Sequence[str], *, title: str, upto: int | None = None,
              best_path: Sequence[int] = (), height: int | None = None) -> go.Figure:
    """The hypotheses beam search kept, step by step: ``beams[s][i]`` is beam i after step s.

    Each beam is drawn at (step, rank) with its newest word; an edge joins it to its parent; the path
    of the returned translation is drawn thick. Beams are ``decoding.Beam``-like: tokens, logp, parent,
    finished. A finished beam carried over unchanged to the next step is drawn as ✓.
    """
    if not beams:
        raise ValueError("no beam-search steps to draw (was the method beam search?)")
    upto = len(beams) - 1 if upto is None else max(0, min(upto, len(beams) - 1))
    on_path = set(enumerate(best_path))
    ex, ey, bx, by = [], [], [], []
    for s in range(1, upto + 1):
        for i, b in enumerate(beams[s]):
            if b.parent is None or not 0 <= b.parent < len(beams[s - 1]):
                raise ValueError(f"beam {i} at step {s} has parent {b.parent}, outside step {s - 1}'s "
                                 f"{len(beams[s - 1])} beams")
            xs, ys = [s - 1, s, None], [b.parent, i, None]
            if (s, i) in on_path and (s - 1, b.parent) in on_path:
                bx += xs
                by += ys
            else:
                ex += xs
                ey += ys
    nx, ny, nt, nh, nc = [], [], [], [], []
    for s in range(upto + 1):
        for i, b in enumerate(beams[s]):
            carried = s > 0 and len(b.tokens) == len(beams[s - 1][b.parent].tokens)
            if s == 0:
                word = "&lt;bos&gt;"
            else:
                word = "✓" if carried else esc(itos[b.tokens[-1]])
            words = " ".join(esc(itos[t]) for t in b.tokens)
            nx.append(s)
            ny.append(i)
            nt.append(word)
            nh.append(f"step {s}, beam {i}<br>{words or '&lt;bos&gt;'}<br>log p = {b.logp:.4f}"
                      f"<br>p = {math.exp(b.logp):.4g}" + ("<br>finished" if b.finished else ""))
            nc.append(HIGHLIGHT if (s, i) in on_path else ("#009E73" if b.finished else BASE))
    data = [
        {"type": "scatter", "x": ex, "y": ey, "mode": "lines", "line": {"color": "#bbb", "width": 1.5},
         "hoverinfo": "skip", "showlegend": False},
        {"type": "scatter", "x": bx, "y": by, "mode": "lines", "line": {"color": HIGHLIGHT, "width": 4},
         "hoverinfo": "skip", "showlegend": False},
        {"type": "scatter", "x": nx, "y": ny, "mode": "markers+text", "text": nt, "textposition": "top center",
         "marker": {"size": 14, "color": nc, "line": {"color": "white", "width": 1}}, "hovertext": nh,
         "hoverinfo": "text", "showlegend": False, "textfont": {"size": 13}},
    ]
    width_beams = max(len(b) for b in beams)
    layout = _layout(title, height or int(200 + 70 * width_beams), showlegend=False,
                     xaxis={"title": {"text": "step"}, "dtick": 1, "range": [-0.5, max(upto, 1) + 0.5],
                            "showgrid": True, "gridcolor": GRID, "zeroline": False},
                     yaxis={"title": {"text": "beam (best first)"}, "dtick": 1,
                            "range": [width_beams - 0.5, -0.7], "gridcolor": GRID, "zeroline": False})
    return _figure(data, layout)


# ---- the architecture ---------------------------------------------------------------------------------

def architecture(src_tokens: Sequence[str], tgt_tokens: Sequence[str], out_tokens: Sequence[str], *,
                 n_layers: int, labels: Mapping[str, str], title: str = "", highlight: str | None = None,
                 height: int = 640) -> go.Figure:
    """The encoder–decoder diagram (paper, Figure 1) with this sentence's tokens at its inputs and output.

    ``labels`` gives the text of each box (translated by the caller), one per ARCHITECTURE_LABELS key.
    Box names double as ``highlight``.
    """
    missing = [k for k in ARCHITECTURE_LABELS if k not in labels]
    if missing:
        raise ValueError(f"architecture() needs labels for {missing}")
    shapes, notes = [], []
    L = labels

    def box(name, x0, x1, y0, y1, colour, size=13):
        strong = highlight == name
        shapes.append({"type": "rect", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "fillcolor": colour,
                       "layer": "below",
                       "line": {"color": HIGHLIGHT if strong else "#555", "width": 3 if strong else 1}})
        notes.append({"x": (x0 + x1) / 2, "y": (y0 + y1) / 2, "text": esc(L[name]), "showarrow": False,
                      "font": {"size": size, "color": "#111"}})

    def arrow(x0, y0, x1, y1, colour=MUTED):
        notes.append({"x": x1, "y": y1, "ax": x0, "ay": y0, "xref": "x", "yref": "y", "axref": "x", "ayref": "y",
                      "text": "", "showarrow": True, "arrowhead": 2, "arrowsize": 1.2, "arrowwidth": 1.6,
                      "arrowcolor": colour})

    def frame(x0, x1, y0, y1):
        shapes.append({"type": "rect", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "layer": "below",
                       "line": {"color": "#888", "dash": "dot"}, "fillcolor": "rgba(128,128,128,0.08)"})

    def tokens(x, y, caption, toks, colour=None):  # outside the boxes: the theme's text colour unless given
        notes.append({"x": x, "y": y, "text": esc(caption) + "<br><b>" + " ".join(esc(t) for t in toks) + "</b>",
                      "showarrow": False, "font": {"size": 15, **({"color": colour} if colour else {})}})

    attn, norm, ffn, emb, out = "#fde2b3", "#fff6c8", "#cfe8f7", "#f8d3d6", "#d9ead3"

    def stack(cx, embed, sublayers, label, label_side):
        """One column of Figure 1, bottom to top: its embedding, then N× (each sublayer and its Add & Norm) in a
        dotted frame with its label above; returns the y of its top."""
        box(embed, cx - 1.9, cx + 1.9, 1.0, 1.8, emb)
        below = 1.8
        for name, colour in sublayers:  # 0.8 high, then its 0.5-high Add & Norm, 0.25 apart (y in data units)
            y = round(below + (0.8 if below == 1.8 else 0.25), 2)
            box(name, cx - 1.7, cx + 1.7, y, y + 0.8, colour)
            box("add_norm", cx - 1.7, cx + 1.7, y + 1.05, y + 1.55, norm, 12)
            arrow(cx, below, cx, y)
            arrow(cx, y + 0.8, cx, y + 1.05)
            below = round(y + 1.55, 2)
        frame(cx - 2.2, cx + 2.2, 2.3, below + 0.5)
        notes.append({"x": cx - 2.15 if label_side == "left" else cx + 2.15, "y": below + 0.75,
                      "text": esc(f"{label} × {n_layers}"), "showarrow": False, "xanchor": label_side,
                      "font": {"size": 14}})
        return below

    top = stack(2.5, "embed_src", (("self_attn", attn), ("ffn", ffn)), L["encoder"], "left")
    box("memory", 1.2, 3.8, 7.1, 7.7, "#e8e0f4")
    arrow(2.5, top, 2.5, 7.1)
    top = stack(7.5, "embed_tgt", (("masked_attn", attn), ("cross_attn", attn), ("ffn", ffn)), L["decoder"], "right")
    arrow(3.8, 7.4, 5.8, 4.9, "#7b5ea7")  # memory C → keys and values of every cross-attention
    box("generator", 5.8, 9.2, 9.0, 9.7, out)
    arrow(7.5, top, 7.5, 9.0)
    tokens(2.5, 0.45, L["source"], src_tokens)
    tokens(7.5, 0.45, L["target_in"], tgt_tokens)
    tokens(7.5, 10.3, L["output"], out_tokens, "#009E73")
    arrow(2.5, 0.8, 2.5, 1.0)
    arrow(7.5, 0.8, 7.5, 1.0)
    arrow(7.5, 9.7, 7.5, 10.0)
    layout = _layout(title, height, showlegend=False, shapes=shapes, annotations=notes,
                     xaxis={"visible": False, "range": [0, 10], "fixedrange": True},
                     yaxis={"visible": False, "range": [0, 10.8], "fixedrange": True})
    layout["margin"] = {"l": 10, "r": 10, "t": 40 if title else 10, "b": 10}
    return _figure(data=[], layout=layout)
