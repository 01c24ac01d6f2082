"""The lesson app through Streamlit's AppTest: every page, good and bad sentences, shared links.

Runs against the shipped checkpoint (assets/checkpoints) or $TL_CHECKPOINT_DIR; when neither exists it
builds an untrained checkpoint with the corpus vocabulary, so the pages can still be exercised.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import streamlit as st
import torch
from streamlit.testing.v1 import AppTest

from tutorial_model.checkpoint import CHECKPOINT_DIR, paths, save
from tutorial_model.config import ModelConfig
from tutorial_model.transformer import Transformer
from ui.loaders import ENV_CHECKPOINT
from ui.toc import LESSONS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DEFAULT = "我有一只猫"
GOOD = "他们有两只黑色的狗"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def checkpoint_dir(tmp_path_factory) -> str:
    configured = os.environ.get(ENV_CHECKPOINT)
    if configured and paths("transformer", Path(configured))[0].exists():
        return configured
    if paths("transformer", CHECKPOINT_DIR)[0].exists():
        return str(CHECKPOINT_DIR)
    from tutorial_model.corpus import make_splits
    from tutorial_model.data import build_tokenizer

    out = tmp_path_factory.mktemp("ckpt")
    tok = build_tokenizer(make_splits(0)["train"])
    torch.manual_seed(0)
    model = Transformer(ModelConfig(len(tok.src), len(tok.tgt))).eval()
    save("transformer", model, tok, {"n_params": model.n_params()}, out)
    return str(out)


@pytest.fixture(autouse=True)
def fresh_caches(checkpoint_dir, monkeypatch):
    monkeypatch.setenv(ENV_CHECKPOINT, checkpoint_dir)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()


@pytest.fixture(scope="session")
def corpus_sentences() -> list[str]:
    from tutorial_model.corpus import make_splits

    test = make_splits(0)["test"]
    by_len = sorted(test, key=lambda p: len(p.zh))
    return [by_len[0].zh, by_len[len(by_len) // 2].zh, by_len[-1].zh]  # shortest, typical, longest


def new_app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def axis_labels(spec: dict) -> set[str]:
    """Every category label on any axis of a figure (zero-width de-duplication marks removed)."""
    out: set[str] = set()
    for trace in spec["data"]:
        for key in ("x", "y"):
            values = trace.get(key)
            if isinstance(values, list):
                out |= {str(v).replace("\u200b", "") for v in values}
    return out


def all_labels(at: AppTest) -> set[str]:
    labels: set[str] = set()
    for spec in charts(at):
        labels |= axis_labels(spec)
    return labels


def set_sentence(at: AppTest, text: str) -> AppTest:
    at.sidebar.text_input[0].set_value(text).run()
    assert at.sidebar.text_input, "app.py did not run (legacy pages/ mode?)"
    return at


def assert_clean(at: AppTest, where: str) -> None:
    assert not at.exception, f"{where}: {[e.value for e in at.exception]}"


# ---- every page ---------------------------------------------------------------------------------------

def test_every_page_renders_for_the_default_sentence():
    at = new_app()
    at.run()
    assert_clean(at, "app")
    for n, lesson in enumerate(LESSONS, start=1):
        at.switch_page(lesson.file).run()
        assert_clean(at, lesson.slug)
        assert at.title[0].value.startswith(f"{n}."), lesson.slug
        assert charts(at), f"{lesson.slug} shows no figure"
        labels = all_labels(at)
        if lesson.slug not in ("overview", "positions"):  # real tokens on the axes, <bos> escaped to show as text
            assert {"我", "有", "一", "只", "猫"} & labels or any("&lt;bos&gt;" in x for x in labels), lesson.slug
        assert at.get("page_link"), f"{lesson.slug} has no ◀ ▶ links"
        assert any("Check it by hand" in m.value for m in at.markdown), f"{lesson.slug} has no by-hand check"
        assert at.expander, f"{lesson.slug} has no 'show the code'"
    out = at.session_state["_tl_context"].trace.out_tokens
    assert {x.replace("<", "&lt;").replace(">", "&gt;") for x in out} <= all_labels(at)  # generation page


def test_token_labels_are_real_tokens_and_titles_name_the_tensor():
    at = new_app()
    at.switch_page("lesson_pages/04_self_attention.py").run()
    specs = charts(at)
    pattern = next(s for s in specs if "encoder.layers.0.self_attn.hook_pattern" in s["layout"]["title"]["text"])
    assert pattern["data"][0]["x"] == list("我有一只猫") and pattern["data"][0]["y"] == list("我有一只猫")
    assert "head 0 · (4, 5, 5)" in pattern["layout"]["title"]["text"]
    at.switch_page("lesson_pages/08_masked_attention.py").run()
    labels = all_labels(at)
    assert "&lt;bos&gt;" in labels and "<bos>" not in labels  # escaped so plotly shows it as text


@pytest.mark.parametrize("which", [0, 1, 2])
def test_every_page_renders_for_corpus_sentences(corpus_sentences, which):
    sentence = corpus_sentences[which]
    at = new_app()
    at.run()
    set_sentence(at, sentence)
    assert at.session_state["tl_s"] == sentence
    for lesson in LESSONS:
        at.switch_page(lesson.file).run()
        assert_clean(at, f"{lesson.slug} / {sentence}")
        assert not at.error, f"{lesson.slug}: {[e.value for e in at.error]}"


def test_repeated_characters_keep_one_column_each():
    at = new_app(s="我的猫和我的狗")
    at.switch_page("lesson_pages/04_self_attention.py").run()
    assert_clean(at, "repeated")
    spec = next(s for s in charts(at) if "hook_pattern" in s["layout"]["title"]["text"])
    x = spec["data"][0]["x"]
    assert len(x) == len(set(x)) == 7 and [v.replace("\u200b", "") for v in x] == list("我的猫和我的狗")


# ---- bad input ----------------------------------------------------------------------------------------

BAD = {
    "empty": "",
    "spaces and punctuation only": " ，。！ ",
    "too long": "我有一只猫" * 6,
    "english": "I have a cat",
    "emoji only": "😀🐱",
    "html": "<b>我有一只猫</b>",
    "script": "<script>alert(1)</script>我",
    "markdown": "**我有一只猫**",
    "markdown link": "[我](http://example.com)",
}
EXPECTED = {"empty": "empty", "spaces and punctuation only": "empty", "too long": "30 characters",
            "english": "no Chinese", "emoji only": "no Chinese", "html": "HTML", "script": "HTML",
            "markdown": "Markdown", "markdown link": "Markdown"}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_input_shows_a_message_and_keeps_the_last_good_sentence(kind):
    at = new_app()
    at.run()
    set_sentence(at, GOOD)
    good_translation = at.sidebar.markdown
    set_sentence(at, BAD[kind])
    assert_clean(at, kind)
    errors = " ".join(e.value for e in at.error)
    assert EXPECTED[kind] in errors, errors
    assert at.session_state["tl_s"] == GOOD
    assert [m.value for m in at.sidebar.markdown] == [m.value for m in good_translation]
    assert GOOD in [x.value for x in at.text]  # "still showing" names the good sentence, as plain text
    for lesson in ("lesson_pages/04_self_attention.py", "lesson_pages/10_generation.py"):
        at.switch_page(lesson).run()
        assert_clean(at, f"{kind} on {lesson}")
        assert at.error  # the message stays while the box holds the bad text
    at.switch_page("lesson_pages/04_self_attention.py").run()
    assert set(GOOD) <= all_labels(at)


def test_user_text_is_never_rendered_as_markdown_or_html():
    at = new_app()
    at.run()
    set_sentence(at, "<img src=x onerror=alert(1)>")
    for el in list(at.markdown) + list(at.sidebar.markdown) + list(at.error) + list(at.warning):
        assert "<img" not in el.value
    set_sentence(at, "我有一只$猫$")  # $ is not punctuation the tokenizer drops: it becomes <unk>
    assert_clean(at, "dollar")
    for el in at.warning:
        assert "$猫$" not in el.value and r"\$" in el.value  # escaped, so no LaTeX


def test_unknown_characters_become_unk_and_get_suggestions():
    at = new_app()
    at.run()
    set_sentence(at, "我有一只🐱")
    assert_clean(at, "unknown")
    assert at.session_state["tl_s"] == "我有一只🐱"  # unknown characters do not reject the sentence
    warning = " ".join(w.value for w in at.warning)
    assert "🐱" in warning and "<unk>" in warning
    suggestions = [b for b in at.button if b.key and b.key.startswith("suggest.")]
    assert suggestions, "no suggested sentences"
    at.switch_page("lesson_pages/02_tokens.py").run()
    assert "&lt;unk&gt;" in all_labels(at)
    at.switch_page("lesson_pages/01_overview.py").run()
    chosen = [b for b in at.button if b.key and b.key.startswith("suggest.")][0]
    target = chosen.label
    chosen.click().run()
    assert at.session_state["tl_s"] == target and not at.warning


def test_mixed_english_and_chinese_marks_the_latin_letters_unknown():
    at = new_app()
    at.run()
    set_sentence(at, "我有一只cat")
    assert_clean(at, "mixed")
    assert "c a t" in " ".join(w.value for w in at.warning)


# ---- shared state: URL, pages, widgets ------------------------------------------------------------------

def test_a_shared_link_opens_the_same_view():
    at = new_app(s=GOOD, layer="1", head="2", tok="3")
    at.switch_page("lesson_pages/04_self_attention.py").run()
    assert_clean(at, "link")
    titles = [s["layout"]["title"]["text"] for s in charts(at)]
    assert any("encoder.layers.1.self_attn.hook_pattern" in t and "head 2" in t for t in titles)
    assert at.selectbox(key="_w.tok").value == 3
    assert at.session_state["tl_s"] == GOOD


def test_a_mangled_link_falls_back_to_defaults():
    at = new_app(layer="banana", head="99", method="magic", s="<b>x</b>")
    at.switch_page("lesson_pages/04_self_attention.py").run()
    assert_clean(at, "mangled")
    assert at.session_state["tl_layer"] == 0 and at.session_state["tl_method"] == "greedy"
    assert at.session_state["tl_s"] == DEFAULT
    assert "layer" not in at.query_params


def test_widget_changes_go_into_the_url_and_survive_page_switches():
    at = new_app()
    at.switch_page("lesson_pages/04_self_attention.py").run()
    at.get("segmented_control")[1].set_value(3).run()  # head
    assert at.query_params["head"] == "3" if isinstance(at.query_params["head"], str) else ["3"]
    at.switch_page("lesson_pages/05_multi_head.py").run()
    assert at.session_state["tl_head"] == 3
    assert any("head 3" in s["layout"]["title"]["text"] for s in charts(at))
    links = {link.proto.page: link.proto.query_string for link in at.get("page_link")}
    assert "head=3" in links["self_attention"] and "head=3" in links["add_norm_ffn"]


def test_out_of_range_selections_snap_to_the_sentence():
    at = new_app(tok="20")
    at.switch_page("lesson_pages/04_self_attention.py").run()
    assert_clean(at, "snap")
    assert at.selectbox(key="_w.tok").value == 4  # the last of 我有一只猫


@pytest.mark.parametrize("method", ["greedy", "sample", "beam"])
def test_decoding_methods_and_steps(method):
    at = new_app()
    at.switch_page("lesson_pages/10_generation.py").run()
    at.get("segmented_control")[0].set_value(method).run()
    assert_clean(at, method)
    assert at.session_state["tl_method"] == method
    at.button(key="_b.step.next").click().run()
    assert_clean(at, f"{method} step")
    assert at.session_state["tl_step"] == 1
    titles = " ".join(s["layout"]["title"]["text"] for s in charts(at))
    assert "position 1" in titles
    if method == "beam":
        assert "Beam search" in titles
    for lesson in LESSONS:  # the method's trace feeds every page
        at.switch_page(lesson.file).run()
        assert_clean(at, f"{method} / {lesson.slug}")


def test_examples_and_random_sentence():
    at = new_app()
    at.run()
    box = at.sidebar.selectbox[0]
    choice = box.options[1]
    box.select_index(1).run()
    assert_clean(at, "example")
    assert choice.startswith(at.session_state["tl_s"])
    at.sidebar.button[0].click().run()
    assert_clean(at, "random")
    assert at.session_state["tl_s"] and not at.error


def test_second_language_code_falls_back_to_english():
    at = new_app(lang="zh")
    at.run()
    assert_clean(at, "zh")
    assert at.title[0].value.startswith("1.")


def test_missing_checkpoint_shows_the_rebuild_command(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_CHECKPOINT, str(tmp_path))
    st.cache_resource.clear()
    at = new_app()
    at.run()
    assert_clean(at, "missing checkpoint")
    shown = " ".join(c.value for c in at.code) + " ".join(e.value for e in at.error)
    assert "python -m tutorial_model.train" in shown
    at.switch_page("lesson_pages/04_self_attention.py").run()
    assert_clean(at, "missing checkpoint, page 4")
    assert at.error


def test_two_sessions_keep_their_own_sentences():
    a, b = new_app(), new_app()
    a.run()
    b.run()
    set_sentence(a, GOOD)
    b.switch_page("lesson_pages/04_self_attention.py").run()
    a.switch_page("lesson_pages/04_self_attention.py").run()
    assert set(GOOD) <= all_labels(a)
    assert all_labels(b) & set("我有一只猫") and not set("他们两黑色的狗") & all_labels(b)
