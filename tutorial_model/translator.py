"""Translator: model + tokenizer, with translate() for learner text and run_with_trace() for one of its sentences.

One class for every model of the registry (``Translator.load(name=...)``): the encoder–decoder Transformer,
the recurrent baselines, the decoder-only GPT (which translates by continuing "<bos> 中文 <sep>"), and the
encoder-only BERT, which does not translate: it fills a blank (``fill()``; ``run_with_trace`` with
``method="fill"``).

Text of several sentences (谢谢你！不客气。) is split by the tokenizer; each sentence is translated on its
own (the model was trained on single sentences) and the translations are joined (tokenizer.join_translations).

A single lock guards the model: capture() switches hook points on for the whole module, so two
threads (two Streamlit sessions) tracing at once would otherwise record into each other's traces.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import torch

from . import checkpoint
from .checkpoint import CHECKPOINT_DIR
from .decoding import DecodeResult, decode
from .families import SEP
from .hooks import capture, hook_points
from .registry import spec_of
from .tokenizer import BOS_ID, UNK, UNK_ID, SourceEncoding, Tokenizer, detokenize_en, join_translations
from .trace import Trace, arrays_from_capture


@dataclass
class FillResult:
    """BERT's answer for one blank: the position, and the characters it finds most probable there."""

    method: str
    position: int
    ids: list[int]  # the best characters, most probable first
    probs: list[float]  # their probabilities
    answer: int  # the character that was hidden
    params: dict


