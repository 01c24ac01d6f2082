"""Interview cards (issue 21), without Streamlit: the 38 cards in both languages, verdicts and find-the-mistake
items, live links to real sections, numbers only from placeholders, read-offs on a real trace, FSRS scheduling on a
fake clock, and the Anki export parsing back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_lesson_truth import PAPER, STRUCTURAL, WORDS, YEARS, ZH_WORDS, literal_numbers

from ui import i18n, lesson_numbers, toc
from ui import interview_cards as ic
from ui import interview_schedule as sched

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "004_466c6f8908d02bc7.txt"
CARDS = ic.cards()
IDS = [c.id for c in CARDS]
# Numbers a card may state besides the paper's constants: BERT's masking recipe (15 %, 80/10/10).
ALLOWED = {"p1-21": {"15", "80"}}


def test_all_38_questions_in_both_languages():
    assert len(CARDS) == 38 and len(set(IDS)) == 38
    assert sum(c.part == 1 for c in CARDS) == 21 and sum(c.part == 2 for c in CARDS) == 17
    assert [(c.part, c.n) for c in CARDS] == [(1, n) for n in range(1, 22)] + [(2, n) for n in range(1, 18)]
    for c in CARDS:
        assert c.id == f"p{c.part}-{c.n:02d}"
        for lang in ("en", "zh"):
            assert c.text[lang]["q"].strip() and c.text[lang]["a"].strip() and c.note[lang].strip(), (c.id, lang)
        assert c.verdict in ic.VERDICTS and c.tags


@pytest.mark.skipif(not SEED.exists(), reason="the source article is not in this checkout")
def test_questions_and_quotes_are_the_articles_own_words():
    article = SEED.read_text(encoding="utf-8")
    for c in CARDS:
        assert c.original_zh in article, c.id
        if c.mistake:
            assert c.mistake.quote_zh in article, c.id


def test_every_wrong_answer_has_a_find_the_mistake_item():
    for c in CARDS:
        assert (c.mistake is not None) == (c.verdict == "wrong"), c.id
        if c.mistake:
            assert 3 <= len(c.mistake.choices) <= 4 and 0 <= c.mistake.answer < len(c.mistake.choices), c.id
            for lang in ("en", "zh"):
                assert all(ch[lang].strip() for ch in c.mistake.choices) and c.mistake.fix[lang].strip(), c.id
    assert sum(c.verdict == "wrong" for c in CARDS) >= 9


def test_at_least_35_cards_link_to_a_real_lesson_section():
    live = [c for c in CARDS if c.live is not None]
    assert len(live) >= 35
    for c in live:
        assert c.live.slug in toc.BY_SLUG and c.live.slug != "interview", c.id
        for lang in ("en", "zh"):
            assert c.live.sec in i18n.lesson_sections(lang, c.live.slug), (c.id, lang)
        source = (ROOT / toc.BY_SLUG[c.live.slug].file).read_text(encoding="utf-8")
        assert f'page.text(SLUG, "{c.live.sec}")' in source, c.id  # the page really shows that section
        params = ic.live_params(c)
        from ui import state

        for k, v in params.items():
            state.KEYS[k].parse(v)  # every view value is one the URL accepts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_answers_state_no_unbacked_numbers(lang):
    """As in the lessons (tests/test_lesson_truth.py): the model's sizes come from placeholders, never typed."""
    for c in CARDS:
        for text in (c.text[lang]["a"], c.note[lang], *(ch[lang] for ch in (c.mistake.choices if c.mistake else ())),
                     c.mistake.fix[lang] if c.mistake else ""):
            stray = set(literal_numbers(text)) - PAPER - STRUCTURAL - YEARS - ALLOWED.get(c.id, set())
            assert not stray, f"{c.id} {lang} states {sorted(stray)}: use a placeholder"
            assert not (ZH_WORDS if lang == "zh" else WORDS).findall(text), c.id
            prose = lesson_numbers.FORMULA.sub(" ", text)
            assert set(lesson_numbers.PLACEHOLDER.findall(prose)) <= lesson_numbers.NAMES, c.id


def test_both_languages_use_the_same_placeholders():
    for c in CARDS:
        en, zh = (set(lesson_numbers.PLACEHOLDER.findall(lesson_numbers.FORMULA.sub(" ", c.text[x]["a"])))
                  & lesson_numbers.NAMES for x in ("en", "zh"))
        assert en == zh, c.id


