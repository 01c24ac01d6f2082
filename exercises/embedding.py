"""Tokens, embeddings and positions: × √d_model, X = E·√d_model + PE, the sinusoid of one cell, which
position's PE is closest, the size of the embedding table. All on the learner's own source rows."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from .attention import rounded
from .core import CHOICE, NUMBER, Instance, text, tolerance_for
from .forms import ShapeItem, shape_of

DECIMALS = 4
PE_DIMS = (2, 40)  # the cells asked about: beyond dimension ~40 the angle is so small that sin ≈ angle, cos ≈ 1


def _cell(given, rng: np.random.Generator, min_abs: float = 0.02) -> tuple[int, int, float] | None:
    """A source position and a dimension whose raw embedding is not tiny (a tiny one makes every scaling
    look alike), and the raw value as shown."""
    E = given.trace["src_embed.hook_token"]
    t, d = int(rng.integers(E.shape[0])), int(rng.integers(E.shape[1]))
    e = float(rounded(E[t, d]))
    return None if abs(e) < min_abs else (t, d, e)


def scaled_embedding(given, rng: np.random.Generator) -> Instance | None:
    """hook_scaled[t, d] = E[t, d] · √d_model. Bugs: × d_model (the √ forgotten), ÷ √d_model, not scaled,
    × √d_k (the attention's scale)."""
    cell = _cell(given, rng)
    if cell is None:
        return None
    t, d, e = cell
    d_model, d_k = given.cfg.d_model, given.cfg.d_head
    answer = e * math.sqrt(d_model)
    model = float(given.trace["src_embed.hook_scaled"][t, d])
    token = given.trace.src_tokens[t]
    return Instance(
        NUMBER, text("exercises.prompt.scaled_embedding", token=token, pos=t, d=d, d_model=d_model), answer,
        section="lookup", tolerance=tolerance_for(answer, abs(answer - model)),
        bugs={"embed_times_d_model": e * d_model, "embed_divided_by_sqrt_d_model": e / math.sqrt(d_model),
              "embed_not_scaled": e, "embed_sqrt_d_k": e * math.sqrt(d_k)},
        show={"E": e, "d_model": d_model},
        hints=(text("exercises.hint.scaled_embedding.cells", token=token, d=d),
               text("exercises.hint.scaled_embedding.formula", d_model=d_model), text("exercises.hint.worked")),
        solution=(rf"{e:.4f} \times \sqrt{{{d_model}}} = {e:.4f} \times {math.sqrt(d_model):.4f} = {answer:.4f}",),
        params={"token": t, "dim": d}, decimals=DECIMALS)


def embedding_sum(given, rng: np.random.Generator) -> Instance | None:
    """X[t, d] = E[t, d] · √d_model + PE[t, d], from the raw embedding and the PE cell shown. Bugs: PE
    forgotten, scaled after adding PE, not scaled at all."""
    cell = _cell(given, rng)
    if cell is None:
        return None
    t, d, e = cell
    pe = float(rounded(given.trace["src_embed.hook_pos"][t, d]))
    if abs(pe) < 0.05:
        return None  # PE ≈ 0 makes "PE forgotten" the right answer
    d_model = given.cfg.d_model
    root = math.sqrt(d_model)
    answer = e * root + pe
    model = float(given.trace["src_embed.hook_x"][t, d])
    token = given.trace.src_tokens[t]
    return Instance(
        NUMBER, text("exercises.prompt.embedding_sum", token=token, pos=t, d=d, d_model=d_model), answer,
        section="lookup", tolerance=tolerance_for(answer, abs(answer - model)),
        bugs={"pe_forgotten": e * root, "scale_after_pe": (e + pe) * root, "embed_not_scaled": e + pe},
        show={"E": e, "PE": pe, "d_model": d_model},
        hints=(text("exercises.hint.embedding_sum.cells", token=token, d=d),
               text("exercises.hint.embedding_sum.formula", d_model=d_model), text("exercises.hint.worked")),
        solution=(rf"{e:.4f} \times \sqrt{{{d_model}}} + {pe:.4f} = {e * root:.4f} + {pe:.4f} = {answer:.4f}",),
        params={"token": t, "dim": d}, decimals=DECIMALS)


def embedding_parameters(given, rng: np.random.Generator) -> Instance | None:
    """Weights of the source embedding table: one row of d_model per source-vocabulary entry. Bugs: the
    target vocabulary, one row per token of the sentence, both tables."""
    cfg = given.cfg
    src, tgt, d_model = cfg.src_vocab_size, cfg.tgt_vocab_size, cfg.d_model
    n = len(given.trace.src_tokens)
    answer = src * d_model
    bugs = {"vocab_swap": tgt * d_model, "embedding_per_sentence": n * d_model,
            "both_embedding_tables": (src + tgt) * d_model}
    return Instance(
        NUMBER, text("exercises.prompt.embedding_parameters", src=src, tgt=tgt, d_model=d_model), float(answer),
        section="lookup", tolerance=0.5, bugs={k: float(v) for k, v in bugs.items() if v != answer},
        hints=(text("exercises.hint.embedding_parameters.cells"),
               text("exercises.hint.embedding_parameters.formula", d_model=d_model), text("exercises.hint.worked")),
        solution=(rf"{src} \times {d_model} = {answer}",), params={}, decimals=0)


def shape_no_layer(items: tuple[ShapeItem, ...], section: str):
    """``forms.shape_of`` for tensors outside the layers (embeddings, memory, logits: no ``{layer}`` in their
    names): the same bugs, a prompt without a layer number."""
    make_shape = shape_of(items, section)

    def make(given, rng: np.random.Generator) -> Instance | None:
        instance = make_shape(given, rng)
        if instance is None:
            return None
        fields = instance.prompt.fields
        return replace(instance, prompt=text("exercises.prompt.shape_whole", tensor=fields["tensor"],
                                             name=fields["name"]), params={})

    return make


# ---- positions ----------------------------------------------------------------------------------------

def _pe(pos: float, dim: int, d_model: float, *, swap: bool = False, exponent: float | None = None,
        degrees: bool = False) -> float:
    two_i = dim - dim % 2
    angle = pos / 10000 ** ((two_i if exponent is None else exponent) / d_model)
    if degrees:
        angle = math.radians(angle)
    use_sin = (dim % 2 == 0) != swap
    return math.sin(angle) if use_sin else math.cos(angle)


def pe_value(given, rng: np.random.Generator) -> Instance | None:
    """PE(pos, 2i) = sin(pos / 10000^(2i/d_model)), PE(pos, 2i+1) = cos(…) for a position of the learner's
    sentence. Bugs: i for 2i in the exponent, the odd dimension's own index in the exponent, sin and cos
    swapped, degrees for radians, positions counted from 1, d_k for d_model."""
    n = len(given.trace.src_tokens)
    if n < 2:
        return None
    pos = int(rng.integers(1, n))
    dim = int(rng.integers(*PE_DIMS))
    cfg = given.cfg
    d_model, d_k = cfg.d_model, cfg.d_head
    answer = _pe(pos, dim, d_model)
    model = float(given.trace["src_embed.hook_pos"][pos, dim])
    if abs(model - answer) > 1e-4:
        return None  # not the sinusoid (a learned or removed PE): nothing to compute by hand
    i = dim // 2
    bugs = {"pe_i_for_2i": _pe(pos, dim, d_model, exponent=i), "pe_sin_cos_swapped": _pe(pos, dim, d_model, swap=True),
            "pe_degrees": _pe(pos, dim, d_model, degrees=True), "pe_pos_from_one": _pe(pos + 1, dim, d_model),
            "pe_d_k_for_d_model": _pe(pos, dim, d_k)}
    if dim % 2:
        bugs["pe_odd_index_in_exponent"] = _pe(pos, dim, d_model, exponent=dim)
    tol = tolerance_for(answer, abs(answer - model))
    fn = r"\sin" if dim % 2 == 0 else r"\cos"
    angle = pos / 10000 ** ((2 * i) / d_model)
    token = given.trace.src_tokens[pos]
    return Instance(
        NUMBER, text("exercises.prompt.pe_value", pos=pos, token=token, dim=dim, d_model=d_model), answer,
        section="sum", tolerance=tol, bugs={k: v for k, v in bugs.items() if abs(v - answer) > 3 * tol},
        show={"pos": pos, "dim": dim, "d_model": d_model},
        hints=(text("exercises.hint.pe_value.cells", pos=pos, dim=dim),
               text("exercises.hint.pe_value.formula", d_model=d_model), text("exercises.hint.worked")),
        solution=(rf"2i = {2 * i},\quad \frac{{{pos}}}{{10000^{{{2 * i}/{d_model}}}}} = {angle:.4f}",
                  rf"PE({pos}, {dim}) = {fn}({angle:.4f}) = {answer:.4f}"),
        params={"token": pos, "dim": dim}, decimals=DECIMALS)


def nearest_position(given, rng: np.random.Generator) -> Instance | None:
    """Predict, then reveal: which later position of the sentence has the PE row most similar (dot product)
    to position p's? The nearest one: PE(p)·PE(p+k) depends on k alone and falls with it. Bugs: the farthest
    position, the next occurrence of the same character (PE does not look at the character)."""
    toks = list(given.trace.src_tokens)
    n = len(toks)
    if n < 3:
        return None
    pe = given.trace["src_embed.hook_pos"].astype(np.float64)
    if not np.abs(pe).any():
        return None
    p = int(rng.integers(0, n - 2))
    later = list(range(p + 1, n))
    dots = pe[later] @ pe[p]
    order = np.argsort(dots)[::-1]
    if dots[order[0]] - dots[order[1]] < 0.5:
        return None
    best = int(order[0])
    bugs = {"pe_far_similar": len(later) - 1}
    same = [k for k, j in enumerate(later) if toks[j] == toks[p]]
    if same:
        bugs["pe_follows_token"] = same[0]
    return Instance(
        CHOICE, text("exercises.prompt.nearest_position", pos=p, token=toks[p]), best, section="similarity",
        bugs={tag: v for tag, v in bugs.items() if v != best},
        choices=tuple(text("exercises.choice.position", pos=j, token=toks[j]) for j in later),
        hints=(text("exercises.hint.nearest_position.cells"), text("exercises.hint.nearest_position.formula"),
               text("exercises.hint.worked")),
        solution=tuple(rf"PE({p})\cdot PE({j}) = {dots[k]:.2f}" for k, j in enumerate(later[:6])),
        reveal=text("exercises.reveal.nearest_position", pos=p, best=later[best], dot=f"{dots[best]:.2f}",
                    far=later[-1], far_dot=f"{dots[-1]:.2f}"),
        params={"token": p})
