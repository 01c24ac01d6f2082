"""Transformer Lessons — the entry point only routes: page config, shared state, sidebar, navigation.

Run: streamlit run app.py
"""

import streamlit as st

from ui import class_member, context, heap, navigation, present, progress, sidebar, state

state.init()
st.set_page_config(page_title="Transformer Lessons", page_icon=navigation.icon(), layout="wide",
                   initial_sidebar_state=present.sidebar_state())
present.page_style()
ctx = context.load()
heap.freeze_once()  # once per process, the models loaded: the collector stops walking them (ui/heap.py)
nav = st.navigation(navigation.pages(), expanded=True)  # every lesson, not "View 3 more"
sidebar.render(ctx)
progress.current()  # the learner's progress from their browser: asked once per session, then kept
class_member.restore()  # a class joined in this browser, before the page grades anything (a link opens a new session)
class_member.sidebar_note()
present.teacher_panel()
state.write_url()
nav.run()
