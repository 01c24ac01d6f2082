"""The sidebar: language, the sentence box with examples and a random corpus sentence, what normalisation
changed in the text (control characters removed, traditional characters converted), which sentence the pages
trace when the text has several, the translation."""

from __future__ import annotations

import streamlit as st

from . import loaders, state, unsure
from .i18n import available_languages, t

_BOX = "_w.input"
_EXAMPLE = "_w.example"
_TOPIC = "_w.example_topic"
_LANG = "_w.lang"
_PICK = "_w.sentence_index"
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}


def _on_box() -> None:
    state.propose(st.session_state.get(_BOX) or "")


def _on_example() -> None:
    choice = st.session_state.get(_EXAMPLE)
    if choice:
        state.propose(choice)


def _on_random() -> None:
    state.propose(loaders.random_sentence())


def _on_pick() -> None:
    index = st.session_state.get(_PICK)
    if index is not None:
        state.set("si", int(index))


def _on_lang() -> None:
    lang = st.session_state.get(_LANG)
    if lang:
        state.set("lang", lang)


def _examples() -> None:
    """Everyday examples, a topic first (30+ sentences in one list would be a long scroll)."""
    by_topic = loaders.examples_by_topic()
    topics = list(by_topic)
    candidate = state.candidate()
    home = next((tp for tp in topics if any(zh == candidate for zh, _ in by_topic[tp])), None)
    if st.session_state.get(_TOPIC) not in topics:
        st.session_state[_TOPIC] = home or topics[0]
    if len(topics) > 1:
        labels = {tp: _topic_label(tp) for tp in topics}  # resolved now, in this run's language
        st.selectbox(t("sidebar.topic"), topics, key=_TOPIC, format_func=labels.__getitem__)
    examples = by_topic[st.session_state[_TOPIC]]
    gloss = dict(examples)
    st.session_state[_EXAMPLE] = candidate if candidate in gloss else None
    st.selectbox(t("sidebar.examples"), list(gloss), index=None, key=_EXAMPLE, on_change=_on_example,
                 format_func=lambda z: f"{z} — {gloss[z]}", placeholder=t("sidebar.examples_placeholder"))


def _topic_label(topic: str) -> str:
    label = t(f"topic.{topic}")
    return topic.replace("_", " ") if label == f"topic.{topic}" else label


def render(ctx) -> None:
    with st.sidebar:
        langs = available_languages()
        if len(langs) > 1 and not state.is_hidden("lang"):
            st.session_state[_LANG] = state.get("lang") if state.get("lang") in langs else langs[0]
            st.segmented_control(t("sidebar.language"), langs, key=_LANG, required=True, on_change=_on_lang,
                                 format_func=lambda c: LANGUAGE_NAMES.get(c, c))
        if not state.is_hidden("s"):  # a teacher's class link may fix the sentence (ui/present.py)
            st.session_state[_BOX] = state.candidate()
            st.text_input(t("sidebar.sentence"), key=_BOX, max_chars=200, on_change=_on_box,
                          help=t("sidebar.sentence_help"), placeholder="我有一只猫")
            _examples()
            st.button(t("sidebar.random"), on_click=_on_random, icon=":material/casino:", width="stretch")
        _normalisation_notes(ctx)
        if ctx.trace is not None:
            st.caption(t("sidebar.translation", method=t(f"method.{state.get('method')}")))
            text = _md_text(ctx.translation or ctx.trace.translation)
            if unsure.sidebar_note(ctx.trace, ctx.translator.meta):  # the doubt first, the words after it, not bold
                st.markdown(f":gray[{text}]")
            else:
                st.markdown(f"#### {text}")
            if state.candidate() != ctx.text:  # the box holds rejected text: say what is still in use
                st.caption(t("sidebar.source"))
                st.text(ctx.text)
        elif ctx.checkpoint_error:
            st.error(t("error.checkpoint"))


def _normalisation_notes(ctx) -> None:
    """Say what the clean-up changed, and let the learner pick the sentence the pages trace."""
    removed = state.removed_controls()
    if removed:
        st.caption(t("sidebar.removed_controls", n=removed))
    norm = ctx.normalized
    if norm is None:
        return
    if norm.converted:
        pairs = ", ".join(f"{a} → {b}" for a, b in norm.converted)
        st.caption(t("sidebar.converted", pairs=_md_text(pairs)))
    if len(norm.sentences) > 1 and not state.is_hidden("si"):
        sentences = norm.sentences
        st.session_state[_PICK] = ctx.sentence_index
        st.selectbox(t("sidebar.sentence_pick"), range(len(sentences)), key=_PICK, on_change=_on_pick,
                     format_func=lambda i: f"{i + 1}. {sentences[i].text}{'？' if sentences[i].question else ''}",
                     help=t("sidebar.sentence_pick_help", n=len(sentences)))


def _md_text(text: str) -> str:
    from .widgets import md_escape

    return md_escape(text) or "∅"
