"""A lesson link given as the session's registered ``st.Page`` (ui/navigation.link, kept for speed) is the link a
path would make: same target page, same script hash, same query string, on every lesson."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ui import navigation
from ui.toc import LESSONS

APP = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "app.py")


def _links(at: AppTest) -> dict[str, list[tuple[str, str, str, str]]]:
    out = {}
    for lesson in LESSONS:
        at.switch_page(lesson.file).run()
        assert not at.exception, lesson.slug
        out[lesson.slug] = [(p.proto.label, p.proto.page, p.proto.page_script_hash, p.proto.query_string)
                            for p in at.get("page_link")]
    return out


@pytest.fixture(scope="module")
def both():
    def run():
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["s"] = "我有一只猫。"
        at.run()
        return _links(at)

    registered = run()
    with pytest.MonkeyPatch.context() as mp:
        calls = []
        mp.setattr(navigation, "_registered", lambda: calls.append(1) or {})  # every link given as a path
        as_paths = run()
        assert calls, "the links did not go through navigation.link"
    return registered, as_paths


def test_a_registered_page_links_where_its_path_links(both):
    registered, as_paths = both
    assert sum(map(len, registered.values())) >= 2 * len(LESSONS) - 2  # ◀ ▶ on every lesson, at least
    for slug in registered:
        assert registered[slug] == as_paths[slug], slug
        assert all(page_hash for _, _, page_hash, _ in registered[slug]), slug


def test_the_overview_is_linked_as_the_default_page(both):
    registered, _ = both
    back = [link for link in registered[LESSONS[1].slug] if link[1] == ""]
    assert back, "the second lesson's ◀ does not lead to the default page"
