"""Pure figure builders for the recurrent lessons (11–13): diagrams of an unrolled RNN and of the three
RNN structures, per-unit lines over a sentence, and the gradient-clipping picture.

Same conventions as ``ui.figures`` (whose helpers they use): arrays + labels in, a plotly Figure out; every
text a builder receives is escaped; labels that do not fit the data raise ValueError saying how; figures
are assembled as plain dicts and validated in full by tests/test_figures.py instead of at build time.
The words in the diagrams (box captions, panel titles) come from the caller, already translated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from .figures import (
    DEFAULT_WIDTH,
    GRID,
    HIGHLIGHT,
    MUTED,
    PALETTE,
    VALUE_FORMAT,
    _figure,
    _layout,
    _tick_depth,
    axis_labels,
    category_ticks,
    esc,
)

UNROLL_LABELS = ("cell", "start", "context", "inputs")
STRUCTURE_LABELS = ("one_to_many", "many_to_one", "encoder_decoder", "context", "input", "output")
CLIP_LABELS = ("original", "clipped", "threshold")
CELL_FILL = "#cfe8f7"
DECODER_FILL = "#d9ead3"
CONTEXT_FILL = "#e8e0f4"


def _missing(labels: Mapping[str, str], wanted: Sequence[str], who: str) -> None:
    missing = [k for k in wanted if k not in labels]
    if missing:
        raise ValueError(f"{who}() needs labels for {missing}")


def _lines(text: str) -> str:
    """Escaped text whose line breaks ("\\n") become <br>, so a caller can break a long caption."""
    return "<br>".join(esc(part) for part in str(text).split("\n"))


def _sub(name: str, index: object) -> str:
    """A symbol with a subscript, e.g. h<sub>3</sub> (plotly reads the tag; the index is escaped)."""
    return f"{name}<sub>{esc(index)}</sub>"


class _Canvas:
    """Shapes and annotations in data coordinates, for box-and-arrow diagrams."""

    def __init__(self) -> None:
        self.shapes: list[dict] = []
        self.notes: list[dict] = []

    def box(self, x0: float, x1: float, y0: float, y1: float, text: str = "", fill: str = CELL_FILL,
            strong: bool = False, size: int = 13, dash: str | None = None) -> None:
        line = {"color": HIGHLIGHT if strong else "#555", "width": 3 if strong else 1}
        if dash:
            line["dash"] = dash
        self.shapes.append({"type": "rect", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "fillcolor": fill,
                            "layer": "below", "line": line})
        if text:
            self.text((x0 + x1) / 2, (y0 + y1) / 2, text, size, "#111")  # dark on the light fill, in both themes

    def text(self, x: float, y: float, text: str, size: int = 13, colour: str | None = None, **kw) -> None:
        """Text on the figure's background: the theme's text colour (light or dark) unless ``colour`` is given."""
        font = {"size": size, **({"color": colour} if colour else {})}
        self.notes.append({"x": x, "y": y, "text": text, "showarrow": False, "font": font, **kw})

    def arrow(self, x0: float, y0: float, x1: float, y1: float, colour: str = MUTED, width: float = 1.6) -> None:
        self.notes.append({"x": x1, "y": y1, "ax": x0, "ay": y0, "xref": "x", "yref": "y", "axref": "x",
                           "ayref": "y", "text": "", "showarrow": True, "arrowhead": 2, "arrowsize": 1.1,
                           "arrowwidth": width, "arrowcolor": colour})

    def figure(self, title: str, height: int, x_range: Sequence[float], y_range: Sequence[float]) -> go.Figure:
        layout = _layout(title, height, showlegend=False, shapes=self.shapes, annotations=self.notes,
                         xaxis={"visible": False, "range": list(x_range), "fixedrange": True},
                         yaxis={"visible": False, "range": list(y_range), "fixedrange": True})
        layout["margin"] = {"l": 10, "r": 10, "t": layout["margin"]["t"] if title else 10, "b": 10}
        return _figure([], layout)


# ---- the network unrolled over the learner's sentence -------------------------------------------------------

def unrolled(tokens: Sequence[str], *, labels: Mapping[str, str], title: str = "", highlight: int | None = None,
             lstm: bool = False, height: int = 300) -> go.Figure:
    """One cell per character, left to right: x_t enters from below, h_{t−1} from the left, h_t leaves to the
    right; h_0 = 0 at the start and the last state becomes the context c. ``lstm`` adds the second lane,
    the cell state c_t, above the hidden state. ``highlight`` outlines one step.

    ``labels``: "cell" (a caption above the cells), "start" (the zero initial state), "context" (what the
    last state becomes), "inputs" (a caption for the input row).
    """
    _missing(labels, UNROLL_LABELS, "unrolled")
    T = len(tokens)
    if T == 0:
        raise ValueError("unrolled() needs at least one token")
    if highlight is not None and not 0 <= highlight < T:
        raise ValueError(f"highlight index {highlight} outside 0..{T - 1}")
    c = _Canvas()
    small = 11 if T > 14 else 13
    y0, y1 = 1.3, 2.5  # the cells
    h_lane, c_lane = (1.65, 2.2) if lstm else (1.9, None)
    half = 0.3
    for t, tok in enumerate(axis_labels(tokens)):
        x = t + 0.5
        c.box(x - half, x + half, y0, y1, _sub("h", t + 1), strong=highlight == t, size=small)
        c.text(x, 0.4, tok.replace("\u200b", ""), 18 if T <= 14 else 14)
        c.arrow(x, 0.7, x, y0)
        if t + 1 < T:
            c.arrow(x + half, h_lane, x + 1 - half, h_lane)
            if lstm:
                c.arrow(x + half, c_lane, x + 1 - half, c_lane, colour="#7b5ea7")
    # start: h_0 = 0 (and c_0 = 0) flowing into the first cell; each lane named where it begins
    c.text(0.05, 1.0, esc(labels["start"]), small, xanchor="right")
    c.arrow(-0.3, h_lane, 0.5 - half, h_lane)
    c.text(-0.32, h_lane, "h", small, MUTED, xanchor="right")
    if lstm:
        c.arrow(-0.3, c_lane, 0.5 - half, c_lane, colour="#7b5ea7")
        c.text(-0.32, c_lane, "c", small, "#7b5ea7", xanchor="right")
    # end: the last state is the context vector
    cw = max(1.6, 0.22 * T)  # the context box keeps its caption inside however many cells there are
    c.box(T + 0.25, T + 0.25 + cw, 1.45, 2.35, esc(labels["context"]), fill=CONTEXT_FILL, size=small)
    c.arrow(T - 0.5 + half, h_lane, T + 0.25, h_lane)
    if lstm:
        c.arrow(T - 0.5 + half, c_lane, T + 0.25, c_lane, colour="#7b5ea7")
    c.text(T / 2, 2.85, esc(labels["cell"]), 13, MUTED)
    c.text(-0.32, 0.4, esc(labels["inputs"]), small, MUTED, xanchor="right")
    return c.figure(title, height, (-1.9, T + 0.4 + cw), (0.0, 3.1))


# ---- one-to-many, many-to-one, encoder–decoder -------------------------------------------------------------

def structures(*, labels: Mapping[str, str], title: str = "", height: int = 340) -> go.Figure:
    """The three classic ways to wire an RNN, side by side: one input → a sequence; a sequence → one output;
    a sequence → the context vector c → another sequence (the encoder–decoder of this lesson's models).

    ``labels``: a title per panel ("one_to_many", "many_to_one", "encoder_decoder"; a "\\n" breaks the
    line), the caption of c ("context"), and the words for the input and output rows ("input", "output").
    """
    _missing(labels, STRUCTURE_LABELS, "structures")
    c = _Canvas()
    w = 0.36  # half a cell's width
    by, ty = 2.2, 3.2  # cell bottom and top
    x_row, y_row = 0.7, 4.7  # inputs below, outputs above

    def cells(xs, name, fill=CELL_FILL, first=1):
        for k, x in enumerate(xs):
            c.box(x - w, x + w, by, ty, _sub(name, k + first), fill=fill, size=12)
        for a, b in zip(xs, xs[1:]):
            c.arrow(a + w, (by + ty) / 2, b - w, (by + ty) / 2)

    def inputs(xs, names):
        for x, n in zip(xs, names):
            c.text(x, x_row, n, 13)
            c.arrow(x, x_row + 0.3, x, by)

    def outputs(xs, names):
        for x, n in zip(xs, names):
            c.arrow(x, ty, x, y_row - 0.3)
            c.text(x, y_row, n, 13, "#009E73")

    # 1 · one-to-many
    xs = [1.0, 2.4, 3.8]
    cells(xs, "h")
    inputs(xs[:1], ["x"])
    outputs(xs, [_sub("y", k) for k in (1, 2, 3)])
    c.text(2.4, 5.75, _lines(labels["one_to_many"]), 13, MUTED)
    # 2 · many-to-one
    xs = [6.0, 7.4, 8.8]
    cells(xs, "h")
    inputs(xs, [_sub("x", k) for k in (1, 2, 3)])
    outputs(xs[-1:], ["y"])
    c.text(7.4, 5.75, _lines(labels["many_to_one"]), 13, MUTED)
    # 3 · encoder → c → decoder
    enc, dec = [11.0, 12.4, 13.8], [17.4, 18.8, 20.2]
    cells(enc, "h")
    inputs(enc, [_sub("x", k) for k in (1, 2, 3)])
    c.box(15.1, 16.1, by, ty, "c", fill=CONTEXT_FILL, size=14)
    c.arrow(enc[-1] + w, (by + ty) / 2, 15.1, (by + ty) / 2)
    c.arrow(16.1, (by + ty) / 2, dec[0] - w, (by + ty) / 2)
    cells(dec, "s", fill=DECODER_FILL)
    outputs(dec, [_sub("y", k) for k in (1, 2, 3)])
    bus = 1.6  # c is read again at every decoder step: a line under the decoder, an arrow up into each cell
    c.shapes.append({"type": "path", "path": f"M 15.6 {by} L 15.6 {bus} L {dec[-1]} {bus}",
                     "line": {"color": "#7b5ea7", "width": 1.4}})
    for x in dec:
        c.arrow(x, bus, x, by, colour="#7b5ea7", width=1.2)
    c.text(16.9, bus - 0.3, _lines(labels["context"]), 12, "#5b3f8a")
    c.text(15.6, 5.75, _lines(labels["encoder_decoder"]), 13, MUTED)
    # separators between the panels, and the row captions on the left
    for x in (4.9, 9.9):
        c.shapes.append({"type": "line", "x0": x, "x1": x, "y0": 0.3, "y1": 6.2, "line": {"color": "#ccc",
                                                                                          "dash": "dot"}})
    c.text(-0.1, x_row, esc(labels["input"]), 11, MUTED, xanchor="right")
    c.text(-0.1, y_row, esc(labels["output"]), 11, MUTED, xanchor="right")
    return c.figure(title, height, (-1.4, 21.2), (0.1, 6.3))


# ---- one unit followed along the sentence -------------------------------------------------------------------

def token_lines(tokens: Sequence[str], series: Mapping[str, Sequence[float]], *, title: str, x_title: str = "",
                y_title: str = "", y_range: Sequence[float] | None = None, highlight: int | None = None,
                height: int = 360, width: int = DEFAULT_WIDTH) -> go.Figure:
    """One line per named series over the sentence's positions, every character labelled on a categorical
    x axis; ``highlight`` shades one position."""
    x = axis_labels(tokens)
    data = []
    for k, (name, ys) in enumerate(series.items()):
        ys = np.asarray(ys, dtype=np.float64)
        if ys.shape != (len(tokens),):
            raise ValueError(f"series {name!r} has shape {ys.shape}, expected ({len(tokens)},) — one value per token")
        data.append({"type": "scatter", "x": x, "y": ys, "name": esc(name), "mode": "lines+markers",
                     "line": {"color": PALETTE[k % len(PALETTE)], "width": 2,
                              "dash": ("solid", "dash", "dot", "dashdot")[k % 4]},
                     "marker": {"size": 7},
                     "hovertemplate": f"%{{x}}: %{{y:{VALUE_FORMAT}}}<extra>{esc(name)}</extra>"})
    shapes = []
    if highlight is not None:
        if not 0 <= highlight < len(tokens):
            raise ValueError(f"highlight index {highlight} outside 0..{len(tokens) - 1}")
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": highlight - 0.5, "x1": highlight + 0.5,
                       "y0": 0, "y1": 1, "fillcolor": "rgba(214,39,40,0.10)", "line": {"width": 0},
                       "layer": "below"})
    yaxis = {"title": {"text": esc(y_title)}, "gridcolor": GRID, "zerolinecolor": "#999"}
    if y_range is not None:
        yaxis["range"] = list(y_range)
    x_ticks = category_ticks(x, width - 90, axis="x")
    bottom = _tick_depth(x_ticks) + (34 if x_title else 12) + 40  # and the legend below
    layout = _layout(title, height + max(0, int(bottom) - 110), width, shapes=shapes,
                     legend={"orientation": "h", "yref": "container", "y": 0.01, "yanchor": "bottom", "x": 0},
                     xaxis={"type": "category", "title": {"text": esc(x_title)}, "showgrid": False, **x_ticks},
                     yaxis=yaxis)
    layout["margin"]["b"] = max(110, int(bottom))
    return _figure(data, layout)


# ---- gradient clipping ---------------------------------------------------------------------------------------

def clip_arrows(g: Sequence[float], clipped: Sequence[float], max_norm: float, *, labels: Mapping[str, str],
                title: str = "", height: int = 380) -> go.Figure:
    """A 2-D gradient g, the threshold as a circle of radius max_norm, and the clipped gradient: same
    direction, length at most max_norm. ``labels``: "original", "clipped", "threshold"."""
    _missing(labels, CLIP_LABELS, "clip_arrows")
    g, clipped = np.asarray(g, dtype=np.float64), np.asarray(clipped, dtype=np.float64)
    if g.shape != (2,) or clipped.shape != (2,):
        raise ValueError(f"clip_arrows() draws 2-D vectors, got shapes {g.shape} and {clipped.shape}")
    if max_norm <= 0:
        raise ValueError("max_norm must be > 0")
    r = 1.15 * max(float(np.abs(g).max()), float(np.abs(clipped).max()), max_norm)
    shapes = [{"type": "circle", "xref": "x", "yref": "y", "x0": -max_norm, "x1": max_norm, "y0": -max_norm,
               "y1": max_norm, "line": {"color": MUTED, "dash": "dash", "width": 1.5},
               "fillcolor": "rgba(0,114,178,0.06)", "layer": "below"}]
    notes = []
    for vec, colour, name, width in ((g, "#888", labels["original"], 3), (clipped, HIGHLIGHT, labels["clipped"], 4)):
        notes.append({"x": vec[0], "y": vec[1], "ax": 0, "ay": 0, "xref": "x", "yref": "y", "axref": "x",
                      "ayref": "y", "text": "", "showarrow": True, "arrowhead": 2, "arrowsize": 1.2,
                      "arrowwidth": width, "arrowcolor": colour})
        notes.append({"x": vec[0], "y": vec[1], "text": esc(name), "showarrow": False, "xanchor": "left",
                      "yanchor": "bottom", "xshift": 6, "font": {"size": 13, "color": colour}})
    notes.append({"x": -max_norm * 0.7071, "y": -max_norm * 0.7071, "text": esc(labels["threshold"]),
                  "showarrow": False, "xanchor": "right", "yanchor": "top", "font": {"size": 12, "color": MUTED}})
    data = [{"type": "scatter", "x": [0, g[0], clipped[0]], "y": [0, g[1], clipped[1]], "mode": "markers",
             "marker": {"size": 6, "color": [MUTED, "#888", HIGHLIGHT]}, "showlegend": False,
             "text": ["0", esc(labels["original"]), esc(labels["clipped"])],
             "hovertemplate": "%{text}: (%{x:.4f}, %{y:.4f})<extra></extra>"}]
    layout = _layout(title, height, shapes=shapes, annotations=notes, showlegend=False,
                     xaxis={"range": [-r, r], "zeroline": True, "zerolinecolor": MUTED, "gridcolor": GRID,
                            "showgrid": True, "title": {"text": "g₁"}},
                     yaxis={"range": [-r, r], "zeroline": True, "zerolinecolor": MUTED, "gridcolor": GRID,
                            "scaleanchor": "x", "scaleratio": 1, "title": {"text": "g₂"}})
    return _figure(data, layout)
