"""Presentation fits the projector: every part of every lesson, presented (``?present=1``) in Chromium at
1920×1080 and at 1366×768, is no taller than the screen (the main block's scroll height against its own height),
and no formula in it is wider than its box. A part of text alone is set in larger type (TEXT_SCALE) unless its
text already fills most of the part (TEXT_FILLED).

The lessons are presented for a 23-character sentence (LONG): a map, a table or a softmax row grows with the
sentence, and with the default five characters every part fitted while these scrolled in their frame.

A part sits in a frame never taller than what the bar and the lesson's controls leave (ui/present.py); a part whose
content is still taller would scroll inside that frame, and fails the test unless SCROLLS lists it (how many parts
per lesson, and why; empty: every part of every lesson fits both screens). The page itself must never scroll.

Both screens are stepped side by side (one browser page each, Next pressed on both, then both waited for), so
the whole walk costs one pass of page runs (about 5 minutes on 2 busy cores); one test per lesson (``-k rnn``).
Every read waits for what it reads: the bar's "Part k of n", the script's end, every chart drawn; never for time.
"""

from __future__ import annotations

import re

import pytest
from browser_common import NEEDS_CHROMIUM, drawn, settled  # first: it puts ROOT on sys.path for ui
from playwright.sync_api import expect

from ui import toc
from ui.i18n import translate

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]
WAIT_MS = 120_000
expect.set_options(timeout=WAIT_MS)
SCREENS = ((1920, 1080), (1366, 768))
LESSONS = [lesson.slug for lesson in toc.LESSONS if lesson.part not in ("practice",)]
LONG = "我们明天早上八点在学校门口见面然后一起去银行吧"  # 23 characters: near the longest a learner types
# lesson → (parts that may scroll inside their frame at 1366×768 at most, why); the aim is none
SCROLLS: dict[str, tuple[int, str]] = {}

HEIGHT_JS = """() => { const m = document.querySelector('[data-testid=stMain]');
  const f = document.querySelector('.st-key-tl_present_part');
  return {scroll: m.scrollHeight, client: m.clientHeight, inner: f ? f.scrollHeight - f.clientHeight : 0}; }"""
# formulas wider than their box: KaTeX's display box cuts them (page 13's clipping formula, at narrower screens);
# a few px of slack: an aligned formula's box reads 2 px wider than it draws
CUT_JS = """() => [...document.querySelectorAll('.st-key-tl_present_part .katex-display')]
  .filter(e => e.scrollWidth > e.clientWidth + 4).map(e => e.textContent.slice(0, 60))"""
# a part of text (and the lesson's controls) only: how large its paragraphs' type is against the page's root size, and
# how much of the part's height its text reaches down to; None for a part with a figure, a table, a display formula or
# code in it
TEXT_SCALE_JS = """() => { const f = document.querySelector('.st-key-tl_present_part');
  if (!f || f.querySelector('[data-testid=stPlotlyChart], table, img, iframe, [data-testid=stExpander], '
      + '.katex-display, [data-testid=stCode], [data-testid=stDataFrame]')) return null;
  const ps = [...f.querySelectorAll('[data-testid=stMarkdown] p, [data-testid=stMarkdown] li')].filter(p =>
    !p.closest('[data-testid=stHorizontalBlock], [data-testid=stCaptionContainer], [data-testid=stWidgetLabel]'));
  if (!ps.length) return null;
  const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const top = f.getBoundingClientRect().top, bottom = Math.max(...ps.map(p => p.getBoundingClientRect().bottom));
  return {scale: Math.min(...ps.map(p => parseFloat(getComputedStyle(p).fontSize))) / root,
          filled: (bottom - top) / f.clientHeight}; }"""
TEXT_SCALE, TEXT_FILLED = 1.3, 0.5  # a text-only part's type at least this much larger, unless its text fills this much
# text under the bar (and in it) set smaller than the page's root size (16 px at 1366×768, 21 px at 1920×1080): a
# label, a button, a caption, a table cell, code; figures (SVG) and formulas (KaTeX) size their own type
SMALL_JS = """() => { const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const out = [];
  const walk = document.createTreeWalker(document.querySelector('[data-testid=stMain]'), NodeFilter.SHOW_TEXT);
  let n; while ((n = walk.nextNode())) { const e = n.parentElement; if (!n.textContent.trim()) continue;
    if (e.closest('svg, .katex, [data-testid=stSidebar], [data-testid=stHeader]')) continue;
    const r = e.getBoundingClientRect(); if (!r.width || !r.height) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < root - 0.1) out.push(`${n.textContent.trim().slice(0, 30)} (${size} px)`);
  }
  return [...new Set(out)].slice(0, 8); }"""


@pytest.fixture(scope="module")
def server_log():
    return "streamlit_browser_present.log"


def _position(lang: str) -> re.Pattern:
    text = translate(lang, "present.position", k="K", n="N").replace("**", "")
    return re.compile(re.escape(text).replace("K", r"(\d+)").replace("N", r"(\d+)"))


