"""The class link reaches the class: a loopback host is recognised and replaced by a network address, the QR
code decodes back to the link, short codes are stable, unambiguous and resolved across processes, and the
teacher's panel says all this in the app (AppTest, whose page address is loopback)."""

from __future__ import annotations

import ipaddress
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import classroom, present

APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0.0.0.0",
                                  "app.localhost"])
def test_loopback_hosts_are_recognised(host):
    assert classroom.is_loopback(host)


@pytest.mark.parametrize("host", ["192.168.1.20", "10.0.0.5", "example.org", "2001:db8::1", "", None])
def test_other_hosts_are_not(host):
    assert not classroom.is_loopback(host)


def test_network_addresses_are_reachable_ones():
    for addr in classroom.network_addresses():
        ip = ipaddress.ip_address(addr)
        assert not (ip.is_loopback or ip.is_link_local or ip.is_unspecified), addr


def test_the_host_is_replaced_and_everything_else_kept():
    url = "http://localhost:8501/self_attention?lang=zh&s=%E6%88%91&hide=sentence,method"
    assert classroom.with_host(url, "192.168.1.20") == (
        "http://192.168.1.20:8501/self_attention?lang=zh&s=%E6%88%91&hide=sentence,method")
    assert classroom.with_host("http://[::1]:8501/x", "fe80::2").startswith("http://[fe80::2]:8501/x")


def test_codes_are_stable_short_and_unambiguous(tmp_path, monkeypatch):
    monkeypatch.setenv(classroom.ENV_DB, str(tmp_path / "links.sqlite3"))
    a = classroom.save("/self_attention?lang=zh&head=2")
    assert a == classroom.save("/self_attention?lang=zh&head=2") == classroom.code_for("/self_attention?lang=zh&head=2")
    assert len(a) == classroom.CODE_LEN and not set(a) & set("01OI")
    assert classroom.save("/self_attention?lang=zh&head=3") != a
    assert classroom.lookup(a.lower()) == "/self_attention?lang=zh&head=2"  # typed in lower case, still found
    assert classroom.lookup("ZZZZZZ") is None and classroom.lookup("") is None
    # another process (make serve-class runs several) resolves it from the same file
    out = subprocess.run([sys.executable, "-c", f"from ui import classroom; print(classroom.lookup({a!r}))"],
                         capture_output=True, text=True, cwd=APP.parent, env={**__import__("os").environ},
                         check=True).stdout.strip()
    assert out == "/self_attention?lang=zh&head=2"


def test_a_taken_code_gets_a_longer_one(tmp_path, monkeypatch):
    monkeypatch.setenv(classroom.ENV_DB, str(tmp_path / "links.sqlite3"))
    target = "/overview?lang=en"
    with classroom._db() as con:  # another link already holds this link's code
        con.execute("INSERT INTO links VALUES (?, ?)", (classroom.code_for(target), "/else"))
    code = classroom.save(target)
    assert len(code) == classroom.CODE_LEN + 2 and classroom.lookup(code) == target


def test_the_qr_code_is_a_png_of_the_link():
    link = "http://192.168.1.20:8501/c?k=ABCDEF"
    png = classroom.qr_png(link, scale=1)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    import numpy as np
    import segno
    from PIL import Image

    # read the picture back: one pixel per module, dark where the link's QR code (built independently) is dark
    pixels = np.asarray(Image.open(__import__("io").BytesIO(png)).convert("L"))[2:-2, 2:-2] < 128
    modules = np.array([[bool(m) for m in row] for row in segno.make(link, error="m").matrix])
    assert pixels.shape == modules.shape and (pixels == modules).all()


def test_the_teachers_panel_warns_about_a_loopback_link(tmp_path, monkeypatch):
    monkeypatch.setenv(classroom.ENV_DB, str(tmp_path / "links.sqlite3"))
    monkeypatch.setattr(classroom, "network_addresses", lambda: ["192.0.2.7"])
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[present.PANEL] = True  # the panel open (its content runs only while it is)
    at.run()
    monkeypatch.setattr("streamlit.context", type("C", (), {"url": "http://localhost:8501/overview",
                                                             "locale": "en-US", "headers": {}})(), raising=False)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert any("localhost" in w and "192.0.2.7" in w for w in warnings), warnings
    links = [c.value for c in at.code]
    assert any(x.startswith("http://192.0.2.7:8501/") for x in links), links
    short = [x for x in links if "/c?k=" in x]
    assert short and classroom.lookup(short[0].split("k=")[1]) is not None
    assert at.get("image"), "no QR code image"
    assert not any("/overview" in x for x in links), "the full link is folded until asked for"
    at.toggle(key="_w.class_full_link").set_value(True).run()
    full = [c.value for c in at.code if "/overview" in c.value]
    assert len(full) == 1 and full[0].startswith("http://192.0.2.7:8501/overview"), full


@pytest.mark.parametrize("sentence", ["我每天坐地铁去上班。", "猫 & 狗=朋友?", "100% 好", "a+b", "🐱"])
def test_the_full_link_reads_as_text_and_still_opens_the_same_page(sentence):
    from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

    url = "http://192.0.2.7:8501/self_attention?" + urlencode({"lang": "zh", "s": sentence, "hide": "sentence"},
                                                              quote_via=quote)
    shown = classroom.readable(url)
    assert unquote(shown) == unquote(url)
    assert parse_qsl(urlsplit(shown).query) == parse_qsl(urlsplit(url).query)  # the same page and sentence
    assert all(ch in shown for ch in sentence if not ch.isascii()), shown  # the Chinese reads as Chinese
    assert "%E" not in shown.upper().replace("%25", "")


def test_dark_mode_follows_the_system_setting():
    import tomllib

    config = tomllib.loads((APP.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert "base" not in config.get("theme", {}), "a fixed theme.base ignores the learner's light/dark setting"


def test_the_app_config_turns_off_what_costs_a_class_its_speed():
    """`make run` starts Streamlit with no options of its own, so these must come from the config file Streamlit
    reads there: with its default file watcher every rerun walked sys.modules (102–109 against 43 ms of server
    CPU per rerun, bench/bench_class.py), and a full GC after every run walked the models and caches."""
    code = ("from streamlit import config; "
            "print(config.get_option('server.fileWatcherType'), config.get_option('runner.postScriptGC'))")
    shown = subprocess.run([sys.executable, "-c", code], cwd=APP.parent, text=True, capture_output=True,
                           timeout=120, check=True).stdout.split()
    assert shown == ["none", "False"], f"file watcher, full GC per run: {shown}"
