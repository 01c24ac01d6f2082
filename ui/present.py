"""Teacher's mode: presenting a lesson one section at a time, and the link a teacher shares with a class.

Presentation (``?present=1``): larger type, a collapsed sidebar, figures sized for a projector, and one
section of the lesson on screen at a time, with ← / → buttons (the arrow keys press them). A lesson's
sections are the stretches between its ``page.text()`` calls: ``page.text`` calls ``section()``, which
closes the section before and opens the next one, shown only when it is the current one (``sec``).
A section has a stable name (``<!-- section: scores -->`` in the lesson file, the name ``page.text`` gets), so a
link may say ``sec=scores`` as well as the older ``sec=2``. Outside presentation such a link lands on that
section: an anchor above its text, scrolled into view once, and the ``sec`` is then taken out of the URL
(a later rerun or another page does not jump again).
A section is further cut into *parts* that each fit one screen (1366×768 and 1920×1080): its text in
paragraph groups (``chunks``), then each figure, table or "check it by hand" box drawn at the page's top level
(``split``), with what the page draws after it (its caption, a row of columns) until the next one. Parts are
numbered through the lesson (``sec=7``); a section's name still opens its first part. The controls of the intro,
and those of the section on screen, stay on screen above it (``page_wide``). On a page whose step buttons are on
screen (page 10's decoding) the arrow keys press those, and PageUp / PageDown move between parts.
Everything a hidden section draws goes to a *null* DeltaGenerator (no root container, so Streamlit
sends nothing to the browser): the page script still runs whole, so its values, widgets and later
sections behave exactly as in the normal view, and nothing flashes on screen.

The class link (``hide=sentence,method``) hides controls, like TensorFlow Playground's hidden controls:
``widgets.choose`` and the sidebar skip a hidden control and use the value the link carries.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.delta_generator_singletons import context_dg_stack

from . import state, toc
from .i18n import t

_RUN = "_tl_present_run"  # this run's section bookkeeping (session-only)
_SLUG = "_tl_present_slug"  # the lesson the last presented run showed: a different one starts at section 0
_LAND = "_tl_present_land"  # not presenting: the section a link asked for, this run
LANDED = "_tl_landed"  # (slug, section name) the last link landed on, outside presentation
_GOTO = "_tl_present_goto"  # a lesson to switch to, set by the ← / → callbacks at either end of a lesson
PANEL = "tl_teacher_panel"  # the teacher panel's expander: its open state
_W_PRESENT = "_w.present"
_W_HIDE = "_w.link_hide"
_W_LINK_PRESENT = "_w.link_present"
_BASE = "_tl_present_base"  # (slug, part index, its section, the sec asked for) of the last presented run

# what makes a part more than text (Streamlit's test ids and plain elements only)
_NOT_TEXT = ", ".join(("[data-testid=stPlotlyChart]", "table", "img", "iframe", "[data-testid=stExpander]",
                       ".katex-display", "[data-testid=stCode]", "[data-testid=stDataFrame]"))
TEXT_MAX_SCALE = 1.5  # a part that is text alone: its type up to this many times larger …
TEXT_ROOM_PX = 470  # … as long as it stands no higher than this at 1366×768 (under one row of controls, with margin)
TEXT_FREE_PX = 560  # … or this, in a part with no controls above it (the part's 629 px, less a margin)
PAGE_TEXT_SCALE = 1.3  # … and a few lines the page writes itself there (not the lesson's text)
# … and on a screen 1800×1000 or larger (1.1× at 1920×1080 filled 49 %), its own: there the root type is 1.32× as large
# (html's font-size: 1.1vw) and a line 1.41× as wide as at 1366×768; the part, 629 px high at 1366×768 with
# TEXT_ROOM_PX of it left under the controls, is 896 px high, the controls 1.32× as high: room for 686 px, 1.46×
LARGE = (1.32, 1.41, 1.46)  # type, line width, room: at 1920×1080 against 1366×768
_LARGE_SCREEN = "(min-width: 1800px) and (min-height: 1000px)"
# what Streamlit sets in smaller type than the text (its test ids and plain elements), and what is inside them
_SMALL_BOXES = ("[data-testid=stWidgetLabel]", "[data-testid=stCaptionContainer]", "[data-testid=stTable]",
                "[data-testid=stExpander] summary", "[data-testid=stCode]", "[data-testid=stTooltipIcon]",
                "[data-testid=stMetricLabel]", "[data-testid=stMetricDelta]", "[data-testid=stButton]",
                "[data-testid=stButtonGroup]", "[data-testid=stSelectbox]", "[data-testid=stPopover]",
                "[data-testid=stDownloadButton]", "[data-testid=stTabs] [role=tab]", "[data-testid=stPageLink]",
                "[data-testid=stSlider]", "[data-testid=stRadio]", "[data-testid=stCheckbox]",
                "[data-testid=stFormSubmitButton]", "[data-testid=stNumberInput]", "[data-testid=stTextInput]",
                "[data-testid=stMarkdownContainer] table", "[data-testid=stMarkdownContainer] code",
                "[data-testid=stMarkdownContainer] small")
_SMALL = ", ".join(f"[data-testid=stMain] {box}, [data-testid=stMain] {box} :not(svg, svg *, .katex, .katex *)"
                   for box in _SMALL_BOXES)
_TEXT_SCALES = [round(1 + k / 10, 1) for k in range(1, round((TEXT_MAX_SCALE - 1) * 10) + 1)]
# Root font size in presentation: Streamlit sizes its type in rem, so this one rule scales the whole
# page: 22 px on a 1920-wide projector, never under 18 px. Fixed text (never user input), aimed at the
# html element only, not at Streamlit's class names.
# The page's own top margin shrinks to the app bar's height (Streamlit's test ids, never its class names), the bar's
# title is a line of type, not a banner. The page is one screen high and the part on screen sits in a frame that takes
# what the bar and the lesson's controls leave of it: a part that is still too tall scrolls inside its frame (the
# browser test counts them).
_LARGE_TYPE = ("<style>html { font-size: clamp(16px, 1.1vw, 24px); }"
               "[data-testid=stMainBlockContainer] { padding-top: 3.2rem; padding-bottom: 1rem; }"
               "[data-testid=stMain] h1 { font-size: 1.5rem; padding: 0; }"
               # the bar stays one row on a laptop or projector: a long title (zh lesson 11 at 1366 px) gives way,
               # cut with an ellipsis, instead of pushing the glossary onto a second row and the part 56 px down
               "@media (min-width: 1200px) { .st-key-tl_present_bar_top { flex-wrap: nowrap; }"
               " .st-key-tl_present_bar_top > [data-testid=stElementContainer]:first-child { flex: 0 1 auto;"
               " min-width: 0; overflow: hidden; }"
               " .st-key-tl_present_bar_top h1 { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; } }"
               # the app bar is see-through and lets clicks through (but its own buttons): it overlapped the top of
               # the section bar's buttons by a few pixels
               "[data-testid=stHeader] { background: transparent; pointer-events: none; }"
               "[data-testid=stHeader] button, [data-testid=stHeader] a { pointer-events: auto; }"
               "[data-testid=stMain] [data-testid=stMainBlockContainer] { height: 100vh; box-sizing: border-box; }"
               "[data-testid=stMainBlockContainer] > [data-testid=stVerticalBlock] { height: 100%; }"
               "[data-testid=stLayoutWrapper]:has(> .st-key-tl_present_part) { flex: 1 1 0; min-height: 0; }"
               ".st-key-tl_present_part { height: 100%; overflow-y: auto; overflow-x: hidden; padding-bottom: 1rem; }"
               # no type under the bar smaller than the root size (16 px at 1366×768, 21 px at 1920×1080): a control's
               # label, a button, a pill, a caption, a table cell, inline code and a code box were 12–14 px, too small
               # for the back row; each takes the larger of its parent's size and the root's
               + f"{_SMALL} {{ font-size: max(1rem, 1em); }}"
               # the list of parts reads down its left edge, as a table of contents does
               "[data-testid=stPopoverBody] [class*=st-key-_b-present-part-] button { justify-content: flex-start;"
               " text-align: left; }"
               # and a table's rows closer together, so that a table of a long sentence still fits under the bar
               + ":is([data-testid=stTable], [data-testid=stMarkdownContainer] table) :is(td, th) "
               "{ padding-top: 0.15rem; padding-bottom: 0.15rem; }"
               # a figure that fills (filling()): what holds it, the row of columns it is in, grows into the part's
               # free height; each never below its own min-height (the figure's height as built)
               ".st-key-tl_present_part [data-testid=stLayoutWrapper]:has([class*=st-key-tl_fill_]) { flex: 1 1 0; }"
               ".st-key-tl_present_part [data-testid=stHorizontalBlock]:has([class*=st-key-tl_fill_]) { height: 100%; }"
               ".st-key-tl_present_part [class*=st-key-tl_fill_] { flex: 1 1 0; height: 100%; }"
               # a part of text (and the lesson's controls) only, no figure, table or box: the lesson's text in larger
               # type, for the back row, as much larger as it has room for (text_box)
               + "".join(f".st-key-tl_present_part:not(:has({_NOT_TEXT})) [class*=st-key-tl_text_{round(k * 10)}_] "
                         f"[data-testid=stMarkdownContainer] {{ font-size: {k}em; }}" for k in _TEXT_SCALES)
               # on a large screen, the larger scale its key names after "L" (later rules of equal weight win)
               + f"@media {_LARGE_SCREEN} {{"
               + "".join(f".st-key-tl_present_part:not(:has({_NOT_TEXT})) [class*=st-key-tl_text_]"
                         f"[class*=_L{round(k * 10)}_] [data-testid=stMarkdownContainer] {{ font-size: {k}em; }}"
                         for k in _TEXT_SCALES)
               + "}"
               # and what the page itself writes there (a caveat and its link): a line or two
               + f".st-key-tl_present_part:not(:has({_NOT_TEXT})) > [data-testid=stElementContainer] > "
               f"[data-testid=stMarkdown] [data-testid=stMarkdownContainer] {{ font-size: {PAGE_TEXT_SCALE}em; }}"
               + "</style>")
# How much text one part holds: a width-weighted count (a Chinese character is as wide as two Latin letters).
CHUNK = 700
_PX = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")  # the figure titles' own small second line (ui.figures)
FIGURE_SCALE = 1.5  # presentation: figure heights and font sizes ×1.5 …
FIGURE_MAX_HEIGHT = 400  # … but a figure still fits under the bar and the controls on a 768-pixel-high screen
SHORT = 400  # a part's text alone this short (width-weighted; a heading and two lines) keeps the figure after it
JOINED_MIN_HEIGHT = 260  # px: a figure under such a text is never built lower than this
# about how high a line of presented text is at 1366×768 (px), how wide (width-weighted), and a heading with its margin
_LINE_PX, _LINE_WIDTH, _HEADING_PX = 27, 160, 64
_ITEM = re.compile(r"\n(?=\s*(?:[*+-]|\d+\.)\s)")  # where a Markdown list item starts in a paragraph


@dataclass
class _Run:
    slug: str
    count: int = 0  # sections opened so far in this run
    hidden: DeltaGenerator | None = None  # the null container while the open section is not the current one
    nav: DeltaGenerator | None = None  # the placeholder for the ← / → bar under the title
    current: int | None = None  # the index of the section on screen (found by name or by index)
    base: str = ""  # the lesson section (page.text) the open part belongs to
    sub: int = 0  # parts of that section opened so far
    drawn: bool = False  # something went into the open part through chunks() or split()
    text_px: int = 0  # about how high the open part's text is, while it holds a short text and nothing else
    opened: bool = False  # split() has just opened the part, and nothing has been said to be in it yet
    texts: int = 0  # text_box containers made so far (their keys' numbers)
    shown_base: str | None = None  # the lesson section of the part on screen (the last run's, until found)
    assumed: str | None = None  # what this run started out assuming for shown_base
    wide: set = field(default_factory=set)  # lesson sections that drew page-wide controls
    keys_taken: tuple[bool, bool] = (False, False)  # step buttons on screen took ← / → (each while it can step)
    frame: DeltaGenerator | None = None  # the container of the part on screen, while it is open
    depth: int = 0  # the depth of Streamlit's container stack at the page's top level
    reference: Callable[[], None] | None = None  # page.begin's symbols and glossary popovers, in the bar
    titles: list[str] = field(default_factory=list)  # each part's title in the bar's list of parts, in order
    heading: str = ""  # the last heading of the lesson text so far: the title of a part that has none of its own
    titled: bool = False  # the open part has its title from what is in it


@dataclass
class _Land:
    slug: str
    target: int | str  # the link's ``sec``: a section name, or an index
    count: int = 0
    found: bool = False

# Fixed markup (no learner text): an anchor above the section a link named, scrolled into view once the page has
# drawn what is above it (twice: figures above may still be settling their heights).
_ANCHOR = ("<div id='tl-landed' style='scroll-margin-top:4.5rem'></div>"
           "<script>(function(){const go=()=>{const el=document.getElementById("
           "'tl-landed');if(el){el.scrollIntoView({block:'start'});}};setTimeout(go,300);setTimeout(go,1200);})();"
           "</script>")


# A phone (a screen under 640 px): the translation line at the top of a lesson (page.begin), hidden on wider screens
# where the sidebar shows it; a diagram too detailed to lay out narrower (key tl_wide_figure) keeps its 720 px …
# Keyed containers' classes (st-key-…) and test ids only, never Streamlit's generated class names.
WIDE_FIGURE = 720  # px: the width the overview's diagram is laid out for (ui.widgets.WIDE)
PHONE_PADDING = 32  # px: the page's padding on a phone, left and right together
ZOOM_STEP = 0.05


def phone_zooms(step: float = ZOOM_STEP) -> list[tuple[int, float]]:
    """(max viewport width, zoom) pairs, widest first: under each width the diagram is drawn at that zoom, the
    largest multiple of ``step`` at which its 720 px fit the page (CSS cannot divide a width by a width)."""
    out = []
    for k in range(round(1 / step) - 1, round(0.3 / step) - 1, -1):  # zoom k·step, from 1 − step down to 0.3
        # at this width or narrower the next larger zoom no longer fits: WIDE_FIGURE · (k + 1)·step + PHONE_PADDING
        out.append((math.ceil(WIDE_FIGURE * (k + 1) * step - 1e-9) + PHONE_PADDING - 1, round(k * step, 2)))
    return out


WIDE_FIGURE_HEIGHT = 640  # px: its height on the page (lesson_pages/overview.py)


def _phone_css() -> str:
    # a transform of the plot itself, not CSS zoom nor a transform of its container: the chart measured its zoomed
    # box and laid itself out smaller again; a negative margin gives back the height the unscaled plot still takes
    # in the page's flow, and the frame hides the width it takes (nothing is drawn there)
    zooms = "".join(f"@media (max-width: {w}px) {{ .st-key-tl_wide_figure .js-plotly-plot "
                    f"{{ transform: scale({z}); transform-origin: 0 0; "
                    f"margin-bottom: -{round(WIDE_FIGURE_HEIGHT * (1 - z))}px; }} }}" for w, z in phone_zooms())
    return ("<style>@media (min-width: 641px) { .st-key-tl_phone_translation { display: none; } }"
            "@media (max-width: 640px) { .st-key-tl_wide_figure { overflow-x: hidden; }"
            " .st-key-tl_wide_figure [data-testid=stElementContainer] { min-width: 720px; } }" + zooms + "</style>")


# … scaled down as a whole (CSS zoom, a step per viewport width) so that it fits the phone's width
_PHONE = _phone_css()


# The run right after the teacher turned presentation on: the focus leaves the sidebar's toggle (the arrow keys went
# to it, not to the bar's ← / → buttons); the sidebar closes by itself (sidebar_state). Fixed markup.
_TURNED_ON = "_tl_present_turned_on"
_BLUR = ("<script>(function(){const a=document.activeElement;if(a&&a!==document.body){a.blur();}})();</script>")
# Every screen: the sentence box and its translation above the lesson list in the sidebar (at 1280×800 they sat
# below some twenty links). The sidebar's own parts by test id: its header first, then what the app draws, then the
# page list.
_SIDEBAR = ("<style>[data-testid=stSidebarContent] { display: flex; flex-direction: column; }"
            "[data-testid=stSidebarHeader] { order: -2; } [data-testid=stSidebarUserContent] { order: -1; }</style>")


# Every screen: a formula wider than the column ("check it by hand": X₀ = [−1.111, 1.016, …]) scrolls sideways
# instead of being cut at the right edge (a 390 px phone); and where nothing can hover (a touch screen) plotly
# shows its mode bar all the time, over the chart's title, so there it shows only while the chart is touched.
# KaTeX's and plotly's own class names (not Streamlit's generated ones).
_FORMULAS_AND_MODEBAR = (
    "<style>.katex-display { overflow-x: auto; overflow-y: hidden; padding-bottom: 2px; }"
    "@media (hover: none) { .js-plotly-plot .modebar-container { visibility: hidden; }"
    " .js-plotly-plot:hover .modebar-container, .js-plotly-plot:focus-within .modebar-container"
    " { visibility: visible; } }</style>")


def page_style() -> None:
    """app.py, every run: large type while presenting; the phone rules; wide formulas; the sidebar's order."""
    st.html((_LARGE_TYPE if state.presenting() else "") + _PHONE + _FORMULAS_AND_MODEBAR + _SIDEBAR)
    if state.presenting() and st.session_state.pop(_TURNED_ON, False):
        st.html(_BLUR, unsafe_allow_javascript=True)


