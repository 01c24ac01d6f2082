"""ui.workers: the model in worker processes gives the very trace the server process would, to the session that
asked for it only, and the processes end with the pool (and when the server dies).

Uses small random-weight checkpoints written here, so the results do not depend on the shipped (retrainable) ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from tutorial_model.checkpoint import save
from tutorial_model.config import ModelConfig
from tutorial_model.corpus import make_splits
from tutorial_model.data import build_tokenizer
from tutorial_model.rnn import RNNConfig, Seq2Seq
from tutorial_model.tokenizer import InputError
from tutorial_model.transformer import Transformer
from tutorial_model.translator import Translator
from ui import workers
from ui.workers import BlockEffectJob, GradientsJob, TraceJob, WarmJob

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ckpt(tmp_path_factory) -> tuple[str, list[str]]:
    """A tiny Transformer and RNN with the corpus vocabulary, and a dozen test sentences they accept."""
    splits = make_splits(0)
    tok = build_tokenizer(splits["train"])
    out = tmp_path_factory.mktemp("ckpt")
    torch.manual_seed(0)
    save("transformer", Transformer(ModelConfig(len(tok.src), len(tok.tgt), d_model=32, n_heads=4, d_ff=64)).eval(),
         tok, {}, out)
    save("rnn", Seq2Seq(RNNConfig(len(tok.src), len(tok.tgt), d_embed=16, d_hidden=16)).eval(), tok, {}, out)
    sentences = list(dict.fromkeys(p.zh for p in splits["test"]))[:12]
    return str(out), sentences


@pytest.fixture(scope="module")
def pool(ckpt):
    directory, _ = ckpt
    p = workers.Pool(2)
    p.start(WarmJob(directory, 0.0))
    assert p.wait_ready(120), "no worker became ready"
    yield p
    p.shutdown()


def local(directory: str):
    models: dict = {}

    def model(name, d, stamp):
        if name not in models:
            models[name] = Translator.load(d, name=name)
        return models[name]

    return lambda job: workers.run_job(job, model=model)


def never(job):
    raise AssertionError(f"ran in-process although the pool is ready: {job}")


def assert_same(a, b) -> None:
    assert a.arrays.keys() == b.arrays.keys()
    for name in a.arrays:
        x, y = a.arrays[name], b.arrays[name]
        assert x.dtype == y.dtype and x.shape == y.shape, name
        assert x.tobytes() == y.tobytes(), f"{name} differs"  # bit for bit, NaN/−∞ included
    assert (a.src_tokens, a.tgt_tokens, a.out_tokens, a.translation, a.unknown, a.meta) == (
        b.src_tokens, b.tgt_tokens, b.out_tokens, b.translation, b.unknown, b.meta)
    assert a.decoding.ids == b.decoding.ids


@pytest.mark.parametrize("method,params", [("greedy", ()), ("beam", (("beam_size", 3),)),
                                           ("sample", (("seed", 3), ("temperature", 1.5), ("top_k", None)))])
def test_pool_trace_is_the_in_process_trace(ckpt, pool, method, params):
    directory, sentences = ckpt
    here = local(directory)
    for text in sentences[:3]:
        job = TraceJob("transformer", directory, 0.0, text, method, params)
        assert_same(pool.run(job, never), here(job))


def test_recurrent_trace_and_gradients_match(ckpt, pool):
    directory, sentences = ckpt
    here = local(directory)
    job = TraceJob("rnn", directory, 0.0, sentences[0])
    assert_same(pool.run(job, never), here(job))
    job = GradientsJob(directory, (("rnn", 0.0), ("transformer", 0.0)), sentences[1], "logprob", ("rnn", "transformer"))
    a, b = pool.run(job, never), here(job)
    assert a.keys() == b.keys() == {"rnn", "transformer"}
    for name in a:
        for k in a[name]:
            assert np.array_equal(np.asarray(a[name][k]), np.asarray(b[name][k])), (name, k)


def test_block_effect_in_a_worker_is_the_in_process_one(ckpt, pool):
    directory, sentences = ckpt
    here = local(directory)
    out = tuple(here(TraceJob("transformer", directory, 0.0, sentences[2])).decoding.ids)
    job = BlockEffectJob(directory, 0.0, sentences[2], out, 1)
    (a_intact, a_blocked), (b_intact, b_blocked) = pool.run(job, never), here(job)
    assert a_intact.tobytes() == b_intact.tobytes() and a_blocked.tobytes() == b_blocked.tobytes()
    assert a_intact.shape == (len(out),) and not np.array_equal(a_intact, a_blocked)  # blocking changed something


def test_worker_errors_come_back_as_the_same_exceptions(ckpt, pool):
    directory, _ = ckpt
    with pytest.raises(InputError) as e:
        pool.run(TraceJob("transformer", directory, 0.0, "hello"), never)
    assert e.value.code == "not_chinese"
    with pytest.raises(Exception, match="Build it with"):
        pool.run(TraceJob("lstm", directory, 0.0, "我有一只猫"), never)


def test_concurrent_sessions_each_get_their_own_trace(ckpt, pool):
    """24 threads (sessions) ask at once for 12 different sentences: each answer is the reference for its own."""
    directory, sentences = ckpt
    here = local(directory)
    reference = {s: here(TraceJob("transformer", directory, 0.0, s)) for s in sentences}
    got: dict[int, object] = {}
    errors: list[BaseException] = []

    def session(i: int) -> None:
        try:
            got[i] = pool.run(TraceJob("transformer", directory, 0.0, sentences[i % len(sentences)]), never)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=session, args=(i,)) for i in range(24)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert not errors and len(got) == 24
    for i, trace in got.items():
        assert trace.meta["text"] == sentences[i % len(sentences)]
        assert_same(trace, reference[sentences[i % len(sentences)]])
    assert len({id(tr) for tr in got.values()}) == 24  # no object handed to two sessions


def test_in_process_until_ready_and_with_zero_workers(ckpt):
    directory, sentences = ckpt
    calls = []
    p = workers.Pool(0)
    p.start(WarmJob(directory, 0.0))  # no workers: never starts anything
    assert not p.ready and p.processes() == []
    assert p.run(WarmJob(directory, 0.0), lambda job: calls.append(job) or "here") == "here"
    assert calls == [WarmJob(directory, 0.0)]


def test_worker_count_from_environment(monkeypatch):
    monkeypatch.setenv(workers.ENV_WORKERS, "0")
    assert workers.worker_count() == 0
    monkeypatch.setenv(workers.ENV_WORKERS, "3")
    assert workers.worker_count() == 3
    monkeypatch.delenv(workers.ENV_WORKERS)
    assert 1 <= workers.worker_count() <= workers.MAX_DEFAULT_WORKERS


@pytest.mark.parametrize("cores,expected", [(None, 1), (1, 1), (2, 1), (3, 2), (16, 4)])
def test_default_worker_count_leaves_the_server_a_core(monkeypatch, cores, expected):
    monkeypatch.delenv(workers.ENV_WORKERS, raising=False)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: cores)
    assert workers.worker_count() == expected


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:  # a zombie child of ours counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def _wait_gone(pids, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [p for p in pids if not _gone(p)]
        if not alive:
            return []
        time.sleep(0.1)  # polling for an event outside our process (its exit); bounded by the deadline
    return [p for p in pids if not _gone(p)]


def test_shutdown_ends_every_worker(ckpt):
    directory, _ = ckpt
    p = workers.Pool(2)
    p.start(WarmJob(directory, 0.0))
    assert p.wait_ready(120)
    pids = [proc.pid for proc in p.processes()]
    assert pids
    p.shutdown()
    assert _wait_gone(pids, 30) == []
    assert p.run(WarmJob(directory, 0.0), lambda job: "here") == "here"  # after shutdown: in-process


CHILD = """
import sys
from ui import workers
from ui.workers import GradientsJob, TraceJob, WarmJob
p = workers.pool()
p.start(workers.WarmJob(sys.argv[1], 0.0))
assert p.wait_ready(120)
print(" ".join(str(proc.pid) for proc in p.processes()), flush=True)
sys.stdin.read()  # until the test kills us
"""


@pytest.mark.parametrize("how", ["exit", "kill"])
def test_workers_end_with_the_server(ckpt, how):
    """Normal exit runs the atexit shutdown; after SIGKILL the workers see their queue close and leave."""
    directory, _ = ckpt
    env = dict(os.environ, TL_WORKERS="2", PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, directory], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, cwd=ROOT, env=env)
    try:
        pids = [int(x) for x in child.stdout.readline().split()]
        assert pids, "the child printed no worker pids"
        if how == "exit":
            child.stdin.close()
        else:
            child.kill()
        child.wait(timeout=60)
        assert _wait_gone(pids, 60) == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)


def _ready_with_new_workers(p: workers.Pool, old: set[int], seconds: float) -> bool:
    """Wait (bounded) until the pool is warm again on processes other than ``old``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if p.wait_ready(1) and p.pids and not p.pids & old:
            return True
    return False


