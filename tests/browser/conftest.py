"""Fixtures of the browser tests: the app served by ``streamlit run app.py``, and headless Chromium.

``server`` starts the app on a free port with the shipped checkpoint, or the one in TL_CHECKPOINT_DIR (it
skips when there is none), and waits until it answers. Its output is discarded unless the module overrides
``server_log`` with a file name: the output then goes to that file in artifacts/ when artifacts/ exists.
"""

from __future__ import annotations

import pytest
from browser_common import ARGS, CHROMIUM, ROOT, app_servers


@pytest.fixture(scope="module")
def server_log() -> str | None:
    """Name of the file in artifacts/ that takes the app's output; None: the output is discarded."""
    return None


@pytest.fixture(scope="module")
def server(server_log):
    log = open(ROOT / "artifacts" / server_log, "w") if server_log and (ROOT / "artifacts").is_dir() else None
    try:
        with app_servers(1, log=log) as (url,):
            yield url
    finally:
        if log:
            log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def class_db(tmp_path_factory) -> str:
    """A class database of the module's own (SQLite in a temporary folder), for the class tests' servers."""
    return f"sqlite:///{tmp_path_factory.mktemp('class') / 'classes.sqlite3'}"
