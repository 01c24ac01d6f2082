"""The Class page: a teacher starts a class and watches it; a learner joins under an app-made pseudonym and
answers the ConcepTest the teacher puts on everyone's screen. The data is in live_class/store.py (a database
every app process shares); this module only draws it.

Who is who, without accounts:

* the teacher holds a private link ``/classroom?class=CODE&key=SECRET`` (the database keeps only the secret's
  hash); a forged or expired one gets a message and the start screen;
* a learner opens ``/classroom?join=CODE`` (the QR code) or types the code, and presses "Join": the session keeps
  the member (id, pseudonym, token), and so does the learner's browser (ui/browser_store.py, namespace "class"),
  so a reload keeps the same pseudonym, and so does a page opened by its address (app.py restores the member
  on every page: ui/class_member.py). Graded answers on any page then go to the class too
  (:func:`ui.classroom.record_attempt`, called by ui/exercise_view.py).

Nothing here raises to the page: a database that cannot be reached or is locked is a message, and the learner's
own progress (in their browser) is untouched by anything that happens here.
"""

from __future__ import annotations

import logging
import string
import time
from collections import Counter
from urllib.parse import urlencode, urlsplit, urlunsplit

import plotly.graph_objects as go
import streamlit as st

from exercises import core, mastery, registry
from live_class import report, store
from live_class.store import ClassRef, Member, Poll, StoreError

from . import browser_store, class_member, classroom, exercise_view, navigation, progress, state, toc, widgets
from .i18n import lesson, t

SLUG = "classroom"
REFRESH_S = 3  # the teacher's view and the learner's ConcepTest watch refresh this often
MEMBER = class_member.MEMBER  # session: the Member this session joined as
PROBLEM = "_tl_class_problem"  # session: the kind of the last database failure while recording an answer
SEEN = "_tl_class_seen"  # session: (poll id, round) the learner's page shows
NOTICE = "_tl_class_notice"  # session: an i18n key to show once (class ended, left)
VIEW = "_w.class_view"  # the teacher's segmented control
ANON = "_w.class_anon"
NS = class_member.NS  # localStorage "tl.class": {"class_id", "member_id", "name", "token"}
GRID_FONT = 16  # px: the class grid's names, exercises and legend, read from a projector
GRID_CELL_H, GRID_CELL_W = 44, 190  # px: one learner's row; one exercise's column while the grid is narrow
GRID_STRETCH_FROM, GRID_MIN_W = 900, 440  # px: wider grids fill the page; below 440 the legend would wrap thrice
RIGHT_COLOUR, BUG_COLOUR, WRONG_COLOUR = "#2e7d32", "#ef6c00", "#90a4ae"
_log = logging.getLogger(__name__)


# ---- names and labels ------------------------------------------------------------------------------------------

pseudonym = class_member.pseudonym  # a stored pseudonym id in the reader's language


def labels(snap: store.Snapshot, anonymize: bool) -> dict[int, str]:
    """member id → what the view shows: the pseudonym, or "Learner n" (joining order) for projecting."""
    return {mid: (t("classroom.anon", n=i) if anonymize else pseudonym(name))
            for i, (mid, name, _joined) in enumerate(snap.members, start=1)}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return key


def bug_name(tag: str) -> str:
    """A misconception's sentence with its {fields} named, not filled (the class answered many instances)."""
    text = progress.bug_name(tag)
    try:
        return string.Formatter().vformat(text, (), _Blank())
    except (ValueError, IndexError):
        return text


def skill_label(skill: str) -> str:
    page = skill.rpartition(".")[0]
    number = toc.number(page) if page in toc.BY_SLUG else "?"
    return f"{number} · {progress.skill_name(skill)}"


def _skill_order(skill: str) -> tuple:
    page, _, kind = skill.rpartition(".")
    types = [e.type for e in registry.for_page(page)]
    return (toc.number(page) if page in toc.BY_SLUG else 999, types.index(kind) if kind in types else 99, skill)


# ---- links -----------------------------------------------------------------------------------------------------

def _base() -> str:
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return urlunsplit((parts.scheme or "http", parts.netloc or "localhost:8501", "", "", ""))


