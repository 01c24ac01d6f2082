"""What an exercise is, how an answer is read, and how it is graded. Pure Python + NumPy: no Streamlit.

An :class:`Instance` is generated from the learner's own tensors (a cached Trace) and a seed. It holds the
right answer, a tolerance, and its **bug values**: the same computation done wrong on the same tensors, one
per misconception tag. :func:`grade` reads the learner's raw text (``parse_number`` / ``parse_shape``) and
names the misconception whose value the answer matches, PrairieLearn's generate → parse → grade with
ARENA's "your result is twice the expected value" diagnosis.

Text is never stored here as prose: prompts, hints and feedback are i18n keys with parameters
(``assets/i18n/exercises/<lang>.json``), so both languages are checked by the catalogue tests.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

# Answer kinds: what the learner gives and how it is compared.
NUMBER, CHOICE, SHAPE, ORDER, GRID = "number", "choice", "shape", "order", "grid"
KINDS = (NUMBER, CHOICE, SHAPE, ORDER, GRID)

# Exercise types (the research note's ten, merged where the UI is the same): each page offers several.
COMPUTE, READ_OFF, PREDICT, SHAPES, PICK, STEPS = "compute", "read_off", "predict", "shapes", "pick", "steps"
TYPES = (COMPUTE, READ_OFF, PREDICT, SHAPES, PICK, STEPS)

# Right, a named misconception, wrong without a name, or text that could not be read (costs nothing).
RIGHT, BUG, WRONG, UNREADABLE = "right", "bug", "wrong", "unreadable"


@dataclass(frozen=True)
class Text:
    """An i18n key and its fields: the UI translates it, a test checks the key exists in both languages."""

    key: str
    fields: Mapping[str, Any] = field(default_factory=dict)


def text(key: str, **fields: Any) -> Text:
    return Text(key, dict(fields))


@dataclass(frozen=True)
class Instance:
    """One posed exercise: everything the page shows and everything grading needs.

    ``answer``: a float (NUMBER), a choice index (CHOICE), a shape tuple (SHAPE), a tuple of step indices in
    the right order (ORDER) or a tuple of rows of 0/1 (GRID). ``bugs`` maps a misconception tag to the value
    that misconception gives, in the same form as ``answer``. ``show`` holds what the learner computes from:
    named numbers, vectors or matrices, already rounded as displayed (``decimals``). ``hints`` are the
    ladder's three rungs: point to the cells, the formula with one blank, the worked solution.
    """

    kind: str
    prompt: Text
    answer: Any
    page: str = ""  # page, type and seed are filled in by registry.generate
    type: str = ""
    seed: int = 0
    section: str = "intro"  # the lesson section that shows this computation ("reteach" / "see it" links)
    tolerance: float = 0.0
    bugs: Mapping[str, Any] = field(default_factory=dict)
    show: Mapping[str, Any] = field(default_factory=dict)
    labels: Mapping[str, Sequence[str]] = field(default_factory=dict)  # axis labels of matrices in ``show``
    choices: Sequence[Text | str] = ()
    hints: Sequence[Text] = ()
    solution: Sequence[str] = ()  # LaTeX lines of the worked solution (numbers, no prose)
    reveal: Text | None = None  # predict-then-reveal: what the model did, shown after an answer
    params: Mapping[str, Any] = field(default_factory=dict)  # the view: layer, head, query, key, step …
    decimals: int = 4
    follow: str = ""  # a chain's next step (FOLLOW_UPS key): graded on the learner's own answer to this one

    @property
    def skill(self) -> str:
        return f"{self.page}.{self.type}"

    @property
    def id(self) -> str:
        """A short, stable id of this instance: "different instances" in the mastery rules means different ids.
        Made from what the learner is asked (prompt, view, choices, answer), not from the seed that drew it: an
        exercise that does not depend on the sentence (a weight count) asks the same question after "Another one",
        and the same question again is no new evidence toward Proficient (truth round 7)."""
        raw = repr((self.page, self.type, self.prompt, sorted(self.params.items()), _plain(self.answer),
                    tuple(self.choices)))
        return hashlib.blake2s(raw.encode(), digest_size=4).hexdigest()


@dataclass(frozen=True)
class Result:
    status: str  # RIGHT, BUG, WRONG or UNREADABLE
    value: Any = None  # the learner's answer as read
    tag: str | None = None  # the misconception matched (status BUG)
    bug_value: Any = None
    read_as: str = ""  # how the raw text was read, shown back to the learner

    @property
    def correct(self) -> bool:
        return self.status == RIGHT

    @property
    def counts(self) -> bool:
        """An unreadable answer is not an attempt."""
        return self.status != UNREADABLE


_NEGATIVE_OPERAND = re.compile(r"((?:[-+]|\\times|\\cdot)\s*)(-\d+(?:\.\d+)?)")
_E_NOTATION = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)e([+-]?)0*(\d+)")


def tidy_latex(line: str) -> str:
    """A worked solution's LaTeX as a reader parses it: a negative operand after an operator in brackets
    ("1 - -0.6450^2" squares first and reads 1.4160; "+ -0.1268"), and Python's 1e-05 as 1 \\times 10^{-5}."""
    line = _NEGATIVE_OPERAND.sub(r"\1(\2)", line)
    return _E_NOTATION.sub(lambda m: (m[1] + r" \times " if m[1] != "1" else "") + f"10^{{{m[2].lstrip('+')}{m[3]}}}",
                           line)


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    return value


