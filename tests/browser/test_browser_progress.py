"""Progress in a real browser: an exercise answered wrong (the misconception is named) and then right on the
self-attention page, the "My progress" page after a reload (kept in localStorage by ui/browser_store.py),
and the progress file: download → upload in a fresh browser → download again, byte-identical.

The exercise's right answer and its bug values are computed here by the same engine on the same trace
(AppTest runs the app once in this process to build the page's context), never read off the screen.
Every read waits for what it reads; screenshots of the page at 1280 px and 1366×768 in en and zh go to
artifacts/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import browser_common  # first: it puts ROOT on sys.path for ui
import pytest
from browser_common import NEEDS_CHROMIUM, ROOT, first_instance, settled
from playwright.sync_api import expect

from exercises import core
from ui.i18n import translate

SHOTS = Path(os.environ.get("TL_SHOTS") or ROOT / "artifacts" / "screenshots")
WAIT_MS = 120_000
SKILL = "self_attention.compute"  # the box's first exercise: an attention weight from the scores shown

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def server_log():
    return "streamlit_browser_progress.log"


@pytest.fixture(scope="module")
def instance() -> core.Instance:
    """The instance the self-attention page poses first for the default sentence (no "another one" yet)."""
    made = first_instance(SKILL)
    assert made is not None and made.kind == core.NUMBER and made.bugs, "the first exercise has a named slip"
    return made


def new_page(browser, lang: str = "en", width: int = 1280, height: int = 900):
    return browser_common.new_page(browser, lang, width, height, WAIT_MS)


def open_progress(page, server: str, lang: str = "en") -> None:
    """Open the page and wait until this browser has answered with what it keeps: the "reading your
    progress" line (drawn above the level counts until then) is gone once the counts are drawn."""
    page.goto(f"{server}/progress?lang={lang}")
    expect(page.locator("[data-testid=stMain] h1").first).to_have_text(
        re.compile(re.escape(translate(lang, "page.progress.title")) + "$"))
    expect(page.locator("[data-testid=stMetric]").first).to_be_visible()
    expect(page.get_by_text(translate(lang, "progress.loading"))).to_have_count(0)
    settled(page)


def stored(page) -> dict | None:
    raw = page.evaluate("localStorage.getItem('tl.progress')")
    return None if raw is None else json.loads(raw)


def main_text(page) -> str:
    return page.locator("[data-testid=stMain]").inner_text()


