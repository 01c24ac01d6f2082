"""A learner's progress as one plain JSON-able dict, and the mastery rules. Pure Python: no Streamlit.

The dict is what the learner's browser keeps (ui/browser_store.py) and what the progress file holds
(exercises/progress_file.py)::

    {"version": 1,
     "skills": {"self_attention.compute": {"page": "self_attention", "level": "familiar", "attempts": 4,
                                           "right": 2, "worked": 1, "streak": 1, "streak_ids": ["a1b2c3"],
                                           "last": "2025-01-02T03:04:05+00:00", "card": null}},
     "bugs": {"no_scale": 2},                      # misconception tag -> how often a wrong answer matched it
     "events": [{"at": …, "skill": …, "instance": …, "correct": …, "tag": …, "hint": …}, …]}   # newest last

Levels (Khan Academy's names; the rules are ASSISTments' and the research note's, c1.8):

- **not started**: no answer yet (the skill is absent from ``skills``);
- **attempted**: answered, never right without the worked solution;
- **familiar**: at least one right answer without the worked solution (hint rung 3, the "bottom-out" hint);
- **proficient**: 3 right in a row, on 3 different instances, none after opening the worked solution.
  Reaching it starts an FSRS card for the skill (fsrs.Scheduler, no learning steps, no fuzz: the first
  re-check is due about two days later);
- **mastered**: a right answer to a *due* re-check (the card's ``due`` has passed) on an instance that was
  not one of the three. Each later due re-check answered right keeps it and pushes the next one further out.

What demotes: a wrong answer (or a right one after the worked solution) on a proficient or mastered skill,
due or not, is a failed check: the card is reviewed "Again" and the level drops to familiar; 3 in a row
again makes it proficient and schedules the next re-check. Right answers before the re-check is due are
practice: they count, and they leave the card alone. Rung 3 resets the streak (it is a worked example,
not a solution of one's own) and is never counted as right; opening rungs 1–2 costs nothing.

Every function takes ``now`` (timezone-aware; naive means UTC) so tests run on a fake clock.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

VERSION = 1
NOT_STARTED, ATTEMPTED, FAMILIAR = "not_started", "attempted", "familiar"
PROFICIENT, MASTERED = "proficient", "mastered"
LEVELS = (NOT_STARTED, ATTEMPTED, FAMILIAR, PROFICIENT, MASTERED)  # in order; i18n "progress.level.<name>"
STORED_LEVELS = LEVELS[1:]  # a skill in the dict has been answered at least once
STREAK = 3  # right in a row on different instances, without the worked solution
BOTTOM_OUT = 3  # hint rung 3: the worked solution
MAX_HINT = 3
MAX_EVENTS = 500  # the event log keeps the newest
# Skill, page, tag and instance names: ASCII only, so no control or bidi-override character reaches a page
NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,79}")
CARD_ID = 1  # fsrs wants an id; a skill's card is found by the skill's name, so one constant will do
# No learning steps (minutes apart): a re-check belongs to another day. No fuzz: the same answers give
# the same schedule, in tests and between two exports of one file.
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def new() -> dict[str, Any]:
    """Progress of a learner who has answered nothing."""
    return {"version": VERSION, "skills": {}, "bugs": {}, "events": []}


def utc(now: datetime) -> datetime:
    """``now`` in UTC (fsrs compares only UTC datetimes); a naive datetime is taken to be UTC already."""
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def _check_event(event: dict[str, Any]) -> tuple[str, str, str, bool, str | None, int]:
    skill, page, instance = event.get("skill"), event.get("page"), event.get("instance")
    correct, tag, hint = event.get("correct"), event.get("tag"), event.get("hint", 0)
    if not (isinstance(skill, str) and NAME.fullmatch(skill) and isinstance(instance, str)
            and NAME.fullmatch(instance)):
        raise ValueError(f"an event needs a skill and an instance id (NAME): {event!r}")
    if not isinstance(page, str) or not NAME.fullmatch(page):
        page = skill.rpartition(".")[0] or skill
    if not isinstance(correct, bool):
        raise ValueError(f"event 'correct' must be a bool: {event!r}")
    if tag is not None and (not isinstance(tag, str) or not NAME.fullmatch(tag)):
        raise ValueError(f"event 'tag' must be a tag name or None: {event!r}")
    if isinstance(hint, bool) or not isinstance(hint, int) or not 0 <= hint <= MAX_HINT:
        raise ValueError(f"event 'hint' must be 0..{MAX_HINT}: {event!r}")
    return skill, page, instance, correct, (None if correct else tag), hint


def _card(record: dict[str, Any]) -> Card | None:
    raw = record.get("card")
    return Card.from_dict(raw) if raw else None


def _review(record: dict[str, Any], rating: Rating, now: datetime) -> None:
    card = _card(record) or Card(card_id=CARD_ID, due=now)
    card, _ = SCHEDULER.review_card(card, rating, now)
    record["card"] = card.to_dict()


def is_due(record: dict[str, Any], now: datetime) -> bool:
    """A proficient or mastered skill whose re-check date has come."""
    card = _card(record) if record.get("level") in (PROFICIENT, MASTERED) else None
    return card is not None and card.due <= utc(now)


def own(correct: bool, hint: int) -> bool:
    """Right, and not copied from the worked solution: what counts toward the levels (and as right in a class view)."""
    return bool(correct) and int(hint) < BOTTOM_OUT


def record(progress: dict[str, Any], event: dict[str, Any], now: datetime) -> dict[str, Any]:
    """``progress`` after one graded answer (a new dict; ``progress`` is left as it was).

    ``event``: ``{"skill": "<page>.<type>", "page": …, "instance": "<short id>", "correct": bool,
    "tag": "<misconception>" | None, "hint": 0..3}`` (``hint``: the highest rung the learner opened).
    Raises ValueError for a malformed event (a bug in the caller, not the learner's doing).
    """
    skill, page, instance, correct, tag, hint = _check_event(event)
    now = utc(now)
    out = copy.deepcopy(progress) if progress else new()
    rec = out["skills"].setdefault(skill, {"page": page, "level": ATTEMPTED, "attempts": 0, "right": 0,
                                           "worked": 0, "streak": 0, "streak_ids": [], "last": None,
                                           "card": None})
    rec["attempts"] += 1
    rec["last"] = now.isoformat()
    by_self = own(correct, hint)
    if correct and not by_self:
        rec["worked"] += 1
    level = rec["level"]
    if by_self:
        rec["right"] += 1
        fresh = instance not in rec["streak_ids"]  # the same instance again is no new evidence
        if fresh:
            rec["streak"] += 1
            rec["streak_ids"] = (rec["streak_ids"] + [instance])[-STREAK:]
        if level in (PROFICIENT, MASTERED):
            if rec.get("card") is None:  # a file that lost its card: schedule the re-check now
                _review(rec, Rating.Good, now)
            elif fresh and is_due(rec, now):
                _review(rec, Rating.Good, now)  # the spaced re-check passed
                rec["level"] = MASTERED
        elif rec["streak"] >= STREAK:
            rec["level"] = PROFICIENT
            _review(rec, Rating.Good, now)  # schedules the first re-check
        else:
            rec["level"] = FAMILIAR
    else:
        rec["streak"], rec["streak_ids"] = 0, []
        if level in (PROFICIENT, MASTERED):
            _review(rec, Rating.Again, now)  # a failed check
            rec["level"] = FAMILIAR
        # attempted and familiar stay where they are: a slip does not undo a right answer
    if tag is not None:
        out["bugs"][tag] = out["bugs"].get(tag, 0) + 1
    out["events"] = (out["events"] + [{"at": now.isoformat(), "skill": skill, "instance": instance,
                                       "correct": correct, "tag": tag, "hint": hint}])[-MAX_EVENTS:]
    return out


def level(progress: dict[str, Any], skill: str) -> str:
    """The skill's level, one of LEVELS (``not_started`` when it was never answered)."""
    rec = (progress or {}).get("skills", {}).get(skill)
    return rec["level"] if rec else NOT_STARTED


def due(progress: dict[str, Any], now: datetime) -> list[str]:
    """Skills whose spaced re-check is due at ``now``, the longest overdue first."""
    skills = (progress or {}).get("skills", {})
    found = [(_card(rec).due, skill) for skill, rec in skills.items() if is_due(rec, now)]
    return [skill for _, skill in sorted(found)]


def next_due(progress: dict[str, Any], skill: str) -> datetime | None:
    """When the skill's next re-check is due (None before it is proficient)."""
    rec = (progress or {}).get("skills", {}).get(skill)
    card = _card(rec) if rec and rec.get("level") in (PROFICIENT, MASTERED) else None
    return card.due if card else None


def misconceptions(progress: dict[str, Any]) -> dict[str, int]:
    """Misconception tag -> how many wrong answers matched it, the most frequent first."""
    counts = Counter((progress or {}).get("bugs", {}))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def by_page(progress: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Page slug -> {skill: level} for every skill answered at least once."""
    pages: dict[str, dict[str, str]] = {}
    for skill, rec in sorted((progress or {}).get("skills", {}).items()):
        pages.setdefault(rec.get("page") or skill.rpartition(".")[0], {})[skill] = rec["level"]
    return pages