def test_a_worker_killed_mid_class_is_replaced(ckpt):
    """SIGKILL one worker (as the out-of-memory killer would): the job is answered in the server process, the
    pool starts again in the background, and later jobs run in the new workers."""
    directory, sentences = ckpt
    p = workers.Pool(2)
    try:
        p.start(WarmJob(directory, 0.0))
        assert p.wait_ready(120)
        old = {proc.pid for proc in p.processes()}
        os.kill(next(iter(old)), 9)
        here = []
        for text in sentences:  # the broken pool is noticed on a submit or a result: keep asking
            p.run(TraceJob("transformer", directory, 0.0, text), lambda job: here.append(job) or local(directory)(job))
            if here:
                break
        assert here, "no job fell back to the server process after a worker was killed"
        assert _ready_with_new_workers(p, old, 120), "the pool did not start again"
        assert p.restarts == 1
        trace = p.run(TraceJob("transformer", directory, 0.0, sentences[0]), never)
        assert_same(trace, local(directory)(TraceJob("transformer", directory, 0.0, sentences[0])))
    finally:
        p.shutdown()


def test_a_hung_job_frees_the_learner_and_replaces_its_worker(ckpt):
    """A worker that stops answering (SIGSTOP) would keep its job for ever: after the timeout the learner gets the
    answer from the server process and the hung pool is replaced."""
    import signal

    directory, sentences = ckpt
    p = workers.Pool(1, timeout_s=3)
    try:
        p.start(WarmJob(directory, 0.0))
        assert p.wait_ready(120)
        old = {proc.pid for proc in p.processes()}
        for pid in old:
            os.kill(pid, signal.SIGSTOP)
        job = TraceJob("transformer", directory, 0.0, sentences[1])
        assert_same(p.run(job, local(directory)), local(directory)(job))
        assert _ready_with_new_workers(p, old, 120), "the hung pool was not replaced"
        assert _wait_gone(list(old), 30) == []
    finally:
        p.shutdown()


def test_restarts_are_bounded(ckpt):
    directory, sentences = ckpt
    p = workers.Pool(1, max_restarts=1)
    try:
        p.start(WarmJob(directory, 0.0))
        assert p.wait_ready(120)
        for round_ in range(2):
            old = {proc.pid for proc in p.processes()}
            for pid in old:
                os.kill(pid, 9)
            _wait_gone(list(old), 30)
            p.run(TraceJob("transformer", directory, 0.0, sentences[0]), local(directory))
            if round_ == 0:
                assert _ready_with_new_workers(p, old, 120)
        assert p.restarts == 1 and not p.ready  # the second breakage is final: the server runs the model itself
        assert p.run(WarmJob(directory, 0.0), lambda job: "here") == "here"
    finally:
        p.shutdown()
