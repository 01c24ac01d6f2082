"""16. Train one yourself: a tiny Transformer trained in this session, its loss and attention updating live."""

import secrets
from contextlib import nullcontext

import numpy as np
import streamlit as st

from tutorial_model import live
from tutorial_model.live import LiveTrainer
from ui import figures, live_pool, page, present, toc, widgets
from ui.i18n import t

SLUG = "live_training"
TICK_S = 0.5  # one round of training steps, then a redraw
IDLE_TICK_S = 2.0  # while paused with a model: only the heartbeat that keeps the slot
MAX_TICK_COMPUTE_S = 0.35  # a tick never trains longer than this, whatever the speed
SPEEDS = (1, 5, 20, 50)  # training steps per tick
ss = st.session_state
_SID, _TASK, _SPEED = "_tl_live_sid", "_tl_live_task", "_tl_live_speed"
_ACTIVE, _PLAYING, _ONCE = "_tl_live_active", "_tl_live_playing", "_tl_live_once"
_HAS_MODEL, _VIEW = "_tl_live_has_model", "_tl_live_view"
ss.setdefault(_SID, secrets.token_hex(8))  # this session's name in the pool; never shown, never in the URL
ss.setdefault(_TASK, live.TASKS[0])
ss.setdefault(_SPEED, SPEEDS[2])
for key in (_ACTIVE, _PLAYING, _ONCE, _HAS_MODEL):
    ss.setdefault(key, False)
pool = live_pool.pool()

TITLE = f"{toc.number(SLUG)}. {t('page.live_training.title')}"
if not present.presenting():
    st.title(TITLE)
present.start(SLUG, TITLE, page.reference)  # no sentence needed, so not page.begin; presentation as on every lesson
if not present.presenting():
    with st.container(horizontal=True):
        page.reference()
page.key_points(SLUG)
page.text(SLUG)


@st.cache_data(show_spinner=False, max_entries=8)
def untrained_view(task: str) -> dict:
    """Step 0 of a task (seed 0), the same for everyone: what the page shows before the learner presses play."""
    return LiveTrainer(task, seed=0).view()


def task_label(name: str) -> str:
    return {"copy": t("live.task_copy"), "reverse": t("live.task_reverse"), "sort": t("live.task_sort"),
            "translate": t("live.task_translate")}[name]


def _new_model() -> None:
    ss[_HAS_MODEL] = False
    ss[_PLAYING] = False
    ss.pop(_VIEW, None)


def _on_task() -> None:
    value = ss.get("_w.live_task")
    if value in live.TASKS:
        ss[_TASK] = value
        _new_model()


def _on_play() -> None:
    ss[_PLAYING] = not ss[_PLAYING]
    if ss[_PLAYING]:
        ss[_ACTIVE] = True
        pool.join(ss[_SID])


def _on_step() -> None:
    ss[_PLAYING] = False
    ss[_ONCE] = True
    ss[_ACTIVE] = True
    pool.join(ss[_SID])


def _on_reset() -> None:
    pool.leave(ss[_SID])  # ends this session's trainer and frees its slot for the next in line
    ss[_ACTIVE] = False
    _new_model()


def _on_speed() -> None:
    value = ss.get("_w.live_speed")
    if value in SPEEDS:
        ss[_SPEED] = value


page.text(SLUG, "tasks")
present.split()  # presenting: the controls and what they train a part of their own, under the section's text
ss["_w.live_task"] = ss[_TASK]
st.segmented_control(t("live.task"), live.TASKS, key="_w.live_task", required=True, on_change=_on_task,
                     format_func=task_label)
with st.container(horizontal=True, vertical_alignment="bottom"):
    st.button(t("live.pause") if ss[_PLAYING] else t("live.play"), on_click=_on_play, key="_b.live_play",
              icon=":material/pause:" if ss[_PLAYING] else ":material/play_arrow:", type="primary")
    st.button(t("live.step"), on_click=_on_step, key="_b.live_step", icon=":material/skip_next:")
    st.button(t("live.reset"), on_click=_on_reset, key="_b.live_reset", icon=":material/restart_alt:")
    ss["_w.live_speed"] = ss[_SPEED]
    st.select_slider(t("live.speed"), SPEEDS, key="_w.live_speed", on_change=_on_speed,
                     format_func=lambda n: t("live.speed_n", n=n), width=320)


def tick_every() -> float | None:
    if ss[_PLAYING]:
        return TICK_S
    return IDLE_TICK_S if ss[_ACTIVE] else None


