"""Teacher's mode through AppTest: presentation one section at a time, the class link's hidden controls,
and the link builder. Expected sections come from the lesson files themselves (ui.i18n), not from counts
typed here."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, GOOD, assert_clean, charts, checkpoint_dir  # noqa: F401 - fixture

from ui import i18n, present, state, toc, views
from ui.present import FIGURE_MAX_HEIGHT, FIGURE_SCALE

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("app_env")]
PAGE = toc.page_file("self_attention")
SECTIONS = list(i18n.lesson_sections("en", "self_attention"))  # intro, qkv, scores, z, scaling: in page order


def app_on(page: str = PAGE, **query: str) -> AppTest:
    """The app on ``page`` with the teacher panel open (its content runs only while open)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.session_state[present.PANEL] = True
    at.switch_page(page).run()
    assert_clean(at, f"{page} {query}")
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.main.markdown)


def titles(at: AppTest) -> str:
    return " ".join(spec["layout"]["title"]["text"] for spec in charts(at))


def heading(section: str) -> str:
    """The first line of a section of the English lesson (its ### heading, or the intro's first words)."""
    return i18n.lesson_text("en", "self_attention", section).splitlines()[0][:40]


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


# ---- the URL values -----------------------------------------------------------------------------------

def test_hide_list_is_canonical_and_rejects_unknown_controls():
    parse = state.KEYS["hide"].parse
    assert parse("method,sentence,method") == "sentence,method"  # HIDEABLE's order, no repeats
    assert parse("") == ""
    for bad in ("banana", "sentence,banana", "Sentence", "<b>"):
        with pytest.raises(ValueError):
            parse(bad)
    for bad in ("2", "-1", "yes"):
        with pytest.raises(ValueError):
            state.KEYS["present"].parse(bad)


def test_mangled_teacher_values_are_ignored():
    at = app_on(present="7", sec="-1", hide="banana,<script>")
    assert at.session_state["tl_present"] == 0 and at.session_state["tl_sec"] == 0
    assert at.session_state["tl_hide"] == ""
    assert "hide" not in at.query_params and "present" not in at.query_params
    assert at.sidebar.text_input, "nothing is hidden by a mangled link"
    assert heading("scores") in markdown(at)  # the whole lesson, not one section


# ---- presentation: one section at a time ---------------------------------------------------------------

def part_buttons(at: AppTest) -> list:
    """The bar's list of parts (under "Part k of n"), in order."""
    return sorted((b for b in at.button if b.key and b.key.startswith("_b.present.part.")),
                  key=lambda b: int(b.key.rsplit(".", 1)[1]))


def part_of(at: AppTest) -> tuple[int, int]:
    """(k, n): the part on screen (the one the list does not offer) and how many the list holds."""
    parts = part_buttons(at)
    [k] = [i for i, b in enumerate(parts) if b.disabled]
    return k + 1, len(parts)


def test_the_list_of_parts_names_each_part_and_opens_the_one_clicked():
    at = app_on(present="1")
    labels = [b.label for b in part_buttons(at)]
    assert labels[0].endswith("Key points")
    for name in SECTIONS[1:]:  # each section's first part is titled with its heading (Markdown taken out)
        first = re.sub(r"[*_`#>$]", "", i18n.lesson_text("en", "self_attention", name).splitlines()[0]).strip()
        assert any(label.endswith(" · " + first) for label in labels), (name, first, labels)
    assert [label.split(" · ")[0] for label in labels] == [str(i + 1) for i in range(len(labels))]
    figure_part = app_on(present="1", sec="qkv2")  # a part of a figure alone: listed by the figure's name
    k, _ = part_of(figure_part)
    name = re.sub(r"<[^>]*>", "", charts(figure_part)[0]["layout"]["title"]["text"].split("<br>")[0]).split(" · ")[0]
    assert labels[k - 1] == f"{k} · {name}" and name, (labels[k - 1], name)
    target = len(labels) - 2
    part_buttons(at)[target].click().run()
    assert at.session_state["tl_sec"] == target and part_of(at) == (target + 1, len(labels))
    assert_clean(at, "a part from the list")


