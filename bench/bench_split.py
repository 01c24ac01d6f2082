"""Where a page view's server time goes: the app's own code against Streamlit's, per rerun of issue 25's tour.

Learners take the tour (bench_class.TOUR, then ▶) one after another, each with a new held-out sentence, so
nothing queues and every sample is work, not a wait for the GIL. The same is done on the floor app
(bench/floor.py: the elements one learner's tour received, drawn again from cached data). py-spy samples the
server's threads while they hold the GIL (``--gil``: Python's own work; one process runs one such thread at a
time) and the model worker processes. Each sample goes to one part:

- **app's own code**: the innermost frame in the app's files calls no Streamlit function below it (the numpy,
  Plotly and json work the app asks for counts here);
- **Streamlit, called by the app**: it does (elements, widgets, caches, session state);
- **script runner**: a script thread with no app frame (Streamlit's runner around the page);
- **event loop, other threads**: the server's other threads (messages to the websockets, sessions);
- **model worker**: the worker processes (tracing new sentences).

Printed: milliseconds a rerun of each part (samples / rate / reruns), the process tree's CPU a rerun from /proc
(with py-spy attached), and the app frames with the most samples. A keeper session stays connected throughout:
with none, Streamlit clears its compiled pages whenever the last session leaves, and every learner would pay
for compiling them again.

Needs py-spy (``pip install py-spy``; not one of the app's dependencies) and the right to trace the server
(root, or kernel.yama.ptrace_scope = 0). Loopback only; every loop bounded in count and time.

Usage: python bench/bench_split.py [--learners 24] [--rounds 2] [--rate 400]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_class as bc  # noqa: E402
import floor  # noqa: E402

PARTS = ("app's own code", "Streamlit, called by the app", "script runner", "event loop, other threads",
         "model worker")
APP_DIRS = ("ui/", "tutorial_model/", "exercises/", "live_class/", "lesson_pages/")
_FILE = re.compile(r"\(([^()]*?):\d+\)$")  # "func (path/file.py:123)" → path/file.py


def app_files(root: Path = ROOT) -> frozenset[str]:
    """The names py-spy gives the app's files: paths under the app's folders, and the bare names of the entry script
    and of the lesson pages (run by path, so py-spy shows them without a folder); the floor app's script too, so
    its Streamlit calls are counted as the app's are."""
    return frozenset({"app.py", floor.APP.name, *(p.name for p in (root / "lesson_pages").glob("*.py"))})


def frame_file(frame: str) -> str:
    m = _FILE.search(frame)
    return m.group(1) if m else ""


def is_app(path: str, bare: frozenset[str]) -> bool:
    return path.startswith(APP_DIRS) or path in bare


def _api(calls: list[str]) -> str:
    """The Streamlit function the app called: the first Streamlit frame but its telemetry wrapper, without a line."""
    for f in calls:
        if frame_file(f).startswith("streamlit/") and "gather_metrics" not in f:
            return re.sub(r":\d+\)$", ")", f)
    return "?"


def part_of(frames: list[str], server_pid: int, bare: frozenset[str]) -> tuple[str, str | None]:
    """(part, detail) of one py-spy raw stack: frames[0] names the process, frames[1] the thread (``--threads``),
    the rest run from the outermost call to the leaf. The detail: for the app's own code its innermost app frame,
    for Streamlit called by the app the Streamlit function it called, else None."""
    if not frames[0].startswith(f"process {server_pid}:") or frames[1:2] and frames[1].startswith("process "):
        return PARTS[4], None  # --subprocesses names a child process after its parent
    if len(frames) < 2 or "ScriptRunner" not in frames[1]:
        return PARTS[3], None
    calls = frames[2:]
    inner = [i for i, f in enumerate(calls) if is_app(frame_file(f), bare)]
    if not inner:
        return PARTS[2], None
    i = inner[-1]
    if any(frame_file(f).startswith("streamlit/") for f in calls[i + 1:]):
        return PARTS[1], _api(calls[i + 1:])
    return PARTS[0], calls[i]


def split(raw_lines, server_pid: int, bare: frozenset[str]) -> tuple[collections.Counter, dict]:
    """Samples per part, and per detail within the app's own code and within Streamlit called by the app, from
    py-spy's raw output (one line per distinct stack: the frames joined by ';', a space, the count)."""
    parts: collections.Counter = collections.Counter()
    details: dict[str, collections.Counter] = {PARTS[0]: collections.Counter(), PARTS[1]: collections.Counter()}
    for line in raw_lines:
        stack, _, n = line.rstrip("\n").rpartition(" ")
        if not stack or not n.isdigit():
            continue
        part, detail = part_of(stack.split(";"), server_pid, bare)
        parts[part] += int(n)
        if detail is not None:
            details[part][detail] += int(n)
    return parts, details


