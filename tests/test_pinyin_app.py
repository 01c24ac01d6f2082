"""Pinyin in the app: under each character on the tokens page (both interface languages), and in the hover text of
heatmaps whose rows or columns are Chinese characters (ui/pinyin_hover.py). The expected readings come from
pypinyin called here directly, not through tutorial_model.pinyin."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest
from lesson_app import open_lesson
from pypinyin import Style, pinyin
from streamlit.testing.v1 import AppTest

from tutorial_model.checkpoint import CHECKPOINT_DIR
from tutorial_model.corpus.everyday.lexicon import NAME
from tutorial_model.corpus.everyday.phrases import SET_PHRASES
from tutorial_model.corpus.lexicon import FUNCTION_WORDS as _FUNCTION_WORDS
from tutorial_model.corpus.lexicon import PLACE, PRONOUN
from ui import figures, pinyin_hover

FUNCTION_WORDS = dict(_FUNCTION_WORDS)
SENTENCE = "这件衬衫太小了，能换一件大的吗"  # a sidebar example: 了, a comma (no reading), two rows of the table


def readings(text: str) -> list[str]:
    return [r[0] if "\u4e00" <= ch <= "\u9fff" else "" for ch, r in
            zip(text, pinyin(text, style=Style.TONE, errors=lambda chars: [""] * len(chars)))]


# ---- hover text (pure) --------------------------------------------------------------------------------

def _notes(values: list[str], labels: list[str]) -> list[str]:
    """What the hover adds after each label: the category value (%{x} / %{y}) is the label, then its note."""
    assert all(v.startswith(label) for v, label in zip(values, labels)), (values, labels)
    return [v[len(label):] for v, label in zip(values, labels)]


def test_a_heatmap_of_characters_names_each_reading_in_its_hover():
    rows, cols = list("我吃了"), ["I", "ate", "<eos>"]
    fig = figures.heatmap(np.eye(3), rows, cols, title="t", x_title="key", y_title="query")
    go.Figure(fig.to_dict())  # still a valid plotly figure once validated
    spec = fig.to_dict()
    trace, yaxis = spec["data"][0], spec["layout"]["yaxis"]
    assert "%{y}" in trace["hovertemplate"] and "customdata" not in trace  # one note a row, not one a cell
    assert list(yaxis["ticktext"]) == rows and list(yaxis["tickvals"]) == list(trace["y"])  # the tick: bare
    assert list(trace["x"]) == ["I", "ate", "&lt;eos&gt;"]  # English labels: no note
    notes = _notes(list(trace["y"]), rows)
    for note, reading, char in zip(notes, readings("我吃了"), "我吃了"):
        assert note.startswith(f" ({reading}")  # the reading first, then the lexicon's English for the character
        en = FUNCTION_WORDS.get(char) or (PRONOUN[char].subj if char in PRONOUN else None)
        assert en is None or f"“{en}" in note or f"{en} /" in note, (char, note)
    assert notes[2] == f" (le · “{FUNCTION_WORDS['了']}”)"


def test_a_character_of_a_longer_word_names_the_word_in_its_hover():
    trace = figures.heatmap(np.eye(3), list("小明好"), ["a", "b", "c"], title="t").to_dict()["data"][0]
    notes = _notes(list(trace["y"]), list("小明好"))
    assert notes[1] == f" (míng · 小明 “{NAME['小明'].en}”)"
    assert notes[2].startswith(" (hǎo")


def test_both_axes_chinese_name_their_readings_and_masked_cells_keep_them():
    rows = cols = list("银行")
    m = np.array([[0.5, -np.inf], [0.1, 0.2]])
    data = figures.heatmap(m, rows, cols, title="t").to_dict()["data"]
    assert len(data) == 2  # the values and the grey masked cells: both carry the readings
    bank = PLACE["银行"].at.split()[-1]  # the lexicon's place table: 银行 → "bank" (as in "at the bank")
    for trace in data:
        for axis in ("x", "y"):
            assert _notes(list(trace[axis]), rows) == [f" (yín · 银行 “{bank}”)", f" (háng · 银行 “{bank}”)"]
        assert "%{y}" in trace["hovertemplate"] and "%{x}" in trace["hovertemplate"]


def test_every_map_of_a_grid_of_attention_maps_carries_the_readings():
    mats = [[np.eye(2), np.eye(2)]]
    spec = figures.small_multiples(mats, list("不行"), list("不行"), grid_rows=["layer 0"], grid_cols=["h0", "h1"],
                                   title="t").to_dict()
    for n, trace in enumerate(spec["data"], start=1):
        # 行 (no word of the lexicon), 不 ("not"; 不行 is no word of it either)
        assert _notes(list(trace["y"]), list("不行")) == [f" (bù · “{FUNCTION_WORDS['不']}”)", " (xíng)"]
        sfx = "" if n == 1 else str(n)
        assert list(spec["layout"][f"xaxis{sfx}"]["tickvals"]) == list(trace["x"])
        assert list(spec["layout"][f"xaxis{sfx}"]["ticktext"]) == list("不行")


def test_figures_without_chinese_or_too_many_labels_are_left_alone():
    plain = figures.heatmap(np.eye(2), ["a", "b"], ["c", "d"], title="t").to_dict()["data"][0]
    assert list(plain["x"]) == ["c", "d"] and list(plain["y"]) == ["a", "b"]
    many = [f"我{i}" for i in range(pinyin_hover.MAX_LABELS + 1)]
    assert pinyin_hover.axis_values(many, many) == many
    assert pinyin_hover.bare("我 (wǒ · “I / me”)") == "我" and pinyin_hover.bare("&lt;bos&gt;") == "&lt;bos&gt;"


# ---- the tokens page ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def checkpoint_dir() -> str:  # conftest's app_env: the shipped model
    return str(CHECKPOINT_DIR)


def pinyin_table(at: AppTest) -> tuple[list[str], list[str]]:
    """The page's two-row tables, joined: the characters (headers) and the readings under them."""
    for m in at.markdown:
        blocks = [b.splitlines() for b in m.value.split("\n\n")]
        if blocks and all(len(b) == 3 and set(b[1]) <= set("|:-") for b in blocks):
            chars, under = [], []
            for b in blocks:
                assert len(b[1].split("|")) - 2 == len(b[0].strip("| ").split(" | "))  # one column per character
                chars += [c.strip().replace("\\", "") for c in b[0].strip("| ").split(" | ")]
                under += [c.strip() for c in b[2].strip("| ").split(" | ")]
            return chars, under
    raise AssertionError("no pinyin table on the page")


