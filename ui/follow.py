"""Follow the teacher: learners who opened the teacher's class link (``follow=<channel>``) see the part the teacher
is presenting, within about a second, until they move on their own.

The teacher's session owns a random channel name (made when the teacher ticks "learners follow me"); every
presented run of that session writes (lesson, part) under it. A learner's page polls it in a fragment every
POLL_S and, when the teacher is elsewhere, moves there (another part: a rerun; another lesson: switch_page). A
learner who presses ← / → or opens another page has left: the page then offers to follow again.

The store is a tiny table in a SQLite file in the data directory (``TL_DATA_DIR``, else
``~/.cache/transformer-lessons``, as live_class's default), so every ``make serve-class`` process on the machine
sees the same teacher. It holds a channel name, a lesson slug, a part number and a time; nothing a learner typed.
(live_class's store keeps a class's members and answers; following a presentation needs none of that, and works
for a link opened without joining a class.) Reads and writes never raise: a locked or missing file means "not
now".
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
import time
from pathlib import Path

import streamlit as st

from . import state, toc
from .i18n import t

ENV_DIR = "TL_DATA_DIR"
CHANNEL = re.compile(r"[0-9a-f]{12}")
POLL_S = 0.7  # how often a learner's page looks: it moves within POLL_S + one page run
TTL_S = 8 * 3600  # a channel not written for a school day is forgotten
_OWN = "_tl_follow_own"  # the teacher's session: the channel it publishes
_WROTE = "_tl_follow_wrote"  # the teacher's session: the (slug, part) last written
_APPLIED = "_tl_follow_applied"  # a learner's session: the teacher's (slug, part) it last moved to
_LEFT = "_tl_follow_left"  # a learner's session: moved on their own (the channel they left)
_W_FOLLOW = "_w.link_follow"


def _path() -> Path:
    base = Path(os.environ.get(ENV_DIR) or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                / "transformer-lessons")
    return base / "follow.sqlite3"


def _db() -> sqlite3.Connection:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=1.0)
    con.execute("CREATE TABLE IF NOT EXISTS follow (channel TEXT PRIMARY KEY, slug TEXT NOT NULL, "
                "part INTEGER NOT NULL, at REAL NOT NULL)")
    return con


def write(channel: str, slug: str, part: int) -> bool:
    """The teacher is on (slug, part) now. False when the file could not be written."""
    if not CHANNEL.fullmatch(channel) or slug not in toc.BY_SLUG:
        return False
    try:
        with _db() as con:
            con.execute("INSERT OR REPLACE INTO follow VALUES (?, ?, ?, ?)", (channel, slug, int(part), time.time()))
            con.execute("DELETE FROM follow WHERE at < ?", (time.time() - TTL_S,))
        return True
    except sqlite3.Error:
        return False


def read(channel: str) -> tuple[str, int] | None:
    """Where the teacher of ``channel`` is, or None (no such channel, too old, or the file unreadable)."""
    if not CHANNEL.fullmatch(channel):
        return None
    try:
        with _db() as con:
            row = con.execute("SELECT slug, part, at FROM follow WHERE channel = ?", (channel,)).fetchone()
    except sqlite3.Error:
        return None
    if row is None or row[2] < time.time() - TTL_S or row[0] not in toc.BY_SLUG:
        return None
    return row[0], int(row[1])


# ---- the teacher -----------------------------------------------------------------------------------------

def own_channel(create: bool = False) -> str | None:
    ss = st.session_state
    if create and ss.get(_OWN) is None:
        ss[_OWN] = secrets.token_hex(6)
    return ss.get(_OWN)


def link_checkbox() -> bool:
    """The teacher's panel: "learners follow my presentation"."""
    return st.checkbox(t("teacher.link_follow"), key=_W_FOLLOW, help=t("teacher.link_follow_help"))


def publish(slug: str, part: int) -> None:
    """present.finish, in the teacher's session: write where the presentation is (only when it moved)."""
    channel = own_channel()
    if channel is None or not state.presenting():
        return
    if st.session_state.get(_WROTE) != (channel, slug, part) and write(channel, slug, part):
        st.session_state[_WROTE] = (channel, slug, part)


# ---- a learner -----------------------------------------------------------------------------------------

def _channel() -> str | None:
    channel = str(state.get("follow") or "")
    return channel if CHANNEL.fullmatch(channel) and channel != own_channel() else None


def left() -> None:
    """The learner moved on their own (← / →): stop following."""
    channel = _channel()
    if channel is not None:
        st.session_state[_LEFT] = channel


def track(slug: str, part: int) -> None:
    """present.finish, in a learner's session opened with ``follow=``: notice a move of their own, then draw the
    follower (a fragment that polls) or, once they left, a button to follow again."""
    channel = _channel()
    if channel is None:
        return
    ss = st.session_state
    applied = ss.get(_APPLIED)
    if applied is not None and applied != (slug, part):
        ss[_LEFT] = channel  # another page or part than the teacher's last one: the learner left
        ss[_APPLIED] = None
    if ss.get(_LEFT) == channel:
        if st.button(t("follow.again"), icon=":material/sync:", key="_b.follow.again", type="tertiary"):
            ss.pop(_LEFT, None)
            ss[_APPLIED] = None
            st.rerun()
        return
    _follower(channel, slug, part)


@st.fragment(run_every=POLL_S)
def _follower(channel: str, slug: str, part: int) -> None:
    st.caption(t("follow.on"), help=t("follow.help"))
    there = read(channel)
    if there is None or there == (slug, part) or st.session_state.get(_LEFT) == channel:
        if there is not None:
            st.session_state[_APPLIED] = there
        return
    st.session_state[_APPLIED] = there
    state.set("sec", there[1])
    if there[0] != slug:
        from . import present

        present.go_to(there[0], there[1])
        st.switch_page(toc.BY_SLUG[there[0]].file, query_params=state.url_params())
    st.rerun(scope="app")
