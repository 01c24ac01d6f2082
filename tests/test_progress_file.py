"""The progress file (exercises/progress_file.py): byte-identical round trips, and any hostile or corrupt
input ends in ProgressFileError with a message key, never another exception (hypothesis)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises import mastery, progress_file
from exercises.progress_file import ProgressFileError
from ui import i18n

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
ERROR_KEYS = set(progress_file.ERROR_KEYS)

names = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
events = st.fixed_dictionaries({
    "skill": st.builds(lambda p, t: f"{p}.{t}", st.sampled_from(["self_attention", "tokens", "multi_head"]),
                       st.sampled_from(["compute", "read_off", "shapes"])),
    "instance": st.sampled_from(["a1", "b2", "c3", "d4", "e5", "f6"]),
    "correct": st.booleans(),
    "tag": st.one_of(st.none(), names),
    "hint": st.integers(0, 3),
})


def progress_after(evs: list[dict], gaps: list[int]) -> dict:
    p, now = mastery.new(), T0
    for e, gap in zip(evs, gaps):
        now += timedelta(hours=gap)
        p = mastery.record(p, e, now)
    return p


def sample() -> dict:
    e = {"skill": "self_attention.compute", "page": "self_attention", "correct": True, "tag": None, "hint": 0}
    p = progress_after([{**e, "instance": i} for i in "abc"] + [{**e, "instance": "d", "correct": False,
                                                                  "tag": "no_scale"}], [0, 1, 1, 60])
    return p


def assert_clear(call) -> ProgressFileError | None:
    """``call()`` either returns valid progress or raises ProgressFileError with a known key."""
    try:
        out = call()
    except ProgressFileError as e:
        assert e.key in ERROR_KEYS, e.key
        return e
    assert progress_file.validate(out) == out
    return None


# ---- round trips --------------------------------------------------------------------------------------------

def test_export_is_canonical_json_with_the_apps_name():
    data = progress_file.export(sample())
    assert data.endswith(b"\n") and b"\n" not in data[:-1]
    obj = json.loads(data)
    assert obj["app"] == progress_file.APP and obj["version"] == mastery.VERSION
    assert list(obj) == sorted(obj)


def test_export_import_export_is_byte_identical():
    data = progress_file.export(sample())
    back = progress_file.load(data)
    assert back == sample()
    assert progress_file.export(back) == data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events, max_size=40), st.lists(st.integers(0, 80), min_size=40, max_size=40))
def test_any_progress_round_trips_byte_identical(evs, gaps):
    p = progress_after(evs, gaps)
    data = progress_file.export(p)
    back = progress_file.load(data)
    assert back == p
    assert progress_file.export(back) == data
    # and what was read keeps working: one more answer on a far later day
    later = T0 + timedelta(days=400)
    for correct in (True, False):
        mastery.record(back, {"skill": "tokens.compute", "instance": "zz", "correct": correct, "hint": 0}, later)
    mastery.due(back, later)


def test_a_full_log_fits_the_cap():
    e = {"skill": "self_attention.read_off", "tag": "softmax_wrong_axis", "hint": 2}
    p = progress_after([{**e, "instance": f"inst{n:06d}", "correct": n % 3 == 0,
                         "skill": f"page_{n % 17:02d}_with_a_long_name.type_{n % 6}"}
                        for n in range(mastery.MAX_EVENTS + 50)], [1] * (mastery.MAX_EVENTS + 50))
    size = len(progress_file.export(p))
    assert size < progress_file.MAX_BYTES / 2, size


# ---- what is refused, and how -------------------------------------------------------------------------------

def hostile_variants() -> list[tuple[str, bytes, str]]:
    good = json.loads(progress_file.export(sample()))
    skill = next(iter(good["skills"]))

    def with_(**changes) -> bytes:
        return json.dumps({**good, **changes}).encode()

    def skill_with(**changes) -> bytes:
        return with_(skills={skill: {**good["skills"][skill], **changes}})

    return [
        ("empty", b"", "progress.file.not_json"),
        ("too big", b" " * (progress_file.MAX_BYTES + 1), "progress.file.too_big"),
        ("latin-1", "{\"app\": \"é\"}".encode("latin-1"), "progress.file.not_json"),
        ("truncated", progress_file.export(sample())[:-40], "progress.file.not_json"),
        ("NaN", with_(version=float("nan")), "progress.file.not_json"),
        ("deep", b"[" * 100_000 + b"]" * 100_000, "progress.file.not_json"),
        ("duplicate key", b'{"app":"transformer-lessons","app":"transformer-lessons"}', "progress.file.not_json"),
        ("a list", b"[1, 2, 3]", "progress.file.not_ours"),
        ("another app", with_(app="anki"), "progress.file.not_ours"),
        ("newer", with_(version=2), "progress.file.newer"),
        ("no version", with_(version=None), "progress.file.version"),
        ("bool version", with_(version=True), "progress.file.version"),
        ("unknown field", with_(extra=1), "progress.file.bad_field"),
        ("bidi override in a skill", with_(skills={"self_attention\u202e.compute": good["skills"][skill]}),
         "progress.file.bad_field"),
        ("control character in a tag", with_(bugs={"no_scale\x07": 1}), "progress.file.bad_field"),
        ("zero-width space in an id", skill_with(streak_ids=["a\u200b"]), "progress.file.bad_field"),
        ("long name", with_(bugs={"x" * 81: 1}), "progress.file.bad_field"),
        ("unknown level", skill_with(level="expert"), "progress.file.bad_field"),
        ("negative count", skill_with(attempts=-1), "progress.file.bad_field"),
        ("huge count", skill_with(right=10**30), "progress.file.bad_field"),
        ("float count", skill_with(streak=1.5), "progress.file.bad_field"),
        ("long streak", skill_with(streak_ids=["a", "b", "c", "d"]), "progress.file.bad_field"),
        ("naive time", skill_with(last="2025-03-01T09:00:00"), "progress.file.bad_field"),
        ("other zone", skill_with(last="2025-03-01T09:00:00+08:00"), "progress.file.bad_field"),
        ("year 1", skill_with(last="0001-01-01T00:00:00+00:00"), "progress.file.bad_field"),
        ("bad card", skill_with(card={"due": "soon"}), "progress.file.bad_field"),
        ("infinite stability", skill_with(card={**good["skills"][skill]["card"], "stability": 1e308 * 10}),
         "progress.file.not_json"),
        ("too many events", with_(events=good["events"] * (mastery.MAX_EVENTS + 1)), "progress.file.bad_field"),
        ("event hint 9", with_(events=[{**good["events"][0], "hint": 9}]), "progress.file.bad_field"),
    ]


@pytest.mark.parametrize("name, data, key", hostile_variants(), ids=[v[0] for v in hostile_variants()])
def test_hostile_files_get_a_clear_error(name, data, key):
    with pytest.raises(ProgressFileError) as caught:
        progress_file.load(data)
    assert caught.value.key == key, (name, caught.value)
    assert isinstance(caught.value, ValueError)


def test_every_error_key_is_in_both_languages_with_its_fields():
    fields = {"progress.file.too_big": {"limit"}, "progress.file.newer": {"version"},
              "progress.file.bad_field": {"field"}}
    for lang in ("en", "zh"):
        for key in ERROR_KEYS:
            text = i18n.catalogue(lang).get(key)
            assert text, (lang, key)
            assert i18n.placeholders(text) == fields.get(key, set()), (lang, key)


def test_error_messages_never_quote_the_file():
    hostile = "\u202eevil<script>"
    obj = json.loads(progress_file.export(sample()))
    obj["bugs"] = {hostile: 1}
    with pytest.raises(ProgressFileError) as caught:
        progress_file.load(json.dumps(obj).encode())
    assert hostile not in str(caught.value) and hostile not in json.dumps(caught.value.fields)


# ---- hypothesis: nothing but the clear error ------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_raise_only_the_clear_error(data):
    assert_clear(lambda: progress_file.load(data))


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_raises_only_the_clear_error(value):
    assert_clear(lambda: progress_file.load(json.dumps(value).encode()))
    assert_clear(lambda: progress_file.load(json.dumps({"app": progress_file.APP, "version": 1, "skills": value,
                                                         "bugs": {}, "events": []}).encode()))


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, (*prefix, i))


def _replace(obj, path, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(obj, dict):
        return {**obj, head: _replace(obj[head], rest, value)}
    out = list(obj)
    out[head] = _replace(obj[head], rest, value)
    return out


GOOD = json.loads(progress_file.export(sample()))
PATHS = list(_paths(GOOD))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATHS), json_values)
def test_a_valid_file_with_any_node_replaced_raises_only_the_clear_error(path, value):
    mutated = json.dumps(_replace(GOOD, path, value)).encode()
    assert_clear(lambda: progress_file.load(mutated))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 255))
def test_a_flipped_byte_raises_only_the_clear_error(position, byte):
    data = bytearray(progress_file.export(sample()))
    data[position % len(data)] = byte
    error = assert_clear(lambda: progress_file.load(bytes(data)))
    if error is None:  # still a valid file: it exports to a valid file again
        progress_file.load(progress_file.export(progress_file.load(bytes(data))))


def test_a_file_written_by_this_app_is_named_by_its_date():
    assert progress_file.file_name(T0) == "transformer-lessons-progress-2025-03-01.json"
