"""17. Model families: the learner's sentence through an encoder-only (BERT), a decoder-only (GPT) and the
encoder–decoder Transformer: their masks, what each does with it, their attention, their sizes."""

import numpy as np
import streamlit as st

from tutorial_model.checkpoint import CheckpointError
from tutorial_model.families import GPT, SEP, PromptState, attention_mask
from tutorial_model.registry import MODELS
from tutorial_model.translator import Translator
from ui import families, figures, page, present, widgets
from ui.i18n import t

SLUG = "families"
ctx = page.begin(SLUG)
chars = list(ctx.trace.src_tokens)  # the sentence as every model reads it, one character per position
words = [w for w in ctx.trace.out_tokens if w != "<eos>"]  # the encoder–decoder's translation
T = len(chars)


def loaded(name: str, *args):
    """(translator, trace) of a family model, or (None, None) after saying which command builds it."""
    try:
        return families.model(name), families.trace(name, *args)
    except CheckpointError:
        st.info(t("families.missing", model=t(f"model.{name}")), icon=":material/info:")
        st.code(families.rebuild(name), language="bash")
        return None, None


def mask_figure(kind: str, tokens: list[str], prefix_len: int = 0) -> None:
    m = attention_mask(kind, len(tokens), prefix_len).numpy().astype(np.float64)  # 1 = may attend
    titles = {"bidirectional": t("families.mask_bidirectional"), "causal": t("families.mask_causal"),
              "prefix": t("families.mask_prefix")}
    fig = figures.heatmap(m, tokens, tokens, title=titles[kind], show_values=False, width=260, thin=True,
                          discrete=(t("mask.blocked"), t("mask.allowed")), x_title=t("families.keys"),
                          y_title=t("families.queries"))  # read for its shape: square, a label every few cells
    widgets.figure(fig, key=f"families.mask.{kind}", csv=(m, tokens, tokens))
    st.caption(t("families.visible", n=int(m.sum()), total=m.size))


# ---- 1 · three masks over the same sentence -------------------------------------------------------------
page.text(SLUG, "masks")
sequence = ["<bos>", *chars, SEP, *words]  # the decoder-only model's one sequence
left, mid, right = widgets.columns(3)
with left:
    mask_figure("bidirectional", chars)
with mid:
    mask_figure("causal", sequence)
with right:
    mask_figure("prefix", sequence, prefix_len=T + 2)  # the prompt <bos> 中文 <sep>

# ---- 2 · what each family does with it ------------------------------------------------------------------
page.text(SLUG, "tasks")
blank = widgets.choose("fb", range(T), t("families.blank"), format_func=lambda i: f"{i} · {chars[i]}",
                       widget="select")
bert, bert_trace = loaded("bert", ctx.sentence, blank)
gpt, gpt_trace = loaded("gpt", ctx.sentence)
# the word tables' boxes (an untrained or unsure model may write up to its length limit); presenting, lower: a long
# sentence's caption under the middle one wraps to two lines (at 300 px the part scrolled 12 px at 1366×768)
BOX = 270 if present.presenting() else 300
SCROLL_FROM = 9  # rows: a shorter table is shown whole (in a 300-px box, a sentence's 7 words ran past the bottom)


def word_box(n_rows: int):
    return st.container(height=BOX if present.presenting() or n_rows >= SCROLL_FROM else "content")


left, mid, right = widgets.columns(3)
with left:
    st.subheader(t("families.fill"))
    if bert_trace is not None:
        res = bert_trace.decoding
        itos = bert.tokenizer.src.itos
        st.markdown(widgets.token_chips(bert_trace.src_tokens, highlight=blank))
        labels = [itos[i] for i in res.ids]
        hit = [k for k, i in enumerate(res.ids) if i == res.answer]
        widgets.figure(figures.bars(labels, res.probs, title=t("families.fill_title", n=len(labels)),
                                    y_title=t("families.probability"), highlight=hit or None, height=300,
                                    width=300),
                       key="families.fill", max_height=330)  # presenting: under the selector and the chips (a long
        # sentence's wrap to three lines in this third of the page: at 360 px the part scrolled 12 px at 1366×768)
        said = dict(best=widgets.md_escape(labels[0]), answer=widgets.md_escape(itos[res.answer]))
        st.caption(t("families.fill_right", **said) if res.ids[0] == res.answer else t("families.fill_wrong", **said))
with mid:
    st.subheader(t("families.continue"))
    if gpt_trace is not None:
        st.markdown(widgets.token_chips(gpt_trace.tokens[: T + 2] + gpt_trace.out_tokens))
        steps = gpt_trace.decoding.steps
        with word_box(len(gpt_trace.out_tokens)):
            widgets.table({t("families.word"): gpt_trace.out_tokens,
                           t("families.probability"): [f"{float(s.probs[s.chosen]):.3f}" for s in steps]})
        st.caption(t("families.continued", translation=widgets.md_escape(gpt_trace.translation)))
with right:
    st.subheader(t("families.translate"))
    st.markdown(widgets.token_chips(chars) + " → " + widgets.token_chips(ctx.trace.out_tokens))
    out_ids = ctx.trace.decoding.ids  # p(word) from the traced pass: the same for greedy, sampling and beam
    tf_probs = [float(ctx.trace["probs", "generator"][k, w]) for k, w in enumerate(out_ids)]
    with word_box(len(ctx.trace.out_tokens)):
        widgets.table({t("families.word"): ctx.trace.out_tokens,
                       t("families.probability"): [f"{p:.3f}" for p in tf_probs]})
    st.caption(t("families.translated", translation=widgets.md_escape(ctx.trace.translation)))

