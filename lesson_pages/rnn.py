"""11. The recurrent neural network: one cell per character, the hidden state h_t, the context vector c."""

from contextlib import nullcontext

import numpy as np
import streamlit as st

from tutorial_model.rnn import Encoder, RNNCell
from tutorial_model.trace import param_name
from ui import analysis, figures, loaders, page, present, state, views, widgets
from ui.i18n import t

SLUG = "rnn"
ctx, rnn, trace = page.recurrent(SLUG, "rnn")
toks = trace.src_tokens
d = rnn.model.cfg.d_hidden
H = trace["h", "encoder.cell"]  # (T_src, d)

i, j, n, shown = widgets.recurrent_selectors(toks, d)  # shown: which columns the heatmaps show

page.text(SLUG, "unrolled")
unroll = {"cell": t("rnn.unroll_cell"), "start": "h₀ = 0", "context": t("rnn.unroll_context"),
          "inputs": t("rnn.unroll_inputs")}
widgets.figure(views.unrolled(toks, labels=unroll, highlight=i, title=t("rnn.unroll_title", n=len(toks))),
               key="rnn.unrolled")

page.text(SLUG, "hidden")
cols = views.dims(n)
views.tensor(trace, ("h", "encoder.cell"), toks, cols, detail=shown, key="rnn.h",
             signed=True, zmin=-1.0, zmax=1.0, highlight_row=i, highlight_col=j if j < n else None,
             x_title=t("rnn.hidden_unit"), y_title=t("rnn.character"), show_values=False, matrix=H[:, :n])
if j >= n:
    st.caption(t("rnn.unit_outside", unit=j, n=n))

W_xh = rnn.weight(param_name("W_xh", stack="encoder.cell"), layout="Wx")  # (d, e): the paper's W_xh·x
b = rnn.weight(param_name("W_xh", stack="encoder.cell"), "bias")  # (d,)
W_hh = rnn.weight(param_name("W_hh", stack="encoder.cell"), layout="Wx")  # (d, d)
with widgets.by_hand(t("rnn.check", unit=j, token=widgets.md_escape(toks[i]), t=i + 1)):
    x = trace["x", "encoder"][i].astype(np.float64)  # (e,)
    h_prev = H[i - 1].astype(np.float64) if i > 0 else np.zeros(d)
    from_x = float(W_xh[j] @ x)
    from_h = float(W_hh[j] @ h_prev)
    a = from_x + float(b[j]) + from_h
    st.latex(rf"x_{{{i + 1}}} = {widgets.vector_latex(x)}")
    st.latex(rf"h_{{{i}}} = {widgets.vector_latex(h_prev)}")
    st.latex(rf"a_{{{i + 1},{j}}} = \underbrace{{W_{{xh}}[{j},:]\cdot x_{{{i + 1}}}}}_{{{from_x:.4f}}}"
             rf" + \underbrace{{b_{{{j}}}}}_{{{b[j]:.4f}}}"
             rf" + \underbrace{{W_{{hh}}[{j},:]\cdot h_{{{i}}}}}_{{{from_h:.4f}}} = {a:.4f}")
    st.latex(rf"h_{{{i + 1},{j}}} = \tanh({a:.4f}) = {np.tanh(a):.4f}")
    if i == 0:
        st.caption(t("rnn.check_first"))
    widgets.agreement(float(np.tanh(a)), float(H[i, j]))

page.text(SLUG, "context")
context = trace["context", "encoder"]  # (d,)
rows = trace.row_labels
left, right = widgets.columns([2, 3])
with left:
    c_rows = ["c = h_T"]
    widgets.figure(figures.heatmap(context[None, :n], c_rows, cols, signed=True, zmin=-1.0, zmax=1.0,
                                   show_values=False, height=200, width=340, x_title=t("rnn.hidden_unit"),
                                   title=views.title(("context", "encoder"), context.shape, shown)),
                   key="rnn.context", csv=(context[None, :], c_rows, views.dims(d)))
    st.caption(t("rnn.context_same", same=t("rnn.yes") if np.array_equal(context, H[-1]) else t("rnn.no")))
with right:
    views.tensor(trace, ("h", "decoder.cell"), rows, cols, detail=shown, key="rnn.s",
                 signed=True, zmin=-1.0, zmax=1.0, x_title=t("rnn.hidden_unit"), y_title=t("generation.reads_predicts"),
                 show_values=False, matrix=trace["h", "decoder.cell"][:, :n], width=520)

