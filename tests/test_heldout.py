"""The hand-written evaluation sets are held out: no line is in the training corpus (issue 24).

assets/eval/heldout.tsv (HSK levels 1–3) and assets/eval/everyday.tsv must share no sentence with the corpus'
train or validation split, after the tokenizer's own normalisation (tokenizer.normalize_zh: simplified
characters, no punctuation or spaces). When a retrained corpus grows into one of their lines, this fails
and names it: move an everyday line to everyday_seen.tsv, drop or rewrite a held-out line. The two sets
are disjoint too: the everyday set chooses the unsure flag's threshold, the held-out set measures it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import pytest
import sacrebleu

from tutorial_model.checkpoint import CHECKPOINT_DIR, read_meta
from tutorial_model.corpus import make_splits
from tutorial_model.evaluate import (
    EVERYDAY_PATH,
    EVERYDAY_SEEN_PATH,
    HELDOUT_PATH,
    HeldoutRow,
    Scored,
    heldout_metrics,
    load_everyday,
    load_heldout,
)
from tutorial_model.tokenizer import Tokenizer, Vocab, normalize_zh

TOPICS = {"greetings", "family", "food", "shopping", "time", "weather", "school", "work", "travel", "health",
          "hobbies", "feelings"}


@pytest.fixture(scope="module")
def splits() -> dict[str, set[str]]:
    seed = read_meta("transformer", CHECKPOINT_DIR).get("train_config", {}).get("corpus_seed", 0)
    return {name: {normalize_zh(p.zh) for p in pairs} for name, pairs in make_splits(seed).items()}


@pytest.fixture(scope="module")
def heldout() -> list[HeldoutRow]:
    return load_heldout()


@pytest.mark.parametrize("split", ["train", "valid"])
def test_no_heldout_line_is_in_the_corpus(splits, heldout, split):
    assert [r.zh for r in heldout if normalize_zh(r.zh) in splits[split]] == []


@pytest.mark.parametrize("split", ["train", "valid"])
def test_no_everyday_line_is_in_the_corpus(splits, split):
    assert [r.zh for r in load_everyday() if normalize_zh(r.zh) in splits[split]] == []


def test_the_seen_everyday_lines_are_all_in_training(splits):
    """everyday_seen.tsv holds only lines the corpus has: nothing unseen is hidden from the score there."""
    assert [r.zh for r in load_everyday(EVERYDAY_SEEN_PATH) if normalize_zh(r.zh) not in splits["train"]] == []


def test_heldout_and_everyday_share_no_sentence(heldout):
    everyday = {normalize_zh(r.zh) for path in (EVERYDAY_PATH, EVERYDAY_SEEN_PATH) for r in load_everyday(path)}
    assert [r.zh for r in heldout if normalize_zh(r.zh) in everyday] == []
    assert len({normalize_zh(r.zh) for r in heldout}) == len(heldout)  # no line twice, even without punctuation


def test_heldout_covers_levels_and_topics(heldout):
    assert len(heldout) >= 600
    per_level = Counter(r.level for r in heldout)
    assert set(per_level) == {"1", "2", "3"} and min(per_level.values()) >= 150, per_level
    assert {r.topic for r in heldout} == TOPICS
    per_cell = Counter((r.level, r.topic) for r in heldout)
    assert min(per_cell.values()) >= 10 and len(per_cell) == 3 * len(TOPICS), per_cell


def test_heldout_references_are_plain_sentences(heldout):
    for r in heldout:
        assert r.reference[0].isupper() and r.reference[-1] in ".!?", r.reference
        assert all(ord(ch) < 128 for ch in r.reference), r.reference
        assert re.fullmatch(r"[\u4e00-\u9fff，。！？、]+", r.zh), r.zh  # typed the textbook way


def test_heldout_metrics_recompute_by_group():
    """By level and by topic, each figure is sacrebleu's on that group alone, scored like the everyday set."""
    rows = [HeldoutRow("1", "food", "我吃饭", "I eat."), HeldoutRow("1", "time", "现在几点", "What time is it?"),
            HeldoutRow("2", "food", "我吃鱼", "I eat fish.")]
    outs = [Scored("I eat", (), ()), Scored("What is time?", (), ()), Scored("I eat rice", (), ())]
    tok = Tokenizer(Vocab.build([list("我吃饭现在几点")]), Vocab.build([["I", "eat"]]))
    m = heldout_metrics(tok, rows, outs)
    assert m["n"] == 3 and m["by_level"]["1"]["n"] == 2 and m["by_topic"]["food"]["n"] == 2
    assert m["by_level"]["2"]["unknown_share"] == 1.0 and m["by_level"]["1"]["unknown_share"] == 0.0  # 鱼
    food = sacrebleu.corpus_chrf(["i eat", "i eat rice"], [["i eat", "i eat fish"]]).score
    assert m["by_topic"]["food"]["chrf"] == pytest.approx(food)
    level2 = sacrebleu.corpus_bleu(["i eat rice"], [["i eat fish"]]).score
    assert m["by_level"]["2"]["bleu"] == pytest.approx(level2)


def test_shipped_heldout_figures_are_for_this_file():
    """The stored figures (`python -m tutorial_model.evaluate --write-meta`) belong to the file as it is."""
    meta = read_meta("transformer", CHECKPOINT_DIR)
    m, flag = meta.get("heldout_metrics"), meta.get("unsure_flag")
    if m is None:
        pytest.skip("no held-out figures stored yet")
    assert m["set_sha256"] == hashlib.sha256(HELDOUT_PATH.read_bytes()).hexdigest()
    rows = load_heldout()
    assert m["n"] == len(rows)
    assert {lv: g["n"] for lv, g in m["by_level"].items()} == dict(Counter(r.level for r in rows))
    assert {tp: g["n"] for tp, g in m["by_topic"].items()} == dict(Counter(r.topic for r in rows))
    assert flag["heldout"]["n"] == len(rows) and flag["calibration"]["n"] == len(load_everyday())
