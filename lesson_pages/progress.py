"""My progress: every exercise by lesson and level, what is due for a re-check, the misconceptions met,
and the learner's own copy of it all (download, upload, forget). Kept in their browser, never in a link."""

import streamlit as st

from exercises import mastery
from ui import navigation, progress, toc, widgets
from ui.i18n import lesson, t

SLUG = "progress"
st.title(f"{toc.number(SLUG)}. {t(f'page.{SLUG}.title')}")
data = progress.current()
st.caption(t("progress.lead"))
progress.notice()
if not progress.ready():
    st.caption(t("progress.loading"))
now = progress.now()

by_lesson = progress.skills_by_lesson(data)
levels = [level for skills in by_lesson.values() for level in skills.values()]
due = mastery.due(data, now)
columns = st.columns(5)
for col, level in zip(columns, mastery.LEVELS[1:]):
    col.metric(progress.level_name(level), levels.count(level), border=True)
columns[4].metric(t("progress.due_title"), len(due), border=True)
with st.expander(t("progress.levels_help"), icon=":material/help:"):
    st.markdown(lesson(SLUG))

if by_lesson:
    widgets.figure(progress.heatmap(by_lesson), key="progress_levels")
if data["skills"]:
    st.dataframe(progress.skill_table(data, now), hide_index=True)
else:
    st.info(t("progress.empty"), icon=":material/school:")

st.subheader(t("progress.due_title"))
if due:
    for skill in due:
        slug = data["skills"][skill]["page"]
        label = f"{progress.lesson_title(slug)} · {progress.skill_name(skill)}"
        if slug in toc.BY_SLUG:
            navigation.link(toc.BY_SLUG[slug].file, label=label, icon=":material/event_repeat:")
        else:
            st.markdown(f"- {widgets.md_escape(label)}")
else:
    st.caption(t("progress.due_none"))

st.subheader(t("progress.bugs_title"))
bugs = mastery.misconceptions(data)
if bugs:
    st.dataframe({t("progress.col_bug"): [progress.bug_name(tag) for tag in bugs],
                  t("progress.col_times"): list(bugs.values())}, hide_index=True)
else:
    st.caption(t("progress.bugs_none"))

st.subheader(t("progress.keep_title"))
st.markdown(t("progress.where"))
left, right = st.columns([1, 2])
with left:
    progress.export_button()
    progress.forget_button()
with right:
    progress.import_widget()

st.divider()
widgets.lesson_links(SLUG)
