"""Every interface string through ``t(key, **fmt)``; every lesson text from a Markdown file per language.

Catalogues are flat JSON objects in ``assets/i18n/<lang>.json``, plus one per area of content that is data
rather than interface (``assets/i18n/<area>/<lang>.json``: the exercises' prompts and misconceptions, the
interview cards), merged into one catalogue per language; each area's own tests check its keys. A key missing
from the learner's language falls back to English; a key missing from English is a bug (tests/test_i18n.py checks every
key the code uses), shown as the key itself so the page still renders.

Lesson files ``assets/lessons/<lang>/<page>.md`` are split into named sections by lines of the form
``<!-- section: name -->``; the text before the first marker is the section ``intro``. Pages place
each section next to the figure it explains. Numbers measured on a model are never typed into a lesson:
it writes ``{exact_rnn}``, ``{src_vocab}`` … and ``lesson_text`` fills them in (ui/lesson_numbers.py).
"""

from __future__ import annotations

import json
import re
import string
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "assets" / "i18n"
LESSON_DIR = ROOT / "assets" / "lessons"
FALLBACK = "en"
_SECTION = re.compile(r"^<!--\s*section:\s*([a-z0-9_]+)\s*-->\s*$", re.MULTILINE)


def _read(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}  # "_comment" keys are notes


@lru_cache(maxsize=8)
def interface_catalogue(lang: str) -> dict[str, str]:
    """``assets/i18n/<lang>.json`` alone: the strings the code names with ``t("…")``."""
    return _read(I18N_DIR / f"{lang}.json")


@lru_cache(maxsize=32)
def area_catalogue(area: str, lang: str) -> dict[str, str]:
    """``assets/i18n/<area>/<lang>.json`` and ``<lang>.<part>.json``: one area's data strings (keys start with
    ``<area>.``); an area may keep a file per part so that separate work never edits one file."""
    merged: dict[str, str] = {}
    for path in [I18N_DIR / area / f"{lang}.json", *sorted((I18N_DIR / area).glob(f"{lang}.*.json"))]:
        merged.update(_read(path))
    return merged


def areas() -> list[str]:
    return sorted(p.name for p in I18N_DIR.iterdir() if p.is_dir())


def clear_caches() -> None:
    for cached in (interface_catalogue, area_catalogue, catalogue, available_languages, lesson_sections):
        cached.cache_clear()


@lru_cache(maxsize=8)
def catalogue(lang: str) -> dict[str, str]:
    merged = dict(interface_catalogue(lang))
    for area in areas():
        merged.update(area_catalogue(area, lang))
    return merged


@lru_cache(maxsize=1)
def available_languages() -> list[str]:
    """Language codes with a catalogue, English first."""
    codes = sorted(p.stem for p in I18N_DIR.glob("*.json"))
    return sorted(codes, key=lambda c: c != FALLBACK)


def translate(lang: str, key: str, **fmt: object) -> str:
    """The pure form of t(): no Streamlit needed."""
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(FALLBACK).get(key, key)
    if fmt:
        try:
            return text.format(**fmt)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def placeholders(text: str) -> set[str]:
    """Names of the ``{fields}`` in a catalogue string (for the catalogue tests)."""
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


# The learner's language, read once per script run: t() asks for it ~150 times a view (a session-state lookup
# each). A script thread runs one session; ui/state.py forgets it when a run starts and when the language is set.
_RUN_LANGUAGE: ContextVar[str | None] = ContextVar("tl_run_language", default=None)


def current_language() -> str:
    lang = _RUN_LANGUAGE.get()
    if lang is None:
        from . import state  # late import: translate() and the lesson loaders stay usable without Streamlit

        lang = state.get("lang")
        lang = lang if lang in available_languages() else FALLBACK
        _RUN_LANGUAGE.set(lang)
    return lang


def forget_language() -> None:
    """The session's language may have changed: read it again."""
    _RUN_LANGUAGE.set(None)


def t(key: str, **fmt: object) -> str:
    """The interface string ``key`` in the learner's language, with ``{fields}`` filled from ``fmt``."""
    return translate(current_language(), key, **fmt)


@lru_cache(maxsize=64)
def lesson_sections(lang: str, page: str) -> dict[str, str]:
    """Sections of ``assets/lessons/<lang>/<page>.md`` (English when the language lacks the file)."""
    path = LESSON_DIR / lang / f"{page}.md"
    if not path.exists():
        path = LESSON_DIR / FALLBACK / f"{page}.md"
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    parts = _SECTION.split(text)  # [intro, name1, body1, name2, body2, ...]
    sections = {"intro": parts[0].strip()}
    for name, body in zip(parts[1::2], parts[2::2]):
        sections[name] = body.strip()
    return sections


def lesson_text(lang: str, page: str, section: str = "intro", extra: dict[str, str] | None = None) -> str:
    """A lesson section with its ``{placeholders}`` filled from the checkpoints' metadata (ui.lesson_numbers)
    and ``extra``: the pure form of lesson(), no Streamlit needed."""
    from . import lesson_numbers  # late import: the catalogue functions stay free of torch

    body = lesson_sections(lang, page).get(section, "")
    return lesson_numbers.fill(body, {**lesson_numbers.shipped_values(), **(extra or {})}) if body else ""


def lesson(page: str, section: str = "intro") -> str:
    return lesson_text(current_language(), page, section)
