"""A tiny Transformer trained live, on a task whose attention has a right answer (pure PyTorch, no Streamlit).

The same ``Transformer`` class as the shipped model, with a smaller ``ModelConfig`` (``LIVE_SIZES``), trained
with the same loss (next-token cross-entropy under teacher forcing) on one of four tasks:

* ``copy``: 3 9 4 → 3 9 4. Output word t is source character t, so cross-attention should be the diagonal.
* ``reverse``: 3 9 4 → 4 9 3: the anti-diagonal.
* ``sort``: distinct digits, 3 9 4 → 3 4 9: each output row looks at the source position of the t-th smallest digit.
* ``translate``: short pairs drawn from the corpus (tutorial_model.corpus): no single right pattern, an alignment.

``LiveTrainer`` holds one model, its optimiser and its loss history; ``train_for(seconds)`` runs whole steps
until the time is up and ``view()`` returns plain data (lists, numpy arrays) for a page to draw. Nothing here
is shared between trainers: each has its own model, optimiser, data generator and seed.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import torch
import torch.nn.functional as F

from .config import ModelConfig
from .data import pad
from .decoding import greedy_batch
from .hooks import capture
from .tokenizer import BOS_ID, EOS_ID, PAD_ID, Vocab
from .trace import Trace, arrays_from_capture
from .transformer import Transformer

TASKS = ("copy", "reverse", "sort", "translate")
DIGITS = tuple("0123456789")
MIN_LEN, MAX_LEN = 3, 8  # digit-sequence lengths
# Small enough that a step takes a few milliseconds on one thread; one layer each so the one cross-attention
# there is has to do the aligning by itself. No dropout: nothing to regularise in an endless stream of examples.
LIVE_SIZES = {"d_model": 32, "n_heads": 2, "n_layers": 1, "d_ff": 64, "max_len": 16, "dropout": 0.0}
CROSS = "decoder.layers.0.cross_attn.hook_pattern"  # (heads, T_tgt, T_src) in a trace of the live model
SELF = "encoder.layers.0.self_attn.hook_pattern"


@dataclass(frozen=True)
class Task:
    name: str
    src_vocab: Vocab
    tgt_vocab: Vocab
    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # fixed examples (translate); else generated
    probes: tuple[tuple[str, ...], ...] = field(default=())  # the sources shown while training (never trained on)

    def target(self, src: Sequence[str]) -> tuple[str, ...]:
        if self.name == "copy":
            return tuple(src)
        if self.name == "reverse":
            return tuple(reversed(src))
        if self.name == "sort":
            return tuple(sorted(src))
        return dict(self.pairs)[tuple(src)]

    def sample(self, rng: random.Random) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if self.pairs:
            return rng.choice(self.pairs)
        n = rng.randint(MIN_LEN, MAX_LEN)
        src = tuple(rng.sample(DIGITS, n)) if self.name == "sort" else tuple(rng.choice(DIGITS) for _ in range(n))
        return src, self.target(src)


def expected_alignment(task: str, src: Sequence[str]) -> list[int] | None:
    """For output position t, the source position holding the token it must write (None: no single answer)."""
    n = len(src)
    if task == "copy":
        return list(range(n))
    if task == "reverse":
        return list(range(n - 1, -1, -1))
    if task == "sort":
        return sorted(range(n), key=lambda i: src[i])
    return None


def pattern_match(attention: np.ndarray, alignment: Sequence[int]) -> float:
    """Share of output rows whose strongest source column is the expected one. attention: (T_tgt, T_src),
    row t predicting output word t; rows beyond the alignment (the <eos> prediction) are left out."""
    rows = min(len(alignment), attention.shape[0])
    return float(np.mean([int(np.argmax(attention[t])) == alignment[t] for t in range(rows)])) if rows else 0.0


@lru_cache(maxsize=1)
def _translation_pairs(seed: int = 0, n: int = 400) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Short training pairs of the corpus (at most 5 characters and 5 words), a seeded sample of ``n``."""
    from .corpus import make_splits

    short = sorted({(tuple(p.zh), tuple(p.en.split())) for p in make_splits(seed)["train"]
                    if len(p.zh) <= 5 and len(p.en.split()) <= 5})
    return tuple(random.Random(seed).sample(short, min(n, len(short))))


