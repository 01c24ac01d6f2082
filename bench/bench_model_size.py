"""Which model size to ship: train candidate configurations on the same corpus, then score each on every set.

For each candidate it prints parameters, wall and CPU seconds, validation exact match, chrF on the
hand-written everyday set (the set the choice is made on), and, reported beside it, chrF and unknown
characters by level on the held-out textbook set and how the unsure flag does there. Not a test; takes
minutes per candidate on a CPU (``--steps`` to shorten). ``--jobs N`` trains N candidates at once, each in its
own process (on a GPU machine: ``--device cuda --jobs 8``).

    python bench/bench_model_size.py --steps 1500
    python bench/bench_model_size.py --device cuda --jobs 8 --only d128-h4-2L d256-h8-2L
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutorial_model.config import TrainConfig  # noqa: E402

# name → (model overrides, training overrides). d_k stays 32 where the width grows, as in the shipped model.
CANDIDATES: dict[str, tuple[dict, dict]] = {
    "d64-h4-2L": (dict(d_model=64, n_heads=4, n_layers=2, d_ff=256), {}),
    "d128-h4-2L": (dict(d_model=128, n_heads=4, n_layers=2, d_ff=512), {}),  # shipped
    "d128-h4-2L-12k": (dict(d_model=128, n_heads=4, n_layers=2, d_ff=512), dict(steps=12000)),
    "d128-h4-2L-drop0.2": (dict(d_model=128, n_heads=4, n_layers=2, d_ff=512, dropout=0.2), {}),
    "d128-h4-3L": (dict(d_model=128, n_heads=4, n_layers=3, d_ff=512), {}),
    "d128-h8-3L": (dict(d_model=128, n_heads=8, n_layers=3, d_ff=512), {}),
    "d192-h6-2L": (dict(d_model=192, n_heads=6, n_layers=2, d_ff=768), {}),
    "d256-h8-2L": (dict(d_model=256, n_heads=8, n_layers=2, d_ff=1024), {}),
    "d256-h8-2L-12k": (dict(d_model=256, n_heads=8, n_layers=2, d_ff=1024), dict(steps=12000)),
    "d256-h8-3L": (dict(d_model=256, n_heads=8, n_layers=3, d_ff=1024), {}),
}


def measure(name: str, steps: int | None, device: str, seed: int) -> dict:
    """Train one candidate and score it: validation, everyday set, held-out set by level, the unsure flag."""
    import torch

    from tutorial_model.corpus import make_splits
    from tutorial_model.evaluate import (
        evaluate,
        evaluate_everyday,
        heldout_metrics,
        load_everyday,
        load_heldout,
        translate_scored,
        unsure_flag,
    )
    from tutorial_model.train import train_model
    from tutorial_model.translator import Translator

    model_overrides, train_overrides = CANDIDATES[name]
    tcfg = replace(TrainConfig(), seed=seed, **train_overrides)
    if steps is not None:  # shortened runs keep the schedule's shape
        tcfg = replace(tcfg, steps=steps, warmup_steps=min(tcfg.warmup_steps, steps // 5))
    model, tok, meta = train_model("transformer", tcfg, model_overrides, progress=False, valid_limit=50,
                                   device=device)
    valid = make_splits(tcfg.corpus_seed)["valid"]
    metrics, _ = evaluate(model, tok, valid)
    translator = Translator(model.cpu(), tok, meta)  # scored on the CPU: the same decoding the app runs
    everyday, heldout = load_everyday(), load_heldout()
    with torch.inference_mode():
        ev = evaluate_everyday(translator, everyday)
        cal = [(translate_scored(translator, r.zh), r.reference) for r in everyday]
        scored = [translate_scored(translator, r.zh) for r in heldout]
    held = heldout_metrics(tok, heldout, scored)
    try:
        flag = unsure_flag(cal, [(s, r.reference) for s, r in zip(scored, heldout)])
        flag = {"rule": flag["rule"], "threshold": flag["threshold"], **flag["heldout"]}
    except ValueError:  # a model too short-trained to get anything right has no threshold to choose
        flag = None
    return {"name": name, "params": meta["n_params"], "steps": tcfg.steps, "seed": seed, "device": device,
            "wall_s": meta["train_seconds"], "cpu_s": meta["train_cpu_seconds"],
            "valid_exact_match": metrics["exact_match"], "valid_bleu": metrics["bleu"],
            "final_loss": meta["curve"][-1]["loss"], "everyday_chrf": ev["chrf"],
            "heldout_chrf": held["chrf"], "heldout_unknown_share": held["unknown_share"],
            "heldout_by_level": {lv: {"chrf": g["chrf"], "unknown_share": g["unknown_share"]}
                                 for lv, g in held["by_level"].items()},
            "flag": flag}


def run_parallel(names: list[str], argv_rest: list[str], out: Path, jobs: int) -> list[dict]:
    """Each candidate in its own process, ``jobs`` at a time (tutorial_model.retrain's runner: after a failure it
    starts no new one); each writes its row to its own file beside ``out``, its output to a log beside it."""
    from tutorial_model.retrain import Job, run

    files = {name: out.with_name(f"{out.stem}.{name}.json") for name in names}
    done = run([Job(name, (__file__, "--only", name, "--jobs", "1", *argv_rest, "--out", str(files[name])))
                for name in names], jobs, out.parent / f"{out.stem}_logs")
    rows = []
    for name in names:
        if done.get(name) != 0:
            print(json.dumps({"name": name, "error": f"exit {done.get(name, 'not started')}"}), flush=True)
            continue
        rows += json.loads(files[name].read_text())
        print(json.dumps(rows[-1]), flush=True)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", type=int, default=None, help="default: the shipped schedule (or the candidate's)")
    ap.add_argument("--only", nargs="*", default=list(CANDIDATES), choices=list(CANDIDATES))
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--seed", type=int, default=TrainConfig.seed)
    ap.add_argument("--jobs", type=int, default=1, help="candidates trained at once, each in its own process")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "model_size.json")
    args = ap.parse_args()
    rest = ["--device", args.device, "--seed", str(args.seed)] + (["--steps", str(args.steps)] if args.steps else [])
    if args.jobs > 1 and len(args.only) > 1:
        rows = run_parallel(args.only, rest, args.out, args.jobs)
    else:
        rows = []
        for name in args.only:
            rows.append(measure(name, args.steps, args.device, args.seed))
            print(json.dumps(rows[-1]), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
