"""``make serve-class``: one Streamlit process of the app per core, behind nginx with sticky sessions.

Starts N app processes on loopback ports, fills deploy/nginx.conf (the template) with them, runs nginx in
the foreground on --port, and stops everything on Ctrl+C / SIGTERM or when any of them exits. Each app
process runs the model in-process (TL_WORKERS=0 unless set): the cores are already one per process. Every
process is warmed (deploy/warm.py: each page opened once) before nginx starts.

Usage: python deploy/serve_class.py [--procs N] [--port 8080] [--address 0.0.0.0]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from deploy import server  # noqa: E402
from deploy.warm import warm_all  # noqa: E402

TEMPLATE = ROOT / "deploy" / "nginx.conf"
FIRST_APP_PORT = 8601


def nginx_conf(listen: str, ports: list[int], rundir: Path) -> str:
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""  # as root, nginx's workers drop privileges
    upstreams = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in ports)
    routes = "\n".join(f'        "127.0.0.1:{p}" 127.0.0.1:{p};' for p in ports)  # cookie value → that process
    text = TEMPLATE.read_text(encoding="utf-8")
    for field, value in (("@USER@", user), ("@RUNDIR@", str(rundir)), ("@UPSTREAMS@", upstreams),
                         ("@ROUTES@", routes), ("@LISTEN@", listen)):
        text = text.replace(field, value)
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--procs", type=int, default=int(os.environ.get("PROCS") or os.cpu_count() or 1))
    ap.add_argument("--port", type=int, default=8080, help="where nginx listens")
    ap.add_argument("--address", default="0.0.0.0", help="nginx's listen address (127.0.0.1: this machine only)")
    ap.add_argument("--first-app-port", type=int, default=FIRST_APP_PORT)
    args = ap.parse_args(argv)
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        print("nginx is not installed: run `make serve-class` (installs Debian's package as root)", file=sys.stderr)
        return 1
    rundir = Path(tempfile.mkdtemp(prefix="tl-serve-class-"))
    rundir.chmod(0o755)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (rundir / sub).mkdir(mode=0o777)
        (rundir / sub).chmod(0o777)  # nginx's workers (nobody when started as root) write temp files here
    ports = [args.first_app_port + i for i in range(max(1, args.procs))]
    # one secret for all processes: a cookie signed by one process is then valid in every other
    env = {"TL_WORKERS": os.environ.get("TL_WORKERS", "0"),
           "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)}
    procs: list[subprocess.Popen] = []

    def stop(*_):
        server.stop(*reversed(procs), seconds=20)
        shutil.rmtree(rundir, ignore_errors=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        procs.extend(server.start(port, env=env) for port in ports)
        for port, proc in zip(ports, procs):
            server.wait_healthy(port, proc, 180)
        t0 = time.perf_counter()
        try:  # before nginx takes anyone: no learner meets a cold process (see deploy/warm.py)
            pages = asyncio.run(warm_all(ports))
            print(f"warmed {len(ports)} app processes ({sum(pages)} pages) in {time.perf_counter() - t0:.1f} s",
                  flush=True)
        except Exception as e:  # noqa: BLE001 - warming saves the first learners a wait; the class starts anyway
            print(f"warning: warming the app processes failed ({e}); the first learners will wait for the models",
                  file=sys.stderr, flush=True)
        conf = rundir / "nginx.conf"
        conf.write_text(nginx_conf(f"{args.address}:{args.port}", ports, rundir), encoding="utf-8")
        procs.append(subprocess.Popen([nginx, "-p", str(rundir), "-c", str(conf), "-e", str(rundir / "error.log"),
                                       "-g", "daemon off;"]))
        print(f"Transformer Lessons: {len(ports)} app processes behind nginx on http://{args.address}:{args.port} "
              "(Ctrl+C stops all)", flush=True)
        while all(p.poll() is None for p in procs):
            try:
                procs[-1].wait(timeout=1.0)  # nginx; the loop also notices an app process that died
            except subprocess.TimeoutExpired:
                pass
        names = [f"app on port {port}" for port in ports] + ["nginx"]
        dead = [name for name, p in zip(names, procs) if p.poll() is not None]
        print(f"stopping: {', '.join(dead)} exited", file=sys.stderr)
        return 1
    except RuntimeError as e:  # an app process that did not start
        print(e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
