"""Checkpoints: safetensors + JSON round trip; missing or corrupt files give a clear message."""

import json

import pytest
import torch

from tutorial_model import checkpoint
from tutorial_model.checkpoint import CheckpointError, load
from tutorial_model.tokenizer import Tokenizer, Vocab


@pytest.fixture
def saved(tmp_path, tiny):
    tok = Tokenizer(Vocab([chr(0x4E00 + i) for i in range(26)]), Vocab([f"w{i}" for i in range(21)]))
    checkpoint.save("transformer", tiny, tok, {"curve": [{"step": 0, "loss": 3.0}]}, tmp_path)
    return tmp_path


def test_round_trip_gives_identical_outputs(saved, tiny, batch):
    model, tok, meta = load("transformer", saved)
    with torch.inference_mode():
        assert torch.equal(model(*batch), tiny(*batch))
    assert meta["curve"][0]["loss"] == 3.0 and len(tok.src) == 30 and not model.training


def test_directory_may_be_a_string(saved):
    assert load("transformer", str(saved))[1].src.itos[4] == "一"


def test_weights_file_is_safetensors_not_pickle(saved):
    raw = (saved / "transformer.safetensors").read_bytes()
    header_len = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + header_len])
    assert "encoder.layers.0.self_attn.W_Q.weight" in header


def test_missing_checkpoint_names_the_rebuild_command(tmp_path):
    with pytest.raises(CheckpointError, match="python -m tutorial_model.train"):
        load("transformer", tmp_path)


@pytest.mark.parametrize("victim, content", [
    ("transformer.json", b"{not json"),
    ("transformer.safetensors", b"\x00garbage" * 10),
    ("transformer.safetensors", b""),
])
def test_corrupt_checkpoint_names_the_rebuild_command(saved, victim, content):
    (saved / victim).write_bytes(content)
    with pytest.raises(CheckpointError, match="python -m tutorial_model.train"):
        load("transformer", saved)


def test_mismatched_config_is_reported(saved):
    info = saved / "transformer.json"
    doc = json.loads(info.read_text())
    doc["config"]["d_ff"] = 128
    info.write_text(json.dumps(doc))
    with pytest.raises(CheckpointError, match="do not match"):
        load("transformer", saved)
