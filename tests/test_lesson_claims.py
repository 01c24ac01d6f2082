"""Claims the lessons make, checked against the code and the shipped models by independent recomputation.

Each test names the lesson sentence it backs. When a retrained model makes one of them fail, the lesson
text is what must change (or the claim be dropped), not the test.
"""

from __future__ import annotations

import math
import re
import statistics

import numpy as np
import pytest
import torch

from tutorial_model import compare, decoding, seeds
from tutorial_model.checkpoint import CHECKPOINT_DIR, paths, read_meta
from tutorial_model.layers import sinusoidal_encoding
from tutorial_model.rnn import make_cell
from ui import analysis, i18n, lesson_numbers

HAVE_ALL = all(paths(m, CHECKPOINT_DIR)[1].exists() for m in compare.ALL_MODELS)
needs_models = pytest.mark.skipif(not HAVE_ALL, reason="needs all four shipped checkpoints")


def section(lang: str, page: str, name: str) -> str:
    return i18n.lesson_sections(lang, page)[name]


# ---- positions.md "similarity": the PE dot product depends only on k, is symmetric in k, has ripples ------------

def test_pe_dot_product_depends_only_on_the_offset_and_is_symmetric():
    pe = sinusoidal_encoding(64, 64).double()  # the model's d_model; 64 positions to see both directions
    dots = pe @ pe.T  # dots[p, q] = PE(p)·PE(q)
    for k in range(-20, 21):
        diagonal = torch.diagonal(dots, offset=k)  # every (p, p + k)
        assert torch.allclose(diagonal, diagonal[0].expand_as(diagonal), atol=1e-4), k  # same wherever you start
        assert torch.allclose(torch.diagonal(dots, offset=-k)[0], diagonal[0], atol=1e-4), k  # k and −k agree
    by_k = torch.stack([torch.diagonal(dots, offset=k)[0] for k in range(32)])
    assert by_k.argmax() == 0  # largest at k = 0
    assert (by_k.diff() > 0).any()  # not monotonic: the ripples the lesson warns about
    text = section("en", "positions", "similarity")
    assert "symmetric" in text and "ripples" in text and "falls off with distance" not in text
    assert "对称" in section("zh", "positions", "similarity")


def test_pe_rows_have_length_sqrt_half_d_model():
    pe = sinusoidal_encoding(32, 64).double()
    assert torch.allclose(pe.norm(dim=1), torch.full((32,), math.sqrt(32.0), dtype=torch.float64))


# ---- rnn.md "toy": the memory grows without limit exactly when |2w| > 1 ------------------------------------------

@pytest.mark.parametrize("w", [-1.0, -0.6, -0.51, -0.49, -0.3, 0.0, 0.3, 0.49, 0.51, 0.6, 1.0, 1.5])
def test_memory_toy_grows_exactly_when_two_w_exceeds_one(w):
    kick = [[1.0, 1.0]] + [[0.0, 0.0]] * 40  # one input, then nothing: only the memory is left
    steps = analysis.memory_toy(kick, w_rec=w)
    first, last = abs(steps[0]["h"][0]), abs(steps[-1]["h"][0])
    assert first == 2.0
    assert np.isclose(last, 2.0 * abs(2 * w) ** 40)  # multiplied by 2w per step, independently recomputed
    assert (last > first) == (abs(2 * w) > 1)
    bounded = analysis.memory_toy([[1.0, 1.0]] * 41, w_rec=w, activation="tanh")
    assert all(abs(s["h"]).max() <= 1.0 for s in bounded)  # tanh caps the values


def test_memory_toy_text_states_the_true_threshold():
    for lang, phrase in (("en", "|w| > 0.5"), ("zh", "|w| > 0.5")):
        assert phrase in section(lang, "rnn", "toy"), lang
    for lang in ("en", "zh"):
        assert "0.5" in i18n.translate(lang, "rnn.toy_note"), lang


# ---- generation.md "methods": beam search sums raw log-probabilities (no length normalisation) ------------------