def sidebar_state() -> str:
    """``initial_sidebar_state`` for st.set_page_config: collapsed while presenting."""
    return "collapsed" if state.presenting() else "auto"


# ---- one section at a time ---------------------------------------------------------------------------

def _null_container() -> DeltaGenerator:
    # No public Streamlit call draws nowhere; a DeltaGenerator without root container is the one Streamlit
    # itself uses outside a script run: its elements and blocks are built and dropped, widgets still register.
    return DeltaGenerator(root_container=None, cursor=None, parent=st._main)


def _close_hidden(run: _Run) -> None:
    if run.hidden is not None:
        context_dg_stack.set(tuple(dg for dg in context_dg_stack.get() if dg is not run.hidden))
        run.hidden = None
    if run.frame is not None:
        context_dg_stack.set(tuple(dg for dg in context_dg_stack.get() if dg is not run.frame))
        run.frame = None


def start(slug: str, title: str = "", reference: Callable[[], None] | None = None) -> None:
    """page.begin, in place of the title: follow a ← / → to another lesson, start a new lesson at section 0,
    and keep a place for the section bar."""
    ss = st.session_state
    old = ss.get(_RUN)
    if isinstance(old, _Run):  # a run that stopped inside a hidden section must not hide this one
        _close_hidden(old)
    ss.pop(_RUN, None)
    ss.pop(_LAND, None)
    if not state.presenting():
        if state.get("sec") != 0:
            ss[_LAND] = _Land(slug, state.get("sec"))
        return
    goto = ss.pop(_GOTO, None)
    if goto is not None and goto != slug:
        st.switch_page(toc.BY_SLUG[goto].file, query_params=state.url_params())
    if ss.get(_SLUG) not in (None, slug):
        state.set("sec", 0)
    ss[_SLUG] = slug
    last = ss.get(_BASE)
    sec = state.get("sec")
    # the section of the part on screen, guessed: the last run's when it showed this part or the one beside it
    # (a name: the section it opens, learnt by the last run that was asked for it, else the name itself)
    if last is not None and last[0] == slug and last[3] == sec:
        shown = last[2]
    elif isinstance(sec, str):
        shown = sec
    else:
        near = last is not None and last[0] == slug and isinstance(last[1], int) and abs(last[1] - sec) <= 1
        shown = last[2] if near else None
    ss[_RUN] = _Run(slug, nav=st.empty(), shown_base=shown, assumed=shown, reference=reference,
                    depth=len(context_dg_stack.get()))
    if title:
        with ss[_RUN].nav.container():  # the title now; finish() puts it in the section bar
            st.title(title)


