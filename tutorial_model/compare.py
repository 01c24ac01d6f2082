"""RNN vs LSTM vs LSTM+attention vs Transformer: one table, and the measurements behind "why attention won".

``python -m tutorial_model.compare`` prints the table. Everything here is inference only and never
changes a model: models are shared across threads, so gradients are taken with respect to fresh leaf
tensors (``torch.autograd.grad``), never accumulated into parameters. Pass ``lock`` (the translator's
lock) when another thread may be capturing the same model, or its trace would record our forward passes.

Functions return plain data (lists, dicts, floats, NumPy arrays) for pages and plots.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from . import checkpoint, decoding
from .checkpoint import CHECKPOINT_DIR, CheckpointError
from .corpus import Pair, make_splits
from .evaluate import score, translate_batch
from .registry import MODELS as REGISTRY
from .registry import RECURRENT, TRANSLATION_MODELS, spec_of
from .rnn import Encoded
from .tokenizer import BOS_ID, PAD_ID, Tokenizer
from .transformer import Transformer, padding_mask, target_mask

MODELS = RECURRENT
ALL_MODELS = TRANSLATION_MODELS
# the Foundations' convolutional and one-pass translators: rows of lesson 13's table and by-length figure when
# trained (same corpus, split and budget), not of its gradient and path figures (those compare recurrence)
ALSO_COMPARED = ("conv", "nat")
TABLED = (*ALL_MODELS, *ALSO_COMPARED)
LABELS = {name: REGISTRY[name].label for name in TABLED}
LENGTH_BUCKETS = ((1, 5), (6, 8), (9, 11), (12, 14), (15, 17), (18, 24))  # source characters, inclusive


def kind(model: nn.Module) -> str:
    """rnn, lstm, lstm_attn or transformer."""
    name = spec_of(model).name
    if name not in ALL_MODELS:
        raise TypeError(f"not one of the compared translation models: {name}")
    return name


def _guard(lock) -> contextlib.AbstractContextManager:
    return lock if lock is not None else contextlib.nullcontext()


# ==================================================================================== the table


def load_model(name: str, directory: Path = CHECKPOINT_DIR) -> tuple[nn.Module, Tokenizer, dict]:
    """(model, tokenizer, meta) of a shipped checkpoint; CheckpointError names the command that builds it."""
    return checkpoint.load(name, directory)


def bucket(by_length: dict, buckets: Sequence[tuple[int, int]] = LENGTH_BUCKETS) -> list[dict]:
    """Exact match per source-length bucket, from evaluate.score's by_length (keys may be str after JSON)."""
    rows = []
    for lo, hi in buckets:
        cells = [m for n, m in by_length.items() if lo <= int(n) <= hi]
        n = sum(m["n"] for m in cells)
        hits = sum(m["n"] * m["exact_match"] for m in cells)
        rows.append({"lengths": f"{lo}–{hi}", "lo": lo, "hi": hi, "n": n,
                     "exact_match": hits / n if n else None})
    return rows


def comparison_table(directory: Path = CHECKPOINT_DIR, live: bool = False, pairs: Sequence[Pair] | None = None,
                     models: Sequence[str] = ALL_MODELS) -> dict:
    """One row per model: parameters, exact match and BLEU on the test split, exact match by source length,
    training seconds. By default the metrics stored in each checkpoint at training time are used (same
    split, same evaluate.score; instant, for pages); ``live=True`` re-translates the split now (~half a
    minute). Missing checkpoints are listed under ``missing`` with the command that builds them."""
    rows, missing, vocabs = [], {}, {}
    for name in models:
        try:
            model, tok, meta = load_model(name, directory)
        except CheckpointError as e:
            missing[name] = str(e)
            continue
        vocabs[name] = tok.to_dict()
        if live or "test_metrics" not in meta:
            if pairs is None:
                pairs = make_splits(meta.get("train_config", {}).get("corpus_seed", 0))["test"]
            start = time.perf_counter()
            metrics = score(translate_batch(model, tok, [p.zh for p in pairs]), pairs)
            eval_seconds = round(time.perf_counter() - start, 2)
        else:
            metrics, eval_seconds = meta["test_metrics"], None
        rows.append({
            "model": name,
            "label": LABELS[name],
            "n_params": sum(p.numel() for p in model.parameters()),
            "n_test": metrics["n"],
            "exact_match": metrics["exact_match"],
            "bleu": metrics["bleu"],
            "by_length": bucket(metrics["by_length"]),
            "train_seconds": meta.get("train_seconds"),
            "train_cpu_seconds": meta.get("train_cpu_seconds"),  # recurrent models only (single-threaded)
            "train_steps": meta.get("train_config", {}).get("steps"),
            "eval_seconds": eval_seconds,
        })
    same_vocab = len({repr((v["src"], v["tgt"])) for v in vocabs.values()}) <= 1
    return {"rows": rows, "missing": missing, "live": live, "same_vocabulary": same_vocab,
            "buckets": [f"{lo}–{hi}" for lo, hi in LENGTH_BUCKETS]}


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}"


