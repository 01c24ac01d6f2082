"""`make run`: start the app, warm it (deploy/warm.py: every page opened once with a sentence), then say it is ready.

Why: the first page after a start loads the models, starts the worker pool and imports every page's figure code;
measured by bench/bench_first_view.py, that is the wait a learner meets when the app says "ready" too early.
Streamlit's own "You can now view your Streamlit app" banner is held back until the app is warm; then this
prints the local address and, for other machines on the network (a class), the machine's network address.
Its other output passes through. Ctrl+C stops the app.

Usage: python deploy/run_warm.py [--port 8501] [extra streamlit options …]
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.server import stop, wait_healthy  # noqa: E402
from deploy.warm import warm_all  # noqa: E402

BANNER = ("You can now view", "Local URL:", "Network URL:", "External URL:", "Did not auto detect external IP",
          "Please go to https://docs.streamlit.io")


def _forward(stream, ready: threading.Event) -> None:
    """Pass the app's output through, except Streamlit's "ready" banner before the app is warm."""
    for line in iter(stream.readline, ""):
        if not ready.is_set() and (not line.strip() or line.strip().startswith(BANNER)):
            continue
        sys.stdout.write(line)
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=8501)
    args, extra = ap.parse_known_args(argv)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(args.port),
                             "--server.headless", "true", *extra], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, bufsize=1)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped: the finally below stops the app too
    ready = threading.Event()
    threading.Thread(target=_forward, args=(proc.stdout, ready), daemon=True).start()
    try:
        print(f"Starting Transformer Lessons on port {args.port} and warming it (every page opened once) …",
              flush=True)
        wait_healthy(args.port, proc)
        t0 = time.perf_counter()
        try:
            pages = sum(asyncio.run(warm_all([args.port])))
            note = f"warmed {pages} pages in {time.perf_counter() - t0:.0f} s"
        except Exception as e:  # noqa: BLE001 - warming only saves the first visitor a wait
            note = f"warming failed ({e}); the first page will be slow"
        from ui.classroom import network_addresses

        ready.set()
        print(f"\nReady ({note}):\n  on this machine:        http://localhost:{args.port}", flush=True)
        for address in network_addresses()[:1]:
            print(f"  others on your network: http://{address}:{args.port}  (open port {args.port} in the firewall)",
                  flush=True)
        print("Ctrl+C stops the app.", flush=True)
        return proc.wait()
    except RuntimeError as e:  # the app did not start
        print(e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(proc, seconds=15)


if __name__ == "__main__":
    sys.exit(main())