def _is_target(target: int | str, name: str, index: int) -> bool:
    return target == name if isinstance(target, str) else target == index


def section(name: str = "") -> None:
    """page.text, before each section's text: close the section before, open this one (hidden unless current).
    Outside presentation: the anchor a link lands on, above the section it names."""
    ss = st.session_state
    land = ss.get(_LAND)
    if isinstance(land, _Land):
        if not land.found and _is_target(land.target, name, land.count):
            land.found = True
            ss[LANDED] = (land.slug, name)
            st.html(_ANCHOR, unsafe_allow_javascript=True)
        land.count += 1
        return
    run = ss.get(_RUN)
    if not isinstance(run, _Run):
        return
    run.base, run.sub, run.drawn, run.text_px, run.heading = name, 1, False, 0, ""
    _open(run, name)


def _open(run: _Run, name: str) -> None:
    _close_hidden(run)
    run.titles.append(run.heading)
    run.titled = False
    if run.current is None and _is_target(state.get("sec"), name, run.count):
        run.current = run.count
        run.shown_base = run.base
        run.frame = st.container(key="tl_present_part")  # never taller than the screen (_LARGE_TYPE)
        run.frame.__enter__()  # closed by the next section() or by finish()
    else:
        run.hidden = _null_container()
        run.hidden.__enter__()  # closed by the next section() or by finish()
    run.count += 1


