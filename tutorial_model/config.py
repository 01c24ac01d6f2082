"""Configuration dataclasses, passed whole to every module (as in nanoGPT)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

POSITIONAL = ("sinusoidal", "learned", "none")


@dataclass(frozen=True)
class ModelConfig:
    """Sizes of the encoder–decoder Transformer of "Attention Is All You Need", scaled down.

    Small enough to train on a laptop CPU in minutes and to read on screen: a 128-wide vector
    fits in one heatmap row, 4 heads fit side by side. Chosen by measurement (README, "The model").
    """

    src_vocab_size: int
    tgt_vocab_size: int
    d_model: int = 128
    n_heads: int = 4
    n_layers: int = 2  # N encoder layers and N decoder layers
    d_ff: int = 512
    max_len: int = 32  # rows of the positional-encoding table; longest sequence incl. <bos>/<eos>
    dropout: float = 0.1
    # Parts the experiments take out (issue 11). The defaults are the paper's model and the shipped checkpoint,
    # whose JSON predates these fields: a missing field means the default.
    positional: str = "sinusoidal"  # "sinusoidal" (§3.5), "learned" (a trained table, as in BERT/GPT) or "none"
    scale_scores: bool = True  # divide QKᵀ by √d_k (§3.2.1)
    residual: bool = True  # x + Sublayer(x); False keeps only Sublayer(x)
    layer_norm: bool = True  # False replaces every LayerNorm by the identity
    norm_first: bool = False  # pre-norm x + Sublayer(LayerNorm(x)), plus a final LayerNorm per stack

    def __post_init__(self) -> None:
        if self.d_model % self.n_heads:
            raise ValueError(f"d_model={self.d_model} is not divisible by n_heads={self.n_heads}")
        if self.positional not in POSITIONAL:
            raise ValueError(f"positional={self.positional!r} is not one of {POSITIONAL}")

    @property
    def d_head(self) -> int:
        """d_k = d_v = d_model / h."""
        return self.d_model // self.n_heads

    def to_dict(self) -> dict:
        return asdict(self)


# The trained experiments: each is the shipped configuration with one part changed (same code, same corpus,
# same steps and schedule). `python -m tutorial_model.train --variant NAME --out DIR` trains one.
VARIANTS: dict[str, dict] = {
    "no_pe": {"positional": "none"},
    "learned_pe": {"positional": "learned"},
    "no_scale": {"scale_scores": False},
    "one_head": {"n_heads": 1},
    "no_residual": {"residual": False},
    "no_layernorm": {"layer_norm": False},
    "pre_norm": {"norm_first": True},
}


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 0
    corpus_seed: int = 0
    steps: int = 6000
    batch_size: int = 128
    lr: float = 1.5e-3
    warmup_steps: int = 500
    label_smoothing: float = 0.05
    clip_norm: float = 1.0  # rescale the whole gradient to at most this norm
    eval_every: int = 500
    num_threads: int = 2  # measured: a step of the shipped size takes ~0.6× the time on 2 threads vs 1

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RNNTrainConfig(TrainConfig):
    """The recurrent baselines: the Transformer's budget (steps × batch size), a short warm-up, a higher rate."""

    lr: float = 3e-3
    warmup_steps: int = 100
    num_threads: int = 1  # one step is ~40 small matrix products in a row: a second thread only adds syncing


@dataclass(frozen=True)
class FamilyTrainConfig(TrainConfig):
    """The encoder-only and decoder-only models (d_model 64, 2 layers, 4 heads): a few minutes on 2 CPU threads."""

    steps: int = 3000  # GPT measured at ~0.06 s of one core per step: ~3 min on one thread, less on two
    warmup_steps: int = 200
    label_smoothing: float = 0.0
    eval_every: int = 500
