"""The learner's progress on the Streamlit side: kept in their browser, recorded after each graded answer,
and the widgets that let them keep it (download), restore it (upload) or delete it ("forget me").

The rules are pure Python (exercises/mastery.py), the file format too (exercises/progress_file.py); the
browser bridge is ui/browser_store.py. This module is the one owner of the progress in ``st.session_state``::

    progress.current()        # the learner's progress dict (their browser's copy once it has answered)
    progress.record(event)    # after a graded answer: mastery.record, then kept in the browser

Before the browser has answered (the first run of a session; always under AppTest, which runs no
JavaScript) the session works on its own copy, and answers recorded meanwhile are replayed onto what
the browser held when it answers. Buttons and the uploader change the session's copy in their callbacks;
the browser is written by the next ``current()`` (a callback is no place to draw a component). Progress
never goes into the URL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from exercises import mastery, progress_file
from exercises.progress_file import ProgressFileError

from . import browser_store, i18n, toc
from .i18n import t

NS = "progress"  # localStorage key "tl.progress"
_KEY = "_tl_progress"  # session state: progress, loaded, pending (answers before the browser answered), flush, …
_UPLOAD = "_w.progress_upload"
NOTICES = ("progress.corrupt", "progress.forgotten", "progress.imported", *progress_file.ERROR_KEYS)  # i18n keys
# not started … mastered: each darker than the one before (apart in greyscale too, on a washed-out projector: two pale
# oranges and two greens were hard to tell apart), the hue moving from grey through yellow and orange to blue
LEVEL_COLOURS = ("#eceff1", "#fed976", "#fd8d3c", "#2b8cbe", "#08306b")


def now() -> datetime:
    return datetime.now(UTC)


def _state() -> dict[str, Any]:
    if _KEY not in st.session_state:
        st.session_state[_KEY] = {"progress": mastery.new(), "loaded": False, "pending": [], "flush": None,
                                  "replaced": False, "notice": None, "upload": None}
    return st.session_state[_KEY]


def _notice(key: str, kind: str = "info", **fields: Any) -> None:
    """A message that stays while it is true: the store was unreadable or the learner asked to be forgotten
    (until an answer or an upload changes the progress). An upload's message sits under the uploader."""
    _state()["notice"] = (key, kind, fields)


def _show(key: str, kind: str, fields: dict[str, Any]) -> None:
    getattr(st, kind)(t(key, **fields), icon={"error": ":material/error:", "warning": ":material/warning:",
                                              "success": ":material/check_circle:"}.get(kind))


def current() -> dict[str, Any]:
    """The learner's progress: the browser's copy once it has answered, with this session's answers."""
    s = _state()
    stored = browser_store.load(NS)  # after the first answer: the kept dict, and any write still to redraw
    if not s["loaded"] and stored is not None:
        if s["replaced"]:  # imported or forgotten before the browser answered: the learner's choice wins
            progress = s["progress"]
        else:
            try:
                progress = progress_file.validate(stored) if stored else mastery.new()
            except ProgressFileError:
                progress = mastery.new()
                _notice("progress.corrupt", "warning")
            if browser_store.problem(NS):
                _notice("progress.corrupt", "warning")
            for event, when in s["pending"]:
                progress = mastery.record(progress, event, when)
            if s["pending"]:
                s["flush"] = s["flush"] or "save"
        s.update(progress=progress, loaded=True, pending=[])
    if s["loaded"] and s["flush"]:
        if s["flush"] == "forget":
            browser_store.forget(NS)
        else:
            browser_store.save(NS, s["progress"])
        s["flush"] = None
    return s["progress"]


def ready() -> bool:
    """Whether the browser has answered (until then the page shows the session's own copy)."""
    return _state()["loaded"]


