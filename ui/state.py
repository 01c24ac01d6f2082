"""Every piece of state the lessons share, its default, and its two homes: session state and the URL.

A teacher's link must open the same view, so each selection that matters lives under one short name
both in ``st.session_state`` (as ``tl_<name>``) and in ``st.query_params`` (as ``<name>``). The URL
only holds values that differ from the default, which keeps links short.

Rules:
  * ``sync_from_url()`` runs first on every script run: a parameter present in the URL wins over the
    session (that is how a shared link opens a view). A parameter absent from the URL changes nothing,
    because Streamlit drops query parameters when the sidebar navigation switches pages.
  * ``set(name, value)`` is the only way to change a value: it writes the session and the URL at once,
    so a value changed in a widget callback is already in the URL when the next run reads it.
  * ``write_url()`` runs last and restores every non-default value after a page switch.

The sentence is special: the URL's ``s`` is the sentence in use (always one the model accepted). A
sentence arriving from the URL or from the text box is first a *candidate* (``input``); the loader
checks it and promotes it to ``s`` or reports why not, keeping the last good sentence. Both doors (the
URL and the box) pass through the tokenizer's ``remove_controls`` first, so control, bidi and invisible
format characters never reach session state, the URL or a figure; how many went is kept for the page to say.
``s`` may hold several sentences; ``si`` picks the one the pages trace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from tutorial_model.tokenizer import MAX_SENTENCES, remove_controls

from . import i18n

DEFAULT_SENTENCE = "我有一只猫"
LANGUAGES = ("en", "zh")  # codes the URL may carry; i18n falls back to English for a missing catalogue
METHODS = ("greedy", "sample", "beam")
ATTENTIONS = ("enc_self", "dec_self", "dec_cross")
GRADIENT_TARGETS = ("logprob", "context")  # what the why-attention page differentiates (compare.gradient_by_distance)
TOY_ACTIVATIONS = ("linear", "tanh")  # the RNN memory toy's activation
EXPERIMENTS = ("heads", "no_pe", "no_scale", "source", "block")  # the experiments page: what is taken out
ABLATIONS = ("mean", "zero")  # what replaces a knocked-out head's output
SOURCE_EDITS = ("reverse", "shuffle")
VARIANT_NAMES = ("no_pe", "learned_pe", "no_scale", "one_head", "no_residual", "no_layernorm", "pre_norm")
PREFIX = "tl_"


def _int_in(lo: int, hi: int) -> Callable[[str], int]:
    def parse(s: str) -> int:
        v = int(s)
        if not lo <= v <= hi:
            raise ValueError(f"{v} is outside {lo}..{hi}")
        return v
    return parse


def _float_in(lo: float, hi: float) -> Callable[[str], float]:
    def parse(s: str) -> float:
        v = round(float(s), 2)
        if not lo <= v <= hi:
            raise ValueError(f"{v} is outside {lo}..{hi}")
        return v
    return parse


def _one_of(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(s: str) -> str:
        if s not in options:
            raise ValueError(f"{s!r} is not one of {options}")
        return s
    return parse


def _text(s: str) -> str:
    if len(s) > 200:
        raise ValueError("too long for a sentence")
    return remove_controls(s)[0]


_HEAD = re.compile(r"(enc_self|dec_self|dec_cross)\.(\d{1,2})\.(\d{1,2})")


def _heads(s: str) -> str:
    """Knocked-out heads as "dec_cross.1.0,enc_self.0.3" (kind.layer.head), sorted, without repeats."""
    parts = [p for p in s.split(",") if p]
    if len(parts) > 64 or not all(_HEAD.fullmatch(p) for p in parts):
        raise ValueError(f"{s[:40]!r} is not a list of kind.layer.head")
    return ",".join(sorted({*parts}))  # (a set display: this module defines its own set())


# Controls a teacher's link may hide (TensorFlow Playground's "hidden controls"), each with the shared
# values it sets: a hidden control is not drawn, and its value stays what the link says.
HIDEABLE: dict[str, tuple[str, ...]] = {
    "sentence": ("s", "si"),  # the sentence box, the examples and the random sentence
    "lang": ("lang",),
    "method": ("method", "temp", "topk", "seed", "beam"),  # decoding method and its settings
    "layer": ("layer",),
    "head": ("head",),
    "token": ("tok", "xblk", "fb"),  # the query/token pickers
    "step": ("step",),  # decoding step
    "attn": ("attn", "vattn"),  # which attention (encoder self, decoder self, cross)
}


_SECTION_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")


def _section(s: str) -> int | str:
    """A lesson section: its name (``scores``, as in ``<!-- section: scores -->``), which survives a new section
    added before it, or the older links' index 0..63 (kept working)."""
    if s.isdigit():
        return _int_in(0, 63)(s)
    if not _SECTION_NAME.fullmatch(s):
        raise ValueError(f"{s[:40]!r} is not a section name or index")
    return s


