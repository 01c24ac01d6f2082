"""Train the recurrent baselines, seeded: ``python -m tutorial_model.train_rnn --model rnn|lstm|lstm_attn|all``.

The older spelling of ``python -m tutorial_model.train --model rnn|lstm|lstm_attn|all`` (train.py trains every
model of the registry). Same corpus, splits, vocabularies, batch size, step count and schedule as the
Transformer, so the comparison is about the architecture. Writes assets/checkpoints/{rnn,lstm,lstm_attn}.*.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import torch

from .config import RNNTrainConfig
from .corpus import Pair
from .registry import RECURRENT
from .tokenizer import Tokenizer
from .train import main as train_main
from .train import splits_for, train_model

__all__ = ["RNNTrainConfig", "evaluate", "main", "splits_for", "train"]


def evaluate(model: torch.nn.Module, tok: Tokenizer, pairs: Sequence[Pair]) -> tuple[dict, list[str]]:
    """Exact match, BLEU and exact match by length (evaluate.score) of greedy translations."""
    from .evaluate import evaluate as evaluate_translations

    return evaluate_translations(model, tok, pairs)


def train(name: str, tcfg: RNNTrainConfig, model_overrides: dict | None = None, progress: bool = True,
          valid_limit: int = 400) -> tuple[torch.nn.Module, Tokenizer, dict]:
    """train.train_model for a recurrent model."""
    return train_model(name, tcfg, model_overrides, progress, valid_limit)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", choices=(*RECURRENT, "all"), default="all")
    args, rest = ap.parse_known_args(argv)
    return train_main(["--model", args.model, *rest])


if __name__ == "__main__":
    raise SystemExit(main())
