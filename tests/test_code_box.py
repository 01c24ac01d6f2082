"""Boxes made only while open (ui/widgets.folded, and tabs whose closed ones are not made). The "show the code"
box: closed, a view sends no source; opened, as a learner's click opens it, it shows the real source of what computed
the stage."""

from __future__ import annotations

import inspect
import re

import numpy as np
from lesson_app import open_lesson, plotly_array

from tutorial_model.attention import MultiHeadAttention
from ui import analysis, widgets

SHOWN = (MultiHeadAttention.forward, MultiHeadAttention.split_heads)  # what lesson 4 (self-attention) shows


def test_a_closed_code_box_sends_no_source_and_an_open_one_the_real_source():
    at = open_lesson("self_attention")
    assert at.expander, "no code box"
    sources = [inspect.getsource(obj) for obj in SHOWN]
    assert not any(src.strip() in c.value for c in at.code for src in sources), "a closed box sent its source"
    at.session_state[widgets.code_key(*SHOWN)] = True
    at.run()
    assert not at.exception
    shown = [c.value for c in at.code]
    for src in sources:
        assert any(src.strip() in value for value in shown), "the opened box lacks the source"


def test_the_overviews_list_of_tensors_is_made_only_when_opened():
    at = open_lesson("overview")
    trace = at.session_state["_tl_context"].trace
    assert not any(len(d.value) == len(trace.arrays) for d in at.dataframe), "a closed list sent its table"
    at.session_state["_x.all_tensors"] = True
    at.run()
    assert not at.exception
    tables = [d.value for d in at.dataframe if len(d.value) == len(trace.arrays)]
    assert tables, "the opened list has no table of every tensor"
    assert list(tables[0].iloc[:, 1]) == [str(tuple(a.shape)) for a in trace.arrays.values()]


def _toys(at) -> list[dict]:
    """The scaling toy's plots on the page, found by their titles (wrapped with <br> to fit)."""
    from test_app import charts

    from ui.i18n import t

    names = (t("self_attention.toy_var"), t("self_attention.toy_softmax"))
    return [spec for spec in charts(at) if spec["layout"]["title"]["text"].replace("<br>", " ") in names]


def test_the_scaling_toy_is_made_only_when_opened_and_then_plots_the_seeded_experiment():
    at = open_lesson("self_attention")
    assert not _toys(at), "a closed toy box drew its plots"
    at.session_state["_toy.scaling"] = True
    at.run()
    assert not at.exception
    variance, peak = _toys(at)
    d_ks = plotly_array(variance["data"][0]["x"])
    run = analysis.scaling_experiment(tuple(int(d) for d in d_ks), n_trials=400)  # recomputed here, same seed
    for spec, keys in ((variance, ("var_raw", "var_scaled")), (peak, ("maxp_raw", "maxp_scaled"))):
        np.testing.assert_allclose([plotly_array(tr["y"]) for tr in spec["data"][:2]], [run[k] for k in keys])


def test_only_the_open_vocabulary_tab_draws_its_map_of_the_whole_embedding_table():
    """Lesson 2's two maps each label every entry of a vocabulary: only the open tab's map is made, and switching
    tabs (a rerun) makes the other one, a point and a label for every entry of that vocabulary."""
    from test_app import charts

    from ui.figures import esc
    from ui.i18n import t

    def maps(at) -> dict[str, list[str]]:  # the table a map draws (named in its title) → its points' labels
        return {re.search(r"(\w+)_embed\.lut\.weight", spec["layout"]["title"]["text"]).group(1):
                [label for trace in spec["data"] for label in trace["hovertext"]]
                for spec in charts(at) if ".lut.weight" in spec["layout"]["title"]["text"]}

    at = open_lesson("tokens")
    vocab = at.session_state["_tl_context"].translator.tokenizer
    assert list(maps(at)) == ["src"], "a closed tab made its map"
    at.session_state["_tabs.vocab"] = t("tokens.tab_tgt")  # the learner clicks the second tab
    at.run()
    assert not at.exception
    (labels,) = maps(at).values()
    assert list(maps(at)) == ["tgt"] and sorted(labels) == sorted(esc(w) for w in vocab.tgt.itos)
