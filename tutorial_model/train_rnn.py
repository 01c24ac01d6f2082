"""Train the recurrent baselines, seeded: ``python -m tutorial_model.train_rnn --model rnn|lstm|lstm_attn|all``.

Same corpus, splits, vocabularies, batch size, step count, optimiser and schedule as the Transformer
(``tutorial_model.train``), so the comparison is about the architecture. Writes
assets/checkpoints/{rnn,lstm,lstm_attn}.{safetensors,json}.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import torch

from . import checkpoint
from .config import TrainConfig
from .corpus import Pair, make_splits
from .data import build_tokenizer, encode_pairs
from .evaluate import format_report, score
from .fit import fit, seed_everything
from .rnn import MODELS, Seq2Seq, config_for, translate_batch
from .tokenizer import Tokenizer


@dataclass(frozen=True)
class RNNTrainConfig:
    """The Transformer's budget (its TrainConfig's steps × batch size), a short warm-up, gradient clipping."""

    seed: int = 0
    corpus_seed: int = 0
    steps: int = TrainConfig.steps
    batch_size: int = TrainConfig.batch_size
    lr: float = 3e-3
    warmup_steps: int = 100
    label_smoothing: float = 0.05
    clip_norm: float = 1.0  # rescale the whole gradient to at most this norm (exploding gradients)
    eval_every: int = 500
    num_threads: int = 1  # one step is ~40 small matrix products in a row: a second thread only adds syncing

    def to_dict(self) -> dict:
        return asdict(self)


@functools.lru_cache(maxsize=2)
def splits_for(corpus_seed: int) -> dict[str, list[Pair]]:
    """make_splits, once per process (it takes seconds; the result is deterministic). Read-only."""
    return make_splits(corpus_seed)


def evaluate(model: Seq2Seq, tok: Tokenizer, pairs: Sequence[Pair]) -> tuple[dict, list[str]]:
    """Exact match, BLEU and exact match by length (evaluate.score) of greedy translations."""
    model.eval()
    hyps = translate_batch(model, tok, [p.zh for p in pairs])
    return score(hyps, pairs), hyps


def train(name: str, tcfg: RNNTrainConfig, model_overrides: dict | None = None, progress: bool = True,
          valid_limit: int = 400) -> tuple[Seq2Seq, Tokenizer, dict]:
    """Returns (model, tokenizer, meta) where meta holds the training curve and settings."""
    torch.set_num_threads(tcfg.num_threads)
    seed_everything(tcfg.seed)
    splits = splits_for(tcfg.corpus_seed)
    tok = build_tokenizer(splits["train"])  # identical to the Transformer's: same split, deterministic
    cfg = config_for(name, len(tok.src), len(tok.tgt), **(model_overrides or {}))
    model = Seq2Seq(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=tcfg.lr)
    train_ex = encode_pairs(tok, splits["train"])
    valid = splits["valid"][:valid_limit]
    loop = fit(model, opt, train_ex, tcfg, lambda: evaluate(model, tok, valid)[0]["exact_match"],
               desc=f"training {name}", progress=progress)
    meta = {
        "model": name,
        "train_config": tcfg.to_dict(),
        **loop,
        "n_params": model.n_params(),
        "sizes": {k: len(v) for k, v in splits.items()},
        "torch": torch.__version__,
    }
    return model.eval(), tok, meta


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", choices=(*MODELS, "all"), default="all")
    ap.add_argument("--steps", type=int, default=RNNTrainConfig.steps)
    ap.add_argument("--seed", type=int, default=RNNTrainConfig.seed)
    ap.add_argument("--out", type=Path, default=checkpoint.CHECKPOINT_DIR, help="directory for the checkpoints")
    ap.add_argument("--no-test", action="store_true", help="skip the test-split evaluation at the end")
    args = ap.parse_args(argv)
    tcfg = replace(RNNTrainConfig(), steps=args.steps, seed=args.seed)
    for name in MODELS if args.model == "all" else (args.model,):
        model, tok, meta = train(name, tcfg)
        if not args.no_test:
            metrics, _ = evaluate(model, tok, splits_for(tcfg.corpus_seed)["test"])
            meta["test_metrics"] = metrics
            print(format_report(metrics))
        weights, info = checkpoint.save(name, model, tok, meta, args.out)
        print(f"{name}: trained {meta['n_params']:,} parameters in {meta['train_seconds']} s; "
              f"wrote {weights} and {info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
