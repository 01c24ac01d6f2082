"""Live training: the tiny trainer learns, its attention pattern is measured against the task's right answer,
trainers never share state, the pool holds at most `capacity` trainings and frees a slot when a session
leaves, goes quiet or runs out of time, and the page trains in AppTest."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import streamlit as st
import torch
from streamlit.testing.v1 import AppTest

from tutorial_model.live import LiveTrainer, expected_alignment, make_task, pattern_match
from ui import live_pool, toc
from ui.live_pool import LivePool, LocalRunner, ProcessRunner

ROOT = Path(__file__).resolve().parent.parent


def test_copy_task_loss_falls_within_a_fixed_number_of_steps():
    tr = LiveTrainer("copy", seed=0)
    tr.train_steps(80)
    first, last = np.mean(tr.losses[:5]), np.mean(tr.losses[-5:])
    assert last < 0.6 * first, (first, last)


def test_every_task_trains_and_traces():
    for task in ("copy", "reverse", "sort", "translate"):
        tr = LiveTrainer(task, seed=1)
        tr.train_steps(2)
        view = tr.view()
        assert view["step"] == 2 and len(view["losses"]) == 2
        assert view["cross"].shape == (len(view["out_tokens"]), len(view["src_tokens"]))
        np.testing.assert_allclose(view["cross"].sum(axis=1), 1.0, rtol=1e-5)  # softmax rows, averaged over heads


def test_targets_and_alignments_follow_the_task():
    src = ("5", "2", "9", "0")
    assert make_task("copy").target(src) == src
    assert make_task("reverse").target(src) == ("0", "9", "2", "5")
    assert make_task("sort").target(src) == ("0", "2", "5", "9")
    assert expected_alignment("copy", src) == [0, 1, 2, 3]
    assert expected_alignment("reverse", src) == [3, 2, 1, 0]
    assert expected_alignment("sort", src) == [3, 1, 0, 2]  # where 0, 2, 5, 9 sit in the source
    assert expected_alignment("translate", src) is None


def test_pattern_match_counts_rows_whose_strongest_column_is_expected():
    eye = np.eye(4)
    assert pattern_match(eye, [0, 1, 2, 3]) == 1.0
    assert pattern_match(eye[::-1], [0, 1, 2, 3]) == 0.0
    assert pattern_match(np.vstack([eye, np.full((1, 4), 0.25)]), [0, 1, 2, 3]) == 1.0  # the <eos> row is left out
    assert pattern_match(np.array([[0.1, 0.9], [0.8, 0.2]]), [1, 1]) == 0.5


def test_two_trainers_never_share_a_model():
    a, b = LiveTrainer("copy", seed=3), LiveTrainer("copy", seed=3)
    assert all(torch.equal(p, q) for p, q in zip(a.model.parameters(), b.model.parameters()))  # same seed, same start
    before = [p.detach().clone() for p in b.model.parameters()]
    a.train_steps(3)
    assert all(torch.equal(p, q) for p, q in zip(b.model.parameters(), before))
    assert not all(torch.equal(p, q) for p, q in zip(a.model.parameters(), before))


# ---- the pool ---------------------------------------------------------------------------------------------

class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def local_pool(capacity: int = 2, clock: Clock | None = None) -> LivePool:
    return LivePool(capacity=capacity, time_limit_s=300, idle_s=20, make_runner=LocalRunner, clock=clock or Clock())


def test_pool_limit_holds_with_more_learners_than_slots():
    pool = local_pool(capacity=2)
    positions = [pool.join(f"s{i}") for i in range(5)]
    assert positions == [0, 0, 1, 2, 3]
    assert len(pool.holders()) == 2 and pool.waiting() == ["s2", "s3", "s4"]
    assert pool.runner("s3") is None  # no trainer for those in line
    pool.leave("s0")
    assert pool.position("s2") == 0 and pool.position("s3") == 1
    assert len(pool.holders()) == 2


def test_default_capacity_is_one_per_core():
    import os

    assert LivePool(make_runner=LocalRunner).capacity == max(1, os.cpu_count() or 1)


def test_leaving_frees_the_trainer_and_the_slot():
    pool = local_pool(capacity=1)
    pool.join("a")
    runner = pool.runner("a")
    runner.new("copy", 0)
    runner.train(2, 5.0, 0)
    assert pool.join("b") == 1
    pool.leave("a")
    assert runner.trainer is None  # the model is dropped
    assert pool.position("a") == -1 and pool.position("b") == 0


def test_a_session_that_goes_quiet_or_runs_out_of_time_loses_its_slot():
    clock = Clock()
    pool = local_pool(capacity=1, clock=clock)
    pool.join("a")
    pool.runner("a").new("copy", 0)
    pool.join("b")
    clock.now = 15
    pool.heartbeat("a")
    pool.heartbeat("b")
    clock.now = 30  # a beat 15 s ago: still there
    assert pool.heartbeat("b") == 1
    clock.now = 36  # a's last beat was 21 s ago: the tab is gone
    assert pool.heartbeat("b") == 0
    assert pool.position("a") == -1 and pool.ended["a"] == "idle"
    clock.now = 36 + 301
    pool.heartbeat("b")
    assert pool.position("b") == -1 and pool.ended["b"] == "time"


def test_ending_a_slot_never_holds_the_lock_while_its_trainer_closes():
    """A trainer process may take seconds to join: while the reaper closes one, other learners' heartbeats and a
    new learner's join are answered (each waits at most 10 s here, and gets its answer at once)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    closing, release = threading.Event(), threading.Event()

    class SlowRunner:
        def close(self) -> None:
            closing.set()
            release.wait(30)

    clock = Clock()
    pool = LivePool(capacity=2, time_limit_s=300, idle_s=20, make_runner=SlowRunner, clock=clock)
    pool.join("quiet")
    pool.runner("quiet")
    pool.join("busy")
    clock.now = 10
    pool.heartbeat("busy")
    clock.now = 25  # "quiet" sent no beat for 25 s: the reaper will end its slot and close its trainer
    with ThreadPoolExecutor(3) as ex:
        reaping = ex.submit(pool.reap)
        assert closing.wait(10), "the reaper never closed the trainer"
        try:
            assert ex.submit(pool.heartbeat, "busy").result(timeout=10) == 0
            assert ex.submit(pool.join, "new").result(timeout=10) == 0  # the freed slot is given at once
        finally:
            release.set()
        assert reaping.result(timeout=30) == ["quiet"]