@pytest.mark.parametrize("name", SECTIONS)
def test_presentation_shows_one_part_of_one_section(name):
    """A section's name opens its first part: its heading, nothing of another section."""
    at = app_on(present="1", sec=name)
    text = markdown(at)
    for other in SECTIONS:
        assert (heading(other) in text) == (other == name), (name, other)
    k, n = part_of(at)
    assert 1 < k <= n and n > len(SECTIONS)  # the key points come first; sections are cut into parts
    assert not charts(at)  # the first part of a section is its text: the figures follow, a part each


def test_a_section_is_cut_into_parts_that_each_hold_one_figure_group():
    at = app_on(present="1", sec="qkv2")  # the part after the qkv text: the layer's input
    assert [spec["layout"]["title"]["text"] for spec in charts(at)]
    assert "hook_in" in titles(at) and "hook_scores" not in titles(at)
    assert heading("qkv") not in markdown(at)
    first = app_on(present="1")
    assert "Key points" in markdown(first) and not charts(first)  # part 1: the lesson's key points


def test_the_intros_selectors_stay_on_screen_in_later_sections():
    at = app_on(present="1", sec="scores2", head="1")  # the scores figures (the part after the text)
    keys = {w.key for w in at.get("segmented_control")} | {w.key for w in at.selectbox}
    assert {"_w.layer", "_w.head", "_w.tok"} <= keys  # set up in the intro, used by every section
    assert heading("intro") not in markdown(at)
    at.get("segmented_control")[[w.key for w in at.get("segmented_control")].index("_w.head")].set_value(3).run()
    assert at.session_state["tl_head"] == 3 and at.session_state["tl_sec"] == "scores2"
    assert "head 3" in titles(at)


def test_normal_view_shows_every_section_and_no_section_bar():
    at = app_on()
    text = markdown(at)
    assert all(heading(name) in text for name in SECTIONS)
    assert not [b for b in at.button if b.key and b.key.startswith("_b.present")]


def test_a_presented_lesson_shows_the_folded_toy_in_place():
    """Read on a laptop, the scaling toy is a box made only when opened (tests/test_code_box.py); projected, its
    section's figure part draws both plots, with no box for the teacher to open in front of the class."""
    at = app_on(present="1", sec="scaling2")  # the part after the section's text
    toys = (i18n.t("self_attention.toy_var"), i18n.t("self_attention.toy_softmax"))
    assert sorted(titles(at).replace("<br>", " ").count(name) for name in toys) == [1, 1]
    assert not [e for e in at.expander if e.label == i18n.t("self_attention.toy_open")]


def test_next_and_back_move_one_section_and_go_into_the_url():
    at = app_on(present="1")
    at.button(key="_b.present.next.top").click().run()
    assert at.session_state["tl_sec"] == 1 and param(at, "sec") == "1"
    assert heading("intro") in markdown(at) and part_of(at)[0] == 2  # after the key points: the intro
    at.button(key="_b.present.next.top").click().run()
    assert at.session_state["tl_sec"] == 2
    at.button(key="_b.present.prev.top").click().run()
    assert at.session_state["tl_sec"] == 1
    assert_clean(at, "stepping")


def test_a_section_past_the_end_shows_the_last_one():
    at = app_on(present="1", sec="60")
    k, n = part_of(at)
    assert at.session_state["tl_sec"] == n - 1 and k == n
    assert at.button(key="_b.present.next.top").label == i18n.translate("en", "present.next_lesson")


def test_next_at_the_last_section_opens_the_next_lesson_at_its_start():
    at = app_on(present="1", sec="63")
    last = part_of(at)[1] - 1
    at.button(key="_b.present.next.top").click().run()
    assert_clean(at, "next lesson")
    assert at.title[0].value.startswith("5.")
    assert at.session_state["tl_sec"] == 0
    at.button(key="_b.present.prev.top").click().run()  # back from section 0: the previous lesson's last part
    assert at.title[0].value.startswith("4.")
    assert at.session_state["tl_sec"] == last


