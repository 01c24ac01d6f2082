"""figures.logp_bars, the next-word chart of lesson 10: probabilities drawn as ln p bars rising from a floor, so the
likeliest word has the longest bar and a word at p = 10⁻⁴ still shows. Pure builder, no browser."""

from __future__ import annotations

import base64
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_figures import spec

from ui import figures


def _lengths(trace: dict) -> np.ndarray:
    """The bars' y from the JSON (plotly ≥ 6 ships typed arrays as base64)."""
    y = trace["y"]
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype=np.dtype(y["dtype"])).astype(float)
    return np.asarray(y, dtype=float)


def _dist(seed: int, n: int) -> np.ndarray:
    """A peaked softmax like the model's (one word near 1, the rest spread over orders of magnitude)."""
    z = np.random.default_rng(seed).normal(0, 4, size=n)
    p = np.exp(z - z.max())
    return p / p.sum()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 12))
def test_the_likeliest_word_has_the_longest_bar_and_lengths_follow_p(seed, n):
    p = _dist(seed, n)
    order = np.argsort(-p)  # the page shows the top words, the chosen (greedy: likeliest) first
    words = [f"w{i}" for i in order]
    tr = spec(figures.logp_bars(words, p[order], title="next word", highlight=0))["data"][0]
    length, base = _lengths(tr), np.asarray(tr["base"], dtype=float)
    assert int(np.argmax(length)) == 0 and tr["marker"]["color"][0] == figures.HIGHLIGHT
    assert set(tr["marker"]["color"][1:]) <= {figures.BASE}
    # longer bar exactly when likelier: the lengths sort the words as p does
    for i in range(n):
        for j in range(n):
            if p[order][i] > p[order][j] * (1 + 1e-9):
                assert length[i] > length[j]
    assert (length > 0.5).all()  # every word keeps a visible bar above the floor
    # each bar ends at its word's own ln p, recomputed here from p
    np.testing.assert_allclose(base + length, np.log(p[order]), rtol=1e-9, atol=1e-9)


def test_hover_and_numbers_carry_p_and_ln_p():
    p = np.array([0.9642, 0.02, 3.1e-7])
    tr = spec(figures.logp_bars(["I", "we", "<eos>"], p, title="t", highlight=0))["data"][0]
    for q, row in zip(p, tr["customdata"]):
        assert math.isclose(float(row[1]), q, rel_tol=1e-3)  # p in the hover, significant figures (not 0.0000)
        assert math.isclose(float(row[0]), math.log(q), abs_tol=1e-4)
    assert "p = %{customdata[1]}" in tr["hovertemplate"] and "ln p = %{customdata[0]}" in tr["hovertemplate"]
    assert tr["text"] == ["−0.04", "−3.91", "−14.99"]  # the number on each bar is its ln p, real minus signs
    assert tr["x"][2] == "&lt;eos&gt;"


def test_axis_reads_ln_p_from_the_floor_up_to_zero():
    p = np.array([0.97, 1e-3, 2e-5])
    lay = spec(figures.logp_bars(["a", "b", "c"], p, title="t", y_title="ln p"))["layout"]
    lo, hi = lay["yaxis"]["range"]
    assert lo == figures.log_floor(np.log(p)) and lo <= math.log(2e-5) - 1 and lo == int(lo)
    assert hi > 0  # 0 (certain) is on the axis, with room above for the top bar's number


def test_a_zero_probability_stays_finite():
    tr = spec(figures.logp_bars(["a", "b"], [1.0, 0.0], title="t"))["data"][0]
    assert np.isfinite(_lengths(tr)).all() and np.isfinite(np.asarray(tr["base"], dtype=float)).all()


def test_rejects_mismatched_labels():
    with pytest.raises(ValueError, match="2 values"):
        figures.logp_bars(["a", "b", "c"], [0.5, 0.5], title="t")
