"""8. Decoder masked self-attention: the shifted input, the causal mask, −∞ before the softmax."""

import numpy as np
import streamlit as st

from tutorial_model import padding
from tutorial_model.tokenizer import detokenize_en
from tutorial_model.transformer import causal_mask, padding_mask, target_mask
from ui import figures, loaders, page, views, widgets
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

page.text(SLUG, "padding")
pad = loaders.padding_run(trace.meta["text"])  # the sentence alone and in a padded batch, with and without the mask
rows = pad.tokens
st.markdown(t("masked.pad_batch", other=widgets.token_chips(pad.other), n=len(pad.other), pads=pad.n_pad))
left, right = widgets.columns(2)
with left:
    m = pad.masked_scores[L, h]
    key = ("masked_scores", L)
    widgets.figure(figures.heatmap(m, rows, rows, x_title=t("fig.key"), y_title=t("fig.query"), signed=True,
                                   title=views.title(key, (2, *pad.masked_scores.shape[1:]), t("fig.head", n=h),
                                                     t("masked.pad_with"))),
                   key=f"pad.{trace.name(key)}.{h}", csv=(m, rows, rows))
with right:
    p = pad.pattern_unmasked[L, h]
    key = ("pattern", L)
    widgets.figure(figures.heatmap(p, rows, rows, x_title=t("fig.key"), y_title=t("fig.query"), zmin=0.0, zmax=1.0,
                                   title=views.title(key, (2, *pad.pattern_unmasked.shape[1:]), t("fig.head", n=h),
                                                     t("masked.pad_without"))),
                   key=f"pad.{trace.name(key)}.{h}.unmasked", csv=(p, rows, rows))
tok = ctx.translator.tokenizer
said = {k: detokenize_en(tok.decode_target(ids)) for k, ids in
        (("alone", pad.output_alone), ("with", pad.output), ("without", pad.output_unmasked))}
widgets.table({t("masked.pad_col_what"): [t("masked.pad_row_weight", layer=L, head=h), t("masked.pad_row_memory"),
                                          t("masked.pad_row_translation")],
              t("masked.pad_col_with"): [widgets.small(pad.pad_weight(True)[L, h]), widgets.small(pad.memory_diff),
                                         said["with"]],
              t("masked.pad_col_without"): [f"{pad.pad_weight(False)[L, h]:.3f}", f"{pad.memory_diff_unmasked:.3f}",
                                            said["without"]]})
changed = pad.output_unmasked != pad.output_alone
st.caption(t("masked.pad_caption", alone=widgets.md_escape(said["alone"]),
             then=t("masked.pad_changed") if changed else t("masked.pad_same")))

widgets.show_code(causal_mask, padding_mask, target_mask, padding.run)
page.end(SLUG)
