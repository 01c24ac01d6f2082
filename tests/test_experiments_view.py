"""The experiments page's figures as drawn (ui.experiments): the head-importance maps and when a grid is shown once."""

from __future__ import annotations

import numpy as np

from tutorial_model import experiments as ex
from ui import experiments as xp
from ui import figures

ROWS = [f"{attn}, layer {n}" for attn in ("encoder self-attention", "decoder masked self-attention",
                                          "decoder cross-attention") for n in (0, 1)]
ROWS_ZH = [f"{attn}，第 {n} 层" for attn in ("编码器自注意力", "解码器带掩码的自注意力", "解码器交叉注意力")
           for n in (0, 1)]
COLS = [f"head {h}" for h in range(4)]


def test_head_importance_maps_are_readable_at_the_page_width():
    """Each row gets ≥ 30 px of plot (the map was a 6-row strip of ~12 px rows), the head labels stay level, the
    colour bar stands beside the plot, and every cell shows its number."""
    m = np.linspace(-0.5, 5.4, 24).reshape(6, 4)
    for rows in (ROWS, ROWS_ZH):
        fig = xp.importance_map(m, rows, COLS, title="BLEU drop when one head is knocked out (500 test sentences)",
                                x_title="Head", unit="BLEU drop", decimals=2).to_plotly_json()
        lay, tr = fig["layout"], fig["data"][0]
        plot_h = lay["height"] - lay["margin"]["t"] - lay["margin"]["b"]
        plot_w = xp.IMPORTANCE_WIDTH - lay["margin"]["l"] - lay["margin"]["r"]
        assert plot_h / len(rows) >= 30, plot_h
        assert lay["xaxis"].get("tickangle", 0) == 0
        assert tr["colorbar"].get("orientation", "v") == "v"
        assert tr.get("texttemplate") == "%{z:.2f}"
        widest = figures.text_px("−0.00", tr["textfont"]["size"])
        assert plot_w / len(COLS) >= widest + 6 and plot_h / len(rows) >= tr["textfont"]["size"] + 5


class _Trace:
    def __init__(self, patterns: dict) -> None:
        self.patterns = patterns
        self.n_layers = 1 + max(k[1] for k in patterns)

    def __getitem__(self, key):
        return self.patterns[key]


def _patterns(seed: int) -> dict:
    rng = np.random.default_rng(seed)
    return {("pattern", n, stack, module): rng.random((4, 5, 5)) for n in range(2)
            for stack, module in ex.ATTENTIONS.values()}


def test_a_grid_is_shown_once_only_when_the_two_runs_have_the_same_weights():
    a = _Trace(_patterns(0))
    assert all(xp.same_attention(a, _Trace(_patterns(0)), kind) for kind in ex.ATTENTIONS)
    changed = _patterns(0)
    stack, module = ex.ATTENTIONS["dec_cross"]
    changed["pattern", 1, stack, module] = changed["pattern", 1, stack, module].copy()
    changed["pattern", 1, stack, module][2, 0, 0] += 1e-6  # one weight of one head of the last layer
    b = _Trace(changed)
    kinds = [k for k, site in ex.ATTENTIONS.items() if site == (stack, module)]
    assert not any(xp.same_attention(a, b, k) for k in kinds)
    assert all(xp.same_attention(a, b, k) for k in ex.ATTENTIONS if k not in kinds)
