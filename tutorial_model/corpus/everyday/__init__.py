"""Everyday beginner Chinese: the constructions and vocabulary of a first-year course (HSK 3.0 levels 1–2).

Each topic module defines deterministic ``build_*`` rules and seeded ``family_*`` samplers like
``tutorial_model.corpus`` does, and exports:

* ``FAMILIES``: family name → (sampler, number of distinct sentences to draw);
* ``EXAMPLES``: topic → list of sidebar examples, each a ``Pair`` built by the module's rules (added
  to the corpus as is) or a Chinese string the samplers must produce (generation fails otherwise).
  Every example is forced into the training split.

``tutorial_model.corpus.generate_pairs`` draws from these after its own families; it refuses a
Chinese sentence with two translations, so topics cannot silently contradict each other.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

TOPIC_MODULES: tuple[str, ...] = ("numbers", "phrases", "questions", "time_dates", "shopping", "aspect", "modals",
                                  "comparatives", "daily", "degree", "connectives", "adverbs", "life", "situations",
                                  "constructions", "hsk_l12_a", "hsk_l12_b", "hsk_l3")


def _collect() -> tuple[dict[str, tuple[Callable, int]], dict[str, list[str]]]:
    families: dict[str, tuple[Callable, int]] = {}
    examples: dict[str, list[str]] = {}
    for name in TOPIC_MODULES:
        mod = importlib.import_module(f"{__name__}.{name}")
        for fam, spec in mod.FAMILIES.items():
            if fam in families:
                raise ValueError(f"family {fam!r} defined twice (in {name})")
            families[fam] = spec
        for topic, sentences in getattr(mod, "EXAMPLES", {}).items():
            examples.setdefault(topic, []).extend(sentences)
    return families, examples


FAMILIES, EXAMPLES = _collect()
