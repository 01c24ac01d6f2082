"""Input as learners type it (issue 8): punctuation of both widths, several sentences, traditional
characters, full-width letters, and control / bidi characters — in the tokenizer, the Translator, and
through the app's two doors (the sentence box and the URL's ``s=``).

Page tests use sentences the shipped model knows and never assert a translation's words: they compare
the app against the Translator run independently on the same checkpoint.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from tutorial_model.checkpoint import CHECKPOINT_DIR, paths
from tutorial_model.tokenizer import (
    BIDI_CONTROLS,
    COMMA,
    MAX_SRC_CHARS,
    InputError,
    Sentence,
    Tokenizer,
    Vocab,
    join_translations,
    normalize_input,
    remove_controls,
    to_simplified,
)
from ui import toc

ISSUE_EXAMPLE = "我\x00有\x07一\x1b[31m只\u202e猫\r\n\t"


def texts(norm) -> list[str]:
    return [s.text for s in norm.sentences]


# ---- control and bidi characters ------------------------------------------------------------------------

def test_the_issue_example_is_cleaned_and_what_went_is_reported():
    norm = normalize_input(ISSUE_EXAMPLE)
    assert texts(norm) == ["我有一只猫"] and norm.text == "我有一只猫"
    assert norm.removed_controls == ("\x1b[31m", "\x00", "\x07", "\u202e", "\r", "\n", "\t")  # the escape whole


CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)] + sorted(BIDI_CONTROLS)


@pytest.mark.parametrize("ch", CONTROLS, ids=lambda ch: f"U+{ord(ch):04X}")
def test_every_control_and_bidi_character_is_removed_and_reported(ch):
    norm = normalize_input(f"我有{ch}一只猫")
    assert texts(norm) == ["我有一只猫"] and norm.removed_controls == (ch,) and ch not in norm.text


@pytest.mark.parametrize("seq", ["\x1b[0m", "\x1b[1;31m", "\x1b[2J", "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\",
                                 "\x1b(B", "\x1bc", "\x9b31m"])
def test_escape_sequences_go_whole(seq):
    clean, removed = remove_controls(f"我有{seq}一只猫")
    assert clean == "我有一只猫" and removed == (seq,)


def test_zero_width_characters_go_without_a_report():
    norm = normalize_input("我\u200b有\u200c一\u200d只\u2060猫\ufeff")
    assert texts(norm) == ["我有一只猫"] and norm.removed_controls == ()


def test_an_unterminated_escape_does_not_eat_the_text():
    assert remove_controls("\x1b]我有一只猫")[0] == "我有一只猫"  # ESC ] goes, the sentence stays


# ---- full-width forms and punctuation ----------------------------------------------------------------------

def test_full_width_letters_digits_and_ideographic_space_fold():
    assert texts(normalize_input("我有２只ｃａｔ　猫")) == ["我有2只cat猫"]
    assert texts(normalize_input("ＡＢＣ　我")) == ["ABC我"]


@pytest.mark.parametrize("full, half", [
    ("你好，我叫小明。", "你好,我叫小明."),
    ("谢谢你！不客气。", "谢谢你!不客气."),
    ("你叫什么名字？", "你叫什么名字?"),
    ("我有一只猫；他们有两只狗。", "我有一只猫;他们有两只狗."),
    ("（我）有：“一只”猫", "(我)有:\"一只\"猫"),
])
def test_full_and_half_width_punctuation_give_the_same_sentences(full, half):
    assert normalize_input(full).sentences == normalize_input(half).sentences


@pytest.mark.parametrize("text, expected", [
    ("谢谢你！不客气。", [("谢谢你", False), ("不客气", False)]),
    ("你好吗？我很好。", [("你好吗", True), ("我很好", False)]),
    ("你好，我叫小明", [("你好，我叫小明", False)]),  # the comma is a token inside a sentence
    ("苹果、香蕉和茶", [("苹果，香蕉和茶", False)]),  # the enumeration comma becomes the same token
    ("，，你好，，，我好，", [("你好，我好", False)]),  # one per run, none at either end
    ("你好吗？！真的吗……", [("你好吗", True), ("真的吗", False)]),  # a run of marks ends one sentence
    ("他说：“你好。”", [("他说你好", False)]),  # quotes and colon dropped; the 。 inside the quote ends it
    ("《红楼梦》很好看⋯⋯", [("红楼梦很好看", False)]),
    ("我有3.5块钱。", [("我有3.5块钱", False)]),  # a decimal point does not end a sentence
    ("。你好。。。", [("你好", False)]),  # empty sentences vanish
])
def test_punctuation_splits_sentences_and_keeps_the_comma_token(text, expected):
    assert [(s.text, s.question) for s in normalize_input(text).sentences] == expected


def test_each_sentence_has_its_own_length_limit():
    long = "我" * MAX_SRC_CHARS
    assert len(normalize_input(f"{long}。{long}").sentences) == 2
    with pytest.raises(InputError) as e:
        normalize_input(f"{long}我。你好")
    assert e.value.code == "too_long" and e.value.detail["length"] == MAX_SRC_CHARS + 1


def test_a_sentence_without_chinese_is_refused_with_its_code():
    with pytest.raises(InputError) as e:
        normalize_input("你好！OK。")
    assert e.value.code == "not_chinese" and e.value.detail["text"] == "OK"


# ---- traditional characters ----------------------------------------------------------------------------

def test_traditional_characters_are_converted_and_listed():
    norm = normalize_input("我有一隻貓")
    assert texts(norm) == ["我有一只猫"] and norm.converted == (("隻", "只"), ("貓", "猫"))
    assert norm.text == "我有一隻貓"  # what state keeps is the text as typed (controls aside)


def test_conversion_is_phrase_aware_and_leaves_simplified_text_alone():
    assert texts(normalize_input("頭髮很乾淨")) == ["头发很干净"]
    assert normalize_input("乾隆").converted == ()  # a name: OpenCC's phrase table keeps 乾 here
    simplified = "我有一只猫。他们有两只黑色的狗。你叫什么名字？"
    assert normalize_input(simplified).converted == ()


def test_listed_conversions_rebuild_the_converted_text():
    """Independent recomputation: replacing each listed character in the typed text gives OpenCC's output."""
    typed = "謝謝你！對不起，我們沒關係。請問這個問題"
    converted, pairs = to_simplified(typed)
    table = dict(pairs)
    assert "".join(table.get(ch, ch) for ch in typed) == converted
    assert all(a != b for a, b in pairs) and len(pairs) == len(set(pairs))


