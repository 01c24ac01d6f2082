"""Translator: model + tokenizer, with translate() for learner text and run_with_trace() for one of its sentences.

Text of several sentences (谢谢你！不客气。) is split by the tokenizer; each sentence is translated on its
own (the model was trained on single sentences) and the translations are joined (tokenizer.join_translations).

A single lock guards the model: capture() switches hook points on for the whole module, so two
threads (two Streamlit sessions) tracing at once would otherwise record into each other's traces.
"""

from __future__ import annotations

import threading
from pathlib import Path

import torch

from .checkpoint import CHECKPOINT_DIR, load_transformer
from .decoding import DecodeResult, decode
from .hooks import capture
from .tokenizer import BOS_ID, UNK, UNK_ID, SourceEncoding, Tokenizer, detokenize_en, join_translations
from .trace import Trace, arrays_from_capture
from .transformer import Transformer


class Translator:
    def __init__(self, model: Transformer, tokenizer: Tokenizer, meta: dict | None = None) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.meta = meta or {}
        self.device = next(model.parameters()).device
        # public: analysis code that runs the model takes it too; re-entrant so that experiments.run can hold it
        # around an intervention and still call run_with_trace, which takes it again
        self.lock = threading.RLock()

    @classmethod
    def load(cls, directory: Path | str = CHECKPOINT_DIR, device: torch.device | str = "cpu") -> Translator:
        return cls(*load_transformer(directory, device))

    def source_tokens(self, enc: SourceEncoding) -> list[str]:
        """Axis labels for the source: the characters, with <unk> where the vocabulary lacks one."""
        return [self.tokenizer.src.itos[i] if i != UNK_ID else UNK for i in enc.ids]

    def decode(self, enc: SourceEncoding, method: str = "greedy", **params) -> DecodeResult:
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
        once: causal masking makes row t identical (to float rounding) to what step t computed.
        """
        _, encs = self.tokenizer.encode_sentences(text)
        if not 0 <= sentence_index < len(encs):
            raise IndexError(f"sentence_index {sentence_index} is outside 0..{len(encs) - 1}")
        enc = encs[sentence_index]
        result = self.decode(enc, method, **params)
        out_ids = result.ids
        tgt_in = [BOS_ID] + out_ids[:-1]  # shifted right: the decoder reads <bos> I have a, predicts I have a cat
        src = torch.tensor([enc.ids], device=self.device)  # (1, T_src)
        tgt = torch.tensor([tgt_in], device=self.device)  # (1, T_tgt)
        with self.lock, capture(self.model) as cap:
            self.model(src, tgt)
        itos = self.tokenizer.tgt.itos
        return Trace(
            arrays=arrays_from_capture(cap),
            src_tokens=self.source_tokens(enc),
            tgt_tokens=[itos[i] for i in tgt_in],
            out_tokens=[itos[i] for i in out_ids],
            translation=detokenize_en(self.tokenizer.decode_target(out_ids)),
            unknown=enc.unknown,
            decoding=result,
            meta={"text": enc.text, "method": method, "params": params, "config": self.model.cfg.to_dict(),
                  "sentence_index": sentence_index, "n_sentences": len(encs), "question": enc.question},
        )
