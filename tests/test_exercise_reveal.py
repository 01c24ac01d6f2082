"""The exercise box holds the right answer back (review 26: one slip showed "yours / that slip gives / right
answer", so a learner could copy it and be counted): a first slip names the misconception and what that slip gives;
the second wrong try, or the worked solution, shows the right answer, and an answer given after that does not count
toward Proficient. Values keep their significant digits. The app runs in AppTest; the instance, its answer and its
slips are made here by the same engine on the same trace, never read off the page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, checkpoint_dir  # noqa: F401 - fixture

from exercises import core, mastery, registry
from ui import exercise_view, progress, toc
from ui.i18n import translate
from ui.number_text import significant

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("app_env")]
SKILL = "self_attention.compute"  # the box's first exercise on lesson 4: a number with named slips


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [w.value for w in at.warning] + [c.value for c in at.caption]
                     + [s.value for s in at.success] + [e.value for e in at.error])


def opened() -> AppTest:
    """Lesson 4 with its exercise box open (the box draws nothing until the learner opens it)."""
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state[exercise_view.open_key("self_attention")] = True
    at.switch_page(toc.page_file("self_attention")).run()
    return at


def check(at: AppTest, instance: core.Instance, value: float) -> None:
    at.text_input(key=f"_ex.in.{instance.id}").input(f"{value:.{instance.decimals}f}")
    next(b for b in at.button if b.label == translate("en", "exercises.ui.check")).click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_slip_names_the_misconception_and_the_answer_waits_for_a_second_try(monkeypatch):
    events = []
    monkeypatch.setattr(progress, "record", events.append)  # what the learner's progress would receive
    at = opened()
    assert not at.exception, [e.value for e in at.exception]
    ctx = at.session_state["_tl_context"]
    instance = registry.generate(registry.find(SKILL), registry.Given(ctx.trace, ctx.cfg, {}, ctx.sentence),
                                 core.seed_for(ctx.sentence, SKILL, 0))
    assert instance is not None and instance.kind == core.NUMBER and instance.bugs and instance.hints
    tag, slip = next(iter(instance.bugs.items()))
    right = significant(instance.answer, instance.decimals)
    header_right = f"| {translate('en', 'exercises.ui.col_right')} |"  # the table's column

    check(at, instance, slip)
    shown = texts(at)
    assert translate("en", "exercises.ui.bug") in shown and translate("en", "exercises.ui.col_slip") in shown
    assert significant(slip, instance.decimals) in shown or f"{slip:.{instance.decimals}f}" in shown
    assert header_right not in shown and translate("en", "exercises.ui.solution") not in shown
    assert translate("en", "exercises.ui.try_again") in shown

    check(at, instance, slip)  # the second wrong try: now the right answer, and the worked solution with it
    shown = texts(at)
    assert header_right in shown and right in shown
    assert translate("en", "exercises.ui.solution") in shown

    check(at, instance, instance.answer)  # copied: right, but not the learner's own
    assert [e["correct"] for e in events] == [False, False, True]
    assert events[-1]["hint"] >= mastery.BOTTOM_OUT
    kept = mastery.new()
    for e in events:
        kept = mastery.record(kept, e, datetime.now(UTC))
    assert mastery.level(kept, SKILL) == mastery.ATTEMPTED  # not even familiar: no right answer of its own


def test_one_slip_then_the_right_answer_still_counts(monkeypatch):
    events = []
    monkeypatch.setattr(progress, "record", events.append)
    at = opened()
    ctx = at.session_state["_tl_context"]
    instance = registry.generate(registry.find(SKILL), registry.Given(ctx.trace, ctx.cfg, {}, ctx.sentence),
                                 core.seed_for(ctx.sentence, SKILL, 0))
    check(at, instance, next(iter(instance.bugs.values())))
    check(at, instance, instance.answer)
    assert [(e["correct"], e["hint"]) for e in events] == [(False, 0), (True, 0)]
    assert translate("en", "exercises.ui.right", value=significant(instance.answer, instance.decimals)) in texts(at)


def test_a_closed_box_makes_no_exercise_and_opening_it_does(monkeypatch):
    made = []
    generate = registry.generate
    monkeypatch.setattr(registry, "generate", lambda *a, **k: made.append(a[0].skill) or generate(*a, **k))
    at = AppTest.from_file(APP, default_timeout=180)
    at.switch_page(toc.page_file("self_attention")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e for e in at.expander if e.label == translate("en", "exercises.ui.title")], "the box is offered"
    assert made == [] and not [w for w in at.text_input if str(w.key).startswith("_ex.in.")]
    at.session_state[exercise_view.open_key("self_attention")] = True  # what the learner's click sets
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert made == [SKILL] and [w for w in at.text_input if str(w.key).startswith("_ex.in.")]


def test_the_level_above_the_box_counts_the_answer_just_checked():
    """The box's level line is drawn after the answer is graded: the run that grades a first attempt already says
    "Attempted" (it said "Not started" until the next rerun when the line was drawn first)."""
    def level_line(at: AppTest) -> str:
        prefix = translate("en", "exercises.ui.level", level="\0").split("\0")[0]
        lines = [c.value for c in at.caption if c.value.startswith(prefix)]
        assert len(lines) == 1, lines
        return lines[0]

    at = opened()
    assert not at.exception, [e.value for e in at.exception]
    assert level_line(at) == translate("en", "exercises.ui.level", level=progress.level_name(mastery.NOT_STARTED))
    ctx = at.session_state["_tl_context"]
    instance = registry.generate(registry.find(SKILL), registry.Given(ctx.trace, ctx.cfg, {}, ctx.sentence),
                                 core.seed_for(ctx.sentence, SKILL, 0))
    check(at, instance, next(iter(instance.bugs.values())))  # a slip: counted, not right
    assert level_line(at) == translate("en", "exercises.ui.level", level=translate("en", "progress.level.attempted"))
