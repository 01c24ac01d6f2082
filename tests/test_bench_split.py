"""bench/bench_split.py puts each py-spy sample in the part of the server it was spent in."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
import bench_split as bs  # noqa: E402

SERVER = 'process 100:"python -m streamlit run app.py"'
SCRIPT = "thread (7): ScriptRunner.scriptThread"
RUN = "ScriptRunner._run_script (streamlit/runtime/scriptrunner/script_runner.py:961)"
PAGE = "<module> (self_attention.py:52)"  # a lesson page, named without its folder as py-spy shows it
HEATMAP = "heatmap (ui/views.py:70)"
SPEC = "spec (ui/figures.py:169)"
PLOTLY = "PlotlyMixin.plotly_chart (streamlit/elements/plotly_chart.py:500)"
WRAP = "gather_metrics.<locals>.wrapped_func (streamlit/runtime/metrics_util.py:400)"
GET = "get (ui/state.py:253)"
MAPPING = "Mapping.get (<frozen _collections_abc>:774)"
PROXY = "SessionStateProxy.__getitem__ (streamlit/runtime/state/session_state_proxy.py:100)"
TO_DICT = "FrozenFigure.to_dict (ui/frozen_figure.py:39)"

# (stack, count, the part it must land in, the detail): the stacks are written out by hand, one per rule
CASES = [
    ([SERVER, SCRIPT, RUN, "<module> (app.py:23)", PAGE, HEATMAP, SPEC, "dumps (json/__init__.py:231)"], 7,
     "app's own code", SPEC),
    ([SERVER, SCRIPT, RUN, PAGE, HEATMAP, "figure (ui/widgets.py:119)", WRAP, PLOTLY, "md5 (<frozen>:1)"], 5,
     "Streamlit, called by the app", "PlotlyMixin.plotly_chart (streamlit/elements/plotly_chart.py)"),
    # the stdlib between the app and Streamlit does not make Streamlit's work the app's
    ([SERVER, SCRIPT, RUN, PAGE, GET, MAPPING, PROXY], 3, "Streamlit, called by the app",
     "SessionStateProxy.__getitem__ (streamlit/runtime/state/session_state_proxy.py)"),
    # the app's code that Streamlit calls back is the app's again
    ([SERVER, SCRIPT, RUN, PAGE, "figure (ui/widgets.py:119)", WRAP, PLOTLY, TO_DICT], 2, "app's own code", TO_DICT),
    ([SERVER, SCRIPT, RUN, "ScriptRunner._on_script_finished (streamlit/runtime/scriptrunner/script_runner.py:1)"],
     4, "script runner", None),
    ([SERVER, "thread (1): MainThread", "BaseEventLoop._run_once (asyncio/base_events.py:1907)"], 11,
     "event loop, other threads", None),
    ([SERVER, 'process 101:"python -c from multiprocessing.spawn import spawn_main"', "thread (1): MainThread",
      "Linear.forward (torch/nn/modules/linear.py:134)"], 6, "model worker", None),
    (['process 101:"python -c from multiprocessing.spawn import spawn_main"', "thread (1): MainThread",
      "Pool.run (ui/workers.py:308)"], 1, "model worker", None),
]


def _bare() -> frozenset[str]:
    return frozenset({"app.py", "self_attention.py"})


def test_each_stack_lands_in_its_part():
    for stack, _, part, detail in CASES:
        assert bs.part_of(stack, 100, _bare()) == (part, detail), stack


def test_split_adds_the_counts_of_each_part_and_detail():
    lines = [";".join(stack) + f" {n}\n" for stack, n, _, _ in CASES] + ["\n", "not a stack line\n"]
    parts, details = bs.split(lines, 100, _bare())
    for part in bs.PARTS:
        assert parts[part] == sum(n for _, n, p, _ in CASES if p == part), part
    assert sum(parts.values()) == sum(n for _, n, _, _ in CASES)
    assert details["app's own code"] == {SPEC: 7, TO_DICT: 2}
    assert sum(details["Streamlit, called by the app"].values()) == 8


def test_app_files_name_every_lesson_page_and_the_entry_script():
    names = bs.app_files()
    assert "app.py" in names and "self_attention.py" in names and "floor_app.py" in names
    assert len([n for n in names if n.endswith(".py")]) == len(list((BENCH.parent / "lesson_pages").glob("*.py"))) + 2
    assert bs.is_app("ui/figures.py", names) and not bs.is_app("streamlit/elements/plotly_chart.py", names)
