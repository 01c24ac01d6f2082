"""Weights of the main Transformer at a few training steps, for replaying how it learned.

The steps are ``fit.snapshot_schedule``'s: step 0, then log-spaced from just after the weights start to
move visibly (for 6,000 steps: 0, 24, 52 … 2,721; each snapshot is 2.6 MB).

Stored in one safetensors file in float16 (half the bytes; the replay shows attention and translations,
which float16 weights reproduce to within rounding). The last step is not stored: it *is* the shipped
checkpoint, loaded from there, so the replay ends exactly where the lessons begin.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from .checkpoint import CHECKPOINT_DIR, CheckpointError, load
from .transformer import Transformer

FILE = "transformer_replay"


class SnapshotRecorder:
    """Callable for ``fit(snapshot=…)``: keeps a float16 copy of the weights at each step it is called."""

    def __init__(self) -> None:
        self.states: dict[int, dict[str, torch.Tensor]] = {}

    def __call__(self, step: int, model: torch.nn.Module) -> None:
        self.states[step] = {k: v.detach().to("cpu", torch.float16).clone() for k, v in model.state_dict().items()}

    def save(self, final_step: int, directory: Path | str = CHECKPOINT_DIR) -> tuple[Path, Path]:
        directory = Path(directory)
        flat = {f"step{step}/{k}": v.contiguous() for step, state in self.states.items() if step != final_step
                for k, v in state.items()}
        weights, info = directory / f"{FILE}.safetensors", directory / f"{FILE}.json"
        save_file(flat, str(weights))
        steps = sorted(self.states)
        info.write_text(json.dumps({"steps": steps, "final_step": final_step, "dtype": "float16"}), encoding="utf-8")
        return weights, info


def steps(directory: Path | str = CHECKPOINT_DIR) -> list[int]:
    info = Path(directory) / f"{FILE}.json"
    if not info.exists():
        raise CheckpointError(f"No training replay at {info}. Build it with: python -m tutorial_model.train")
    return json.loads(info.read_text(encoding="utf-8"))["steps"]


@functools.lru_cache(maxsize=2)
def _read(path: str, mtime_ns: int) -> dict[str, torch.Tensor]:
    """The whole replay file, read once per file version (eight float16 snapshots, 21 MB)."""
    return load_file(path)


def load_snapshot(step: int, directory: Path | str = CHECKPOINT_DIR) -> Transformer:
    """The Transformer as it was at ``step`` (float32 copy of the stored float16 weights), in eval mode."""
    directory = Path(directory)
    model, _, meta = load("transformer", directory)
    info = json.loads((directory / f"{FILE}.json").read_text(encoding="utf-8"))
    if step == info["final_step"]:
        return model
    if step not in info["steps"]:
        raise KeyError(f"no snapshot at step {step}; have {info['steps']}")
    path = directory / f"{FILE}.safetensors"
    flat = _read(str(path), path.stat().st_mtime_ns)
    prefix = f"step{step}/"
    model.load_state_dict({k[len(prefix):]: v.float() for k, v in flat.items() if k.startswith(prefix)}, strict=True)
    return model.eval()
