"""What the browser test modules share besides fixtures (those are in conftest.py): paths, Chromium, its marks.

Imported by basename (``from browser_common import ...``): pytest puts tests/browser/ on sys.path (rootdir
mode, no __init__.py), so this name must stay unique under tests/ (tests/test_test_layout.py checks).
Importing it puts the repository root on sys.path, so a test module can import ``ui`` and ``tutorial_model``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Every browser test module: pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM].
# In CI (.ci/run installs Chromium) a missing browser must fail, not skip.
NEEDS_CHROMIUM = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                    reason=f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def app_servers(n: int = 1, env: Mapping[str, str] | None = None, log=None) -> Iterator[list[str]]:
    """``n`` processes of ``streamlit run app.py`` on free loopback ports (``env`` added to this environment), each
    waited for on its health endpoint (bounded: 120 s); their URLs, and every process ended afterwards. Skips
    when there is no checkpoint."""
    from tutorial_model.checkpoint import CHECKPOINT_DIR, paths

    ckpt = Path(os.environ.get("TL_CHECKPOINT_DIR") or CHECKPOINT_DIR)
    if not paths("transformer", ckpt)[0].exists():
        pytest.skip(f"no checkpoint in {ckpt}: run python -m tutorial_model.train (or set TL_CHECKPOINT_DIR)")
    procs, urls = [], []
    try:
        for _ in range(n):
            port = free_port()
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
                 str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
                 "--browser.gatherUsageStats", "false"], cwd=ROOT, env={**os.environ, **(env or {})},
                stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT))
            urls.append(f"http://127.0.0.1:{port}")
        for url, proc in zip(urls, procs):
            deadline = time.time() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.time() > deadline:
                    pytest.fail(f"streamlit did not start (exit code {proc.poll()})")
                time.sleep(0.5)  # polling the health endpoint, bounded by the deadline
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def new_page(browser, lang: str = "en", width: int = 1280, height: int = 900, timeout_ms: int = 120_000):
    """A fresh browser context (locale of ``lang``, downloads on) and its page; every wait bounded by ``timeout_ms``."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  locale="zh-CN" if lang == "zh" else "en-US", accept_downloads=True)
    context.set_default_timeout(timeout_ms)
    return context, context.new_page()


def settled(page) -> None:
    """Connected, and the script run is over."""
    from playwright.sync_api import expect

    app = page.locator("[data-testid=stApp]")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED")
    expect(app).to_have_attribute("data-test-script-state", "notRunning")
