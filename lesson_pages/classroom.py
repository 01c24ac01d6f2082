"""Class: a teacher starts a class (a code, a QR code, a private teacher link) and watches what it understood;
learners join under an app-made pseudonym and answer the ConcepTest the teacher puts up. ui/class_view.py draws
it all; the data is in live_class/ (a database every app process shares)."""

import streamlit as st

from ui import class_view, toc, widgets
from ui.i18n import t

SLUG = "classroom"
st.title(f"{toc.number(SLUG)}. {t(f'page.{SLUG}.title')}")
class_view.page()
st.divider()
widgets.lesson_links(SLUG)
