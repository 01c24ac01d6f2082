"""8. Decoder masked self-attention: the shifted input, the causal mask, −∞ before the softmax."""

import numpy as np
import streamlit as st

from tutorial_model.transformer import causal_mask, padding_mask, target_mask
from ui import figures, page, views, widgets
from ui.i18n import t

SLUG = "masked_attention"
ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg
toks, outs = trace.tgt_tokens, trace.out_tokens

page.text(SLUG, "shift")
widgets.table({t("masked.col_pos"): list(range(len(toks))), t("masked.col_reads"): toks,
              t("masked.col_predicts"): outs})

L, h, i = widgets.attention_selectors(cfg, toks, t("control.query"))
site = (L, "decoder", "self_attn")

page.text(SLUG, "mask")
left, right = widgets.columns(2)
with left:
    mask = trace["mask", *site]
    widgets.figure(figures.heatmap(mask.astype(float), toks, toks, x_title=t("fig.key"), y_title=t("fig.query"),
                                   title=views.title(("mask", *site), mask.shape, t("masked.mask_detail")),
                                   decimals=0, highlight_row=i, discrete=(t("mask.blocked"), t("mask.allowed"))),
                   key=trace.name(("mask", *site)), csv=(mask, toks, toks))
with right:
    views.tensor(trace, ("scores", *site), toks, toks, head=h, signed=True, highlight_row=i,
                 x_title=t("fig.key"), y_title=t("fig.query"), detail=t("masked.before"))

page.text(SLUG, "softmax")
masked, pattern = views.attention_pair(trace, site, h, toks, toks, i, t("fig.query"), t("fig.key"), masked=True)
with widgets.by_hand(t("masked.check", token=toks[i])):
    views.softmax_by_hand(masked[i], pattern[i], toks)
    st.caption(t("masked.check_future", n=int((~mask[i]).sum()), future=widgets.small(pattern[i][~mask[i]].sum())))

page.text(SLUG, "teacher")
steps = trace.decoding.steps
if steps:
    probs = trace["probs", "generator"]
    diffs = [float(np.abs(s.probs - probs[k]).max()) for k, s in enumerate(steps[:len(probs)])]
    with widgets.by_hand(t("masked.check_teacher")):
        widgets.table({t("masked.col_pos"): list(range(len(diffs))), t("masked.col_reads"): toks[:len(diffs)],
                      t("masked.col_diff"): [widgets.small(d) for d in diffs]})
        st.caption(t("masked.teacher_caption", max=widgets.small(max(diffs))))

widgets.show_code(causal_mask, padding_mask, target_mask)
page.end(SLUG)