def test_beam_search_scores_are_plain_sums_without_length_normalisation(tiny):
    src = [5, 6, 7, 8]
    result = decoding.beam_search(tiny, src, beam_size=3, max_len=6)
    final = result.beams[-1]
    best = max(final, key=lambda b: b.logp)
    assert result.ids == list(best.tokens)  # the winner is the highest raw sum, whatever its length
    src_t = torch.tensor([src])
    for beam in final:  # each score is the plain sum of the token log-probabilities, recomputed by one forward
        tgt = torch.tensor([[decoding.BOS_ID, *beam.tokens]])
        with torch.no_grad():
            logp = tiny(src_t, tgt[:, :-1]).log_softmax(-1)[0]
        total = sum(float(logp[i, tok]) for i, tok in enumerate(beam.tokens))
        assert math.isclose(total, beam.logp, abs_tol=1e-4)
    assert "length penalty" in section("en", "generation", "methods")
    assert "长度惩罚" in section("zh", "generation", "methods")


# ---- masked_attention.md "teacher": teacher-forced and step-by-step probabilities agree to rounding -------------

@needs_models
@pytest.mark.parametrize("sentence", ["我有一只猫", "两只狗没有过马路因为太累了"])
def test_teacher_forced_probabilities_agree_with_step_by_step_to_rounding(shipped, sentence):
    trace = shipped.run_with_trace(sentence)
    stepped = shipped.decode(shipped.tokenizer.encode_source(sentence), "greedy")
    forced = trace["generator.hook_probs"]  # (T_tgt, V) from one teacher-forced pass
    steps = np.stack([s.probs for s in stepped.steps])
    assert forced.shape == steps.shape
    assert np.abs(forced - steps).max() < 1e-5  # float rounding, not a different computation
    assert "rounding" in section("en", "masked_attention", "teacher")
    assert "舍入" in section("zh", "masked_attention", "teacher") and "完全相同" not in section(
        "zh", "masked_attention", "teacher")
    assert "rounding" in i18n.translate("en", "masked.check_teacher")
    assert "舍入" in i18n.translate("zh", "masked.check_teacher")


# ---- why_attention.md / rnn.md / lstm.md: accuracy and size claims, from the checkpoints' metadata -------------

@needs_models
def test_accuracy_and_size_claims_hold_for_the_shipped_models():
    meta = {m: read_meta(m) for m in compare.ALL_MODELS}
    exact = {m: meta[m]["test_metrics"]["exact_match"] for m in meta}
    assert exact["rnn"] < exact["lstm"] < exact["lstm_attn"] < exact["transformer"]  # the order the lessons tell
    # ... and each step of that order is larger than what reseeding moved either model (where measured: issue 19)
    spread = {m: (seeds.spread_of(m, "test_exact_match") or {"range": 0.0})["range"] for m in meta}
    for a, b in zip(("rnn", "lstm", "lstm_attn"), ("lstm", "lstm_attn", "transformer")):
        assert not seeds.within_spread(exact[a], exact[b], spread[a], spread[b]), (a, b, spread)
    # "It is also the largest of the four"
    assert meta["transformer"]["n_params"] > max(meta[m]["n_params"] for m in ("rnn", "lstm", "lstm_attn"))
    by = {m: meta[m]["test_metrics"]["by_length"] for m in meta}
    (s_lo, s_hi), (l_lo, l_hi) = compare.LENGTH_BUCKETS[0], compare.LENGTH_BUCKETS[-1]

    def bucket(m, lo, hi):
        return lesson_numbers._bucket_exact(by[m], lo, hi)[0]

    # "the RNN collapses with length"; "the LSTM still loses ground as sentences grow"
    assert bucket("rnn", l_lo, l_hi) < bucket("rnn", s_lo, s_hi) / 2
    lstm_loss = bucket("lstm", s_lo, s_hi) - bucket("lstm", l_lo, l_hi)
    assert lstm_loss > 0
    # "attention recovers most of the accuracy the LSTM loses on long sentences"
    assert bucket("lstm_attn", l_lo, l_hi) - bucket("lstm", l_lo, l_hi) > lstm_loss / 2
    # "the Transformer is right on almost every sentence, at every length"
    assert min(cell["exact_match"] for cell in by["transformer"].values() if cell["n"] >= 5) >= 0.9


