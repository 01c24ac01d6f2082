"""A lesson of the app opened in Streamlit's AppTest (in this process, no browser), for the tests and the benches.

Imported by basename (``from lesson_app import open_lesson``): pytest puts tests/ on sys.path (no __init__.py), a
bench script puts it there itself; the name must stay unique under tests/ (tests/test_test_layout.py checks).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def open_lesson(slug: str, timeout: float = 120, **query: str):
    """The app run once (with ``query`` as its URL's parameters, e.g. ``lang="zh", s="我有一只猫"``), then switched
    to lesson ``slug`` (``ui.toc``); fails when the page raised."""
    from streamlit.testing.v1 import AppTest

    from ui import toc

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(toc.BY_SLUG[slug].file).run()
    assert not at.exception, [e.value for e in at.exception]
    return at
