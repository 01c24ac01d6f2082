"""Every exercise by page: a generator is registered for (page, type), never copied into a page.

A generator takes a :class:`Given` (the learner's trace and what else the page computed) and a NumPy
random generator, and returns an :class:`~exercises.core.Instance`, or None when this draw does not fit the
sentence (too short, no clear winner, …). :func:`generate` draws again until the ambiguity guard passes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .core import Instance, prune_bugs, seed_for, tidy_latex, unambiguous

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Given:
    """What an exercise may read: the learner's Trace, the model's configuration, and named extras a page
    already computed (a recurrent trace, a weight matrix, an experiment's outcome). Never a model: grading
    causes no model pass."""

    trace: Any
    cfg: Any = None
    extras: Mapping[str, Any] = field(default_factory=dict)
    sentence: str = ""

    def __getitem__(self, name: str) -> Any:
        return self.extras[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.extras.get(name, default)


Generator = Callable[[Given, np.random.Generator], "Instance | None"]


@dataclass(frozen=True)
class Exercise:
    page: str
    type: str
    make: Generator
    needs: tuple[str, ...] = ()  # extras it reads; without them the page does not offer it

    @property
    def skill(self) -> str:
        return f"{self.page}.{self.type}"


EXERCISES: dict[str, list[Exercise]] = {}


def register(page: str, type_: str, needs: tuple[str, ...] = ()) -> Callable[[Generator], Generator]:
    def wrap(make: Generator) -> Generator:
        exercises = EXERCISES.setdefault(page, [])
        if any(e.type == type_ for e in exercises):
            raise ValueError(f"{page}.{type_} is registered twice")
        exercises.append(Exercise(page, type_, make, needs))
        return make
    return wrap


def for_page(page: str) -> list[Exercise]:
    from . import catalogue  # noqa: F401  (importing it registers every generator)

    return list(EXERCISES.get(page, ()))


def find(skill: str) -> Exercise:
    page, _, type_ = skill.rpartition(".")
    for exercise in for_page(page):
        if exercise.type == type_:
            return exercise
    raise KeyError(skill)


def generate(exercise: Exercise, given: Given, seed: int, tries: int = 12) -> Instance | None:
    """The first draw from ``seed`` that fits the sentence and passes the ambiguity guard, or None."""
    if any(name not in given.extras for name in exercise.needs):
        return None
    rng = np.random.default_rng(seed)
    for _ in range(tries):
        try:
            instance = exercise.make(given, rng)
        except (KeyError, IndexError, ValueError) as e:  # a trace without the tensors it reads: not posed
            log.warning("exercise %s does not fit this trace: %s", exercise.skill, e)
            return None
        if instance is not None and unambiguous(instance := prune_bugs(instance)):
            return replace(instance, page=exercise.page, type=exercise.type, seed=seed,
                           solution=tuple(tidy_latex(line) for line in instance.solution))
    return None


def instances(page: str, given: Given, attempts: Mapping[str, int] | None = None) -> list[Instance]:
    """One instance of every exercise of ``page`` that fits this sentence; ``attempts[skill]`` counts the
    learner's "another one" clicks (the seed's third part)."""
    out = []
    for exercise in for_page(page):
        seed = seed_for(given.sentence, exercise.skill, (attempts or {}).get(exercise.skill, 0))
        instance = generate(exercise, given, seed)
        if instance is not None:
            out.append(instance)
    return out
