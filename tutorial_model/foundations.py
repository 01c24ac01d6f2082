"""Foundations (issue 23, pages 1–2): one neuron of the trained model, activation functions, the loss of the
learner's translation and one backward pass, measured on the shipped Transformer. No Streamlit here.

Page 1 reads the trace only (the FFN's hooks hold x W_1 + b_1 and its ReLU); the activation curves are the
textbook formulas. Page 2 runs the model again with gradients on: ``sentence_loss`` is the cross-entropy of the
model's own output, teacher-forced (<bos> + output[:-1] in, output out), averaged over its words as training
averages over tokens (training also smooths the labels; these pages use the plain one-hot target).

Nothing here mutates the model: gradients come from ``torch.autograd.grad`` (no ``.grad`` is written) and the
loss slice evaluates shifted weights through ``torch.func.functional_call``, which puts the originals back.
The caller passes the translator's lock so that no other thread runs the shared model meanwhile.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from .tokenizer import BOS_ID

# ---- page 1: activation functions ----------------------------------------------------------------------

_erf = np.vectorize(math.erf, otypes=[np.float64])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + e^−z), without overflow for large |z|


def _phi(z: np.ndarray) -> np.ndarray:
    """Standard normal density: GELU's derivative needs it."""
    return np.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)


# name → (f, f′): the formulas, in float64. ReLU′(0) is taken as 0, as torch does.
ACTIVATIONS: dict[str, tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]] = {
    "sigmoid": (_sigmoid, lambda z: _sigmoid(z) * (1.0 - _sigmoid(z))),  # σ′ = σ(1 − σ) ≤ 1/4
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),  # tanh′ = 1 − tanh² ≤ 1
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(np.float64)),
    "swish": (lambda z: z * _sigmoid(z), lambda z: _sigmoid(z) * (1.0 + z * (1.0 - _sigmoid(z)))),  # z·σ(z)
    "gelu": (lambda z: 0.5 * z * (1.0 + _erf(z / math.sqrt(2))), lambda z: 0.5 * (1.0 + _erf(z / math.sqrt(2)))
             + z * _phi(z)),  # z·Φ(z), Φ the normal CDF
}


def activation_curves(z: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each activation and its derivative over ``z``: {name: (f(z), f′(z))}."""
    z = np.asarray(z, dtype=np.float64)
    return {name: (f(z), df(z)) for name, (f, df) in ACTIVATIONS.items()}


def flat_share(pre: np.ndarray, threshold: float) -> dict[str, float]:
    """For each activation: the share of the pre-activations ``pre`` (any shape) where its derivative is below
    ``threshold`` in size (Swish's and GELU's dip below 0): where a gradient through that unit all but vanishes."""
    z = np.asarray(pre, dtype=np.float64).ravel()
    return {name: float(np.mean(np.abs(df(z)) < threshold)) for name, (_, df) in ACTIVATIONS.items()}


def sigmoid_flat_beyond(threshold: float) -> float:
    """|z| beyond which σ′(z) < threshold (σ′ is even and falls with |z|): σ(1 − σ) = c at σ = (1 + √(1 − 4c))/2."""
    s = (1 + math.sqrt(1 - 4 * threshold)) / 2
    return math.log(s / (1 - s))


def pre_activation(x: np.ndarray, W_1: np.ndarray, b_1: np.ndarray, unit: int) -> np.ndarray:
    """One FFN unit's z = x · W_1[:, unit] + b_1[unit] for every row of x (T, d_model) → (T,), in float64.
    W_1 in the paper's layout (d_model, d_ff), as Translator.weight returns it."""
    return np.asarray(x, np.float64) @ np.asarray(W_1[:, unit], np.float64) + float(b_1[unit])


# ---- page 2: cross-entropy vs squared error on one softmax ----------------------------------------------

def softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=-1, keepdims=True))  # shifted: same result, no overflow
    return e / e.sum(axis=-1, keepdims=True)