def join_link(code: str) -> tuple[str, str | None]:
    """The learners' link, on an address others can open (a loopback one is replaced by the network address),
    and the loopback host it replaced, if any."""
    url = f"{_base()}/{SLUG}?{urlencode({'join': code})}"
    host = urlsplit(url).hostname
    if classroom.is_loopback(host):
        addresses = classroom.network_addresses()
        if addresses:
            return classroom.with_host(url, addresses[0]), host
    return url, None


def teacher_link(code: str, secret: str) -> str:
    return f"{_base()}/{SLUG}?{urlencode({'class': code, 'key': secret, 'lang': state.get('lang')})}"


# ---- the page --------------------------------------------------------------------------------------------------

def page() -> None:
    """The whole Class page below its title."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.success(t(notice), icon=":material/check_circle:")
    qp = st.query_params
    try:
        if "key" in qp:
            _teacher(qp.get("class", ""), qp.get("key", ""))
        else:
            _learner(qp.get("join"))
    except StoreError as e:
        _db_error(e)


def _db_error(e: StoreError) -> None:
    _log.warning("class store: %s", e)
    st.error(t(f"classroom.db.{e.kind}"), icon=":material/cloud_off:")
    st.caption(t("classroom.db.progress_safe"))


def _start() -> None:
    cls, secret = store.default().start_class()
    st.query_params.clear()
    st.query_params.update({"class": cls.code, "key": secret, "lang": state.get("lang")})
    st.session_state[VIEW] = "join"


def _landing(code_error: bool = False) -> None:
    st.markdown(lesson(SLUG))
    left, right = st.columns(2, gap="large")
    with left, st.container(border=True):
        st.subheader(t("classroom.learner.join_title"))
        if code_error:
            st.error(t("classroom.learner.bad_code"), icon=":material/link_off:")
        with st.form("_class_join_form", border=False):
            typed = st.text_input(t("classroom.learner.code"), max_chars=12, placeholder="ABC234",
                                  key="_w.class_code")
            if st.form_submit_button(t("classroom.learner.go"), icon=":material/login:"):
                code = store.clean_code(typed)
                st.query_params["join"] = code or "-"
                st.rerun()
    with right, st.container(border=True):
        st.subheader(t("classroom.teacher.start_title"))
        st.markdown(t("classroom.teacher.start_help"))
        if st.button(t("classroom.teacher.start"), icon=":material/co_present:", type="primary"):
            _start()
            st.rerun()


# ---- teacher ---------------------------------------------------------------------------------------------------

def _teacher(code: str, secret: str) -> None:
    db = store.default()
    cls = db.teacher(code, secret)
    if cls is None:
        st.error(t("classroom.teacher.bad_link"), icon=":material/gpp_bad:")
        _landing()
        return
    views = {"join": t("classroom.view.join"), "class": t("classroom.view.class"),
             "conceptest": t("classroom.view.conceptest"), "end": t("classroom.view.end")}
    st.session_state.setdefault(VIEW, "join")
    view = st.segmented_control(t("classroom.view.label"), list(views), format_func=views.get, key=VIEW,
                                label_visibility="collapsed") or "join"
    if view == "join":
        _join_screen(cls)
    elif view == "class":
        st.toggle(t("classroom.teacher.anonymize"), key=ANON, help=t("classroom.teacher.anonymize_help"))
        _class_view(cls)
    elif view == "conceptest":
        _conceptest_teacher(cls)
    else:
        _end_screen(cls, secret)


# the join link as large as a heading, wrapping anywhere rather than cut (a keyed container and a test id only)
_JOIN_LINK_CSS = ("<style>.st-key-tl_join_link [data-testid=stCode] :is(pre, code) { font-size: 1.6rem;"
                  " line-height: 1.35; overflow-wrap: anywhere; white-space: pre-wrap; }</style>")


def _join_screen(cls: ClassRef) -> None:
    link, replaced = join_link(cls.code)
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.image(classroom.qr_png(link, scale=10), width=420)
    with right:
        st.markdown(t("classroom.join.headline"))
        st.markdown(t("classroom.join.code", code=cls.code))
        st.html(_JOIN_LINK_CSS)
        with st.container(key="tl_join_link"):  # large enough to type from the back row (it was 13 px)
            st.code(link, language=None, wrap_lines=True)
        if replaced:
            st.caption(t("classroom.join.network", host=replaced))
        st.caption(t("classroom.join.privacy"))
        _count(cls)


@st.fragment(run_every=REFRESH_S)
def _count(cls: ClassRef) -> None:
    try:
        snap = store.default().snapshot(cls)
    except StoreError as e:
        _db_error(e)
        return
    if snap is not None:
        st.metric(t("classroom.join.joined"), len(snap.members), border=True)


@st.fragment(run_every=REFRESH_S)
def _class_view(cls: ClassRef) -> None:
    """Pseudonyms × exercises coloured by level, then per exercise the misconceptions met; refreshes itself."""
    try:
        snap = store.default().snapshot(cls)
    except StoreError as e:
        _db_error(e)
        return
    if snap is None:
        st.warning(t("classroom.teacher.gone"), icon=":material/event_busy:")
        return
    who = labels(snap, bool(st.session_state.get(ANON)))
    st.caption(summary(len(snap.members), len(snap.attempts), time.strftime("%H:%M:%S")))
    if not snap.members:
        st.info(t("classroom.teacher.nobody"), icon=":material/hourglass_empty:")
        return
    lv = report.levels(snap)
    skills = sorted({a[1] for a in snap.attempts}, key=_skill_order)
    if skills:
        grid = grid_figure(snap, who, lv, skills)
        widgets.figure(grid, key="class_grid", width="content" if grid.layout.width else "stretch")
    else:
        st.dataframe({t("classroom.col.learner"): list(who.values())}, hide_index=True)
        st.info(t("classroom.teacher.no_answers"), icon=":material/hourglass_empty:")
    _misconceptions(snap)
    st.download_button(t("classroom.teacher.csv"), csv_snapshot(snap, lv), file_name=f"class-{snap.cls.code}.csv",
                       mime="text/csv", icon=":material/download:", on_click="ignore")


def summary(learners: int, answers: int, clock: str) -> str:
    """"1 learner, 2 answers · updated …": the singular for one (English; Chinese has one form for both)."""
    who = t("classroom.teacher.learners_one", n=learners) if learners == 1 else t("classroom.teacher.learners",
                                                                                   n=learners)
    what = t("classroom.teacher.answers_one", n=answers) if answers == 1 else t("classroom.teacher.answers", n=answers)
    return t("classroom.teacher.summary", learners=who, answers=what, time=clock)


def grid_figure(snap: store.Snapshot, who: dict[int, str], lv: dict[int, dict[str, str]],
                skills: list[str]) -> go.Figure:
    rows = [who[mid] for mid, _n, _j in snap.members]
    cols = [_wrap(skill_label(s), 20) for s in skills]  # 20 characters of 16 px fit a 190 px column
    index = {level: i for i, level in enumerate(mastery.LEVELS)}
    z = [[index[lv.get(mid, {}).get(s, mastery.NOT_STARTED)] for s in skills] for mid, _n, _j in snap.members]
    text = [[progress.level_name(mastery.LEVELS[v]) for v in row] for row in z]
    n = len(mastery.LEVELS)
    scale = []
    for j, colour in enumerate(progress.LEVEL_COLOURS):
        scale += [[j / n, colour], [(j + 1) / n, colour]]
    fig = go.Figure(go.Heatmap(z=z, x=cols, y=rows, text=text, zmin=-0.5, zmax=n - 0.5,
                               colorscale=[[min(1.0, max(0.0, p)), c] for p, c in scale], showscale=False,
                               xgap=2, ygap=2, hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>"))
    for j, level in enumerate(mastery.LEVELS):  # a legend of the five colours
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=progress.level_name(level),
                                 marker=dict(size=12, symbol="square", color=progress.LEVEL_COLOURS[j])))
    lines = max((c.count("<br>") + 1 for c in cols), default=1)
    line_px = round(GRID_FONT * 1.3)
    fig.update_layout(title=dict(text=t("classroom.teacher.grid_title"), y=0.995, yanchor="top",
                                 font=dict(size=GRID_FONT + 2)),
                      height=170 + line_px * lines + GRID_CELL_H * len(rows),
                      margin=dict(l=10, r=10, t=64 + line_px * lines, b=10), font=dict(size=GRID_FONT),
                      plot_bgcolor="#ffffff", legend=dict(orientation="h", y=-0.02, yanchor="top", x=0,
                                                          font=dict(size=GRID_FONT)),
                      hoverlabel=dict(font=dict(size=GRID_FONT)),
                      xaxis=dict(side="top", fixedrange=True, tickangle=0, automargin=True, showgrid=False,
                                 tickfont=dict(size=GRID_FONT)),
                      yaxis=dict(autorange="reversed", fixedrange=True, automargin=True, showgrid=False,
                                 tickfont=dict(size=GRID_FONT)))
    if len(skills) * GRID_CELL_W < GRID_STRETCH_FROM:  # a few exercises: cells of one size, not one wide bar
        names = max((len(r) * (GRID_FONT if not r.isascii() else GRID_FONT * 0.6) for r in rows), default=0)
        fig.update_layout(width=max(GRID_MIN_W, int(names + 40 + len(skills) * GRID_CELL_W)))
    return fig


def _misconceptions(snap: store.Snapshot) -> None:
    st.subheader(t("classroom.teacher.bugs_title"))
    reports = report.misconceptions(snap)
    if not reports:
        st.caption(t("classroom.teacher.bugs_none"))
        return
    params = state.url_params()
    for rep in reports:
        page = rep.skill.rpartition(".")[0]
        with st.container(border=True):
            st.markdown(t("classroom.teacher.skill_line", skill=widgets.md_escape(skill_label(rep.skill)),
                          right=rep.right, n=rep.learners))
            if rep.tags:
                st.dataframe({t("classroom.col.bug"): [bug_name(tag) for tag in rep.tags],
                              t("classroom.col.met"): [f"{n} / {rep.learners}" for n in rep.tags.values()]},
                             hide_index=True)
                if page in toc.BY_SLUG:
                    navigation.link(toc.BY_SLUG[page].file, label=t("classroom.teacher.reteach"),
                                    query_params={**params, "sec": rep.section}, icon=":material/school:")


def csv_snapshot(snap: store.Snapshot, lv: dict[int, dict[str, str]]) -> bytes:
    """One row per learner and exercise: pseudonym, lesson, exercise, level, answers, right, misconceptions met."""
    counts: dict[tuple[int, str], Counter] = {}
    for mid, skill, _i, _s, status, tag, hint, _a in snap.attempts:
        c = counts.setdefault((mid, skill), Counter())
        c["answers"] += 1
        c["right"] += mastery.own(status == report.RIGHT, hint)
        if tag:
            c["tag:" + tag] += 1
    header = [t(f"classroom.col.{k}") for k in ("learner", "lesson", "skill", "level", "answers", "right", "bugs")]
    rows = []
    for mid, name, _j in snap.members:
        mine = sorted((s for m, s in counts if m == mid), key=_skill_order)
        if not mine:
            rows.append([pseudonym(name), "", "", progress.level_name(mastery.NOT_STARTED), 0, 0, ""])
        for skill in mine:
            c = counts[(mid, skill)]
            bugs = "; ".join(f"{k[4:]} × {v}" for k, v in sorted(c.items()) if k.startswith("tag:"))
            rows.append([pseudonym(name), progress.lesson_title(skill.rpartition(".")[0]), progress.skill_name(skill),
                         progress.level_name(lv.get(mid, {}).get(skill, mastery.NOT_STARTED)), c["answers"],
                         c["right"], bugs])
    return report.csv_bytes(header, [[report.safe_cell(v) for v in row] for row in rows])


def _end_screen(cls: ClassRef, secret: str) -> None:
    st.markdown(t("classroom.end.help"))
    st.caption(t("classroom.end.expiry", time=time.strftime("%H:%M %Z", time.localtime(cls.expires))))
    with st.expander(t("classroom.end.teacher_link"), icon=":material/key:"):
        st.caption(t("classroom.end.teacher_link_help"))
        st.code(teacher_link(cls.code, secret), language=None, wrap_lines=True)
    sure = st.checkbox(t("classroom.end.confirm"), key="_w.class_end_sure")
    if st.button(t("classroom.end.button"), icon=":material/delete_forever:", type="primary", disabled=not sure):
        store.default().end_class(cls.id)
        st.query_params.clear()
        st.session_state[NOTICE] = "classroom.end.done"
        st.rerun()


# ---- ConcepTest ------------------------------------------------------------------------------------------------

def conceptest_skills() -> list[str]:
    """Exercises a ConcepTest can pose: the Transformer lessons' own, which read only the trace of a sentence."""
    return [e.skill for lesson in toc.LESSONS if lesson.part == "transformer"
            for e in registry.for_page(lesson.slug) if not e.needs]


