"""Where the labels of a scatter's highlighted points go, so that no two of them overlap.

A word map draws the learner's sentence in red over hundreds of grey words; two characters whose embeddings lie
close (我 and 上) would print their labels on top of each other at plotly's one textposition. Each label here
tries plotly's eight positions around its marker, in order, then spots further out (drawn with a leader line), and
takes the first whose box clears every label placed before it, every highlighted marker and the plot's edges (the
least overlap when none does). Pure: pixel boxes in, textposition names or offsets out, no plotly, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# plotly's names, in the order tried: above first (as before), then below, the sides, the corners
POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right",
             "bottom left")
LINE = 1.25  # a line of text is this many times its font size high


def data_to_px(points: np.ndarray, x_range: Sequence[float], y_range: Sequence[float], plot_w: float,
               plot_h: float) -> np.ndarray:
    """Data coordinates → pixels inside the plot area (x to the right, y downwards, as on screen)."""
    pts = np.asarray(points, dtype=np.float64)
    x = (pts[:, 0] - x_range[0]) / (x_range[1] - x_range[0]) * plot_w
    y = (y_range[1] - pts[:, 1]) / (y_range[1] - y_range[0]) * plot_h
    return np.stack([x, y], axis=1)


def label_box(x: float, y: float, w: float, h: float, position: str, gap: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in px of a ``w`` × ``h`` label at ``position`` around a marker at (x, y), kept
    ``gap`` px (the marker's radius) clear of its centre."""
    vertical, horizontal = position.split()
    if horizontal == "center":
        left = x - w / 2
    else:
        left = x + gap if horizontal == "right" else x - gap - w
    if vertical == "middle":
        top = y - h / 2
    else:
        top = y - gap - h if vertical == "top" else y + gap
    return left, top, left + w, top + h


def overlap(a: Sequence[float], b: Sequence[float]) -> float:
    """The area two (left, top, right, bottom) boxes share."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def thin(boxes: np.ndarray) -> np.ndarray:
    """Which of ``boxes`` ((n, 4): left, top, right, bottom in px) to keep, greedily in their order: each box that
    overlaps no box kept before it. For the small grey words of a map, which print on top of each other where words
    crowd (a thousand of them in the plot of lesson 2); given in the vocabulary's order (most frequent first), it keeps
    the common words. A grid of cells as large as the largest box: a box can only overlap one kept in its own
    cell or the eight around it."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    keep = np.zeros(len(boxes), dtype=bool)
    if not len(boxes):
        return keep
    cell = np.maximum((boxes[:, 2:] - boxes[:, :2]).max(axis=0), 1e-9)  # (2,): a cell's width and height
    origin = np.floor(boxes[:, :2] / cell).astype(int)  # (n, 2): the cell of each box's top-left corner
    grid: dict[tuple[int, int], list[int]] = {}
    for i, box in enumerate(boxes):
        gx, gy = origin[i]
        near = (j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in grid.get((gx + dx, gy + dy), ()))
        if not any(overlap(box, boxes[j]) > 0 for j in near):
            keep[i] = True
            grid.setdefault((gx, gy), []).append(i)
    return keep


RADII = (34.0, 52.0, 70.0)  # px from its point to the centre of a label that needs a leader line
DIRECTIONS = ((0, -1), (0, 1), (1, 0), (-1, 0), (0.71, -0.71), (-0.71, -0.71), (0.71, 0.71), (-0.71, 0.71))

Placement = str | tuple[float, float]  # a plotly textposition, or an (ax, ay) px offset for an annotation


def box_of(x: float, y: float, w: float, h: float, where: Placement, gap: float) -> tuple[float, float, float, float]:
    """The box of a label placed ``where``: beside its marker (a textposition) or centred at an offset from it."""
    if isinstance(where, str):
        return label_box(x, y, w, h, where, gap)
    cx, cy = x + where[0], y + where[1]
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _outside(box: Sequence[float], area: tuple[float, float]) -> float:
    """How much of ``box`` lies outside the plot area (0, 0)–``area``."""
    whole = (box[2] - box[0]) * (box[3] - box[1])
    return whole - overlap(box, (0.0, 0.0, area[0], area[1]))


def place(px: np.ndarray, widths: Sequence[float], size: float, marker_radius: float,
          area: tuple[float, float] | None = None) -> list[Placement]:
    """Where each point's label goes (``px``: its pixel position; ``widths``: its label's width at font ``size``;
    ``area``: the plot's width and height, which labels should stay inside), chosen greedily in the points' order:
    beside the marker when one of the eight positions is free, else further out on a leader line (a crowd of
    characters around one spot has more labels than a marker has sides)."""
    h = size * LINE
    markers = [(x - marker_radius, y - marker_radius, x + marker_radius, y + marker_radius) for x, y in px]
    offsets = [(r * dx, r * dy) for r in RADII for dx, dy in DIRECTIONS]
    placed: list[tuple[float, float, float, float]] = []
    out: list[Placement] = []
    for n, ((x, y), w) in enumerate(zip(px, widths)):
        best, best_box, best_cost = None, None, float("inf")
        for where in [*POSITIONS, *offsets]:
            box = box_of(x, y, w, h, where, marker_radius)
            cost = sum(overlap(box, other) for other in placed)
            cost += sum(overlap(box, m) for k, m in enumerate(markers) if k != n)
            cost += _outside(box, area) if area else 0.0
            if cost < best_cost:
                best, best_box, best_cost = where, box, cost
            if cost == 0:
                break
        out.append(best)
        placed.append(best_box)
    return out
