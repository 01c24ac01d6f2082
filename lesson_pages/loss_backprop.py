"""Foundations 2 (issue 23): the cross-entropy of the learner's own translation, squared error beside it, one
backward pass through the output layer by hand against autograd, a 1-D slice of the real loss, gradient norms
per block and what the training's clipping does to them."""

import numpy as np
import streamlit as st

from tutorial_model import foundations as fd
from tutorial_model.config import TrainConfig
from ui import figures, loaders, page, state, views, widgets
from ui.i18n import t

SLUG = "loss_backprop"
ALPHAS = np.linspace(-1.0, 1.0, 21)  # the slice: 21 points, α = 0 the trained weights
SEED = 0  # the random direction, the same for every learner
SHIFTS = np.linspace(-16.0, 8.0, 97)  # how far the first word's logit is moved in the CE-vs-SE sweep


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def measure(directory: str, stamp: float, src_ids: tuple, out_ids: tuple, clip: float) -> dict:
    """The live passes with gradients, once per (checkpoint, sentence, output): autograd's ∂L/∂W_out (only the
    columns of the output's words, to keep the cache small), ∂L/∂b_out, the norms per block, the slice."""
    tr = loaders.translator()
    auto = fd.output_layer_autograd(tr.model, src_ids, out_ids, lock=tr.lock)
    words = list(dict.fromkeys(out_ids))  # each output word once, in the order the translation has them
    return {"loss": auto["loss"], "d_W_out": auto["d_W_out"][:, words], "words": words, "d_b_out": auto["d_b_out"],
            "norms": fd.gradient_norms(tr.model, src_ids, out_ids, clip, lock=tr.lock),
            "slice": fd.loss_slice(tr.model, src_ids, out_ids, ALPHAS, seed=SEED, lock=tr.lock)}


ctx = page.begin(SLUG)
trace, cfg, tr = ctx.trace, ctx.cfg, ctx.translator
out_ids = tuple(trace.decoding.ids)  # the translation on screen, <eos> included
words = trace.out_tokens
probs, logits = trace["probs", "generator"], trace["logits", "generator"]  # (T, V) each
h = trace["out", "decoder"]  # (T, d_model): what the output layer reads
src_ids = tuple(tr.tokenizer.encode_source(ctx.sentence).ids)
clip = float(tr.meta.get("train_config", {}).get("clip_norm") or TrainConfig.clip_norm)  # what training used
directory = loaders.checkpoint_dir()
live = measure(directory, loaders.checkpoint_stamp(directory), src_ids, out_ids, clip)

page.text(SLUG, "cross_entropy")
parts = fd.word_losses(probs, out_ids)
series = {t("foundations.ce"): parts["ce"], t("foundations.se"): parts["se"]}
steps = [f"{read} → {word}" for read, word in zip(trace.tgt_tokens, words)]  # teacher forcing: reads, predicts
widgets.figure(views.grouped_bars(steps, series, title=t("foundations.loss_title"), x_title=t("foundations.step"),
                                  y_title=t("foundations.loss")),
               key="word_losses", csv=(np.stack(list(series.values())), list(series), steps))
with widgets.by_hand(t("foundations.check_ce", n=len(words))):
    losses = [-np.log(p) for p in parts["p"]]
    # presenting a long output: the first three terms, … and the last (12 terms ran past the box at 1366×768)
    summed = (widgets.signed_sum(losses[:3]) + r" + \dots" + widgets.plus(losses[-1])
              if state.presenting() and len(losses) > 5 else widgets.signed_sum(losses))
    st.latex(r"L = \frac{1}{T}\sum_t -\log p_t(y_t) = \frac{1}{" + str(len(words)) + r"}\left("
             + summed + r"\right) = " + f"{parts['ce'].mean():.5f}")
    widgets.agreement(float(parts["ce"].mean()), live["loss"])
st.caption(t("foundations.ce_caption", word=widgets.md_escape(words[0]), p=f"{parts['p'][0]:.4f}",
             ce=f"{parts['ce'][0]:.4f}", se=f"{parts['se'][0]:.5f}"))

page.text(SLUG, "why_ce")
g = fd.logit_gradients(logits[0], out_ids[0])  # the first word's softmax
top = np.argsort(-g["p"])[:5]
itos = tr.tokenizer.tgt.itos
widgets.table({t("foundations.word"): [itos[v] for v in top], "p": [f"{g['p'][v]:.4f}" for v in top],
               "y": ["1" if v == out_ids[0] else "0" for v in top],
               t("foundations.grad_ce"): [f"{g['ce'][v]:+.5f}" for v in top],
               t("foundations.grad_se"): [f"{g['se'][v]:+.5f}" for v in top]})
