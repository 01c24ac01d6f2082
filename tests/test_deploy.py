"""Hosting for a class: the nginx config that `make serve-class` writes, and the warm-up of each app process."""

from __future__ import annotations

import asyncio
import re
import subprocess
from pathlib import Path

import pytest

from deploy import serve_class
from deploy import server as app_server
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


@pytest.fixture
def server(tmp_path):
    """Starts ``streamlit run SCRIPT`` on a free port, waits until it answers and returns the port."""
    procs = []

    def start(script: Path) -> int:
        port = app_server.free_port()
        log = tmp_path / "server.log"
        procs.append(app_server.start(port, script, stdout=log.open("wb"), stderr=subprocess.STDOUT))
        try:
            app_server.wait_healthy(port, procs[-1])
        except RuntimeError as e:
            pytest.fail(f"{e}: {log.read_text(errors='replace')[-2000:]}")
        return port

    yield start
    app_server.stop(*procs)


def test_warm_opens_every_lesson_page_of_the_app(server):
    # every lesson, plus the two hidden routes of ui/navigation.py: /overview (the first lesson's own slug) and
    # the class link's short form /c
    assert asyncio.run(warm(server(ROOT / "app.py"))) == len(toc.LESSONS) + 2


def test_warm_reports_a_page_that_fails(server, tmp_path):
    script = tmp_path / "broken.py"
    script.write_text("import streamlit as st\nst.write('hello')\nraise ValueError('broken on purpose')\n")
    with pytest.raises(WarmError, match="broken on purpose"):
        asyncio.run(warm(server(script)))
