"""The interview cards (issue 21) as data: loading, text in a language, the live link, the Anki export, and the
quick read-offs computed from the learner's own trace. Pure: no Streamlit here (tests call it directly).

The cards live in ``assets/interview/cards.json``: the article's 38 questions (shared/seeds/004_…), the verdict on
the article's answer, a corrected answer in en and zh, a find-the-mistake item for every wrong answer, and the
lesson section that shows it live. Answers may use the lessons' ``{placeholders}`` (ui/lesson_numbers.py): the
model's sizes are filled from the checkpoint metadata at render time, never typed.
"""

from __future__ import annotations

import contextvars
import csv
import io
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import i18n, lesson_numbers, toc

CARDS_FILE = Path(__file__).resolve().parent.parent / "assets" / "interview" / "cards.json"
VERDICTS = ("right", "incomplete", "wrong")
READOFFS = ("heads_differ", "symmetric", "scale", "causal", "d_k", "residual", "emb_scale", "pe_value",
            "ffn_width", "cross_argmax", "steps", "shift", "argmax_enc")


@dataclass(frozen=True)
class Live:
    slug: str  # the lesson (ui/toc.py)
    sec: str  # a section name of assets/lessons/<lang>/<slug>.md
    view: tuple[tuple[str, str], ...]  # URL values that set the view (layer, head, attn, exp …)


@dataclass(frozen=True)
class Mistake:
    quote_zh: str  # the article's sentence, verbatim
    choices: tuple[dict, ...]  # {"en": …, "zh": …}
    answer: int
    fix: dict  # {"en": …, "zh": …}


@dataclass(frozen=True)
class Card:
    id: str
    part: int
    n: int
    original_zh: str
    verdict: str
    tags: tuple[str, ...]
    live: Live | None
    readoff: str | None
    text: dict  # {"en": {"q", "a"}, "zh": {"q", "a"}}
    note: dict  # why the verdict, {"en", "zh"}
    mistake: Mistake | None


def _card(d: dict) -> Card:
    live = d.get("live")
    m = d.get("mistake")
    return Card(
        id=d["id"], part=int(d["part"]), n=int(d["n"]), original_zh=d["original_zh"], verdict=d["verdict"],
        tags=tuple(d.get("tags", ())),
        live=Live(live["slug"], live["sec"], tuple((k, str(v)) for k, v in live.get("view", {}).items()))
        if live else None,
        readoff=d.get("readoff"), text={"en": d["en"], "zh": d["zh"]}, note=d["verdict_note"],
        mistake=Mistake(m["quote_zh"], tuple(m["choices"]), int(m["answer"]), {"en": m["en"], "zh": m["zh"]})
        if m else None)


@lru_cache(maxsize=1)
def cards() -> tuple[Card, ...]:
    doc = json.loads(CARDS_FILE.read_text(encoding="utf-8"))
    return tuple(_card(d) for d in doc["cards"])


def by_id() -> dict[str, Card]:
    return {c.id: c for c in cards()}


def _lang(lang: str) -> str:
    return lang if lang in ("en", "zh") else "en"


def question(card: Card, lang: str) -> str:
    return card.text[_lang(lang)]["q"]


def answer(card: Card, lang: str, values: dict[str, str] | None = None) -> str:
    """The corrected answer, its ``{placeholders}`` filled (formulas untouched)."""
    vals = lesson_numbers.shipped_values() if values is None else values
    return lesson_numbers.fill(card.text[_lang(lang)]["a"], vals)


def label(card: Card) -> str:
    """P1·4: the article's part and question number."""
    return f"P{card.part}·{card.n}"


# ---- the live link ---------------------------------------------------------------------------------------

def live_params(card: Card) -> dict[str, str]:
    """The URL values the link adds: the section, and the view that shows the answer."""
    assert card.live is not None
    return {"sec": card.live.sec, **dict(card.live.view)}


def live_file(card: Card) -> str:
    assert card.live is not None
    return toc.BY_SLUG[card.live.slug].file


def section_title(slug: str, sec: str, lang: str) -> str:
    """The heading of a lesson section (its first line without the ###), or "" when it starts with prose."""
    body = i18n.lesson_sections(_lang(lang), slug).get(sec, "")
    first = body.splitlines()[0] if body else ""
    return re.sub(r"^#+\s*", "", first).strip() if first.startswith("#") else ""


# ---- export for Anki -------------------------------------------------------------------------------------

_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE = re.compile(r"\$([^$\n]+?)\$")


def anki_math(text: str) -> str:
    """Anki's MathJax reads \\[…\\] and \\(…\\), not $…$."""
    return _INLINE.sub(r"\\(\1\\)", _DISPLAY.sub(r"\\[\1\\]", text))


