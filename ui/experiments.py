"""Cached runs for the experiments page: the shipped model with a part taken out, the stored head importance,
and the trained variants (each a checkpoint in <checkpoints>/experiments/<name>/, absent until trained).

Keys are small inputs only (directory, modification stamps, sentence, the intervention as a tuple), as in
ui/loaders.py; ``cache_data`` hands every session its own copy of the result.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import streamlit as st

from tutorial_model import experiments as ex
from tutorial_model import head_importance
from tutorial_model.checkpoint import CheckpointError, read_meta, variant_dir

from . import loaders, navigation, state, toc, workers
from .i18n import t


def _stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@st.cache_data(show_spinner=False, max_entries=4)
def _importance(directory: str, stamp: float) -> dict | None:
    result = head_importance.read(directory)
    if result is None:
        return None
    try:  # is it about these weights? (the checkpoint may have been retrained since)
        result["stale"] = result.get("weights_sha256") != head_importance.weights_hash(directory)
    except OSError:
        result["stale"] = True
    return result


def importance() -> dict | None:
    """transformer_heads.json next to the shipped checkpoint (with ``stale``: measured on other weights), or None."""
    directory = loaders.checkpoint_dir()
    return _importance(directory, _stamp(head_importance.heads_path(directory)) + loaders.checkpoint_stamp(directory))


def means() -> dict | None:
    """The mean z per head (attention site → (h, d_k) list), when the stored file fits the shipped weights."""
    result = importance()
    return None if result is None or result["stale"] else result.get("mean_z")


@st.cache_data(show_spinner=False, max_entries=128)
def _outcome(directory: str, stamp: float, text: str, iv: tuple, source_edit: str) -> ex.Outcome:
    heads, ablation, no_pe, no_scale, block = iv
    intervention = ex.Intervention(heads=heads, ablation=ablation, no_pe=no_pe, no_scale=no_scale,
                                   block_source=block)
    return ex.run(loaders.translator(), text, intervention, source_edit, means=means())


def outcome(text: str, iv: ex.Intervention, source_edit: str = "none") -> ex.Outcome:
    """The learner's sentence through the intact model and through ``iv`` (raises ValueError when it does not fit)."""
    directory = loaders.checkpoint_dir()
    key = (tuple(iv.heads), iv.ablation, iv.no_pe, iv.no_scale, iv.block_source)
    return _outcome(directory, loaders.checkpoint_stamp(directory), text, key, source_edit)


# ---- the causal test beside an attention map (issue 19) -----------------------------------------------------
# An attention weight says how a row mixes value vectors, not what reaches the output (value norms, W_O, the
# residual path and later layers decide that), so pages 5, 9 and 13 link to blocking the character itself.

@st.cache_data(show_spinner=False, max_entries=128)
def _block_effect(directory: str, stamp: float, text: str, out_ids: tuple[int, ...], position: int):
    return loaders.run(workers.BlockEffectJob(directory, stamp, text, out_ids, position))


def block_effect(text: str, out_ids, position: int) -> tuple[np.ndarray, np.ndarray] | None:
    """p(each given output word | source, the words before it) with every source character readable, and with
    cross-attention barred from ``position`` (in every decoder layer): two (T_out,) arrays. None for a
    one-character sentence, where blocking would leave cross-attention nothing to read."""
    directory = loaders.checkpoint_dir()
    if len(loaders.translator().tokenizer.encode_source(text).ids) < 2:
        return None
    return _block_effect(directory, loaders.checkpoint_stamp(directory), text, tuple(int(i) for i in out_ids),
                         int(position))


def causal_link(position: int, char: str) -> None:
    """A link to the experiments page with this sentence and ``position`` already blocked."""
    navigation.link(toc.BY_SLUG["experiments"].file, label=t("truth.causal_link", char=char),
                    query_params={**state.url_params(), "exp": "block", "xblk": str(int(position))},
                    icon=":material/science:")


# ---- trained variants ----------------------------------------------------------------------------------------

def variant_meta(name: str) -> dict | None:
    """The variant's checkpoint description, or None when it has not been trained."""
    directory = variant_dir(name, loaders.checkpoint_dir())
    try:
        return read_meta("transformer", directory) if (directory / "transformer.safetensors").exists() else None
    except CheckpointError:
        return None


def variant_trace(name: str, text: str):
    """The learner's sentence through a trained variant (greedy), cached with every model's traces in ui.loaders;
    CheckpointError when it is missing."""
    return loaders.trace("transformer", text, variant=name)


# the columns of the variants table, each a figure from a checkpoint's metadata (percentages for exact match)
RESULTS = ("exact", "bleu", "moved", "same", "anagram", "everyday_chrf", "everyday_exact")


def results(meta: dict | None) -> dict[str, float | None]:
    """The measured figures of one checkpoint (test split and everyday set); None where it was not measured."""
    test = (meta or {}).get("test_metrics") or {}
    everyday = (meta or {}).get("everyday_metrics") or {}
    order = test.get("by_order") or {}

    def pct(value):
        return None if value is None else 100 * value

    return {"exact": pct(test.get("exact_match")), "bleu": test.get("bleu"),
            **{k: pct((order.get(k) or {}).get("exact_match")) for k in ("moved", "same", "anagram")},
            "everyday_chrf": everyday.get("chrf"), "everyday_exact": pct(everyday.get("exact_match"))}


def by_length(meta: dict | None) -> dict[int, tuple[int, float]]:
    """Source length (characters) → (sentences, exact match %) on the test split."""
    rows = ((meta or {}).get("test_metrics") or {}).get("by_length") or {}
    return {int(n): (m["n"], 100 * m["exact_match"]) for n, m in sorted(rows.items(), key=lambda kv: int(kv[0]))}


def curve(meta: dict | None, field: str) -> tuple[list[int], list[float]]:
    """(steps, values) of one field of the training curve (``loss``; ``valid_exact_match`` every eval_every)."""
    points = [(c["step"], c[field]) for c in (meta or {}).get("curve", []) if field in c]
    return [s for s, _ in points], [v for _, v in points]


IMPORTANCE_WIDTH = 800  # px: the head-importance maps span the page (at 1280 px, ~820 beside the sidebar)
IMPORTANCE_ROW = 40  # px a row (an attention and layer): its four numbers readable in their cells


def importance_map(m: np.ndarray, rows: list[str], cols: list[str], *, title: str, x_title: str, unit: str,
                   decimals: int):
    """One head-importance map (attention and layer × head) at the size it is drawn: built for the default 450 px,
    its long row labels left the four columns too little room, so the colour bar went below and the rows were
    squashed into a strip."""
    from . import figures

    return figures.heatmap(m, rows, cols, title=title, x_title=x_title, colorbar_title=unit, decimals=decimals,
                           width=IMPORTANCE_WIDTH, height=112 + IMPORTANCE_ROW * len(rows))


def same_attention(a, b, kind: str) -> bool:
    """Whether traces ``a`` and ``b`` hold the same attention weights of ``kind`` in every layer (nothing taken
    out, or a change after that attention): the page then shows their grid once, not twice."""
    stack, module = ex.ATTENTIONS[kind]
    if a.n_layers != b.n_layers:
        return False
    return all(np.array_equal(a["pattern", n, stack, module], b["pattern", n, stack, module])
               for n in range(a.n_layers))