def presenting() -> bool:
    return state.presenting()


def text_height(text: str, scale: float = 1.0, wide: float = 1.0) -> int:
    """About how high ``text`` stands in a presented part at 1366×768 (px): its headings and its lines; set ``scale``
    times larger (larger type: taller lines, and fewer words to a line), in lines ``wide`` times wider."""
    px = 0.0
    width = _LINE_WIDTH * wide / scale
    for para in re.split(r"\n\s*\n", text.strip()):
        if para.lstrip().startswith("#"):
            px += _HEADING_PX * scale
            continue
        items = _ITEM.split(para)  # each list item starts a line of its own (counted as one run: 16 px short)
        lines = sum(math.ceil(_width(item) / width) for item in items)
        px += (_LINE_PX * lines + 16 + 8 * (len(items) - 1)) * scale
    return round(px)


def drawn(text: str = "") -> None:
    """Something went into the open part (page.text's chunk ``text``): the next split() starts a new part, unless
    the part holds only this text and it is SHORT (a figure or table then joins it: split(join=True))."""
    run = st.session_state.get(_RUN)
    if isinstance(run, _Run):
        _title(run, text)
        fresh = not run.drawn or run.text_px > 0 or run.opened
        run.drawn, run.opened = True, False
        run.text_px = text_height(text) if text and fresh and _width(text) <= SHORT and _top_level(run) else 0


