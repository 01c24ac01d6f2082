"""A second model a Foundations lesson shows beside the Transformer (the convolutional one, the one-pass one), or,
while its checkpoint has not been trained, a plain message with the command that trains it (no traceback): the
page then shows what it can without that model."""

from __future__ import annotations

import streamlit as st

from tutorial_model import checkpoint
from tutorial_model.checkpoint import CheckpointError
from tutorial_model.trace import Trace
from tutorial_model.translator import Translator

from . import loaders
from .i18n import t

LABELS = {"conv": lambda: t("foundations.model.conv"), "nat": lambda: t("foundations.model.nat"),
          "transformer": lambda: t("foundations.model.transformer")}  # looked up in the learner's language


def label(name: str) -> str:
    return LABELS[name]()


def load(name: str, sentence: str) -> tuple[Translator, Trace] | None:
    """The shared Translator of registered model ``name`` and its greedy trace of ``sentence``; None (after saying
    so and naming the command) when its checkpoint is missing or unreadable."""
    try:
        return loaders.translator(name), loaders.trace(name, sentence)
    except CheckpointError:
        st.warning(t("foundations.not_trained", model=label(name)), icon=":material/hourglass_empty:")
        st.code(checkpoint.rebuild_command(name), language="bash")
        return None
