"""13. Why attention won: gradient flow, sequential steps, path length, accuracy by length, alignment."""

import os
import time

import numpy as np
import streamlit as st

from tutorial_model import compare
from tutorial_model.rnn import AdditiveAttention
from tutorial_model.trace import param_name
from ui import experiments as xp
from ui import figures, figures_rnn, loaders, optional_model, page, present, seed_spread, state, views, widgets
from ui.i18n import t

SLUG = "why_attention"
ctx = page.begin(SLUG)
sentence = ctx.sentence
T = len(ctx.trace.src_tokens)
MODEL = {"rnn": t("model.rnn"), "lstm": t("model.lstm"), "lstm_attn": t("model.lstm_attn"),
         "transformer": t("model.transformer"), "conv": optional_model.label("conv"),
         "nat": optional_model.label("nat")}
table = loaders.comparison()
missing = [m for m in table["missing"] if m in compare.ALL_MODELS]  # the Foundations' two are optional here
if missing:
    page.needs_checkpoint(SLUG, loaders.translator, missing[0])  # says how to build it and stops
rows = {r["model"]: r for r in table["rows"]}
names = [m for m in compare.ALL_MODELS if m in rows]  # the gradient and path figures: recurrence against attention
tabled = names + [m for m in compare.ALSO_COMPARED if m in rows]  # the table and accuracy by length: all trained
traces = {m: page.needs_checkpoint(SLUG, loaders.trace, m, sentence) for m in (*compare.MODELS, *tabled[len(names):])}
traces["transformer"] = loaders.trace(loaders.MAIN, sentence)  # greedy, like the recurrent models

seed_data = seed_spread.data()


def seed_cell(model: str) -> str:
    span = seed_spread.seed_span(seed_data, model)
    if span is None:
        return t("why.one_seed")
    return t("why.seed_span", lo=f"{span[0]:.2f}", hi=f"{span[1]:.2f}", n=seed_spread.n_seeds(seed_data, model))


page.text(SLUG, "models")
widgets.table({t("why.col_model"): [MODEL[m] for m in tabled],
               t("why.col_translation"): [traces[m].translation for m in tabled],
               t("why.col_params"): [f"{rows[m]['n_params']:,}" for m in tabled],
               t("why.col_exact"): [f"{100 * rows[m]['exact_match']:.1f} %" for m in tabled],
               t("why.col_seeds"): [seed_cell(m) for m in tabled],
               "BLEU": [f"{rows[m]['bleu']:.1f}" for m in tabled]})
st.caption(t("why.models_caption", n=rows[names[0]]["n_test"], k=len(tabled)) + " " + t("why.seeds_caption"))

# ---- gradient flow --------------------------------------------------------------------------------------------
page.text(SLUG, "gradient")
target = widgets.choose("grad", state.GRADIENT_TARGETS, t("why.grad_target"),
                        format_func=lambda g: t("why.grad_logprob") if g == "logprob" else t("why.grad_context"))
grads = loaders.gradients(sentence, target, tuple(names))
dist = grads[names[0]]["distance"]
order = np.argsort(dist)  # nearest the end of the sentence first
fig = figures.lines(np.asarray(dist)[order], {MODEL[m]: grads[m]["relative"][order] for m in names},
                    title=t("why.grad_title_logprob") if target == "logprob" else t("why.grad_title_context"),
                    x_title=t("why.distance"), y_title=t("why.relative"), log_y=True, markers=True, height=400)
fig.update_xaxes(dtick=1, range=[-0.5, T - 0.5], zeroline=False)  # every whole step
widgets.figure(fig, key=f"why.grad.{target}",
               csv=(np.stack([grads[m]["grad_norm"] for m in names]), [MODEL[m] for m in names],
                    [f"{tok} (d={k})" for tok, k in zip(ctx.trace.src_tokens, dist)]))
