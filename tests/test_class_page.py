"""The Class page in the app (AppTest, a SQLite file per test): a teacher starts a class and sees the join screen,
a forged teacher link and a wrong code get a message, a learner joins under a pseudonym, graded answers from any
page reach the class (ui.classroom.record_attempt) and the teacher's grid, anonymized or not, with the
misconceptions and a reteach link; a ConcepTest pushed by the teacher is answered by the learner through the
exercise box, then discussed and voted again; End class deletes; an unreachable database is a message, and
recording an answer with it never raises."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from exercises import core
from live_class import store
from ui import class_view, classroom, toc
from ui.i18n import translate

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = toc.page_file("classroom")


@pytest.fixture(autouse=True)
def class_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'classes.sqlite3'}"
    monkeypatch.setenv(store.ENV_URL, url)
    monkeypatch.setattr(classroom, "_down_until", 0.0)
    return url


def open_page(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def qp(at: AppTest, name: str) -> str:
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
                     + [i.value for i in at.info] + [s.value for s in at.success] + [c.value for c in at.caption])


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def start_class() -> tuple[AppTest, str, str]:
    at = open_page()
    button(at, translate("en", "classroom.teacher.start")).click().run()
    code, secret = qp(at, "class"), qp(at, "key")
    assert code and secret and not at.exception
    assert code in texts(at) and at.get("image"), "the join screen shows the code and the QR code"
    return at, code, secret


def join(code: str) -> tuple[AppTest, store.Member]:
    at = open_page(join=code)
    button(at, translate("en", "classroom.learner.join")).click().run()
    member = at.session_state[class_view.MEMBER]
    assert translate("en", "classroom.learner.you_are", name=class_view.pseudonym(member.name)) in texts(at)
    return at, member


def teacher_view(code: str, secret: str, view: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[class_view.VIEW] = view
    at.run()
    at.switch_page(PAGE)
    at.query_params["class"], at.query_params["key"] = code, secret
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def grid_rows(at: AppTest) -> list[str]:
    spec = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "Heatmap" in c.proto.spec
                or '"heatmap"' in c.proto.spec)
    return spec["data"][0]["y"]


def test_the_landing_page_offers_both_doors():
    at = open_page()
    labels = [b.label for b in at.button]
    assert translate("en", "classroom.teacher.start") in labels and translate("en", "classroom.learner.go") in labels
    assert at.title[0].value.endswith(translate("en", "page.classroom.title"))


def test_a_forged_teacher_link_and_a_wrong_code_get_a_message():
    _at, code, secret = start_class()
    forged = open_page(**{"class": code, "key": secret[:-2] + "xx"})
    assert translate("en", "classroom.teacher.bad_link") in texts(forged)
    wrong = open_page(join="ZZZZZZ")
    assert translate("en", "classroom.learner.bad_code") in texts(wrong)
    junk = open_page(join="<script>alert(1)</script>")
    assert translate("en", "classroom.learner.bad_code") in texts(junk)


def test_answers_reach_the_teachers_grid_named_or_anonymized(monkeypatch):
    _at, code, secret = start_class()
    _learner, member = join(code)
    other = store.default().join(store.default().find(code))
    instance = core.Instance(core.NUMBER, core.text("x"), 0.5, page="self_attention", type="compute", seed=7,
                             section="weights", tolerance=0.01, bugs={"no_scale": 0.9})
    monkeypatch.setattr(class_view, "member", lambda: member)
    classroom.record_attempt(instance, core.grade(instance, "0.9"))  # a named slip
    classroom.record_attempt(instance, core.grade(instance, "huh?"))  # unreadable: not an attempt, not sent
    monkeypatch.setattr(class_view, "member", lambda: other)
    classroom.record_attempt(instance, core.grade(instance, "0.5"))
    rows = store.default().dump()["tl_attempts"]
    assert [(r["status"], r["tag"]) for r in rows] == [("bug", "no_scale"), ("right", None)]

    at = teacher_view(code, secret, "class")
    assert grid_rows(at) == [class_view.pseudonym(member.name), class_view.pseudonym(other.name)]
    body = texts(at)
    assert class_view.bug_name("no_scale") in [v for df in at.dataframe for v in df.value.iloc[:, 0]]
    assert translate("en", "classroom.teacher.skill_line", skill=class_view.skill_label("self_attention.compute")
                     .replace(".", "\\."), right=1, n=2) in body or "1 of 2" in body
    links = [p for p in at.get("page_link") if p.proto.label == translate("en", "classroom.teacher.reteach")]
    assert len(links) == 1 and "sec=weights" in links[0].proto.query_string and "self_attention" in links[0].proto.page
    at.toggle(key=class_view.ANON).set_value(True).run()
    assert grid_rows(at) == [translate("en", "classroom.anon", n=1), translate("en", "classroom.anon", n=2)]
    csv = class_view.csv_snapshot(store.default().snapshot(store.default().find(code)), {})
    assert csv.startswith(b"\xef\xbb\xbf") and class_view.pseudonym(member.name).encode() in csv


def test_a_conceptest_is_pushed_answered_discussed_and_voted_again():
    _at, code, secret = start_class()
    teacher = teacher_view(code, secret, "conceptest")
    skill = "self_attention.compute"  # a number to compute, with named slips
    teacher.selectbox(key="_w.class_poll_skill").set_value(skill)
    button(teacher, translate("en", "classroom.poll.push")).click().run()
    assert not teacher.exception
    cls = store.default().find(code)
    poll = store.default().current_poll(cls.id)
    assert poll is not None and poll.skill == skill and poll.round == 1

    learner, member = join(code)
    instance, sentence = class_view.poll_instance(poll)
    assert instance is not None and sentence
    assert instance.kind == core.NUMBER and instance.bugs
    box = learner.text_input(key=f"_ex.in.{instance.id}")
    tag, slip = next(iter(instance.bugs.items()))
    box.input(f"{slip:.4f}")
    button(learner, translate("en", "exercises.ui.check")).click().run()
    assert not learner.exception
    votes = store.default().dump()["tl_votes"]
    assert [(v["round"], v["status"], v["tag"]) for v in votes] == [(1, "bug", tag)]

    store.default().revote(cls)
    learner.run()  # the page's watch notices the new round; a full run shows a fresh box
    box = learner.text_input(key=f"_ex.in.{instance.id}")
    assert not box.value
    box.input(f"{instance.answer:.4f}")
    button(learner, translate("en", "exercises.ui.check")).click().run()
    votes = store.default().dump()["tl_votes"]
    assert [(v["round"], v["status"]) for v in votes] == [(1, "bug"), (2, "right")]

    teacher = teacher_view(code, secret, "conceptest")
    spec = next(json.loads(c.proto.spec) for c in teacher.get("plotly_chart") if '"bar"' in c.proto.spec)
    assert [tr["name"] for tr in spec["data"]] == [translate("en", "classroom.poll.round", n=n) for n in (1, 2)]
    assert sum(spec["data"][0]["y"]) == 1 and sum(spec["data"][1]["y"]) == 1
    assert sentence not in json.dumps(store.default().dump(), ensure_ascii=False)


def test_end_class_deletes_it_and_the_learner_is_told():
    _at, code, secret = start_class()
    learner, _member = join(code)
    at = teacher_view(code, secret, "end")
    closes = time.strftime("%H:%M %Z", time.localtime(store.default().find(code).expires))  # named with its zone
    assert translate("en", "classroom.end.expiry", time=closes) in texts(at) and time.strftime("%Z") in closes
    at.checkbox(key="_w.class_end_sure").check().run()
    button(at, translate("en", "classroom.end.button")).click().run()
    assert translate("en", "classroom.end.done") in texts(at)
    assert all(rows == [] for name, rows in store.default().dump().items() if name != "tl_meta")
    learner.run()
    assert translate("en", "classroom.learner.class_gone") in texts(learner)


def test_an_unreachable_database_is_a_message_and_recording_never_raises(monkeypatch):
    monkeypatch.setenv(store.ENV_URL, "postgresql+psycopg://tl_test:tl_test@127.0.0.1:1/tl_test")
    at = open_page()
    assert translate("en", "classroom.teacher.start") in [b.label for b in at.button]  # landing needs no database
    button(at, translate("en", "classroom.teacher.start")).click().run()
    assert not at.exception and translate("en", "classroom.db.unreachable") in texts(at)
    assert translate("en", "classroom.db.progress_safe") in texts(at)
    learner = open_page(join="ABCDEF")
    assert translate("en", "classroom.db.unreachable") in texts(learner)
    instance = core.Instance(core.NUMBER, core.text("x"), 0.5, page="self_attention", type="compute", seed=7)
    monkeypatch.setattr(class_view, "member", lambda: store.Member(1, 1, "blue.panda.01", "token-token"))
    classroom.record_attempt(instance, core.grade(instance, "0.5"))  # no exception
    assert classroom._down_until > 0  # and the next answers skip the class for a while, costing nothing


def in_class_notes(at: AppTest) -> list[str]:
    """Labels of the sidebar's "In class as …" links (ui/class_member.py)."""
    prefix = translate("en", "classroom.sidebar.in_class", name="")
    return [p.proto.label for p in at.sidebar.get("page_link") if p.proto.label.startswith(prefix)]