def record(event: dict[str, Any]) -> None:
    """One graded answer (see mastery.record for ``event``): update the progress and keep it in the browser.
    Raises ValueError for a malformed event (a bug in the caller)."""
    s = _state()
    when = now()
    s["progress"] = mastery.record(s["progress"], event, when)
    s["notice"] = None
    if s["loaded"]:
        browser_store.save(NS, s["progress"])
    else:
        s["pending"].append((dict(event), when))


# ---- keep, restore, forget ------------------------------------------------------------------------------

def _replace(progress: dict[str, Any], flush: str) -> None:
    s = _state()
    s.update(progress=progress, pending=[], flush=flush, replaced=True)


def _forget() -> None:
    _replace(mastery.new(), "forget")
    _notice("progress.forgotten", "success")


def _import() -> None:
    s = _state()
    upload = st.session_state.get(_UPLOAD)
    if upload is None or (s["upload"] and upload.file_id == s["upload"][0]):
        return
    try:
        if upload.size > progress_file.MAX_BYTES:
            raise ProgressFileError("progress.file.too_big", "too big", limit=f"{progress_file.MAX_BYTES // 1024} kB")
        progress = progress_file.load(upload.getvalue())
    except ProgressFileError as e:  # nothing changes
        s["upload"] = (upload.file_id, e.key, "error", e.fields)
        return
    _replace(progress, "save")
    s["notice"] = None
    s["upload"] = (upload.file_id, "progress.imported", "success", {"n": len(progress["skills"])})


def notice() -> None:
    """Why the page is empty, while it is: the browser's copy was unreadable, or the learner was forgotten."""
    s = _state()
    if s["notice"] and not s["progress"]["skills"]:
        _show(*s["notice"])


def export_button() -> None:
    # bytes, not a callable: a deferred file is dropped by the next rerun, and the uploader or the browser's
    # answer may cause one between drawing and clicking; these bytes keep one URL while they do not change
    st.download_button(t("progress.export"), data=progress_file.export(current()),
                       file_name=progress_file.file_name(now()), mime="application/json", on_click="ignore",
                       key="_w.progress_export", icon=":material/download:")


def import_widget() -> None:
    """The uploader, and under it what became of the file it holds (restored, or why not: nothing changed)."""
    upload = st.file_uploader(t("progress.import"), type=["json"], key=_UPLOAD, on_change=_import,
                              max_upload_size=1, help=t("progress.import_help"))
    done = _state()["upload"]
    if upload is not None and done and done[0] == upload.file_id:
        _show(*done[1:])


def forget_button() -> None:
    with st.popover(t("progress.forget"), icon=":material/delete:"):
        st.markdown(t("progress.forget_warning"))
        st.button(t("progress.forget_confirm"), type="primary", on_click=_forget, key="_w.progress_forget")


# ---- what the page shows ------------------------------------------------------------------------------------

def level_name(level: str) -> str:
    return t(f"progress.level.{level}")


def skill_name(skill: str) -> str:
    """The exercise's name from the exercises' catalogue; its type, or the raw name, when there is none."""
    key = f"exercises.skill.{skill}"
    name = t(key)
    if name == key:
        type_key = f"exercises.type.{skill.rpartition('.')[2]}"
        name = t(type_key)
        return skill if name == type_key else name
    return name


def bug_name(tag: str) -> str:
    """A misconception's name: exercises.bugs.BUGS (tag → i18n key) when it exists, else exercises.bug.<tag>."""
    try:
        from exercises.bugs import BUGS
        key = BUGS.get(tag, f"exercises.bug.{tag}")
    except ImportError:
        key = f"exercises.bug.{tag}"
    text = t(key)
    if text == key:
        return tag
    # the engine's message fills {d_k} … from the instance; here there is none, so each field names itself
    return text.format(**{name: name for name in i18n.placeholders(text)}) if i18n.placeholders(text) else text


def lesson_title(slug: str) -> str:
    return f"{toc.number(slug)}. {t(f'page.{slug}.title')}" if slug in toc.BY_SLUG else slug


