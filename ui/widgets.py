"""Streamlit helpers every page shares: figures with downloads, selectors bound to ui.state,
the "check it by hand" box, "show the code", input messages, and the ◀ ▶ lesson links.
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

import numpy as np
import streamlit as st

from tutorial_model.tokenizer import SPECIALS

from . import analysis, loaders, navigation, pinyin_hover, present, state, toc
from .i18n import current_language, t, translate

# the mode bar only while the pointer is on the chart (it covered the titles): plotly's default, made explicit
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": "hover", "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def plotly_strings(lang: str) -> dict[str, str]:
    """Plotly's own interface strings (toolbar tips, download toasts) in ``lang``.

    Streamlit's bundled plotly.js registers only the "en" and "en-US" locales (no zh-CN), so the figure's
    config carries its own dictionary (config["locales"]), which plotly.js looks up before its registry."""

    def t(key: str) -> str:  # in ``lang``, which may be another session's: the config is made once per language
        return translate(lang, key)

    return {
        "Download plot as a PNG": t("plotly.download_png"),
        "Download plot": t("plotly.download"),
        "Preparing image - this may take a few seconds": t("plotly.preparing"),
        "Image download succeeded": t("plotly.downloaded"),
        "Sorry, there was a problem downloading your image!": t("plotly.download_failed"),
        "Zoom": t("plotly.zoom"),
        "Pan": t("plotly.pan"),
        "Zoom in": t("plotly.zoom_in"),
        "Zoom out": t("plotly.zoom_out"),
        "Autoscale": t("plotly.autoscale"),
        "Reset axes": t("plotly.reset_axes"),
        "Reset view": t("plotly.reset_view"),
        "Box Select": t("plotly.box_select"),
        "Lasso Select": t("plotly.lasso_select"),
        "Toggle Spike Lines": t("plotly.spikes"),
        "Show closest data on hover": t("plotly.hover_closest"),
        "Compare data on hover": t("plotly.hover_compare"),
        "Double-click to zoom back out": t("plotly.double_click"),
    }


def plotly_config() -> dict:
    """PLOTLY_CONFIG with Plotly's own strings in the learner's language (a new dict; its parts are shared)."""
    return dict(_config(current_language()))


@lru_cache(maxsize=8)
def _config(lang: str) -> dict:  # made once per language: every figure of every page sends it
    locale = f"tl-{lang}"
    return dict(PLOTLY_CONFIG, locale=locale, locales={locale: {"dictionary": plotly_strings(lang)}})


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~&:=^])")


def md_escape(text: object) -> str:
    """Text that Markdown shows literally: every Markdown/HTML/LaTeX character backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_.") or "figure"


def file_name(key: str, ext: str) -> str:
    """A clean download name from a figure's key: no empty or "None" parts, no odd characters."""
    parts = [p for p in slug(key).split(".") if p and p != "None"]
    return ".".join(parts or ["figure"]) + f".{ext}"


# ---- figures ------------------------------------------------------------------------------------------