if T >= 4:
    ratio = {m: f"{grads[m]['grad_norm'][0] / max(float(grads[m]['grad_norm'][-1]), 1e-30):.2f}" for m in names}
    st.caption(t("why.grad_summary", t=T, rnn=ratio["rnn"], lstm=ratio["lstm"], attn=ratio["lstm_attn"],
                 tf=ratio["transformer"], tok=widgets.md_escape(ctx.trace.src_tokens[0])))
else:
    st.caption(t("why.grad_short"))
if T < 16 and not state.is_hidden("s"):  # a class link that fixes the sentence keeps it
    st.button(t("why.try_long"), on_click=lambda: state.propose(loaders.longest_test_sentence()),
              icon=":material/straighten:", key="_b.long")

page.text(SLUG, "derivatives")
act = compare.activation_derivatives()
left, right = widgets.columns(2)
with left:
    derivs = {"σ′(x)": act["d_sigmoid"], "tanh′(x)": act["d_tanh"], "ReLU′(x)": act["d_relu"]}
    widgets.figure(views.lines(act["x"], derivs, title=t("why.deriv_title"), x_title="x",
                               y_title=t("why.derivative"), height=380, dashes=True), key="why.derivatives")
with right:
    ks = np.arange(25)
    widgets.figure(views.power_lines(ks, {f"{f:g}ᵏ": compare.vanishing_product(25, f) for f in (0.25, 0.9, 1.0, 1.5)},
                                     title=t("why.product_title"), x_title=t("why.steps_k"), y_title=t("why.product"),
                                     log_y=True, height=380, vlines={t("why.your_length", t=T): T}),
                   key=f"why.product.{T}")

page.text(SLUG, "clipping")
rnn_meta = loaders.translator("rnn").meta.get("train_config", {})
g = np.array([3.0, 4.0])
left, right = widgets.columns([2, 3])
with left:
    tau = widgets.choose("clip", [round(k / 2, 2) for k in range(1, 17)], t("why.clip_threshold"), widget="slider")
    res = compare.clip_gradient(g, tau)
    st.latex(rf"\|g\| = \sqrt{{3^2 + 4^2}} = {res['norm']:g}")
    # two lines each: in a two-fifths column on one line, the first nearly filled it and was cut where narrower
    st.latex(rf"\begin{{aligned}} s &= \min\!\left(1, \frac{{\text{{max\_norm}}}}{{\|g\|}}\right)"
             rf" \\ &= \min\!\left(1, \frac{{{tau:g}}}{{{res['norm']:g}}}\right) = {res['scale']:.4g}"
             rf"\end{{aligned}}")
    st.latex(rf"\begin{{aligned}} g &\leftarrow s\,g = [{res['clipped'][0]:.4g},\ {res['clipped'][1]:.4g}]"
             rf" \\ \|g\| &= {res['clipped_norm']:.4g} \end{{aligned}}")
    st.caption(t("why.clip_caption", norm=rnn_meta.get("clip_norm", "—")))
with right:
    widgets.figure(figures_rnn.clip_arrows(g, res["clipped"], tau, title=t("why.clip_title"),
                                           labels={"original": t("why.clip_original"),
                                                   "clipped": t("why.clip_clipped"),
                                                   "threshold": t("why.clip_circle", tau=tau)}),
                   key="why.clip")

# ---- sequential vs parallel --------------------------------------------------------------------------------
page.text(SLUG, "parallel")
n_layers = ctx.cfg.n_layers
seq = {m: compare.sequential_steps(m, T, n_layers) for m in names}
widgets.table({t("why.col_model"): [MODEL[m] for m in names],
               t("why.col_enc_steps", t=T): [str(seq[m]["encoder"]) for m in names],
               t("why.col_train_steps", t=T): [str(seq[m]["decoder_training"]) for m in names],
               t("why.col_gen_steps", t=T): [str(seq[m]["decoder_generation"]) for m in names]})
lengths = (2, 4, 8, 12, 16, 20, 24)
c1, c2 = st.columns([2, 3], vertical_alignment="bottom")
with c1:
    batch = widgets.choose("tbatch", (1, 32), t("why.batch"))
with c2:
    measure = st.button(t("why.measure"), icon=":material/timer:", type="primary", key="_b.measure")
