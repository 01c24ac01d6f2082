"""Forward-pass cost of tracing, measured in one run on the same shapes.

Prints (and writes bench/results/trace.json):
  - our Transformer, untraced
  - our Transformer, traced (every hook point recording a detached copy)
  - torch.nn.Transformer of the same config, untraced — the baseline
with the ratios the targets are stated in (traced ≤ 1.5 × baseline, untraced ≤ 1.1 × baseline).

Usage: python bench/bench_trace.py [--src-len 12] [--tgt-len 10] [--batch 1] [--repeats 300] [--grad]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tutorial_model.config import ModelConfig  # noqa: E402
from tutorial_model.hooks import capture  # noqa: E402
from tutorial_model.transformer import Transformer, padding_mask, target_mask  # noqa: E402


class TorchReference(nn.Module):
    """torch.nn.Transformer with the same sizes, plus embeddings and output layer so the work matches."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.src_embed = nn.Embedding(cfg.src_vocab_size, cfg.d_model)
        self.tgt_embed = nn.Embedding(cfg.tgt_vocab_size, cfg.d_model)
        self.register_buffer("pe", torch.zeros(cfg.max_len, cfg.d_model))
        self.core = nn.Transformer(cfg.d_model, cfg.n_heads, cfg.n_layers, cfg.n_layers, cfg.d_ff,
                                   cfg.dropout, batch_first=True)
        self.out = nn.Linear(cfg.d_model, cfg.tgt_vocab_size)

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        T = tgt.shape[1]
        causal = torch.ones(T, T, dtype=torch.bool).triu(1)  # True = may not attend, like the padding masks
        x = self.src_embed(src) * 8.0 + self.pe[: src.shape[1]]
        y = self.tgt_embed(tgt) * 8.0 + self.pe[:T]
        h = self.core(x, y, tgt_mask=causal, src_key_padding_mask=src == 0, memory_key_padding_mask=src == 0,
                      tgt_key_padding_mask=tgt == 0)
        return self.out(h)


def timeit(fn, repeats: int) -> dict:
    for _ in range(max(10, repeats // 10)):  # warm-up
        fn()
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    samples.sort()
    return {"median_ms": 1000 * statistics.median(samples), "p10_ms": 1000 * samples[len(samples) // 10],
            "p90_ms": 1000 * samples[9 * len(samples) // 10]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src-len", type=int, default=12)
    ap.add_argument("--tgt-len", type=int, default=10)
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=300)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--grad", action="store_true", help="time with autograd on instead of inference_mode")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    warnings.filterwarnings("ignore", module="torch")  # nested-tensor prototype notices from nn.Transformer
    torch.manual_seed(0)
    cfg = ModelConfig(src_vocab_size=600, tgt_vocab_size=450)
    ours, ref = Transformer(cfg).eval(), TorchReference(cfg).eval()
    src = torch.randint(4, cfg.src_vocab_size, (args.batch, args.src_len))
    tgt = torch.randint(4, cfg.tgt_vocab_size, (args.batch, args.tgt_len))
    assert padding_mask(src).all() and target_mask(tgt).shape == (args.batch, args.tgt_len, args.tgt_len)

    def traced():
        with capture(ours):
            ours(src, tgt)

    ctx = torch.enable_grad if args.grad else torch.inference_mode
    results = {}
    with ctx():
        # Interleave rounds so drift on a shared machine hits every variant alike; keep each one's best round.
        rounds = {"nn.Transformer (untraced)": [], "ours (untraced)": [], "ours (traced)": []}
        fns = {"nn.Transformer (untraced)": lambda: ref(src, tgt), "ours (untraced)": lambda: ours(src, tgt),
               "ours (traced)": traced}
        for _ in range(3):
            for name, fn in fns.items():
                rounds[name].append(timeit(fn, args.repeats))
        for name, rs in rounds.items():
            results[name] = min(rs, key=lambda r: r["median_ms"])
    base = results["nn.Transformer (untraced)"]["median_ms"]
    print(f"shapes: batch {args.batch}, source {args.src_len}, target {args.tgt_len}; d_model {cfg.d_model}, "
          f"{cfg.n_heads} heads, {cfg.n_layers}+{cfg.n_layers} layers; {args.threads} threads; "
          f"{'autograd on' if args.grad else 'inference_mode'}; torch {torch.__version__}")
    for name, r in results.items():
        print(f"  {name:<28} median {r['median_ms']:7.3f} ms  (p10 {r['p10_ms']:.3f}, p90 {r['p90_ms']:.3f})  "
              f"{r['median_ms'] / base:5.2f} × nn.Transformer")
    ratios = {"untraced_over_baseline": results["ours (untraced)"]["median_ms"] / base,
              "traced_over_baseline": results["ours (traced)"]["median_ms"] / base}
    print(f"targets: untraced ≤ 1.10 × → {ratios['untraced_over_baseline']:.2f} ×; "
          f"traced ≤ 1.50 × → {ratios['traced_over_baseline']:.2f} ×")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "trace.json").write_text(json.dumps({"args": vars(args), "machine": platform.machine(),
                                                "results": results, "ratios": ratios}, indent=1))


if __name__ == "__main__":
    main()
