"""The "Model families" page in AppTest: without the family checkpoints (it names the commands that build
them and still shows the masks) and with tiny trained ones (fill-in, continuation, the three patterns)."""

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tutorial_model import checkpoint
from tutorial_model.checkpoint import CHECKPOINT_DIR, paths
from tutorial_model.registry import MODELS
from ui import toc
from ui.loaders import ENV_CHECKPOINT

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = toc.page_file("families")
FAMILY_MODELS = ("bert", "gpt")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_dir(tmp_path_factory) -> Path:
    """The shipped Transformer only (the app's own model), copied to a temporary directory."""
    if not paths("transformer", CHECKPOINT_DIR)[0].exists():
        pytest.skip("no shipped Transformer checkpoint")
    out = tmp_path_factory.mktemp("families_base")
    for path in paths("transformer", CHECKPOINT_DIR):
        shutil.copy(path, out / path.name)
    return out


@pytest.fixture(scope="module")
def trained_dir(base_dir, tmp_path_factory) -> Path:
    """The Transformer plus tiny BERT and GPT checkpoints, trained for a few steps (the page's machinery, not
    their quality, is under test)."""
    from tutorial_model.train import task_metrics, train_model

    out = tmp_path_factory.mktemp("families_trained")
    for path in base_dir.iterdir():
        shutil.copy(path, out / path.name)
    for name in FAMILY_MODELS:
        cfg = replace(MODELS[name].train_config, steps=3, warmup_steps=1, eval_every=10_000, num_threads=1,
                      batch_size=16)
        model, tok, meta = train_model(name, cfg, {"d_model": 16, "d_ff": 32}, progress=False, valid_limit=4)
        from tutorial_model.train import splits_for

        meta["test_metrics"] = task_metrics(name, model, tok, splits_for(0)["test"][:8])
        checkpoint.save(name, model, tok, meta, out)
    return out


def run_page(directory: Path, monkeypatch, **query) -> AppTest:
    monkeypatch.setenv(ENV_CHECKPOINT, str(directory))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_titles(at: AppTest) -> list[str]:
    """Titles as read: a title wrapped to its figure's width (<br>) read as one line, the grey subtitle dropped."""
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    return [re.sub(r"<[^>]+>", "", re.sub(r"<br>", " ", t.split("<br><span")[0])) for t in titles]


def test_without_family_checkpoints_the_page_names_the_commands(base_dir, monkeypatch):
    at = run_page(base_dir, monkeypatch)
    codes = " ".join(c.value for c in at.code)
    for name in FAMILY_MODELS:
        assert f"python -m tutorial_model.train --model {name}" in codes
    titles = " ".join(chart_titles(at))
    assert "Bidirectional" in titles and "Causal" in titles and "Prefix" in titles  # masks need no checkpoint
    assert any("Check it by hand" in m.value for m in at.markdown)
    assert at.get("page_link") and at.expander


def test_with_tiny_family_checkpoints_every_part_renders(trained_dir, monkeypatch):
    at = run_page(trained_dir, monkeypatch, fb="1")
    assert "python -m tutorial_model.train --model" not in " ".join(c.value for c in at.code)
    titles = chart_titles(at)
    assert sum("attention over the characters" in x for x in titles) == 3  # BERT, GPT, Transformer
    assert any("most probable characters" in x for x in titles)
    assert at.session_state["tl_fb"] == 1  # the blank from the URL
    bert_meta = json.loads((trained_dir / "bert.json").read_text(encoding="utf-8"))
    shown = " ".join(m.value for m in at.markdown)
    assert f"{bert_meta['n_params']:,}" in shown  # parameter counts read from the checkpoints


def test_page_renders_in_chinese(trained_dir, monkeypatch):
    at = run_page(trained_dir, monkeypatch, lang="zh")
    assert at.title[0].value.endswith("一句话，三个家族")


@pytest.mark.parametrize("method", ["beam", "sample"])
def test_page_renders_for_every_decoding_method(base_dir, monkeypatch, method):
    at = run_page(base_dir, monkeypatch, method=method)  # the by-hand check falls back on the encoder–decoder
    assert any("Check it by hand" in m.value for m in at.markdown)
