"""The progress file a learner downloads and uploads again: JSON, UTF-8, versioned, validated. No Streamlit.

``export(progress) -> bytes`` writes canonical JSON (sorted keys, no spaces, one final newline), so
export → import → export gives the same bytes. ``load(data) -> dict`` reads a file and returns the progress
it holds, or raises :class:`ProgressFileError` (a ValueError) whose ``key`` is an i18n message key and whose
``fields`` fill it: the file is too big, not JSON, not a progress file, from a newer version, or has a field
of the wrong kind. Nothing else escapes, whatever the bytes (tests/test_progress_file.py throws hypothesis
at it). ``validate(obj) -> dict`` is the schema check alone, also used on what the browser kept.

The schema is exercises/mastery.py's dict. Every name in it (skill, page, tag, instance id) must match
``NAME`` (ASCII letters, digits and ``_ . : -``): no control, bidi-override or look-alike characters can
reach the page, and error messages name schema paths (``skills.*.level``), never text from the file.
Lists and maps are bounded, numbers are finite and in range, times are UTC ISO 8601.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta
from typing import Any

from fsrs import State

from . import mastery

APP = "transformer-lessons"  # the file says what it is: another app's JSON is refused by name
MAX_BYTES = 512 * 1024
MAX_SKILLS = 1000
MAX_TAGS = 1000
MAX_COUNT = 10**9
NAME = mastery.NAME  # ASCII letters, digits and _ . : -, at most 80
YEARS = (2000, 2200)  # times outside are refused: far dates would overflow the scheduler's arithmetic
TOP = {"app", "version", "skills", "bugs", "events"}
SKILL_KEYS = {"page", "level", "attempts", "right", "worked", "streak", "streak_ids", "last", "card"}
CARD_KEYS = {"card_id", "state", "step", "stability", "difficulty", "due", "last_review"}
EVENT_KEYS = {"at", "skill", "instance", "correct", "tag", "hint"}


ERROR_KEYS = ("progress.file.too_big", "progress.file.not_json", "progress.file.not_ours", "progress.file.newer",
              "progress.file.version", "progress.file.bad_field")  # i18n messages, one per way a file fails


class ProgressFileError(ValueError):
    """A progress file that cannot be used. ``key``: the i18n message; ``fields``: its ``{placeholders}``."""

    def __init__(self, key: str, detail: str, **fields: Any) -> None:
        super().__init__(detail)
        self.key = key
        self.fields = fields


def _bad(path: str, why: str) -> ProgressFileError:
    return ProgressFileError("progress.file.bad_field", f"{path}: {why}", field=path)


# ---- export ------------------------------------------------------------------------------------------------

def export(progress: dict[str, Any]) -> bytes:
    """The progress file's bytes (validated first: a file this app writes, this app reads back)."""
    body = validate(progress)
    text = json.dumps({"app": APP, **body}, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return text.encode("utf-8") + b"\n"


def file_name(now: datetime) -> str:
    return f"transformer-lessons-progress-{mastery.utc(now):%Y-%m-%d}.json"


# ---- import ------------------------------------------------------------------------------------------------

def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ProgressFileError("progress.file.not_json", "a key appears twice in one object")
        out[k] = v
    return out


def _no_constants(name: str) -> Any:
    raise ProgressFileError("progress.file.not_json", f"{name} is not a JSON number")


def load(data: bytes) -> dict[str, Any]:
    """The progress in a file's bytes; ProgressFileError (and nothing else) for any file that will not do."""
    if not isinstance(data, (bytes, bytearray)):
        raise ProgressFileError("progress.file.not_json", "not bytes")
    if len(data) > MAX_BYTES:
        raise ProgressFileError("progress.file.too_big", f"{len(data)} bytes > {MAX_BYTES}",
                                limit=f"{MAX_BYTES // 1024} kB")
    try:
        text = bytes(data).decode("utf-8")
        obj = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except ProgressFileError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as e:  # JSONDecodeError is a ValueError
        raise ProgressFileError("progress.file.not_json", f"not UTF-8 JSON: {type(e).__name__}") from None
    if not isinstance(obj, dict) or obj.get("app") != APP:
        raise ProgressFileError("progress.file.not_ours", "not a Transformer Lessons progress file")
    return validate(obj)


# ---- the schema ----------------------------------------------------------------------------------------------

def _name(value: Any, path: str) -> str:
    if not isinstance(value, str) or not NAME.fullmatch(value):
        raise _bad(path, "not a name (ASCII letters, digits, _ . : -, at most 80)")
    return value


def _count(value: Any, path: str, top: int = MAX_COUNT) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
        raise _bad(path, f"not a whole number in 0..{top}")
    return value


def _time(value: Any, path: str) -> str:
    if not isinstance(value, str) or len(value) > 40:
        raise _bad(path, "not a time")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise _bad(path, "not an ISO 8601 time") from None
    if when.utcoffset() != timedelta(0):
        raise _bad(path, "not in UTC")
    if not YEARS[0] <= when.year <= YEARS[1]:
        raise _bad(path, f"not between {YEARS[0]} and {YEARS[1]}")
    return value


def _positive(value: Any, path: str, top: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _bad(path, "not a finite number")
    if not 0 < value <= top:
        raise _bad(path, f"not in (0, {top}]")
    return value


def _keys(obj: Any, allowed: set[str], required: set[str], path: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise _bad(path, "not an object")
    extra, missing = set(obj) - allowed, required - set(obj)
    if extra or missing:
        raise _bad(path, f"{len(extra)} unknown and {len(missing)} missing fields")
    return obj


def _card(obj: Any, path: str) -> dict[str, Any] | None:
    if obj is None:
        return None
    _keys(obj, CARD_KEYS, CARD_KEYS, path)
    state = _count(obj["state"], f"{path}.state", 3)
    if state not in (s.value for s in State):
        raise _bad(f"{path}.state", "not an FSRS state")
    step = obj["step"]
    if step is not None:
        step = _count(step, f"{path}.step", 100)
    elif state != State.Review.value:
        raise _bad(f"{path}.step", "a learning card needs a step")
    card = {"card_id": _count(obj["card_id"], f"{path}.card_id", 2**53), "state": state, "step": step,
            "stability": None if obj["stability"] is None else _positive(obj["stability"], f"{path}.stability", 1e6),
            "difficulty": None if obj["difficulty"] is None else _positive(obj["difficulty"], f"{path}.difficulty",
                                                                              11.0),
            "due": _time(obj["due"], f"{path}.due"),
            "last_review": None if obj["last_review"] is None else _time(obj["last_review"], f"{path}.last_review")}
    if (card["stability"] is None) != (card["difficulty"] is None):
        raise _bad(path, "stability and difficulty come together")
    return card


def _skill(obj: Any, path: str) -> dict[str, Any]:
    _keys(obj, SKILL_KEYS, SKILL_KEYS, path)
    if obj["level"] not in mastery.STORED_LEVELS:
        raise _bad(f"{path}.level", "not a level")
    ids = obj["streak_ids"]
    if not isinstance(ids, list) or len(ids) > mastery.STREAK:
        raise _bad(f"{path}.streak_ids", f"not a list of at most {mastery.STREAK}")
    return {"page": _name(obj["page"], f"{path}.page"), "level": obj["level"],
            **{k: _count(obj[k], f"{path}.{k}") for k in ("attempts", "right", "worked", "streak")},
            "streak_ids": [_name(i, f"{path}.streak_ids.*") for i in ids],
            "last": None if obj["last"] is None else _time(obj["last"], f"{path}.last"),
            "card": _card(obj["card"], f"{path}.card")}


def _event(obj: Any, path: str) -> dict[str, Any]:
    _keys(obj, EVENT_KEYS, EVENT_KEYS, path)
    if not isinstance(obj["correct"], bool):
        raise _bad(f"{path}.correct", "not true or false")
    return {"at": _time(obj["at"], f"{path}.at"), "skill": _name(obj["skill"], f"{path}.skill"),
            "instance": _name(obj["instance"], f"{path}.instance"), "correct": obj["correct"],
            "tag": None if obj["tag"] is None else _name(obj["tag"], f"{path}.tag"),
            "hint": _count(obj["hint"], f"{path}.hint", mastery.MAX_HINT)}


def validate(obj: Any) -> dict[str, Any]:
    """A checked copy of a progress dict with exactly the schema's fields; ProgressFileError otherwise."""
    if not isinstance(obj, dict):
        raise ProgressFileError("progress.file.not_ours", "not a JSON object")
    version = obj.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > mastery.VERSION:
        raise ProgressFileError("progress.file.newer", f"version {version} is newer than {mastery.VERSION}",
                                version=min(version, 10**6))
    if version != mastery.VERSION or isinstance(version, bool):
        raise ProgressFileError("progress.file.version", "no version this app knows")
    _keys(obj, TOP, TOP - {"app"}, "progress")
    skills, bugs, events = obj["skills"], obj["bugs"], obj["events"]
    if not isinstance(skills, dict) or len(skills) > MAX_SKILLS:
        raise _bad("skills", f"not an object of at most {MAX_SKILLS}")
    if not isinstance(bugs, dict) or len(bugs) > MAX_TAGS:
        raise _bad("bugs", f"not an object of at most {MAX_TAGS}")
    if not isinstance(events, list) or len(events) > mastery.MAX_EVENTS:
        raise _bad("events", f"not a list of at most {mastery.MAX_EVENTS}")
    return {"version": mastery.VERSION,
            "skills": {_name(k, "skills.*"): _skill(v, "skills.*") for k, v in skills.items()},
            "bugs": {_name(k, "bugs.*"): _count(v, "bugs.*") for k, v in bugs.items()},
            "events": [_event(e, "events.*") for e in events]}
