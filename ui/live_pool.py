"""Live training slots: at most one live training per CPU core per server process, the rest wait in line.

Why a pool: a learner's tiny Transformer trains for as long as they let it, and the machine is shared with
every other learner's pages. So

* ``LivePool`` grants a slot to at most ``capacity`` sessions (one per core by default); others get their
  place in a first-come queue, promoted as slots free up;
* each slot's trainer runs in **its own process** (``ProcessRunner``: ``tutorial_model.live.serve`` started
  with ``spawn``, one PyTorch thread), so its hundreds of small ops never hold the server's GIL while other
  learners' scripts run; ``$TL_LIVE_INPROCESS=1`` keeps it in the server (``LocalRunner``; tests, debugging);
* a slot ends when its session stops calling ``heartbeat`` for ``idle_s`` (the learner left: the page's
  fragment beats every few seconds while it is open), after ``time_limit_s`` in all, or on ``leave``; the
  runner's process is then ended and the slot goes to the first in line;
* each session has its own runner with its own model; nothing in a runner is shared.

No Streamlit here: the page passes a session id (a random token kept in its session state).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tutorial_model.live import LiveTrainer, serve

ENV_INPROCESS = "TL_LIVE_INPROCESS"
TIME_LIMIT_S = 300.0  # five minutes of a slot per learner; "reset" after that starts over, at the back of the line
IDLE_S = 20.0  # no heartbeat for this long: the tab is closed (the page beats every ≤ 2 s while open)
ANSWER_TIMEOUT_S = 60.0  # a runner that does not answer within this is broken


class RunnerError(RuntimeError):
    """The trainer could not answer (it failed, or its process ended)."""


class LocalRunner:
    """The trainer in this process (``$TL_LIVE_INPROCESS=1`` and the tests)."""

    def __init__(self) -> None:
        self.trainer: LiveTrainer | None = None

    def new(self, task: str, seed: int) -> dict:
        self.trainer = LiveTrainer(task, seed=seed)
        return self.trainer.view()

    def train(self, steps: int, max_seconds: float, probe: int) -> dict:
        if self.trainer is None:
            raise RunnerError("no trainer yet")
        end = time.perf_counter() + max_seconds
        for _ in range(steps):
            self.trainer.train_step()
            if time.perf_counter() > end:
                break
        return self.trainer.view(probe)

    def view(self, probe: int) -> dict:
        if self.trainer is None:
            raise RunnerError("no trainer yet")
        return self.trainer.view(probe)

    def close(self) -> None:
        self.trainer = None

    @property
    def alive(self) -> bool:
        return True


class ProcessRunner:
    """The trainer in a child process of its own; each call is one request and one answer over a pipe."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # never fork a server with threads and PyTorch loaded
        self._conn, child = ctx.Pipe()
        self.process = ctx.Process(target=serve, args=(child,), name="live-training", daemon=True)
        self.process.start()
        child.close()
        self._lock = threading.Lock()  # one request at a time per runner

    def _ask(self, *cmd) -> dict:
        with self._lock:
            try:
                self._conn.send(cmd)
                if not self._conn.poll(ANSWER_TIMEOUT_S):
                    raise RunnerError("the live trainer did not answer")
                status, payload = self._conn.recv()
            except (EOFError, OSError, BrokenPipeError) as e:
                raise RunnerError(f"the live trainer stopped ({type(e).__name__})") from None
        if status != "ok":
            raise RunnerError(payload)
        return payload

    def new(self, task: str, seed: int) -> dict:
        return self._ask("new", task, seed)

    def train(self, steps: int, max_seconds: float, probe: int) -> dict:
        return self._ask("train", steps, max_seconds, probe)

    def view(self, probe: int) -> dict:
        return self._ask("view", probe)

    def close(self) -> None:
        try:
            self._conn.send(("stop",))
        except (OSError, BrokenPipeError):
            pass
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=2)
        self._conn.close()

    @property
    def alive(self) -> bool:
        return self.process.is_alive()


def default_runner() -> LocalRunner | ProcessRunner:
    return LocalRunner() if os.environ.get(ENV_INPROCESS, "").strip() in ("1", "true") else ProcessRunner()


@dataclass
class Slot:
    started: float
    last_seen: float
    runner: object = None  # made on first use, by the session that holds the slot
    ended: str = ""  # why a slot was taken away ("time", "idle", "left"), for the page to say


