"""Head importance over the test split, as in Michel et al. 2019 ("Are Sixteen Heads Really Better than One?").

``python -m tutorial_model.head_importance [--limit N] [--ablation mean|zero]``

For every head of every attention (encoder self, decoder self, cross), knocked out alone: the drop in BLEU of
the greedy translations and in the mean log-probability of the reference words (teacher forcing). Then heads
are removed together, least important first, until BLEU has dropped by 1 point: how many can go.

Knocked-out heads get their mean z over the same sentences (see experiments.py for why the mean, not zero);
those means are stored too, so the app's head experiments use exactly them. The result goes next to the
checkpoint (transformer_heads.json) with the checkpoint's weights hash, so a page can tell a stale file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch

from . import experiments as ex
from .checkpoint import CHECKPOINT_DIR, load, paths
from .corpus import Pair, make_splits
from .data import pad
from .evaluate import score, translate_batch
from .hooks import capture
from .tokenizer import PAD_ID, Tokenizer, zh_tokens
from .transformer import Transformer, padding_mask, target_mask

NAME = "transformer_heads"  # assets/checkpoints/transformer_heads.json
DEFAULT_LIMIT = 500  # test sentences: enough to resolve a BLEU point, cheap to re-run (measured: ~20 s on 1 thread)
BLEU_BUDGET = 1.0  # how many BLEU points the pruning may lose


def heads_path(directory: Path | str = CHECKPOINT_DIR) -> Path:
    return Path(directory) / f"{NAME}.json"


def weights_hash(directory: Path | str = CHECKPOINT_DIR, name: str = "transformer") -> str:
    """sha256 of the weights file: names the checkpoint the figures were measured on."""
    return hashlib.sha256(paths(name, directory)[0].read_bytes()).hexdigest()


def read(directory: Path | str = CHECKPOINT_DIR) -> dict | None:
    """The stored result, or None when it is missing or unreadable."""
    path = heads_path(directory)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return None


def _teacher_batch(tok: Tokenizer, pairs: Sequence[Pair]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """src (B, T_src), decoder input (B, T) and the words it should predict (B, T), padded with <pad>."""
    src = pad([tok.src.encode(zh_tokens(p.zh)) for p in pairs])
    tgt = pad([tok.encode_target(p.en) for p in pairs])  # <bos> w1 … wn <eos>
    return src, tgt[:, :-1], tgt[:, 1:]


@torch.inference_mode()
def mean_logp(model: Transformer, batch) -> float:
    """Mean over every reference word (and <eos>) of log p(word | source, reference prefix)."""
    src, tgt_in, gold = batch
    logits = model.decode(model.encode(src, padding_mask(src)), padding_mask(src), tgt_in, target_mask(tgt_in))
    logp = logits.log_softmax(-1).gather(-1, gold[..., None])[..., 0]  # (B, T)
    real = gold != PAD_ID
    return float(logp[real].mean())


@torch.inference_mode()
def mean_z(model: Transformer, batch) -> dict[str, np.ndarray]:
    """Attention site → (h, d_k): each head's z averaged over every real query position of the batch."""
    src, tgt_in, gold = batch
    with capture(model, lambda n: n.endswith(".hook_z")) as cap:
        model(src, tgt_in)
    out = {}
    for kind in ex.ATTENTIONS:
        # (B, T_q) query positions of the sentences themselves; on the decoder side that is where a word is
        # predicted (gold), because a shorter sentence's <eos> sits in tgt_in over padding
        real = (src if kind == "enc_self" else gold) != PAD_ID
        for layer in range(model.cfg.n_layers):
            site = ex.attention_site(kind, layer)
            z = cap.last(f"{site}.hook_z")  # (B, h, T_q, d_k)
            out[site] = z.permute(1, 0, 2, 3)[:, real].mean(1).numpy()  # (h, n_positions, d_k) → (h, d_k)
    return out


def measure(model: Transformer, tok: Tokenizer, pairs: Sequence[Pair], means: dict, iv: ex.Intervention,
            batch) -> dict:
    with ex.intervene(model, iv, means):
        m = score(translate_batch(model, tok, [p.zh for p in pairs]), pairs)
        return {"bleu": m["bleu"], "exact_match": m["exact_match"], "mean_logp": mean_logp(model, batch)}


