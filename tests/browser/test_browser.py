"""The app in a real browser: headless Debian Chromium driven by Playwright (sync API).

Starts ``streamlit run app.py`` on a free port, visits every lesson, changes a head and a decoding
step, checks the expected tokens are on the page, and saves a screenshot per page to
``artifacts/screenshots/`` (git-ignored). Skipped only when /usr/bin/chromium is missing
(``apt-get install -y chromium fonts-noto-cjk``).

The checkpoint is the shipped one unless TL_CHECKPOINT_DIR points elsewhere.
"""

from __future__ import annotations

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
from ui.toc import LESSONS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    # In CI (.ci/run installs Chromium) a missing browser must fail, not skip.
    pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                       reason=f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk"),
]


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
    log = open(ROOT / "artifacts" / "streamlit_browser_test.log", "w") if (ROOT / "artifacts").is_dir() else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT)
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
        if log:
            log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    pg = context.new_page()
    yield pg
    context.close()


def wait_idle(page, timeout: float = 60_000) -> None:
    """Connected, and the script has finished its run (twice in a row, to ride out chained reruns)."""
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout)
    for _ in range(2):
        page.wait_for_timeout(300)
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_timeout(400)  # plotly draws after the script is done


def shoot(page, name: str) -> None:
    """Screenshot of the whole lesson: Streamlit scrolls inside its main container, so the viewport is
    stretched to the content's height first (and restored after)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
                           "[data-testid=stMainBlockContainer]')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height + 40, size["height"]), 12000))})
    page.wait_for_timeout(600)  # plotly re-lays out on resize
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def main_text(page) -> str:
    return page.locator("[data-testid=stMain]").inner_text()


def test_every_page_renders_with_the_default_sentence(server, page):
    for n, lesson in enumerate(LESSONS, start=1):
        page.goto(f"{server}/{'' if n == 1 else lesson.slug}")
        wait_idle(page)
        text = main_text(page)
        assert "Traceback" not in text and page.locator("[data-testid=stException]").count() == 0, lesson.slug
        assert page.locator("[data-testid=stMain] h1").first.inner_text().startswith(f"{n}."), lesson.slug
        shoot(page, f"{n:02d}_{lesson.slug}")
    # the sentence's characters are on the axes of the self-attention figures
    page.goto(f"{server}/self_attention")
    wait_idle(page)
    svg_text = " ".join(page.locator(".js-plotly-plot .xtick text").all_text_contents())
    for ch in "我有一只猫":
        assert ch in svg_text


def test_changing_a_head_updates_figure_and_url(server, page):
    page.goto(f"{server}/self_attention")
    wait_idle(page)
    page.get_by_role("radio", name="head 2", exact=True).click()
    wait_idle(page)
    assert "head=2" in page.url
    titles = " ".join(page.locator(".js-plotly-plot .gtitle").all_text_contents())
    assert "encoder.layers.0.self_attn.hook_patternhead 2 · (4, 5, 5)" in titles  # name, then detail · shape
    shoot(page, "04_self_attention_head2")
    # the link survives a reload: the view comes back from the URL alone
    page.goto(page.url)
    wait_idle(page)
    assert page.get_by_role("radio", name="head 2", exact=True).get_attribute("aria-checked") == "true"
    assert "head 2" in " ".join(page.locator(".js-plotly-plot .gtitle").all_text_contents())


def test_stepping_through_decoding(server, page):
    page.goto(f"{server}/generation")
    wait_idle(page)
    sidebar = page.locator("[data-testid=stSidebar]").inner_text()
    assert "cat" in sidebar.lower()
    page.get_by_role("button", name="Next step").click()
    wait_idle(page)
    assert "step=1" in page.url
    page.get_by_role("button", name="Next step").click()
    wait_idle(page)
    assert "step=2" in page.url
    assert "position 2" in " ".join(page.locator(".js-plotly-plot .gtitle").all_text_contents())
    shoot(page, "10_generation_step2")
    page.get_by_role("radio", name="beam search").click()
    wait_idle(page)
    assert "method=beam" in page.url
    shoot(page, "10_generation_beam")


def test_bad_input_keeps_the_last_good_sentence(server, page):
    page.goto(server)
    wait_idle(page)
    box = page.get_by_role("textbox", name="Your Chinese sentence")
    box.fill("<b>hello</b>")
    box.press("Enter")
    wait_idle(page)
    assert page.locator("[data-testid=stAlertContentError]").count() >= 1
    assert "我 有 一 只 猫" in " ".join(page.locator(".js-plotly-plot text").all_text_contents())
    shoot(page, "bad_input_markup")
    box.fill("我有一只🐱")
    box.press("Enter")
    wait_idle(page)
    assert "&lt;unk&gt;" not in main_text(page)
    assert page.locator("[data-testid=stAlertContentWarning]").count() >= 1
    shoot(page, "unknown_character")


def test_prev_next_links_carry_the_state(server, page):
    page.goto(f"{server}/self_attention?head=3&layer=1")
    wait_idle(page)
    page.get_by_role("link", name="Next: Multi-head attention").click()
    wait_idle(page)
    assert "/multi_head" in page.url and "head=3" in page.url and "layer=1" in page.url
    shoot(page, "05_multi_head_from_link")


def test_language_switch_and_browser_locale(server, browser):
    """A zh-CN browser opens in Chinese; switching to English and back is kept in the URL."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    try:
        pg.goto(f"{server}/self_attention")
        wait_idle(pg)
        assert "lang=zh" in pg.url
        heading = pg.locator("[data-testid=stMain] h1").first.inner_text()
        assert "自注意力" in heading, heading
        shoot(pg, "zh_04_self_attention")
        pg.get_by_role("radio", name="English", exact=True).click()
        wait_idle(pg)
        assert "lang=en" in pg.url
        assert "Self-attention" in pg.locator("[data-testid=stMain] h1").first.inner_text()
        pg.get_by_role("radio", name="中文", exact=True).click()
        wait_idle(pg)
        pg.get_by_role("link", name="下一页", exact=False).first.click()
        wait_idle(pg)
        assert "/multi_head" in pg.url and "lang=zh" in pg.url
        assert "多头注意力" in pg.locator("[data-testid=stMain] h1").first.inner_text()
        shoot(pg, "zh_05_multi_head")
    finally:
        context.close()