_MARKUP = re.compile(r"[*_`#>]|\$")


def _title(run: _Run, text: str) -> None:
    """The open part's title in the bar's list: the heading its text starts with, else the section's last heading,
    else the text's first words (the lesson's own text, never the learner's)."""
    heading = next((line for line in text.splitlines() if line.lstrip().startswith("#")), "")
    heading = _MARKUP.sub("", heading).strip()
    if heading:
        run.heading = heading
    if run.titled or not run.titles:
        return
    if not text:  # the key points box
        run.titles[-1] = t("keypoints.title")
    elif heading or not run.titles[-1]:
        run.titles[-1] = heading or _gist(text)
    run.titled = True


def name_part(figure_title: object) -> None:
    """A figure drawn into the open part: a part with no heading of its own is listed by the figure's name (its
    title's first line up to the first " · ": "Attention weights", not the layer, head or token after it)."""
    run = st.session_state.get(_RUN)
    if not isinstance(run, _Run) or run.titled or not run.titles or not isinstance(figure_title, str):
        return
    name = html.unescape(re.sub(r"<[^>]*>", "", re.split(r"<br\s*/?>", figure_title)[0])).split(" · ")[0].strip()
    if name:
        run.titles[-1] = _MARKUP.sub("", name)
        run.titled = True


def _gist(text: str, width: int = 56) -> str:
    """The first words of a paragraph, at most ``width`` wide (width-weighted), without Markdown."""
    plain = " ".join(_MARKUP.sub("", text).split())
    cut = ""
    for ch in plain:
        if _width(cut + ch) > width:
            return cut.rstrip(" ,.;:，。；：") + "…"
        cut += ch
    return cut


def text_scale(text: str, screen: tuple[float, float, float] = (1.0, 1.0, 1.0), room_px: int = TEXT_ROOM_PX) -> float:
    """How much larger a presented part's text is set when the part holds nothing else: the largest scale, in tenths
    up to TEXT_MAX_SCALE, that keeps it under ``room_px`` (text_height) at 1366×768, or on ``screen`` (LARGE:
    its type, line width and room against 1366×768); 1 when none does."""
    font, wide, room = screen
    fits = [k for k in _TEXT_SCALES if text_height(text, k * font, wide) <= room_px * room]
    return max(fits, default=1.0)


