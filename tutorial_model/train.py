"""Train any model of the registry from scratch, seeded: ``python -m tutorial_model.train [--model NAME]``.

Without ``--model`` it trains the Transformer and reproduces assets/checkpoints/transformer.{safetensors,json}
in about 20 minutes of one CPU core (README, "Training and results"). ``--model rnn|lstm|lstm_attn`` trains a
recurrent baseline (``--model all``: the three of them, as ``make train`` does), ``--model bert|gpt|prefix_lm``
an encoder-only or decoder-only model (registry.MODELS); each writes <name>.*.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import torch

from . import checkpoint
from .config import VARIANTS, TrainConfig
from .corpus import Pair, examples_by_topic, make_splits
from .evaluate import evaluate, format_report
from .fit import fit, seed_everything, snapshot_schedule
from .registry import MODELS, RECURRENT, spec
from .snapshots import SnapshotRecorder
from .tokenizer import Tokenizer


@functools.lru_cache(maxsize=2)
def splits_for(corpus_seed: int) -> dict[str, list[Pair]]:
    """make_splits, once per process (it takes seconds; the result is deterministic). Read-only."""
    return make_splits(corpus_seed)


def validate(name: str, model: torch.nn.Module, tok: Tokenizer, pairs: Sequence[Pair]) -> float:
    """The score the training curve records: exact match of greedy translations; BERT: fill-in accuracy."""
    if spec(name).task == "fill":
        from .family_tasks import fill_in_accuracy

        return fill_in_accuracy(model, tok, pairs)["fill_accuracy"]
    return evaluate(model, tok, pairs)[0]["exact_match"]


def task_metrics(name: str, model: torch.nn.Module, tok: Tokenizer, pairs: Sequence[Pair],
                 corpus: Sequence[Pair] | None = None) -> dict:
    """Each model's own task on the test split: exact match, BLEU, by length and word order (evaluate.score;
    ``corpus``: every split, for the sentences whose order decides their meaning); BERT: fill-in."""
    if spec(name).task == "fill":
        from .family_tasks import fill_in_accuracy

        return fill_in_accuracy(model, tok, pairs)
    return evaluate(model, tok, pairs, corpus)[0]


def train_model(name: str, tcfg: TrainConfig | None = None, model_overrides: dict | None = None,
                progress: bool = True, valid_limit: int = 400, device: str = "cpu",
                recorder: SnapshotRecorder | None = None) -> tuple[torch.nn.Module, Tokenizer, dict]:
    """Returns (model, tokenizer, meta) where meta holds the training curve and settings.

    On ``device="cuda"`` the same model and schedule train on the GPU (results differ from the CPU's in
    the last bits, so the shipped checkpoints are the CPU ones).
    """
    s = spec(name)
    tcfg = tcfg or s.train_config
    torch.set_num_threads(tcfg.num_threads)
    seed_everything(tcfg.seed)
    splits = splits_for(tcfg.corpus_seed)
    tok = s.tokenizer(splits["train"])  # vocabularies from the training split only; the same for every model
    model = s.model_cls(s.make_config(tok, model_overrides or {})).to(device)
    opt = s.optimizer(model.parameters(), tcfg)
    train_ex = s.examples(model, tok, splits["train"])
    valid = splits["valid"][:valid_limit]
    loop = fit(model, opt, train_ex, tcfg, lambda: validate(name, model, tok, valid),
               desc="training" if name == "transformer" else f"training {name}", progress=progress,
               snapshot=recorder, snapshot_steps=snapshot_schedule(tcfg.steps) if recorder else (), loss_fn=s.loss)
    meta = {
        "model": name,
        "train_config": tcfg.to_dict(),
        **loop,
        "n_params": model.n_params(),
        "device": str(device),
        "torch": torch.__version__,
        "sizes": {k: len(v) for k, v in splits.items()},
    }
    if name == "transformer":  # so the app lists them without regenerating the corpus; all in the training split
        meta["examples_by_topic"] = examples_by_topic(tcfg.corpus_seed)
    return model.eval(), tok, meta


def everyday_metrics(model: torch.nn.Module, tok: Tokenizer, corpus_seed: int) -> dict:
    """BLEU, chrF and the rest on the hand-written everyday set (evaluate.everyday_report)."""
    from .evaluate import EVERYDAY_PATH, everyday_report, load_everyday
    from .translator import Translator

    train_pairs = splits_for(corpus_seed)["train"]
    return everyday_report(Translator(model, tok), load_everyday(), EVERYDAY_PATH, train_pairs)


def round_to_half(model: torch.nn.Module) -> None:
    """Round every floating-point weight to float16 and back, in place (what a half-precision checkpoint holds)."""
    with torch.no_grad():
        for t in model.state_dict().values():
            if t.is_floating_point():
                t.copy_(t.half().float())


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", choices=(*MODELS, "all"), default="transformer",
                    help="which model (registry.MODELS); 'all' = the three recurrent baselines")
    ap.add_argument("--steps", type=int, default=None, help="default: the model's training configuration")
    ap.add_argument("--seed", type=int, default=TrainConfig.seed)
    ap.add_argument("--out", type=Path, default=None,
                    help="checkpoint directory (default assets/checkpoints; a variant: …/experiments/NAME)")
    ap.add_argument("--variant", choices=sorted(VARIANTS), default=None,
                    help="train an experiment: the Transformer with one part changed (config.VARIANTS); no replay")
    ap.add_argument("--threads", type=int, default=None, help="CPU threads for PyTorch (default: the model's)")
    ap.add_argument("--device", default="cpu", help="cpu, or cuda when a GPU is present")
    ap.add_argument("--no-replay", action="store_true", help="do not save the training-replay snapshots")
    ap.add_argument("--no-test", action="store_true", help="skip the test-split evaluation at the end")
    args = ap.parse_args(argv)
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        ap.error("--device cuda needs a GPU; none is visible to PyTorch")
    if args.variant and args.model != "transformer":
        ap.error("--variant changes the Transformer; leave out --model")
    names = RECURRENT if args.model == "all" else (args.model,)
    for name in names:
        s = spec(name)
        tcfg = replace(s.train_config, seed=args.seed,
                       **({"steps": args.steps} if args.steps is not None else {}),
                       **({"num_threads": args.threads} if args.threads is not None else {}))
        overrides = VARIANTS[args.variant] if args.variant else None
        out = args.out
        if out is None:
            out = checkpoint.variant_dir(args.variant) if args.variant else checkpoint.CHECKPOINT_DIR
        replay = name == "transformer" and not (args.no_replay or args.variant)
        recorder = SnapshotRecorder() if replay else None
        model, tok, meta = train_model(name, tcfg, overrides, device=args.device, recorder=recorder)
        if args.variant:
            meta["variant"] = {"name": args.variant, "overrides": overrides}
            round_to_half(model)  # measure what ships: the variants are stored in float16
        if not args.no_test:
            splits = splits_for(tcfg.corpus_seed)
            metrics = task_metrics(name, model, tok, splits["test"], [p for split in splits.values() for p in split])
            meta["test_metrics"] = metrics
            if s.task == "fill":
                print(f"fill-in accuracy: {100 * metrics['fill_accuracy']:.2f} % "
                      f"(top 5: {100 * metrics['fill_top5']:.2f} %) on {metrics['n']} test sentences")
            else:
                print(format_report(metrics))
            if s.family == "decoder-only" or args.variant:  # both test sets, beside the main model
                meta["everyday_metrics"] = everyday_metrics(model, tok, tcfg.corpus_seed)
        weights, info = checkpoint.save(s.checkpoint, model, tok, meta, out, half=bool(args.variant))
        if recorder is not None:
            recorder.save(tcfg.steps, out)
        print(f"{name}: trained {meta['n_params']:,} parameters in {meta['train_seconds']} s; "
              f"wrote {weights} and {info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
