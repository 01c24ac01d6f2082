"""One class across two app processes (issue 22): two ``streamlit run`` servers on loopback share one class
database (a SQLite file, as every ``make serve-class`` process on a machine does). The teacher starts the class
on server A, one learner joins on A and one on B (each clicking "Join" in Chromium), and the teacher's page on A
counts both and shows both pseudonyms; a ConcepTest put up by the teacher reaches both learners' screens by
itself, each answers in the browser, and the teacher's histogram counts the two votes. A reload keeps the
learner's pseudonym (their browser keeps the membership).

Screenshots at 1920×1080 in en and zh go to artifacts/screenshots/: the QR join screen, the class view named and
anonymized (a few more learners are added through the store so the grid and the misconception panel have
something to show), and the ConcepTest histogram. Every read waits for what it reads.
"""

from __future__ import annotations

import os
import random
import re
import time
from pathlib import Path

import browser_common
import pytest
from browser_common import NEEDS_CHROMIUM, ROOT, app_servers, settled  # first: it puts ROOT on sys.path
from playwright.sync_api import expect

from live_class import store
from ui.i18n import translate

SHOTS = Path(os.environ.get("TL_SHOTS") or ROOT / "artifacts" / "screenshots")
WAIT_MS = 120_000
pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]
expect.set_options(timeout=WAIT_MS)



@pytest.fixture(scope="module")
def servers(class_db):
    """Two app processes, one class database."""
    with app_servers(2, env={store.ENV_URL: class_db}) as urls:
        yield urls


def new_page(browser, lang: str = "en", width: int = 1920, height: int = 1080):
    return browser_common.new_page(browser, lang, width, height, WAIT_MS)


def main_text(page) -> str:
    return page.locator("[data-testid=stMain]").inner_text()


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def pseudonym(lang: str, name: str) -> str:
    adj, animal, n = name.split(".")
    return translate(lang, "classroom.name", adj=translate(lang, f"classroom.adj.{adj}"),
                     animal=translate(lang, f"classroom.animal.{animal}"), n=n)


def view(page, lang: str, key: str) -> None:
    page.locator("[data-testid=stButtonGroup]").get_by_text(translate(lang, f"classroom.view.{key}"),
                                                            exact=True).click()
    settled(page)


def join(page, url: str, code: str) -> str:
    page.goto(f"{url}/classroom?join={code}")
    settled(page)
    page.get_by_role("button", name=translate("en", "classroom.learner.join")).click()
    you = page.get_by_text(re.compile(re.escape(translate("en", "classroom.learner.you_are", name="")[:20])))
    expect(you).to_be_visible()
    return you.inner_text()


def more_learners(db: store.Store, cls: store.ClassRef, n: int = 10) -> None:
    """Learners with a spread of levels and slips, so the grid and the panel show what a class looks like."""
    rng = random.Random(7)
    skills = [("self_attention.compute", "weights", ("no_scale", "softmax_wrong_axis")),
              ("self_attention.score", "scores", ("no_scale", "divide_by_d_k")),
              ("masked_attention.compute", "mask", ("mask_zero", "no_mask")),
              ("multi_head.params", "intro", ("one_head_only", "with_biases")),
              ("cross_attention.read_off", "intro", ())]
    for _ in range(n):
        m = db.join(cls)
        for skill, section, tags in skills:
            for _k in range(rng.randint(0, 4)):
                status = "right" if rng.random() < 0.6 or not tags else "bug"
                tag = rng.choice(tags) if status == "bug" else None
                db.record(m, skill, f"{rng.getrandbits(32):08x}", section, status, tag, 0)


