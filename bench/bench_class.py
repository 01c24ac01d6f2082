"""A class of N learners on one server: rerun times under load, for the app and for a bare Streamlit page.

Every learner is a client speaking Streamlit's own websocket protocol (``/_stcore/stream``, subprotocol
``streamlit``): it sends ``BackMsg.rerun_script`` (query string, page hash and name, widget states) and reads
``ForwardMsg``s until ``script_finished``, as the browser does, without a browser. Each learner has its own
new sentence from the held-out test split (one the model accepts), opens the first lesson (the overview) with it
in the link, then self-attention, multi-head, cross-attention and generation, and takes one decoding step there
(the ▶ button): six reruns, the tour of issue 25.
The bare page (one slider, one 5×5 Plotly heatmap, ``import torch``) gets the same six reruns (the last one
moves its slider), from the same client, against a server this script starts the same way.

Load shapes: "burst" (everyone at once, no pause between reruns) and "class" (each rerun 5–20 s after the
previous one finished, seeded; the first one within the first 15 s). Reported per run: p50 / p95 / max rerun,
the slowest first page of a new sentence, the time for the whole class, server CPU per rerun (server and
its worker processes), server RSS before / peak / after the sessions closed (disconnected sessions are kept
``--ttl`` seconds), errors, and cross-talk: any other learner's sentence in the messages a learner received
(with controls: every learner's own sentence must be found by the same detector, and the detector run with
owners swapped must flag every learner).

Everything goes to 127.0.0.1 only; every loop is bounded in count and time (``--deadline`` per run).
The machine may be shared: the load average is printed with the figures; compare ratios from the same run.

Usage:
  python bench/bench_class.py --quick                # a few minutes: 1 and 8 learners, one of each shape
  python bench/bench_class.py                        # the full study (tens of minutes; see --help)
  python bench/bench_class.py --only burst --sizes 40 --workers 1,2
  python bench/bench_class.py --url-app http://127.0.0.1:8080   # an already running server (make serve-class)
  python bench/bench_class.py --floor --rounds 3     # the app against Streamlit's floor for its tour (bench/floor.py)
Writes bench/results/class.json (or --out).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import floor  # noqa: E402  (bench/, beside this file)
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from deploy import server  # noqa: E402

BARE = """
import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch  # noqa: F401 - the same import cost as the app

v = st.slider("Value", 0, 10, 5, key="v")
st.plotly_chart(go.Figure(go.Heatmap(z=np.arange(25).reshape(5, 5) * v)), key="fig")
"""

# "" is the first lesson (the overview), asked for as a browser asks for the app's root URL; then, on the last
# page, the ▶ (next decoding step) button: step 0 → 1 (issue 25's tour)
TOUR = ("", "self_attention", "multi_head", "cross_attention", "generation")
WIDGET_SUFFIX = "_b.step.next"
RERUN_TIMEOUT_S = 180.0
COLD = False  # --cold: no warm-up learner; the class meets a freshly started server
PAGE = 4096


# ---- the server ---------------------------------------------------------------------------------------

class Server:
    """``streamlit run`` of a script on a free loopback port, as ``make run`` starts it."""

    def __init__(self, script: str, env: dict[str, str], ttl: int, root: Path = ROOT) -> None:
        self.port = server.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile()
        self.proc = server.start(self.port, script, env=env, options=("--server.disconnectedSessionTTL", str(ttl)),
                                 cwd=root, stdout=self.log, stderr=subprocess.STDOUT)
        self.pid = self.proc.pid
        try:
            server.wait_healthy(self.port, self.proc)
        except RuntimeError as e:
            self.stop()
            raise RuntimeError(f"{e}: {self.tail()}") from None

    def tail(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]

    def stop(self) -> None:
        server.stop(self.proc)


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo and len(out) < 256:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process and its live descendants (the model workers)."""
    total = 0.0
    for p in _descendants(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return total


def rss_mb(pid: int) -> tuple[float, float]:
    """(RSS of the server process, RSS of its descendants together) in MB."""
    own = rest = 0.0
    for p in _descendants(pid):
        try:
            with open(f"/proc/{p}/statm") as f:
                mb = int(f.read().split()[1]) * PAGE / 2**20
        except (OSError, IndexError, ValueError):
            continue
        if p == pid:
            own = mb
        else:
            rest += mb
    return own, rest


class Sampler:
    """RSS of the server every 0.25 s while a run lasts (at most ``limit_s``)."""

    def __init__(self, pid: int | None, limit_s: float) -> None:
        self.pid, self.peak, self.peak_workers = pid, 0.0, 0.0
        self._stop = threading.Event()
        self._limit = limit_s
        self._thread = threading.Thread(target=self._run, daemon=True)
        if pid:
            self._thread.start()

    def _run(self) -> None:
        end = time.monotonic() + self._limit
        while not self._stop.is_set() and time.monotonic() < end:
            own, rest = rss_mb(self.pid)
            self.peak, self.peak_workers = max(self.peak, own), max(self.peak_workers, rest)
            self._stop.wait(0.25)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)


