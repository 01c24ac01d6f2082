"""Quality, measured: ``python -m tutorial_model.evaluate``.

Three test sets. The generated test split (sentences the grammar produced, held out from training):
exact match, BLEU, exact match by length. The hand-written everyday set (assets/eval/everyday.tsv:
beginner sentences typed the way learners type them, none of them in the corpus; the lines the corpus
also has live in everyday_seen.tsv and are not scored): BLEU and chrF, exact match, the share of
sentences with characters outside the model's vocabulary, chrF by topic and the worst translations.
The held-out textbook set (assets/eval/heldout.tsv: HSK levels 1–3, none of it in the corpus): chrF,
BLEU and unknown characters by level and topic, and how well the unsure flag (confidence.py) does on
it, its rule and threshold chosen on the everyday set. ``--write-meta`` stores them in the checkpoint's
JSON (``test_metrics``, ``everyday_metrics``, ``heldout_metrics``, ``unsure_flag``) so pages read them
instead of quoting numbers; ``--directory`` measures another checkpoint (an experiment variant).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import sacrebleu
import torch

from . import confidence, slips
from .checkpoint import CHECKPOINT_DIR, ROOT, paths, read_meta
from .corpus import Pair, make_splits
from .data import pad
from .decoding import greedy_batch
from .tokenizer import InputError, Tokenizer, detokenize_en, is_cjk, join_translations, zh_tokens

EVERYDAY_PATH = ROOT / "assets" / "eval" / "everyday.tsv"
EVERYDAY_SEEN_PATH = ROOT / "assets" / "eval" / "everyday_seen.tsv"  # lines the corpus has too: recall, not scored
EVERYDAY_HEADER = ("zh", "reference", "topic")
HELDOUT_PATH = ROOT / "assets" / "eval" / "heldout.tsv"
HELDOUT_HEADER = ("level", "topic", "zh", "en")
WORST = 15
# Sentences whose English puts a phrase somewhere else than the Chinese does: a time or place phrase before the
# verb in Chinese and after it in English (我昨天在公园看书 → I read in the park yesterday), or a question word
# that stays in place in Chinese and comes first in English (你买了什么 → what did you buy). The corpus tags them.
MOVED_TAGS = frozenset({"moved_time", "moved_place", "wh_question"})


def translate_batch(model: torch.nn.Module, tok: Tokenizer, sources: Sequence[str], batch_size: int = 256
                    ) -> list[str]:
    """Greedy translations as space-joined English tokens (the corpus' own form), for any model that
    translates (decoding.greedy_batch)."""
    device = next(model.parameters()).device
    out: list[str] = []
    model.eval()
    for i in range(0, len(sources), batch_size):
        src = pad([tok.src.encode(zh_tokens(s)) for s in sources[i:i + batch_size]]).to(device)
        for row in greedy_batch(model, src).tolist():
            out.append(" ".join(tok.decode_target(row)))
    return out


def moved(pair: Pair) -> bool:
    """Does the English move a phrase (MOVED_TAGS)?"""
    return not MOVED_TAGS.isdisjoint(pair.tags)


def order_decides(pairs: Sequence[Pair], corpus: Sequence[Pair]) -> frozenset[str]:
    """The sources among ``pairs`` whose characters, in another order, are another sentence of ``corpus`` with
    another English (饭店在超市后面 / 超市在饭店后面): a model that cannot see order cannot get both right."""
    english: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for p in corpus:
        english["".join(sorted(p.zh))].add((p.zh, p.en))
    return frozenset(p.zh for p in pairs
                     if any(zh != p.zh and en != p.en for zh, en in english["".join(sorted(p.zh))]))


def score(hyps: Sequence[str], pairs: Sequence[Pair], anagrams: frozenset[str] | None = None) -> dict:
    """Exact match (whole sentence right), corpus BLEU, exact match by source length and by word order:
    a phrase moves in English or not (``moved``), and, given ``anagrams`` (order_decides), the sentences
    whose order decides their meaning; the shares of outputs with a word doubled or left out (slips.shares)."""
    refs = [p.en for p in pairs]
    exact = [h == r for h, r in zip(hyps, refs)]
    by_len: dict[int, list[bool]] = defaultdict(list)
    by_order: dict[str, list[bool]] = {"moved": [], "same": [], **({"anagram": []} if anagrams is not None else {})}
    for p, ok in zip(pairs, exact):
        by_len[len(p.zh)].append(ok)
        by_order["moved" if moved(p) else "same"].append(ok)
        if anagrams is not None and p.zh in anagrams:
            by_order["anagram"].append(ok)
    return {
        "n": len(pairs),
        "exact_match": sum(exact) / len(exact),
        "bleu": sacrebleu.corpus_bleu(list(hyps), [refs]).score,
        "by_length": {n: {"n": len(v), "exact_match": sum(v) / len(v)} for n, v in sorted(by_len.items())},
        "by_order": {k: {"n": len(v), "exact_match": sum(v) / len(v) if v else 0.0} for k, v in by_order.items()},
        "slips": slips.shares(hyps, refs),
    }


def evaluate(model: torch.nn.Module, tok: Tokenizer, pairs: Sequence[Pair], corpus: Sequence[Pair] | None = None
             ) -> tuple[dict, list[str]]:
    """Greedy translations of ``pairs``, scored; with ``corpus`` (every split) also on order_decides."""
    with torch.inference_mode():
        hyps = translate_batch(model, tok, [p.zh for p in pairs])
    return score(hyps, pairs, None if corpus is None else order_decides(pairs, corpus)), hyps


def format_report(metrics: dict) -> str:
    lines = [f"test pairs: {metrics['n']}",
             f"exact match: {100 * metrics['exact_match']:.2f} %",
             f"BLEU: {metrics['bleu']:.2f}",
             "exact match by source length (characters):"]
    for n, m in metrics["by_length"].items():
        lines.append(f"  {int(n):>3}  n={m['n']:>5}  {100 * m['exact_match']:6.2f} %")
    if "by_order" in metrics:
        lines.append("exact match by word order (a time/place phrase or question word moves in English, or not;"
                     " anagram: the same characters in another order are another sentence):")
        for k, m in metrics["by_order"].items():
            lines.append(f"  {k:>7}  n={m['n']:>5}  {100 * m['exact_match']:6.2f} %")
    return "\n".join(lines)


# --- The hand-written everyday set -------------------------------------------------------------


@dataclass(frozen=True)
class EverydayRow:
    zh: str  # as a learner types it: punctuation, sometimes none, a few traditional characters
    reference: str  # one plain, literal English translation
    topic: str


class EverydaySetError(ValueError):
    """The everyday set file is malformed; the message names the line."""


class TranslatorLike(Protocol):
    """What the everyday evaluation needs: tutorial_model.translator.Translator, or a stand-in in tests."""

    tokenizer: Tokenizer

    def translate(self, text: str) -> str: ...


def _has_control(text: str) -> bool:
    # Cc: NUL, BEL, ESC, CR, LF, TAB…; Cf: zero-width and bidi overrides; Zl/Zp: line/paragraph separators.
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text)


def _read_tsv(path: Path | str, header: tuple[str, ...], source: str) -> list[tuple[str, ...]]:
    """``#`` comment lines, the header, then rows of ``header``'s columns; ``source`` names the Chinese column.

    Raises EverydaySetError for a wrong header or column count, an empty field, surrounding spaces,
    control or bidi characters, a source without Chinese characters, or a Chinese line given twice.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise EverydaySetError(f"Cannot read the evaluation set {path}: {e}") from e
    rows: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    header_seen = False
    for n, line in enumerate(text.split("\n"), start=1):
        if line.startswith("#") or not line:
            continue
        fields = line.split("\t")
        if not header_seen:
            if tuple(fields) != header:
                raise EverydaySetError(f"{path}:{n}: expected the header {'<TAB>'.join(header)}")
            header_seen = True
            continue
        if len(fields) != len(header):
            raise EverydaySetError(f"{path}:{n}: {len(fields)} columns, expected {len(header)}")
        for name, value in zip(header, fields):
            if not value or value != value.strip():
                raise EverydaySetError(f"{path}:{n}: the {name} column is empty or has surrounding spaces")
            if _has_control(value):
                raise EverydaySetError(f"{path}:{n}: the {name} column has a control or bidi character")
        zh = fields[header.index(source)]
        if not any(is_cjk(ch) for ch in zh):
            raise EverydaySetError(f"{path}:{n}: the {source} column has no Chinese character")
        if zh in seen:
            raise EverydaySetError(f"{path}:{n}: {zh!r} repeats line {seen[zh]}")
        seen[zh] = n
        rows.append(tuple(fields))
    if not header_seen:
        raise EverydaySetError(f"{path}: no header line")
    return rows


def load_everyday(path: Path | str = EVERYDAY_PATH) -> list[EverydayRow]:
    """Read and validate the set (``_read_tsv``): zh<TAB>reference<TAB>topic rows."""
    return [EverydayRow(*fields) for fields in _read_tsv(path, EVERYDAY_HEADER, "zh")]


@dataclass(frozen=True)
class HeldoutRow:
    level: str  # HSK 3.0 level, "1" to "3"
    topic: str
    zh: str
    reference: str


def load_heldout(path: Path | str = HELDOUT_PATH) -> list[HeldoutRow]:
    """Read and validate the held-out set: level<TAB>topic<TAB>zh<TAB>en rows (the level a digit)."""
    rows = [HeldoutRow(*fields) for fields in _read_tsv(path, HELDOUT_HEADER, "zh")]
    bad = [r.zh for r in rows if not r.level.isdigit()]
    if bad:
        raise EverydaySetError(f"{path}: the level column must be a number: {bad[:3]}")
    return rows


def normalize_en(text: str) -> str:
    """For exact match: lowercase, punctuation as spaces, single spaces ("Hello, teacher!" = "hello teacher")."""
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text.lower())
    return " ".join(text.split())