async def tours(url: str, sentences: list[str], deadline: float) -> list[float]:
    """Each sentence's tour in turn, with a keeper session connected throughout; every rerun's seconds."""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    seconds: list[float] = []
    async with bc.connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=60, ping_interval=None):
        for s in sentences:
            learner = bc.Learner(0, s)
            await bc.learner_run(url, True, learner, bc.Detector([s]), [0.0] * (len(bc.TOUR) + 1), deadline)
            if learner.errors:
                raise RuntimeError(f"tour of {urllib.parse.quote(s)} failed: {learner.errors}")
            seconds += [r["seconds"] for r in learner.reruns]
    return seconds


def measure(sv: bc.Server, sentences: list[str], rate: int, out: Path, pyspy: str) -> dict:
    spy = subprocess.Popen([pyspy, "record", "--pid", str(sv.pid), "--subprocesses", "--threads", "--gil",
                            "-r", str(rate), "--format", "raw", "-o", str(out), "-d", "900"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        time.sleep(2.0)  # py-spy attaches before the first learner (nothing to wait on: it reports no readiness)
        if spy.poll() is not None:
            raise RuntimeError(f"py-spy did not start: {spy.stderr.read().decode(errors='replace')[-500:]}")
        cpu0 = bc.cpu_seconds(sv.pid)
        seconds = asyncio.run(tours(sv.url, sentences, time.monotonic() + 60 * len(sentences)))
        cpu = bc.cpu_seconds(sv.pid) - cpu0
    finally:
        spy.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
        try:
            spy.wait(60)
        except subprocess.TimeoutExpired:
            spy.kill()
    with out.open(encoding="utf-8") as f:
        parts, details = split(f, sv.pid, app_files())
    n = len(seconds)
    return {"reruns": n, "cpu_ms": 1000 * cpu / n, "median_rerun_s": sorted(seconds)[n // 2],
            "parts_ms": {p: 1000 * parts[p] / rate / n for p in PARTS},
            "top_ms": {p: [[d, 1000 * c / rate / n] for d, c in details[p].most_common(15)] for p in details}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--learners", type=int, default=24, help="tours per side per round (each a new sentence)")
    ap.add_argument("--rounds", type=int, default=2, help="app then floor, this many times")
    ap.add_argument("--rate", type=int, default=400, help="py-spy samples a second")
    ap.add_argument("--no-floor", action="store_true", help="the app only")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "split.json"))
    args = ap.parse_args(argv)
    pyspy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(pyspy).exists():
        print("py-spy is needed: pip install py-spy", file=sys.stderr)
        return 2
    bc.COLD = False
    sentences = bc.Sentences()
    tmp = Path(tempfile.mkdtemp())
    results: list[dict] = []
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; ms a rerun of the GIL held, by part")
    for r in range(args.rounds):
        app = bc.Server("app.py", {}, 10, ROOT)
        try:
            for _ in range(2):  # the model, the worker, the imports, every tour page compiled once
                bc.warm(app.url, True, sentences.take(1)[0])
            steps = tmp / "floor_steps.json"
            steps.write_text(json.dumps(floor.record_tour(app.url, sentences.take(1)[0])), encoding="utf-8")
            results.append({"side": "app", "round": r,
                            **measure(app, sentences.take(args.learners), args.rate, tmp / f"app{r}.raw", pyspy)})
        finally:
            app.stop()
        if not args.no_floor:
            fl = bc.Server(str(floor.APP), {floor.ENV: str(steps)}, 10, ROOT)
            try:
                bc.warm(fl.url, True, sentences.take(1)[0])
                results.append({"side": "floor", "round": r, **measure(fl, sentences.take(args.learners), args.rate,
                                                                       tmp / f"floor{r}.raw", pyspy)})
            finally:
                fl.stop()
    report(results)
    Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def report(results: list[dict]) -> None:
    sides = [(f"{r['side']} {r['round']}", r) for r in results]
    print(f"{'part':32}" + "".join(f"{name:>10}" for name, _ in sides))
    for p in PARTS:
        print(f"{p:32}" + "".join(f"{r['parts_ms'][p]:10.1f}" for _, r in sides))
    print(f"{'sum of the parts':32}" + "".join(f"{sum(r['parts_ms'].values()):10.1f}" for _, r in sides))
    print(f"{'CPU a rerun, process tree':32}" + "".join(f"{r['cpu_ms']:10.1f}" for _, r in sides))
    print(f"{'median rerun, seconds':32}" + "".join(f"{r['median_rerun_s']:10.3f}" for _, r in sides))
    for name, r in sides:
        for p, rows in r["top_ms"].items():
            if rows:
                print(f"\n{name}, {p} (ms a rerun): " + ("by innermost app frame" if p == PARTS[0] else
                                                        "by the Streamlit function called"))
                for detail, ms in rows[:10]:
                    print(f"  {ms:5.2f}  {detail}")


if __name__ == "__main__":
    sys.exit(main())
