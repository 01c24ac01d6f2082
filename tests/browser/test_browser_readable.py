"""Readable at a glance, in a real browser: every token of a 24-character sentence labelled on the
cross-attention axes as drawn, the replay's Play reaching the last saved step and pausing, /overview opening
the overview, the class link warning about a loopback address, and dark mode following the system.

Every read waits for the thing it reads (Playwright's expect / wait_for_function), never for time. Screenshots
go to artifacts/screenshots/ (or TL_SHOTS) like the other browser tests.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

import browser_common
import pytest
from browser_common import NEEDS_CHROMIUM, ROOT  # first: it puts ROOT on sys.path for ui
from playwright.sync_api import expect

from ui import pinyin_hover
from ui.i18n import translate

SHOTS = Path(os.environ.get("TL_SHOTS") or ROOT / "artifacts" / "screenshots")
WAIT_MS = 120_000
# 24 characters, the longest sentence the app reads (no repeats: the exercise box under each lesson still fails on a
# repeated character, "Duplicate column names", which is not what this test is about; tests/test_figures.py checks
# repeated tokens in the figure builders)
LONG = "昨天我没有来上课因为生病了所以老师同学都很担心呢"

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def server_log():
    return "streamlit_browser_readable.log"


def new_page(browser, width=1280, height=900, locale="en-US", **kw):
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale, **kw)
    context.set_default_timeout(WAIT_MS)
    return context, context.new_page()


def settled(page) -> None:
    expect(page.locator("[data-testid=stMain] h1").first).to_be_visible()
    browser_common.settled(page)
    browser_common.drawn(page)


def no_exception(page, where: str) -> None:
    assert page.locator("[data-testid=stException]").count() == 0, where


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


# What each drawn chart shows on its category axes, read from the SVG Plotly drew, beside the categories of
# its first trace (the tokens it was given).
AXES_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const heat = (gd._fullData || gd.data || []).find(tr => tr.type === 'heatmap');
  if (!heat) return null;
  const texts = sel => [...gd.querySelectorAll(sel)].map(e => e.textContent);
  const boxes = sel => [...gd.querySelectorAll(sel)].map(e => {
    const r = e.getBoundingClientRect();
    return {l: r.left, r: r.right, t: r.top, b: r.bottom, px: parseFloat(getComputedStyle(e).fontSize)};
  });
  return {title: ((gd._fullLayout || gd.layout).title || {}).text || '', x: [...heat.x], y: [...heat.y],
          xticks: texts('.xaxislayer-above .xtick text'), yticks: texts('.yaxislayer-above .ytick text'),
          xboxes: boxes('.xaxislayer-above .xtick text'), yboxes: boxes('.yaxislayer-above .ytick text')};
}).filter(Boolean)
"""


