"""The floor app (bench/floor.py): a recorded tour's elements, drawn again from cached data, one rerun per step.

A session's n-th rerun draws step n of the recording (the last step from then on), behind a navigation of as
many pages as the app has, so a learner's messages have the app's make-up; the ▶ button is named as the app's
(bench_class.WIDGET_SUFFIX), so the bench's widget change finds it.
"""

import json
import os
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import floor  # noqa: E402  (bench/, this script's folder)

from ui.frozen_figure import FrozenFigure  # noqa: E402

N_PAGES = 19  # as ui/navigation.py registers


@st.cache_resource
def steps() -> list[list[list]]:
    raw = json.loads(Path(os.environ[floor.ENV]).read_text(encoding="utf-8"))
    return [[[k, [FrozenFigure(v[0]), v[1]] if k == "plotly" else v] for k, v in step] for step in raw]


def draw(i: int, kind: str, v) -> None:
    key = f"e{i}"
    if kind == "block":
        st.container()
    elif kind == "markdown":
        st.markdown(v)
    elif kind == "plotly":
        st.plotly_chart(v[0], key=key, config=v[1], theme="streamlit", width="stretch")
    elif kind == "download":
        st.download_button(v, data=lambda: b"", file_name="numbers.csv", mime="text/csv", on_click="ignore",
                           key=key, icon=":material/download:", type="tertiary")
    elif kind == "metric":
        st.metric(v[0], v[1])
    elif kind == "heading":
        st.header(v)
    elif kind == "selectbox":
        st.selectbox("choose", v or ["-"], key=key)
    elif kind == "segmented":
        st.segmented_control("choose", v or ["-"], key=key)
    elif kind == "html":
        st.html(v)
    elif kind == "slider":
        st.slider("value", 0, 10, key=key)
    elif kind == "button":
        if st.button("▶", key=f"{key}_b.step.next"):
            st.query_params["step"] = "1"  # as the app writes the step to the URL
    elif kind == "text_input":
        st.text_input("sentence", key=key)
    else:
        st.empty()


def replay() -> None:
    n = st.session_state.get("_floor_n", 0)
    st.session_state["_floor_n"] = n + 1
    recorded = steps()
    for i, (kind, v) in enumerate(recorded[min(n, len(recorded) - 1)]):
        draw(i, kind, v)


st.set_page_config(page_title="floor", layout="wide")
pages = [st.Page(replay, title="Overview", url_path="overview", default=True),
         *(st.Page(replay, title=f"Lesson {i}", url_path=f"lesson{i}") for i in range(1, N_PAGES))]
st.navigation(pages, expanded=True).run()
