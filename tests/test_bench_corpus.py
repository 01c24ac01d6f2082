"""bench/bench_corpus.py compares corpus variants only on the lines none of their corpora has."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sacrebleu

from tutorial_model.evaluate import _score_form

spec = importlib.util.spec_from_file_location("bench_corpus", Path(__file__).parents[1] / "bench" / "bench_corpus.py")
bench_corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_corpus)


def _row(zh: str, ref: str, out: str, seen: bool, level: str | None = None) -> dict:
    row = {"zh": zh, "ref": ref, "out": out, "seen": seen}
    return row if level is None else {**row, "level": level}


def _runs() -> dict:
    everyday_refs = [("我很累，想睡觉。", "I am tired, I want to sleep."), ("你好。", "Hello."),
                     ("我是学生。", "I am a student."), ("下雨了，别出去。", "It is raining, do not go out.")]
    heldout_refs = [("1", "我有猫。", "I have a cat."), ("2", "他很高。", "He is tall."),
                    ("2", "天晴了。", "It cleared up."), ("1", "再见。", "Goodbye.")]
    a = {"everyday": [_row(z, r, o, s) for (z, r), o, s in zip(everyday_refs, [
             "I am tired", "hello", "I am a teacher", "it rained"], [False, True, False, False])],
         "heldout": [_row(z, r, o, s, lv) for (lv, z, r), o, s in zip(heldout_refs, [
             "I have a cat", "he is very tall", "it is sunny", "goodbye"], [False, False, False, False])]}
    b = {"everyday": [_row(z, r, o, s) for (z, r), o, s in zip(everyday_refs, [
             "I am tired , I want to sleep", "hello", "I am a student", "it is raining , do not go out"],
                                                            [False, False, False, True])],
         "heldout": [_row(z, r, o, s, lv) for (lv, z, r), o, s in zip(heldout_refs, [
             "I have cats", "he is tall", "it cleared up", "goodbye"], [False, False, True, False])]}
    return {"a": a, "b": b}


def _chrf(rows: list[dict], idx: list[int]) -> float:
    return sacrebleu.corpus_chrf([_score_form(rows[i]["out"]) for i in idx],
                                 [[_score_form(rows[i]["ref"]) for i in idx]]).score


def test_a_line_any_corpus_has_is_left_out_for_every_run():
    runs = _runs()
    result = bench_corpus.compare(runs)
    # everyday: line 1 is in a's corpus, line 3 in b's; held-out: line 2 is in b's
    assert (result["n_everyday"], result["n_heldout"]) == (2, 3)
    assert result["n_everyday_comma"] == 1  # 我很累，想睡觉 (下雨了，别出去 is in b's corpus)
    assert result["seen_by"]["b"] == {"everyday": ["下雨了，别出去。"], "heldout": ["天晴了。"]}
    for name, r in runs.items():
        row = result["chrf"][name]
        assert row["everyday"] == _chrf(r["everyday"], [0, 2])
        assert row["everyday_comma"] == _chrf(r["everyday"], [0])
        assert row["heldout"] == _chrf(r["heldout"], [0, 1, 3])
        assert row["heldout_L1"] == _chrf(r["heldout"], [0, 3])
        assert row["heldout_L2"] == _chrf(r["heldout"], [1])
    # the run that translates both clauses scores higher on the comma line, as it should
    assert result["chrf"]["b"]["everyday_comma"] > result["chrf"]["a"]["everyday_comma"]


def test_a_run_is_named_tree_and_checkpoint(capsys, monkeypatch, tmp_path):
    runs = _runs()
    monkeypatch.setattr(bench_corpus, "score", lambda tree, directory: runs["a" if directory == "-" else "b"])
    out = tmp_path / "corpus.json"
    assert bench_corpus.main(["shipped=.:-", "next=/tmp/tree:/tmp/ckpt", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "shipped" in printed and "next" in printed
    import json

    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["runs"] == {"shipped": ".:-", "next": "/tmp/tree:/tmp/ckpt"}
    assert saved["chrf"]["next"]["heldout_L2"] == _chrf(runs["b"]["heldout"], [1])
