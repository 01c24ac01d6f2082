"""The class link on the projector (review 26, finding 6): "Show the class link on screen" opens a dialog over the
whole screen whose short code and short link can be read from the back row and whose QR code is whole on screen,
at 1920×1080 and 1366×768, in en and zh. Sizes are read from the browser's own layout (computed font sizes and
boxes), every read waits for what it reads. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_common import NEEDS_CHROMIUM, ROOT, app_servers, new_page, settled  # first: ROOT on sys.path
from playwright.sync_api import expect

from ui.i18n import translate

SHOTS = Path(os.environ.get("TL_SHOTS") or ROOT / "artifacts" / "screenshots")
CODE_PX, LINK_PX = 64, 32  # the review's minimums: a code read out loud, a link typed from the back row
TEXT_PX = 24  # and the words around them
pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]
expect.set_options(timeout=120_000)

SIZES_JS = """() => { const d = document.querySelector('[role=dialog]');
  const code = d.querySelector('.st-key-tl_screen_code p'), link = d.querySelector('.st-key-tl_screen_link code');
  const qr = d.querySelector('.st-key-tl_screen_qr img').getBoundingClientRect();
  const box = d.getBoundingClientRect(), shown = d.parentElement.getBoundingClientRect();
  const right = Math.max(...[...d.querySelectorAll('.st-key-tl_screen_link code, .st-key-tl_screen_code p')]
    .map(e => e.getBoundingClientRect().left + e.scrollWidth));
  const texts = [...d.querySelectorAll('h3, p, [data-testid=stCaptionContainer]')].filter(e => e.textContent.trim());
  const px = e => parseFloat(getComputedStyle(e).fontSize);
  return {smallest: Math.min(...texts.map(px)), code: px(code), link: px(link), text: code.textContent.trim(),
          width: Math.min(box.width, shown.width), right: right, edge: Math.min(box.right, shown.right, innerWidth),
          qr_top: qr.top, qr_bottom: qr.bottom, qr_w: qr.width}; }"""


@pytest.fixture(scope="module")
def server():
    with app_servers(1) as (url,):
        yield url


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_link_on_screen_is_readable_from_the_back_row(server, browser, lang):
    for width, height in ((1920, 1080), (1366, 768)):
        context, page = new_page(browser, lang, width, height)
        try:
            page.goto(f"{server}/self_attention?lang={lang}")
            settled(page)
            page.get_by_text(translate(lang, "teacher.title")).click()
            sidebar = page.locator("[data-testid=stSidebar]")
            sidebar.get_by_role("button", name=translate(lang, "class.show_on_screen")).click()
            dialog = page.get_by_role("dialog")
            expect(dialog.get_by_text(translate(lang, "class.screen_title"))).to_be_visible()
            expect(dialog.locator(".st-key-tl_screen_qr img")).to_be_visible()
            page.wait_for_function("() => { const i = document.querySelector('[role=dialog] .st-key-tl_screen_qr"
                                   " img'); return i && i.complete && i.naturalWidth > 0; }")
            m = page.evaluate(SIZES_JS)
            page.screenshot(path=str(_shot(f"link_on_screen_{lang}_{width}")))
            short = sidebar.locator(".st-key-tl_screen_code")  # not in the sidebar: the code is the dialog's own
            assert short.count() == 0
            code_line = translate(lang, "class.code", code="").split("**")[0].strip()
            assert code_line and m["text"] and m["text"].isalnum()
            assert m["code"] >= CODE_PX and m["link"] >= LINK_PX, m
            assert m["smallest"] >= TEXT_PX, m  # the title, the labels and the caption too
            assert m["width"] >= 0.9 * width, m  # the whole screen, not a window over the page
            assert m["right"] <= m["edge"], m  # the code and the link whole, none cut at the dialog's edge
            assert 0 <= m["qr_top"] and m["qr_bottom"] <= height and m["qr_w"] >= 0.45 * height, m  # whole, and large
        finally:
            context.close()


def _shot(name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"