def figure(fig, *, key: str, csv: tuple[np.ndarray, Sequence, Sequence] | None = None,
           width: int | str = "stretch", projector: bool = True, max_height: int = present.FIGURE_MAX_HEIGHT,
           fill: bool | None = None) -> None:
    """A plotly figure (PNG from its toolbar's camera button) and, with ``csv=(matrix, rows, cols)``,
    a button that downloads the numbers as a labelled CSV. ``projector=False``: the figure is already sized for
    presentation (the overview's diagram, ui.diagram_fit), so it is not enlarged again. ``max_height``: presenting,
    the figure's height at most (a part with text or controls above the figure asks for less than the default).
    ``fill`` (default: inside ``figures_fill()``): presenting, the figure then grows into the height its part leaves
    free (a 1080-pixel projector), never below the height it has now (a 768-pixel one)."""
    config = dict(plotly_config(), toImageButtonOptions={"format": "png", "filename": file_name(key, "png")[:-4],
                                                         "scale": 2})
    if state.presenting():
        above = present.text_above()  # a short text it joins (a heading): that much lower, then grown (fill)
        present.split(join=True)  # at the page's top level: a part of its own, or with that text
        title = (fig.to_dict().get("layout", {}).get("title") or {}).get("text")
        present.name_part(title)  # the part's name in the bar's list, when it has no heading of its own
        cap, tall = _AT_MOST.get(), _FILL_HEIGHT.get()
        limit = max_height if tall is None else max(max_height, tall)
        limit = limit if cap is None else min(limit, cap)
        if above:
            limit, fill = max(present.JOINED_MIN_HEIGHT, limit - above), True
        fig = present.projector_figure(fig, limit) if projector else fig
        if _FILL.get() if fill is None else fill:
            with present.filling(f"fig.{key}", fig.to_dict().get("layout", {}).get("height") or 450):
                st.plotly_chart(fig, key=f"fig.{key}", config=config, theme="streamlit", width=width,
                                height="stretch")
            fig = None
    # theme="streamlit": the page's light or dark background and text colour (ui/figures.py sets neither)
    if fig is not None:
        st.plotly_chart(fig, key=f"fig.{key}", config=config, theme="streamlit", width=width)
    if csv is not None and not state.presenting():  # no download buttons on the projector
        matrix, rows, cols = csv
        st.download_button(t("download.csv"), data=lambda: analysis.csv_bytes(matrix, list(rows), list(cols)),
                           file_name=file_name(key, "csv"), mime="text/csv", on_click="ignore", key=f"csv.{key}",
                           icon=":material/download:", type="tertiary")


_AT_MOST: ContextVar[int | None] = ContextVar("tl_figures_at_most", default=None)


@contextmanager
def figures_at_most(px: int) -> Iterator[None]:
    """Presenting: every figure drawn inside is at most ``px`` tall, those drawn by helpers (views.tensor) too: a
    part with controls above its figures. Outside presentation: nothing changes."""
    token = _AT_MOST.set(px)
    try:
        yield
    finally:
        _AT_MOST.reset(token)


_FILL: ContextVar[bool] = ContextVar("tl_figures_fill", default=False)
_FILL_HEIGHT: ContextVar[int | None] = ContextVar("tl_figures_fill_height", default=None)


@contextmanager
def figures_fill(height: int | None = None) -> Iterator[None]:
    """Presenting: every figure drawn inside grows into the height its part leaves free (``figure(fill=True)``),
    those drawn by helpers (views.tensor) too; ``height``: built that high (not FIGURE_MAX_HEIGHT), for a part that
    holds those figures alone. Outside presentation: nothing changes."""
    token, tall = _FILL.set(True), _FILL_HEIGHT.set(height)
    try:
        yield
    finally:
        _FILL.reset(token)
        _FILL_HEIGHT.reset(tall)


# ---- selectors bound to shared state ------------------------------------------------------------------

def _commit(name: str, widget_key: str) -> None:
    value = st.session_state.get(widget_key)
    if value is not None:
        state.set(name, value)


def choose(name: str, options: Sequence[Any], label: str, *, format_func: Callable[[Any], str] = str,
           widget: str = "segmented", help: str | None = None, key_suffix: str = "") -> Any:
    """A selector for the shared value ``name`` (URL + session); out-of-range values snap to the nearest option.

    widget: "segmented" (a row of buttons, for a handful of options) or "select" (a drop-down).
    A control that a teacher's link hides (state.HIDEABLE) is not drawn; the value stays the link's.
    """
    options = list(options)
    value = state.get(name)
    if value not in options:
        numeric = all(isinstance(o, (int, float)) and not isinstance(o, bool) for o in [value, *options])
        value = min(options, key=lambda o: abs(o - value)) if numeric else options[0]
        state.set(name, value)
    if state.is_hidden(name):
        return value
    wkey = f"_w.{name}{key_suffix}"
    st.session_state[wkey] = value
    kw = dict(key=wkey, format_func=format_func, on_change=_commit, args=(name, wkey), help=help)
    with present.page_wide():
        if widget == "segmented":
            st.segmented_control(label, options, required=True, **kw)
        elif widget == "slider":
            st.select_slider(label, options, **kw)
        else:
            st.selectbox(label, options, **kw)
    return value


