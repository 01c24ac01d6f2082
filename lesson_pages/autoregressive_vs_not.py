"""Foundations 4 (issue 23): the non-autoregressive Transformer beside the autoregressive one on the learner's
sentence: its length head, its one-pass output against the step-by-step one (repeated and missing words marked),
the decoder passes each needs and the time each takes, both measured live."""

import numpy as np
import streamlit as st

from tutorial_model import slips
from tutorial_model.nat import LengthHead, NonAutoregressive
from ui import loaders, one_pass, optional_model, page, views, widgets
from ui.i18n import t

SLUG = "autoregressive_vs_not"
REPEATS = 5  # timed decodings per model; the median is shown
SHOWN = 0.005  # lengths less probable than this (they would read 0.00) are left off the right of the figure

ctx = page.begin(SLUG)
tf = loaders.trace(loaders.MAIN, ctx.sentence)  # greedy: one word per step, each step reading the words before

page.text(SLUG, "steps")
steps = [f"{a} → {w}" for a, w in zip(tf.tgt_tokens, tf.out_tokens)]
p_tf = tf["probs", "generator"][np.arange(len(tf.out_tokens)), tf.decoding.ids]  # (T,): p of each chosen word
widgets.figure(views.bars(steps, p_tf, title=t("foundations.nat.steps_title", n=len(steps)),
                          x_title=t("foundations.nat.step"), y_title=t("foundations.nat.p_chosen")),
               key=f"nat.steps.{len(steps)}", csv=(p_tf[None, :], [t("foundations.nat.p_chosen")], steps))

page.text(SLUG, "length")
with widgets.by_hand(t("foundations.nat.check_step", word=widgets.md_escape(tf.out_tokens[0]))):
    z = tf["logits", "generator"][0].astype(np.float64)  # (V,): the first step's logits
    y = tf.decoding.ids[0]
    top = float(z.max())
    log_sum = top + float(np.log(np.exp(z - top).sum()))  # log Σ_v e^{z_v}, shifted so nothing overflows
    st.latex(rf"p(y_1) = e^{{z_y - \log\sum_v e^{{z_v}}}} = e^{{{z[y]:.4f} - {log_sum:.4f}}} = "
             rf"{np.exp(z[y] - log_sum):.4f}")
    widgets.agreement(float(np.exp(z[y] - log_sum)), float(p_tf[0]))

loaded = optional_model.load("nat", ctx.sentence)
if loaded is None:  # not trained yet: the step-by-step side and the lesson's text; the figures need the model
    for section in ("outputs", "passes", "multimodality"):
        page.text(SLUG, section)
    page.end(SLUG, exercises=False)
    st.stop()
nat, ntrace = loaded

probs = ntrace["probs", "length"]  # (max_len,): p(m) for m = 0 … max_len − 1 positions, <eos> included
m = max(1, int(np.argmax(probs)))  # what decoding uses (nat.py clamps to at least one position)
m_tf = len(tf.decoding.ids)
# lengths 1 … last: up to the last one with any visible probability, and past both lengths the caption names
last = min(len(probs) - 1, max(m, m_tf, int(np.nonzero(probs >= SHOWN)[0].max())) + 1)
shown = probs[1:last + 1]
lengths = [str(n) for n in range(1, last + 1)]
widgets.figure(views.bars(lengths, shown, highlight=sorted({m - 1, min(m_tf, last) - 1}), decimals=2,
                          title=t("foundations.nat.length_title"), x_title=t("foundations.nat.positions"),
                          y_title=t("foundations.nat.p_length")),
               key="nat.length", csv=(shown[None, :], [t("foundations.nat.p_length")], lengths))
st.caption(t("foundations.nat.length_caption", m=m, p=f"{probs[m]:.3f}", tf=m_tf))