def make_task(name: str) -> Task:
    if name not in TASKS:
        raise ValueError(f"unknown task {name!r}; choose one of {TASKS}")
    if name == "translate":
        pairs = _translation_pairs()
        probes = tuple(src for src, _ in pairs[:3])
        return Task(name, Vocab.build(s for s, _ in pairs), Vocab.build(t for _, t in pairs), pairs, probes)
    vocab = Vocab(DIGITS)
    probes = {"copy": ("3", "1", "4", "1", "5", "9", "2"), "reverse": ("2", "7", "1", "8", "2", "8"),
              "sort": ("5", "2", "9", "0", "7", "3")}[name]
    rng = random.Random(1)
    extra = tuple(Task(name, vocab, vocab).sample(rng)[0] for _ in range(2))
    return Task(name, vocab, vocab, (), (probes, *extra))


@dataclass
class LiveTrainer:
    """One learner's tiny Transformer: build, train a few steps at a time, look at it."""

    task_name: str
    seed: int = 0
    batch_size: int = 32
    lr: float = 3e-3
    warmup_steps: int = 30
    clip_norm: float = 1.0

    def __post_init__(self) -> None:
        self.task = make_task(self.task_name)
        gen = torch.Generator().manual_seed(self.seed)  # the trainer's own generator: no global RNG is touched
        cfg = ModelConfig(len(self.task.src_vocab), len(self.task.tgt_vocab), **LIVE_SIZES)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(int(torch.randint(0, 2**31 - 1, (1,), generator=gen)))
            self.model = Transformer(cfg)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=self.lr, betas=(0.9, 0.98), eps=1e-9)
        self.rng = random.Random(self.seed)
        self.step = 0
        self.losses: list[float] = []
        self.train_seconds = 0.0  # wall time spent in steps
        self.cpu_seconds = 0.0  # this thread's CPU time spent in steps

    # ---- training -------------------------------------------------------------------------------------

    def _batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        ex = [self.task.sample(self.rng) for _ in range(self.batch_size)]
        src = pad([self.task.src_vocab.encode(s) for s, _ in ex])
        tgt = pad([[BOS_ID, *self.task.tgt_vocab.encode(t), EOS_ID] for _, t in ex])
        return src, tgt

    def lr_now(self) -> float:
        return self.lr * min(1.0, (self.step + 1) / self.warmup_steps)  # warm-up, then constant: training never ends

    def train_step(self) -> float:
        start, start_cpu = time.perf_counter(), time.thread_time()
        src, tgt = self._batch()
        for g in self.opt.param_groups:
            g["lr"] = self.lr_now()
        self.model.train()
        logits = self.model(src, tgt[:, :-1])  # teacher forcing, as in fit.fit
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt[:, 1:].reshape(-1), ignore_index=PAD_ID)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.clip_norm)
        self.opt.step()
        self.step += 1
        self.losses.append(loss.item())
        self.train_seconds += time.perf_counter() - start
        self.cpu_seconds += time.thread_time() - start_cpu
        return self.losses[-1]

    def train_steps(self, n: int) -> float:
        for _ in range(n):
            self.train_step()
        return self.losses[-1]

    def train_for(self, seconds: float, max_steps: int = 10_000) -> int:
        """Whole steps until ``seconds`` of wall time have passed (at least one); returns how many ran."""
        end, n = time.perf_counter() + seconds, 0
        while n < max_steps and (n == 0 or time.perf_counter() < end):
            self.train_step()
            n += 1
        return n

    # ---- looking at it ----------------------------------------------------------------------------------

    @torch.inference_mode()
    def trace(self, src: Sequence[str]) -> Trace:
        """Greedy output for one source and every tensor of the teacher-forced re-run (as Translator does)."""
        self.model.eval()
        ids = self.task.src_vocab.encode(src)
        out = greedy_batch(self.model, torch.tensor([ids]), max_len=len(src) + 4)[0].tolist()
        if EOS_ID in out:
            out = out[:out.index(EOS_ID) + 1]
        tgt_in = [BOS_ID, *out[:-1]] if out else [BOS_ID]
        with capture(self.model) as cap:
            self.model(torch.tensor([ids]), torch.tensor([tgt_in]))
        itos = self.task.tgt_vocab.itos
        words = self.task.tgt_vocab.decode(out)
        return Trace(arrays=arrays_from_capture(cap), src_tokens=list(src), tgt_tokens=[itos[i] for i in tgt_in],
                     out_tokens=[itos[i] for i in out], translation=" ".join(words),
                     meta={"task": self.task_name, "step": self.step})

    def view(self, probe: int = 0) -> dict:
        """Everything a page shows, as plain data: the loss history, one probe's attention and the samples."""
        tr = self.trace(self.task.probes[probe])
        samples = []
        for src in self.task.probes:
            got = tr.translation.split() if src == self.task.probes[probe] else self.trace(src).translation.split()
            samples.append({"source": " ".join(src), "want": " ".join(self.task.target(src)), "got": " ".join(got)})
        cross = tr[CROSS].mean(axis=0)  # (T_tgt, T_src), averaged over the heads
        align = expected_alignment(self.task_name, tr.src_tokens)
        return {"task": self.task_name, "step": self.step, "losses": list(self.losses),
                "train_seconds": self.train_seconds, "cpu_seconds": self.cpu_seconds,
                "src_tokens": tr.src_tokens, "tgt_tokens": tr.tgt_tokens, "out_tokens": tr.out_tokens, "cross": cross,
                "self": tr[SELF].mean(axis=0), "alignment": align,
                "pattern": pattern_match(cross, align) if align is not None else None, "samples": samples}

    def exact_match(self, n: int = 64, seed: int = 12345) -> float:
        """Greedy exact match on ``n`` fresh examples (a separate seeded stream, so training is unaffected)."""
        rng = random.Random(seed)
        ex = [self.task.sample(rng) for _ in range(n)]
        self.model.eval()
        out = greedy_batch(self.model, pad([self.task.src_vocab.encode(s) for s, _ in ex]), max_len=MAX_LEN + 4)
        right = sum(self.task.tgt_vocab.decode(row.tolist()) == list(t) for row, (_, t) in zip(out, ex))
        return right / n


