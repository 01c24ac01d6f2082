"""``streamlit run`` of a script on a loopback port, the wait until it answers, and its stop.

The one way the benches, the tests and ``make serve-class`` start the app (deploy/run_warm.py, which listens on
every address for a class, starts its own and waits here).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# No file watcher and no full GC per rerun come from .streamlit/config.toml, which `make run` reads too: what
# the benches and tests start is what a class meets.
OPTIONS = ("--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int, script: str | Path = "app.py", *, env: Mapping[str, str] | None = None,
          options: Sequence[str] = (), cwd: Path = ROOT, **popen) -> subprocess.Popen:
    """``streamlit run SCRIPT`` on 127.0.0.1:PORT from ``cwd``, with ``env`` added to this environment and
    ``options`` after the usual ones; ``popen`` goes to Popen (stdout, stderr, text …)."""
    return subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), *OPTIONS, "--server.port",
                             str(port), *options], cwd=cwd, env={**os.environ, **(env or {})}, **popen)


def wait_healthy(port: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    """Returns once ``/_stcore/health`` on 127.0.0.1:PORT answers 200; RuntimeError when ``proc`` exits first or
    after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app process on port {port} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)  # starting: poll the health endpoint, bounded by the deadline
    raise RuntimeError(f"app process on port {port} not healthy after {seconds:.0f} s")


def stop(*procs: subprocess.Popen, seconds: float = 30) -> None:
    """Terminate them all, then wait for each, killing what is still running after ``seconds``."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