@pytest.mark.slow
@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize("lang, note", [("en", "pypinyin"), ("zh", "拼音")])
def test_tokens_page_shows_pinyin_under_every_character(lang, note):
    at = open_lesson("tokens", lang=lang, s=SENTENCE)
    chars, under = pinyin_table(at)
    assert chars == list(SENTENCE)
    assert under == readings(SENTENCE)
    assert under[SENTENCE.index("了")] == "le" and under[SENTENCE.index("，")] == ""
    assert any(note in c.value for c in at.caption)
    # the embedding heatmaps: a row per character, its reading in the hover
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    hovered = [tr for s in specs for tr in s["data"] if tr.get("type") == "heatmap"
               and [pinyin_hover.bare(y).replace("\u200b", "") for y in tr.get("y") or []] == list(SENTENCE)]
    assert hovered, "no heatmap has a row per character"
    for tr in hovered:
        notes = [y[len(pinyin_hover.bare(y)):] for y in tr["y"]]
        for note, r in zip(notes, readings(SENTENCE)):
            assert note.startswith(f" ({r}") if r else note == ""


@pytest.mark.slow
@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize("lang, left_word, gloss_word", [("en", "left out", "lexicon"), ("zh", "略去", "词库")])
def test_tokens_page_names_the_dropped_full_stop_and_the_lexicon_english(lang, left_word, gloss_word):
    """你好，我叫小明。: the 。 is named as left out (the vocabulary has no token for it), and the English the training
    lexicon gives 你好 and 小明 stands under the table, in both interface languages."""
    at = open_lesson("tokens", lang=lang, s="你好，我叫小明。")
    captions = [c.value for c in at.caption]
    left = [c for c in captions if left_word in c]
    assert len(left) == 1 and "。" in left[0] and "小明" not in left[0]
    glossed = [c for c in captions if gloss_word in c and "Xiaoming" in c]
    assert len(glossed) == 1
    assert f"你好 “{SET_PHRASES['你好']}”" in glossed[0] and f"小明 “{NAME['小明'].en}”" in glossed[0]
    assert "叫 “" not in glossed[0]  # no word of the lexicon: no gloss


# ---- word by word, for a learner who reads no Chinese -------------------------------------------------

def test_word_by_word_keeps_lexicon_words_whole_and_every_character_in_order():
    from tutorial_model.gloss import lexicon, word_by_word

    tokens = list("你好，我叫小明")
    pieces = word_by_word(tokens, readings("你好，我叫小明"))
    assert "".join(zh for zh, _, _ in pieces) == "你好，我叫小明"  # nothing dropped, nothing reordered
    assert ("你好", "nǐhǎo", lexicon()["你好"]) in pieces and ("小明", "xiǎomíng", lexicon()["小明"]) in pieces
    assert ("，", "", "") in pieces


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_english_interface_glosses_the_sentence_and_the_token_picker(lang):
    at = open_lesson("self_attention", lang=lang, s="我有一只猫")
    line = [c.value for c in at.caption if c.value.startswith(_word_by_word(lang))]
    picker = next(s for s in at.selectbox if s.key == "_w.tok")
    if lang == "zh":  # a Chinese reader needs neither
        assert not line and picker.options[4] == "4 · 猫"
        return
    [line] = line
    for char, reading in zip("我有一只猫", readings("我有一只猫")):
        assert f"{char} {reading}" in line
    assert "*cat" in line and "*I" in line
    assert picker.options[4].startswith("4 · 猫 (māo") and "cat" in picker.options[4]


def _word_by_word(lang: str) -> str:
    from ui.i18n import translate

    return translate(lang, "lesson.word_by_word")