# the layout has come to rest: every web font loaded, and the main block's and the part's heights the same over
# STILL_FRAMES animation frames in a row (a figure that fills its part is resized by Plotly after it is drawn, and
# KaTeX's and the CJK fonts reflow the text when they arrive: measured mid-way, a part read 11-21 px too tall in
# clean-clone runs, and the same part fitted when measured at rest)
STILL_FRAMES = 10
STILL_JS = """(n) => { const m = document.querySelector('[data-testid=stMain]');
  const f = document.querySelector('.st-key-tl_present_part');
  if (document.fonts.status !== 'loaded') return false;
  const now = [m.scrollHeight, m.clientHeight, f ? f.scrollHeight : 0, f ? f.clientHeight : 0].join();
  window.__tlStill = window.__tlLast === now ? (window.__tlStill || 0) + 1 : 0;
  window.__tlLast = now;
  return window.__tlStill >= n; }"""


def _settled(page) -> None:
    settled(page)
    drawn(page)
    page.wait_for_function(STILL_JS, arg=STILL_FRAMES, polling="raf")


def _part(page, position: re.Pattern, k: int | None = None) -> tuple[int, int]:
    """Wait until the bar says part k (any part when None) and the page is drawn; (k, n)."""
    bar = page.locator(".st-key-tl_present_bar_top")
    want = position if k is None else re.compile(position.pattern.replace(r"(\d+)", str(k + 1), 1))
    expect(bar).to_contain_text(want)
    _settled(page)
    expect(bar).to_contain_text(want)  # still there after the run ended (no rerun moved it)
    found = position.search(bar.inner_text())
    return int(found.group(1)) - 1, int(found.group(2))


