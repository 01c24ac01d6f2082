"""The overview's diagram fitted to its frame (ui.diagram_fit) and scaled to a phone's width (ui.present)."""

from __future__ import annotations

import re

import pytest

from ui import diagram_fit, figures, present

SENTENCES = {  # characters of the source, words of the translation
    5: (list("我有一只猫"), "I have a cat".split()),
    24: (list("昨天小明没有来上课因为他生病了所以老师很担心他们"),
         "Xiaoming did not come to class yesterday because he was ill so the teacher worried about them".split()),
}


def _diagram(n: int):
    src, words = SENTENCES[n]
    labels = {k: k.replace("_", " ") for k in figures.ARCHITECTURE_LABELS}
    return figures.architecture(src, ["<bos>", *words], [*words, "<eos>"], n_layers=2, labels=labels,
                                title="The encoder–decoder Transformer, with your sentence")


@pytest.mark.parametrize("n", [5, 24])
@pytest.mark.parametrize("width, height, max_scale", [(720, 640, 1.0), (1100, 560, 1.5), (1100, 460, 1.5)])
def test_token_lines_stay_inside_the_plot(n, width, height, max_scale):
    """Each token line (caption and its wrapped tokens) has the px it needs, at the size it is drawn, between its
    anchor and the edge of the y range (else the figure clips it), and no wrapped line is wider than its column."""
    lay = diagram_fit.fit(_diagram(n), width=width, height=height, max_scale=max_scale).to_plotly_json()["layout"]
    m = lay["margin"]
    plot_h, plot_w = height - m["t"] - m["b"], width - m["l"] - m["r"]
    lo, hi = lay["yaxis"]["range"]
    px_per_unit = plot_h / (hi - lo)
    lines = [a for a in lay["annotations"] if "<br><b>" in (a.get("text") or "")]
    assert len(lines) == 3
    for a in lines:
        rows = re.sub(r"</?b>", "", a["text"]).split("<br>")
        need = len(rows) * a["font"]["size"] * 1.2  # what the browser draws: ~1.2 em a line
        room = (a["y"] - lo if a["yanchor"] == "top" else hi - a["y"]) * px_per_unit
        assert room >= need, (a["text"], room, need)
        column = plot_w / 10 * 4.2
        assert all(figures.text_px(r, a["font"]["size"]) <= column * 1.05 for r in rows[1:]), rows


def test_a_phone_draws_the_diagram_scaled_to_its_width():
    """For every phone width, the zoom the CSS rules give (the last matching media query wins) makes the 720-px
    diagram fit the page (its width less the padding) and wastes under one zoom step of it."""
    css = present._PHONE
    rules = [(int(w), float(z)) for w, z in re.findall(r"max-width: (\d+)px\) \{ \.st-key-tl_wide_figure "
                                                        r"\.js-plotly-plot \{ transform: scale\(([\d.]+)\);", css)]
    assert rules
    for viewport in range(320, 641, 7):
        zoom = 1.0
        for w, z in rules:  # in source order: a later matching rule overrides
            if viewport <= w:
                zoom = z
        room = viewport - present.PHONE_PADDING
        assert present.WIDE_FIGURE * zoom <= room, (viewport, zoom)
        assert present.WIDE_FIGURE * (zoom + present.ZOOM_STEP) > room, (viewport, zoom)


@pytest.mark.parametrize("n", [5, 24])
def test_the_fitted_diagram_is_the_figure_plotly_would_make_of_it(n):
    """fit() sends its dict without Plotly validating it again: Plotly, asked to, accepts it and changes nothing."""
    import plotly.graph_objects as go

    spec = diagram_fit.fit(_diagram(n), width=1100, height=560, max_scale=1.5).to_dict()
    assert go.Figure(spec).to_dict() == spec
