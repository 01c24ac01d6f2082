"""Attention is not explanation (issue 19): pages 5, 9 and 13 say so and link to the causal test on page 14 with
the learner's sentence and a character already blocked; page 9 measures, beside the row, what blocking the row's
most-weighted character does to the chosen word's probability. The measurement is checked against an independent
recomputation that masks the source position by hand, without the experiments' hook editors."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs

import numpy as np
import pytest
import streamlit as st
import torch
from streamlit.testing.v1 import AppTest

from tutorial_model.tokenizer import BOS_ID
from tutorial_model.transformer import padding_mask, target_mask
from ui import experiments as xp
from ui import i18n, toc

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SENTENCE = "我昨天在公园看了一本书"


@torch.inference_mode()
def probs_with_column_masked(model, src_ids, out_ids, blocked: int | None) -> np.ndarray:
    """p(out_t | source, out_<t), the cross-attention mask built here with column ``blocked`` set to False."""
    src = torch.tensor([list(src_ids)])
    tgt = torch.tensor([[BOS_ID, *out_ids[:-1]]])
    memory = model.encode(src, padding_mask(src))  # the encoder reads every character either way
    cross = padding_mask(src).clone()  # (1, 1, T_src)
    if blocked is not None:
        cross[..., blocked] = False
    probs = model.decode(memory, cross, tgt, target_mask(tgt))[0].float().softmax(-1)
    return probs.gather(-1, torch.tensor(out_ids)[:, None])[:, 0].numpy()


def test_the_block_effect_equals_masking_the_source_position_by_hand(shipped):
    st.cache_data.clear()
    trace = shipped.run_with_trace(SENTENCE)
    ids, out = shipped.tokenizer.encode_source(SENTENCE).ids, list(trace.decoding.ids)
    for j in range(len(ids)):
        intact, blocked = xp.block_effect(SENTENCE, out, j)
        np.testing.assert_allclose(intact, probs_with_column_masked(shipped.model, ids, out, None), atol=1e-5)
        np.testing.assert_allclose(blocked, probs_with_column_masked(shipped.model, ids, out, j), atol=1e-5)
    assert xp.block_effect("猫", [2], 0) is None  # nothing left to read: not measured


def causal_links(at: AppTest) -> list[dict]:
    return [parse_qs(link.proto.query_string) for link in at.get("page_link")
            if link.proto.page == "experiments" and "xblk" in parse_qs(link.proto.query_string)]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("slug", ["multi_head", "cross_attention", "why_attention"])
def test_each_attention_page_warns_and_links_to_blocking_a_character_of_this_sentence(slug, lang, shipped):
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["s"] = SENTENCE
    at.query_params["lang"] = lang
    at.switch_page(toc.BY_SLUG[slug].file).run()
    assert not at.exception, [e.value for e in at.exception]
    caveat = i18n.translate(lang, "truth.caveat")
    assert any(m.value == caveat for m in at.markdown)
    (link,) = causal_links(at)
    assert link["s"] == [SENTENCE] and link["exp"] == ["block"]
    j = int(link["xblk"][0])
    assert 0 <= j < len(SENTENCE)
    # followed: the experiments page opens on this sentence with that character blocked
    page = AppTest.from_file(APP, default_timeout=180)
    for key, values in link.items():
        page.query_params[key] = values[0]
    page.switch_page(toc.BY_SLUG["experiments"].file).run()
    assert not page.exception, [e.value for e in page.exception]
    block = [s for s in page.selectbox if s.label == i18n.translate(lang, "exp.block")]
    assert [s.value for s in block] == [j]


@pytest.mark.slow
def test_page_9_shows_the_measured_change_of_the_chosen_row(shipped):
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["s"] = SENTENCE
    at.query_params["tok"] = "7"  # the row that predicts "yesterday"
    at.switch_page(toc.BY_SLUG["cross_attention"].file).run()
    assert not at.exception, [e.value for e in at.exception]
    (link,) = causal_links(at)
    j = int(link["xblk"][0])
    trace = shipped.run_with_trace(SENTENCE)
    ids, out = shipped.tokenizer.encode_source(SENTENCE).ids, list(trace.decoding.ids)
    p = probs_with_column_masked(shipped.model, ids, out, None)[7]
    q = probs_with_column_masked(shipped.model, ids, out, j)[7]
    # the blocked character is the row's largest mean weight over layer 0's heads (the page's default layer)
    assert j == int(np.argmax(trace["decoder.layers.0.cross_attn.hook_pattern"].mean(axis=0)[7]))
    (shown,) = [m.value for m in at.markdown if m.value.startswith(i18n.translate("en", "truth.block_effect")[:20])]
    numbers = [float(x) for x in re.findall(r"[+-]?\d+\.\d{3}\b", shown)]  # p, q, change (3 decimals each)
    np.testing.assert_allclose(numbers, [p, q, q - p], atol=6e-4)  # rounding to 3 decimals, float32 apart
