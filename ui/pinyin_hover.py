"""Pinyin in the hover text of a heatmap whose rows or columns are Chinese characters: 了 (le) instead of 了, with
the English the training lexicon pairs the character's word with: 猫 (māo · “cat (cats)”).

Plotly's hover shows an axis' category value (%{y}, %{x}); the tick shows its own text. So each Chinese label's
category value carries the note after it (one string a row or column), and the axis' ticks keep the bare label.
A note per cell in ``customdata`` said the same with rows × columns copies: 1.04 MB of figure JSON on lessons 4,
5 and 9 together for a 15-character sentence, against 0.35 MB this way (README, issue 25).
Pure: lists and plotly dicts, no Streamlit.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence

from tutorial_model.gloss import token_glosses
from tutorial_model.pinyin import has_chinese, sentence_pinyin

MAX_LABELS = 512  # a reading per label; the longest sentence (24) has room to spare, a map of the whole vocabulary
# (thousands of labels) is read for its shape and keeps its bare labels


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
def _notes(labels: tuple[str, ...]) -> tuple[str, ...] | None:
    """Cached: a page draws many maps of one sentence, each asking for the same readings."""
    found = notes(labels)
    return None if found is None else tuple(html.escape(n, quote=False) for n in found)


def axis_values(shown: Sequence[str], labels: Sequence[object]) -> list[str]:
    """The category values of an axis whose tick text is ``shown`` (figures.axis_labels of ``labels``): each Chinese
    label with its note after it, which the hover shows; ``shown`` itself when no label is Chinese (or too many)."""
    if len(labels) > MAX_LABELS:
        return list(shown)
    found = _notes(tuple(map(str, labels)))
    return list(shown) if found is None else [s + n for s, n in zip(shown, found)]


def ticks_for(ticks: dict, shown: Sequence[str], values: Sequence[str]) -> dict:
    """Tick settings made for the bare labels ``shown``, pointed at the axis' category ``values`` (axis_values): the
    same ticks, the same text, at the categories that now carry the notes."""
    if list(values) == list(shown) or "tickvals" not in ticks:
        return ticks
    value_of = dict(zip(shown, values))
    return {**ticks, "tickvals": [value_of.get(v, v) for v in ticks["tickvals"]]}


def bare(value: object) -> str:
    """An axis' category value without its note (axis_values): the label its tick shows. A token never holds " ("."""
    return str(value).split(" (", 1)[0]