if measure:
    with st.spinner(t("why.measuring")):
        measured = loaders.forward_times(lengths, batch)
        st.session_state.setdefault(state.TIMING, {})[batch] = (measured, time.strftime("%H:%M:%S"))
timing = st.session_state.get(state.TIMING, {}).get(batch)
if timing is None:
    st.info(t("why.not_measured"), icon=":material/timer:")
else:
    result, when = timing
    left, right = widgets.columns(2)
    for col, what, title in ((left, "encode_ms", t("why.time_encode", b=batch)),
                             (right, "forward_ms", t("why.time_forward", b=batch))):
        with col:
            series = {MODEL[m]: [r[what] for r in result[m]] for m in result}
            widgets.figure(figures.lines(lengths, series, title=title, x_title=t("why.length"), y_title="ms",
                                         markers=True, height=380, vlines={t("why.your_length", t=T): T}),
                           key=f"why.time.{what}.{batch}",
                           csv=(np.array(list(series.values())), list(series), [str(x) for x in lengths]))
    last = {m: result[m][-1] for m in result}
    st.caption(t("why.time_summary", t=lengths[-1], **{k: f"{last[m]['encode_ms']:.2f}" for k, m in
                                                       (("rnn", "rnn"), ("lstm", "lstm"), ("tf", "transformer"))},
                 **{f"{k}_f": f"{last[m]['forward_ms']:.2f}" for k, m in
                    (("rnn", "rnn"), ("lstm", "lstm"), ("tf", "transformer"))}))
    st.caption(t("why.time_caption", when=when, cores=os.cpu_count(), b=batch))

page.text(SLUG, "path")
Ts = np.arange(1, 25)
left, right = widgets.columns([3, 2], join=True)  # presenting: under the section's heading and its few lines
with left:
    widgets.figure(views.lines(Ts, {f"{MODEL['rnn']}, {MODEL['lstm']}, {MODEL['lstm_attn']}":
                                    [compare.max_path_length("rnn", int(x)) for x in Ts],
                                    MODEL["transformer"]: [compare.max_path_length("transformer", int(x)) for x in Ts]},
                               title=t("why.path_title"), x_title=t("why.length"), y_title=t("why.hops"), markers=True,
                               height=360, vlines={t("why.your_length", t=T): T}), key=f"why.path.{T}")
with right:
    widgets.table({t("why.col_model"): [MODEL[m] for m in names],
                   t("why.col_path_source", t=T): [str(compare.max_path_length(m, T, "source")) for m in names],
                   t("why.col_path_output"): [str(compare.max_path_length(m, T, "output")) for m in names]})

# ---- accuracy by length ------------------------------------------------------------------------------------
page.text(SLUG, "accuracy")
buckets = table["buckets"]
exact = {MODEL[m]: [100 * (b["exact_match"] if b["exact_match"] is not None else np.nan) for b in rows[m]["by_length"]]
         for m in tabled}
widgets.figure(views.grouped_bars(buckets, exact, title=t("why.acc_title"), x_title=t("why.acc_x"),
                                    y_title=t("why.acc_y"), height=400),
               key="why.accuracy", csv=(np.array(list(exact.values())), list(exact), buckets))
counts = [str(b["n"]) for b in rows[names[0]]["by_length"]]
widgets.table({t("why.acc_x"): buckets, t("why.col_pairs"): counts,
               **{MODEL[m]: [f"{v:.1f}" for v in exact[MODEL[m]]] for m in tabled}})
st.caption(t("why.acc_caption", rnn=f"{rows['rnn']['train_seconds']:.0f}", lstm=f"{rows['lstm']['train_seconds']:.0f}",
             attn=f"{rows['lstm_attn']['train_seconds']:.0f}", tf=f"{rows['transformer']['train_seconds']:.0f}",
             steps=rows["transformer"]["train_steps"]))

