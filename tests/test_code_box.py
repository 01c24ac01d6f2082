"""Boxes made only while open (ui/widgets.folded). The "show the code" box: closed, a view sends no source;
opened, as a learner's click opens it, it shows the real source of what computed the stage."""

from __future__ import annotations

import inspect

from lesson_app import open_lesson

from tutorial_model.attention import MultiHeadAttention
from ui import widgets

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