# ---- the tokenizer and translator over several sentences ------------------------------------------------

@pytest.fixture(scope="module")
def tok() -> Tokenizer:
    return Tokenizer(Vocab(list("我有一只猫他们两狗你好")), Vocab("I have a cat they two dogs ?".split()))


def test_encode_source_takes_one_sentence_and_encode_sentences_several(tok):
    with pytest.raises(InputError) as e:
        tok.encode_source("我有一只猫。他们有两只狗。")
    assert e.value.code == "several_sentences" and e.value.detail["n"] == 2
    norm, encs = tok.encode_sentences("我有一只猫。他们有两只狗？")
    assert [e.text for e in encs] == ["我有一只猫", "他们有两只狗"] and [e.question for e in encs] == [False, True]
    assert tok.encode_source("我有一隻貓！").tokens == tuple("我有一只猫")


def test_the_comma_is_a_token_only_for_a_model_that_learned_it(tok):
    without = tok.encode_source("你好，我有一只猫")
    assert COMMA not in tok.src and without.tokens == tuple("你好我有一只猫") and without.unknown == ()
    with_comma = Tokenizer(Vocab([*"你好我有一只猫", COMMA]), tok.tgt)
    assert with_comma.encode_source("你好，我有一只猫").tokens == ("你", "好", COMMA, *"我有一只猫")