# ---- one learner --------------------------------------------------------------------------------------

@dataclass
class Learner:
    index: int
    sentence: str
    reruns: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)  # indices of learners whose sentence appeared in our messages


class Detector:
    """Finds any learner's sentence in raw message bytes (protobuf strings are UTF-8) or in a decoded URL."""

    def __init__(self, sentences: list[str]) -> None:
        self.index = {s: i for i, s in enumerate(sentences)}
        alternation = b"|".join(re.escape(s.encode()) for s in sorted(sentences, key=len, reverse=True))
        self.pattern = re.compile(alternation) if sentences else None

    def find(self, data: bytes) -> set[int]:
        if self.pattern is None:
            return set()
        return {self.index[m.group().decode()] for m in self.pattern.finditer(data)}


async def rerun(ws, learner: Learner, detector: Detector, state: dict, *, page: str = "", page_hash: str = "",
                widgets=None) -> tuple[float, list[ForwardMsg]]:
    msg = BackMsg()
    cs = msg.rerun_script
    cs.query_string = state.get("qs", "")
    cs.page_script_hash = page_hash
    cs.page_name = page
    if widgets is not None:
        cs.widget_states.widgets.append(widgets)
    t0 = time.perf_counter()
    await ws.send(msg.SerializeToString())
    received = []
    for _ in range(100_000):  # a page is a few hundred messages; bounded all the same
        raw = await asyncio.wait_for(ws.recv(), RERUN_TIMEOUT_S)
        learner.seen |= detector.find(raw)
        fm = ForwardMsg()
        fm.ParseFromString(raw)
        kind = fm.WhichOneof("type")
        received.append(fm)
        if kind == "page_info_changed":
            state["qs"] = fm.page_info_changed.query_string
            learner.seen |= detector.find(urllib.parse.unquote(state["qs"]).encode())
        elif kind == "navigation":
            state["pages"] = {p.url_pathname or "": p.page_script_hash for p in fm.navigation.app_pages}
        elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            el = fm.delta.new_element
            if el.WhichOneof("type") == "exception":
                where = " | ".join(line.strip() for line in el.exception.stack_trace[-2:])
                learner.errors.append(f"exception on {page or 'first page'}: {el.exception.message[:200]} at {where}")
        elif kind == "script_finished":
            if fm.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                learner.errors.append(f"script finished with status {fm.script_finished}")
            return time.perf_counter() - t0, received
    raise RuntimeError("no script_finished in 100000 messages")


def find_widget(msgs: list[ForwardMsg], suffix: str):
    """(element type, proto) of the last widget whose id ends with ``suffix``."""
    found = None
    for fm in msgs:
        if fm.WhichOneof("type") == "delta" and fm.delta.WhichOneof("type") == "new_element":
            el = fm.delta.new_element
            kind = el.WhichOneof("type")
            w = getattr(el, kind)
            wid = getattr(w, "id", None)
            if isinstance(wid, str) and wid.endswith(suffix):
                found = (kind, w)
    return found


