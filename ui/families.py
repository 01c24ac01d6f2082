"""The "Model families" page's (lesson 17) facts about the encoder-only and decoder-only models.

Their Translators and traces come from ui.loaders like every model's (``loaders.translator(name)``,
``loaders.trace(name, …)``): one shared Translator per checkpoint, traces cached by small keys. A missing
checkpoint raises CheckpointError naming the command that builds it.
"""

from __future__ import annotations

from tutorial_model import checkpoint
from tutorial_model.trace import Trace
from tutorial_model.translator import Translator

from . import loaders

# Published sizes of the real models (the designs ours shrink): GPT-1 (Radford et al. 2018), GPT-2 (2019) and
# GPT-3 (Brown et al. 2020) as the seed article states them; BERT-base as Devlin et al. 2019 (§3) state it.
REAL_MODELS: tuple[tuple[str, str, int], ...] = (
    ("encoder-only", "BERT-base", 110_000_000),
    ("decoder-only", "GPT-1", 117_000_000),
    ("decoder-only", "GPT-2", 1_500_000_000),
    ("decoder-only", "GPT-3", 175_000_000_000),
)


def model(name: str) -> Translator:
    return loaders.translator(name)


def meta(name: str) -> dict:
    """The checkpoint's JSON description (n_params, test_metrics, …); CheckpointError when missing."""
    return model(name).meta


def trace(name: str, text: str, position: int | None = None) -> Trace:
    """BERT: ``text`` with the character at ``position`` behind [MASK]; GPT: its greedy continuation."""
    if model(name).spec.task == "fill":
        return loaders.trace(name, text, "fill", position=position, k=5)
    return loaders.trace(name, text)


def rebuild(name: str) -> str:
    return checkpoint.rebuild_command(name)