def skills_by_lesson(progress: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Lesson slug → {skill: level}, in lesson order: every exercise the engine offers (not started until
    answered) and every skill in the progress (an imported file may name exercises this version lacks)."""
    out: dict[str, dict[str, str]] = {}
    try:
        from exercises import registry
        offered = {lesson.slug: [e.skill for e in registry.for_page(lesson.slug)] for lesson in toc.LESSONS}
    except ImportError:
        offered = {}
    answered = mastery.by_page(progress)
    order = [lesson.slug for lesson in toc.LESSONS] + sorted(set(answered) - set(toc.BY_SLUG))
    for slug in order:
        skills = {skill: mastery.NOT_STARTED for skill in offered.get(slug, [])}
        skills.update(answered.get(slug, {}))
        if skills:
            out[slug] = skills
    return out


def level_counts(by_lesson: dict[str, dict[str, str]]) -> tuple[list[str], list[list[int]]]:
    """(lesson slugs, counts[lesson][level index]) for the heatmap."""
    slugs = list(by_lesson)
    counts = [[sum(1 for lv in by_lesson[slug].values() if lv == level) for level in mastery.LEVELS] for slug in slugs]
    return slugs, counts


def heatmap(by_lesson: dict[str, dict[str, str]]) -> go.Figure:
    """Lessons × levels, each cell the number of that lesson's exercises at that level."""
    slugs, counts = level_counts(by_lesson)
    rows = [lesson_title(s) for s in slugs]
    cols = [level_name(level) for level in mastery.LEVELS]
    # colour each column in its level's colour, the stronger the more exercises sit there
    top = max((max(r) for r in counts), default=1) or 1
    z = [[(j + 0.35 + 0.64 * min(c, top) / top) / len(cols) if c else None for j, c in enumerate(r)] for r in counts]
    scale = []
    for j, colour in enumerate(LEVEL_COLOURS):
        scale += [[j / len(cols), "#ffffff"], [(j + 1) / len(cols) - 1e-6, colour]]
    scale[-1][0] = 1.0
    fig = go.Figure(go.Heatmap(
        z=z, x=cols, y=rows, text=[[str(c) if c else "" for c in r] for r in counts], texttemplate="%{text}",
        customdata=counts, hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>", colorscale=scale,
        zmin=0, zmax=1, showscale=False, xgap=2, ygap=2))
    fig.update_layout(title=dict(text=t("progress.heatmap_title")), height=120 + 34 * max(1, len(rows)),
                      margin=dict(l=10, r=10, t=60, b=10), plot_bgcolor="#ffffff",
                      xaxis=dict(side="top", fixedrange=True, tickangle=0),
                      yaxis=dict(autorange="reversed", fixedrange=True, automargin=True))
    return fig


def skill_table(progress: dict[str, Any], when: datetime) -> dict[str, list]:
    """One row per answered skill: lesson, exercise, level, right / answers, next re-check."""
    cols: dict[str, list] = {t("progress.col_lesson"): [], t("progress.col_skill"): [], t("progress.col_level"): [],
                             t("progress.col_right"): [], t("progress.col_next"): []}
    rows = []
    for slug, skills in mastery.by_page(progress).items():
        for skill, level in skills.items():
            rec = progress["skills"][skill]
            due_at = mastery.next_due(progress, skill)
            if due_at is None:
                nxt = ""
            elif due_at <= when:
                nxt = t("progress.due_now")
            else:
                nxt = f"{due_at:%Y-%m-%d %H:%M} UTC"
            order = toc.number(slug) if slug in toc.BY_SLUG else 999
            rows.append((order, skill, lesson_title(slug), skill_name(skill), level_name(level),
                         f"{rec['right']} / {rec['attempts']}", nxt))
    for row in sorted(rows):
        for col, value in zip(cols, row[2:]):
            cols[col].append(value)
    return cols
