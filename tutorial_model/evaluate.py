"""Exact match and BLEU on the held-out test split: ``python -m tutorial_model.evaluate``."""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Sequence

import sacrebleu
import torch

from .corpus import Pair, make_splits
from .data import pad
from .decoding import greedy_batch
from .tokenizer import Tokenizer, zh_tokens
from .transformer import Transformer


def translate_batch(model: Transformer, tok: Tokenizer, sources: Sequence[str], batch_size: int = 256) -> list[str]:
    """Greedy translations as space-joined English tokens (the corpus' own form)."""
    device = next(model.parameters()).device
    out: list[str] = []
    model.eval()
    for i in range(0, len(sources), batch_size):
        src = pad([tok.src.encode(zh_tokens(s)) for s in sources[i:i + batch_size]]).to(device)
        for row in greedy_batch(model, src).tolist():
            out.append(" ".join(tok.decode_target(row)))
    return out


def score(hyps: Sequence[str], pairs: Sequence[Pair]) -> dict:
    """Exact match (whole sentence right), corpus BLEU, and exact match by source length."""
    refs = [p.en for p in pairs]
    exact = [h == r for h, r in zip(hyps, refs)]
    by_len: dict[int, list[bool]] = defaultdict(list)
    for p, ok in zip(pairs, exact):
        by_len[len(p.zh)].append(ok)
    return {
        "n": len(pairs),
        "exact_match": sum(exact) / len(exact),
        "bleu": sacrebleu.corpus_bleu(list(hyps), [refs]).score,
        "by_length": {n: {"n": len(v), "exact_match": sum(v) / len(v)} for n, v in sorted(by_len.items())},
    }


def evaluate(model: Transformer, tok: Tokenizer, pairs: Sequence[Pair]) -> tuple[dict, list[str]]:
    with torch.inference_mode():
        hyps = translate_batch(model, tok, [p.zh for p in pairs])
    return score(hyps, pairs), hyps


def format_report(metrics: dict) -> str:
    lines = [f"test pairs: {metrics['n']}",
             f"exact match: {100 * metrics['exact_match']:.2f} %",
             f"BLEU: {metrics['bleu']:.2f}",
             "exact match by source length (characters):"]
    for n, m in metrics["by_length"].items():
        lines.append(f"  {int(n):>3}  n={m['n']:>5}  {100 * m['exact_match']:6.2f} %")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from .checkpoint import CheckpointError, load_transformer

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--errors", type=int, default=10, help="how many wrong translations to print")
    args = ap.parse_args(argv)
    try:
        model, tok, meta = load_transformer()
    except CheckpointError as e:
        print(e)
        return 1
    test = make_splits(meta.get("train_config", {}).get("corpus_seed", 0))["test"]
    metrics, hyps = evaluate(model, tok, test)
    print(format_report(metrics))
    wrong = [(p, h) for p, h in zip(test, hyps) if h != p.en]
    for p, h in wrong[: args.errors]:
        print(f"  ✗ {p.zh}  expected: {p.en}  got: {h}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
