"""The pure figure builders and the small computations beside them — no browser, no Streamlit, no model."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui import analysis, figures, figures_rnn, pinyin_hover

TOKS = ["我", "有", "一", "只", "猫"]
TGT = ["<bos>", "I", "have", "a", "cat"]


def spec(fig) -> dict:
    """The JSON Streamlit sends to the browser, after a full plotly validation of the figure
    (the builders skip validation for speed, so the tests do it)."""
    go.Figure(fig.to_dict())  # raises ValueError on any invalid property
    return json.loads(pio.to_json(fig, validate=False))


def z_of(trace: dict) -> np.ndarray:
    """Heatmap z from the JSON (plotly ≥ 6 ships typed arrays as base64)."""
    z = trace["z"]
    if isinstance(z, dict):
        import base64

        shape = [int(n) for n in str(z["shape"]).split(",")]
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=np.dtype(z["dtype"])).reshape(shape)
    return np.asarray(z, dtype=float)


# ---- labels and titles --------------------------------------------------------------------------------

def test_special_tokens_are_escaped_and_repeats_stay_distinct():
    labels = figures.axis_labels(["<bos>", "的", "猫", "的", "<unk>", "的"])
    assert labels[0] == "&lt;bos&gt;" and labels[4] == "&lt;unk&gt;"
    assert len(set(labels)) == 6
    assert [x.replace(figures.ZWSP, "") for x in labels] == ["&lt;bos&gt;", "的", "猫", "的", "&lt;unk&gt;", "的"]


def test_tensor_title_names_the_tensor_detail_and_shape():
    title = figures.tensor_title("encoder.layers.0.self_attn.hook_pattern", (4, 5, 5), "head 2")
    assert title == "encoder.layers.0.self_attn.hook_pattern · head 2 · (4, 5, 5)"
    fig = figures.heatmap(np.eye(5), TOKS, TOKS, title=title)
    text = spec(fig)["layout"]["title"]["text"]
    assert text.startswith("encoder.layers.0.self_attn.hook_pattern<br>") and "head 2 · (4, 5, 5)" in text


# ---- heatmap ------------------------------------------------------------------------------------------

def test_heatmap_has_token_labels_on_both_axes_and_exact_hover():
    m = np.random.default_rng(0).random((5, 5)).astype(np.float32)
    s = spec(figures.heatmap(m, TGT, TOKS, title="t", x_title="key", y_title="query"))
    tr = s["data"][0]
    assert [pinyin_hover.bare(x) for x in tr["x"]] == TOKS and tr["y"][0] == "&lt;bos&gt;" and tr["y"][1:] == TGT[1:]
    assert all(x.startswith(f"{tok} (") for x, tok in zip(tr["x"], TOKS))  # each character's reading in the hover
    assert s["layout"]["xaxis"]["ticktext"] == TOKS and s["layout"]["xaxis"]["tickvals"] == tr["x"]  # not the tick
    assert s["layout"]["xaxis"]["type"] == "category" and s["layout"]["yaxis"]["autorange"] == "reversed"
    assert "%{z:.7g}" in tr["hovertemplate"] and "query: %{y}" in tr["hovertemplate"]
    np.testing.assert_allclose(z_of(tr), m.astype(np.float64))


def test_heatmap_colour_scales_are_colour_blind_safe():
    pos = spec(figures.heatmap(np.random.default_rng(0).random((3, 3)), TOKS[:3], TOKS[:3], title="t"))
    sig = spec(figures.heatmap(np.array([[-1.0, 2.0], [0.5, -3.0]]), TOKS[:2], TOKS[:2], title="t"))
    assert pos["data"][0]["colorscale"][0][1].lower() == "#440154"  # Viridis starts dark purple
    assert sig["data"][0]["zmid"] == 0 and sig["data"][0]["zmin"] == -3 and sig["data"][0]["zmax"] == 3
    assert sig["data"][0]["colorscale"][0][1].lower() in ("rgb(5,48,97)", "#053061")  # RdBu reversed: blue low
    assert sig["data"][0]["colorscale"][-1][1].lower() in ("rgb(103,0,31)", "#67001f")  # … red high


def test_masked_cells_are_grey_with_minus_infinity():
    scores = np.array([[0.5, -np.inf], [0.1, 0.2]])
    s = spec(figures.heatmap(scores, ["<bos>", "I"], ["<bos>", "I"], title="masked"))
    assert len(s["data"]) == 2
    main, grey = s["data"]
    assert math.isnan(z_of(main)[0, 1]) and not math.isnan(z_of(grey)[0, 1])
    assert grey["text"][0][1] == "−∞" and grey["text"][1][0] == ""
    assert "(masked)" in grey["hovertemplate"]


def test_heatmap_rejects_labels_that_do_not_fit():
    with pytest.raises(ValueError, match=r"shape \(5, 4\) but got 5 row labels and 5 column labels"):
        figures.heatmap(np.zeros((5, 4)), TOKS, TOKS, title="t")
    with pytest.raises(ValueError, match="must be 2-D"):
        figures.heatmap(np.zeros((2, 5, 5)), TOKS, TOKS, title="t")
    with pytest.raises(ValueError, match="highlight index 7"):
        figures.heatmap(np.zeros((5, 5)), TOKS, TOKS, title="t", highlight_row=7)


def test_wide_heatmaps_thin_their_ticks_and_keep_a_sensible_height():
    s = spec(figures.heatmap(np.zeros((5, 256)), TOKS, [str(i) for i in range(256)], title="t"))
    ticks = s["layout"]["xaxis"]["ticktext"]
    step = int(ticks[1]) - int(ticks[0])
    assert ticks[0] == "0" and all(int(b) - int(a) == step for a, b in zip(ticks, ticks[1:]))
    # the numbers side by side, each about 0.6 em wide per digit at 12 px, fit the ~300 px the axis gets
    assert sum(len(x) * 0.6 * 12 + 6 for x in ticks) <= 330, ticks
    assert 250 <= s["layout"]["height"] <= 800
    tall = spec(figures.heatmap(np.zeros((64, 64)), [str(i) for i in range(64)], [str(i) for i in range(64)],
                                title="t"))
    assert tall["layout"]["height"] <= 800


def test_column_groups_draw_head_separators():
    s = spec(figures.heatmap(np.zeros((5, 64)), TOKS, [str(i) for i in range(64)], title="t", col_groups=16))
    lines = [sh for sh in s["layout"]["shapes"] if sh["type"] == "line"]
    assert [sh["x0"] for sh in lines] == [15.5, 31.5, 47.5]


# ---- grids, bars, lines, scatter ----------------------------------------------------------------------

def test_small_multiples_share_one_colour_axis_and_check_every_cell():
    mats = [[np.full((5, 5), 0.2) for _ in range(4)] for _ in range(2)]
    s = spec(figures.small_multiples(mats, TOKS, TOKS, grid_rows=["layer 0", "layer 1"],
                                     grid_cols=[f"head {h}" for h in range(4)], title="all", highlight=(1, 2)))
    assert len(s["data"]) == 8 and {tr["coloraxis"] for tr in s["data"]} == {"coloraxis"}
    assert s["layout"]["coloraxis"]["cmin"] == 0 and s["layout"]["coloraxis"]["cmax"] == 1
    titles = [a["text"] for a in s["layout"]["annotations"]]
    assert "layer 1 · head 2" in titles
    assert any(sh["xref"] == "x7 domain" for sh in s["layout"]["shapes"])
    mats[1][3] = np.zeros((4, 5))
    with pytest.raises(ValueError, match=r"matrix \(layer 1, head 3\) has shape \(4, 5\)"):
        figures.small_multiples(mats, TOKS, TOKS, grid_rows=["layer 0", "layer 1"],
                                grid_cols=[f"head {h}" for h in range(4)], title="all")
    with pytest.raises(ValueError, match="2 × 3 grid"):
        figures.small_multiples([[np.zeros((5, 5))] * 4] * 2, TOKS, TOKS, grid_rows=["a", "b"],
                                grid_cols=["x", "y", "z"], title="t")


SENTENCE_24 = list("昨天小明没有来上课因为他生病了所以老师很担心他们")  # 24 characters
WORDS_14 = ["<bos> → Xiaoming", "Xiaoming → did", "did → not", "not → come", "come → to", "to → the",
            "the → teacher", "teacher → because", "because → it", "it → was", "was → very", "very → happy",
            "happy → yesterday", "yesterday → <eos>"]


def _tick_lines_px(axis: dict) -> float:
    """How far an x axis's labels reach below its cell, measured from the labels themselves: each text line about
    1.3 em, upright labels their full width, plus plotly's 8 px of tick and standoff."""
    size = axis["tickfont"]["size"]
    texts = axis["ticktext"]
    if abs(axis.get("tickangle", 0)) == 90:
        return max(figures.text_px(t, size) for t in texts) + 8
    if abs(axis.get("tickangle", 0)) == 45:
        return max(figures.text_px(t, size) for t in texts) * math.sin(math.pi / 4) + size + 8
    lines = 1 + max(str(t).count("<br>") for t in texts)
    return lines * size * 1.3 + 8


