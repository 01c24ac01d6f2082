"""tutorial_model/retrain.py: the plan of a full retrain covers every checkpoint in a valid order, and the runner
keeps to --jobs, waits for what a job needs, and stops starting jobs after a failure."""

from __future__ import annotations

import sys

from tutorial_model import retrain
from tutorial_model.config import VARIANTS
from tutorial_model.registry import MODELS, RECURRENT


def _by_name(jobs):
    return {j.name: j for j in jobs}


def test_the_plan_trains_every_registered_model_and_variant_and_the_seed_spread():
    jobs = _by_name(retrain.plan())
    assert len(jobs) == len(retrain.plan()), "two jobs share a name"
    trained = {j.argv[j.argv.index("--model") + 1] for j in jobs.values() if "--model" in j.argv}
    assert trained | {"transformer"} == set(MODELS) and "transformer" in jobs
    variants = {j.argv[j.argv.index("--variant") + 1] for j in jobs.values() if "--variant" in j.argv}
    assert variants == set(VARIANTS)
    compared = ("transformer", *RECURRENT, *(f"variant:{v}" for v in VARIANTS))
    seeds = {f"seed {s} {m}" for m in compared for s in retrain.SEEDS}
    for name in seeds:
        assert "--again" in jobs[name].argv, "a seed trained on the old corpus would stay in the spread"
        assert jobs[name].after == (name.split(" ", 2)[2],)  # its seed 0 is read from a whole checkpoint
    # seed 0 of every compared model is read last, the Transformer's everyday score after "metrics" wrote it
    assert set(jobs["seed spread"].after) == {*compared, *seeds, "metrics"}
    assert jobs["metrics"].after == jobs["head importance"].after == ("transformer",)


def test_the_plan_runs_in_order_and_passes_device_and_threads_to_every_training():
    jobs = retrain.plan("cuda", threads=1)
    seen: set[str] = set()
    for job in jobs:  # one worker running them in plan order never waits for a job that comes later
        assert set(job.after) <= seen, job.name
        seen.add(job.name)
        if job.argv[1] in ("tutorial_model.train", "tutorial_model.seeds") and job.name != "seed spread":
            assert job.argv[job.argv.index("--device") + 1] == "cuda"
            assert job.argv[job.argv.index("--threads") + 1] == "1"


def _probe(log, name: str, code: int = 0, seconds: float = 1.0) -> tuple[str, ...]:
    """A job that writes its start and end to ``log`` (appending: one line each, atomic for short lines). The
    sleep is what a job does, not a wait for a result: the runner is timed by the jobs' own exits."""
    return ("-c", f"import sys, time; f = open({str(log)!r}, 'a'); f.write('start {name}\\n'); f.flush(); "
                  f"time.sleep({seconds}); f.write('end {name}\\n'); f.close(); sys.exit({code})")


def test_the_runner_waits_for_what_a_job_needs_and_keeps_to_its_number_of_jobs(tmp_path):
    log = tmp_path / "order.txt"
    # "b" runs longer than "a": a slot frees while "c" must still wait for "b"
    jobs = [retrain.Job("a", _probe(log, "a")), retrain.Job("b", _probe(log, "b", seconds=2)),
            retrain.Job("c", _probe(log, "c"), after=("a", "b")), retrain.Job("d", _probe(log, "d"))]
    done = retrain.run(jobs, 2, tmp_path / "logs", sys.executable)
    assert done == {"a": 0, "b": 0, "c": 0, "d": 0}
    lines = log.read_text().split("\n")[:-1]
    running, most = 0, 0
    for line in lines:
        running += 1 if line.startswith("start") else -1
        most = max(most, running)
    assert most == 2, lines
    assert lines.index("start c") > max(lines.index("end a"), lines.index("end b")), lines
    assert sorted(p.name for p in (tmp_path / "logs").iterdir()) == ["a.log", "b.log", "c.log", "d.log"]


def test_after_a_failure_nothing_new_starts_and_its_dependants_never_run(tmp_path):
    log = tmp_path / "order.txt"
    # "bad" fails at once, "ok" runs on beside it for 2 s: the failure is seen before a slot frees
    jobs = [retrain.Job("bad", _probe(log, "bad", code=3, seconds=0)), retrain.Job("ok", _probe(log, "ok", seconds=2)),
            retrain.Job("needs bad", _probe(log, "needs"), after=("bad",)), retrain.Job("later", _probe(log, "later"))]
    done = retrain.run(jobs, 2, tmp_path / "logs", sys.executable)
    assert done == {"bad": 3, "ok": 0}  # "ok" was running beside it and ended; nothing else was started
    assert "start needs" not in log.read_text() and "start later" not in log.read_text()
    assert retrain.main(["--dry-run"]) == 0
