"""ui.views.FrozenFigure: a cached figure that st.plotly_chart sends without rebuilding, copying or validating it.

These tests pin what the speed-up relies on in Streamlit and Plotly (public calls only): st.plotly_chart takes a
Plotly figure's dict from ``to_dict()`` and sends that dict's JSON. If a new Streamlit or Plotly stops asking the
figure for ``to_dict()``, or sends something else, a test here fails (and the cache would no longer save the work).
"""

from __future__ import annotations

import json

import numpy as np
import plotly.tools
import pytest
from streamlit.testing.v1 import AppTest

from ui import figures, present, views


def _figures():
    m = np.arange(12.0).reshape(3, 4) / 12
    mats = [[m[:, :3] * k for k in range(2)] for _ in range(2)]
    return [
        figures.heatmap(m, ["我", "有", "猫"], ["a", "b", "c", "d"], title="Weights · layer 0", zmin=0.0, zmax=1.0,
                        highlight_row=1),
        figures.small_multiples(mats, ["我", "有", "猫"], ["x", "y", "z"], grid_rows=["L0", "L1"],
                                grid_cols=["H0", "H1"], highlight=(0, 1), title="All heads"),
        figures.bars(["a", "b"], np.array([0.25, 0.75]), title="Row", highlight=1),
        figures.lines([1, 4, 16], {"raw": [1.0, 4.0, 16.0]}, title="Variance", log_x=True),
    ]


def test_frozen_dict_is_the_figures_dict_and_is_handed_out_without_a_copy():
    for fig in _figures():
        frozen = views.freeze(fig)
        assert frozen.to_dict() == fig.to_dict()
        assert views.freeze(frozen) is frozen
        # what st.plotly_chart calls on a figure: the frozen one answers with the dict it holds, no deep copy
        assert plotly.tools.return_figure_from_figure_or_data(frozen, validate_figure=True) is frozen.to_dict()


def test_projector_copy_leaves_the_shared_figure_alone():
    frozen = views.freeze(_figures()[0])
    before = json.dumps(frozen.to_dict(), default=str)
    big = present.projector_figure(frozen)
    assert big.layout.height > frozen.to_dict()["layout"]["height"]
    assert json.dumps(frozen.to_dict(), default=str) == before


def _script():
    import streamlit as st

    from tests.test_frozen_figure import _figures
    from ui import views

    for n, fig in enumerate(_figures()):
        st.plotly_chart(fig, key=f"orig{n}", theme=None, width="stretch", config={"displaylogo": False})
        st.plotly_chart(views.freeze(fig), key=f"frozen{n}", theme=None, width="stretch",
                        config={"displaylogo": False})


def test_streamlit_sends_the_same_spec_for_a_frozen_figure(monkeypatch):
    asked = []
    to_dict = views.FrozenFigure.to_dict
    monkeypatch.setattr(views.FrozenFigure, "to_dict", lambda self: asked.append(1) or to_dict(self))
    at = AppTest.from_function(_script, default_timeout=30).run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 2 * len(_figures())
    for orig, frozen in zip(charts[::2], charts[1::2]):
        assert frozen.proto.spec == orig.proto.spec
        assert frozen.proto.config == orig.proto.config
        assert json.loads(frozen.proto.spec)["data"]
    assert len(asked) >= len(_figures()), "st.plotly_chart no longer asks the figure for to_dict()"


def test_a_frozen_figure_has_no_plotly_state_to_read_by_mistake():
    frozen = views.freeze(_figures()[2])
    with pytest.raises(AttributeError):  # read through to_dict(), never .data
        _ = frozen.data
    assert "traces" in repr(frozen) and frozen == views.freeze(_figures()[2])


