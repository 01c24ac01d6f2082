"""The "Practise on your sentence" box at the end of every lesson: one exercise at a time, graded on the
learner's own tensors, with a three-rung hint ladder, the named misconception, and the worked solution.

The engine (``exercises/``) makes and grades; this module only draws an Instance and a Result. The box is a
fragment, so checking an answer reruns the box, not the page's figures.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from exercises import core, registry
from exercises.core import Instance, Result, Text

from . import figures, navigation, state, toc, widgets
from .i18n import t
from .number_text import significant

_ATTEMPTS = "_ex.attempts"  # skill → the learner's "another one" count (the seed's third part)
_HINTS = "_ex.hints"  # instance id → the highest hint rung opened
WORKED_HINT = "exercises.hint.worked"  # the last rung: "the worked solution below …"
_RESULTS = "_ex.results"  # instance id → the last Result
_WRONG = "_ex.wrong"  # instance id → counted wrong tries (the right answer shows from the second on)
REVEAL_AFTER = 2  # wrong tries before the feedback names the right answer (one slip: only what the slip gives)


def render_text(item: Text | str, extra: Mapping[str, Any] | None = None) -> str:
    """An i18n Text with its fields translated (nested Text) or escaped (tokens, numbers); a plain string
    (a token, a number) escaped."""
    if isinstance(item, str):
        return widgets.md_escape(item)
    fields = {k: (render_text(v) if isinstance(v, Text) else widgets.md_escape(v)) for k, v in item.fields.items()}
    return t(item.key, **{**fields, **(extra or {})})


def _store(name: str) -> dict:
    return st.session_state.setdefault(name, {})


def practice(slug: str, given: registry.Given) -> None:
    """The box, collapsed until the learner opens it; only then is an exercise made and drawn. A closed box took
    8 % of the page scripts' time in a profile of the class tour (README, issue 25), for a box most views never
    open. Opening it reruns the page once; its state lives under ``open_key(slug)``."""
    exercises = registry.for_page(slug)
    if not exercises or given.trace is None:
        return
    box = widgets.folded(t("exercises.ui.title"), open_key(slug), icon=":material/edit_note:")
    if box is not None:
        with box:
            _box(slug, given)


def open_key(slug: str) -> str:
    """The session-state key of lesson ``slug``'s exercise box: True while it is open."""
    return f"_ex.open.{slug}"


@st.fragment
def _box(slug: str, given: registry.Given) -> None:
    # only what this view can pose: an exercise that reads an outcome the page has not computed is left out
    exercises = [e for e in registry.for_page(slug) if all(n in given.extras for n in e.needs)]
    if not exercises:
        st.info(t("exercises.ui.none_fit"), icon=":material/info:")
        return
    st.caption(t("exercises.ui.intro"))
    names = {e.skill: t(f"exercises.skill.{e.skill}") for e in exercises}
    skill = st.segmented_control(" ", list(names), format_func=names.get, key=f"_ex.pick.{slug}",
                                 default=exercises[0].skill, label_visibility="collapsed") or exercises[0].skill
    exercise = registry.find(skill)
    level = st.container()  # filled last: an answer checked in this run counts in the level shown above it
    attempt = _store(_ATTEMPTS).get(skill, 0) + state.get("ex")
    instance = registry.generate(exercise, given, core.seed_for(given.sentence, skill, attempt))
    if instance is None:
        st.info(t("exercises.ui.none_fit"), icon=":material/info:")
    else:
        show(instance)
    with level:
        _level(skill)


def reset(instance: Instance) -> None:
    """Forget this session's answer, hints and result for ``instance``: a fresh box (a ConcepTest's new round)."""
    for name in (_RESULTS, _HINTS, _WRONG):
        st.session_state.get(name, {}).pop(instance.id, None)
    blank = {core.NUMBER: "", core.SHAPE: "", core.CHOICE: None, core.ORDER: []}
    key = f"_ex.in.{instance.id}"
    if instance.kind in blank and key in st.session_state:
        st.session_state[key] = blank[instance.kind]  # set, not removed: the browser would send its old value
    else:
        st.session_state.pop(key, None)


