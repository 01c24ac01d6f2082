"""Train the Transformer from scratch, seeded: ``python -m tutorial_model.train``.

Reproduces assets/checkpoints/transformer.{safetensors,json} on a 2-core CPU in a few minutes.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import torch

from . import checkpoint
from .config import VARIANTS, ModelConfig, TrainConfig
from .corpus import examples_by_topic, make_splits
from .data import build_tokenizer, encode_pairs
from .evaluate import evaluate
from .fit import fit, seed_everything, snapshot_schedule
from .snapshots import SnapshotRecorder
from .transformer import Transformer


def train(tcfg: TrainConfig, model_overrides: dict | None = None, progress: bool = True,
          valid_limit: int = 400, device: str = "cpu", recorder: SnapshotRecorder | None = None
          ) -> tuple[Transformer, object, dict]:
    """Returns (model, tokenizer, meta) where meta holds the training curve and settings.

    On ``device="cuda"`` the same model and schedule train on the GPU (results differ from the CPU's in
    the last bits, so the shipped checkpoint is the CPU one).
    """
    torch.set_num_threads(tcfg.num_threads)
    seed_everything(tcfg.seed)
    splits = make_splits(tcfg.corpus_seed)
    tok = build_tokenizer(splits["train"])
    cfg = ModelConfig(src_vocab_size=len(tok.src), tgt_vocab_size=len(tok.tgt), **(model_overrides or {}))
    model = Transformer(cfg).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=tcfg.lr, betas=(0.9, 0.98), eps=1e-9)
    train_ex = encode_pairs(tok, splits["train"])
    valid = splits["valid"][:valid_limit]
    loop = fit(model, opt, train_ex, tcfg, lambda: evaluate(model, tok, valid)[0]["exact_match"], progress=progress,
               snapshot=recorder, snapshot_steps=snapshot_schedule(tcfg.steps) if recorder else ())
    meta = {
        "train_config": tcfg.to_dict(),
        **loop,
        "n_params": model.n_params(),
        "device": str(device),
        "torch": torch.__version__,
        "sizes": {k: len(v) for k, v in splits.items()},
        # so the app lists them without regenerating the corpus; every one is in the training split
        "examples_by_topic": examples_by_topic(tcfg.corpus_seed),
    }
    return model.eval(), tok, meta


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=TrainConfig.steps)
    ap.add_argument("--seed", type=int, default=TrainConfig.seed)
    ap.add_argument("--out", type=Path, default=None,
                    help="checkpoint directory (default assets/checkpoints; a variant: …/experiments/NAME)")
    ap.add_argument("--variant", choices=sorted(VARIANTS), default=None,
                    help="train an experiment: the same model with one part changed (config.VARIANTS); no replay")
    ap.add_argument("--threads", type=int, default=TrainConfig.num_threads, help="CPU threads for PyTorch")
    ap.add_argument("--device", default="cpu", help="cpu, or cuda when a GPU is present")
    ap.add_argument("--no-replay", action="store_true", help="do not save the training-replay snapshots")
    ap.add_argument("--no-test", action="store_true", help="skip the test-split evaluation at the end")
    args = ap.parse_args(argv)
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        ap.error("--device cuda needs a GPU; none is visible to PyTorch")
    tcfg = replace(TrainConfig(), steps=args.steps, seed=args.seed, num_threads=args.threads)
    overrides = VARIANTS[args.variant] if args.variant else None
    if args.out is None:
        args.out = checkpoint.variant_dir(args.variant) if args.variant else checkpoint.CHECKPOINT_DIR
    recorder = None if args.no_replay or args.variant else SnapshotRecorder()
    model, tok, meta = train(tcfg, model_overrides=overrides, device=args.device, recorder=recorder)
    if args.variant:
        meta["variant"] = {"name": args.variant, "overrides": overrides}
    if not args.no_test:
        from .evaluate import format_report

        test = make_splits(tcfg.corpus_seed)["test"]
        metrics, _ = evaluate(model, tok, test)
        meta["test_metrics"] = metrics
        print(format_report(metrics))
    weights, info = checkpoint.save("transformer", model, tok, meta, args.out)
    if recorder is not None:
        recorder.save(tcfg.steps, args.out)
    print(f"trained {meta['n_params']:,} parameters in {meta['train_seconds']} s; wrote {weights} and {info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