def _plain(labels) -> list[str]:
    """Labels as read: a category value's note for the hover (ui/pinyin_hover.py) and the de-duplicating marks
    left out, HTML entities unescaped."""
    return [pinyin_hover.bare(s).replace("\u200b", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            for s in labels]


def _overlaps(boxes) -> list[tuple[int, int]]:
    """Pairs of drawn tick labels whose boxes intersect (1 px of slack for anti-aliasing)."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if min(boxes[i]["r"], boxes[j]["r"]) - max(boxes[i]["l"], boxes[j]["l"]) > 1
            and min(boxes[i]["b"], boxes[j]["b"]) - max(boxes[i]["t"], boxes[j]["t"]) > 1]


@pytest.mark.parametrize("lang,width,height", [("zh", 1280, 900), ("en", 1366, 768)])
def test_every_token_of_a_long_sentence_is_labelled_on_the_cross_attention_axes(server, browser, lang, width,
                                                                                  height):
    context, page = new_page(browser, width, height, "zh-CN" if lang == "zh" else "en-US")
    try:
        page.goto(f"{server}/cross_attention?lang={lang}&s={quote(LONG)}")
        settled(page)
        no_exception(page, "cross-attention, 24 characters")
        # the one-head and the mean pattern (the grid of all heads has "layers.*" in its name), once drawn
        page.wait_for_function(f"({AXES_JS})().filter(c => c.title.includes('cross_attn.hook_pattern')"
                               " && !c.title.includes('.*.') && c.xticks.length).length >= 2")
        charts = page.evaluate(AXES_JS)
        single = [c for c in charts if "cross_attn.hook_pattern" in c["title"] and ".*." not in c["title"]]
        for c in single:
            assert _plain(c["xticks"]) == _plain(c["x"]), c["title"][:80]  # every character, in order
            assert _plain(c["yticks"]) == _plain(c["y"]), c["title"][:80]
            assert len(c["x"]) >= 24 and "昨" in _plain(c["xticks"]) and "课" in _plain(c["xticks"])
            # legible: every label drawn at 11 px or more, and none on top of another
            assert min(b["px"] for b in c["xboxes"] + c["yboxes"]) >= 11, c["title"][:80]
            assert not _overlaps(c["xboxes"]) and not _overlaps(c["yboxes"]), c["title"][:80]
        shoot(page, f"readable_cross_{lang}_{width}")
    finally:
        context.close()


def test_play_reaches_the_last_saved_step_and_pauses(server, browser):
    from tutorial_model import snapshots
    from tutorial_model.checkpoint import CHECKPOINT_DIR

    steps = snapshots.steps(Path(os.environ.get("TL_CHECKPOINT_DIR") or CHECKPOINT_DIR))
    context, page = new_page(browser)
    try:
        page.goto(f"{server}/training?lang=en")
        settled(page)
        main = page.locator("[data-testid=stMain]")
        at = translate("en", "replay.at_step", step="{s}", total=f"{steps[-1]:,}").replace("**", "")
        expect(main.get_by_text(at.format(s="0"), exact=False)).to_be_visible()  # opens at step 0
        page.get_by_role("button", name=translate("en", "replay.play")).click()
        expect(page.get_by_role("button", name=translate("en", "replay.pause"))).to_be_visible()
        # it moves on by itself (the timer runs) ...
        expect(main.get_by_text(at.format(s=f"{steps[2]:,}"), exact=False)).to_be_visible()
        # ... to the last saved step, and stops there: the button offers Play again
        expect(main.get_by_text(at.format(s=f"{steps[-1]:,}"), exact=False)).to_be_visible()
        expect(page.get_by_role("button", name=translate("en", "replay.play"))).to_be_visible()
        expect(main.get_by_text(translate("en", "replay.shipped"))).to_be_visible()
        no_exception(page, "replay")
    finally:
        context.close()


def test_overview_by_its_slug_and_the_loopback_class_link(server, browser):
    context, page = new_page(browser)
    try:
        page.goto(f"{server}/overview?lang=en")
        settled(page)
        expect(page.locator("[data-testid=stMain] h1").first).to_contain_text(translate("en", "page.overview.title"))
        expect(page.get_by_text("Page not found")).to_have_count(0)
        page.get_by_text(translate("en", "teacher.title")).click()
        alert = page.locator("[data-testid=stSidebar] [data-testid=stAlert]").filter(has_text="127.0.0.1")
        expect(alert).to_be_visible()  # the page's own address is loopback: said, and replaced when possible
        expect(page.locator("[data-testid=stSidebar] [data-testid=stImageContainer] img")).to_be_visible()  # QR
        code = page.locator("[data-testid=stSidebar] code").filter(has_text=re.compile(r"/c\?k=[2-9A-HJ-NP-Z]{6}$"))
        expect(code).to_have_count(1)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("[data-testid=stSidebarUserContent]").screenshot(path=str(SHOTS / "readable_class_link.png"))
        short = code.inner_text().strip()
        page.goto(short.replace(short.split("/c?")[0], server))  # the short link opens the lesson it stands for
        settled(page)
        expect(page.locator("[data-testid=stMain] h1").first).to_contain_text(translate("en", "page.overview.title"))
    finally:
        context.close()


# The figure's drawn background and its title's colour, as brightness 0–765 (r + g + b).
FIGURE_COLOURS_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const sum = c => (c.match(/\\d+(\\.\\d+)?/g) || [0, 0, 0]).slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
  const paper = gd.querySelector('.main-svg');  // plotly paints the paper as the first svg's background
  const title = gd.querySelector('.gtitle');
  return {bg: sum(getComputedStyle(paper).backgroundColor), text: title ? sum(getComputedStyle(title).fill) : null};
})
"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_dark_mode_follows_the_system_and_the_figures_follow_it(server, browser, scheme):
    context, page = new_page(browser, color_scheme=scheme)
    try:
        page.goto(f"{server}/self_attention?lang=en")
        settled(page)
        dark = scheme == "dark"
        page.wait_for_function("""(dark) => {
            const bg = getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor;
            const [r, g, b] = bg.match(/\\d+/g).map(Number);
            return dark ? r + g + b < 200 : r + g + b > 600;
        }""", arg=dark)
        page.wait_for_function(f"({FIGURE_COLOURS_JS})().some(f => f.text !== null)")  # the first figure drawn
        figures = page.evaluate(FIGURE_COLOURS_JS)
        for f in (f for f in figures if f["text"] is not None):  # a title that reads on the page: light on dark …
            assert (f["bg"] < 200) == dark and (f["text"] > 500) == dark, f
        shoot(page, f"readable_theme_{scheme}")
    finally:
        context.close()
