"""10. Output and generation: logits → softmax over English words, one decoding step at a time."""

import numpy as np
import streamlit as st

from tutorial_model import decoding, kv_cache
from tutorial_model.tokenizer import BOS_ID
from tutorial_model.transformer import Generator
from ui import analysis, figures, page, state, views, widgets
from ui.i18n import t

SLUG = "generation"
ctx = page.begin(SLUG)
trace, itos = ctx.trace, ctx.translator.tokenizer.tgt.itos

page.text(SLUG, "methods")
method = widgets.choose("method", state.METHODS, t("control.method"), format_func=lambda m: t(f"method.{m}"))
if method == "sample":
    a, b, c = st.columns([3, 3, 2])
    with a:
        widgets.choose("temp", (0.1, 0.2, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0), t("control.temperature"), widget="slider")
    with b:
        widgets.choose("topk", (0, 3, 5, 10, 50), t("control.top_k"),
                       format_func=lambda k: t("control.top_k_all") if k == 0 else str(k))
    with c:
        widgets.choose("seed", tuple(range(10)), t("control.seed"), widget="select")
elif method == "beam":
    widgets.choose("beam", (1, 2, 3, 4, 5), t("control.beam_size"))

result = trace.decoding
logits, probs = trace["logits", "generator"], trace["probs", "generator"]
n_steps = len(result.steps) if result.steps else len(probs)
page.text(SLUG, "steps")
k = min(widgets.step_buttons("step", n_steps), len(probs) - 1)
if result.steps:  # greedy and sampling record each step's own distribution
    step = result.steps[k]
    prefix, dist, chosen = step.prefix, step.probs, step.chosen
else:  # beam search: the returned hypothesis, read from the teacher-forced pass
    prefix, dist, chosen = [BOS_ID, *result.ids[:k]], probs[k], result.ids[k]
st.markdown(t("generation.read", step=k + 1, tokens=widgets.token_chips([itos[i] for i in prefix]),
              chosen=widgets.token_chips([itos[chosen]])))

if method == "beam":
    widgets.figure(figures.beam_tree(result.beams, itos, upto=k + 1, best_path=analysis.beam_path(result.beams),
                                     title=t("generation.beam_title", size=result.params.get("beam_size"), step=k + 1)),
                   key=f"beam.{k}")


cols = widgets.columns(2) if method == "sample" else [st.container()]
with cols[0]:
    ids = analysis.top_k_with(dist, chosen)
    words = [itos[i] for i in ids]
    name = views.title(("probs", "generator"), probs.shape, t("generation.position", n=k),
                       t("generation.top_log"))
    logp = np.log(np.maximum(dist[ids].astype(np.float64), 1e-45))
    # ln p bars rising from a floor: the likeliest word's bar is the longest, the runners-up stay visible
    widgets.figure(views.logp_bars(words, dist[ids], title=name, highlight=list(ids).index(chosen), decimals=2,
                                   width=850 if method != "sample" else 450,
                                   x_title=t("generation.word"), y_title=t("generation.logprob")),
                   key=f"probs.{k}", csv=(np.stack([dist[ids], logp]), [t("generation.prob"), t("generation.logprob")],
                                          words), max_height=340)  # presenting: under the step buttons
    st.caption(t("generation.logprob_caption", p=f"{dist[chosen]:.3g}",
                 lp=f"{np.log(dist[chosen]):.2f}".replace("-", "−"),
                 floor=f"{figures.log_floor(logp):.0f}".replace("-", "−")))
if method == "sample":
    with cols[1]:
        ids = analysis.top_k_with(step.policy, chosen)
        words = [itos[i] for i in ids]
        widgets.figure(views.bars(words, step.policy[ids], highlight=list(ids).index(chosen),
                                    title=t("generation.policy_title", temp=state.get("temp"),
                                            k=state.get("topk") or t("control.top_k_all")),
                                    x_title=t("generation.word"), y_title=t("generation.prob")),
                       key=f"policy.{k}", csv=(step.policy[ids][None, :], [t("generation.prob")], words))
    st.caption(t("generation.sample_caption", p=f"{dist[chosen]:.4f}", q=f"{step.policy[chosen]:.4f}"))

