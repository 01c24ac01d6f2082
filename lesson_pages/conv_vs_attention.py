"""Foundations 3 (issue 23): the convolutional translator (ConvS2S) beside the Transformer on the learner's
sentence: how far each convolution layer reads against self-attention's full reach, parameter sharing counted
from the real kernel, one gated convolution output by hand, and the convolutional model's attention on the source."""

import math

import numpy as np
import streamlit as st

from tutorial_model.conv import ConvConfig, GatedConv
from tutorial_model.trace import act_name
from ui import conv_reach, figures, loaders, optional_model, page, views, widgets
from ui.i18n import t

SLUG = "conv_vs_attention"
SITE = "encoder.layers.{l}.conv"  # the gated convolution of encoder layer l (tutorial_model/conv.py)


def reach_figure(cfg: ConvConfig, toks: list[str], i: int) -> None:
    """Which characters position i of every encoder layer can have read, the receptive fields from ``cfg``."""
    fields = [cfg.receptive_field(layer) for layer in range(1, cfg.n_layers + 1)]
    m = conv_reach.reach(fields, len(toks), i)
    rows = [t("foundations.conv.reach_row", i=layer - 1, n=layer, f=f) for layer, f in enumerate(fields, start=1)]
    rows.append(t("foundations.conv.attn_row"))
    widgets.figure(views.heatmap(m, rows, toks, discrete=[t("foundations.conv.unread"), t("foundations.conv.read")],
                                 x_title=t("fig.token"), height=120 + 34 * len(rows),
                                 title=t("foundations.conv.reach_title", token=toks[i], k=cfg.kernel)),
                   key=f"conv.reach.{i}", csv=(m, rows, toks))
    half = (cfg.kernel - 1) // 2  # a centred window of k characters reaches this far on each side per layer
    L, T = cfg.n_layers, len(toks)
    with widgets.by_hand(t("foundations.conv.check_field", token=widgets.md_escape(toks[i]), layer=L - 1)):
        left, right = min(i, L * half), min(T - 1 - i, L * half)  # cut at the sentence's ends
        st.latex(rf"1 + l\,(k-1) = 1 + {L} \times {cfg.kernel - 1} = {cfg.receptive_field(L)};\quad "
                 rf"\min(i, l\tfrac{{k-1}}{{2}}) + 1 + \min(T-1-i, l\tfrac{{k-1}}{{2}}) = {left} + 1 + {right} = "
                 rf"{left + 1 + right}")
        widgets.agreement(left + 1 + right, int(m[L - 1].sum()))
    need = math.ceil((len(toks) - 1) / half)  # layers before the last character has read the first
    st.caption(t("foundations.conv.reach_caption", T=T, need=need, L=L, k=cfg.kernel))


def metric_line(name: str, meta: dict) -> str:
    """The checkpoint's test-split figures as training stored them, or a plain 'not stored'."""
    tm = meta.get("test_metrics") or {}
    if "exact_match" not in tm or "bleu" not in tm:
        return t("foundations.conv.metrics_missing", model=name)
    return t("foundations.conv.metrics", model=name, n=tm.get("n", "?"), exact=f"{100 * tm['exact_match']:.1f}",
             bleu=f"{tm['bleu']:.1f}")


ctx = page.begin(SLUG)
toks = ctx.trace.src_tokens
page.text(SLUG, "translate")
loaded = optional_model.load("conv", ctx.sentence)
if loaded is None:  # not trained yet: the receptive fields of the configuration training builds, the lesson's text
    page.text(SLUG, "reach")
    i = widgets.token_select(toks, t("control.token"))
    st.caption(t("foundations.conv.default_config"))
    reach_figure(ConvConfig(0, 0), toks, i)  # the dataclass's defaults: what `train --model conv` builds
    for section in ("sharing", "gate", "cross", "fails"):  # read on; their figures need the trained model
        page.text(SLUG, section)
    page.end(SLUG, exercises=False)
    st.stop()
conv, ctrace = loaded
cfg = conv.model.cfg
tf_trace = loaders.trace(loaders.MAIN, ctx.sentence)  # greedy, like the convolutional model's
ctoks = ctrace.src_tokens

names = [optional_model.label("conv"), optional_model.label(loaders.MAIN)]
widgets.table({t("foundations.conv.col_model"): names,
               t("foundations.conv.col_translation"): [ctrace.translation, tf_trace.translation],
               t("foundations.conv.col_params"): [f"{conv.n_params():,}", f"{ctx.translator.n_params():,}"]})
st.caption(metric_line(names[0], conv.meta) + " " + metric_line(names[1], ctx.translator.meta))

page.text(SLUG, "reach")
i = widgets.token_select(ctoks, t("control.token"))
reach_figure(cfg, ctoks, i)

page.text(SLUG, "sharing")
W = conv.weight(f"{SITE.format(l=0)}.conv", "weight")  # (2·d_conv, d_conv, k): Conv1d's own layout
b = conv.weight(f"{SITE.format(l=0)}.conv", "bias")  # (2·d_conv,)
share = conv_reach.sharing(W.shape, b.size, len(ctoks))
attn = ctx.translator.n_params("encoder.layers.0.self_attn")
labels = [t("foundations.conv.bar_kernel"), t("foundations.conv.bar_unshared", T=len(ctoks)),
          t("foundations.conv.bar_dense", T=len(ctoks)), t("foundations.conv.bar_attn")]
counts = [share["kernel"], share["unshared"], share["dense"], attn]
widgets.figure(views.bars(labels, counts, decimals=0, title=t("foundations.conv.sharing_title", T=len(ctoks)),
                          y_title=t("foundations.conv.numbers"), highlight=0),
               key=f"conv.sharing.{len(ctoks)}", csv=(np.array([counts]), [t("foundations.conv.numbers")], labels))
