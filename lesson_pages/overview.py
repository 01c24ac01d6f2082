"""1. Overview: the encoder–decoder diagram with this sentence flowing through it, and the model's facts."""

import numpy as np
import streamlit as st

from tutorial_model.tokenizer import SPECIALS
from tutorial_model.transformer import Transformer
from tutorial_model.translator import Translator
from ui import diagram_fit, figures, page, present, unsure, views, widgets
from ui.i18n import t

SLUG = "overview"
DIAGRAM_PRESENT = (1100, 560)  # px: the narrowest presentation frame's width; a height under a 1366×768 frame's
ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg

labels = {k: t(f"diagram.{k}") for k in figures.ARCHITECTURE_LABELS}
diagram = views.architecture(trace.src_tokens, trace.tgt_tokens, trace.out_tokens, n_layers=cfg.n_layers,
                             labels=labels, title=t("overview.diagram_title"))
# laid out for the size it is drawn at (long sentences wrap in their column): 720 px wide on the page; presenting,
# the frame's width (1100 px at the narrowest, a 1280-px screen) and a height that fits a 1366×768 frame
presenting = present.presenting()
diagram = diagram_fit.fit(diagram, width=DIAGRAM_PRESENT[0] if presenting else widgets.WIDE,
                          height=DIAGRAM_PRESENT[1] if presenting else present.WIDE_FIGURE_HEIGHT,
                          max_scale=1.5 if presenting else 1.0)
with widgets.wide():  # on a phone it scrolls sideways rather than overlapping itself
    widgets.figure(diagram, key="architecture", width="stretch" if presenting else widgets.WIDE, projector=False)
page.text(SLUG, "flow")

widgets.new_part()
st.subheader(t("overview.facts"))
meta = ctx.translator.meta
metrics = meta.get("test_metrics") or {}
facts = [(t("overview.params"), f"{ctx.translator.n_params():,}", None), ("d_model", cfg.d_model, None),
         (t("overview.heads"), f"{cfg.n_heads} × d_k {cfg.d_head}", None),
         (t("overview.layers"), f"{cfg.n_layers} + {cfg.n_layers}", None), ("d_ff", cfg.d_ff, None),
         (t("overview.vocab"), f"{cfg.src_vocab_size} / {cfg.tgt_vocab_size}",  # tokens, the 4 special ones included
          t("overview.vocab_help", zh=cfg.src_vocab_size - len(SPECIALS), en=cfg.tgt_vocab_size - len(SPECIALS),
            special=len(SPECIALS)))]
if metrics:
    facts += [(t("overview.exact"), f"{100 * metrics['exact_match']:.1f} %", t("overview.exact_help", n=metrics["n"])),
              ("BLEU", f"{metrics['bleu']:.1f}", t("overview.bleu_help"))]
if "train_config" in meta:
    facts.append((t("overview.steps"), f"{meta['train_config'].get('steps', 0):,}", None))
if "train_seconds" in meta:
    facts.append((t("overview.train_time"), f"{meta['train_seconds']:.0f} s", None))
for row in range(0, len(facts), 4):
    for col, (label, value, help_text) in zip(st.columns(4), facts[row:row + 4]):
        col.metric(label, value, help=help_text, border=True)
if not metrics:
    st.info(t("overview.no_metrics"))

curve = meta.get("curve") or []
if curve:
    # as arrays: the figure cache hashes its arguments on every view, and a list of floats hashes item by item
    steps, losses = np.array([p["step"] for p in curve]), np.array([p["loss"] for p in curve])
    widgets.figure(views.lines(steps, {t("overview.loss"): losses}, title=t("overview.curve_title"),
                               x_title=t("overview.step"), y_title=t("overview.loss"), height=300),
                   key="training_curve")
page.text(SLUG, "training")  # how it was trained, and why the loss above never reaches 0
page.text(SLUG, "limits")  # what it can and cannot do, measured on the hand-written everyday set
worst = (meta.get("everyday_metrics") or {}).get("worst") or []
if worst:
    widgets.table({t("overview.col_zh"): [w["zh"] for w in worst[:6]],
                   t("overview.col_reference"): [w["reference"] for w in worst[:6]],
                   t("overview.col_output"): [w["output"] or "∅" for w in worst[:6]]})

unsure.overview_panel(trace, meta)

page.text(SLUG, "tensors")
tensors = widgets.folded(t("overview.all_tensors", n=len(trace.arrays)), "_x.all_tensors")
if tensors is not None:  # a table of ~100 rows costs more than the rest of the page's facts: made only when opened
    shapes = trace.shapes()
    tensors.dataframe({t("overview.col_name"): list(shapes),
                       t("overview.col_shape"): [str(s) for s in shapes.values()]}, hide_index=True, height=360)

with widgets.by_hand(t("overview.check_what")):
    d, f = cfg.d_model, cfg.d_ff
    attn, ffn, norms = 4 * d * d, d * f + f + f * d + d, 2 * 2 * d
    st.latex(rf"\underbrace{{4 \cdot {d}^2}}_{{W_Q,W_K,W_V,W_O}} + \underbrace{{{d}\cdot{f} + {f} + {f}\cdot{d} + {d}}}"
             rf"_{{W_1,b_1,W_2,b_2}} + \underbrace{{2\cdot 2\cdot {d}}}_{{\gamma,\beta}} = {attn + ffn + norms:,}")
    widgets.agreement(attn + ffn + norms, ctx.translator.n_params("encoder.layers.0"))

widgets.show_code(Transformer, Translator.run_with_trace)
page.end(SLUG)
