#!/usr/bin/env python
"""Outputs of every registered model on 5 sentences: translations (every decoding method it has), BERT's fills,
and a digest of every traced array. Prints one JSON document; run before and after a refactor and diff:
``PYTHONPATH=. python bench/bench_outputs.py > after.json`` (about 30 s of CPU)."""
import hashlib
import json
import sys

from tutorial_model.registry import MODELS
from tutorial_model.translator import Translator

SENTENCES = ["我有一只猫", "他们在学校学习中文", "今天天气很好", "谢谢你！不客气。", "我们明天去北京吗？"]
PARAMS = {"greedy": {}, "sample": {"temperature": 0.8, "top_k": 5, "seed": 3}, "beam": {"beam_size": 3}}

def digest(trace):
    h = hashlib.sha256()
    for name in sorted(trace.arrays):
        h.update(name.encode())
        h.update(trace.arrays[name].tobytes())
    return h.hexdigest()[:16]

out = {}
for name in MODELS:
    try:
        tr = Translator.load(name=name)
    except Exception as e:  # noqa: BLE001 - a missing checkpoint is reported, not fatal
        out[name] = f"missing: {type(e).__name__}"
        continue
    rows = {}
    for s in SENTENCES:
        if tr.spec.task == "fill":
            t = tr.fill(s)
            rows[s] = {"fill": [t.decoding.ids, [round(p, 6) for p in t.decoding.probs]], "trace": digest(t)}
            continue
        for m in tr.spec.methods:
            rows[f"{s}|{m}"] = tr.translate(s, m, **PARAMS[m])
        t = tr.run_with_trace(s)
        rows[f"{s}|trace"] = [t.translation, digest(t), t.src_tokens, t.tgt_tokens, t.out_tokens, t.tokens]
    out[name] = rows
json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
