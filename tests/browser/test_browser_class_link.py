"""A learner who joined a class and then opens a lesson by its address (the teacher's QR code, a link, a typed URL:
a fresh page load, so a new session) is still in the class (issue 26): the sidebar says "In class as …", and an
exercise answered there reaches the class database and the teacher's class view ("1 learner, 1 answer").

The exercise's right answer is computed here by the same engine on the same trace (AppTest builds the page's
context in this process), never read off the screen. Every read waits for what it reads. Screenshots at
1920×1080 and 1366×768 in en and zh go to artifacts/screenshots/: the lesson with the sidebar note, the class
view with one learner, and the teacher's panel (short code and link first).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import browser_common  # first: it puts ROOT on sys.path
import pytest
from browser_common import NEEDS_CHROMIUM, ROOT, app_servers, first_instance, settled
from playwright.sync_api import expect

from exercises import core
from live_class import store
from ui.i18n import translate

SHOTS = Path(os.environ.get("TL_SHOTS") or ROOT / "artifacts" / "screenshots")
WAIT_MS = 120_000
SKILL = "self_attention.compute"  # the self-attention page's first exercise
SIZES = ((1920, 1080), (1366, 768))
pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def server(class_db):
    with app_servers(1, env={store.ENV_URL: class_db}) as (url,):
        yield url


@pytest.fixture(scope="module")
def instance() -> core.Instance:
    """The instance the self-attention page poses first for the default sentence."""
    made = first_instance(SKILL)
    assert made is not None and made.kind == core.NUMBER
    return made


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def in_class(lang: str, name: str) -> str:
    return translate(lang, "classroom.sidebar.in_class", name=name)


def note(page, lang: str, name: str):
    """The sidebar's "In class as <pseudonym>" link (ui/class_member.py)."""
    return page.locator("[data-testid=stSidebar]").get_by_role("link", name=in_class(lang, name))


def pseudonym(lang: str, name: str) -> str:
    adj, animal, n = name.split(".")
    return translate(lang, "classroom.name", adj=translate(lang, f"classroom.adj.{adj}"),
                     animal=translate(lang, f"classroom.animal.{animal}"), n=n)


def answer(page, instance: core.Instance) -> None:
    """Open the exercise box, type the right answer, leave the field (a form's input hands its value over on blur),
    check that it holds the value, then press Check."""
    settled(page)
    page.get_by_text(translate("en", "exercises.ui.title")).click()
    box = page.locator("[data-testid=stExpander]").filter(has_text=translate("en", "exercises.ui.title"))
    field = box.get_by_role("textbox", name=translate("en", "exercises.ui.answer"))
    value = f"{float(instance.answer):.{instance.decimals}f}"
    field.fill(value)
    field.press("Tab")
    expect(field).to_have_value(value)
    box.get_by_role("button", name=translate("en", "exercises.ui.check")).click()
    expect(page.get_by_text(re.compile("^" + re.escape(translate("en", "exercises.ui.right", value="")[:6])))
           ).to_be_visible()


def test_a_lesson_opened_by_its_address_counts_for_the_class(server, browser, class_db, instance):
    db = store.Store(class_db)
    cls, secret = db.start_class()
    ctx, learner = browser_common.new_page(browser, "en", 1280, 900, WAIT_MS)
    teacher_ctx, teacher = browser_common.new_page(browser, "en", 1920, 1080, WAIT_MS)
    try:
        learner.goto(f"{server}/classroom?join={cls.code}")
        settled(learner)
        learner.get_by_role("button", name=translate("en", "classroom.learner.join")).click()
        expect(learner.get_by_text(re.compile(re.escape(translate("en", "classroom.learner.you_are",
                                                                  name="")[:20])))).to_be_visible()
        # the join card gave way at once: no second pseudonym from a second tap
        expect(learner.get_by_role("button", name=translate("en", "classroom.learner.join"))).to_have_count(0)
        settled(learner)
        (member,) = db.dump()["tl_members"]
        name = pseudonym("en", member["name"])

        learner.goto(f"{server}/self_attention?lang=en")  # the link the teacher shows: a new session
        settled(learner)
        expect(note(learner, "en", name)).to_be_visible()
        answer(learner, instance)

        teacher.goto(f"{server}/classroom?class={cls.code}&key={secret}&lang=en")
        settled(teacher)
        teacher.locator("[data-testid=stButtonGroup]").get_by_text(translate("en", "classroom.view.class"),
                                                                   exact=True).click()
        settled(teacher)
        # the view refreshes itself every few seconds: wait for the answer to be counted there
        expect(teacher.locator("[data-testid=stMain]")).to_contain_text("1 learner, 1 answer ·")
        attempts = db.dump()["tl_attempts"]
        assert [(a["member_id"], a["skill"], a["status"]) for a in attempts] == [(member["id"], SKILL, "right")]
        expect(teacher.locator(".js-plotly-plot").first).to_contain_text(name)

        for width, height in SIZES:
            for lang in ("en", "zh"):
                learner.set_viewport_size({"width": width, "height": height})
                learner.goto(f"{server}/self_attention?lang={lang}")
                settled(learner)
                expect(note(learner, lang, pseudonym(lang, member["name"]))).to_be_visible()
                shoot(learner, f"class_link_learner_{lang}_{width}")
                teacher.set_viewport_size({"width": width, "height": height})
                teacher.goto(f"{server}/classroom?class={cls.code}&key={secret}&lang={lang}")
                settled(teacher)
                teacher.locator("[data-testid=stButtonGroup]").get_by_text(
                    translate(lang, "classroom.view.class"), exact=True).click()
                settled(teacher)
                expect(teacher.locator(".js-plotly-plot").first).to_contain_text(pseudonym(lang, member["name"]))
                shoot(teacher, f"class_link_view_{lang}_{width}")
                teacher.locator("[data-testid=stSidebar]").get_by_text(translate(lang, "teacher.title")).click()
                settled(teacher)
                qr = teacher.locator("[data-testid=stSidebar] [data-testid=stImage] img").first
                expect(qr).to_be_visible()
                qr.scroll_into_view_if_needed()  # the short code and link above it, the folded full link below
                shoot(teacher, f"class_link_panel_{lang}_{width}")
        for page in (learner, teacher):
            assert "Traceback" not in page.locator("[data-testid=stMain]").inner_text()
    finally:
        ctx.close()
        teacher_ctx.close()
