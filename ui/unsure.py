"""Unsure translations, marked: the model's own probability for each word of its greedy translation, and
the flag of tutorial_model/confidence.py with the rule, threshold and measured quality that
``python -m tutorial_model.evaluate --write-meta`` stored in the checkpoint's metadata (``unsure_flag``).

Pure helpers (``word_probs``, ``verdict``, ``note_text``, ``quality_text``) and two render functions:
``sidebar_note`` (one line, only when the flag is up) and ``overview_panel`` (every word's probability and
how often the flag is right). The flag was calibrated on greedy output, so other decodings get no verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from tutorial_model import confidence
from tutorial_model.tokenizer import EOS

from .i18n import t
from .widgets import md_escape, table

LEAST = 2  # how many of the least sure words the note names
EVEN_ODDS = 0.5  # a word given more than even odds is not named as one the model was unsure of (unless it is the least)


@dataclass(frozen=True)
class Verdict:
    unsure: bool
    score: float
    rule: str
    threshold: float
    least: tuple[tuple[str, float], ...]  # (word, probability), least sure first


def word_probs(trace) -> list[tuple[str, float]]:
    """(word, the probability the model gave it when it chose it) for every output word, <eos> included;
    empty unless the trace was decoded greedily (the flag's threshold was chosen on greedy output)."""
    result = getattr(trace, "decoding", None)
    if result is None or result.method != "greedy" or not result.steps:
        return []
    return list(zip(trace.out_tokens, confidence.chosen_probs(result.steps)))


def verdict(trace, meta: Mapping | None) -> Verdict | None:
    """The flag on this trace's translation, or None without a stored flag or a greedy decoding."""
    flag = (meta or {}).get("unsure_flag")
    pairs = word_probs(trace)
    if not flag or not pairs:
        return None
    words, probs = zip(*pairs)
    value = confidence.score(flag["rule"], probs)
    least = confidence.least_sure(words, probs, LEAST)
    named = [(w, p) for w, p in least if p < EVEN_ODDS] or least[:1]
    return Verdict(value < flag["threshold"], value, flag["rule"], flag["threshold"], tuple(named))


def word_label(word: str) -> str:
    return t("unsure.end") if word == EOS else word


def note_text(v: Verdict) -> str:
    words = t("unsure.sep").join(t("unsure.word", word=word_label(w), p=f"{p:.2f}") for w, p in v.least)
    return t("unsure.note", words=words)


def quality_text(meta: Mapping | None) -> str | None:
    """How the flag did on the held-out set, from metadata; None when it was never measured."""
    h = ((meta or {}).get("unsure_flag") or {}).get("heldout")
    if not h or h.get("flagged_wrong") is None or h.get("flagged_right") is None:
        return None
    return t("unsure.quality", n=h["n"], wrong=f"{100 * h['flagged_wrong']:.0f}", n_wrong=h["n_wrong"],
             right=f"{100 * h['flagged_right']:.0f}", n_right=h["n_right"])


def sidebar_note(trace, meta: Mapping | None) -> bool:
    """One line when the model is unsure of its translation (the sidebar then shows the translation after it, in
    plain grey: a reader read the bold line first and the doubt second); nothing otherwise. Whether it was unsure."""
    v = verdict(trace, meta)
    if v is not None and v.unsure:
        st.warning(md_escape(note_text(v)), icon=":material/help:")
        return True
    return False


def overview_panel(trace, meta: Mapping | None) -> None:
    """The probability of every word of the learner's translation, the verdict, and the flag's measured quality."""
    st.subheader(t("unsure.title"))
    v, pairs = verdict(trace, meta), word_probs(trace)
    if v is None:
        st.caption(t("unsure.unavailable"))
        return
    st.markdown(md_escape(note_text(v) if v.unsure else t("unsure.sure")))
    table({t("unsure.col_word"): [word_label(w) for w, _ in pairs], t("unsure.col_p"): [f"{p:.2f}" for _, p in pairs]})
    rule = t(f"unsure.rule.{v.rule}")
    st.caption(md_escape(t("unsure.how", rule=rule, threshold=f"{v.threshold:.3f}", score=f"{v.score:.3f}")))
    quality = quality_text(meta)
    if quality:
        st.caption(md_escape(quality))
