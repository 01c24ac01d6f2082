"""Pinyin in the hover text of a heatmap whose rows or columns are Chinese characters: 了 (le) instead of 了, with
the English the training lexicon pairs the character's word with: 猫 (māo · “cat (cats)”).

Plotly's hover reads the axis labels (%{y}, %{x}); the reading goes into the trace's customdata, one entry per
cell, and the template shows it after the label. Pure: plotly trace dicts in and out, no Streamlit.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from tutorial_model.gloss import token_glosses
from tutorial_model.pinyin import has_chinese, sentence_pinyin

MAX_CELLS = 16384  # a reading per cell; this covers the longest sentence (24) × the FFN's 512 hidden units, and
# keeps a map of the whole vocabulary from carrying thousands of copies of it


def note(reading: str, word_gloss: tuple[str, str] | None, label: str) -> str:
    """" (wǒ · “I / me”)": the reading, then the training lexicon's English in quotes (named after its word when
    the label is one character of a longer one: " (míng · 小明 “Xiaoming”)"); "" when there is neither."""
    parts = [reading] if reading else []
    if word_gloss is not None:
        word, en = word_gloss
        parts.append(f"“{en}”" if word == label else f"{word} “{en}”")
    return f" ({' · '.join(parts)})" if parts else ""


def notes(labels: Sequence[object]) -> list[str] | None:
    """A note per label that is a Chinese character (its pinyin, and its gloss from the training lexicon read in
    this sentence: tutorial_model/gloss.py), "" for the others; None when no label is one."""
    labels = [str(x) for x in labels]
    if not has_chinese(labels):
        return None
    glosses = token_glosses(labels)
    return [note(p, g, x) for p, g, x in zip(sentence_pinyin(labels), glosses, labels)]


@functools.lru_cache(maxsize=256)
def _customdata(rows: tuple[str, ...], cols: tuple[str, ...]) -> tuple[list | None, bool, bool]:
    """(customdata, rows annotated, columns annotated) for a map with these labels. Cached: a page draws many maps
    of one sentence, and building a reading per cell costs about a millisecond. The list is shared between the
    figures that get it, which never change a spec once built (ui/views.py, FrozenFigure)."""
    by_row, by_col = notes(rows), notes(cols)
    if by_row is not None and by_col is not None:
        return [[[r, c] for c in by_col] for r in by_row], True, True
    if by_row is not None:
        return [[r] * len(cols) for r in by_row], True, False
    if by_col is not None:
        return [list(by_col) for _ in rows], False, True
    return None, False, False


def add(trace: dict, rows: Sequence[object], cols: Sequence[object]) -> dict:
    """``trace`` (a heatmap dict with a hovertemplate that shows %{y} and %{x}) with each Chinese row or column
    label's pinyin after it in the hover; unchanged when neither axis has Chinese characters or the map is large."""
    if len(rows) * len(cols) > MAX_CELLS:
        return trace
    data, on_rows, on_cols = _customdata(tuple(map(str, rows)), tuple(map(str, cols)))
    if data is None:
        return trace
    template = trace["hovertemplate"]
    if on_rows and on_cols:
        template = template.replace("%{y}", "%{y}%{customdata[0]}").replace("%{x}", "%{x}%{customdata[1]}")
    elif on_rows:
        template = template.replace("%{y}", "%{y}%{customdata}")
    else:
        template = template.replace("%{x}", "%{x}%{customdata}")
    trace["customdata"] = data
    trace["hovertemplate"] = template
    return trace