def importance(model: Transformer, tok: Tokenizer, pairs: Sequence[Pair], ablation: str = "mean",
               progress: bool = False) -> dict:
    """Every head knocked out alone, then the pruning curve; plain data (see the module docstring)."""
    t0 = time.perf_counter()
    batch = _teacher_batch(tok, pairs)
    means = mean_z(model, batch)
    base = measure(model, tok, pairs, means, ex.Intervention(), batch)
    heads = []
    for kind, layer, head in ex.all_heads(model.cfg):
        m = measure(model, tok, pairs, means, ex.Intervention(heads=((kind, layer, head),), ablation=ablation), batch)
        heads.append({"kind": kind, "layer": layer, "head": head, **m, "bleu_drop": base["bleu"] - m["bleu"],
                      "logp_drop": base["mean_logp"] - m["mean_logp"]})
        if progress:
            print(f"  {kind:<9} layer {layer} head {head}: BLEU {m['bleu']:6.2f} ({-heads[-1]['bleu_drop']:+.2f}), "
                  f"mean log p {m['mean_logp']:.4f} ({-heads[-1]['logp_drop']:+.4f})", flush=True)
    # least important first: smallest BLEU drop, ties (common: single heads rarely cost BLEU) by log-prob drop
    order = sorted(range(len(heads)), key=lambda i: (heads[i]["bleu_drop"], heads[i]["logp_drop"]))
    pruning = [{"removed": 0, "bleu": base["bleu"], "exact_match": base["exact_match"]}]
    for k in range(1, len(order) + 1):
        gone = tuple((heads[i]["kind"], heads[i]["layer"], heads[i]["head"]) for i in order[:k])
        with ex.intervene(model, ex.Intervention(heads=gone, ablation=ablation), means):
            m = score(translate_batch(model, tok, [p.zh for p in pairs]), pairs)
        pruning.append({"removed": k, "bleu": m["bleu"], "exact_match": m["exact_match"]})
        if base["bleu"] - m["bleu"] >= BLEU_BUDGET:  # one step past the budget is enough for the figure
            break
    n_prunable = next((p["removed"] - 1 for p in pruning if base["bleu"] - p["bleu"] >= BLEU_BUDGET), len(order))
    return {
        "method": "Michel et al. 2019: each head knocked out alone; then removed least important first",
        "ablation": ablation,
        "n_sentences": len(pairs),
        "baseline": base,
        "heads": heads,
        "order": [[heads[i]["kind"], heads[i]["layer"], heads[i]["head"]] for i in order],
        "pruning": pruning,
        "bleu_budget": BLEU_BUDGET,
        "n_prunable": n_prunable,
        "n_heads": len(heads),
        "mean_z": {site: z.tolist() for site, z in means.items()},
        "seconds": round(time.perf_counter() - t0, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="first N sentences of the test split")
    ap.add_argument("--ablation", choices=ex.ABLATIONS, default="mean")
    ap.add_argument("--dir", type=Path, default=CHECKPOINT_DIR, help="checkpoint directory (result written there)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    if args.limit < 1:
        ap.error("--limit must be at least 1")
    torch.set_num_threads(args.threads)
    model, tok, meta = load("transformer", args.dir)
    corpus_seed = meta.get("train_config", {}).get("corpus_seed", 0)
    pairs = make_splits(corpus_seed)["test"][:args.limit]
    print(f"head importance on {len(pairs)} test sentences (corpus seed {corpus_seed}), {args.ablation} ablation",
          flush=True)
    result = importance(model, tok, pairs, args.ablation, progress=True)
    result.update({"corpus_seed": corpus_seed, "limit": args.limit, "weights_sha256": weights_hash(args.dir)})
    out = heads_path(args.dir)
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    base = result["baseline"]
    print(f"baseline BLEU {base['bleu']:.2f}, exact match {100 * base['exact_match']:.2f} % on {len(pairs)} sentences")
    print(f"{result['n_prunable']} of {result['n_heads']} heads can go (least important first) before BLEU drops by "
          f"{BLEU_BUDGET:g} point; {result['seconds']} s; wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
