"""What the browser test modules share besides fixtures (those are in conftest.py): paths, Chromium, its marks.

Imported by basename (``from browser_common import ...``): pytest puts tests/browser/ on sys.path (rootdir
mode, no __init__.py), so this name must stay unique under tests/ (tests/test_test_layout.py checks).
Importing it puts the repository root on sys.path, so a test module can import ``ui`` and ``tutorial_model``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from deploy.server import free_port, start, stop, wait_healthy  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Every browser test module: pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM].
# In CI (.ci/run installs Chromium) a missing browser must fail, not skip.
NEEDS_CHROMIUM = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                    reason=f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")


@contextmanager
def app_servers(n: int = 1, env: Mapping[str, str] | None = None, log=None) -> Iterator[list[str]]:
    """``n`` processes of ``streamlit run app.py`` on free loopback ports (``env`` added to this environment), each
    waited for on its health endpoint (bounded: 120 s); their URLs, and every process ended afterwards. Skips
    when there is no checkpoint."""
    from tutorial_model.checkpoint import CHECKPOINT_DIR, paths

    ckpt = Path(os.environ.get("TL_CHECKPOINT_DIR") or CHECKPOINT_DIR)
    if not paths("transformer", ckpt)[0].exists():
        pytest.skip(f"no checkpoint in {ckpt}: run python -m tutorial_model.train (or set TL_CHECKPOINT_DIR)")
    procs, ports = [], [free_port() for _ in range(n)]
    try:
        for port in ports:
            procs.append(start(port, env=env, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT))
        for port, proc in zip(ports, procs):
            try:
                wait_healthy(port, proc)
            except RuntimeError as e:
                pytest.fail(f"streamlit did not start: {e}")
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        stop(*procs, seconds=15)


def new_page(browser, lang: str = "en", width: int = 1280, height: int = 900, timeout_ms: int = 120_000):
    """A fresh browser context (locale of ``lang``, downloads on) and its page; every wait bounded by ``timeout_ms``."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  locale="zh-CN" if lang == "zh" else "en-US", accept_downloads=True)
    context.set_default_timeout(timeout_ms)
    return context, context.new_page()


# ui/browser_store.py mounts a reader (key tl_store_<namespace>) until the browser has answered; the answer reruns
# the page once, and a click landing in that rerun's window can be dropped (the rerun carries no button trigger).
STORE_READER = "[class*='st-key-tl_store_']:not([class*='st-key-tl_store_w_'])"


def settled(page) -> None:
    """Connected, the script run is over, and no browser-store answer is still to come (with its rerun)."""
    from playwright.sync_api import expect

    app = page.locator("[data-testid=stApp]")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED")
    expect(app).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator(STORE_READER)).to_have_count(0)
    expect(app).to_have_attribute("data-test-script-state", "notRunning")


# Streamlit loads a chart's code on first use and shows a grey stSkeleton meanwhile: a page is drawn when no
# skeleton is left and every Plotly chart has its SVG (Plotly draws after Streamlit sends the element)
DRAWN_JS = ("() => !document.querySelector('[data-testid=stSkeleton]') && "
            "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(e => e.querySelector('.main-svg'))")


def drawn(page) -> None:
    """Wait until every chart on the page is drawn (no loading skeleton, every Plotly SVG there)."""
    page.wait_for_function(DRAWN_JS)


def first_instance(skill: str):
    """The instance of ``skill`` that its page poses first for the app's default sentence (attempt 0), built the
    way the page builds it, so a test knows the right answer without reading the page."""
    from streamlit.testing.v1 import AppTest

    from exercises import core, registry

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    ctx = at.session_state["_tl_context"]
    given = registry.Given(ctx.trace, ctx.cfg, {}, ctx.sentence)
    return registry.generate(registry.find(skill), given, core.seed_for(ctx.sentence, skill, 0))