@needs_models
def test_all_four_models_were_clipped_to_the_same_norm():
    """why.clip_caption: "All four models … clipped to norm {norm}" (the page passes the RNN's value)."""
    vals = lesson_numbers.shipped_values()
    assert vals["clip_transformer"] == vals["clip_norm"] != lesson_numbers.MISSING
    assert len({read_meta(m)["train_config"]["clip_norm"] for m in compare.MODELS}) == 1


# ---- overview.md "training": why the loss never reaches 0 --------------------------------------------------------

@pytest.mark.parametrize("eps, vocab", [(0.05, 483), (0.1, 37000), (0.1, 10)])
def test_label_smoothing_floor_is_the_lowest_loss_torch_can_give(eps, vocab):
    floor = lesson_numbers.label_smoothing_floor(eps, vocab)
    target = torch.tensor([3])
    best = torch.full((1, vocab), eps / vocab).log()  # the optimum: predict the smoothed target itself
    best[0, 3] = math.log(1 - eps + eps / vocab)
    loss = torch.nn.functional.cross_entropy(best.double(), target, label_smoothing=eps)
    assert math.isclose(float(loss), floor, rel_tol=1e-9)
    worse = best.clone()
    worse[0, 3] += 0.5  # more confident than the target: smoothing punishes it
    assert float(torch.nn.functional.cross_entropy(worse.double(), target, label_smoothing=eps)) > floor


@needs_models
def test_shipped_loss_curve_ends_above_the_smoothing_floor():
    meta = read_meta("transformer")
    floor = lesson_numbers.label_smoothing_floor(meta["train_config"]["label_smoothing"], len(meta["vocab"]["tgt"]))
    assert floor < meta["curve"][-1]["loss"] < 2 * floor  # flattened out just above it, as overview.md says


# ---- tokens.md / generation.md / add_norm_ffn.md: facts about this model's structure ----------------------------

@needs_models
def test_no_weight_tying_and_the_output_layer_has_a_bias(shipped):
    m = shipped.model
    tables = [m.src_embed.lut.weight, m.tgt_embed.lut.weight, m.generator.W_out.weight]
    assert len({t.data_ptr() for t in tables}) == 3
    assert m.generator.W_out.bias is not None


@needs_models
def test_app_model_runs_in_eval_mode_so_dropout_is_off(shipped):
    assert shipped.model.cfg.dropout > 0 and not shipped.model.training
    assert not any(mod.training for mod in shipped.model.modules())


@needs_models
def test_scaled_embedding_rows_are_about_as_long_as_positional_rows(shipped):
    """tokens.md: ×√d_model brings the rows to about the size of the positional encoding."""
    cfg = shipped.model.cfg
    rows = shipped.model.src_embed.lut.weight.detach()[4:] * math.sqrt(cfg.d_model)  # real tokens, not specials
    ratio = float(rows.norm(dim=1).median()) / math.sqrt(cfg.d_model / 2)
    assert 0.5 < ratio < 2.0, ratio


@needs_models
def test_work_per_token_counts_the_layers_weights(shipped):
    """why_attention.md "parallel": four projections and the FFN per layer, against the RNN cell."""
    m = shipped.model
    counted = sum(p.numel() for name, p in m.encoder.named_parameters()
                  if name.endswith("weight") and p.dim() == 2)  # every matrix of every encoder layer
    cfg = m.cfg
    rcfg = read_meta("rnn")["config"]
    tf, rnn = lesson_numbers.work_per_token(cfg.d_model, cfg.d_ff, cfg.n_layers, rcfg["d_embed"], rcfg["d_hidden"])
    assert tf == counted
    cell = make_cell("rnn", rcfg["d_embed"], rcfg["d_hidden"])
    assert rnn == sum(p.numel() for p in cell.parameters() if p.dim() == 2)