def test_figures_are_sized_for_a_projector():
    def by_title(at: AppTest) -> dict[str, dict]:  # the title without its second line's font size
        return {re.sub(r"font-size:\d+px", "", spec["layout"]["title"]["text"]): spec["layout"] for spec in charts(at)}

    normal, big = by_title(app_on(sec="1")), by_title(app_on(present="1", sec="qkv3"))
    assert big and set(big) <= set(normal)
    for title, layout in big.items():
        h = normal[title]["height"]
        # Q, K and V fill a part of their own (widgets.figures_fill(views.PART_HEIGHT)): built up to that height
        assert layout["height"] == int(min(max(FIGURE_MAX_HEIGHT, views.PART_HEIGHT), max(h, h * FIGURE_SCALE)))
        assert layout["font"]["size"] == pytest.approx(normal[title]["font"]["size"] * FIGURE_SCALE, abs=0.1)
        assert layout["title"]["font"]["size"] == pytest.approx(normal[title]["title"]["font"]["size"] * FIGURE_SCALE,
                                                                abs=0.1)


def test_live_training_is_presented_one_section_at_a_time():
    page = toc.page_file("live_training")
    sections = list(i18n.lesson_sections("en", "live_training"))
    at = app_on(page, present="1")
    assert part_of(at)[0] == 1 and part_of(at)[1] >= len(sections)
    assert not charts(at)  # the key points; the live view belongs to a later section
    at = app_on(page, present="1", sec="tasks")
    assert not charts(at)  # the section's text; its controls and the live view are its next part (one screen)
    at = app_on(page, present="1", sec=str(part_of(at)[0]))  # "Part k of n" is 1-based: sec=k is the next part
    assert len(charts(at)) == 2  # loss curve and cross-attention, drawn by the live fragment
    assert [b for b in at.button if b.key == "_b.live_play"]


# ---- the class link: hidden controls --------------------------------------------------------------------

def test_class_link_hides_the_chosen_controls_and_keeps_their_values():
    at = app_on(s=GOOD, head="2", hide="sentence,head,lang")
    assert not at.sidebar.text_input and not at.sidebar.selectbox  # no sentence box, no examples
    assert not at.sidebar.get("segmented_control")  # no language switch
    assert at.session_state["tl_s"] == GOOD
    assert not [w for w in at.get("segmented_control") if w.key == "_w.head"]
    assert [w for w in at.get("segmented_control") if w.key == "_w.layer"]  # not hidden
    assert "head 2" in titles(at)
    assert not [e for e in at.sidebar.expander if e.label == i18n.translate("en", "teacher.title")]
    at.switch_page(toc.page_file("multi_head")).run()  # the hidden set follows the class across pages
    assert_clean(at, "multi_head")
    assert param(at, "hide") == "sentence,lang,head"
    assert not at.sidebar.text_input


def test_a_fixed_sentence_has_no_button_that_changes_it():
    page = toc.page_file("why_attention")
    assert [b for b in app_on(page, s=GOOD).button if b.key == "_b.long"]  # the control: offered normally
    at = app_on(page, s=GOOD, hide="sentence")
    assert not [b for b in at.button if b.key == "_b.long"]
    assert at.session_state["tl_s"] == GOOD


def test_hidden_decoding_method_uses_the_links_method():
    at = app_on(toc.page_file("generation"), method="beam", hide="method")
    assert not [w for w in at.get("segmented_control") if w.key == "_w.method"]
    assert at.session_state["tl_method"] == "beam"
    assert_clean(at, "generation")


