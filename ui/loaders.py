"""Cached access to the models, their traces and the corpus: every model of the registry by name, one way.

* ``translator(name, variant=None, step=None)``: one Translator per (model, checkpoint directory, modification
  stamp, replay step), loaded once per process (``st.cache_resource``) and only ever used for inference; its own
  lock keeps two sessions' traces apart. ``variant`` is a trained experiment (checkpoint.variant_dir), ``step``
  a snapshot of the training replay (tutorial_model.snapshots).
* ``trace(name, text, method, **params)``: cached with ``st.cache_resource`` keyed on small inputs only — model,
  checkpoint directory and stamp, sentence, decoding method and parameters — never on arrays. Every session that
  asks for one sentence gets the same Trace, frozen (``Trace.freeze``: its arrays are read-only, so no learner can
  alter another's tensors). ``cache_data`` handed every call its own unpickled copy instead: a session kept three
  (context, sidebar, page), 3 MB, and a class of 40 held 120 of them (issue 18; README, "Ageing and memory").
* Traces and gradients of the shipped models are computed in worker processes (ui.workers, started with the
  main model, each holding its own copies) so that the script threads of 40 sessions never queue behind one GIL;
  until the workers are warm, or with ``TL_WORKERS=0``, they run here, with the same result. A replay step or a
  variant (many small models, each rarely asked for) runs here, so they never crowd the workers' models out.
* The comparison table and the gradient measurements are keyed by sentence; the live timing is never cached.

The checkpoint directory is checkpoint.default_dir(): ``$TL_CHECKPOINT_DIR`` when set (tests, development), else
the shipped one.
"""

from __future__ import annotations

import os
import random
import threading
from pathlib import Path

import pandas  # noqa: F401 - see the comment below: imported here on purpose, before any figure exists
import streamlit as st
import torch

from tutorial_model import checkpoint, compare, corpus, padding, snapshots
from tutorial_model.checkpoint import ENV_CHECKPOINT, CheckpointError
from tutorial_model.trace import Trace, param_name
from tutorial_model.translator import Translator

from . import workers

# Plotly peeks at sys.modules["pandas"] without importing it (_plotly_utils.basevalidators). While one script
# thread is still importing pandas (Streamlit imports it lazily), another thread's figure finds a half-built
# module and fails ("partially initialized module 'pandas' has no attribute 'Series'": 21 errors for 20 learners
# arriving together at a fresh server, bench/bench_class.py --cold). Imported above, on app.py's import path,
# pandas is complete before any page builds a figure: later threads wait on the module lock of ui.context.
MAIN = "transformer"  # the model every lesson traces; loading it starts the workers and the corpus
TRACE_TTL_S = 60 * 60  # a class's traces (~0.9 MB each) go an hour after they were made
TRACES_KEPT = 64  # per model: a class of 40 learners' sentences and some (memory: see ui/views.py _cached)
MODELS_KEPT = 48  # the shipped models, the trained variants and every replay step (a few MB each)
ENV_SWITCH = "TL_SWITCH_INTERVAL"  # seconds; for measuring the GIL switch interval (bench/bench_class.py)

if os.environ.get(ENV_SWITCH):
    import sys

    sys.setswitchinterval(float(os.environ[ENV_SWITCH]))


def checkpoint_dir() -> str:
    return str(checkpoint.default_dir())


def checkpoint_stamp(directory: str, name: str = MAIN) -> float:
    """Modification time of the weights: a rebuilt checkpoint gets a new cache entry (0 when missing)."""
    return checkpoint.stamp(name, directory)


def replay_stamp(directory: str) -> float:
    """The replay file's stamp plus the checkpoint's: the replay ends in that checkpoint (0 when missing)."""
    weights = Path(directory) / f"{snapshots.FILE}.safetensors"
    try:
        return weights.stat().st_mtime + checkpoint_stamp(directory)
    except OSError:
        return 0.0


def _where(name: str, variant: str | None, step: int | None) -> tuple[str, float]:
    """(checkpoint directory, stamp) of a model, a trained variant or a replay step: the cache keys."""
    directory = checkpoint_dir()
    if variant is not None:
        directory = str(checkpoint.variant_dir(variant, directory))
    return directory, replay_stamp(directory) if step is not None else checkpoint_stamp(directory, name)


@st.cache_resource(show_spinner=False, max_entries=MODELS_KEPT)
def _translator(name: str, directory: str, stamp: float, step: int | None = None) -> Translator:
    # Once per process, before the first forward pass. One sentence is a handful of 64-wide matrices:
    # extra intra-op threads only add hand-offs, and on a busy machine their spin-waits turn a 20 ms
    # trace into seconds (measured: median 22 ms with 1 thread vs 277 ms with 2 on a loaded 2-core box).
    torch.set_num_threads(1)
    if step is not None:  # the replay: the snapshot's weights, the checkpoint's tokenizer and description
        _, tok, meta = checkpoint.load(name, Path(directory))
        return Translator(snapshots.load_snapshot(step, directory), tok, meta)
    translator = Translator.load(Path(directory), device="cpu", name=name)
    if name == MAIN and directory == checkpoint_dir():
        workers.pool().start(workers.WarmJob(directory, stamp))  # returns at once; jobs run here until warm
        warm_corpus()  # the random-sentence button and the unknown-character suggestions need it
    return translator