def _follow_channel(s: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{12}", s):
        raise ValueError(f"{s[:40]!r} is not a follow channel")
    return s


def _hidden_controls(s: str) -> str:
    """A comma list of HIDEABLE names, in HIDEABLE's order without repeats; any unknown name rejects it."""
    parts = {p for p in s.split(",") if p}
    if not parts <= HIDEABLE.keys():
        raise ValueError(f"{s[:40]!r} names a control that cannot be hidden")
    return ",".join(c for c in HIDEABLE if c in parts)


@dataclass(frozen=True)
class Key:
    """One shared value: URL parameter name, default, and a parser that raises ValueError on bad URL text."""

    name: str
    default: Any
    parse: Callable[[str], Any]
    always_in_url: bool = False  # written even when it equals the default


KEYS: dict[str, Key] = {k.name: k for k in (
    # interface and lesson language; always in the URL so a shared link opens in the sender's language
    Key("lang", "en", _one_of(LANGUAGES), always_in_url=True),
    Key("s", DEFAULT_SENTENCE, _text),  # the sentence in use (last good one); may hold several sentences
    Key("si", 0, _int_in(0, MAX_SENTENCES - 1)),  # which of its sentences the pages trace
    Key("layer", 0, _int_in(0, 15)),  # encoder/decoder layer shown
    Key("head", 0, _int_in(0, 15)),  # attention head shown
    Key("tok", 0, _int_in(0, 63)),  # query token (position) shown
    Key("step", 0, _int_in(0, 63)),  # decoding step shown on the generation page
    Key("method", "greedy", _one_of(METHODS)),  # decoding method used for the trace
    Key("temp", 1.0, _float_in(0.1, 5.0)),  # sampling temperature
    Key("topk", 0, _int_in(0, 100)),  # sampling: keep only the k best words (0 = all)
    Key("seed", 0, _int_in(0, 10_000)),  # sampling seed
    Key("beam", 3, _int_in(1, 8)),  # beam width
    Key("attn", "enc_self", _one_of(ATTENTIONS)),  # which attention the multi-head page shows
    # the recurrent lessons (11–13)
    Key("unit", 0, _int_in(0, 1023)),  # hidden unit followed on the RNN and LSTM pages
    Key("units", 32, _int_in(1, 1024)),  # how many hidden units the state heatmaps show as columns
    Key("grad", "logprob", _one_of(GRADIENT_TARGETS)),  # gradient of the sentence log-prob or of the context c
    Key("tbatch", 1, _int_in(1, 64)),  # batch size of the live timing
    Key("mw", 1.0, _float_in(-2.0, 2.0)),  # memory toy: the recurrent weight
    Key("mact", "linear", _one_of(TOY_ACTIVATIONS)),  # memory toy: activation
    Key("morder", 0, _int_in(0, 2)),  # memory toy: which order of the inputs [1,1] [1,1] [2,2]
    Key("lc", 1.0, _float_in(-3.0, 3.0)),  # LSTM calculator: c_{t−1}
    Key("lf", 0.9, _float_in(0.0, 1.0)),  # forget gate
    Key("li", 0.3, _float_in(0.0, 1.0)),  # input gate
    Key("lg", -0.5, _float_in(-1.0, 1.0)),  # candidate g
    Key("lo", 0.8, _float_in(0.0, 1.0)),  # output gate
    Key("clip", 2.0, _float_in(0.1, 10.0)),  # gradient-clipping toy: the threshold
    # the experiments page (issue 11)
    # which part is taken out; the page opens on one whose removal changes the translation (review 26 opened on
    # "heads" with none chosen: two identical columns and a flat chart; one head out rarely changes a sentence)
    Key("exp", "no_pe", _one_of(EXPERIMENTS)),
    Key("xh", "", _heads),  # knocked-out heads
    Key("abl", "mean", _one_of(ABLATIONS)),  # their replacement
    Key("xsrc", "reverse", _one_of(SOURCE_EDITS)),  # reverse or shuffle the source characters
    Key("xblk", 0, _int_in(0, 63)),  # the source position cross-attention may not read
    Key("var", "no_pe", _one_of(VARIANT_NAMES)),  # the trained variant shown
    Key("vattn", "dec_cross", _one_of(ATTENTIONS)),  # which attention the variant is compared on
    # the model families page (issue 13)
    Key("fb", 63, _int_in(0, 63)),  # the character BERT fills in (default: snaps to the sentence's last)
    # teacher's mode (issue 9): presentation and the controls a class link hides
    Key("present", 0, _int_in(0, 1)),  # 1: large type, collapsed sidebar, one lesson section at a time
    Key("ex", 0, _int_in(0, 9_999)),  # exercises: a class link pins this offset of every exercise's seed (issue 20)
    Key("sec", 0, _section),  # which section: on screen while presenting, scrolled to (once) otherwise
    Key("hide", "", _hidden_controls),  # controls the class link hides, e.g. "sentence,method"
    Key("follow", "", _follow_channel),  # the teacher's presentation this learner's page follows (ui/follow.py)
)}

# Session-only values (never in the URL).
INPUT = PREFIX + "input"  # what the sentence box holds; may be bad text
INPUT_ERROR = PREFIX + "input_error"  # (code, detail) of the last rejected candidate, or None
INPUT_REMOVED = PREFIX + "input_removed"  # how many control/bidi characters the last arriving text lost
INPUT_INDEX = PREFIX + "input_index"  # the sentence a candidate opens at when accepted: 0, or a link's si
TIMING = PREFIX + "timing"  # lesson 13: {batch: (timing rows per model, "HH:MM:SS")}, measured on request


def _skey(name: str) -> str:
    return PREFIX + name


def browser_language() -> str:
    """The learner's language from the browser's locale (``zh-CN``, ``zh-TW`` → zh; anything else → en)."""
    locale = str(getattr(st.context, "locale", None) or "").lower()
    return "zh" if locale.startswith("zh") else "en"


def init() -> None:
    """Defaults for a new session (the language from the browser); then the URL, which wins where it says something."""
    ss = st.session_state
    ss.setdefault(_skey("lang"), browser_language())
    for k in KEYS.values():
        ss.setdefault(_skey(k.name), k.default)
    ss.setdefault(INPUT, ss[_skey("s")])
    ss.setdefault(INPUT_ERROR, None)
    ss.setdefault(INPUT_REMOVED, 0)
    sync_from_url()
    i18n.forget_language()  # a new run: the URL or a widget may have changed it


def sync_from_url() -> None:
    ss = st.session_state
    qp = st.query_params.to_dict()  # read once: each st.query_params access takes the session's lock
    for k in KEYS.values():
        if k.name not in qp:
            continue
        try:
            value = k.parse(qp[k.name])
        except (ValueError, TypeError):
            continue  # a mangled link falls back to what the session has; write_url() then tidies the URL
        if k.name == "s":
            removed = len(remove_controls(qp[k.name])[1])  # the link's own text still has them; value does not
            if value != ss[_skey("s")] and value != ss[INPUT]:
                ss[INPUT] = value  # a candidate: the loader checks it before it becomes the sentence
                ss[INPUT_REMOVED] = removed
                ss[INPUT_INDEX] = _link_index(qp)
            elif removed:  # same sentence, dirty link: write_url() replaces it with the clean one this run
                ss[INPUT_REMOVED] = removed
        else:
            ss[_skey(k.name)] = value


def _link_index(qp) -> int:
    try:
        return KEYS["si"].parse(qp["si"]) if "si" in qp else 0
    except (ValueError, TypeError):
        return 0


def get(name: str) -> Any:
    return st.session_state.get(_skey(name), KEYS[name].default)


def set(name: str, value: Any) -> None:  # noqa: A001 - the natural name next to get()
    """Change one value in the session and in the URL."""
    st.session_state[_skey(name)] = value
    _write_one(KEYS[name], value)
    if name == "lang":
        i18n.forget_language()


def _write_one(k: Key, value: Any, now: dict[str, str] | None = None) -> None:
    """``now``: the URL's parameters as read once by the caller (every st.query_params access takes a lock)."""
    now = st.query_params.to_dict() if now is None else now
    if value == k.default and not k.always_in_url:
        if k.name in now:
            del st.query_params[k.name]
    elif now.get(k.name) != str(value):
        st.query_params[k.name] = str(value)


def write_url() -> None:
    """Put every non-default value back in the URL (after a page switch dropped them)."""
    now = st.query_params.to_dict()
    for k in KEYS.values():
        _write_one(k, get(k.name), now)


def url_params() -> dict[str, str]:
    """The non-default values, for links and ``st.switch_page(..., query_params=...)``."""
    values = {k: get(k.name) for k in KEYS.values()}
    return {k.name: str(v) for k, v in values.items() if v != k.default or k.always_in_url}


def candidate() -> str:
    """The text in the sentence box (maybe not yet accepted)."""
    return st.session_state.get(INPUT, get("s"))


def propose(text: str) -> None:
    """A new candidate sentence from the box, the example list, or the random button (controls removed).

    Ignored under a class link that fixes the sentence: no button on any page may change it there."""
    if is_hidden("s"):
        return
    clean, removed = remove_controls(text)
    st.session_state[INPUT] = clean
    st.session_state[INPUT_REMOVED] = len(removed)
    st.session_state[INPUT_INDEX] = 0


def accept() -> None:
    """The loader accepted the candidate: it becomes the text in use, traced from its first sentence (or
    from the sentence a shared link names)."""
    set("s", candidate())
    set("si", int(st.session_state.get(INPUT_INDEX, 0)))


def removed_controls() -> int:
    """How many control or bidi characters were removed from the text that arrived last (box or link)."""
    return int(st.session_state.get(INPUT_REMOVED, 0))


def hidden_controls() -> tuple[str, ...]:
    """The HIDEABLE names this link hides."""
    return tuple(c for c in str(get("hide")).split(",") if c in HIDEABLE)


def is_hidden(name: str) -> bool:
    """Whether the control that sets the shared value ``name`` is hidden by the link."""
    return any(name in HIDEABLE[c] for c in hidden_controls())


def presenting() -> bool:
    return bool(get("present"))


def decoding_params(method: str | None = None) -> dict:
    """Keyword arguments for Translator.run_with_trace for the chosen decoding method."""
    method = method or get("method")
    if method == "sample":
        return {"temperature": float(get("temp")), "top_k": int(get("topk")) or None, "seed": int(get("seed"))}
    if method == "beam":
        return {"beam_size": int(get("beam"))}
    return {}
