"""Corpus statistics: ``python -m tutorial_model.corpus``."""

from __future__ import annotations

from .splits import generate_pairs, make_splits


def _print_stats(seed: int = 0) -> None:
    """Sizes, vocabularies, rarest tokens and lengths: ``python -m tutorial_model.corpus``."""
    import time
    from collections import Counter

    start = time.perf_counter()
    pairs = generate_pairs(seed)
    elapsed = time.perf_counter() - start
    splits = make_splits(seed)
    train = splits["train"]
    zh = Counter(ch for p in train for ch in p.zh)
    en = Counter(w for p in train for w in p.en.split())
    tags = Counter(t for p in pairs for t in p.tags)
    sizes = ", ".join(f"{k} {len(v)}" for k, v in splits.items())
    print(f"pairs {len(pairs)} generated in {elapsed:.2f}s; {sizes}")
    print(f"train: {len(zh)} distinct zh characters (min count {min(zh.values())}), "
          f"{len(en)} distinct en tokens (min count {min(en.values())})")
    print("rarest zh:", " ".join(f"{c}:{n}" for c, n in sorted(zh.items(), key=lambda x: x[1])[:12]))
    print("rarest en:", " ".join(f"{w}:{n}" for w, n in sorted(en.items(), key=lambda x: x[1])[:12]))
    for side, lengths in (("zh chars", [len(p.zh) for p in pairs]),
                          ("en tokens", [len(p.en.split()) for p in pairs])):
        hist = Counter(lengths)
        print(f"{side}: mean {sum(lengths) / len(lengths):.1f}, max {max(lengths)}; "
              + " ".join(f"{k}:{hist[k]}" for k in sorted(hist)))
    print("tags:", ", ".join(f"{t} {n}" for t, n in sorted(tags.items())))


if __name__ == "__main__":
    _print_stats()