def poll_instance(poll: Poll) -> tuple[core.Instance | None, str]:
    """The ConcepTest's instance, the same in every process: the example sentence the poll names (checked
    against its hash), its greedy trace, the seed of (sentence, exercise, attempt). (None, sentence) when it
    cannot be posed here."""
    from . import loaders  # late: the model

    examples = loaders.examples()
    if not 0 <= poll.example < len(examples):
        return None, ""
    sentence = examples[poll.example][0]
    if store.sha256(sentence) != poll.sentence_hash:
        return None, ""
    try:
        exercise = registry.find(poll.skill)
    except KeyError:
        return None, sentence
    if exercise.needs:
        return None, sentence
    given = registry.Given(loaders.trace(loaders.MAIN, sentence), loaders.translator().model.cfg, {}, sentence)
    return registry.generate(exercise, given, core.seed_for(sentence, poll.skill, poll.attempt)), sentence


def _conceptest_teacher(cls: ClassRef) -> None:
    from . import loaders

    examples = loaders.examples()
    skills = conceptest_skills()
    current = state.get("s")
    default = next((i for i, (zh, _en) in enumerate(examples) if zh == current), 0)
    first = "self_attention.compute"  # the lesson's central computation, with the most named slips
    skills.sort(key=lambda s: s != first)
    with st.form("_class_push", border=True):
        st.markdown(t("classroom.poll.push_help"))
        left, right = st.columns(2)
        skill = left.selectbox(t("classroom.poll.skill"), skills, format_func=skill_label, key="_w.class_poll_skill")
        example = right.selectbox(t("classroom.poll.sentence"), range(len(examples)), index=default,
                                  format_func=lambda i: f"{examples[i][0]} — {examples[i][1]}",
                                  key="_w.class_poll_example")
        if st.form_submit_button(t("classroom.poll.push"), icon=":material/campaign:", type="primary"):
            poll = Poll(0, skill, int(example), store.sha256(examples[example][0]), 0, 1)
            instance, _ = poll_instance(poll)
            if instance is None:
                st.warning(t("classroom.poll.none_fit"), icon=":material/info:")
            else:
                store.default().push_poll(cls, skill, int(example), poll.sentence_hash, 0)
    _poll_results(cls)


