"""The training replay: snapshots saved during a short real training load, trace with the model's hook names,
and the last one is the checkpoint itself; the replay page renders them (AppTest)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch
from lesson_app import open_lesson

from tutorial_model import checkpoint, snapshots
from tutorial_model.config import TrainConfig
from tutorial_model.fit import snapshot_schedule
from tutorial_model.snapshots import SnapshotRecorder, load_snapshot
from tutorial_model.train import train_model
from tutorial_model.translator import Translator
from ui.loaders import ENV_CHECKPOINT

STEPS = 12
SENTENCES = ("我有一只猫", "他们有两只黑色的狗")


@pytest.fixture(scope="module")
def replay_dir(tmp_path_factory) -> Path:
    """A real (tiny) training run that saves its checkpoint and replay, as `python -m tutorial_model.train` does."""
    out = tmp_path_factory.mktemp("replay")
    torch.set_num_threads(1)
    tcfg = replace(TrainConfig(), steps=STEPS, batch_size=16, warmup_steps=4, eval_every=10_000, num_threads=1)
    recorder = SnapshotRecorder()
    model, tok, meta = train_model("transformer", tcfg, progress=False, valid_limit=8, recorder=recorder)
    checkpoint.save("transformer", model, tok, meta, out)
    recorder.save(tcfg.steps, out)
    return out


def test_the_saved_steps_are_the_schedule_and_the_end(replay_dir):
    assert snapshots.steps(replay_dir) == sorted({*snapshot_schedule(STEPS), STEPS})
    assert snapshots.steps(replay_dir)[0] == 0


def test_the_last_snapshot_reproduces_the_shipped_checkpoint(replay_dir):
    final = Translator(load_snapshot(STEPS, replay_dir), Translator.load(replay_dir).tokenizer)
    shipped = Translator.load(replay_dir)
    for text in SENTENCES:
        a, b = final.run_with_trace(text), shipped.run_with_trace(text)
        assert a.translation == b.translation
        assert a.arrays.keys() == b.arrays.keys()
        for name in a.arrays:
            np.testing.assert_array_equal(a[name], b[name], err_msg=name)


def test_every_snapshot_loads_and_traces_with_the_same_hook_names(replay_dir):
    tok = Translator.load(replay_dir).tokenizer
    names = None
    first_weights = None
    for step in snapshots.steps(replay_dir):
        model = load_snapshot(step, replay_dir)
        assert not model.training
        trace = Translator(model, tok).run_with_trace(SENTENCES[0])
        names = names or set(trace.arrays)
        assert set(trace.arrays) == names, step
        w = model.src_embed.lut.weight.detach().clone()
        if first_weights is None:
            first_weights = w
    assert not torch.equal(first_weights, w), "training changed nothing between the first and last snapshot"


def test_snapshots_hold_the_float16_weights_of_their_step(replay_dir):
    """Step 0 is the seeded initialisation: rebuild it independently and compare after float16 rounding."""
    from tutorial_model.config import ModelConfig
    from tutorial_model.fit import seed_everything
    from tutorial_model.transformer import Transformer

    meta = json.loads((replay_dir / "transformer.json").read_text(encoding="utf-8"))
    seed_everything(meta["train_config"]["seed"])
    fresh = Transformer(ModelConfig(**meta["config"]))
    torch.use_deterministic_algorithms(False)
    stored = load_snapshot(0, replay_dir).state_dict()
    for name, value in fresh.state_dict().items():
        assert torch.equal(stored[name], value.half().float()), name


def test_an_unknown_step_is_refused(replay_dir):
    with pytest.raises(KeyError):
        load_snapshot(STEPS + 1000, replay_dir)


# ---- the page -------------------------------------------------------------------------------------------

@pytest.fixture
def checkpoint_dir(replay_dir):  # the app's, in the page tests (conftest's app_env)
    return replay_dir


@pytest.fixture
def page_env(app_env, monkeypatch):
    monkeypatch.setenv("TL_WORKERS", "0")


@pytest.mark.slow
def test_replay_page_scrubs_through_the_saved_steps(page_env, replay_dir):
    at = open_lesson("training")
    slider = at.select_slider(key="_w.replay_step")
    saved = snapshots.steps(replay_dir)
    # one notch per saved moment, each saying which moment and which step it is
    assert [o.split("step ")[-1] for o in slider.options] == [f"{s:,}" for s in saved]
    assert slider.options[0].startswith(f"1 of {len(saved)}")
    assert slider.value == 0  # opens at step 0, random weights: the reveal is the lesson
    assert any("Step 0: random weights" in c.value for c in at.caption)
    tok = Translator.load(replay_dir).tokenizer
    for step in (0, STEPS):
        slider = at.select_slider(key="_w.replay_step").set_value(saved.index(step)).run()
        assert not at.exception, [e.value for e in at.exception]
        want = Translator(load_snapshot(step, replay_dir), tok).translate(at.session_state["tl_s"])
        assert (want or "∅") in [x.value for x in at.text], step
        titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
        assert any("cross_attn" in x for x in titles) and any("self_attn" in x for x in titles)
    at.button(key="_b.replay_play").click().run()
    assert at.session_state["_tl_replay_playing"] and at.session_state["_tl_replay_step"] >= 0


@pytest.mark.slow
def test_replay_page_without_a_replay_says_how_to_build_it(page_env, tmp_path, monkeypatch, replay_dir):
    for name in ("transformer.json", "transformer.safetensors"):
        (tmp_path / name).write_bytes((replay_dir / name).read_bytes())
    monkeypatch.setenv(ENV_CHECKPOINT, str(tmp_path))
    at = open_lesson("training")
    assert at.error and "tutorial_model.train" in at.code[0].value
    assert at.get("plotly_chart")  # the stored curves are still shown


# ---- the shipped replay ---------------------------------------------------------------------------------

def test_the_shipped_replay_keeps_only_snapshots_that_moved_from_step_0():
    """The shipped file holds the schedule's steps (a retrain would save the same ones), and each snapshot
    after step 0 differs from it visibly: the schedule skips warm-up steps that are copies of step 0."""
    from safetensors.numpy import load_file

    saved = snapshots.steps(checkpoint.CHECKPOINT_DIR)
    assert saved == sorted({*snapshot_schedule(saved[-1]), saved[-1]})
    flat = load_file(str(checkpoint.CHECKPOINT_DIR / f"{snapshots.FILE}.safetensors"))
    assert {k.split("/")[0] for k in flat} == {f"step{s}" for s in saved[:-1]}  # the last step is the checkpoint
    base = {k.removeprefix("step0/"): v.astype(np.float64) for k, v in flat.items() if k.startswith("step0/")}
    for step in saved[1:-1]:
        rel = [np.linalg.norm(flat[f"step{step}/{name}"] - w) / np.linalg.norm(w)
               for name, w in base.items() if np.linalg.norm(w) > 0]  # zero-initialised biases have no scale
        assert np.median(rel) > 0.005, (step, np.median(rel))  # the dropped steps 1, 2, 5, 11 were under 0.002