@pytest.mark.parametrize("rows, cols, width, scale", [
    (TOKS, TOKS, 850, 1.0), (WORDS_14, SENTENCE_24, 850, 1.0), (WORDS_14, SENTENCE_24, 1200, 1.5),
    (SENTENCE_24, SENTENCE_24, 600, 1.0), (TOKS, TOKS, 1700, 1.5)])
def test_small_multiples_cell_titles_clear_the_tick_labels_above(rows, cols, width, scale):
    """Between two grid rows there is room (in px of the drawn plot area) for the upper row's tick labels and the
    lower row's cell titles, with a gap; the first row's titles fit between the figure's title and the plot."""
    mats = [[np.full((len(rows), len(cols)), 0.1) for _ in range(4)] for _ in range(2)]
    lay = spec(figures.small_multiples(mats, rows, cols, grid_rows=["layer 0", "layer 1"],
                                       grid_cols=[f"head {h}" for h in range(4)], title="all heads",
                                       x_title="key", y_title="query", width=width, scale=scale))["layout"]
    plot_h = lay["height"] - lay["margin"]["t"] - lay["margin"]["b"]
    axes = {int(k[5:] or 1): v for k, v in lay.items() if k.startswith("yaxis")}
    tops = sorted({tuple(a["domain"]) for a in axes.values()}, reverse=True)
    assert len(tops) >= 2  # the grid flows onto several rows
    x1 = lay["xaxis"]
    cell_titles = [a for a in lay["annotations"] if "head" in a["text"]]
    title_px = max(a["font"]["size"] for a in cell_titles) * 1.3 + max(a["yshift"] for a in cell_titles)
    assert x1["tickfont"]["size"] >= figures.MIN_TICK
    for upper, lower in zip(tops, tops[1:]):
        gap_px = (upper[0] - lower[1]) * plot_h
        assert gap_px >= _tick_lines_px(x1) + title_px + 6, (gap_px, _tick_lines_px(x1), title_px)
    assert lay["margin"]["t"] - figures.title_height("all heads", width) >= title_px
    key_title = next(a for a in lay["annotations"] if a["text"] == "key")  # under the last row's tick labels
    assert -key_title["yshift"] >= _tick_lines_px(x1) + 2
    assert lay["margin"]["b"] >= -key_title["yshift"] + key_title["font"]["size"] * 1.3


