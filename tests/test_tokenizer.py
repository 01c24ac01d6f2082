"""Tokenizer: round trips, and every kind of junk input raises only the documented InputError.

The finer points of normalisation (punctuation, sentences, traditional characters, control characters)
are in test_input_normalisation.py.
"""

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tutorial_model.tokenizer import (
    BIDI_CONTROLS,
    COMMA,
    MAX_SENTENCES,
    MAX_SRC_CHARS,
    SPECIALS,
    UNK_ID,
    InputError,
    Normalized,
    SourceEncoding,
    Tokenizer,
    Vocab,
    detokenize_en,
    normalize_input,
    normalize_zh,
)


@pytest.fixture(scope="module")
def tok() -> Tokenizer:
    return Tokenizer(Vocab(list("我有一只猫是个学生")), Vocab("I have a cat am student ?".split()))


def test_specials_come_first_and_ids_are_stable():
    v = Vocab.build([["b", "a", "b"], ["c"]])
    assert v.itos[:4] == list(SPECIALS)
    assert v.itos[4:] == ["b", "a", "c"]  # by frequency, then alphabetically
    assert Vocab.build([["b", "a", "b"], ["c"]]).stoi == v.stoi


def test_source_round_trip(tok):
    enc = tok.encode_source("我有一只猫")
    assert enc.tokens == tuple("我有一只猫") and enc.unknown == ()
    assert "".join(tok.src.itos[i] for i in enc.ids) == "我有一只猫"


def test_target_round_trip(tok):
    ids = tok.encode_target("I have a cat")
    assert ids[0] == 1 and ids[-1] == 2
    assert tok.decode_target(ids) == ["I", "have", "a", "cat"]
    assert detokenize_en(tok.decode_target(ids)) == "I have a cat"
    assert detokenize_en(["am", "I", "a", "student", "?"]) == "Am I a student?"
    assert detokenize_en(["hello", ",", "my", "name", "is", "Xiaoming"]) == "Hello, my name is Xiaoming"


def test_punctuation_and_spaces_are_dropped(tok):
    assert tok.encode_source(" 我有一只猫。 ").text == "我有一只猫"
    assert normalize_zh("我，有\u200b一只猫！") == "我有一只猫"


def test_unknown_characters_become_unk_and_are_listed(tok):
    enc = tok.encode_source("我有一只狗🐱狗")
    assert enc.unknown == ("狗", "🐱")
    assert [i == UNK_ID for i in enc.ids] == [False] * 4 + [True] * 3


@pytest.mark.parametrize("text, code", [
    ("", "empty"), ("   \n\t", "empty"), ("。！？", "empty"), (None, "empty"),
    ("I have a cat", "not_chinese"), ("🐱🐶", "not_chinese"), ("12345", "not_chinese"),
    ("<b>我有一只猫</b>", "markup"), ("<script>alert(1)</script>猫", "markup"), ("**我有**", "markup"),
    ("[猫](http://x)", "markup"), ("我" * (MAX_SRC_CHARS + 1), "too_long"), ("猫" * 100_000, "too_long"),
    ("\x00\x1b[31m\u202e\r\n", "empty"), ("＜ｂ＞我＜／ｂ＞", "markup"), ("我有一只猫。I have a cat.", "not_chinese"),
    ("我。" * (MAX_SENTENCES + 1), "too_many_sentences"), ("我有一只猫。他们有两只狗", "several_sentences"),
])
def test_bad_input_has_a_code(tok, text, code):
    with pytest.raises(InputError) as e:
        tok.encode_source(text)
    assert e.value.code == code and str(e.value)


def test_longest_allowed_sentence_passes(tok):
    assert len(tok.encode_source("我" * MAX_SRC_CHARS).ids) == MAX_SRC_CHARS


junk = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.text(alphabet="我有一只猫<>/*#[]()`\\ \x00\x1b\u200b\ufeff😀🐱\n\t。，", max_size=80),
    st.binary(max_size=50).map(lambda b: b.decode("latin-1")),
    # what learners and links bring: punctuation of both widths, traditional characters, escapes, bidi controls
    st.text(alphabet="我有一隻貓谢謝你好吗嗎，,、。.！!？?；;：:“”‘’\"'《》（）()…⋯—　 ３Ａ\x1b[31m\u202e\u2066\u200e"
                     "\x07\x00\r\n\t\x7f\x85\x9b\ud800", max_size=80),
)

# What no accepted sentence may hold: controls, bidi and format characters, surrogates, spaces, punctuation
# other than the comma token (the sentence-ending, dropped and comma forms after NFKC).
FORBIDDEN_IN_SENTENCE = set("。!?;⋯,、\"'“”‘’《》()[]:·—") | set(BIDI_CONTROLS)
DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")  # the one "." a sentence keeps: 3.5


def _clean_char(ch: str) -> bool:
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs") and ch not in BIDI_CONTROLS


@settings(max_examples=400, deadline=None)
@given(junk)
def test_junk_input_raises_only_input_error(tok, text):
    try:
        enc = tok.encode_source(text)
    except InputError as e:
        assert e.code in InputError.CODES
        return
    assert isinstance(enc, SourceEncoding)
    assert 0 < len(enc.ids) <= MAX_SRC_CHARS and "".join(enc.tokens) == enc.text
    assert set(enc.unknown) == {t for t, i in zip(enc.tokens, enc.ids) if i == UNK_ID}
    assert all(_clean_char(ch) for ch in enc.text)


@settings(max_examples=400, deadline=None)
@given(junk)
@example("A¯⼀")  # a dropped space left A beside a combining macron: normalising again composed them
@example("⼀*-*")  # dropping "-" made "**", which normalising again took for Markdown
def test_junk_normalizes_to_clean_sentences_or_raises_only_input_error(text):
    try:
        norm = normalize_input(text)
    except InputError as e:
        assert e.code in InputError.CODES and str(e)
        return
    assert isinstance(norm, Normalized)
    assert all(_clean_char(ch) for ch in norm.text)  # what state and the URL may keep
    assert 1 <= len(norm.sentences) <= MAX_SENTENCES
    for s in norm.sentences:
        assert 0 < len(s.text) <= MAX_SRC_CHARS
        assert all(_clean_char(ch) and not ch.isspace() and ch not in FORBIDDEN_IN_SENTENCE for ch in s.text)
        assert not s.text.startswith(COMMA) and not s.text.endswith(COMMA) and COMMA * 2 not in s.text
        assert "." not in DECIMAL_POINT.sub("", s.text)
    # normalising is idempotent: the sentences, written out again with their marks, give themselves back
    again = normalize_input("".join(s.text + ("？" if s.question else "。") for s in norm.sentences))
    assert again.sentences == norm.sentences and again.converted == () and again.removed_controls == ()
