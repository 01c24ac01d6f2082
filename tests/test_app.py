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

from tutorial_model.checkpoint import CHECKPOINT_DIR, paths, read_meta, save
from tutorial_model.config import ModelConfig
from tutorial_model.transformer import Transformer
from ui import pinyin_hover, toc
from ui.loaders import ENV_CHECKPOINT
from ui.toc import LESSONS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DEFAULT = "我有一只猫"
GOOD = "他们有两只黑色的狗"

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("app_env")]


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
                out |= {pinyin_hover.bare(v).replace("\u200b", "") for v in values}  # the tick, not the hover
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
        if lesson.part == "practice":  # interview cards, my progress: no lesson figures, no by-hand box
            assert at.get("page_link"), f"{lesson.slug} has no ◀ ▶ links"
            continue
        assert charts(at), f"{lesson.slug} shows no figure"
        labels = all_labels(at)
        # real tokens on the axes, <bos> escaped to show as text (the live page trains on its own toy tasks)
        if lesson.slug not in ("overview", "positions", "live_training"):
            assert {"我", "有", "一", "只", "猫"} & labels or any("&lt;bos&gt;" in x for x in labels), lesson.slug
        assert at.get("page_link"), f"{lesson.slug} has no ◀ ▶ links"
        assert any("Check it by hand" in m.value for m in at.markdown), f"{lesson.slug} has no by-hand check"
        assert at.expander, f"{lesson.slug} has no 'show the code'"
    at.switch_page(toc.page_file("generation")).run()
    out = at.session_state["_tl_context"].trace.out_tokens
    assert {x.replace("<", "&lt;").replace(">", "&gt;") for x in out} <= all_labels(at)  # generation page


def test_token_labels_are_real_tokens_and_titles_name_the_tensor():
    at = new_app()
    at.switch_page(toc.page_file("self_attention")).run()
    specs = charts(at)
    pattern = next(s for s in specs if "encoder.layers.0.self_attn.hook_pattern" in s["layout"]["title"]["text"])
    for axis in ("x", "y"):  # each label's tick, its reading after it in the hover
        values = pattern["data"][0][axis]
        assert [pinyin_hover.bare(v) for v in values] == list("我有一只猫") and values[0].startswith("我 (wǒ")
    title = pattern["layout"]["title"]["text"]
    assert title.startswith("Attention weights") and "head 0" in title and "(4, 5, 5)" in title
    at.switch_page(toc.page_file("masked_attention")).run()
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
    at.switch_page(toc.page_file("self_attention")).run()
    assert_clean(at, "repeated")
    spec = next(s for s in charts(at) if "hook_pattern" in s["layout"]["title"]["text"])
    x = spec["data"][0]["x"]
    assert len(x) == len(set(x)) == 7
    assert [pinyin_hover.bare(v).replace("\u200b", "") for v in x] == list("我的猫和我的狗")


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
    for lesson in (toc.page_file("self_attention"), toc.page_file("generation")):
        at.switch_page(lesson).run()
        assert_clean(at, f"{kind} on {lesson}")
        assert at.error  # the message stays while the box holds the bad text
    at.switch_page(toc.page_file("self_attention")).run()
    assert set(GOOD) <= all_labels(at)


def test_user_text_is_never_rendered_as_markdown_or_html():
    at = new_app()
    at.run()
    set_sentence(at, "<img src=x onerror=alert(1)>")
    for el in list(at.markdown) + list(at.sidebar.markdown) + list(at.error) + list(at.warning):
        assert "<img" not in el.value
    set_sentence(at, "我有一只$猫$")  # $ is not punctuation the tokenizer drops: it becomes <unk>
    assert_clean(at, "dollar")
    warnings = [el.value for el in at.warning]
    assert not any("$猫$" in w for w in warnings)
    assert any(r"\$" in w for w in warnings)  # the unknown-character warning names it, escaped: no LaTeX


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
    at.switch_page(toc.page_file("tokens")).run()
    assert "&lt;unk&gt;" in all_labels(at)
    at.switch_page(toc.page_file("overview")).run()
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
    at.switch_page(toc.page_file("self_attention")).run()
    assert_clean(at, "link")
    titles = [s["layout"]["title"]["text"] for s in charts(at)]
    assert any("encoder.layers.1.self_attn.hook_pattern" in t and "head 2" in t for t in titles)
    assert at.selectbox(key="_w.tok").value == 3
    assert at.session_state["tl_s"] == GOOD


