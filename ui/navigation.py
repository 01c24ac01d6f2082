"""The app's sidebar navigation and favicon, built once instead of on every rerun.

Why: the entry script runs on every click of every learner. Building 17 ``st.Page`` objects resolves and
stats each page file, and a favicon given as a file path is read and registered as a media file, on
every rerun: together about a sixth of the server's CPU under a class of 40 (py-spy, bench/bench_class.py).
The favicon becomes a data URL once per process. The pages are kept per session and language: a Page
carries a per-run flag (which page may run), so sessions never share one.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

import streamlit as st

from . import classroom, toc
from .i18n import current_language, t

ICON = Path(__file__).resolve().parent.parent / "assets" / "icon.png"  # local: works with no internet
_PAGES_KEY = "tl_nav_pages"  # session state: {language: {part title: [st.Page, …]}}
_FILES_KEY = "tl_nav_files"  # session state: {language: {lesson file: its first st.Page}}


@lru_cache(maxsize=1)
def icon() -> str:
    """The favicon as a data URL (Streamlit passes a data URL through untouched)."""
    return "data:image/png;base64," + base64.b64encode(ICON.read_bytes()).decode("ascii")


HOME_PATH = "home"  # the default page's own name: it is served at "/", so its slug is free for the alias below


def _build() -> tuple[dict[str, list], dict[str, object]]:
    """(the pages grouped by part, each lesson file's first page: the one a link to that file means)."""
    part_titles = {part: t(f"nav.part_{part}") for part in toc.PARTS}
    pages: dict[str, list] = {part_titles[part]: [] for part in toc.PARTS}  # one sidebar section per part
    by_file: dict[str, object] = {}
    for i, lesson in enumerate(toc.LESSONS, start=1):
        title = f"{i}. {t(f'page.{lesson.slug}.title')}"
        section = pages[part_titles[lesson.part]]
        section.append(st.Page(lesson.file, title=title, icon=lesson.icon,
                               url_path=HOME_PATH if i == 1 else lesson.slug, default=i == 1))
        by_file.setdefault(lesson.file, section[-1])
        if i == 1:  # the first lesson is served at "/"; its slug (/overview, as every other lesson has one) too
            section.append(st.Page(lesson.file, title=title, icon=lesson.icon, url_path=lesson.slug,
                                   visibility="hidden"))
            # a class link's short form, /c?k=CODE (ui/classroom.py)
            section.append(st.Page(classroom.open_code, title=t("class.open_title"), url_path=classroom.CODE_PATH,
                                   visibility="hidden"))
    return pages, by_file


def pages() -> dict[str, list]:
    """This session's pages in its language, grouped by part (built on its first rerun in that language)."""
    lang = current_language()
    kept = st.session_state.setdefault(_PAGES_KEY, {})
    if lang not in kept:
        kept[lang], st.session_state.setdefault(_FILES_KEY, {})[lang] = _build()
    return kept[lang]


def _registered() -> dict[str, object]:
    """Each lesson file's page, as this session's navigation registered it ({} before it has)."""
    return st.session_state.get(_FILES_KEY, {}).get(current_language(), {})


def link(file: str, **kwargs) -> None:
    """``st.page_link`` to a lesson file, given as the session's registered ``st.Page``.

    Why: a path makes Streamlit resolve it (realpath, the main script's directory) and search every page on
    each call: 7 % of the server's time under a class of 40, with up to six links a page (py-spy,
    bench/bench_class.py). A registered Page carries its hash. A file's first page is also the one a path
    finds (the overview's is the default page, at "/"). Anything else is passed as a path."""
    page = _registered().get(file)
    st.page_link(page if page is not None else file, **kwargs)
