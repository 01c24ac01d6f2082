"""Follow the teacher, across two app processes: the teacher presents on one `streamlit run`, a learner who opened
the class link with "learners follow my presentation" is on another; both share the data directory (as every
`make serve-class` process on one machine does). When the teacher steps, the learner's page shows the same part
within 2 s (a bounded wait for the change, measured from the moment the teacher's own page shows it); to another
lesson as well; once the learner steps on their own, it stops following and offers to follow again.
"""

from __future__ import annotations

import re
import time

import pytest
from browser_common import NEEDS_CHROMIUM, app_servers, settled  # first: ROOT on sys.path for ui
from playwright.sync_api import expect

from ui.i18n import translate

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]
WAIT_MS = 120_000
FOLLOW_MS = 2_000  # the promise: a learner's page moves within two seconds
expect.set_options(timeout=WAIT_MS)



@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Two app processes, one data directory (the follow store)."""
    with app_servers(2, env={"TL_DATA_DIR": str(tmp_path_factory.mktemp("data"))}) as urls:
        yield urls


def _part(lang: str, k: int) -> re.Pattern:
    return re.compile(re.escape(translate(lang, "present.position", k=k, n="N").replace("**", "")).replace("N", r"\d+"))


def test_a_learner_follows_the_teacher_across_processes(servers, browser):
    a, b = servers
    lang = "en"
    teacher_ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    learner_ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    for c in (teacher_ctx, learner_ctx):
        c.set_default_timeout(WAIT_MS)
    try:
        teacher, learner = teacher_ctx.new_page(), learner_ctx.new_page()
        teacher.goto(f"{a}/self_attention?lang={lang}")
        settled(teacher)
        teacher.get_by_text(translate(lang, "teacher.title")).click()
        teacher.get_by_text(translate(lang, "teacher.link_follow")).click()
        teacher.get_by_text(translate(lang, "class.full_link")).click()  # the full link is folded below the short one
        link = teacher.locator("[data-testid=stSidebar] code").filter(has_text="follow=")
        expect(link).to_have_count(1)
        channel = re.search(r"follow=([0-9a-f]{12})", link.inner_text()).group(1)
        assert "present=1" in link.inner_text()
        teacher.get_by_text(translate(lang, "teacher.present"), exact=True).click()  # present, from part 1
        t_bar = teacher.locator(".st-key-tl_present_bar_top")
        expect(t_bar).to_contain_text(_part(lang, 1))

        learner.goto(f"{b}/self_attention?lang={lang}&present=1&follow={channel}")
        l_bar = learner.locator(".st-key-tl_present_bar_top")
        expect(l_bar).to_contain_text(_part(lang, 1))
        expect(learner.get_by_text(translate(lang, "follow.on"))).to_be_visible()

        next_name = re.compile("^" + re.escape(translate(lang, "present.next")))
        for k in (2, 3):  # two steps forward: each reaches the learner within 2 s of the teacher's page
            t_bar.get_by_role("button", name=next_name).click()
            expect(t_bar).to_contain_text(_part(lang, k))
            t0 = time.perf_counter()
            expect(l_bar).to_contain_text(_part(lang, k), timeout=FOLLOW_MS)
            print(f"learner at part {k} {time.perf_counter() - t0:.2f} s after the teacher")
        # back to the previous lesson's last part: the learner's page changes lesson too
        back = re.compile("^(" + re.escape(translate(lang, "present.prev")) + "|"
                          + re.escape(translate(lang, "present.prev_lesson")) + ")")
        for k in (2, 1):
            t_bar.get_by_role("button", name=back).click()
            expect(t_bar).to_contain_text(_part(lang, k))
        t_bar.get_by_role("button", name=back).click()  # part 1: "Previous lesson", to its last part
        expect(teacher.locator("[data-testid=stMain] h1").first).to_contain_text("3.")
        t_text = t_bar.inner_text()
        t0 = time.perf_counter()
        expect(learner.locator("[data-testid=stMain] h1").first).to_contain_text("3.", timeout=FOLLOW_MS)
        expect(l_bar).to_contain_text(re.search(r"Part \d+ of \d+", t_text).group(0), timeout=FOLLOW_MS)
        print(f"learner on the teacher's lesson {time.perf_counter() - t0:.2f} s after the teacher")
        # the learner steps on their own: following stops, and is offered again
        l_bar.get_by_role("button", name=back).click()
        expect(learner.get_by_role("button", name=translate(lang, "follow.again"))).to_be_visible()
        mine = l_bar.inner_text()
        t_bar.get_by_role("button", name=next_name).click()
        settled(teacher)
        settled(learner)
        assert l_bar.inner_text() == mine  # stayed where the learner went
        assert learner.locator("[data-testid=stException]").count() == 0
        assert teacher.locator("[data-testid=stException]").count() == 0
    finally:
        teacher_ctx.close()
        learner_ctx.close()
