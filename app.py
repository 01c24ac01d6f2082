"""Transformer Lessons — the entry point only routes: page config, shared state, sidebar, navigation.

Run: streamlit run app.py
"""

from pathlib import Path

import streamlit as st

from ui import context, present, sidebar, state, toc
from ui.i18n import t

ICON = Path(__file__).parent / "assets" / "icon.png"  # local: a ":material/…" icon is fetched from Google's servers

state.init()
st.set_page_config(page_title="Transformer Lessons", page_icon=str(ICON), layout="wide",
                   initial_sidebar_state=present.sidebar_state())
present.page_style()
ctx = context.load()
part_titles = {part: t(f"nav.part_{part}") for part in toc.PARTS}
pages: dict[str, list] = {part_titles[part]: [] for part in toc.PARTS}  # one sidebar section per part
for i, lesson in enumerate(toc.LESSONS, start=1):
    pages[part_titles[lesson.part]].append(st.Page(lesson.file, title=f"{i}. {t(f'page.{lesson.slug}.title')}",
                                                   icon=lesson.icon, url_path=lesson.slug, default=i == 1))
navigation = st.navigation(pages, expanded=True)  # every lesson, not "View 3 more"
sidebar.render(ctx)
present.teacher_panel()
state.write_url()
navigation.run()
