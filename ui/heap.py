"""The server's long-lived heap frozen once, so the garbage collector stops walking it on every full collection.

Why: a full collection walks every object the collector tracks. With PyTorch, Streamlit, Plotly and the models
loaded that is about 600,000 objects: each full collection took about 315 ms, holding the GIL (so every learner
waited), 4 times in two bursts of 40 learners (gc.callbacks in a `streamlit run app.py` server, bench_class.py).
``gc.freeze()`` moves every object that exists into a generation the collector never walks: with it, 90 ms a full
collection, and the collector's time in all fell from 3.6 to 2.2 ms a rerun. It is done once per process, on its
first script run, once the models are loaded (under ``make run``, during the warm-up). The cost: an object that
existed then and later becomes garbage in a reference cycle is never freed; only that first run's are at stake.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_once() -> bool:
    """Collect, then freeze everything alive; only the first call in a process does it (True then)."""
    global _frozen
    with _lock:
        if _frozen:
            return False
        _frozen = True
    gc.collect()  # garbage first: frozen garbage would never be freed
    gc.freeze()
    return True