def test_link_builder_carries_this_view_and_the_ticked_controls():
    at = app_on(s=GOOD, layer="1", head="3")
    links = [c.value for c in at.sidebar.code]
    assert len(links) == 1  # the short form /c?k=CODE first (tests/test_classroom.py resolves it), the full link folded
    assert re.fullmatch(r".*/c\?k=[A-Z0-9]{6}", links[0]), links[0]
    at.toggle(key="_w.class_full_link").set_value(True).run()
    links = [c.value for c in at.sidebar.code]
    assert len(links) == 2 and "/c?k=" in links[0] and "/c?k=" not in links[1]
    query = parse_qs(urlsplit(links[1]).query)
    assert query["s"] == [GOOD] and query["layer"] == ["1"] and query["head"] == ["3"]
    assert query["hide"] == ["sentence,method"]  # the builder's starting choice
    assert "present" not in query
    at.sidebar.checkbox[0].check().run()
    query = parse_qs(urlsplit(at.sidebar.code[1].value).query)
    assert query["present"] == ["1"]
    assert state.KEYS["hide"].parse(query["hide"][0]) == query["hide"][0]  # a value the app accepts


def test_presentation_toggle_in_the_sidebar():
    at = app_on()
    at.sidebar.toggle[0].set_value(True).run()
    assert at.session_state["tl_present"] == 1 and param(at, "present") == "1"
    assert heading("qkv") not in markdown(at)
    at.sidebar.toggle[0].set_value(False).run()
    assert heading("qkv") in markdown(at)



def test_every_lesson_presents_its_first_and_last_section():
    from ui.toc import LESSONS

    root = Path(APP).parent
    for lesson in LESSONS:
        if "page.begin(" not in (root / lesson.file).read_text(encoding="utf-8"):
            continue  # a page without the shared frame (page.begin/end) is shown whole
        first = app_on(lesson.file, present="1")
        assert first.button(key="_b.present.next.top"), lesson.slug
        last = app_on(lesson.file, present="1", sec="63")  # past the end: the last section
        n = last.session_state["tl_sec"] + 1
        assert len(i18n.lesson_sections("en", lesson.slug)) <= n, lesson.slug  # every section, cut into parts
        if n > 1:
            assert markdown(first) != markdown(last), lesson.slug


def test_a_squashed_heatmap_on_the_projector_keeps_its_row_labels_apart():
    """The replay at step 0 (31 decoder rows of gibberish) in a 340-px presentation frame: the row labels shown
    are at least a line of type apart in the plot the figure is left with, numbers stay only in cells that hold
    them, and the title's lines, drawn larger, fit above the plot."""
    import numpy as np

    from ui import figures, present

    rows = ["<bos>", "here", "asks", *["here"] * 20, "asks", *["should"] * 7]
    cols = list("我有一只猫")
    title = ("Attention weights · cross-attention\nlayer 0 · head 0, step 0\n"
             "decoder.layers.0.cross_attn.hook_pattern · (4, 31, 5)")
    fig = figures.heatmap(np.full((31, 5), 0.2), rows, cols, title=title, zmin=0.0, zmax=1.0, width=420)
    for cap in (340, 400, 900):
        lay = present.projector_figure(fig, cap).to_plotly_json()["layout"]
        data = present.projector_figure(fig, cap).to_plotly_json()["data"]
        plot_h = lay["height"] - lay["margin"]["t"] - lay["margin"]["b"]
        per_row = plot_h / len(rows)
        y = lay["yaxis"]
        labels = figures.axis_labels(rows)
        shown = [labels.index(v) for v in y["tickvals"]]
        gaps = {b - a for a, b in zip(shown, shown[1:])} or {len(rows)}
        assert min(gaps) * per_row >= y["tickfont"]["size"] * 1.2, (cap, gaps, per_row)
        if data[0].get("texttemplate"):
            assert per_row >= data[0]["textfont"]["size"] + 4
        title_lines = lay["title"]["text"].count("<br>") + 1
        assert lay["margin"]["t"] >= title_lines * lay["title"]["font"]["size"] * 1.1, cap


@pytest.mark.parametrize("kind", state.EXPERIMENTS)
def test_every_experiment_presents_with_the_exercise_box_hidden(kind):
    # the exercise box is a fragment with a form: drawn into a hidden part, its hint button once landed inside
    # the form (the hidden part's container carried the form) and the whole view raised
    for sec in ("0", "1"):
        at = app_on(toc.page_file("experiments"), present="1", exp=kind, sec=sec)
        assert at.button(key="_b.present.next.top"), (kind, sec)
