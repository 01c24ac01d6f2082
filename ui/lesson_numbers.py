"""The numbers a lesson states, filled in at render time: lesson prose never types a measured figure.

Lesson Markdown writes ``{exact_rnn}``, ``{params_transformer}``, ``{src_vocab}`` … and ``fill`` replaces
each known name with its value. Values come from the checkpoints' metadata JSON (accuracy, sizes,
training settings, loss curve) or are computed from the configuration (d_k, FFN width, work per token),
so a retrained model can never leave a lesson saying something false. ``values`` is a pure function of
the metadata; only ``shipped_values`` touches the disk. No Streamlit here.

A name that is not known is left alone: the LaTeX in the lessons is full of braces (``\\frac{pos}{…}``).
Formulas (``$…$``, ``$$…$$``) are never touched: ``\\sqrt{d_k}`` stays LaTeX. A known name whose
checkpoint is missing renders as "(?)".
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from tutorial_model.checkpoint import ENV_CHECKPOINT as ENV_CHECKPOINT  # tests set it (read in checkpoint.default_dir)
from tutorial_model.checkpoint import default_dir
from tutorial_model.compare import LENGTH_BUCKETS, TABLED
from tutorial_model.config import TrainConfig
from tutorial_model.tokenizer import MAX_SRC_CHARS

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
FORMULA = re.compile(r"(\$\$.*?\$\$|\$[^$\n]*\$)", re.DOTALL)  # display and inline math
MISSING = "(?)"  # a known number whose checkpoint is missing


def _pct(x: float | None) -> str:
    if x is None:
        return MISSING
    text = f"{100 * x:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def _int(x: float | None) -> str:
    return MISSING if x is None else f"{int(round(x)):,}"


def _num(x: float | None, digits: int = 2) -> str:
    if x is None:
        return MISSING
    return f"{x:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{x:.0f}"


def _dig(meta: Mapping | None, *path):
    """meta[path[0]][path[1]]…, or None when any step is missing."""
    node = meta
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def _bucket_exact(by_length: Mapping | None, lo: int, hi: int) -> tuple[float | None, int]:
    """Exact match over the test sentences of lo…hi characters (inclusive), and how many there are."""
    if not by_length:
        return None, 0
    n = right = 0.0
    for length, cell in by_length.items():
        if lo <= int(length) <= hi:
            n += cell["n"]
            right += cell["n"] * cell["exact_match"]
    return (right / n if n else None), int(n)


def label_smoothing_floor(eps: float, vocab: int) -> float:
    """The lowest possible label-smoothed cross-entropy: the entropy of the smoothed target itself.

    PyTorch's ``label_smoothing=ε`` aims at (1 − ε)·one-hot + ε/V on every one of the V classes, so even a
    perfect model pays H(target) = −(1 − ε + ε/V)·log(1 − ε + ε/V) − (V − 1)·(ε/V)·log(ε/V)."""
    if eps <= 0:
        return 0.0
    p_true, p_other = 1 - eps + eps / vocab, eps / vocab
    return -(p_true * math.log(p_true) + (vocab - 1) * p_other * math.log(p_other))


def work_per_token(d_model: int, d_ff: int, n_layers: int, d_embed: int, d_hidden: int) -> tuple[int, int]:
    """Multiply-adds per source token that do not depend on the sentence length: a Transformer encoder layer
    has four d_model × d_model projections (Q, K, V, W_O) and the FFN (d_model → d_ff → d_model); an RNN cell
    has W_xh (d_embed → d_hidden) and W_hh (d_hidden → d_hidden). The T² part of attention comes on top."""
    transformer = n_layers * (4 * d_model * d_model + 2 * d_model * d_ff)
    rnn = d_embed * d_hidden + d_hidden * d_hidden
    return transformer, rnn


def values(metas: Mapping[str, Mapping]) -> dict[str, str]:
    """Every placeholder a lesson may use, as display text, from ``{model name: metadata dict}``."""
    tf = metas.get("transformer")
    rec = next((metas[m] for m in ("rnn", "lstm", "lstm_attn") if m in metas), None)
    cfg = _dig(tf, "config") or {}
    d_model, n_heads = cfg.get("d_model"), cfg.get("n_heads")
    d_ff, n_layers, max_len = cfg.get("d_ff"), cfg.get("n_layers"), cfg.get("max_len")
    d_k = d_model // n_heads if d_model and n_heads else None
    src = _dig(tf, "vocab", "src")
    tgt = _dig(tf, "vocab", "tgt")
    src_vocab = len(src) if src else cfg.get("src_vocab_size")
    tgt_vocab = len(tgt) if tgt else cfg.get("tgt_vocab_size")
    by_length = _dig(tf, "test_metrics", "by_length")
    v: dict[str, str] = {
        "d_model": _int(d_model), "h": _int(n_heads), "d_k": _int(d_k), "d_ff": _int(d_ff),
        "n_layers": _int(n_layers), "max_len": _int(max_len),
        "max_steps": _int(max_len - 1 if max_len else None),
        "sqrt_d_model": _num(math.sqrt(d_model) if d_model else None, 1),
        "sqrt_d_k": _num(math.sqrt(d_k) if d_k else None, 1),
        "pe_row_norm": _num(math.sqrt(d_model / 2) if d_model else None, 1),  # d_model/2 pairs of sin² + cos² = 1
        "dropout": _pct(cfg.get("dropout")),
        "src_vocab": _int(src_vocab), "tgt_vocab": _int(tgt_vocab),
        "max_src_chars": _int(_dig(tf, "vocab", "max_src_chars") or MAX_SRC_CHARS),
        "train_pairs": _int(_dig(tf, "sizes", "train")), "test_pairs": _int(_dig(tf, "sizes", "test")),
        "test_max_chars": _int(max(map(int, by_length)) if by_length else None),
        "steps": _int(_dig(tf, "train_config", "steps")),
        "batch_size": _int(_dig(tf, "train_config", "batch_size")),
        "lr_transformer": _num(_dig(tf, "train_config", "lr"), 4),
        "warmup_transformer": _int(_dig(tf, "train_config", "warmup_steps")),
        "lr_recurrent": _num(_dig(rec, "train_config", "lr"), 4),
        "warmup_recurrent": _int(_dig(rec, "train_config", "warmup_steps")),
        "clip_norm": _num(_dig(rec, "train_config", "clip_norm"), 2),
        # older Transformer metadata did not record clip_norm; fit() always clipped, with TrainConfig's default
        "clip_transformer": _num(_dig(tf, "train_config", "clip_norm") or (TrainConfig.clip_norm if tf else None), 2),
        "label_smoothing": _num(_dig(tf, "train_config", "label_smoothing"), 3),
    }
    # the hand-written everyday set (tutorial_model.evaluate --write-meta)
    every = _dig(tf, "everyday_metrics") or {}
    v["everyday_n"] = _int(every.get("n"))
    v["everyday_chrf"] = _num(every.get("chrf"), 1)
    v["everyday_bleu"] = _num(every.get("bleu"), 1)
    v["everyday_exact"] = _pct(every.get("exact_match"))
    v["everyday_unknown"] = _pct(every.get("unknown_share"))
    v["everyday_seen"] = _pct(every.get("in_train_share"))
    eps = _dig(tf, "train_config", "label_smoothing")
    v["loss_floor"] = _num(label_smoothing_floor(eps, tgt_vocab) if eps is not None and tgt_vocab else None, 2)
    curve = _dig(tf, "curve")
    v["final_loss"] = _num(curve[-1]["loss"] if curve else None, 2)
    for name in TABLED:
        meta = metas.get(name)
        v[f"exact_{name}"] = _pct(_dig(meta, "test_metrics", "exact_match"))
        v[f"bleu_{name}"] = _num(_dig(meta, "test_metrics", "bleu"), 1)
        v[f"params_{name}"] = _int(_dig(meta, "n_params"))
    (short_lo, short_hi), (long_lo, long_hi) = LENGTH_BUCKETS[0], LENGTH_BUCKETS[-1]
    short, _ = _bucket_exact(_dig(metas.get("rnn"), "test_metrics", "by_length"), short_lo, short_hi)
    long_, n_long = _bucket_exact(_dig(metas.get("rnn"), "test_metrics", "by_length"), long_lo, long_hi)
    v.update(short_to=_int(short_hi), long_from=_int(long_lo), rnn_short_exact=_pct(short),
             rnn_long_exact=_pct(long_), n_long=_int(n_long if long_ is not None else None))
    rcfg = _dig(rec, "config") or {}
    if d_model and d_ff and n_layers and rcfg.get("d_embed") and rcfg.get("d_hidden"):
        work_tf, work_rnn = work_per_token(d_model, d_ff, n_layers, rcfg["d_embed"], rcfg["d_hidden"])
        v.update(work_transformer=_int(work_tf), work_rnn=_int(work_rnn), work_ratio=_num(work_tf / work_rnn, 0))
    else:
        v.update(work_transformer=MISSING, work_rnn=MISSING, work_ratio=MISSING)
    v.update(d_hidden=_int(rcfg.get("d_hidden")), d_embed=_int(rcfg.get("d_embed")))
    return v


NAMES = frozenset(values({}))  # every placeholder name, known even when no checkpoint exists


def fill(text: str, vals: Mapping[str, str]) -> str:
    """``text`` with every ``{name}`` that ``vals`` knows replaced; other braces (LaTeX) stay as they are."""
    parts = FORMULA.split(text)  # odd indices are formulas, left exactly as written
    return "".join(part if i % 2 else PLACEHOLDER.sub(lambda m: vals.get(m.group(1), m.group(0)), part)
                   for i, part in enumerate(parts))


STAMP_TTL_S = 1.0  # a page fills dozens of texts per rerun: look at the files at most once a second
_stamps: dict[str, tuple[float, tuple]] = {}  # directory → (when looked, modification times)


def _stamp(directory: Path) -> tuple:
    now = time.monotonic()
    seen = _stamps.get(str(directory))
    if seen is not None and now - seen[0] < STAMP_TTL_S:
        return seen[1]
    stamp = tuple((directory / f"{m}.json").stat().st_mtime if (directory / f"{m}.json").exists() else 0.0
                  for m in TABLED)
    _stamps[str(directory)] = (now, stamp)
    return stamp


@lru_cache(maxsize=4)
def _values_at(directory: str, stamp: tuple) -> dict[str, str]:
    metas = {}
    for name in TABLED:
        path = Path(directory) / f"{name}.json"
        try:
            metas[name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a missing or corrupt checkpoint: its numbers show as "—", the page itself says why
    return values(metas)


def shipped_values() -> dict[str, str]:
    """``values`` for the checkpoints the app is running on (re-read within a second of a JSON file changing)."""
    directory = default_dir()
    return _values_at(str(directory), _stamp(directory))
