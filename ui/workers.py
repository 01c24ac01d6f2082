"""Model work in worker processes, so that 40 learners' script threads never queue behind one GIL.

Why: a Streamlit server is one Python process and every session's script runs in a thread of it. A trace
is hundreds of small PyTorch ops, each releasing and re-taking the GIL; beside busy script threads each
re-take waits for a switch interval (a GIL convoy), so a 3–13 ms trace took seconds under load, and only
one core was ever busy. Here the script thread hands a job to a process and waits once (the wait
releases the GIL), and the worker runs it on another core with nobody to contend with.

* One worker per core but one (``$TL_WORKERS`` overrides; ``0`` runs everything in the server process, as before):
  the server's own thread, which builds and sends every figure, is the busiest process under a class, so it
  keeps a core to itself. Measured on 2 cores, 40 learners at once (bench/bench_class.py, one run): p95
  rerun 9.6 s and the whole class 42.6 s with one worker, 14.9 s and 52.4 s with two.
* Started lazily on the first job, with the ``spawn`` start method (never ``fork`` a process that has
  threads and a loaded PyTorch). Each worker loads a checkpoint once, keyed by (model name, directory,
  modification stamp), so a rebuilt checkpoint is picked up; any model of the registry, by name.
* Until a worker has loaded the models (a few seconds after start), and whenever the pool cannot start or
  has broken, jobs run in the calling process: a page never waits for the pool and never fails for it.
* A pool that broke (a worker killed by the system), failed to warm up, or whose job hung past the timeout is
  shut down and started again in the background, at most ``MAX_RESTARTS`` times in a server's life: a class
  of two hours survives a worker killed by the out-of-memory killer, and a pool that cannot work stops trying.
* A job is a small frozen dataclass of plain inputs (TraceJob, GradientsJob, WarmJob, BlockEffectJob); its
  answer is a fresh object (a Trace is numpy arrays and lists) that goes back to the one caller that asked for
  it: nothing is shared between sessions.
* The workers end with the server (``atexit``), and by themselves when the server dies (their queue closes).

This module does not import Streamlit: the workers import it and need only the model.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENV_WORKERS = "TL_WORKERS"
MAX_DEFAULT_WORKERS = 4  # each worker holds its own PyTorch and models (~250 MB): more cores, more memory
JOB_TIMEOUT_S = 120.0  # a job that takes longer than this is a hung worker, not a slow trace
MAX_RESTARTS = 5  # a broken or hung pool is started again this many times, then the server runs the model itself

log = logging.getLogger(__name__)


def worker_count() -> int:
    """How many worker processes to use: ``$TL_WORKERS`` when set (0 = none), else one per core but one for the
    server (at least 1, at most 4)."""
    raw = os.environ.get(ENV_WORKERS, "").strip()
    if raw:
        try:
            return max(0, int(raw))
        except ValueError:
            log.warning("%s=%r is not a number; using the default count", ENV_WORKERS, raw)
    return max(1, min((os.cpu_count() or 1) - 1, MAX_DEFAULT_WORKERS))


# ---- the worker side: runs inside each worker process ----------------------------------------------------

_MODELS: OrderedDict[tuple, Any] = OrderedDict()  # (name, directory, stamp) → loaded Translator, per process
_MAX_MODELS = 8  # the six shipped models, and room for a rebuilt checkpoint or two


def _init_worker() -> None:
    import torch

    # A server killed outright (SIGKILL, OOM) runs no atexit: leave with it. The worker's copy of the job
    # queue keeps its own pipe open, so it would never see end-of-file; the parent's sentinel does fire.
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), name="parent-watch", daemon=True).start()

    # One sentence is a handful of small matrices: extra intra-op threads only add hand-offs (and two
    # workers × N threads would oversubscribe the cores). The server process makes the same choice.
    torch.set_num_threads(1)


def _exit_with(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])  # readable when the parent process has ended
    os._exit(0)


def _model(name: str, directory: str, stamp: float):
    """This process's Translator of registered model ``name`` (its checkpoint in ``directory``)."""
    key = (name, directory, stamp)
    if key in _MODELS:
        _MODELS.move_to_end(key)
        return _MODELS[key]
    from tutorial_model.translator import Translator

    _MODELS[key] = model = Translator.load(Path(directory), device="cpu", name=name)
    while len(_MODELS) > _MAX_MODELS:
        _MODELS.popitem(last=False)
    return model


Models = Callable[[str, str, float], Any]  # (name, directory, stamp) → Translator: the worker's own, or the server's


