"""Vocabularies and tokenization: Chinese by character, English by word.

Learner text goes through one normalisation, the same for every entry point (the sentence box, the
URL's ``s=``, ``Translator.translate``, ``Tokenizer.encode_source``), in this order:

1. :func:`remove_controls`: control characters (C0 incl. NUL/BEL/CR/LF/TAB, DEL, C1, whole ANSI escape
   sequences), bidirectional controls and other invisible format characters are removed *first*, so they
   can reach nothing else; the removed pieces are reported. Zero-width spaces and joiners go too, silently.
2. NFKC: full-width Latin letters and digits become ASCII, the ideographic space a space, and the
   full-width punctuation ，！？：；（） its half-width form (mapped back to one canonical set in step 5).
3. Markup (HTML tags, Markdown links and emphasis) is refused: nothing typed is ever shown as markup.
4. Traditional characters become simplified with OpenCC's phrase-aware ``t2s`` over the whole text;
   what changed is listed so the page can say so.
5. Punctuation: 。！？.!?;； and … end a sentence (a question mark is remembered); ，,、 become the token
   "，" inside a sentence (dropped at either end); quotes, brackets, colons, dashes and spaces are dropped.

Every way the text can still be unusable raises :class:`InputError` with a machine-readable ``code`` (so
the UI can word the message in any language) and never anything else.
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PAD, BOS, EOS, UNK = "<pad>", "<bos>", "<eos>", "<unk>"
SPECIALS = (PAD, BOS, EOS, UNK)
PAD_ID, BOS_ID, EOS_ID, UNK_ID = range(4)

MAX_SRC_CHARS = 24  # input limit: a little above the longest training sentence (corpus MAX_ZH_CHARS)
MAX_INPUT_CHARS = 200  # raw text beyond this is rejected before any processing
MAX_SENTENCES = 8  # each sentence is translated (and traced) on its own: a bound on the work one text asks for

COMMA = "，"  # the one comma token of the corpus (the full-width comma Chinese text uses)

# Step 1. Escape sequences go whole, or `ESC[31m` would leave "[31m" behind: CSI (ESC [ … final byte, or
# the one-byte C1 CSI), OSC (ESC ] … BEL or ESC \\, bounded so an unterminated one cannot eat the text),
# charset designations (ESC ( B) and two-byte escapes (ESC 7, ESC c).
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)"
                   r"|\x1b[ -/][0-~]|\x1b[0-~]")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")  # invisible, harmless: removed without a word

# Step 5, on NFKC-folded text (which has already turned ！？，：；（） into !?,:;()).
_ENDERS = frozenset("。.!?;⋯")  # … folds to "..."; ‼ ⁇ fold to !! ??; ⋯ (U+22EF) is typed as an ellipsis too
_COMMAS = frozenset(",、" + COMMA)
_DROPPED = frozenset("\"'“”‘’„‟«»‹›`「」『』《》〈〉()[]【】〔〕〖〗{}:·・—–-―~〜_")

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|\[[^\]]*\]\([^)]*\)|`|\*\*|^#+\s", re.MULTILINE)


def is_cjk(ch: str) -> bool:
    """A CJK unified ideograph (the basic block or extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


class InputError(ValueError):
    """The learner's text cannot be translated. ``code`` is one of CODES; ``detail`` adds facts."""

    CODES = ("empty", "too_long", "not_chinese", "markup", "too_many_sentences", "several_sentences")

    def __init__(self, code: str, message: str, **detail: object) -> None:
        assert code in self.CODES, code
        super().__init__(message)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Sentence:
    """One sentence of the learner's text, ready for the tokenizer."""

    text: str  # simplified characters and "，" tokens: no spaces, no other punctuation
    question: bool = False  # it ended with ？ or ?; the model does not need it (吗 and question words mark questions)


@dataclass(frozen=True)
class Normalized:
    """What normalize_input made of a text, and what it changed on the way (for the page to say)."""

    text: str  # the input without control, bidi and zero-width characters: the only form state, URL and page keep
    sentences: tuple[Sentence, ...]  # at least one, each checked
    converted: tuple[tuple[str, str], ...] = ()  # (traditional, simplified) pairs, distinct, in order of appearance
    removed_controls: tuple[str, ...] = ()  # removed control / bidi / format characters (an escape sequence is one)


@dataclass(frozen=True)
class SourceEncoding:
    """A checked source sentence: its character tokens, their ids, and which were unknown."""

    text: str  # normalized sentence (what the tokens spell)
    tokens: tuple[str, ...]  # one per character; unknown characters stay as typed
    ids: tuple[int, ...]  # unknown characters map to <unk>
    unknown: tuple[str, ...] = field(default=())  # distinct unknown characters, in order of appearance
    question: bool = False  # the learner ended it with a question mark


# ---- the normalisation steps --------------------------------------------------------------------------

def remove_controls(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove control, bidirectional and invisible format characters; return (clean text, removed pieces).

    Zero-width spaces/joiners are removed too but not reported (they are a normal part of copied text).
    Lone surrogates (broken text that cannot even be encoded as UTF-8) count as removed controls.
    """
    removed: list[str] = []

    def _escape(m: re.Match) -> str:
        removed.append(m.group())
        return ""

    text = _ANSI.sub(_escape, text)
    out = []
    for ch in text:
        if ch in ZERO_WIDTH:
            continue
        if ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
            removed.append(ch)
            continue
        out.append(ch)
    return "".join(out), tuple(removed)


_T2S: list = []  # the OpenCC converter, built once per process on first use
_T2S_LOCK = threading.Lock()


def to_simplified(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Traditional → simplified with OpenCC ``t2s`` over the whole text (its phrase tables need the
    neighbours: 乾淨 → 干净 but 乾隆 stays). Returns the text and the (before, after) pairs that changed."""
    if all(ord(ch) < 0x3400 for ch in text):  # nothing Chinese to convert: skip loading OpenCC
        return text, ()
    with _T2S_LOCK:
        if not _T2S:
            import opencc  # imported here: only text with Chinese characters needs it

            _T2S.append(opencc.OpenCC("t2s"))
        converted = _T2S[0].convert(text)
    if converted == text:
        return text, ()
    pairs: dict[tuple[str, str], None] = {}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, text, converted, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        before, after = text[i1:i2], converted[j1:j2]
        if len(before) == len(after):  # the usual case: character for character
            pairs.update(dict.fromkeys((a, b) for a, b in zip(before, after) if a != b))
        else:
            pairs[(before, after)] = None
    return converted, tuple(p for p in pairs if any(is_cjk(ch) for ch in p[0]))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """NFKC-folded text → sentences. Runs of 。.!?; end a sentence ("?" in the run makes it a question);
    a "." between two digits (3.5) does not. Commas become "，" (one per run, none at either end)."""
    sentences: list[Sentence] = []
    chars: list[str] = []

    def close(question: bool) -> None:
        while chars and chars[-1] == COMMA:
            chars.pop()
        if chars:
            # NFC again: a dropped space can leave a letter next to a combining mark (A ̄ → A + U+0304), which
            # the next normalisation would compose; composing here keeps normalising idempotent
            sentences.append(Sentence(unicodedata.normalize("NFC", "".join(chars)), question))
        chars.clear()

    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _ENDERS and not (ch == "." and 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()):
            j = i
            while j < n and (text[j] in _ENDERS or text[j].isspace() or text[j] in _DROPPED):
                j += 1
            close("?" in text[i:j])
            i = j
            continue
        if ch in _COMMAS:
            if chars and chars[-1] != COMMA:
                chars.append(COMMA)
        elif not (ch.isspace() or ch in _DROPPED):
            chars.append(ch)
        i += 1
    close(False)
    return tuple(sentences)


def normalize_input(text: object, max_sentence_chars: int = MAX_SRC_CHARS) -> Normalized:
    """Learner text → checked sentences, with what was converted and removed. Raises only InputError."""
    if not isinstance(text, str):
        raise InputError("empty", "Please type a Chinese sentence.")
    if len(text) > MAX_INPUT_CHARS:
        raise InputError("too_long", f"The text has {len(text)} characters; the limit is {max_sentence_chars}.",
                         length=len(text), limit=max_sentence_chars)
    clean, removed = remove_controls(text)
    folded = unicodedata.normalize("NFKC", clean)
    if _MARKUP.search(folded):
        raise InputError("markup", "The text looks like HTML or Markdown; please type plain Chinese.")
    simplified, converted = to_simplified(folded)
    sentences = split_sentences(simplified)
    if any(_MARKUP.search(s.text) for s in sentences):  # markup made by dropping marks ("*-*" → "**")
        raise InputError("markup", "The text looks like HTML or Markdown; please type plain Chinese.")
    if not sentences:
        raise InputError("empty", "Please type a Chinese sentence.")
    if len(sentences) > MAX_SENTENCES:
        raise InputError("too_many_sentences", f"The text has {len(sentences)} sentences; the limit is "
                         f"{MAX_SENTENCES}.", n=len(sentences), limit=MAX_SENTENCES)
    for s in sentences:
        if not any(is_cjk(ch) for ch in s.text):
            raise InputError("not_chinese", "The text has a sentence without Chinese characters; this model "
                             "translates Chinese.", text=s.text)
        if len(s.text) > max_sentence_chars:
            raise InputError("too_long", f"The sentence has {len(s.text)} characters; the limit is "
                             f"{max_sentence_chars}.", length=len(s.text), limit=max_sentence_chars)
    return Normalized(clean, sentences, converted, removed)


def left_out(text: str, tokens: Iterable[str]) -> tuple[str, ...]:
    """The visible characters of the typed ``text`` that none of ``tokens`` (what the tokenizer made of it, every
    sentence) stands for, each once, in order: marks that end a sentence (。！？), dropped punctuation (quotes,
    brackets, colons), and commas when no comma token is left. Never a Chinese character (a traditional one
    becomes its simplified token, an unknown one <unk>), a space, or a control character (reported apart)."""
    present = set(tokens)
    out: dict[str, None] = {}
    for ch in remove_controls(text)[0]:
        if ch.isspace() or is_cjk(ch) or ch in out:
            continue
        if ch not in present and as_token(ch) not in present:
            out[ch] = None
    return tuple(out)


def as_token(ch: str) -> str:
    """The token a typed punctuation mark or symbol would be: its NFKC form, the one comma token for ， , 、."""
    folded = unicodedata.normalize("NFKC", ch)
    return COMMA if folded in _COMMAS else folded


def normalize_zh(text: str) -> str:
    """The same clean-up without checks or sentences: simplified characters only, every punctuation mark
    and space dropped (for comparing texts, e.g. which hand-written sentences occur in training)."""
    clean, _ = remove_controls(text)
    simplified, _ = to_simplified(unicodedata.normalize("NFKC", clean))
    return "".join(s.text.replace(COMMA, "") for s in split_sentences(simplified))


def zh_tokens(text: str) -> list[str]:
    return list(text)


def en_tokens(text: str) -> list[str]:
    return text.split()


def detokenize_en(tokens: Sequence[str]) -> str:
    """Tokens → a readable sentence: first letter capitalised, '?' and ',' attached to the word before."""
    text = " ".join(tokens).replace(" ?", "?").replace(" ,", ",")
    return text[:1].upper() + text[1:]


def join_translations(translations: Sequence[str]) -> str:
    """The translations of a text's sentences as one text.

    One sentence stays exactly as the model wrote it (the corpus has no final full stop). Several are
    each capitalised and end with the model's "?" when it wrote one, else with "." (the learner's own
    question mark never changes what the model said). Empty outputs are left out.
    """
    parts = [t.strip() for t in translations if t.strip()]
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return " ".join(p[:1].upper() + p[1:] + ("" if p.endswith(("?", ".", "!")) else ".") for p in parts)


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


class Tokenizer:
    """Source (Chinese characters) and target (English words) vocabularies."""

    def __init__(self, src: Vocab, tgt: Vocab, max_src_chars: int = MAX_SRC_CHARS) -> None:
        self.src = src
        self.tgt = tgt
        self.max_src_chars = max_src_chars

    def normalize(self, text: object) -> Normalized:
        """normalize_input with this model's length limit. Raises only InputError."""
        return normalize_input(text, self.max_src_chars)

    def encode_sentence(self, sentence: Sentence) -> SourceEncoding:
        """One normalized sentence → ids. A model whose corpus had no comma never saw "，": it is left out
        rather than fed as <unk> (which would look like an unknown word to the learner)."""
        text = sentence.text if COMMA in self.src else sentence.text.replace(COMMA, "")
        tokens = tuple(zh_tokens(text))
        ids = tuple(self.src.encode(tokens))
        unknown = tuple(dict.fromkeys(t for t, i in zip(tokens, ids) if i == UNK_ID))
        return SourceEncoding(text, tokens, ids, unknown, sentence.question)

    def encode_sentences(self, text: object) -> tuple[Normalized, tuple[SourceEncoding, ...]]:
        """Learner text of one or more sentences → its normalisation and one encoding per sentence."""
        norm = self.normalize(text)
        return norm, tuple(self.encode_sentence(s) for s in norm.sentences)

    def encode_source(self, text: object) -> SourceEncoding:
        """Check and encode learner text of one sentence. Raises only InputError (code "several_sentences"
        for text of more than one: use encode_sentences)."""
        norm = self.normalize(text)
        if len(norm.sentences) > 1:
            raise InputError("several_sentences", f"The text has {len(norm.sentences)} sentences; encode them "
                             "one at a time.", n=len(norm.sentences))
        return self.encode_sentence(norm.sentences[0])

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
