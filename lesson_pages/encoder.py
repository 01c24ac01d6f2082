"""7. The encoder stack: how each character's vector changes layer by layer; the memory C."""

import numpy as np
import streamlit as st

from tutorial_model.transformer import Encoder
from ui import analysis, figures, page, views, widgets
from ui.i18n import t

SLUG = "encoder"
ctx = page.begin(SLUG)
trace, cfg = ctx.trace, ctx.cfg
toks = trace.src_tokens
# the residual stream at each stage: the embedding X, then the output of every encoder layer
stages = {t("encoder.stage_x"): ("x", "src_embed")}
for n in range(cfg.n_layers):
    stages[t("encoder.stage_layer", n=n)] = ("out", n, "encoder", "norm2")
names = list(stages)

page.text(SLUG, "similarity")
sims = [analysis.cosine_matrix(trace[key]) for key in stages.values()]
widgets.figure(views.small_multiples([sims], toks, toks, grid_rows=[t("encoder.cosine")], grid_cols=names,
                                       zmin=-1.0, zmax=1.0, signed=True, x_title=t("fig.token"), y_title=t("fig.token"),
                                       title=t("encoder.sim_title", t=len(toks))), key="encoder.cosine")

page.text(SLUG, "norms")
norms = {name: analysis.row_norms(trace[key]) for name, key in stages.items()}
changes = {t("encoder.change_layer", n=n): analysis.row_cosine(trace["in", n, "encoder", None],
                                                               trace["out", n, "encoder", "norm2"])
           for n in range(cfg.n_layers)}
left, right = widgets.columns(2)
with left:
    widgets.figure(figures.grouped_bars(toks, norms, title=t("encoder.norm_title"), x_title=t("fig.token"),
                                        y_title="‖x‖"), key="encoder.norms",
                   csv=(np.stack(list(norms.values())), names, toks))
with right:
    widgets.figure(figures.grouped_bars(toks, changes, title=t("encoder.change_title"), x_title=t("fig.token"),
                                        y_title=t("encoder.cosine")), key="encoder.changes",
                   csv=(np.stack(list(changes.values())), list(changes), toks))

page.text(SLUG, "memory")
memory = views.tensor(trace, ("memory", "encoder"), toks, x_title=t("fig.dimension"), y_title=t("fig.token"),
                      signed=True, show_values=False)
sim = sims[-1]
a, b = (0, 1) if len(toks) > 1 else (0, 0)
if len(toks) > 2:
    off = np.where(np.eye(len(toks), dtype=bool), -np.inf, sim)
    a, b = np.unravel_index(int(np.argmax(off)), off.shape)
with widgets.by_hand(t("encoder.check", a=widgets.md_escape(toks[a]), b=widgets.md_escape(toks[b]))):
    u, v = memory[a].astype(np.float64), memory[b].astype(np.float64)
    dot, nu, nv = float(u @ v), float(np.sqrt(u @ u)), float(np.sqrt(v @ v))
    st.latex(rf"\cos = \frac{{C_{{{a}}}\cdot C_{{{b}}}}}{{\lVert C_{{{a}}}\rVert\,\lVert C_{{{b}}}\rVert}} = "
             rf"\frac{{{dot:.4f}}}{{{nu:.4f}\times{nv:.4f}}} = {dot / (nu * nv):.4f}")
    widgets.agreement(dot / (nu * nv), float(sim[a, b]))

widgets.show_code(Encoder)
page.end(SLUG)
