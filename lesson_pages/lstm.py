"""12. LSTM: the forget, input and output gates, the candidate and the cell state, step by step."""

from contextlib import nullcontext

import numpy as np
import streamlit as st

from tutorial_model.rnn import LSTMCell
from ui import analysis, figures, figures_rnn, loaders, page, present, state, views, widgets
from ui.i18n import t

SLUG = "lstm"
ctx, lstm, trace = page.recurrent(SLUG, "lstm")
toks = trace.src_tokens
d = lstm.model.cfg.d_hidden
GATES = {  # hook → (symbol, name, colour range)
    "f": ("f_t", t("lstm.forget"), (0.0, 1.0)),
    "i": ("i_t", t("lstm.input"), (0.0, 1.0)),
    "g": ("g_t", t("lstm.candidate"), (-1.0, 1.0)),
    "o": ("o_t", t("lstm.output"), (0.0, 1.0)),
    "c": ("c_t", t("lstm.cell"), None),
    "h": ("h_t", t("lstm.hidden"), (-1.0, 1.0)),
}
A = {k: trace[k, "encoder.cell"] for k in GATES}  # each (T_src, d)

i, j, n, shown = widgets.recurrent_selectors(toks, d)  # shown: which columns the heatmaps show

page.text(SLUG, "unrolled")
unroll = {"cell": t("lstm.unroll_cell"), "start": "h₀ = c₀ = 0", "context": t("lstm.unroll_context"),
          "inputs": t("rnn.unroll_inputs")}
widgets.figure(views.unrolled(toks, labels=unroll, highlight=i, lstm=True, title=t("lstm.unroll_title", n=len(toks))),
               key="lstm.unrolled")

page.text(SLUG, "gates")
cols = views.dims(n)
height = max(240, 110 + 28 * len(toks))
for pair in (("f", "i"), ("g", "o"), ("c", "h")):
    for col, k in zip(widgets.columns(2), pair):
        symbol, name, scale = GATES[k]
        lo, hi = scale if scale else (None, None)
        with col:
            views.tensor(trace, (k, "encoder.cell"), toks, cols, key=f"lstm.{k}", matrix=A[k][:, :n],
                         detail=f"{symbol}: {name}, {shown}", zmin=lo, zmax=hi,
                         signed=k in ("g", "c", "h"), highlight_row=i, highlight_col=j if j < n else None,
                         x_title=t("rnn.hidden_unit"), y_title=t("rnn.character"), show_values=False, height=height,
                         cached=True)
if j >= n:
    st.caption(t("rnn.unit_outside", unit=j, n=n))
f_mean = A["f"].mean()
st.caption(t("lstm.gate_stats", f=f"{f_mean:.2f}", i=f"{A['i'].mean():.2f}", o=f"{A['o'].mean():.2f}",
             keep=f"{100 * (A['f'] > 0.9).mean():.0f}"))

page.text(SLUG, "follow")
widgets.figure(figures_rnn.token_lines(toks, {f"{GATES[k][0]} ({GATES[k][1]})": A[k][:, j] for k in GATES},
                                 title=views.title(("|".join(GATES), "encoder.cell"), A["f"].shape,
                                                            t("rnn.unit_n", n=j)),
                                 x_title=t("rnn.character"), y_title=t("lstm.value"), highlight=i),
               key="lstm.follow", csv=(np.stack([A[k][:, j] for k in GATES]), [GATES[k][0] for k in GATES], toks))

with widgets.by_hand(t("lstm.check", unit=j, token=widgets.md_escape(toks[i]), t=i + 1)):
    f, ig, g, o = (float(A[k][i, j]) for k in "figo")
    c_prev = float(A["c"][i - 1, j]) if i > 0 else 0.0
    c_ours = f * c_prev + ig * g
    h_ours = o * float(np.tanh(c_ours))
    tt = i + 1
    st.latex(rf"c_{{{tt}}} = f_{{{tt}}}\,c_{{{tt - 1}}} + i_{{{tt}}}\,g_{{{tt}}} = {f:.4f}\times({c_prev:.4f})"
             rf" + {ig:.4f}\times({g:.4f}) = {f * c_prev:.4f}{widgets.plus(ig * g)} = {c_ours:.4f}")
    widgets.agreement(c_ours, float(A["c"][i, j]))
    st.latex(rf"h_{{{tt}}} = o_{{{tt}}}\tanh(c_{{{tt}}}) = {o:.4f}\times\tanh({c_ours:.4f}) = {o:.4f}\times"
             rf"{np.tanh(c_ours):.4f} = {h_ours:.4f}")
    widgets.agreement(h_ours, float(A["h"][i, j]))
    if i == 0:
        st.caption(t("lstm.check_first"))

