"""Seed spread (tutorial_model/seeds.py, issue 19): names parse, the summary recomputes with NumPy, the
"within the spread" rule, and one shortened run end to end (seed 0 read from the shipped metadata, never
retrained; a shortened file says so)."""

import json
import shutil

import numpy as np
import pytest

from tutorial_model import seeds
from tutorial_model.checkpoint import CHECKPOINT_DIR, paths


def test_parse():
    assert seeds.parse("transformer") == ("transformer", None)
    assert seeds.parse("variant:no_pe") == ("transformer", "no_pe")
    with pytest.raises(ValueError, match="unknown variant"):
        seeds.parse("variant:no_such_part")


def test_summary_recomputes():
    by_seed = {0: 0.912, 1: 0.874, 2: 0.903}
    s = seeds.summarise(by_seed)
    values = np.array(list(by_seed.values()))
    assert s["n"] == 3 and s["by_seed"] == {"0": 0.912, "1": 0.874, "2": 0.903}
    assert s["range"] == pytest.approx(np.ptp(values)) and s["sd"] == pytest.approx(values.std(ddof=1))
    assert seeds.summarise({0: 0.5})["sd"] == 0.0


@pytest.mark.parametrize("a,b,ra,rb,inside", [
    (0.90, 0.89, 0.02, 0.005, True),  # the larger of the two spreads decides
    (0.90, 0.85, 0.02, 0.03, False),
    (0.85, 0.90, 0.05, 0.0, True),  # symmetric
    (0.90, 0.90, 0.0, 0.0, True),
])
def test_within_spread(a, b, ra, rb, inside):
    assert seeds.within_spread(a, b, ra, rb) is inside
    assert seeds.within_spread(b, a, rb, ra) is inside


@pytest.mark.skipif(not paths("transformer", CHECKPOINT_DIR)[1].exists(), reason="no shipped checkpoint")
def test_shortened_run_end_to_end(tmp_path):
    shutil.copy(paths("transformer", CHECKPOINT_DIR)[1], tmp_path)
    shipped = json.loads(paths("transformer", CHECKPOINT_DIR)[1].read_text(encoding="utf-8"))
    data = seeds.update(["transformer"], [0, 1], tmp_path, steps=2, limit=4)
    assert json.loads((tmp_path / seeds.FILE).read_text(encoding="utf-8")) == data
    exact = data["models"]["transformer"]["test_exact_match"]
    assert exact["n"] == 2 and exact["by_seed"]["0"] == shipped["test_metrics"]["exact_match"]
    assert 0.0 <= exact["by_seed"]["1"] <= 1.0 and data["shortened"] == {"steps": 2, "limit": 4}
    assert seeds.spread_of("transformer", "test_exact_match", tmp_path) == exact
    assert seeds.spread_of("transformer", "everyday_chrf", tmp_path) is None  # seed 0 only: no spread yet
