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
from tutorial_model.checkpoint import CheckpointError

from . import context, exercise_view, present, takeout, toc, widgets
from .i18n import lesson, t

R = TypeVar("R")


def begin(slug: str) -> context.Context:
    ctx = context.current()
    st.title(f"{toc.number(slug)}. {t(f'page.{slug}.title')}")
    present.start(slug)  # presentation: the section bar goes here
    with st.popover(t("symbols.title"), icon=":material/function:"):  # one table of symbols, on every page
        st.markdown(lesson("symbols"))
    widgets.input_messages(ctx)
    if not ctx.ok:
        st.stop()
    text(slug)
    return ctx


def text(slug: str, section: str = "intro") -> None:
    """A section of the lesson text; in presentation it opens that section (shown only when current)."""
    present.section()
    body = lesson(slug, section)
    if body:
        st.markdown(body)


def end(slug: str, *, trace: Any = None, **extras: Any) -> None:
    """Close the lesson: the section bar, the exercises on the learner's tensors (``trace``: the page's own trace
    when it is not the Transformer's, e.g. a recurrent model's; ``extras``: what else its exercises read, already
    computed by the page), the experiments that test it, the ◀ ▶ links."""
    present.finish()
    ctx = context.current()
    exercise_trace = trace if trace is not None else ctx.trace
    if exercise_trace is not None:
        exercise_view.practice(slug, Given(exercise_trace, ctx.cfg if trace is None else extras.pop("cfg", None),
                                           extras, ctx.sentence))
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
        end(slug)
        st.stop()
