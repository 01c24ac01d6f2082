"""The hand-written everyday set (assets/eval/everyday.tsv) and its scoring in tutorial_model.evaluate.

Nothing here depends on how good the shipped model is (it is retrained as the corpus grows): the
file is checked for shape, and the metrics are recomputed independently on a stand-in translator.
"""

import json
import re
import unicodedata
from collections import Counter

import pytest
import sacrebleu

from tutorial_model.checkpoint import paths
from tutorial_model.evaluate import (
    EVERYDAY_PATH,
    EverydayRow,
    EverydaySetError,
    evaluate_everyday,
    in_training,
    load_everyday,
    write_meta,
)
from tutorial_model.tokenizer import InputError, Tokenizer, Vocab

ENDINGS = "，。！？、,.!?"



def _plain(text: str) -> str:
    """The scoring form, written out independently: lowercase, no final '.' or '!' (the model writes none)."""
    text = text.strip().lower()
    while text and text[-1] in ".!":
        text = text[:-1].rstrip()
    return text

def letters(zh: str) -> str:
    """The characters that count towards a sentence's length: letters only, punctuation and spaces excluded."""
    return "".join(ch for ch in zh if unicodedata.category(ch).startswith("L"))


def raw_rows() -> list[list[str]]:
    """The data lines read without the loader, so the checks below do not trust it."""
    lines = EVERYDAY_PATH.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("#")]
    assert body[0] == "zh\treference\ttopic"
    return [line.split("\t") for line in body[1:] if line]


@pytest.fixture(scope="module")
def rows() -> list[EverydayRow]:
    return load_everyday()


def test_file_says_it_is_hand_written_and_held_out():
    first = EVERYDAY_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "hand" in first.lower() and "never used for training" in first


def test_file_parses_with_enough_rows_per_topic(rows):
    raw = raw_rows()
    assert len(rows) == len(raw) >= 300
    assert all(len(r) == 3 for r in raw)
    per_topic = Counter(r.topic for r in rows)
    assert len(per_topic) >= 12, per_topic
    assert min(per_topic.values()) >= 10, per_topic


def test_no_duplicates_even_without_punctuation(rows):
    stripped = Counter(letters(r.zh) for r in rows)
    assert [zh for zh, n in stripped.items() if n > 1] == []


def test_lengths_and_script(rows):
    for r in rows:
        text = letters(r.zh)
        assert 2 <= len(text) <= 20, r.zh
        assert all("\u4e00" <= ch <= "\u9fff" for ch in text), r.zh  # only Chinese characters


def test_references_are_plain_sentences(rows):
    contraction = re.compile(r"\w'(t|s|re|ll|ve|d|m)\b", re.IGNORECASE)
    for r in rows:
        assert r.reference[0].isupper() and r.reference[-1] in ".!?", r.reference
        assert not contraction.search(r.reference), r.reference
        assert all(ord(ch) < 128 for ch in r.reference), r.reference


def test_typed_the_way_learners_type(rows):
    """Full-width punctuation mostly, some lines with none, a few half-width, a few two-sentence lines."""
    full = sum(any(ch in "，。！？" for ch in r.zh) for r in rows)
    bare = sum(not any(ch in ENDINGS for ch in r.zh) for r in rows)
    half = sum(any(ch in "?!" for ch in r.zh) for r in rows)
    two = sum(bool(re.search(r"[。！？?!]\s*[\u4e00-\u9fff]", r.zh)) for r in rows)
    assert full > len(rows) / 2 and bare >= 10 and half >= 3 and two >= 5


def test_traditional_lines_are_a_handful_and_distinct():
    opencc = pytest.importorskip("opencc")
    try:
        conv = opencc.OpenCC("t2s")
    except Exception:  # older packages name the config file
        conv = opencc.OpenCC("t2s.json")
    rows = load_everyday()
    converted = [conv.convert(r.zh) for r in rows]
    assert 8 <= sum(c != r.zh for c, r in zip(converted, rows)) <= 30
    assert len({letters(c) for c in converted}) == len(rows)  # no traditional line repeats a simplified one


# --- the loader refuses malformed files ---------------------------------------------------------

GOOD = "# note\nzh\treference\ttopic\n你好\tHello.\tgreetings\n"


@pytest.mark.parametrize("text", [
    "你好\tHello.\tgreetings\n",  # no header
    "zh\treference\ttopic\n你好\tHello.\n",  # two columns
    "zh\treference\ttopic\n你好\tHello.\tgreetings\textra\n",  # four columns
    "zh\treference\ttopic\n你好\tHello.\tgreetings\n你好\tHi.\tgreetings\n",  # duplicate
    "zh\treference\ttopic\n你\x07好\tHello.\tgreetings\n",  # control character
    "zh\treference\ttopic\n你好\tHel\u202elo.\tgreetings\n",  # bidi override
    "zh\treference\ttopic\n你好\tHello.\t\x1b[31mgreetings\n",  # escape sequence
    "zh\treference\ttopic\nhello\tHello.\tgreetings\n",  # no Chinese
    "zh\treference\ttopic\n你好\t Hello.\tgreetings\n",  # surrounding space
    "zh\treference\ttopic\n你好\t\tgreetings\n",  # empty field
])
def test_loader_refuses(tmp_path, text):
    path = tmp_path / "set.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EverydaySetError):
        load_everyday(path)


