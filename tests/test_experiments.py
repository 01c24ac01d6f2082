"""Issue 11: interventions change exactly what they say, the config flags agree with them, variants train and trace."""

from dataclasses import replace

import numpy as np
import pytest
import torch

from tutorial_model import checkpoint, head_importance
from tutorial_model import experiments as ex
from tutorial_model.config import VARIANTS, ModelConfig, TrainConfig
from tutorial_model.corpus import make_splits
from tutorial_model.evaluate import evaluate
from tutorial_model.hooks import active_hooks, capture, hook_points
from tutorial_model.train import main as train_main
from tutorial_model.train import train_model
from tutorial_model.transformer import Transformer
from tutorial_model.translator import Translator


def run_capture(model, batch, iv=None, means=None):
    with torch.inference_mode():
        if iv is None:
            with capture(model) as cap:
                out = model(*batch)
        else:
            with ex.intervene(model, iv, means), capture(model) as cap:
                out = model(*batch)
    return out, cap


def random_means(cfg, seed=1):
    g = torch.Generator().manual_seed(seed)
    return {ex.attention_site(k, layer): torch.randn(cfg.n_heads, cfg.d_head, generator=g).numpy()
            for k in ex.ATTENTIONS for layer in range(cfg.n_layers)}


def twin(model, **flags) -> Transformer:
    """The same weights in a model built with other config flags."""
    other = Transformer(replace(model.cfg, **flags)).eval()
    other.load_state_dict(model.state_dict(), strict=True)
    return other


def test_knocking_out_nothing_is_bit_identical(tiny, batch):
    plain, cap = run_capture(tiny, batch)
    for iv in (ex.Intervention(), ex.Intervention(ablation="zero")):
        assert iv.empty
        out, cap2 = run_capture(tiny, batch, iv, random_means(tiny.cfg))
        assert torch.equal(plain, out)
        assert all(torch.equal(cap[n][0], cap2[n][0]) for n in cap)


@pytest.mark.parametrize("kind", list(ex.ATTENTIONS))
@pytest.mark.parametrize("ablation", ex.ABLATIONS)
def test_knocking_out_one_head_changes_that_z_and_nothing_upstream(tiny, batch, kind, ablation):
    layer, head = 1, 2
    means = random_means(tiny.cfg)
    site = ex.attention_site(kind, layer)
    _, before = run_capture(tiny, batch)
    _, after = run_capture(tiny, batch, ex.Intervention(heads=((kind, layer, head),), ablation=ablation), means)
    names = list(before)  # capture order is execution order
    assert names == list(after)
    z_name = f"{site}.hook_z"
    upstream = names[:names.index(z_name)]
    assert upstream and all(torch.equal(before[n][0], after[n][0]) for n in upstream)
    z0, z1 = before[z_name][0], after[z_name][0]  # (B, h, T_q, d_k)
    others = [h for h in range(tiny.cfg.n_heads) if h != head]
    assert torch.equal(z0[:, others], z1[:, others])
    expected = (torch.zeros_like(z1[:, head]) if ablation == "zero"
                else torch.as_tensor(means[site][head]).expand_as(z1[:, head]))
    assert torch.equal(z1[:, head], expected)
    assert not torch.equal(z0[:, head], z1[:, head])
    assert not torch.equal(before[f"{site}.hook_out"][0], after[f"{site}.hook_out"][0])  # W_O mixes the new z in
    assert active_hooks(tiny) == []


def test_mean_ablation_without_means_is_a_clear_error(tiny, batch):
    with pytest.raises(ValueError, match="head_importance"):
        with ex.intervene(tiny, ex.Intervention(heads=(("enc_self", 0, 0),))):
            pass
    with pytest.raises(ValueError, match="no head 9"):
        ex.Intervention(heads=(("enc_self", 0, 9),), ablation="zero").check(tiny.cfg)
    assert active_hooks(tiny) == []


def test_removing_pe_at_inference_equals_the_model_built_without_pe(tiny, batch):
    out, cap = run_capture(tiny, batch, ex.Intervention(no_pe=True))
    assert not cap.last("src_embed.hook_pos").any() and not cap.last("tgt_embed.hook_pos").any()
    plain, _ = run_capture(tiny, batch)
    assert not torch.equal(out, plain)
    flagged, cap_flag = run_capture(twin(tiny, positional="none"), batch)  # zeros fed through the same hook
    assert torch.equal(out, flagged)
    assert not cap_flag.last("src_embed.hook_pos").any()


