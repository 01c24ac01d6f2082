"""Presented parts that fit a 1366×768 screen, checked on the pure builders: a grid of heads made lower than it was
built (its x axis kept on screen, its row labels a line apart, the chosen head's frame clear of them), the softmax
table's kept keys, the grid titles that name the heads drawn, and how high a short text stands."""

from __future__ import annotations

import re

import numpy as np
import pytest

from ui import figures, pinyin_hover, present, views
from ui.i18n import t

ROWS = [chr(0x4E00 + 7 * k) for k in range(23)]  # 23 distinct characters, a long sentence


def _grid(max_height: int | None, width: int = 1200) -> dict:
    rng = np.random.default_rng(0)
    m = rng.dirichlet(np.ones(len(ROWS)), size=len(ROWS))
    return figures.small_multiples([[m]], ROWS, ROWS, grid_rows=["layer 0"], grid_cols=["head 0"], title="weights",
                                   x_title="key", y_title="query", highlight=(0, 0), width=width,
                                   max_height=max_height).to_dict()["layout"]


def _plot_px(layout: dict, width: int = 1200) -> tuple[float, float]:
    """The one cell's width and height on screen (px) when the figure is ``width`` wide (it stretches to its
    column, about the width it was built for), from its margins and domains."""
    m = layout["margin"]
    height = layout["height"]
    xd, yd = layout["xaxis"]["domain"], layout["yaxis"]["domain"]
    return (width - m["l"] - m["r"]) * (xd[1] - xd[0]), (height - m["t"] - m["b"]) * (yd[1] - yd[0])


@pytest.mark.parametrize("max_height", [300, 332, 400])
def test_a_grid_made_lower_keeps_its_x_axis_and_its_row_labels_apart(max_height):
    full = _grid(None)
    assert full["height"] > max_height  # every row labelled, it is taller than the part allows
    low = _grid(max_height)
    assert low["height"] <= max_height
    assert [pinyin_hover.bare(v) for v in low["xaxis"]["tickvals"]] == ROWS  # every key still labelled under the map
    _, cell_h = _plot_px(low)
    shown = [pinyin_hover.bare(v) for v in low["yaxis"]["tickvals"]]  # the ticks' labels (no hover note)
    assert shown[0] == ROWS[0] and 1 < len(shown) < len(ROWS)
    step = ROWS.index(shown[1])
    assert all(ROWS.index(b) - ROWS.index(a) == step for a, b in zip(shown, shown[1:]))  # every k-th row
    size = low["yaxis"]["tickfont"]["size"]
    assert cell_h / len(ROWS) * step >= size * 1.2  # neighbouring labels a line of type apart


def test_a_grid_that_fits_is_unchanged():
    assert _grid(None) == _grid(10_000)


@pytest.mark.parametrize("width", [850, 1200])
def test_the_chosen_heads_frame_stays_clear_of_the_row_labels(width):
    layout = _grid(None, width)
    cell_w, cell_h = _plot_px(layout, width)
    (frame,) = [s for s in layout["shapes"] if s["type"] == "rect"]
    assert frame["x0"] < 0 < 1 < frame["x1"] and frame["y0"] < 0 < 1 < frame["y1"]  # around the cell, outside it
    assert -frame["x0"] * cell_w <= 6 and (frame["x1"] - 1) * cell_w <= 6  # a few px beside it, not into the labels
    assert -frame["y0"] * cell_h <= 6 and (frame["y1"] - 1) * cell_h <= 6


def test_grid_titles_name_the_heads_they_draw():
    assert views.heads_shown([0, 1, 2, 3], 4) == t("multi.all_heads")
    for heads in ([0], [2], [0, 1], [2, 3]):
        words = views.heads_shown(heads, 4)
        assert words != t("multi.all_heads")
        numbers = [int(n) for n in re.findall(r"\d+", words)]
        assert numbers == [heads[0], 4] if len(heads) == 1 else numbers == [heads[0], heads[-1], 4], words


@pytest.mark.parametrize("n", [3, 6, 7, 23])
def test_a_presented_softmax_table_keeps_the_keys_with_the_largest_weights(n):
    rng = np.random.default_rng(n)
    w = rng.dirichlet(np.ones(n))
    kept = views.kept_keys(w, 5)
    if n <= 6:  # folding one row into an "others" row would save nothing
        assert kept == list(range(n))
        return
    assert len(kept) == 5 and kept == sorted(kept)
    assert int(np.argmax(w)) in kept
    rest = [k for k in range(n) if k not in kept]
    assert min(w[kept]) >= max(w[rest])


def test_ties_keep_the_earlier_key():
    assert views.kept_keys([0.1] * 10, 3) == [0, 1, 2]


def test_a_heading_and_lines_stand_higher_than_a_heading_alone():
    heading = present.text_height("### Every head at a glance")
    para = "word " * 60  # 300 characters: about three lines at 1366 px
    both = present.text_height("### Every head at a glance\n\n" + para)
    assert 0 < heading < both
    assert present.text_height(para * 2) > present.text_height(para)


def test_text_alone_is_set_as_large_as_its_part_has_room_for():
    short, long = "A heading and a line.", "\n\n".join(["word " * 120] * 5)  # one line; five 600-character paragraphs
    assert present.text_scale(short) == present.TEXT_MAX_SCALE
    assert present.text_scale(long) == 1.0  # already about a screen: not larger
    for n in (40, 100, 200, 300, 400):
        text = "\n\n".join(["word " * 60] * (n // 60 + 1))
        k = present.text_scale(text)
        assert 1.0 <= k <= present.TEXT_MAX_SCALE
        if k > 1.0:  # enlarged: its lines, that much taller and more of them, still stand within the room
            assert present.text_height(text) * k <= present.text_height(text, k) <= present.TEXT_ROOM_PX
        if k < present.TEXT_MAX_SCALE:  # and a tenth larger would not
            assert present.text_height(text, k + 0.1) > present.TEXT_ROOM_PX
        large = present.text_scale(text, present.LARGE)  # a 1920×1080 screen: room for at least as large a type
        assert k <= large <= present.TEXT_MAX_SCALE
        free = present.text_scale(text, room_px=present.TEXT_FREE_PX)  # no controls above: the whole part's room
        assert k <= free and present.text_height(text, free) <= present.TEXT_FREE_PX or free == 1.0


def test_list_items_start_lines_of_their_own():
    items = "\n".join(f"* item {n}" for n in range(6))  # six short lines, not one
    six_lines = "x" * (5 * present._LINE_WIDTH + 1)  # a paragraph just past five lines' width
    assert present.text_height(items) >= present.text_height(six_lines) > present.text_height("x")
