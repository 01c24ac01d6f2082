"""14. Experiments: take a part out of the trained model and see what breaks (issue 11)."""

import numpy as np
import streamlit as st

from tutorial_model import experiments as ex
from ui import experiments as xp
from ui import figures, page, present, seed_spread, state, takeout, views, widgets
from ui.i18n import t

SLUG = "experiments"
ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg


def head_label(code: str) -> str:
    kind, layer, head = code.split(".")
    return t("exp.head_label", attn=t(f"attn.{kind}"), layer=layer, head=head)


def chosen_heads() -> list[str]:
    """The heads in the URL that this model has (a link made for a bigger model keeps only those)."""
    out = []
    for code in filter(None, state.get("xh").split(",")):
        kind, layer, head = code.split(".")
        if int(layer) < cfg.n_layers and int(head) < cfg.n_heads:
            out.append(code)
    return out


def _commit_heads() -> None:
    state.set("xh", ",".join(sorted(st.session_state.get("_w.xh") or [])))


def attention_grid(tr, kind: str, title: str, key: str) -> None:
    """Every layer × head of one kind of attention for one trace, as on the multi-head page."""
    stack, module = ex.ATTENTIONS[kind]
    rows = tr.src_tokens if stack == "encoder" else tr.tgt_tokens
    cols = tr.tgt_tokens if kind == "dec_self" else tr.src_tokens
    n_heads = tr["pattern", 0, stack, module].shape[0]
    # presenting: a layer a figure (views.all_heads shows one layer there), each a part of its own
    for layer in range(tr.n_layers) if present.presenting() else (0,):
        views.all_heads(tr, stack, module, tr.n_layers, n_heads, rows, cols, layer=layer, head=None,
                        x_title=t("fig.key"), y_title=t("fig.query"), detail=title,
                        key=key if layer == 0 else f"{key}.layer{layer}")


# ---- 1. at inference, on the learner's sentence -----------------------------------------------------------
page.text(SLUG, "live")
kind = widgets.choose("exp", state.EXPERIMENTS, t("exp.choose"), format_func=lambda k: t(f"exp.name.{k}"))
st.markdown(f"**{t('exp.claim')}** {t(f'exp.claim.{kind}')}")
takeout.lesson_link(takeout.FROM_LESSON[('exp', kind)])

mean_z = xp.means()
iv, source_edit = ex.Intervention(), "none"
if kind == "heads":
    page.text(SLUG, "heads")
    options = [f"{k}.{layer}.{h}" for k in ex.ATTENTIONS for layer in range(cfg.n_layers) for h in range(cfg.n_heads)]
    st.session_state["_w.xh"] = chosen_heads()
    st.multiselect(t("exp.heads"), options, key="_w.xh", format_func=head_label, on_change=_commit_heads,
                   placeholder=t("exp.heads_placeholder"))
    ablation = widgets.choose("abl", state.ABLATIONS, t("exp.ablation"), format_func=lambda k: t(f"exp.abl.{k}"))
    if ablation == "mean" and mean_z is None:
        st.info(t("exp.no_means"), icon=":material/info:")
        st.code("python -m tutorial_model.head_importance", language="bash")
        ablation = "zero"
    heads = tuple((k, int(layer), int(h)) for k, layer, h in (c.split(".") for c in chosen_heads()))
    iv = ex.Intervention(heads=heads, ablation=ablation)
elif kind == "no_pe":
    page.text(SLUG, "no_pe")
    iv = ex.Intervention(no_pe=True)
elif kind == "no_scale":
    page.text(SLUG, "no_scale")
    iv = ex.Intervention(no_scale=True)
elif kind == "source":
    page.text(SLUG, "source")
    source_edit = widgets.choose("xsrc", state.SOURCE_EDITS, t("exp.source_edit"),
                                 format_func=lambda k: t(f"exp.edit.{k}"))
