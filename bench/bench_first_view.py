"""First views: how long a visitor waits for a lesson's first figure, on a cold app and on a warmed one.

For each mode the app is started fresh on a free port: "cold" is plain `streamlit run app.py` (what `make run`
did before), "warm" is deploy/run_warm.py (what `make run` does now: every page opened once before "ready").
Once the server answers /_stcore/health (warm: once it printed "Ready"), Chromium opens PAGE as a new visitor,
then a second new visitor opens it. Each time is from page.goto to the first Plotly chart drawn (an SVG in
[data-testid=stPlotlyChart]), and to every chart on the page drawn with the script finished; the waits are on those
elements, bounded, never on time. Prints a table and writes bench/results/first_view.json.

Usage: python bench/bench_first_view.py [--page self_attention] [--modes cold,warm]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from deploy import server  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "first_view.json"
WAIT_MS = 300_000
FIRST = "() => !!document.querySelector('[data-testid=stPlotlyChart] .main-svg')"
ALL = ("() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning' && "
       "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].length > 0 && "
       "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(e => e.querySelector('.main-svg'))")


def start(mode: str, port: int) -> subprocess.Popen:
    opts = ["--browser.gatherUsageStats", "false"]
    if mode != "warm":
        proc = server.start(port, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    else:  # ready when it says so (after warming)
        proc = subprocess.Popen([sys.executable, "deploy/run_warm.py", "--port", str(port), *opts], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in proc.stdout:
            if line.startswith("Ready"):
                break
    server.wait_healthy(port, proc, 600)
    return proc


def visit(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_function(FIRST, timeout=WAIT_MS)
        first = time.perf_counter() - t0
        page.wait_for_function(ALL, timeout=WAIT_MS)
        return {"first_figure_s": round(first, 2), "all_figures_s": round(time.perf_counter() - t0, 2)}
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--page", default="self_attention")
    ap.add_argument("--modes", default="cold,warm")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        for mode in args.modes.split(","):
            port = server.free_port()
            proc = start(mode, port)
            try:
                url = f"http://127.0.0.1:{port}/{args.page}?lang=en"
                results[mode] = {"first_visitor": visit(browser, url), "second_visitor": visit(browser, url)}
            finally:
                server.stop(proc, seconds=20)
        browser.close()
    print(f"{'mode':6} {'visitor':8} {'first figure':>13} {'all figures':>12}")
    for mode, r in results.items():
        for who in ("first_visitor", "second_visitor"):
            first, every = r[who]["first_figure_s"], r[who]["all_figures_s"]
            print(f"{mode:6} {who.split('_')[0]:8} {first:>12.2f}s {every:>11.2f}s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"page": args.page, "results": results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