@pytest.mark.parametrize("n_chars, width", [(5, 300), (24, 300), (24, 263), (24, 420)])
def test_a_thin_mask_is_square_and_labels_only_what_fits(n_chars, width):
    """A mask over a 24-character prompt and its answer (~40 positions) in a 300-px column: the plot is a square
    of at least half the figure's width (not a sliver beside its legend), and the labels shown, every k-th
    position, clear their neighbours: level ones by their width, rows and upright ones by a line of type."""
    toks = ["<bos>", *SENTENCE_24[:n_chars], "<sep>", *[w.split(" → ")[1] for w in WORDS_14]]
    m = np.tril(np.ones((len(toks), len(toks))))
    lay = spec(figures.heatmap(m, toks, toks, title="Causal (decoder-only, GPT)", width=width, thin=True,
                               discrete=("blocked", "may attend"), x_title="keys", y_title="queries"))["layout"]
    plot_w = width - lay["margin"]["l"] - lay["margin"]["r"]
    plot_h = lay["height"] - lay["margin"]["t"] - lay["margin"]["b"]
    assert plot_w >= width / 2 and abs(plot_w - plot_h) <= 0.25 * plot_w, (plot_w, plot_h)
    labels = figures.axis_labels(toks)
    for axis, room in (("xaxis", plot_w), ("yaxis", plot_h)):
        ax = lay[axis]
        shown = [labels.index(pinyin_hover.bare(v)) for v in ax["tickvals"]]
        assert shown[0] == 0 and shown == sorted(shown) and len(shown) >= min(len(toks), 8)
        steps = {b - a for a, b in zip(shown, shown[1:])}
        assert len(steps) <= 1  # evenly spaced
        gap = (steps.pop() if steps else len(toks)) * room / len(toks)  # px between neighbouring labels
        size = ax["tickfont"]["size"]
        assert size >= figures.MIN_TICK
        level = axis == "xaxis" and ax.get("tickangle", 0) == 0
        need = max(figures.text_px(t, size) for t in ax["ticktext"]) if level else size * 1.2
        assert gap >= need, (axis, gap, need)
    legend = [tr["name"] for tr in spec(figures.heatmap(m, toks, toks, title="t", width=width, thin=True,
                                                        discrete=("blocked", "may attend")))["data"]
              if tr.get("showlegend")]
    assert legend == ["blocked", "may attend"]  # both names shown, as a legend (a narrow bar's two labels collide)


def test_bars_highlight_and_check_lengths():
    s = spec(figures.bars(["<eos>", "cat", "dog"], [0.7, 0.2, 0.1], title="p", highlight=0))
    tr = s["data"][0]
    assert tr["x"][0] == "&lt;eos&gt;" and tr["marker"]["color"][0] == figures.HIGHLIGHT
    assert tr["marker"]["color"][1] == figures.BASE
    with pytest.raises(ValueError, match="2 values"):
        figures.bars(["a", "b", "c"], [1, 2], title="p")


def test_grouped_bars_and_lines_check_their_series():
    with pytest.raises(ValueError, match="series 'mean'"):
        figures.grouped_bars(TOKS, {"mean": [1, 2]}, title="t")
    with pytest.raises(ValueError, match="series 'a' has shape"):
        figures.lines([1, 2, 3], {"a": [1, 2]}, title="t")
    s = spec(figures.lines([1, 4, 16], {"q·k": [1, 4, 16]}, title="t", log_x=True, vlines={"d_k = 16": 16}))
    assert s["layout"]["shapes"][0]["x0"] == 16 and s["layout"]["annotations"][0]["x"] == pytest.approx(math.log10(16))


def test_scatter_highlights_sentence_tokens():
    pts = np.random.default_rng(0).random((6, 2))
    s = spec(figures.scatter_2d(pts, ["<pad>", "我", "有", "猫", "狗", "一"], title="pca", highlight=[1, 3]))
    assert s["data"][1]["text"] == ["我", "猫"] and "&lt;pad&gt;" in s["data"][0]["text"]
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        figures.scatter_2d(np.zeros((6, 3)), list("abcdef"), title="t")


# ---- beam tree and architecture -----------------------------------------------------------------------

@dataclass
class FakeBeam:
    tokens: tuple
    logp: float
    parent: int | None
    finished: bool


def beams():
    return [
        [FakeBeam((), 0.0, None, False)],
        [FakeBeam((4,), -0.1, 0, False), FakeBeam((5,), -2.0, 0, False)],
        [FakeBeam((4, 6), -0.3, 0, False), FakeBeam((4, 2), -1.5, 0, True)],
        [FakeBeam((4, 6, 2), -0.4, 0, True), FakeBeam((4, 2), -1.5, 1, True)],
    ]