def test_loader_reads_a_good_file(tmp_path):
    path = tmp_path / "set.tsv"
    path.write_text(GOOD, encoding="utf-8")
    assert load_everyday(path) == [EverydayRow("你好", "Hello.", "greetings")]
    path.write_bytes(GOOD.replace("\n", "\r\n").encode("utf-8"))  # saved on Windows: same rows
    assert load_everyday(path) == [EverydayRow("你好", "Hello.", "greetings")]
    with pytest.raises(EverydaySetError):
        load_everyday(tmp_path / "missing.tsv")


# --- the metrics, recomputed on a stand-in translator --------------------------------------------

VOCAB = "你好我是学生谢客气不有一猫"


class DictTranslator:
    """A dictionary lookup with the interface evaluate_everyday uses; None in the table means refuse."""

    def __init__(self, table: dict[str, str | None]) -> None:
        self.table = table
        self.tokenizer = Tokenizer(Vocab(list(VOCAB)), Vocab(["hello"]))

    def translate(self, text: str) -> str:
        out = self.table[text]
        if out is None:
            raise InputError("empty", "refused")
        return out


FAKE = [  # zh, reference, topic, the stand-in's output
    ("你好！", "Hello!", "a", "hello"),  # exact after case and punctuation
    ("我是学生。", "I am a student.", "a", "I am a student"),  # exact
    ("谢谢你！不客气。", "Thank you! You are welcome.", "a", "Thank you"),
    ("我有一鑫猫", "I have a cat.", "b", "I have a dog"),  # 鑫 (simplified already) not in the vocabulary
    ("早上好", "Good morning.", "b", None),  # refused; 早 and 上 not in the vocabulary
]


@pytest.fixture
def fake():
    rows = [EverydayRow(zh, ref, topic) for zh, ref, topic, _ in FAKE]
    translator = DictTranslator({zh: out for zh, _, _, out in FAKE})
    outputs = ["" if out is None else out for *_, out in FAKE]
    return rows, translator, outputs


def test_scores_equal_sacrebleu_called_directly(fake):
    rows, translator, outputs = fake
    m = evaluate_everyday(translator, rows)
    hyps = [_plain(o) for o in outputs]
    refs = [_plain(r.reference) for r in rows]
    assert m["n"] == 5
    assert m["bleu"] == sacrebleu.corpus_bleu(hyps, [refs]).score
    assert m["chrf"] == sacrebleu.corpus_chrf(hyps, [refs]).score
    for topic, idx in {"a": [0, 1, 2], "b": [3, 4]}.items():
        expected = sacrebleu.corpus_chrf([hyps[i] for i in idx], [[refs[i] for i in idx]]).score
        assert m["by_topic"][topic]["chrf"] == expected
        assert m["by_topic"][topic]["n"] == len(idx)


def test_exact_match_unknown_share_and_failures(fake):
    rows, translator, _ = fake
    m = evaluate_everyday(translator, rows)
    assert m["exact_match"] == 2 / 5  # rows 0 and 1, counted by hand
    assert m["by_topic"]["a"]["exact_match"] == 2 / 3 and m["by_topic"]["b"]["exact_match"] == 0
    independent = sum(any("\u4e00" <= ch <= "\u9fff" and ch not in VOCAB for ch in r.zh) for r in rows) / len(rows)
    assert m["unknown_share"] == independent == 2 / 5
    assert {ch for ch, _ in m["unknown_chars"]} == {"鑫", "早", "上"}
    assert m["n_failed"] == 1 and m["failures"] == [{"zh": "早上好", "code": "empty"}]
    json.dumps(m)  # plain data, storable in the checkpoint JSON


def test_worst_is_lowest_sentence_chrf_first(fake):
    rows, translator, outputs = fake
    m = evaluate_everyday(translator, rows, worst=3)
    assert len(m["worst"]) == 3
    scores = [sacrebleu.sentence_chrf(_plain(o), [_plain(r.reference)]).score for o, r in zip(outputs, rows)]
    assert [w["chrf"] for w in m["worst"]] == sorted(scores)[:3]
    assert m["worst"][0] == {"zh": "早上好", "reference": "Good morning.", "output": "", "chrf": 0.0}
    assert len(evaluate_everyday(translator, rows)["worst"]) == 5  # never more than the rows


def test_in_training_ignores_punctuation():
    rows = [EverydayRow("你好！", "Hello!", "a"), EverydayRow("我是学生。", "I am a student.", "a")]
    assert in_training(rows, ["你好", "我是老师"]) == ["你好！"]


def test_write_meta_adds_one_key_and_keeps_the_rest(tmp_path, fake):
    rows, translator, _ = fake
    _, info = paths("transformer", tmp_path)
    before = {"config": {"d_model": 8}, "test_metrics": {"bleu": 1.5, "by_length": {"3": {"n": 1}}}, "curve": [1, 2]}
    info.write_text(json.dumps(before), encoding="utf-8")
    metrics = evaluate_everyday(translator, rows)
    write_meta(tmp_path, everyday_metrics=metrics)
    after = json.loads(info.read_text(encoding="utf-8"))
    assert after == {**before, "everyday_metrics": json.loads(json.dumps(metrics))}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["transformer.json"]  # no temporary file left


def test_runs_on_the_shipped_translator(shipped, rows):
    """The real Translator fits the interface; the figures are only checked for range, not quality."""
    m = evaluate_everyday(shipped, rows[:6])
    assert m["n"] == 6 and 0 <= m["chrf"] <= 100 and 0 <= m["unknown_share"] <= 1
    assert [w["zh"] for w in m["worst"]] and {w["zh"] for w in m["worst"]} <= {r.zh for r in rows[:6]}