def test_a_mangled_link_falls_back_to_defaults():
    at = new_app(layer="banana", head="99", method="magic", s="<b>x</b>")
    at.switch_page(toc.page_file("self_attention")).run()
    assert_clean(at, "mangled")
    assert at.session_state["tl_layer"] == 0 and at.session_state["tl_method"] == "greedy"
    assert at.session_state["tl_s"] == DEFAULT
    assert "layer" not in at.query_params


def test_widget_changes_go_into_the_url_and_survive_page_switches():
    at = new_app()
    at.switch_page(toc.page_file("self_attention")).run()
    at.get("segmented_control")[1].set_value(3).run()  # head
    assert at.query_params["head"] == "3" if isinstance(at.query_params["head"], str) else ["3"]
    at.switch_page(toc.page_file("multi_head")).run()
    assert at.session_state["tl_head"] == 3
    assert any("head 3" in s["layout"]["title"]["text"] for s in charts(at))
    links = {link.proto.page: link.proto.query_string for link in at.get("page_link")}
    assert "head=3" in links["self_attention"] and "head=3" in links["add_norm_ffn"]


def test_out_of_range_selections_snap_to_the_sentence():
    at = new_app(tok="20")
    at.switch_page(toc.page_file("self_attention")).run()
    assert_clean(at, "snap")
    assert at.selectbox(key="_w.tok").value == 4  # the last of 我有一只猫


@pytest.mark.parametrize("method", ["greedy", "sample", "beam"])
def test_decoding_methods_and_steps(method):
    at = new_app()
    at.switch_page(toc.page_file("generation")).run()
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
    topic = next(b for b in at.sidebar.selectbox if b.label == "Example topic")
    topic.select_index(1).run()  # an everyday topic: its own examples replace the lessons' ones
    assert_clean(at, "topic")
    box = next(b for b in at.sidebar.selectbox if b.label == "Or pick an example")
    choice = box.options[1]
    box.select_index(1).run()
    assert_clean(at, "example")
    assert choice.startswith(at.session_state["tl_s"])
    stored = at.session_state["_w.example_topic"]
    offered = read_meta("transformer")["examples_by_topic"][stored]
    assert stored != "lessons" and any(zh == at.session_state["tl_s"] for zh, _ in offered)
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
    at.switch_page(toc.page_file("self_attention")).run()
    assert_clean(at, "missing checkpoint, page 4")
    assert at.error


def test_two_sessions_keep_their_own_sentences():
    a, b = new_app(), new_app()
    a.run()
    b.run()
    set_sentence(a, GOOD)
    b.switch_page(toc.page_file("self_attention")).run()
    a.switch_page(toc.page_file("self_attention")).run()
    assert set(GOOD) <= all_labels(a)
    assert all_labels(b) & set("我有一只猫") and not set("他们两黑色的狗") & all_labels(b)


# ---- the recurrent lessons (11–13) ------------------------------------------------------------------------

RECURRENT = {"rnn": toc.page_file("rnn"), "lstm": toc.page_file("lstm"),
             "why_attention": toc.page_file("why_attention")}


def titles(at: AppTest) -> str:
    return " ".join(s["layout"].get("title", {}).get("text", "") for s in charts(at))


def toy_table(at: AppTest, first_input: str) -> str:
    """The memory toy's table (Markdown, its escapes removed), found by the input of its first row."""
    tables = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("|")]
    return next(x for x in tables if f"| 1 | {first_input} |" in x)


def annotations(at: AppTest) -> str:
    return " ".join(a.get("text", "") for s in charts(at) for a in s["layout"].get("annotations", []))


def test_the_recurrent_lessons_come_after_the_transformer_ones():
    slugs = [lesson.slug for lesson in LESSONS]
    assert slugs[10:13] == ["rnn", "lstm", "why_attention"]  # lessons 11–13; the experiments page follows
    assert [lesson.file for lesson in LESSONS[10:13]] == list(RECURRENT.values())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("slug", list(RECURRENT))
