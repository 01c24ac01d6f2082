"""5. Multi-head attention: every layer × head at a glance, one head in detail, concat and W_O."""

import numpy as np
import streamlit as st

from tutorial_model.attention import MultiHeadAttention
from tutorial_model.trace import param_name
from ui import experiments as xp
from ui import page, present, state, views, widgets
from ui.i18n import t

SLUG = "multi_head"
ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg

kind = widgets.choose("attn", state.ATTENTIONS, t("control.attention"), format_func=lambda k: t(f"attn.{k}"))
cols = widgets.shown_columns({"layer": 2, "head": 4, "": 3})
with cols["layer"]:
    L = widgets.layer_select(cfg.n_layers)
with cols["head"]:
    h = widgets.head_select(cfg.n_heads)
stack, module = ("encoder", "self_attn") if kind == "enc_self" else ("decoder", kind[4:] + "_attn")
rows = trace.src_tokens if stack == "encoder" else trace.tgt_tokens
cols = trace.tgt_tokens if kind == "dec_self" else trace.src_tokens
site = (L, stack, module)

page.text(SLUG, "glance")
views.all_heads(trace, stack, module, cfg.n_layers, cfg.n_heads, rows, cols, layer=L, head=h, x_title=t("fig.key"),
                y_title=t("fig.query"), key=f"{stack}.{module}.all")

page.text(SLUG, "detail")
left, right = widgets.columns(2)
with widgets.figures_fill(), left:  # presenting: the two maps grow into the part's height
    views.tensor(trace, ("pattern", *site), rows, cols, head=h, zmin=0.0, zmax=1.0, x_title=t("fig.key"),
                 y_title=t("fig.query"))
with widgets.figures_fill(), right:
    views.tensor(trace, ("z", *site), rows, head=h, x_title=t("fig.dimension"), y_title=t("fig.query"),
                 show_values=False)

# a head's map is not what reaches the output: the causal test blocks the character this layer's head reads most
present.split()  # presenting: the caveat and its link on a part of their own, after the two maps
st.markdown(t("truth.caveat"))
cross = trace["pattern", L, "decoder", "cross_attn"][h]  # (T_tgt, T_src)
j_top = int(np.argmax(cross.sum(axis=0)))
xp.causal_link(j_top, widgets.md_escape(trace.src_tokens[j_top]))

page.text(SLUG, "concat")
concat = views.tensor(trace, ("concat", *site), rows, x_title=t("multi.concat_x", d_k=cfg.d_head),
                      y_title=t("fig.query"), col_groups=cfg.d_head, signed=True)
out = views.tensor(trace, ("out", *site), rows, x_title=t("fig.dimension"), y_title=t("fig.query"), signed=True)

W_O = ctx.translator.weight(param_name("W_O", L, stack, module))  # paper's W_O (d_model, d_model)
i = 0
with widgets.by_hand(t("multi.check", token=widgets.md_escape(rows[i]))):
    d = cfg.d_head
    parts = [float(concat[i, n * d:(n + 1) * d] @ W_O[n * d:(n + 1) * d, 0]) for n in range(cfg.n_heads)]
    terms = "".join(("" if n == 0 else (" - " if p < 0 else " + "))
                    + f"\\underbrace{{{(p if n == 0 else abs(p)):.4f}}}_{{\\text{{head {n}}}}}"
                    for n, p in enumerate(parts))
    st.latex(r"\text{out}_{0,0} = \sum_{n} z^{(n)}_{0} \cdot W_O^{(n)}[:, 0] = " + terms + f" = {sum(parts):.4f}")
    st.caption(t("multi.check_caption", d_k=d))
    widgets.agreement(float(np.sum(parts)), float(out[i, 0]))

widgets.show_code(MultiHeadAttention.forward)
page.end(SLUG)