class Translator:
    def __init__(self, model: torch.nn.Module, tokenizer: Tokenizer, meta: dict | None = None) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.meta = meta or {}
        self.device = next(model.parameters()).device
        self.spec = spec_of(model)
        self.name = self.spec.name
        # public: analysis code that runs the model takes it too; re-entrant so that experiments.run can hold it
        # around an intervention and still call run_with_trace, which takes it again
        self.lock = threading.RLock()

    @classmethod
    def load(cls, directory: Path | str = CHECKPOINT_DIR, device: torch.device | str = "cpu",
             name: str = "transformer") -> Translator:
        """The checkpoint of registered model ``name`` (registry.MODELS); CheckpointError names its command."""
        return cls(*checkpoint.load(name, directory, device))

    def _check(self, method: str) -> None:
        if self.spec.task != "translate":
            raise ValueError(f"the {self.spec.label} does not translate: it fills a blank (use fill())")
        if method not in self.spec.methods:
            how = "greedily only" if self.spec.methods == ("greedy",) else f"with {self.spec.methods}"
            raise ValueError(f"the {self.spec.label} decodes {how}, not with {method!r}")

    def weight(self, module: str, part: str = "weight", layout: str = "xW"):
        """A parameter or buffer of the model as a NumPy copy, in the paper's layout. An nn.Linear's weight comes
        in the form its paper multiplies: ``layout="xW"`` (d_in, d_out), as "Attention Is All You Need" writes
        x·W_Q; ``layout="Wx"`` (d_out, d_in), as the recurrent papers write W_xh·x (PyTorch's own storage).
        Everything else as stored (an embedding table (V, d), a bias, a LayerNorm's γ and β, the PE table). A
        plain setting (a LayerNorm's eps) is returned as it is. ``module`` is a name from trace.param_name,
        e.g. encoder.layers.0.self_attn.W_Q or encoder.cell.W_xh.

        Pages read weights here instead of walking the module tree."""
        if layout not in ("xW", "Wx"):
            raise ValueError(f"layout is 'xW' (the Transformer's x·W) or 'Wx' (the RNN's W·x), not {layout!r}")
        owner = self.model.get_submodule(module)
        value = getattr(owner, part)
        if not isinstance(value, torch.Tensor):
            return value
        array = value.detach().cpu().numpy().copy()
        linear = isinstance(owner, torch.nn.Linear) and part == "weight"
        return array.T if linear and layout == "xW" else array

    def n_params(self, prefix: str = "") -> int:
        """How many numbers the parameters under module ``prefix`` hold (the whole model when empty), e.g.
        ``n_params("encoder.layers.0")``."""
        owner = self.model.get_submodule(prefix) if prefix else self.model
        return sum(p.numel() for p in owner.parameters())

    def source_tokens(self, enc: SourceEncoding) -> list[str]:
        """Axis labels for the source: the characters, with <unk> where the vocabulary lacks one."""
        return [self.tokenizer.src.itos[i] if i != UNK_ID else UNK for i in enc.ids]

    def decode(self, enc: SourceEncoding, method: str = "greedy", **params) -> DecodeResult:
        self._check(method)
        with self.lock:
            return decode(self.model, enc.ids, method, **params)

    def translate_sentences(self, text: str, method: str = "greedy", **params) -> list[str]:
        """Chinese text → one English sentence per sentence of it. Raises tokenizer.InputError for unusable text."""
        _, encs = self.tokenizer.encode_sentences(text)
        return [detokenize_en(self.tokenizer.decode_target(self.decode(enc, method, **params).ids)) for enc in encs]

    def translate(self, text: str, method: str = "greedy", **params) -> str:
        """Chinese text → English text, every sentence translated and joined ("Thank you. You are welcome.").
        Raises tokenizer.InputError for unusable text."""
        return join_translations(self.translate_sentences(text, method, **params))

    @torch.inference_mode()
    def run_with_trace(self, text: str, method: str = "greedy", *, sentence_index: int = 0, **params) -> Trace:
        """Translate one sentence of ``text`` (the first unless ``sentence_index`` says otherwise), then re-run
        the chosen output with teacher forcing and capture every tensor.

        One teacher-forced pass over <bos> + output gives the decoder's tensors for every step at
        once: causal masking makes row t identical (to float rounding) to what step t computed. A recurrent
        model runs once per step anyway: its decoding run itself is captured. BERT (``method="fill"``,
        ``position=``): the sentence with one character behind [MASK], see fill().
        """
        _, encs = self.tokenizer.encode_sentences(text)
        if not 0 <= sentence_index < len(encs):
            raise IndexError(f"sentence_index {sentence_index} is outside 0..{len(encs) - 1}")
        enc = encs[sentence_index]
        if self.spec.task == "fill":
            return self._fill_trace(enc, method, sentence_index, len(encs), **params)
        self._check(method)
        src = torch.tensor([enc.ids], device=self.device)  # (1, T_src)
        if self.spec.trace_while_decoding:
            with self.lock, capture(self.model) as cap:
                result = decode(self.model, enc.ids, method, **params)
        else:
            result = self.decode(enc, method, **params)
        out_ids = result.ids
        tgt_in = [BOS_ID] + out_ids[:-1]  # shifted right: the decoder reads <bos> I have a, predicts I have a cat
        tokens: list[str] = []
        if not self.spec.trace_while_decoding:
            with self.lock, capture(self.model) as cap:
                if self.spec.family == "decoder-only":  # one sequence: <bos> 中文 <sep> and every word but the last
                    ids = self.model.prompt(enc.ids) + [self.model.offset + i for i in out_ids[:-1]]
                    self.model(torch.tensor([ids], device=self.device))
                    words = [self.tokenizer.tgt.itos[i] for i in out_ids[:-1]]
                    tokens = ["<bos>", *self.source_tokens(enc), SEP, *words]
                else:
                    self.model(src, torch.tensor([tgt_in], device=self.device))  # (1, T_tgt)
        itos = self.tokenizer.tgt.itos
        return Trace(
            arrays=arrays_from_capture(cap, points=hook_points(self.model)),
            src_tokens=self.source_tokens(enc),
            tgt_tokens=[itos[i] for i in tgt_in],
            out_tokens=[itos[i] for i in out_ids],
            translation=detokenize_en(self.tokenizer.decode_target(out_ids)),
            unknown=enc.unknown,
            decoding=result,
            meta={"text": enc.text, "method": method, "params": params, "config": self.model.cfg.to_dict(),
                  "sentence_index": sentence_index, "n_sentences": len(encs), "question": enc.question,
                  "model": self.name},
            tokens=tokens,
        )

    # ------------------------------------------------------------------ BERT: fill a blank

    def fill(self, text: str, position: int | None = None, *, sentence_index: int = 0, k: int = 5) -> Trace:
        """One sentence of ``text`` with the character at ``position`` (default: the last) behind [MASK]:
        the trace of that pass, ``trace.decoding`` a FillResult with the ``k`` most probable characters."""
        return self.run_with_trace(text, "fill", sentence_index=sentence_index, position=position, k=k)

    def _fill_trace(self, enc: SourceEncoding, method: str, sentence_index: int, n_sentences: int,
                    position: int | None = None, k: int = 5) -> Trace:
        if method != "fill":
            raise ValueError(f"the {self.spec.label} fills a blank (method 'fill'), it does not decode with {method!r}")
        T = len(enc.ids)
        position = T - 1 if position is None else int(position)
        if not 0 <= position < T:
            raise IndexError(f"position {position} is outside 0..{T - 1}")
        ids = list(enc.ids)
        ids[position] = self.model.mask_id
        with self.lock, capture(self.model) as cap:
            logits = self.model(torch.tensor([ids], device=self.device))  # (1, T, V)
        probs = logits[0, position].float().softmax(-1).cpu()
        top = torch.topk(probs, min(k, probs.numel()))
        result = FillResult("fill", position, top.indices.tolist(), top.values.tolist(), enc.ids[position], {"k": k})
        itos = self.tokenizer.src.itos
        tokens = [itos[i] if i != UNK_ID else UNK for i in ids]
        best = itos[result.ids[0]]
        return Trace(
            arrays=arrays_from_capture(cap, points=hook_points(self.model)),
            src_tokens=tokens,
            tgt_tokens=[],
            out_tokens=[best],
            translation="".join(best if i == position else t for i, t in enumerate(self.source_tokens(enc))),
            unknown=enc.unknown,
            decoding=result,
            meta={"text": enc.text, "method": "fill", "params": {"position": position, "k": k},
                  "config": self.model.cfg.to_dict(), "sentence_index": sentence_index,
                  "n_sentences": n_sentences, "question": enc.question, "model": self.name},
            tokens=tokens,
        )
