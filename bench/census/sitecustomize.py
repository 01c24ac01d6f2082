"""A census of live objects in an app server under bench/bench_class.py (issue 18: which objects hold the memory).

Not part of the app. Put this folder on the server's PYTHONPATH and name an output folder:

  python bench/bench_class.py --only ageing --ageing 4 --no-bare \
      --app-env PYTHONPATH=bench/census --app-env TL_CENSUS_DIR=/tmp/census

Every ``TL_CENSUS_EVERY`` seconds (default 20) each Python process started that way appends one line to
``census_<pid>.txt``: the time, its resident memory, its thread count and how many objects of the app's heavy
types are alive (Trace, Context, AppSession, FrozenFigure, CachedResult, ScriptRunner). A full collection and a
walk over every object take about a second on a busy server, so compare CPU figures only from runs without it.
"""

import gc
import os
import sys
import threading
import time

_TYPES = ("Trace", "Context", "AppSession", "FrozenFigure", "CachedResult", "ScriptRunner")


def _census(out: str, every: float) -> None:
    while True:
        time.sleep(every)
        if "streamlit.runtime" not in sys.modules:  # a worker process or the resource tracker: nothing to count
            continue
        gc.collect()
        counts = dict.fromkeys(_TYPES, 0)
        for obj in gc.get_objects():
            name = type(obj).__name__
            if name in counts:
                counts[name] += 1
        with open("/proc/self/statm") as f:
            rss_mb = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
        with open(out, "a") as fh:
            fh.write(f"{time.strftime('%H:%M:%S')} rss {rss_mb:.0f} MB threads {threading.active_count()} {counts}\n")


if os.environ.get("TL_CENSUS_DIR"):
    os.makedirs(os.environ["TL_CENSUS_DIR"], exist_ok=True)
    threading.Thread(target=_census, name="census", daemon=True,
                     args=(os.path.join(os.environ["TL_CENSUS_DIR"], f"census_{os.getpid()}.txt"),
                           float(os.environ.get("TL_CENSUS_EVERY", "20")))).start()