def test_recurrent_pages_render_in_both_languages(slug, lang):
    at = new_app(lang=lang)
    at.switch_page(RECURRENT[slug]).run()
    assert_clean(at, f"{slug} / {lang}")
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value.startswith(f"{[x.slug for x in LESSONS].index(slug) + 1}.")
    heading = {"en": {"rnn": "RNN", "lstm": "LSTM", "why_attention": "attention"},
               "zh": {"rnn": "循环神经网络", "lstm": "门", "why_attention": "注意力"}}[lang][slug]
    assert heading in at.title[0].value
    assert set("我有一只猫") <= all_labels(at) | set(annotations(at))
    check = "Check it by hand" if lang == "en" else "亲手验算"
    assert any(check in m.value for m in at.markdown), f"{slug}: no by-hand box"
    assert any("By hand" in c.value or "手算" in c.value for c in at.caption), "the by-hand number is not compared"
    assert at.get("page_link") and at.expander


def test_rnn_page_shows_the_unrolled_network_the_states_and_the_toy():
    at = new_app(s=GOOD, tok="3", unit="5")
    at.switch_page(RECURRENT["rnn"]).run()
    assert_clean(at, "rnn")
    notes = annotations(at)
    for ch in GOOD:  # one box per character, labelled with the real characters
        assert ch in notes
    assert "h<sub>9</sub>" in notes and "h<sub>10</sub>" not in notes
    spec = next(s for s in charts(at) if "encoder.cell.hook_h · " in s["layout"]["title"]["text"])
    assert [pinyin_hover.bare(y).replace("\u200b", "") for y in spec["data"][0]["y"]] == list(GOOD)
    assert len(spec["data"][0]["x"]) == 32 and "(9, 128)" in spec["layout"]["title"]["text"]
    assert "decoder.cell.hook_h" in titles(at) and "encoder.hook_context" in titles(at)
    table = toy_table(at, "[1, 1]")  # every weight 1, linear: outputs 4, 12, 32
    assert "| [4, 4] |" in table and "| [12, 12] |" in table and "| [32, 32] |" in table
    agree = [c.value for c in at.caption if c.value.startswith("By hand")]
    assert agree and all("difference" in c or "exactly" in c for c in agree)


def test_rnn_toy_controls_change_the_numbers_and_go_into_the_url():
    at = new_app()
    at.switch_page(RECURRENT["rnn"]).run()
    at.select_slider(key="_w.mw").set_value(0.0).run()
    assert_clean(at, "toy")
    assert at.query_params["mw"] in ("0.0", ["0.0"])
    table = toy_table(at, "[1, 1]")
    assert "[4, 4]" in table and "[12, 12]" not in table  # no memory: step 2 gives 4 again
    at.select_slider(key="_w.mw").set_value(1.0).run()
    at.selectbox(key="_w.morder").set_value(1).run()  # [2,2] first: 8, then 2 + 8 = 10 → 20, then 2 + 20 → 44
    table = toy_table(at, "[2, 2]")
    assert "| [8, 8] |" in table and "| [20, 20] |" in table and "| [44, 44] |" in table


def test_lstm_page_shows_every_gate_and_checks_c_and_h():
    at = new_app(s=GOOD, tok="4", unit="7", units="16")
    at.switch_page(RECURRENT["lstm"]).run()
    assert_clean(at, "lstm")
    t = titles(at)
    for gate in "figoch":
        assert f"encoder.cell.hook_{gate}" in t
    gate_fig = next(s for s in charts(at) if "encoder.cell.hook_f · " in s["layout"]["title"]["text"])
    assert len(gate_fig["data"][0]["x"]) == 16
    follow = next(s for s in charts(at) if "hook_f|i|g|o|c|h" in s["layout"]["title"]["text"])
    assert len(follow["data"]) == 6 and "unit 7" in follow["layout"]["title"]["text"]
    assert [pinyin_hover.bare(x).replace("\u200b", "") for x in follow["data"][0]["x"]] == list(GOOD)
    agree = [c.value for c in at.caption if c.value.startswith("By hand")]
    assert len(agree) >= 2  # c_t and h_t


