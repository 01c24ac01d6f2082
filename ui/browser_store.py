"""A JSON object kept in the learner's own browser (localStorage), through Streamlit's own components API.

One small ``st.components.v2`` component (no third-party package, no iframe: its script runs in the app's
page) reads and writes ``localStorage["tl.<namespace>"]``::

    stored = browser_store.load("progress")   # None until the browser has answered, then a dict ({} if empty)
    browser_store.save("progress", {...})     # JSON, at most MAX_BYTES; past that the oldest list items go
    browser_store.forget("progress")

How it talks, and why reruns stay cheap:

- ``load`` mounts the component with ``ask``; the script reads the key once and answers with
  ``setStateValue``: one rerun, once per session and namespace. The answer is taken in the component's
  change callback (before that rerun's script starts), kept in ``st.session_state``, and from then on
  ``load`` mounts nothing: later reruns send nothing to the browser for it.
- ``save`` / ``forget`` mount a write (the JSON text, this session's nonce and a sequence number); the
  script writes and never answers, so a write costs no rerun. It skips a write it has already done (an old
  mount drawn again) and one that equals what is stored. The write is mounted again by the next ``load``
  in case the run that made it was cut short (``st.rerun``) before the browser drew it.
- Everything stored passes through ``data=`` as JSON: nothing from the learner is put into HTML or JS.

Corrupt stored text (not JSON, not an object, too big) reads as ``{}`` and ``problem(namespace)`` says so;
nothing here raises. The components are mounted in the sidebar (an empty element there shows no gap),
or where the call is inside a fragment (which may not write outside itself). Progress never goes into the URL.

Tested in a real browser only (tests/browser/test_browser_progress.py): AppTest runs no JavaScript, so there
``load`` stays None and the callers work from the session's copy.
"""

from __future__ import annotations

import json
import logging
import secrets
from typing import Any

import streamlit as st

PREFIX = "tl."  # localStorage key: "tl.<namespace>"
MAX_BYTES = 256 * 1024  # per namespace, as UTF-8 JSON (localStorage allows about 5 MB per site)
_STATE = "_tl_browser_store"  # session state: loaded {ns: dict}, problem {ns: key}, seq, nonce, pending {ns: write}
_log = logging.getLogger(__name__)

_JS = """
export default function ({ data, setStateValue }) {
  if (!data || typeof data.ns !== "string") return;
  const key = "tl." + data.ns;
  let store = null;
  try { store = window.localStorage; } catch (e) { store = null; }  // blocked storage: behave as empty
  const seen = (window.__tlStoreSeen = window.__tlStoreSeen || {});  // key -> [nonce, seq] last written
  const w = data.write;
  const last = seen[key];
  if (store && w && typeof w.seq === "number" && !(last && last[0] === w.nonce && last[1] >= w.seq)) {
    seen[key] = [w.nonce, w.seq];
    try {
      if (w.remove) store.removeItem(key);
      else if (store.getItem(key) !== w.text) store.setItem(key, w.text);
    } catch (e) { console.warn("browser_store: could not write " + key, e); }
  }
  if (data.ask) {
    let raw = null;
    try { raw = store ? store.getItem(key) : null; } catch (e) { raw = null; }
    if (raw !== null && raw.length > data.max) raw = {"too_big": raw.length};
    setStateValue("stored", {"ask": data.ask, "raw": raw});
  }
}
"""

_component = st.components.v2.component("tl_browser_store", js=_JS)


def _state() -> dict[str, Any]:
    if _STATE not in st.session_state:
        st.session_state[_STATE] = {"loaded": {}, "problem": {}, "seq": 0, "nonce": secrets.token_hex(4),
                                    "pending": {}, "remount": {}}
    return st.session_state[_STATE]


def _noop() -> None:
    pass


def _answered(namespace: str):
    """The change callback of a namespace's reader: runs before the rerun its answer caused, and keeps it."""
    def take() -> None:
        answer = (st.session_state.get(_reader_key(namespace)) or {}).get("stored")
        if isinstance(answer, dict) and "raw" in answer and namespace not in _state()["loaded"]:
            _state()["loaded"][namespace] = _parse(namespace, answer["raw"])
    return take


def _reader_key(namespace: str) -> str:
    return f"tl_store_{namespace}"


