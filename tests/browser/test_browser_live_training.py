"""Live training and the training replay in a real browser (headless Chromium, Playwright).

Starts ``streamlit run app.py`` (the same way as test_browser.py), opens the live-training page, presses
Train, and waits until the loss curve drawn on the page has fallen and the attention heatmap has changed
from its untrained values. Waits are for what the page shows, never for a fixed time. Also opens the replay
page in English and Chinese and saves screenshots of both pages to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                       reason=f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk"),
]

# the two figures of the live page, read from plotly's graph divs (_fullData: arrays decoded from plotly's base64);
# a fragment redraw may briefly remove a chart, so a missing one reads as null and the wait polls again
LOSS_Y = ("(() => { try { const d = document.querySelectorAll('.js-plotly-plot');"
          " return Array.from(d[0]._fullData[0].y) } catch (e) { return null } })()")
HEAT_Z = ("(() => { try { const d = document.querySelectorAll('.js-plotly-plot');"
          " return Array.from(d[1]._fullData[0].z, r => Array.from(r)) } catch (e) { return null } })()")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    from tutorial_model.checkpoint import CHECKPOINT_DIR, paths

    ckpt = Path(os.environ.get("TL_CHECKPOINT_DIR") or CHECKPOINT_DIR)
    if not paths("transformer", ckpt)[0].exists():
        pytest.skip(f"no checkpoint in {ckpt}: run python -m tutorial_model.train (or set TL_CHECKPOINT_DIR)")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail(f"streamlit did not start (exit code {proc.poll()})")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


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
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Train").wait_for()


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