def shoot(page, name: str) -> None:
    """The first screen as the learner sees it, then the whole page (Streamlit scrolls inside its main
    container, so the viewport is stretched to the content's height for that one, and restored)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    size = page.viewport_size
    height = page.evaluate("Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
                           "[data-testid=stMainBlockContainer]')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height + 40, size["height"]), 12000))})
    page.screenshot(path=str(SHOTS / f"{name}_full.png"))
    page.set_viewport_size(size)


def number(instance: core.Instance, value: float) -> str:
    return f"{float(value):.{instance.decimals}f}"


def answer(page, instance: core.Instance, value: float) -> None:
    """Type the answer, leave the field (a form's text input hands its value over on blur), then press Check: a
    clean-clone run under load once submitted without the typed value and drew no feedback at all."""
    settled(page)
    box = page.locator("[data-testid=stExpander]").filter(has_text=translate("en", "exercises.ui.title"))
    field = box.get_by_role("textbox", name=translate("en", "exercises.ui.answer"))
    field.fill(number(instance, value))
    field.press("Tab")
    expect(field).to_have_value(number(instance, value))
    box.get_by_role("button", name=translate("en", "exercises.ui.check")).click()


def download(page) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=translate("en", "progress.export")).click()
    return Path(info.value.path()).read_bytes()


def test_wrong_then_right_then_reload_keeps_the_progress(server, browser, instance):
    context, page = new_page(browser)
    try:
        page.goto(f"{server}/self_attention")
        settled(page)
        page.get_by_text(translate("en", "exercises.ui.title")).click()
        tag, slip = next(iter(instance.bugs.items()))
        answer(page, instance, slip)
        expect(page.get_by_text(translate("en", "exercises.ui.bug"))).to_be_visible()  # the slip is named
        page.wait_for_function("(localStorage.getItem('tl.progress') || '').includes('\"correct\":false')")
        answer(page, instance, instance.answer)
        expect(page.get_by_text(re.compile("^" + re.escape(translate("en", "exercises.ui.right", value="")[:6])))
               ).to_be_visible()
        page.wait_for_function("(localStorage.getItem('tl.progress') || '').includes('\"correct\":true')")
        kept = stored(page)
        assert [(e["skill"], e["correct"], e["tag"]) for e in kept["events"]] == [(SKILL, False, tag),
                                                                                   (SKILL, True, None)]
        assert kept["bugs"] == {tag: 1} and kept["skills"][SKILL]["level"] == "familiar"

        page.reload()  # a new session: only the browser remembers
        open_progress(page, server)
        expect(page.get_by_text(translate("en", "progress.level.familiar")).first).to_be_visible()
        table = page.locator("[data-testid=stDataFrame]").first
        expect(table).to_be_visible()
        assert translate("en", "progress.empty") not in main_text(page)
        assert stored(page)["events"] == kept["events"]
        assert "Traceback" not in main_text(page)
    finally:
        context.close()


def test_export_import_round_trips_byte_identical(server, browser, instance, tmp_path):
    # a learner with some progress (from the test above's kind of answers, written straight into the store)
    from datetime import UTC, datetime, timedelta

    from exercises import mastery, progress_file

    p, when = mastery.new(), datetime.now(UTC) - timedelta(days=10)
    for n, correct in enumerate([False, True, True, True]):
        p = mastery.record(p, {"skill": SKILL, "page": "self_attention", "instance": f"i{n}", "correct": correct,
                               "tag": None if correct else "no_scale", "hint": 0}, when + timedelta(minutes=n))
    original = progress_file.export(p)
    file = tmp_path / "mine.json"
    file.write_bytes(original)

    context, page = new_page(browser)
    try:
        open_progress(page, server)
        page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(file))
        expect(page.get_by_text(translate("en", "progress.imported", n=1))).to_be_visible()
        page.wait_for_function("(localStorage.getItem('tl.progress') || '').includes('i3')")
        settled(page)
        assert download(page) == original  # export of what was imported: the same bytes

        page.reload()
        open_progress(page, server)
        expect(page.get_by_text(translate("en", "progress.level.proficient")).first).to_be_visible()
        assert download(page) == original  # still the same after a reload (read back from localStorage)

        # a hostile file: a clear message, nothing changed
        bad = tmp_path / "bad.json"
        bad.write_bytes(original.replace(b'"no_scale"', b'"no_scale\\u202e"'))
        page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(bad))
        expect(page.get_by_text(translate("en", "progress.file.bad_field", field="bugs.*"))).to_be_visible()
        settled(page)
        assert download(page) == original

        # forget me: the browser's copy is deleted
        page.get_by_role("button", name=translate("en", "progress.forget")).click()
        page.get_by_role("button", name=translate("en", "progress.forget_confirm")).click()
        page.wait_for_function("localStorage.getItem('tl.progress') === null")
        expect(page.get_by_text(translate("en", "progress.forgotten"))).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width, height", [(1280, 900), (1366, 768)])
def test_screenshots_of_my_progress(server, browser, lang, width, height, tmp_path):
    from datetime import UTC, datetime, timedelta

    from exercises import mastery, progress_file

    p, when = mastery.new(), datetime.now(UTC) - timedelta(days=10)
    script = [("self_attention.compute", False, "no_scale"), ("self_attention.compute", True, None),
              ("self_attention.compute", True, None), ("self_attention.compute", True, None),
              ("multi_head.shapes", False, None), ("multi_head.shapes", True, None),
              ("masked_attention.compute", False, "no_mask"), ("generation.read_off", True, None)]
    for n, (skill, correct, tag) in enumerate(script):
        p = mastery.record(p, {"skill": skill, "page": skill.partition(".")[0], "instance": f"i{n}",
                               "correct": correct, "tag": tag, "hint": 0}, when + timedelta(minutes=n))
    file = tmp_path / "p.json"
    file.write_bytes(progress_file.export(p))
    context, page = new_page(browser, lang, width, height)
    try:
        open_progress(page, server, lang)
        page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(file))
        expect(page.get_by_text(translate(lang, "progress.imported", n=4))).to_be_visible()
        settled(page)
        browser_common.drawn(page)
        assert page.locator("[data-testid=stException]").count() == 0
        shoot(page, f"progress_{lang}_{width}x{height}")
    finally:
        context.close()
