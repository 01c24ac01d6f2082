"""Streamlit's floor for the tour: the elements a learner's tour received, replayed with none of the app's work.

`bench/bench_class.py --floor` records one learner's tour on the app (every message of every rerun), turns each
rerun into the list of elements it drew (``elements``: kind and payload, in order; the figures' JSON as sent),
and serves that list with ``bench/floor_app.py``: the same Streamlit calls with the same payloads, figures as
FrozenFigures, so what is left is Streamlit's own cost for pages of this make-up (element ids, protobuf,
messages, the websocket), not the app's (traces, building figures, state, texts). A burst on the floor app next
to one on the app says how much of a view's cost the app could still remove and how much it never can.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterable
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ENV = "TL_FLOOR_STEPS"  # the floor app reads its steps (JSON) from this file
APP = Path(__file__).resolve().parent / "floor_app.py"
# the kinds the floor app draws as themselves; any other element is drawn as an empty slot (one message)
KINDS = ("block", "markdown", "plotly", "download", "metric", "heading", "selectbox", "segmented", "html",
         "slider", "button", "text_input")


def element(el) -> list:
    """[kind, payload] of one new_element (streamlit.proto Element), in the floor app's terms."""
    kind = el.WhichOneof("type")
    if kind == "markdown":
        return ["markdown", el.markdown.body]
    if kind == "page_link":  # a link to a registered page: the floor has none, so a Markdown link of its label
        return ["markdown", f"[{el.page_link.label}](#)"]
    if kind == "plotly_chart":
        return ["plotly", [json.loads(el.plotly_chart.spec), json.loads(el.plotly_chart.config or "{}")]]
    if kind == "download_button":
        return ["download", el.download_button.label]
    if kind == "metric":
        return ["metric", [el.metric.label, el.metric.body]]
    if kind == "heading":
        return ["heading", el.heading.body]
    if kind == "selectbox":
        return ["selectbox", list(el.selectbox.options)]
    if kind == "button_group":
        return ["segmented", [o.content for o in el.button_group.options]]
    if kind == "html":
        return ["html", el.html.body]
    if kind in ("slider", "button", "text_input"):
        return [kind, None]
    return ["other", kind]


def elements(messages: Iterable[ForwardMsg]) -> list[list]:
    """The elements one rerun drew, in order, from its ForwardMsgs (blocks included, as "block")."""
    out = []
    for fm in messages:
        if fm.WhichOneof("type") != "delta":
            continue
        kind = fm.delta.WhichOneof("type")
        if kind == "add_block":
            out.append(["block", None])
        elif kind == "new_element":
            out.append(element(fm.delta.new_element))
    return out


def record_tour(url: str, sentence: str) -> list[list[list]]:
    """One learner's tour (bench_class.learner_run: TOUR, then ▶) on the app at ``url``: every rerun's elements."""
    import bench_class as bc

    learner, reruns = bc.Learner(0, sentence), []
    asyncio.run(bc.learner_run(url, True, learner, bc.Detector([sentence]), [0.0] * (len(bc.TOUR) + 1),
                               time.monotonic() + 300, keep=reruns))
    if learner.errors:
        raise RuntimeError(f"recording the tour failed: {learner.errors}")
    return [elements(messages) for messages in reruns]
