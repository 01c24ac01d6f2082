"""Add & Norm and the feed-forward network, on the learner's own residual rows: one LayerNorm output, one
ReLU unit, how many hidden units a token uses, and the parameter counts of the FFN, a layer, the encoder.

The page passes what the trace does not hold: ``layer`` (the layer it shows), ``norm1`` = (γ, β, ε) of that
layer's first LayerNorm and ``b_1`` (the FFN's first bias in that layer).
"""

from __future__ import annotations

import numpy as np

from .attention import rounded
from .core import NUMBER, Instance, text, tolerance_for

DECIMALS = 4


def _layer(given, rng: np.random.Generator) -> int:
    layer = given.get("layer")
    return int(rng.integers(given.trace.n_layers)) if layer is None else int(layer)


def layer_norm_value(given, rng: np.random.Generator) -> Instance | None:
    """y = (x − μ) / √(σ² + ε) · γ + β for one feature of one token after the first Add & Norm, with
    x = input + attention output. Shown: both terms of x, μ and σ² of the token's row, the mean and variance
    of that feature over the sentence's tokens, γ, β, ε. Bugs: normalised over the tokens (the column's
    statistics), no square root, γ and β left out, the residual forgotten (the sublayer's output alone)."""
    L = _layer(given, rng)
    gamma, beta, eps = given["norm1"]
    base = f"encoder.layers.{L}"
    resid = given.trace[f"{base}.norm1.hook_resid"].astype(np.float64)
    if resid.shape[0] < 2:
        return None  # one token: the column statistics are the token itself
    t, d = int(rng.integers(resid.shape[0])), int(rng.integers(resid.shape[1]))
    x_in = float(rounded(given.trace[f"{base}.hook_in"][t, d]))
    sub = float(rounded(given.trace[f"{base}.self_attn.hook_out"][t, d]))
    mu, var = (float(rounded(v)) for v in (resid[t].mean(), resid[t].var()))
    mu_c, var_c = (float(rounded(v)) for v in (resid[:, d].mean(), resid[:, d].var()))
    g, b = float(rounded(gamma[d])), float(rounded(beta[d]))
    eps = float(eps)
    x = x_in + sub

    def norm(value: float, m: float, v: float, root: bool = True, affine: bool = True) -> float:
        y = (value - m) / (np.sqrt(v + eps) if root else (v + eps))
        return float(y * g + b if affine else y)

    answer = norm(x, mu, var)
    model = float(given.trace[f"{base}.norm1.hook_out"][t, d])
    token = given.trace.src_tokens[t]
    bugs = {"ln_over_tokens": norm(x, mu_c, var_c), "ln_no_sqrt": norm(x, mu, var, root=False),
            "ln_no_affine": norm(x, mu, var, affine=False), "ln_forgot_residual": norm(sub, mu, var)}
    return Instance(
        NUMBER, text("exercises.prompt.layer_norm", token=token, d=d, layer=L), answer, section="norm",
        tolerance=tolerance_for(answer, abs(answer - model)), bugs=bugs,
        show={"x_in": x_in, "sublayer": sub, "mu_token": mu, "var_token": var, "mu_feature": mu_c,
              "var_feature": var_c, "gamma": g, "beta": b, "eps": eps},
        hints=(text("exercises.hint.layer_norm.cells", token=token, d=d),
               text("exercises.hint.layer_norm.formula"), text("exercises.hint.worked")),
        solution=(rf"x = {x_in:.4f} + {sub:.4f} = {x:.4f}",
                  rf"y = \frac{{{x:.4f} - {mu:.4f}}}{{\sqrt{{{var:.4f} + {eps:g}}}}} \times {g:.4f} + {b:.4f}"
                  rf" = {answer:.4f}"),
        params={"layer": L, "token": t, "dim": d}, decimals=DECIMALS)


def relu_unit(given, rng: np.random.Generator) -> Instance | None:
    """h_j = max(0, x·W_1[:, j] + b_1[j]) for a unit whose pre-activation is negative or, as often, positive (so that
    0 is not always the answer), from the dot product and the bias shown. Bugs: no ReLU, ReLU taken as |·| (where the
    ReLU cuts), 0 for a positive sum (ReLU taken to zero everything), the bias forgotten."""
    L = _layer(given, rng)
    b_1 = np.asarray(given["b_1"], dtype=np.float64)
    pre = given.trace[f"encoder.layers.{L}.ffn.hook_pre"].astype(np.float64)
    t = int(rng.integers(pre.shape[0]))
    on = bool(rng.random() < 0.5)
    units = np.flatnonzero(pre[t] > 0.05 if on else pre[t] < -0.05)
    if not len(units):
        return None
    j = int(rng.choice(units))
    bias = float(rounded(b_1[j]))
    dot = float(rounded(pre[t, j] - b_1[j]))
    z = dot + bias
    if (z > 0) != on:
        return None  # rounding moved it across 0
    answer = max(z, 0.0)
    bugs = {"relu_zeroes_all": 0.0, "forgot_bias": dot} if on else {"relu_missing": z, "relu_abs": abs(z)}
    if not on and dot > 0:
        bugs["forgot_bias"] = dot
    token = given.trace.src_tokens[t]
    return Instance(
        NUMBER, text("exercises.prompt.relu_unit", token=token, j=j, layer=L), answer, section="ffn",
        tolerance=tolerance_for(answer, abs(answer - float(given.trace[f"encoder.layers.{L}.ffn.hook_hidden"][t, j]))),
        bugs=bugs, show={"x·W_1": dot, "b_1": bias},
        hints=(text("exercises.hint.relu_unit.cells", j=j), text("exercises.hint.relu_unit.formula"),
               text("exercises.hint.worked")),
        solution=(rf"\max(0,\ {dot:.4f} + ({bias:.4f})) = \max(0,\ {z:.4f}) = {answer:.4f}",),
        params={"layer": L, "token": t, "unit": j}, decimals=DECIMALS)