with widgets.by_hand(t("foundations.conv.check_kernel")):
    c_out, c_in, k = W.shape
    st.latex(rf"{c_out} \times {c_in} \times {k} + {b.size} = {c_out * c_in * k + b.size:,}".replace(",", r"{,}"))
    widgets.agreement(share["kernel"], conv.n_params(f"{SITE.format(l=0)}.conv"))

page.text(SLUG, "gate")
cols = widgets.shown_columns({"layer": 2, "unit": 2})
with cols["layer"]:
    L = widgets.layer_select(cfg.n_layers)
with cols["unit"]:
    c = widgets.choose("unit", range(cfg.d_conv), t("foundations.conv.channel"), widget="select")
gate = ctrace["gate", L, "encoder", "conv"]  # (T_src, d_conv): σ(B)
widgets.figure(views.heatmap(gate, ctoks, views.dims(cfg.d_conv), zmin=0.0, zmax=1.0, show_values=False,
                             highlight_row=i, highlight_col=c, x_title=t("foundations.conv.channel"),
                             y_title=t("fig.token"),
                             title=figures.tensor_title(act_name("gate", L, "encoder", "conv"), gate.shape,
                                                        human=t("foundations.conv.gate_detail", layer=L))),
               key=f"conv.gate.{L}", csv=(gate, ctoks, views.dims(cfg.d_conv)))
x_in = ctrace[act_name("in", L, sublayer=None)]  # (T_src, d_conv): what this layer's convolution reads
W_L = conv.weight(f"{SITE.format(l=L)}.conv", "weight")
b_L = conv.weight(f"{SITE.format(l=L)}.conv", "bias")
ab = conv_reach.conv_at(x_in, W_L, b_L, i)  # (2·d_conv,): [A; B] recomputed from the weights
captured = ctrace["conv", L, "encoder", "conv"][i]
with widgets.by_hand(t("foundations.conv.check_glu", token=widgets.md_escape(ctoks[i]), c=c, layer=L)):
    a_c, b_c = float(ab[c]), float(ab[cfg.d_conv + c])
    window = [j for j in range(i - cfg.kernel // 2, i + cfg.kernel // 2 + 1) if 0 <= j < len(ctoks)]
    st.latex(r"[A;B]_i = b + \sum_{m} W[:, :, m]\, x_{i - \lfloor k/2 \rfloor + m},\quad "
             rf"x \in \{{{', '.join(widgets.latex_token(ctoks[j]) for j in window)}\}}")
    st.latex(rf"A_{{{c}}} = {a_c:.4f},\quad B_{{{c}}} = {b_c:.4f},\quad "
             rf"\sigma(B_{{{c}}}) = {1 / (1 + np.exp(-b_c)):.4f}")
    ours = float(conv_reach.glu(ab)[c])
    st.latex(rf"\mathrm{{GLU}}_{{{c}}} = A_{{{c}}}\,\sigma(B_{{{c}}}) = {ours:.4f}")
    widgets.agreement(ours, float(ctrace["glu", L, "encoder", "conv"][i, c]))
    st.caption(t("foundations.conv.check_all", diff=widgets.small(float(np.abs(ab - captured).max())), n=ab.size))

page.text(SLUG, "cross")
rows = [f"{a} → {w}" for a, w in zip(ctrace.tgt_tokens, ctrace.out_tokens)]
cross = ctrace["pattern", L, "decoder", "cross_attn"][0]  # (T_tgt, T_src): the one head of ConvS2S's attention
views.tensor(ctrace, ("pattern", L, "decoder", "cross_attn"), rows, ctoks, matrix=cross, zmin=0.0, zmax=1.0,
             key=f"conv.cross.{L}", x_title=t("fig.key"), y_title=t("fig.query"))

page.text(SLUG, "fails")
field = cfg.receptive_field(cfg.n_layers)  # what one position of the top encoder layer can have read
by_len = {name: {int(n): m for n, m in ((meta.get("test_metrics") or {}).get("by_length") or {}).items()}
          for name, meta in zip(names, (conv.meta, ctx.translator.meta))}
if not all(by_len.values()):  # a checkpoint trained without its test-split figures: nothing measured to show
    st.caption(t("foundations.conv.metrics_missing", model=names[0] if not by_len[names[0]] else names[1]))
    widgets.show_code(GatedConv, conv_reach.reach, conv_reach.conv_at)
    page.end(SLUG, trace=ctrace, cfg=cfg)  # the exercises read the convolutional model's own trace
    st.stop()
lengths = sorted(set.intersection(*(set(b) for b in by_len.values())))
exact = {name: [100 * b[n]["exact_match"] for n in lengths] for name, b in by_len.items()}
widgets.figure(figures.lines(lengths, exact, title=t("foundations.conv.fails_title"),
                             x_title=t("foundations.conv.fails_x"), y_title=t("foundations.conv.fails_y"),
                             vlines={t("foundations.conv.fails_field", f=field): field + 0.5}, markers=True),
               key="conv.fails", csv=(np.array(list(exact.values())), names, [str(n) for n in lengths]))
split = {name: conv_reach.by_reach(b, field) for name, b in by_len.items()}
st.caption(t("foundations.conv.fails_caption", f=field, n_in=split[names[0]]["within"]["n"],
             n_out=split[names[0]]["beyond"]["n"],
             **{f"{key}_{side}": f"{100 * split[name][side]['exact_match']:.1f}"
                for key, name in zip(("conv", "tf"), names) for side in ("within", "beyond")}))

widgets.show_code(GatedConv, conv_reach.reach, conv_reach.conv_at, conv_reach.by_reach)
page.end(SLUG, trace=ctrace, cfg=cfg)  # the exercises read the convolutional model's own trace
