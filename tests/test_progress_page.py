"""The "My progress" page and ui/progress.py under AppTest (no JavaScript: the browser never answers, so the
session works on its own copy, which is what these tests set and read). The browser half is
tests/browser/test_browser_progress.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercises import mastery, progress_file
from ui import i18n, toc
from ui.progress import _KEY

ROOT = Path(__file__).resolve().parent.parent
PAGE = toc.page_file("progress")
T0 = datetime.now(UTC) - timedelta(days=30)  # long enough ago that the re-check is due now

pytestmark = pytest.mark.slow


def sample() -> dict:
    p, when = mastery.new(), T0
    for instance, correct, tag in (("a1", False, "no_scale"), ("b2", True, None), ("c3", True, None),
                                   ("d4", True, None)):
        p = mastery.record(p, {"skill": "self_attention.compute", "page": "self_attention", "instance": instance,
                               "correct": correct, "tag": tag, "hint": 0}, when)
        when += timedelta(minutes=2)
    return mastery.record(p, {"skill": "multi_head.shapes", "page": "multi_head", "instance": "e5",
                              "correct": False, "tag": None, "hint": 1}, when)


def app(lang: str = "en", progress: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    if progress is not None:
        at.session_state[_KEY] = {"progress": progress, "loaded": True, "pending": [], "flush": None,
                                  "replaced": False, "notice": None, "upload": None}
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [str(x.value) for x in at.info]
    parts += [str(x.value) for x in at.success] + [str(x.value) for x in at.error] + [str(x.value) for x in at.warning]
    return "\n".join(parts)


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_renders_empty_in_both_languages(lang):
    at = app(lang)
    n = toc.number("progress")
    assert at.title[0].value == f"{n}. {i18n.translate(lang, 'page.progress.title')}"
    assert i18n.translate(lang, "progress.empty") in text(at)
    labels = [m.label for m in at.metric]
    assert [i18n.translate(lang, f"progress.level.{lv}") for lv in mastery.LEVELS[1:]] == labels[:4]
    assert at.get("page_link"), "no ◀ ▶ links"
    assert at.button(key="_w.progress_forget") is not None


def test_the_page_shows_levels_due_re_checks_and_misconceptions():
    at = app("en", sample())
    table = frames(at)[0]
    titles = [f"{toc.number(s)}. " + i18n.translate("en", f"page.{s}.title") for s in ("self_attention", "multi_head")]
    assert list(table.iloc[:, 0]) == titles
    assert list(table.iloc[:, 2]) == ["Proficient", "Attempted"]
    assert list(table.iloc[:, 3]) == ["3 / 4", "0 / 1"]
    assert list(table.iloc[:, 4]) == [i18n.translate("en", "progress.due_now"), ""]
    bugs = frames(at)[1]
    assert list(bugs.iloc[:, 1]) == [1]
    assert bugs.iloc[0, 0] != "no_scale" or "exercises.bug.no_scale" not in i18n.catalogue("en")  # named if named
    due_links = [link for link in at.get("page_link") if "self_attention" in link.proto.page]
    assert due_links, "the due exercise links to its lesson"
    counts = {m.label: m.value for m in at.metric}
    assert counts["Proficient"] == "1" and counts["Attempted"] == "1"
    assert counts[i18n.translate("en", "progress.due_title")] == "1"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["x"] == [i18n.translate("en", f"progress.level.{lv}") for lv in mastery.LEVELS]


def test_a_good_upload_replaces_the_progress_and_a_bad_one_changes_nothing():
    at = app("en")
    data = progress_file.export(sample())
    at.file_uploader(key="_w.progress_upload").set_value(("mine.json", data, "application/json")).run()
    assert not at.exception
    assert at.session_state[_KEY]["progress"] == sample()
    assert at.session_state[_KEY]["flush"] == "save"  # the browser is written once it has answered
    assert i18n.translate("en", "progress.imported", n=2) in text(at)
    hostile = data.replace(b'"no_scale"', b'"no_scale\\u202e"')
    at.file_uploader(key="_w.progress_upload").set_value(("evil.json", hostile, "application/json")).run()
    assert not at.exception
    assert at.session_state[_KEY]["progress"] == sample()  # nothing changed
    assert i18n.translate("en", "progress.file.bad_field", field="bugs.*") in text(at)
    at.file_uploader(key="_w.progress_upload").set_value(("big.json", b" " * (progress_file.MAX_BYTES + 1),
                                                          "application/json")).run()
    assert at.session_state[_KEY]["progress"] == sample()
    assert i18n.translate("en", "progress.file.too_big", limit="512 kB") in text(at)


def test_forget_me_empties_the_progress():
    at = app("zh", sample())
    at.button(key="_w.progress_forget").click().run()
    assert not at.exception
    assert at.session_state[_KEY]["progress"] == mastery.new()
    assert at.session_state["_tl_browser_store"]["pending"]["progress"]["remove"] is True  # the browser's copy too
    assert i18n.translate("zh", "progress.forgotten") in text(at)
    assert i18n.translate("zh", "progress.empty") in text(at)


def test_answers_before_the_browser_answers_are_kept_in_the_session():
    def script():
        import streamlit as st

        from ui import progress

        if st.button("answer"):
            progress.record({"skill": "tokens.compute", "page": "tokens", "instance": "x1", "correct": True,
                             "tag": None, "hint": 0, "t": 0})
        st.text(str(len(progress.current()["skills"])))

    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text[0].value == "1"
    s = at.session_state[_KEY]
    assert s["loaded"] is False and len(s["pending"]) == 1  # replayed onto the browser's copy when it answers
    assert mastery.level(s["progress"], "tokens.compute") == mastery.FAMILIAR


def test_mastery_colours_grow_darker_level_by_level():
    """The five levels are apart in lightness (a projector washes hue out): relative luminance falls by at least
    0.08 from each level to the next."""
    from ui.progress import LEVEL_COLOURS

    def luminance(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    lum = [luminance(c) for c in LEVEL_COLOURS]
    assert len(lum) == 5 and all(a - b >= 0.08 for a, b in zip(lum, lum[1:])), lum


@pytest.mark.parametrize(("lang", "page_ref"), [("en", "page {n}"), ("zh", "第 {n} 页")])
def test_the_forget_warning_names_the_stores_forget_leaves(lang, page_ref):
    """"Forget me" replaces the progress store only: the interview answers (their own browser store) and a class
    membership stay, so the warning sends the learner to both pages by their numbers (round 5: it named neither)."""
    import inspect

    from ui import progress

    assert "interview" not in inspect.getsource(progress) and "class_member" not in inspect.getsource(progress._forget)
    warning = i18n.translate(lang, "progress.forget_warning")
    for slug in ("interview", "classroom"):
        assert page_ref.format(n=toc.number(slug)) in warning, (slug, warning)
