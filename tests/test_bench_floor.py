"""bench/floor.py reads a rerun's elements from its messages, and bench/floor_app.py draws them again as they were."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
import floor  # noqa: E402

SPEC = {"data": [{"type": "heatmap", "z": [[1.0, -2.5], [0.25, 4.0]], "x": ["a", "b"], "y": ["我", "你"]}],
        "layout": {"title": {"text": "scores"}, "height": 300}}
CONFIG = {"displaylogo": False}


def _messages() -> list[ForwardMsg]:
    out = []
    fm = ForwardMsg()
    fm.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY  # not a delta: no element
    out.append(fm)
    fm = ForwardMsg()
    fm.delta.add_block.allow_empty = True
    out.append(fm)
    for fill in (lambda el: setattr(el.markdown, "body", "**Self-attention** on 我爱你"),
                 lambda el: (setattr(el.plotly_chart, "spec", json.dumps(SPEC)),
                             setattr(el.plotly_chart, "config", json.dumps(CONFIG))),
                 lambda el: setattr(el.download_button, "label", "Download CSV"),
                 lambda el: setattr(el.page_link, "label", "Next: multi-head"),
                 lambda el: setattr(el.button, "label", "▶"),
                 lambda el: setattr(el.code, "code_text", "x = 1")):
        fm = ForwardMsg()
        fill(fm.delta.new_element)
        out.append(fm)
    return out


def test_elements_are_read_in_order_with_their_payloads() -> None:
    got = floor.elements(_messages())
    assert [k for k, _ in got] == ["block", "markdown", "plotly", "download", "markdown", "button", "other"]
    assert got[1][1] == "**Self-attention** on 我爱你"
    assert got[2][1] == [SPEC, CONFIG]
    assert got[3][1] == "Download CSV"
    assert got[4][1] == "[Next: multi-head](#)"  # a page link: its label, as a Markdown link
    assert got[6][1] == "code"
    assert {k for k, _ in got} <= set(floor.KINDS) | {"other"}


def test_the_floor_app_draws_each_step_as_recorded(tmp_path, monkeypatch) -> None:
    first = floor.elements(_messages())
    second = [[k, "step two" if k == "markdown" else v] for k, v in first]  # as ▶ on the app: the same page again
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps([first, second]), encoding="utf-8")
    monkeypatch.setenv(floor.ENV, str(steps))
    at = AppTest.from_file(str(floor.APP), default_timeout=60)
    at.run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["**Self-attention** on 我爱你", "[Next: multi-head](#)"]
    charts = at.get("plotly_chart")
    assert len(charts) == 1 and json.loads(charts[0].proto.spec) == SPEC
    assert json.loads(charts[0].proto.config) == CONFIG
    assert [b.label for b in at.get("download_button")] == ["Download CSV"]
    assert [b.key for b in at.button] == ["e5_b.step.next"]  # the bench finds ▶ by this suffix
    at.button[0].click().run()  # the second rerun draws the second step, and the press reaches the URL
    assert [m.value for m in at.markdown] == ["step two", "step two"]
    assert json.loads(at.get("plotly_chart")[0].proto.spec) == SPEC
    assert at.query_params.get("step") == "1"
    at.run()  # past the recording: its last step again
    assert [m.value for m in at.markdown] == ["step two", "step two"]
