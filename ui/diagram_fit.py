"""The overview's encoder–decoder diagram (ui.figures.architecture) fitted to the size it is drawn at.

The builder places its boxes in data units (x 0…10, y 0…10.8) and its text in pixels, designed for 720 × 640 px.
Drawn elsewhere (a presentation frame: wider, less high) or with a long sentence, the text outgrew the boxes and
the token lines ran into each other (a 22-character sentence's source line into the decoder's). Here, without
touching the builder's layout:

* every text is scaled by one factor that keeps the smallest box's label inside its box at this height and the
  widest label inside its box at this width (never above ``max_scale``);
* the three token lines (source, decoder input, output) wrap to the width of their column, and the y range grows
  by what the extra lines need, so they never reach a box or each other.

Widths of text are estimated (a CJK character 1 em, other characters 0.6 em); the browser test measures the
drawn result (tests/browser/test_browser_present.py: no two labels overlap, all inside the figure).
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from .frozen_figure import FrozenFigure

_DESIGN_PPU_Y = 34.0  # px per y unit at which a 0.5-unit box holds its 12-px label (scale 1)
_DESIGN_PPU_X = 66.0  # px per x unit at which the widest label fits its 3.4-unit box (scale 1)
_COLUMN_UNITS = 4.2  # a token line may be as wide as its column (the boxes are 3.4–3.8 units wide)
_LINE = 1.3  # line height, in font sizes
_BOX_TOP, _OUT_BASE = 0.85, 10.0  # token lines hang under y 0.85 (source, decoder input) and stand on y 10 (output)
_SPAN = _OUT_BASE - _BOX_TOP  # the boxes' part of the y range


def _em(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E7F else 0.6 for ch in html.unescape(text))


def _wrap(tokens: list[str], size: float, width_px: float) -> list[str]:
    lines: list[str] = []
    for tok in tokens:
        if lines and (_em(lines[-1]) + 0.3 + _em(tok)) * size <= width_px:
            lines[-1] += " " + tok
        else:
            lines.append(tok)
    return lines or [""]


def fit(fig: go.Figure, *, width: int, height: int, max_scale: float = 1.0) -> FrozenFigure:
    """A copy of the architecture diagram ``fig`` laid out for ``width`` × ``height`` px (``width``: the narrowest
    it will be drawn at; wider only gives the text more room). Frozen: only sizes, texts and positions of a valid
    figure change here, so Plotly need not validate it again (that took most of the overview's figure time)."""
    spec = fig.to_plotly_json()
    layout = spec["layout"]
    margin = layout.get("margin") or {}
    plot_w = width - margin.get("l", 0) - margin.get("r", 0)
    plot_h = height - margin.get("t", 0) - margin.get("b", 0)
    notes = layout.get("annotations") or []
    lines_of = [n for n in notes if "<br><b>" in (n.get("text") or "")]  # the token lines: caption, tokens
    def lay_out(scale: float) -> tuple[dict, float, float, float]:
        """The token lines wrapped at ``scale``; the px they take below and above the boxes; px per y unit left."""
        wrapped = {}
        for n in lines_of:
            caption, _, toks = n["text"].partition("<br><b>")
            size = n["font"]["size"] * scale
            wrapped[id(n)] = (caption, _wrap(toks.removesuffix("</b>").split(" "), size, plot_w / 10 * _COLUMN_UNITS))
        below = max((1 + len(w[1])) * _LINE * n["font"]["size"] * scale
                    for n in lines_of if n["y"] < 1 for w in [wrapped[id(n)]])
        above = max((1 + len(w[1])) * _LINE * n["font"]["size"] * scale
                    for n in lines_of if n["y"] > 10 for w in [wrapped[id(n)]])
        return wrapped, below, above, (plot_h - below - above) / _SPAN

    # the token lines take height, which shrinks the boxes, which may shrink the type: the largest scale (in steps
    # of 0.02) at which the boxes left by its own token lines still hold their labels. (Iterating scale → lines →
    # scale went back and forth, and the lines were laid out at a scale other than the one drawn: clipped lines.)
    scale = min(max_scale, plot_w / 10 / _DESIGN_PPU_X)
    wrapped, below, above, ppu = lay_out(scale)
    while scale > 0.3 and ppu / _DESIGN_PPU_Y < scale:
        scale = round(scale - 0.02, 2)
        wrapped, below, above, ppu = lay_out(scale)
    for n in notes:
        if isinstance(n.get("font"), dict) and "size" in n["font"]:
            n["font"]["size"] = round(n["font"]["size"] * scale, 1)
    for n in lines_of:
        caption, lines = wrapped[id(n)]
        n["text"] = caption + "<br><b>" + "<br>".join(lines) + "</b>"
        n["y"], n["yanchor"] = (_BOX_TOP, "top") if n["y"] < 1 else (_OUT_BASE, "bottom")
    layout["yaxis"]["range"] = [_BOX_TOP - below / ppu, _OUT_BASE + above / ppu]
    layout["height"] = height
    title = layout.get("title")
    if isinstance(title, dict) and isinstance((title.get("font") or {}).get("size"), (int, float)):
        grow = max(1.0, min(scale, max_scale))
        title["font"]["size"] = round(title["font"]["size"] * grow, 1)
        # a bold two-line title drawn larger overshot the figure's top edge by 2 px under the same 16 px pad
        title["pad"] = {**(title.get("pad") or {}), "t": round((title.get("pad") or {}).get("t", 16) * grow) + 4}
    return FrozenFigure(spec)
