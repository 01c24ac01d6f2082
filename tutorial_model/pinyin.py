"""Pinyin with tone marks for the learner's sentence, one reading per token, resolved in context.

pypinyin reads the whole sentence at once, so its phrase dictionary can pick the reading of a character with
several (了 is le in 我吃了 but liǎo in 了解; 行 is háng in 银行 but xíng in 不行). A character the dictionary
knows in no phrase gets its most common reading, which can be the wrong one. Tokens that are not one
Chinese character (the comma, <unk>, English words) get "".
"""

from __future__ import annotations

from collections.abc import Sequence

from pypinyin import Style, pinyin

from .tokenizer import is_cjk

_GAP = " "  # stands for a token that is not a Chinese character: it ends any phrase, as the token does


def _is_char(token: str) -> bool:
    return len(token) == 1 and is_cjk(token)


def sentence_pinyin(tokens: Sequence[str]) -> list[str]:
    """Tone-marked pinyin for each token (``tokens``: the sentence, one character per token, as the tokenizer
    cuts it); "" for a token that is not a Chinese character or that the library has no reading for."""
    tokens = [str(tok) for tok in tokens]
    text = "".join(tok if _is_char(tok) else _GAP for tok in tokens)
    readings = pinyin(text, style=Style.TONE, heteronym=False, errors=lambda chars: [""] * len(chars))
    if len(readings) != len(tokens):  # one reading per character is what pypinyin promises; never misalign
        raise RuntimeError(f"pypinyin gave {len(readings)} readings for {len(tokens)} tokens of {text!r}")
    return [r[0] if _is_char(tok) else "" for tok, r in zip(tokens, readings)]


def has_chinese(tokens: Sequence[str]) -> bool:
    """Whether any token is a Chinese character (an axis worth annotating with pinyin)."""
    return any(_is_char(str(tok)) for tok in tokens)
