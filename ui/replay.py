"""The training replay: the Transformer at each saved step, its trace of a sentence, its embedding map.

* A snapshot model is ``loaders.translator(step=step)`` and its trace ``loaders.trace("transformer", text,
  step=step)``: loaded once per process per (checkpoint directory, stamp, step), traces cached by small keys
  (scrubbing back to a step already seen costs a cache lookup, and every caller gets its own copy).
* The replay belongs to the checkpoint it ends in (its last step *is* that checkpoint), so it is read from
  the same directory as the shipped model (checkpoint.default_dir: ``$TL_CHECKPOINT_DIR`` or the shipped one).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import streamlit as st

from tutorial_model import snapshots
from tutorial_model.checkpoint import CheckpointError
from tutorial_model.trace import Trace, param_name
from tutorial_model.translator import Translator

from . import loaders
from .analysis import pca_2d


@st.cache_data(show_spinner=False, max_entries=4)
def _steps(directory: str, stamp: float) -> list[int]:
    return snapshots.steps(directory)


def steps() -> list[int]:
    """The saved steps, first (0: random weights) to last (the shipped model). Raises CheckpointError if none."""
    directory = loaders.checkpoint_dir()
    return _steps(directory, loaders.replay_stamp(directory))


def translator(step: int) -> Translator:
    return loaders.translator(step=step)


def trace(step: int, text: str) -> Trace:
    """The greedy trace of an accepted sentence through the model as it was at ``step``."""
    return loaders.trace(loaders.MAIN, text, step=step)


@st.cache_data(show_spinner=False, max_entries=32)
def _embedding_map(directory: str, stamp: float, step: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    tr = translator(step)
    coords, ratios = pca_2d(tr.weight(param_name("lut", stack="src_embed")))
    # a principal direction's sign is arbitrary: fix it so the map does not flip between steps for no reason
    signs = np.sign(coords[np.abs(coords).argmax(axis=0), [0, 1]])
    return coords * np.where(signs == 0, 1, signs), ratios, list(tr.tokenizer.src.itos)


def embedding_map(step: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """2-D PCA of the source embedding table at ``step``: ((V, 2) points, (2,) variance ratios, labels)."""
    directory = loaders.checkpoint_dir()
    return _embedding_map(directory, loaders.replay_stamp(directory), step)


@st.cache_data(show_spinner=False, max_entries=4)
def _curve(directory: str, stamp: float) -> dict:
    meta = json.loads((Path(directory) / "transformer.json").read_text(encoding="utf-8"))
    return {"curve": meta.get("curve", []), "train_config": meta.get("train_config", {})}


def curve() -> dict:
    """The training curve and settings stored in the checkpoint metadata."""
    directory = loaders.checkpoint_dir()
    return _curve(directory, loaders.checkpoint_stamp(directory))


__all__ = ["CheckpointError", "curve", "embedding_map", "steps", "trace", "translator"]
