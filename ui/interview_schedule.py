"""Spaced review of the interview cards with FSRS (the ``fsrs`` package), on a plain JSON record. Pure: no Streamlit,
and every function takes the time ``now`` (timezone-aware), so tests run on a fake clock.

The record is what the learner's browser keeps (namespace "interview"):
``{"v": 1, "cards": {card id: fsrs Card.to_dict()}, "answers": {card id: the learner's text}}``. It comes back from
the browser, so ``clean`` validates it and drops anything unknown or too large. Nothing here ever leaves for
class data or the URL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from fsrs import Card, Rating, Scheduler

VERSION = 1
RATINGS = ("again", "hard", "good", "easy")  # Rating 1..4, the self-rating buttons in this order
MOCK_SIZE = 5  # questions in a mock interview
MOCK_SECONDS = 120  # the time per question: about what an interviewer gives a short answer
MAX_ANSWER = 4000  # characters kept per answer


def empty() -> dict:
    return {"v": VERSION, "cards": {}, "answers": {}}


def scheduler() -> Scheduler:
    """FSRS with its default parameters, without the random fuzz (the same ratings give the same dates)."""
    return Scheduler(enable_fuzzing=False)


def _card_id(card_id: str) -> int:
    """fsrs wants an integer id: p1-04 → 104, p2-17 → 217 (stable, no clock involved)."""
    part, n = card_id[1:].split("-")
    return int(part) * 100 + int(n)


def clean(record: object, known: set[str]) -> dict:
    """A valid record from whatever the browser returned: unknown ids, bad cards and oversized text dropped."""
    out = empty()
    if not isinstance(record, dict):
        return out
    for cid, card in (record.get("cards") or {}).items() if isinstance(record.get("cards"), dict) else ():
        if cid in known:
            try:
                out["cards"][cid] = Card.from_dict(card).to_dict()
            except (KeyError, TypeError, ValueError):
                continue
    answers = record.get("answers")
    if isinstance(answers, dict):
        out["answers"] = {k: v[:MAX_ANSWER] for k, v in answers.items() if k in known and isinstance(v, str) and v}
    return out


def fsrs_card(record: dict, card_id: str) -> Card | None:
    """The card's FSRS state, or None while it has never been rated (a new card)."""
    data = record["cards"].get(card_id)
    return Card.from_dict(data) if data else None


def review(record: dict, card_id: str, rating: str, now: datetime) -> dict:
    """A new record with the card rated Again / Hard / Good / Easy at ``now``."""
    card = fsrs_card(record, card_id) or Card(card_id=_card_id(card_id), due=now)
    card, _ = scheduler().review_card(card, Rating(RATINGS.index(rating) + 1), review_datetime=now)
    return {**record, "cards": {**record["cards"], card_id: card.to_dict()}}


def set_answer(record: dict, card_id: str, text: str) -> dict:
    answers = dict(record["answers"])
    if text:
        answers[card_id] = text[:MAX_ANSWER]
    else:
        answers.pop(card_id, None)
    return {**record, "answers": answers}


def due(record: dict, card_id: str) -> datetime | None:
    card = fsrs_card(record, card_id)
    return card.due if card else None


def end_of_day(now: datetime, tz: tzinfo | None = None) -> datetime:
    """The end of ``now``'s day in the learner's time zone (UTC when unknown), in UTC."""
    local = now.astimezone(tz or UTC)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.astimezone(UTC)


def due_today(record: dict, ids: list[str], now: datetime, tz: tzinfo | None = None) -> list[str]:
    """Rated cards whose next review falls before the end of today, soonest first."""
    limit = end_of_day(now, tz)
    dated = [(d, cid) for cid in ids if (d := due(record, cid)) is not None and d <= limit]
    return [cid for _, cid in sorted(dated)]


def new(record: dict, ids: list[str]) -> list[str]:
    """Cards never rated, in the article's order."""
    return [cid for cid in ids if cid not in record["cards"]]


def mock_pick(record: dict, ids: list[str], now: datetime, tz: tzinfo | None = None, k: int = MOCK_SIZE) -> list[str]:
    """The questions of a mock interview: due cards first, then new ones, then the soonest due later."""
    chosen = due_today(record, ids, now, tz)[:k]
    chosen += new(record, ids)[: k - len(chosen)]
    if len(chosen) < k:
        later = sorted((due(record, cid), cid) for cid in ids if cid not in chosen and due(record, cid))
        chosen += [cid for _, cid in later][: k - len(chosen)]
    return chosen


def seconds_left(deadline: float, now: float) -> int:
    return max(0, int(round(deadline - now)))
