"""The experiments page renders every experiment in both languages, keeps its state in the URL, reads the stored
head importance, and says how to train a variant whose checkpoint is absent (or shows the trained one)."""

from __future__ import annotations

import base64
import json
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tutorial_model import checkpoint, head_importance
from tutorial_model.checkpoint import CHECKPOINT_DIR, variant_dir
from tutorial_model.config import VARIANTS, TrainConfig
from tutorial_model.train import train_model
from ui import state, takeout, toc

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = toc.page_file("experiments")

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("app_env")]
# made-up figures for the tiny variant (two training steps), distinct so the page's table can be checked cell by cell
VARIANT_TEST_METRICS = {"n": 8, "exact_match": 0.375, "bleu": 12.5,
                        "by_order": {"moved": {"n": 2, "exact_match": 0.5}, "same": {"n": 6, "exact_match": 1 / 3},
                                     "anagram": {"n": 4, "exact_match": 0.125}},
                        "by_length": {"4": {"n": 3, "exact_match": 0.25}, "5": {"n": 5, "exact_match": 0.75}}}


@pytest.fixture(scope="module")
def checkpoint_dir(tmp_path_factory) -> str:
    """The shipped Transformer, its head importance measured on a few sentences, and one tiny trained variant."""
    out = tmp_path_factory.mktemp("ckpt")
    for suffix in ("safetensors", "json"):
        shutil.copy(CHECKPOINT_DIR / f"transformer.{suffix}", out / f"transformer.{suffix}")
    assert head_importance.main(["--limit", "6", "--dir", str(out), "--threads", "1"]) == 0
    tcfg = replace(TrainConfig(), steps=2, batch_size=8, warmup_steps=1, eval_every=10_000, num_threads=1)
    model, tok, meta = train_model("transformer", tcfg, model_overrides=VARIANTS["one_head"], progress=False,
                                   valid_limit=2)
    meta["test_metrics"] = VARIANT_TEST_METRICS
    meta["everyday_metrics"] = {"n": 3, "chrf": 41.25, "exact_match": 1 / 3}
    checkpoint.save("transformer", model, tok, meta, variant_dir("one_head", out), half=True)
    return str(out)


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


def decode(values) -> np.ndarray:
    """A Plotly array from the chart's JSON: a list, or the typed-array form {"dtype", "bdata", "shape"}."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return np.asarray(values)


def test_head_importance_heatmap_reads_the_stored_file(checkpoint_dir):
    at = run_page()
    stored = json.loads(Path(head_importance.heads_path(checkpoint_dir)).read_text())
    heatmaps = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    z = next(s["data"][0]["z"] for s in heatmaps if "BLEU" in s["layout"]["title"]["text"]
             and s["data"][0]["type"] == "heatmap")
    z = decode(z)
    drops = sorted(round(h["bleu_drop"], 6) for h in stored["heads"])
    assert sorted(round(float(v), 6) for v in np.ravel(z)) == drops
    assert f"{stored['n_sentences']} " in texts(at)


def table_row(at: AppTest, first_cell: str) -> list[str]:
    for m in at.markdown:
        for line in m.value.splitlines():
            cells = [c.strip().replace("\\", "") for c in line.strip().strip("|").split("|")]  # md_escape undone
            if cells[0] == first_cell:
                return cells[1:]
    raise AssertionError(f"no table row starts with {first_cell!r}")


def test_a_trained_variant_is_shown_and_an_absent_one_names_its_command(checkpoint_dir):
    at = run_page(var="one_head")
    assert "--variant one_head" not in texts(at)
    assert len(at.text) >= 4  # two translations for the experiment, two for the variant
    # its row of the results table holds its metadata's figures, in the order of the column headings
    assert table_row(at, "one head of width d_model") == ["37.50", "12.50", "50.00", "33.33", "12.50", "41.25", "33.33"]
    assert table_row(at, "pre-norm") == ["—"] * 7  # not trained here
    main = json.loads((Path(checkpoint_dir) / "transformer.json").read_text())["test_metrics"]
    assert table_row(at, "shipped model")[:2] == [f"{100 * main['exact_match']:.2f}", f"{main['bleu']:.2f}"]
    # exact match by length: the lengths both models were measured on, the variant's values in percent
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    by_length = next(s for s in specs if "source length" in s["layout"]["title"]["text"])
    variant = next(d for d in by_length["data"] if d["name"] == "one head of width d_model")
    assert [int(x) for x in decode(variant["x"])] == [4, 5]
    assert list(decode(variant["y"])) == [25.0, 75.0]
    # the measured sentence under the claim quotes the same metadata
    assert "37.50 %" in texts(at) and "50.00 %" in texts(at)
    at = run_page(var="pre_norm")
    assert "--variant pre_norm" in texts(at)


def experiment_links(at: AppTest) -> list[dict]:
    """The lesson's "What if we took this out?" links; the attention caveat's link to blocking one character
    (it carries xblk, tests/test_attention_caveat.py) is not one of them."""
    links = [parse_qs(link.proto.query_string) for link in at.get("page_link") if link.proto.page == takeout.SLUG]
    return [query for query in links if "xblk" not in query]


@pytest.mark.parametrize("slug", [*dict.fromkeys(takeout.FROM_LESSON.values()), "tokens"])
def test_a_lesson_links_to_the_experiments_that_test_its_claims(slug):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["s"] = "他们有两只狗"
    at.switch_page(toc.BY_SLUG[slug].file).run()
    assert not at.exception, [e.value for e in at.exception]
    want = takeout.experiments_of(slug)  # the tokens lesson makes no claim an experiment tests: no link
    found = experiment_links(at)
    assert [(key, query[key][0]) for (key, _), query in zip(want, found)] == want and len(found) == len(want)
    assert all(query["s"] == ["他们有两只狗"] for query in found)  # the learner's sentence comes along
    # and the experiment, opened from that link, names this lesson and links back to it
    for key, name in want:
        page = run_page(**{key: name, "exp": name if key == "exp" else "heads"})
        assert toc.BY_SLUG[slug].slug in [link.proto.page for link in page.get("page_link")]
