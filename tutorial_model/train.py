"""Train the Transformer from scratch, seeded: ``python -m tutorial_model.train``.

Reproduces assets/checkpoints/transformer.{safetensors,json} on a 2-core CPU in a few minutes.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import torch
import torch.nn.functional as F
from tqdm import tqdm

from . import checkpoint
from .config import ModelConfig, TrainConfig
from .corpus import make_splits
from .data import batches, build_tokenizer, encode_pairs
from .evaluate import evaluate
from .tokenizer import PAD_ID
from .transformer import Transformer


def lr_at(step: int, tcfg: TrainConfig) -> float:
    """Linear warm-up (post-norm Transformers diverge without it), then cosine decay to zero."""
    if step < tcfg.warmup_steps:
        return tcfg.lr * (step + 1) / tcfg.warmup_steps
    progress = (step - tcfg.warmup_steps) / max(1, tcfg.steps - tcfg.warmup_steps)
    return tcfg.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


def seed_everything(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def train(tcfg: TrainConfig, model_overrides: dict | None = None, progress: bool = True,
          valid_limit: int = 400) -> tuple[Transformer, object, dict]:
    """Returns (model, tokenizer, meta) where meta holds the training curve and settings."""
    torch.set_num_threads(tcfg.num_threads)
    seed_everything(tcfg.seed)
    splits = make_splits(tcfg.corpus_seed)
    tok = build_tokenizer(splits["train"])
    cfg = ModelConfig(src_vocab_size=len(tok.src), tgt_vocab_size=len(tok.tgt), **(model_overrides or {}))
    model = Transformer(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=tcfg.lr, betas=(0.9, 0.98), eps=1e-9)
    train_ex = encode_pairs(tok, splits["train"])
    valid = splits["valid"][:valid_limit]
    rng = random.Random(tcfg.seed)

    curve: list[dict] = []
    epoch_iter = iter(())
    start = time.perf_counter()
    bar = tqdm(range(tcfg.steps), desc="training", unit="step", disable=not progress)
    running = None
    for step in bar:
        try:
            src, tgt = next(epoch_iter)
        except StopIteration:
            epoch_iter = batches(train_ex, tcfg.batch_size, rng)
            src, tgt = next(epoch_iter)
        for g in opt.param_groups:
            g["lr"] = lr_at(step, tcfg)
        model.train()
        logits = model(src, tgt[:, :-1])  # teacher forcing: read <bos> I have a cat, predict I have a cat <eos>
        loss = F.cross_entropy(logits.reshape(-1, cfg.tgt_vocab_size), tgt[:, 1:].reshape(-1),
                               ignore_index=PAD_ID, label_smoothing=tcfg.label_smoothing)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        running = loss.item() if running is None else 0.95 * running + 0.05 * loss.item()
        if step % 25 == 0 or step == tcfg.steps - 1:
            point = {"step": step, "loss": round(running, 5), "lr": g["lr"]}
            if (step and step % tcfg.eval_every == 0) or step == tcfg.steps - 1:
                point["valid_exact_match"] = evaluate(model, tok, valid)[0]["exact_match"]
                bar.set_postfix(loss=f"{running:.3f}", valid=f"{point['valid_exact_match']:.3f}")
            curve.append(point)
    meta = {
        "train_config": tcfg.to_dict(),
        "curve": curve,
        "train_seconds": round(time.perf_counter() - start, 1),
        "n_params": model.n_params(),
        "sizes": {k: len(v) for k, v in splits.items()},
    }
    return model.eval(), tok, meta


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=TrainConfig.steps)
    ap.add_argument("--seed", type=int, default=TrainConfig.seed)
    ap.add_argument("--out", type=Path, default=checkpoint.CHECKPOINT_DIR, help="directory for the checkpoint")
    ap.add_argument("--no-test", action="store_true", help="skip the test-split evaluation at the end")
    args = ap.parse_args(argv)
    tcfg = replace(TrainConfig(), steps=args.steps, seed=args.seed)
    model, tok, meta = train(tcfg)
    if not args.no_test:
        from .evaluate import format_report

        test = make_splits(tcfg.corpus_seed)["test"]
        metrics, _ = evaluate(model, tok, test)
        meta["test_metrics"] = metrics
        print(format_report(metrics))
    weights, info = checkpoint.save("transformer", model, tok, meta, args.out)
    print(f"trained {meta['n_params']:,} parameters in {meta['train_seconds']} s; wrote {weights} and {info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