with widgets.by_hand(t("generation.check", n=k)):
    z = logits[k].astype(np.float64)
    c = int(np.argmax(probs[k]))
    m, total = z.max(), np.exp(z - z.max()).sum()
    ours = float(np.exp(z[c] - m) / total)
    st.latex(rf"p({widgets.latex_token(itos[c])}) = \frac{{e^{{z_c - \max z}}}}{{\sum_w e^{{z_w - \max z}}}}"
             rf" = \frac{{e^{{{z[c]:.3f} - {m:.3f}}}}}{{{total:.4f}}} = {ours:.4f}")
    st.caption(t("generation.check_caption", v=len(z)))
    widgets.agreement(ours, float(probs[k][c]))

page.text(SLUG, "all")
words = list(dict.fromkeys(int(i) for row in probs for i in analysis.top_k(row, 3)))
labels = [f"{a} → {b}" for a, b in zip(trace.tgt_tokens, trace.out_tokens)]
widgets.figure(views.heatmap(probs[:, words], labels, [itos[i] for i in words], zmin=0, zmax=1,
                               title=views.title(("probs", "generator"), probs.shape, t("generation.top3")),
                               x_title=t("generation.word"), y_title=t("generation.reads_predicts"), highlight_row=k),
               key=trace.name(("probs", "generator")), csv=(probs[:, words], labels, [itos[i] for i in words]))

page.text(SLUG, "kv_cache")  # what a cache would keep and save, from the real shapes (this code keeps none)
cfg, t_src, n_read = ctx.cfg, len(trace.src_tokens), len(trace.tgt_tokens)
size = kv_cache.cache_size(cfg, k, t_src)
without, cached = kv_cache.decoding_macs(cfg, n_read, t_src)
st.markdown(t("generation.kv_now", step=k + 1, t=k, layers=cfg.n_layers, self_n=f"{size.self_kv:,}", s=t_src,
              cross_n=f"{size.cross_kv:,}"))
st.markdown(t("generation.kv_macs", n=n_read, without=f"{without:,}", cached=f"{cached:,}",
              ratio=f"{without / cached:.1f}", step=k + 1,
              step_without=f"{kv_cache.step_macs(cfg, k + 1, t_src, cached=False):,}",
              step_cached=f"{kv_cache.step_macs(cfg, k + 1, t_src, cached=True, first=k == 0):,}"))
kv_site = (0, "decoder", "self_attn")  # trace key: (layer, stack, sublayer)
for col, part in zip(widgets.columns(2), "kv"):
    with col:
        views.tensor(trace, (part, *kv_site), trace.tgt_tokens, head=0, highlight_row=k,
                     x_title=t("fig.dimension"), y_title=t("fig.token"), show_values=False, key=f"kv.{part}")
st.caption(t("generation.kv_caption", layer=0, head=0))

page.text(SLUG, "perplexity")  # exp of the mean cross-entropy of the words the model wrote
n_out = min(len(result.ids), len(probs))
p_out = probs[np.arange(n_out), result.ids[:n_out]].astype(np.float64)
nll = -np.log(np.maximum(p_out, 1e-45))
out_words = [f"{j} · {itos[i]}" for j, i in enumerate(result.ids[:n_out])]
widgets.figure(views.bars(out_words, nll, title=t("generation.ppl_title"), decimals=2, width=850,
                          x_title=t("generation.word"), y_title=t("generation.ppl_y")), key="perplexity")
with widgets.by_hand(t("generation.ppl_check")):
    ce = float(nll.mean())
    st.latex(rf"\mathrm{{PPL}} = \exp\Big(-\tfrac{{1}}{{{n_out}}}\sum_t \log p(y_t)\Big) = e^{{{ce:.4f}}}"
             rf" = {np.exp(ce):.4f}")
    st.caption(t("generation.ppl_caption", n=n_out))
st.caption(t("generation.ppl_test"))

page.text(SLUG, "nat")
widgets.show_code(Generator, decoding._sample_like, decoding.beam_search)
page.end(SLUG, itos=itos)
