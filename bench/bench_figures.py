"""What one Plotly figure costs the server on every rerun, by JSON engine.

``st.plotly_chart`` turns the figure into a dict (plotly.tools.return_figure_from_figure_or_data) and the dict
into JSON (plotly.io.to_json) on every rerun, cached figure or not, in the server's script thread (GIL-bound: a
class's reruns queue behind it). Plotly uses orjson when it is installed (engine "auto") and the standard
library's json otherwise. This script times that path for the figures of a lesson tour on one real trace, with
each engine, in the same run, and prints the ratio. No browser, no server; loopback-free.

Usage: python bench/bench_figures.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.io as pio  # noqa: E402
import plotly.tools  # noqa: E402

from tutorial_model.translator import Translator  # noqa: E402
from ui import figures  # noqa: E402


def tour_figures(trace) -> dict:
    """Figures like those of the lessons' tour: attention grids, a single head, a vector heatmap, the diagram."""
    src, tgt = trace.src_tokens, trace.tgt_tokens
    enc = [[trace.layer("encoder", layer, "self_attn.hook_pattern")[h] for h in range(4)] for layer in range(2)]
    cross = [[trace.layer("decoder", layer, "cross_attn.hook_pattern")[h] for h in range(4)] for layer in range(2)]
    grid = {"grid_rows": ["layer 0", "layer 1"], "grid_cols": [f"head {h}" for h in range(4)]}
    emb = trace["encoder.hook_memory"]  # (T, d_model): the encoder output, shaped like every vector heatmap
    dims = [str(i) for i in range(emb.shape[1])]
    labels = dict.fromkeys(figures.ARCHITECTURE_LABELS, "box")
    return {
        "encoder self-attention, 2 × 4 heads": figures.small_multiples(enc, src, src, title="enc", **grid),
        "cross-attention, 2 × 4 heads": figures.small_multiples(cross, tgt, src, title="cross", **grid),
        "one head": figures.heatmap(enc[0][0], src, src, title="head"),
        f"embeddings ({emb.shape[0]} × {emb.shape[1]})": figures.heatmap(emb, src, dims, title="embed",
                                                                          show_values=False),
        "architecture diagram": figures.architecture(src, tgt, trace.out_tokens, n_layers=2, labels=labels),
    }


def cost_ms(fig, repeat: int) -> float:
    """Median ms of what st.plotly_chart does with a figure before sending it."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        pio.to_json(plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True), validate=False)
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--sentence", default="他们有两只黑色的狗")
    args = ap.parse_args()
    trace = Translator.load().run_with_trace(args.sentence)
    figs = tour_figures(trace)
    try:
        import orjson  # noqa: F401
        engines = ("json", "orjson")
    except ImportError:
        engines = ("json",)
        print("orjson is not installed: only the standard library's json is measured")
    totals = dict.fromkeys(engines, 0.0)
    print(f"{'figure':<40}" + "".join(f"{e + ' ms':>12}" for e in engines))
    for name, fig in figs.items():
        row = []
        for engine in engines:
            pio.json.config.default_engine = engine
            ms = cost_ms(fig, args.repeat)
            totals[engine] += ms
            row.append(ms)
        print(f"{name:<40}" + "".join(f"{ms:>12.2f}" for ms in row))
    print(f"{'all':<40}" + "".join(f"{totals[e]:>12.2f}" for e in engines))
    if len(engines) == 2:
        print(f"orjson / json: {totals['orjson'] / totals['json']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