def active_units(given, rng: np.random.Generator) -> Instance | None:
    """How many of a token's d_ff hidden units are active (> 0) after ReLU? Read off the page's bar of zeros:
    d_ff − zeros. Bugs: the zeros counted instead, every unit counted (ReLU ignored)."""
    L = _layer(given, rng)
    hidden = given.trace[f"encoder.layers.{L}.ffn.hook_hidden"]
    t = int(rng.integers(hidden.shape[0]))
    d_ff = hidden.shape[1]
    active = int((hidden[t] > 0).sum())
    zeros = d_ff - active
    token = given.trace.src_tokens[t]
    return Instance(
        NUMBER, text("exercises.prompt.active_units", token=token, layer=L, d_ff=d_ff), float(active),
        section="ffn", tolerance=0.5,
        bugs={k: float(v) for k, v in {"counted_zeros": zeros, "relu_ignored": d_ff}.items() if v != active},
        hints=(text("exercises.hint.active_units.cells", token=token), text("exercises.hint.active_units.formula",
                                                                            d_ff=d_ff),
               text("exercises.hint.worked")),
        solution=(rf"{d_ff} - {zeros} = {active}",), params={"layer": L, "token": t}, decimals=0)


# ---- parameter counts --------------------------------------------------------------------------------

def ffn_count(d: int, f: int) -> int:
    return d * f + f + f * d + d  # W_1, b_1, W_2, b_2


def layer_count(d: int, f: int, n_norms: int = 2) -> int:
    """An encoder layer: W_Q, W_K, W_V, W_O (no biases in this model), the FFN, γ and β of each Add & Norm."""
    return 4 * d * d + ffn_count(d, f) + 2 * n_norms * d


def ffn_parameters(given, rng: np.random.Generator) -> Instance | None:
    """Weights of one FFN: W_1 (d_model × d_ff), b_1, W_2 (d_ff × d_model), b_2. Bugs: biases left out, one
    matrix only, both biases of size d_ff."""
    d, f = given.cfg.d_model, given.cfg.d_ff
    answer = ffn_count(d, f)
    bugs = {"ffn_no_biases": 2 * d * f, "ffn_one_matrix": d * f + f, "ffn_biases_both_d_ff": 2 * d * f + 2 * f}
    return Instance(
        NUMBER, text("exercises.prompt.ffn_parameters", d_model=d, d_ff=f), float(answer), section="ffn",
        tolerance=0.5, bugs={k: float(v) for k, v in bugs.items()},
        hints=(text("exercises.hint.ffn_parameters.cells"), text("exercises.hint.ffn_parameters.formula"),
               text("exercises.hint.worked")),
        solution=(rf"{d}\cdot{f} + {f} + {f}\cdot{d} + {d} = {answer}",), params={}, decimals=0)


def _layer_bugs(d: int, f: int, times: int = 1) -> dict[str, float]:
    full = layer_count(d, f)
    return {"layer_forgot_W_O": float(times * (full - d * d)), "forgot_ffn_biases": float(times * (full - f - d)),
            "forgot_norm_params": float(times * (full - 4 * d)), "with_biases": float(times * (full + 4 * d))}


def layer_parameters(given, rng: np.random.Generator) -> Instance | None:
    """Weights of one encoder layer: 4·d² + (2·d·d_ff + d_ff + d) + 2·2·d. Bugs: W_O forgotten, the FFN's
    biases forgotten, γ and β forgotten, biases added to the attention projections."""
    d, f = given.cfg.d_model, given.cfg.d_ff
    answer = layer_count(d, f)
    return Instance(
        NUMBER, text("exercises.prompt.layer_parameters", d_model=d, d_ff=f), float(answer), section="tensors",
        tolerance=0.5, bugs=_layer_bugs(d, f),
        hints=(text("exercises.hint.layer_parameters.cells"), text("exercises.hint.layer_parameters.formula"),
               text("exercises.hint.worked")),
        solution=(rf"4\cdot{d}^2 + ({d}\cdot{f} + {f} + {f}\cdot{d} + {d}) + 2\cdot 2\cdot{d} = {answer}",),
        params={}, decimals=0)


def encoder_parameters(given, rng: np.random.Generator) -> Instance | None:
    """Weights of the whole encoder stack (its N layers, the embedding not included). Bugs: one layer only,
    and the per-layer slips times N."""
    d, f, n = given.cfg.d_model, given.cfg.d_ff, given.cfg.n_layers
    one = layer_count(d, f)
    answer = n * one
    bugs = {"one_layer_only": float(one), **_layer_bugs(d, f, n)}
    return Instance(
        NUMBER, text("exercises.prompt.encoder_parameters", d_model=d, d_ff=f, n=n), float(answer),
        section="memory", tolerance=0.5, bugs={k: v for k, v in bugs.items() if v != answer},
        hints=(text("exercises.hint.encoder_parameters.cells"),
               text("exercises.hint.encoder_parameters.formula", n=n), text("exercises.hint.worked")),
        solution=(rf"{n} \times (4\cdot{d}^2 + 2\cdot{d}\cdot{f} + {f} + {d} + 4\cdot{d})"
                  rf" = {n} \times {one} = {answer}",),
        params={}, decimals=0)
