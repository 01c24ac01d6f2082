"""The class link reaches the class: a link built on this machine's network address when the teacher's own
browser shows a loopback one (``localhost`` cannot be opened by anyone else), shown as a QR code and as a
short code.

* ``is_loopback`` / ``network_addresses`` / ``with_host``: pure helpers (tests/test_classroom.py).
* A short code is six characters from an unambiguous alphabet, the same for the same link (a hash of it),
  kept in a small SQLite file beside the app's other state on this machine, so every ``make serve-class``
  process resolves it. ``/c?k=CODE`` (a hidden page, ui/navigation.py) opens the link it stands for.
* The QR code is a PNG drawn by segno from the link; no user text is ever put into HTML.
"""

from __future__ import annotations

import functools
import hashlib
import io
import ipaddress
import os
import re
import socket
import sqlite3
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

import streamlit as st

from .i18n import t

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud or copied from a projector
CODE_LEN = 6
CODE_PATH = "c"  # the hidden page that opens a short code: /c?k=CODE
ENV_DB = "TL_CLASS_LINKS"
DEFAULT_DB = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "transformer-lessons" / "links.sqlite3"


# ---- addresses -------------------------------------------------------------------------------------------------

def is_loopback(host: str | None) -> bool:
    """Whether ``host`` names this machine only: localhost, 127.0.0.0/8, ::1 (or the unspecified 0.0.0.0)."""
    name = (host or "").strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(name)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def network_addresses() -> list[str]:
    """This machine's IPv4 addresses that others on the network can reach (no loopback, no link-local),
    the one of the default route first. Nothing is sent: connecting a UDP socket only picks a route."""
    found: list[str] = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: never answered, only routed
            found.append(s.getsockname()[0])
    except OSError:
        pass
    try:
        found += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except OSError:
        pass
    out = []
    for addr in found:
        ip = ipaddress.ip_address(addr)
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified) and addr not in out:
            out.append(addr)
    return out


_NON_ASCII_ESCAPES = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def readable(url: str) -> str:
    """``url`` with its percent-encoded UTF-8 (a Chinese sentence) decoded, for reading and copying: an ASCII
    escape (%26 for "&", %20, %3D …) stays encoded, so the text still opens the same page when pasted."""
    def decode(m: re.Match) -> str:
        try:
            return unquote(m.group(0), errors="strict")
        except UnicodeDecodeError:
            return m.group(0)
    return _NON_ASCII_ESCAPES.sub(decode, url)


def with_host(url: str, host: str) -> str:
    """``url`` with its host replaced (port, path and query kept)."""
    parts = urlsplit(url)
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


# ---- short codes -----------------------------------------------------------------------------------------------

def code_for(target: str, length: int = CODE_LEN) -> str:
    """The short code of ``target`` (a page path and its query): the same link always gets the same code."""
    n = int.from_bytes(hashlib.sha256(target.encode("utf-8")).digest(), "big")
    chars = []
    for _ in range(length):
        n, r = divmod(n, len(ALPHABET))
        chars.append(ALPHABET[r])
    return "".join(chars)


def _db() -> sqlite3.Connection:
    path = Path(os.environ.get(ENV_DB) or DEFAULT_DB)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=5)
    con.execute("CREATE TABLE IF NOT EXISTS links (code TEXT PRIMARY KEY, target TEXT NOT NULL)")
    return con


_SAVED: dict[tuple[str, str], str] = {}  # (database file, target) → code, already in that database (per process)
_SAVED_MAX = 4096


def save(target: str) -> str:
    """Keep ``target`` under its short code and return the code (a longer one if a different link has it).
    The teacher's panel asks on every rerun of every session that shows it: a link this process already saved
    is answered from memory (a code, once stored, never changes), not by a write and a commit."""
    where = os.environ.get(ENV_DB) or str(DEFAULT_DB)
    try:
        where += f"#{os.stat(where).st_ino}"  # a database deleted and made again is a new one
    except OSError:
        pass
    code = _SAVED.get((where, target))
    if code is None:
        code = _save(target)
        if len(_SAVED) >= _SAVED_MAX:
            _SAVED.clear()
        _SAVED[where, target] = code
    return code


def _save(target: str) -> str:
    with _db() as con:
        for length in (CODE_LEN, CODE_LEN + 2, CODE_LEN + 4):
            code = code_for(target, length)
            con.execute("INSERT OR IGNORE INTO links VALUES (?, ?)", (code, target))
            if con.execute("SELECT target FROM links WHERE code = ?", (code,)).fetchone()[0] == target:
                return code
    raise RuntimeError("no free short code")  # three hash collisions in a row: not in this universe


def lookup(code: str) -> str | None:
    code = "".join(ch for ch in str(code).upper() if ch in ALPHABET)
    if not code:
        return None
    with _db() as con:
        row = con.execute("SELECT target FROM links WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def short_link(url: str, code: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{CODE_PATH}", f"k={code}", ""))


