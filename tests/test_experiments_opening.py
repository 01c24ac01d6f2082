"""Lesson 14 opens on a change that shows (review 26: it opened with nothing taken out, two identical columns and a
chart of zeros): on the learner's sentence the changed model writes another translation and the Δ log p bars move."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, checkpoint_dir  # noqa: F401 - fixture

from ui import i18n, toc

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("app_env")]


def _values(trace: dict) -> np.ndarray:
    y = trace["y"]
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype=np.dtype(y["dtype"])).astype(float)
    return np.asarray(y, dtype=float)


@pytest.mark.parametrize("sentence", ["我有一只猫", "我每天坐地铁去上班。"])
def test_the_page_opens_with_a_part_taken_out_that_changes_the_sentence(sentence):
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["s"] = sentence
    at.switch_page(toc.BY_SLUG["experiments"].file).run()
    assert not at.exception, [e.value for e in at.exception]
    assert i18n.translate("en", "exp.nothing_out") not in [c.value for c in at.caption]
    intact, changed = [x.value for x in at.text][:2]
    assert intact and changed and intact != changed
    title = i18n.translate("en", "exp.logp_title", n=0).split("0")[0][:12]
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    (delta,) = [s for s in charts if title in s["layout"]["title"]["text"] and s["data"][0]["type"] == "bar"]
    assert np.abs(_values(delta["data"][0])).max() > 0.01
    # the head experiment is still there, opening with nothing chosen
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["s"], at.query_params["exp"] = sentence, "heads"
    at.switch_page(toc.BY_SLUG["experiments"].file).run()
    assert not at.exception and i18n.translate("en", "exp.nothing_out") in [c.value for c in at.caption]
