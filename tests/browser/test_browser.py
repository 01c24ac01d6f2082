"""The app in a real browser: headless Debian Chromium driven by Playwright (sync API).

Starts ``streamlit run app.py`` on a free port (conftest.py's ``server``), visits every lesson, changes a
head and a decoding step, checks the expected tokens are on the page, checks that no request leaves the
machine and that teacher's mode works, and saves a screenshot per page to ``artifacts/screenshots/`` (git-ignored;
``TL_SHOTS=dir`` elsewhere). Every read waits for the thing it reads (Playwright's expect), never for time.
Skipped only when /usr/bin/chromium is missing
(``apt-get install -y chromium fonts-noto-cjk``).

The checkpoint is the shipped one unless TL_CHECKPOINT_DIR points elsewhere.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import browser_common
import pytest
from browser_common import NEEDS_CHROMIUM, ROOT  # first: it puts ROOT on sys.path for ui
from playwright.sync_api import expect

from ui.i18n import translate
from ui.toc import LESSONS

SHOTS = Path(os.environ.get("TL_SHOTS") or ROOT / "artifacts" / "screenshots")
WAIT_MS = 120_000  # the longest wait for anything read: a cold first page loads torch and the models, on a busy machine

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]


@pytest.fixture(scope="module")
def server_log():
    """The app's output goes to artifacts/streamlit_browser_test.log (conftest.py's server)."""
    return "streamlit_browser_test.log"


def new_context(browser, locale: str, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    context.set_default_timeout(WAIT_MS)  # clicks and screenshots wait as long as expect does
    return context


@pytest.fixture()
def page(browser):
    context = new_context(browser, "en-US")
    pg = context.new_page()
    yield pg
    context.close()


# ---- waiting for what a test reads -----------------------------------------------------------------------
# No fixed sleeps: every read waits (Playwright's expect retries) for the very thing it reads — a heading,
# a figure title, an annotation, the URL — and a run is "done" when the element written last by every
# lesson (the ◀ ▶ lesson links) is there and the script state says notRunning.

expect.set_options(timeout=WAIT_MS)


def app(page):
    return page.locator("[data-testid=stApp]")


def finished(page) -> None:
    """The script run that produced what the test just waited for has ended (so late exceptions show), and no
    browser-store answer is still to come (its rerun can drop a click or a key pressed meanwhile)."""
    browser_common.settled(page)


def lesson_links(page, lang: str = "en"):
    """The ◀ ▶ lesson links, which page.end() writes last on every lesson."""
    words = [translate(lang, key, title="") for key in ("nav.previous", "nav.next")]
    return page.locator("[data-testid=stMain]").get_by_role("link", name=re.compile(
        "|".join(f"^{re.escape(w)}" for w in words)))


def open_page(page, url: str, lang: str = "en") -> None:
    """Go to ``url`` and wait until the lesson is written to its end and the run is over."""
    page.goto(url)
    expect(app(page)).to_have_attribute("data-test-connection-state", "CONNECTED")
    if "present=1" in url:  # presented: no ◀ ▶ links under the part (the section bar steps on); the bar is the end
        expect(page.locator(".st-key-tl_present_bar_top")).to_be_visible()
    else:
        expect(lesson_links(page, lang).first).to_be_visible()
    finished(page)


def figure_titles(page):
    return page.locator(".js-plotly-plot .gtitle")


def heading(page):
    return page.locator("[data-testid=stMain] h1").first


def no_exception(page, where: str) -> None:
    assert page.locator("[data-testid=stException]").count() == 0, where
    assert "Traceback" not in page.locator("[data-testid=stMain]").inner_text(), where


def shoot(page, name: str, full: bool = True) -> None:
    """Screenshot (after every figure has drawn). ``full``: the whole lesson, since Streamlit scrolls inside
    its main container: the viewport is stretched to the content's height first (and restored after)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser_common.drawn(page)
    if not full:
        page.screenshot(path=str(SHOTS / f"{name}.png"))
        return
    size = page.viewport_size
    height = page.evaluate("Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
                           "[data-testid=stMainBlockContainer]')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height + 40, size["height"]), 12000))})
    browser_common.drawn(page)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def main_text(page) -> str:
    return page.locator("[data-testid=stMain]").inner_text()


def test_every_page_renders_with_the_default_sentence(server, page):
    for n, lesson in enumerate(LESSONS, start=1):
        open_page(page, f"{server}/{'' if n == 1 else lesson.slug}")
        expect(heading(page)).to_have_text(re.compile(rf"^{n}\."))
        no_exception(page, lesson.slug)
        shoot(page, f"{n:02d}_{lesson.slug}")
    # the sentence's characters are on the axes of the self-attention figures
    open_page(page, f"{server}/self_attention")
    ticks = page.locator(".js-plotly-plot .xtick text")
    for ch in "我有一只猫":
        expect(ticks.filter(has_text=ch).first).to_be_attached()


def test_changing_a_head_updates_figure_and_url(server, page):
    open_page(page, f"{server}/self_attention")
    page.get_by_role("radio", name="head 2", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]head=2\b"))
    # the human title (which head), then the hook name · shape as its subtitle
    expect(figure_titles(page).filter(has_text="head 2encoder.layers.0.self_attn.hook_pattern · (4, 5, 5)")
           ).not_to_have_count(0)
    finished(page)
    shoot(page, "04_self_attention_head2")
    # the link survives a reload: the view comes back from the URL alone
    open_page(page, page.url)
    expect(page.get_by_role("radio", name="head 2", exact=True)).to_have_attribute("aria-checked", "true")
    expect(figure_titles(page).filter(has_text="head 2")).not_to_have_count(0)


def test_stepping_through_decoding(server, page):
    open_page(page, f"{server}/generation")
    expect(page.locator("[data-testid=stSidebar]")).to_contain_text(re.compile("cat", re.IGNORECASE))
    page.get_by_role("button", name="Next step").click()
    expect(page).to_have_url(re.compile(r"[?&]step=1\b"))
    finished(page)
    page.get_by_role("button", name="Next step").click()
    expect(page).to_have_url(re.compile(r"[?&]step=2\b"))
    expect(figure_titles(page).filter(has_text="position 2")).not_to_have_count(0)
    finished(page)
    shoot(page, "10_generation_step2")
    page.get_by_role("radio", name="beam search").click()
    expect(page).to_have_url(re.compile(r"[?&]method=beam\b"))
    expect(page.get_by_role("radio", name="beam search")).to_have_attribute("aria-checked", "true")
    finished(page)
    shoot(page, "10_generation_beam")


def test_bad_input_keeps_the_last_good_sentence(server, page):
    open_page(page, server)
    box = page.get_by_role("textbox", name="Your Chinese sentence")
    box.fill("<b>hello</b>")
    box.press("Enter")
    expect(page.locator("[data-testid=stAlertContentError]").first).to_be_visible()
    finished(page)
    expect(page.locator(".js-plotly-plot text").filter(has_text="我 有 一 只 猫")).not_to_have_count(0)
    shoot(page, "bad_input_markup")
    box.fill("我有一只🐱")
    box.press("Enter")
    # in the lesson (the sidebar's folded teacher panel holds a warning of its own: the loopback class link)
    expect(page.locator("[data-testid=stMain] [data-testid=stAlertContentWarning]").first).to_be_visible()
    finished(page)
    assert "&lt;unk&gt;" not in main_text(page)
    shoot(page, "unknown_character")


def test_prev_next_links_carry_the_state(server, page):
    open_page(page, f"{server}/self_attention?head=3&layer=1")
    page.get_by_role("link", name="Next: Multi-head attention").click()
    expect(page).to_have_url(re.compile(r"/multi_head\?"))
    expect(page).to_have_url(re.compile(r"[?&]head=3\b"))
    expect(page).to_have_url(re.compile(r"[?&]layer=1\b"))
    expect(heading(page)).to_have_text(re.compile(r"^5\."))
    finished(page)
    shoot(page, "05_multi_head_from_link")


def test_language_switch_and_browser_locale(server, browser):
    """A zh-CN browser opens in Chinese; switching to English and back is kept in the URL."""
    context = new_context(browser, "zh-CN")
    pg = context.new_page()
    try:
        open_page(pg, f"{server}/self_attention", "zh")
        expect(pg).to_have_url(re.compile(r"[?&]lang=zh\b"))
        expect(heading(pg)).to_contain_text("自注意力")
        shoot(pg, "zh_04_self_attention")
        pg.get_by_role("radio", name="English", exact=True).click()
        expect(pg).to_have_url(re.compile(r"[?&]lang=en\b"))
        expect(heading(pg)).to_contain_text("Self-attention")
        finished(pg)
        pg.get_by_role("radio", name="中文", exact=True).click()
        expect(heading(pg)).to_contain_text("自注意力")
        expect(lesson_links(pg, "zh").first).to_be_visible()
        finished(pg)
        pg.get_by_role("link", name="下一页", exact=False).first.click()
        expect(pg).to_have_url(re.compile(r"/multi_head\?.*lang=zh\b"))
        expect(heading(pg)).to_contain_text("多头注意力")
        finished(pg)
        shoot(pg, "zh_05_multi_head")
    finally:
        context.close()


def test_recurrent_lessons(server, page):
    """RNN: the unrolled network carries the sentence's characters; a selector goes into the URL.
    LSTM: a calculator preset sets the gates. Why attention: timing runs only on the button."""
    open_page(page, f"{server}/rnn")
    annotations = page.locator(".js-plotly-plot .annotation-text")
    for ch in "我有一只猫":  # the flake this replaces read these before Plotly had drawn them
        expect(annotations.filter(has_text=ch).first).to_be_attached()
    page.get_by_role("radio", name="64", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]units=64\b"))
    expect(figure_titles(page).filter(has_text="first 64 of 128 units")).not_to_have_count(0)
    finished(page)
    shoot(page, "11_rnn_64_units")

    open_page(page, f"{server}/lstm")
    page.get_by_role("button", name="Forget everything").click()
    expect(page).to_have_url(re.compile(r"[?&]lf=0\.0\b"))
    expect(page).to_have_url(re.compile(r"[?&]li=0\.0\b"))
    finished(page)
    shoot(page, "12_lstm_forget")

    open_page(page, f"{server}/why_attention")
    browser_common.drawn(page)
    expect(figure_titles(page).filter(has_text="median time")).to_have_count(0)
    page.get_by_role("button", name="Measure now on this machine").click()
    expect(figure_titles(page).filter(has_text="batch 1, median time")).not_to_have_count(0)
    expect(figure_titles(page).filter(has_text="Encoder only")).not_to_have_count(0)
    finished(page)
    shoot(page, "13_why_attention_measured")


def test_recurrent_lessons_in_chinese(server, browser):
    context = new_context(browser, "zh-CN")
    pg = context.new_page()
    try:
        for n, lesson in enumerate(LESSONS, start=1):
            if lesson.slug not in ("rnn", "lstm", "why_attention"):
                continue
            open_page(pg, f"{server}/{lesson.slug}", "zh")
            expect(pg).to_have_url(re.compile(r"[?&]lang=zh\b"))
            no_exception(pg, lesson.slug)
            expect(heading(pg)).to_have_text(re.compile(rf"^{n}\..*[\u4e00-\u9fff]"))
            expect(pg.locator("[data-testid=stMain]")).to_contain_text("亲手验算")
            shoot(pg, f"zh_{n:02d}_{lesson.slug}")
    finally:
        context.close()


# ---- offline: every asset from the app's own server ----------------------------------------------------

def test_no_request_leaves_the_machine(server, browser):
    """A school network or a train: block every request that is not to loopback and record it. The page
    icon is checked by its <link>, because Chromium fetches favicons outside page routing."""
    context = new_context(browser, "zh-CN")
    outside: list[str] = []

    def only_loopback(route):
        host = urlsplit(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost", "::1") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    pg = context.new_page()
    try:
        for slug in ("self_attention", "generation", "rnn"):  # heatmaps, LaTeX, Material icons, CJK text
            open_page(pg, f"{server}/{slug}", "zh")
            browser_common.drawn(pg)
            expect(pg.locator("[data-testid=stMain] .katex").first).to_be_attached()
            icons = pg.locator("link[rel~=icon]")
            expect(icons).not_to_have_count(0)
            for href in icons.evaluate_all("links => links.map(l => l.href)"):
                assert href.startswith("data:image/") or urlsplit(href).hostname in ("127.0.0.1", "localhost"), href
        assert outside == [], f"requests to other machines: {outside}"
    finally:
        context.close()


# ---- experiments (issue 11) ----------------------------------------------------------------------------

def test_a_lesson_links_to_its_experiment_and_the_variants_show_their_results(server, page):
    open_page(page, f"{server}/positions")
    name = translate("en", "exp.takeout_live", name=translate("en", "exp.name.no_pe"))
    page.get_by_role("link", name=re.compile(re.escape(name))).click()
    expect(page).to_have_url(re.compile(r"/experiments\b"))  # exp=no_pe, the page's default, left out of the URL
    expect(heading(page)).to_have_text(re.compile(r"^14\."))
    expect(page.locator("[data-testid=stMain]")).to_contain_text(translate("en", "exp.claim.no_pe"))
    expect(lesson_links(page).first).to_be_visible()
    finished(page)
    no_exception(page, "experiments, no PE")
    # a trained variant: the sentence through it, its attention and its curves beside the shipped model's
    open_page(page, f"{server}/experiments?var=no_pe")
    for key in ("exp.by_length_title", "exp.curve_title", "exp.valid_title"):
        expect(figure_titles(page).filter(has_text=translate("en", key)).first).to_be_attached()
    expect(page.locator("[data-testid=stMain]")).to_contain_text(translate("en", "exp.var_lesson.no_pe")[:40])
    no_exception(page, "experiments, variant")
    shoot(page, "14_experiments_variant_no_pe")


# ---- teacher's mode ------------------------------------------------------------------------------------

def section_bar_text(page):
    return page.locator("[data-testid=stMain]").get_by_text(re.compile(r"^(Part|第) \d+"))


def test_presentation_steps_through_sections_with_the_arrow_keys(server, page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, f"{server}/self_attention?present=1")
    expect(page.locator("[data-testid=stSidebar]")).to_have_attribute("data-collapsed", "true")
    expect(section_bar_text(page).first).to_contain_text("Part 1 of")
    expect(page.get_by_role("heading", name=re.compile("Three views of every token"))).to_have_count(0)
    # the → key is the bar's Next button's shortcut: press it once that button is there and enabled (a key pressed
    # before the button is drawn goes nowhere)
    expect(page.get_by_role("button", name=translate("en", "present.next")).first).to_be_enabled()
    page.locator("body").press("ArrowRight")  # part 1 is the key points, part 2 the intro, then "Three views"
    expect(page).to_have_url(re.compile(r"[?&]sec=1\b"))
    expect(section_bar_text(page).first).to_contain_text("Part 2 of")
    finished(page)
    expect(page.get_by_role("button", name=translate("en", "present.next")).first).to_be_enabled()
    page.locator("body").press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]sec=2\b"))
    expect(page.get_by_role("heading", name=re.compile("Three views of every token"))).to_be_visible()
    expect(section_bar_text(page).first).to_contain_text("Part 3 of")
    finished(page)
    no_exception(page, "present sec 2")
    for part in (2, 1):
        page.get_by_role("button", name=re.compile("^Back")).first.click()
        expect(section_bar_text(page).first).to_contain_text(f"Part {part} of")
        finished(page)
    expect(page).not_to_have_url(re.compile(r"[?&]sec="))


def test_class_link_hides_the_chosen_controls(server, page):
    open_page(page, f"{server}/self_attention?s=%E4%BB%96%E4%BB%AC%E6%9C%89%E4%B8%A4%E5%8F%AA%E7%8B%97"
                    "&head=2&hide=sentence,head")
    expect(page.get_by_role("textbox", name="Your Chinese sentence")).to_have_count(0)
    expect(page.get_by_role("radio", name="head 2", exact=True)).to_have_count(0)
    expect(page.get_by_role("radio", name="layer 1", exact=True)).to_be_visible()  # not hidden
    expect(figure_titles(page).filter(has_text="head 2")).not_to_have_count(0)
    no_exception(page, "class link")


# Both sizes in both languages when shots are asked for (TL_SHOTS); otherwise one of each, to keep CI short.
LOOKS = [(w, h, lang) for w, h in ((1920, 1080), (1366, 768)) for lang in ("en", "zh")
         if os.environ.get("TL_SHOTS") or (w, lang) in ((1920, "en"), (1366, "zh"))]


@pytest.mark.parametrize("width,height,lang", LOOKS)
def test_look_at_present_and_normal_pages(server, browser, lang, width, height):
    """Screenshots for a person to open: presentation (first part and a part with figures) and the normal
    page with the teacher's panel open, at a projector's and a small laptop's size."""
    context = new_context(browser, "zh-CN" if lang == "zh" else "en-US", width, height)
    pg = context.new_page()
    try:
        for sec in (0, 2):
            open_page(pg, f"{server}/self_attention?present=1&sec={sec}&lang={lang}", lang)
            no_exception(pg, f"present {sec}")
            shoot(pg, f"present_{lang}_{width}x{height}_sec{sec}", full=False)
        open_page(pg, f"{server}/self_attention?lang={lang}", lang)
        pg.get_by_text(translate(lang, "teacher.title")).click()
        pg.get_by_text(translate(lang, "class.full_link")).click()  # the short link first, the full one on demand
        link = pg.locator("[data-testid=stSidebar] [data-testid=stCode]").filter(has_text="hide=sentence")
        expect(link).to_have_count(1)
        shoot(pg, f"normal_{lang}_{width}x{height}", full=False)
        pg.locator("[data-testid=stSidebar] [data-testid=stExpander]").filter(
            has=pg.locator("[data-testid=stCode]")).screenshot(
            path=str(SHOTS / f"teacher_panel_{lang}_{width}x{height}.png"))
    finally:
        context.close()
