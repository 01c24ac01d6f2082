"""Take a part out of the trained model and see what breaks (issue 11), at inference, on one sentence.

An :class:`Intervention` says what to take out; :func:`intervene` installs it on the model's hook points
for the duration of a ``with`` block (like ``hooks.capture``, and inside or around it), and takes it off in
``finally``. Nothing is copied: the same modules run, and a hook point whose input is edited passes the edited
tensor on. What can be taken out:

* heads: any set of (attention, layer, head), their output z replaced by zero or by the head's mean z over
  the test split. The mean is the fairer knock-out: the layers after the head were trained on its typical
  output, and a zero vector is a value they never saw (off-distribution), so zeroing measures the shock of an
  input never seen in training as well as the loss of the head's information. The mean removes only what
  the head says about *this* sentence (Michel et al. 2019 zero heads out; mean-ablation is the usual fix).
* the positional encoding (PE rows replaced by zeros: the model then sees a bag of characters);
* the √d_k scaling (scores QKᵀ instead of QKᵀ/√d_k);
* one source character from cross-attention (its column masked, so no decoder query can read it).

Reversing or shuffling the source characters is an edit of the input, not of the model: :func:`edit_source`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from .hooks import hook_points
from .tokenizer import BOS_ID
from .trace import Trace
from .transformer import padding_mask, target_mask

# the three kinds of attention, named as in ui/state.py, and where they live in the module tree
ATTENTIONS: dict[str, tuple[str, str]] = {
    "enc_self": ("encoder", "self_attn"),
    "dec_self": ("decoder", "self_attn"),
    "dec_cross": ("decoder", "cross_attn"),
}
ABLATIONS = ("mean", "zero")
SOURCE_EDITS = ("none", "reverse", "shuffle")

Head = tuple[str, int, int]  # (attention kind, layer, head)


def attention_site(kind: str, layer: int) -> str:
    """``("dec_cross", 1)`` → ``"decoder.layers.1.cross_attn"``."""
    stack, module = ATTENTIONS[kind]
    return f"{stack}.layers.{layer}.{module}"


def all_heads(cfg) -> list[Head]:
    return [(kind, layer, head) for kind in ATTENTIONS for layer in range(cfg.n_layers) for head in range(cfg.n_heads)]


@dataclass(frozen=True)
class Intervention:
    """What to take out of the model. Hashable, so a page can cache results by it."""

    heads: tuple[Head, ...] = ()  # heads knocked out
    ablation: str = "mean"  # what replaces a knocked-out head's z: its mean over the test split, or zero
    no_pe: bool = False  # positional encoding replaced by zeros (source and target)
    no_scale: bool = False  # scores QKᵀ instead of QKᵀ/√d_k, in every attention
    block_source: int | None = None  # source position that cross-attention may not read (all decoder layers)

    def __post_init__(self) -> None:
        if self.ablation not in ABLATIONS:
            raise ValueError(f"ablation={self.ablation!r} is not one of {ABLATIONS}")
        for kind, _, _ in self.heads:
            if kind not in ATTENTIONS:
                raise ValueError(f"{kind!r} is not one of {tuple(ATTENTIONS)}")

    @property
    def empty(self) -> bool:
        return not (self.heads or self.no_pe or self.no_scale or self.block_source is not None)

    def check(self, cfg, src_len: int | None = None) -> None:
        """ValueError with a plain message when the intervention does not fit this model or sentence."""
        for kind, layer, head in self.heads:
            if not (0 <= layer < cfg.n_layers and 0 <= head < cfg.n_heads):
                raise ValueError(f"no head {head} in layer {layer} of {kind}: the model has "
                                 f"{cfg.n_layers} layers of {cfg.n_heads} heads")
        if self.block_source is not None and src_len is not None:
            if not 0 <= self.block_source < src_len:
                raise ValueError(f"the sentence has no character at position {self.block_source}")
            if src_len < 2:
                raise ValueError("blocking the only source character would leave cross-attention nothing to read")


def _knock_out(heads: list[int], replacement: torch.Tensor | None):
    """Editor for one attention's hook_z (B, h, T_q, d_k): the listed heads' z becomes zero or their mean."""
    def edit(name: str, z: torch.Tensor) -> torch.Tensor:
        z = z.clone()
        for h in heads:
            z[:, h] = 0.0 if replacement is None else replacement[h].to(z)  # (d_k,) broadcast over B, T_q
        return z
    return edit


def _zeros(name: str, x: torch.Tensor) -> torch.Tensor:
    return torch.zeros_like(x)


def _times(factor: float):
    def edit(name: str, scores: torch.Tensor) -> torch.Tensor:
        return scores * factor  # QKᵀ/√d_k · √d_k = QKᵀ (exact when √d_k is a power of two, as at d_k = 16)
    return edit


def _block(position: int):
    def edit(name: str, mask: torch.Tensor) -> torch.Tensor:  # (B, T_q, T_k), True where a query may attend
        if position >= mask.shape[-1]:
            raise ValueError(f"the sentence has no character at position {position}")
        mask = mask.clone()
        mask[..., position] = False
        return mask
    return edit


def editors(model: nn.Module, iv: Intervention, means: Mapping[str, object] | None = None) -> dict[str, object]:
    """Hook name → editor for this intervention. ``means``: attention site → (h, d_k) mean z (for "mean")."""
    cfg = model.cfg
    iv.check(cfg)
    out: dict[str, object] = {}
    by_site: dict[str, list[int]] = {}
    for kind, layer, head in iv.heads:
        by_site.setdefault(attention_site(kind, layer), []).append(head)
    for site, heads in by_site.items():
        replacement = None
        if iv.ablation == "mean":
            if not means or site not in means:
                raise ValueError(f"mean ablation needs the mean z of {site}: "
                                 "run python -m tutorial_model.head_importance")
            replacement = torch.as_tensor(np.asarray(means[site], dtype=np.float32))
            if replacement.shape != (cfg.n_heads, cfg.d_head):
                raise ValueError(f"the stored mean z of {site} has shape {tuple(replacement.shape)}, "
                                 f"not ({cfg.n_heads}, {cfg.d_head}): it belongs to another model")
        out[f"{site}.hook_z"] = _knock_out(sorted(set(heads)), replacement)
    if iv.no_pe:
        out["src_embed.hook_pos"] = out["tgt_embed.hook_pos"] = _zeros
    if iv.no_scale:
        for kind in ATTENTIONS:
            for layer in range(cfg.n_layers):
                site = attention_site(kind, layer)
                out[f"{site}.hook_scores"] = _times(model.get_submodule(site).scale)
    if iv.block_source is not None:
        for layer in range(cfg.n_layers):
            out[f"{attention_site('dec_cross', layer)}.hook_mask"] = _block(iv.block_source)
    return out


@contextmanager
def intervene(model: nn.Module, iv: Intervention, means: Mapping[str, object] | None = None) -> Iterator[None]:
    """Run the block with ``iv`` installed; every editor is taken off in ``finally``.

    The model is shared (one per process in the app): hold the translator's lock around the block.
    """
    points = hook_points(model)
    installed = []
    try:
        for name, edit in editors(model, iv, means).items():
            points[name].set_editor(edit)
            installed.append(points[name])
        yield
    finally:
        for p in installed:
            p.set_editor(None)


def edit_source(text: str, how: str, seed: int = 0) -> str:
    """The source characters reversed or shuffled (seeded; a shuffle that changes nothing is rotated by one)."""
    if how not in SOURCE_EDITS:
        raise ValueError(f"{how!r} is not one of {SOURCE_EDITS}")
    chars = list(text)
    if how == "reverse":
        return "".join(reversed(chars))
    if how == "shuffle":
        random.Random(seed).shuffle(chars)
        if chars == list(text) and len(set(chars)) > 1:
            chars = chars[1:] + chars[:1]
    return "".join(chars)


@torch.inference_mode()
def word_logprobs(model: nn.Module, src_ids, out_ids) -> np.ndarray:
    """log p(out_t | source, out_<t) for each word of a given output (teacher forcing), (T_out,)."""
    device = next(model.parameters()).device
    src = torch.tensor([list(src_ids)], device=device)  # (1, T_src)
    tgt = torch.tensor([[BOS_ID, *out_ids[:-1]]], device=device)  # (1, T_out): shifted right
    logits = model.decode(model.encode(src, padding_mask(src)), padding_mask(src), tgt, target_mask(tgt))
    logp = logits[0].float().log_softmax(-1)  # (T_out, V_tgt)
    return logp.gather(-1, torch.tensor(out_ids, device=device)[:, None])[:, 0].cpu().numpy()


@dataclass
class Outcome:
    """The intact model and the changed one on the same sentence."""

    intact: Trace
    changed: Trace  # the changed model's own translation, traced (tensors under the intervention)
    logp_intact: np.ndarray  # (T_out,) log-probability of each word of the intact translation, intact model
    logp_changed: np.ndarray  # (T_out,) the same words, changed model (and edited source)
    source: str  # the source the changed model read (edited when the characters were reversed or shuffled)
    intervention: Intervention = field(default_factory=Intervention)

    @property
    def logp_change(self) -> np.ndarray:
        return self.logp_changed - self.logp_intact


def run(translator, text: str, iv: Intervention, source_edit: str = "none", seed: int = 0,
        means: Mapping[str, object] | None = None) -> Outcome:
    """Translate ``text`` with the intact model and with ``iv`` (and the edited source), trace both.

    Raises tokenizer.InputError for unusable text and ValueError for an intervention that does not fit.
    """
    model, tok = translator.model, translator.tokenizer
    enc = tok.encode_source(text)
    iv.check(model.cfg, len(enc.ids))
    intact = translator.run_with_trace(text)
    out_ids = intact.decoding.ids
    changed_text = edit_source(enc.text, source_edit, seed)
    changed_ids = tok.encode_source(changed_text).ids
    with translator.lock:  # the model is shared: no other session's intervention may be installed now
        logp_intact = word_logprobs(model, enc.ids, out_ids)
    with translator.lock, intervene(model, iv, means):  # the lock is re-entrant: run_with_trace takes it again
        changed = translator.run_with_trace(changed_text)
        logp_changed = word_logprobs(model, changed_ids, out_ids)
    changed.meta["intervention"] = iv
    return Outcome(intact, changed, logp_intact, logp_changed, changed_text, iv)
