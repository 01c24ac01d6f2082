"""The encoder stack and the overview: which memory rows a character reaches, which token a layer changes
most, the cosine of two memory rows, and "name that tensor" on the learner's own maps."""

from __future__ import annotations

import numpy as np

from .attention import rounded
from .core import CHOICE, NUMBER, Instance, clear_winner, text, tolerance_for

DECIMALS = 4
MARGIN = 0.01  # a read-off bar must beat the runner-up by this much (the chart shows values on hover)


def encoder_reach(given, rng: np.random.Generator) -> Instance | None:
    """Predict, then reveal: change the character at position j; which rows of the encoder's output (the memory
    C) can change? Every row: the encoder's self-attention has no mask. Bugs: only row j (each position
    processed alone), rows j onwards (a causal encoder), rows j−1 … j+1 (a local window); a wrong reach that
    names the same rows as a right or an earlier one is not offered."""
    toks = list(given.trace.src_tokens)
    n = len(toks)
    if n < 2:
        return None
    j = int(rng.integers(n))
    masks = [given.trace[f"encoder.layers.{L}.self_attn.hook_mask"] for L in range(given.trace.n_layers)]
    if not all(np.asarray(m).all() for m in masks):
        return None  # padding or a mask: not the plain encoder this item is about
    rows = {"all": range(n), "only": range(j, j + 1), "after": range(j, n),
            "window": range(max(0, j - 1), min(n, j + 2))}
    tags = {"only": "thinks_encoder_per_token", "after": "thinks_encoder_causal", "window": "thinks_encoder_local"}
    offered = []
    for name, reach in rows.items():
        if all(reach != rows[o] for o in offered):
            offered.append(name)
    shown = [offered[k] for k in rng.permutation(len(offered))]
    pattern = given.trace["encoder.layers.0.self_attn.hook_pattern"]  # (h, T, T)
    weight = pattern[:, :, j].max(axis=0)  # the largest weight any head of layer 0 gives j, per row
    weakest = int(np.argmin(weight))
    fields = {"pos": j, "token": toks[j], "last": n - 1, "before": max(0, j - 1), "next": min(n - 1, j + 1), "n": n}
    return Instance(
        CHOICE, text("exercises.prompt.encoder_reach", pos=j, token=toks[j]), shown.index("all"),
        section="memory", bugs={tags[name]: shown.index(name) for name in shown if name != "all"},
        choices=tuple(text(f"exercises.choice.reach_{c}", **fields) for c in shown),
        hints=(text("exercises.hint.encoder_reach.cells"), text("exercises.hint.encoder_reach.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.encoder_reach", token=toks[j], n=n, row=weakest, row_token=toks[weakest],
                    w=f"{weight[weakest]:.3f}"),
        params={"token": j})


def most_changed(given, rng: np.random.Generator) -> Instance | None:
    """Read off the page's bars: which token's vector does layer n turn most (the lowest cosine between the
    layer's input and output), or, when no bar is clearly lowest, least (the highest)? Bug: the cosine read
    as the amount of change (the opposite end picked)."""
    L = int(rng.integers(given.trace.n_layers))
    a = given.trace[f"encoder.layers.{L}.hook_in"].astype(np.float64)
    b = given.trace[f"encoder.layers.{L}.norm2.hook_out"].astype(np.float64)
    if len(a) < 2:
        return None
    cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    which = "most"
    answer = clear_winner(list(-cos), margin=MARGIN)
    opposite = int(np.argmax(cos))
    if answer is None:
        which, answer, opposite = "least", clear_winner(list(cos), margin=MARGIN), int(np.argmin(cos))
    if answer is None:
        return None
    toks = list(given.trace.src_tokens)
    return Instance(
        CHOICE, text(f"exercises.prompt.{which}_changed", layer=L), answer, section="norms",
        bugs={"cosine_read_as_change": opposite} if opposite != answer else {}, choices=tuple(toks),
        hints=(text("exercises.hint.most_changed.cells", layer=L), text(f"exercises.hint.{which}_changed.formula"),
               text("exercises.hint.worked")),
        reveal=text(f"exercises.reveal.{which}_changed", layer=L, token=toks[answer], cos=f"{cos[answer]:.3f}"),
        params={"layer": L, "token": answer})


def memory_cosine(given, rng: np.random.Generator) -> Instance | None:
    """cos(C_a, C_b) = C_a·C_b / (‖C_a‖ ‖C_b‖) from the dot product and the two norms shown. Bugs: the dot
    product alone, one norm only, the squared norms."""
    C = given.trace["encoder.hook_memory"].astype(np.float64)
    n = len(C)
    if n < 2:
        return None
    a, b = (int(x) for x in rng.choice(n, size=2, replace=False))
    dot, na, nb = (float(rounded(v)) for v in (C[a] @ C[b], np.linalg.norm(C[a]), np.linalg.norm(C[b])))
    answer = dot / (na * nb)
    model = float(C[a] @ C[b] / (np.linalg.norm(C[a]) * np.linalg.norm(C[b])))
    toks = list(given.trace.src_tokens)
    return Instance(
        NUMBER, text("exercises.prompt.memory_cosine", a=toks[a], b=toks[b], i=a, j=b), answer, section="memory",
        tolerance=tolerance_for(answer, abs(answer - model)),
        bugs={"cosine_no_norms": dot, "cosine_one_norm": dot / na, "cosine_squared_norms": dot / (na * na * nb * nb)},
        show={"C_a·C_b": dot, "‖C_a‖": na, "‖C_b‖": nb},
        hints=(text("exercises.hint.memory_cosine.cells", a=toks[a], b=toks[b]),
               text("exercises.hint.memory_cosine.formula"), text("exercises.hint.worked")),
        solution=(rf"\frac{{{dot:.4f}}}{{{na:.4f} \times {nb:.4f}}} = {answer:.4f}",),
        params={"token": a, "key": b}, decimals=DECIMALS)


# ---- overview -------------------------------------------------------------------------------------------

_MAPS = ("enc_weights", "dec_weights", "enc_scores")
_WRONG = {  # (shown, picked) → the misconception
    ("enc_weights", "enc_scores"): "weights_taken_for_scores",
    ("enc_weights", "dec_weights"): "mask_imagined",
    ("dec_weights", "enc_weights"): "mask_missed",
    ("dec_weights", "enc_scores"): "weights_taken_for_scores",
    ("enc_scores", "enc_weights"): "scores_taken_for_weights",
    ("enc_scores", "dec_weights"): "mask_imagined",
}


def name_that_tensor(given, rng: np.random.Generator) -> Instance | None:
    """An untitled map from the learner's trace: encoder attention weights, decoder (masked) attention weights
    or encoder scores? The cues: rows summing to 1, zeros above the diagonal, negative entries."""
    trace = given.trace
    L = int(rng.integers(trace.n_layers))
    h = int(rng.integers(trace[f"encoder.layers.{L}.self_attn.hook_pattern"].shape[0]))
    maps = {"enc_weights": trace[f"encoder.layers.{L}.self_attn.hook_pattern"][h],
            "dec_weights": trace[f"decoder.layers.{L}.self_attn.hook_pattern"][h],
            "enc_scores": trace[f"encoder.layers.{L}.self_attn.hook_scores"][h]}
    if min(m.shape[0] for m in maps.values()) < 3:
        return None  # a 1 × 1 or 2 × 2 map has no pattern to read
    what = _MAPS[int(rng.integers(len(_MAPS)))]
    toks = list(trace.tgt_tokens if what == "dec_weights" else trace.src_tokens)
    return Instance(
        CHOICE, text("exercises.prompt.name_that_tensor"), _MAPS.index(what), section="tensors",
        bugs={_WRONG[(what, other)]: _MAPS.index(other) for other in _MAPS if other != what},
        choices=tuple(text(f"exercises.choice.tensor_{m}") for m in _MAPS),
        show={"map": rounded(maps[what], 3)}, labels={"rows": toks, "cols": toks},
        hints=(text("exercises.hint.name_that_tensor.cells"), text("exercises.hint.name_that_tensor.formula"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.name_that_tensor", name=f"{'encoder' if what != 'dec_weights' else 'decoder'}"
                    f".layers.{L}.self_attn.hook_{'scores' if what == 'enc_scores' else 'pattern'}", head=h),
        params={"layer": L, "head": h})
