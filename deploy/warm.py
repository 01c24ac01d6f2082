"""Warm an app process before a class reaches it: one session opens every page with a sentence.

Why: each app process loads the models, starts its worker pool and imports every page's figure code on its
first sessions. Behind nginx only one process meets the teacher's first visit; the learners who land on a
cold one wait seconds for their first page, and that process spends the class catching up. Measured with
bench/bench_class.py (40 learners at once, `make serve-class` on 2 cores): two processes took 6.9 s for the
class when only one was warm, 3.8 s when both were (one process: 7.0–7.5 s).

The session speaks Streamlit's websocket protocol (as bench/bench_class.py does): it asks for a rerun, reads
messages until the script has finished, and takes every page's hash from the navigation message. It talks to
loopback only, and every wait is bounded.

Usage: python deploy/warm.py PORT [PORT ...]
"""

from __future__ import annotations

import asyncio
import sys
import time
import urllib.parse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

SENTENCE = "你好，我叫小明。"  # in the corpus: a warm-up that fails says the process is broken, not the sentence
MESSAGE_TIMEOUT_S = 120.0  # the first page of a cold process loads the models
MAX_MESSAGES = 100_000  # a page is a few hundred messages


class WarmError(RuntimeError):
    """A page of the app failed while warming (an exception shown, or the script did not finish)."""


async def _rerun(ws, query: str, page_hash: str = "") -> tuple[str, dict[str, str]]:
    """One script run; returns the query string the page left and {url path: page hash} of every page."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_script_hash = page_hash
    await ws.send(msg.SerializeToString())
    pages: dict[str, str] = {}
    for _ in range(MAX_MESSAGES):
        fm = ForwardMsg()
        fm.ParseFromString(await asyncio.wait_for(ws.recv(), MESSAGE_TIMEOUT_S))
        kind = fm.WhichOneof("type")
        if kind == "page_info_changed":
            query = fm.page_info_changed.query_string
        elif kind == "navigation":
            pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
        elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            element = fm.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise WarmError(f"page {page_hash or 'first'}: {element.exception.message[:200]}")
        elif kind == "script_finished":
            if fm.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                raise WarmError(f"page {page_hash or 'first'}: script finished with status {fm.script_finished}")
            return query, pages
    raise WarmError(f"page {page_hash or 'first'}: no end of the script in {MAX_MESSAGES} messages")


async def warm(port: int, sentence: str = SENTENCE) -> int:
    """Open every page of the app on ``port`` (127.0.0.1) with ``sentence``, in both languages on the first;
    returns the number of pages opened."""
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    async with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60, ping_interval=None) as ws:
        query, pages = await _rerun(ws, "s=" + urllib.parse.quote(sentence) + "&lang=zh")
        query, pages = await _rerun(ws, query.replace("lang=zh", "lang=en"))
        if not pages:
            raise WarmError("the app sent no navigation: no pages to warm")
        for page_hash in pages.values():
            query, _ = await _rerun(ws, query, page_hash)
    return len(pages)


async def warm_all(ports: list[int]) -> list[int]:
    """Warm every process at once (each on its own core); returns the page count per port."""
    return list(await asyncio.gather(*(warm(port) for port in ports)))


def main(argv: list[str] | None = None) -> int:
    ports = [int(p) for p in (sys.argv[1:] if argv is None else argv)]
    t0 = time.perf_counter()
    counts = asyncio.run(warm_all(ports))
    print(f"warmed {len(ports)} app process(es), {sum(counts)} pages, in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