@st.fragment(run_every=REFRESH_S)
def _poll_results(cls: ClassRef) -> None:
    try:
        snap = store.default().snapshot(cls)
    except StoreError as e:
        _db_error(e)
        return
    if snap is None or snap.poll is None:
        st.caption(t("classroom.poll.none"))
        return
    poll = snap.poll
    instance, sentence = poll_instance(poll)
    st.markdown(t("classroom.poll.on_screen", skill=widgets.md_escape(skill_label(poll.skill)),
                  sentence=widgets.md_escape(sentence), round=poll.round))
    if instance is not None:
        with st.expander(t("classroom.poll.question"), icon=":material/help:"):
            st.markdown(exercise_view.render_text(instance.prompt))
    widgets.figure(histogram_figure(snap, instance), key="class_poll_hist")
    _answers_table(snap, instance)
    left, right = st.columns(2)
    if poll.round == 1 and left.button(t("classroom.poll.revote"), icon=":material/forum:", type="primary"):
        store.default().revote(snap.cls)
        st.rerun(scope="fragment")
    if right.button(t("classroom.poll.close"), icon=":material/stop_circle:"):
        store.default().close_poll(snap.cls)
        st.rerun(scope="fragment")


def outcome_label(outcome: str) -> str:
    if outcome == report.RIGHT:
        return t("classroom.poll.right")
    if outcome == report.WRONG:
        return t("classroom.poll.other")
    return bug_name(outcome)


