"""6. Add & Norm and the feed-forward network, in one encoder layer."""

import numpy as np
import streamlit as st

from tutorial_model.layers import AddNorm, EncoderLayer, FeedForward
from tutorial_model.trace import param_name
from ui import analysis, figures, page, present, views, widgets
from ui.i18n import t

SLUG = "add_norm_ffn"
ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg
toks = trace.src_tokens

cols = widgets.shown_columns({"layer": 2, "tok": 3})
with cols["layer"]:
    L = widgets.layer_select(cfg.n_layers)
with cols["tok"]:
    i = widgets.token_select(toks, t("control.token"))
base = f"encoder.layers.{L}"
kw = dict(x_title=t("fig.dimension"), y_title=t("fig.token"), signed=True, highlight_row=i, show_values=False,
          height=max(220, 90 + 26 * len(toks)))

page.text(SLUG, "residual")
left, right = widgets.columns(2)
lower = widgets.columns(2) if present.presenting() else (left, right)  # presenting: a part per row of two
with left:
    views.tensor(trace, ("in", L, "encoder", None), toks, **kw)
with lower[0]:
    resid = views.tensor(trace, ("resid", L, "encoder", "norm1"), toks, **kw)
with right:
    views.tensor(trace, ("out", L, "encoder", "self_attn"), toks, **kw)
with lower[1]:
    normed = views.tensor(trace, ("out", L, "encoder", "norm1"), toks, **kw)

page.text(SLUG, "norm")
mean_b, std_b = analysis.layernorm_stats(resid)
mean_a, std_a = analysis.layernorm_stats(normed)
stats = {t("add_norm.mean_before"): mean_b, t("add_norm.std_before"): std_b, t("add_norm.mean_after"): mean_a,
         t("add_norm.std_after"): std_a}
widgets.figure(figures.grouped_bars(toks, stats, title=views.title(f"{base}.norm1", resid.shape,
                                                                            t("add_norm.stats")),
                                    x_title=t("fig.token"), y_title=t("add_norm.value")), key=f"{base}.norm1.stats",
               csv=(np.stack(list(stats.values())), list(stats), toks))
norm = param_name("norm", L, sublayer="norm1")  # the LayerNorm of the first Add & Norm
gamma, beta, eps = (ctx.translator.weight(norm, part) for part in ("weight", "bias", "eps"))
with widgets.by_hand(t("add_norm.check", token=widgets.md_escape(toks[i]))):
    x = resid[i].astype(np.float64)
    mu, var = x.mean(), x.var()
    ours = (x[0] - mu) / np.sqrt(var + eps) * gamma[0] + beta[0]
    st.latex(rf"\mu = \tfrac{{1}}{{{cfg.d_model}}}\sum_d x_d = {mu:.4f},\qquad "
             rf"\sigma^2 = \tfrac{{1}}{{{cfg.d_model}}}\sum_d (x_d-\mu)^2 = {var:.4f}")
    st.latex(rf"y_0 = \frac{{x_0-\mu}}{{\sqrt{{\sigma^2+\epsilon}}}}\,\gamma_0+\beta_0 = "
             rf"\frac{{{x[0]:.4f}{widgets.minus(mu)}}}{{\sqrt{{{var:.4f} + 10^{{{int(np.log10(eps))}}}}}}}"
             rf"\times {gamma[0]:.4f}{widgets.plus(beta[0])} = {ours:.4f}")
    widgets.agreement(ours, float(normed[i, 0]))

page.text(SLUG, "ffn")
pre = views.tensor(trace, ("pre", L, "encoder", "ffn"), toks, **{**kw, "x_title": t("add_norm.hidden_unit")})
hidden = views.tensor(trace, ("hidden", L, "encoder", "ffn"), toks, **{**kw, "x_title": t("add_norm.hidden_unit"),
                                                                   "signed": False})
top = figures.top_units(hidden, toks, k=8, unit=t("add_norm.hidden_unit"), highlight_row=i, width=850,
                        x_title=t("add_norm.top_rank"), y_title=t("fig.token"),
                        title=views.title(("hidden", L, "encoder", "ffn"), hidden.shape, t("add_norm.top_title", k=8)))
widgets.figure(views.freeze(top), key=f"{base}.ffn.top")  # the 512-wide map above, read: each token's 8 strongest units
zeros = analysis.zero_counts(hidden)
left, right = widgets.columns([2, 3])
with left:
    widgets.figure(figures.bars(toks, zeros, title=t("add_norm.zeros_title", d_ff=cfg.d_ff), decimals=0,
                                x_title=t("fig.token"), y_title=t("add_norm.zeros"), highlight=i),
                   key=f"{base}.ffn.zeros", csv=(zeros[None, :], [t("add_norm.zeros")], toks))
    st.caption(t("add_norm.zeros_caption", pct=f"{100 * zeros.sum() / hidden.size:.0f}", d_ff=cfg.d_ff))
with right:
    views.tensor(trace, ("out", L, "encoder", "ffn"), toks, **kw)
W_1, b_1 = (ctx.translator.weight(param_name("W_1", L, sublayer="ffn"), part) for part in ("weight", "bias"))
j = int(np.argmax(pre[i]))
with widgets.by_hand(t("add_norm.check_ffn", token=widgets.md_escape(toks[i]), j=j)):
    x = normed[i].astype(np.float64)
    lin = float(x @ W_1[:, j] + b_1[j])
    st.latex(rf"h_{{{j}}} = \max\!\left(0,\ x \cdot W_1[:, {j}] + b_1[{j}]\right) = \max(0,\ {lin - b_1[j]:.4f}"
             rf"{widgets.plus(b_1[j])}) = {max(0.0, lin):.4f}")
    widgets.agreement(max(0.0, lin), float(hidden[i, j]))

page.text(SLUG, "second")
views.tensor(trace, ("out", L, "encoder", "norm2"), toks, **kw)

widgets.show_code(AddNorm, FeedForward, EncoderLayer)
page.end(SLUG, layer=L, norm1=(gamma, beta, eps), b_1=b_1)