def step_buttons(name: str, n: int) -> int:
    """◀ / ▶ buttons and a slider over 0..n−1 for the shared value ``name`` (the decoding step)."""
    value = max(0, min(int(state.get(name)), n - 1))
    if value != state.get(name):
        state.set(name, value)
    if state.is_hidden(name):
        return value
    with present.page_wide(), st.container(horizontal=True, vertical_alignment="bottom"):
        # presenting, on screen: ← / → step the decoding, not the parts (each while it can still step)
        back, ahead = present.arrow_keys(value > 0, value < n - 1)
        st.button(t("control.prev_step"), on_click=state.set, args=(name, max(0, value - 1)), disabled=value == 0,
                  icon=":material/chevron_left:", key=f"_b.{name}.prev", shortcut="Left" if back else None)
        st.button(t("control.next_step"), on_click=state.set, args=(name, min(n - 1, value + 1)),
                  disabled=value >= n - 1, icon=":material/chevron_right:", icon_position="right", type="primary",
                  key=f"_b.{name}.next", shortcut="Right" if ahead else None)
        st.button(t("control.reset_step"), on_click=state.set, args=(name, 0), disabled=value == 0,
                  icon=":material/first_page:", key=f"_b.{name}.reset")
        if n > 1 and present.presenting():  # presenting: the slider in the buttons' row (one screen with the bars)
            choose(name, range(n), t("control.step"), widget="slider", format_func=lambda k: str(k + 1))
    if n > 1 and not present.presenting():
        choose(name, range(n), t("control.step"), widget="slider", format_func=lambda k: str(k + 1))
    return value


def latex_token(tok: str) -> str:
    """A token inside a LaTeX formula: <eos> as ⟨eos⟩, other text escaped for \\text{}."""
    inner = str(tok)
    bracket = inner.startswith("<") and inner.endswith(">") and len(inner) > 2
    if bracket:
        inner = inner[1:-1]
    inner = re.sub(r"([&%$#_{}])", r"\\\1", inner.replace("\\", "")).replace("~", "").replace("^", "")
    return rf"\langle\text{{{inner}}}\rangle" if bracket else rf"\text{{{inner}}}"


PRESENT_TABLE_ROWS = 8  # presenting: a table's rows per block (a block of 8 and its header fit under a heading)


def table(columns: Mapping[str, Sequence[object]], strong: int | None = None) -> None:
    """A small table as Markdown: every cell escaped, so tokens like <bos> show as typed; row ``strong`` in bold.

    Cheaper than st.dataframe (no Arrow conversion) for the handful of rows the lessons show.
    """
    present.split(join=True)  # presenting: with the heading or short text above it
    names = list(columns)
    rows = list(zip(*(columns[n] for n in names)))
    head = ["| " + " | ".join(md_escape(n) for n in names) + " |", "|" + "---|" * len(names)]
    lines = ["| " + " | ".join(f"**{md_escape(v)}**" if i == strong else md_escape(v) for v in row) + " |"
             for i, row in enumerate(rows)]
    blocks = math.ceil(len(rows) / PRESENT_TABLE_ROWS) if present.top_level() else 1
    if blocks < 2:
        st.markdown("\n".join(head + lines))
        return
    # presenting a long table: its rows in blocks side by side, each with the header (23 rows ran 353 px past a
    # 1366×768 part)
    per = math.ceil(len(rows) / blocks)
    for k, col in enumerate(st.columns(blocks)):
        with col:
            st.markdown("\n".join(head + lines[k * per:(k + 1) * per]))


