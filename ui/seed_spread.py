"""The seed-to-seed spread (tutorial_model/seeds.py, issue 19) as the pages show it.

A model trained again with another seed scores differently; a difference between two models smaller than that
spread is not a finding. The experiments table marks such cells "≈"; lesson 13's table gives every model's range
over its seeds. The pure functions take the seed file's content, so tests call them without Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from tutorial_model import seeds

from . import loaders

# a column of the pages' tables → (the seed file's metric, the factor to the column's unit: exact match in %)
COLUMNS = {"exact": ("test_exact_match", 100.0), "bleu": ("test_bleu", 1.0), "everyday_chrf": ("everyday_chrf", 1.0)}
WITHIN = "≈"


def ranges(data: Mapping, model: str) -> dict[str, float]:
    """Column → max − min over the seeds of ``model``, in the column's unit; only metrics measured at ≥ 2 seeds."""
    out = {}
    for col, (metric, unit) in COLUMNS.items():
        s = (data.get("models") or {}).get(model, {}).get(metric)
        if s and s["n"] >= 2:
            out[col] = unit * s["range"]
    return out


def n_seeds(data: Mapping, model: str) -> int:
    """How many seeds the model's exact match was measured at (1: the shipped run only)."""
    s = (data.get("models") or {}).get(model, {}).get("test_exact_match")
    return s["n"] if s else 1


def within(value: float | None, ref: float | None, range_value: float | None, range_ref: float | None) -> bool | None:
    """Whether ``value`` − ``ref`` is inside the spread of seeds (the larger of the two models' ranges, where
    measured); None when neither model's spread is known or a value is missing."""
    known = [r for r in (range_value, range_ref) if r is not None]
    if value is None or ref is None or not known:
        return None
    return seeds.within_spread(value, ref, max(known), 0.0)


def marks(ref: Mapping[str, float | None], others: Mapping[str, Mapping[str, float | None]],
          ref_ranges: Mapping[str, float], other_ranges: Mapping[str, Mapping[str, float]]) -> dict[str, set[str]]:
    """Model → the columns where its figure is within the spread of ``ref``'s."""
    return {name: {col for col in COLUMNS
                   if within(vals.get(col), ref.get(col), other_ranges.get(name, {}).get(col), ref_ranges.get(col))}
            for name, vals in others.items()}


def seed_span(data: Mapping, model: str) -> tuple[float, float] | None:
    """(min, max) exact match in % over the model's seeds, or None when it was trained at one seed only."""
    s = (data.get("models") or {}).get(model, {}).get("test_exact_match")
    return (100 * s["min"], 100 * s["max"]) if s and s["n"] >= 2 else None


@st.cache_data(show_spinner=False, max_entries=4)
def _read(directory: str, stamp: float) -> dict:
    return seeds.read(directory)


def data() -> dict:
    """The seed file's content (``{"models": {}}`` before ``make train-seeds``), re-read when it changes."""
    directory = loaders.checkpoint_dir()
    path = Path(directory) / seeds.FILE
    return _read(directory, path.stat().st_mtime if path.exists() else 0.0)