def test_process_runner_trains_in_its_own_process_and_ends_with_close():
    runner = ProcessRunner()
    try:
        view = runner.new("copy", 0)
        assert view["step"] == 0
        view = runner.train(3, 30.0, 0)
        assert view["step"] == 3
        assert runner.process.pid != __import__("os").getpid()
    finally:
        runner.close()
    assert not runner.alive
    with pytest.raises(live_pool.RunnerError):
        runner.view(0)


# ---- the page ---------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_live_page_trains_in_the_session_and_reset_frees_the_slot(monkeypatch):
    monkeypatch.setenv(live_pool.ENV_INPROCESS, "1")
    monkeypatch.setenv("TL_WORKERS", "0")
    monkeypatch.setattr(live_pool, "_POOL", local_pool(capacity=1))
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(toc.page_file("live_training")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == 2  # the loss and the cross-attention
    at.button(key="_b.live_step").click().run()
    assert not at.exception, [e.value for e in at.exception]
    sid = at.session_state["_tl_live_sid"]
    pool = live_pool._POOL
    assert pool.holders() == [sid]
    assert at.session_state["_tl_live_view"]["step"] == 1
    at.button(key="_b.live_step").click().run()
    assert at.session_state["_tl_live_view"]["step"] == 2
    at.button(key="_b.live_reset").click().run()
    assert pool.holders() == [] and "_tl_live_view" not in at.session_state