def token_chips(tokens: Sequence[str], highlight: int | None = None) -> str:
    """Tokens as inline code (shown literally, <bos> included); the highlighted one in bold."""
    chips = [f"`{str(tok).replace('`', '')}`" for tok in tokens]
    if highlight is not None and 0 <= highlight < len(chips):
        chips[highlight] = f"**{chips[highlight]}**"
    return " ".join(chips)


def layer_select(n_layers: int, label: str | None = None) -> int:
    return choose("layer", range(n_layers), label or t("control.layer"),
                  format_func=lambda i: t("control.layer_n", n=i))


def head_select(n_heads: int, label: str | None = None) -> int:
    return choose("head", range(n_heads), label or t("control.head"), format_func=lambda i: t("control.head_n", n=i))


def token_select(tokens: Sequence[str], label: str, name: str = "tok") -> int:
    """Pick a position; options read "2 · 一" so repeated tokens stay distinguishable; in the English interface with
    the reading and the training lexicon's English, "4 · 猫 (māo · “cat”)", for a learner who reads no Chinese."""
    extra = (pinyin_hover.notes(tokens) if current_language() == "en" else None) or [""] * len(tokens)
    return choose(name, range(len(tokens)), label, format_func=lambda i: f"{i} · {tokens[i]}{extra[i]}",
                  widget="select")


def new_part() -> None:
    """While presenting: what the page draws next at its top level starts a part of its own (ui.present.split)."""
    present.split()


def columns(spec, join: bool = False, **kwargs) -> list:
    """st.columns that, at the page's top level while presenting, starts a part of its own (ui.present.split);
    ``join``: unless the part holds only a short text (a row whose figures leave room for a heading and a few lines)."""
    present.split(join=join)
    return st.columns(spec, **kwargs)


WIDE = 720  # px: the overview's diagram never narrower (its labels would overlap)


@contextmanager
def wide() -> Iterator[None]:
    """Around one detailed figure (the overview's diagram): on a phone it keeps its 720 px layout, scaled down as a
    whole to the phone's width, instead of overlapping itself (ui.present's phone rules; the figure drawn with
    ``width=WIDE``); while presenting, a part of its own. Once per page."""
    present.split()
    with st.container(key="tl_wide_figure"):
        yield


def shown_columns(widths: Mapping[str, float]) -> dict[str, Any]:
    """A column per control that a class link does not hide (keyed like ``widths``: value name → width), so
    hidden controls leave no empty columns and no blank row; a hidden control's key maps to a bare container
    (the control returns its value without drawing anything). A key "" is a spacer, kept only beside a control."""
    shown = [name for name in widths if not state.is_hidden(name)]
    if not any(shown):
        shown = []
    out: dict[str, Any] = {name: nullcontext() for name in widths if name not in shown}
    if shown:
        with present.page_wide():
            out.update(zip(shown, st.columns([widths[n] for n in shown])))
    return out


def attention_selectors(cfg, queries: Sequence[str], query_label: str) -> tuple[int, int, int]:
    """Layer, head and query position side by side: the controls every attention page starts with."""
    cols = shown_columns({"layer": 2, "head": 4, "tok": 3})
    with cols["layer"]:
        layer = layer_select(cfg.n_layers)
    with cols["head"]:
        head = head_select(cfg.n_heads)
    with cols["tok"]:
        query = token_select(queries, query_label)
    return layer, head, query


def recurrent_selectors(tokens: Sequence[str], d_hidden: int) -> tuple[int, int, int, str]:
    """Position, hidden unit to follow, and how many units the heatmaps show (with its caption)."""
    cols = shown_columns({"tok": 3, "unit": 2, "units": 3})
    with cols["tok"]:
        position = token_select(tokens, t("rnn.position"))
    with cols["unit"]:
        unit = choose("unit", range(d_hidden), t("rnn.unit"), widget="select",
                      format_func=lambda k: t("rnn.unit_n", n=k))
    with cols["units"]:
        n_shown = choose("units", [k for k in (16, 32, 64, 128) if k <= d_hidden] or [d_hidden], t("rnn.units"))
    caption = t("rnn.all_units", d=d_hidden) if n_shown >= d_hidden else t("rnn.first_units", n=n_shown, d=d_hidden)
    return position, unit, n_shown, caption


