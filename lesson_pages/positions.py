"""3. Positional encoding: the sin/cos table, its curves, PE·PE similarity, X = E + PE, beyond max_len."""

import math

import numpy as np
import streamlit as st

from tutorial_model.layers import sinusoidal_encoding
from ui import analysis, page, views, widgets
from ui.i18n import t

SLUG = "positions"
ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg
toks = trace.src_tokens
pe = ctx.translator.weight("src_embed", "pe")  # the model's own table, (max_len, d_model)
positions = [str(p) for p in range(pe.shape[0])]

page.text(SLUG, "table")
widgets.figure(views.fixed_heatmap(pe, positions, views.dims(cfg.d_model), signed=True, x_title=t("fig.dimension"),
                               y_title=t("positions.position"), height=560, show_values=False,
                               title=views.title("src_embed.pe", pe.shape, t("positions.table_detail"))),
               key="src_embed.pe", csv=(pe, positions, views.dims(cfg.d_model)))

page.text(SLUG, "curves")
far = sinusoidal_encoding(2 * cfg.max_len, cfg.d_model).numpy()  # the formula, beyond the model's table
shown = [0, 1, 16, 17, 40]
widgets.figure(views.lines(np.arange(far.shape[0]), {t("positions.dim", n=d): far[:, d] for d in shown},
                             title=views.title("sinusoidal_encoding", far.shape, t("positions.curves_detail")),
                             x_title=t("positions.position"), y_title="PE", height=380,
                             vlines={f"max_len = {cfg.max_len}": cfg.max_len - 0.5,
                                     t("positions.limit", n=ctx.translator.tokenizer.max_src_chars):
                                         ctx.translator.tokenizer.max_src_chars - 0.5}),
               key="pe_curves")

page.text(SLUG, "similarity")
dots = analysis.dot_matrix(pe)  # (max_len, max_len)
left, right = widgets.columns(2)
with left:
    widgets.figure(views.fixed_heatmap(dots, positions, positions, x_title=t("positions.position"),
                                   y_title=t("positions.position"), show_values=False, height=460,
                                   title=views.title("PE·PEᵀ", dots.shape, t("positions.dots_detail"))),
                   key="pe_dots", csv=(dots, positions, positions))
with right:
    ks = np.arange(0, cfg.max_len // 2)
    starts = (0, 5, 10)
    widgets.figure(views.lines(ks, {t("positions.from", p=p): dots[p, p + ks] for p in starts},
                                 title=t("positions.shift_title"), x_title=t("positions.k"),
                                 y_title="PE(pos)·PE(pos+k)", height=460, markers=True, dashes=True),
                   key="pe_shift", csv=(np.stack([dots[p, p + ks] for p in starts]),
                                        [t("positions.from", p=p) for p in starts], [str(k) for k in ks]))

page.text(SLUG, "sum")
i = widgets.token_select(toks, t("control.token"))
for key in (("scaled", "src_embed"), ("pos", "src_embed"), ("x", "src_embed")):
    views.tensor(trace, key, toks, highlight_row=i, x_title=t("fig.dimension"), y_title=t("fig.token"), signed=True,
                 height=max(220, 90 + 26 * len(toks)))
with widgets.by_hand(t("positions.check", pos=i, token=widgets.md_escape(toks[i]))):
    angle = i / 10000 ** (2 / cfg.d_model)  # dimensions 2 and 3: the second sin/cos pair (i = 1)
    sin, cos = math.sin(angle), math.cos(angle)
    st.latex(rf"PE({i}, 2) = \sin\!\left(\frac{{{i}}}{{10000^{{2/{cfg.d_model}}}}}\right) = \sin({angle:.4f})"
             rf" = {sin:.4f},\qquad PE({i}, 3) = \cos({angle:.4f}) = {cos:.4f}")
    scaled = float(trace["scaled", "src_embed"][i, 3])
    st.latex(rf"X_{{{i},3}} = E_{{{i},3}}\sqrt{{d_{{model}}}} + PE({i},3) = {scaled:.4f}{widgets.plus(cos)}"
             rf" = {scaled + cos:.4f}")
    widgets.agreement(scaled + cos, float(trace["x", "src_embed"][i, 3]))

page.text(SLUG, "beyond")
widgets.show_code(sinusoidal_encoding)
page.end(SLUG)
