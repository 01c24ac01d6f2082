"""A live class against the class store: 40 learners × 10 graded answers, a teacher's view refreshing meanwhile,
on SQLite (the default file) and PostgreSQL (loopback), the way ``make serve-class`` runs it: learners spread over
several processes (one per core), the teacher in another.

Each learner joins under a pseudonym, votes once on a ConcepTest, and answers 10 exercises (right, a named slip
or another number, at random) with a think time of 0–4 s between answers, so the class's answers arrive over
about 20 s. An answer's time is grading it (exercises.core.grade) plus recording it in the class
(store.record: one insert). The teacher's refresh is what the class view's fragment does every 3 s: one
snapshot, the levels, the misconception counts, the ConcepTest histogram and the grid figure. Model passes during
grading are counted by a forward hook on the embeddings (bench/bench_exercises.py does the same): the instances
are made from traces computed before the clock starts, so grading must cause none.

Loops are bounded in count (learners × answers) and time (--seconds, 60 by default): a learner stops at the
deadline, and the bench fails the run if anyone did.

Usage: python bench/bench_classroom.py [--db sqlite|postgresql|both] [--learners 40] [--answers 10] [--procs 2]
Writes bench/results/classroom.json. PostgreSQL: `make db-deps` (root), or TL_TEST_PG_URL.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exercises import core, registry  # noqa: E402
from live_class import report, store  # noqa: E402

PG_URL = os.environ.get("TL_TEST_PG_URL", "postgresql+psycopg://tl_test:tl_test@127.0.0.1:5432/tl_test")
PAGES = ("self_attention", "multi_head", "masked_attention", "cross_attention", "encoder", "positions")
SENTENCES = ("我有一只猫", "你好，我叫小明。", "我喜欢喝茶", "他们在公园里跑步")
OUT = ROOT / "bench" / "results" / "classroom.json"


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _raw(instance: core.Instance, rng: random.Random):
    """An answer as a learner gives it: right, a named slip or another value."""
    pick = rng.random()
    value = instance.answer
    if pick > 0.5 and instance.bugs:
        value = rng.choice(list(instance.bugs.values()))
    elif pick > 0.35:
        if instance.kind == core.NUMBER:
            return f"{float(instance.answer) * 1.7 + 0.33:.4f}"
        return "1" if instance.kind == core.SHAPE else value
    if instance.kind == core.NUMBER:
        return f"{float(value):.4f}"
    if instance.kind == core.SHAPE:
        return " × ".join(map(str, value))
    if instance.kind in (core.ORDER, core.GRID):
        return [list(v) if isinstance(v, tuple) else v for v in value]
    return value


def learner_process(url: str, code: str, n_learners: int, n_answers: int, deadline: float, seed: int, out) -> None:
    """n_learners learners in this process (threads, as Streamlit runs sessions)."""
    import torch

    from tutorial_model.translator import Translator

    torch.set_num_threads(1)
    tr = Translator.load()
    instances = []
    for s in SENTENCES:  # before the clock: the page's cached trace
        given = registry.Given(tr.run_with_trace(s), tr.model.cfg, {}, s)
        for page in PAGES:
            instances += registry.instances(page, given)
    passes = [0]
    embeds = [m for name, m in tr.model.named_modules() if name.endswith("embed")]
    handles = [m.register_forward_hook(lambda *_: passes.__setitem__(0, passes[0] + 1)) for m in embeds]
    db = store.Store(url)
    cls = db.find(code)
    times: list[float] = []
    errors: list[str] = []
    late = [0]
    lock = threading.Lock()

    def learner(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        try:
            member = db.join(cls)
            poll = db.current_poll(cls.id)
            for i in range(n_answers):
                time.sleep(rng.uniform(0.0, 4.0))  # think time: a class answers over seconds, not all at once
                if time.time() > deadline:
                    with lock:
                        late[0] += 1
                    return
                instance = rng.choice(instances)
                raw = _raw(instance, rng)
                t0 = time.perf_counter()
                result = core.grade(instance, raw)
                if result.counts:
                    db.record(member, instance.skill, instance.id, instance.section, result.status, result.tag, 0)
                dt = 1000 * (time.perf_counter() - t0)
                if i == 0 and poll is not None:
                    db.vote(member, poll, result.status if result.counts else "wrong", result.tag, None)
                with lock:
                    times.append(dt)
        except Exception as e:  # noqa: BLE001 - reported and counted, the bench then fails
            with lock:
                errors.append(f"{type(e).__name__}: {e}"[:200])

    threads = [threading.Thread(target=learner, args=(k,)) for k in range(n_learners)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(max(1.0, deadline - time.time() + 30))
    for h in handles:
        h.remove()
    out.put({"times": times, "errors": errors, "late": late[0], "passes": passes[0], "instances": len(instances)})


def teacher_refresh(db: store.Store, cls: store.ClassRef) -> float:
    """What the class view's fragment does on each refresh, in ms."""
    import plotly.graph_objects as go

    from exercises import mastery

    t0 = time.perf_counter()
    snap = db.snapshot(cls)
    lv = report.levels(snap)
    report.misconceptions(snap)
    report.histogram(snap, 1)
    skills = sorted({a[1] for a in snap.attempts})
    index = {level: i for i, level in enumerate(mastery.LEVELS)}
    z = [[index[lv.get(mid, {}).get(s, mastery.NOT_STARTED)] for s in skills] for mid, _n, _j in snap.members]
    go.Figure(go.Heatmap(z=z, x=skills, y=[name for _m, name, _j in snap.members])).to_json()
    return 1000 * (time.perf_counter() - t0)