else:
    page.text(SLUG, "block")
    block = widgets.token_select(trace.src_tokens, t("exp.block"), name="xblk")
    iv = ex.Intervention(block_source=block)

try:
    outcome = xp.outcome(ctx.sentence, iv, source_edit)
except ValueError as e:
    st.warning(t("exp.does_not_fit"), icon=":material/warning:")
    st.text(str(e))
    outcome = None
# the exercises before the outcome: their "predict, then see" asks what this change will do
page.practice(SLUG, **({"outcome": outcome} if outcome is not None else {}))

if outcome is not None:
    left, right = widgets.columns(2)
    with left:
        st.markdown(f"**{t('exp.intact')}**")
        st.text(outcome.intact.translation)
    with right:
        st.markdown(f"**{t('exp.changed')}**")
        st.text(outcome.changed.translation)
        if source_edit != "none":
            st.caption(t("exp.source_read"))
            st.markdown(widgets.token_chips(outcome.changed.src_tokens))
    if iv.empty and source_edit == "none":
        st.caption(t("exp.nothing_out"))

    words = [f"{i} · {w}" for i, w in enumerate(outcome.intact.out_tokens)]
    change = outcome.logp_change
    widgets.figure(figures.bars(words, change, title=t("exp.logp_title", n=len(words)), x_title=t("exp.logp_x"),
                                y_title=t("exp.logp_y"), decimals=2),
                   key=f"exp.logp.{kind}",
                   csv=(np.stack([outcome.logp_intact, outcome.logp_changed, change], axis=1), words,
                        [t("exp.col_intact"), t("exp.col_changed"), t("exp.col_change")]))
    st.caption(t("exp.logp_caption"))

    # the first bar again, from the two decodings' own step-0 distributions (prefix <bos> in both)
    w0 = outcome.intact.decoding.ids[0]
    tiny = float(np.finfo(np.float32).tiny)  # a probability that underflowed to 0 gives a finite, huge drop
    p_in = max(float(outcome.intact.decoding.steps[0].probs[w0]), tiny)
    p_ch = max(float(outcome.changed.decoding.steps[0].probs[w0]), tiny)
    with widgets.by_hand(t("exp.check", word=widgets.md_escape(outcome.intact.out_tokens[0]))):
        st.latex(rf"\Delta \log p = \ln {p_ch:.6f} - \ln {p_in:.6f} = {np.log(p_ch) - np.log(p_in):.4f}")
        st.caption(t("exp.check_caption"))
        widgets.agreement(float(np.log(p_ch) - np.log(p_in)), float(change[0]))

    page.text(SLUG, "attention")
    attn = widgets.choose("attn", state.ATTENTIONS, t("control.attention"), format_func=lambda k: t(f"attn.{k}"),
                          key_suffix=".exp")
    # one above the other: side by side, a grid of 2 × 4 heatmaps is too narrow for its labels; once when the
    # change leaves these weights as they are (nothing taken out yet: two identical grids)
    attention_grid(outcome.intact, attn, t("exp.intact"), key=f"exp.attn.intact.{attn}")
    if xp.same_attention(outcome.intact, outcome.changed, attn):
        st.caption(t("exp.attention_same"))
    else:
        attention_grid(outcome.changed, attn, t("exp.changed"), key=f"exp.attn.changed.{attn}.{kind}")
    if kind == "heads" and iv.heads:
        st.caption(t("exp.pattern_still_computed"))

# ---- 2. head importance over the test split --------------------------------------------------------------
page.text(SLUG, "importance")
result = xp.importance()
if result is None:
    st.info(t("exp.importance_missing"), icon=":material/info:")
    st.code("python -m tutorial_model.head_importance", language="bash")
