"""Named hook points and the capture context manager (in the spirit of TransformerLens).

A :class:`HookPoint` is an identity module placed at every stage of the forward pass. Its name
comes from the module tree (``encoder.layers.0.self_attn.hook_pattern``). Outside ``capture()``
it returns its input untouched and records nothing; inside, it stores a detached copy.

We override ``__call__`` instead of registering torch forward hooks: the untraced path then costs
one attribute check per site, and there is no global hook state to leak — ``capture()`` resets
every site in ``finally``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import torch
from torch import nn

Recorder = Callable[[str, torch.Tensor], None]


class HookPoint(nn.Module):
    """Identity at one named site of the forward pass."""

    def __init__(self) -> None:
        super().__init__()
        self.name = ""  # filled in by hook_points()
        self.recorder: Recorder | None = None

    def set_recorder(self, recorder: Recorder | None) -> None:
        # Plain instance-dict write: nn.Module.__setattr__ costs microseconds per call, × 100 sites per capture.
        self.__dict__["recorder"] = recorder

    def __call__(self, x: torch.Tensor) -> torch.Tensor:  # noqa: D401 - identity by design
        if self.recorder is not None:
            self.recorder(self.name, x)
        return x

    def extra_repr(self) -> str:
        return self.name


def hook_points(model: nn.Module) -> dict[str, HookPoint]:
    """Every HookPoint by its dotted path in the module tree (named on first use, then cached on the model).

    The module tree of a built model does not change, and walking it costs more than a whole forward pass.
    """
    points = model.__dict__.get("_hook_points")
    if points is None:
        points = {}
        for name, module in model.named_modules():
            if isinstance(module, HookPoint):
                module.name = name
                points[name] = module
        model.__dict__["_hook_points"] = points
    return points


class Capture(dict):
    """name → list of detached tensors, one per time the site ran (the decoder runs once per step)."""

    def last(self, name: str) -> torch.Tensor:
        return self[name][-1]


@contextmanager
def capture(model: nn.Module, names: Callable[[str], bool] | None = None) -> Iterator[Capture]:
    """Record every hook point (or those whose name passes ``names``) while the block runs.

    Tensors are detached clones, so later in-place work cannot change what was recorded, and the
    forward pass computes exactly what it computes uncaptured.
    """
    store = Capture()

    def record(name: str, x: torch.Tensor) -> None:
        store.setdefault(name, []).append(x.detach().clone())

    points = [p for n, p in hook_points(model).items() if names is None or names(n)]
    try:
        for p in points:
            p.set_recorder(record)
        yield store
    finally:
        for p in points:
            p.set_recorder(None)


def active_hooks(model: nn.Module) -> list[str]:
    """Names of hook points that are recording right now (empty outside capture())."""
    return [n for n, p in hook_points(model).items() if p.recorder is not None]
