"""The experiments page renders every experiment in both languages, keeps its state in the URL, reads the stored
head importance, and says how to train a variant whose checkpoint is absent (or shows the trained one)."""

from __future__ import annotations

import base64
import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tutorial_model import checkpoint, head_importance
from tutorial_model.checkpoint import CHECKPOINT_DIR, variant_dir
from tutorial_model.config import VARIANTS, TrainConfig
from tutorial_model.train import train
from ui import state
from ui.loaders import ENV_CHECKPOINT

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = "lesson_pages/14_experiments.py"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def checkpoint_dir(tmp_path_factory) -> str:
    """The shipped Transformer, its head importance measured on a few sentences, and one tiny trained variant."""
    out = tmp_path_factory.mktemp("ckpt")
    for suffix in ("safetensors", "json"):
        shutil.copy(CHECKPOINT_DIR / f"transformer.{suffix}", out / f"transformer.{suffix}")
    assert head_importance.main(["--limit", "6", "--dir", str(out), "--threads", "1"]) == 0
    tcfg = replace(TrainConfig(), steps=2, batch_size=8, warmup_steps=1, eval_every=10_000, num_threads=1)
    model, tok, meta = train(tcfg, model_overrides=VARIANTS["one_head"], progress=False, valid_limit=2)
    meta["test_metrics"] = {"exact_match": 0.0, "bleu": 0.0}
    checkpoint.save("transformer", model, tok, meta, variant_dir("one_head", out))
    return str(out)


@pytest.fixture(autouse=True)
def env(checkpoint_dir, monkeypatch):
    monkeypatch.setenv(ENV_CHECKPOINT, checkpoint_dir)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()


def run_page(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    return " ".join(x.value for kind in ("markdown", "caption", "info", "warning", "text", "code")
                    for x in at.get(kind))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("exp", state.EXPERIMENTS)
def test_every_experiment_renders(exp, lang):
    at = run_page(lang=lang, exp=exp, xh="dec_cross.1.0,enc_self.0.2", xblk="2")
    assert at.title[0].value.startswith("14.")
    assert not at.error, [e.value for e in at.error]
    assert len(at.get("plotly_chart")) >= 4  # log p bars, two attention grids, importance heatmaps …
    assert any("✍" in m.value for m in at.markdown), "no by-hand check"
    assert "python -m tutorial_model.train --variant" in texts(at)  # variants not trained yet say how


def test_knocked_out_heads_come_from_the_url_and_change_the_translation_log_probs():
    at = run_page(exp="heads", xh="dec_cross.0.1,dec_cross.1.0,dec_cross.1.1", abl="zero")
    assert at.multiselect[0].value == ["dec_cross.0.1", "dec_cross.1.0", "dec_cross.1.1"]
    ctx = at.session_state["_tl_context"]
    assert at.query_params["xh"] == "dec_cross.0.1,dec_cross.1.0,dec_cross.1.1"
    # the by-hand check agrees with the bar it recomputes
    assert any("By hand" in c.value or "手算" in c.value for c in at.caption)
    assert ctx.sentence == "我有一只猫"


def test_a_mangled_heads_link_falls_back_to_none():
    at = run_page(exp="heads", xh="<script>,enc_self.0.99")
    assert at.multiselect[0].value == []
    assert any("Nothing is taken out" in c.value for c in at.caption)


def test_head_importance_heatmap_reads_the_stored_file(checkpoint_dir):
    at = run_page()
    stored = json.loads(Path(head_importance.heads_path(checkpoint_dir)).read_text())
    heatmaps = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    z = next(s["data"][0]["z"] for s in heatmaps if "BLEU" in s["layout"]["title"]["text"]
             and s["data"][0]["type"] == "heatmap")
    if isinstance(z, dict):  # plotly's typed-array form: {"dtype": "f8", "bdata": base64, "shape": "6, 4"}
        z = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"])
    drops = sorted(round(h["bleu_drop"], 6) for h in stored["heads"])
    assert sorted(round(float(v), 6) for v in np.ravel(z)) == drops
    assert f"{stored['n_sentences']} " in texts(at)


def test_a_trained_variant_is_shown_and_an_absent_one_names_its_command():
    at = run_page(var="one_head")
    assert "--variant one_head" not in texts(at)
    assert len(at.text) >= 4  # two translations for the experiment, two for the variant
    at = run_page(var="pre_norm")
    assert "--variant pre_norm" in texts(at)