# One probability recomputed from the captured logits: BERT's first guess for the blank (the encoder–decoder's
# first word when BERT is not trained): p = exp(z_i − max z) / Σ_v exp(z_v − max z) over the whole vocabulary.
if bert_trace is not None:
    z, idx, model_p, word = bert_trace["logits", "generator"][blank], res.ids[0], res.probs[0], labels[0]
else:
    z, idx, word, model_p = ctx.trace["logits", "generator"][0], out_ids[0], ctx.trace.out_tokens[0], tf_probs[0]
with widgets.by_hand(t("families.check", word=widgets.md_escape(word), n=z.shape[-1])):
    z = z.astype(np.float64)
    e = np.exp(z - z.max())
    ours = float(e[idx] / e.sum())
    st.latex(rf"p = \frac{{e^{{{z[idx]:.3f} - {z.max():.3f}}}}}{{\sum_v e^{{z_v - {z.max():.3f}}}}}"
             rf" = \frac{{{e[idx]:.4f}}}{{{e.sum():.4f}}} = {ours:.4f}")
    widgets.agreement(ours, float(model_p))

# ---- 3 · attention over the same characters -------------------------------------------------------------
page.text(SLUG, "patterns")
traces = {"bert": (bert_trace, "encoder"), "gpt": (gpt_trace, "decoder"), "transformer": (ctx.trace, "encoder")}
shown = {name: tr for name, tr in traces.items() if tr[0] is not None}
n_layers = min(tr.n_layers for tr, _ in shown.values())
n_heads = min(tr["pattern", 0, stack].shape[0] for tr, stack in shown.values())
c1, c2 = widgets.columns(2)
with c1:
    layer = widgets.layer_select(n_layers)
with c2:
    head = widgets.head_select(n_heads)
for col, name in zip(widgets.columns(3), traces):
    with col:
        if name not in shown:
            st.caption(t("families.missing_short", model=t(f"model.{name}")))
            continue
        tr, stack = shown[name]
        rows = tr.src_tokens if name == "bert" else chars
        s = tr.positions("source")  # the characters' rows and columns: GPT's are 1..T, after <bos>
        pattern = tr["pattern", layer, stack][head][s, s]
        fig = figures.heatmap(pattern, rows, rows, title=t("families.pattern_title", model=t(f"model.{name}")),
                              zmin=0.0, zmax=1.0, signed=False, x_title=t("families.keys"),
                              y_title=t("families.queries"), height=360, width=300)
        widgets.figure(fig, key=f"families.pattern.{name}", csv=(pattern, rows, rows))

# ---- 4 · sizes and results ------------------------------------------------------------------------------
page.text(SLUG, "sizes")


def _meta(name: str) -> dict | None:
    if name == "transformer":
        return ctx.translator.meta
    try:
        return families.meta(name)
    except CheckpointError:
        return None


def _num(x, fmt: str) -> str:
    return "—" if x is None else fmt.format(x)


FAMILY = {"bert": t("families.family_bert"), "gpt": t("families.family_gpt"),
          "transformer": t("families.family_transformer")}
TASK = {"bert": t("families.task_bert"), "gpt": t("families.task_gpt"), "transformer": t("families.task_transformer")}
rows = {t("families.col_family"): [], t("families.col_model"): [], t("families.col_params"): [],
        t("families.col_task"): [], t("families.col_test"): [], t("families.col_everyday"): [],
        t("families.col_budget"): [], t("families.col_seconds"): []}
family_col, model_col, params_col, task_col, test_col, everyday_col, budget_col, seconds_col = rows.values()
ours = {}
for name in ("bert", "gpt", "transformer"):
    m = _meta(name)
    spec = MODELS[name]
    tm = (m or {}).get("test_metrics") or {}
    ev = (m or {}).get("everyday_metrics") or {}
    ours[spec.family] = (m or {}).get("n_params")
    family_col.append(FAMILY[name])
    model_col.append(t(f"model.{name}"))
    params_col.append(_num(ours[spec.family], "{:,}"))
    task_col.append(TASK[name])
    if name == "bert":
        acc = tm.get("fill_accuracy")
        test_col.append(_num(None if acc is None else 100 * acc, "{:.1f} %"))
        everyday_col.append("—")
    else:
        test_col.append(_num(tm.get("bleu"), "BLEU {:.1f}"))
        everyday_col.append(_num(ev.get("bleu"), "BLEU {:.1f}"))
    width, steps = ((m or {}).get("config") or {}).get("d_model"), ((m or {}).get("train_config") or {}).get("steps")
    budget_col.append("—" if width is None or steps is None else f"{width} · {steps:,}")  # the budgets differ
    seconds_col.append(_num((m or {}).get("train_seconds"), "{:.0f}"))
widgets.table(rows)

real = {t("families.real_family"): [], t("families.real_model"): [], t("families.real_params"): [],
        t("families.real_times"): []}
for family, name, n in families.REAL_MODELS:
    ours_n = ours.get(family)
    fam_col, name_col, n_col, times_col = real.values()
    fam_col.append(FAMILY["bert" if family == "encoder-only" else "gpt"])
    name_col.append(name)
    n_col.append(f"{n:,}")
    times_col.append(_num(n / ours_n if ours_n else None, "{:,.0f} ×"))
widgets.table(real)
st.caption(t("families.real_note"))

widgets.show_code(attention_mask, GPT.mask, PromptState, Translator.fill)
page.end(SLUG, **({"bert_trace": bert_trace, "bert_itos": bert.tokenizer.src.itos} if bert_trace is not None else {}))