# ---- a trainer in its own process --------------------------------------------------------------------------

def serve(conn, threads: int = 1) -> None:
    """Run one learner's trainer in this (child) process, answering commands from ``conn`` until told to stop
    or until the parent goes away. Commands: ("new", task, seed), ("train", steps, max_seconds, probe) and
    ("view", probe), answered with ``view()``'s dict; ("stop",) ends the loop. Errors are answered, not raised."""
    torch.set_num_threads(threads)  # one core per live training: the pool counts cores
    trainer: LiveTrainer | None = None
    while True:
        try:
            cmd = conn.recv()
        except (EOFError, OSError):  # the server went away
            return
        try:
            if cmd[0] == "stop":
                return
            if cmd[0] == "new":
                trainer = LiveTrainer(cmd[1], seed=cmd[2])
                conn.send(("ok", trainer.view()))
            elif trainer is None:
                conn.send(("error", "no trainer yet"))
            elif cmd[0] == "train":
                _, steps, max_seconds, probe = cmd
                end = time.perf_counter() + max_seconds
                for _ in range(steps):
                    trainer.train_step()
                    if time.perf_counter() > end:
                        break
                conn.send(("ok", trainer.view(probe)))
            elif cmd[0] == "view":
                conn.send(("ok", trainer.view(cmd[1])))
            else:
                conn.send(("error", f"unknown command {cmd[0]!r}"))
        except Exception as e:  # noqa: BLE001 - the answer carries it to the page, which shows a message
            conn.send(("error", f"{type(e).__name__}: {e}"))
