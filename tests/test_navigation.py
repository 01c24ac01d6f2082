"""The app's frame built once: the favicon data URL and the per-session pages."""

from __future__ import annotations

import base64
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui import i18n, navigation, toc

APP = Path(__file__).resolve().parent.parent / "app.py"


def test_the_favicon_is_the_local_icon_as_a_data_url():
    url = navigation.icon()
    head, _, data = url.partition(",")
    assert head == "data:image/png;base64"
    assert base64.b64decode(data) == navigation.ICON.read_bytes()
    assert navigation.ICON.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_pages_are_built_once_per_session_and_language():
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    en = at.session_state[navigation._PAGES_KEY]["en"]
    at.run()
    assert at.session_state[navigation._PAGES_KEY]["en"] is en  # the same objects on the next rerun
    at.query_params["lang"] = "zh"  # as a learner following a Chinese link
    at.run()
    zh = at.session_state[navigation._PAGES_KEY]["zh"]
    titles = {lang: [p.title for part in kept.values() for p in part if p.visibility == "visible"]
              for lang, kept in (("en", en), ("zh", zh))}
    assert len(titles["en"]) == len(titles["zh"]) == len(toc.LESSONS)
    assert titles["en"][0] == "1. " + i18n.translate("en", f"page.{toc.LESSONS[0].slug}.title")
    assert titles["zh"][0] == "1. " + i18n.translate("zh", f"page.{toc.LESSONS[0].slug}.title") != titles["en"][0]
    assert at.title[0].value.startswith("1.") and not at.exception


def test_the_first_lesson_also_answers_at_its_slug():
    """/overview opens the overview (it is the page served at "/"; without an alias its slug was "Page not found")."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    pages = [p for part in at.session_state[navigation._PAGES_KEY]["en"].values() for p in part]
    first = toc.LESSONS[0]
    alias = [p for p in pages if p.url_path == first.slug]
    assert len(alias) == 1 and alias[0].visibility == "hidden"
    assert Path(str(alias[0]._page)).resolve() == (APP.parent / first.file).resolve()
    assert [p for p in pages if p._default][0].url_path == ""  # the default stays at "/"
