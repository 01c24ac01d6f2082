"""9. Cross-attention: which Chinese characters each English position looks at."""

import numpy as np
import streamlit as st

from tutorial_model.layers import DecoderLayer
from ui import experiments as xp
from ui import page, present, views, widgets
from ui.i18n import t

SLUG = "cross_attention"
ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg
src = trace.src_tokens
rows = [f"{a} → {b}" for a, b in zip(trace.tgt_tokens, trace.out_tokens)]

L, h, i = widgets.attention_selectors(cfg, rows, t("cross.query"))
site = (L, "decoder", "cross_attn")  # trace key: (layer, stack, sublayer)

page.text(SLUG, "pattern")
pattern = trace["pattern", *site]
wide = len(src) > 12  # a long sentence: the two maps one above the other, full width, every character ≥ 11 px
pair = None if wide else widgets.columns(2)
with widgets.columns(1)[0] if wide else pair[0]:
    views.tensor(trace, ("pattern", *site), rows, src, head=h, zmin=0.0, zmax=1.0, highlight_row=i,
                 x_title=t("cross.source"), y_title=t("generation.reads_predicts"), width=850 if wide else 450)
with widgets.columns(1)[0] if wide else pair[1]:  # wide and presenting: a part of its own (both: 287 px too tall)
    mean = pattern.mean(axis=0)
    widgets.figure(views.heatmap(mean, rows, src, zmin=0.0, zmax=1.0, highlight_row=i,
                                   x_title=t("cross.source"), y_title=t("generation.reads_predicts"),
                                   title=views.title(("pattern", *site), pattern.shape, t("cross.mean")),
                                   width=850 if wide else 450),
                   key=f"decoder.layers.{L}.cross_attn.mean", csv=(mean, rows, src))

# the causal test beside the row: block the row's most-weighted character and measure the chosen word again
present.split()  # presenting: the caveat and the test on a part of their own, after the two maps
st.markdown(t("truth.caveat"))
j_top = int(np.argmax(mean[i]))
probs = xp.block_effect(ctx.sentence, trace.decoding.ids, j_top)
if probs is None:
    st.caption(t("truth.block_one_char"))
else:
    p, q = float(probs[0][i]), float(probs[1][i])
    st.markdown(t("truth.block_effect", char=widgets.md_escape(src[j_top]), layer=L, weight=f"{mean[i, j_top]:.2f}",
                  word=widgets.md_escape(trace.out_tokens[i]), p=f"{p:.3f}", q=f"{q:.3f}", change=f"{q - p:+.3f}"))
xp.causal_link(j_top, widgets.md_escape(src[j_top]))

page.text(SLUG, "all")
views.all_heads(trace, "decoder", "cross_attn", cfg.n_layers, cfg.n_heads, rows, src, layer=L, head=h,
                x_title=t("cross.source"), y_title=t("generation.reads_predicts"), key="cross.all")

page.text(SLUG, "alignment")
widgets.table({t("cross.col_predicts"): trace.out_tokens,
              t("cross.col_looks"): [src[int(np.argmax(r))] for r in mean],
              t("cross.col_weight"): [f"{r.max():.2f}" for r in mean]})

scores = trace["scores", *site][h]
j = int(np.argmax(pattern[h, i]))
with widgets.by_hand(t("cross.check", q=widgets.md_escape(rows[i]), k=widgets.md_escape(src[j]))) as box:
    q, k = trace["q", *site][h, i], trace["k", *site][h, j]
    views.score_by_hand(q, k, float(scores[i, j]), rows[i], src[j])
    box.more()  # presenting: the softmax table on a screen of its own
    views.softmax_by_hand(trace["masked_scores", *site][h, i], pattern[h, i], src)

widgets.show_code(DecoderLayer.forward)
page.end(SLUG)