sweep = fd.gradient_vs_confidence(logits[0], out_ids[0], SHIFTS)
order = np.argsort(sweep["p"])  # p rises with the shift; sorted anyway for the log axis
widgets.figure(views.lines(sweep["p"][order], {t("foundations.ce"): sweep["ce"][order],
                                               t("foundations.se"): sweep["se"][order]},
                           title=t("foundations.sweep_title", word=words[0]), x_title=t("foundations.p_right"),
                           y_title=t("foundations.pull"), log_x=True, height=400,
                           vlines={t("foundations.model_p"): float(g["p"][out_ids[0]])}),
               key="sweep")

page.text(SLUG, "backward")
hand = fd.output_layer_by_hand(h, probs, out_ids)
cols = live["words"]
shown = hand["d_W_out"][:, cols].T  # (words, d_model): the columns of W_out that the output's words own
labels = [itos[v] for v in cols]
widgets.figure(views.heatmap(shown, labels, views.dims(cfg.d_model), signed=True, show_values=False,
                             x_title=t("fig.dimension"), y_title=t("foundations.word"),
                             height=max(220, 90 + 26 * len(cols)),
                             title=figures.tensor_title("generator.W_out.weight", (cfg.d_model, cfg.tgt_vocab_size),
                                                        human=t("foundations.dw_detail"))),
               key="dW_out", csv=(shown, labels, views.dims(cfg.d_model)))
v = out_ids[0]
with widgets.by_hand(t("foundations.check_dw", word=widgets.md_escape(words[0]))):
    onehot = (np.array(out_ids) == v).astype(np.float64)  # (T,): y_t[v]
    terms = h[:, 0].astype(np.float64) * (probs[:, v] - onehot) / len(out_ids)  # (T,): h_t[0] (p_t[v] − y_t[v]) / T
    shown_terms = widgets.signed_sum(terms, ".5f") if len(terms) <= 5 else (
        widgets.signed_sum(terms[:3], ".5f") + r" + \dots" + widgets.plus(terms[-1], ".5f"))  # a long output
    st.latex(r"\frac{\partial L}{\partial W_{out}[0, v]} = \sum_t h_t[0]\,\frac{p_t[v] - y_t[v]}{T}")
    st.latex(f"= {shown_terms} = {terms.sum():.6f}")
    widgets.agreement(float(terms.sum()), float(live["d_W_out"][0, cols.index(v)]))
    diff = max(np.abs(hand["d_W_out"][:, cols] - live["d_W_out"]).max(),
               np.abs(hand["d_b_out"] - live["d_b_out"]).max())
    st.caption(t("foundations.all_agree", n=len(cols) * cfg.d_model + cfg.tgt_vocab_size, diff=widgets.small(diff)))

page.text(SLUG, "slice")
losses = live["slice"]
widgets.figure(views.lines(ALPHAS, {t("foundations.loss"): losses}, title=t("foundations.slice_title", seed=SEED),
                           x_title="α", y_title=t("foundations.loss"), markers=True, height=400,
                           vlines={t("foundations.trained"): 0.0}),
               key="slice", csv=(losses[None, :], [t("foundations.loss")], [f"{a:.1f}" for a in ALPHAS]))
breaks = fd.convexity_breaks(ALPHAS, losses)
lowest = float(ALPHAS[int(np.argmin(losses))])
low = "0" if round(lowest, 1) == 0 else f"{lowest:+.1f}".replace("-", "−")  # not "+0.0": the trained weights
st.caption(t("foundations.slice_nonconvex" if breaks else "foundations.slice_convex", breaks=breaks,
             n=len(ALPHAS) - 2, low=low, at0=f"{losses[len(ALPHAS) // 2]:.4f}", top=f"{losses.max():.2f}"))

page.text(SLUG, "clipping")
norms = live["norms"]
blocks = list(norms["norms"])
bars = {t("foundations.before"): [norms["norms"][b] for b in blocks],
        t("foundations.after"): [norms["clipped"][b] for b in blocks]}
widgets.figure(views.grouped_bars(blocks, bars, title=t("foundations.norms_title", clip=f"{clip:g}"),
                                  x_title=t("foundations.block"), y_title="‖∂L/∂θ‖"),
               key="norms", csv=(np.array(list(bars.values())), list(bars), blocks))
logged = [point["grad_norm"] for point in tr.meta.get("curve", []) if "grad_norm" in point]  # before clipping
if logged:
    st.caption(t("foundations.clip_training", n=len(logged), share=f"{100 * np.mean(np.array(logged) > clip):.0f}",
                 clip=f"{clip:g}", median=f"{np.median(logged):.2f}"))
st.caption(t("foundations.clip_none" if norms["scale"] >= 1 else "foundations.clip_scaled",
             total=f"{norms['total']:.4f}", clip=f"{clip:g}", scale=f"{norms['scale']:.4f}"))

widgets.show_code(fd.output_layer_by_hand, fd.gradient_norms, fd.loss_slice)
page.end(SLUG, norms=norms)  # the clipping exercise reads the norms measured above
