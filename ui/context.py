"""What one script run works on: the model, the accepted sentence, its trace, and any input problem.

app.py calls ``load()`` once per run (before the sidebar and the page); pages call ``current()``.
The context is kept in this session's state only, so it never crosses to another learner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from tutorial_model.checkpoint import CheckpointError
from tutorial_model.tokenizer import InputError
from tutorial_model.trace import Trace
from tutorial_model.translator import Translator

from . import loaders, state

_KEY = "_tl_context"


@dataclass
class Context:
    translator: Translator | None
    trace: Trace | None
    sentence: str  # the accepted sentence the trace belongs to
    key: str = ""  # names this trace (sentence + decoding settings)
    input_error: tuple[str, dict] | None = None  # (InputError.code, detail) for rejected box text
    checkpoint_error: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.trace is not None

    @property
    def cfg(self):
        return self.translator.model.cfg


def _check_candidate(tr: Translator) -> tuple[str, dict] | None:
    """Promote the box's text to the sentence in use when the model accepts it; else say why not."""
    cand = state.candidate()
    if cand == state.get("s"):
        return None
    try:
        tr.tokenizer.encode_source(cand)
    except InputError as e:
        return e.code, dict(e.detail)
    state.set("s", cand)
    return None


def load() -> Context:
    try:
        tr = loaders.translator()
    except CheckpointError as e:
        ctx = Context(None, None, state.get("s"), checkpoint_error=str(e))
        st.session_state[_KEY] = ctx
        return ctx
    error = _check_candidate(tr)
    sentence = state.get("s")
    method, params = state.get("method"), state.decoding_params()
    try:
        trace = loaders.trace(sentence, method, params)
    except InputError as e:  # the sentence in use became unusable (e.g. a different checkpoint): start over
        error = error or (e.code, dict(e.detail))
        state.set("s", state.DEFAULT_SENTENCE)
        sentence = state.DEFAULT_SENTENCE
        trace = loaders.trace(sentence, method, params)
    ctx = Context(tr, trace, sentence, loaders.trace_key(sentence, method, params), input_error=error)
    st.session_state[_KEY] = ctx
    return ctx


def current() -> Context:
    ctx = st.session_state.get(_KEY)
    if ctx is None:  # a page run on its own (e.g. AppTest of a single page file)
        state.init()
        ctx = load()
    return ctx
