"""Page 8 shows the padding mask live, in both languages: the learner's row of a padded batch with −∞ in the <pad>
columns, the weights without the mask, and the measured difference (tutorial_model/padding.py)."""

from __future__ import annotations

import json

import pytest
from lesson_app import open_lesson

from tutorial_model.checkpoint import CHECKPOINT_DIR
from tutorial_model.tokenizer import PAD
from ui import pinyin_hover

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("app_env")]

SENTENCE = "我有一只猫"
ESCAPED_PAD = PAD.replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture(scope="module")
def checkpoint_dir() -> str:  # conftest's app_env: the shipped model
    return str(CHECKPOINT_DIR)


@pytest.mark.parametrize("lang, with_mask", [("en", "with the padding mask"), ("zh", "使用填充掩码")])
def test_masked_attention_page_shows_the_padded_batch(lang, with_mask):
    at = open_lesson("masked_attention", lang=lang, s=SENTENCE)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    padded = [s for s in specs if any(ESCAPED_PAD in str(x) for tr in s["data"] for x in (tr.get("x") or []))]
    assert len(padded) == 2, "the scores with the mask and the weights without it"
    scores, weights = padded
    cols = [pinyin_hover.bare(x).replace("\u200b", "") for x in scores["data"][0]["x"]]  # the ticks' labels
    n = cols.index(ESCAPED_PAD)
    assert cols[:n] == list(SENTENCE) and set(cols[n:]) == {ESCAPED_PAD}
    grey = scores["data"][1]["text"]  # the masked (−∞) cells: every <pad> column of every row, nothing else
    assert all((cell != "") == (j >= n) for row in grey for j, cell in enumerate(row))
    assert len(weights["data"]) == 1  # without the mask nothing is −∞
    table = next(m.value for m in at.markdown if with_mask in m.value and "|---|" in m.value)
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    assert len(rows) == 3 and rows[0][1] == "0"  # the weight on <pad> with the mask: exactly zero
    sidebar = at.session_state["_tl_context"].trace.translation
    assert rows[2][1].rstrip(" |").replace("\\", "") == sidebar.rstrip(".")  # with the mask: the sentence alone