@contextmanager
def text_box(text: str) -> Iterator[None]:
    """page.text, around a chunk: presenting, a container whose key says how much larger the chunk may be set
    (text_scale; the page style applies it only in a part of text alone). Outside presentation: nothing."""
    run = st.session_state.get(_RUN)
    if not isinstance(run, _Run):
        yield
        return
    run.texts += 1
    # the intro's controls, or this section's, stand above the part; none drawn so far: the whole part is free
    room = TEXT_ROOM_PX if run.wide & {"intro", run.base} else TEXT_FREE_PX
    small, large = (round(text_scale(text, screen, room) * 10) for screen in ((1.0, 1.0, 1.0), LARGE))
    with st.container(key=f"tl_text_{small}_L{large}_{run.texts}"):
        yield


def text_above() -> int:
    """Presenting: about how high (px) the short text is that the next figure or table joins (split(join=True)),
    so that it asks for that much less height; 0 when it starts a part of its own."""
    run = st.session_state.get(_RUN)
    return run.text_px if isinstance(run, _Run) and run.drawn and _top_level(run) else 0


def split(join: bool = False) -> None:
    """Before a figure, a table or a "check it by hand" box at the page's top level: while presenting, it starts a
    new part of the section (unless nothing has gone into the open part yet, or, with ``join``, only a SHORT text:
    a heading is not a screen of its own). Inside a column or a container it stays with what holds it."""
    run = st.session_state.get(_RUN)
    if not isinstance(run, _Run) or run.count == 0:
        return
    if not _top_level(run):
        return
    run.opened = run.drawn and not (join and run.text_px > 0)
    if run.opened:
        run.sub += 1
        _open(run, f"{run.base}{run.sub}")
    run.drawn = True
    run.text_px = 0


def top_level() -> bool:
    """Presenting, and the page draws at its top level now (a part's own row, not inside a column)."""
    run = st.session_state.get(_RUN)
    return isinstance(run, _Run) and _top_level(run)


def _top_level(run: _Run) -> bool:
    """Whether the page draws at its top level now (not inside a column or a container). A column made inside a
    hidden part is that part's null container itself, so the depth tells, not the identity alone."""
    stack = context_dg_stack.get()
    open_part = run.hidden if run.hidden is not None else run.frame
    if open_part is None:
        return len(stack) == run.depth
    return len(stack) == run.depth + 1 and stack[-1] is open_part


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def chunks(body: str) -> list[str]:
    """The text of a section as it is drawn: whole outside presentation; while presenting, paragraph groups of
    about CHUNK (width-weighted) each, a heading kept with what follows it, a $$ … $$ block never cut."""
    run = st.session_state.get(_RUN)
    if not isinstance(run, _Run) or not body:
        return [body] if body else []
    blocks: list[str] = []
    for para in re.split(r"\n\s*\n", body):
        if blocks and (blocks[-1].count("$$") % 2 or blocks[-1].lstrip().startswith("#")):
            blocks[-1] += "\n\n" + para  # inside a display formula, or a heading alone: keep together
        else:
            blocks.append(para)
    out: list[str] = []
    for block in blocks:
        if out and _width(out[-1]) + _width(block) <= CHUNK:
            out[-1] += "\n\n" + block
        else:
            out.append(block)
    return out


def showing() -> bool:
    """Whether what the page draws now reaches the screen: False inside a hidden section of a presentation.
    A fragment must not start there: its reruns would have no container to draw into."""
    run = st.session_state.get(_RUN)
    return not (isinstance(run, _Run) and run.hidden is not None)


@contextmanager
def page_wide() -> Iterator[None]:
    """Around a control: the controls a lesson sets up in its intro (layer, head, query token …) choose what
    every later section shows, so while a later section is on screen they stay there too, above its text; so do
    the controls of the section on screen when another of its parts is shown. Only at the page's top level: a
    control inside a column the page made in a hidden intro stays hidden."""
    run = st.session_state.get(_RUN)
    lift = (isinstance(run, _Run) and run.count >= 1 and run.base in ("intro", run.shown_base)
            and run.shown_base != "key_points")  # the key points' part shows them alone
    hidden = run.hidden if lift else None  # the intro, or another part of the section on screen: open, not shown
    stack = context_dg_stack.get()
    if isinstance(run, _Run) and run.count >= 1 and _top_level(run):
        run.wide.add(run.base)
    if hidden is None or stack[-1] is not hidden:
        yield
        return
    context_dg_stack.set(stack[:-1])
    try:
        yield
    finally:
        context_dg_stack.set((*context_dg_stack.get(), hidden))


def finish() -> None:
    """page.end: close the last section; fill the section bar (top, with the arrow keys) and repeat it below."""
    ss = st.session_state
    if isinstance(ss.pop(_LAND, None), _Land):
        state.set("sec", 0)  # landed (or no such section): taken out of the URL, so no later run jumps again
        return
    run = ss.get(_RUN)
    if not isinstance(run, _Run):
        return
    _close_hidden(run)
    n, target = max(run.count, 1), state.get("sec")
    if isinstance(target, str) and run.current is None:  # a name this lesson does not have: its first section
        state.set("sec", 0)
        st.rerun()
    k = run.current if isinstance(target, str) else int(target)
    if k >= n:  # a link or a ← from the next lesson asked for a section past the end: show the last one
        state.set("sec", n - 1)
        st.rerun()
    ss[_BASE] = (run.slug, k, run.shown_base, target)
    if run.assumed != run.shown_base and run.shown_base != "intro" and run.shown_base in run.wide:
        st.rerun()  # the part on screen is in a section whose controls this run did not know to keep on screen
    with run.nav.container():
        _bar(run, k, n)
    ss.pop(_RUN, None)


