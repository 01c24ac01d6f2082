"""English glosses from the training lexicon (tutorial_model/gloss.py) and the characters the tokenizer leaves out
of a typed text (tokenizer.left_out): each checked against the corpus tables and the normaliser, looked up here."""

from __future__ import annotations

import unicodedata

import pytest

from tutorial_model import gloss
from tutorial_model.corpus.everyday.lexicon import CITIES, COUNTRIES, NAME
from tutorial_model.corpus.everyday.phrases import SET_PHRASES
from tutorial_model.corpus.lexicon import ADJ, NOUNS, PRONOUN
from tutorial_model.tokenizer import COMMA, is_cjk, left_out, normalize_input


def test_every_noun_adjective_name_city_and_country_glosses_as_its_table_says():
    for n in NOUNS:
        assert n.en.replace("_", " ") in gloss.gloss(n.zh), n.zh
    for a in ADJ.values():
        assert a.en in gloss.gloss(a.zh), a.zh
    assert gloss.gloss("小明") == NAME["小明"].en == "Xiaoming"
    assert all(gloss.gloss(zh) == en for zh, en in CITIES.items())
    assert all(gloss.gloss(c.zh) == c.en for c in COUNTRIES)
    assert gloss.gloss("你好") == SET_PHRASES["你好"] == "hello"
    assert gloss.gloss("我") == f"{PRONOUN['我'].subj} / {PRONOUN['我'].obj}"


@pytest.mark.parametrize("unknown", ["龘", "叫", "，", "。", "<unk>", "", "a", "我我"])
def test_what_the_lexicon_does_not_list_has_no_gloss(unknown):
    assert gloss.gloss(unknown) is None


def test_a_sentence_is_read_as_the_longest_lexicon_words():
    tokens = list("你好，我叫小明")
    assert gloss.sentence_words(tokens) == [(0, 2, SET_PHRASES["你好"]), (3, 4, gloss.gloss("我")),
                                            (5, 7, NAME["小明"].en)]  # 你好 before 你; 叫 and ， are not words
    per = gloss.token_glosses(tokens)
    assert per[1] == ("你好", "hello") and per[2] is None and per[4] is None and per[6] == ("小明", "Xiaoming")
    assert gloss.sentence_words(["<bos>", "我", "<unk>"]) == [(1, 2, gloss.gloss("我"))]  # specials are no words


def tokens_of(text: str) -> list[str]:
    return [ch for s in normalize_input(text).sentences for ch in s.text]


@pytest.mark.parametrize("text, dropped", [
    ("你好，我叫小明。", ("。",)),
    ("“你好”！我（小明）说：3.5。", ("“", "”", "！", "（", "）", "：", "。")),
    ("你好,我叫小明", ()),  # "," becomes the comma token: nothing left out
    ("，你好，", ("，",)),  # a comma at either end separates nothing
    ("謝謝你！ 不客氣。", ("！", "。")),  # traditional characters become tokens; the space is no character to name
])
def test_the_characters_the_tokenizer_leaves_out_are_named(text, dropped):
    tokens = tokens_of(text)
    assert left_out(text, tokens) == dropped
    for ch in text:  # independently: every visible character is a token, stands for one, or is named
        if is_cjk(ch) or ch.isspace():
            continue
        folded = unicodedata.normalize("NFKC", ch)
        stands = ch in tokens or folded in tokens or (folded in ",、，" and COMMA in tokens)
        assert stands != (ch in dropped), ch
