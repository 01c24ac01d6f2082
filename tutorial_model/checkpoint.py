"""Checkpoints that describe themselves: safetensors weights + JSON (config, vocabularies, metrics, curve).

Loading never unpickles: safetensors holds only tensors, JSON only plain data.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from .tokenizer import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
CHECKPOINT_DIR = ROOT / "assets" / "checkpoints"
ENV_CHECKPOINT = "TL_CHECKPOINT_DIR"  # tests and development point the app at other checkpoints


def default_dir() -> Path:
    """The checkpoints the app runs on: ``$TL_CHECKPOINT_DIR`` when set, else the shipped ones (read only here)."""
    return Path(os.environ.get(ENV_CHECKPOINT) or CHECKPOINT_DIR)


def stamp(name: str, directory: Path | str = CHECKPOINT_DIR) -> float:
    """Modification time of checkpoint ``name``'s weights, 0 when missing: a cache keyed on it sees a rebuild."""
    try:
        return paths(name, directory)[0].stat().st_mtime
    except OSError:
        return 0.0


def rebuild_command(name: str) -> str:
    """The command that trains checkpoint ``name`` (registry.Spec.rebuild; the Transformer's by default)."""
    from .registry import MODELS  # the registry imports the model modules, which need nothing from here

    spec = MODELS.get(name)
    return spec.rebuild if spec is not None else "python -m tutorial_model.train"


def variant_dir(variant: str, directory: Path | str = CHECKPOINT_DIR) -> Path:
    """Where an experiment's checkpoint lives: <directory>/experiments/<variant>/transformer.{safetensors,json}."""
    return Path(directory) / "experiments" / variant


class CheckpointError(RuntimeError):
    """The checkpoint is missing or unreadable; the message names the command that rebuilds it."""


def paths(name: str, directory: Path | str = CHECKPOINT_DIR) -> tuple[Path, Path]:
    directory = Path(directory)
    return directory / f"{name}.safetensors", directory / f"{name}.json"


def save(name: str, model: torch.nn.Module, tokenizer: Tokenizer, meta: dict,
         directory: Path | str = CHECKPOINT_DIR, half: bool = False) -> tuple[Path, Path]:
    """Write weights and a JSON description (``meta`` must hold plain data: metrics, curve, settings).

    ``half`` stores floating-point weights as float16 (half the bytes; the experiment variants ship this way);
    ``load_state`` copies them back into the float32 model.
    """
    weights, info = paths(name, directory)
    weights.parent.mkdir(parents=True, exist_ok=True)
    state = {k: (v.half() if half and v.is_floating_point() else v).detach().cpu().contiguous()
             for k, v in model.state_dict().items()}
    save_file(state, str(weights))
    doc = {"config": model.cfg.to_dict(), "vocab": tokenizer.to_dict(), **meta}
    info.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return weights, info


def read_meta(name: str, directory: Path | str = CHECKPOINT_DIR) -> dict:
    _, info = paths(name, directory)
    rebuild = rebuild_command(name)
    if not info.exists():
        raise CheckpointError(f"No checkpoint at {info}. Build it with: {rebuild}")
    try:
        return json.loads(info.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise CheckpointError(f"The checkpoint description {info} is corrupt ({e}). Rebuild it with: {rebuild}") from e


def load_state(name: str, model: torch.nn.Module, directory: Path | str = CHECKPOINT_DIR) -> None:
    """Load weights into ``model``; any mismatch is reported as CheckpointError."""
    weights, _ = paths(name, directory)
    rebuild = rebuild_command(name)
    if not weights.exists():
        raise CheckpointError(f"No weights at {weights}. Build them with: {rebuild}")
    try:
        state = load_file(str(weights))
        model.load_state_dict(state, strict=True)
    except (SafetensorError, RuntimeError, OSError, ValueError) as e:
        raise CheckpointError(f"The weights in {weights} are corrupt or do not match ({e}). "
                              f"Rebuild them with: {rebuild}") from e


def load(name: str, directory: Path | str = CHECKPOINT_DIR, device: torch.device | str = "cpu"
         ) -> tuple[torch.nn.Module, Tokenizer, dict]:
    """Any registered model (registry.MODELS) in eval mode, its tokenizer, and its JSON description.

    Every error is a CheckpointError whose message names the command that rebuilds the checkpoint."""
    from .registry import spec as spec_for

    spec = spec_for(name)
    meta = read_meta(spec.checkpoint, directory)
    try:
        cfg = spec.config_cls(**meta["config"])
        tokenizer = Tokenizer.from_dict(meta["vocab"])
    except (KeyError, TypeError, ValueError) as e:
        raise CheckpointError(f"The checkpoint description {name!r} in {directory} is incomplete ({e}). "
                              f"Rebuild it with: {spec.rebuild}") from e
    model = spec.model_cls(cfg)
    load_state(spec.checkpoint, model, directory)
    return model.to(device).eval(), tokenizer, meta