def test_join_translations():
    assert join_translations(["I have a cat"]) == "I have a cat"  # one sentence: as the model wrote it
    assert join_translations(["Thank you", "you are welcome"]) == "Thank you. You are welcome."
    assert join_translations(["Do you have a cat?", "I have a cat"]) == "Do you have a cat? I have a cat."
    assert join_translations(["", "I have a cat", " "]) == "I have a cat" and join_translations([]) == ""


def _checkpoint_dir() -> Path | None:
    for d in (os.environ.get("TL_CHECKPOINT_DIR"), str(CHECKPOINT_DIR)):
        if d and paths("transformer", Path(d))[0].exists():
            return Path(d)
    return None


@pytest.fixture(scope="module")
def translator():
    directory = _checkpoint_dir()
    if directory is None:
        pytest.skip("no trained checkpoint")
    from tutorial_model.translator import Translator

    return Translator.load(directory)


TWO = "我有一只猫。他们有两只黑色的狗。"


def test_translate_joins_the_sentences_translated_one_by_one(translator):
    one, two = translator.translate("我有一只猫"), translator.translate("他们有两只黑色的狗")
    assert translator.translate_sentences(TWO) == [one, two]
    assert translator.translate(TWO) == join_translations([one, two])
    assert translator.translate("我有一隻貓！") == translator.translate("我有一只猫")


def test_run_with_trace_traces_the_chosen_sentence(translator):
    trace = translator.run_with_trace(TWO, sentence_index=1)
    alone = translator.run_with_trace("他们有两只黑色的狗")
    assert trace.src_tokens == alone.src_tokens and trace.out_tokens == alone.out_tokens
    assert trace.meta["sentence_index"] == 1 and trace.meta["n_sentences"] == 2
    with pytest.raises(IndexError):
        translator.run_with_trace(TWO, sentence_index=2)


# ---- the app: the box, the URL, every page ------------------------------------------------------------------

def _unclean(value: object) -> bool:
    """True when a string anywhere in value holds a control, bidi or format character."""
    if isinstance(value, str):
        return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") or ch in BIDI_CONTROLS for ch in value)
    if isinstance(value, (list, tuple, set)):
        return any(_unclean(v) for v in value)
    if isinstance(value, dict):
        return any(_unclean(k) or _unclean(v) for k, v in value.items())
    return False


@pytest.fixture
def app_env(monkeypatch):
    import streamlit as st

    from ui.loaders import ENV_CHECKPOINT

    directory = _checkpoint_dir()
    if directory is None:
        pytest.skip("no trained checkpoint")
    monkeypatch.setenv(ENV_CHECKPOINT, str(directory))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield directory
    st.cache_data.clear()


