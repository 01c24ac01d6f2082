"""Does cross-attention coverage make the unsure flag better? (issues 24 and 26: "confident omissions")

The shipped flag (tutorial_model/confidence.py) reads only the probabilities of the words written, so a dropped
phrase (我每天坐地铁去上班 → "I go to work every day") looks sure. This measures a coverage signal beside it: the
least attention any non-punctuation source character received, summed over the output steps
(confidence.coverage), for several ways to read the attention (layer 0, layer 1 or both; mean or max over
heads; raw sums or relative to a uniform share, × T_src / T_tgt; each character or each pair of neighbouring
characters, "-pair"), alone and combined with the current rule
(unsure when mean_logp < t1 OR min coverage < t2).

Beside coverage, a signal from outside the model: how many of the source's character pairs (or triples), within a
clause, no training sentence has ("unseen-2", "unseen-3"): a construction the corpus never produced should show
there, since the held-out failures are made of known characters in unknown combinations.

Every threshold is chosen on the calibration set evaluate.py uses (the everyday set), by two criteria: Youden's J
(evaluate.py's own) and "fewest right flagged with ≥ 70 % of wrong caught" (issue 24's target); the held-out set
is only measured, overall and by level. Wrong = sentence chrF < confidence.WRONG_CHRF, as evaluate.py.

Usage: python bench/bench_coverage_flag.py [--cache FILE]   (FILE keeps the decodings between runs)
Prints a table and writes bench/results/coverage_flag.json. One thread: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutorial_model import confidence  # noqa: E402

VARIANTS = {f"L{ls}-{h}-{n}{'' if w == 1 else '-pair'}": (ls, h, n, w) for ls in ("0", "1", "01")
            for h in ("mean", "max") for n in ("raw", "rel") for w in (1, 2)}
TARGET_CAUGHT = 0.70


def collect(translator, text: str, reference: str) -> dict | None:
    """Greedy output, chosen-word probabilities and each sentence's cross-attention patterns (both layers)."""
    from tutorial_model.evaluate import sentence_chrf
    from tutorial_model.tokenizer import InputError, join_translations

    try:
        _, encs = translator.tokenizer.encode_sentences(text)
    except InputError:
        return None  # refused: an empty output, flagged by every rule
    outs, probs, sents = [], [], []
    for i in range(len(encs)):
        trace = translator.run_with_trace(text, sentence_index=i)
        outs.append(trace.translation)
        probs += confidence.chosen_probs(trace.decoding.steps)
        n_layers = trace.meta["config"]["n_layers"]
        sents.append({"src": trace.src_tokens, "out": trace.out_tokens,
                      "pat": [trace["pattern", L, "decoder", "cross_attn"].copy() for L in range(n_layers)]})
    out = join_translations(outs)
    return {"text": text, "ref": reference, "out": out, "probs": probs, "sents": sents,
            "wrong": sentence_chrf(out, reference) < confidence.WRONG_CHRF}


def reduce(patterns, layers: str, heads: str, norm: str) -> np.ndarray:
    """(heads, T_tgt, T_src) per layer → one (T_tgt, T_src) matrix; 'rel' rescales so a uniform share is 1."""
    chosen = patterns if layers == "01" else [patterns[int(layers)]]
    stacked = np.mean(np.stack(chosen), axis=0)  # (H, T, S)
    matrix = stacked.mean(0) if heads == "mean" else stacked.max(0)
    return matrix * (matrix.shape[1] / matrix.shape[0]) if norm == "rel" else matrix


def windowed(covered: list, width: int) -> list:
    """Coverage of ``width`` neighbouring characters together: most Chinese words are two characters that one
    English word translates, and that word often reads only one of them (天 of 今天, 京 of 北京)."""
    values = [c for c in covered if c is not None]
    if width == 1 or len(values) < width:
        return values
    return [sum(values[i:i + width]) for i in range(len(values) - width + 1)]


def min_cover(item: dict | None, variant: tuple[str, str, str, int]) -> float:
    if item is None:
        return -math.inf
    *how, width = variant
    values = [min(windowed(confidence.coverage(reduce(s["pat"], *how), s["src"]), width), default=math.inf)
              for s in item["sents"]]
    return min(values)


def train_ngrams(widths: tuple[int, ...] = (2, 3)) -> dict[int, set[str]]:
    """Every run of ``width`` characters inside a clause of a training source sentence (corpus seed 0)."""
    from tutorial_model.corpus import make_splits

    grams: dict[int, set[str]] = {w: set() for w in widths}
    for pair in make_splits(seed=0)["train"]:
        for clause in clauses(list(pair.zh)):
            for w in widths:
                grams[w].update(clause[i:i + w] for i in range(len(clause) - w + 1))
    return grams


def clauses(tokens: list[str]) -> list[str]:
    """The runs of characters between punctuation marks."""
    out, run = [], ""
    for tok in tokens:
        if confidence.is_punctuation(tok):
            out, run = out + [run] if run else out, ""
        else:
            run += tok
    return out + [run] if run else out


def unseen(item: dict | None, grams: set[str], width: int) -> float:
    """How many of the source's ``width``-character runs no training sentence has (inf: refused input)."""
    if item is None:
        return math.inf
    return float(sum(c[i:i + width] not in grams for s in item["sents"] for c in clauses(list(s["src"]))
                     for i in range(len(c) - width + 1)))


def logp(item: dict | None) -> float:
    return -math.inf if item is None else confidence.score("mean_logp", item["probs"])


