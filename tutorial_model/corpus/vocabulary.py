"""Word listings for the vocabulary page and the tokenizer tests."""

from __future__ import annotations

from .everyday.lexicon import vocabulary_words as everyday_names
from .lexicon import (
    ADJ,
    CONTAINERS,
    DESTINATIONS,
    FRAMES,
    FUNCTION_WORDS,
    GO,
    INTRANSITIVE,
    LOCATIONS,
    MEASURE_GLOSS,
    NOUNS,
    NUM_EN,
    NUM_ZH,
    PLACES,
    POSSESSORS,
    PRONOUNS,
    TIMES,
    TRANSITIVE,
)


def zh_vocabulary_words() -> list[tuple[str, str]]:
    """(Chinese word, English gloss) for the vocabulary page: the core lexicon, then the everyday names table."""
    return core_zh_vocabulary_words() + everyday_names()


def core_zh_vocabulary_words() -> list[tuple[str, str]]:
    """(Chinese word, English gloss) for every word of this module's lexicon, table by table."""
    out = [(p.zh, p.subj if p.subj == p.obj else f"{p.subj} / {p.obj}") for p in PRONOUNS]
    out += [(n.zh, n.en if not n.pl or n.pl == n.en else f"{n.en} ({n.pl})") for n in NOUNS]
    out += [(mw, f"measure word: {gloss}") for mw, gloss in MEASURE_GLOSS.items()]
    out += [(c, f"{sg} of (container)") for c, (sg, _) in CONTAINERS.items()]
    out += [(NUM_ZH[n], NUM_EN.get(n, "one; a / an")) for n in NUM_ZH]
    verbs: dict[str, list[str]] = {}
    for v in [*TRANSITIVE, *INTRANSITIVE, GO]:
        verbs.setdefault(v.zh, []).append(v.base)
    out += [(zh, " / ".join(glosses)) for zh, glosses in verbs.items()]
    out += [(a.zh, a.en) for a in ADJ.values()]
    out += [(p.zh, p.at.split()[-1]) for p in PLACES]
    out += [(t.zh, t.en) for t in TIMES]
    return out + FUNCTION_WORDS


def en_words() -> list[str]:
    """Every English token of this module's grammar and of the everyday names table, sorted.

    The everyday topic modules' other words are not listed yet (tests/test_corpus.py marks that gap).
    """
    words = {"?", "weather"} | {p.subj for p in PRONOUNS} | {p.obj for p in PRONOUNS}
    words |= {p.poss for p in POSSESSORS} | set(NUM_EN.values()) | {a.en for a in ADJ.values()}
    phrases = [n.en for n in NOUNS] + [n.pl or "" for n in NOUNS] + [w for pair in CONTAINERS.values()
                                                                       for w in pair]
    for v in [*TRANSITIVE, *INTRANSITIVE, GO]:
        phrases += [v.base, v.s3, "" if v.stative else v.past]
    phrases += [p.at for p in PLACES] + [p.to for p in DESTINATIONS] + [t.en for t in TIMES]
    phrases += [en for en, _ in LOCATIONS.values()]
    for f in FRAMES:
        phrases += [f.en, *f.obj_adjs.values(), *f.agent_adjs.values()]
    phrases.append("a an the this that these those am is are was were be do does did not will can cannot "
                   "to very too of with there no what who where because")
    phrases += [en.removesuffix(" (surname)") for _, en in everyday_names()]
    return sorted(words | {w for phrase in phrases for w in phrase.split()})