# ---- reading what the learner typed -------------------------------------------------------------------

_PERCENT = re.compile(r"^(.*?)\s*%$")
_APPROX = re.compile(r"^(?:≈|~|=|约|大约|about|approx\.?)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$", re.IGNORECASE)
_FRACTION = re.compile(r"^([+-]?\d+)\s*/\s*(\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+$")
_MINUS = str.maketrans({"−": "-", "–": "-", "—": "-", "﹣": "-", "－": "-", "。": ".", "．": "."})


def normalise(raw: object) -> str:
    """NFKC (full-width digits and signs become ASCII), Unicode minus signs → "-", spaces trimmed; control
    and bidirectional-override characters dropped so they never reach state or the page."""
    s = unicodedata.normalize("NFKC", str(raw)).translate(_MINUS)
    s = "".join(ch for ch in s if unicodedata.category(ch) not in ("Cc", "Cf") or ch in " ")
    return s.strip()[:64]


def parse_number(raw: object, whole: bool = False) -> float | None:
    """A number from what a learner types: "0.23", "０．２３", "23 %", "≈0.23", "0,23", "-1e-3", "2/3", "−0.5".
    ``whole``: the answer is a whole count, so commas between groups of three digits separate thousands
    ("131,712", "1,509,241", as the app writes counts); otherwise one comma is a decimal comma ("0,23").
    None when it cannot be read (the caller says how it was read; it never counts as wrong)."""
    s = normalise(raw).replace(" ", "")
    s = _APPROX.sub("", s)
    scale = 1.0
    if m := _PERCENT.match(s):
        s, scale = m.group(1), 0.01
    if whole and _THOUSANDS.match(s):
        s = s.replace(",", "")
    elif s.count(",") == 1 and "." not in s:  # a comma decimal (0,23)
        s = s.replace(",", ".")
    if m := _FRACTION.match(s):
        num, den = int(m.group(1)), int(m.group(2))
        return float(Fraction(num, den)) * scale if den else None
    if not _NUMBER.match(s):
        return None
    value = float(s) * scale
    return value if math.isfinite(value) else None


_SHAPE_SPLIT = re.compile(r"[x×*,，\s]+")


def parse_shape(raw: object) -> tuple[int, ...] | None:
    """A shape from "7 × 128", "(7, 128)", "[4,7,32]", "7x128", "７×１２８". None when unreadable."""
    s = normalise(raw).strip("()[]（）【】 ")
    parts = [p for p in _SHAPE_SPLIT.split(s) if p]
    if not parts or len(parts) > 6 or not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


# ---- grading -----------------------------------------------------------------------------------------

def _close(a: Any, b: Any, kind: str, tol: float) -> bool:
    if kind == NUMBER:
        return a is not None and b is not None and abs(float(a) - float(b)) <= tol
    return _plain(a) == _plain(b)


def read(instance: Instance, raw: Any) -> tuple[Any, str]:
    """The learner's raw answer in the instance's form, and how it was read (None when it could not be)."""
    kind = instance.kind
    if kind == NUMBER:
        value = parse_number(raw, whole=instance.decimals == 0)
        return value, ("" if value is None else f"{value:.{instance.decimals + 2}g}")
    if kind == SHAPE:
        value = parse_shape(raw)
        return value, ("" if value is None else " × ".join(map(str, value)))
    if kind == CHOICE:
        ok = isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < len(instance.choices)
        return (raw if ok else None), ""
    if kind == ORDER:
        ok = (isinstance(raw, (list, tuple)) and len(raw) == len(instance.answer)
              and sorted(raw) == sorted(instance.answer))
        return (tuple(raw) if ok else None), ""
    if kind == GRID:
        try:
            value = tuple(tuple(int(bool(c)) for c in row) for row in raw)
        except TypeError:
            return None, ""
        shape_ok = len(value) == len(instance.answer) and all(
            len(r) == len(a) for r, a in zip(value, instance.answer))
        return (value if shape_ok else None), ""
    raise ValueError(f"unknown answer kind {kind!r}")


