"""One trace per sentence, shared by every session (issue 18): ui.loaders hands out the same frozen Trace object, whose
arrays refuse writes, and whose numbers are those of a fresh run of the model."""

from __future__ import annotations

import numpy as np
import pytest
from test_app import checkpoint_dir  # noqa: F401 - fixture

from tutorial_model.trace import Trace
from ui import loaders

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("app_env")]
SENTENCE = "我有一只猫"


@pytest.fixture
def no_workers(monkeypatch):
    monkeypatch.setenv("TL_WORKERS", "0")  # the trace is made in this process: nothing to start or stop


def test_every_caller_gets_the_same_trace_and_it_refuses_writes(no_workers):
    first = loaders.trace(loaders.MAIN, SENTENCE, "greedy")
    again = loaders.trace(loaders.MAIN, SENTENCE, "greedy")
    assert again is first  # shared, not a copy per call (three per session under st.cache_data)
    pattern = first["pattern", 0]
    with pytest.raises(ValueError, match="read-only"):
        pattern[0, 0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        first.decoding.steps[0].probs[0] = 1.0
    fresh = loaders.translator().run_with_trace(SENTENCE, "greedy")
    assert fresh.translation == first.translation and set(fresh.arrays) == set(first.arrays)
    for name, array in fresh.arrays.items():
        np.testing.assert_array_equal(first.arrays[name], array, err_msg=name)


def test_another_decoding_is_its_own_trace(no_workers):
    greedy = loaders.trace(loaders.MAIN, SENTENCE, "greedy")
    beam = loaders.trace(loaders.MAIN, SENTENCE, "beam", beam_size=3)
    assert beam is not greedy and beam.decoding.method == "beam"
    assert loaders.trace(loaders.MAIN, SENTENCE, "beam", beam_size=3) is beam


def test_freeze_covers_every_array_and_keeps_the_values():
    arrays = {"encoder.layers.0.self_attn.hook_pattern": np.ones((2, 3, 3), np.float32), "x": np.arange(4.0)}
    trace = Trace(arrays, ["我"], ["<bos>"], ["I"], "I")
    assert trace.freeze() is trace
    assert all(not a.flags.writeable for a in trace.arrays.values())
    assert trace["x"].tolist() == [0.0, 1.0, 2.0, 3.0]
