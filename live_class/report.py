"""What the teacher's view shows, computed from a :class:`~live_class.store.Snapshot`. Pure Python: no Streamlit.

* ``levels``: each member's level per exercise, by the learner-side rules (exercises/mastery.py) replayed over
  the attempts made in this class;
* ``misconceptions``: per exercise, how many learners answered it and how many met each misconception;
* ``histogram``: a ConcepTest round's outcomes (right, each misconception, another answer) and answers;
* ``csv_bytes``: the snapshot the teacher downloads (pseudonyms only), UTF-8 with a BOM so spreadsheet
  programs read Chinese correctly.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from exercises import mastery

from .store import Snapshot

RIGHT, WRONG = "right", "wrong"  # histogram categories besides the misconception tags


def levels(snap: Snapshot) -> dict[int, dict[str, str]]:
    """member id → {skill: level} for every exercise the member answered in this class."""
    progress: dict[int, dict] = {}
    for member_id, skill, instance, _section, status, tag, hint, at in snap.attempts:
        event = {"skill": skill, "page": skill.rpartition(".")[0], "instance": instance,
                 "correct": status == "right", "tag": tag, "hint": int(hint)}
        p = progress.get(member_id) or mastery.new()
        p["events"] = []  # the log is not needed here: keeps each replayed step small
        try:
            progress[member_id] = mastery.record(p, event, datetime.fromtimestamp(at, UTC))
        except ValueError:
            continue  # a row the rules do not accept (the store checks the same names: not expected)
    return {mid: {skill: rec["level"] for skill, rec in p["skills"].items()} for mid, p in progress.items()}


@dataclass(frozen=True)
class SkillReport:
    skill: str
    section: str  # the lesson section of its latest attempt ("reteach" goes there)
    learners: int  # how many answered it
    right: int  # how many have answered it right on their own (before the worked solution) at least once
    tags: dict[str, int]  # misconception → how many learners met it, the most met first


def misconceptions(snap: Snapshot) -> list[SkillReport]:
    """One report per exercise answered in the class, those with the most learners meeting a misconception first."""
    answered: dict[str, set[int]] = {}
    right: dict[str, set[int]] = {}
    met: dict[str, dict[str, set[int]]] = {}
    section: dict[str, str] = {}
    for member_id, skill, _instance, sec, status, tag, hint, _at in snap.attempts:
        answered.setdefault(skill, set()).add(member_id)
        section[skill] = sec
        if mastery.own(status == RIGHT, hint):
            right.setdefault(skill, set()).add(member_id)
        if tag:
            met.setdefault(skill, {}).setdefault(tag, set()).add(member_id)
    out = []
    for skill, who in answered.items():
        tags = {tag: len(m) for tag, m in met.get(skill, {}).items()}
        tags = dict(sorted(tags.items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(SkillReport(skill, section[skill], len(who), len(right.get(skill, ())), tags))
    return sorted(out, key=lambda r: (-max(r.tags.values(), default=0), -r.learners, r.skill))


def histogram(snap: Snapshot, round_: int) -> tuple[Counter, Counter]:
    """(outcome counts, answer counts) of one ConcepTest round: outcomes are ``right``, a misconception tag or
    ``wrong``; each learner counts once (their last answer in the round)."""
    last: dict[int, tuple] = {}
    for rnd, member_id, status, tag, answer in snap.votes:
        if rnd == round_:
            last[member_id] = (status, tag, answer)
    outcomes = Counter(RIGHT if s == "right" else (t or WRONG) for s, t, _ in last.values())
    answers = Counter(a for _, _, a in last.values() if a)
    return outcomes, answers


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """A CSV file as UTF-8 with a byte-order mark (Excel opens Chinese text correctly only with it)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading =, +, -, @ would start a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
