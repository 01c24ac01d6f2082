"""Which experiment tests which lesson's claim, both ways: the experiments page names the lesson a claim comes
from, and each of those lessons ends with "What if we took this out? →" links to the experiments (issue 11).

An experiment is ("exp", kind): a part taken out of the shipped model at inference (state.EXPERIMENTS), or
("var", name): a model trained without it (state.VARIANT_NAMES). The link sets that URL key.
"""

from __future__ import annotations

import streamlit as st

from . import navigation, state, toc
from .i18n import t

SLUG = "experiments"

# the lesson whose claim each experiment tests
FROM_LESSON: dict[tuple[str, str], str] = {
    ("exp", "heads"): "multi_head",
    ("exp", "no_pe"): "positions",
    ("exp", "no_scale"): "self_attention",
    ("exp", "source"): "positions",
    ("exp", "block"): "cross_attention",
    ("var", "no_pe"): "positions",
    ("var", "learned_pe"): "positions",
    ("var", "no_scale"): "self_attention",
    ("var", "one_head"): "multi_head",
    ("var", "no_residual"): "add_norm_ffn",
    ("var", "no_layernorm"): "add_norm_ffn",
    ("var", "pre_norm"): "add_norm_ffn",
}


def experiments_of(slug: str) -> list[tuple[str, str]]:
    """The experiments that test a claim of lesson ``slug``, in the order the experiments page shows them."""
    return [e for e in FROM_LESSON if FROM_LESSON[e] == slug]


def label(experiment: tuple[str, str]) -> str:
    key, name = experiment
    return t("exp.takeout_live", name=t(f"exp.name.{name}")) if key == "exp" else \
        t("exp.takeout_trained", name=t(f"exp.var.{name}"))


def links(slug: str) -> None:
    """The lesson's "What if we took this out?" links (nothing on a lesson no experiment tests)."""
    found = experiments_of(slug)
    if not found:
        return
    st.markdown(f"**{t('exp.takeout')}**")
    page = toc.BY_SLUG[SLUG].file
    for key, name in found:
        navigation.link(page, label=label((key, name)), query_params={**state.url_params(), key: name},
                        icon=":material/science:")


def lesson_link(slug: str) -> None:
    """On the experiments page: back to the lesson the claim comes from."""
    lesson = toc.BY_SLUG[slug]
    navigation.link(lesson.file, label=t("exp.from", title=t(f"page.{slug}.title")), query_params=state.url_params(),
                    icon=":material/school:")
