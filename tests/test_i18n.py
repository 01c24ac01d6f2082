"""Interface catalogues and lesson files: every key the code asks for exists, every language has the same
keys and {fields}, lesson sections exist, and no prose hides in Python strings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exercises import mastery
from tutorial_model.corpus import everyday
from tutorial_model.registry import FAMILIES
from tutorial_model.tokenizer import InputError
from ui import experiments, figures, i18n, progress, state
from ui.toc import LESSONS, PARTS

ROOT = Path(__file__).resolve().parent.parent
CODE = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "lesson_pages").glob("*.py"))]
KEY_CALL = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")


def used_keys() -> set[str]:
    keys = set()
    for path in CODE:
        keys |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    # keys built with f-strings, from their finite sets of values
    keys |= {f"page.{lesson.slug}.title" for lesson in LESSONS}
    keys |= {f"method.{m}" for m in state.METHODS}
    keys |= {f"attn.{a}" for a in state.ATTENTIONS}
    keys |= {f"error.{code}" for code in InputError.CODES}
    keys |= {f"diagram.{k}" for k in figures.ARCHITECTURE_LABELS}
    keys |= {f"nav.part_{part}" for part in PARTS}
    keys |= {f"progress.level.{level}" for level in mastery.LEVELS} | set(progress.NOTICES)  # ui/progress.py
    keys |= {f"topic.{topic}" for topic in ("lessons", *everyday.EXAMPLES)}  # the sidebar's example topics
    keys |= {f"model.{name}" for name in FAMILIES}  # the families page names its three models
    # the experiments page (lesson_pages/experiments.py)
    keys |= {f"exp.{group}.{k}" for group, values in (
        ("name", state.EXPERIMENTS), ("claim", state.EXPERIMENTS), ("abl", state.ABLATIONS),
        ("edit", state.SOURCE_EDITS), ("var", state.VARIANT_NAMES), ("var_claim", state.VARIANT_NAMES),
        ("var_lesson", state.VARIANT_NAMES), ("res", experiments.RESULTS)) for k in values}
    return keys


def test_every_key_the_code_uses_is_in_the_english_catalogue():
    missing = sorted(used_keys() - set(i18n.catalogue("en")))
    assert not missing, f"keys missing from assets/i18n/en.json: {missing}"


def test_english_catalogue_has_no_unused_keys():
    unused = sorted(set(i18n.interface_catalogue("en")) - used_keys())
    assert not unused, f"keys in en.json that no code uses: {unused}"


def test_area_catalogues_are_separate_and_prefixed():
    """An area's strings (assets/i18n/<area>/<lang>.json) start with "<area>." and never shadow the interface's."""
    for area in i18n.areas():
        keys = set(i18n.area_catalogue(area, "en"))
        assert keys, f"area {area} has no English catalogue"
        assert all(k.startswith(f"{area}.") for k in keys), area
        assert not keys & set(i18n.interface_catalogue("en")), area


def test_every_catalogue_string_formats_with_its_own_fields():
    for lang in i18n.available_languages():
        for text in i18n.catalogue(lang).values():
            fields = {f: 1 for f in i18n.placeholders(text)}
            text.format(**fields)  # raises on a malformed field


@pytest.mark.parametrize("lang", [lang for lang in i18n.available_languages() if lang != "en"])
def test_other_languages_have_the_same_keys_and_fields(lang):
    en, other = i18n.catalogue("en"), i18n.catalogue(lang)
    assert set(other) == set(en), f"{lang}: missing {set(en) - set(other)}, extra {set(other) - set(en)}"
    for key in en:
        assert i18n.placeholders(other[key]) == i18n.placeholders(en[key]), key


def test_every_lesson_has_its_english_file_and_the_sections_its_page_shows():
    section_call = re.compile(r"""page\.text\(SLUG,\s*"([a-z0-9_]+)"\)""")
    for lesson in LESSONS:
        sections = i18n.lesson_sections("en", lesson.slug)
        assert sections.get("intro"), f"assets/lessons/en/{lesson.slug}.md is missing or has no intro"
        source = (ROOT / lesson.file).read_text(encoding="utf-8")
        assert f'SLUG = "{lesson.slug}"' in source
        wanted = set(section_call.findall(source))
        assert wanted <= set(sections), f"{lesson.slug}: sections {wanted - set(sections)} missing"
        unused = set(sections) - wanted - {"intro"}
        assert not unused, f"{lesson.slug}: sections {unused} are never shown"


def test_code_scan_sees_every_lesson_page():
    from ui.toc import LESSONS

    scanned = {str(p.relative_to(ROOT)) for p in CODE}
    assert {lesson.file for lesson in LESSONS} <= scanned  # else the two scans below would pass vacuously


def test_pages_hold_no_prose_in_python_strings():
    prose = re.compile(r"""st\.(markdown|write|caption|info|warning|error|success|header|subheader|title|text)"""
                       r"""\(\s*r?f?["'][A-Za-z]""")
    for path in CODE:
        hits = prose.findall(path.read_text(encoding="utf-8"))
        assert not hits, f"{path.name} writes literal text with st.{hits[0]}; put it in a catalogue or lesson file"


def test_a_second_language_is_loaded_with_english_fallback(tmp_path, monkeypatch):
    i18n_dir, lesson_dir = tmp_path / "i18n", tmp_path / "lessons"
    i18n_dir.mkdir()
    (lesson_dir / "en").mkdir(parents=True)
    (lesson_dir / "zh").mkdir(parents=True)
    (i18n_dir / "en.json").write_text(json.dumps({"a": "Layer {n}", "b": "only English"}), encoding="utf-8")
    (i18n_dir / "zh.json").write_text(json.dumps({"a": "第 {n} 层"}, ensure_ascii=False), encoding="utf-8")
    (i18n_dir / "ex").mkdir()
    (i18n_dir / "ex" / "en.json").write_text(json.dumps({"ex.q": "Q {n}", "ex.r": "R"}), encoding="utf-8")
    (i18n_dir / "ex" / "zh.json").write_text(json.dumps({"ex.q": "问 {n}"}, ensure_ascii=False), encoding="utf-8")
    (lesson_dir / "en" / "p.md").write_text("Intro\n<!-- section: more -->\nMore", encoding="utf-8")
    (lesson_dir / "en" / "q.md").write_text("English only", encoding="utf-8")
    (lesson_dir / "zh" / "p.md").write_text("引言\n<!-- section: more -->\n更多", encoding="utf-8")
    monkeypatch.setattr(i18n, "I18N_DIR", i18n_dir)
    monkeypatch.setattr(i18n, "LESSON_DIR", lesson_dir)
    i18n.clear_caches()
    try:
        assert i18n.available_languages() == ["en", "zh"]
        assert i18n.translate("zh", "a", n=2) == "第 2 层"
        assert i18n.translate("zh", "b") == "only English"
        assert i18n.translate("fr", "a", n=3) == "Layer 3"
        assert i18n.translate("en", "nope") == "nope"
        assert i18n.translate("zh", "ex.q", n=1) == "问 1" and i18n.translate("zh", "ex.r") == "R"  # an area
        assert i18n.areas() == ["ex"] and "ex.q" not in i18n.interface_catalogue("en")
        assert i18n.lesson_sections("zh", "p") == {"intro": "引言", "more": "更多"}
        assert i18n.lesson_sections("zh", "q") == {"intro": "English only"}
    finally:
        i18n.clear_caches()


def test_state_and_url_carry_the_language():
    assert state.KEYS["lang"].default == "en"
    assert state.KEYS["lang"].parse("zh") == "zh"
    with pytest.raises(ValueError):
        state.KEYS["lang"].parse("<script>")


@pytest.mark.parametrize("locale, lang", [("zh-CN", "zh"), ("zh-TW", "zh"), ("ZH", "zh"), ("en-US", "en"),
                                          ("fr-FR", "en"), (None, "en")])
def test_browser_locale_picks_the_default_language(monkeypatch, locale, lang):
    from types import SimpleNamespace

    from ui import state

    monkeypatch.setattr(state.st, "context", SimpleNamespace(locale=locale))
    assert state.browser_language() == lang