def _cuts(values: np.ndarray) -> np.ndarray:
    finite = np.unique(values[np.isfinite(values)])
    if not len(finite):
        return np.array([-np.inf])
    return np.concatenate([[-np.inf], (finite[1:] + finite[:-1]) / 2, [finite[-1] + 1e-9]])


def choose(s1: np.ndarray, s2: np.ndarray | None, wrong: np.ndarray, criterion: str) -> tuple[float, float]:
    """Thresholds (t1, t2) for "s1 < t1 or s2 < t2" (s2 None: t2 = -inf) on the calibration scores;
    ties → fewer flags."""
    c1 = _cuts(s1)
    c2 = _cuts(s2) if s2 is not None else np.array([-np.inf])
    s2 = s2 if s2 is not None else np.zeros_like(s1)
    flags = (s1[None, None, :] < c1[:, None, None]) | (s2[None, None, :] < c2[None, :, None])
    caught, false = flags[:, :, wrong].mean(2), flags[:, :, ~wrong].mean(2)
    goal = caught - false if criterion == "youden" else np.where(caught >= TARGET_CAUGHT, -false, -np.inf)
    best = np.lexsort((flags.mean(2).ravel(), -goal.ravel()))[0]
    i, j = np.unravel_index(best, goal.shape)
    return float(c1[i]), float(c2[j])


def quality(flags: np.ndarray, wrong: np.ndarray) -> dict:
    return {"n": int(len(flags)), "flagged_wrong": float(flags[wrong].mean()),
            "flagged_right": float(flags[~wrong].mean())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, help="pickle of the decodings (read if present, else written)")
    args = ap.parse_args(argv)
    if args.cache and args.cache.exists():
        data = pickle.loads(args.cache.read_bytes())
    else:
        import torch

        from tutorial_model.evaluate import load_everyday, load_heldout
        from tutorial_model.translator import Translator

        torch.set_num_threads(1)
        translator = Translator.load()
        with torch.inference_mode():
            data = {"cal": [collect(translator, r.zh, r.reference) for r in load_everyday()],
                    "test": [(r.level, collect(translator, r.zh, r.reference)) for r in load_heldout()]}
        if args.cache:
            args.cache.write_bytes(pickle.dumps(data))
    cal, test = data["cal"], [item for _, item in data["test"]]
    levels = np.array([lv for lv, _ in data["test"]])
    cal_wrong = np.array([c is None or c["wrong"] for c in cal])
    test_wrong = np.array([c is None or c["wrong"] for c in test])
    lp_cal, lp_test = np.array([logp(c) for c in cal]), np.array([logp(c) for c in test])
    rows = []

    def measure(name: str, t1: float, t2: float, cov_cal: np.ndarray | None, cov_test: np.ndarray | None) -> None:
        def flags(lp, cov):
            return (lp < t1) | ((cov < t2) if cov is not None else np.zeros_like(lp, dtype=bool))
        f_test = flags(lp_test, cov_test)
        rows.append({"candidate": name, "t_mean_logp": t1, "t_coverage": t2,
                     "calibration": quality(flags(lp_cal, cov_cal), cal_wrong), "heldout": quality(f_test, test_wrong),
                     "by_level": {lv: quality(f_test[levels == lv], test_wrong[levels == lv])
                                  for lv in sorted(set(levels))}})

    for criterion in ("youden", "c70"):
        t1, _ = choose(lp_cal, None, cal_wrong, criterion)
        measure(f"mean_logp ({criterion})", t1, -math.inf, None, None)
    covers = {name: (np.array([min_cover(c, v) for c in cal]), np.array([min_cover(c, v) for c in test]))
              for name, v in VARIANTS.items()}
    for name, (cc, ct) in covers.items():
        never = np.full_like(lp_cal, -np.inf)
        _, t2 = choose(never, cc, cal_wrong, "youden")
        measure(f"coverage {name} alone (youden)", -math.inf, t2, cc, ct)
    grams = train_ngrams()
    # "fewer unseen runs" is surer: the signal is minus the count, flagged when below a threshold as coverage is
    covers |= {f"unseen-{w}": (-np.array([unseen(c, grams[w], w) for c in cal]),
                               -np.array([unseen(c, grams[w], w) for c in test])) for w in grams}
    for w in grams:
        cc, ct = covers[f"unseen-{w}"]
        _, t2 = choose(np.full_like(lp_cal, -np.inf), cc, cal_wrong, "youden")
        measure(f"unseen-{w} alone (youden)", -math.inf, t2, cc, ct)
    for criterion in ("youden", "c70"):
        for name, (cc, ct) in covers.items():
            t1, t2 = choose(lp_cal, cc, cal_wrong, criterion)
            measure(f"mean_logp OR {name} ({criterion})", t1, t2, cc, ct)
    print(f"calibration (everyday): n={len(cal)} wrong={int(cal_wrong.sum())}; "
          f"held-out: n={len(test)} wrong={int(test_wrong.sum())}")
    print(f"{'candidate':50} {'t1':>7} {'t2':>6} | cal caught/false | held-out caught/false | by level caught/false")
    for r in rows:
        c, h = r["calibration"], r["heldout"]
        lv = "  ".join(f"L{k} {100 * q['flagged_wrong']:.0f}/{100 * q['flagged_right']:.0f}"
                       for k, q in r["by_level"].items())
        print(f"{r['candidate']:50} {r['t_mean_logp']:7.3f} {r['t_coverage']:6.3f} | "
              f"{100 * c['flagged_wrong']:5.1f} {100 * c['flagged_right']:5.1f}      | "
              f"{100 * h['flagged_wrong']:5.1f} {100 * h['flagged_right']:5.1f}           | {lv}")
    out = ROOT / "bench" / "results" / "coverage_flag.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
