"""Mastery rules (exercises/mastery.py), each on a fake clock: ``now`` is passed in, nothing sleeps."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from exercises import mastery
from exercises.mastery import ATTEMPTED, FAMILIAR, MASTERED, NOT_STARTED, PROFICIENT

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
SKILL = "self_attention.compute"


def ev(instance: str, correct: bool, tag: str | None = None, hint: int = 0, skill: str = SKILL) -> dict:
    return {"skill": skill, "page": skill.partition(".")[0], "instance": instance, "correct": correct,
            "tag": tag, "hint": hint}


def play(*events: dict, start: dict | None = None, now: datetime = T0, step: timedelta = timedelta(minutes=1)):
    progress = start if start is not None else mastery.new()
    for e in events:
        progress = mastery.record(progress, e, now)
        now += step
    return progress


def proficient(now: datetime = T0) -> dict:
    return play(ev("a", True), ev("b", True), ev("c", True), now=now)


def test_nothing_answered_is_not_started_and_nothing_is_due():
    p = mastery.new()
    assert mastery.level(p, SKILL) == NOT_STARTED
    assert mastery.due(p, T0 + timedelta(days=400)) == []
    assert mastery.misconceptions(p) == {}
    assert mastery.by_page(p) == {}


def test_a_wrong_answer_is_attempted_and_counts_its_misconception():
    before = mastery.new()
    after = mastery.record(before, ev("a", False, "no_scale"), T0)
    assert before == mastery.new()  # the input is not mutated
    assert mastery.level(after, SKILL) == ATTEMPTED
    assert mastery.misconceptions(after) == {"no_scale": 1}
    assert after["events"][-1] == {"at": T0.isoformat(), "skill": SKILL, "instance": "a", "correct": False,
                                   "tag": "no_scale", "hint": 0}


def test_the_input_is_never_mutated():
    p = proficient()
    frozen = copy.deepcopy(p)
    mastery.record(p, ev("d", False, "axis"), T0 + timedelta(days=5))
    mastery.record(p, ev("d", True), T0 + timedelta(days=5))
    assert p == frozen


def test_one_right_answer_is_familiar():
    p = play(ev("a", False), ev("b", True))
    assert mastery.level(p, SKILL) == FAMILIAR
    assert mastery.by_page(p) == {"self_attention": {SKILL: FAMILIAR}}


def test_a_slip_after_a_right_answer_stays_familiar():
    assert mastery.level(play(ev("a", True), ev("b", False)), SKILL) == FAMILIAR


def test_right_after_the_worked_solution_is_not_right():
    p = play(ev("a", True, hint=3))
    assert mastery.level(p, SKILL) == ATTEMPTED
    assert p["skills"][SKILL]["worked"] == 1 and p["skills"][SKILL]["right"] == 0


def test_three_right_in_a_row_on_different_instances_is_proficient():
    p = play(ev("a", True), ev("b", True))
    assert mastery.level(p, SKILL) == FAMILIAR
    p = play(ev("c", True), start=p)
    assert mastery.level(p, SKILL) == PROFICIENT
    assert mastery.next_due(p, SKILL) is not None


def test_the_same_instance_three_times_is_not_proficient():
    p = play(ev("a", True), ev("a", True), ev("a", True), ev("b", True))
    assert mastery.level(p, SKILL) == FAMILIAR
    assert p["skills"][SKILL]["streak"] == 2


def test_a_wrong_answer_breaks_the_row():
    p = play(ev("a", True), ev("b", True), ev("c", False), ev("d", True), ev("e", True))
    assert mastery.level(p, SKILL) == FAMILIAR
    assert mastery.level(play(ev("f", True), start=p), SKILL) == PROFICIENT


def test_the_worked_solution_breaks_the_row_but_the_first_hints_do_not():
    p = play(ev("a", True, hint=1), ev("b", True, hint=2), ev("c", True, hint=3))
    assert mastery.level(p, SKILL) == FAMILIAR and p["skills"][SKILL]["streak"] == 0
    p = play(ev("d", True, hint=2), ev("e", True, hint=1), ev("f", True, hint=2), start=p)
    assert mastery.level(p, SKILL) == PROFICIENT


def test_skills_are_separate():
    p = play(ev("a", True), ev("b", True), ev("x", False, skill="multi_head.shapes"), ev("c", True))
    assert mastery.level(p, SKILL) == PROFICIENT
    assert mastery.level(p, "multi_head.shapes") == ATTEMPTED
    assert set(mastery.by_page(p)) == {"self_attention", "multi_head"}


def test_the_re_check_is_due_later_not_now():
    p = proficient()
    due_at = mastery.next_due(p, SKILL)
    assert due_at - T0 >= timedelta(hours=20)  # spaced: another day
    assert mastery.due(p, T0 + timedelta(hours=1)) == []
    assert mastery.due(p, due_at - timedelta(seconds=1)) == []
    assert mastery.due(p, due_at) == [SKILL]


def test_right_before_the_re_check_is_due_stays_proficient():
    p = proficient()
    p = mastery.record(p, ev("d", True), T0 + timedelta(hours=2))
    assert mastery.level(p, SKILL) == PROFICIENT
    assert mastery.next_due(p, SKILL) == mastery.next_due(proficient(), SKILL)  # practice leaves the card alone


def test_a_passed_re_check_is_mastered_and_the_next_one_is_further_out():
    p = proficient()
    first = mastery.next_due(p, SKILL)
    p = mastery.record(p, ev("d", True), first + timedelta(hours=1))
    assert mastery.level(p, SKILL) == MASTERED
    second = mastery.next_due(p, SKILL)
    assert second - (first + timedelta(hours=1)) > first - T0  # the interval grew
    assert mastery.due(p, first + timedelta(hours=2)) == []
    p = mastery.record(p, ev("e", True), second)  # the next due re-check keeps it
    assert mastery.level(p, SKILL) == MASTERED and mastery.next_due(p, SKILL) > second


def test_a_re_check_on_an_instance_of_the_row_does_not_count():
    p = proficient()
    later = mastery.next_due(p, SKILL) + timedelta(hours=1)
    p = mastery.record(p, ev("c", True), later)
    assert mastery.level(p, SKILL) == PROFICIENT
    assert mastery.due(p, later) == [SKILL]  # still waiting for a fresh instance


def test_the_re_check_after_the_worked_solution_fails():
    p = proficient()
    p = mastery.record(p, ev("d", True, hint=3), mastery.next_due(p, SKILL))
    assert mastery.level(p, SKILL) == FAMILIAR


def test_a_failed_re_check_drops_to_familiar_and_three_more_make_it_proficient_again():
    p = proficient()
    when = mastery.next_due(p, SKILL) + timedelta(minutes=5)
    p = mastery.record(p, ev("d", False, "axis"), when)
    assert mastery.level(p, SKILL) == FAMILIAR
    assert mastery.due(p, when + timedelta(days=30)) == []  # familiar skills have no re-check
    p = play(ev("e", True), ev("f", True), ev("g", True), start=p, now=when + timedelta(minutes=1))
    assert mastery.level(p, SKILL) == PROFICIENT
    assert mastery.next_due(p, SKILL) > when + timedelta(hours=20)


def test_a_wrong_answer_on_a_mastered_skill_drops_to_familiar():
    p = proficient()
    p = mastery.record(p, ev("d", True), mastery.next_due(p, SKILL))
    assert mastery.level(p, SKILL) == MASTERED
    p = mastery.record(p, ev("e", False), mastery.next_due(p, SKILL) - timedelta(days=1))  # not even due
    assert mastery.level(p, SKILL) == FAMILIAR


def test_due_lists_the_longest_overdue_first():
    p = play(ev("a", True, skill="tokens.compute"), ev("b", True, skill="tokens.compute"),
             ev("c", True, skill="tokens.compute"))
    p = play(ev("a", True), ev("b", True), ev("c", True), start=p, now=T0 + timedelta(hours=6))
    far = T0 + timedelta(days=30)
    assert mastery.due(p, far) == ["tokens.compute", SKILL]


def test_misconceptions_most_frequent_first_and_only_from_wrong_answers():
    p = play(ev("a", False, "axis"), ev("b", False, "no_scale"), ev("c", False, "no_scale"),
             ev("d", True, "axis"))  # a right answer carries no misconception
    assert list(mastery.misconceptions(p).items()) == [("no_scale", 2), ("axis", 1)]


def test_the_event_log_keeps_the_newest_500():
    p = play(*[ev(f"i{n}", n % 2 == 0) for n in range(mastery.MAX_EVENTS + 20)], step=timedelta(seconds=1))
    assert len(p["events"]) == mastery.MAX_EVENTS
    assert p["events"][-1]["instance"] == f"i{mastery.MAX_EVENTS + 19}"
    assert p["events"][0]["instance"] == "i20"
    assert p["skills"][SKILL]["attempts"] == mastery.MAX_EVENTS + 20  # counts are not capped


def test_naive_now_is_utc_and_other_zones_are_converted():
    naive = mastery.record(mastery.new(), ev("a", True), datetime(2025, 3, 1, 9, 0))
    china = mastery.record(mastery.new(), ev("a", True), datetime(2025, 3, 1, 17, 0,
                                                                  tzinfo=timezone(timedelta(hours=8))))
    assert naive == china == mastery.record(mastery.new(), ev("a", True), T0)


def test_progress_is_plain_json_and_deterministic():
    events = [ev("a", False, "no_scale"), ev("a", True), ev("b", True), ev("c", True)]
    p = play(*events)
    assert json.loads(json.dumps(p)) == p
    assert play(*events) == p  # no clock, no randomness inside
    later = mastery.record(p, ev("d", True), mastery.next_due(p, SKILL))
    assert json.loads(json.dumps(later)) == later


@pytest.mark.parametrize("bad", [
    {"skill": "", "instance": "a", "correct": True},
    {"skill": SKILL, "instance": "", "correct": True},
    {"skill": SKILL, "instance": "a", "correct": "yes"},
    {"skill": SKILL, "instance": "a", "correct": False, "hint": 4},
    {"skill": SKILL, "instance": "a", "correct": False, "hint": True},
    {"skill": SKILL, "instance": "a", "correct": False, "tag": 3},
])
def test_a_malformed_event_is_a_clear_value_error(bad):
    with pytest.raises(ValueError):
        mastery.record(mastery.new(), bad, T0)


def test_the_page_defaults_to_the_skills_prefix():
    p = mastery.record(mastery.new(), {"skill": "multi_head.shapes", "instance": "z", "correct": True}, T0)
    assert p["skills"]["multi_head.shapes"]["page"] == "multi_head"
