"""A short English gloss for a Chinese word or character, taken from the training corpus's own lexicon.

The corpus is generated from tables of Chinese words with their English (tutorial_model/corpus): the core
lexicon (nouns, verbs, adjectives, pronouns, function words), the everyday tables of names, countries, languages
and cities, and the set phrases (你好 → hello). Those pairs are the glosses here, so a gloss says what the training
data pairs the word with, not what a dictionary would say; a word outside the tables has none (None). The first
table that lists a word wins (the core lexicon before the everyday tables).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Chinese word → English gloss, for every word the corpus tables pair with English."""
    from .corpus import zh_vocabulary_words
    from .corpus.everyday.phrases import SET_PHRASES

    out: dict[str, str] = {}
    for zh, en in [*zh_vocabulary_words(), *SET_PHRASES.items()]:
        en = " ".join(en.replace("_", " ").split()).removesuffix(" ?").removesuffix(" ,")
        if zh and en and zh not in out:
            out[zh] = en
    return out


def gloss(word: str) -> str | None:
    """The lexicon's English for ``word`` (a character or a word), or None when the lexicon does not list it."""
    return lexicon().get(str(word))


def sentence_words(tokens: Sequence[str]) -> list[tuple[int, int, str]]:
    """The lexicon's words in a sentence (one token per character): (start, end, gloss) for each, read left to
    right taking the longest listed word at each position (你好 before 你), skipping characters it does not list."""
    chars = [str(t) for t in tokens]
    words = lexicon()
    longest = max(map(len, words), default=1)
    out, i = [], 0
    while i < len(chars):
        for n in range(min(longest, len(chars) - i), 0, -1):
            word = "".join(chars[i:i + n])
            if all(len(c) == 1 for c in chars[i:i + n]) and word in words:
                out.append((i, i + n, words[word]))
                i += n
                break
        else:
            i += 1
    return out


def token_glosses(tokens: Sequence[str]) -> list[tuple[str, str] | None]:
    """For each token, (the lexicon word it belongs to in this sentence, that word's gloss), or None."""
    out: list[tuple[str, str] | None] = [None] * len(tokens)
    for start, end, en in sentence_words(tokens):
        word = "".join(str(t) for t in tokens[start:end])
        for k in range(start, end):
            out[k] = (word, en)
    return out


def word_by_word(tokens: Sequence[str], readings: Sequence[str]) -> list[tuple[str, str, str]]:
    """The sentence as (Chinese, pinyin, English) pieces, left to right: each lexicon word of it whole (学校, xuéxiào,
    school), each other token alone with "" for its English; ``readings`` is one reading per token ("" for none)."""
    tokens = [str(t) for t in tokens]
    spans = {start: (end, en) for start, end, en in sentence_words(tokens)}
    out, i = [], 0
    while i < len(tokens):
        end, en = spans.get(i, (i + 1, ""))
        out.append(("".join(tokens[i:end]), "".join(readings[i:end]), en))
        i = end
    return out