def _mounted_this_run(key: str) -> bool:
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    shared = getattr(ctx, "shared", None)
    return bool(shared is not None and key in getattr(shared, "widget_user_keys_this_run", ()))


def _in_fragment() -> bool:
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

        return bool(ThreadState.get().fragment_id)
    except (ImportError, AttributeError, RuntimeError):  # a later Streamlit, or no script thread: the safe place
        return True


def _mount(key: str, data: dict[str, Any], on_stored=_noop) -> dict[str, Any]:
    """Mount the component once under ``key``: in the sidebar (an empty element there leaves no gap), or
    where the call is when inside a fragment (a fragment's rerun may not write outside itself)."""
    if _mounted_this_run(key):
        return {}
    if _in_fragment():
        result = _component(key=key, data=data, on_stored_change=on_stored)
    else:
        with st.sidebar:
            result = _component(key=key, data=data, on_stored_change=on_stored)
    return dict(result) if result else {}


def _parse(ns: str, raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict):
            return value
    _state()["problem"][ns] = "store.corrupt"
    _log.warning("browser_store: the stored %r could not be read; starting empty", ns)
    return {}


def load(namespace: str) -> dict | None:
    """The object stored under ``tl.<namespace>`` in this browser; None until the browser has answered."""
    state = _state()
    pending = state["pending"].get(namespace)
    if namespace in state["loaded"]:
        if pending and state["remount"].pop(namespace, False):
            _mount(_writer_key(namespace, pending), {"ns": namespace, "write": pending})
        return state["loaded"][namespace]
    data: dict[str, Any] = {"ns": namespace, "ask": 1, "max": MAX_BYTES}
    if pending:
        data["write"] = pending
    answer = _mount(_reader_key(namespace), data, _answered(namespace)).get("stored")
    if isinstance(answer, dict) and "raw" in answer:  # the callback missed it (it runs only on a change)
        state["loaded"][namespace] = _parse(namespace, answer["raw"])
    return state["loaded"].get(namespace)


def problem(namespace: str) -> str | None:
    """An i18n key when what the browser held for ``namespace`` could not be read (then load gave {})."""
    return _state()["problem"].get(namespace)


def encode(value: dict, limit: int = MAX_BYTES) -> str | None:
    """``value`` as JSON of at most ``limit`` UTF-8 bytes: while too big, the oldest quarter of its longest
    list (lists are kept oldest first) is dropped, at the top level or one level down. None if it never fits."""
    value = json.loads(json.dumps(value))  # a copy, and a check that it is plain JSON
    while True:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        if len(text.encode("utf-8")) <= limit:
            return text
        lists = [(len(v), obj, k) for obj in [value, *[v for v in value.values() if isinstance(v, dict)]]
                 for k, v in obj.items() if isinstance(v, list) and v]
        if not lists:
            return None
        n, obj, k = max(lists, key=lambda x: x[0])
        obj[k] = obj[k][max(1, n // 4):]


def _writer_key(namespace: str, write: dict[str, Any]) -> str:
    return f"tl_store_w_{namespace}_{write['seq']}"


def _write(namespace: str, write: dict[str, Any]) -> None:
    state = _state()
    state["seq"] += 1
    write = {**write, "nonce": state["nonce"], "seq": state["seq"]}
    state["pending"][namespace] = write
    state["remount"][namespace] = True
    _mount(_writer_key(namespace, write), {"ns": namespace, "write": write})


def save(namespace: str, value: dict) -> None:
    """Keep ``value`` in this browser under ``tl.<namespace>``. Never raises: what cannot be stored is logged."""
    try:
        text = encode(value)
    except (TypeError, ValueError) as e:
        _log.warning("browser_store: %r is not plain JSON (%s); not saved", namespace, e)
        return
    if text is None:
        _log.warning("browser_store: %r does not fit in %d bytes; not saved", namespace, MAX_BYTES)
        return
    state = _state()
    state["loaded"][namespace] = json.loads(text)
    state["problem"].pop(namespace, None)
    _write(namespace, {"text": text})


def forget(namespace: str) -> None:
    """Delete ``tl.<namespace>`` from this browser (and this session's copy)."""
    state = _state()
    state["loaded"][namespace] = {}
    state["problem"].pop(namespace, None)
    _write(namespace, {"remove": True})