def test_dropping_the_scale_at_inference_equals_the_model_built_without_it(tiny, batch):
    out, cap = run_capture(tiny, batch, ex.Intervention(no_scale=True))
    flagged, cap_flag = run_capture(twin(tiny, scale_scores=False), batch)
    torch.testing.assert_close(out, flagged)  # (x / √d_k) · √d_k vs x: equal up to rounding
    q, k = cap.last("encoder.layers.0.self_attn.hook_q"), cap.last("encoder.layers.0.self_attn.hook_k")
    torch.testing.assert_close(cap.last("encoder.layers.0.self_attn.hook_scores"), q @ k.transpose(-2, -1))


def test_blocking_a_source_character_zeroes_its_cross_attention_column_only(tiny, batch):
    j = 1
    _, before = run_capture(tiny, batch)
    _, after = run_capture(tiny, batch, ex.Intervention(block_source=j))
    assert torch.equal(before.last("encoder.hook_memory"), after.last("encoder.hook_memory"))
    for layer in range(tiny.cfg.n_layers):
        p = after.last(f"decoder.layers.{layer}.cross_attn.hook_pattern")  # (B, h, T_tgt, T_src)
        assert not p[..., j].any()
        torch.testing.assert_close(p.sum(-1), torch.ones_like(p.sum(-1)))
    # upstream of the first cross-attention: untouched
    assert torch.equal(before.last("decoder.layers.0.self_attn.hook_pattern"),
                       after.last("decoder.layers.0.self_attn.hook_pattern"))


def test_source_edits():
    assert ex.edit_source("我有一只猫", "reverse") == "猫只一有我"
    shuffled = ex.edit_source("我有一只猫", "shuffle", seed=3)
    assert sorted(shuffled) == sorted("我有一只猫") and shuffled != "我有一只猫"
    assert shuffled == ex.edit_source("我有一只猫", "shuffle", seed=3)
    assert ex.edit_source("我有一只猫", "none") == "我有一只猫"


def test_run_on_the_shipped_model(shipped):
    text = "我有一只猫"
    o = ex.run(shipped, text, ex.Intervention())
    assert o.changed.translation == o.intact.translation and not o.logp_change.any()
    assert np.all(o.logp_intact <= 0) and len(o.logp_intact) == len(o.intact.out_tokens)
    # an independent recomputation of the intact log-probabilities: the decoding steps' own distributions
    steps = np.array([np.log(s.probs[s.chosen]) for s in o.intact.decoding.steps])
    np.testing.assert_allclose(o.logp_intact, steps, atol=1e-4)
    o = ex.run(shipped, text, ex.Intervention(block_source=4))
    assert not o.changed.layer("decoder", 0, "cross_attn.hook_pattern")[..., 4].any()
    with pytest.raises(ValueError, match="position 9"):
        ex.run(shipped, text, ex.Intervention(block_source=9))
    assert active_hooks(shipped.model) == []


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_each_variant_trains_loads_translates_and_traces_with_the_same_hook_names(variant, tmp_path, shipped):
    tcfg = replace(TrainConfig(), steps=2, batch_size=8, warmup_steps=1, eval_every=10_000, num_threads=1)
    model, tok, meta = train_model("transformer", tcfg, model_overrides=VARIANTS[variant], progress=False,
                                   valid_limit=2)
    checkpoint.save("transformer", model, tok, meta, tmp_path)
    tr = Translator.load(tmp_path)
    for key, value in VARIANTS[variant].items():
        assert getattr(tr.model.cfg, key) == value
    assert isinstance(tr.translate("我有一只猫"), str)
    trace = tr.run_with_trace("我有一只猫")
    assert set(trace.arrays) == set(hook_points(shipped.model))
    assert np.isfinite(trace["generator.hook_logits"]).all()


def test_default_flags_keep_the_shipped_checkpoint_and_its_state_dict():
    cfg = ModelConfig(src_vocab_size=30, tgt_vocab_size=25)
    assert (cfg.positional, cfg.scale_scores, cfg.residual, cfg.layer_norm, cfg.norm_first) == (
        "sinusoidal", True, True, True, False)
    keys = set(Transformer(cfg).state_dict())
    assert not any(k.endswith(".pe") or "final_norm" in k for k in keys)
    assert "src_embed.pe" in Transformer(replace(cfg, positional="learned")).state_dict()
    assert "encoder.final_norm.weight" in Transformer(replace(cfg, norm_first=True)).state_dict()


def test_train_command_takes_a_variant(tmp_path):
    assert train_main(["--variant", "no_scale", "--steps", "1", "--threads", "1", "--no-test", "--out",
                       str(tmp_path)]) == 0
    meta = checkpoint.read_meta("transformer", tmp_path)
    assert meta["config"]["scale_scores"] is False and meta["variant"]["name"] == "no_scale"
    assert not (tmp_path / "replay").exists()