@functools.lru_cache(maxsize=256)
def qr_png(url: str, scale: int = 6) -> bytes:
    """The QR code of ``url`` as a PNG (kept: 3–4 ms of pure Python each, and the panel draws it on every rerun)."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=scale, border=2)
    return buf.getvalue()


# ---- the panel and the page ------------------------------------------------------------------------------------

def show(url: str) -> None:
    """The class link in the teacher's panel: a loopback warning with the network address instead, the link,
    its QR code and its short code."""
    host = urlsplit(url).hostname
    if is_loopback(host):
        addresses = network_addresses()
        if addresses:
            st.warning(t("class.loopback", host=host or "localhost", ip=addresses[0]), icon=":material/lan:")
            url = with_host(url, addresses[0])
        else:
            st.warning(t("class.loopback_no_network", host=host or "localhost"), icon=":material/wifi_off:")
    parts = urlsplit(url)
    code = save(parts.path + ("?" + parts.query if parts.query else ""))
    link = short_link(url, code)
    # what a teacher reads out or projects first: the short code and short link, then the QR code; the full link
    # (many lines in a 250-pixel sidebar) only when asked for
    st.markdown(t("class.code", code=code))
    st.code(link, language=None, wrap_lines=True)  # whole, on as many lines as the sidebar needs; its copy button
    st.image(qr_png(link), caption=t("class.qr_caption"), width=220)
    if st.button(t("class.show_on_screen"), icon=":material/qr_code_2:", help=t("class.show_on_screen_help"),
                 key="_b.class_on_screen", width="stretch"):
        _on_screen(link, code)
    if st.toggle(t("class.full_link"), key="_w.class_full_link"):  # an expander cannot sit in the panel's expander
        st.caption(t("teacher.copy"))
        st.code(readable(url), language=None, wrap_lines=True)  # text, not HTML: the sentence is the learner's


# The dialog over the whole screen, the short code at 72 px and the short link at 34 px, readable from the back row
# (review 26: both were 13 px in a dialog that left most of the projector to the page behind it). Fixed markup; the
# dialog is found by its ARIA role and our keyed containers (st-key-…), never by Streamlit's generated class names.
_SCREEN_CSS = ("<style>[data-testid=stDialog] div:has(> [role=dialog] .st-key-tl_screen_code),"
               " [role=dialog]:has(.st-key-tl_screen_code) { width: 96vw; max-width: 96vw; }"
               ".st-key-tl_screen_text p, .st-key-tl_screen_text [data-testid=stCaptionContainer] { font-size: 28px; }"
               ".st-key-tl_screen_title h3 { font-size: 40px; }"
               ".st-key-tl_screen_code p { font-size: 72px; line-height: 1.1; font-weight: 700; margin: 0; }"
               ".st-key-tl_screen_link code { font-size: 34px; line-height: 1.3; white-space: pre-wrap;"
               " word-break: break-all; }"  # a link has no spaces: it wraps anywhere rather than run off the edge
               ".st-key-tl_screen_qr img { max-width: 62vh; height: auto; }</style>")


@st.dialog(" ", width="large")
def _on_screen(link: str, code: str) -> None:
    """The short code, the short link and a QR code large enough to scan from the back of a classroom, over the
    whole screen (the sidebar's 220-pixel one is for the teacher's own phone)."""
    st.html(_SCREEN_CSS)
    with st.container(key="tl_screen_title"):
        st.subheader(t("class.screen_title"))
    left, right = st.columns([2, 3], vertical_alignment="center")
    with left, st.container(key="tl_screen_qr"):
        st.image(qr_png(link, scale=12), width="stretch")  # the CSS keeps it one screen high, at 1366×768 too
    with right, st.container(key="tl_screen_text"):
        st.markdown(t("class.screen_code"))
        with st.container(key="tl_screen_code"):
            st.markdown(code)  # letters and digits of ALPHABET only: nothing Markdown reads
        with st.container(key="tl_screen_link"):
            st.markdown(t("class.screen_link"))
            st.code(link, language=None, wrap_lines=True)
        st.caption(t("class.qr_caption"))


def open_code() -> None:
    """The page at /c?k=CODE: opens the class link the code stands for (or says it does not know it)."""
    target = lookup(st.query_params.get("k", ""))
    if target is None:
        st.error(t("class.unknown_code"), icon=":material/link_off:")
        return
    path, _, query = target.partition("?")
    from . import toc

    slug = path.strip("/") or toc.LESSONS[0].slug
    lesson = next((x for x in toc.LESSONS if x.slug == slug), toc.LESSONS[0])
    st.switch_page(lesson.file, query_params=dict(parse_qsl(query, keep_blank_values=True)))


# ---- the live class (issue 22): one graded answer into the class this session joined ---------------------------

_RETRY_AFTER_S = 30.0  # after a database failure, answers are not sent to the class for this long (per process)
_down_until = 0.0


def record_attempt(instance, result) -> None:
    """One graded answer (exercises.core Instance and Result) into the class this browser session has joined
    (ui/class_view.py): one small insert. Nothing when the session has joined no class or the answer was
    unreadable; never raises, and after a database failure it skips the class for a while, so a dead database
    costs an answer nothing. The learner's own progress is recorded apart from this (ui/progress.py)."""
    global _down_until
    import logging
    import time

    try:
        from live_class import store

        from . import class_view, exercise_view

        member = class_view.member()
        if member is None or not result.counts or time.monotonic() < _down_until:
            return
        hint = int(st.session_state.get(exercise_view._HINTS, {}).get(instance.id, 0))
        store.default().record(member, instance.skill, instance.id, instance.section, result.status, result.tag, hint)
        st.session_state.pop(class_view.PROBLEM, None)
    except Exception as e:  # noqa: BLE001 - the class is a bonus: an answer must never fail because of it
        _down_until = time.monotonic() + _RETRY_AFTER_S
        kind = getattr(e, "kind", "broken")
        try:
            st.session_state[class_view.PROBLEM] = kind  # the Class page says so
        except Exception:  # noqa: BLE001
            pass
        logging.getLogger(__name__).warning("class store: answer not recorded: %s", e)
