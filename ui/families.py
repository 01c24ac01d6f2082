"""Cached access to the encoder-only and decoder-only models for the "Model families" page (lesson 17).

The same rules as ui.loaders: one shared Translator per model and checkpoint stamp (``cache_resource``,
inference only, its lock guards traces), traces cached by small keys (``cache_data`` hands every caller its
own copy). These models are small and a page shows one sentence, so they run in this process. A missing
checkpoint raises CheckpointError naming the command that builds it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import torch

from tutorial_model import checkpoint
from tutorial_model.trace import Trace
from tutorial_model.translator import Translator

from .loaders import TRACE_TTL_S, checkpoint_dir, checkpoint_stamp

# Published sizes of the real models (the designs ours shrink): GPT-1 (Radford et al. 2018), GPT-2 (2019) and
# GPT-3 (Brown et al. 2020) as the seed article states them; BERT-base as Devlin et al. 2019 (§3) state it.
REAL_MODELS: tuple[tuple[str, str, int], ...] = (
    ("encoder-only", "BERT-base", 110_000_000),
    ("decoder-only", "GPT-1", 117_000_000),
    ("decoder-only", "GPT-2", 1_500_000_000),
    ("decoder-only", "GPT-3", 175_000_000_000),
)


@st.cache_resource(show_spinner=False, max_entries=6)
def _model(name: str, directory: str, stamp: float) -> Translator:
    torch.set_num_threads(1)  # one sentence at a time: more threads only add hand-offs (see ui.loaders)
    return Translator.load(Path(directory), device="cpu", name=name)


def model(name: str) -> Translator:
    directory = checkpoint_dir()
    return _model(name, directory, checkpoint_stamp(directory, name))


def meta(name: str) -> dict:
    """The checkpoint's JSON description (n_params, test_metrics, …); CheckpointError when missing."""
    return model(name).meta


@st.cache_data(show_spinner=False, max_entries=128, ttl=TRACE_TTL_S)
def _trace(name: str, directory: str, stamp: float, text: str, position: int | None) -> Trace:
    tr = _model(name, directory, stamp)
    if tr.spec.task == "fill":
        return tr.fill(text, position)
    return tr.run_with_trace(text)


def trace(name: str, text: str, position: int | None = None) -> Trace:
    """BERT: ``text`` with the character at ``position`` behind [MASK]; GPT: its greedy continuation."""
    directory = checkpoint_dir()
    return _trace(name, directory, checkpoint_stamp(directory, name), text, position)


def rebuild(name: str) -> str:
    return checkpoint.rebuild_command(name)
