"""Exercises on the experiments page (lesson 14): predict what taking a part out does, then reveal it from the
outcome the page already computed (``ui.experiments.outcome``: the intact and the changed model on the
learner's sentence), compute the change of a word's log-probability and read the changed attention from that
same outcome.
No model pass: everything comes from the cached :class:`tutorial_model.experiments.Outcome`.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from .attention import Site, strongest_key
from .core import CHOICE, NUMBER, Instance, clear_winner, text, tolerance_for
from .recurrent import keep_apart

# what the learner who predicts wrong believes: (predicted "no change" but it changed, predicted a change but none)
BELIEFS = {
    "no_pe": ("thinks_pe_irrelevant", "thinks_pe_essential"),
    "no_scale": ("thinks_scale_irrelevant", "thinks_scale_essential"),
    "block": ("thinks_char_unused", "thinks_every_char_needed"),
    "heads": ("thinks_heads_redundant", "every_head_needed"),
    "source": ("thinks_order_irrelevant", "thinks_order_essential"),
}


def kind_of(outcome) -> str | None:
    """Which experiment the outcome is: the intervention's part, or an edited source; None when nothing was
    taken out."""
    iv = outcome.intervention
    if iv.no_pe:
        return "no_pe"
    if iv.no_scale:
        return "no_scale"
    if iv.block_source is not None:
        return "block"
    if iv.heads:
        return "heads"
    if list(outcome.changed.src_tokens) != list(outcome.intact.src_tokens):
        return "source"
    return None


def _fields(outcome, kind: str) -> dict:
    iv = outcome.intervention
    src = outcome.intact.src_tokens
    return {"char": src[iv.block_source] if kind == "block" else "", "n": len(iv.heads),
            "sentence": "".join(src)}


def translation_changes(given, rng: np.random.Generator) -> Instance | None:
    """Predict, then reveal: does the translation change when this part is taken out? The reveal is the two
    translations the page computed. A wrong prediction names the belief behind it (for heads: that every head
    is needed, Michel et al. 2019)."""
    outcome = given["outcome"]
    kind = kind_of(outcome)
    if kind is None:
        return None
    changed = outcome.changed.translation != outcome.intact.translation
    answer = 1 if changed else 0
    tag = BELIEFS[kind][0] if changed else BELIEFS[kind][1]
    return Instance(
        CHOICE, text(f"exercises.prompt.translation_changes.{kind}", **_fields(outcome, kind)), answer,
        section=kind, bugs={tag: 1 - answer},
        choices=(text("exercises.choice.translation_same"), text("exercises.choice.translation_changes")),
        hints=(text(f"exercises.hint.translation_changes.cells.{kind}"),
               text("exercises.hint.translation_changes.formula"), text("exercises.hint.worked")),
        reveal=text("exercises.reveal.translation_changes", intact=outcome.intact.translation or "∅",
                    changed=outcome.changed.translation or "∅"),
        params={"experiment": kind})


def logp_change(given, rng: np.random.Generator) -> Instance | None:
    """Δ log p of one word of the intact translation: ln p_changed − ln p_intact, from the two probabilities
    shown (six significant digits, as in the page's by-hand box). Bugs: the difference reversed, the
    probabilities subtracted, their ratio without the log, log base 10."""
    outcome = given["outcome"]
    if kind_of(outcome) is None:
        return None
    lp_in, lp_ch = np.asarray(outcome.logp_intact, np.float64), np.asarray(outcome.logp_changed, np.float64)
    words = list(outcome.intact.out_tokens)
    k = int(rng.integers(len(words)))
    p_in, p_ch = float(f"{math.exp(lp_in[k]):.6g}"), float(f"{math.exp(lp_ch[k]):.6g}")
    if min(p_in, p_ch) < 1e-5:
        return None
    answer = math.log(p_ch) - math.log(p_in)
    decimals = 5
    tol = tolerance_for(answer, abs(answer - float(lp_ch[k] - lp_in[k])), decimals)
    bugs = keep_apart(answer, {"delta_reversed": -answer, "prob_difference": p_ch - p_in,
                               "ratio_not_log": p_ch / p_in, "log10": math.log10(p_ch) - math.log10(p_in)}, tol)
    if bugs is None:
        return None
    return Instance(
        NUMBER, text("exercises.prompt.logp_change", word=words[k], k=k, p_in=f"{p_in:.6g}", p_ch=f"{p_ch:.6g}"),
        answer, section="live", tolerance=tol, bugs=bugs, show={"p_intact": p_in, "p_changed": p_ch},
        hints=(text("exercises.hint.logp_change.cells", word=words[k]), text("exercises.hint.logp_change.formula"),
               text("exercises.hint.worked")),
        solution=(rf"\Delta \log p = \ln {p_ch:.6g} - \ln {p_in:.6g} = {answer:.5f}",),
        params={"word": k}, decimals=decimals)


def changed_strongest(given, rng: np.random.Generator) -> Instance | None:
    """In the changed model's cross-attention (the lower grid of the page), which source character does an
    output word read most? The read-off of lesson 9 on the changed trace. Bug: the intact model's answer (the
    upper grid read instead), when the two differ."""
    outcome = given["outcome"]
    if kind_of(outcome) is None:
        return None
    inst = strongest_key(Site(outcome.changed, "decoder", "cross_attn"), rng, "attention")
    if inst is None:
        return None
    layer, h, i = inst.params["layer"], inst.params["head"], inst.params["query"]
    intact = outcome.intact
    same_row = (i < len(intact.tgt_tokens) and intact.tgt_tokens[:i + 1] == outcome.changed.tgt_tokens[:i + 1]
                and intact.src_tokens == outcome.changed.src_tokens)
    bugs = dict(inst.bugs)
    if same_row:
        before = clear_winner(list(intact[f"decoder.layers.{layer}.cross_attn.hook_pattern"][h, i]), 0.05)
        if before is not None and before != inst.answer and before not in bugs.values():
            bugs["read_intact_model"] = before
    return replace(inst, prompt=text("exercises.prompt.changed_strongest", **inst.prompt.fields), bugs=bugs)