AGAIN = "@"  # a bug's key "tag@k": the slip ``tag`` a second time in one instance (another pair of steps swapped)


def slip(key: str) -> str:
    """The misconception a bug's key names ("norm_before_add@5" → "norm_before_add")."""
    return key.split(AGAIN)[0]


def grade(instance: Instance, raw: Any) -> Result:
    """Right, a named misconception (the nearest bug value within tolerance), wrong, or unreadable.

    Never raises on what a learner typed."""
    value, read_as = read(instance, raw)
    if value is None:
        return Result(UNREADABLE, read_as=normalise(raw) if isinstance(raw, str) else "")
    tol = instance.tolerance
    if _close(value, instance.answer, instance.kind, tol):
        return Result(RIGHT, value, read_as=read_as)
    matches = [(tag, bug) for tag, bug in instance.bugs.items() if _close(value, bug, instance.kind, tol)]
    if matches:
        if instance.kind == NUMBER:
            matches.sort(key=lambda m: abs(float(m[1]) - float(value)))
        tag, bug = matches[0]
        return Result(BUG, value, tag=slip(tag), bug_value=bug, read_as=read_as)
    return Result(WRONG, value, read_as=read_as)


# ---- chains: error carried forward ---------------------------------------------------------------------

# name → make(instance, learner_value) → the next step's Instance, computed from the learner's own number
FOLLOW_UPS: dict[str, Any] = {}


def follow_up(instance: Instance, result: Result) -> Instance | None:
    """The next step of a chain, posed on the learner's own answer to this step (Numbas' "adaptive marking"): a
    slip in step one is not charged again in step two. None when there is no next step or nothing was read."""
    make = FOLLOW_UPS.get(instance.follow)
    if make is None or not result.counts or result.value is None:
        return None
    nxt = prune_bugs(make(instance, result.value))
    # it cannot be drawn again (it rests on the learner's number): a slip that lands on the answer is not named
    gap = 3 * nxt.tolerance
    return replace(nxt, bugs={tag: v for tag, v in nxt.bugs.items() if abs(float(v) - float(nxt.answer)) > gap})


# ---- the ambiguity guard -------------------------------------------------------------------------------

def tolerance_for(answer: float, shown_error: float = 0.0, decimals: int = 4) -> float:
    """Room for rounding: the learner reads numbers rounded to ``decimals`` and may round their result the
    same way, and computing from the displayed numbers moves the result by up to ``shown_error``."""
    return max(2 * shown_error, 0.5 * 10 ** -(decimals - 1), 0.005 * abs(answer))


def unambiguous(instance: Instance, factor: float = 3.0) -> bool:
    """Pose an instance only when the right answer and every bug value are clearly apart (number: more than
    ``factor`` tolerances; other kinds: different), and the bugs are apart from each other, so a matched
    answer names exactly one misconception."""
    values = [instance.answer, *instance.bugs.values()]
    if instance.kind == NUMBER:
        if not all(v is not None and math.isfinite(float(v)) for v in values):
            return False
        gap = factor * instance.tolerance
        return all(abs(float(a) - float(b)) > gap for i, a in enumerate(values) for b in values[i + 1:])
    plain = [_plain(v) for v in values]
    return len(set(plain)) == len(plain)


def prune_bugs(instance: Instance, factor: float = 3.0) -> Instance:
    """Drop a bug whose value a bug listed before it already gives (two slips that land on the same number
    cannot be told apart; the first named stays). A bug that lands on the answer stays: the guard then
    refuses the instance."""
    kept: dict[str, Any] = {}
    for tag, value in instance.bugs.items():
        if instance.kind == NUMBER:
            if value is None or not math.isfinite(float(value)):
                continue
            clash = any(abs(float(value) - float(v)) <= factor * instance.tolerance for v in kept.values())
        else:
            clash = any(_plain(value) == _plain(v) for v in kept.values())
        if not clash:
            kept[tag] = value
    return replace(instance, bugs=kept)


def clear_winner(values: Sequence[float], margin: float) -> int | None:
    """The index of the largest value when it beats the runner-up by ``margin`` (a read-off with a clear
    answer), else None."""
    if len(values) < 2:
        return None
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=True)
    return order[0] if values[order[0]] - values[order[1]] >= margin else None


def seed_for(sentence: str, skill: str, attempt: int) -> int:
    """The seed of (sentence, exercise, attempt number): a new sentence or "another one" gives a new draw (a new
    instance, unless the question does not depend on them: Instance.id), the same three give the same instance (a
    class link can pin them so everyone discusses one)."""
    raw = f"{sentence}\x1f{skill}\x1f{attempt}".encode()
    return int.from_bytes(hashlib.blake2s(raw, digest_size=8).digest(), "big")
