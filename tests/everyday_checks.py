"""Shared checks for the everyday sampler tests (tests/test_everyday_*.py): seeded draws, limits, form.

Imported by basename (``from everyday_checks import ...``): pytest puts tests/ on sys.path (rootdir
mode, no __init__.py), so this name must stay unique under tests/ (tests/test_test_layout.py checks).

Two styles of sampler test use it:

* one test per family (aspect, compare, daily, degree, modals): :func:`check_sampler` draws 300 pairs
  from a fresh generator, twice with seed 7 and once with seed 8;
* one test for the whole module (numbers, phrases, questions, shopping, time_dates): :func:`check_families`
  draws the families in turn from one generator and returns the pairs for the module's own extra checks.
"""

from __future__ import annotations

import random

from tutorial_model.corpus import MAX_EN_TOKENS, MAX_ZH_CHARS


def draw(sampler, seed: int, n: int = 300) -> list:
    """``n`` draws from one sampler (``None`` where it declined), from a generator seeded ``seed``."""
    rng = random.Random(seed)
    return [sampler(rng) for _ in range(n)]


def draw_families(families: dict, seed: int, n: int = 300) -> list[tuple[str, object]]:
    """``n`` rounds over every family of ``families`` ({name: (sampler, weight)}) from one generator."""
    rng = random.Random(seed)
    return [(name, sampler(rng)) for _ in range(n) for name, (sampler, _) in families.items()]


def within_limits(p) -> None:
    assert len(p.zh) <= MAX_ZH_CHARS and len(p.en.split()) <= MAX_EN_TOKENS, p


def check_sampler(sampler) -> None:
    """One family: seeded, mostly yields a pair, within the limits, no stray spaces or sentence marks."""
    a, b = draw(sampler, 7), draw(sampler, 7)
    assert a == b and a != draw(sampler, 8)
    pairs = [p for p in a if p is not None]
    assert len(pairs) > 200
    for p in pairs:
        within_limits(p)
        assert " " not in p.zh and p.en == p.en.strip() and "  " not in p.en, p
        assert not p.zh.endswith(("。", "！", "？")), p
        assert ("?" in p.en.split()) == (p.en.split()[-1] == "?"), p


def check_families(families: dict, seed: int, *, stripped: bool = False, question_last: bool = True) -> list:
    """All families of a module in turn: seeded, more than half yield a pair, within the limits, no stray spaces.

    ``stripped``: the English has no leading or trailing space; ``question_last``: a "?" only ever ends the
    English. Returns the pairs drawn, for the module's own checks.
    """
    a, b = draw_families(families, seed), draw_families(families, seed)
    assert a == b
    pairs = [p for _, p in a if p is not None]
    assert len(pairs) > len(a) // 2
    for p in pairs:
        within_limits(p)
        assert " " not in p.zh and "  " not in p.en, p
        if stripped:
            assert p.en == p.en.strip(), p
        if question_last:
            assert ("?" in p.en) == p.en.endswith("?"), p
    return pairs
