"""The class's data in a database, behind one small interface (SQLAlchemy Core: one code path for every database).

Where: ``TL_CLASS_DB`` names a database URL (``postgresql+psycopg://user:pw@host/db`` for several machines);
unset, it is a SQLite file (WAL) under the data directory (``TL_DATA_DIR``, else ``~/.cache/transformer-lessons``),
which every ``make run`` / ``make serve-class`` process on this machine shares with no setup. The schema is
created, and migrated to ``SCHEMA_VERSION``, the first time a process opens the database.

What is stored, and nothing else (tests/test_class_store.py checks the columns and the values):

* ``tl_classes``: a short code, the SHA-256 of the teacher's secret (the secret itself is only in the teacher's
  link; compared with ``hmac.compare_digest``), created/expires times, the ConcepTest on screen.
* ``tl_members``: an app-made pseudonym id (live_class/names.py) and the SHA-256 of the member's own token.
* ``tl_attempts``: exercise id (skill), instance id, lesson section, right / bug / wrong, the misconception tag,
  the hint rung, when.
* ``tl_polls`` / ``tl_votes``: a ConcepTest (skill, the index of an example sentence of the app and the SHA-256
  of that sentence, attempt number, round) and each answer to it (outcome, tag, the parsed answer, ≤ 24 ASCII
  characters).

No sentence text, no free text from learners, no IP address, no user agent. A class expires ``TTL_S`` after it
started: every read and write ignores an expired class, and ``purge`` deletes its rows, run by whatever uses the
classes next (starting, finding, joining, an answer, the class view), at most once a minute per process; "End class"
deletes them at once.

Every failure of the database (unreachable, locked past the timeout, a broken schema) is raised as
:class:`StoreError` with a ``kind`` the page turns into a message; bad input (a wrong code, a forged secret, a
name that is not ours) is answered with None / False, never an exception.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    and_,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from . import names

ENV_URL = "TL_CLASS_DB"
ENV_DIR = "TL_DATA_DIR"
TTL_S = 8 * 3600  # a class's data lives one school day at most
SCHEMA_VERSION = 1
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud or copied from a projector
CODE_LEN = 6
TIMEOUT_S = 2.0  # a locked SQLite file or a slow server: give up after this, the page says so
PURGE_EVERY_S = 60.0
NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,79}")  # skills, sections, tags: what exercises/mastery allows
INSTANCE = re.compile(r"[0-9a-f]{4,16}")
ANSWER = re.compile(r"[0-9A-Za-z.+\-×, ]{1,24}")
STATUSES = ("right", "bug", "wrong")

metadata = MetaData()
meta = Table("tl_meta", metadata,
             Column("key", String(32), primary_key=True),
             Column("value", Integer, nullable=False))
classes = Table("tl_classes", metadata,
                Column("id", Integer, primary_key=True, autoincrement=True),
                Column("code", String(12), nullable=False, unique=True),
                Column("secret_hash", String(64), nullable=False),
                Column("created", Integer, nullable=False),
                Column("expires", Integer, nullable=False, index=True),
                Column("poll", Integer, nullable=True))  # the ConcepTest on screen (tl_polls.id) or none
members = Table("tl_members", metadata,
                Column("id", Integer, primary_key=True, autoincrement=True),
                Column("class_id", Integer, ForeignKey("tl_classes.id"), nullable=False, index=True),
                Column("name", String(32), nullable=False),
                Column("token_hash", String(64), nullable=False),
                Column("joined", Integer, nullable=False),
                Index("tl_members_name", "class_id", "name", unique=True))
attempts = Table("tl_attempts", metadata,
                 Column("id", Integer, primary_key=True, autoincrement=True),
                 Column("class_id", Integer, ForeignKey("tl_classes.id"), nullable=False, index=True),
                 Column("member_id", Integer, ForeignKey("tl_members.id"), nullable=False),
                 Column("skill", String(80), nullable=False),
                 Column("instance", String(16), nullable=False),
                 Column("section", String(80), nullable=False),
                 Column("status", String(8), nullable=False),
                 Column("tag", String(80), nullable=True),
                 Column("hint", SmallInteger, nullable=False),
                 Column("at", Integer, nullable=False))
polls = Table("tl_polls", metadata,
              Column("id", Integer, primary_key=True, autoincrement=True),
              Column("class_id", Integer, ForeignKey("tl_classes.id"), nullable=False, index=True),
              Column("skill", String(80), nullable=False),
              Column("example", Integer, nullable=False),  # index into the app's example sentences
              Column("sentence_hash", String(64), nullable=False),
              Column("attempt", Integer, nullable=False),  # the seed's third part: core.seed_for(sentence, skill, n)
              Column("round", SmallInteger, nullable=False),
              Column("opened", Integer, nullable=False))
votes = Table("tl_votes", metadata,
              Column("id", Integer, primary_key=True, autoincrement=True),
              Column("class_id", Integer, ForeignKey("tl_classes.id"), nullable=False, index=True),
              Column("poll_id", Integer, ForeignKey("tl_polls.id"), nullable=False),
              Column("round", SmallInteger, nullable=False),
              Column("member_id", Integer, ForeignKey("tl_members.id"), nullable=False),
              Column("status", String(8), nullable=False),
              Column("tag", String(80), nullable=True),
              Column("answer", String(24), nullable=True),
              Column("at", Integer, nullable=False))
CLASS_TABLES = (votes, polls, attempts, members)  # children first: deleted before the class row

# Migrations: MIGRATIONS[v] takes a connection from version v - 1 to v (DDL through SQLAlchemy, so the same code
# runs on SQLite and PostgreSQL). Version 1 is the schema above, created whole.
MIGRATIONS: dict[int, Callable[[Any], None]] = {}


class StoreError(RuntimeError):
    """The database could not be used: ``kind`` is "unreachable", "busy" or "broken" (an i18n key's last part)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}"[:300])
        self.kind = kind


@dataclass(frozen=True)
class ClassRef:
    id: int
    code: str
    created: int
    expires: int
    poll: int | None


@dataclass(frozen=True)
class Member:
    class_id: int
    id: int
    name: str
    token: str  # only in the learner's session; the database has its hash


@dataclass(frozen=True)
class Poll:
    id: int
    skill: str
    example: int
    sentence_hash: str
    attempt: int
    round: int


@dataclass(frozen=True)
class Snapshot:
    """Everything the teacher's view shows, read in one transaction."""

    cls: ClassRef
    members: list[tuple[int, str, int]]  # (id, name, joined), in joining order
    attempts: list[tuple]  # (member_id, skill, instance, section, status, tag, hint, at), oldest first
    poll: Poll | None
    votes: list[tuple]  # the poll's (round, member_id, status, tag, answer), oldest first


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_url() -> str:
    """``TL_CLASS_DB``, else the SQLite file under the data directory."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return url
    base = Path(os.environ.get(ENV_DIR) or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                / "transformer-lessons")
    base.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{base / 'classes.sqlite3'}"


def clean_code(raw: object) -> str:
    """A typed class code: upper case, only the alphabet's characters (a learner may type it in lower case)."""
    return "".join(ch for ch in str(raw or "").upper()[:32] if ch in ALPHABET)[:12]


def _kind(error: BaseException) -> str:
    text = str(error).lower()
    if "locked" in text or "busy" in text or "timeout" in text or "canceling statement" in text:
        return "busy"
    if isinstance(error, OperationalError) or "connect" in text or "could not translate host" in text:
        return "unreachable"
    return "broken"


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": TIMEOUT_S, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_setup(dbapi_con, _record):  # the embedded default: one file, readers never wait for a writer
            cur = dbapi_con.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA busy_timeout={int(TIMEOUT_S * 1000)}")
            cur.close()
        return engine
    connect_args = {"connect_timeout": max(1, int(TIMEOUT_S)),
                    "options": f"-c statement_timeout={int(TIMEOUT_S * 1000)}"} if url.startswith("postgresql") else {}
    return sa.create_engine(url, pool_size=5, max_overflow=10, pool_pre_ping=True, pool_timeout=TIMEOUT_S,
                         connect_args=connect_args)


class Store:
    """The one interface to the class's data. Thread-safe (a pool of connections); every method is one short
    transaction. ``clock`` is injectable for the expiry tests."""

    def __init__(self, url: str | None = None, ttl_s: int = TTL_S, clock: Callable[[], float] = time.time):
        self.url = url or default_url()
        self.ttl_s = int(ttl_s)
        self.clock = clock
        self.engine = _engine(self.url)
        self._ready = False
        self._lock = threading.Lock()
        self._purged = -PURGE_EVERY_S

    # ---- plumbing --------------------------------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _now(self) -> int:
        return int(self.clock())

    def _setup(self) -> None:
        """Create the schema, or migrate it, once per process (processes starting at once: a process that loses
        the race for a table tries again and finds it there)."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            # each failed try means another process created a table meanwhile: one try more than there are tables
            for tries_left in reversed(range(len(metadata.tables) + 1)):
                try:
                    metadata.create_all(self.engine, checkfirst=True)
                    with self.engine.begin() as con:
                        row = con.execute(select(meta.c.value).where(meta.c.key == "schema")).first()
                        version = row[0] if row else 0
                        if version == 0:
                            con.execute(insert(meta).values(key="schema", value=SCHEMA_VERSION))
                        elif version > SCHEMA_VERSION:
                            raise StoreError("broken", f"schema {version} is newer than this app's {SCHEMA_VERSION}")
                        else:
                            for v in range(version + 1, SCHEMA_VERSION + 1):
                                MIGRATIONS[v](con)
                            if version < SCHEMA_VERSION:
                                con.execute(update(meta).where(meta.c.key == "schema").values(value=SCHEMA_VERSION))
                    break
                except (IntegrityError, OperationalError):
                    if not tries_left:
                        raise
            self._ready = True

    def _run(self, work: Callable[[Any], Any]) -> Any:
        """``work(connection)`` in one transaction; database failures become StoreError."""
        try:
            self._setup()
            with self.engine.begin() as con:
                return work(con)
        except StoreError:
            raise
        except (SQLAlchemyError, OSError) as e:
            raise StoreError(_kind(e), str(e)) from e

    def ping(self) -> None:
        self._run(lambda con: con.execute(select(func.count()).select_from(meta)).scalar())

    def schema_version(self) -> int:
        return self._run(lambda con: con.execute(select(meta.c.value).where(meta.c.key == "schema")).scalar_one())

    # ---- classes ---------------------------------------------------------------------------------------------

    def start_class(self) -> tuple[ClassRef, str]:
        """A new class: its reference and the teacher's secret (returned once, stored only as a hash)."""
        self.purge()
        secret = secrets.token_urlsafe(16)
        now = self._now()

        def work(con):
            for length in (CODE_LEN, CODE_LEN, CODE_LEN + 2):
                code = "".join(secrets.choice(ALPHABET) for _ in range(length))
                if con.execute(select(classes.c.id).where(classes.c.code == code)).first() is None:
                    row = con.execute(insert(classes).values(code=code, secret_hash=sha256(secret), created=now,
                                                             expires=now + self.ttl_s).returning(classes.c.id)).first()
                    return ClassRef(row[0], code, now, now + self.ttl_s, None)
            raise StoreError("busy", "no free class code")
        return self._run(work), secret

    def _live(self, code: str):
        return and_(classes.c.code == code, classes.c.expires > self._now())

    def find(self, code: object) -> ClassRef | None:
        """The class a learner's code opens, or None (unknown, mistyped or expired)."""
        code = clean_code(code)
        if len(code) < CODE_LEN:
            return None
        self.purge()
        row = self._run(lambda con: con.execute(
            select(classes.c.id, classes.c.code, classes.c.created, classes.c.expires, classes.c.poll)
            .where(self._live(code))).first())
        return ClassRef(*row) if row else None

    def teacher(self, code: object, secret: object) -> ClassRef | None:
        """The class when ``secret`` is its teacher's (constant-time comparison of the hashes), else None."""
        code = clean_code(code)
        if len(code) < CODE_LEN or not isinstance(secret, str) or not 8 <= len(secret) <= 64:
            return None
        row = self._run(lambda con: con.execute(
            select(classes.c.id, classes.c.code, classes.c.created, classes.c.expires, classes.c.poll,
                   classes.c.secret_hash).where(self._live(code))).first())
        if row is None or not hmac.compare_digest(row[5], sha256(secret)):
            return None
        return ClassRef(*row[:5])

    def end_class(self, class_id: int) -> None:
        """Delete the class and everything recorded in it."""
        self._run(lambda con: self._delete(con, [class_id]))

    @staticmethod
    def _delete(con, ids: list[int]) -> int:
        if not ids:
            return 0
        for table in CLASS_TABLES:
            con.execute(delete(table).where(table.c.class_id.in_(ids)))
        return con.execute(delete(classes).where(classes.c.id.in_(ids))).rowcount

    def purge(self, force: bool = False) -> int:
        """Delete every expired class (at most once a minute per process unless ``force``); how many went."""
        now = self._now()
        if not force and now - self._purged < PURGE_EVERY_S:
            return 0
        self._purged = now

        def work(con):
            ids = [r[0] for r in con.execute(select(classes.c.id).where(classes.c.expires <= now))]
            return self._delete(con, ids)
        return self._run(work)

    # ---- learners --------------------------------------------------------------------------------------------

    def join(self, cls: ClassRef) -> Member | None:
        """A new member of a live class under a fresh pseudonym; None when the class has ended or expired."""
        token = secrets.token_urlsafe(16)
        now = self._now()

        def work(con):
            if con.execute(select(classes.c.id).where(and_(classes.c.id == cls.id, classes.c.expires > now))
                           ).first() is None:
                return None
            taken = {r[0] for r in con.execute(select(members.c.name).where(members.c.class_id == cls.id))}
            name = next((n for n in (names.new_name() for _ in range(50)) if n not in taken), None)
            if name is None:
                raise StoreError("busy", "no free pseudonym")
            row = con.execute(insert(members).values(class_id=cls.id, name=name, token_hash=sha256(token),
                                                     joined=now).returning(members.c.id)).first()
            return Member(cls.id, row[0], name, token)
        return self._run(work)

    def rejoin(self, class_id: int, member_id: int, token: str) -> Member | None:
        """The member a session (or the learner's browser, after a reload) kept, when its token matches and its
        class is live; None otherwise (a tampered or stale record)."""
        if not (isinstance(token, str) and 8 <= len(token) <= 64):
            return None
        now = self._now()
        row = self._run(lambda con: con.execute(
            select(members.c.name, members.c.token_hash).join(classes, classes.c.id == members.c.class_id)
            .where(and_(members.c.id == member_id, members.c.class_id == class_id, classes.c.expires > now))).first())
        if row is None or not hmac.compare_digest(row[1], sha256(token)):
            return None
        return Member(class_id, member_id, row[0], token)

    def _member_ok(self, con, member: Member, now: int) -> bool:
        row = con.execute(select(members.c.token_hash).join(classes, classes.c.id == members.c.class_id)
                          .where(and_(members.c.id == member.id, members.c.class_id == member.class_id,
                                      classes.c.expires > now))).first()
        return row is not None and hmac.compare_digest(row[0], sha256(member.token))

    def record(self, member: Member, skill: str, instance: str, section: str, status: str, tag: str | None,
               hint: int = 0) -> bool:
        """One graded attempt of ``member``; False (nothing stored) when a field is not one of ours or the member
        is not in a live class."""
        if not _fields_ok(skill, instance, section, status, tag) or not isinstance(hint, int):
            return False
        self.purge()
        now = self._now()

        def work(con):
            if not self._member_ok(con, member, now):
                return False
            con.execute(insert(attempts).values(class_id=member.class_id, member_id=member.id, skill=skill,
                                                instance=instance, section=section, status=status, tag=tag,
                                                hint=max(0, min(3, hint)), at=now))
            return True
        return self._run(work)

    # ---- ConcepTest ------------------------------------------------------------------------------------------

    def push_poll(self, cls: ClassRef, skill: str, example: int, sentence_hash: str, attempt: int = 0) -> Poll:
        """Put one instance on every learner's screen (the teacher's class, checked by the caller)."""
        if not (NAME.fullmatch(skill) and re.fullmatch(r"[0-9a-f]{64}", sentence_hash)
                and isinstance(example, int) and isinstance(attempt, int)):
            raise ValueError("a ConcepTest needs a skill, an example index, a sentence hash and an attempt number")
        now = self._now()

        def work(con):
            pid = con.execute(insert(polls).values(class_id=cls.id, skill=skill, example=example,
                                                   sentence_hash=sentence_hash, attempt=attempt, round=1,
                                                   opened=now).returning(polls.c.id)).scalar_one()
            con.execute(update(classes).where(classes.c.id == cls.id).values(poll=pid))
            return Poll(pid, skill, example, sentence_hash, attempt, 1)
        return self._run(work)

    def revote(self, cls: ClassRef) -> int | None:
        """"Discuss, then vote again": the poll on screen moves to round 2 (its round-1 votes stay)."""
        def work(con):
            pid = con.execute(select(classes.c.poll).where(classes.c.id == cls.id)).scalar()
            if pid is None:
                return None
            con.execute(update(polls).where(and_(polls.c.id == pid, polls.c.class_id == cls.id)).values(round=2))
            return 2
        return self._run(work)

    def close_poll(self, cls: ClassRef) -> None:
        self._run(lambda con: con.execute(update(classes).where(classes.c.id == cls.id).values(poll=None)))

    def current_poll(self, class_id: int) -> Poll | None:
        """The ConcepTest on screen in a live class, or None."""
        now = self._now()
        row = self._run(lambda con: con.execute(
            select(polls.c.id, polls.c.skill, polls.c.example, polls.c.sentence_hash, polls.c.attempt, polls.c.round)
            .join(classes, classes.c.poll == polls.c.id)
            .where(and_(classes.c.id == class_id, classes.c.expires > now))).first())
        return Poll(*row) if row else None

    def vote(self, member: Member, poll: Poll, status: str, tag: str | None, answer: str | None) -> bool:
        """A learner's answer to the ConcepTest in its current round; a second answer in one round replaces the
        first (the histogram counts learners, not clicks). False when the poll is no longer on screen."""
        if not _fields_ok(poll.skill, "0000", "intro", status, tag):
            return False
        if answer is not None and not ANSWER.fullmatch(answer):
            answer = None
        now = self._now()

        def work(con):
            if not self._member_ok(con, member, now):
                return False
            row = con.execute(select(polls.c.round).join(classes, classes.c.poll == polls.c.id)
                              .where(and_(classes.c.id == member.class_id, polls.c.id == poll.id))).first()
            if row is None:
                return False
            con.execute(delete(votes).where(and_(votes.c.poll_id == poll.id, votes.c.round == row[0],
                                                 votes.c.member_id == member.id)))
            con.execute(insert(votes).values(class_id=member.class_id, poll_id=poll.id, round=row[0],
                                             member_id=member.id, status=status, tag=tag, answer=answer, at=now))
            return True
        return self._run(work)

    # ---- the teacher's view ----------------------------------------------------------------------------------

    def snapshot(self, cls: ClassRef) -> Snapshot | None:
        """Members, attempts and the ConcepTest of a live class in one read; None once it has ended or expired."""
        self.purge()
        now = self._now()

        def work(con):
            row = con.execute(select(classes.c.id, classes.c.code, classes.c.created, classes.c.expires,
                                     classes.c.poll).where(and_(classes.c.id == cls.id, classes.c.expires > now))
                              ).first()
            if row is None:
                return None
            ref = ClassRef(*row)
            mem = [tuple(r) for r in con.execute(select(members.c.id, members.c.name, members.c.joined)
                                                 .where(members.c.class_id == ref.id).order_by(members.c.id))]
            att = [tuple(r) for r in con.execute(
                select(attempts.c.member_id, attempts.c.skill, attempts.c.instance, attempts.c.section,
                       attempts.c.status, attempts.c.tag, attempts.c.hint, attempts.c.at)
                .where(attempts.c.class_id == ref.id).order_by(attempts.c.id))]
            poll, vts = None, []
            if ref.poll is not None:
                p = con.execute(select(polls.c.id, polls.c.skill, polls.c.example, polls.c.sentence_hash,
                                       polls.c.attempt, polls.c.round).where(polls.c.id == ref.poll)).first()
                poll = Poll(*p) if p else None
                vts = [tuple(r) for r in con.execute(
                    select(votes.c.round, votes.c.member_id, votes.c.status, votes.c.tag, votes.c.answer)
                    .where(votes.c.poll_id == ref.poll).order_by(votes.c.id))]
            return Snapshot(ref, mem, att, poll, vts)
        return self._run(work)

    # ---- for the privacy tests -------------------------------------------------------------------------------

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table, as stored."""
        def work(con):
            return {t.name: [dict(r._mapping) for r in con.execute(select(t))] for t in metadata.sorted_tables}
        return self._run(work)

    def close(self) -> None:
        self.engine.dispose()


def _fields_ok(skill: Any, instance: Any, section: Any, status: Any, tag: Any) -> bool:
    return (isinstance(skill, str) and bool(NAME.fullmatch(skill)) and isinstance(instance, str)
            and bool(INSTANCE.fullmatch(instance)) and isinstance(section, str) and bool(NAME.fullmatch(section))
            and status in STATUSES and (tag is None or (isinstance(tag, str) and bool(NAME.fullmatch(tag)))))


_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()


def default() -> Store:
    """This process's store for the configured URL (one engine, one pool, shared by every session)."""
    url = default_url()
    with _STORES_LOCK:
        if url not in _STORES:
            _STORES[url] = Store(url)
        return _STORES[url]


def tables() -> Iterable[Table]:
    return metadata.sorted_tables
