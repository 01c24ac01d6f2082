"""What a lesson's figures cost the browser under Streamlit's plotly theme and with their colour bars.

The figures of one learner's self-attention page are recorded from the app (bench/floor.py: the JSON as sent) and
drawn on a two-page Streamlit app, once per variant: as the app sends them (theme="streamlit"), with
theme=None, without colour bars, and both. Chromium (1280 × 800) opens the first page, then clicks the figures'
page in the sidebar, as a learner clicks a lesson; the time is from the click to every chart drawn with the
script finished (waits on the elements, bounded). Variants are interleaved; prints medians and ratios.

Usage: python bench/bench_plotly_theme.py [--clicks 12]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_class as bc  # noqa: E402
import floor  # noqa: E402

from deploy import server  # noqa: E402

VARIANTS = {"as sent": ("streamlit", True), "theme=None": (None, True), "no colour bars": ("streamlit", False),
            "both": (None, False)}
PAGE = '''
import json
from pathlib import Path

import streamlit as st

from ui.frozen_figure import FrozenFigure

FIGS = json.loads((Path(__file__).parent / "figures.json").read_text(encoding="utf-8"))
VARIANTS = {VARIANTS!r}


def draw(theme, bars):
    st.title("Figures")
    for i, (spec, config) in enumerate(FIGS):
        if not bars:
            spec = {{**spec, "data": [{{**d, "showscale": False}} for d in spec["data"]]}}
        st.plotly_chart(FrozenFigure(spec), key=f"f{{i}}", config=config, theme=theme, width="stretch")


def page(n, theme, bars):
    def run():
        draw(theme, bars)
    run.__name__ = f"variant{{n}}"
    return st.Page(run, title=f"Variant {{n}}", url_path=f"variant{{n}}")


def home():
    st.title("Home")
    st.plotly_chart(FrozenFigure({{"data": [{{"type": "bar", "y": [1, 2]}}], "layout": {{}}}}), key="home")


st.navigation([st.Page(home, title="Home", default=True),
               *(page(n, *v) for n, v in enumerate(VARIANTS.values()))]).run()
'''
DRAWN = ("() => [...document.querySelectorAll('h1')].some(h => h.textContent.startsWith('Figures')) && "
         "document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning' && "
         "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].length >= {n} && "
         "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(e => e.querySelector('.main-svg'))")


def record_figures() -> list:
    """The figures (spec, config) of self-attention, step 1 of the tour, for a new sentence."""
    app = bc.Server("app.py", {}, 10)
    try:
        warm_up, sentence = bc.sentence_pool()[:2]
        bc.warm(app.url, True, warm_up)
        steps = floor.record_tour(app.url, sentence)
    finally:
        app.stop()
    return [v for kind, v in steps[bc.TOUR.index("self_attention")] if kind == "plotly"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clicks", type=int, default=12, help="clicks per variant")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    figures = record_figures()
    folder = Path(tempfile.mkdtemp())
    (folder / "figures.json").write_text(json.dumps(figures), encoding="utf-8")
    (folder / "app.py").write_text(PAGE.format(VARIANTS=VARIANTS), encoding="utf-8")
    port = server.free_port()  # started from the app's folder: its config; ui/ from PYTHONPATH
    proc = server.start(port, folder / "app.py", env={"PYTHONPATH": str(ROOT)}, cwd=ROOT,
                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    try:
        server.wait_healthy(port, proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            for _ in range(args.clicks):
                for n, name in enumerate(VARIANTS):
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{port}/")
                    page.wait_for_function("() => !!document.querySelector('[data-testid=stPlotlyChart] .main-svg')",
                                           timeout=60_000)
                    page.locator(f"[data-testid=stSidebarNavLink][href$='/variant{n}']").first.click()
                    t0 = time.perf_counter()
                    page.wait_for_function(DRAWN.format(n=len(figures)), timeout=60_000)
                    times[name].append(time.perf_counter() - t0)
                    context.close()
            browser.close()
    finally:
        server.stop(proc)
    base = statistics.median(times["as sent"])
    print(f"{len(figures)} figures of self-attention, {args.clicks} clicks per variant (click → all drawn):")
    for name, xs in times.items():
        print(f"  {name:15} median {statistics.median(xs):.3f} s  [{min(xs):.3f}–{max(xs):.3f}]  "
              f"{statistics.median(xs) / base:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
