"""A lesson of the app opened in Streamlit's AppTest (in this process, no browser), for the tests and the benches.

Imported by basename (``from lesson_app import open_lesson``): pytest puts tests/ on sys.path (no __init__.py), a
bench script puts it there itself; the name must stay unique under tests/ (tests/test_test_layout.py checks).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def open_lesson(slug: str, timeout: float = 120, exercises: bool = False, **query: str):
    """The app run once (with ``query`` as its URL's parameters, e.g. ``lang="zh", s="我有一只猫"``), then switched
    to lesson ``slug`` (``ui.toc``); fails when the page raised. ``exercises``: with the lesson's exercise box
    opened, as a learner's click opens it (closed, it draws nothing)."""
    from streamlit.testing.v1 import AppTest

    from ui import exercise_view, toc

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for k, v in query.items():
        at.query_params[k] = v
    if exercises:
        at.session_state[exercise_view.open_key(slug)] = True
    at.run()
    at.switch_page(toc.BY_SLUG[slug].file).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_lesson_on(directory, slug: str, monkeypatch, **query: str):
    """``open_lesson`` with the checkpoints read from ``directory`` (caches cleared, so no other test's models)."""
    import streamlit as st

    from ui.loaders import ENV_CHECKPOINT

    monkeypatch.setenv(ENV_CHECKPOINT, str(directory))
    st.cache_data.clear()
    st.cache_resource.clear()
    return open_lesson(slug, **query)


def chart(at, key: str) -> dict:
    """The Plotly spec of the first chart whose element id contains ``key``."""
    import json

    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if c.proto.id and key in c.proto.id]
    assert specs, key
    return specs[0]


def plotly_array(values):
    """A Plotly array from a chart's JSON as float NumPy: a (nested) list, or the typed-array form
    {"dtype", "bdata", "shape"}."""
    import base64

    import numpy as np

    if isinstance(values, dict):
        flat = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        shape = values.get("shape")
        return flat.reshape([int(n) for n in str(shape).split(",")] if shape else -1).astype(float)
    return np.array(values, dtype=float)