def test_answers_fill_the_models_sizes_from_its_configuration():
    vals = lesson_numbers.values({"transformer": {"config": {"d_model": 96, "n_heads": 3, "d_ff": 384, "n_layers": 5}}})
    text = ic.answer(ic.by_id()["p1-06"], "en", vals)
    assert "96 / 3 = 32" in text and "{" not in lesson_numbers.FORMULA.sub("", text)
    assert "$d_k = d_{model}/h$" in text  # formulas are left alone


def test_facts_the_answers_rely_on_match_the_code():
    from tutorial_model.config import ModelConfig
    from tutorial_model.layers import AddNorm

    cfg = ModelConfig(10, 10)
    assert not cfg.norm_first  # "post-norm, as in the paper and in this model"
    assert "LayerNorm(x + Dropout(Sublayer(x)))" in AddNorm.__doc__
    assert cfg.d_model // cfg.n_heads == cfg.d_head
    import inspect

    from tutorial_model import attention

    assert 'float("-inf")' in inspect.getsource(attention)  # masked scores are −∞, not a large negative number


# ---- read-offs on a real trace ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def trace():
    from tutorial_model.checkpoint import CHECKPOINT_DIR, paths
    from tutorial_model.translator import Translator

    if not paths("transformer", CHECKPOINT_DIR)[0].exists():
        pytest.skip("needs the shipped checkpoint")
    return Translator.load(CHECKPOINT_DIR).run_with_trace("他们有两只黑色的狗")


@pytest.mark.parametrize("kind", ic.READOFFS)
def test_every_read_off_has_one_right_option_computed_from_the_trace(trace, kind):
    for lang in ("en", "zh"):
        r = ic.readoff(kind, trace, lang)
        assert r is not None and 2 <= len(r.options) == len(set(r.options)) and 0 <= r.answer < len(r.options)
        assert "interview.readoff" not in r.prompt + r.why, kind  # every string found in the catalogue
    assert {c.readoff for c in CARDS if c.readoff} <= set(ic.READOFFS)


def test_read_offs_say_what_the_trace_says(trace):
    import numpy as np

    r = ic.readoff("argmax_enc", trace, "en")
    assert r.answer == int(np.argmax(trace["encoder.layers.0.self_attn.hook_pattern"][0, 0]))
    r = ic.readoff("causal", trace, "en")
    assert trace["decoder.layers.0.self_attn.hook_pattern"][0, 0, 1] == 0 and r.answer == 0
    r = ic.readoff("d_k", trace, "en")
    assert r.options[r.answer] == str(trace["encoder.layers.0.self_attn.hook_q"].shape[-1])
    r = ic.readoff("symmetric", trace, "en", escape=lambda s: f"[{s}]")
    assert "[" + trace.src_tokens[0] + "]" in r.prompt  # learner tokens pass through the page's escape


# ---- scheduling on a fake clock -----------------------------------------------------------------------------

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_a_new_card_is_not_due_until_rated_and_good_pushes_it_later_than_again():
    rec = sched.empty()
    assert sched.new(rec, IDS) == IDS and sched.due_today(rec, IDS, T0) == []
    rec = sched.review(rec, "p1-04", "again", T0)
    rec = sched.review(rec, "p1-05", "good", T0)
    rec = sched.review(rec, "p1-06", "easy", T0)
    again, good, easy = (sched.due(rec, c) for c in ("p1-04", "p1-05", "p1-06"))
    assert T0 < again < good < easy
    assert sched.due_today(rec, IDS, T0 + timedelta(minutes=30)) == ["p1-04", "p1-05"]  # easy: days away
    assert "p1-04" not in sched.new(rec, IDS) and len(sched.new(rec, IDS)) == 35


def test_reviews_space_out_and_again_brings_the_card_back_today():
    rec, now = sched.empty(), T0
    gaps = []
    for _ in range(5):
        rec = sched.review(rec, "p2-17", "good", now)
        gaps.append(sched.due(rec, "p2-17") - now)
        now = sched.due(rec, "p2-17")
    assert gaps[-1] > gaps[2] > timedelta(days=1)  # a card known again and again comes back ever later
    rec = sched.review(rec, "p2-17", "again", now)
    assert sched.due(rec, "p2-17") - now < timedelta(hours=1)
    assert sched.due_today(rec, IDS, now) == ["p2-17"]  # later today is still today


