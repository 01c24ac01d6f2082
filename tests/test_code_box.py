"""The "show the code" box is made only while it is open (ui/widgets.show_code): closed, a view sends no source;
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