def new_app(**query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at


def assert_clean_state(at, where: str) -> None:
    assert not at.exception, f"{where}: {[e.value for e in at.exception]}"
    ctx = at.session_state["_tl_context"]
    for key, value in at.session_state.items():
        assert not _unclean(value), f"{where}: session state {key!r} = {value!r}"
    assert not _unclean(dict(at.query_params)), f"{where}: URL {dict(at.query_params)!r}"
    assert not _unclean([ctx.text, ctx.sentence, ctx.trace.src_tokens, ctx.trace.meta["text"]]), where
    for chart in at.get("plotly_chart"):
        assert not _unclean(chart.proto.spec), f"{where}: a figure"


DIRTY = "他们\x00有两只\u202e黑色的\x1b[31m狗\r\n"  # 5 pieces: NUL, RLO, one escape sequence, CR, LF
CLEAN = "他们有两只黑色的狗"


@pytest.mark.slow
def test_control_characters_in_the_url_never_reach_state_url_or_figures(app_env):
    at = new_app(s=DIRTY)
    at.switch_page(toc.page_file("self_attention")).run()
    assert_clean_state(at, "url")
    assert at.session_state["tl_s"] == CLEAN and at.query_params["s"] == CLEAN
    assert any("5 invisible control" in c.value for c in at.sidebar.caption)
    assert not at.error


@pytest.mark.slow
def test_control_characters_typed_in_the_box_are_removed_and_reported(app_env):
    at = new_app()
    at.run()
    at.sidebar.text_input[0].set_value(DIRTY).run()
    assert_clean_state(at, "box")
    assert at.session_state["tl_s"] == CLEAN and at.sidebar.text_input[0].value == CLEAN
    assert any("5 invisible control" in c.value for c in at.sidebar.caption)
    at.sidebar.text_input[0].set_value("我有一只猫").run()  # the next clean text clears the note
    assert not any("invisible control" in c.value for c in at.sidebar.caption)


@pytest.mark.slow
@pytest.mark.parametrize("lang, words", [("en", "Traditional characters"), ("zh", "繁体字")])
def test_the_page_says_what_was_converted(app_env, lang, words):
    at = new_app(lang=lang, s="我有一隻貓")
    at.switch_page(toc.page_file("self_attention")).run()
    assert_clean_state(at, "traditional")
    note = " ".join(c.value for c in at.sidebar.caption)
    assert words in note and "隻 → 只" in note and "貓 → 猫" in note
    assert at.session_state["_tl_context"].sentence == "我有一只猫"
    spec = next(c for c in at.get("plotly_chart") if "hook_pattern" in c.proto.spec)
    assert "隻" not in spec.proto.spec and "貓" not in spec.proto.spec


@pytest.mark.slow
def test_two_sentences_translate_as_two_and_the_pages_trace_the_chosen_one(app_env):
    from tutorial_model.translator import Translator

    at = new_app()
    at.run()
    at.sidebar.text_input[0].set_value(TWO).run()
    assert_clean_state(at, "two")
    expected = Translator.load(app_env).translate(TWO)  # the same checkpoint, run here on its own
    assert at.sidebar.markdown[0].value.replace("\\", "") == f"#### {expected}"
    pick = at.sidebar.selectbox(key="_w.sentence_index")
    assert pick.options == ["1. 我有一只猫", f"2. {CLEAN}"]
    pick.set_value(1).run()
    at.switch_page(toc.page_file("self_attention")).run()
    assert_clean_state(at, "second sentence")
    assert at.session_state["tl_si"] == 1 and at.query_params["si"] == "1"
    assert at.session_state["_tl_context"].trace.src_tokens == list(CLEAN)
    shared = new_app(s=TWO, si="1")  # the link opens the same sentence
    shared.run()
    assert shared.session_state["_tl_context"].sentence == CLEAN
    at.sidebar.text_input[0].set_value("我有一只猫").run()  # a new text starts at its first sentence
    assert at.session_state["tl_si"] == 0 and "si" not in at.query_params


@pytest.mark.slow
@pytest.mark.parametrize("text, si", [("你好，我有一只猫。", "0"), ("我有一隻貓", "0"), (TWO, "1")])
def test_every_page_renders_for_punctuated_traditional_and_two_sentence_text(app_env, text, si):
    from ui.toc import LESSONS

    at = new_app(s=text, si=si)
    at.run()
    assert at.session_state["tl_s"] == text and not at.error
    traced = normalize_input(text).sentences[int(si)].text
    for n, lesson in enumerate(LESSONS, start=1):
        at.switch_page(lesson.file).run()
        assert not at.exception, f"{lesson.slug} / {text}: {[e.value for e in at.exception]}"
        assert at.title[0].value.startswith(f"{n}."), lesson.slug  # the page itself ran
        ctx = at.session_state["_tl_context"]
        assert ctx.input_error is None and ctx.sentence == traced, f"{lesson.slug} / {text}"


def test_sentence_is_a_plain_value():
    """Sentence and Normalized hold only strings and tuples: they pickle into worker processes."""
    import pickle

    norm = normalize_input("謝謝你！不客氣。")
    assert pickle.loads(pickle.dumps(norm)) == norm and isinstance(norm.sentences[0], Sentence)
