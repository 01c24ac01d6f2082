"""Trace: every tensor one run of a model computed, as detached CPU arrays by hook name.

Pages ask the trace for a tensor by a key, as TransformerLens's ``ActivationCache`` takes
``cache["pattern", 0]``: ``trace["pattern", 1, "decoder", "cross_attn"]`` is the array of the hook
:func:`act_name` names from the same parts. They never spell hook names nor walk the model's module tree.
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from .hooks import Capture

STACKS = ("encoder", "decoder")  # BERT has an encoder stack only, GPT a decoder stack only
Key = str | tuple  # a hook name, or the parts act_name builds one from (see key_name)


def act_name(kind: str, layer: int | str | None = None, stack: str = "encoder",
             sublayer: str | None = "self_attn") -> str:
    """The hook name of one activation, from its parts (every model of the registry uses these names).

    ``act_name("pattern", 0)`` → ``encoder.layers.0.self_attn.hook_pattern``;
    ``act_name("pattern", 1, "decoder", "cross_attn")`` → ``decoder.layers.1.cross_attn.hook_pattern``;
    ``act_name("hidden", 0, sublayer="ffn")`` → ``encoder.layers.0.ffn.hook_hidden``;
    ``act_name("in", 0, sublayer=None)`` → ``encoder.layers.0.hook_in``;
    ``act_name("logits", stack="generator")`` → ``generator.hook_logits`` (no layer: a site outside the
    layers, ``stack`` names its module and ``sublayer`` is ignored);
    ``act_name("pattern", "*", "decoder", "cross_attn")`` → ``decoder.layers.*.cross_attn.hook_pattern``
    (every layer's, for a figure's title).
    """
    if stack not in STACKS and layer is not None:
        raise ValueError(f"stack must be one of {STACKS} for a layer's activation, not {stack!r}")
    if layer is None:
        return f"{stack}.hook_{kind}"
    site = f"{stack}.layers.{layer}"
    return f"{site}.{sublayer}.hook_{kind}" if sublayer else f"{site}.hook_{kind}"


def key_name(key: Key) -> str:
    """The hook name a trace key stands for (TransformerLens's ``cache[name, layer, …]`` shorthand):

    * a hook name as it is: ``"encoder.layers.0.self_attn.hook_pattern"``;
    * ``(kind, layer, stack="encoder", sublayer="self_attn")``, the arguments of :func:`act_name`:
      ``("pattern", 1, "decoder", "cross_attn")``, ``("in", 0, "encoder", None)``, ``("out", 0, "encoder", "norm2")``;
    * ``(kind, module)`` for a site outside the layers: ``("x", "src_embed")`` → ``src_embed.hook_x``,
      ``("probs", "generator")``, ``("h", "encoder.cell")`` (a recurrent cell), ``("memory", "encoder")``.
    """
    if isinstance(key, str):
        return key
    kind, *rest = key
    if len(rest) == 1 and isinstance(rest[0], str):  # (kind, module)
        return act_name(kind, None, rest[0])
    if not rest or rest[0] is None:
        raise KeyError(f"{key!r}: a key names a layer, (kind, layer, stack, sublayer), or a module, (kind, module)")
    return act_name(kind, *rest)


def param_name(kind: str, layer: int | None = None, stack: str = "encoder", sublayer: str | None = "self_attn") -> str:
    """The module that holds a weight, named like :func:`act_name` (for Translator.weight).

    ``param_name("W_Q", 0)`` → ``encoder.layers.0.self_attn.W_Q``;
    ``param_name("W_1", 1, sublayer="ffn")`` → ``encoder.layers.1.ffn.W_1``;
    ``param_name("lut", stack="src_embed")`` → ``src_embed.lut`` (no layer: ``stack`` names the module).
    """
    if layer is None:
        return f"{stack}.{kind}"
    site = f"{stack}.layers.{layer}"
    return f"{site}.{sublayer}.{kind}" if sublayer else f"{site}.{kind}"


def arrays_from_capture(cap: Capture, batch_index: int = 0, call: int = -1,
                        points: Mapping[str, object] | None = None) -> dict[str, np.ndarray]:
    """Pick one sentence of the batch and one call of each site; drop the batch dimension.

    A site whose hook point says ``per_step`` (a recurrent cell, which runs once per time step) keeps every
    call instead, stacked to (T, …): ``points`` is the model's hooks.hook_points(model).
    """
    out = {}
    for name, calls in cap.items():
        if points is not None and getattr(points.get(name), "per_step", False):
            out[name] = torch.stack([c[batch_index] for c in calls]).cpu().numpy()  # T × (…) → (T, …)
        else:
            out[name] = calls[call][batch_index].cpu().numpy()
    return out


@dataclass
class Trace:
    """What the model computed for one source sentence.

    ``arrays`` maps hook names (``encoder.layers.0.self_attn.hook_pattern``) to arrays without the
    batch dimension, e.g. a pattern is (h, T_q, T_k). Token lists label the axes: encoder arrays use
    ``src_tokens``; decoder arrays use ``tgt_tokens`` (the shifted input, starting with <bos>) on
    their query axis, and ``out_tokens`` are what each decoder position predicted. A model of one stack
    (BERT, GPT) reads one sequence: ``tokens`` labels its axis (GPT: ``<bos> 中文 <sep> English``).
    """

    arrays: dict[str, np.ndarray]
    src_tokens: list[str]
    tgt_tokens: list[str]
    out_tokens: list[str]
    translation: str
    unknown: tuple[str, ...] = ()
    decoding: Any = None  # a decoding.DecodeResult, step by step
    meta: dict = field(default_factory=dict)
    tokens: list[str] = field(default_factory=list)  # one-stack models: the labels of the one sequence

    def name(self, key: Key) -> str:
        """The hook name of ``key`` (see :func:`key_name`); a negative layer counts from the stack's last, as in
        TransformerLens: ``trace.name(("pattern", -1, "decoder", "cross_attn"))``."""
        if not isinstance(key, str) and len(key) > 1 and isinstance(key[1], numbers.Integral) and key[1] < 0:
            stack = key[2] if len(key) > 2 else "encoder"
            key = (key[0], self.layers(stack) + key[1], *key[2:])
        return key_name(key)

    def __getitem__(self, key: Key) -> np.ndarray:
        """``trace["pattern", 0]``, ``trace["pattern", 1, "decoder", "cross_attn"]``, ``trace["x", "src_embed"]``,
        or a hook name: the array, without the batch dimension."""
        name = self.name(key)
        try:
            return self.arrays[name]
        except KeyError:
            close = difflib.get_close_matches(name, self.arrays, n=3)
            raise KeyError(f"no tensor named {name!r} in the trace; did you mean {close}?") from None

    def __contains__(self, key: Key) -> bool:
        try:
            return self.name(key) in self.arrays
        except (KeyError, TypeError, ValueError):
            return False

    def freeze(self) -> Trace:
        """Make every array read-only (the hooks' and each decoding step's), so that one trace can be handed to
        many readers (the app shares one per sentence between sessions) and a reader that tries to change one
        gets an error instead of changing everybody's. Returns the trace."""
        for array in self.arrays.values():
            array.setflags(write=False)
        for step in getattr(self.decoding, "steps", None) or ():
            for array in (step.probs, step.policy):
                if isinstance(array, np.ndarray):
                    array.setflags(write=False)
        return self

    @property
    def row_labels(self) -> list[str]:
        """The decoder's rows in words, "reads → predicts" (``<bos> → I``, ``I → have`` …): the query axis of
        every decoder tensor, the rows of a recurrent decoder's states."""
        return [f"{a} → {b}" for a, b in zip(self.tgt_tokens, self.out_tokens)]

    def positions(self, part: str = "source") -> slice:
        """Where the source characters (``part="source"``) or the target words (``"target"``) sit on the model's
        sequence axis: all of the encoder's axis; in a decoder-only model's one sequence
        ``<bos> 中文 <sep> English``, 1..T_src and what follows <sep>."""
        n = len(self.src_tokens)
        if self.stacks == ("decoder",):  # one sequence: the prompt <bos> 中文 <sep>, then the words
            return slice(1, 1 + n) if part == "source" else slice(n + 2, None)
        if part == "source":
            return slice(0, n)
        raise ValueError(f"a model with an encoder reads its target on the decoder's own axis, not {part!r}")

    def layer(self, stack: str, layer: int, site: str) -> np.ndarray:
        """``trace.layer("decoder", 1, "cross_attn.hook_pattern")``."""
        return self[f"{stack}.layers.{layer}.{site}"]

    def act(self, kind: str, layer: int | None = None, stack: str = "encoder",
            sublayer: str | None = "self_attn") -> np.ndarray:
        """``trace.act("pattern", 0, "decoder", "cross_attn")``: the same as ``trace["pattern", 0, "decoder",
        "cross_attn"]``."""
        return self[act_name(kind, layer, stack, sublayer)]

    @property
    def stacks(self) -> tuple[str, ...]:
        """The layer stacks this model has: ("encoder", "decoder"), ("encoder",) for BERT, ("decoder",) for GPT."""
        return tuple(s for s in STACKS if any(n.startswith(f"{s}.layers.") for n in self.arrays))

    def by_kind(self, kind: str) -> dict[str, np.ndarray]:
        """All arrays whose name ends with ``kind`` (e.g. ``"hook_pattern"``), in model order."""
        return {n: a for n, a in self.arrays.items() if n.endswith(kind)}

    def shapes(self) -> dict[str, tuple[int, ...]]:
        return {n: tuple(a.shape) for n, a in self.arrays.items()}

    def layers(self, stack: str) -> int:
        """How many layers ``stack`` has in this trace (0 when the model has no such stack)."""
        return len({n.split(".")[2] for n in self.arrays if n.startswith(f"{stack}.layers.")})

    @property
    def n_layers(self) -> int:
        """Layers per stack (the first stack present: encoder, else decoder)."""
        return self.layers((self.stacks or ("encoder",))[0])