def translator(name: str = MAIN, variant: str | None = None, step: int | None = None) -> Translator:
    """The shared Translator of registered model ``name`` (of a trained ``variant``; at replay ``step``).
    Raises CheckpointError (whose message names the rebuild command) when missing."""
    return _translator(name, *_where(name, variant, step), step)


def _local_model(name: str, directory: str, stamp: float) -> Translator:
    """The server's own copy of a model, for jobs run in this process (see ui.workers.run_job)."""
    return _translator(name, directory, stamp)


def run(job: workers.Job):
    """One model job: in a worker process when one is warm, else here (ui.workers)."""
    return workers.pool().run(job, lambda j: workers.run_job(j, model=_local_model))


def _trace(name: str, directory: str, stamp: float, step: int | None, text: str, method: str,
           params: tuple) -> Trace:
    tr = _translator(name, directory, stamp, step)  # a missing checkpoint raises CheckpointError here
    tr.tokenizer.encode_source(text)  # a bad sentence raises InputError here, cheaply
    if step is not None or directory != checkpoint_dir():  # a replay step or a variant: here (module docstring)
        return tr.run_with_trace(text, method, **dict(params))
    return run(workers.TraceJob(name, directory, stamp, text, method, params))


def trace(name: str, text: str, method: str = "greedy", *, variant: str | None = None, step: int | None = None,
          **params) -> Trace:
    """The trace of ``text`` (an accepted sentence) through model ``name`` under the given decoding settings;
    BERT: ``method="fill", position=i``. ``variant`` and ``step`` as for translator()."""
    where, params = _where(name, variant, step), tuple(sorted(params.items()))
    if name == MAIN and variant is None and step is None:
        return _main_trace(*where, text, method, params)
    return _other_trace(name, *where, step, text, method, params)


# Two caches, so that the shipped Transformer's traces (every lesson page reads them) keep their own bound and the
# other models' (lessons 11-17), variants' and replay steps' never evict them, nor grow the server past it.
@st.cache_resource(show_spinner=False, max_entries=TRACES_KEPT, ttl=TRACE_TTL_S)
def _main_trace(directory: str, stamp: float, text: str, method: str, params: tuple) -> Trace:
    return _trace(MAIN, directory, stamp, None, text, method, params).freeze()


@st.cache_resource(show_spinner=False, max_entries=2 * TRACES_KEPT, ttl=TRACE_TTL_S)
def _other_trace(name: str, directory: str, stamp: float, step: int | None, text: str, method: str,
                 params: tuple) -> Trace:
    return _trace(name, directory, stamp, step, text, method, params).freeze()


@st.cache_data(show_spinner=False, max_entries=TRACES_KEPT, ttl=TRACE_TTL_S)
def _padding(directory: str, stamp: float, text: str) -> padding.PaddingRun:
    return padding.for_sentence(_translator(MAIN, directory, stamp), text, [zh for zh, _ in examples()])


def padding_run(text: str) -> padding.PaddingRun:
    """padding.for_sentence on the shipped Transformer for an accepted sentence, batched with a longer sidebar
    example (three encoder passes and three greedy decodings: ~0.1 s, so kept like a trace)."""
    directory = checkpoint_dir()
    return _padding(directory, checkpoint_stamp(directory), text)


def trace_key(text: str, method: str, params: dict) -> str:
    """A short string naming one trace, for widget keys and cached figures."""
    return f"{text}|{method}|{sorted(params.items())}"


@st.cache_data(show_spinner=False)
def toy_scaling(d_ks: tuple[int, ...]) -> dict:
    """The random-vector experiment of the self-attention lesson (seeded, so the same for everyone)."""
    from .analysis import scaling_experiment

    return scaling_experiment(d_ks, n_trials=400)


@st.cache_data(show_spinner=False, max_entries=4)
def _embedding_pca(directory: str, stamp: float, which: str) -> tuple:
    from .analysis import pca_2d

    return pca_2d(_translator(MAIN, directory, stamp).weight(param_name("lut", stack=f"{which}_embed")))


def embedding_pca(which: str) -> tuple:
    """2-D PCA of the source ("src") or target ("tgt") embedding table: ((V, 2) points, (2,) variance ratios)."""
    return _embedding_pca(*_where(MAIN, None, None), which)


# ---- the comparison of lessons 11–13 -------------------------------------------------------------------------

def _stamps(directory: str, models: tuple[str, ...] = compare.ALL_MODELS) -> tuple[float, ...]:
    return tuple(checkpoint_stamp(directory, name) for name in models)


@st.cache_data(show_spinner=False, max_entries=4)
def _comparison(directory: str, stamps: tuple[float, ...]) -> dict:
    return compare.comparison_table(Path(directory), models=compare.TABLED)


