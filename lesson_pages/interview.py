"""Interview practice (面试题, issue 21): every question of the interview article, answered truly, linked to the
lesson section that shows it on the learner's sentence, with find-the-mistake items, FSRS review, a mock
interview and an Anki export. Content is data (assets/interview/cards.json); the logic is in ui/interview_cards.py
and ui/interview_schedule.py (pure); this page only draws.

What the learner types and how they rate themselves is kept by ``_sync`` / ``_load`` / ``_save`` only: in their
browser (ui/browser_store.py, namespace "interview"), never in class data or the URL.
"""

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from ui import browser_store, navigation, page, state, toc
from ui import interview_cards as ic
from ui import interview_schedule as sched
from ui.i18n import current_language, t
from ui.widgets import md_escape

SLUG = "interview"
NAMESPACE = "interview"  # the learner's browser store (ui/browser_store.py)
_MOCK = "_tl_iv_mock"  # session: the mock interview under way {"ids", "i", "deadline", "done"}
_POS = "_tl_iv_pos"  # session: the card shown in "All questions" and "Due today"
_STORE = "_tl_iv_record"  # session copy of the record (the browser's, once it has answered)


_LOADED = "_tl_iv_loaded"  # session: the browser's copy has been read
_DIRTY = "_tl_iv_dirty"  # session: changed since the last write to the browser


def _sync() -> None:
    """Once per run, before anything is drawn: take the browser's copy when it first answers (merged with what
    this session did before that), and write back what changed (callbacks only mark it: they cannot mount)."""
    ss = st.session_state
    stored = browser_store.load(NAMESPACE)
    if stored is not None and not ss.get(_LOADED):
        ss[_LOADED] = True
        known = {c.id for c in ic.cards()}
        kept, here = sched.clean(stored, known), sched.clean(ss.get(_STORE), known)
        ss[_STORE] = {**kept, "cards": {**kept["cards"], **here["cards"]},
                      "answers": {**kept["answers"], **here["answers"]}}
        ss[_DIRTY] = ss.get(_DIRTY) or bool(here["cards"] or here["answers"])
    if ss.get(_LOADED) and ss.pop(_DIRTY, False):
        browser_store.save(NAMESPACE, ss[_STORE])


def _load() -> dict:
    """The learner's record: ratings (FSRS cards) and answers (this session's copy of the browser's)."""
    return sched.clean(st.session_state.get(_STORE), {c.id for c in ic.cards()})


def _save(record: dict) -> None:
    st.session_state[_STORE] = record
    st.session_state[_DIRTY] = True


def _now() -> datetime:
    return datetime.now(UTC)


def _tz():
    try:
        return ZoneInfo(str(st.context.timezone)) if st.context.timezone else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _rate(card_id: str, rating: str) -> None:
    _save(sched.review(_load(), card_id, rating, _now()))
    st.session_state[f"_iv.rated.{card_id}"] = rating  # the learner's own choice, shown as chosen


def _answer_changed(card_id: str, key: str) -> None:
    _save(sched.set_answer(_load(), card_id, st.session_state.get(key) or ""))


def _live_link(card: ic.Card, lang: str) -> None:
    if card.live is None:
        return
    title = t(f"page.{card.live.slug}.title")
    section = ic.section_title(card.live.slug, card.live.sec, lang)
    label = t("interview.live", page=title, section=section) if section else t("interview.live_page", page=title)
    params = {k: v for k, v in state.url_params().items() if k not in ("sec", "present")}
    navigation.link(ic.live_file(card), label=label, icon=":material/visibility:",
                    query_params={**params, **ic.live_params(card)})


def _readoff(card: ic.Card, ctx, lang: str, key: str) -> None:
    if not card.readoff or not ctx.ok:
        return
    r = ic.readoff(card.readoff, ctx.trace, lang, escape=md_escape)
    if r is None:
        return
    with st.container(border=True):
        st.markdown(f"**{t('interview.readoff.title')}** · {r.prompt}")
        pick = st.radio(t("interview.readoff.pick"), range(len(r.options)), index=None, horizontal=True,
                        format_func=lambda i: md_escape(r.options[i]), key=f"_w.iv.ro.{key}.{card.id}",
                        label_visibility="collapsed")
        if pick is not None:
            if pick == r.answer:
                st.success(f"{t('interview.readoff.right')} {r.why}", icon=":material/check_circle:")
            else:
                st.warning(f"{t('interview.readoff.wrong')} {r.why}", icon=":material/info:")