def arrow_keys(back: bool = True, ahead: bool = True) -> tuple[bool, bool]:
    """Step buttons (page 10's decoding), which can step ``back`` / ``ahead``: whether they take ← and → (presenting,
    and on screen). A key whose step button cannot move (the first or the last step) stays with the bar, so → at
    the last decoding step goes on to the next part instead of pressing a disabled button."""
    run = st.session_state.get(_RUN)
    if not isinstance(run, _Run) or any(dg is run.hidden for dg in context_dg_stack.get()):
        return False, False
    run.keys_taken = (back, ahead)
    return run.keys_taken


def go_to(slug: str, sec: int) -> None:
    """Open part ``sec`` of lesson ``slug`` on the next run (ui.follow moves a learner to the teacher's part)."""
    st.session_state[_SLUG] = slug
    state.set("sec", sec)


def _go(slug: str, sec: int, target: str | None) -> None:
    from . import follow

    follow.left()  # a learner who steps on their own stops following the teacher
    if target is None:
        state.set("sec", sec)
    else:  # another lesson: start() switches to it on the next run, at section ``sec`` (63 = its last)
        st.session_state[_GOTO] = target
        st.session_state[_SLUG] = target
        state.set("sec", sec)


def _bar(run: _Run, k: int, n: int) -> None:
    """One compact bar: the lesson's title, ← part k of n →, the symbols and the glossary."""
    slug = run.slug
    prev, nxt = toc.neighbours(slug)
    back = (slug, k - 1, None) if k > 0 else ((slug, 63, prev.slug) if prev is not None else None)
    ahead = (slug, k + 1, None) if k < n - 1 else ((slug, 0, nxt.slug) if nxt is not None else None)
    left = "PageUp" if run.keys_taken[0] else "Left"
    right = "PageDown" if run.keys_taken[1] else "Right"
    with st.container(horizontal=True, vertical_alignment="center", key="tl_present_bar_top", gap="small"):
        st.title(f"{toc.number(slug)}. {t(f'page.{slug}.title')}", width="content")
        st.button(t("present.prev") if k > 0 else t("present.prev_lesson"), icon=":material/arrow_back:",
                  on_click=_go, args=back, disabled=back is None, key="_b.present.prev.top", shortcut=left)
        _parts_menu(run, k, n)
        st.button(t("present.next") if k < n - 1 else t("present.next_lesson"), icon=":material/arrow_forward:",
                  icon_position="right", type="primary", on_click=_go, args=ahead, disabled=ahead is None,
                  key="_b.present.next.top", shortcut=right)
        if run.reference is not None:
            run.reference()
        from . import follow

        follow.publish(slug, k)  # the teacher's session, when learners follow it
        follow.track(slug, k)  # a learner's session opened with follow=: move with the teacher


def _parts_menu(run: _Run, k: int, n: int) -> None:
    """"Part k of n", which opens the list of the lesson's parts by title: a click goes to that part."""
    keys = (t("present.keys_steps") if any(run.keys_taken) else t("present.keys")).strip(" ·")
    with st.popover(t("present.position", k=k + 1, n=n), help=keys, type="tertiary"):
        titles = (run.titles + [""] * n)[:n]
        for i, title in enumerate(titles):
            st.button(f"{i + 1} · {title or t(f'page.{run.slug}.title')}", key=f"_b.present.part.{i}",
                      type="primary" if i == k else "tertiary", disabled=i == k, on_click=_go,
                      args=(run.slug, i, None), width="stretch")


# ---- figures -----------------------------------------------------------------------------------------

def _scale_fonts(node: object, factor: float) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("font", "textfont", "tickfont", "insidetextfont", "outsidetextfont") \
                    and isinstance(value, dict) and isinstance(value.get("size"), (int, float)):
                value["size"] = round(value["size"] * factor, 1)
            _scale_fonts(value, factor)
    elif isinstance(node, list):
        for item in node:
            _scale_fonts(item, factor)


@contextmanager
def filling(key: str, min_px: int) -> Iterator[None]:
    """Presenting, around a figure drawn with height="stretch": a container that grows into the height the part
    leaves free (_LARGE_TYPE), at least ``min_px`` (so a figure built for a 768-pixel screen is never squashed)."""
    name = "tl_fill_" + re.sub(r"[^A-Za-z0-9_-]+", "_", key)
    st.html(f"<style>.st-key-{name} {{ min-height: {int(min_px)}px; }}</style>")  # a name and a number only
    with st.container(key=name):
        yield


