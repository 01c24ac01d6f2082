"""Which model size to ship: train candidate configurations on the same corpus for the same number of steps.

Prints parameters, wall and CPU seconds, and validation exact match for each candidate, so the choice in
README is a measurement. Not a test; takes minutes (``--steps`` to shorten).

    python bench/bench_model_size.py --steps 1500
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutorial_model.config import TrainConfig  # noqa: E402
from tutorial_model.corpus import make_splits  # noqa: E402
from tutorial_model.evaluate import evaluate  # noqa: E402
from tutorial_model.train import train_model  # noqa: E402

CANDIDATES = {
    "d64-h4-2L": dict(d_model=64, n_heads=4, n_layers=2, d_ff=256),
    "d128-h4-2L": dict(d_model=128, n_heads=4, n_layers=2, d_ff=512),
    "d128-h8-3L": dict(d_model=128, n_heads=8, n_layers=3, d_ff=512),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--only", nargs="*", default=list(CANDIDATES))
    ap.add_argument("--valid", type=int, default=1000)
    args = ap.parse_args()
    tcfg = replace(TrainConfig(), steps=args.steps, warmup_steps=min(TrainConfig.warmup_steps, args.steps // 5))
    valid = make_splits(tcfg.corpus_seed)["valid"][:args.valid]
    rows = []
    for name in args.only:
        model, tok, meta = train_model("transformer", tcfg, CANDIDATES[name], progress=False, valid_limit=50)
        metrics, _ = evaluate(model, tok, valid)
        row = {"name": name, "params": meta["n_params"], "steps": args.steps, "wall_s": meta["train_seconds"],
               "cpu_s": meta["train_cpu_seconds"], "valid_exact_match": metrics["exact_match"],
               "valid_bleu": metrics["bleu"], "final_loss": meta["curve"][-1]["loss"]}
        rows.append(row)
        print(json.dumps(row), flush=True)
    out = Path(__file__).resolve().parent / "results" / "model_size.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
