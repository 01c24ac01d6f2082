"""Small pure-numpy computations the lessons show next to the model's own tensors.

Nothing here reaches into the model: inputs are arrays taken from a trace or from the weights,
outputs are arrays for the figure builders. Tested in tests/test_figures.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax; −inf entries get exactly 0."""
    x = np.asarray(x, dtype=np.float64)
    m = np.max(np.where(np.isfinite(x), x, -np.inf), axis=axis, keepdims=True)
    e = np.exp(x - m)
    return e / e.sum(axis=axis, keepdims=True)


def pca_2d(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project rows onto the two main directions of variation: ((n, 2) coordinates, (2,) variance ratios)."""
    X = np.asarray(matrix, dtype=np.float64)
    Xc = X - X.mean(axis=0, keepdims=True)
    _, s, vt = np.linalg.svd(Xc, full_matrices=False)
    coords = Xc @ vt[:2].T  # (n, d) @ (d, 2) → (n, 2)
    var = s**2
    return coords, var[:2] / var.sum()


def cosine_matrix(X: np.ndarray) -> np.ndarray:
    """(T, d) → (T, T) cosine similarity between rows."""
    X = np.asarray(X, dtype=np.float64)
    n = np.linalg.norm(X, axis=1, keepdims=True)
    U = X / np.where(n == 0, 1, n)
    return U @ U.T


def dot_matrix(X: np.ndarray) -> np.ndarray:
    """(T, d) → (T, T) dot products between rows (e.g. PE(pos)·PE(pos'))."""
    X = np.asarray(X, dtype=np.float64)
    return X @ X.T


def row_norms(X: np.ndarray) -> np.ndarray:
    """Euclidean length of each row: (T, d) → (T,)."""
    return np.linalg.norm(np.asarray(X, dtype=np.float64), axis=1)


def row_cosine(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Cosine similarity of row t of A with row t of B: (T, d), (T, d) → (T,)."""
    A, B = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    den = np.linalg.norm(A, axis=1) * np.linalg.norm(B, axis=1)
    return (A * B).sum(axis=1) / np.where(den == 0, 1, den)


def layernorm_stats(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation (population, as LayerNorm uses) of each row."""
    X = np.asarray(X, dtype=np.float64)
    return X.mean(axis=1), X.std(axis=1)


def zero_counts(hidden: np.ndarray) -> np.ndarray:
    """How many entries of each row are exactly 0 (ReLU switched them off)."""
    return (np.asarray(hidden) == 0).sum(axis=1)


def top_k(probs: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest entries, largest first (ties broken by index)."""
    probs = np.asarray(probs)
    k = min(k, probs.size)
    order = np.lexsort((np.arange(probs.size), -probs))
    return order[:k]


def top_k_with(probs: np.ndarray, must: int, k: int = 10) -> np.ndarray:
    """The k largest entries' indices, plus ``must`` at the end when it is not among them (a sampled word)."""
    top = top_k(probs, k)
    return top if must in top else np.append(top, must)


def scaling_experiment(d_ks: Sequence[int], n_keys: int = 10, n_trials: int = 2000, seed: int = 0) -> dict:
    """A toy with random vectors, not the model: q, k ~ N(0, 1)^d_k.

    For each d_k: the variance of q·k (grows like d_k) and of q·k/√d_k (stays near 1), and the mean
    largest softmax probability over ``n_keys`` keys with and without the division (saturation).
    """
    rng = np.random.default_rng(seed)
    out = {"d_k": np.asarray(d_ks), "var_raw": [], "var_scaled": [], "maxp_raw": [], "maxp_scaled": []}
    for d in d_ks:
        q = rng.standard_normal((n_trials, 1, d))
        k = rng.standard_normal((n_trials, n_keys, d))
        dots = (q * k).sum(-1)  # (n_trials, n_keys)
        scaled = dots / np.sqrt(d)
        out["var_raw"].append(dots.var())
        out["var_scaled"].append(scaled.var())
        out["maxp_raw"].append(softmax(dots).max(-1).mean())
        out["maxp_scaled"].append(softmax(scaled).max(-1).mean())
    return {k: np.asarray(v) for k, v in out.items()}


def to_csv(matrix: np.ndarray, rows: Sequence[str], cols: Sequence[str], corner: str = "") -> str:
    """A labelled CSV of a 2-D matrix: first row the column labels, first column the row labels."""
    matrix = np.asarray(matrix)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    if matrix.shape != (len(rows), len(cols)):
        raise ValueError(f"matrix of shape {matrix.shape} needs {matrix.shape[0]} row labels and "
                         f"{matrix.shape[1]} column labels, got {len(rows)} and {len(cols)}")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([corner, *cols])
    for label, row in zip(rows, matrix):
        w.writerow([label, *(_num(v) for v in row)])
    return buf.getvalue()


def csv_bytes(matrix: np.ndarray, rows: Sequence[str], cols: Sequence[str], corner: str = "") -> bytes:
    """to_csv as UTF-8 with a byte-order mark: Excel (on Windows, the default for many Chinese learners) reads
    a CSV without one in the local code page and garbles Chinese labels."""
    return ("\ufeff" + to_csv(matrix, rows, cols, corner)).encode("utf-8")


def _num(v) -> str:
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    f = float(v)
    if np.isposinf(f):
        return "inf"
    if np.isneginf(f):
        return "-inf"
    return str(v) if isinstance(v, np.float32) else repr(f)  # float32: shortest text that reads back exactly


# ---- the recurrent lessons -----------------------------------------------------------------------------

MEMORY_TOY_ORDERS = (((1, 1), (1, 1), (2, 2)), ((2, 2), (1, 1), (1, 1)), ((1, 1), (2, 2), (1, 1)))


def memory_toy(inputs: Sequence[Sequence[float]], w_rec: float = 1.0, activation: str = "linear") -> list[dict]:
    """The classic hand-sized RNN, a toy with made-up weights, not a trained model: two inputs, two hidden
    units, two outputs; every input and output weight is 1, no biases, and each hidden unit also reads both
    remembered values of the previous step through the recurrent weight ``w_rec`` (1 in the classic
    example). h_t = act(W_x x_t + W_h h_{t−1}), y_t = W_y h_t, memory h_0 = 0.

    With all weights 1 and a linear activation, [1,1] [1,1] [2,2] gives outputs [4,4] [12,12] [32,32].
    Returns one dict per step: x, memory (h_{t−1}), h, y (each a length-2 array).
    """
    if activation not in ("linear", "tanh"):
        raise ValueError(f"activation must be 'linear' or 'tanh', not {activation!r}")
    X = np.asarray(inputs, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"inputs must be (T, 2): one pair per step, got shape {X.shape}")
    act = np.tanh if activation == "tanh" else (lambda v: v)
    W_x, W_h, W_y = np.ones((2, 2)), w_rec * np.ones((2, 2)), np.ones((2, 2))
    memory = np.zeros(2)
    steps = []
    for x in X:
        h = act(W_x @ x + W_h @ memory)  # (2,)
        steps.append({"x": x, "memory": memory, "h": h, "y": W_y @ h})
        memory = h
    return steps


def lstm_step(c_prev: float, f: float, i: float, g: float, o: float) -> dict[str, float]:
    """One LSTM cell update with given gate values: c_t = f·c_{t−1} + i·g, h_t = o·tanh(c_t)."""
    keep, write = f * c_prev, i * g
    c = keep + write
    return {"keep": keep, "write": write, "c": c, "tanh_c": float(np.tanh(c)), "h": o * float(np.tanh(c))}


def beam_path(beams: Sequence[Sequence], final_index: int | None = None) -> list[int]:
    """Index of the beam at each step on the way to the best final beam (or ``final_index``)."""
    if not beams:
        return []
    last = beams[-1]
    i = final_index if final_index is not None else max(range(len(last)), key=lambda j: last[j].logp)
    path = [i]
    for step in range(len(beams) - 1, 0, -1):
        i = beams[step][i].parent
        path.append(i)
    return path[::-1]
