"""What one script run works on: the model, the accepted text, the sentence traced, its trace, any input problem.

The accepted text (state ``s``) may hold several sentences (谢谢你！不客气。); the pages trace one of them
(state ``si``) and the sidebar shows the translation of all of them, each traced through the same cache.

app.py calls ``load()`` once per run (before the sidebar and the page); pages call ``current()``.
The context is kept in this session's state only, so it never crosses to another learner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from tutorial_model.checkpoint import CheckpointError
from tutorial_model.tokenizer import InputError, Normalized, join_translations
from tutorial_model.trace import Trace
from tutorial_model.translator import Translator

from . import loaders, state

_KEY = "_tl_context"


@dataclass
class Context:
    translator: Translator | None
    trace: Trace | None
    sentence: str  # the normalized sentence the trace belongs to (one sentence of ``text``)
    key: str = ""  # names this trace (sentence + decoding settings)
    input_error: tuple[str, dict] | None = None  # (InputError.code, detail) for rejected box text
    checkpoint_error: str | None = None
    extra: dict = field(default_factory=dict)
    text: str = ""  # the accepted text in use (state "s"), without control characters; may hold several sentences
    normalized: Normalized | None = None  # its sentences, and what normalisation converted (for the sidebar)
    sentence_index: int = 0  # which of its sentences is traced
    translation: str = ""  # the translation of the whole text (every sentence, joined)

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
        tr.tokenizer.normalize(cand)  # every sentence checked: a text is accepted whole or not at all
    except InputError as e:
        return e.code, dict(e.detail)
    state.accept()
    return None


def _traced(tr: Translator, text: str, method: str, params: dict) -> tuple[Normalized, int, Trace, str]:
    """The text's sentences, the index traced (snapped into range), its trace, and the joined translation."""
    norm = tr.tokenizer.normalize(text)
    index = min(int(state.get("si")), len(norm.sentences) - 1)
    if index != state.get("si"):
        state.set("si", index)
    trace = loaders.trace(loaders.MAIN, norm.sentences[index].text, method, **params)
    if len(norm.sentences) == 1:
        return norm, index, trace, trace.translation
    translations = [trace.translation if i == index
                    else loaders.trace(loaders.MAIN, s.text, method, **params).translation
                    for i, s in enumerate(norm.sentences)]
    return norm, index, trace, join_translations(translations)


def load() -> Context:
    try:
        tr = loaders.translator()
    except CheckpointError as e:
        ctx = Context(None, None, state.get("s"), checkpoint_error=str(e), text=state.get("s"))
        st.session_state[_KEY] = ctx
        return ctx
    error = _check_candidate(tr)
    text = state.get("s")
    method, params = state.get("method"), state.decoding_params()
    try:
        norm, index, trace, translation = _traced(tr, text, method, params)
    except InputError as e:  # the sentence in use became unusable (e.g. a different checkpoint): start over
        error = error or (e.code, dict(e.detail))
        state.set("s", state.DEFAULT_SENTENCE)
        state.set("si", 0)
        text = state.DEFAULT_SENTENCE
        norm, index, trace, translation = _traced(tr, text, method, params)
    sentence = norm.sentences[index].text
    ctx = Context(tr, trace, sentence, loaders.trace_key(sentence, method, params), input_error=error,
                  text=text, normalized=norm, sentence_index=index, translation=translation)
    st.session_state[_KEY] = ctx
    return ctx


def current() -> Context:
    ctx = st.session_state.get(_KEY)
    if ctx is None:  # a page run on its own (e.g. AppTest of a single page file)
        state.init()
        ctx = load()
    return ctx