def widget_change(msgs: list[ForwardMsg], app: bool):
    """The WidgetState a learner sends when pressing ▶ next step (app) or moving the slider (bare page)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    ws = WidgetState()
    if app:
        found = find_widget(msgs, WIDGET_SUFFIX)
        if found is None:
            return None
        _, w = found
        ws.id = w.id
        ws.trigger_value = True  # a button press (the page opens on step 0)
    else:
        found = find_widget(msgs, "-v")
        if found is None:
            return None
        ws.id = found[1].id
        ws.double_array_value.data.append(7.0)
    return ws


async def learner_run(url: str, app: bool, learner: Learner, detector: Detector, pauses: list[float],
                      deadline: float, keep: list[list[ForwardMsg]] | None = None) -> None:
    """One learner's tour; ``keep``: a list that gets every rerun's messages (bench/floor.py records the tour)."""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    state: dict = {"qs": "s=" + urllib.parse.quote(learner.sentence) + "&lang=en" if app else ""}
    steps = list(TOUR) if app else [""] * 5
    last: list[ForwardMsg] = []
    try:
        await asyncio.sleep(pauses[0])
        async with connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=60,
                           ping_interval=None) as ws:
            for n, page in enumerate([*steps, "widget"]):
                if n:
                    await asyncio.sleep(pauses[n])
                if time.monotonic() > deadline:
                    learner.errors.append("run deadline reached")
                    return
                widgets = None
                if page == "widget":
                    widgets = widget_change(last, app)
                    if widgets is None:
                        learner.errors.append("widget to change not found")
                        return
                    page = steps[-1]
                page_hash = state.get("pages", {}).get(page, "") if app and n else ""
                seconds, last = await rerun(ws, learner, detector, state, page=page if app else "",
                                            page_hash=page_hash, widgets=widgets)
                learner.reruns.append({"step": n, "page": page, "seconds": seconds, "first": n == 0})
                if keep is not None:
                    keep.append(last)
            if app and "step=1" not in state.get("qs", ""):
                learner.errors.append(f"the widget change did not reach the URL: {state.get('qs')!r}")
    except Exception as e:  # noqa: BLE001 - a failed learner is counted, and the class goes on
        learner.errors.append(f"{type(e).__name__}: {e}"[:300])


# ---- one class ----------------------------------------------------------------------------------------

def calibrate(rounds: int = 3) -> float:
    """CPU ms of a fixed pure-Python loop (median of ``rounds``): this machine's speed just now. On a shared
    virtual machine it drifts (a 5M-step loop took 316-401 ms in six idle runs in a row here), so each run
    reports it beside the server's CPU per rerun, and that figure also in these units: what the machine's drift
    explains, and what it does not."""
    times = []
    for _ in range(rounds):
        c0, x = time.process_time(), 0
        for i in range(2_000_000):
            x += i * i
        times.append(1000 * (time.process_time() - c0))
    return statistics.median(times)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def run_class(url: str, pid: int | None, app: bool, sentences: list[str], shape: str, seed: int,
              deadline_s: float, settle_s: float, pause_scale: float = 1.0) -> dict:
    rng = random.Random(seed)
    n = len(sentences)
    if shape == "class":  # --quick scales the reading pauses down (pause_scale < 1) to keep the smoke run short
        pauses = [[pause_scale * rng.uniform(0, 15)] + [pause_scale * rng.uniform(5, 20) for _ in range(5)]
                  for _ in range(n)]
    else:
        pauses = [[0.0] * 6 for _ in range(n)]
    learners = [Learner(i, s) for i, s in enumerate(sentences)]
    shared = len(set(sentences)) < n  # --same-sentence: nothing to tell learners apart by
    detector = Detector([] if shared else sentences)
    calib_before = calibrate()
    rss_before = rss_mb(pid) if pid else (float("nan"),) * 2
    cpu0 = cpu_seconds(pid) if pid else float("nan")
    client0 = time.process_time()  # this client's own CPU: on a small machine it competes with the server
    sampler = Sampler(pid, deadline_s + 60)
    t0 = time.perf_counter()
    deadline = time.monotonic() + deadline_s

    async def main() -> None:
        await asyncio.gather(*(learner_run(url, app, lr, detector, p, deadline) for lr, p in zip(learners, pauses)))

    asyncio.run(main())
    wall = time.perf_counter() - t0
    cpu = (cpu_seconds(pid) - cpu0) if pid else float("nan")
    client_cpu = time.process_time() - client0
    sampler.stop()
    # after: the sessions have closed; wait (bounded) until the disconnected-session TTL has passed and RSS settles
    rss_after = rss_before
    if pid:
        end = time.monotonic() + settle_s
        prev = None
        while time.monotonic() < end:
            rss_after = rss_mb(pid)
            if prev is not None and abs(rss_after[0] - prev) < 1.0 and time.monotonic() > end - settle_s / 2:
                break
            prev = rss_after[0]
            time.sleep(1.0)  # memory freed by the server's session cleanup: nothing to wait on but time, bounded
    calib = (calib_before + calibrate()) / 2
    times = [r["seconds"] for lr in learners for r in lr.reruns]
    firsts = [r["seconds"] for lr in learners for r in lr.reruns if r["first"]]
    crosstalk = sorted((lr.index, j) for lr in learners for j in lr.seen if j != lr.index)
    own_found = sum(lr.index in lr.seen for lr in learners)
    swapped = sum(bool(learners[(lr.index + 1) % n].seen - {lr.index}) for lr in learners) if n > 1 else 0
    return {
        "app": app, "shape": shape, "learners": n, "reruns": len(times), "seed": seed,
        "p50_s": statistics.median(times) if times else float("nan"), "p95_s": pct(times, 0.95),
        "max_s": max(times, default=float("nan")), "first_max_s": max(firsts, default=float("nan")),
        "wall_s": wall, "cpu_per_rerun_ms": 1000 * cpu / max(1, len(times)), "cpu_s": cpu,
        "calibration_ms": calib, "cpu_per_rerun_calibrated": 1000 * cpu / max(1, len(times)) / calib,
        "client_cpu_s": client_cpu,
        "rss_before_mb": rss_before[0], "rss_peak_mb": max(sampler.peak, rss_before[0]), "rss_after_mb": rss_after[0],
        "workers_rss_peak_mb": sampler.peak_workers,
        "errors": [e for lr in learners for e in lr.errors][:20], "n_errors": sum(len(lr.errors) for lr in learners),
        "crosstalk": crosstalk[:20], "n_crosstalk": len(crosstalk),
        "control_own_found": f"{own_found}/{n}" if app and not shared else "-",
        "control_swapped_flagged": f"{swapped}/{n}" if app and not shared else "-",
        "load_avg": os.getloadavg()[0],
    }


def fmt(r: dict, label: str) -> str:
    return (f"{label:<28}{r['learners']:>4}{r['reruns']:>6}{r['p50_s']:>8.2f}{r['p95_s']:>8.2f}{r['max_s']:>8.2f}"
            f"{r['first_max_s']:>8.2f}{r['wall_s']:>8.1f}{r['cpu_per_rerun_ms']:>8.0f}"
            f"{r['rss_before_mb']:>7.0f}{r['rss_peak_mb']:>6.0f}{r['rss_after_mb']:>6.0f}{r['workers_rss_peak_mb']:>6.0f}"
            f"{r['n_errors']:>5}{r['n_crosstalk']:>4}  {r['control_own_found']:>6} {r['control_swapped_flagged']:>6}"
            f"  load {r['load_avg']:.1f}  client CPU {r['client_cpu_s']:.1f} s")


HEADER = (f"{'run':<28}{'N':>4}{'runs':>6}{'p50 s':>8}{'p95 s':>8}{'max s':>8}{'1st↑s':>8}{'class s':>8}"
          f"{'CPU ms':>8}{'RSS0':>7}{'peak':>6}{'after':>6}{'wkrs':>6}{'err':>5}{'xt':>4}  {'own':>6} {'swap':>6}")


# ---- the study ----------------------------------------------------------------------------------------

def sentence_pool() -> list[str]:
    """Distinct held-out sentences the shipped model accepts, none a substring of another (for the detector)."""
    from tutorial_model.checkpoint import read_meta
    from tutorial_model.corpus import make_splits
    from tutorial_model.tokenizer import InputError, Tokenizer

    directory = os.environ.get("TL_CHECKPOINT_DIR") or str(ROOT / "assets" / "checkpoints")
    tok = Tokenizer.from_dict(read_meta("transformer", directory)["vocab"])
    out: list[str] = []
    for pair in make_splits(seed=0)["test"]:
        s = pair.zh
        if len(s) < 4 or s in out:
            continue
        try:
            enc = tok.encode_source(s)
        except InputError:
            continue
        if enc.unknown:
            continue
        out.append(s)
    rng = random.Random(1)
    rng.shuffle(out)
    kept: list[str] = []
    for s in sorted(out, key=len, reverse=True):
        if not any(s in k for k in kept):
            kept.append(s)
    rng.shuffle(kept)
    return kept


class Sentences:
    def __init__(self) -> None:
        self.pool, self.used = sentence_pool(), 0

    def take(self, n: int) -> list[str]:
        if self.used + n > len(self.pool):
            self.used = 0  # out of new ones: start over (said in the output)
            print(f"note: only {len(self.pool)} distinct sentences; reusing from the start")
        out = self.pool[self.used:self.used + n]
        self.used += n
        return out


def warm(url: str, app: bool, sentence: str) -> None:
    """One learner alone first: the model loads, the workers start, imports are done (not with --cold)."""
    if COLD:
        return
    learner = Learner(0, sentence)
    deadline = time.monotonic() + 300
    asyncio.run(learner_run(url, app, learner, Detector([sentence]), [0.0] * 6, deadline))
    if learner.errors:
        raise RuntimeError(f"warm-up failed: {learner.errors}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1 and 8 learners, short pauses: a smoke run of minutes")
    ap.add_argument("--sizes", default="1,10,20,40", help="burst class sizes (app and bare page)")
    ap.add_argument("--class-size", type=int, default=40, help="learners in the 'real class' shape")
    ap.add_argument("--workers", default="", help="also compare burst 40 with these worker counts, e.g. 1,2")
    ap.add_argument("--ageing", type=int, default=4, help="repeated 40-learner burst runs on one server (0: skip)")
    ap.add_argument("--ageing-bare", action="store_true", help="also repeat the ageing runs on the bare page "
                    "(does CPU per rerun drift on this machine for a page that caches nothing?)")
    ap.add_argument("--only", choices=("burst", "class", "workers", "ageing"), help="one part of the study")
    ap.add_argument("--url-app", help="measure an already running server at this URL (e.g. make serve-class)")
    ap.add_argument("--pid", type=int, help="with --url-app: the process whose tree's CPU and RSS to report "
                    "(serve_class.py's pid covers nginx and every app process)")
    ap.add_argument("--label", default="", help="a name for this run in the output")
    ap.add_argument("--ttl", type=int, default=10, help="server.disconnectedSessionTTL for the servers started here")
    ap.add_argument("--deadline", type=float, default=420.0, help="seconds one class run may take at most")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cold", action="store_true", help="no warm-up learner: the class arrives at a fresh server")
    ap.add_argument("--app-env", action="append", default=[], metavar="KEY=VALUE",
                    help="environment for the app servers started here, e.g. TL_WORKERS=0 (repeatable)")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare page (e.g. when comparing app settings)")
    ap.add_argument("--bare-defaults", action="store_true", help="also the bare page under Streamlit's default "
                    "config (not the app's .streamlit/config.toml): the baseline as issue 9 first measured it")
    ap.add_argument("--root", default=str(ROOT), help="the app's directory (e.g. a `git archive` snapshot of a commit)")
    ap.add_argument("--ab", metavar="ROOT_B", help="interleaved A/B: the app from --root (A) and from ROOT_B (e.g. a "
                    "`git archive` of the baseline commit) both started and warmed, then --rounds bursts of --sizes' "
                    "last size on each, alternating which goes first; medians and spread of both, and B/A")
    ap.add_argument("--floor", action="store_true", help="interleaved A/B against Streamlit's floor for the tour "
                    "(bench/floor.py): B draws the elements one learner's tour on A received, from cached data")
    ap.add_argument("--rounds", type=int, default=4, help="with --ab or --floor: bursts per side")
    ap.add_argument("--same-sentence", action="store_true", help="every learner of a run gets the same new sentence, "
                    "as with a teacher's class link that fixes it (hide=sentence); no cross-talk check then")
    ap.add_argument("--settle", type=float, help="seconds to wait after a run for RSS to settle (default ttl + 20)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "class.json"))
    args = ap.parse_args(argv)
    global COLD
    COLD = args.cold
    sizes = [int(x) for x in args.sizes.split(",") if x]
    class_size, ageing, workers = args.class_size, args.ageing, [int(x) for x in args.workers.split(",") if x]
    if args.quick:
        sizes, class_size, ageing, workers = [1, 8], 8, 2, []
    settle = args.ttl + 20.0 if args.settle is None else args.settle
    app_env = dict(kv.split("=", 1) for kv in args.app_env)
    sentences = Sentences()

    def take(n: int) -> list[str]:
        return sentences.take(1) * n if args.same_sentence else sentences.take(n)
    results: list[dict] = []
    bare_script = tempfile.NamedTemporaryFile("w", suffix="_bare.py", delete=False)
    bare_script.write(BARE)
    bare_script.close()

    def record(r: dict, label: str) -> None:
        r["label"] = label
        results.append(r)
        print(fmt(r, label), flush=True)

    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; {platform.platform()}")
    print("rerun times in seconds; CPU ms = server (+ worker) CPU per rerun; RSS in MB (server; wkrs = workers' "
          "peak); err = errors; xt = cross-talk; own/swap = detector controls")
    print(HEADER)

    def with_server(script: str, env: dict, fn, root: Path | None = None) -> None:
        if args.url_app and script == "app.py":
            fn(args.url_app, args.pid)
            return
        sv = Server(script, env, args.ttl, root or Path(args.root))
        try:
            fn(sv.url, sv.pid)
        finally:
            sv.stop()

    parts = {args.only} if args.only else {"burst", "class", "workers", "ageing"}
    tag = f"{args.label} " if args.label else ""
    if args.ab or args.floor:
        parts = set()
        servers = {"A": Server("app.py", app_env, args.ttl, Path(args.root))}
        try:
            warm(servers["A"].url, True, sentences.take(1)[0])
            if args.floor:  # the floor app replays what one learner's tour received on A (a sentence no one else gets)
                steps = Path(tempfile.mkdtemp()) / "floor_steps.json"
                steps.write_text(json.dumps(floor.record_tour(servers["A"].url, sentences.take(1)[0])),
                                 encoding="utf-8")
                servers["B"] = Server(str(floor.APP), {floor.ENV: str(steps)}, args.ttl, Path(args.root))
            else:
                servers["B"] = Server("app.py", app_env, args.ttl, Path(args.ab))
            warm(servers["B"].url, True, sentences.take(1)[0])
            for k in range(args.rounds):
                for side in ("AB" if k % 2 == 0 else "BA"):
                    sv = servers[side]
                    record(run_class(sv.url, sv.pid, True, take(sizes[-1]), "burst", args.seed + k,
                                     args.deadline, settle), f"{tag}{side} burst round {k + 1}")
        finally:
            for sv in servers.values():
                sv.stop()
        ab_summary(results)

    def burst_and_class(url: str, pid: int | None, app: bool, name: str = "") -> None:
        name = name or ("app" if app else "bare")
        warm(url, app, sentences.take(1)[0])
        if "burst" in parts:
            for n in sizes:
                record(run_class(url, pid, app, sentences.take(n), "burst", args.seed, args.deadline, settle),
                       f"{tag}{name} burst")
        if "class" in parts and class_size:
            r = run_class(url, pid, app, sentences.take(class_size), "class", args.seed, args.deadline, settle,
                          pause_scale=0.2 if args.quick else 1.0)
            record(r, f"{tag}{name} real class")

    if parts & {"burst", "class"}:
        with_server("app.py", app_env, lambda url, pid: burst_and_class(url, pid, True))
        if not args.no_bare:
            with_server(bare_script.name, {}, lambda url, pid: burst_and_class(url, pid, False))
        if args.bare_defaults:  # started from an empty folder: no .streamlit/config.toml, Streamlit's defaults
            with tempfile.TemporaryDirectory() as empty:
                with_server(bare_script.name, {}, lambda url, pid: burst_and_class(url, pid, False, "bare-defaults"),
                            root=Path(empty))
    if "workers" in parts and workers:
        for w in workers:
            def one(url, pid, w=w):
                warm(url, True, sentences.take(1)[0])
                record(run_class(url, pid, True, sentences.take(40), "burst", args.seed, args.deadline, settle),
                       f"{tag}app burst, {w} worker(s)")
            with_server("app.py", {**app_env, "TL_WORKERS": str(w)}, one)
    if "ageing" in parts and ageing:
        def repeated(url, pid, app=True):
            warm(url, app, sentences.take(1)[0])
            n = 8 if args.quick else 40
            for k in range(ageing):
                record(run_class(url, pid, app, sentences.take(n), "burst", args.seed + k, args.deadline, settle),
                       f"{tag}{'app' if app else 'bare'} ageing run {k + 1}")
        with_server("app.py", app_env, repeated)
        if args.ageing_bare:
            with_server(bare_script.name, {}, lambda url, pid: repeated(url, pid, app=False))
    os.unlink(bare_script.name)

    summarize(results)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"platform": platform.platform(), "python": platform.python_version(),
                               "cores": os.cpu_count(), "quick": args.quick, "args": vars(args), "runs": results},
                              indent=1, ensure_ascii=False))
    print(f"wrote {out}")
    return 0 if all(r["n_errors"] == 0 and r["n_crosstalk"] == 0 for r in results) else 1


def ab_summary(results: list[dict]) -> None:
    """Medians and spread (min–max) of the interleaved A/B rounds, and B / A of the medians."""
    keys = (("p95_s", "p95 s"), ("max_s", "slowest s"), ("wall_s", "class s"), ("cpu_per_rerun_ms", "CPU ms/rerun"),
            ("cpu_per_rerun_calibrated", "CPU/calib"))
    print("\ninterleaved A/B (median [min–max] over rounds):")
    med = {}
    for side in "AB":
        rs = [r for r in results if f"{side} burst round" in r["label"]]
        if not rs:
            return
        parts = []
        for k, name in keys:
            v = [r[k] for r in rs]
            med[side, k] = statistics.median(v)
            parts.append(f"{name} {med[side, k]:.3g} [{min(v):.3g}–{max(v):.3g}]")
        print(f"  {side} ({len(rs)} rounds): " + ", ".join(parts))
    print("  B / A: " + ", ".join(f"{name} {med['B', k] / med['A', k]:.2f}×" for k, name in keys))


def summarize(results: list[dict]) -> None:
    """Ratios against the bare page measured in the same invocation, and the issue's targets."""
    def find(label_end: str, n: int | None = None) -> dict | None:
        return next((r for r in results if r["label"].endswith(label_end) and (n is None or r["learners"] == n)), None)

    print("\nratios, app / bare page, same invocation (issue 9's targets in brackets):")
    for r in results:
        if r["label"].endswith("app burst"):
            b = find("bare burst", r["learners"])
            if b:
                print(f"  burst {r['learners']:>3}: p95 {r['p95_s'] / b['p95_s']:.2f}×  "
                      f"slowest {r['max_s'] / b['max_s']:.2f}×  class time {r['wall_s'] / b['wall_s']:.2f}×  "
                      "slowest first page / bare slowest "
                      f"{r['first_max_s'] / b['max_s']:.2f}×   [all ≤ 1.5×]")
    for r in results:
        d = find("bare-defaults burst", r["learners"]) if r["label"].endswith("app burst") else None
        if d:
            print(f"  burst {r['learners']:>3} against the bare page under Streamlit's defaults: "
                  f"p95 {r['p95_s'] / d['p95_s']:.2f}×  slowest {r['max_s'] / d['max_s']:.2f}×  "
                  f"class time {r['wall_s'] / d['wall_s']:.2f}×  "
                  f"slowest first page {r['first_max_s'] / d['max_s']:.2f}×")
    a, b = find("app real class"), find("bare real class")
    if a:
        print(f"  real class {a['learners']}: p95 {a['p95_s']:.2f} s, slowest {a['max_s']:.2f} s "
              "[p95 ≤ 1 s, slowest ≤ 3 s]"
              + (f"; bare p95 {b['p95_s']:.2f} s, slowest {b['max_s']:.2f} s" if b else ""))
    w = [r for r in results if "worker(s)" in r["label"]]
    if len(w) >= 2:
        print(f"  workers: class time {w[-1]['label'].split(',')[-1].strip()} / {w[0]['label'].split(',')[-1].strip()}"
              f" = {w[-1]['wall_s'] / w[0]['wall_s']:.2f}×  [≤ 0.6× with two]")
    ag = [r for r in results if "app ageing run" in r["label"]]
    if len(ag) >= 2:
        cpus = [r["cpu_per_rerun_ms"] for r in ag]
        cal = [r["cpu_per_rerun_calibrated"] for r in ag]
        cpu_text = " → ".join(f"{c:.0f}" for c in cpus)
        calib_text = " → ".join(f"{r['calibration_ms']:.0f}" for r in ag)
        print("  ageing, CPU per rerun in units of the calibration loop: "
              + " → ".join(f"{c:.3f}" for c in cal) + f", spread {(max(cal) - min(cal)) / min(cal):.0%} [≤ 10 %]; "
              f"calibration {calib_text} ms")
        rss_text = " → ".join(f"{r['rss_after_mb']:.0f}" for r in ag)
        print(f"  ageing: CPU per rerun {cpu_text} ms, spread {(max(cpus) - min(cpus)) / min(cpus):.0%} [≤ 10 %]; "
              f"RSS after {rss_text} MB [≤ 600, within 10 % of plateau]")


if __name__ == "__main__":
    sys.exit(main())