# ---- check it by hand, show the code ------------------------------------------------------------------

class ByHand:
    """The open "check it by hand" box (``with by_hand(...) as box``)."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.box: Any = None

    def _open(self) -> None:
        self.box = st.container(border=True)
        self.box.__enter__()
        st.markdown(f"**✍ {t('check.title')}** — {self.what}")

    def _close(self) -> None:
        self.box.__exit__(None, None, None)

    def more(self) -> None:
        """Presenting: what the box shows from here on is a part of its own (the box again, under the same title),
        so a long check is two screens, not one that scrolls. Outside presentation: nothing (one box)."""
        if state.presenting():
            self._close()
            present.split()
            self._open()


@contextmanager
def by_hand(what: str) -> Iterator[ByHand]:
    """A bordered box that recomputes one number from the values shown (presenting: a part of its own; ``more()``
    starts another)."""
    present.split()
    box = ByHand(what)
    box._open()
    try:
        yield box
    finally:
        box._close()


def agreement(ours: float, model: float) -> None:
    """Say how close the by-hand number is to the model's."""
    diff = abs(float(ours) - float(model))
    numbers = dict(ours=f"{ours:.6g}", model=f"{model:.6g}", diff=small(diff))
    st.caption(t("check.agree_exact", **numbers) if diff == 0 else t("check.agree", **numbers))


@lru_cache(maxsize=64)
def _source(obj: Any) -> tuple[str, str]:
    return f"{obj.__module__}.{obj.__qualname__}", inspect.getsource(obj)


def folded(label: str, key: str, *, shown_when_presenting: bool = False, **expander: Any) -> Any:
    """A collapsed expander whose content the caller makes only while it is open: the expander if open, else None.
    Streamlit tells the script an expander is open only when it has a key and reruns on a click
    (``on_change="rerun"``); opening it reruns the page once. For boxes most views never open (the exercises,
    the code, the overview's list of tensors), whose content was made and sent on every view.
    ``shown_when_presenting``: a projected lesson shows the content in place, unfolded (a part shows one section, so
    it costs a click nothing there, and a teacher should not have to open a box in front of the class)."""
    if shown_when_presenting and present.presenting():
        return nullcontext()  # in place: the presentation cuts its parts at figures drawn where the page draws
    box = st.expander(label, key=key, on_change="rerun", **expander)
    return box if box.open else None


def code_key(*objects: Any) -> str:
    """The session-state key of the code box that shows ``objects``: True while it is open."""
    return "_code." + "|".join(_source(obj)[0] for obj in objects)


def show_code(*objects: Any) -> None:
    """An expander with the real source of the functions/classes that computed this stage, made only while it is
    open (opening it reruns the page once): folded, it was five elements and kilobytes of source on every view of
    every page, for a box few views open."""
    box = folded(t("code.title"), code_key(*objects), icon=":material/code:")
    if box is not None:
        with box:
            st.caption(t("code.caption"))
            for obj in objects:
                name, src = _source(obj)
                st.markdown(f"`{name}`")
                st.code(src, language="python")


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def small(v: float) -> str:
    """A tiny number for text: "0" when exactly zero, else "3.0 × 10⁻⁸" (never "0.0e+00" or "3.0e-08")."""
    v = float(v)
    if v == 0:
        return "0"
    mantissa, exponent = f"{v:.1e}".split("e")
    mantissa = mantissa.replace("-", "−")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def plus(v: float, fmt: str = ".4f") -> str:
    """A later term of a sum as text: " + 0.0633" or " - 0.0633" (LaTeX sets - as −), never "+ −0.0633"."""
    text = f"{abs(v):{fmt}}"
    return f" - {text}" if v < 0 and text.strip("0.") else f" + {text}"