def test_beam_tree_draws_every_kept_hypothesis_and_the_best_path():
    itos = ["<pad>", "<bos>", "<eos>", "<unk>", "I", "you", "cat"]
    path = analysis.beam_path(beams())
    assert path == [0, 0, 0, 0]
    s = spec(figures.beam_tree(beams(), itos, title="beam", best_path=path))
    nodes = s["data"][2]
    assert nodes["text"][0] == "&lt;bos&gt;" and "cat" in nodes["text"] and "✓" in nodes["text"]
    assert nodes["marker"]["color"][0] == figures.HIGHLIGHT
    partial = spec(figures.beam_tree(beams(), itos, title="beam", upto=1))
    assert len(partial["data"][2]["x"]) == 3
    bad = beams()
    bad[2][0] = FakeBeam((4, 6), -0.3, 5, False)
    with pytest.raises(ValueError, match="parent 5"):
        figures.beam_tree(bad, itos, title="beam")
    with pytest.raises(ValueError, match="no beam-search steps"):
        figures.beam_tree([], itos, title="beam")


def test_architecture_shows_the_sentence_as_escaped_text():
    labels = {k: k for k in figures.ARCHITECTURE_LABELS}
    s = spec(figures.architecture(TOKS, TGT, ["I", "have", "a", "cat", "<eos>"], n_layers=2, labels=labels))
    texts = " ".join(a.get("text", "") for a in s["layout"]["annotations"])
    assert "我 有 一 只 猫" in texts and "&lt;bos&gt; I have a cat" in texts and "<bos>" not in texts
    with pytest.raises(ValueError, match="needs labels"):
        figures.architecture(TOKS, TGT, TGT, n_layers=2, labels={})


# ---- any text at all is safe as a label -----------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=8))
def test_any_labels_build_a_valid_figure_with_no_raw_markup(labels):
    m = np.arange(len(labels) ** 2, dtype=float).reshape(len(labels), len(labels))
    fig = figures.heatmap(m, labels, labels, title="<script>x</script>")
    s = spec(fig)
    axis = s["data"][0]["x"]
    assert len(set(axis)) == len(labels)
    assert all("<" not in a and ">" not in a for a in axis)
    assert "<script>" not in s["layout"]["title"]["text"]


# ---- analysis -----------------------------------------------------------------------------------------

def test_softmax_gives_masked_entries_exactly_zero():
    p = analysis.softmax(np.array([1.0, -np.inf, 2.0]))
    assert p[1] == 0 and p.sum() == pytest.approx(1)


def test_pca_and_cosine():
    X = np.random.default_rng(0).standard_normal((40, 8))
    coords, ratio = analysis.pca_2d(X)
    assert coords.shape == (40, 2) and 0 < ratio.sum() <= 1 and ratio[0] >= ratio[1]
    C = analysis.cosine_matrix(X[:5])
    np.testing.assert_allclose(np.diag(C), 1)
    np.testing.assert_allclose(analysis.row_cosine(X[:5], X[:5]), 1)


