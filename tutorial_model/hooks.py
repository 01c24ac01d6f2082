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
Editor = Callable[[str, torch.Tensor], torch.Tensor | None]


class HookPoint(nn.Module):
    """Identity at one named site of the forward pass.

    Two things may sit at a site: a *recorder* (capture() stores what passes) and an *editor*
    (experiments.intervene() replaces what passes, e.g. one head's z by its mean). Both are folded into
    the single ``recorder`` slot that ``__call__`` checks, so the untraced path still costs one attribute
    check; when both are present the editor runs first and the recorder sees the edited tensor.
    """

    def __init__(self) -> None:
        super().__init__()
        self.name = ""  # filled in by hook_points()
        self.recorder: Recorder | None = None  # what __call__ runs: the record, the edit, or both chained
        self.__dict__["_record"] = None
        self.__dict__["_edit"] = None

    def set_recorder(self, recorder: Recorder | None) -> None:
        """Record what passes (a recorder returns None) — capture() uses this."""
        self.__dict__["_record"] = recorder
        self._install()

    def set_editor(self, editor: Editor | None) -> None:
        """Replace what passes by ``editor(name, x)`` (None from the editor keeps x)."""
        self.__dict__["_edit"] = editor
        self._install()

    def _install(self) -> None:
        record, edit = self.__dict__["_record"], self.__dict__["_edit"]
        if record is None or edit is None:
            fn = record or edit
        else:
            def fn(name: str, x: torch.Tensor) -> torch.Tensor | None:
                y = edit(name, x)
                record(name, x if y is None else y)
                return y
        # Plain instance-dict write: nn.Module.__setattr__ costs microseconds per call, × 100 sites per capture.
        self.__dict__["recorder"] = fn

    def __call__(self, x: torch.Tensor) -> torch.Tensor:  # noqa: D401 - identity by design
        if self.recorder is not None:
            y = self.recorder(self.name, x)
            if y is not None:  # an editor replaced the tensor
                return y
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
    """Names of hook points that are recording or editing right now (empty outside capture()/intervene())."""
    return [n for n, p in hook_points(model).items() if p.recorder is not None]