def _mistake(card: ic.Card, lang: str, key: str) -> None:
    m = card.mistake
    if m is None:
        return
    with st.container(border=True, key=f"tl_iv_mistake_{key}_{card.id}"):
        st.markdown(f"**{t('interview.mistake.title')}** · {t('interview.mistake.intro')}")
        st.markdown("> " + md_escape(m.quote_zh))
        pick = st.radio(t("interview.mistake.pick"), range(len(m.choices)), index=None,
                        format_func=lambda i: md_escape(m.choices[i][lang]), key=f"_w.iv.mk.{key}.{card.id}")
        if pick is not None:
            if pick == m.answer:
                st.success(t("interview.mistake.right"), icon=":material/check_circle:")
            else:
                st.warning(t("interview.mistake.wrong"), icon=":material/info:")
                st.markdown(f"**{md_escape(m.choices[m.answer][lang])}**")
            st.markdown(m.fix[lang])


def _rating_bar(card: ic.Card, key: str) -> None:
    record = _load()
    with st.container(horizontal=True, vertical_alignment="center", key=f"tl_iv_rate_{key}_{card.id}"):
        st.markdown(t("interview.rate"))
        chosen = st.session_state.get(f"_iv.rated.{card.id}")
        for rating in sched.RATINGS:  # all alike until the learner rates (a highlighted one reads as pre-selected)
            st.button(t(f"interview.rating.{rating}"), key=f"_b.iv.rate.{key}.{card.id}.{rating}", on_click=_rate,
                      args=(card.id, rating), type="primary" if rating == chosen else "secondary")
    due = sched.due(record, card.id)
    if due is not None:
        st.caption(t("interview.next_due", when=due.strftime("%Y-%m-%d %H:%M")))


def _answer_box(card: ic.Card, key: str) -> None:
    box = f"_w.iv.ans.{key}.{card.id}"
    if box not in st.session_state:
        st.session_state[box] = _load()["answers"].get(card.id, "")
    st.text_area(t("interview.your_answer"), key=box, height=110, help=t("interview.your_answer_help"),
                 on_change=_answer_changed, args=(card.id, box), max_chars=sched.MAX_ANSWER)


def _corrected(card: ic.Card, lang: str) -> None:
    st.markdown(ic.answer(card, lang))
    st.caption(f"{t(f'interview.verdict.{card.verdict}')} {card.note[lang]}")


def show_card(card: ic.Card, ctx, *, key: str) -> None:
    """One card: question, the learner's answer, the corrected answer on request, the live link and read-off."""
    lang = current_language()
    tags = ", ".join(t(f"interview.tag.{tag}") for tag in card.tags)  # named in the interface's language
    st.caption(t("interview.part_q", part=card.part, n=card.n) + " · " + t("interview.tags", tags=tags))
    st.subheader(ic.question(card, lang), anchor=False)
    st.caption(t("interview.original", q=md_escape(card.original_zh)))
    _answer_box(card, key)
    if st.toggle(t("interview.reveal"), key=f"_w.iv.reveal.{key}.{card.id}"):
        _corrected(card, lang)
        _rating_bar(card, key)
    _mistake(card, lang, key)
    _readoff(card, ctx, lang, key)
    _live_link(card, lang)


def _browse(ctx, ids: list[str], key: str) -> None:
    """One card at a time, chosen from a list or stepped with ← / →."""
    cards = ic.by_id()
    pos_key = f"{_POS}.{key}"
    i = min(int(st.session_state.get(pos_key, 0)), len(ids) - 1)
    lang = current_language()

    def step(d: int) -> None:
        st.session_state[pos_key] = (i + d) % len(ids)
        st.session_state.pop(f"_w.iv.pick.{key}", None)

    def picked() -> None:
        st.session_state[pos_key] = ids.index(st.session_state[f"_w.iv.pick.{key}"])

    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.session_state[f"_w.iv.pick.{key}"] = ids[i]
        st.selectbox(t("interview.pick"), ids, key=f"_w.iv.pick.{key}", on_change=picked, width=520,
                     format_func=lambda cid: f"{ic.label(cards[cid])} {ic.question(cards[cid], lang)}")
        st.button(t("interview.prev"), icon=":material/arrow_back:", key=f"_b.iv.prev.{key}", on_click=step, args=(-1,))
        st.button(t("interview.next"), icon=":material/arrow_forward:", icon_position="right",
                  key=f"_b.iv.next.{key}", on_click=step, args=(1,))
    show_card(cards[ids[i]], ctx, key=key)


