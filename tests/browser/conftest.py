"""Fixtures of the browser tests: the app served by ``streamlit run app.py``, and headless Chromium.

``server`` starts the app on a free port with the shipped checkpoint, or the one in TL_CHECKPOINT_DIR (it
skips when there is none), and waits until it answers. Its output is discarded unless the module overrides
``server_log`` with a file name: the output then goes to that file in artifacts/ when artifacts/ exists.
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
from browser_common import ARGS, CHROMIUM, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server_log() -> str | None:
    """Name of the file in artifacts/ that takes the app's output; None: the output is discarded."""
    return None


@pytest.fixture(scope="module")
def server(server_log):
    from tutorial_model.checkpoint import CHECKPOINT_DIR, paths

    ckpt = Path(os.environ.get("TL_CHECKPOINT_DIR") or CHECKPOINT_DIR)
    if not paths("transformer", ckpt)[0].exists():
        pytest.skip(f"no checkpoint in {ckpt}: run python -m tutorial_model.train (or set TL_CHECKPOINT_DIR)")
    port = _free_port()
    log = open(ROOT / "artifacts" / server_log, "w") if server_log and (ROOT / "artifacts").is_dir() else None
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
