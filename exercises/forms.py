"""Exercise types every page shares, driven by data: a tensor's shape, and the order of a pipeline's steps.

A page lists which tensors to ask about (``ShapeItem``) and which steps to order (a list of step names,
i18n ``exercises.step.<name>``, in the right order); the bugs are the usual slips on those same shapes and
steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .core import AGAIN, ORDER, SHAPE, Instance, text


@dataclass(frozen=True)
class ShapeItem:
    """A tensor of the trace to ask the shape of: ``name`` may hold ``{layer}``; ``what`` is its i18n name
    (``exercises.tensor.<what>``)."""

    name: str
    what: str


def shape_of(items: Sequence[ShapeItem], section: str):
    """An exercise: "what is the shape of <tensor> for your sentence?" Bugs: the axes swapped, the heads merged
    or split, d_model taken for d_k, one token too many or too few (<bos>/<eos> miscounted)."""

    def make(given, rng: np.random.Generator) -> Instance | None:
        item = items[int(rng.integers(len(items)))]
        n_layers = given.trace.n_layers
        layer = int(rng.integers(max(1, n_layers)))  # a recurrent trace has no layers
        name = item.name.format(layer=layer)
        if name not in given.trace:
            return None
        shape = tuple(int(n) for n in given.trace[name].shape)
        bugs: dict[str, tuple[int, ...]] = {}
        if len(shape) >= 2 and shape[-1] != shape[-2]:
            bugs["axes_swapped"] = (*shape[:-2], shape[-1], shape[-2])
        cfg = given.cfg
        if cfg is not None and len(shape) == 3 and shape[0] == cfg.n_heads and shape[-1] == cfg.d_head:
            bugs["heads_merged"] = (shape[1], cfg.d_model)
            bugs["d_model_for_d_k"] = (shape[0], shape[1], cfg.d_model)
        elif cfg is not None and len(shape) == 2 and shape[-1] == cfg.d_model:
            bugs["heads_split"] = (cfg.n_heads, shape[0], cfg.d_head)
        if len(shape) >= 2:
            bugs["token_miscounted"] = (*shape[:-2], shape[-2] + 1, shape[-1])
        bugs = {tag: s for tag, s in bugs.items() if s != shape}
        dims = r" \times ".join(map(str, shape))
        prompt = "exercises.prompt.shape" if "{layer}" in item.name else "exercises.prompt.shape_whole"
        return Instance(
            SHAPE, text(prompt, tensor=text(f"exercises.tensor.{item.what}"), layer=layer, name=name),
            shape, section=section, bugs=bugs,
            hints=(text("exercises.hint.shape.cells"), text("exercises.hint.shape.formula"),
                   text("exercises.hint.worked")),
            solution=(rf"\texttt{{{name}}}:\ {dims}",),
            params={"layer": layer})

    return make


SWAPS = {  # a pair of neighbouring steps swapped is a misconception with a name
    ("scale", "softmax"): "softmax_before_scale",
    ("mask", "softmax"): "mask_after_softmax",
    ("add", "norm"): "norm_before_add",
    ("softmax", "weighted_sum"): "sum_before_softmax",
    ("concat", "W_O"): "W_O_per_head",
    ("project", "split_heads"): "split_before_project",
    ("embed", "scale_embed"): "scale_before_lookup",
    ("scale_embed", "add_pe"): "scale_after_pe",
    ("logits", "softmax_vocab"): "softmax_before_logits",
    ("softmax_vocab", "pick"): "pick_before_softmax",
    ("pick", "append"): "append_before_pick",
    ("self_attn", "cross_attn"): "cross_before_self",
    ("cross_attn", "ffn"): "ffn_before_cross",
    ("forget", "input"): "forget_after_input",
    ("cell", "output_gate"): "output_gate_first",
    ("forward", "loss"): "loss_before_forward",
    ("backward", "step"): "step_before_backward",
    ("backward", "clip"): "clip_before_backward",
    ("clip", "step"): "step_before_clip",
    ("loss", "backward"): "backward_before_loss",
    ("tokenize", "embed"): "embed_before_tokenize",
    ("encode", "decode"): "decode_before_encode",
    ("add_pe", "encode"): "pe_after_attn",
    ("norm", "ffn"): "ffn_before_norm",
    ("norm", "linear_1"): "ffn_before_norm",
    ("linear_1", "relu"): "relu_before_W_1",
    ("relu", "linear_2"): "relu_after_W_2",
    ("add_ffn", "norm_ffn"): "norm_before_add",
}


def order_steps(steps: Sequence[str], section: str):
    """An exercise: put the steps in the order the model runs them. Each named swap of two neighbours is a
    bug (SWAPS); the steps are shown shuffled (seeded)."""

    def make(given, rng: np.random.Generator) -> Instance | None:
        shuffled = [int(k) for k in rng.permutation(len(steps))]
        if shuffled == list(range(len(steps))):
            shuffled = shuffled[1:] + shuffled[:1]
        answer = tuple(shuffled.index(k) for k in range(len(steps)))  # positions in the shown list, in order
        bugs = {}
        for k in range(len(steps) - 1):
            tag = SWAPS.get((steps[k], steps[k + 1]))
            if tag:  # a second pair with the same slip (norm before add, twice) is that slip too: "tag@k"
                wrong = list(answer)
                wrong[k], wrong[k + 1] = wrong[k + 1], wrong[k]
                bugs[tag if tag not in bugs else f"{tag}{AGAIN}{k}"] = tuple(wrong)
        return Instance(
            ORDER, text("exercises.prompt.order"), answer, section=section, bugs=bugs,
            choices=tuple(text(f"exercises.step.{steps[k]}") for k in shuffled),
            hints=(text("exercises.hint.order.cells"), text("exercises.hint.order.formula"),
                   text("exercises.hint.worked")),
            params={})

    return make