def test_two_processes_one_class(servers, browser, class_db):
    a, b = servers
    db = store.Store(class_db)
    teacher_ctx, teacher = new_page(browser)
    ctx1, learner1 = new_page(browser, width=1280, height=900)
    ctx2, learner2 = new_page(browser, width=1280, height=900)
    try:
        teacher.goto(f"{a}/classroom")
        settled(teacher)
        teacher.get_by_role("button", name=translate("en", "classroom.teacher.start")).click()
        teacher.wait_for_url(re.compile(r"[?&]key="))
        settled(teacher)
        code = re.search(r"[?&]class=([A-Z0-9]+)", teacher.url).group(1)
        teacher_url = teacher.url

        join(learner1, a, code)  # on process A
        join(learner2, b, code)  # on process B
        members = db.dump()["tl_members"]
        assert len(members) == 2
        names = [pseudonym("en", m["name"]) for m in members]

        # the join screen counts both by itself (its fragment refreshes every few seconds)
        metric = teacher.locator("[data-testid=stMetric]").filter(has_text=translate("en", "classroom.join.joined"))
        expect(metric.locator("[data-testid=stMetricValue]")).to_have_text("2")
        expect(teacher.locator("[data-testid=stMain] [data-testid=stImage] img").first).to_be_visible()
        assert code in main_text(teacher)
        link = teacher.locator(".st-key-tl_join_link code").first
        expect(link).to_contain_text(f"join={code}")
        # the link students type is set large (it was 13 px), and none of it is cut at its box's edge
        sizes = link.evaluate("""e => ({size: parseFloat(getComputedStyle(e).fontSize),
          root: parseFloat(getComputedStyle(document.documentElement).fontSize),
          over: e.closest('[data-testid=stCode]').scrollWidth - e.closest('[data-testid=stCode]').clientWidth})""")
        assert sizes["size"] >= 1.5 * sizes["root"] and sizes["over"] <= 1, sizes
        shoot(teacher, "class_join_en")

        # the class view names both learners (answers from another process appear on the next refresh)
        cls = db.find(code)
        more_learners(db, cls)
        view(teacher, "en", "class")
        grid = teacher.locator(".js-plotly-plot").first
        for name in names:
            expect(grid).to_contain_text(name)
        expect(teacher.get_by_text(translate("en", "classroom.teacher.reteach")).first).to_be_visible()
        shoot(teacher, "class_view_en")
        teacher.get_by_text(translate("en", "classroom.teacher.anonymize")).click()
        settled(teacher)
        expect(grid).to_contain_text(translate("en", "classroom.anon", n=1))
        for name in names:
            expect(grid).not_to_contain_text(name)
        shoot(teacher, "class_view_anonymized_en")

        # a ConcepTest reaches both learners by itself; each answers in the browser
        from ui import class_view

        poll = db.push_poll(cls, "self_attention.compute", 0, store.sha256(_example(0)), 0)
        instance, _ = class_view.poll_instance(poll)
        assert instance is not None and instance.bugs
        tag, slip = next(iter(instance.bugs.items()))

        def vote(answers, n_votes: int, vote_no: int) -> list[dict]:
            for page, value in answers:
                title = translate("en", "classroom.learner.poll_title", round=vote_no).replace("**", "")
                expect(page.get_by_text(title)).to_be_visible()  # the question (this round) came by itself
                field = page.get_by_role("textbox", name=translate("en", "exercises.ui.answer"))
                expect(field).to_have_value("")
                field.fill(f"{float(value):.{instance.decimals}f}")
                page.get_by_role("button", name=translate("en", "exercises.ui.check")).click()
                settled(page)
            deadline = time.time() + 60
            while len(db.dump()["tl_votes"]) < n_votes and time.time() < deadline:
                time.sleep(0.2)  # the votes are inserted by the two servers: poll the database, bounded
            return db.dump()["tl_votes"]

        votes = vote(((learner1, slip), (learner2, instance.answer)), 2, 1)
        assert sorted((v["status"], v["tag"]) for v in votes) == sorted([("bug", tag), ("right", None)])
        db.revote(cls)  # "discuss, then vote again": both learners get a fresh box by themselves
        votes = vote(((learner1, instance.answer), (learner2, instance.answer)), 4, 2)
        assert sorted((v["round"], v["status"]) for v in votes) == [(1, "bug"), (1, "right"), (2, "right"),
                                                                    (2, "right")]

        view(teacher, "en", "conceptest")
        chart = teacher.locator(".js-plotly-plot").first
        expect(chart).to_contain_text(translate("en", "classroom.poll.round", n=2))  # both votes, side by side
        shoot(teacher, "class_conceptest_en")

        # a reload keeps the learner's pseudonym (their browser keeps the membership)
        before = learner1.get_by_text(re.compile(re.escape(translate("en", "classroom.learner.you_are",
                                                                     name="")[:20]))).inner_text()
        learner1.goto(f"{a}/classroom")
        expect(learner1.get_by_text(before)).to_be_visible()
        assert len(db.dump()["tl_members"]) == 12

        # the same screens in Chinese
        zh_ctx, zh = new_page(browser, "zh")
        try:
            zh.goto(teacher_url.replace("lang=en", "lang=zh"))
            settled(zh)
            expect(zh.locator("[data-testid=stMain] [data-testid=stImage] img").first).to_be_visible()
            shoot(zh, "class_join_zh")
            view(zh, "zh", "class")
            expect(zh.locator(".js-plotly-plot").first).to_contain_text(pseudonym("zh", members[0]["name"]))
            shoot(zh, "class_view_zh")
            zh.get_by_text(translate("zh", "classroom.teacher.anonymize")).click()
            settled(zh)
            expect(zh.locator(".js-plotly-plot").first).to_contain_text(translate("zh", "classroom.anon", n=1))
            shoot(zh, "class_view_anonymized_zh")
            view(zh, "zh", "conceptest")
            expect(zh.locator(".js-plotly-plot").first).to_contain_text(translate("zh", "classroom.poll.right"))
            shoot(zh, "class_conceptest_zh")
        finally:
            zh_ctx.close()
        for page in (teacher, learner1, learner2):
            assert "Traceback" not in main_text(page)
    finally:
        for c in (teacher_ctx, ctx1, ctx2):
            c.close()


def _example(i: int) -> str:
    from ui import loaders

    return loaders.examples()[i][0]
