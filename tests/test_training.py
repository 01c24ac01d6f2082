"""A short training run lowers the loss, and training is reproducible from its seed."""

from dataclasses import replace

import torch

from tutorial_model.config import TrainConfig
from tutorial_model.fit import lr_at
from tutorial_model.train import train_model

SHORT = replace(TrainConfig(), steps=60, warmup_steps=20, eval_every=10_000)


def test_short_training_run_lowers_the_loss():
    _, _, meta = train_model("transformer", SHORT, progress=False, valid_limit=50)
    first, last = meta["curve"][0]["loss"], meta["curve"][-1]["loss"]
    assert last < 0.8 * first, (first, last)
    assert meta["curve"][-1]["step"] == SHORT.steps - 1 and "valid_exact_match" in meta["curve"][-1]


def test_training_is_reproducible():
    cfg = replace(SHORT, steps=8)
    a, _, _ = train_model("transformer", cfg, progress=False, valid_limit=5)
    b, _, _ = train_model("transformer", cfg, progress=False, valid_limit=5)
    sa, sb = a.state_dict(), b.state_dict()
    assert all(torch.equal(sa[k], sb[k]) for k in sa)


def test_learning_rate_warms_up_then_decays_to_zero():
    cfg = TrainConfig()
    lrs = [lr_at(s, cfg) for s in range(cfg.steps)]
    peak = lrs.index(max(lrs))
    assert peak == cfg.warmup_steps - 1 or peak == cfg.warmup_steps
    assert all(x <= y for x, y in zip(lrs[:peak], lrs[1:peak + 1]))
    assert lrs[-1] < 0.01 * cfg.lr
