"""What the exercises cost: generating every exercise of a page, grading one answer, and model passes.

For each lesson page whose exercises read the Transformer's trace, over sentences of the test split: the time to
generate one instance of every exercise of the page (the box draws one at a time; this is the whole page), the
time of one grading, and how many times the model's forward ran meanwhile (a forward hook counts them: the
exercises read the cached trace, so the target is 0). Targets (issue 20): ≤ 50 ms per page, ≤ 10 ms per grading.
The baseline in the same run: one traced translation of the same sentence (what a new sentence costs anyway).

Usage: python bench/bench_exercises.py [--sentences 30]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exercises import core, registry  # noqa: E402
from exercises.registry import Given  # noqa: E402
from tutorial_model import corpus  # noqa: E402
from tutorial_model.translator import Translator  # noqa: E402

PAGES = ("self_attention", "multi_head", "masked_attention", "cross_attention", "generation")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=30)
    args = ap.parse_args()
    import torch

    torch.set_num_threads(1)  # one sentence is small matrices: the app's choice too (and steadier on a busy machine)
    tr = Translator.load()
    test = [p.zh for p in corpus.make_splits(0)["test"]]
    sentences = random.Random(1).sample(test, args.sentences)
    extras = {"itos": tr.tokenizer.tgt.itos}

    trace_ms, givens = [], []
    for s in sentences:
        t0 = time.perf_counter()
        trace = tr.run_with_trace(s)
        trace_ms.append(1000 * (time.perf_counter() - t0))
        givens.append(Given(trace, tr.model.cfg, extras, s))

    # every pass of the model embeds its source or target: a hook on the embeddings counts passes
    passes = [0]
    embeds = [m for name, m in tr.model.named_modules() if name.endswith("embed")]
    handles = [m.register_forward_hook(lambda *_: passes.__setitem__(0, passes[0] + 1)) for m in embeds]
    tr.run_with_trace(sentences[0])
    control = passes[0]  # the counter sees a real translation (a check that it can count at all)
    passes[0] = 0
    page_ms: dict[str, list[float]] = {p: [] for p in PAGES}
    grade_ms: list[float] = []
    try:
        for g in givens:
            for page in PAGES:
                t0 = time.perf_counter()
                instances = registry.instances(page, g)
                page_ms[page].append(1000 * (time.perf_counter() - t0))
                for instance in instances:
                    for raw in (instance.answer, *instance.bugs.values()):
                        typed = f"{raw:.6f}" if instance.kind == core.NUMBER else raw
                        t0 = time.perf_counter()
                        core.grade(instance, typed)
                        grade_ms.append(1000 * (time.perf_counter() - t0))
    finally:
        for handle in handles:
            handle.remove()

    def p95(xs: list[float]) -> float:
        return sorted(xs)[int(0.95 * (len(xs) - 1))]

    result = {
        "sentences": len(sentences),
        "trace_ms_median": statistics.median(trace_ms),
        "page_ms": {p: {"median": statistics.median(v), "p95": p95(v), "max": max(v)} for p, v in page_ms.items()},
        "grade_ms": {"median": statistics.median(grade_ms), "p95": p95(grade_ms), "max": max(grade_ms),
                     "n": len(grade_ms)},
        "model_passes_during_exercises": passes[0],
        "embedding_calls_of_one_translation": control,
    }
    print(f"{len(sentences)} test-split sentences; one traced translation (baseline): "
          f"median {result['trace_ms_median']:.1f} ms")
    for page, v in result["page_ms"].items():
        print(f"  {page:18s} every exercise generated: median {v['median']:.2f} ms, p95 {v['p95']:.2f} ms, "
              f"max {v['max']:.2f} ms (target ≤ 50 ms; {v['p95'] / result['trace_ms_median']:.2f}× a trace)")
    g = result["grade_ms"]
    print(f"  one grading: median {g['median']:.3f} ms, p95 {g['p95']:.3f} ms, max {g['max']:.3f} ms over {g['n']} "
          f"(target ≤ 10 ms)")
    print(f"  model passes caused by exercises: {passes[0]} (target 0; the same counter saw {control} embedding calls "
          f"in one translation)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "exercises.json").write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