def test_the_join_card_gives_way_and_every_page_says_in_class():
    _at, code, _secret = start_class()
    at, member = join(code)
    assert translate("en", "classroom.learner.join") not in [b.label for b in at.button], "the join card is gone"
    at.run()  # the next run draws the sidebar (drawn before the page that joined)
    name = class_view.pseudonym(member.name)
    assert in_class_notes(at) == [translate("en", "classroom.sidebar.in_class", name=name)]
    at.switch_page(toc.page_file("self_attention")).run()
    assert not at.exception and in_class_notes(at) == [translate("en", "classroom.sidebar.in_class", name=name)]


def fresh_session_with_kept(kept: dict) -> AppTest:
    """A new session (a page opened by its address) in a browser that kept ``kept`` under "tl.class"; AppTest runs
    no JavaScript, so the browser's answer is put where ui/browser_store.py keeps it."""
    from ui import browser_store

    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[browser_store._STATE] = {"loaded": {"class": kept}, "problem": {}, "seq": 0, "nonce": "t",
                                              "pending": {}, "remount": {}}
    at.run()
    at.switch_page(toc.page_file("self_attention")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_page_opened_by_its_address_restores_the_class_and_an_ended_class_is_forgotten():
    _at, code, secret = start_class()
    db = store.default()
    member = db.join(db.find(code))
    kept = {"class_id": member.class_id, "member_id": member.id, "name": member.name, "token": member.token}
    at = fresh_session_with_kept(kept)
    restored = at.session_state[class_view.MEMBER]
    assert (restored.class_id, restored.id, restored.token) == (member.class_id, member.id, member.token)
    assert in_class_notes(at) == [translate("en", "classroom.sidebar.in_class", name=class_view.pseudonym(member.name))]
    forged = fresh_session_with_kept({**kept, "token": "forged"})
    assert class_view.MEMBER not in forged.session_state and not in_class_notes(forged)
    db.end_class(member.class_id)
    gone = fresh_session_with_kept(kept)
    assert class_view.MEMBER not in gone.session_state and not in_class_notes(gone)
    from ui import browser_store

    assert gone.session_state[browser_store._STATE]["loaded"]["class"] == {}, "the ended class is forgotten"


def test_the_class_view_counts_in_singular_and_plural():
    _at, code, secret = start_class()
    db = store.default()
    member = db.join(db.find(code))
    caption = lambda at: next(c.value for c in at.caption if "·" in c.value)  # noqa: E731
    assert caption(teacher_view(code, secret, "class")).startswith("1 learner, 0 answers ·")
    db.record(member, "self_attention.compute", "00000001", "weights", "right", None, 0)
    assert caption(teacher_view(code, secret, "class")).startswith("1 learner, 1 answer ·")
    db.join(db.find(code))
    db.record(member, "self_attention.compute", "00000002", "weights", "right", None, 0)
    assert caption(teacher_view(code, secret, "class")).startswith("2 learners, 2 answers ·")