page.text(SLUG, "structures")
widgets.figure(views.structures(labels={"one_to_many": t("rnn.one_to_many"), "many_to_one": t("rnn.many_to_one"),
                                        "encoder_decoder": t("rnn.encoder_decoder"), "context": t("rnn.c_caption"),
                                        "input": t("rnn.input"), "output": t("rnn.output")},
                                title=t("rnn.structures_title")), key="rnn.structures")

page.text(SLUG, "toy")
present.split()  # presenting: the toy is a part of its own, under the section's text
with st.container(border=True):
    st.markdown(f"**{t('rnn.toy_title')}**")
    st.caption(t("rnn.toy_caption"))
    orders = analysis.MEMORY_TOY_ORDERS
    c1, c2, c3 = st.columns([3, 3, 2])
    with c1:
        o = widgets.choose("morder", range(len(orders)), t("rnn.toy_order"), widget="select",
                           format_func=lambda k: "  ".join(f"[{a},{b}]" for a, b in orders[k]))
    with c2:
        w = widgets.choose("mw", [round(k / 10, 2) for k in range(-10, 16)], t("rnn.toy_weight"), widget="slider")
    with c3:
        act = widgets.choose("mact", state.TOY_ACTIVATIONS, t("rnn.toy_activation"),
                             format_func=lambda a: t("rnn.toy_linear") if a == "linear" else "tanh")
    steps = analysis.memory_toy(orders[o], w, act)

    def pair(v) -> str:
        return "[" + ", ".join(f"{x:.4g}" for x in v) + "]"

    numbers, formulas = widgets.columns(2) if present.presenting() else (nullcontext(), nullcontext())
    with numbers:  # presenting: the table beside the formulas, so the toy fits one screen
        widgets.table({t("rnn.toy_step"): [str(k + 1) for k in range(len(steps))],
                       t("rnn.toy_x"): [pair(s["x"]) for s in steps],
                       t("rnn.toy_memory"): [pair(s["memory"]) for s in steps],
                       t("rnn.toy_h"): [pair(s["h"]) for s in steps],
                       t("rnn.toy_y"): [pair(s["y"]) for s in steps]})
        if present.presenting():  # under the table, where the formulas beside it leave room
            st.caption(t("rnn.toy_note"))
    f = r"\tanh" if act == "tanh" else ""
    with formulas:
        for k, s in enumerate(steps, start=1):
            x1, x2 = s["x"]
            m1, m2 = s["memory"]
            x_sum, m_sum = f"{x1:g}{widgets.plus(x2, 'g')}", f"{m1:.4g}{widgets.plus(m2, '.4g')}"
            # two aligned lines: on one, the step was wider than its column when presenting at 1366 px
            st.latex(rf"\begin{{aligned}} t={k}:\quad & h_1 = h_2 = {f}\big(({x_sum}) + {w:g}\cdot({m_sum})\big)"
                     rf" = {s['h'][0]:.4g} \\ & y = h_1 + h_2 = {s['y'][0]:.4g} \end{{aligned}}")
    if not present.presenting():
        st.caption(t("rnn.toy_note"))

page.text(SLUG, "translation")
greedy = loaders.trace(loaders.MAIN, ctx.sentence)
table = loaders.comparison()
by_model = {r["model"]: r for r in table["rows"]}
bucket = next((b for b in by_model.get("rnn", {}).get("by_length", ()) if b["lo"] <= len(toks) <= b["hi"]), None)
widgets.table({t("why.col_model"): [t("model.rnn"), t("model.transformer")],
               t("why.col_translation"): [trace.translation, greedy.translation],
               t("why.col_exact"): [f"{100 * by_model[m]['exact_match']:.1f} %" if m in by_model else "—"
                                    for m in ("rnn", "transformer")]})
if bucket and bucket["exact_match"] is not None:
    st.caption(t("rnn.bucket", lengths=bucket["lengths"], n=bucket["n"], pct=f"{100 * bucket['exact_match']:.1f}"))

widgets.show_code(RNNCell, Encoder.forward)
page.end(SLUG, trace=trace, W_xh=W_xh, b=b, W_hh=W_hh)