else:
    if result["stale"]:
        st.warning(t("exp.importance_stale"), icon=":material/warning:")
        st.code("python -m tutorial_model.head_importance", language="bash")
    n_layers = 1 + max(h["layer"] for h in result["heads"])
    n_heads = 1 + max(h["head"] for h in result["heads"])
    rows = [t("exp.site_label", attn=t(f"attn.{k}"), layer=layer) for k in ex.ATTENTIONS for layer in range(n_layers)]
    cols = [t("control.head_n", n=h) for h in range(n_heads)]
    where = {(h["kind"], h["layer"], h["head"]): h for h in result["heads"]}

    def grid(field: str) -> np.ndarray:
        return np.array([[where[(k, layer, h)][field] for h in range(n_heads)]
                         for k in ex.ATTENTIONS for layer in range(n_layers)])

    st.caption(t("exp.importance_caption", n=result["n_sentences"], ablation=t(f"exp.abl.{result['ablation']}"),
                 bleu=f"{result['baseline']['bleu']:.2f}"))
    panels = (("bleu_drop", t("exp.bleu_drop_title", n=result["n_sentences"]), t("exp.bleu_drop"), 2),
              ("logp_drop", t("exp.logp_drop_title", n=result["n_sentences"]), t("exp.logp_drop"), 3))
    for field, title, unit, decimals in panels:  # one above the other: the row labels are long
        m = grid(field)
        # no y-axis title: each row names its attention and layer, and a title overlapped long Chinese labels
        widgets.figure(xp.importance_map(m, rows, cols, title=title, x_title=t("control.head"), unit=unit,
                                         decimals=decimals), key=f"exp.importance.{field}", csv=(m, rows, cols),
                       fill=True)  # presenting: grows into the part's free height
    curve = result["pruning"]
    st.markdown(t("exp.prunable", n=result["n_prunable"], total=result["n_heads"], budget=f"{result['bleu_budget']:g}"))
    widgets.figure(figures.lines([p["removed"] for p in curve], {"BLEU": [p["bleu"] for p in curve]},
                                 title=t("exp.pruning_title", n=result["n_sentences"]), x_title=t("exp.pruning_x"),
                                 y_title="BLEU", markers=True),
                   key="exp.pruning", csv=(np.array([[p["bleu"], 100 * p["exact_match"]] for p in curve]),
                                           [str(p["removed"]) for p in curve], ["BLEU", t("exp.exact_match")]))

# ---- 3. trained variants -----------------------------------------------------------------------------------
page.text(SLUG, "variants")
metas = {name: xp.variant_meta(name) for name in state.VARIANT_NAMES}
main_meta = ctx.translator.meta
main_results = xp.results(main_meta)
var_results = {n: xp.results(metas[n]) for n in state.VARIANT_NAMES}


seed_data = seed_spread.data()
main_spread = seed_spread.ranges(seed_data, "transformer")
inside = seed_spread.marks(main_results, var_results, main_spread,
                           {n: seed_spread.ranges(seed_data, f"variant:{n}") for n in var_results})


def cell(value: float | None, mark: bool = False) -> str:
    return "—" if value is None else f"{value:.2f}" + (f"\u00a0{seed_spread.WITHIN}" if mark else "")  # no wrap


rows = [main_results, *var_results.values()]
widgets.table({t("exp.col_variant"): [t("exp.main_model")] + [t(f"exp.var.{n}") for n in var_results]} |
              {t(f"exp.res.{col}"): [cell(main_results[col])] + [cell(r[col], col in inside[n])
                                                                   for n, r in var_results.items()]
               for col in xp.RESULTS})
st.caption(t("exp.results_caption", n=(main_meta.get("test_metrics") or {}).get("n", "?"),
             everyday=(main_meta.get("everyday_metrics") or {}).get("n", "?")))
if "exact" in main_spread:
    st.caption(t("exp.spread_caption", mark=seed_spread.WITHIN, n=seed_spread.n_seeds(seed_data, "transformer"),
                 exact=f"{main_spread['exact']:.2f}", bleu=f"{main_spread.get('bleu', float('nan')):.2f}",
                 chrf=f"{main_spread.get('everyday_chrf', float('nan')):.2f}"))
