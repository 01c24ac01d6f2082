"""15. How it was trained: the real training replayed on the learner's sentence, then the recipe, part by part."""

import time
from contextlib import nullcontext

import numpy as np
import streamlit as st

from tutorial_model.fit import fit, lr_at
from ui import figures, page, present, replay, state, views, widgets
from ui.i18n import t

SLUG = "training"
PLAY_EVERY_S = 1.2  # one saved step per tick while playing: long enough to read the translation
_STEP = "_tl_replay_step"  # index into the saved steps (session only)
_PLAYING = "_tl_replay_playing"
_TIMER = "_tl_replay_timer"  # whether the last full run registered the fragment's timer (run_every)
_FULL = "_tl_replay_full"  # set by a full run just before it draws the fragment: that draw does not advance
_MOVED = "_tl_replay_moved"  # time.monotonic() of the last advance: ticks queued behind a slow run do not skip
_SLIDER = "_w.replay_step"
PRESENT_HEIGHT = 320  # presenting: a replay figure's height at most (under the controls, Play, the translation and the
# tabs; at 340 a long sentence's translation at step 0 wrapped to two lines and the part scrolled 10 px at 1366×768)

ctx = page.begin(SLUG)
try:
    saved = replay.steps()
except replay.CheckpointError as e:  # no replay beside this checkpoint: say how to build it, keep the rest
    saved = []
    st.error(t("replay.missing"), icon=":material/error:")
    st.code(str(e), language=None)
history = replay.curve()
ss = st.session_state
ss.setdefault(_STEP, 0)  # step 0, random weights: the reveal is the lesson
ss.setdefault(_PLAYING, False)
ss[_STEP] = max(0, min(ss[_STEP], len(saved) - 1))


def _on_slider() -> None:
    ss[_PLAYING] = False
    value = ss.get(_SLIDER)
    if isinstance(value, int) and 0 <= value < len(saved):
        ss[_STEP] = value


def _on_play() -> None:
    if ss[_PLAYING]:
        ss[_PLAYING] = False
        return
    ss[_PLAYING] = True
    if ss[_STEP] >= len(saved) - 1:  # play from the start when at the end
        ss[_STEP] = 0


page.text(SLUG, "replay")
if saved:
    st.caption(t("replay.saved", n=len(saved), steps=", ".join(f"{s:,}" for s in saved)))
    cols = widgets.shown_columns({"layer": 2, "head": 4})
    with cols["layer"]:
        widgets.layer_select(ctx.cfg.n_layers)
    with cols["head"]:
        widgets.head_select(ctx.cfg.n_heads)


def curves(step: int | None, side_by_side: bool = False) -> None:
    """Training loss and validation exact match from the checkpoint metadata, a marker at ``step`` (``side_by_side``:
    in two columns, as presenting shows them in their tab)."""
    curve = history["curve"]
    marker = {t("replay.marker", step=step): step} if step is not None else None
    acc = [(p["step"], p["valid_exact_match"]) for p in curve if "valid_exact_match" in p]
    first, second = st.columns(2) if side_by_side and acc else (nullcontext(), nullcontext())
    with first:
        widgets.figure(figures.lines([p["step"] for p in curve], {t("replay.loss"): [p["loss"] for p in curve]},
                                     height=300, title=t("replay.loss_title"), x_title=t("replay.step"),
                                     y_title=t("replay.loss"), vlines=marker), key="replay.loss")
    if acc:
        with second:
            widgets.figure(figures.lines([a for a, _ in acc], {t("replay.accuracy"): [b for _, b in acc]},
                                         height=300, markers=True, title=t("replay.acc_title"),
                                         x_title=t("replay.step"), y_title=t("replay.accuracy"), vlines=marker),
                           key="replay.acc")