@needs_models
def test_all_pairs_comparison_is_a_small_share_at_the_accepted_lengths(shipped):
    """why_attention.md "parallel": O(T²) is a small share here; it dominates only for T much longer than d_model.
    Per token and layer, QKᵀ and AV cost 2·T·d_model multiply-adds, the projections and FFN 4·d² + 2·d·d_ff."""
    cfg = shipped.model.cfg
    T = int(lesson_numbers.shipped_values()["max_src_chars"])
    pairs = 2 * T * cfg.d_model
    rest = 4 * cfg.d_model ** 2 + 2 * cfg.d_model * cfg.d_ff
    assert pairs / (pairs + rest) < 0.1
    assert T < cfg.d_model


@needs_models
def test_decoding_stops_after_max_len_minus_one_steps(shipped):
    """generation.md: until <eos> or {max_steps} steps."""
    assert decoding._max_steps(shipped.model, None) == shipped.model.cfg.max_len - 1


def test_lstm_starts_with_forget_bias_one_and_orthogonal_recurrence():
    """lstm.md "gates": b_f = 1 before training; why_attention.md: orthogonal W_hh."""
    torch.manual_seed(0)
    cell = make_cell("lstm", 8, 6)
    assert torch.all(cell.W_xh.bias[:6] == 1.0)
    for k in range(4):
        block = cell.W_hh.weight[k * 6:(k + 1) * 6].detach()
        assert torch.allclose(block @ block.T, torch.eye(6), atol=1e-5)


# ---- cross_attention.md "pattern": the pronoun example ----------------------------------------------------------

@needs_models
def test_pronoun_example_translates_and_looks_back_at_the_subject(shipped):
    assert re.search(r"\bthey\b", shipped.translate("两只狗没有过马路因为太累了"))
    assert re.search(r"\bit\b", shipped.translate("猫没有过马路因为太累了"))
    trace = shipped.run_with_trace("两只狗没有过马路因为太累了")
    row = trace.out_tokens.index("they")
    best = 0.0
    for L in range(shipped.model.cfg.n_layers):
        cross = trace.layer("decoder", L, "cross_attn.hook_pattern").mean(0)[row]
        best = max(best, *(cross[j] for j, tok in enumerate(trace.src_tokens) if tok in ("两", "狗")))
        own = trace.layer("decoder", L, "self_attn.hook_pattern").mean(0)[row]
        best = max(best, *(own[j] for j, tok in enumerate(trace.tgt_tokens) if tok in ("two", "dogs")))
    assert best >= 0.3, best  # "much of its weight", in at least one layer


# ---- why_attention.md "gradient": how far a gradient reaches, over long test sentences --------------------------

@needs_models
def test_gradient_reach_is_ordered_as_the_lesson_says():
    from tutorial_model.corpus import make_splits

    models = {m: compare.load_model(m)[:2] for m in compare.ALL_MODELS}
    test = [p.zh for p in make_splits(seed=0)["test"]]
    long_ = [s for s in test if len(s) >= 15][:40]
    short = [s for s in test if 5 <= len(s) <= 8][:40]
    assert len(long_) == 40

    def median_ratio(name, sentences):
        model, tok = models[name]
        ratios = []
        for s in sentences:
            g = compare.gradient_by_distance(model, tok.encode_source(s).ids)["grad_norm"]
            ratios.append(float(g[0] / max(g[-1], 1e-30)))
        return statistics.median(ratios)

    r = {m: median_ratio(m, long_) for m in compare.ALL_MODELS}
    assert r["rnn"] < r["lstm"] < r["lstm_attn"] < r["transformer"], r
    assert r["transformer"] >= 1.0, r  # "not smaller at all"
    s = {m: median_ratio(m, short) for m in ("rnn", "lstm")}
    assert abs(s["rnn"] - s["lstm"]) < abs(r["rnn"] - r["lstm"]), (s, r)  # "much more alike" on short ones