def test_csv_has_labelled_rows_and_columns_and_rejects_mismatches():
    text = analysis.to_csv(np.array([[0.5, -np.inf], [1.0, 2.0]], dtype=np.float32), ["<bos>", "I"], ["<bos>", "I"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["", "<bos>", "I"] and rows[1] == ["<bos>", "0.5", "-inf"] and rows[2][0] == "I"
    with pytest.raises(ValueError, match="needs 2 row labels"):
        analysis.to_csv(np.zeros((2, 2)), ["a"], ["a", "b"])


def test_top_k_and_zero_counts():
    assert list(analysis.top_k(np.array([0.1, 0.5, 0.5, 0.2]), 3)) == [1, 2, 3]
    rng = np.random.default_rng(0)
    for _ in range(200):  # against a full stable sort, with ties (few distinct values) and k past the size
        probs = rng.integers(0, 6, size=int(rng.integers(1, 40))).astype(np.float32)
        k = int(rng.integers(0, 45))
        want = np.lexsort((np.arange(probs.size), -probs))[:k]
        assert list(analysis.top_k(probs, k)) == list(want)
    assert list(analysis.zero_counts(np.array([[0.0, 1.0, 0.0], [2.0, 3.0, 4.0]]))) == [2, 0]


def test_scaling_toy_shows_variance_growing_with_d_k_and_fixed_by_scaling():
    out = analysis.scaling_experiment((4, 64, 256), n_trials=300)
    assert out["var_raw"][2] > 20 * out["var_raw"][0]
    assert np.all(np.abs(out["var_scaled"] - 1) < 0.2)
    assert out["maxp_raw"][2] > out["maxp_scaled"][2]


# ---- the recurrent lessons: diagrams, unit lines, clipping, toys ----------------------------------------

UNROLL = {"cell": "same cell", "start": "h0 = 0", "context": "c = h_T", "inputs": "x_t"}


def notes_text(s: dict) -> str:
    return " ".join(a.get("text", "") for a in s["layout"]["annotations"])


def test_unrolled_draws_one_cell_per_token_with_escaped_labels():
    toks = ["我", "<unk>", "只", "猫"]
    s = spec(figures_rnn.unrolled(toks, labels=UNROLL, title="unrolled", highlight=1))
    text = notes_text(s)
    assert "我" in text and "&lt;unk&gt;" in text and "<unk>" not in text
    assert all(f"h<sub>{k}</sub>" in text for k in range(1, 5)) and "h<sub>5</sub>" not in text
    cells = [sh for sh in s["layout"]["shapes"] if sh["type"] == "rect"]
    assert len(cells) == len(toks) + 1  # one per character and the context box
    assert cells[1]["line"]["color"] == figures.HIGHLIGHT and cells[0]["line"]["color"] != figures.HIGHLIGHT
    arrows = [a for a in s["layout"]["annotations"] if a.get("showarrow")]
    plain, lstm = len(arrows), len([a for a in spec(figures_rnn.unrolled(toks, labels=UNROLL, lstm=True))
                                    ["layout"]["annotations"] if a.get("showarrow")])
    assert plain == 4 + 3 + 2  # x_t → cell, h_t → h_t+1, start and end
    assert lstm == plain + 3 + 2  # the cell-state lane adds its own arrows


def test_unrolled_rejects_bad_input():
    with pytest.raises(ValueError, match="needs labels"):
        figures_rnn.unrolled(TOKS, labels={"cell": "x"})
    with pytest.raises(ValueError, match="highlight index 5"):
        figures_rnn.unrolled(TOKS, labels=UNROLL, highlight=5)
    with pytest.raises(ValueError, match="at least one token"):
        figures_rnn.unrolled([], labels=UNROLL)


def test_structures_has_three_panels_and_the_context_vector():
    labels = {k: k.replace("_", " ") for k in figures_rnn.STRUCTURE_LABELS}
    labels["one_to_many"] = "one-to-many\n(<image> → caption)"
    s = spec(figures_rnn.structures(labels=labels, title="three"))
    text = notes_text(s)
    assert "one-to-many<br>(&lt;image&gt; → caption)" in text  # line break kept, markup escaped
    assert "many to one" in text and "encoder decoder" in text and "context" in text
    assert "s<sub>3</sub>" in text and "y<sub>3</sub>" in text
    with pytest.raises(ValueError, match="needs labels"):
        figures_rnn.structures(labels={})


def test_token_lines_put_the_characters_on_the_axis():
    f = figures_rnn.token_lines(TOKS, {"f_t": [0.1, 0.9, 0.5, 0.2, 1.0], "c_t": [0, 1, 2, 3, 4]}, title="unit 3",
                                x_title="character", y_title="value", highlight=2, y_range=(-1, 5))
    s = spec(f)
    assert s["data"][0]["x"] == TOKS and s["layout"]["xaxis"]["type"] == "category"
    assert s["layout"]["xaxis"]["title"]["text"] == "character" and s["layout"]["yaxis"]["range"] == [-1, 5]
    assert s["layout"]["shapes"][0]["x0"] == 1.5
    with pytest.raises(ValueError, match="series 'g' has shape"):
        figures_rnn.token_lines(TOKS, {"g": [1, 2]}, title="t")
    with pytest.raises(ValueError, match="highlight index 9"):
        figures_rnn.token_lines(TOKS, {"g": np.zeros(5)}, title="t", highlight=9)


def test_clip_arrows_draw_the_threshold_circle_and_both_vectors():
    labels = {"original": "g", "clipped": "clipped g", "threshold": "‖g‖ = 2"}
    s = spec(figures_rnn.clip_arrows([3, 4], [1.2, 1.6], 2.0, labels=labels, title="clip"))
    circle = s["layout"]["shapes"][0]
    assert circle["type"] == "circle" and circle["x1"] == 2.0
    heads = [(a["x"], a["y"]) for a in s["layout"]["annotations"] if a.get("showarrow")]
    assert heads == [(3.0, 4.0), (1.2, 1.6)]
    assert s["layout"]["yaxis"]["scaleanchor"] == "x"
    with pytest.raises(ValueError, match="2-D vectors"):
        figures_rnn.clip_arrows([1, 2, 3], [1, 2, 3], 1.0, labels=labels)
    with pytest.raises(ValueError, match="max_norm"):
        figures_rnn.clip_arrows([1, 2], [1, 2], 0.0, labels=labels)


def test_numbered_columns_thin_more_in_a_narrow_figure_and_not_at_all_when_few():
    wide = spec(figures.heatmap(np.zeros((5, 128)), TOKS, [str(i) for i in range(128)], title="t", width=900))
    narrow = spec(figures.heatmap(np.zeros((5, 128)), TOKS, [str(i) for i in range(128)], title="t", width=300))
    assert len(narrow["layout"]["xaxis"]["ticktext"]) < len(wide["layout"]["xaxis"]["ticktext"])
    few = spec(figures.heatmap(np.zeros((5, 8)), TOKS, [str(i) for i in range(8)], title="t"))
    assert few["layout"]["xaxis"]["ticktext"] == [str(i) for i in range(8)]


def test_memory_toy_reproduces_the_all_ones_example():
    steps = analysis.memory_toy([[1, 1], [1, 1], [2, 2]])
    assert [list(s["y"]) for s in steps] == [[4, 4], [12, 12], [32, 32]]
    assert [list(s["h"]) for s in steps] == [[2, 2], [6, 6], [16, 16]]
    assert list(steps[0]["memory"]) == [0, 0] and list(steps[1]["memory"]) == [2, 2]
    swapped = analysis.memory_toy([[2, 2], [1, 1], [1, 1]])
    assert [s["y"][0] for s in swapped] == [8, 20, 44]  # same inputs, another order, other outputs
    forget = analysis.memory_toy([[1, 1], [1, 1], [2, 2]], w_rec=0.0)
    assert [s["y"][0] for s in forget] == [4, 4, 8]
    squashed = analysis.memory_toy([[1, 1]] * 3, activation="tanh")
    assert all(abs(v) < 1 for s in squashed for v in s["h"])
    with pytest.raises(ValueError, match=r"\(T, 2\)"):
        analysis.memory_toy([1, 2, 3])
    with pytest.raises(ValueError, match="activation"):
        analysis.memory_toy([[1, 1]], activation="relu")


def test_lstm_step_matches_the_cell_equations():
    r = analysis.lstm_step(c_prev=1.0, f=0.9, i=0.3, g=-0.5, o=0.8)
    assert r["keep"] == pytest.approx(0.9) and r["write"] == pytest.approx(-0.15)
    assert r["c"] == pytest.approx(0.75) and r["h"] == pytest.approx(0.8 * math.tanh(0.75))
    assert analysis.lstm_step(5.0, 0.0, 0.0, 1.0, 1.0)["c"] == 0  # forget gate closed, nothing written
    assert analysis.lstm_step(5.0, 1.0, 0.0, 1.0, 0.0)["h"] == 0  # memory kept but hidden


def test_lstm_step_agrees_with_the_model_cell():
    import torch

    from tutorial_model.hooks import capture
    from tutorial_model.rnn import LSTMCell

    torch.manual_seed(0)
    cell = LSTMCell(3, 4).eval()  # a tiny random cell: the equations hold for any weights
    x, h, c = torch.randn(1, 3), torch.randn(1, 4), torch.randn(1, 4)

    with torch.no_grad(), capture(cell) as cap:
        h_new, c_new = cell(x, (h, c))
    gate = {k: cap[f"hook_{k}"][0][0].numpy() for k in "figo"}
    for u in range(4):
        r = analysis.lstm_step(float(c[0, u]), *(float(gate[k][u]) for k in "figo"))
        assert r["c"] == pytest.approx(float(c_new[0, u]), abs=1e-6)
        assert r["h"] == pytest.approx(float(h_new[0, u]), abs=1e-6)


# ---- readable at a glance: every token labelled, numbers only where they fit ------------------------------

LONG_SRC = list("昨天我没有来上课因为我生病了所以老师同学很担心我")  # 24 characters, 我 three times
LONG_TGT = ["<bos>", "yesterday", "I", "did", "not", "come", "to", "class", "because", "I", "was", "ill", ",",
            "so", "my", "teacher", "and", "classmates", "were", "all", "very", "worried", "about", "me"]


def _shown(ticktext) -> list[str]:
    """Tick labels as a reader sees them: entities decoded, the invisible de-duplicating suffixes dropped."""
    import html

    return [html.unescape(x.removeprefix("<br>")).replace(figures.ZWSP, "") for x in ticktext]


def _assert_every_token_is_a_tick(axis: dict, categories: list, tokens: list[str], where: str) -> None:
    assert axis.get("tickmode") == "array", f"{where}: plotly would pick which ticks to show"
    assert _shown(axis["ticktext"]) == tokens, f"{where}: labels {axis['ticktext']}"
    assert list(axis["tickvals"]) == list(categories), f"{where}: ticks not at their own categories"
    assert axis.get("tickfont", {}).get("size", 12) >= figures.MIN_TICK >= 11, f"{where}: labels too small to read"


@pytest.mark.parametrize("width", [300, 450, 850])
def test_every_token_is_a_tick_label_on_every_attention_mask_and_probability_axis(width):
    assert len(LONG_SRC) == 24
    rng = np.random.default_rng(1)
    n_s, n_t = len(LONG_SRC), len(LONG_TGT)
    attn = rng.dirichlet(np.ones(n_s), size=n_s)
    cross = rng.dirichlet(np.ones(n_s), size=n_t)
    mask = np.tril(np.ones((n_t, n_t)))
    rows = [f"{a} → {b}" for a, b in zip(LONG_TGT, LONG_TGT[1:] + ["<eos>"])]
    figs = {
        "self-attention": (figures.heatmap(attn, LONG_SRC, LONG_SRC, title="t", width=width), LONG_SRC, LONG_SRC),
        "cross-attention": (figures.heatmap(cross, rows, LONG_SRC, title="t", width=width), rows, LONG_SRC),
        "mask": (figures.heatmap(mask, LONG_TGT, LONG_TGT, title="t", discrete=("0", "1"), width=width),
                 LONG_TGT, LONG_TGT),
        "probabilities": (figures.heatmap(rng.random((n_t, 10)), rows, LONG_TGT[1:11], title="t", width=width),
                          rows, LONG_TGT[1:11]),
    }
    for where, (fig, ys, xs) in figs.items():
        s = spec(fig)
        tr = s["data"][0]
        _assert_every_token_is_a_tick(s["layout"]["xaxis"], tr["x"], xs, f"{where} x @ {width}px")
        _assert_every_token_is_a_tick(s["layout"]["yaxis"], tr["y"], ys, f"{where} y @ {width}px")
    grid = spec(figures.small_multiples([[attn] * 4] * 2, LONG_SRC, LONG_SRC, grid_rows=["a", "b"],
                                        grid_cols=list("wxyz"), title="all", width=max(width, 600)))
    for n, tr in enumerate(grid["data"]):
        sfx = "" if n == 0 else str(n + 1)
        _assert_every_token_is_a_tick(grid["layout"][f"xaxis{sfx}"], tr["x"], LONG_SRC, f"grid x{sfx}")
        _assert_every_token_is_a_tick(grid["layout"][f"yaxis{sfx}"], tr["y"], LONG_SRC, f"grid y{sfx}")
    words = LONG_TGT[1:11]
    bar = spec(figures.bars(words, np.log(rng.dirichlet(np.ones(10))), title="p", width=width))
    _assert_every_token_is_a_tick(bar["layout"]["xaxis"], bar["data"][0]["x"], words, "bars")
    line = spec(figures_rnn.token_lines(LONG_SRC, {"f": rng.random(n_s)}, title="gate", width=width))
    _assert_every_token_is_a_tick(line["layout"]["xaxis"], line["data"][0]["x"], LONG_SRC, "token lines")


def test_upright_labels_get_room_below_the_plot():
    s = spec(figures.heatmap(np.zeros((3, 24)), TOKS[:3], LONG_TGT, title="t", width=450))
    axis = s["layout"]["xaxis"]
    assert axis["tickangle"] in (-45, -90)
    longest = max(len(w) for w in LONG_TGT) * 0.6 * axis["tickfont"]["size"]  # px of "classmates" upright
    assert s["layout"]["margin"]["b"] >= longest * (0.7 if axis["tickangle"] == -45 else 1.0)


def test_cell_numbers_only_when_they_fit():
    small = spec(figures.heatmap(np.full((5, 5), 0.25), TOKS, TOKS, title="t", width=450))
    assert small["data"][0]["texttemplate"] == "%{z:.2f}"
    # 24 columns in a third of a page: a cell is ~8 px wide, "0.25" needs ~25 px
    crowded = spec(figures.heatmap(np.full((24, 24), 0.25), LONG_SRC, LONG_SRC, title="t", width=300,
                                   show_values=True))
    assert "texttemplate" not in crowded["data"][0]


def test_a_mask_has_a_two_colour_legend_not_a_colour_bar():
    s = spec(figures.heatmap(np.tril(np.ones((4, 4))), TGT[:4], TGT[:4], title="mask",
                             discrete=("0 · blocked", "1 · may attend")))
    tr = s["data"][0]
    assert len({c for _, c in tr["colorscale"]}) == 2
    assert tr["colorbar"]["ticktext"] == ["0 · blocked", "1 · may attend"] and tr["zmin"] == 0 and tr["zmax"] == 1
    with pytest.raises(ValueError, match="0/1"):
        figures.heatmap(np.full((2, 2), 0.5), TOKS[:2], TOKS[:2], title="t", discrete=("a", "b"))


def test_log_axes_print_what_the_ticks_mean():
    s = spec(figures.lines([0, 1, 2, 3], {"a": [1.0, 0.6, 0.3, 0.12]}, title="t", log_y=True))
    shown = s["layout"]["yaxis"]["ticktext"]
    vals = s["layout"]["yaxis"]["tickvals"]
    assert {"0.2", "0.5", "0.9", "1"} <= set(shown)
    assert all(float(x) == pytest.approx(v) for x, v in zip(shown, vals))  # each label is its own value
    wide = spec(figures.lines([0, 1], {"a": [1e-12, 1.0]}, title="t", log_y=True))["layout"]["yaxis"]["ticktext"]
    assert "10⁻¹²" in wide and "1" in wide


def test_a_human_title_with_the_hook_name_as_subtitle_wraps_in_a_narrow_figure():
    title = figures.tensor_title("encoder.layers.0.self_attn.hook_pattern", (4, 5, 5), "head 2",
                                 human="Attention weights · encoder self-attention · layer 0 · head 2")
    wide = spec(figures.heatmap(np.eye(5), TOKS, TOKS, title=title, width=900))["layout"]
    narrow = spec(figures.heatmap(np.eye(5), TOKS, TOKS, title=title, width=300))["layout"]
    main, sub = wide["title"]["text"].split("<span", 1)
    assert main.startswith("Attention weights · encoder self-attention · layer 0 · head 2")
    assert "encoder.layers.0.self_attn.hook_pattern · (4, 5, 5)" in sub
    assert narrow["title"]["text"].count("<br>") > wide["title"]["text"].count("<br>")
    assert narrow["margin"]["t"] > wide["margin"]["t"]  # the extra lines get room instead of being cut
    for line in narrow["title"]["text"].split("<span")[0].split("<br>"):
        assert figures.text_px(line, 14) <= 300, line


def test_numbers_in_formulas_and_captions_read_as_written():
    from ui import widgets

    assert widgets.plus(-0.0633) == " - 0.0633" and widgets.plus(0.0633) == " + 0.0633"
    assert widgets.minus(-0.5, ".1f") == " + 0.5"
    assert widgets.signed_sum([0.12, -0.0633, 0.01]) == "0.1200 - 0.0633 + 0.0100"
    assert widgets.small(0.0) == "0" and widgets.small(3e-8) == "3.0 × 10⁻⁸"
    assert "e+" not in widgets.small(1.5e-12) and "e-" not in widgets.small(1.5e-12)


def test_downloads_open_in_excel_and_have_clean_names():
    from ui import widgets

    data = analysis.csv_bytes(np.eye(2), ["我", "猫"], ["我", "猫"])
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel then reads the Chinese labels
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["", "我", "猫"] and rows[1][0] == "我"
    assert widgets.file_name("encoder.layers.0.hook_in.None", "csv") == "encoder.layers.0.hook_in.csv"
    assert widgets.file_name("fig/<我>.", "png") == "fig.png"


def _plot_width(s: dict, width: int) -> float:
    """The plot's width as the builder laid it out: the figure's width less the margin on the right and the row
    labels (and the y title) on the left, measured here independently of the builder."""
    lay = s["layout"]
    size = lay["yaxis"].get("tickfont", {}).get("size", 12)
    left = 14 + max(figures.text_px(x, size) for x in lay["yaxis"]["ticktext"]) + 24
    return width - lay["margin"]["r"] - left - (90 if lay["margin"]["r"] > 20 else 0)  # a colour bar on the right


@pytest.mark.parametrize("width", [450, 850])
def test_a_long_sentence_is_labelled_at_11px_with_room_for_every_label(width):
    """Page 9 draws the cross-attention maps 850 px wide for a long sentence, pages 4 and 8 at half a page: every
    character at ≥ 11 px, with room for it (no label runs into its neighbour), also beside a wide <unk>."""
    src = LONG_SRC[:20] + ["<unk>"] + LONG_SRC[21:]
    rows = [f"{a} → {b}" for a, b in zip(LONG_TGT[:21], LONG_TGT[1:22])]
    rng = np.random.default_rng(2)
    cases = [(rng.dirichlet(np.ones(24), size=24), src, src)]
    if width == 850:
        cases.append((rng.dirichlet(np.ones(24), size=21), rows, src))
    for m, ys, xs in cases:
        s = spec(figures.heatmap(m, ys, xs, title="Attention weights · cross-attention · layer 0 · head 0",
                                 width=width))
        axis = s["layout"]["xaxis"]
        _assert_every_token_is_a_tick(axis, s["data"][0]["x"], [x for x in xs], f"x @ {width}")
        assert axis["tickangle"] == 0, "characters stay level (rotated ones were the unreadable part)"
        shown = [figures.text_px(figures.esc(x), axis["tickfont"]["size"]) for x in xs]
        per = _plot_width(s, width) / len(xs)
        lines = 2 if any(t.startswith("<br>") for t in axis["ticktext"]) else 1
        for i in range(len(xs) - lines):  # neighbours on one line of labels do not touch
            assert (shown[i] + shown[i + lines]) / 2 + 2 <= per * lines, (i, xs[i], per, lines)
        rows_h = s["layout"]["height"] - s["layout"]["margin"]["t"] - s["layout"]["margin"]["b"]
        assert rows_h / len(ys) >= 1.25 * s["layout"]["yaxis"]["tickfont"]["size"] >= 1.25 * 11


def test_top_units_are_each_rows_largest_values_labelled_with_their_unit():
    rng = np.random.default_rng(3)
    hidden = np.maximum(0.0, rng.normal(size=(24, 512)))
    s = spec(figures.top_units(hidden, LONG_SRC, k=8, title="t", unit="unit", width=850))
    tr = s["data"][0]
    top, units = z_of(tr), np.asarray(tr["text"], dtype=int)
    for r in range(24):  # recomputed: the 8 largest of the row, in order, and the units that hold them
        expect = sorted(hidden[r], reverse=True)[:8]
        np.testing.assert_allclose(top[r], expect)
        np.testing.assert_allclose(hidden[r, units[r].astype(int)], expect)
    assert tr["texttemplate"] == "%{text}" and "unit %{text}" in tr["hovertemplate"]
    _assert_every_token_is_a_tick(s["layout"]["yaxis"], tr["y"], LONG_SRC, "top units y")


TITLE_CHUNKS = [*"每一层之后位置你最多读到了哪些字卷积核注意力", "，", "。", "：", "（", "）", "、", "k", "= ", "3",
                " ", "head ", "(", ")", ", "]  # no " · ": a title breaks there first, whatever stands beside it


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TITLE_CHUNKS), min_size=1, max_size=40), st.integers(40, 400))
def test_wrapped_lines_keep_every_character_and_never_start_with_closing_punctuation(chunks, max_px):
    """figures.wrap on titles of Chinese, Latin and punctuation: nothing but spaces and the " · " it breaks at is
    lost, no line starts with "，" "）" and
    the like, and none but the last ends with "（" and the like."""
    text = "".join(chunks)
    lines = figures.wrap(text, max_px, 14)
    def kept(s: str) -> str:  # a " · " where a line breaks becomes the break
        return "".join(s.replace("·", "").split())

    assert kept("".join(lines)) == kept(text)
    for i, line in enumerate(lines):
        if i:
            assert line[0] not in "，。、；：？！）》」』】〉,.;:!?)]}", lines
        if i < len(lines) - 1:
            assert line[-1] not in "（《「『【〈([{", lines


def test_bar_labels_separate_thousands_of_large_counts_and_read_back_as_the_values():
    counts = [1_607_424, 689_920, 98_560, 9_999, 512]
    labels = spec(figures.bars(list("abcde"), counts, title="numbers", decimals=0, width=900))["data"][0]["text"]
    assert [int(x.replace(",", "")) for x in labels] == counts
    assert ["," in x for x in labels] == [c >= 10_000 for c in counts]
    assert spec(figures.bars(["a"], [-12345.5], title="t", decimals=1))["data"][0]["text"] == ["−12,345.5"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="每一层之后位置你最多读到了哪些字卷积核注意力", min_size=3, max_size=40), st.integers(30, 400))
def test_a_wrapped_chinese_title_leaves_no_character_alone_on_its_last_line(text, max_px):
    lines = figures.wrap(text, max_px, 14)
    assert "".join(lines) == text
    if len(lines) > 1 and len(lines[-2]) >= 3:
        assert len(lines[-1]) >= 2, lines
