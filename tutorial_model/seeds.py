"""Seed-to-seed spread: the same model trained again with other seeds (issue 19).

Every shipped checkpoint is one training run (seed 0). Two runs of the same code that differ only in the seed
(initial weights, batch order, dropout) do not score the same, so a difference between two models is a finding
only when it is larger than this spread::

    python -m tutorial_model.seeds --models transformer lstm_attn variant:no_pe --seeds 1 2

trains each (model, seed) with train.py's own function and the shipped configuration (no replay; a variant is
rounded to float16 as its shipped checkpoint is), scores it as the shipped checkpoint is scored (exact match
and BLEU on the test split, chrF on the unseen everyday set), and keeps only the scores in
``assets/checkpoints/seed_spread.json`` (the weights are not shipped). Seed 0 is read from the shipped
metadata, never retrained here. Models already measured at a seed are kept unless ``--again``.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from . import checkpoint
from .checkpoint import CHECKPOINT_DIR
from .config import VARIANTS

FILE = "seed_spread.json"
METRICS = ("test_exact_match", "test_bleu", "everyday_chrf")


def parse(model: str) -> tuple[str, str | None]:
    """'transformer' → ('transformer', None); 'variant:no_pe' → ('transformer', 'no_pe')."""
    if model.startswith("variant:"):
        variant = model.split(":", 1)[1]
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}; choose from {sorted(VARIANTS)}")
        return "transformer", variant
    return model, None


def scores_of(meta: Mapping) -> dict[str, float]:
    """The compared scores from a checkpoint's metadata (or from a fresh run's, the same keys)."""
    test, every = meta.get("test_metrics") or {}, meta.get("everyday_metrics") or {}
    out = {"test_exact_match": test.get("exact_match"), "test_bleu": test.get("bleu"),
           "everyday_chrf": every.get("chrf")}
    return {k: float(v) for k, v in out.items() if v is not None}


def shipped_scores(model: str, directory: Path | str = CHECKPOINT_DIR) -> dict[str, float]:
    name, variant = parse(model)
    where = checkpoint.variant_dir(variant, directory) if variant else directory
    return scores_of(checkpoint.read_meta(name, where))


def measure(model: str, seed: int, steps: int | None = None, limit: int | None = None,
            threads: int | None = None, device: str = "cpu") -> dict[str, float]:
    """Train ``model`` at ``seed`` and score it; ``steps``/``limit`` shorten both (tests only); ``threads``
    lets several seeds train side by side, one core each; ``device="cuda"`` trains on a GPU."""
    from .registry import spec
    from .train import everyday_metrics, round_to_half, splits_for, task_metrics, train_model

    name, variant = parse(model)
    s = spec(name)
    tcfg = replace(s.train_config, seed=seed, **({"steps": steps} if steps is not None else {}),
                   **({"num_threads": threads} if threads is not None else {}))
    overrides = VARIANTS[variant] if variant else None
    trained, tok, _ = train_model(name, tcfg, overrides, progress=False, device=device)
    if variant:
        round_to_half(trained)
    splits = splits_for(tcfg.corpus_seed)
    test = splits["test"][:limit] if limit else splits["test"]
    meta = {"test_metrics": task_metrics(name, trained, tok, test, [p for sp in splits.values() for p in sp])}
    if limit is None and s.task == "translate":
        meta["everyday_metrics"] = everyday_metrics(trained, tok, tcfg.corpus_seed)
    return scores_of(meta)


def summarise(by_seed: Mapping[int, float]) -> dict:
    """min, max, range and sample standard deviation of one score over seeds."""
    values = list(by_seed.values())
    return {"by_seed": {str(k): v for k, v in sorted(by_seed.items())}, "n": len(values), "min": min(values),
            "max": max(values), "range": max(values) - min(values),
            "sd": statistics.stdev(values) if len(values) > 1 else 0.0}


def within_spread(a: float, b: float, range_a: float, range_b: float) -> bool:
    """Whether a − b is no larger than what reseeding alone moved either model by (then it is not a finding)."""
    return abs(a - b) <= max(range_a, range_b) + 1e-12  # 0.90 − 0.85 is 0.05000000000000004 in floats


def read(directory: Path | str = CHECKPOINT_DIR) -> dict:
    path = Path(directory) / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"models": {}}


def spread_of(model: str, metric: str, directory: Path | str = CHECKPOINT_DIR) -> dict | None:
    """The summary of ``metric`` over the seeds of ``model``, or None when it was not measured at ≥ 2 seeds."""
    runs = read(directory)["models"].get(model, {}).get(metric)
    return runs if runs and runs["n"] >= 2 else None


def update(models: Sequence[str], seeds: Sequence[int], directory: Path | str = CHECKPOINT_DIR, again: bool = False,
           steps: int | None = None, limit: int | None = None, threads: int | None = None,
           device: str = "cpu") -> dict:
    """Measure what is missing, write the file after each run, return its content."""
    path = Path(directory) / FILE
    data = read(directory)
    for model in models:
        _record(path, model, "0", shipped_scores(model, directory), steps, limit)
        for seed in seeds:
            if seed != 0 and (again or str(seed) not in data.get("raw", {}).get(model, {})):
                scores = measure(model, seed, steps, limit, threads, device)
                print(f"{model} seed {seed}: {scores}")
                data = _record(path, model, str(seed), scores, steps, limit)
    return read(directory)


def _record(path: Path, model: str, seed: str, scores: dict, steps: int | None, limit: int | None) -> dict:
    """Add one run to the file under a lock: seeds trained side by side in separate processes all land."""
    path.touch()
    with open(path, "r+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        text = f.read()
        data = json.loads(text) if text.strip() else {"models": {}}
        raw = data.setdefault("raw", {})
        raw.setdefault(model, {})[seed] = scores
        data["models"] = {m: {metric: summarise({int(s): v[metric] for s, v in runs.items() if metric in v})
                              for metric in METRICS if any(metric in v for v in runs.values())}
                          for m, runs in raw.items()}
        if steps is not None or limit is not None:
            data["shortened"] = {"steps": steps, "limit": limit}  # never ship such a file: tests only
        f.seek(0)
        f.truncate()
        f.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return data


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", nargs="+", default=["transformer"],
                    help="registry names, or variant:NAME for an experiment (config.VARIANTS)")
    ap.add_argument("--seeds", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--dir", type=Path, default=CHECKPOINT_DIR)
    ap.add_argument("--again", action="store_true", help="retrain seeds already measured")
    ap.add_argument("--threads", type=int, help="CPU threads per training (default: the model's own)")
    ap.add_argument("--device", default="cpu", help="cpu, or cuda when a GPU is present")
    args = ap.parse_args(argv)
    data = update(args.models, args.seeds, args.dir, args.again, threads=args.threads, device=args.device)
    for model, metrics in data["models"].items():
        for metric, s in metrics.items():
            print(f"{model:22} {metric:17} n={s['n']} range {s['range']:.4f} sd {s['sd']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
