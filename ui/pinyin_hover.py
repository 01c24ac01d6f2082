"""Pinyin in the hover text of a heatmap whose rows or columns are Chinese characters: 了 (le) instead of 了.

Plotly's hover reads the axis labels (%{y}, %{x}); the reading goes into the trace's customdata, one entry per
cell, and the template shows it after the label. Pure: plotly trace dicts in and out, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutorial_model.pinyin import has_chinese, sentence_pinyin

MAX_CELLS = 16384  # a reading per cell; this covers the longest sentence (24) × the FFN's 512 hidden units, and
# keeps a map of the whole vocabulary from carrying thousands of copies of it


def _notes(labels: Sequence[object]) -> list[str] | None:
    """" (wǒ)" per label that is a Chinese character, "" for the others; None when no label is one."""
    labels = [str(x) for x in labels]
    if not has_chinese(labels):
        return None
    return [f" ({p})" if p else "" for p in sentence_pinyin(labels)]


def add(trace: dict, rows: Sequence[object], cols: Sequence[object]) -> dict:
    """``trace`` (a heatmap dict with a hovertemplate that shows %{y} and %{x}) with each Chinese row or column
    label's pinyin after it in the hover; unchanged when neither axis has Chinese characters or the map is large."""
    if len(rows) * len(cols) > MAX_CELLS:
        return trace
    by_row, by_col = _notes(rows), _notes(cols)
    if by_row is None and by_col is None:
        return trace
    template = trace["hovertemplate"]
    if by_row is not None and by_col is not None:
        trace["customdata"] = [[[r, c] for c in by_col] for r in by_row]
        template = template.replace("%{y}", "%{y}%{customdata[0]}").replace("%{x}", "%{x}%{customdata[1]}")
    elif by_row is not None:
        trace["customdata"] = [[r] * len(cols) for r in by_row]
        template = template.replace("%{y}", "%{y}%{customdata}")
    else:
        trace["customdata"] = [list(by_col) for _ in rows]
        template = template.replace("%{x}", "%{x}%{customdata}")
    trace["hovertemplate"] = template
    return trace