page.text(SLUG, "outputs")
words, ref = ntrace.out_tokens, tf.out_tokens
repeats = slips.adjacent_repeats(words)
lost = slips.missing(ref, words)
p_nat = ntrace["probs", "generator"][np.arange(len(words)), ntrace.decoding.ids]  # (m,): p of each word written
labels = [f"{i} · {w}" for i, w in enumerate(words)]
widgets.figure(views.bars(labels, p_nat, highlight=repeats, title=t("foundations.nat.outputs_title", n=len(words)),
                          x_title=t("foundations.nat.position"), y_title=t("foundations.nat.p_chosen")),
               key=f"nat.outputs.{len(words)}", csv=(p_nat[None, :], [t("foundations.nat.p_chosen")], labels))
n_rows = max(len(words), len(ref))
widgets.table({t("foundations.nat.position"): list(range(n_rows)),
               optional_model.label("nat"): [words[i] if i < len(words) else "" for i in range(n_rows)],
               optional_model.label(loaders.MAIN): [ref[i] if i < len(ref) else "" for i in range(n_rows)],
               t("foundations.nat.col_note"): [t("foundations.nat.repeat") if i in repeats else ""
                                               for i in range(n_rows)]})
st.caption(t("foundations.nat.repeats_caption", n=len(repeats)) + " "
           + (t("foundations.nat.missing_caption", n=len(lost), words=", ".join(widgets.md_escape(w) for w in lost))
              if lost else t("foundations.nat.missing_none")))

page.text(SLUG, "passes")
src_ids = nat.tokenizer.encode_sentences(ctx.sentence)[1][0].ids
tf_model = ctx.translator
with nat.lock:
    nat_ids, nat_passes = one_pass.decoder_passes(nat.model, src_ids)
    nat_s = one_pass.decode_seconds(nat.model, src_ids, REPEATS)
tf_src = tf_model.tokenizer.encode_sentences(ctx.sentence)[1][0].ids
with tf_model.lock:
    tf_ids, tf_passes = one_pass.decoder_passes(tf_model.model, tf_src)
    tf_s = one_pass.decode_seconds(tf_model.model, tf_src, REPEATS)
names = [optional_model.label("nat"), optional_model.label(loaders.MAIN)]
left, right = widgets.columns(2)
with left:
    widgets.figure(views.bars(names, [nat_passes, tf_passes], decimals=0, title=t("foundations.nat.passes_title"),
                              y_title=t("foundations.nat.passes")), key="nat.passes")
with right:
    ms = [1000 * nat_s, 1000 * tf_s]
    widgets.figure(views.bars(names, ms, decimals=1, title=t("foundations.nat.time_title", r=REPEATS),
                              y_title=t("foundations.nat.ms")), key="nat.time")
st.caption(t("foundations.nat.time_caption", nat=f"{ms[0]:.1f}", tf=f"{ms[1]:.1f}", n_tf=len(tf_ids),
             n_nat=len(nat_ids)))
with widgets.by_hand(t("foundations.nat.check_passes")):
    st.latex(rf"n_{{\mathrm{{AR}}}} = |y| = {len(tf_ids)},\qquad n_{{\mathrm{{NAT}}}} = 1")
    widgets.agreement(len(tf_ids), tf_passes)
    widgets.agreement(1, nat_passes)

page.text(SLUG, "multimodality")
stored = [(name, (meta.get("test_metrics") or {})) for name, meta in zip(names, (nat.meta, ctx.translator.meta))]
if all("slips" in tm for _, tm in stored):  # counted on the test split at training (evaluate.score, slips.shares)
    widgets.table({t("foundations.nat.col_model"): [name for name, _ in stored],
                   # two decimals: the Transformer's 0.04 % must not read as 0.0 %
                   t("foundations.nat.col_repeat"): [f"{100 * tm['slips']['repeat']:.2f} %" for _, tm in stored],
                   t("foundations.nat.col_missing"): [f"{100 * tm['slips']['missing']:.2f} %" for _, tm in stored]})
    st.caption(t("foundations.nat.slips_caption", n=stored[0][1].get("n", "?")))
widgets.show_code(LengthHead, NonAutoregressive.start, slips.adjacent_repeats, one_pass.decoder_passes, slips.shares)
page.end(SLUG, trace=ntrace, cfg=nat.model.cfg, tf_trace=tf)  # the one-pass model's trace, the Transformer's beside