def export_tsv(lang: str, base_url: str, values: dict[str, str] | None = None) -> str:
    """Every card as a tab-separated row (front, back, tags, link) that Anki imports as a Basic note; the header
    lines tell Anki the separator and the tags column."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:false\n#tags column:3\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    base = base_url.rstrip("/")
    for card in cards():
        front = f"{label(card)} {question(card, lang)}"
        back = anki_math(answer(card, lang, values))
        tags = " ".join(["transformer-interview", f"part{card.part}", *card.tags])
        link = ""
        if card.live is not None:
            query = "&".join(f"{k}={v}" for k, v in {"lang": _lang(lang), **live_params(card)}.items())
            link = f"{base}/{card.live.slug}?{query}"
        writer.writerow([front, back, tags, link])
    return out.getvalue()


def parse_tsv(text: str) -> list[list[str]]:
    """The rows of an export (header lines skipped): what Anki reads."""
    rows = csv.reader(io.StringIO(text), delimiter="\t")
    return [r for r in rows if r and not r[0].startswith("#")]


# ---- read-offs on the learner's own trace -----------------------------------------------------------------

@dataclass(frozen=True)
class ReadOff:
    prompt: str  # the question, filled in
    options: tuple[str, ...]
    answer: int  # index into options
    why: str  # the explanation with the trace's numbers


_ESCAPE: contextvars.ContextVar[Callable[[str], str]] = contextvars.ContextVar("escape", default=str)


def _tr(lang: str, name: str, /, **fmt) -> str:
    esc = _ESCAPE.get()
    return i18n.translate(_lang(lang), f"interview.readoff.{name}", **{k: esc(str(v)) for k, v in fmt.items()})


def _distinct(first: str, others: list[str], k: int = 4) -> tuple[list[str], int]:
    """``first`` and up to k−1 other options without repeats, shuffled deterministically; where first ends up."""
    opts = [first] + [o for o in dict.fromkeys(others) if o != first][: k - 1]
    rot = sum(map(ord, first)) % len(opts)  # a fixed rotation: the answer is not always first, and reruns agree
    opts = opts[rot:] + opts[:rot]
    return opts, opts.index(first)


def _f(x: float) -> str:
    return f"{x:.3f}"


def readoff(kind: str, trace, lang: str, escape: Callable[[str], str] = str) -> ReadOff | None:
    """A quick question answered by reading one number or one argmax off the learner's trace (None when the trace
    is too short for it, e.g. a one-character sentence). ``escape`` is applied to every value put into the prompt
    and the explanation (the page passes a Markdown escape: tokens come from the learner's sentence)."""
    token = _ESCAPE.set(escape)
    try:
        return _readoff(kind, trace, lang)
    finally:
        _ESCAPE.reset(token)


def _readoff(kind: str, trace, lang: str) -> ReadOff | None:
    src, tgt, out = list(trace.src_tokens), list(trace.tgt_tokens), list(trace.out_tokens)
    if kind == "argmax_enc":
        p = trace["pattern", 0][0, 0]  # encoder layer 0 self-attention: head 0, query 0
        j = int(np.argmax(p))
        opts = [f"{t} ({i})" for i, t in enumerate(src)]
        return ReadOff(_tr(lang, "argmax_enc.q", tok=src[0]), tuple(opts), j,
                       _tr(lang, "argmax_enc.why", tok=src[0], src=src[j], w=_f(float(p[j]))))
    if kind == "heads_differ":
        pat = trace["pattern", 0][:, 0]  # (h, T): every head's row for query 0
        tops = [int(np.argmax(row)) for row in pat]
        same = len(set(tops)) == 1
        opts = (_tr(lang, "yes"), _tr(lang, "no"))
        per_head = ", ".join(f"{h}: {src[j]}" for h, j in enumerate(tops))
        return ReadOff(_tr(lang, "heads_differ.q", tok=src[0], h=len(tops)), opts, 0 if same else 1,
                       _tr(lang, "heads_differ.why", heads=per_head))
    if kind in ("symmetric", "scale"):
        if len(src) < 2:
            return None
        s = trace["scores", 0][0]  # (T, T), already divided by √d_k
        d_k = trace["q", 0].shape[-1]
        if kind == "symmetric":
            opts = (_tr(lang, "yes"), _tr(lang, "no"))
            equal = math.isclose(float(s[0, 1]), float(s[1, 0]), abs_tol=5e-4)
            return ReadOff(_tr(lang, "symmetric.q", a=src[0], b=src[1]), opts, 0 if equal else 1,
                           _tr(lang, "symmetric.why", a=src[0], b=src[1], ab=_f(float(s[0, 1])), ba=_f(float(s[1, 0]))))
        raw = float(s[0, 1]) * math.sqrt(d_k)
        right = _f(raw / math.sqrt(d_k))
        opts, ans = _distinct(right, [_f(raw), _f(raw / d_k), _f(raw * math.sqrt(d_k))])
        return ReadOff(_tr(lang, "scale.q", a=src[0], b=src[1], raw=_f(raw), d_k=d_k), tuple(opts), ans,
                       _tr(lang, "scale.why", raw=_f(raw), d_k=d_k, sqrt=_f(math.sqrt(d_k)), s=right))
    if kind == "causal":
        if len(tgt) < 2:
            return None
        w = float(trace["pattern", 0, "decoder"][0, 0, 1])
        opts = (_tr(lang, "causal.zero"), _tr(lang, "causal.uniform", n=len(tgt)), _tr(lang, "causal.depends"))
        return ReadOff(_tr(lang, "causal.q", a=tgt[0], b=tgt[1]), opts, 0, _tr(lang, "causal.why", w=f"{w:g}"))
    if kind == "d_k":
        h, _, d_k = trace["q", 0].shape  # (h, T, d_k)
        d_model = trace["concat", 0].shape[-1]
        opts, ans = _distinct(str(d_k), [str(d_model), str(h), str(d_model * h)])
        return ReadOff(_tr(lang, "d_k.q", tok=src[0]), tuple(opts), ans,
                       _tr(lang, "d_k.why", d_k=d_k, d_model=d_model, h=h))
    if kind == "ffn_width":
        d_ff = trace["hidden", 0, "encoder", "ffn"].shape[-1]
        d_model = trace["out", 0, "encoder", "ffn"].shape[-1]
        opts, ans = _distinct(str(d_ff), [str(d_model), str(d_model // 2), str(d_ff * 4)])
        return ReadOff(_tr(lang, "ffn_width.q", tok=src[0]), tuple(opts), ans,
                       _tr(lang, "ffn_width.why", d_ff=d_ff, d_model=d_model))
    if kind == "residual":
        x = float(trace["in", 0, "encoder", None][0, 0])
        sub = float(trace["out", 0][0, 0])
        resid = float(trace["resid", 0, "encoder", "norm1"][0, 0])
        opts, ans = _distinct(_f(resid), [_f(sub), _f(x), _f(x * sub)])
        return ReadOff(_tr(lang, "residual.q", tok=src[0], x=_f(x), sub=_f(sub)), tuple(opts), ans,
                       _tr(lang, "residual.why", x=_f(x), sub=_f(sub), r=_f(resid)))
    if kind == "emb_scale":
        raw = float(np.linalg.norm(trace["token", "src_embed"][0]))
        scaled = float(np.linalg.norm(trace["scaled", "src_embed"][0]))
        d_model = trace["token", "src_embed"].shape[-1]
        ratio = scaled / raw
        opts, ans = _distinct(_f(ratio), [_f(d_model), "1.000", _f(math.sqrt(d_model) / 2)])
        return ReadOff(_tr(lang, "emb_scale.q", tok=src[0], raw=_f(raw), scaled=_f(scaled)), tuple(opts), ans,
                       _tr(lang, "emb_scale.why", r=_f(ratio), d_model=d_model))
    if kind == "pe_value":
        pos = min(1, len(src) - 1)
        v = float(trace["pos", "src_embed"][pos, 0])
        opts, ans = _distinct(_f(math.sin(pos)), [_f(math.cos(pos)), _f(pos / 10000), "0.500"])
        return ReadOff(_tr(lang, "pe_value.q", pos=pos, tok=src[pos]), tuple(opts), ans,
                       _tr(lang, "pe_value.why", pos=pos, v=_f(v)))
    if kind == "cross_argmax":
        last = trace.n_layers - 1  # the encoder–decoder model has as many decoder layers as encoder layers
        p = trace["pattern", last, "decoder", "cross_attn"][:, 0].mean(axis=0)  # mean over heads, query 0
        j = int(np.argmax(p))
        opts = [f"{t} ({i})" for i, t in enumerate(src)]
        return ReadOff(_tr(lang, "cross_argmax.q", layer=last, tok=tgt[0], word=out[0]), tuple(opts), j,
                       _tr(lang, "cross_argmax.why", src=src[j], w=_f(float(p[j]))))
    if kind == "steps":
        opts, ans = _distinct(str(len(out)), [str(len(src)), "1", str(len(out) + 1)])
        return ReadOff(_tr(lang, "steps.q", translation=" ".join(out)), tuple(opts), ans,
                       _tr(lang, "steps.why", n=len(out), eos="<eos>"))
    if kind == "shift":
        if len(tgt) < 2:
            return None
        opts, ans = _distinct(tgt[1], [out[1] if len(out) > 1 else "<eos>", "<bos>", src[0]])
        return ReadOff(_tr(lang, "shift.q", word=out[1] if len(out) > 1 else out[0]), tuple(opts), ans,
                       _tr(lang, "shift.why", prev=tgt[1]))
    raise ValueError(f"unknown read-off {kind!r}")
