"""The training loop every model here shares: teacher forcing, cross-entropy, warm-up + cosine, clipping.

Every model of the registry trains here (train.py): the Transformer and the recurrent baselines differ only
in the model, the optimiser settings and how they are validated, so the comparison between them is about
architecture. The encoder-only and decoder-only models pass their own ``loss`` (family_tasks.py).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from typing import Protocol

import torch
import torch.nn.functional as F
from tqdm import tqdm

from .data import batches
from .tokenizer import PAD_ID


class LoopConfig(Protocol):
    seed: int
    steps: int
    batch_size: int
    lr: float
    warmup_steps: int
    label_smoothing: float
    clip_norm: float
    eval_every: int


def lr_at(step: int, tcfg: LoopConfig) -> float:
    """Linear warm-up (post-norm Transformers diverge without it), then cosine decay to zero."""
    if step < tcfg.warmup_steps:
        return tcfg.lr * (step + 1) / tcfg.warmup_steps
    progress = (step - tcfg.warmup_steps) / max(1, tcfg.steps - tcfg.warmup_steps)
    return tcfg.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


def seed_everything(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def snapshot_schedule(steps: int) -> list[int]:
    """Step 0 (the random weights), then the log-spaced grid ``steps ** (i / 11)`` from i = 4 on, so the fast
    early changes are seen (for 6,000 steps: 0, 24, 52, 115 … 2,721).

    The grid's first four points (steps 1, 2, 5 and 11 of 6,000) lie deep in the linear warm-up, where the
    weights had moved by under 0.2 % of their norm (median per tensor, measured on the shipped replay):
    copies of step 0 at 2.6 MB each, so they are not taken. The end of training (``steps``), which ``fit``
    always reports, is the last snapshot.
    """
    return sorted({0} | {round(steps ** (i / 11)) for i in range(4, 11)} - {steps})


def fit(model: torch.nn.Module, opt: torch.optim.Optimizer, train_ex: Sequence[tuple[list[int], list[int]]],
        tcfg: LoopConfig, validate: Callable[[], float], desc: str = "training", progress: bool = True,
        snapshot: Callable[[int, torch.nn.Module], None] | None = None,
        snapshot_steps: Sequence[int] = (),
        loss_fn: Callable[[torch.nn.Module, torch.Tensor, torch.Tensor, float], torch.Tensor] | None = None) -> dict:
    """Train in place for ``tcfg.steps`` steps. ``validate()`` returns the validation score (the exact match;
    BERT: the fill-in accuracy). ``loss_fn(model, src, tgt, label_smoothing)`` replaces teacher forcing.

    ``snapshot(step, model)`` is called *before* the update of every step in ``snapshot_steps`` (step 0:
    the random initial weights) and once more after the last update with ``step == tcfg.steps``.

    Returns ``{"curve", "train_seconds", "train_cpu_seconds"}``; the curve has the smoothed loss, learning
    rate and gradient norm every 25 steps and the validation exact match every ``eval_every`` steps.
    """
    rng = random.Random(tcfg.seed)
    curve: list[dict] = []
    epoch_iter = iter(())
    start, start_cpu = time.perf_counter(), time.process_time()
    bar = tqdm(range(tcfg.steps), desc=desc, unit="step", disable=not progress)
    running = None
    device = next(model.parameters()).device
    wanted = set(snapshot_steps)
    for step in bar:
        try:
            src, tgt = next(epoch_iter)
        except StopIteration:
            epoch_iter = batches(train_ex, tcfg.batch_size, rng)
            src, tgt = next(epoch_iter)
        src, tgt = src.to(device), tgt.to(device)
        if snapshot is not None and step in wanted:
            snapshot(step, model)
        for g in opt.param_groups:
            g["lr"] = lr_at(step, tcfg)
        model.train()
        if loss_fn is not None:
            loss = loss_fn(model, src, tgt, tcfg.label_smoothing)
        else:
            logits = model(src, tgt[:, :-1])  # teacher forcing: read <bos> I have a cat, predict I have a cat <eos>
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt[:, 1:].reshape(-1),  # (B·T, V)
                                   ignore_index=PAD_ID, label_smoothing=tcfg.label_smoothing)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), tcfg.clip_norm)  # tames exploding gradients
        opt.step()
        running = loss.item() if running is None else 0.95 * running + 0.05 * loss.item()
        if step % 25 == 0 or step == tcfg.steps - 1:
            point = {"step": step, "loss": round(running, 5), "lr": g["lr"], "grad_norm": round(float(grad_norm), 4)}
            if (step and step % tcfg.eval_every == 0) or step == tcfg.steps - 1:
                point["valid_exact_match"] = validate()
                bar.set_postfix(loss=f"{running:.3f}", valid=f"{point['valid_exact_match']:.3f}")
            curve.append(point)
    if snapshot is not None:
        snapshot(tcfg.steps, model)
    return {"curve": curve,
            "train_seconds": round(time.perf_counter() - start, 1),  # wall clock, whatever else the machine ran
            "train_cpu_seconds": round(time.process_time() - start_cpu, 1)}  # this process: ≈ a quiet machine's wall