page.text(SLUG, "calculator")
presenting = present.presenting()
present.split()  # presenting: the calculator is a part of its own, under the section's text
with st.container(border=True):
    st.markdown(f"**{t('lstm.calc_title')}**")
    st.caption(t("lstm.calc_caption"))
    presets = {"keep": (0.8, 1.0, 0.0, 0.5, 1.0), "forget": (0.8, 0.0, 0.0, 0.5, 1.0),
               "write": (0.8, 0.0, 1.0, 0.9, 1.0), "hide": (0.8, 1.0, 0.0, 0.5, 0.0)}

    def apply(values) -> None:
        for name, v in zip(("lc", "lf", "li", "lg", "lo"), values):
            state.set(name, v)

    with st.container(horizontal=True):
        st.button(t("lstm.preset_keep"), on_click=apply, args=(presets["keep"],), key="_b.preset.keep")
        st.button(t("lstm.preset_forget"), on_click=apply, args=(presets["forget"],), key="_b.preset.forget")
        st.button(t("lstm.preset_write"), on_click=apply, args=(presets["write"],), key="_b.preset.write")
        st.button(t("lstm.preset_hide"), on_click=apply, args=(presets["hide"],), key="_b.preset.hide")
    tenths = [round(k / 20, 2) for k in range(0, 21)]
    if presenting:  # one screen: the five sliders in one row, the formulas beside the chart
        c_at, f_at, g_at, i_at, o_at = widgets.columns(5)
    else:  # c_t = f·c_{t−1} (kept) + i·g (written); h_t = o·tanh(c_t) (shown)
        keep, write, show = widgets.columns(3)
        c_at, f_at, g_at, i_at, o_at = keep, keep, write, write, show
    with c_at:
        cp = widgets.choose("lc", [round(k / 10, 2) for k in range(-30, 31)], t("lstm.calc_cprev"), widget="slider")
    with f_at:
        fv = widgets.choose("lf", tenths, t("lstm.calc_f"), widget="slider")
    with g_at:
        gv = widgets.choose("lg", [round(k / 20, 2) for k in range(-20, 21)], t("lstm.calc_g"), widget="slider")
    with i_at:
        iv = widgets.choose("li", tenths, t("lstm.calc_i"), widget="slider")
    with o_at:
        ov = widgets.choose("lo", tenths, t("lstm.calc_o"), widget="slider")
    r = analysis.lstm_step(cp, fv, iv, gv, ov)
    formulas, chart = widgets.columns([3, 2]) if presenting else (nullcontext(), nullcontext())
    with formulas:
        st.latex(rf"c_t = f_t\,c_{{t-1}} + i_t\,g_t = {fv:g}\times({cp:g}) + {iv:g}\times({gv:g}) = {r['keep']:.4f}"
                 rf"{widgets.plus(r['write'])} = {r['c']:.4f}")
        st.latex(rf"h_t = o_t\tanh(c_t) = {ov:g}\times\tanh({r['c']:.4f}) = {ov:g}\times{r['tanh_c']:.4f} = "
                 rf"{r['h']:.4f}")
    labels = [t("lstm.bar_kept"), t("lstm.bar_written"), "c[t]", "tanh(c[t])", "h[t]"]
    values = [r["keep"], r["write"], r["c"], r["tanh_c"], r["h"]]
    # presenting: laid out for its column (two fifths of the page, in larger type), under the box's own title
    fig = figures.bars(labels, values, title="" if presenting else t("lstm.calc_fig"), highlight=[2, 4],
                       y_title=t("lstm.value"), height=320, decimals=3, **({"width": 420} if presenting else {}))
    if not presenting:
        fig.layout.xaxis.tickangle = 0  # five short labels fit side by side
    with chart:
        widgets.figure(fig, key="lstm.calculator", max_height=240)

page.text(SLUG, "translation")
rnn_trace = page.needs_checkpoint(SLUG, loaders.trace, "rnn", ctx.sentence)
table = loaders.comparison()
by_model = {r["model"]: r for r in table["rows"]}
bucket = {m: next((b for b in r["by_length"] if b["lo"] <= len(toks) <= b["hi"]), None) for m, r in by_model.items()}
group = bucket.get("lstm") or bucket.get("rnn") or {"lo": len(toks), "hi": len(toks)}  # the length group shown


def pct(m: str) -> str:
    b = bucket.get(m)
    return "—" if not b or b["exact_match"] is None else f"{100 * b['exact_match']:.1f} %"


widgets.table({t("why.col_model"): [t("model.rnn"), t("model.lstm")],
               t("why.col_translation"): [rnn_trace.translation, trace.translation],
               t("why.col_exact"): [f"{100 * by_model[m]['exact_match']:.1f} %" if m in by_model else "—"
                                    for m in ("rnn", "lstm")],
               t("lstm.col_bucket", lo=group["lo"], hi=group["hi"], n=len(toks)): [pct("rnn"), pct("lstm")]})

widgets.show_code(LSTMCell)
page.end(SLUG, trace=trace)
