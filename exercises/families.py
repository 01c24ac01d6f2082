"""Exercises on the model families page (lesson 17): each family's mask as a checkbox grid, the odds of BERT's
two best fill-ins from its logits, a read-off on BERT's attention, which family does which task.

The exercise trace is the encoder–decoder's (ctx.trace); BERT's fill-in trace and vocabulary come as extras
(``bert_trace``, ``bert_itos``), as the page already computed them.
"""

from __future__ import annotations

import math

import numpy as np

from tutorial_model.families import SEP, attention_mask

from .attention import GRID_MAX, Site, strongest_key
from .core import CHOICE, GRID, NUMBER, Instance, text, tolerance_for
from .recurrent import keep_apart

KINDS = ("bidirectional", "causal", "prefix")


def _blocked(allowed: np.ndarray) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(int(not a) for a in row) for row in allowed)


def family_mask(given, rng: np.random.Generator) -> Instance | None:
    """Predict, then reveal: tick the cells each family's mask blocks, on the page's own sequences (BERT: the
    characters; GPT and the prefix LM: <bos> characters <sep> translation; the grid shows 8 positions, for the
    prefix LM the 8 around the end of the prompt). Bugs: BERT given the causal mask, GPT seeing the future,
    the mask transposed, the prefix LM taken as causal or as seeing everything."""
    tr = given.trace
    chars = list(tr.src_tokens)
    words = [w for w in tr.out_tokens if w != "<eos>"]
    kind = KINDS[int(rng.integers(len(KINDS)))]
    if kind == "bidirectional":
        tokens, prefix = chars, 0
    else:
        tokens, prefix = ["<bos>", *chars, SEP, *words], len(chars) + 2
    L = len(tokens)
    start = 0 if kind != "prefix" else max(0, min(prefix - GRID_MAX // 2, L - GRID_MAX))
    window = slice(start, min(L, start + GRID_MAX))
    n = window.stop - window.start
    if n < 3:
        return None

    def grid(k: str) -> tuple[tuple[int, ...], ...]:
        return _blocked(attention_mask(k, L, prefix).numpy()[window, window])

    answer = grid(kind)
    nothing = _blocked(np.ones((n, n), dtype=bool))
    if kind == "bidirectional":
        bugs = {"bert_causal": grid("causal")}
    elif kind == "causal":
        bugs = {"gpt_sees_future": nothing, "mask_transposed": tuple(zip(*answer))}
    else:
        bugs = {"prefix_as_causal": grid("causal"), "prefix_sees_everything": nothing,
                "mask_transposed": tuple(zip(*answer))}
    bugs = {tag: g for tag, g in bugs.items() if g != answer}
    if kind != "bidirectional" and not bugs:
        return None
    labels = [f"{start + c} · {tok}" for c, tok in enumerate(tokens[window])]
    return Instance(
        GRID, text(f"exercises.prompt.family_mask.{kind}", n=n), answer, section="masks", bugs=bugs,
        labels={"rows": labels, "cols": labels},
        hints=(text("exercises.hint.family_mask.cells"), text(f"exercises.hint.family_mask.formula.{kind}"),
               text("exercises.hint.worked")),
        reveal=text("exercises.reveal.family_mask", n=int(np.sum(answer)), total=n * n),
        params={"mask": kind, "start": start})


def fill_odds(given, rng: np.random.Generator) -> Instance | None:
    """How many times likelier is BERT's a-th fill-in than its k-th? p_a / p_k = e^{z_a − z_k} from the two
    logits shown (the softmax's denominator cancels). Bugs: the exp forgotten (z_1 − z_k), the odds upside down,
    the logits divided, the logits' ratio exponentiated."""
    bert = given["bert_trace"]
    itos = given["bert_itos"]
    res = bert.decoding
    ids = list(res.ids)
    if len(ids) < 2:
        return None
    z = bert["generator.hook_logits"][res.position].astype(np.float64)
    pairs = [(a, b) for a in range(len(ids)) for b in range(a + 1, len(ids))]
    for n in rng.permutation(len(pairs)):  # two guesses whose odds the slips do not land near
        a, k = pairs[int(n)]
        z1, zk = round(float(z[ids[a]]), 3), round(float(z[ids[k]]), 3)
        answer = math.exp(z1 - zk)
        tol = tolerance_for(answer, abs(answer - float(res.probs[a]) / float(res.probs[k])))
        bugs = {"exp_forgotten": z1 - zk, "odds_reversed": math.exp(zk - z1)}
        if abs(zk) > 0.05:
            bugs["logits_divided"] = z1 / zk
            bugs["exp_of_ratio"] = math.exp(z1 / zk)
        bugs = keep_apart(answer, bugs, tol)
        if bugs is not None:
            break
    else:
        return None
    w1, wk = itos[ids[a]], itos[ids[k]]
    return Instance(
        NUMBER, text("exercises.prompt.fill_odds", w1=w1, wk=wk, a=a + 1, k=k + 1, z1=f"{z1:.3f}", zk=f"{zk:.3f}"),
        answer,
        section="tasks", tolerance=tol, bugs=bugs, show={"z_1": z1, "z_k": zk},
        hints=(text("exercises.hint.fill_odds.cells", w1=w1, wk=wk), text("exercises.hint.fill_odds.formula"),
               text("exercises.hint.worked")),
        solution=(rf"\frac{{p_{{{a + 1}}}}}{{p_{{{k + 1}}}}} = e^{{{z1:.3f} - ({zk:.3f})}}"
                  rf" = e^{{{z1 - zk:.3f}}} = {answer:.4f}",),
        params={"position": int(res.position), "ranks": (a, k)}, decimals=3)


def bert_strongest(given, rng: np.random.Generator) -> Instance | None:
    """Which character does a query of BERT's self-attention read most (the sentence with its [MASK])? The
    attention read-off of lesson 4 on the encoder-only model's own trace."""
    return strongest_key(Site(given["bert_trace"], "encoder", "self_attn"), rng, "patterns")


TASKS = {"fill": "bert", "continue": "gpt"}
FAMILIES = ("bert", "gpt", "transformer")
WRONG = {"fill": {"gpt": "gpt_fills_blanks"}, "continue": {"bert": "bert_generates"}}


def family_for_task(given, rng: np.random.Generator) -> Instance | None:
    """Which family's design does this task: fill a [MASK] from both sides (BERT), continue a text (GPT)? Bugs:
    a causal model filling a blank from the right, a bidirectional encoder generating."""
    task = ("fill", "continue")[int(rng.integers(2))]
    order = [FAMILIES[k] for k in rng.permutation(len(FAMILIES))]
    bugs = {tag: order.index(family) for family, tag in WRONG[task].items()}
    return Instance(
        CHOICE, text(f"exercises.prompt.family_for_task.{task}", sentence="".join(given.trace.src_tokens)),
        order.index(TASKS[task]), section="tasks", bugs=bugs,
        choices=tuple(text(f"exercises.family.{f}") for f in order),
        hints=(text("exercises.hint.family_for_task.cells"), text("exercises.hint.family_for_task.formula"),
               text("exercises.hint.worked")),
        reveal=text(f"exercises.reveal.family_for_task.{task}"), params={"task": task})
