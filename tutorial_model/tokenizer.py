"""Vocabularies and tokenization: Chinese by character, English by word.

Every way a learner's text can be unusable raises :class:`InputError` with a machine-readable
``code`` (so the UI can word the message in any language) and never anything else.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PAD, BOS, EOS, UNK = "<pad>", "<bos>", "<eos>", "<unk>"
SPECIALS = (PAD, BOS, EOS, UNK)
PAD_ID, BOS_ID, EOS_ID, UNK_ID = range(4)

MAX_SRC_CHARS = 24  # longest source the model was trained for (the corpus stays under 22)
MAX_INPUT_CHARS = 200  # raw text beyond this is rejected before any processing

# Punctuation and spaces carry no meaning for this corpus (it has none), so they are dropped.
_STRIP = set(" \t\r\n\u3000，。！？、；：“”‘’（）《》…—,.!?;:'\"()")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|\[[^\]]*\]\([^)]*\)|`|\*\*|^#+\s", re.MULTILINE)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


class InputError(ValueError):
    """The learner's text cannot be translated. ``code`` is one of CODES; ``detail`` adds facts."""

    CODES = ("empty", "too_long", "not_chinese", "markup")

    def __init__(self, code: str, message: str, **detail: object) -> None:
        assert code in self.CODES, code
        super().__init__(message)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class SourceEncoding:
    """A checked source sentence: its character tokens, their ids, and which were unknown."""

    text: str  # normalized text (punctuation and spaces removed)
    tokens: tuple[str, ...]  # one per character; unknown characters stay as typed
    ids: tuple[int, ...]  # unknown characters map to <unk>
    unknown: tuple[str, ...] = field(default=())  # distinct unknown characters, in order of appearance


class Vocab:
    """A token ↔ id table whose first four entries are the special tokens."""

    def __init__(self, tokens: Iterable[str]) -> None:
        itos = list(SPECIALS) + [t for t in tokens if t not in SPECIALS]
        if len(set(itos)) != len(itos):
            raise ValueError("vocabulary has duplicate tokens")
        self.itos: list[str] = itos
        self.stoi: dict[str, int] = {t: i for i, t in enumerate(itos)}

    @classmethod
    def build(cls, sequences: Iterable[Sequence[str]], min_count: int = 1) -> Vocab:
        """Sorted by frequency (then by token) so ids are deterministic and frequent tokens come first."""
        counts = Counter(tok for seq in sequences for tok in seq)
        ranked = sorted((t for t, c in counts.items() if c >= min_count), key=lambda t: (-counts[t], t))
        return cls(ranked)

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, token: str) -> bool:
        return token in self.stoi

    def encode(self, tokens: Iterable[str]) -> list[int]:
        return [self.stoi.get(t, UNK_ID) for t in tokens]

    def decode(self, ids: Iterable[int], strip_special: bool = True) -> list[str]:
        out = []
        for i in ids:
            tok = self.itos[int(i)]
            if strip_special and tok in (PAD, BOS):
                continue
            if strip_special and tok == EOS:
                break
            out.append(tok)
        return out


def normalize_zh(text: str) -> str:
    """NFKC-fold (full-width letters → ASCII), drop punctuation, spaces and invisible control characters."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in _STRIP and unicodedata.category(ch) not in ("Cc", "Cf"))


def zh_tokens(text: str) -> list[str]:
    return list(text)


def en_tokens(text: str) -> list[str]:
    return text.split()


def detokenize_en(tokens: Sequence[str]) -> str:
    """Tokens → a readable sentence: first letter capitalised, '?' attached."""
    text = " ".join(tokens).replace(" ?", "?")
    return text[:1].upper() + text[1:]


class Tokenizer:
    """Source (Chinese characters) and target (English words) vocabularies."""

    def __init__(self, src: Vocab, tgt: Vocab, max_src_chars: int = MAX_SRC_CHARS) -> None:
        self.src = src
        self.tgt = tgt
        self.max_src_chars = max_src_chars

    def encode_source(self, text: object) -> SourceEncoding:
        """Check and encode learner text. Raises only InputError."""
        if not isinstance(text, str):
            raise InputError("empty", "Please type a Chinese sentence.")
        if len(text) > MAX_INPUT_CHARS:
            raise InputError("too_long", f"The text has {len(text)} characters; the limit is {self.max_src_chars}.",
                             length=len(text), limit=self.max_src_chars)
        if _MARKUP.search(text):
            raise InputError("markup", "The text looks like HTML or Markdown; please type plain Chinese.")
        norm = normalize_zh(text)
        if not norm:
            raise InputError("empty", "Please type a Chinese sentence.")
        if not any(_is_cjk(ch) for ch in norm):
            raise InputError("not_chinese", "The text has no Chinese characters; this model translates Chinese.",
                             text=norm)
        if len(norm) > self.max_src_chars:
            raise InputError("too_long", f"The sentence has {len(norm)} characters; the limit is {self.max_src_chars}.",
                             length=len(norm), limit=self.max_src_chars)
        tokens = tuple(zh_tokens(norm))
        ids = tuple(self.src.encode(tokens))
        unknown = tuple(dict.fromkeys(t for t, i in zip(tokens, ids) if i == UNK_ID))
        return SourceEncoding(norm, tokens, ids, unknown)

    def encode_target(self, text: str) -> list[int]:
        """English sentence → [<bos>, w1, …, wn, <eos>]."""
        return [BOS_ID] + self.tgt.encode(en_tokens(text)) + [EOS_ID]

    def decode_target(self, ids: Iterable[int]) -> list[str]:
        return self.tgt.decode(ids)

    def to_dict(self) -> dict:
        return {"src": self.src.itos, "tgt": self.tgt.itos, "max_src_chars": self.max_src_chars}

    @classmethod
    def from_dict(cls, d: dict) -> Tokenizer:
        return cls(Vocab(d["src"]), Vocab(d["tgt"]), int(d["max_src_chars"]))
