"""Issue 26 in a real browser: page 4's row of weights and page 2's word map as Chromium draws them. Every number on
a bar at 11 px or more, every token a tick label clear of its neighbours, the sentence's red labels on the word map
clear of each other and so the grey labels it prints, for a 24-character sentence at 1280 px and 1366 × 768, in both
languages.

Every read waits for the thing it reads (Playwright's expect / wait_for_function), never for time.
"""

from __future__ import annotations

from urllib.parse import quote

import browser_common
import pytest
from browser_common import NEEDS_CHROMIUM
from playwright.sync_api import expect

WAIT_MS = 120_000
# 24 characters, none repeated (as in test_browser_readable.py: the exercise box still fails on a repeated one)
LONG = "昨天我没有来上课因为生病了所以老师同学都很担心呢"

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]
expect.set_options(timeout=WAIT_MS)

# the drawn boxes of some SVG texts of the chart that holds ``have``, with their font size
BOXES_JS = """
([have, ...sels]) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g.querySelector(have));
  if (!gd) return null;
  return sels.map(sel => [...gd.querySelectorAll(sel)].filter(e => e.textContent.trim()).map(e => {
    const r = e.getBoundingClientRect();
    return {text: e.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom,
            px: parseFloat(getComputedStyle(e).fontSize)};
  }));
}
"""


def overlaps(boxes) -> list[tuple[str, str]]:
    """Pairs of drawn labels whose boxes intersect (1 px of slack for anti-aliasing)."""
    return [(a["text"], b["text"]) for n, a in enumerate(boxes) for b in boxes[n + 1:]
            if min(a["r"], b["r"]) - max(a["l"], b["l"]) > 1 and min(a["b"], b["b"]) - max(a["t"], b["t"]) > 1]


def opened(browser, slug: str, lang: str, width: int, height: int, server: str):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  locale="zh-CN" if lang == "zh" else "en-US")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto(f"{server}/{slug}?lang={lang}&s={quote(LONG)}")
    expect(page.locator("[data-testid=stMain] h1").first).to_be_visible()
    browser_common.settled(page)
    assert page.locator("[data-testid=stException]").count() == 0, slug
    return context, page


def drawn(page, have: str, *sels: str):
    """The boxes, once the chart is drawn and scrolled into view (plotly draws charts as they come into view)."""
    page.locator(".js-plotly-plot", has=page.locator(have)).first.scroll_into_view_if_needed()
    page.wait_for_function(f"(x => x && x.every(b => b.length))(({BOXES_JS})({[have, *sels]!r}))")
    return page.evaluate(BOXES_JS, [have, *sels])


SIZES = [("en", 1280, 900), ("zh", 1280, 900), ("en", 1366, 768), ("zh", 1366, 768)]


@pytest.mark.parametrize("lang, width, height", SIZES)
def test_every_weight_and_token_of_a_long_row_is_readable(server, browser, lang, width, height):
    context, page = opened(browser, "self_attention", lang, width, height, server)
    try:
        numbers, ticks = drawn(page, ".barlayer", ".barlayer .bartext", ".yaxislayer-above .ytick text")
        assert len(numbers) == 24 and len(ticks) == 24  # a number and a label per token
        assert min(b["px"] for b in numbers + ticks) >= 11
        assert not overlaps(numbers) and not overlaps(ticks)
    finally:
        context.close()


@pytest.mark.parametrize("lang, width, height", SIZES)
def test_the_sentence_labels_on_the_word_map_do_not_overlap(server, browser, lang, width, height):
    context, page = opened(browser, "tokens", lang, width, height, server)
    try:
        # the sentence's trace is the scatter's second; labels on a leader line are annotations
        beside, = drawn(page, ".scatterlayer", ".scatterlayer .trace:nth-of-type(2) .textpoint text")
        lines = page.evaluate(BOXES_JS, [".scatterlayer", ".annotation-text"])[0]
        labels = beside + lines
        points = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                               ".find(g => g.querySelector('.scatterlayer')).calcdata[1].length")
        assert len(labels) == points >= 20  # every character of the sentence labelled once
        assert min(b["px"] for b in labels) >= 16
        assert not overlaps(labels), overlaps(labels)
        # the vocabulary's grey labels, as drawn: only those clear of each other are printed (ui/label_place.thin
        # estimates their widths; this is the font's own), and still a good part of the ~1,000 characters
        grey, = drawn(page, ".scatterlayer", ".scatterlayer .trace:nth-of-type(1) .textpoint text")
        assert len(grey) >= 100 and not overlaps(grey), (len(grey), overlaps(grey)[:10])
    finally:
        context.close()
