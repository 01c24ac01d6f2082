"""Pinyin of the learner's sentence (tutorial_model/pinyin.py): one tone-marked reading per Chinese character of
every sidebar example, readings resolved by the whole sentence, nothing for tokens that are not characters."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypinyin import Style, pinyin

from tutorial_model.corpus import examples_by_topic
from tutorial_model.pinyin import has_chinese, sentence_pinyin
from tutorial_model.tokenizer import UNK, is_cjk, normalize_input, zh_tokens

TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}  # macron, acute, caron, grave (on a vowel)
SYLLABLE = re.compile(r"^[a-zü]+$")  # what is left once the tone mark is taken off


def tone_of(reading: str) -> int:
    """The tone a reading marks, read off its combining accents (0: none, the neutral tone); fails on anything
    that is not one pinyin syllable with at most one tone mark."""
    # ü is kept whole; its own diaeresis is not a tone mark
    parts = unicodedata.normalize("NFD", reading.replace("ü", "\0")).replace("\0", "ü")
    marks = [TONE_MARKS[c] for c in parts if c in TONE_MARKS]
    bare = "".join(c for c in parts if c not in TONE_MARKS)
    assert SYLLABLE.match(bare), f"{reading!r} is not a pinyin syllable"
    assert len(marks) <= 1, f"{reading!r} has {len(marks)} tone marks"
    return marks[0] if marks else 0


def sidebar_sentences() -> list[list[str]]:
    return [zh_tokens(s.text) for items in examples_by_topic(0).values() for zh, _ in items
            for s in normalize_input(zh).sentences]


def test_every_chinese_token_of_the_sidebar_examples_has_one_tone_marked_reading():
    sentences = sidebar_sentences()
    assert len(sentences) > 100  # the sidebar's topics, not an empty list
    for tokens in sentences:
        readings = sentence_pinyin(tokens)
        assert len(readings) == len(tokens)
        # pypinyin's numbered style (5 = neutral) on the same sentence: an independent rendering of each tone
        numbered = pinyin("".join(tokens), style=Style.TONE3, neutral_tone_with_five=True,
                          errors=lambda chars: ["-"] * len(chars))
        for tok, reading, (number,) in zip(tokens, readings, numbered):
            if is_cjk(tok):
                assert reading, f"no pinyin for {tok} in {''.join(tokens)}"
                assert tone_of(reading) == int(number[-1]) % 5, (tok, reading, number)
            else:
                assert reading == ""


@pytest.mark.parametrize("sentence, char, reading", [
    ("我吃了", "了", "le"), ("了解", "了", "liǎo"),  # aspect particle (neutral) against "understand"
    ("银行", "行", "háng"), ("不行", "行", "xíng"),  # "bank" against "won't do"
    ("得到", "得", "dé"),
    ("他们有两个孩子", "两", "liǎng"),
])
def test_polyphonic_characters_are_read_in_their_phrase(sentence, char, reading):
    assert sentence_pinyin(list(sentence))[sentence.index(char)] == reading


def test_de_after_a_verb_is_a_known_miss_of_the_dictionary():
    """跑得快's 得 is the toneless de, but no phrase of pypinyin's holds it, so it gets dé: the tokens page says
    that a reading can be wrong. If this fails, the library learnt it and the caption can be softened."""
    assert sentence_pinyin(list("跑得快"))[1] == "dé"


def test_tokens_that_are_not_chinese_characters_get_nothing_and_do_not_shift_the_rest():
    tokens = ["我", "，", UNK, "行", "ok", "银", "行"]
    assert sentence_pinyin(tokens) == ["wǒ", "", "", "xíng", "", "yín", "háng"]
    # a gap ends a phrase: 银 and 行 on either side of the comma are two words, not 银行
    assert sentence_pinyin(["银", "，", "行"])[2] != "háng"
    assert has_chinese(["<bos>", "我"]) and not has_chinese(["<bos>", "I", "，"])
