"""The experiments page's "What it shows" sentence for each trained variant (assets/i18n, exp.var_lesson.*),
checked against the shipped variant checkpoints by recomputation or by their measured metadata.

Each test names the claim it backs. When a retrained variant makes one fail, the lesson sentence is what must
change, not the test.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tutorial_model import seeds
from tutorial_model.checkpoint import CHECKPOINT_DIR, read_meta, variant_dir
from tutorial_model.config import VARIANTS
from tutorial_model.evaluate import order_decides
from tutorial_model.train import splits_for
from tutorial_model.translator import Translator

SAME = 0.01  # "does as well as", "about as well as": within one point of exact match


def meta(name: str) -> dict:
    return read_meta("transformer", variant_dir(name) if name != "main" else CHECKPOINT_DIR)


def exact(name: str, subset: str | None = None) -> float:
    m = meta(name)["test_metrics"]
    return m["exact_match"] if subset is None else m["by_order"][subset]["exact_match"]


def seed_range(name: str) -> float:
    """How far reseeding moved this model's exact match (tutorial_model/seeds.py); 0 where not measured."""
    s = seeds.spread_of("transformer" if name == "main" else f"variant:{name}", "test_exact_match")
    return s["range"] if s else 0.0


@pytest.fixture(scope="module")
def translators():
    torch.set_num_threads(1)
    return {"main": Translator.load(), **{v: Translator.load(variant_dir(v)) for v in ("no_pe", "no_residual")}}


def test_every_variant_is_shipped_with_its_figures_on_both_test_sets():
    for name, overrides in VARIANTS.items():
        m = meta(name)
        assert m["variant"] == {"name": name, "overrides": overrides}
        assert {"moved", "same", "anagram"} <= m["test_metrics"]["by_order"].keys()
        assert m["everyday_metrics"]["n"] == meta("main")["everyday_metrics"]["n"]
        assert m["train_config"] == meta("main")["train_config"]  # same steps, schedule, seed and threads


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_each_shipped_variant_loads_and_traces_with_the_shipped_models_hook_names(name, translators):
    variant = Translator.load(variant_dir(name))
    for key, value in VARIANTS[name].items():
        assert getattr(variant.model.cfg, key) == value
    trace = variant.run_with_trace("我有一只猫")
    assert set(trace.arrays) == set(translators["main"].run_with_trace("我有一只猫").arrays)
    assert np.isfinite(trace["generator.hook_logits"]).all()


# ---- no_pe: "most sentences survive, and those where a phrase moves do best of all … it fails on the sentences
# whose order decides the meaning … 我爱他 and 他爱我 … get the same translation: at most one can be right"

def test_no_pe_keeps_most_sentences_and_moved_phrases_best():
    assert exact("no_pe") > 0.5
    assert exact("no_pe", "moved") > exact("no_pe", "same") > exact("no_pe", "anagram")
    assert exact("no_pe", "anagram") < exact("main", "anagram") - 0.3


def test_no_pe_gives_every_reordering_of_a_sentence_the_same_translation(translators):
    splits = splits_for(0)
    corpus = [p for split in splits.values() for p in split]
    anagrams = order_decides(splits["test"], corpus)
    by_letters = {}
    for p in corpus:
        by_letters.setdefault("".join(sorted(p.zh)), set()).add(p.zh)
    no_pe, main = translators["no_pe"], translators["main"]
    pairs = [(zh, other) for zh in sorted(anagrams) for other in sorted(by_letters["".join(sorted(zh))]) if other != zh]
    assert pairs
    assert all(no_pe.translate(a) == no_pe.translate(b) for a, b in pairs)
    assert no_pe.translate("我爱他") == no_pe.translate("他爱我")
    assert main.translate("我爱他") != main.translate("他爱我")  # the shipped model tells them apart


# ---- learned_pe: "does as well as the sinusoids. No test sentence is longer than the training sentences"

def test_learned_positions_do_as_well_and_no_test_sentence_is_longer_than_training():
    assert abs(exact("learned_pe") - exact("main")) <= SAME
    splits = splits_for(0)
    assert max(len(p.zh) for p in splits["test"]) <= max(len(p.zh) for p in splits["train"])


# ---- no_scale: "learns more slowly … early in training … within the same steps it ends below the shipped model"

def test_without_scaling_it_learns_more_slowly_and_ends_below():
    first = {name: next(c["valid_exact_match"] for c in meta(name)["curve"] if "valid_exact_match" in c)
             for name in ("main", "no_scale")}
    assert first["no_scale"] < first["main"] - 0.1
    assert exact("no_scale") < exact("main")
    assert not seeds.within_spread(exact("no_scale"), exact("main"), seed_range("no_scale"), seed_range("main"))


# ---- one_head: "nearly as well as four narrow heads (a small loss on the test split, larger than the spread of the
# shipped model's seeds) … The parameters are the same"

def test_one_head_does_nearly_as_well_with_the_same_parameters():
    assert exact("main") - SAME <= exact("one_head") < exact("main")
    assert not seeds.within_spread(exact("one_head"), exact("main"), seed_range("one_head"), seed_range("main"))
    assert meta("one_head")["n_params"] == meta("main")["n_params"]


# ---- no_layernorm: "as well as the shipped model on the test split (within the spread of seeds; on the everyday set
# a little lower, on one seed)" (two layers per stack)

def test_without_layernorm_two_layers_do_as_well_on_the_test_split():
    assert seeds.within_spread(exact("no_layernorm"), exact("main"), seed_range("no_layernorm"), seed_range("main"))
    assert meta("no_layernorm")["everyday_metrics"]["chrf"] < meta("main")["everyday_metrics"]["chrf"]
    assert seeds.spread_of("variant:no_layernorm", "test_exact_match") is None  # one seed
    assert meta("no_layernorm")["config"]["n_layers"] == 2


# ---- no_residual: "hardly learns … repeat words … cross-attention is more spread out" (higher entropy per row)

def repeats(text: str) -> bool:
    words = text.lower().split()
    return any(a == b for a, b in zip(words, words[1:]))


def test_without_residuals_it_hardly_learns_repeats_words_and_spreads_its_attention(translators):
    assert exact("no_residual") < 0.5 * exact("main")
    test = splits_for(0)["test"][:100]
    share = {name: np.mean([repeats(translators[name].translate(p.zh)) for p in test])
             for name in ("main", "no_residual")}
    assert share["no_residual"] > 0.5 > share["main"] + 0.4

    def entropy(name: str, text: str) -> float:
        tr = translators[name].run_with_trace(text)
        a = np.concatenate([tr.layer("decoder", layer, "cross_attn.hook_pattern").reshape(-1, len(tr.src_tokens))
                            for layer in range(tr.n_layers)])  # (layers · h · T_out, T_src)
        return float(-(a * np.log(a + 1e-12)).sum(-1).mean())

    for text in ("我有一只猫", "他们有两只黑色的狗", "我昨天在公园看了一本书"):
        assert entropy("no_residual", text) > 1.3 * entropy("main", text)


# ---- pre_norm: "trains as well as the paper's post-norm here"

def test_pre_norm_trains_as_well_as_post_norm():
    assert exact("pre_norm") >= exact("main") - SAME
    assert meta("pre_norm")["config"]["norm_first"] is True and meta("main")["config"].get("norm_first") is not True