@dataclass(frozen=True)
class TraceJob:
    """Translator.run_with_trace of one sentence; ``params`` are the decoding settings as sorted (key, value) pairs."""

    name: str
    directory: str
    stamp: float
    text: str
    method: str = "greedy"
    params: tuple = ()

    def run(self, model: Models):
        return model(self.name, self.directory, self.stamp).run_with_trace(self.text, self.method, **dict(self.params))


@dataclass(frozen=True)
class GradientsJob:
    """compare.gradient_by_distance for each of ``names`` on one sentence; ``stamps`` are (name, stamp) pairs. The
    translation models share one source vocabulary (train.py builds it from the training split), so the first
    model's tokenizer encodes the sentence for all."""

    directory: str
    stamps: tuple[tuple[str, float], ...]
    text: str
    target: str
    names: tuple[str, ...]

    def run(self, model: Models) -> dict:
        from tutorial_model import compare

        stamps = dict(self.stamps)
        translators = {name: model(name, self.directory, stamps[name]) for name in self.names}
        ids = next(iter(translators.values())).tokenizer.encode_source(self.text).ids
        return {name: compare.gradient_by_distance(tr.model, ids, self.target, lock=tr.lock)
                for name, tr in translators.items()}


@dataclass(frozen=True)
class WarmJob:
    """Load the main model; answers the worker's pid (the pool's record of its warm workers)."""

    directory: str
    stamp: float
    name: str = "transformer"

    def run(self, model: Models) -> int:
        model(self.name, self.directory, self.stamp)
        return os.getpid()


@dataclass(frozen=True)
class BlockEffectJob:
    """p(each output word | source, the words before it) with every source character readable, and with
    cross-attention barred from source ``position`` in every decoder layer: two (T_out,) arrays (page 9's live
    causal check beside the attention map). Two teacher-forced passes: worker work, not the server's."""

    directory: str
    stamp: float
    text: str
    out_ids: tuple[int, ...]
    position: int
    name: str = "transformer"

    def run(self, model: Models) -> tuple:
        import numpy as np

        from tutorial_model import experiments as ex

        tr = model(self.name, self.directory, self.stamp)
        ids = tr.tokenizer.encode_source(self.text).ids
        with tr.lock:  # the model is shared: no other session's intervention may be installed meanwhile
            intact = ex.word_logprobs(tr.model, ids, list(self.out_ids))
        with tr.lock, ex.intervene(tr.model, ex.Intervention(block_source=self.position)):
            blocked = ex.word_logprobs(tr.model, ids, list(self.out_ids))
        return np.exp(intact), np.exp(blocked)


Job = TraceJob | GradientsJob | WarmJob | BlockEffectJob


def run_job(job: Job, model: Models = _model) -> Any:
    """Do one job. ``model`` finds a loaded model (the worker's own, or the server's when a job runs in-process)."""
    return job.run(model)


def _worker_entry(job: Job) -> tuple:
    """run_job in a worker, with errors turned into plain tuples: InputError's constructor takes keyword
    details that pickle cannot rebuild, so the caller re-raises from (kind, fields) instead."""
    from tutorial_model.checkpoint import CheckpointError
    from tutorial_model.tokenizer import InputError

    try:
        return ("ok", run_job(job))
    except InputError as e:
        return ("input", e.code, str(e), dict(e.detail))
    except CheckpointError as e:
        return ("checkpoint", str(e))
    except Exception as e:  # noqa: BLE001 - any other failure is re-raised in the caller with its text
        return ("error", f"{type(e).__name__}: {e}")


def _unwrap(answer: tuple) -> Any:
    from tutorial_model.checkpoint import CheckpointError
    from tutorial_model.tokenizer import InputError

    status = answer[0]
    if status == "ok":
        return answer[1]
    if status == "input":
        raise InputError(answer[1], answer[2], **answer[3])
    if status == "checkpoint":
        raise CheckpointError(answer[1])
    raise RuntimeError(f"worker failed: {answer[1]}")


# ---- the server side --------------------------------------------------------------------------------------


