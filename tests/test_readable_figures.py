"""Issue 26, readable figures: numbers on bars at a readable size or not at all, the word map's sentence labels
clear of each other, every check made on the built plotly figure (no browser)."""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from ui import figures

LONG = list("昨天我没有来上课因为我生病了所以老师同学很担心我")  # 24 characters, the longest sentence


def arr(v) -> np.ndarray:
    """A JSON array of the figure (plotly ≥ 6 ships numpy arrays as base64 typed arrays)."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
    return np.asarray(v, dtype=float)


def spec(fig) -> dict:
    go.Figure(fig.to_dict())  # full plotly validation (the builders skip it)
    return json.loads(pio.to_json(fig, validate=False))


# ---- page 4's row of attention weights ----------------------------------------------------------------------

def _bar_px(s: dict, width: int) -> float:
    """A bar's width in px, from the figure: the plot's width (less the builder's 90 px of margins) over the bars,
    times plotly's default share of a category (1 − bargap 0.2)."""
    n = len(s["data"][0]["x"])
    return (1 - s["layout"].get("bargap", 0.2)) * (width - 90) / n


@pytest.mark.parametrize("n, width", [(5, 320), (12, 320), (24, 320), (24, 850), (3, 450)])
def test_numbers_on_bars_are_at_least_11px_or_left_out(n, width):
    weights = np.random.default_rng(n).dirichlet(np.ones(n))
    s = spec(figures.bars(LONG[:n], weights, title="row", decimals=2, width=width))
    bar = s["data"][0]
    assert s["layout"]["uniformtext"] == {"minsize": 11, "mode": "hide"}  # the browser hides rather than shrinks
    if "text" in bar:
        assert bar["textfont"]["size"] >= 11
        for text, w in zip(bar["text"], weights):
            assert float(text.replace("−", "-")) == pytest.approx(w, abs=0.005)  # the weight, two decimals
            assert len(text) * 0.6 * 11 + 2 <= _bar_px(s, width)  # each digit ~0.6 em: it fits its bar
    else:  # too narrow for the numbers: every value still in the hover
        assert "%{y:" in bar["hovertemplate"]
        assert 4 * 0.6 * 11 + 2 > _bar_px(s, width)  # and "0.12" really would not fit
    assert ("text" in bar) == (n <= 5 or width == 850 and n <= 12)


@pytest.mark.parametrize("labels", [LONG, LONG[:22] + ["<unk>"] + LONG[23:], LONG[:8]])
def test_a_row_of_weights_too_long_for_columns_gets_a_row_per_token_every_label_and_number_readable(labels):
    """Page 4's 320 px column: when the bars cannot name and number every token side by side at 11 px (the
    24-character sentence, with or without a wide <unk>), a bar per row does: every token a level tick at ≥ 11 px
    in a row at least 1.25 of its size high, and every weight printed at 11 px after its bar."""
    n = len(labels)
    weights = np.random.default_rng(n).dirichlet(np.ones(n))
    per = (320 - 90) / n
    assert not figures.columns_fit(labels, weights, 2, 320)
    assert 0.8 * per < 4 * 0.6 * 11 + 2 or figures.x_room_needed(labels) > 230  # "0.12" or a label misses
    s = spec(figures.hbars(labels, weights, title="row", decimals=2, width=320))
    bar, lay = s["data"][0], s["layout"]
    assert bar["orientation"] == "h" and bar["textfont"]["size"] >= 11
    assert [float(t) for t in bar["text"]] == pytest.approx(weights, abs=0.005)
    assert [t.replace("\u200b", "") for t in lay["yaxis"]["ticktext"]] == [figures.esc(x) for x in labels]
    size = lay["yaxis"]["tickfont"]["size"]
    rows_h = lay["height"] - lay["margin"]["t"] - lay["margin"]["b"]
    assert size >= 11 and rows_h / n >= 1.25 * size and 0.8 * rows_h / n >= 11  # the number fits the bar's thickness
    assert lay["yaxis"]["autorange"] == "reversed"  # the sentence reads top to bottom
    assert lay["margin"]["r"] >= max(len(t) for t in bar["text"]) * 0.6 * 11  # the longest bar's number has room


def test_a_short_sentence_keeps_upright_bars_with_their_numbers():
    weights = np.array([0.5, 0.2, 0.1, 0.1, 0.1])
    assert figures.columns_fit(LONG[:5], weights, 2, 320)


def test_a_long_sentence_in_a_narrow_column_keeps_every_character_clear_of_its_neighbour():
    """24 characters in page 4's 320 px column: every one a tick at ≥ 11 px, level, staggered onto two lines when
    one line has no room; labels on one line do not touch."""
    s = spec(figures.bars(LONG, np.full(24, 1 / 24), title="row", decimals=2, width=320))
    axis = s["layout"]["xaxis"]
    size = axis["tickfont"]["size"]
    assert size >= 11 and axis["tickangle"] in (0, -90)
    per = (320 - 90) / 24
    shown = [t.replace("<br>", "") for t in axis["ticktext"]]
    assert [t.replace("\u200b", "") for t in shown] == LONG  # every character, in order
    lines = 2 if any(t.startswith("<br>") for t in axis["ticktext"]) else 1
    if axis["tickangle"] == 0:
        assert size * 1.0 + 2 <= per * lines  # a character is ~1 em wide: neighbours on a line clear each other


# ---- page 2's word map ---------------------------------------------------------------------------------------

def _boxes(s: dict, width: int, height: int) -> list[tuple[float, float, float, float]]:
    """Each sentence label's box in px, from the figure alone: the axis ranges it fixes, the plot area its margins
    leave, the text's size and position (a character ~1 em wide, a line 1.2 em high, 6 px from the marker's centre)."""
    lay, tr = s["layout"], s["data"][1]
    (x0, x1), (y0, y1) = lay["xaxis"]["range"], lay["yaxis"]["range"]
    plot_w = width - lay["margin"]["l"] - lay["margin"]["r"]
    plot_h = lay["height"] - lay["margin"]["t"] - lay["margin"]["b"]
    size, out = tr["textfont"]["size"], []
    def px(x, y):
        return (x - x0) / (x1 - x0) * plot_w, (y1 - y) / (y1 - y0) * plot_h

    for x, y, text, pos in zip(arr(tr["x"]), arr(tr["y"]), tr["text"], tr["textposition"]):
        if not text:  # drawn as an annotation on a leader line instead
            continue
        cx, cy = px(x, y)
        w, h = figures.text_px(text, size), 1.2 * size
        v, hz = pos.split()
        left = {"center": cx - w / 2, "right": cx + 6, "left": cx - 6 - w}[hz]
        top = {"middle": cy - h / 2, "top": cy - 6 - h, "bottom": cy + 6}[v]
        out.append((left, top, left + w, top + h))
    for note in lay.get("annotations", []):  # centred at (ax, ay) px from its point
        cx, cy = px(note["x"], note["y"])
        w, h = figures.text_px(note["text"], note["font"]["size"]), 1.2 * note["font"]["size"]
        cx, cy = cx + note["ax"], cy + note["ay"]
        out.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
    return out


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@pytest.mark.parametrize("seed", range(4))
def test_the_sentence_labels_on_the_word_map_do_not_overlap(seed):
    """724 grey words and a sentence whose characters crowd together (我 right on 上, as in the shipped map):
    the red labels, boxed from the built figure, never overlap; the grey ones are smaller and lighter."""
    rng = np.random.default_rng(seed)
    pts = rng.normal(size=(724, 2))
    labels = [f"w{i}" for i in range(724)]
    hl = list(range(10, 18))
    for k, i in enumerate(hl):  # a cluster: eight characters within ~15 px of each other on an 820 px wide map
        labels[i] = LONG[k]
        pts[i] = pts[10] + rng.normal(scale=0.15, size=2)
    pts[11] = pts[10] + [0.001, 0.0005]  # two characters at the same place
    s = spec(figures.scatter_2d(pts, labels, highlight=hl, title="map", width=820, height=560))
    boxes = _boxes(s, 820, 560)
    assert len(boxes) == len(hl)
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            assert not _overlap(boxes[a], boxes[b]), (a, b, boxes[a], boxes[b])
    shown = [t for t in s["data"][1]["text"] if t] + [n["text"] for n in s["layout"].get("annotations", [])]
    assert sorted(shown) == sorted(LONG[:len(hl)])  # every character labelled once, beside its point or on a line
    grey, red = s["data"][0], s["data"][1]
    assert grey["textfont"]["size"] < 10 < red["textfont"]["size"]
    assert "0.7)" in grey["textfont"]["color"]  # translucent: lighter behind the sentence
    assert len(grey["hovertext"]) == 724 - len(hl)  # a grey word whose label is left out keeps its hover


@pytest.mark.parametrize("seed", range(3))
def test_the_grey_words_kept_are_exactly_the_greedy_choice_and_never_overlap(seed):
    """label_place.thin (grid-indexed) against the plain definition, box by box over all kept before it: the same
    choice; the kept never overlap; each one left out overlaps one kept before it."""
    from ui import label_place

    rng = np.random.default_rng(seed)
    corner = rng.uniform(0, 300, size=(600, 2))
    boxes = np.hstack([corner, corner + rng.uniform([5, 8], [40, 12], size=(600, 2))])  # words of 1–6 characters
    keep = label_place.thin(boxes)
    expected: list[int] = []
    for i, box in enumerate(boxes):
        if not any(_overlap(box, boxes[j]) for j in expected):
            expected.append(i)
    assert list(np.flatnonzero(keep)) == expected
    assert keep[0] and 0 < keep.sum() < len(boxes)  # crowded: some words left out, the first never
    assert not label_place.thin(np.zeros((0, 4))).any()


def test_the_word_map_labels_only_grey_words_that_do_not_overlap():
    """1,800 words (lesson 2's English vocabulary): the grey labels the built figure prints never overlap each other,
    and every word keeps its point and its hover."""
    rng = np.random.default_rng(7)
    labels = [f"word{i}" for i in range(1800)]
    s = spec(figures.scatter_2d(rng.normal(size=(1800, 2)), labels, highlight=[3, 4], title="map", width=820,
                                height=560))
    grey = s["data"][0]
    assert len(grey["hovertext"]) == 1798 and sum(1 for t in grey["text"] if t) > 50
    lay = s["layout"]
    (x0, x1), (y0, y1) = lay["xaxis"]["range"], lay["yaxis"]["range"]
    plot_w = 820 - lay["margin"]["l"] - lay["margin"]["r"]
    plot_h = lay["height"] - lay["margin"]["t"] - lay["margin"]["b"]
    size, boxes, shown = grey["textfont"]["size"], [], []
    for x, y, text in zip(arr(grey["x"]), arr(grey["y"]), grey["text"]):
        if text:  # above its marker ("top center"), 3 px clear of its centre, 1.2 em high
            cx, cy = (x - x0) / (x1 - x0) * plot_w, (y1 - y) / (y1 - y0) * plot_h
            w, h = figures.text_px(text, size), 1.2 * size
            boxes.append((cx - w / 2, cy - 3 - h, cx + w / 2, cy - 3))
            shown.append(text)
    assert grey["textposition"] == "top center"
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            assert not _overlap(boxes[a], boxes[b]), (shown[a], shown[b])


def test_the_old_single_position_would_have_overlapped():
    """The check above can fail: every label above its point, as before, collides in the same cluster."""
    rng = np.random.default_rng(0)
    pts = rng.normal(size=(30, 2))
    pts[11] = pts[10] + [0.001, 0.0005]
    s = spec(figures.scatter_2d(pts, list("我上" + "x" * 28), highlight=[10, 11], title="map", width=820,
                                height=560))
    s["data"][1]["textposition"] = ["top center", "top center"]
    a, b = _boxes(s, 820, 560)
    assert _overlap(a, b)


# ---- page 5: the text says what the single head's map shows ------------------------------------------------------

def test_page_5_promises_numbers_in_the_cells_only_when_the_map_shows_them():
    """Its map of one head (drawn as views.tensor draws it: weights 0–1, half a page wide) writes the weights for a
    short sentence and not for a long one; the text says so (hover for the exact weight) instead of promising
    "exact values" it cannot show."""
    from ui import i18n

    rng = np.random.default_rng(5)
    for n, shown in ((5, True), (24, False)):
        tr = spec(figures.heatmap(rng.dirichlet(np.ones(n), size=n), LONG[:n], LONG[:n], title="pattern", zmin=0.0,
                                  zmax=1.0))["data"][0]
        assert ("texttemplate" in tr) == shown, n
        if shown:
            assert tr["textfont"]["size"] >= 11
    for lang, hover, short in (("en", "point at a cell", "short enough"), ("zh", "鼠标指向", "句子短")):
        text = i18n.lesson_sections(lang, "multi_head")["detail"]
        assert hover in text and short in text, lang
        assert "exact values" not in text and "标出了具体数值" not in text
