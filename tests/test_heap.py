"""ui/heap.freeze_once: the heap is frozen once per process, after a collection (garbage is freed, not frozen).

Run in a child process: freezing is process-wide and the test process must not be the one frozen here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import gc, weakref
from ui import heap
class Node: pass
a, b = Node(), Node()
a.other, b.other = b, a            # a reference cycle: only the collector frees it
gone = weakref.ref(a)
del a, b
kept = Node()
before = gc.get_freeze_count()
first, second = heap.freeze_once(), heap.freeze_once()
print(before, first, second, gone() is None, gc.get_freeze_count() > 1000, gc.is_tracked(kept))
"""


def test_freeze_once_collects_then_freezes_only_on_the_first_call():
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    before, first, second, cycle_freed, many_frozen, tracked = out.stdout.split()
    assert before == "0" and first == "True" and second == "False"
    assert cycle_freed == "True", "garbage was frozen instead of freed"
    assert many_frozen == "True" and tracked == "True"


APP_CHILD = """
import gc
from streamlit.testing.v1 import AppTest
assert gc.get_freeze_count() == 0
at = AppTest.from_file("app.py", default_timeout=120)
at.query_params["s"] = "我有一只猫。"
at.run()
assert not at.exception, at.exception
print(gc.get_freeze_count())
"""


def test_the_app_freezes_the_heap_on_its_first_run():
    out = subprocess.run([sys.executable, "-c", APP_CHILD], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "TL_WORKERS": "0"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.split()[-1]) > 100_000  # torch, Streamlit, Plotly and the model: far more than this