def test_head_importance_recomputes_on_a_small_subset(shipped):
    pairs = make_splits(shipped.meta.get("train_config", {}).get("corpus_seed", 0))["test"][:12]
    model, tok = shipped.model, shipped.tokenizer
    result = head_importance.importance(model, tok, pairs)
    assert result["n_sentences"] == 12 and result["n_heads"] == len(result["heads"]) == 3 * 2 * 4
    base, _ = evaluate(model, tok, pairs)
    assert result["baseline"]["bleu"] == pytest.approx(base["bleu"])
    one = result["heads"][5]
    iv = ex.Intervention(heads=((one["kind"], one["layer"], one["head"]),))
    with ex.intervene(model, iv, result["mean_z"]):
        ablated, _ = evaluate(model, tok, pairs)
    assert one["bleu"] == pytest.approx(ablated["bleu"])
    assert one["bleu_drop"] == pytest.approx(base["bleu"] - ablated["bleu"])
    drops = [(h["bleu_drop"], h["logp_drop"]) for h in result["heads"]]
    ordered = [next((h["bleu_drop"], h["logp_drop"]) for h in result["heads"]
                    if [h["kind"], h["layer"], h["head"]] == o) for o in result["order"]]
    assert ordered == sorted(drops)
    k = result["n_prunable"]
    assert all(base["bleu"] - p["bleu"] < 1 for p in result["pruning"][:k + 1])
    # the mean z, recomputed sentence by sentence without padding
    site = "decoder.layers.1.cross_attn"
    zs = []
    for p in pairs:
        src = torch.tensor([tok.src.encode(list(p.zh))])
        tgt = torch.tensor([tok.encode_target(p.en)[:-1]])
        with torch.inference_mode(), capture(model, lambda n: n == f"{site}.hook_z") as cap:
            model(src, tgt)
        zs.append(cap.last(f"{site}.hook_z")[0].permute(1, 0, 2))  # (T, h, d_k)
    np.testing.assert_allclose(np.asarray(result["mean_z"][site]), torch.cat(zs).mean(0).numpy(), atol=1e-5)
    assert active_hooks(model) == []


@pytest.mark.parametrize("how", ["reverse", "shuffle"])
def test_without_pe_the_translation_cannot_depend_on_source_order(shipped, how):
    """The lesson's claim: self-attention treats keys as a set, cross-attention sums over them, so without PE the
    decoder's output is the same for every order of the source characters (up to float rounding)."""
    iv = ex.Intervention(no_pe=True)
    for text in ("我昨天在公园看书", "他们有两只黑色的狗"):
        a, b = ex.run(shipped, text, iv), ex.run(shipped, text, iv, source_edit=how, seed=1)
        assert b.source != text
        assert a.changed.translation == b.changed.translation
        np.testing.assert_allclose(a.logp_changed, b.logp_changed, atol=1e-4)
        # with PE (the intact model) the order does matter to the probabilities
        moved = ex.word_logprobs(shipped.model, shipped.tokenizer.encode_source(b.source).ids, a.intact.decoding.ids)
        assert np.abs(a.logp_intact - moved).max() > 1e-3


def test_order_decides_finds_reorderings_with_another_meaning_and_score_splits_by_order():
    from tutorial_model.corpus import Pair
    from tutorial_model.evaluate import order_decides, score

    corpus = [Pair("饭店在超市后面", "the restaurant is behind the supermarket", ()),
              Pair("超市在饭店后面", "the supermarket is behind the restaurant", ()),
              Pair("我们", "we", ()), Pair("们我", "we", ()),  # another order, the same English: not counted
              Pair("你昨天买了什么", "what did you buy yesterday ?", ("wh_question",)),
              Pair("他们有狗", "they have dogs", ())]
    test = [corpus[0], corpus[2], corpus[4], corpus[5]]
    assert order_decides(test, corpus) == {"饭店在超市后面"}
    hyps = ["the supermarket is behind the restaurant", "we", "what did you buy yesterday ?", "they have cats"]
    m = score(hyps, test, order_decides(test, corpus))
    assert m["exact_match"] == 0.5
    assert m["by_order"] == {"moved": {"n": 1, "exact_match": 1.0}, "same": {"n": 3, "exact_match": 1 / 3},
                             "anagram": {"n": 1, "exact_match": 0.0}}
    assert "anagram" not in score(hyps, test)["by_order"]  # without the corpus it is not measured
