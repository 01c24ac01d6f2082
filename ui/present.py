"""Teacher's mode: presenting a lesson one section at a time, and the link a teacher shares with a class.

Presentation (``?present=1``): larger type, a collapsed sidebar, figures sized for a projector, and one
section of the lesson on screen at a time, with ← / → buttons (the arrow keys press them). A lesson's
sections are the stretches between its ``page.text()`` calls: ``page.text`` calls ``section()``, which
closes the section before and opens the next one, shown only when it is the current one (``sec``).
A section has a stable name (``<!-- section: scores -->`` in the lesson file, the name ``page.text`` gets), so a
link may say ``sec=scores`` as well as the older ``sec=2``. Outside presentation such a link lands on that
section: an anchor above its text, scrolled into view once, and the ``sec`` is then taken out of the URL
(a later rerun or another page does not jump again).
Everything a hidden section draws goes to a *null* DeltaGenerator (no root container, so Streamlit
sends nothing to the browser): the page script still runs whole, so its values, widgets and later
sections behave exactly as in the normal view, and nothing flashes on screen.

The class link (``hide=sentence,method``) hides controls, like TensorFlow Playground's hidden controls:
``widgets.choose`` and the sidebar skip a hidden control and use the value the link carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
_W_PRESENT = "_w.present"
_W_HIDE = "_w.link_hide"
_W_LINK_PRESENT = "_w.link_present"

# Root font size in presentation: Streamlit sizes its type in rem, so this one rule scales the whole
# page: 22 px on a 1920-wide projector, never under 18 px. Fixed text (never user input), aimed at the
# html element only, not at Streamlit's class names.
_LARGE_TYPE = "<style>html { font-size: clamp(18px, 1.15vw, 24px); }</style>"
_PX = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")  # the figure titles' own small second line (ui.figures)
FIGURE_SCALE = 1.5  # presentation: figure heights and font sizes ×1.5 …
FIGURE_MAX_HEIGHT = 760  # … but a figure still fits under the title on a 1080-pixel-high projector


@dataclass
class _Run:
    slug: str
    count: int = 0  # sections opened so far in this run
    hidden: DeltaGenerator | None = None  # the null container while the open section is not the current one
    nav: DeltaGenerator | None = None  # the placeholder for the ← / → bar under the title
    current: int | None = None  # the index of the section on screen (found by name or by index)


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


def page_style() -> None:
    """app.py, every run: large type while presenting."""
    if state.presenting():
        st.html(_LARGE_TYPE)


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


def start(slug: str) -> None:
    """page.begin, under the title: follow a ← / → to another lesson, start a new lesson at section 0,
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
    ss[_RUN] = _Run(slug, nav=st.empty())


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
    _close_hidden(run)
    if run.current is None and _is_target(state.get("sec"), name, run.count):
        run.current = run.count
    else:
        run.hidden = _null_container()
        run.hidden.__enter__()  # closed by the next section() or by finish()
    run.count += 1


def showing() -> bool:
    """Whether what the page draws now reaches the screen: False inside a hidden section of a presentation.
    A fragment must not start there: its reruns would have no container to draw into."""
    run = st.session_state.get(_RUN)
    return not (isinstance(run, _Run) and run.hidden is not None)


@contextmanager
def page_wide() -> Iterator[None]:
    """Around a control: the controls a lesson sets up in its intro (layer, head, query token …) choose what
    every later section shows, so while a later section is on screen they stay there too, above its text.
    Only at the page's top level: a control inside a column the page made in a hidden intro stays hidden."""
    run = st.session_state.get(_RUN)
    hidden = run.hidden if isinstance(run, _Run) and run.count == 1 else None  # the intro is open, not shown
    stack = context_dg_stack.get()
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
    with run.nav.container():
        _bar(run.slug, k, n, keys=True)
    _bar(run.slug, k, n, keys=False)
    ss.pop(_RUN, None)


def _go(slug: str, sec: int, target: str | None) -> None:
    if target is None:
        state.set("sec", sec)
    else:  # another lesson: start() switches to it on the next run, at section ``sec`` (63 = its last)
        st.session_state[_GOTO] = target
        st.session_state[_SLUG] = target
        state.set("sec", sec)


def _bar(slug: str, k: int, n: int, *, keys: bool) -> None:
    prev, nxt = toc.neighbours(slug)
    back = (slug, k - 1, None) if k > 0 else ((slug, 63, prev.slug) if prev is not None else None)
    ahead = (slug, k + 1, None) if k < n - 1 else ((slug, 0, nxt.slug) if nxt is not None else None)
    suffix = "top" if keys else "bottom"
    with st.container(horizontal=True, vertical_alignment="center", key=f"tl_present_bar_{suffix}"):
        st.button(t("present.prev") if k > 0 else t("present.prev_lesson"), icon=":material/arrow_back:",
                  on_click=_go, args=back, disabled=back is None, key=f"_b.present.prev.{suffix}",
                  shortcut="Left" if keys else None)
        st.markdown(t("present.position", k=k + 1, n=n) + (t("present.keys") if keys else ""))
        st.button(t("present.next") if k < n - 1 else t("present.next_lesson"), icon=":material/arrow_forward:",
                  icon_position="right", type="primary", on_click=_go, args=ahead, disabled=ahead is None,
                  key=f"_b.present.next.{suffix}", shortcut="Right" if keys else None)


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


def projector_figure(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` with heights and type sized for a 1920×1080 projector (presentation only)."""
    spec = fig.to_plotly_json()
    layout = spec.setdefault("layout", {})
    layout.setdefault("font", {}).setdefault("size", 13)
    _scale_fonts(spec, FIGURE_SCALE)
    title = layout.get("title")
    if isinstance(title, dict) and isinstance(title.get("text"), str):
        title["text"] = _PX.sub(lambda m: f"font-size:{float(m.group(1)) * FIGURE_SCALE:.0f}px", title["text"])
    height = layout.get("height") or 450
    layout["height"] = int(min(FIGURE_MAX_HEIGHT, max(height, height * FIGURE_SCALE)))
    return go.Figure(spec)


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


def class_link(base: str, hide: list[str], present: bool) -> str:
    """The page ``base`` with this view's values, the controls to hide and, if asked, presentation."""
    params = {k: v for k, v in state.url_params().items() if k not in ("present", "sec", "hide")}
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


def teacher_panel() -> None:
    """Sidebar: presentation on/off and "copy link for my class". A class link that hides controls
    does not show this panel (learners get the view, not the tools to change what is hidden)."""
    if state.hidden_controls():
        return
    with st.sidebar, st.expander(t("teacher.title"), icon=":material/school:"):
        st.session_state[_W_PRESENT] = state.presenting()
        st.toggle(t("teacher.present"), key=_W_PRESENT, on_change=_on_present, help=t("teacher.present_help"))
        labels = control_labels()
        st.session_state.setdefault(_W_HIDE, ["sentence", "method"])
        hide = st.pills(t("teacher.hide"), list(labels), selection_mode="multi", key=_W_HIDE,
                        format_func=labels.__getitem__)
        present = st.checkbox(t("teacher.link_present"), key=_W_LINK_PRESENT)
        from . import classroom  # the network address for a loopback host, the QR code and the short code

        classroom.show(class_link(st.context.url or "", list(hide or []), present))