def histogram_figure(snap: store.Snapshot, instance: core.Instance | None) -> go.Figure:
    """Both rounds side by side: right, each misconception met, another answer; bars count learners."""
    rounds = {r: report.histogram(snap, r)[0] for r in (1, 2)}
    order = [report.RIGHT] + sorted({o for c in rounds.values() for o in c} - {report.RIGHT, report.WRONG}) \
        + [report.WRONG]
    cats = [_wrap(outcome_label(o), 34) for o in order]
    colours = [RIGHT_COLOUR if o == report.RIGHT else WRONG_COLOUR if o == report.WRONG else BUG_COLOUR for o in order]
    fig = go.Figure()
    two = snap.poll is not None and snap.poll.round >= 2
    for r, pattern in ((1, "/"), (2, "")):  # the first vote hatched, the second solid: told apart in grey print too
        if r == 2 and not two:
            continue
        counts = [rounds[r].get(o, 0) for o in order]
        hatched = two and r == 1
        fig.add_trace(go.Bar(x=cats, y=counts, name=t("classroom.poll.round", n=r),
                             marker_color=["#ffffff" if hatched else c for c in colours],
                             marker_line=dict(color=colours, width=1.5),
                             marker_pattern_shape=pattern if hatched else "", marker_pattern_fgcolor=colours,
                             text=[str(c) if c else "" for c in counts], textposition="outside",
                             hovertemplate=f"{t('classroom.poll.round', n=r)} · %{{x}}: %{{y}}<extra></extra>"))
    top = max([1] + [max(c.values(), default=0) for c in rounds.values()])
    fig.update_layout(title=dict(text=t("classroom.poll.hist_title")), barmode="group", height=430,
                      margin=dict(l=10, r=10, t=60, b=10), showlegend=two, plot_bgcolor="#ffffff",
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
                      yaxis=dict(title=dict(text=t("classroom.poll.learners"), standoff=12),
                                 range=[0, top + max(0.6, 0.15 * top)], dtick=1 if top < 10 else None,
                                 fixedrange=True, gridcolor="#eceff1", automargin=True),
                      xaxis=dict(fixedrange=True, tickangle=0, automargin=True))
    return fig