def show(instance: Instance, on_attempt: Callable[[Instance, Result], None] | None = None,
         another: bool = True, solution: bool = True) -> Result | None:
    """One instance: prompt, numbers, answer box, feedback, hints, solution. Every counted attempt goes to the
    learner's progress, and to ``on_attempt`` (the class view's ConcepTest passes one); ``another``: offer a new
    instance of the same exercise; ``solution``: show the worked solution after an attempt (a ConcepTest keeps it
    back until the class has voted twice). Returns the last result of this instance in this session."""
    st.markdown(f"**{t(f'exercises.type.{instance.type}')}** · {render_text(instance.prompt)}")
    _given(instance)
    result = _answer(instance, on_attempt)
    if result is not None:
        _feedback(instance, result, reveal=solution and _answer_shown(instance))
    _hints(instance, attempted=solution and result is not None and result.counts, solution=solution)
    nxt = core.follow_up(instance, result) if result is not None else None
    if nxt is not None:  # a chain: the next step, posed on the learner's own answer to this one
        with st.container(border=True):
            st.caption(t("exercises.ui.carried", s=significant(nxt.params["carried"], 4)))
            show(nxt, on_attempt, another=False)
    if another and st.button(t("exercises.ui.another"), key=f"_ex.next.{instance.id}", icon=":material/refresh:",
                             type="tertiary"):
        attempts = _store(_ATTEMPTS)
        attempts[instance.skill] = attempts.get(instance.skill, 0) + 1
        st.rerun(scope="fragment")
    return result


def _cell(v: float, decimals: int) -> str:
    return "−∞" if np.isneginf(v) else f"{v:.{decimals}f}".replace("-", "−")


