"""Which class this browser has joined, on every page (issue 26).

A learner joins on the Class page (ui/class_view.py); the session keeps the member and the browser keeps a copy
(ui/browser_store.py, namespace "class"). A page opened by its address (the teacher's QR code, a link, a typed
URL) starts a new session that knows nothing, so app.py calls :func:`restore` on every page before the page
runs: the browser's copy, checked against the class database, becomes this session's member again, and graded
answers reach the class (ui/classroom.py record_attempt). :func:`sidebar_note` tells the learner they are counted.
"""

from __future__ import annotations

import logging

import streamlit as st

from live_class import names
from live_class.store import Member, StoreError

from . import browser_store, navigation, state, toc
from .i18n import t

MEMBER = "_tl_class_member"  # session: the Member this session joined as
NS = "class"  # localStorage "tl.class": {"class_id", "member_id", "name", "token"}
SLUG = "classroom"
_log = logging.getLogger(__name__)


def member() -> Member | None:
    """The member this session joined as (ui.classroom.record_attempt reads it)."""
    m = st.session_state.get(MEMBER)
    return m if isinstance(m, Member) else None


def pseudonym(name: str) -> str:
    """A stored pseudonym id in the reader's language ("Blue Panda 42", "蓝色熊猫42")."""
    p = names.parts(name)
    if p is None:
        return "?"
    return t("classroom.name", adj=t(f"classroom.adj.{p[0]}"), animal=t(f"classroom.animal.{p[1]}"), n=p[2])


def restore(db=None) -> Member | None:
    """This session's member, or the one this browser kept (checked against the database); None until the
    browser has answered, and when it joined nothing. A kept membership the database no longer knows (the
    class ended or expired) is forgotten; one it cannot check now (database down) is kept for the next page
    (and, when ``db`` is given, the StoreError raised for the Class page to explain)."""
    kept = browser_store.load(NS)  # every run: it also draws again a write that a cut-short run did not deliver
    m = member()
    if m is not None or not kept:
        return m
    quiet = db is None  # app.py's call on every page: a database failure is logged; the Class page shows it
    try:
        if db is None:
            from live_class import store

            db = store.default()
        m = db.rejoin(int(kept["class_id"]), int(kept["member_id"]), str(kept["token"]))
    except (KeyError, TypeError, ValueError):
        m = None
    except StoreError as e:
        if not quiet:
            raise
        _log.warning("class store: membership not restored now: %s", e)
        return None
    if m is None:
        browser_store.forget(NS)
        return None
    st.session_state[MEMBER] = m
    return m


def sidebar_note() -> None:
    """"In class as <pseudonym>" in the sidebar of every page, linking to the Class page: the learner sees that
    their answers are counted (and that a link they opened kept them in the class)."""
    m = member()
    if m is None or SLUG not in toc.BY_SLUG:
        return
    with st.sidebar:
        navigation.link(toc.BY_SLUG[SLUG].file, label=t("classroom.sidebar.in_class", name=pseudonym(m.name)),
                        query_params=state.url_params(),
                        icon=":material/groups:", help=t("classroom.sidebar.in_class_help"))