def run(url: str, learners: int, answers: int, procs: int, seconds: float) -> dict:
    db = store.Store(url)
    cls, _secret = db.start_class()
    db.push_poll(cls, "self_attention.compute", 0, store.sha256(SENTENCES[0]), 0)
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    start = time.time()
    deadline = start + seconds + 60  # + loading the model in each process (before any learner answers)
    per = [learners // procs + (1 if i < learners % procs else 0) for i in range(procs)]
    workers = [ctx.Process(target=learner_process, args=(url, cls.code, n, answers, deadline, i, q))
               for i, n in enumerate(per)]
    for w in workers:
        w.start()
    refresh: list[float] = []
    results = []
    while len(results) < procs and time.time() < deadline + 60:
        t_next = time.time() + 3.0  # the fragment's run_every
        refresh.append(teacher_refresh(db, cls))
        while time.time() < t_next and len(results) < procs:
            try:
                results.append(q.get(timeout=max(0.05, t_next - time.time())))
            except Exception:  # noqa: BLE001 - queue.Empty: nothing yet
                pass
    for w in workers:
        w.join(30)
    times = [t for r in results for t in r["times"]]
    snap = db.snapshot(cls)
    answered_s = max((a[7] for a in snap.attempts), default=start) - min((a[7] for a in snap.attempts), default=start)
    out = {
        "db": db.dialect, "learners": learners, "answers_each": answers, "processes": procs,
        "answers_recorded": len(snap.attempts), "members": len(snap.members),
        "votes": len(snap.votes), "answers_span_s": answered_s,
        "grading_p50_ms": round(statistics.median(times), 2) if times else None,
        "grading_p95_ms": round(p95(times), 2), "grading_max_ms": round(max(times, default=0), 2),
        "teacher_refreshes": len(refresh), "teacher_refresh_p95_ms": round(p95(refresh), 1),
        "teacher_refresh_max_ms": round(max(refresh, default=0), 1),
        "model_passes_during_grading": sum(r["passes"] for r in results),
        "errors": [e for r in results for e in r["errors"]][:5], "late": sum(r["late"] for r in results),
    }
    db.end_class(cls.id)
    db.close()
    return out


def main() -> int:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--learners", type=int, default=40)
    ap.add_argument("--answers", type=int, default=10)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=60.0, help="every answer must be in within this time")
    args = ap.parse_args()
    urls = []
    if args.db in ("sqlite", "both"):
        urls.append(f"sqlite:///{tempfile.mkdtemp(prefix='tl-bench-class-')}/classes.sqlite3")
    if args.db in ("postgresql", "both"):
        urls.append(PG_URL)
    results, ok = {}, True
    for url in urls:
        r = run(url, args.learners, args.answers, args.procs, args.seconds)
        results[r["db"]] = r
        good = (r["answers_recorded"] == args.learners * args.answers and not r["errors"] and not r["late"]
                and r["grading_p95_ms"] < 200 and r["teacher_refresh_p95_ms"] < 2000
                and r["model_passes_during_grading"] == 0 and r["answers_span_s"] <= args.seconds)
        ok &= good
        print(f"{r['db']:>10}: {r['answers_recorded']} answers from {r['members']} learners "
              f"in {r['answers_span_s']} s; "
              f"grading+record p50 {r['grading_p50_ms']} ms, p95 {r['grading_p95_ms']} ms (< 200), "
              f"max {r['grading_max_ms']} ms; teacher refresh p95 {r['teacher_refresh_p95_ms']} ms (< 2000), "
              f"max {r['teacher_refresh_max_ms']} ms over {r['teacher_refreshes']}; model passes "
              f"{r['model_passes_during_grading']}; votes {r['votes']}; errors {len(r['errors'])}, late {r['late']}"
              f" -> {'ok' if good else 'FAILED'}", flush=True)
        for e in r["errors"]:
            print("   ", e)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M:%S"), "cpus": os.cpu_count(),
                               "results": results}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