def test_a_heatmaps_spec_made_directly_is_what_plotly_makes_of_the_figure():
    """figures.spec(heatmap_parts(...)) skips building the go.Figure; what reaches the browser must not change."""
    import plotly.io as pio
    import streamlit.elements.plotly_chart  # noqa: F401 - Streamlit sets plotly's default template, as in the app

    rng = np.random.default_rng(1)
    toks = list("我有一只猫吗呢今天")
    cases = []
    for n, width in ((3, 3), (9, 9), (9, 128), (5, 32)):
        m = rng.standard_normal((n, width))
        cols = [str(i) for i in range(width)]
        cases.append((m, toks[:n], cols, dict(title="t · x", highlight_row=1, x_title="key", y_title="q")))
        cases.append((np.abs(m) / np.abs(m).max(), toks[:n], cols,
                      dict(title="p", zmin=0.0, zmax=1.0, show_values=False, col_groups=2, highlight_col=0)))
    masked = np.triu(np.full((5, 5), -np.inf), 1) + rng.standard_normal((5, 5))
    cases.append((masked, toks[:5], toks[:5], dict(title="masked", signed=True)))
    mask = (rng.random((4, 4)) > 0.5).astype(float)
    cases.append((mask, toks[:4], toks[:4], dict(title="mask", discrete=["no", "yes"])))
    for m, rows, cols, kw in cases:
        built = json.loads(pio.to_json(figures.heatmap(m, rows, cols, **kw).to_dict(), validate=False))
        direct = json.loads(pio.to_json(views.heatmap(m, rows, cols, **kw), validate=False))
        assert direct == built, kw


@pytest.mark.parametrize("scale, max_height, signed", [(1.0, None, False), (1.6, 420, True)])
def test_a_grids_spec_made_directly_is_what_plotly_makes_of_the_figure(scale, max_height, signed):
    """views.small_multiples (figures.spec of small_multiples_parts) skips the go.Figure; the JSON must not change."""
    import plotly.io as pio
    import streamlit.elements.plotly_chart  # noqa: F401 - Streamlit sets plotly's default template, as in the app

    rng = np.random.default_rng(2)
    toks = list("我昨天在图书馆看了两个小时的书")
    mats = [[rng.random((len(toks), len(toks))) * (2 * signed - 1 if signed else 1) for _ in range(4)]
            for _ in range(2)]
    kw = dict(grid_rows=["L0", "L1"], grid_cols=[f"H{k}" for k in range(4)], title="All heads", x_title="key",
              y_title="query", highlight=(1, 2), signed=signed, zmin=-1.0 if signed else 0.0, scale=scale,
              max_height=max_height)
    built = json.loads(pio.to_json(figures.small_multiples(mats, toks, toks, **kw).to_dict(), validate=False))
    direct = json.loads(pio.to_json(views.small_multiples(mats, toks, toks, **kw), validate=False))
    assert direct == built


def _random_spec(rng: np.random.Generator, depth: int = 0):
    """A nested figure-like structure: dicts, lists and tuples of arrays (many dtypes, empty, int64 that fits int8
    and that fits nothing smaller, views that are not C-contiguous, big-endian), numpy and plain scalars, strings,
    None, and plotly's skipped keys."""
    def leaf():
        kind = int(rng.integers(0, 15))
        if kind == 0:
            return rng.standard_normal(int(rng.integers(0, 6))).astype(rng.choice(["float32", "float64"]))
        if kind == 1:
            return rng.integers(-100, 100, size=(2, 3))  # int64, fits int8
        if kind == 2:
            return np.array([2**40, -3], dtype=np.int64)  # fits no smaller int
        if kind == 3:
            return np.array([1, 70000], dtype=np.uint64)
        if kind == 4:
            return np.float32(rng.standard_normal())
        if kind == 5:
            return np.int64(rng.integers(0, 9))
        if kind == 6:
            return [float(x) for x in rng.standard_normal(3)]
        if kind == 7:
            return str(rng.integers(0, 99)) + "我"
        if kind == 8:
            return None if rng.random() < 0.5 else bool(rng.random() < 0.5)
        if kind == 9:
            return np.array(["a", "b"])
        if kind == 10:  # not C-contiguous: a transposed and a strided view
            m = rng.standard_normal((3, 4)).astype(rng.choice(["float32", "float64", "int32"]))
            return m.T if rng.random() < 0.5 else m[:, ::2]
        if kind == 11:
            return rng.integers(0, 200, size=5).astype(rng.choice(["uint8", "int16", "uint32", "int64"]))
        if kind == 12:
            return np.array([0.5, 1.5], dtype=rng.choice(["float16", "bool", ">f8"]))
        if kind == 13:
            return np.zeros((0, 3), dtype="int64")
        return int(rng.integers(0, 9))

    if depth >= 3:
        return leaf()
    shape = rng.random()
    keys = ["z", "x", "y", "range", "layer", "customdata", "text", "marker", "layers", "geojson"]
    if shape < 0.45:
        return {str(rng.choice(keys)): _random_spec(rng, depth + 1) for _ in range(int(rng.integers(1, 6)))}
    if shape < 0.6:
        return [_random_spec(rng, depth + 1) for _ in range(int(rng.integers(0, 4)))]
    if shape < 0.7:
        return tuple(_random_spec(rng, depth + 1) for _ in range(int(rng.integers(0, 3))))
    return leaf()


