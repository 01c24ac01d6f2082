"""Every checkpoint again after a corpus change, several trainings at once: ``python -m tutorial_model.retrain``.

``make retrain-all`` runs this. The plan (``plan``) is every model of the registry, every experiment variant
and the seed-spread runs, each its own process, ``--jobs`` at a time; what reads a trained checkpoint runs after
it: the Transformer's metrics and head importance, and the seed-spread file's seed 0 (read from the shipped
checkpoints, so it must wait for them). Seeds 1 and 2 are trained again (``--again``): scores of a model trained
on the old corpus must not stay in the spread.

On the 2-core CPU, ``--jobs 2 --threads 1`` runs two trainings side by side, one core each (two threads per
training collapse when the machine is busy: README). On a GPU machine, ``--device cuda --jobs 16`` runs them all
at once. Each job's output goes to ``artifacts/retrain/<job>.log``; the first failure starts nothing new, lets the
running jobs end and exits 1. ``--dry-run`` prints the plan.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .config import VARIANTS
from .registry import MODELS, RECURRENT

LOG_DIR = Path(__file__).resolve().parent.parent / "artifacts" / "retrain"
SEEDS = (1, 2)


@dataclass(frozen=True)
class Job:
    name: str
    argv: tuple[str, ...]  # after ``python``
    after: tuple[str, ...] = ()  # names of the jobs that must have succeeded first


def plan(device: str = "cpu", threads: int | None = None, seeds: Sequence[int] = SEEDS) -> list[Job]:
    """The jobs of a full retrain, in an order that a single worker can run one after another."""
    opts = ("--device", device, *(("--threads", str(threads)) if threads else ()))
    train = ("-m", "tutorial_model.train", *opts)
    jobs = [Job("transformer", train)]
    jobs += [Job(name, (*train, "--model", name)) for name in MODELS if name != "transformer"]
    jobs += [Job(f"variant:{v}", (*train, "--variant", v)) for v in VARIANTS]
    spread = ("transformer", *RECURRENT, *(f"variant:{v}" for v in VARIANTS))  # the models the pages compare
    # after the model's own training: a seed run also records seed 0 from the checkpoint, which must be whole
    jobs += [Job(f"seed {s} {m}", ("-m", "tutorial_model.seeds", "--models", m, "--seeds", str(s), "--again", *opts),
                 after=(m,)) for m in spread for s in seeds]
    jobs += [Job("metrics", ("-m", "tutorial_model.evaluate", "--write-meta"), after=("transformer",)),
             Job("head importance", ("-m", "tutorial_model.head_importance"), after=("transformer",))]
    # last: seed 0 again from the finished checkpoints (the Transformer's everyday score comes from "metrics")
    jobs.append(Job("seed spread", ("-m", "tutorial_model.seeds", "--models", *spread, "--seeds", *map(str, seeds)),
                    after=tuple(j.name for j in jobs if j.name in spread or j.name.startswith("seed "))
                    + ("metrics",)))
    return jobs


def log_name(job_name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in job_name) + ".log"


def run(jobs: Sequence[Job], n_jobs: int, log_dir: Path = LOG_DIR, python: str = sys.executable) -> dict[str, int]:
    """Run ``jobs`` ``n_jobs`` at a time, each after those it names; returns each started job's exit status."""
    log_dir.mkdir(parents=True, exist_ok=True)
    done: dict[str, int] = {}
    waiting = list(jobs)
    running: dict[str, tuple[subprocess.Popen, IO[str], float]] = {}
    failed = False
    while waiting or running:
        ready = [j for j in waiting if all(done.get(a) == 0 for a in j.after)]
        while ready and not failed and len(running) < n_jobs:
            job = ready.pop(0)
            waiting.remove(job)
            log = open(log_dir / log_name(job.name), "w", encoding="utf-8")  # noqa: SIM115 - closed when it ends
            proc = subprocess.Popen([python, *job.argv], stdout=log, stderr=subprocess.STDOUT)
            running[job.name] = (proc, log, time.perf_counter())
            print(f"started  {job.name}", flush=True)
        if not running:  # nothing can start: a failure, or a job waits on one that failed
            break
        ended = [(name, proc.returncode) for name, (proc, _, _) in running.items() if proc.poll() is not None]
        if not ended:
            time.sleep(0.5)  # trainings take minutes: a poll twice a second costs nothing
        for name, code in ended:
            _, log, t0 = running.pop(name)
            log.close()
            done[name] = code
            failed |= code != 0
            print(f"{'finished' if code == 0 else 'FAILED  '} {name} in {time.perf_counter() - t0:.0f} s"
                  + ("" if code == 0 else f" (see {log_dir / log_name(name)})"), flush=True)
    return done


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=1, help="trainings at once, each its own process")
    ap.add_argument("--device", default="cpu", help="cpu, or cuda when a GPU is present")
    ap.add_argument("--threads", type=int, default=None, help="CPU threads per training (default: the model's)")
    ap.add_argument("--dry-run", action="store_true", help="print the plan, run nothing")
    args = ap.parse_args(argv)
    jobs = plan(args.device, args.threads)
    if args.dry_run:
        for job in jobs:
            print(f"{job.name:28} python {' '.join(job.argv)}" + (f"   (after {', '.join(job.after)})"
                                                                     if job.after else ""))
        return 0
    t0 = time.perf_counter()
    done = run(jobs, max(1, args.jobs))
    missing = [j.name for j in jobs if done.get(j.name) != 0]
    print(f"{len(jobs) - len(missing)} of {len(jobs)} jobs done in {time.perf_counter() - t0:.0f} s"
          + (f"; not done: {', '.join(missing)}" if missing else ""))
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