def format_table(table: dict) -> str:
    head = f"{'model':<18}{'params':>9}{'exact %':>9}{'BLEU':>7}{'train s':>9}   exact % by source length"
    lines = [head, " " * 55 + "".join(f"{b:>8}" for b in table["buckets"])]
    for r in table["rows"]:
        by_len = "".join(f"{_pct(b['exact_match']):>8}" for b in r["by_length"])
        secs = "?" if r["train_seconds"] is None else f"{r['train_seconds']:.0f}"
        lines.append(f"{r['label']:<18}{r['n_params']:>9,}{100 * r['exact_match']:>9.2f}{r['bleu']:>7.2f}"
                     f"{secs:>9}   {by_len}")
    if table["rows"]:
        counts = "".join(f"{b['n']:>8}" for b in table["rows"][0]["by_length"])
        lines.append(f"{'test pairs':<55}{counts}")
    for name, msg in table["missing"].items():
        lines.append(f"{LABELS[name]}: missing — {msg}")
    if not table["same_vocabulary"]:
        lines.append("warning: the checkpoints do not share one vocabulary")
    return "\n".join(lines)


# ========================================================================= gradient by distance


def _source_embedding(model: nn.Module, src: torch.Tensor) -> torch.Tensor:
    """x_t for every position, (B, T_src, e): the recurrent encoder's input embedding; for the Transformer
    E·√d_model + PE, the input of its first encoder layer."""
    return model.src_embed(src)


def _encode_from(model: nn.Module, x: torch.Tensor, src: torch.Tensor):
    """Run the encoder on given x (B, T, e) instead of looking the embeddings up."""
    if isinstance(model, Transformer):
        mask = padding_mask(src)  # (B, 1, T_src)
        return model.encoder(x, mask), mask
    src_mask = src != PAD_ID  # (B, T_src)
    H, final = model.encoder(x, src_mask)
    keys = model.decoder.attn.keys(H) if model.decoder.attn is not None else None
    return Encoded(H, src_mask, final, keys), None


def sentence_logprob(model: nn.Module, x: torch.Tensor, src: torch.Tensor, out_ids: Sequence[int]) -> torch.Tensor:
    """log p(y | x) = Σ_t log p(y_t | y_<t, x) of output ``out_ids`` (teacher-forced), from embeddings x (1, T, e)."""
    tgt_in = torch.tensor([[BOS_ID, *out_ids[:-1]]], device=src.device)  # (1, T_tgt), shifted right
    memory, mask = _encode_from(model, x, src)
    if isinstance(model, Transformer):
        logits = model.decode(memory, mask, tgt_in, target_mask(tgt_in))  # (1, T_tgt, V)
    else:
        state, steps = model.initial_state(memory), []
        for t in range(tgt_in.shape[1]):
            logit, state = model.decode_step(memory, tgt_in[:, t], state)
            steps.append(logit)
        logits = torch.stack(steps, dim=1)  # T_tgt × (1, V) → (1, T_tgt, V)
    out = torch.tensor(out_ids, device=src.device)
    return logits[0].log_softmax(-1).gather(-1, out[:, None]).sum()  # (T_tgt, V) → (T_tgt, 1) → ()


def _greedy_ids(model: nn.Module, src: torch.Tensor) -> list[int]:
    return decoding.greedy_batch(model, src)[0].tolist()


def _context_vector(model: nn.Module, x: torch.Tensor, src: torch.Tensor) -> torch.Tensor:
    """What a fixed-context decoder would receive: the encoder's last state c = h_T (B, d); for the
    Transformer the encoder output at the last source position, the one in h_T's place."""
    memory, _ = _encode_from(model, x, src)
    return memory[:, -1] if isinstance(model, Transformer) else memory.final[0]


