"""One vocabulary size on every page: the overview's card and the unknown-character box count the same tokens
(issue 26: the box said 720 characters, the overview 724, the 4 special tokens between them unexplained)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tutorial_model.checkpoint import CHECKPOINT_DIR, paths
from tutorial_model.tokenizer import SPECIALS
from ui import toc
from ui.i18n import translate

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not paths("transformer", CHECKPOINT_DIR)[0].exists(), reason="no shipped checkpoint")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_overview_and_the_unknown_character_box_give_one_vocabulary_size(lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.query_params["s"] = "我有一只猫谅"  # 谅 is not in the vocabulary: the box with the known words is shown
    at.switch_page(toc.page_file("overview")).run()
    assert not at.exception
    card = next(m for m in at.metric if m.label == translate(lang, "overview.vocab"))
    zh_tokens = int(card.value.split("/")[0])
    head = translate(lang, "warn.known_words", n=0, chars=0, special=0).split("0")[0]
    box = next(e for e in at.expander if e.label.startswith(head))
    numbers = [int(n) for n in re.findall(r"\d+", box.label)]
    assert numbers == [zh_tokens, zh_tokens - len(SPECIALS), len(SPECIALS)], box.label
    helptext = card.help
    assert str(zh_tokens - len(SPECIALS)) in helptext and str(len(SPECIALS)) in helptext
