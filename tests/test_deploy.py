"""Hosting for a class: the nginx config that `make serve-class` writes, and the warm-up of each app process."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from deploy import serve_class
from deploy.warm import WarmError, warm
from ui import toc

ROOT = Path(__file__).resolve().parent.parent


def test_nginx_config_names_every_process_and_leaves_no_placeholder(tmp_path):
    text = serve_class.nginx_conf("127.0.0.1:8080", [8601, 8602, 8603], tmp_path)
    assert not re.findall(r"@[A-Z]+@", text)  # every @FIELD@ filled
    assert [line.strip() for line in text.splitlines() if line.strip().startswith("server 127.0.0.1:")] == [
        f"server 127.0.0.1:{p} max_fails=0;" for p in (8601, 8602, 8603)]
    assert "listen 127.0.0.1:8080" in text and "least_conn;" in text
    routes = [line.split() for line in text.splitlines() if line.strip().startswith('"127.0.0.1:')]
    assert routes == [[f'"127.0.0.1:{p}"', f"127.0.0.1:{p};"] for p in (8601, 8602, 8603)]  # cookie → its process
    assert "proxy_set_header Upgrade" in text  # websockets pass through


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(script: Path, tmp_path: Path):
    port = _free_port()
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
                             "--server.address", "127.0.0.1", "--server.port", str(port),
                             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, (tmp_path / "server.log").read_text(errors="replace")[-2000:]
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, port
        except OSError:
            time.sleep(0.2)  # starting: poll the health endpoint, bounded by the deadline
    proc.kill()
    pytest.fail("server not healthy in 120 s")


@pytest.fixture
def server(tmp_path):
    procs = []

    def start(script: Path) -> int:
        proc, port = _serve(script, tmp_path)
        procs.append(proc)
        return port

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=30)


def test_warm_opens_every_lesson_page_of_the_app(server):
    # every lesson, plus the two hidden routes of ui/navigation.py: /overview (the first lesson's own slug) and
    # the class link's short form /c
    assert asyncio.run(warm(server(ROOT / "app.py"))) == len(toc.LESSONS) + 2


def test_warm_reports_a_page_that_fails(server, tmp_path):
    script = tmp_path / "broken.py"
    script.write_text("import streamlit as st\nst.write('hello')\nraise ValueError('broken on purpose')\n")
    with pytest.raises(WarmError, match="broken on purpose"):
        asyncio.run(warm(server(script)))
