"""The frame of every lesson page: title, input messages, lesson text by section, ◀ ▶ links.

In presentation mode (``?present=1``, ui/present.py) the stretches between ``text()`` calls are the
sections shown one at a time; a page needs nothing else for it.

A page reads::

    ctx = page.begin("self_attention")     # stops here (message shown) when there is no trace
    page.text("self_attention", "scores")   # a section of assets/lessons/<lang>/self_attention.md
    ...figures and controls...
    page.end("self_attention")
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from exercises.registry import Given
from tutorial_model import gloss
from tutorial_model.checkpoint import CheckpointError
from tutorial_model.pinyin import sentence_pinyin

from . import context, exercise_view, present, takeout, toc, widgets
from .i18n import current_language, lesson, t

R = TypeVar("R")


def begin(slug: str) -> context.Context:
    ctx = context.current()
    title = f"{toc.number(slug)}. {t(f'page.{slug}.title')}"
    presenting = present.presenting()  # then the title, the symbols and the glossary are in the one section bar
    if not presenting:
        st.title(title)
    present.start(slug, title, reference)
    if not presenting:
        with st.container(horizontal=True):
            reference()
    widgets.input_messages(ctx)
    if not ctx.ok:
        st.stop()
    with st.container(key="tl_phone_translation"):  # on a phone (present.page_style shows it there only):
        st.markdown(f"{widgets.md_escape(ctx.sentence)} → **{widgets.md_escape(ctx.trace.translation)}**")
    if not presenting and current_language() == "en":
        word_by_word(ctx.trace.src_tokens)
    key_points(slug)
    text(slug)
    return ctx


def word_by_word(tokens) -> None:
    """The English interface: the learner's sentence under the title, each word with its reading and the English the
    training data pairs it with (我 wǒ *I* · 有 yǒu *have* · 猫 māo *cat*), so that a learner who reads no Chinese can
    read the characters on every axis below."""
    pieces = gloss.word_by_word(tokens, sentence_pinyin(tokens))
    if not any(reading for _, reading, _ in pieces):
        return
    words = [(widgets.md_escape(zh), reading, f"*{widgets.md_escape(en)}*" if en else "") for zh, reading, en in pieces]
    line = " · ".join(" ".join(filter(None, word)) for word in words)
    st.caption(f"{t('lesson.word_by_word')} {line}")


def key_points(slug: str) -> None:
    """The lesson's five key points (assets/lessons/<lang>/key_points.md), in a box at its top; in presentation,
    the lesson's first part."""
    body = lesson("key_points", slug)
    if not body:
        return
    if present.presenting():
        present.section("key_points")
        present.drawn()
    with st.container(border=True), present.text_box(body):  # presenting: in larger type (a part of its own)
        st.markdown(f"**{t('keypoints.title')}**\n\n{body}")


def reference() -> None:
    """The table of symbols and the glossary, side by side on every page (in presentation: in the section bar)."""
    with st.popover(t("symbols.title"), icon=":material/function:"):
        st.markdown(lesson("symbols"))
    with st.popover(t("glossary.title"), icon=":material/menu_book:"):
        st.markdown(lesson("glossary"))


def text(slug: str, section: str = "intro") -> None:
    """A section of the lesson text; in presentation it opens that section (shown only when current), its text
    cut into parts that fit a screen."""
    present.section(section)
    for i, chunk in enumerate(present.chunks(lesson(slug, section))):
        if i:
            present.split()
        present.drawn(chunk)
        with present.text_box(chunk):
            st.markdown(chunk)


def practice(slug: str, *, trace: Any = None, cfg: Any = None, **extras: Any) -> None:
    """The exercises on the learner's tensors, here. ``trace``: the page's own trace when it is not the
    Transformer's (a recurrent model's, the replay's); ``cfg``: that model's configuration when it has one;
    ``extras``: what else its exercises read, already computed by the page (never a new model pass)."""
    if not present.showing():  # a hidden part of a presentation: a fragment there has nothing to draw into
        return
    ctx = context.current()
    if trace is None:
        trace, cfg = ctx.trace, cfg if cfg is not None else ctx.cfg
    if trace is not None:
        exercise_view.practice(slug, Given(trace, cfg, extras, ctx.sentence))


def end(slug: str, *, exercises: bool = True, **practice_args: Any) -> None:
    """Close the lesson: the section bar, the exercises (``practice(slug, **practice_args)``; a page that drew
    them earlier, before an outcome it asks the learner to predict, passes ``exercises=False``), the experiments
    that test it, the ◀ ▶ links."""
    present.finish()
    if present.presenting():  # a projected lesson ends at its last part: no exercises or links under it
        return
    if exercises:
        practice(slug, **practice_args)
    takeout.links(slug)  # "What if we took this out?" on the lessons whose claims an experiment tests
    st.divider()
    widgets.lesson_links(slug)


def needs_checkpoint(slug: str, load: Callable[..., R], *args, **kwargs) -> R:
    """``load(*args)`` (a loader of a recurrent model, its trace, or the comparison); when a checkpoint is
    missing, say which and how to build it, keep the ◀ ▶ links, and stop the page there."""
    try:
        return load(*args, **kwargs)
    except CheckpointError as e:
        st.error(t("error.checkpoint_model"), icon=":material/error:")
        st.code(str(e), language=None)
        end(slug, exercises=False)  # its exercises read the missing model's tensors
        st.stop()


def recurrent(slug: str, name: str) -> tuple[context.Context, Any, Any]:
    """A recurrent model's lesson: ``begin(slug)``, then the model ``name`` (a Translator) and its trace of the
    sentence, the page stopped by ``needs_checkpoint`` when that model's checkpoint is missing."""
    from . import loaders

    ctx = begin(slug)
    model = needs_checkpoint(slug, loaders.translator, name)
    return ctx, model, needs_checkpoint(slug, loaders.trace, name, ctx.sentence)
