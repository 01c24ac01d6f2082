"""Corpus variants compared: chrF of models trained on different corpora, on the evaluation lines none of them saw.

A corpus change needs every checkpoint retrained (README, "Checkpoints and what else is trained"), so a change is
measured first on a branch: train the Transformer alone from that branch's tree, then compare it here with the
shipped model. Each run is NAME=TREE:CHECKPOINT_DIR (TREE: a checkout of the branch, e.g. a `git worktree`;
CHECKPOINT_DIR: where `python -m tutorial_model.train --out DIR` wrote its model; `-` for the shipped one).

Each model is scored in its own process with its tree first on the path, so the corpus it is checked against is
the one it was trained on. A line counts only when no compared corpus has it (train or validation split, after the
tokenizer's normalisation): a corpus that grows into an everyday line must not score it as unseen. Prints chrF on
the everyday set (the development set: corpus changes are chosen on it), on its lines with a comma (two clauses),
and on the held-out set by level (reported, never chosen on), and writes bench/results/corpus.json.

Usage:
  python bench/bench_corpus.py shipped=.:- clauses=/tmp/wt:/tmp/ckpt [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "corpus.json"

_SCORE = r"""
import json, sys
tree, directory, out = sys.argv[1:4]
sys.path.insert(0, tree)
import torch
torch.set_num_threads(1)
from tutorial_model import evaluate
from tutorial_model.corpus import make_splits
from tutorial_model.translator import Translator
model = Translator.load() if directory == "-" else Translator.load(directory)
splits = make_splits(0)
corpus = [p.zh for name in ("train", "valid") for p in splits[name]]
everyday, heldout = evaluate.load_everyday(), evaluate.load_heldout()
seen = set(evaluate.in_training(everyday, corpus)) | set(evaluate.in_training(heldout, corpus))
rows = {"everyday": [{"zh": r.zh, "ref": r.reference, "out": model.translate(r.zh), "seen": r.zh in seen}
                     for r in everyday],
        "heldout": [{"zh": r.zh, "ref": r.reference, "out": evaluate.translate_scored(model, r.zh).output,
                     "level": r.level, "seen": r.zh in seen} for r in heldout]}
json.dump(rows, open(out, "w", encoding="utf-8"), ensure_ascii=False)
"""


def score(tree: str, directory: str) -> dict:
    """One model's outputs on both sets, and which lines its own corpus has (a child process: its tree's code)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        subprocess.run([sys.executable, "-c", _SCORE, str(Path(tree).resolve()), directory, str(out)], check=True,
                       cwd=ROOT)
        return json.loads(out.read_text(encoding="utf-8"))


def chrf(rows: list[dict], idx: list[int]) -> float:
    import sacrebleu

    from tutorial_model.evaluate import _score_form

    return sacrebleu.corpus_chrf([_score_form(rows[i]["out"]) for i in idx],
                                 [[_score_form(rows[i]["ref"]) for i in idx]]).score


def compare(runs: dict[str, dict]) -> dict:
    """chrF of every run on the lines no run's corpus has."""
    first = next(iter(runs.values()))
    unseen = {s: [i for i in range(len(first[s])) if not any(r[s][i]["seen"] for r in runs.values())]
              for s in ("everyday", "heldout")}
    comma = [i for i in unseen["everyday"] if any(c in first["everyday"][i]["zh"] for c in "，,")]
    levels = sorted({r["level"] for r in first["heldout"]})
    table = {}
    for name, r in runs.items():
        row = {"everyday": chrf(r["everyday"], unseen["everyday"]), "everyday_comma": chrf(r["everyday"], comma),
               "heldout": chrf(r["heldout"], unseen["heldout"])}
        for lv in levels:
            row[f"heldout_L{lv}"] = chrf(r["heldout"], [i for i in unseen["heldout"]
                                                        if r["heldout"][i]["level"] == lv])
        table[name] = row
    return {"n_everyday": len(unseen["everyday"]), "n_everyday_comma": len(comma), "n_heldout": len(unseen["heldout"]),
            "seen_by": {name: {s: [x["zh"] for x in r[s] if x["seen"]] for s in ("everyday", "heldout")}
                        for name, r in runs.items()},
            "chrf": table}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", nargs="+", help="NAME=TREE:CHECKPOINT_DIR (CHECKPOINT_DIR '-': the shipped model)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    runs = {}
    for spec in args.runs:
        name, _, where = spec.partition("=")
        tree, _, directory = where.rpartition(":")
        if not name or not tree or not directory:
            ap.error(f"not NAME=TREE:CHECKPOINT_DIR: {spec!r}")
        runs[name] = score(tree, directory)
    result = compare(runs)
    print(f"lines no compared corpus has: everyday {result['n_everyday']} (with a comma {result['n_everyday_comma']}),"
          f" held-out {result['n_heldout']}")
    cols = list(next(iter(result["chrf"].values())))
    print(f"{'run':12s}" + "".join(f"{c:>16s}" for c in cols))
    for name, row in result["chrf"].items():
        print(f"{name:12s}" + "".join(f"{row[c]:16.1f}" for c in cols))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"runs": {n: s for n, s in (a.split("=", 1) for a in args.runs)}, **result},
                                   ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
