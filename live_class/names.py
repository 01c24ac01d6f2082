"""App-made pseudonyms: an adjective, an animal and two digits, shown in the reader's language.

Only the three parts' ids are stored (``"blue.panda.42"``); the words are i18n keys
``classroom.adj.<id>`` and ``classroom.animal.<id>`` (assets/i18n/classroom/). Nothing a learner typed
ever becomes a name.
"""

from __future__ import annotations

import re
import secrets

ADJECTIVES = ("blue", "red", "green", "gold", "silver", "purple", "orange", "brave", "calm", "clever", "quick",
              "quiet", "happy", "bright", "gentle", "lucky", "sunny", "swift", "kind", "bold", "merry", "wise",
              "tiny", "jolly")
ANIMALS = ("panda", "tiger", "otter", "fox", "rabbit", "dolphin", "eagle", "koala", "penguin", "owl", "deer",
           "whale", "turtle", "lion", "swan", "crane", "squirrel", "hedgehog", "horse", "falcon", "seal", "lynx",
           "sparrow", "goat")
NAME = re.compile(r"([a-z]+)\.([a-z]+)\.(\d{2})")


def new_name() -> str:
    """A random pseudonym id, e.g. ``"blue.panda.42"`` (24 × 24 × 100 = 57 600 of them)."""
    return f"{secrets.choice(ADJECTIVES)}.{secrets.choice(ANIMALS)}.{secrets.randbelow(100):02d}"


def parts(name: str) -> tuple[str, str, str] | None:
    """(adjective id, animal id, digits) of a stored name; None for anything else."""
    m = NAME.fullmatch(str(name))
    if not m or m.group(1) not in ADJECTIVES or m.group(2) not in ANIMALS:
        return None
    return m.group(1), m.group(2), m.group(3)
