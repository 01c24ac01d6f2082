"""Scrubbing the training replay: how long one slider move takes, first view of a step vs a step seen before.

Runs the real app in Streamlit's AppTest (one script run per slider move, in this process, no browser) on a
checkpoint with a replay ($TL_CHECKPOINT_DIR or --dir), and prints the median wall time of

  - a bare page (one st.write) — the floor of any script run, the baseline;
  - the replay page, each saved step shown for the first time (snapshot loaded, traced, PCA computed);
  - the replay page, each step shown again (everything per snapshot from the caches);
  - the live-training page: one tick of 20 training steps on the copy task (in-process runner).

Also: the live tasks' convergence on one CPU thread (--converge): steps, wall and CPU seconds until the
attention pattern matches the task's right answer on every row and exact match ≥ 0.9.

Usage: TL_CHECKPOINT_DIR=DIR python bench/bench_replay.py [--dir DIR] [--repeats 3] [--converge]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from lesson_app import open_lesson  # noqa: E402

from ui import toc  # noqa: E402


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_pages(repeats: int) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from ui import replay

    bare = AppTest.from_string("import streamlit as st\nst.write('bare')", default_timeout=60)
    bare.run()
    base = statistics.median(timed(bare.run) for _ in range(10))

    st.cache_data.clear()
    st.cache_resource.clear()
    at = open_lesson("training")
    steps = replay.steps()
    first, again = [], []
    for step in steps[:-1]:  # the last step is already shown (the page opens there)
        first.append(timed(lambda s=step: at.select_slider(key="_w.replay_step").set_value(s).run()))
    for _ in range(repeats):
        for step in steps:
            again.append(timed(lambda s=step: at.select_slider(key="_w.replay_step").set_value(s).run()))
    assert not at.exception, [e.value for e in at.exception]

    at.switch_page(toc.page_file("live_training")).run()
    at.button(key="_b.live_play").click().run()  # starts the trainer (first tick)
    ticks = [timed(at.run) for _ in range(5)]  # each rerun = one tick of training + drawing
    at.button(key="_b.live_reset").click().run()

    def row(name, xs):
        med = statistics.median(xs)
        print(f"{name:<40} median {1000 * med:7.1f} ms   max {1000 * max(xs):7.1f} ms   "
              f"{med / base:5.1f} × bare  (n={len(xs)})")

    print(f"saved steps: {steps}")
    row("bare page (baseline)", [base])
    row("replay: a step's first view", first)
    row("replay: a step seen before (cached)", again)
    row("live: one tick (≤20 steps) + redraw", ticks)


def bench_converge(limit_s: float = 60.0) -> None:
    import torch

    from tutorial_model.live import TASKS, LiveTrainer

    torch.set_num_threads(1)
    for task in TASKS:
        tr = LiveTrainer(task, seed=0)
        done = False
        while tr.train_seconds < limit_s:
            tr.train_steps(25)
            view = tr.view()
            if (view["pattern"] in (None, 1.0)) and tr.exact_match() >= 0.9:
                done = True
                break
        pattern = "—" if view["pattern"] is None else f"{view['pattern']:.2f}"
        print(f"{task:<10} {'converged' if done else 'NOT converged'} at step {tr.step:5d}: "
              f"{tr.train_seconds:5.1f} s wall, {tr.cpu_seconds:5.1f} s CPU (one thread), "
              f"loss {tr.losses[-1]:.3f}, pattern {pattern}, exact match {tr.exact_match():.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=None, help="checkpoint directory with a replay (default $TL_CHECKPOINT_DIR)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--converge", action="store_true", help="also time the live tasks' convergence")
    args = ap.parse_args()
    if args.dir:
        os.environ["TL_CHECKPOINT_DIR"] = args.dir
    os.environ.setdefault("TL_WORKERS", "0")
    os.environ.setdefault("TL_LIVE_INPROCESS", "1")
    bench_pages(args.repeats)
    if args.converge:
        bench_converge()


if __name__ == "__main__":
    main()