def _plain(obj):
    """A comparable form: arrays as (dtype, shape, values), containers kept apart (a list is not a tuple)."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, [_plain(v) for v in obj])
    if isinstance(obj, np.ndarray):
        return ("ndarray", str(obj.dtype), obj.shape, obj.tolist())
    if isinstance(obj, np.generic):
        return ("scalar", str(obj.dtype), obj.item())
    return obj


@pytest.mark.parametrize("seed", range(6))
def test_typed_arrays_converts_exactly_what_plotlys_own_walk_converts(seed):
    """figures.typed_arrays is the quicker walk spec() uses in place of plotly's convert_to_base64 (and its quicker
    to_typed_array_spec for plain numeric arrays): on the same random structures, in place, both leave exactly the
    same thing (typed-array specs, arrays left as arrays, scalars)."""
    import copy

    from _plotly_utils.utils import convert_to_base64

    rng = np.random.default_rng(seed)
    converted = 0
    for _ in range(60):
        spec = {"data": [_random_spec(rng) for _ in range(3)], "layout": _random_spec(rng)}
        ours, plotlys = copy.deepcopy(spec), copy.deepcopy(spec)
        figures.typed_arrays(ours)
        convert_to_base64(plotlys)
        assert _plain(ours) == _plain(plotlys)
        converted += json.dumps(_plain(ours), default=str).count("bdata")
    assert converted > 20  # the structures did hold arrays that both walks turned into typed arrays


def _builder_cases():
    """A call of every builder views caches through figures.frozen (and of the others in figures / figures_rnn
    that end in _figure), with the argument kinds the pages pass."""
    from types import SimpleNamespace as Beam

    from ui import figures_rnn

    rng = np.random.default_rng(3)
    beams = [[Beam(tokens=(), logp=0.0, parent=None, finished=False)],
             [Beam(tokens=(4,), logp=-0.1, parent=0, finished=False), Beam(tokens=(5,), logp=-2.0, parent=0,
                                                                           finished=False)],
             [Beam(tokens=(4, 6), logp=-0.3, parent=0, finished=True)]]
    itos = ["<pad>", "<unk>", "<eos>", "<bos>", "I", "you", "cat"]
    toks, tgt = ["我", "有", "一", "只", "猫"], ["<bos>", "I", "have", "a", "cat"]
    words = ["<eos>", "cat", "dog", "a", "the"]
    arch = {k: k for k in figures.ARCHITECTURE_LABELS}
    structure = {k: k.replace("_", " ") for k in figures_rnn.STRUCTURE_LABELS}
    unroll = {"cell": "same cell", "start": "h0 = 0", "context": "c = h_T", "inputs": "x_t"}
    return [
        (figures.bars, (words, rng.dirichlet(np.ones(5))), dict(title="p", highlight=1, decimals=2)),
        (figures.logp_bars, (words, rng.dirichlet(np.ones(5))), dict(title="ln p", highlight=0, decimals=2,
                                                                     width=850, x_title="word", y_title="ln p")),
        (figures.hbars, (toks, rng.dirichlet(np.ones(5))), dict(title="row", highlight=2)),
        (figures.grouped_bars, (["RNN", "LSTM"], {"exact": [0.2, 0.5], "chrF": [30.0, 45.5]}), dict(title="t")),
        (figures.lines, ([1, 4, 16], {"raw": [1.0, 4.0, 16.0], "scaled": np.array([1.0, 1.0, 1.0])}),
         dict(title="Variance", log_x=True, vlines={"d_k = 16": 16})),
        (figures.lines, ([0, 1, 2, 3], {"a": [1.0, 0.6, 0.3, 0.12]}), dict(title="t", log_y=True)),
        (figures.scatter_2d, (rng.standard_normal((6, 2)), ["<pad>", "我", "有", "猫", "狗", "一"]),
         dict(title="pca", highlight=[1, 3])),
        (figures.architecture, (toks, tgt, ["I", "have", "a", "cat", "<eos>"]), dict(n_layers=2, labels=arch)),
        (figures.heatmap, (rng.standard_normal((5, 7)), toks, [str(i) for i in range(7)]), dict(title="PE")),
        (figures.top_units, (rng.standard_normal((5, 64)), toks), dict(k=8, title="t", unit="unit", width=850)),
        (figures_rnn.unrolled, (toks,), dict(labels=unroll, title="unrolled", highlight=1)),
        (figures_rnn.unrolled, (toks,), dict(labels=unroll, lstm=True)),
        (figures_rnn.structures, (), dict(labels=structure, title="three")),
        (figures_rnn.token_lines, (toks, {"f_t": [0.1, 0.9, 0.5, 0.2, 1.0], "c_t": np.arange(5.0)}),
         dict(title="unit 3")),
        (figures.beam_tree, (beams, itos), dict(title="beam", best_path=[0, 0, 0])),
        (figures_rnn.clip_arrows, ([3, 4], [1.2, 1.6], 2.0), dict(labels={k: k for k in figures_rnn.CLIP_LABELS},
                                                                   title="clip")),
    ]


@pytest.mark.parametrize("case", range(16))
def test_a_builders_figure_made_as_a_spec_sends_the_json_of_the_built_figure(case):
    """figures.frozen makes a builder's FrozenFigure without its go.Figure; what reaches the browser must not
    change. Builders are called twice with equal arguments: once as they are, once through frozen."""
    import copy

    import plotly.io as pio
    import streamlit.elements.plotly_chart  # noqa: F401 - Streamlit sets plotly's default template, as in the app

    builder, args, kwargs = _builder_cases()[case]
    built = builder(*copy.deepcopy(args), **copy.deepcopy(kwargs))
    assert type(built) is not views.FrozenFigure  # called as it is, a builder still gives a plotly figure
    direct = figures.frozen(builder, *copy.deepcopy(args), **copy.deepcopy(kwargs))
    assert isinstance(direct, views.FrozenFigure)
    assert json.loads(pio.to_json(direct, validate=False)) == json.loads(pio.to_json(built.to_dict(), validate=False))
    assert figures.frozen(figures.bars, ["a"], [1.0], title="x") is not None and not figures._AS_SPEC.get()


def test_every_builder_of_the_figure_modules_is_in_the_cases():
    """A new builder ending in _figure gets an equality case above (or the count here says so)."""
    import inspect

    from ui import figures_rnn

    names = {f.__name__ for f, _, _ in _builder_cases()}
    for module in (figures, figures_rnn):
        for name, fn in vars(module).items():
            if inspect.isfunction(fn) and fn.__module__ == module.__name__ and not name.startswith("_") \
                    and "return _figure(" in inspect.getsource(fn):
                assert name in names or name == "small_multiples", name  # small_multiples: its own test above