else:
    st.caption(t("exp.spread_missing"))
if not any(metas.values()):
    st.info(t("exp.variants_missing"), icon=":material/info:")
    st.code("make train-experiments", language="bash")

page.text(SLUG, "variant")
var = widgets.choose("var", state.VARIANT_NAMES, t("exp.variant"), format_func=lambda k: t(f"exp.var.{k}"),
                     widget="select")
var_name = t(f"exp.var.{var}")
st.markdown(f"**{t('exp.claim')}** {t(f'exp.var_claim.{var}')}")
takeout.lesson_link(takeout.FROM_LESSON[("var", var)])
if metas[var] is None:
    st.info(t("exp.not_trained"), icon=":material/hourglass_empty:")
    st.code(f"make train-experiments   # or: python -m tutorial_model.train --variant {var}", language="bash")
else:
    ours, theirs = main_results, var_results[var]
    if None not in (*ours.values(), *theirs.values()):
        st.markdown(t("exp.var_measured", name=var_name, **{k: cell(v) for k, v in theirs.items()},
                      **{f"main_{k}": cell(v) for k, v in ours.items()}))
    # presenting: what it shows, with the two translations, on a part of its own (with the claim and the
    # measurement, 36 px too high at 1366×768 for a 23-character sentence)
    present.split()
    st.markdown(f"**{t('exp.lesson')}** {t(f'exp.var_lesson.{var}')}")

    vtrace = xp.variant_trace(var, ctx.sentence)
    left, right = widgets.columns(2)
    with left:
        st.markdown(f"**{t('exp.main_model')}**")
        st.text(trace.translation)
    with right:
        st.markdown(f"**{var_name}**")
        st.text(vtrace.translation)
    vattn = widgets.choose("vattn", state.ATTENTIONS, t("control.attention"), format_func=lambda k: t(f"attn.{k}"))
    attention_grid(trace, vattn, t("exp.main_model"), key=f"exp.var.main.{vattn}")
    attention_grid(vtrace, vattn, var_name, key=f"exp.var.{var}.{vattn}")

    lengths = {t("exp.main_model"): xp.by_length(main_meta), var_name: xp.by_length(metas[var])}
    common = sorted(set.intersection(*(set(v) for v in lengths.values())))
    if common:
        table = np.array([[lengths[name][n][1] for name in lengths] for n in common])
        widgets.figure(figures.lines(common, {name: table[:, i] for i, name in enumerate(lengths)},
                                     title=t("exp.by_length_title"), x_title=t("exp.by_length_x"),
                                     y_title=t("exp.exact_match"), markers=True),
                       key=f"exp.by_length.{var}",
                       csv=(np.column_stack([[lengths[t("exp.main_model")][n][0] for n in common], table]),
                            [str(n) for n in common], [t("exp.col_n"), *lengths]))
    a, b = widgets.columns(2)
    for column, field, title, y_title, scale in (
            (a, "loss", t("exp.curve_title"), t("exp.curve_y"), 1.0),
            (b, "valid_exact_match", t("exp.valid_title"), t("exp.exact_match"), 100.0)):
        steps, main_values = xp.curve(main_meta, field)
        var_steps, var_values = xp.curve(metas[var], field)
        if steps and steps == var_steps:
            with column:
                values = np.array([main_values, var_values]).T * scale
                widgets.figure(views.lines(steps, {t("exp.main_model"): values[:, 0], var_name: values[:, 1]},
                                           title=title, x_title=t("exp.curve_x"), y_title=y_title),
                               key=f"exp.curve.{field}.{var}", max_height=350,  # presenting: under two controls
                               csv=(values, [str(s) for s in steps], [t("exp.main_model"), var_name]))

widgets.show_code(ex.Intervention, ex.editors, ex.intervene, ex.run)
page.end(SLUG, exercises=False)
