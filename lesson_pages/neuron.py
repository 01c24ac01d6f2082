"""Foundations 1 (issue 23): one unit of the trained FFN on the learner's characters; activation functions and
their derivatives; where sigmoid would saturate, measured on this layer's own pre-activations."""

import numpy as np
import streamlit as st

from tutorial_model import foundations as fd
from tutorial_model.layers import FeedForward
from tutorial_model.trace import act_name, param_name
from ui import figures, page, views, widgets
from ui.i18n import t

SLUG = "neuron"
FLAT = 0.01  # "all but flat": a derivative this small passes on a hundredth of the gradient
NAMES = {"sigmoid": "sigmoid σ(z)", "tanh": "tanh(z)", "relu": "ReLU max(0, z)", "swish": "Swish z·σ(z)",
         "gelu": "GELU z·Φ(z)"}  # the functions' own names, the same in every language

ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg
toks = trace.src_tokens

cols = widgets.shown_columns({"layer": 2, "unit": 2, "tok": 3})
with cols["layer"]:
    L = widgets.layer_select(cfg.n_layers)
with cols["unit"]:
    on = (trace[act_name("hidden", L, sublayer="ffn")] > 0).sum(axis=0)  # (d_ff,): characters each unit is on for
    labels = [t("foundations.unit_n", n=k, on=int(on[k]), T=len(toks)) for k in range(cfg.d_ff)]  # made once, here
    j = widgets.choose("unit", range(cfg.d_ff), t("foundations.unit"), widget="select", format_func=labels.__getitem__)
with cols["tok"]:
    i = widgets.token_select(toks, t("control.token"))
ffn = param_name("W_1", L, sublayer="ffn")
W_1, b_1 = (ctx.translator.weight(ffn, part) for part in ("weight", "bias"))  # (d_model, d_ff), (d_ff,)
x = trace[act_name("out", L, sublayer="norm1")]  # (T, d_model): post-norm, the FFN reads the first Add & Norm
pre = trace[act_name("pre", L, sublayer="ffn")]  # (T, d_ff): x W_1 + b_1
hidden = trace[act_name("hidden", L, sublayer="ffn")]  # (T, d_ff): ReLU of it

page.text(SLUG, "unit")
w = W_1[:, j]
widgets.figure(views.heatmap(w[None, :], [f"W_1[:, {j}]"], views.dims(cfg.d_model), signed=True, show_values=False,
                             height=230, x_title=t("fig.dimension"),
                             title=figures.tensor_title(f"{ffn}.weight", W_1.shape, human=t(
                                 "foundations.weights_detail", j=j, layer=L, b=f"{b_1[j]:.4f}".replace("-", "−")))),
               key=f"{ffn}.col{j}", csv=(w[None, :], [f"W_1[:, {j}]"], views.dims(cfg.d_model)))
series = {t("foundations.z"): pre[:, j], t("foundations.relu_out"): hidden[:, j]}
widgets.figure(views.grouped_bars(toks, series, title=t("foundations.unit_title", j=j, layer=L),
                                  x_title=t("fig.token"), y_title=t("foundations.value")),
               key=f"neuron.{L}.{j}", csv=(np.stack(list(series.values())), list(series), toks))
with widgets.by_hand(t("foundations.check_unit", token=widgets.md_escape(toks[i]), j=j)):
    terms = x[i].astype(np.float64) * w.astype(np.float64)  # (d_model,): x_d · w_d
    z = float(fd.pre_activation(x[i:i + 1], W_1, b_1, j)[0])
    st.latex(rf"x \cdot W_1[:, {j}] = \sum_{{d=0}}^{{{cfg.d_model - 1}}} x_d w_d = "
             rf"{widgets.signed_sum(terms[:3])} + \dots{widgets.plus(terms[-1])} = {terms.sum():.4f}")
    st.latex(rf"z = x \cdot W_1[:, {j}] + b_1[{j}] = {terms.sum():.4f}{widgets.plus(b_1[j])} = {z:.4f}")
    st.latex(rf"\mathrm{{ReLU}}(z) = \max(0,\ {z:.4f}) = {max(z, 0.0):.4f}")
    widgets.agreement(z, float(pre[i, j]))

page.text(SLUG, "activations")
zs = np.linspace(-6, 6, 241)
curves = fd.activation_curves(zs)
lo, hi = (float(v) for v in np.percentile(pre, [1, 99]))  # where this layer's pre-activations lie
marks = {t("foundations.p1"): lo, t("foundations.p99"): hi}
left, right = widgets.columns(2)
with left:
    widgets.figure(views.lines(zs, {NAMES[n]: f for n, (f, _) in curves.items()}, title=t("foundations.act_title"),
                               x_title="z", y_title="f(z)", height=420, vlines=marks), key="activations")
with right:
    widgets.figure(views.lines(zs, {NAMES[n]: df for n, (_, df) in curves.items()}, title=t("foundations.grad_title"),
                               x_title="z", y_title="f′(z)", height=420, vlines=marks), key="activation_grads")
st.caption(t("foundations.range_caption", layer=L, lo=f"{lo:.2f}", hi=f"{hi:.2f}"))

page.text(SLUG, "saturation")
shares = fd.flat_share(pre, FLAT)
edge = fd.sigmoid_flat_beyond(FLAT)
widgets.figure(views.bars([NAMES[n] for n in shares], [100 * s for s in shares.values()], decimals=1,
                          title=t("foundations.flat_title", thr=FLAT, n=pre.size, layer=L),
                          x_title=t("foundations.function"), y_title=t("foundations.share")),
               key=f"flat.{L}", csv=(np.array([list(shares.values())]), [t("foundations.share")], list(shares)))
sig_d = fd.ACTIVATIONS["sigmoid"][1](pre.astype(np.float64))  # (T, d_ff): σ′ at every real pre-activation
st.caption(t("foundations.flat_caption", edge=f"{edge:.2f}", sig=f"{100 * shares['sigmoid']:.1f}",
             relu=f"{100 * shares['relu']:.1f}", mean=f"{sig_d.mean():.3f}"))
k = np.unravel_index(int(np.argmax(np.abs(pre))), pre.shape)  # (position, unit) of the largest |z| here
zk = float(pre[k])
with widgets.by_hand(t("foundations.check_sigmoid", token=widgets.md_escape(toks[k[0]]), j=int(k[1]))):
    s = 1 / (1 + np.exp(-zk))
    st.latex(rf"\sigma({zk:.3f}) = \frac{{1}}{{1 + e^{{{-zk:.3f}}}}} = {s:.5f},\qquad "
             rf"\sigma'(z) = \sigma(1-\sigma) = {s:.5f} \times {1 - s:.5f} = {s * (1 - s):.5f}")

widgets.show_code(FeedForward, fd.pre_activation, fd.flat_share)
page.end(SLUG, layer=L, b_1=b_1)  # the exercises read the layer shown