def test_due_today_ends_at_the_learners_midnight():
    rec = sched.review(sched.empty(), "p1-01", "easy", T0)
    due = sched.due(rec, "p1-01")
    day_before = due - timedelta(hours=1)
    assert sched.due_today(rec, IDS, day_before) == ["p1-01"] or due.date() != day_before.date()
    shanghai = ZoneInfo("Asia/Shanghai")
    assert sched.end_of_day(datetime(2025, 3, 1, 17, tzinfo=UTC), shanghai) == datetime(2025, 3, 2, 16, tzinfo=UTC)
    assert sched.end_of_day(datetime(2025, 3, 1, 15, tzinfo=UTC), shanghai) == datetime(2025, 3, 1, 16, tzinfo=UTC)


def test_the_same_ratings_give_the_same_dates():
    a = sched.review(sched.review(sched.empty(), "p1-02", "hard", T0), "p1-02", "good", T0 + timedelta(hours=1))
    b = sched.review(sched.review(sched.empty(), "p1-02", "hard", T0), "p1-02", "good", T0 + timedelta(hours=1))
    assert a == b


def test_mock_interview_takes_due_cards_first_then_new_ones():
    rec = sched.empty()
    for cid in ("p2-03", "p1-09"):
        rec = sched.review(rec, cid, "again", T0)
    rec = sched.review(rec, "p1-01", "easy", T0)  # not due for days
    pick = sched.mock_pick(rec, IDS, T0 + timedelta(minutes=20))
    assert pick == ["p2-03", "p1-09", "p1-02", "p1-03", "p1-04"] or pick[:2] == ["p1-09", "p2-03"]
    assert len(pick) == sched.MOCK_SIZE and "p1-01" not in pick
    everything = sched.empty()
    for cid in IDS:
        everything = sched.review(everything, cid, "easy", T0)
    assert len(sched.mock_pick(everything, IDS, T0)) == sched.MOCK_SIZE  # nothing due, nothing new: soonest later
    assert sched.seconds_left(100.0, 40.4) == 60 and sched.seconds_left(100.0, 140.0) == 0


def test_a_record_from_the_browser_is_validated():
    rec = sched.set_answer(sched.review(sched.empty(), "p1-04", "good", T0), "p1-04", "var = d_k")
    assert sched.clean(json.loads(json.dumps(rec)), set(IDS)) == rec  # survives the trip through JSON
    bad = {"v": 1, "cards": {"p9-99": rec["cards"]["p1-04"], "p1-05": {"due": "never"}},
           "answers": {"p1-04": "x" * 10_000, "zz": "y", "p1-06": 3}}
    cleaned = sched.clean(bad, set(IDS))
    assert cleaned["cards"] == {} and list(cleaned["answers"]) == ["p1-04"]
    assert len(cleaned["answers"]["p1-04"]) == sched.MAX_ANSWER
    for junk in (None, [], "text", {"cards": []}):
        assert sched.clean(junk, set(IDS)) == sched.empty()


# ---- Anki export --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_anki_export_parses_back(lang):
    text = ic.export_tsv(lang, "http://localhost:8501/")
    assert text.startswith("#separator:tab\n")
    rows = ic.parse_tsv(text)
    assert len(rows) == 38 and all(len(r) == 4 for r in rows)
    by = ic.by_id()
    for row, card in zip(rows, CARDS):
        front, back, tags, link = row
        assert front.endswith(ic.question(card, lang)) and "\t" not in front
        assert back.startswith(ic.anki_math(ic.answer(card, lang))[:20])
        assert "$" not in back  # formulas in Anki's \( \) and \[ \]
        assert f"part{card.part}" in tags.split()
        assert (link != "") == (by[card.id].live is not None)
        if link:
            assert link.startswith(f"http://localhost:8501/{card.live.slug}?lang={lang}&sec={card.live.sec}")
    assert ic.anki_math("a $x^2$ and $$y$$") == "a \\(x^2\\) and \\[y\\]"


def test_every_tag_is_named_in_both_languages():
    """A card's tags are shown in the interface's language (the zh page said '标签：multi-head, attention')."""
    from ui.i18n import catalogue

    tags = {tag for card in ic.cards() for tag in card.tags}
    assert len(tags) > 20
    for lang in ("en", "zh"):
        names = catalogue(lang)
        assert all(f"interview.tag.{tag}" in names for tag in tags), lang
    zh = catalogue("zh")
    assert sum(zh[f"interview.tag.{tag}"] != tag for tag in tags) > len(tags) // 2  # mostly Chinese words