@pytest.mark.parametrize("slug", LESSONS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_part_of_every_lesson_fits_the_screen(server, browser, lang, slug):
    position = _position(lang)
    next_name = re.compile("^" + re.escape(translate(lang, "present.next")))
    contexts = [browser.new_context(viewport={"width": w, "height": h},
                                    locale="zh-CN" if lang == "zh" else "en-US") for w, h in SCREENS]
    pages = []
    for c in contexts:
        c.set_default_timeout(WAIT_MS)
        pages.append(c.new_page())
    tall: list[str] = []
    cut: list[str] = []
    small: list[str] = []
    tiny: list[str] = []
    scrolls: dict[tuple[str, int], list[str]] = {}
    try:
        for page in pages:
            page.goto(f"{server}/{slug}?lang={lang}&s={LONG}&present=1&sec=0")
        counts = [_part(page, position, 0)[1] for page in pages]
        assert counts[0] == counts[1], (slug, counts)  # the same parts on both screens
        for k in range(counts[0]):
            for page, (w, h) in zip(pages, SCREENS):
                assert page.locator("[data-testid=stException]").count() == 0, (slug, k, w)
                size = page.evaluate(HEIGHT_JS)
                if size["scroll"] > size["client"]:
                    tall.append(f"{slug} part {k + 1}/{counts[0]} at {w}×{h}: {size['scroll']} px > "
                                f"{size['client']} px")
                cut += [f"{slug} part {k + 1} at {w}×{h}: {f}" for f in page.evaluate(CUT_JS)]
                text = page.evaluate(TEXT_SCALE_JS)
                # to two places: 1.3em at 1920 px reads back 1.2999… times the root (27.456 px of 21.12)
                if text is not None and round(text["scale"], 2) < TEXT_SCALE and text["filled"] < TEXT_FILLED:
                    small.append(f"{slug} part {k + 1} at {w}×{h}: text only, type {text['scale']:.2f}× the root "
                                 f"size, down to {text['filled']:.0%} of the part")
                tiny += [f"{slug} part {k + 1} at {w}×{h}: {found}" for found in page.evaluate(SMALL_JS)]
                if size["inner"] > 2:
                    scrolls.setdefault((slug, w), []).append(f"part {k + 1}: {size['inner']} px more")
            if k + 1 < counts[0]:
                for page in pages:
                    page.locator(".st-key-tl_present_bar_top").get_by_role("button", name=next_name).click()
                for page in pages:
                    _part(page, position, k + 1)
    finally:
        for c in contexts:
            c.close()
    over = {f"{slug} at {w}px: {parts}" for (slug, w), parts in scrolls.items()
            if len(parts) > SCROLLS.get(slug, (0, ""))[0]}
    print("parts that scroll inside their frame:", {f"{s} {w}": p for (s, w), p in scrolls.items()})
    found = [("parts taller than the screen", tall), ("formulas wider than their box", cut),
             ("more parts than listed in SCROLLS scroll inside their frame", sorted(over)),
             ("text-only parts not enlarged", small), ("type smaller than the root size", tiny)]
    assert not any(what for _, what in found), "\n".join(f"{name}:\n" + "\n".join(what) for name, what in found if what)


# ---- the overview's diagram: laid out for the size it is drawn at ----------------------------------------------

SENTENCES = {5: "我有一只猫", 24: "他昨天没有来上课因为他生病了所以老师很担心他们两"}  # 24: wraps in its column
LABELS_JS = """() => { const root = document.querySelector('.st-key-tl_wide_figure');
  const svg = root.querySelector('.main-svg').getBoundingClientRect();
  const texts = [...root.querySelectorAll('.annotation-text, .gtitle')].filter(e => e.textContent.trim());
  return {svg: [svg.left, svg.top, svg.right, svg.bottom], labels: texts.map(e => {
    const b = e.getBoundingClientRect(); return [e.textContent, b.left, b.top, b.right, b.bottom]; })}; }"""


def _next(page, lang: str):
    name = re.compile("^" + re.escape(translate(lang, "present.next")))
    return page.locator(".st-key-tl_present_bar_top").get_by_role("button", name=name)


def _overlaps(a, b, slack: float = 1.0) -> bool:
    return min(a[3], b[3]) - max(a[1], b[1]) > slack and min(a[4], b[4]) - max(a[2], b[2]) > slack


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("n_chars", sorted(SENTENCES))
def test_overview_diagram_labels_never_overlap(server, browser, lang, n_chars):
    """Presenting at 1366×768 and 1920×1080, and on the page at 1280 px: no two texts of the diagram overlap (the
    browser's own boxes of the drawn text), and every one is inside the figure."""
    position = _position(lang)
    for (w, h), present in (((1366, 768), True), ((1920, 1080), True), ((1280, 800), False)):
        context = browser.new_context(viewport={"width": w, "height": h})
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        try:
            page.goto(f"{server}/overview?lang={lang}&s={SENTENCES[n_chars]}" + ("&present=1&sec=0" if present else ""))
            if present:  # step to the diagram's part
                k, n = _part(page, position, 0)
                while page.locator(".st-key-fig-architecture").count() == 0:  # the chart's keyed element
                    assert k + 1 < n, "no part shows the diagram"
                    _next(page, lang).click()
                    k, n = _part(page, position, k + 1)
            else:
                _settled(page)
            expect(page.locator(".st-key-tl_wide_figure .main-svg").first).to_be_attached()  # drawn
            page.wait_for_function(f"() => ({LABELS_JS})().labels.length > 15")  # and its texts placed
            found = page.evaluate(LABELS_JS)
            left, top, right, bottom = found["svg"]
            labels = found["labels"]
            assert len(labels) > 15, labels  # every box label, the token lines and the title were found
            where = f"{w}×{h} {lang} {n_chars} characters"
            for text, x0, y0, x1, y1 in labels:
                assert left - 1 <= x0 and x1 <= right + 1 and top - 1 <= y0 and y1 <= bottom + 1, (where, text)
            clashes = [(a[0], b[0]) for i, a in enumerate(labels) for b in labels[i + 1:] if _overlaps(a, b)]
            assert not clashes, (where, clashes)
        finally:
            context.close()


# ---- the arrow keys ----------------------------------------------------------------------------------------------

def test_arrow_keys_work_right_after_turning_presentation_on(server, browser):
    """The toggle in the sidebar kept the focus, and the arrow keys went to it: → right after it moves a part."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    try:
        page.goto(f"{server}/self_attention?lang=en")
        _settled(page)
        sidebar = page.locator("[data-testid=stSidebar]")
        sidebar.get_by_text(translate("en", "teacher.title")).click()
        sidebar.get_by_text(translate("en", "teacher.present"), exact=True).click()
        position = _position("en")
        _part(page, position, 0)
        expect(page.locator("[data-testid=stSidebar]")).to_have_attribute("data-collapsed", "true")
        page.keyboard.press("ArrowRight")
        _part(page, position, 1)
    finally:
        context.close()


def test_right_arrow_at_the_last_decoding_step_goes_on_to_the_next_part(server, browser):
    """Page 10: → steps the decoding while it can, and at the last step moves to the next part."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    position = _position("en")
    next_step = page.get_by_role("button", name=translate("en", "control.next_step"))
    try:
        page.goto(f"{server}/generation?lang=en&present=1&sec=0")
        k, n = _part(page, position, 0)
        while next_step.count() == 0:  # the part with the step buttons
            assert k + 1 < n, "no part shows the decoding steps"
            _next(page, "en").click()
            k, n = _part(page, position, k + 1)
        assert k + 1 < n  # a part follows it
        expect(next_step).to_be_enabled()
        page.keyboard.press("ArrowRight")  # a step, not a part
        expect(page).to_have_url(re.compile(r"[?&]step=1\b"))
        _part(page, position, k)
        page.goto(f"{server}/generation?lang=en&present=1&sec={k}&step=63")  # the last step
        _part(page, position, k)
        expect(next_step).to_be_disabled()
        expect(_next(page, "en")).to_be_enabled()  # the bar whose shortcut → now is: drawn before the key is pressed
        page.keyboard.press("ArrowRight")
        _part(page, position, k + 1)
    finally:
        context.close()