def test_lstm_calculator_presets_set_the_gates():
    at = new_app()
    at.switch_page(RECURRENT["lstm"]).run()
    at.button(key="_b.preset.forget").click().run()
    assert_clean(at, "preset")
    assert at.session_state["tl_lf"] == 0.0 and at.session_state["tl_li"] == 0.0
    calc = next(s for s in charts(at) if s["layout"]["title"]["text"].startswith("What the cell"))
    assert calc["data"][0]["text"][2] == "0.000"  # c_t = 0·c + 0·g (the bar's printed value)
    at.select_slider(key="_w.lf").set_value(1.0).run()
    calc = next(s for s in charts(at) if s["layout"]["title"]["text"].startswith("What the cell"))
    assert calc["data"][0]["text"][2] == "0.800"  # kept all of c_{t−1} = 0.8


def test_why_attention_page_compares_the_four_models():
    at = new_app(s=GOOD)
    at.switch_page(RECURRENT["why_attention"]).run()
    assert_clean(at, "why")
    names = {trace["name"] for s in charts(at) for trace in s["data"] if trace.get("name")}
    assert {"RNN", "LSTM", "LSTM + attention", "Transformer"} <= names
    t = titles(at)
    assert "decoder.attn.hook_weights" in t and "cross_attn.hook_pattern" in t
    table = next(m.value for m in at.markdown if "translation of your sentence" in m.value)
    for label in ("RNN", "LSTM", "LSTM \\+ attention", "Transformer"):
        assert label in table
    next(w for w in at.get("segmented_control") if w.key == "_w.grad").set_value("context").run()
    assert_clean(at, "why/context")
    assert "∂c / ∂x_t" in titles(at)


def test_why_attention_timing_runs_only_when_asked():
    at = new_app()
    at.switch_page(RECURRENT["why_attention"]).run()
    assert not any("median time" in x for x in titles(at).split("<br>"))
    assert at.info  # "nothing measured yet"
    at.button(key="_b.measure").click().run()
    assert_clean(at, "measure")
    timed = [s for s in charts(at) if "median time" in s["layout"]["title"]["text"]]
    assert len(timed) == 2
    assert {tr["name"] for tr in timed[0]["data"]} == {"RNN", "LSTM", "LSTM + attention", "Transformer"}
    measured, _ = at.session_state["tl_timing"][1]  # batch 1
    assert set(measured) == {"rnn", "lstm", "lstm_attn", "transformer"}
    assert all(len(rows) == 7 and all(r["forward_ms"] > 0 for r in rows) for rows in measured.values())
    at.run()  # a rerun keeps the measurement and does not time again
    assert len([s for s in charts(at) if "median time" in s["layout"]["title"]["text"]]) == 2


def test_why_attention_long_sentence_button():
    at = new_app()
    at.switch_page(RECURRENT["why_attention"]).run()
    at.button(key="_b.long").click().run()
    assert_clean(at, "long")
    assert len(at.session_state["tl_s"]) >= 18


@pytest.mark.parametrize("kind", ["empty", "english", "html", "too long"])
def test_bad_input_on_the_recurrent_pages_keeps_the_last_good_sentence(kind):
    at = new_app()
    at.run()
    set_sentence(at, GOOD)
    set_sentence(at, BAD[kind])
    for file in RECURRENT.values():
        at.switch_page(file).run()
        assert_clean(at, f"{kind} on {file}")
        assert EXPECTED[kind] in " ".join(e.value for e in at.error)
        assert set(GOOD) <= all_labels(at) | set(annotations(at)), file  # still drawn for the good sentence


def test_unknown_characters_reach_the_recurrent_models_as_unk():
    at = new_app(s="我有一只🐱")
    at.switch_page(RECURRENT["rnn"]).run()
    assert_clean(at, "unk rnn")
    assert "&lt;unk&gt;" in all_labels(at)
    at.switch_page(RECURRENT["why_attention"]).run()
    assert_clean(at, "unk why")


def test_missing_recurrent_checkpoints_name_their_build_command(tmp_path, monkeypatch, checkpoint_dir):
    import shutil

    for path in paths("transformer", Path(checkpoint_dir)):
        shutil.copy(path, tmp_path / path.name)  # the Transformer only
    monkeypatch.setenv(ENV_CHECKPOINT, str(tmp_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = new_app()
    for file in RECURRENT.values():
        at.switch_page(file).run()
        assert_clean(at, f"missing on {file}")
        assert at.error
        assert "python -m tutorial_model.train --model" in " ".join(c.value for c in at.code)
        assert at.get("page_link"), "the ◀ ▶ links stay"