def _score_form(text: str) -> str:
    """Lowercased, without the final full stop or exclamation mark: the model writes none at the end of a
    sentence, so keeping them would cap a perfect translation below chrF 100 (measured: 96.8)."""
    return text.strip().lower().rstrip(".!").rstrip()


def unknown_characters(tokenizer: Tokenizer, text: str) -> tuple[str, ...]:
    """Distinct characters of ``text`` the model has no embedding for, after the tokenizer's own clean-up.

    Text the tokenizer refuses is checked character by character (Chinese characters only).
    """
    try:
        _, encodings = tokenizer.encode_sentences(text)
        return tuple(dict.fromkeys(ch for enc in encodings for ch in enc.unknown))
    except InputError:
        return tuple(dict.fromkeys(ch for ch in text if is_cjk(ch) and ch not in tokenizer.src))


def evaluate_everyday(translator: TranslatorLike, rows: Sequence[EverydayRow], worst: int = WORST) -> dict:
    """Translate every row and score it (plain data, ready for JSON).

    BLEU and chrF are sacrebleu's corpus scores of the detokenized outputs against the references, both
    lowercased and without a sentence-final "." or "!" (``_score_form``). A row the translator refuses
    (InputError) counts as a failure with an empty output. ``worst`` lists the rows with the lowest
    sentence chrF (ties in file order).
    """
    if not rows:
        raise ValueError("no rows to evaluate")
    outputs: list[str] = []
    failures: list[dict] = []
    for r in rows:
        try:
            outputs.append(translator.translate(r.zh))
        except InputError as e:
            outputs.append("")
            failures.append({"zh": r.zh, "code": e.code})
    hyps = [_score_form(h) for h in outputs]
    refs = [_score_form(r.reference) for r in rows]
    exact = [normalize_en(h) == normalize_en(r) for h, r in zip(hyps, refs)]
    unknown = [unknown_characters(translator.tokenizer, r.zh) for r in rows]
    sent_chrf = [sacrebleu.sentence_chrf(h, [r]).score for h, r in zip(hyps, refs)]

    by_topic: dict[str, dict] = {}
    for topic in dict.fromkeys(r.topic for r in rows):
        idx = [i for i, r in enumerate(rows) if r.topic == topic]
        by_topic[topic] = {
            "n": len(idx),
            "chrf": sacrebleu.corpus_chrf([hyps[i] for i in idx], [[refs[i] for i in idx]]).score,
            "exact_match": sum(exact[i] for i in idx) / len(idx),
            "unknown_share": sum(bool(unknown[i]) for i in idx) / len(idx),
        }
    order = sorted(range(len(rows)), key=lambda i: (sent_chrf[i], i))[:worst]
    counts = Counter(ch for u in unknown for ch in u)
    return {
        "n": len(rows),
        "bleu": sacrebleu.corpus_bleu(hyps, [refs]).score,
        "chrf": sacrebleu.corpus_chrf(hyps, [refs]).score,
        "exact_match": sum(exact) / len(rows),
        "unknown_share": sum(bool(u) for u in unknown) / len(rows),
        "unknown_chars": [[ch, c] for ch, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        "n_failed": len(failures),
        "failures": failures,
        "by_topic": by_topic,
        "worst": [{"zh": rows[i].zh, "reference": rows[i].reference, "output": outputs[i],
                   "chrf": sent_chrf[i]} for i in order],
    }


def in_training(rows: Sequence[EverydayRow], train_sources: Sequence[str]) -> list[str]:
    """Everyday sentences that also occur among the training sources (after the tokenizer's clean-up).

    The grammar may produce a set phrase such as 你好 on its own; such rows measure recall of a trained
    sentence rather than generalisation, so the report says how many there are.
    """
    from .tokenizer import normalize_zh

    train = {normalize_zh(s) for s in train_sources}
    return [r.zh for r in rows if normalize_zh(r.zh) in train]


def format_everyday_report(m: dict) -> str:
    unknown = " ".join(f"{ch}×{c}" for ch, c in m["unknown_chars"][:30])
    lines = [f"everyday set (hand-written): {m['n']} sentences",
             f"chrF: {m['chrf']:.1f}   BLEU: {m['bleu']:.1f}   exact match: {100 * m['exact_match']:.1f} %",
             f"sentences with characters outside the vocabulary: {100 * m['unknown_share']:.1f} %"
             + (f"  ({unknown})" if unknown else ""),
             f"refused by the tokenizer (counted as empty output): {m['n_failed']}"]
    lines += [f"  ! {f['zh']}  ({f['code']})" for f in m["failures"]]
    if "in_train_share" in m:
        lines.append(f"also among the training sentences: {100 * m['in_train_share']:.1f} %")
    lines.append("chrF by topic:")
    for topic, t in sorted(m["by_topic"].items(), key=lambda kv: kv[1]["chrf"]):
        lines.append(f"  {topic:<14} n={t['n']:>3}  chrF {t['chrf']:5.1f}  exact {100 * t['exact_match']:5.1f} %"
                     f"  unknown chars {100 * t['unknown_share']:5.1f} %")
    lines.append(f"worst {len(m['worst'])} (sentence chrF):")
    lines += [f"  {w['chrf']:5.1f}  {w['zh']}  expected: {w['reference']}  got: {w['output']}" for w in m["worst"]]
    return "\n".join(lines)


def everyday_report(translator: TranslatorLike, rows: Sequence[EverydayRow], path: Path | str,
                    train: Sequence[Pair], worst: int = WORST) -> dict:
    """evaluate_everyday plus what the pages show beside it: the decoding, the set's hash, the share in train."""
    with torch.inference_mode():
        report = evaluate_everyday(translator, rows, worst=worst)
    report["decoding"] = "greedy"
    report["set_sha256"] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    report["in_train_share"] = len(in_training(rows, [p.zh for p in train])) / len(rows)
    return report


# --- The held-out textbook set, and the unsure flag --------------------------------------------


@dataclass(frozen=True)
class Scored:
    """One greedy translation with the probability of every word it chose (<eos> included)."""

    output: str
    words: tuple[str, ...]
    probs: tuple[float, ...]


def translate_scored(translator, text: str) -> Scored:
    """Greedy translation of every sentence of ``text``, their chosen-word probabilities one after another.
    Text the tokenizer refuses gives an empty output with no words (as unsure as can be)."""
    try:
        _, encodings = translator.tokenizer.encode_sentences(text)
    except InputError:
        return Scored("", (), ())
    itos = translator.tokenizer.tgt.itos
    outputs, words, probs = [], [], []
    for enc in encodings:
        result = translator.decode(enc)
        outputs.append(detokenize_en(translator.tokenizer.decode_target(result.ids)))
        words += [itos[i] for i in result.ids]
        probs += confidence.chosen_probs(result.steps)
    return Scored(join_translations(outputs), tuple(words), tuple(probs))


def sentence_chrf(output: str, reference: str) -> float:
    """sacrebleu's sentence chrF in the scoring form (_score_form), as the everyday set's corpus chrF."""
    return sacrebleu.sentence_chrf(_score_form(output), [_score_form(reference)]).score


def _group(hyps: Sequence[str], refs: Sequence[str], unknown: Sequence[bool], idx: Sequence[int]) -> dict:
    h, r = [hyps[i] for i in idx], [refs[i] for i in idx]
    return {"n": len(idx), "chrf": sacrebleu.corpus_chrf(h, [r]).score, "bleu": sacrebleu.corpus_bleu(h, [r]).score,
            "unknown_share": sum(unknown[i] for i in idx) / len(idx)}


def heldout_metrics(tokenizer: Tokenizer, rows: Sequence[HeldoutRow], scored: Sequence[Scored]) -> dict:
    """Corpus chrF, BLEU (as evaluate_everyday: lowercased, no final "." or "!"), the share of sentences
    with a character outside the vocabulary and the sentence count: overall, by level and by topic."""
    hyps = [_score_form(s.output) for s in scored]
    refs = [_score_form(r.reference) for r in rows]
    unknown = [bool(unknown_characters(tokenizer, r.zh)) for r in rows]
    every = range(len(rows))
    return {**_group(hyps, refs, unknown, every),
            "by_level": {lv: _group(hyps, refs, unknown, [i for i in every if rows[i].level == lv])
                         for lv in sorted({r.level for r in rows})},
            "by_topic": {tp: _group(hyps, refs, unknown, [i for i in every if rows[i].topic == tp])
                         for tp in dict.fromkeys(r.topic for r in rows)}}


def unsure_flag(calibration: Sequence[tuple[Scored, str]], test: Sequence[tuple[Scored, str]]) -> dict:
    """Choose the rule and threshold of the unsure flag on ``calibration`` ((translation, reference) pairs),
    then measure it on ``test``. Wrong = sentence chrF below confidence.WRONG_CHRF. The rule is the one whose
    chosen threshold separates wrong from right best on the calibration set (Youden's J)."""
    def wrong(pairs):
        return [sentence_chrf(s.output, ref) < confidence.WRONG_CHRF for s, ref in pairs]

    cal_wrong, test_wrong = wrong(calibration), wrong(test)
    candidates = {}
    for rule in confidence.RULES:
        threshold, quality = confidence.choose_threshold([confidence.score(rule, s.probs) for s, _ in calibration],
                                                         cal_wrong)
        candidates[rule] = {"threshold": threshold, "calibration": quality}
    rule = max(confidence.RULES, key=lambda r: confidence.youden(candidates[r]["calibration"]))
    threshold = candidates[rule]["threshold"]
    return {"rule": rule, "threshold": threshold, "wrong_chrf": confidence.WRONG_CHRF,
            "calibration": candidates[rule]["calibration"], "candidates": candidates,
            "heldout": confidence.flag_quality([confidence.score(rule, s.probs) for s, _ in test], test_wrong,
                                               threshold)}


def format_heldout_report(m: dict, flag: dict | None = None) -> str:
    def row(name: str, g: dict) -> str:
        return (f"  {name:<12} n={g['n']:>4}  chrF {g['chrf']:5.1f}  BLEU {g['bleu']:5.1f}"
                f"  unknown chars {100 * g['unknown_share']:5.1f} %")

    lines = ["held-out textbook set (hand-written, HSK levels 1-3, none in the corpus):", row("all", m),
             "by level:", *(row(f"level {lv}", g) for lv, g in m["by_level"].items()),
             "by topic:", *(row(tp, g) for tp, g in sorted(m["by_topic"].items(), key=lambda kv: kv[1]["chrf"]))]
    if flag:
        h, c = flag["heldout"], flag["calibration"]
        lines += [f"unsure flag: {flag['rule']} < {flag['threshold']:.4f} (wrong = sentence chrF < "
                  f"{flag['wrong_chrf']:g}); chosen on the everyday set: flags {100 * c['flagged_wrong']:.1f} % of "
                  f"its {c['n_wrong']} wrong, {100 * c['flagged_right']:.1f} % of its {c['n_right']} right",
                  f"  on the held-out set: flags {100 * h['flagged_wrong']:.1f} % of {h['n_wrong']} wrong"
                  f" translations, {100 * h['flagged_right']:.1f} % of {h['n_right']} right ones"]
    return "\n".join(lines)


def write_meta(directory: Path | str = CHECKPOINT_DIR, name: str = "transformer", **fields: dict) -> Path:
    """Store ``fields`` (test_metrics=…, everyday_metrics=…) in the checkpoint JSON; every other key stays."""
    _, info = paths(name, directory)
    doc = read_meta(name, directory)
    doc.update(fields)
    tmp = info.with_name(info.name + ".tmp")  # write then rename: a crash never leaves half a JSON file
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(info)
    return info


def main(argv: Sequence[str] | None = None) -> int:
    from .checkpoint import CheckpointError, load
    from .translator import Translator

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", type=int, default=10, help="how many wrong translations to print")
    ap.add_argument("--everyday", type=Path, default=EVERYDAY_PATH, help="the hand-written everyday set (TSV)")
    ap.add_argument("--heldout", type=Path, default=HELDOUT_PATH, help="the hand-written held-out set (TSV)")
    ap.add_argument("--everyday-only", action="store_true",
                    help="only the everyday set (skip the generated test split, the held-out set and the flag)")
    ap.add_argument("--worst", type=int, default=WORST, help="how many of the worst everyday translations to list")
    ap.add_argument("--write-meta", action="store_true",
                    help="store the figures in the checkpoint JSON (test_metrics, everyday_metrics, "
                         "heldout_metrics, unsure_flag)")
    ap.add_argument("--directory", type=Path, default=CHECKPOINT_DIR,
                    help="the checkpoint to measure (an experiment: assets/checkpoints/experiments/NAME)")
    args = ap.parse_args(argv)
    try:
        model, tok, meta = load("transformer", args.directory)
        rows = load_everyday(args.everyday)
        heldout = [] if args.everyday_only else load_heldout(args.heldout)
    except (CheckpointError, EverydaySetError) as e:
        print(e)
        return 1
    splits = make_splits(meta.get("train_config", {}).get("corpus_seed", 0))
    written: dict[str, dict] = {}
    if not args.everyday_only:
        test = splits["test"]
        metrics, hyps = evaluate(model, tok, test, [p for split in splits.values() for p in split])
        written["test_metrics"] = metrics
        print(format_report(metrics))
        wrong = [(p, h) for p, h in zip(test, hyps) if h != p.en]
        for p, h in wrong[: args.errors]:
            print(f"  ✗ {p.zh}  expected: {p.en}  got: {h}")
        print()
    translator = Translator(model, tok, meta)
    everyday = everyday_report(translator, rows, args.everyday, splits["train"], args.worst)
    print(format_everyday_report(everyday))
    written["everyday_metrics"] = everyday
    if heldout:
        with torch.inference_mode():
            scored = [translate_scored(translator, r.zh) for r in heldout]
            calibration = [(translate_scored(translator, r.zh), r.reference) for r in rows]
        written["heldout_metrics"] = {**heldout_metrics(tok, heldout, scored), "decoding": "greedy",
                                      "set_sha256": hashlib.sha256(args.heldout.read_bytes()).hexdigest()}
        written["unsure_flag"] = unsure_flag(calibration, [(s, r.reference) for s, r in zip(scored, heldout)])
        print()
        print(format_heldout_report(written["heldout_metrics"], written["unsure_flag"]))
    if args.write_meta:
        print(f"{', '.join(written)} written to {write_meta(args.directory, **written)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