@dataclass
class LivePool:
    capacity: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
    time_limit_s: float = TIME_LIMIT_S
    idle_s: float = IDLE_S
    make_runner: Callable[[], object] = default_runner
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self._slots: dict[str, Slot] = {}
        self._queue: list[str] = []  # session ids waiting, first come first served
        self._seen: dict[str, float] = {}  # last heartbeat of those waiting
        self.ended: dict[str, str] = {}  # session id → why its slot ended (read once by the page)

    # ---- what a session does -------------------------------------------------------------------------

    def join(self, sid: str) -> int:
        """Ask for a slot: 0 when this session holds one, else its 1-based place in the line."""
        with self._lock:
            self.ended.pop(sid, None)
            if sid not in self._slots and sid not in self._queue:
                self._queue.append(sid)
            self._seen[sid] = self.clock()
            _, runners = self._reap()
            position = self.position(sid)
        _close(runners)
        return position

    def heartbeat(self, sid: str) -> int:
        """The session is still there; returns its position (0 holding a slot, -1 neither holding nor waiting)."""
        with self._lock:
            if sid in self._slots:
                self._slots[sid].last_seen = self.clock()
            if sid in self._queue:
                self._seen[sid] = self.clock()
            _, runners = self._reap()
            position = self.position(sid)
        _close(runners)
        return position

    def position(self, sid: str) -> int:
        with self._lock:
            if sid in self._slots:
                return 0
            return self._queue.index(sid) + 1 if sid in self._queue else -1

    def runner(self, sid: str):
        """The session's runner (made now if new); None when the session holds no slot."""
        with self._lock:
            slot = self._slots.get(sid)
            if slot is None:
                return None
            if slot.runner is None:
                slot.runner = self.make_runner()
            return slot.runner

    def leave(self, sid: str, why: str = "left") -> None:
        """Give the slot (or the place in line) back and end the session's trainer."""
        with self._lock:
            runner = self._drop(sid, why)
        _close([runner])  # outside the lock: joining a process may take a moment

    def _drop(self, sid: str, why: str) -> object | None:
        """Take the session's slot or place in line (the caller holds the lock); its runner, to close after."""
        slot = self._slots.pop(sid, None)
        if sid in self._queue:
            self._queue.remove(sid)
        self._seen.pop(sid, None)
        if slot is not None and why != "left":
            self.ended[sid] = why
        self._promote()
        return slot.runner if slot is not None else None

    def remaining_s(self, sid: str) -> float | None:
        with self._lock:
            slot = self._slots.get(sid)
            return None if slot is None else max(0.0, self.time_limit_s - (self.clock() - slot.started))

    # ---- bookkeeping ----------------------------------------------------------------------------------

    def holders(self) -> list[str]:
        with self._lock:
            return list(self._slots)

    def waiting(self) -> list[str]:
        with self._lock:
            return list(self._queue)

    def reap(self) -> list[str]:
        """End the slots of sessions that left or ran out of time; returns their ids."""
        with self._lock:
            ended, runners = self._reap()
        _close(runners)
        return ended

    def _reap(self) -> tuple[list[str], list[object]]:
        """Take the ended slots (the caller holds the lock): their ids, and their runners for the caller to close
        once it has let go of the lock, so that no learner's heartbeat waits for a trainer process to end."""
        now = self.clock()
        gone = [(sid, "time" if now - s.started > self.time_limit_s else "idle") for sid, s in self._slots.items()
                if now - s.started > self.time_limit_s or now - s.last_seen > self.idle_s]
        self._queue = [sid for sid in self._queue if now - self._seen.get(sid, now) <= self.idle_s]
        runners = [self._drop(sid, why) for sid, why in gone]
        self._promote()
        return [sid for sid, _ in gone], [r for r in runners if r is not None]

    def _promote(self) -> None:
        now = self.clock()
        while self._queue and len(self._slots) < self.capacity:
            sid = self._queue.pop(0)
            self._slots[sid] = Slot(started=now, last_seen=self._seen.pop(sid, now))

    def shutdown(self) -> None:
        for sid in self.holders():
            self.leave(sid)


def _close(runners: list) -> None:
    for runner in runners:
        if runner is not None:
            runner.close()


_POOL: LivePool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> LivePool:
    """The server's one pool, with a daemon thread that ends abandoned slots even when no page is running."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = LivePool()
            threading.Thread(target=_reaper, args=(_POOL,), name="live-reaper", daemon=True).start()
            atexit.register(_POOL.shutdown)
        return _POOL


def _reaper(p: LivePool, every_s: float = 5.0) -> None:
    while True:
        time.sleep(every_s)  # a timer, not a wait on a result: the reaper only checks the clock
        p.reap()