def _markdown_table(header: list[str], rows: list[list[str]], escape: bool = True) -> None:
    """A small table as Markdown (cells escaped unless they already are): a few ms cheaper per rerun than
    st.dataframe's Arrow conversion."""
    esc = widgets.md_escape if escape else str
    lines = ["| " + " | ".join(widgets.md_escape(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    st.markdown("\n".join(lines))


WIDE = 8  # a wider matrix goes into a scrolling table (a Markdown table would be cut at the page's edge)


def _matrix(matrix: np.ndarray, rows, cols, decimals: int) -> None:
    m = np.asarray(matrix, dtype=float)
    cells = [[_cell(v, decimals) for v in row] for row in m]
    if len(cols) > WIDE:
        st.dataframe(pd.DataFrame(cells, index=_unique([str(r) for r in rows]),
                                  columns=_unique([str(c) for c in cols])))
    else:
        _markdown_table(["", *map(str, cols)], [[str(r), *row] for r, row in zip(rows, cells)])


def _given(instance: Instance) -> None:
    """The numbers to compute from, exactly as rounded for grading."""
    rows, cols = instance.labels.get("rows"), instance.labels.get("cols")
    for name, value in instance.show.items():
        if name == "maps":
            columns = st.columns(len(value))
            for n, (col, matrix) in enumerate(zip(columns, value)):
                with col:
                    fig = figures.heatmap(matrix, rows, cols, zmin=0.0, zmax=1.0, show_values=False, height=340,
                                          title=t("exercises.choice.map", n=n + 1), width=300)
                    fig.update_traces(showscale=False)  # one scale for all three: 0 … 1
                    widgets.figure(fig, key=f"ex.{instance.id}.map{n}")
        elif name == "mask":
            continue  # shown inside the scores (−∞) or asked for (the grid)
        elif np.ndim(value) == 2:
            _matrix(value, rows, cols, instance.decimals)
        elif np.ndim(value) == 1:
            _matrix(np.asarray(value)[None, :], [name], cols or range(len(value)), instance.decimals)
        else:
            # a float too small for the decimals (LayerNorm's ε = 1e-05) in powers of ten, never as 0.0000
            number = significant(value, instance.decimals) if isinstance(value, float) else str(value)
            st.markdown(f"{widgets.md_escape(name)} = **{number.replace('-', '−')}**")


def _answer(instance: Instance, on_attempt: Callable[[Instance, Result], None] | None) -> Result | None:
    results = _store(_RESULTS)
    key = f"_ex.in.{instance.id}"
    kind = instance.kind
    # no "Press Enter to submit form" or character counter: Streamlit writes them in English only
    with st.form(key=f"_ex.form.{instance.id}", border=False, enter_to_submit=False):
        if kind in (core.NUMBER, core.SHAPE):
            helps = "exercises.ui.answer_help" if kind == core.NUMBER else "exercises.ui.shape_help"
            raw = st.text_input(t("exercises.ui.answer"), key=key, help=t(helps))
        elif kind == core.CHOICE:
            labels = [render_text(c) for c in instance.choices]
            raw = st.radio(t("exercises.ui.answer"), range(len(labels)), format_func=lambda n: labels[n], index=None,
                           key=key, horizontal=len(labels) <= 6)
        elif kind == core.ORDER:
            labels = [render_text(c) for c in instance.choices]
            picked = st.multiselect(t("exercises.ui.order_help"), range(len(labels)), format_func=lambda n: labels[n],
                                    key=key, placeholder=t("exercises.ui.order_placeholder"))
            raw = list(picked)
        else:  # GRID: a checkbox per cell, rows are queries, columns keys
            rows = [str(r) for r in instance.labels["rows"]]
            cols = [str(c) for c in instance.labels["cols"]]
            st.caption(t("exercises.ui.grid_help"))
            frame = pd.DataFrame(False, index=_unique(rows), columns=_unique(cols))
            edited = st.data_editor(frame, key=key, disabled=False)
            raw = edited.to_numpy(dtype=bool).tolist()
        submitted = st.form_submit_button(t("exercises.ui.check"), icon=":material/check:")
    if submitted:
        result = core.grade(instance, raw)
        results[instance.id] = result
        if result.counts:
            if not result.correct:
                wrong = _store(_WRONG)
                wrong[instance.id] = wrong.get(instance.id, 0) + 1
            _record(instance, result)
            if on_attempt is not None:
                on_attempt(instance, result)
    return results.get(instance.id)


def _unique(labels: list[str]) -> list[str]:
    """Repeated tokens (两个 我) as distinct row names: "我", "我 (2)"."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _value(instance: Instance, value: Any) -> str:
    if instance.kind == core.NUMBER:  # significant digits: a slip at 3.1e-7 must not read "0.0000"
        return significant(float(value), max(instance.decimals, 1))
    if instance.kind == core.SHAPE:
        return " × ".join(map(str, value))
    if instance.kind == core.CHOICE:
        return render_text(instance.choices[value])
    if instance.kind == core.ORDER:
        return " → ".join(render_text(instance.choices[k]) for k in value)
    return str(int(np.sum(value)))


def _answer_shown(instance: Instance) -> bool:
    """Whether the feedback may name the right answer: after the second wrong try, or once the worked solution is
    open. Naming it counts as the worked solution (the bottom-out hint), so a right answer copied from it does not
    build the streak toward Proficient (exercises.mastery)."""
    opened = _store(_HINTS)
    if _store(_WRONG).get(instance.id, 0) >= REVEAL_AFTER and instance.hints:
        opened[instance.id] = max(opened.get(instance.id, 0), len(instance.hints))
    return bool(instance.hints) and opened.get(instance.id, 0) >= len(instance.hints)


def _feedback(instance: Instance, result: Result, reveal: bool = False) -> None:
    """The verdict; on a known slip, the misconception and what that slip gives (the right answer beside it only
    when ``reveal``: one slip in, the learner gets to try again first)."""
    fields = dict(instance.prompt.fields)
    if result.status == core.RIGHT:
        message = (t("exercises.ui.right", value=_value(instance, result.value)) if instance.kind in
                   (core.NUMBER, core.SHAPE) else t("exercises.ui.right_choice"))
        st.success(message, icon=":material/check_circle:")
    elif result.status == core.BUG:
        st.warning(f"{t('exercises.ui.bug')}\n\n{render_text(core.text(f'exercises.bug.{result.tag}', **fields))}",
                   icon=":material/lightbulb:")
        if instance.kind in (core.NUMBER, core.SHAPE, core.CHOICE):
            header = [t("exercises.ui.col_yours"), t("exercises.ui.col_slip")]
            row = [_value(instance, result.value), _value(instance, result.bug_value)]
            if reveal:
                header, row = header + [t("exercises.ui.col_right")], row + [_value(instance, instance.answer)]
            _markdown_table(header, [row], escape=False)  # _value's text is safe
        if not reveal:
            st.caption(t("exercises.ui.try_again"))
        _reteach(instance)
    elif result.status == core.WRONG:
        st.error(t("exercises.ui.wrong", value=_value(instance, result.value)) if instance.kind in
                 (core.NUMBER, core.SHAPE) else t("exercises.ui.wrong_choice"), icon=":material/close:")
    else:
        st.info(t("exercises.ui.unreadable", raw=widgets.md_escape(result.read_as)), icon=":material/help:")
    if reveal and result.status == core.WRONG:  # a slip's table names it above
        st.markdown(t("exercises.ui.answer_is", value=_value(instance, instance.answer)))
    if result.counts and instance.reveal is not None:
        st.markdown(f"**{t('exercises.ui.reveal')}** · {render_text(instance.reveal)}")


def _reteach(instance: Instance) -> None:
    lesson = toc.BY_SLUG.get(instance.page)
    if lesson is None:
        return
    params = {**state.url_params(), "sec": instance.section}
    navigation.link(lesson.file, label=t("exercises.ui.reteach"), query_params=params, icon=":material/school:")


def offered_hints(instance: Instance) -> tuple:
    """The hint rungs shown: the last one promises the worked solution, so an exercise without one (choices, grids,
    orders: the feedback after an attempt shows the answer) stops at the rungs before it. Opening the last rung
    costs the streak toward Proficient (exercises.mastery.BOTTOM_OUT); it must not cost that for nothing."""
    if instance.solution:
        return instance.hints
    return tuple(hint for hint in instance.hints if hint.key != WORKED_HINT)


def _hints(instance: Instance, attempted: bool, solution: bool = True) -> None:
    """Point to the cells → the formula with one blank → the worked solution; the solution also opens after an
    attempt (the next sentence gives a new instance, so showing it costs nothing)."""
    opened = _store(_HINTS)
    level = opened.get(instance.id, 0)
    hints = offered_hints(instance)
    def rung(n: int) -> str:
        return t("exercises.ui.hint", n=n, total=len(hints))

    for n, hint in enumerate(hints[:level]):
        st.caption(f"{rung(n + 1)} · {render_text(hint, dict(instance.prompt.fields))}")
    if level < len(hints) and st.button(rung(level + 1), key=f"_ex.hint.{instance.id}",
                                        icon=":material/tips_and_updates:", type="tertiary"):
        opened[instance.id] = level + 1
        st.rerun(scope="fragment")
    # after an attempt the worked solution is one click away (it counts as the last hint: a right answer given
    # after it does not build the streak toward Proficient)
    if (solution and attempted and level < len(instance.hints) and instance.solution
            and st.button(t("exercises.ui.solution_open"), key=f"_ex.sol.{instance.id}", icon=":material/menu_book:",
                          type="tertiary")):
        opened[instance.id] = len(instance.hints)
        st.rerun(scope="fragment")
    if solution and level >= len(instance.hints) and instance.solution:
        with st.container(border=True):
            st.markdown(f"**{t('exercises.ui.solution')}**")
            for line in instance.solution:
                st.latex(line)


def _level(skill: str) -> None:
    """The learner's level on this exercise (from the progress kept in their browser)."""
    from exercises import mastery

    from . import progress

    level = mastery.level(progress.current(), skill)
    st.caption(t("exercises.ui.level", level=progress.level_name(level)))


def _record(instance: Instance, result: Result) -> None:
    """One attempt into the learner's progress (kept in their browser) and, when they joined one, their class."""
    from . import classroom, progress  # late: the progress bridge draws a component

    classroom.record_attempt(instance, result)
    progress.record({"skill": instance.skill, "page": instance.page, "instance": instance.id,
                     "correct": result.correct, "tag": result.tag,
                     "hint": _store(_HINTS).get(instance.id, 0), "t": int(time.time())})