def word_losses(probs: np.ndarray, targets: Sequence[int]) -> dict[str, np.ndarray]:
    """Per output position t: p_t = probs[t, y_t], the cross-entropy −log p_t and the squared error
    Σ_v (probs[t, v] − onehot_v)² of the whole distribution. probs (T, V), targets (T,)."""
    probs = np.asarray(probs, dtype=np.float64)
    rows = np.arange(len(targets))
    p = probs[rows, list(targets)]
    onehot = np.zeros_like(probs)
    onehot[rows, list(targets)] = 1.0
    return {"p": p, "ce": -np.log(p), "se": ((probs - onehot) ** 2).sum(axis=-1)}


def logit_gradients(logits: np.ndarray, target: int) -> dict[str, np.ndarray]:
    """∂/∂z of both losses for one softmax over logits z (V,): cross-entropy gives p − y; squared error
    L = Σ (p − y)² goes back through the softmax Jacobian J = diag(p) − p pᵀ: ∂L/∂z = J (2(p − y))."""
    p = softmax(logits)
    y = np.zeros_like(p)
    y[target] = 1.0
    err = 2.0 * (p - y)
    return {"p": p, "ce": p - y, "se": p * (err - p @ err)}  # J·err = p ⊙ err − p (pᵀ err)


def gradient_vs_confidence(logits: np.ndarray, target: int, shifts: np.ndarray) -> dict[str, np.ndarray]:
    """Move the target's logit by each of ``shifts`` (the other logits as the model made them) and record the
    target's probability and |∂L/∂z_target| for both losses: where does each loss still pull?"""
    p_t, ce, se = [], [], []
    for s in shifts:
        z = np.asarray(logits, dtype=np.float64).copy()
        z[target] += s
        g = logit_gradients(z, target)
        p_t.append(g["p"][target])
        ce.append(abs(g["ce"][target]))
        se.append(abs(g["se"][target]))
    return {"p": np.array(p_t), "ce": np.array(ce), "se": np.array(se)}


# ---- page 2: the model with gradients --------------------------------------------------------------------

def _guard(lock):
    return lock if lock is not None else contextlib.nullcontext()


def teacher_forced_input(out_ids: Sequence[int]) -> list[int]:
    """<bos> + every output word but the last: what the decoder reads to predict out_ids."""
    return [BOS_ID, *list(out_ids)[:-1]]


def _tensors(model: torch.nn.Module, src_ids: Sequence[int], out_ids: Sequence[int]):
    device = next(model.parameters()).device
    src = torch.tensor([list(src_ids)], device=device)  # (1, T_src)
    tgt = torch.tensor([teacher_forced_input(out_ids)], device=device)  # (1, T_tgt)
    gold = torch.tensor(list(out_ids), device=device)  # (T_tgt,)
    return src, tgt, gold


def sentence_loss(model: torch.nn.Module, src_ids: Sequence[int], out_ids: Sequence[int],
                  params: dict[str, torch.Tensor] | None = None) -> torch.Tensor:
    """Mean cross-entropy of out_ids, teacher-forced; ``params`` replaces some weights for this call only."""
    src, tgt, gold = _tensors(model, src_ids, out_ids)
    logits = (torch.func.functional_call(model, params, (src, tgt)) if params else model(src, tgt))  # (1, T, V)
    return F.cross_entropy(logits[0], gold)


def output_layer_by_hand(h: np.ndarray, probs: np.ndarray, out_ids: Sequence[int]) -> dict[str, np.ndarray]:
    """The last layer's backward pass from the captured forward pass alone: logits = h W_out + b_out,
    L = mean_t −log p_t[y_t]. h (T, d_model) the decoder's output, probs (T, V) its softmax.

    ∂L/∂logits = (p − onehot) / T (each position's softmax + cross-entropy, then the mean);
    ∂L/∂W_out = hᵀ ∂L/∂logits, a sum over positions of the outer products h_t ⊗ (p_t − y_t) / T;
    ∂L/∂b_out = the column sums of ∂L/∂logits."""
    h, probs = np.asarray(h, np.float64), np.asarray(probs, np.float64)
    T = len(out_ids)
    onehot = np.zeros_like(probs)
    onehot[np.arange(T), list(out_ids)] = 1.0
    d_logits = (probs - onehot) / T  # (T, V)
    return {"d_logits": d_logits, "d_W_out": h.T @ d_logits, "d_b_out": d_logits.sum(axis=0)}  # (d_model, V), (V,)