def projector_figure(fig: go.Figure, max_height: int = FIGURE_MAX_HEIGHT) -> go.Figure:
    """A copy of ``fig`` with heights and type sized for a 1920×1080 projector (presentation only), never taller than
    ``max_height`` (a part that holds text or controls above its figure asks for less)."""
    spec = fig.to_plotly_json()
    layout = spec.setdefault("layout", {})
    layout.setdefault("font", {}).setdefault("size", 13)
    _scale_fonts(spec, FIGURE_SCALE)
    title = layout.get("title")
    if isinstance(title, dict) and isinstance(title.get("text"), str):
        title["text"] = _PX.sub(lambda m: f"font-size:{float(m.group(1)) * FIGURE_SCALE:.0f}px", title["text"])
    height = layout.get("height") or 450
    layout["height"] = int(min(max_height, max(height, height * FIGURE_SCALE)))
    margin = layout.get("margin")
    if isinstance(margin, dict) and isinstance(margin.get("t"), (int, float)) and margin["t"] > 56:
        margin["t"] = int(margin["t"] * FIGURE_SCALE)  # a title of several lines, in larger type: not over the plot
    if isinstance(margin, dict):
        _fit_rows(spec, layout["height"] - margin.get("t", 56) - margin.get("b", 56))
    return go.Figure(spec)


def _fit_rows(spec: dict, plot_h: float) -> None:
    """A heatmap made shorter than it was built (a replay's 31 rows of step-0 gibberish in 340 px): its row labels
    thinned to every k-th, k as small as keeps them a line of type apart, and its cell numbers dropped when a row
    is lower than they are, instead of labels and numbers printed over each other."""
    layout = spec["layout"]
    axis = layout.get("yaxis")
    heatmaps = [tr for tr in spec.get("data", []) if tr.get("type") == "heatmap"]
    if not heatmaps or not isinstance(axis, dict) or axis.get("tickmode") != "array" or plot_h <= 0:
        return
    rows = len(heatmaps[0].get("y") or [])
    if rows == 0:
        return
    per = plot_h / rows
    size = (axis.get("tickfont") or {}).get("size", 12)
    step = max(1, -(-int(size * 1.3) // max(int(per), 1)))
    if step > 1 and len(axis.get("tickvals", [])) == rows:
        axis["tickvals"] = axis["tickvals"][::step]
        axis["ticktext"] = axis["ticktext"][::step]
    for tr in heatmaps:
        if tr.get("texttemplate") and per < (tr.get("textfont") or {}).get("size", 12) + 4:
            tr["texttemplate"] = ""


# ---- the teacher's link ------------------------------------------------------------------------------

def control_labels() -> dict[str, str]:
    """What each HIDEABLE control is called in the link builder."""
    labels = {
        "sentence": t("teacher.hide_sentence"),
        "lang": t("teacher.hide_lang"),
        "method": t("teacher.hide_method"),
        "layer": t("teacher.hide_layer"),
        "head": t("teacher.hide_head"),
        "token": t("teacher.hide_token"),
        "step": t("teacher.hide_step"),
        "attn": t("teacher.hide_attn"),
    }
    assert labels.keys() == state.HIDEABLE.keys()
    return labels


def class_link(base: str, hide: list[str], present: bool, follow: str | None = None) -> str:
    """The page ``base`` with this view's values, the controls to hide and, if asked, presentation; with
    ``follow`` (the teacher's channel, ui.follow) the learners' pages follow the teacher's presentation."""
    params = {k: v for k, v in state.url_params().items() if k not in ("present", "sec", "hide", "follow")}
    if follow:
        present = True
        params["follow"] = follow
    if present:
        params["present"] = "1"
        if state.presenting() and state.get("sec"):
            params["sec"] = str(state.get("sec"))  # the section the teacher is on
    chosen = state.KEYS["hide"].parse(",".join(hide))
    if chosen:
        params["hide"] = chosen
    return f"{base}?{urlencode(params, safe=',')}"


def _on_present() -> None:
    state.set("present", int(bool(st.session_state.get(_W_PRESENT))))
    state.set("sec", 0)
    st.session_state[_TURNED_ON] = bool(st.session_state.get(_W_PRESENT))


def teacher_panel() -> None:
    """Sidebar: presentation on/off and "copy link for my class". A class link that hides controls
    does not show this panel (learners get the view, not the tools to change what is hidden)."""
    if state.hidden_controls():
        return
    # keyed: the browser store mounts in the sidebar on a session's first run only, which would shift an unkeyed
    # expander's place and close it again right after a teacher opened it. Its content runs only while it is open
    # (on_change="rerun" makes .open known): 39 learners of 40 never open it, and it cost ~5 ms a page view.
    panel = st.sidebar.expander(t("teacher.title"), icon=":material/school:", key=PANEL, on_change="rerun")
    if not panel.open:
        return
    with panel:
        st.session_state[_W_PRESENT] = state.presenting()
        st.toggle(t("teacher.present"), key=_W_PRESENT, on_change=_on_present, help=t("teacher.present_help"))
        labels = control_labels()
        st.session_state.setdefault(_W_HIDE, ["sentence", "method"])
        hide = st.pills(t("teacher.hide"), list(labels), selection_mode="multi", key=_W_HIDE,
                        format_func=labels.__getitem__)
        present = st.checkbox(t("teacher.link_present"), key=_W_LINK_PRESENT)
        from . import classroom, follow  # the network address for a loopback host, the QR code, the short code

        channel = follow.own_channel(create=True) if follow.link_checkbox() else None
        classroom.show(class_link(st.context.url or "", list(hide or []), present, channel))