def _wrap(text: str, width: int = 28) -> str:
    """Break a long category label onto lines (Plotly does not wrap); Chinese breaks between characters."""
    words, lines, line = (text.split(" ") if " " in text else list(text)), [], ""
    sep = " " if " " in text else ""
    for w in words:
        if line and len(line) + len(w) + len(sep) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line}{sep}{w}" if line else w
    lines.append(line)
    if len(lines) > 5:
        lines = lines[:5]
        lines[-1] += " …" if sep else "…"
    return "<br>".join(lines)


def _answers_table(snap: store.Snapshot, instance: core.Instance | None) -> None:
    rows = []
    for r in (1, 2):
        for answer, n in report.histogram(snap, r)[1].most_common(8):
            rows.append((r, _answer_label(instance, answer), n))
    if rows:
        st.dataframe({t("classroom.poll.round_col"): [r for r, _, _ in rows],
                      t("classroom.poll.answer_col"): [a for _, a, _ in rows],
                      t("classroom.poll.learners"): [n for _, _, n in rows]}, hide_index=True)


def _answer_label(instance: core.Instance | None, answer: str) -> str:
    if instance is not None and instance.kind == core.CHOICE and answer.isdigit() and int(answer) < len(
            instance.choices):
        return f"{int(answer) + 1}. {exercise_view.render_text(instance.choices[int(answer)])}"
    return answer


def answer_text(instance: core.Instance, result: core.Result) -> str | None:
    """The learner's answer as read, short and ASCII (numbers, a shape, a choice index): never what they typed."""
    value = result.value
    try:
        if instance.kind == core.NUMBER:
            return f"{float(value):.4g}"
        if instance.kind == core.SHAPE:
            return "×".join(str(int(v)) for v in value)[:24]
        if instance.kind == core.CHOICE:
            return str(int(value))
    except (TypeError, ValueError):
        return None
    return None


