"""4. Self-attention, one head of the encoder: X·W_Q, X·W_K, X·W_V, QKᵀ/√d_k, softmax, × V."""

import numpy as np
import streamlit as st

from tutorial_model.attention import MultiHeadAttention
from tutorial_model.trace import param_name
from ui import loaders, page, views, widgets
from ui.i18n import t

SLUG = "self_attention"
ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg
toks = trace.src_tokens

L, h, i = widgets.attention_selectors(cfg, toks, t("control.query"))
site = (L, "encoder", "self_attn")  # trace key: (layer, stack, sublayer)

page.text(SLUG, "qkv")
X = views.tensor(trace, ("in", L, "encoder", None), toks, highlight_row=i, x_title=t("fig.dimension"),
                 y_title=t("fig.token"))
cols = widgets.columns(3)
for col, part in zip(cols, "qkv"):
    with widgets.figures_fill(views.PART_HEIGHT), col:  # presenting: the three maps fill their part
        views.tensor(trace, (part, *site), toks, head=h, highlight_row=i, x_title=t("fig.dimension"),
                     y_title=t("fig.token"), show_values=False, width=272)  # a third of the page at 1280 px

W_Q = ctx.translator.weight(param_name("W_Q", L))  # paper's W_Q: (d_model, d_model)
col0 = h * cfg.d_head
with widgets.by_hand(t("self_attention.check_q", token=toks[i], head=h)):
    ours = float(X[i] @ W_Q[:, col0])
    st.latex(rf"X_{{{i}}} = {widgets.vector_latex(X[i])}")
    st.latex(rf"W_Q[:, {col0}] = {widgets.vector_latex(W_Q[:, col0])}^\top")
    st.latex(rf"Q_{{{i},{col0}}} = X_{{{i}}} \cdot W_Q[:, {col0}] = \sum_{{d=0}}^{{{cfg.d_model - 1}}} X_{{{i},d}}\,"
             rf"W_Q[d, {col0}] = {ours:.4f}")
    widgets.agreement(ours, float(trace["q", *site][h, i, 0]))

page.text(SLUG, "scores")
scores, pattern = views.attention_pair(trace, site, h, toks, toks, i, t("fig.query"), t("fig.key"))
j = int(np.argmax(pattern[i]))
with widgets.by_hand(t("self_attention.check_score", q=toks[i], k=toks[j])) as box:
    q, k = trace["q", *site][h, i], trace["k", *site][h, j]
    views.score_by_hand(q, k, float(scores[i, j]), toks[i], toks[j])
    box.more()  # presenting: the softmax table on a screen of its own
    views.softmax_by_hand(scores[i], pattern[i], toks)

page.text(SLUG, "z")
left, right = widgets.columns([2, 3])
with left:
    title = views.title(("pattern", *site), trace["pattern", *site].shape, t("fig.head", n=h),
                                 t("fig.row", token=toks[i]))
    views.weights_bar(pattern[i], toks, title, key=f"encoder.layers.{L}.self_attn.weights",
                      width=320)  # two fifths of the page at 1280 px
with right:
    Z = views.tensor(trace, ("z", *site), toks, head=h, highlight_row=i, x_title=t("fig.dimension"),
                     y_title=t("fig.token"), show_values=False)
with widgets.by_hand(t("self_attention.check_z", token=toks[i])):
    V = trace["v", *site][h]
    ours = float(pattern[i] @ V[:, 0])
    pairs = [f"{w:.3f}\\cdot({v:.3f})" for w, v in zip(pattern[i], V[:, 0])]
    terms = " + ".join(pairs if len(pairs) <= 4 else pairs[:2] + [r"\dots"] + pairs[-1:])
    st.latex(rf"Z_{{{i},0}} = \sum_j a_{{{i}j}} V_{{j,0}} = {terms} = {ours:.4f}")
    widgets.agreement(ours, float(Z[i, 0]))

page.text(SLUG, "scaling")
# Folded: a toy, not the learner's tensors, and two of the page's ten figures, the browser's slowest part of a click
toy = widgets.folded(t("self_attention.toy_open"), "_toy.scaling", shown_when_presenting=True,
                     icon=":material/science:")
if toy is not None:
    with toy:
        d_ks = [1, 4, 16, 64, 256, 1024]
        exp = loaders.toy_scaling(tuple(d_ks))
        marks = {f"d_k = {cfg.d_head}": cfg.d_head}  # this model's d_k on both plots
        left, right = widgets.columns(2)
        with left:
            widgets.figure(views.lines(d_ks, {t("self_attention.var_raw"): exp["var_raw"],
                                                t("self_attention.var_scaled"): exp["var_scaled"]},
                                         title=t("self_attention.toy_var"), x_title="d_k",
                                         y_title=t("self_attention.var"), log_x=True, log_y=True, markers=True,
                                         vlines=marks), key="toy_variance")
        with right:
            widgets.figure(views.lines(d_ks, {t("self_attention.maxp_raw"): exp["maxp_raw"],
                                                t("self_attention.maxp_scaled"): exp["maxp_scaled"]},
                                         title=t("self_attention.toy_softmax"), x_title="d_k",
                                         y_title=t("self_attention.maxp"), log_x=True, markers=True,
                                         vlines=marks), key="toy_softmax")
        st.caption(t("self_attention.toy_caption"))

widgets.show_code(MultiHeadAttention.forward, MultiHeadAttention.split_heads)
page.end(SLUG)