def test_recurrent_lessons(server, page):
    """RNN: the unrolled network carries the sentence's characters; a selector goes into the URL.
    LSTM: a calculator preset sets the gates. Why attention: timing runs only on the button."""
    page.goto(f"{server}/rnn")
    wait_idle(page)
    svg = " ".join(page.locator(".js-plotly-plot .annotation-text").all_text_contents())
    for ch in "我有一只猫":
        assert ch in svg
    page.get_by_role("radio", name="64", exact=True).click()
    wait_idle(page)
    assert "units=64" in page.url
    assert "first 64 of 128 units" in " ".join(page.locator(".js-plotly-plot .gtitle").all_text_contents())
    shoot(page, "11_rnn_64_units")

    page.goto(f"{server}/lstm")
    wait_idle(page)
    page.get_by_role("button", name="Forget everything").click()
    wait_idle(page)
    assert "lf=0.0" in page.url and "li=0.0" in page.url
    shoot(page, "12_lstm_forget")

    page.goto(f"{server}/why_attention")
    wait_idle(page)
    assert "median time" not in " ".join(page.locator(".js-plotly-plot .gtitle").all_text_contents())
    page.get_by_role("button", name="Measure now on this machine").click()
    wait_idle(page)
    titles = " ".join(page.locator(".js-plotly-plot .gtitle").all_text_contents())
    assert "Encoder only" in titles and "batch 1, median time" in titles
    shoot(page, "13_why_attention_measured")


def test_recurrent_lessons_in_chinese(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    try:
        for n, lesson in enumerate(LESSONS, start=1):
            if lesson.slug not in ("rnn", "lstm", "why_attention"):
                continue
            pg.goto(f"{server}/{lesson.slug}")
            wait_idle(pg)
            assert "lang=zh" in pg.url
            assert pg.locator("[data-testid=stException]").count() == 0, lesson.slug
            heading = pg.locator("[data-testid=stMain] h1").first.inner_text()
            assert heading.startswith(f"{n}.") and any("\u4e00" <= c <= "\u9fff" for c in heading), heading
            assert "亲手验算" in main_text(pg)
            shoot(pg, f"zh_{n:02d}_{lesson.slug}")
    finally:
        context.close()
