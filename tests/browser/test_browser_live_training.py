"""Live training and the training replay in a real browser (headless Chromium, Playwright).

Starts ``streamlit run app.py`` (conftest.py's ``server``, as for test_browser.py), opens the live-training
page, presses Train, and waits until the loss curve drawn on the page has fallen and the attention heatmap
has changed from its untrained values. Waits are for what the page shows, never for a fixed time. Also
opens the replay page in English and Chinese and saves screenshots of both pages to
``artifacts/screenshots/``.
"""

from __future__ import annotations

import json

import pytest
from browser_common import NEEDS_CHROMIUM, ROOT
from playwright.sync_api import TimeoutError as PlaywrightTimeout

SHOTS = ROOT / "artifacts" / "screenshots"

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]

# the two figures of the live page, read from plotly's graph divs (_fullData: arrays decoded from plotly's base64);
# a fragment redraw may briefly remove a chart, so a missing one reads as null and the wait polls again
LOSS_Y = ("(() => { try { const d = document.querySelectorAll('.js-plotly-plot');"
          " return Array.from(d[0]._fullData[0].y) } catch (e) { return null } })()")
HEAT_Z = ("(() => { try { const d = document.querySelectorAll('.js-plotly-plot');"
          " return Array.from(d[1]._fullData[0].z, r => Array.from(r)) } catch (e) { return null } })()")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    pg = context.new_page()
    yield pg
    context.close()


def wait_drawn(page, charts: int, timeout: float = 90_000) -> None:
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length >= {charts}", timeout=timeout)


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_live_training_loss_falls_and_the_heatmap_changes(server, page):
    page.goto(f"{server}/live_training?lang=en")
    wait_drawn(page, 2)
    page.get_by_text("Step 0", exact=False).first.wait_for()
    page.wait_for_function(f"{HEAT_Z} !== null")
    before = page.evaluate(HEAT_Z)
    page.get_by_role("button", name="Train").click()
    # the loss curve gains points while it trains, and its recent average falls well below its start
    page.wait_for_function(
        f"(() => {{ const y = {LOSS_Y}; if (!y || y.length < 60) return false;"
        " const m = a => a.reduce((s, v) => s + v, 0) / a.length;"
        " return m(y.slice(-10)) < 0.7 * m(y.slice(0, 10)); })()", timeout=120_000)
    shoot(page, "live_training_en")
    page.wait_for_function(f"(() => {{ const z = {HEAT_Z}; return z !== null && JSON.stringify(z) !== "
                           f"{json.dumps(json.dumps(before))} }})()", timeout=60_000)
    shoot(page, "live_training_en")
    pause_until_train(page)


def pause_until_train(page, tries: int = 4) -> None:
    """Press Pause until Train is back. A click that lands while the training fragment redraws can be dropped (a
    clean-clone run on a loaded machine waited 30 s for a Train that never came), so Pause is pressed again while it
    is still there; bounded in tries and in time."""
    train, pause = page.get_by_role("button", name="Train"), page.get_by_role("button", name="Pause")
    for _ in range(tries):
        if pause.count():
            pause.first.click()
        try:
            train.wait_for(timeout=30_000)
            return
        except PlaywrightTimeout:
            continue
    train.wait_for(timeout=30_000)  # the last wait raises, naming what was missing


def test_replay_and_live_pages_in_both_languages(server, page):
    for lang in ("en", "zh"):
        page.goto(f"{server}/training?lang={lang}")
        wait_drawn(page, 1)
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
        shoot(page, f"training_{lang}")
        if lang == "zh":
            page.goto(f"{server}/live_training?lang={lang}")
            wait_drawn(page, 2)
            shoot(page, f"live_training_{lang}")
