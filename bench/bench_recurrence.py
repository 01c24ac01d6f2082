"""Forward time against sequence length: recurrence (T steps in a row) vs self-attention (n_layers steps).

Every model has the shipped sizes and vocabularies but random weights (time does not depend on the
weights); the Transformer gets a longer positional table so it can read long inputs too. All models are
timed in the same run, interleaved, so drift on a shared machine hits each alike. Prints a table and
writes bench/results/recurrence.json.

Usage: python bench/bench_recurrence.py [--lengths 4 8 16 32 64 128] [--batch 1] [--repeats 20] [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tutorial_model.compare import LABELS, forward_time_by_length  # noqa: E402
from tutorial_model.config import ModelConfig  # noqa: E402
from tutorial_model.rnn import MODELS, Seq2Seq, config_for  # noqa: E402
from tutorial_model.transformer import Transformer  # noqa: E402

V_SRC, V_TGT = 367, 487  # the shipped vocabularies' sizes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lengths", type=int, nargs="+", default=[4, 8, 16, 32, 64, 128])
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; each model keeps its best")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    models = {name: Seq2Seq(config_for(name, V_SRC, V_TGT)).eval() for name in MODELS}
    models["transformer"] = Transformer(ModelConfig(V_SRC, V_TGT, max_len=max(args.lengths) + 1)).eval()

    best: dict[str, list[dict]] = {}
    for _ in range(args.rounds):
        for name, model in models.items():
            rows = forward_time_by_length(model, args.lengths, repeats=args.repeats, batch=args.batch)
            if name not in best:
                best[name] = rows
            else:
                for kept, new in zip(best[name], rows):
                    for key in ("encode_ms", "forward_ms"):
                        kept[key] = min(kept[key], new[key])

    print(f"batch {args.batch}; {args.threads} thread(s); median of {args.repeats}, best of {args.rounds} rounds; "
          f"torch {torch.__version__}; {platform.machine()}")
    head = f"{'T':>5}" + "".join(f"{LABELS[n]:>18}" for n in models) + f"{'RNN / Transformer':>20}"
    for key, title in (("encode_ms", "encoder only"), ("forward_ms", "teacher-forced forward, target also T tokens")):
        print(f"\n{title} (ms)")
        print(head)
        for i, T in enumerate(args.lengths):
            cells = "".join(f"{best[n][i][key]:>18.3f}" for n in models)
            ratio = best["rnn"][i][key] / best["transformer"][i][key]
            print(f"{T:>5}{cells}{ratio:>19.1f}×")
    n_layers = models["transformer"].cfg.n_layers
    print(f"\nsequential steps in the encoder: recurrent = T ({', '.join(map(str, args.lengths))}); "
          f"Transformer = n_layers = {n_layers} for every T")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "recurrence.json").write_text(json.dumps({"args": vars(args), "machine": platform.machine(),
                                                     "torch": torch.__version__, "results": best}, indent=1))


if __name__ == "__main__":
    main()