# ---- training.md "init": which parameters Xavier re-draws, what the biases and LayerNorms start as (issue 19) --

def test_biases_keep_pytorchs_default_start_and_layernorm_starts_as_standardisation():
    from tutorial_model.config import ModelConfig
    from tutorial_model.transformer import Transformer

    torch.manual_seed(0)
    model = Transformer(ModelConfig(src_vocab_size=40, tgt_vocab_size=30))
    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)]
    projections = [m for n, m in model.named_modules() if n.rsplit(".", 1)[-1] in ("W_Q", "W_K", "W_V", "W_O")]
    assert projections and all(m.bias is None for m in projections)  # attention projections: no bias at all
    biased = [m for m in linears if m.bias is not None]
    assert biased  # the feed-forward layers and the output layer
    for m in biased:  # not zero, and inside nn.Linear's default ±1/√fan_in (Xavier only re-drew the matrices)
        bound = 1 / math.sqrt(m.in_features)
        assert m.bias.abs().max() <= bound and m.bias.abs().mean() > bound / 10
    norm = next(m for m in model.modules() if isinstance(m, torch.nn.LayerNorm))
    assert torch.all(norm.weight == 1) and torch.all(norm.bias == 0)
    x = torch.randn(5, norm.normalized_shape[0]) * 3 + 2
    y = norm(x)
    assert not torch.allclose(y, x)  # γ = 1, β = 0 is not the identity: it still standardises every token
    assert torch.allclose(y.mean(-1), torch.zeros(5), atol=1e-5)
    assert torch.allclose(y.std(-1, unbiased=False), torch.ones(5), atol=1e-3)
    en, zh = section("en", "training", "init"), section("zh", "training", "init")
    assert "start at 0" not in en and "starts as the identity" not in en and "1/{sqrt_d_model}" in en
    assert "偏置从 0" not in zh and "不是恒等变换" in zh and "1/{sqrt_d_model}" in zh
    ffn_in = model.get_submodule("encoder.layers.0.ffn.W_1")
    assert ffn_in.in_features == model.cfg.d_model  # so the first feed-forward layer's bound is ±1/√d_model


# ---- tokens.md "ids": what the English vocabulary holds (issue 19) ---------------------------------------------

@needs_models
def test_english_tokens_are_words_and_two_punctuation_marks_lowercase_except_proper_nouns():
    vocab = list(read_meta("transformer", CHECKPOINT_DIR)["vocab"]["tgt"])
    specials = {w for w in vocab if w.startswith("<")}
    assert {w for w in vocab if not w[:1].isalnum()} - specials == {"?", ","}
    capitals = [w for w in vocab if w[:1].isupper()]
    assert "I" in capitals and len(capitals) < len(vocab) / 10  # a few names, places, days; the rest lowercase
    assert '"?" and ","' in section("en", "tokens", "ids") and "“?” 和 “,”" in section("zh", "tokens", "ids")


# ---- overview.md "limits": the held-out test split is easier than the hand-written everyday set (issue 19) -----

@needs_models
def test_the_in_distribution_test_split_scores_above_the_everyday_set():
    meta = read_meta("transformer", CHECKPOINT_DIR)
    assert meta["test_metrics"]["exact_match"] > meta["everyday_metrics"]["exact_match"]
    assert "easier" in section("en", "overview", "limits") and "更容易" in section("zh", "overview", "limits")


def test_families_text_says_the_smaller_families_had_the_smaller_budget():
    """families.md: the encoder-only and decoder-only models are narrower and had fewer steps than the translation
    Transformer (their own records)."""
    shipped = read_meta("transformer")
    for name in ("bert", "gpt"):
        meta = read_meta(name)
        assert meta["config"]["d_model"] < shipped["config"]["d_model"], name
        assert meta["train_config"]["steps"] < shipped["train_config"]["steps"], name