def minus(v: float, fmt: str = ".4f") -> str:
    """A subtracted term: " - 0.0633", or " + 0.0633" when the value is negative (never "- −0.0633")."""
    return plus(-v, fmt)


def signed_sum(values: Sequence[float], fmt: str = ".4f") -> str:
    """Terms of a sum with their signs folded into the operators: "0.1200 - 0.0633 + 0.0100"."""
    values = list(values)
    if not values:
        return "0"
    return f"{values[0]:{fmt}}" + "".join(plus(v, fmt) for v in values[1:])


def vector_latex(v: np.ndarray, n: int = 3, fmt: str = "{:.3f}") -> str:
    """A row vector for LaTeX, shortened to its first and last entries when long."""
    v = np.asarray(v).ravel()
    items = [fmt.format(x) for x in v] if v.size <= 2 * n else (
        [fmt.format(x) for x in v[:n]] + [r"\dots"] + [fmt.format(x) for x in v[-n:]])
    return r"\left[" + ",\\ ".join(items) + r"\right]"


# ---- messages and links -------------------------------------------------------------------------------

def input_messages(ctx) -> None:
    """What went wrong with the learner's text (if anything), worded by InputError code."""
    if ctx.checkpoint_error:
        st.error(t("error.checkpoint"), icon=":material/error:")
        st.code(ctx.checkpoint_error, language=None)
        return
    if state.presenting() and state.get("sec") not in (0, "key_points"):
        return  # presenting: said once, on the lesson's first part, not above every part of it
    if ctx.input_error:
        code, detail = ctx.input_error
        st.error(t(f"error.{code}", **{k: v for k, v in detail.items() if isinstance(v, int)}),
                 icon=":material/error:")
        st.caption(t("error.still_showing"))
        st.text(ctx.sentence)
    if ctx.trace is not None and ctx.trace.unknown:
        unknown = " ".join(ctx.trace.unknown)
        st.warning(t("warn.unknown", chars=md_escape(unknown), n=len(ctx.trace.unknown)), icon=":material/warning:")
        known = set(ctx.translator.tokenizer.src.itos)
        tries = loaders.suggestions(ctx.trace.meta.get("text", ctx.sentence), known)
        if tries and not state.is_hidden("s"):  # a class link that fixes the sentence offers none
            with st.container(horizontal=True, vertical_alignment="center"):
                st.caption(t("warn.try"))
                for zh in tries:
                    st.button(zh, key=f"suggest.{zh}", on_click=state.propose, args=(zh,), type="secondary")
        words = loaders.vocabulary_words()
        with st.expander(t("warn.known_words", n=len(known), chars=len(known) - len(SPECIALS), special=len(SPECIALS))):
            if words:
                st.dataframe({t("warn.col_word"): [w for w, _ in words], t("warn.col_gloss"): [g for _, g in words]},
                             hide_index=True, height=240)
            else:
                st.text(" ".join(c for c in ctx.translator.tokenizer.src.itos if len(c) == 1))


def lesson_links(current: str) -> None:
    """◀ previous and next ▶ lesson, carrying the shared state in the link: one row, the next lesson at its right
    end (one block, not two columns: every block is a message on every view)."""
    prev, nxt = toc.neighbours(current)
    params = state.url_params()
    with st.container(horizontal=True, horizontal_alignment="distribute" if prev is not None else "right"):
        if prev is not None:
            navigation.link(prev.file, label=t("nav.previous", title=t(f"page.{prev.slug}.title")),
                            query_params=params, icon=":material/arrow_back:")
        if nxt is not None:
            navigation.link(nxt.file, label=t("nav.next", title=t(f"page.{nxt.slug}.title")),
                            query_params=params, icon=":material/arrow_forward:", icon_position="right")