def comparison() -> dict:
    """compare.comparison_table() of every tabled model (compare.TABLED) from the metrics stored in the checkpoints
    (plain data, ~40 ms once); the optional ones (compare.ALSO_COMPARED) may be under ``missing``."""
    directory = checkpoint_dir()
    return _comparison(directory, _stamps(directory, compare.TABLED))


@st.cache_data(show_spinner=False, max_entries=128, ttl=TRACE_TTL_S)
def _gradients(directory: str, stamps: tuple[float, ...], text: str, target: str, models: tuple[str, ...]) -> dict:
    by_name = dict(zip(compare.ALL_MODELS, stamps))
    for name in models:
        _translator(name, directory, by_name[name])  # a missing checkpoint raises CheckpointError here, with why
    return run(workers.GradientsJob(directory, tuple(by_name.items()), text, target, models))


def gradients(text: str, target: str, models: tuple[str, ...] = compare.ALL_MODELS) -> dict[str, dict]:
    """compare.gradient_by_distance for every model on one accepted sentence, cached by (sentence, target).
    About 15–50 ms per model on one CPU thread."""
    directory = checkpoint_dir()
    return _gradients(directory, _stamps(directory), text, target, tuple(models))


def forward_times(lengths: tuple[int, ...], batch: int, repeats: int = 3,
                  models: tuple[str, ...] = compare.ALL_MODELS) -> dict[str, list[dict]]:
    """compare.forward_time_by_length for every model, measured now on this machine (never cached: the point
    is a live measurement; the page runs it only when the learner presses the button)."""
    out = {}
    for name in models:
        tr = translator(name)
        out[name] = compare.forward_time_by_length(tr.model, lengths, repeats=repeats, batch=batch, lock=tr.lock)
    return out


# ---- corpus -------------------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=4)
def _examples_by_topic(directory: str, stamp: float) -> dict[str, list[tuple[str, str]]]:
    try:
        stored = checkpoint.read_meta("transformer", directory).get("examples_by_topic")
    except CheckpointError:
        stored = None
    if not stored:  # an older checkpoint: the lessons' own examples (regenerating the corpus takes seconds)
        return {"lessons": list(corpus.EXAMPLES)}
    return {topic: [(zh, en) for zh, en in pairs] for topic, pairs in stored.items()}


def examples_by_topic() -> dict[str, list[tuple[str, str]]]:
    """Topic → curated (Chinese, English) examples for the sidebar, as stored by the training command
    (every one is in the training split, with the corpus's own translation)."""
    directory = checkpoint_dir()
    return _examples_by_topic(str(directory), checkpoint_stamp(directory))


def examples() -> list[tuple[str, str]]:
    """Every curated example, topics in order."""
    return [pair for pairs in examples_by_topic().values() for pair in pairs]


_TEST: list[tuple[tuple[str, str], ...]] = []  # filled once per process
_TEST_LOCK = threading.Lock()


def test_sentences(wait: bool = True) -> tuple[tuple[str, str], ...] | None:
    """(Chinese, English) pairs of the held-out test split: sentences the model never trained on.

    Generating the corpus takes about 2 s, so it is done once per process, in the background as soon
    as the model loads (warm_corpus), and kept as an immutable tuple shared by every session. With
    ``wait=False`` this returns None instead of blocking while that is still running.
    """
    if _TEST:
        return _TEST[0]
    if not wait and _TEST_LOCK.locked():
        return None
    with _TEST_LOCK:
        if not _TEST:
            _TEST.append(tuple((p.zh, p.en) for p in corpus.make_splits(seed=0)["test"]))
    return _TEST[0]


def longest_test_sentence() -> str:
    """The longest held-out test sentence (the first in order among equals): where recurrence struggles most."""
    return max(test_sentences(), key=lambda pair: (len(pair[0]), pair[0]))[0]


def warm_corpus() -> None:
    threading.Thread(target=test_sentences, name="warm-corpus", daemon=True).start()


def random_sentence(rng: random.Random | None = None) -> str:
    pool = test_sentences()
    return (rng or random).choice(pool)[0]


@st.cache_data(show_spinner=False)
def vocabulary_words() -> list[tuple[str, str]]:
    """(Chinese word, English gloss) pairs the corpus is built from, for the unknown-character help."""
    return list(corpus.zh_vocabulary_words())


def suggestions(text: str, known: set[str], k: int = 3) -> list[str]:
    """Up to k sentences the model knows fully, sharing the most characters with ``text``."""
    chars = set(text)
    held_out = test_sentences(wait=False) or ()  # never make a page wait for the corpus
    pool = [zh for zh, _ in examples()] + [zh for zh, _ in held_out[:2000]]  # ~10 ms
    scored = []
    for zh in dict.fromkeys(pool):
        if set(zh) <= known:
            scored.append((-len(chars & set(zh)), abs(len(zh) - len(text)), zh))
    scored.sort()
    return [zh for *_, zh in scored[:k]]


__all__ = ["ENV_CHECKPOINT", "CheckpointError", "checkpoint_dir", "comparison", "examples", "forward_times",
           "gradients", "random_sentence", "suggestions", "test_sentences", "trace", "trace_key", "translator",
           "vocabulary_words"]