# A fragment's timer (run_every) is fixed when a *full* run draws it: Play and Pause are clicked inside the
# fragment, whose own rerun cannot start or stop the timer, so a change of playing state asks for a full run.
@st.fragment(run_every=PLAY_EVERY_S if ss[_PLAYING] else None)
def replay_view() -> None:
    if ss[_PLAYING] != ss.get(_TIMER):
        st.rerun()  # the whole page: it registers (or drops) the timer
    now = time.monotonic()
    if ss[_PLAYING] and not ss.pop(_FULL, False) and now - ss.get(_MOVED, 0.0) >= 0.8 * PLAY_EVERY_S:
        ss[_STEP] = min(ss[_STEP] + 1, len(saved) - 1)  # a tick of the timer: the next saved step
        ss[_MOVED] = now
    ss.pop(_FULL, None)
    i = ss[_STEP]
    step = saved[i]
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button(t("replay.pause") if ss[_PLAYING] else t("replay.play"), on_click=_on_play, key="_b.replay_play",
                  icon=":material/pause:" if ss[_PLAYING] else ":material/play_arrow:", type="primary")
        # the saved steps are spaced closer early on (where the model changes fastest): the slider moves one
        # saved moment per notch and says which, rather than pretending to a linear 0 … last-step scale.
        # While playing there is no slider (Pause to scrub): a slider moved by the timer races the browser,
        # which sends back the value it last showed and so looks like a drag back to it.
        label = lambda k: t("replay.snapshot_n", k=k + 1, n=len(saved), step=f"{saved[k]:,}")  # noqa: E731
        if ss[_PLAYING]:
            st.progress((i + 1) / len(saved), text=label(i))
        else:
            ss[_SLIDER] = i
            st.select_slider(t("replay.snapshot"), range(len(saved)), key=_SLIDER, on_change=_on_slider,
                             format_func=label)
    trace = replay.trace(step, ctx.sentence)
    L, h = min(state.get("layer"), ctx.cfg.n_layers - 1), min(state.get("head"), ctx.cfg.n_heads - 1)
    first, last = i == 0, i == len(saved) - 1
    at = t("replay.at_step", step=f"{step:,}", total=f"{saved[-1]:,}")
    where = t("replay.random") if first else t("replay.shipped") if last else t("replay.between")
    if state.presenting():  # one screen: the slider says the step; the line above and the caption go in the help
        st.text(trace.translation or "∅", help=f"{at}\n\n{where}")
    else:
        st.markdown(at)
        st.text(trace.translation or "∅")
        st.caption(where)

    # presenting: one screen, so the figures go in tabs under the step (their labels never change, so the tab on
    # screen stays while Play steps), none taller than what the controls and the Play row leave
    tabs = st.tabs([f"{t('attn.dec_cross')} · {t('attn.enc_self')}", t("fig.vocabulary"),
                    f"{t('replay.loss')} · {t('replay.accuracy')}"]) if state.presenting() else None
    with widgets.figures_at_most(PRESENT_HEIGHT), tabs[0] if tabs else nullcontext():
        left, right = widgets.columns(2)
        with left:
            views.tensor(trace, ("pattern", L, "decoder", "cross_attn"), trace.tgt_tokens, trace.src_tokens,
                         head=h, detail=t("replay.step_detail", step=step), zmin=0.0, zmax=1.0, key="replay.cross",
                         x_title=t("replay.source_axis"), y_title=t("replay.target_axis"))
        with right:
            views.tensor(trace, ("pattern", L), trace.src_tokens, trace.src_tokens,
                         head=h, detail=t("replay.step_detail", step=step), zmin=0.0, zmax=1.0, key="replay.self",
                         x_title=t("fig.key"), y_title=t("fig.query"))

    left, right = (tabs[1], tabs[2]) if tabs else widgets.columns(2)
    with widgets.figures_at_most(PRESENT_HEIGHT), left:
        points, ratios, labels = replay.embedding_map(step)
        ids = sorted({labels.index(c) for c in trace.src_tokens if c in labels})
        widgets.figure(views.scatter_2d(points, labels, highlight=ids, height=440,
                                        width=400,  # half the page at 1280 px: the sentence's labels placed for it
                                        names=(t("fig.vocabulary"), t("fig.this_sentence")),
                                        title=t("replay.map_title", step=step, v=len(labels)),
                                        x_title=t("replay.pc", n=1, pct=f"{100 * ratios[0]:.0f}"),
                                        y_title=t("replay.pc", n=2, pct=f"{100 * ratios[1]:.0f}")),
                       key="replay.map")
    with widgets.figures_at_most(PRESENT_HEIGHT), right:
        curves(step, side_by_side=bool(tabs))
    if ss[_PLAYING] and last:
        ss[_PLAYING] = False
        st.rerun()  # the whole page, so the fragment stops ticking


if saved:
    present.split()  # presenting: the replay is a part of its own, under the section's controls
    ss[_TIMER] = ss[_PLAYING]
    ss[_FULL] = True
    replay_view()
elif history["curve"]:
    curves(None)

# ---- the recipe, part by part ------------------------------------------------------------------------------
tcfg = history["train_config"]
page.text(SLUG, "objective")
page.text(SLUG, "teacher_forcing")
page.text(SLUG, "label_smoothing")
page.text(SLUG, "adam")
page.text(SLUG, "schedule")
if tcfg.get("steps"):
    xs = np.arange(0, int(tcfg["steps"]), max(1, int(tcfg["steps"]) // 300))

    class _Cfg:  # lr_at reads these fields of the stored training settings
        lr, warmup_steps, steps = float(tcfg["lr"]), int(tcfg["warmup_steps"]), int(tcfg["steps"])

    widgets.figure(views.lines(xs, {t("replay.lr"): [lr_at(int(s), _Cfg) for s in xs]}, height=300,
                               title=t("replay.lr_title"), x_title=t("replay.step"), y_title=t("replay.lr"),
                               vlines={t("replay.warmup_end"): _Cfg.warmup_steps}), key="replay.lr")
    # the rate the training loop recorded at a step after warm-up, recomputed from the cosine formula
    logged = [p for p in history["curve"] if p["step"] >= _Cfg.warmup_steps and "lr" in p]
    if logged:
        point = logged[len(logged) // 2]
        progress = (point["step"] - _Cfg.warmup_steps) / max(1, _Cfg.steps - _Cfg.warmup_steps)
        ours = _Cfg.lr * 0.5 * (1 + np.cos(np.pi * progress))
        with widgets.by_hand(t("replay.lr_check", step=point["step"])):
            st.latex(rf"\eta = {_Cfg.lr:g}\cdot\tfrac12\bigl(1+\cos(\pi\cdot{progress:.4f})\bigr)"
                     rf" = {ours:.6g}")
            widgets.agreement(ours, point["lr"])
page.text(SLUG, "dropout")
page.text(SLUG, "clipping")
page.text(SLUG, "init")
page.text(SLUG, "corpus")
widgets.show_code(fit)
page.end(SLUG)