@st.fragment(run_every=tick_every())
def live_view() -> None:
    sid = ss[_SID]
    if ss[_ACTIVE]:
        position = pool.heartbeat(sid)
        if position < 0:  # the slot ended (time limit, or this tab was away too long)
            why = pool.ended.pop(sid, "")
            ss[_ACTIVE] = False
            _new_model()
            st.warning(t("live.ended_time") if why == "time" else t("live.ended_idle"), icon=":material/timer_off:")
        elif position > 0:
            st.info(t("live.queue", n=position, slots=pool.capacity), icon=":material/hourglass_top:")
        else:
            runner = pool.runner(sid)
            try:
                if not ss[_HAS_MODEL]:
                    with st.spinner(t("live.starting")):
                        ss[_VIEW] = runner.new(ss[_TASK], secrets.randbelow(10_000))
                    ss[_HAS_MODEL] = True
                if ss[_PLAYING] or ss[_ONCE]:
                    steps = 1 if ss[_ONCE] else ss[_SPEED]
                    ss[_VIEW] = runner.train(steps, MAX_TICK_COMPUTE_S, 0)
            except live_pool.RunnerError as e:
                pool.leave(sid)
                ss[_ACTIVE] = False
                _new_model()
                st.error(t("live.failed"), icon=":material/error:")
                st.code(str(e), language=None)
            ss[_ONCE] = False
            left = pool.remaining_s(sid)
            if left is not None:
                st.caption(t("live.time_left", s=int(left)))
    show(ss.get(_VIEW) or untrained_view(ss[_TASK]))


def show(view: dict) -> None:
    losses = view["losses"]
    if losses:
        st.markdown(t("live.status", step=view["step"], loss=f"{losses[-1]:.3f}", cpu=f"{view['cpu_seconds']:.1f}"))
    else:
        st.markdown(t("live.status_untrained"))
    # presenting: one screen, so the figures in one tab and the check and the samples in another (fixed labels: the
    # tab on screen stays while training ticks)
    tabs = st.tabs([f"{t('live.loss')} · {t('attn.dec_cross')}", f"{t('check.title')} · {t('live.col_got')}"]) \
        if present.presenting() else None
    with tabs[0] if tabs else nullcontext():
        left, right = widgets.columns(2)
    with widgets.figures_at_most(300), left:  # presenting: under the controls and the tabs
        every = max(1, len(losses) // 1000)  # at most ~1000 points on the curve
        xs = list(range(1, len(losses) + 1))[::every]
        widgets.figure(figures.lines(xs, {t("live.loss"): losses[::every]}, height=380, title=t("live.loss_title"),
                                     x_title=t("live.step_axis"), y_title=t("live.loss")), key="live.loss")
    with widgets.figures_at_most(300), right:
        rows = view["out_tokens"]  # row t is the decoder position that writes output word t
        fig = figures.heatmap(view["cross"], rows, view["src_tokens"], zmin=0.0, zmax=1.0, height=380,
                              title=t("live.cross_title", step=view["step"]), show_values=False,
                              x_title=t("live.source_axis"), y_title=t("live.writes_axis"))
        widgets.figure(fig, key="live.cross", csv=(view["cross"], rows, view["src_tokens"]))
        if view["pattern"] is not None:
            n = min(len(view["alignment"]), len(rows))
            shape = {"copy": t("live.shape_diagonal"), "reverse": t("live.shape_anti"),
                     "sort": t("live.shape_sorted")}[view["task"]]
            st.caption(t("live.pattern", k=round(view["pattern"] * n), n=n, shape=shape))
        else:
            st.caption(t("live.pattern_none"))
    cross = np.asarray(view["cross"], dtype=np.float64)
    with tabs[1] if tabs else nullcontext():
        check(view, cross, rows)


def check(view: dict, cross: np.ndarray, rows: list) -> None:
    """The first row of the cross-attention added up by hand, and the samples the model writes now."""
    if cross.size:  # a softmax row is a probability distribution: its weights add up to 1
        row = cross[0]
        with widgets.by_hand(t("live.check", token=widgets.md_escape(str(rows[0])))):
            st.markdown(" + ".join(f"{w:.3f}" for w in row) + f" = **{row.sum():.6f}**")
            st.caption(t("live.check_sum", diff=widgets.small(abs(row.sum() - 1))))
    widgets.table({t("live.col_source"): [s["source"] for s in view["samples"]],
                   t("live.col_want"): [s["want"] for s in view["samples"]],
                   t("live.col_got"): [(s["got"] or "∅") + (" ✓" if s["got"] == s["want"] else "")
                                       for s in view["samples"]]})


if present.showing():
    live_view()
page.text(SLUG, "watch")
page.end(SLUG, live_view=ss.get(_VIEW) or untrained_view(ss[_TASK]))
