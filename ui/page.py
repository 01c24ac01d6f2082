"""The frame of every lesson page: title, input messages, lesson text by section, ◀ ▶ links.

A page reads::

    ctx = page.begin("self_attention")     # stops here (message shown) when there is no trace
    page.text("self_attention", "scores")   # a section of assets/lessons/<lang>/self_attention.md
    ...figures and controls...
    page.end("self_attention")
"""

from __future__ import annotations

import streamlit as st

from . import context, toc, widgets
from .i18n import lesson, t


def _leave_legacy_pages_mode() -> None:
    """Run the lesson through app.py even when Streamlit tries the old ``pages/`` layout.

    Streamlit treats a folder named ``pages/`` as its first multipage layout until ``st.navigation`` has
    run once in the process (and AppTest resets that flag on every run). In that mode a visitor whose
    first request is a lesson URL — a teacher's shared link right after a restart — gets the page file
    executed alone: no sidebar, no shared state. ``st.navigation`` clears the flag before it runs a
    page, so a page that still sees it set knows app.py did not route it: clear it and run again.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def begin(slug: str) -> context.Context:
    _leave_legacy_pages_mode()
    ctx = context.current()
    st.title(f"{toc.number(slug)}. {t(f'page.{slug}.title')}")
    widgets.input_messages(ctx)
    if not ctx.ok:
        st.stop()
    text(slug)
    return ctx


def text(slug: str, section: str = "intro") -> None:
    body = lesson(slug, section)
    if body:
        st.markdown(body)


def end(slug: str) -> None:
    st.divider()
    widgets.lesson_links(slug)