@contextlib.contextmanager
def _no_main_module():
    """Spawned children re-import the parent's ``__main__`` (here Streamlit's runner, which then runs the app
    script in bare mode in every worker). Workers need none of it: hide it while they are launched."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main

class Pool:
    """A lazily started pool of model workers with an in-process fallback (see the module docstring)."""

    def __init__(self, n_workers: int, max_restarts: int = MAX_RESTARTS, timeout_s: float = JOB_TIMEOUT_S) -> None:
        self.n_workers = n_workers
        self.max_restarts = max_restarts
        self.timeout_s = timeout_s
        self.restarts = 0
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._ready = threading.Event()  # set when a worker has loaded the models
        self._failed = n_workers == 0
        self._warm_job: Job | None = None
        self._closed = False
        self.pids: set[int] = set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and not self._failed

    def start(self, warm_job: Job) -> None:
        """Start the workers (once) and have each load the models; returns at once."""
        with self._lock:
            if self._executor is not None or self._failed:
                return
            self._warm_job = warm_job
            try:
                with _no_main_module():
                    self._executor = ProcessPoolExecutor(
                        self.n_workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker)
                    # the pool spawns a process for each job no idle worker can take: n jobs → n warm workers
                    for _ in range(self.n_workers):
                        self._executor.submit(_worker_entry, warm_job).add_done_callback(
                            lambda f, e=self._executor: self._warmed(f, e))
            except (OSError, RuntimeError) as e:
                log.warning("model workers could not start (%s); running the model in the server process", e)
                self._failed = True

    def _warmed(self, future: Future, executor: ProcessPoolExecutor) -> None:
        try:
            answer = future.result()
        except Exception as e:  # noqa: BLE001 - a worker that cannot even start: restart (bounded), say why
            self._broken(e, executor)
            return
        if answer[0] == "ok":
            if executor is self._executor:
                self.pids.add(answer[1])
                self._ready.set()
        else:
            self._broken(RuntimeError(f"a worker could not load the model: {answer}"), executor)

    def wait_ready(self, timeout: float) -> bool:
        """For tests and benchmarks: block until a worker is warm (True) or the pool failed / time ran out."""
        self._ready.wait(timeout)
        return self.ready

    def run(self, job: Job, local: Callable[[Job], Any]) -> Any:
        """The job's answer from a worker when one is warm, else ``local(job)`` in this process."""
        executor = self._executor
        if not self.ready or executor is None:
            return local(job)
        try:
            future = executor.submit(_worker_entry, job)
        except (BrokenProcessPool, RuntimeError) as e:  # RuntimeError: submitted after shutdown
            self._broken(e, executor)
            return local(job)
        try:
            answer = future.result(timeout=self.timeout_s)
        except BrokenProcessPool as e:
            self._broken(e, executor)
            return local(job)
        except TimeoutError:  # a worker stuck for minutes would stay busy: answer here, replace the pool
            future.cancel()
            self._broken(TimeoutError(f"a model job took over {self.timeout_s:.0f} s in a worker"), executor)
            return local(job)
        return _unwrap(answer)

    def _broken(self, error: BaseException, executor: ProcessPoolExecutor | None) -> None:
        """Stop ``executor``'s pool; start a new one in the background unless the restarts are used up. A
        breakage of a pool already replaced (several callers see the same one) changes nothing."""
        with self._lock:
            if executor is None or executor is not self._executor:
                return
            self._failed = True
            self._ready.clear()
            self._executor = None  # taken out under the lock: the same breakage is handled once
            again = self.restarts < self.max_restarts and self._warm_job is not None
            if again:
                self.restarts += 1
        _stop(executor)
        if again:
            log.warning("model workers stopped (%s); starting them again (%d of %d)", error, self.restarts,
                        self.max_restarts)
            threading.Thread(target=self._restart, name="model-pool-restart", daemon=True).start()
        else:
            log.warning("model workers stopped (%s); running the model in the server process from now on", error)

    def _restart(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._failed = False
            self.pids = set()
        self.start(self._warm_job)

    def processes(self) -> list:
        """The live worker processes (multiprocessing.Process objects)."""
        executor = self._executor
        return list(getattr(executor, "_processes", {}).values()) if executor is not None else []

    def shutdown(self) -> None:
        """Stop the workers now: cancel queued jobs, end the processes, wait until they are gone."""
        with self._lock:
            executor, self._executor = self._executor, None
            self._closed = True  # no restart after this
        _stop(executor)


def _stop(executor: ProcessPoolExecutor | None) -> None:
    """Cancel an executor's queued jobs, end its processes, wait until they are gone."""
    if executor is None:
        return
    procs = list(getattr(executor, "_processes", {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)
        if p.is_alive():
            p.kill()
            p.join(timeout=5)


_POOL: Pool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> Pool:
    """The process-wide pool (created on first use with worker_count() workers; stopped at exit)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = Pool(worker_count())
            atexit.register(_POOL.shutdown)
        return _POOL


def reset() -> None:
    """Stop the pool and forget it (tests; a changed $TL_WORKERS takes effect on next use)."""
    global _POOL
    with _POOL_LOCK:
        old, _POOL = _POOL, None
    if old is not None:
        old.shutdown()