# ---- alignment ---------------------------------------------------------------------------------------------
page.text(SLUG, "alignment")
la, tf = traces["lstm_attn"], traces["transformer"]
src = la.src_tokens
rows_la, rows_tf = la.row_labels, tf.row_labels
cols = widgets.shown_columns({"layer": 2, "step": 3})
with cols["layer"]:
    L = widgets.layer_select(ctx.cfg.n_layers, t("why.tf_layer"))
with cols["step"]:
    k = widgets.token_select(rows_la, t("why.align_row"), name="step")
alpha = la["weights", "decoder.attn"]  # (T_tgt, T_src)
pattern = tf["pattern", L, "decoder", "cross_attn"]  # (h, T_tgt, T_src)
mean = pattern.mean(axis=0)
left, right = widgets.columns(2)
with left:
    widgets.figure(figures.heatmap(alpha, rows_la, src, zmin=0.0, zmax=1.0, highlight_row=k,
                                   x_title=t("cross.source"), y_title=t("generation.reads_predicts"),
                                   title=views.title(("weights", "decoder.attn"), alpha.shape,
                                                              MODEL["lstm_attn"])),
                   key="why.align.lstm", csv=(alpha, rows_la, src))
with right:
    widgets.figure(figures.heatmap(mean, rows_tf, src, zmin=0.0, zmax=1.0,
                                   highlight_row=k if k < len(rows_tf) else None,
                                   x_title=t("cross.source"), y_title=t("generation.reads_predicts"),
                                   title=views.title(("pattern", L, "decoder", "cross_attn"),
                                                              pattern.shape, t("cross.mean"))),
                   key=f"why.align.tf.{L}", csv=(mean, rows_tf, src))
agree = sum(int(np.argmax(a) == np.argmax(b)) for a, b in zip(alpha, mean)) if rows_la == rows_tf else None
if agree is not None:
    st.caption(t("why.align_agree", same=agree, n=len(rows_la), layer=L))
else:
    st.caption(t("why.align_differ"))

# alignment maps are not explanations: the causal test blocks the character the Transformer's row weights most
present.split()  # presenting: the caveat and its link on a part of their own, after the two maps
st.markdown(t("truth.caveat"))
j_top = int(np.argmax(mean[min(k, len(mean) - 1)]))
xp.causal_link(j_top, widgets.md_escape(tf.src_tokens[j_top]))

attn = loaders.translator("lstm_attn")
W_s = attn.weight(param_name("W_s", stack="decoder.attn"), layout="Wx")  # (d_attn, d): the paper's W_s·s
W_h = attn.weight(param_name("W_h", stack="decoder.attn"), layout="Wx")  # (d_attn, d)
b_h = attn.weight(param_name("W_h", stack="decoder.attn"), "bias")  # (d_attn,)
v = attn.weight(param_name("v", stack="decoder.attn"), layout="Wx")[0]  # (d_attn,)
scores = la["scores", "decoder.attn"]  # (T_tgt, T_src)
j = int(np.argmax(alpha[k]))
with widgets.by_hand(t("why.check", row=widgets.md_escape(rows_la[k]), src=widgets.md_escape(src[j]))) as box:
    H = la["h", "encoder.cell"].astype(np.float64)  # (T_src, d)
    s_prev = (la["h", "decoder.cell"][k - 1] if k > 0 else la["context", "encoder"]).astype(np.float64)
    e = float(v @ np.tanh(W_s @ s_prev + W_h @ H[j] + b_h))
    st.latex(rf"e_{{{k},{j}}} = v^\top \tanh\!\left(W_s\,s_{{{k}}} + W_h\,h_{{{j + 1}}} + b\right)"
             rf" = \sum_{{a=0}}^{{{len(v) - 1}}} v_a \tanh(\dots)_a = {e:.4f}")
    st.caption(t("why.check_state", d=len(v)))
    widgets.agreement(e, float(scores[k, j]))
    box.more()  # presenting: the softmax table on a screen of its own
    views.softmax_by_hand(scores[k], alpha[k], src)

page.text(SLUG, "verdict")
widgets.show_code(AdditiveAttention.forward, compare.gradient_by_distance)
page.end(SLUG, trace=traces["lstm_attn"], n_layers=ctx.cfg.n_layers)