def gradient_by_distance(model: nn.Module, src_ids: Sequence[int], target: str = "logprob", lock=None) -> dict:
    """How strongly each source position t still reaches the output: ‖∂ target / ∂ x_t‖ for t = 0 … T−1.

    target="logprob": the scalar log p(y | x) of the model's own greedy translation y; the norm of its
        gradient with respect to the input embedding x_t (2-norm over the embedding dimension): the signal
        training would send back to position t. This is the one to compare across all four models.
    target="context": the Frobenius norm of the Jacobian ∂c/∂x_t of the context vector c = h_T. For a
        recurrence it is a product of T−1−t step Jacobians ∂h_{k+1}/∂h_k, each shrunk by tanh' ≤ 1: the
        vanishing gradient. (For the Transformer: its encoder output at the last position, which need not
        carry the sentence — every position keeps its own vector — so this is no bottleneck there.)

    Returns positions, distance (T−1−t: characters between x_t and the end of the source), path_length
    (state-to-state hops from x_t to c: T−t through a recurrence, n_layers through self-attention), the
    norms, the norms relative to their largest (a confident model has small log-prob gradients everywhere,
    so compare shapes across models), and the output ids. Never mutates the model: gradients go to a fresh
    leaf tensor only.
    """
    if target not in ("logprob", "context"):
        raise ValueError(f"target must be 'logprob' or 'context', not {target!r}")
    device = next(model.parameters()).device
    T = len(src_ids)
    with _guard(lock), torch.inference_mode(False), torch.enable_grad():  # also when called in inference mode
        src = torch.tensor([list(src_ids)], dtype=torch.long, device=device)  # (1, T), a normal tensor
        out_ids = _greedy_ids(model, src)
        with torch.no_grad():
            x0 = _source_embedding(model, src)  # (1, T, e)
        if target == "logprob":
            x = x0.clone().requires_grad_(True)
            (g,) = torch.autograd.grad(sentence_logprob(model, x, src, out_ids), x)  # (1, T, e)
            norms = g[0].norm(dim=-1)  # (T,)
        else:
            d = _context_vector(model, x0, src).shape[-1]
            # d copies of the sentence; copy i back-propagates output unit i, so g[i, t] = row i of ∂c/∂x_t.
            x = x0.expand(d, T, x0.shape[-1]).clone().requires_grad_(True)  # (d, T, e)
            c = _context_vector(model, x, src.expand(d, T))  # (d, d)
            (g,) = torch.autograd.grad(c.diagonal().sum(), x)  # (d, T, e)
            norms = g.pow(2).sum(dim=(0, 2)).sqrt()  # (T,) Frobenius norm of each (d × e) Jacobian
    n_layers = model.cfg.n_layers if isinstance(model, Transformer) else None
    return {
        "model": kind(model),
        "target": target,
        "positions": list(range(T)),
        "distance": [T - 1 - t for t in range(T)],
        "path_length": [n_layers if n_layers else T - t for t in range(T)],
        "grad_norm": norms.detach().cpu().numpy(),
        "relative": (norms / norms.max().clamp_min(1e-30)).detach().cpu().numpy(),  # largest = 1, to compare shapes
        "output_ids": out_ids,
    }


# ================================================================================ cost of steps


def sequential_steps(model_kind: str, T: int, n_layers: int = 2) -> dict:
    """Operations that must wait for the previous one, for a source of T tokens (and a T-token output).

    A recurrence cannot compute h_t before h_{t−1}; a Transformer layer computes all positions at once,
    so only its layers are sequential. Training uses teacher forcing; generation is one word at a time
    for every model."""
    if model_kind == "transformer":
        return {"encoder": n_layers, "decoder_training": n_layers, "decoder_generation": T * n_layers}
    if model_kind in MODELS:
        return {"encoder": T, "decoder_training": T, "decoder_generation": T}
    raise ValueError(f"unknown model kind {model_kind!r}; choose from {ALL_MODELS}")