def _mock(ctx, ids: list[str]) -> None:
    cards = ic.by_id()
    lang = current_language()
    mock = st.session_state.get(_MOCK)

    def start() -> None:
        st.session_state[_MOCK] = {"ids": sched.mock_pick(_load(), ids, _now(), _tz()), "i": 0,
                                   "deadline": time.time() + sched.MOCK_SECONDS, "done": False}

    def advance() -> None:
        m = st.session_state[_MOCK]
        if m["i"] + 1 >= len(m["ids"]):
            m["done"] = True
        else:
            m["i"] += 1
            m["deadline"] = time.time() + sched.MOCK_SECONDS

    if not mock:
        st.markdown(t("interview.mock.intro", s=sched.MOCK_SECONDS))
        st.button(t("interview.mock.start"), type="primary", icon=":material/timer:", key="_b.iv.mock.start",
                  on_click=start)
        return
    if mock["done"]:
        st.subheader(t("interview.mock.results"), anchor=False)
        for n, cid in enumerate(mock["ids"], start=1):
            card = cards[cid]
            with st.container(border=True):
                st.markdown(f"**{n}. {ic.question(card, lang)}**")
                st.caption(t("interview.mock.yours"))
                st.text(_load()["answers"].get(cid) or t("interview.mock.none"))
                _corrected(card, lang)
                _rating_bar(card, "mock")
                _live_link(card, lang)
        st.button(t("interview.mock.again"), icon=":material/replay:", key="_b.iv.mock.again", on_click=start)
        return
    card = cards[mock["ids"][mock["i"]]]
    st.markdown(f"**{t('interview.mock.progress', i=mock['i'] + 1, n=len(mock['ids']))}**")

    @st.fragment(run_every=1.0)
    def countdown() -> None:
        left = sched.seconds_left(st.session_state[_MOCK]["deadline"], time.time())
        st.progress(left / sched.MOCK_SECONDS, text=t("interview.mock.left", s=left))
        if left == 0:
            st.warning(t("interview.mock.timeup"), icon=":material/alarm:")

    countdown()
    st.subheader(ic.question(card, lang), anchor=False)
    _answer_box(card, "mock")
    last = mock["i"] + 1 >= len(mock["ids"])
    st.button(t("interview.mock.finish") if last else t("interview.mock.next"), type="primary",
              icon=":material/arrow_forward:", icon_position="right", key="_b.iv.mock.next", on_click=advance)


ctx = page.begin(SLUG)
_sync()
lang = current_language()
all_ids = [c.id for c in ic.cards()]
record = _load()
due_ids = sched.due_today(record, all_ids, _now(), _tz())
verdicts = {v: sum(c.verdict == v for c in ic.cards()) for v in ic.VERDICTS}
st.caption(t("interview.verdicts", **verdicts) + " · "
           + t("interview.counts", due=len(due_ids), new=len(sched.new(record, all_ids)), total=len(all_ids)))
modes = ("cards", "due", "mock")
mode = st.segmented_control(t("interview.mode"), modes, default="cards", key="_w.iv.mode",
                            format_func=lambda m: t(f"interview.mode.{m}")) or "cards"
if mode == "cards":
    _browse(ctx, all_ids, "all")
elif mode == "due":
    if due_ids:
        _browse(ctx, due_ids, "due")
    else:
        st.info(t("interview.due.none"), icon=":material/event_available:")
else:
    _mock(ctx, all_ids)

st.divider()
st.markdown(f"**{t('interview.export.title')}**")
base = (st.context.url or "").split("?")[0].rsplit("/", 1)[0] if st.context.url else ""
st.download_button(t("interview.export.button"), ic.export_tsv(lang, base).encode("utf-8"),
                   file_name=f"transformer-interview-{lang}.tsv", mime="text/tab-separated-values",
                   icon=":material/download:", help=t("interview.export.help"), key="_b.iv.export", on_click="ignore")
assert toc.BY_SLUG[SLUG].part == "practice"
page.end(SLUG)
