"""Cached access to the training replay: the Transformer at each saved step, its trace of a sentence, its map.

* A snapshot model is loaded once per process per (checkpoint directory, stamp, step) with
  ``st.cache_resource`` and used for inference only, under its Translator's lock.
* Traces are cached with ``st.cache_data`` keyed on (directory, stamp, step, sentence): scrubbing back to a
  step already seen costs a cache lookup, and every caller gets its own copy.
* The replay belongs to the checkpoint it ends in (its last step *is* that checkpoint), so it is read from
  the same directory as the shipped model (``ui.loaders.checkpoint_dir``: ``$TL_CHECKPOINT_DIR`` or the shipped one).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import streamlit as st
import torch

from tutorial_model import snapshots
from tutorial_model.checkpoint import CheckpointError, load_transformer
from tutorial_model.trace import Trace
from tutorial_model.translator import Translator

from .analysis import pca_2d
from .loaders import checkpoint_dir, checkpoint_stamp


def _replay_stamp(directory: str) -> float:
    weights = Path(directory) / f"{snapshots.FILE}.safetensors"
    try:
        return weights.stat().st_mtime + checkpoint_stamp(directory)
    except OSError:
        return 0.0


@st.cache_data(show_spinner=False, max_entries=4)
def _steps(directory: str, stamp: float) -> list[int]:
    return snapshots.steps(directory)


def steps() -> list[int]:
    """The saved steps, first (0: random weights) to last (the shipped model). Raises CheckpointError if none."""
    directory = checkpoint_dir()
    return _steps(directory, _replay_stamp(directory))


@st.cache_resource(show_spinner=False, max_entries=32)
def _translator(directory: str, stamp: float, step: int) -> Translator:
    torch.set_num_threads(1)  # as ui.loaders: one sentence gains nothing from more threads
    _, tok, meta = load_transformer(Path(directory))
    return Translator(snapshots.load_snapshot(step, directory), tok, meta)


def translator(step: int) -> Translator:
    directory = checkpoint_dir()
    return _translator(directory, _replay_stamp(directory), step)


@st.cache_data(show_spinner=False, max_entries=512)
def _trace(directory: str, stamp: float, step: int, text: str) -> Trace:
    return _translator(directory, stamp, step).run_with_trace(text)


def trace(step: int, text: str) -> Trace:
    """The greedy trace of an accepted sentence through the model as it was at ``step``."""
    directory = checkpoint_dir()
    return _trace(directory, _replay_stamp(directory), step, text)


@st.cache_data(show_spinner=False, max_entries=32)
def _embedding_map(directory: str, stamp: float, step: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    tr = _translator(directory, stamp, step)
    coords, ratios = pca_2d(tr.model.src_embed.lut.weight.detach().numpy())
    # a principal direction's sign is arbitrary: fix it so the map does not flip between steps for no reason
    signs = np.sign(coords[np.abs(coords).argmax(axis=0), [0, 1]])
    return coords * np.where(signs == 0, 1, signs), ratios, list(tr.tokenizer.src.itos)


def embedding_map(step: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """2-D PCA of the source embedding table at ``step``: ((V, 2) points, (2,) variance ratios, labels)."""
    directory = checkpoint_dir()
    return _embedding_map(directory, _replay_stamp(directory), step)


@st.cache_data(show_spinner=False, max_entries=4)
def _curve(directory: str, stamp: float) -> dict:
    meta = json.loads((Path(directory) / "transformer.json").read_text(encoding="utf-8"))
    return {"curve": meta.get("curve", []), "train_config": meta.get("train_config", {})}


def curve() -> dict:
    """The training curve and settings stored in the checkpoint metadata."""
    directory = checkpoint_dir()
    return _curve(directory, checkpoint_stamp(directory))


__all__ = ["CheckpointError", "curve", "embedding_map", "steps", "trace", "translator"]
