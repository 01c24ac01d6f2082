"""The interview page through AppTest: it renders in both languages, every "See it live →" link lands on its
lesson page and section with the card's view, find-the-mistake and read-offs answer, self-rating schedules the
card, the mock interview runs five questions to the answers, and the learner's text stays out of the URL."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, assert_clean, checkpoint_dir  # noqa: F401 - fixture

from ui import i18n, state, toc
from ui import interview_cards as ic
from ui.present import LANDED

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("app_env")]
PAGE = toc.page_file("interview")


def open_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.switch_page(PAGE).run()
    assert_clean(at, f"interview {lang}")
    return at


def widget(at: AppTest, kind: str, key: str):
    return next(w for w in at.get(kind) if w.key == key)


def text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_renders_a_card_in_both_languages(lang):
    at = open_page(lang)
    assert at.title[0].value == f"{toc.number('interview')}. {i18n.translate(lang, 'page.interview.title')}"
    card = ic.cards()[0]
    assert ic.question(card, lang) in [s.value for s in at.subheader]
    at.toggle(key="_w.iv.reveal.all.p1-01").set_value(True).run()
    assert ic.answer(card, lang).splitlines()[0] in text(at)
    links = [p for p in at.get("page_link") if p.proto.page == card.live.slug]
    assert links and f"sec={card.live.sec}" in links[0].proto.query_string


def test_every_live_link_lands_on_its_page_section_and_view():
    live = [c for c in ic.cards() if c.live is not None]
    assert len(live) >= 35
    for card in live:
        at = AppTest.from_file(APP, default_timeout=90)
        params = {"lang": "en", **ic.live_params(card)}
        for k, v in params.items():
            at.query_params[k] = v
        at.switch_page(ic.live_file(card)).run()
        assert_clean(at, card.id)
        assert at.title[0].value.startswith(f"{toc.number(card.live.slug)}."), card.id
        assert at.session_state[LANDED] == (card.live.slug, card.live.sec), card.id
        heading = ic.section_title(card.live.slug, card.live.sec, "en")
        if heading:
            assert any(heading in m.value for m in at.markdown), card.id
        for k, v in card.live.view:
            assert at.session_state[f"tl_{k}"] == state.KEYS[k].parse(v), (card.id, k)
        assert at.session_state["tl_sec"] == 0 and "sec" not in at.query_params, card.id  # landed once


def test_old_index_links_still_land_and_presentation_takes_a_name():
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["sec"] = "2"
    at.switch_page(toc.page_file("self_attention")).run()
    assert at.session_state[LANDED] == ("self_attention", list(i18n.lesson_sections("en", "self_attention"))[2])
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["present"] = "1"
    at.query_params["sec"] = "scores"
    at.switch_page(toc.page_file("self_attention")).run()
    shown = text(at)
    heading = ic.section_title("self_attention", "scores", "en")
    assert heading in shown and ic.section_title("self_attention", "qkv", "en") not in shown
    assert at.button(key="_b.present.next.top")


def test_find_the_mistake_and_rating_schedule_the_card():
    at = open_page()
    at.selectbox(key="_w.iv.pick.all").set_value("p1-12").run()
    card = ic.by_id()["p1-12"]
    radio = widget(at, "radio", "_w.iv.mk.all.p1-12")
    radio.set_value(card.mistake.answer).run()
    assert at.success and card.mistake.fix["en"].splitlines()[0] in text(at)
    at.toggle(key="_w.iv.reveal.all.p1-12").set_value(True).run()
    rate = [f"_b.iv.rate.all.p1-12.{r}" for r in ("again", "hard", "good", "easy")]
    assert {at.button(key=k).proto.type for k in rate} == {"secondary"}  # none looks chosen before the learner rates
    at.button(key="_b.iv.rate.all.p1-12.again").click().run()
    assert [at.button(key=k).proto.type for k in rate] == ["primary", "secondary", "secondary", "secondary"]
    record = at.session_state["_tl_iv_record"]
    assert "p1-12" in record["cards"]
    at.get("segmented_control")[0].set_value("due").run()
    assert_clean(at, "due")
    assert at.selectbox(key="_w.iv.pick.due").value == "p1-12"


def test_a_read_off_is_checked_against_the_trace():
    at = open_page()
    radio = widget(at, "radio", "_w.iv.ro.all.p1-01")
    trace = at.session_state["_tl_context"].trace
    expected = ic.readoff("heads_differ", trace, "en")
    radio.set_value(expected.answer).run()
    assert at.success and not at.warning


def test_mock_interview_runs_five_questions_then_shows_the_answers():
    at = open_page()
    at.get("segmented_control")[0].set_value("mock").run()
    at.button(key="_b.iv.mock.start").click().run()
    mock = at.session_state["_tl_iv_mock"]
    assert len(mock["ids"]) == 5 and not mock["done"]
    assert any("Question 1 of 5" in m.value for m in at.markdown)
    assert at.get("progress"), "the countdown"
    box = at.text_area(key=f"_w.iv.ans.mock.{mock['ids'][0]}")
    box.set_value("softmax(QK^T / sqrt(d_k)) V, my secret words").run()
    for i in range(5):
        at.button(key="_b.iv.mock.next").click().run()
        assert_clean(at, f"mock step {i}")
    assert at.session_state["_tl_iv_mock"]["done"]
    assert any("my secret words" in x.value for x in at.text)  # the learner's own answer, as plain text
    shown = text(at)
    for cid in mock["ids"]:
        assert ic.question(ic.by_id()[cid], "en") in shown
    url = "&".join(f"{k}={v}" for k, v in at.query_params.items())
    assert "secret" not in url and "secret" not in str(parse_qs(url))  # never in the URL