# ---- learner ---------------------------------------------------------------------------------------------------

def member() -> Member | None:
    """The member this session joined as (ui.classroom.record_attempt reads it)."""
    return class_member.member()


def _restore(db: store.Store) -> Member | None:
    """This session's member, or the one this browser kept from before a reload (app.py has asked already)."""
    return class_member.restore(db)


def _join(db: store.Store, cls: ClassRef) -> None:
    m = db.join(cls)
    if m is None:
        st.session_state[NOTICE] = "classroom.learner.bad_code"
        return
    st.session_state[MEMBER] = m
    browser_store.save(NS, {"class_id": m.class_id, "member_id": m.id, "name": m.name, "token": m.token})


def _leave() -> None:
    st.session_state.pop(MEMBER, None)
    st.session_state[NOTICE] = "classroom.learner.left"
    browser_store.forget(NS)
    st.query_params.pop("join", None)


def _learner(join_code: str | None) -> None:
    db = store.default()
    m = _restore(db)
    if m is not None and db.rejoin(m.class_id, m.id, m.token) is None:  # the class ended or expired
        _leave()
        st.session_state[NOTICE] = "classroom.learner.class_gone"
        st.rerun()
    if m is None:
        if not join_code:
            _landing()
            return
        cls = db.find(join_code)
        if cls is None:
            _landing(code_error=True)
            return
        card = st.empty()  # the join card, replaced by the in-class card in the run that joins
        with card.container(border=True):
            st.subheader(t("classroom.learner.join_title"))
            st.markdown(t("classroom.learner.join_help", code=cls.code))
            joining = st.button(t("classroom.learner.join"), icon=":material/login:", type="primary")
        if not joining:
            return
        card.empty()
        _join(db, cls)  # and show the class in this same run: the browser's copy is written as it draws
        m = member()
        if m is None:
            st.rerun()
    _joined(db, m)


def _joined(db: store.Store, m: Member) -> None:
    problem = st.session_state.get(PROBLEM)
    if problem:
        st.warning(t(f"classroom.db.{problem}"), icon=":material/cloud_off:")
    left, right = st.columns([3, 1])
    left.markdown(t("classroom.learner.you_are", name=pseudonym(m.name)))
    left.caption(t("classroom.learner.shared"))
    right.button(t("classroom.learner.leave"), on_click=_leave, icon=":material/logout:")
    poll = db.current_poll(m.class_id)
    shown = (poll.id, poll.round) if poll else None
    _watch(m, shown)
    if poll is None:
        st.info(t("classroom.learner.waiting"), icon=":material/hourglass_empty:")
        return
    instance, _sentence = poll_instance(poll)
    if instance is None:
        st.warning(t("classroom.poll.none_fit"), icon=":material/info:")
        return
    if st.session_state.get(SEEN) != shown:  # a new question or a new round: a fresh answer box
        exercise_view.reset(instance)
        st.session_state[SEEN] = shown
    with st.container(border=True):
        st.markdown(t("classroom.learner.poll_title", round=poll.round))
        # the worked solution waits for the second vote (Peer Instruction: discuss before the answer is shown)
        exercise_view.show(instance, on_attempt=lambda inst, res: _vote(m, poll, inst, res), another=False,
                           solution=poll.round >= 2)


def _vote(m: Member, poll: Poll, instance: core.Instance, result: core.Result) -> None:
    try:
        if not store.default().vote(m, poll, result.status, result.tag, answer_text(instance, result)):
            st.toast(t("classroom.learner.vote_closed"), icon=":material/info:")
    except StoreError as e:
        _log.warning("class store: vote not recorded: %s", e)
        st.toast(t(f"classroom.db.{e.kind}"), icon=":material/cloud_off:")


@st.fragment(run_every=REFRESH_S)
def _watch(m: Member, shown: tuple[int, int] | None) -> None:
    """Every few seconds: has the teacher put up a question, moved to the second round, or closed it?"""
    try:
        poll = store.default().current_poll(m.class_id)
    except StoreError:
        return  # the page already says what it can; the next tick tries again
    now = (poll.id, poll.round) if poll else None
    if now != shown:
        st.rerun(scope="app")
