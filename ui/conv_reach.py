"""Pure NumPy helpers of the "Convolution vs attention" lesson (lesson_pages/conv_vs_attention.py): which of the
learner's characters each convolution layer can have read, how many numbers one kernel holds against a dense
layer over the whole sentence, and one convolution output and its GLU recomputed from the captured input.

No Streamlit and no torch here, so the tests check them against the model itself (tests/test_conv_vs_attention.py).
"""

from __future__ import annotations

import numpy as np


def reach(fields: list[int], T: int, i: int) -> np.ndarray:
    """(len(fields) + 1, T) of 0/1: row l is 1 where encoder layer l + 1's output at position ``i`` can have read
    character j (a centred window of ``fields[l]`` characters, cut at the sentence's ends); the last row is
    self-attention, which reads every character in any one layer. ``fields``: the receptive fields, 1 + l·(k − 1)."""
    if not 0 <= i < T:
        raise IndexError(f"position {i} is outside 0..{T - 1}")
    j = np.arange(T)
    rows = [(np.abs(j - i) <= (f - 1) // 2).astype(float) for f in fields]
    return np.stack([*rows, np.ones(T)])


def sharing(kernel_weight_shape: tuple[int, ...], bias_size: int, T: int) -> dict[str, int]:
    """How many numbers one convolution layer holds, against a dense layer that maps the whole sentence at once.

    ``kernel_weight_shape``: (C_out, C_in, k) of the real Conv1d weight. The convolution reuses its C_out·C_in·k
    + C_out numbers at each of the T positions; a dense layer from all T·C_in inputs to all T·C_out outputs needs
    its own weight for every (input position, output position) pair: (T·C_in)·(T·C_out) + T·C_out."""
    c_out, c_in, k = kernel_weight_shape
    kernel = c_out * c_in * k + bias_size
    return {"kernel": kernel, "uses": T, "dense": (T * c_in) * (T * c_out) + T * c_out,
            "unshared": kernel * T}  # a separate kernel at every position (a "locally connected" layer)


def conv_at(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, i: int) -> np.ndarray:
    """The centred convolution's output at position ``i``: bias + Σ_m W[:, :, m] · x[i − k//2 + m], x (T, C_in)
    the layer's input, zeros outside the sentence (the padding F.pad adds) → (C_out,)."""
    c_out, c_in, k = weight.shape
    out = bias.astype(np.float64).copy()
    for m in range(k):
        j = i - k // 2 + m
        if 0 <= j < x.shape[0]:
            out += weight[:, :, m].astype(np.float64) @ x[j].astype(np.float64)
    return out


def glu(ab: np.ndarray) -> np.ndarray:
    """GLU([A; B]) = A ⊙ σ(B): the first half of the last axis gated by the sigmoid of the second half."""
    a, b = np.split(np.asarray(ab, dtype=np.float64), 2, axis=-1)
    return a / (1.0 + np.exp(-b))


def by_reach(by_length: dict, field: int) -> dict[str, dict[str, float]]:
    """Exact match of the test sentences within the top encoder layer's receptive field ``field`` (at most that
    many characters: one position can have read them all) and beyond it, from evaluate.score's ``by_length``
    (keys may be str after JSON): {"within": {"n", "exact_match"}, "beyond": {…}}; exact_match NaN for none."""
    out = {}
    for side, keep in (("within", lambda n: n <= field), ("beyond", lambda n: n > field)):
        cells = [m for n, m in by_length.items() if keep(int(n))]
        n = sum(m["n"] for m in cells)
        hits = sum(m["n"] * m["exact_match"] for m in cells)
        out[side] = {"n": n, "exact_match": hits / n if n else float("nan")}
    return out
