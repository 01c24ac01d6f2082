"""Every model of the project by name: its configuration, class, training settings, label and checkpoint.

One loader (checkpoint.load), one Translator, one batched greedy decoder (decoding.greedy_batch) and one
training command (``python -m tutorial_model.train --model NAME``) read this table. Adding a model means
writing its module (a configuration dataclass and an nn.Module with the interface below) and adding one
entry here.

The interface, by family:
* every model: ``cfg`` (a frozen dataclass with ``to_dict()``), ``n_params()``, named hook points;
* models that translate (``task == "translate"``): ``start(src)`` → a decoding state (decoding.py);
  the encoder–decoders also take ``model(src, tgt_in)`` (teacher forcing), GPT ``model(sequence)``;
* BERT (``task == "fill"``): ``model(ids)`` → logits per position, and ``mask_id``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import torch

from .config import FamilyTrainConfig, ModelConfig, RNNTrainConfig, TrainConfig
from .conv import ConvConfig, ConvS2S
from .data import build_tokenizer, encode_pairs
from .families import BERT, GPT, FamilyConfig
from .nat import NonAutoregressive, nat_loss
from .rnn import MODELS as RECURRENT  # the recurrent translation models, named once (rnn.py)
from .rnn import RNNConfig, Seq2Seq
from .tokenizer import Tokenizer
from .transformer import Transformer


def _paper_adam(params, tcfg: TrainConfig) -> torch.optim.Optimizer:
    return torch.optim.Adam(params, lr=tcfg.lr, betas=(0.9, 0.98), eps=1e-9)  # §5.3 of the paper


def _adam(params, tcfg: TrainConfig) -> torch.optim.Optimizer:
    return torch.optim.Adam(params, lr=tcfg.lr)


@dataclass(frozen=True)
class Spec:
    name: str  # the checkpoint's file name too: <name>.safetensors / <name>.json
    label: str
    family: str  # "encoder–decoder", "encoder-only", "decoder-only"
    task: str  # "translate" or "fill"
    config_cls: type
    model_cls: type
    train_config: TrainConfig
    make_config: Callable[[Tokenizer, dict], Any]  # (tokenizer, overrides) → configuration
    optimizer: Callable[[Any, TrainConfig], torch.optim.Optimizer] = _adam
    methods: tuple[str, ...] = ("greedy", "sample", "beam")
    trace_while_decoding: bool = False  # recurrent: one forward per step, so the decoding run is the trace
    tokenizer: Callable[[Sequence], Tokenizer] = build_tokenizer
    examples: Callable[[Any, Tokenizer, Sequence], list] = field(
        default=lambda model, tok, pairs: encode_pairs(tok, pairs))
    loss: Callable | None = None  # None: teacher forcing (fit.py)

    @property
    def checkpoint(self) -> str:
        return self.name

    @property
    def rebuild(self) -> str:
        """The command that trains this model's checkpoint."""
        return "python -m tutorial_model.train" + ("" if self.name == "transformer" else f" --model {self.name}")


def _rnn(name: str, label: str) -> Spec:
    cell, _, attn = name.partition("_")
    return Spec(name, label, "encoder–decoder", "translate", RNNConfig, Seq2Seq, RNNTrainConfig(),
                lambda tok, o, cell=cell, attn=attn: RNNConfig(len(tok.src), len(tok.tgt), cell=cell,
                                                               attention=bool(attn), **o),
                methods=("greedy",), trace_while_decoding=True)


def _gpt_spec(name: str, label: str, mask: str) -> Spec:
    from .family_tasks import gpt_examples, lm_loss

    return Spec(name, label, "decoder-only", "translate", FamilyConfig, GPT, FamilyTrainConfig(),
                lambda tok, o: FamilyConfig(len(tok.src), len(tok.tgt), family="gpt", mask=mask, **o),
                examples=gpt_examples, loss=lm_loss)


def _bert_spec() -> Spec:
    from .family_tasks import bert_examples, bert_tokenizer, mlm_loss

    # one short sentence per example and no English: a step costs about a third of GPT's (measured), so more steps
    return Spec("bert", "BERT-style encoder", "encoder-only", "fill", FamilyConfig, BERT,
                replace(FamilyTrainConfig(), steps=4000),
                lambda tok, o: FamilyConfig(len(tok.src), 0, family="bert", mask="bidirectional", **o),
                methods=(), tokenizer=bert_tokenizer,
                examples=lambda model, tok, pairs: bert_examples(tok, pairs), loss=mlm_loss)


MODELS: dict[str, Spec] = {
    "transformer": Spec("transformer", "Transformer", "encoder–decoder", "translate", ModelConfig, Transformer,
                        TrainConfig(), lambda tok, o: ModelConfig(len(tok.src), len(tok.tgt), **o),
                        optimizer=_paper_adam),
    "rnn": _rnn("rnn", "RNN"),
    "lstm": _rnn("lstm", "LSTM"),
    "lstm_attn": _rnn("lstm_attn", "LSTM + attention"),
    "bert": _bert_spec(),
    "gpt": _gpt_spec("gpt", "GPT-style decoder", "causal"),
    "prefix_lm": _gpt_spec("prefix_lm", "Prefix LM", "prefix"),
    # issue 23: the convolutional translator and the one-pass (non-autoregressive) one, on the Transformer's budget
    "conv": Spec("conv", "Convolutional (ConvS2S)", "encoder–decoder", "translate", ConvConfig, ConvS2S, TrainConfig(),
                 lambda tok, o: ConvConfig(len(tok.src), len(tok.tgt), **o)),
    "nat": Spec("nat", "Non-autoregressive Transformer", "encoder–decoder", "translate", ModelConfig,
                NonAutoregressive, TrainConfig(), lambda tok, o: ModelConfig(len(tok.src), len(tok.tgt), **o),
                optimizer=_paper_adam, methods=("greedy",), loss=nat_loss),
}
TRANSLATION_MODELS = (*RECURRENT, "transformer")  # the comparison of lessons 11–13
FAMILIES = ("bert", "gpt", "transformer")  # the "Model families" page: encoder-only, decoder-only, both


def spec(name: str) -> Spec:
    try:
        return MODELS[name]
    except KeyError:
        raise ValueError(f"unknown model {name!r}; choose from {tuple(MODELS)}") from None


def spec_of(model: torch.nn.Module) -> Spec:
    """The registry entry of a built model (RNN and LSTM share a class: the configuration decides)."""
    cfg = model.cfg
    if isinstance(model, Seq2Seq):
        return MODELS[cfg.name]
    if isinstance(model, GPT):
        return MODELS["gpt" if cfg.mask == "causal" else "prefix_lm"]
    for s in MODELS.values():
        if type(model) is s.model_cls:
            return s
    raise TypeError(f"not a model of this project: {type(model).__name__}")