def max_path_length(model_kind: str, T: int, between: str = "source") -> int:
    """Longest path, in state-to-state hops, that a signal travels (Vaswani et al. 2017, Table 1).

    between="source": between two source positions inside the encoder — a recurrence passes it along
        every step in between (T−1 hops from the first to the last); self-attention connects any pair
        directly (1 hop per layer).
    between="output": from the first source position to the decoder's first state — with a fixed context,
        h_1 → h_2 → … → h_T = c → s_1 is T hops; attention reads h_1 directly (1 hop).
    """
    if model_kind not in ALL_MODELS:
        raise ValueError(f"unknown model kind {model_kind!r}; choose from {ALL_MODELS}")
    if T < 1:
        raise ValueError("T must be at least 1")
    if between == "source":
        return 1 if model_kind == "transformer" else T - 1
    if between == "output":
        return 1 if model_kind in ("transformer", "lstm_attn") else T
    raise ValueError(f"between must be 'source' or 'output', not {between!r}")


def _median_ms(fn, repeats: int) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return 1000 * statistics.median(samples)


def forward_time_by_length(model: nn.Module, lengths: Sequence[int], repeats: int = 5, batch: int = 1,
                           lock=None, seed: int = 0) -> list[dict]:
    """Measured now: median milliseconds of the encoder alone and of a teacher-forced forward pass
    (source and target both T tokens), for random token ids, with the sequential step counts."""
    device = next(model.parameters()).device
    is_tf = isinstance(model, Transformer)
    V_src, V_tgt = model.cfg.src_vocab_size, model.cfg.tgt_vocab_size
    gen = torch.Generator().manual_seed(seed)
    rows = []
    for T in lengths:
        if is_tf and T > model.cfg.max_len:
            raise ValueError(f"T={T} is longer than the Transformer's max_len={model.cfg.max_len}")
        src = torch.randint(4, V_src, (batch, T), generator=gen).to(device)  # (B, T)
        tgt = torch.randint(4, V_tgt, (batch, T), generator=gen).to(device)  # (B, T)
        tgt[:, 0] = BOS_ID

        def encode(src=src):
            return model.encode(src, padding_mask(src)) if is_tf else model.encode(src)

        def forward(src=src, tgt=tgt):
            return model(src, tgt)

        with _guard(lock), torch.inference_mode():
            rows.append({"length": T, "encode_ms": _median_ms(encode, repeats),
                         "forward_ms": _median_ms(forward, repeats),
                         "sequential_steps": sequential_steps(kind(model), T, getattr(model.cfg, "n_layers", 2))})
    return rows


# ============================================================================ small numeric aids


def activation_derivatives(x: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """sigmoid, tanh, ReLU and their derivatives on a grid, for a plot.

    σ'(x) = σ(x)(1 − σ(x)) ≤ 1/4; tanh'(x) = 1 − tanh²(x) ≤ 1; ReLU'(x) = 1 for x > 0, else 0. A product of
    T factors below 1 — one per time step — shrinks geometrically: the vanishing gradient.
    """
    x = np.linspace(-6.0, 6.0, 241) if x is None else np.asarray(x, dtype=np.float64)
    sig = 1.0 / (1.0 + np.exp(-x))
    th = np.tanh(x)
    return {"x": x, "sigmoid": sig, "d_sigmoid": sig * (1 - sig), "tanh": th, "d_tanh": 1 - th ** 2,
            "relu": np.maximum(x, 0.0), "d_relu": (x > 0).astype(np.float64)}


def clip_gradient(g: np.ndarray | Sequence[float], max_norm: float) -> dict:
    """Gradient clipping by norm: if ‖g‖ > max_norm, g ← g · max_norm / ‖g‖ (same direction, shorter);
    otherwise g is unchanged. What torch.nn.utils.clip_grad_norm_ does to all parameters at once."""
    if max_norm <= 0:
        raise ValueError("max_norm must be > 0")
    g = np.asarray(g, dtype=np.float64)
    norm = float(np.linalg.norm(g))
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return {"clipped": g * scale, "norm": norm, "scale": scale, "clipped_norm": norm * scale}


def vanishing_product(T: int, factor: float) -> np.ndarray:
    """factor^k for k = 0 … T−1: an upper bound on a gradient after k steps whose derivative is ≤ factor
    (0.25 for sigmoid; below 1 for tanh away from 0)."""
    return np.power(float(factor), np.arange(T, dtype=np.float64))


# ========================================================================================= CLI


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stored", action="store_true", help="use the metrics stored in the checkpoints")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    table = comparison_table(live=not args.stored)
    print(f"test split: {table['rows'][0]['n_test'] if table['rows'] else '?'} pairs; "
          f"{'translated now' if table['live'] else 'metrics stored at training time'}")
    print(format_table(table))
    return 0 if table["rows"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