def output_layer_autograd(model: torch.nn.Module, src_ids: Sequence[int], out_ids: Sequence[int],
                          lock=None) -> dict[str, np.ndarray | float]:
    """The same gradients from torch autograd: ∂L/∂W_out in the paper's layout (d_model, V), ∂L/∂b_out, L."""
    W = model.generator.W_out
    with _guard(lock), torch.inference_mode(False), torch.enable_grad():
        loss = sentence_loss(model, src_ids, out_ids)
        g_w, g_b = torch.autograd.grad(loss, (W.weight, W.bias))  # nn.Linear stores (V, d_model)
    return {"loss": float(loss.detach()), "d_W_out": g_w.T.double().cpu().numpy(),
            "d_b_out": g_b.double().cpu().numpy()}


def layer_of(param: str) -> str:
    """The block a parameter belongs to: encoder.layers.0, decoder.layers.1, src_embed, generator …"""
    parts = param.split(".")
    return ".".join(parts[:3]) if len(parts) > 2 and parts[1] == "layers" else parts[0]


def gradient_norms(model: torch.nn.Module, src_ids: Sequence[int], out_ids: Sequence[int], clip: float,
                   lock=None) -> dict:
    """‖∂L/∂θ‖ per block (2-norm over all of the block's weights), the total norm, and what
    clip_grad_norm_(…, clip) does to it: every gradient scaled by min(1, clip / total), as in training."""
    names, params = zip(*[(n, p) for n, p in model.named_parameters() if p.requires_grad])
    with _guard(lock), torch.inference_mode(False), torch.enable_grad():
        loss = sentence_loss(model, src_ids, out_ids)
        grads = torch.autograd.grad(loss, params)
    squares: dict[str, float] = {}
    for name, g in zip(names, grads):
        block = layer_of(name)
        squares[block] = squares.get(block, 0.0) + float(g.double().pow(2).sum())
    total = math.sqrt(sum(squares.values()))
    scale = min(1.0, clip / (total + 1e-6))  # torch's clip_grad_norm_ adds the same 1e-6
    norms = {block: math.sqrt(s) for block, s in squares.items()}
    return {"loss": float(loss.detach()), "norms": norms, "total": total, "clip": clip, "scale": scale,
            "clipped": {block: n * scale for block, n in norms.items()}}


def random_direction(model: torch.nn.Module, seed: int) -> dict[str, torch.Tensor]:
    """A random direction in weight space, one Gaussian tensor per weight, each rescaled to that weight's own
    norm (Li et al. 2018): a step of 1 moves every tensor by as much as its own size, whatever its scale."""
    gen = torch.Generator().manual_seed(seed)
    out = {}
    for name, p in model.named_parameters():
        d = torch.randn(p.shape, generator=gen, dtype=p.dtype).to(p.device)
        out[name] = d * (p.detach().norm() / (d.norm() + 1e-12))
    return out


def loss_slice(model: torch.nn.Module, src_ids: Sequence[int], out_ids: Sequence[int], alphas: Sequence[float],
               seed: int = 0, lock=None) -> np.ndarray:
    """L(θ + α d) for each α, d = random_direction(model, seed): a 1-D cut through the real loss surface of
    this sentence (α = 0 is the trained model)."""
    direction = random_direction(model, seed)
    base = {name: p.detach() for name, p in model.named_parameters()}
    losses = []
    with _guard(lock), torch.inference_mode():
        for a in alphas:
            shifted = {name: base[name] + float(a) * direction[name] for name in base}
            losses.append(float(sentence_loss(model, src_ids, out_ids, params=shifted)))
    return np.array(losses)


def convexity_breaks(alphas: Sequence[float], losses: Sequence[float]) -> int:
    """How many interior points lie above the chord of their neighbours (a convex function has none): the
    slice's second differences that are negative, beyond float rounding."""
    a, y = np.asarray(alphas, np.float64), np.asarray(losses, np.float64)
    mid = y[1:-1] - (y[:-2] * (a[2:] - a[1:-1]) + y[2:] * (a[1:-1] - a[:-2])) / (a[2:] - a[:-2])  # above chord > 0
    return int(np.sum(mid > 1e-6 * np.maximum(1.0, np.abs(y[1:-1]))))
