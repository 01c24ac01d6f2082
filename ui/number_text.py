"""One way to write a number for a learner: fixed decimals while they keep at least two significant digits, and
otherwise scientific notation (3.1 × 10⁻⁷, not "0.0000": a slip that gives 3.1e-7 and a right answer of 0.0227
both read "0.0000" vs "0.02" at four decimals, and 3.1e-7 next to 0 read "0.0000 vs 0.0000")."""

from __future__ import annotations

import math

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def significant(value: float, decimals: int = 4, digits: int = 2) -> str:
    """``value`` at ``decimals`` decimals when that shows at least ``digits`` significant digits (or it is 0),
    else as m × 10ᵉ with ``digits`` significant digits; real minus signs."""
    v = float(value)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "−∞" if v < 0 else "∞"
    if v == 0 or abs(v) >= 10 ** (digits - 1 - decimals) * (1 - 1e-12):
        text = f"{v:.{decimals}f}"
        if not text.strip("-0."):
            text = text.lstrip("-")  # never "−0.0000"
    else:
        mantissa, exponent = f"{v:.{digits - 1}e}".split("e")
        text = f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    return text.replace("-", "−")
