"""First views: how long a visitor waits for a lesson's first figure, on a cold app and on a warmed one.

For each mode the app is started fresh on a free port: "cold" is plain `streamlit run app.py` (what `make run`
did before), "warm" is deploy/run_warm.py (what `make run` does now: every page opened once before "ready").
Once the server answers /_stcore/health (warm: once it printed "Ready"), Chromium (1280 × 800, issue 25) opens
each of --pages as --visitors new visitors one after another (a new browser context each), every visitor with a
new held-out sentence in the link (so the model traces it: a learner's first view of a lesson), or with
--same-sentence the app's default one. Each time is from page.goto to the first Plotly chart drawn (an SVG in
[data-testid=stPlotlyChart]), and to every chart on the page drawn with the script finished; the waits are on
those elements, bounded, never on time. Prints each visit and the median / slowest per page and mode, and writes
bench/results/first_view.json. Run it on a quiet machine: the browser and the app share its cores.

Usage: python bench/bench_first_view.py [--pages overview,self_attention] [--modes warm,bare] [--visitors 5]
                                        [--click | --click-only]
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
    if mode == "bare":  # the baseline: one slider and one 5×5 heatmap (bench_class.BARE), the app's config
        import tempfile

        from bench.bench_class import BARE

        script = Path(tempfile.mkdtemp()) / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        proc = server.start(port, script, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    elif mode != "warm":
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
    context = browser.new_context(viewport={"width": 1280, "height": 800})
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


def click_through(browser, url: str, pages: list[str]) -> dict[str, dict[str, float]]:
    """A learner already in the app (``url`` open, its figures drawn) clicks each of ``pages`` in the sidebar, as a
    class does when the teacher says "now open lesson 4": from the click to the new lesson's title, its first
    figure drawn, and all its figures drawn with the script finished."""
    from ui import toc

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    out: dict[str, dict[str, float]] = {}
    try:
        page.goto(url)
        page.wait_for_function(ALL, timeout=WAIT_MS)
        for slug in pages:
            title = f"{toc.number(slug)}."
            page.locator(f"[data-testid=stSidebarNavLink][href$='/{slug}']").first.click()
            t0 = time.perf_counter()
            shown = (f"() => [...document.querySelectorAll('h1')].some(h => h.textContent.startsWith('{title}'))")
            page.wait_for_function(shown, timeout=WAIT_MS)
            t_title = time.perf_counter() - t0
            page.wait_for_function(f"() => ({shown})() && ({FIRST})()", timeout=WAIT_MS)
            t_first = time.perf_counter() - t0
            page.wait_for_function(f"() => ({shown})() && ({ALL})()", timeout=WAIT_MS)
            out[slug] = {"title_s": round(t_title, 2), "first_figure_s": round(t_first, 2),
                         "all_figures_s": round(time.perf_counter() - t0, 2)}
    finally:
        context.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="overview,self_attention,multi_head,cross_attention,generation",
                    help="lessons (slugs), comma-separated; the issue's tour by default")
    ap.add_argument("--modes", default="warm,bare",
                    help="warm (make run), cold (streamlit run, no warming), bare (a bare page: the baseline)")
    ap.add_argument("--visitors", type=int, default=5, help="new visitors per page and mode")
    ap.add_argument("--same-sentence", action="store_true", help="every visitor the app's default sentence")
    ap.add_argument("--click", action="store_true",
                    help="also: each visitor, in the app on the first page, clicks through the others in the sidebar")
    ap.add_argument("--click-only", action="store_true", help="only the clicks (implies --click): no new visitors")
    args = ap.parse_args(argv)
    args.click = args.click or args.click_only
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    from bench.bench_class import sentence_pool

    pool = iter(sentence_pool())
    pages = args.pages.split(",")
    results: dict[str, dict] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        for mode in args.modes.split(","):
            port = server.free_port()
            proc = start(mode, port)
            try:
                if mode == "bare":  # its one page, opened as the lessons are, by new visitors
                    visits = [visit(browser, f"http://127.0.0.1:{port}/") for _ in range(args.visitors)]
                    results[mode] = {"bare page": {"visits": visits, **summary(visits)}}
                    continue
                for page in [] if args.click_only else pages:
                    visits = []
                    for _ in range(args.visitors):
                        sentence = "" if args.same_sentence else f"&s={quote(next(pool))}"
                        visits.append(visit(browser, f"http://127.0.0.1:{port}/{page}?lang=en{sentence}"))
                        print(mode, page, visits[-1], flush=True)
                    results.setdefault(mode, {})[page] = {"visits": visits, **summary(visits)}
                if args.click:
                    clicks: dict[str, list] = {}
                    for _ in range(args.visitors):
                        sentence = "" if args.same_sentence else f"&s={quote(next(pool))}"
                        for slug, r in click_through(browser, f"http://127.0.0.1:{port}/{pages[0]}?lang=en{sentence}",
                                                     pages[1:]).items():
                            clicks.setdefault(slug, []).append(r)
                            print(mode, "click", slug, r, flush=True)
                    results.setdefault(mode, {})["clicks"] = {slug: {"visits": v, **summary(v)}
                                                              for slug, v in clicks.items()}
            finally:
                server.stop(proc, seconds=20)
        browser.close()
    print(f"{'mode':6} {'page':16} {'first figure: median':>21} {'slowest':>8} "
          f"{'all figures: median':>20} {'slowest':>8}")
    for mode, by_page in results.items():
        for page, r in [*((f"click {k}", v) for k, v in by_page.get("clicks", {}).items()),
                        *((k, v) for k, v in by_page.items() if k != "clicks")]:
            print(f"{mode:6} {page:16} {r['first_median_s']:>20.2f}s {r['first_max_s']:>7.2f}s "
                  f"{r['all_median_s']:>19.2f}s {r['all_max_s']:>7.2f}s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"viewport": [1280, 800], "new_sentences": not args.same_sentence,
                                   "results": results}, indent=2), encoding="utf-8")
    return 0


def summary(visits: list[dict[str, float]]) -> dict[str, float]:
    import statistics

    first = [v["first_figure_s"] for v in visits]
    every = [v["all_figures_s"] for v in visits]
    return {"first_median_s": statistics.median(first), "first_max_s": max(first),
            "all_median_s": statistics.median(every), "all_max_s": max(every)}


if __name__ == "__main__":
    sys.exit(main())
