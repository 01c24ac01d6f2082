"""ui.number_text.significant: every value a learner reads in exercise feedback keeps its significant digits."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from ui.number_text import significant

_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹−", "-0123456789-")


def read_back(text: str) -> float:
    """The number a reader sees, parsed independently of the writer."""
    if " × 10" in text:
        mantissa, power = text.split(" × 10")
        return float(mantissa.replace("−", "-")) * 10.0 ** int(power.translate(_DIGITS))
    return float(text.replace("−", "-"))


def test_the_review_case_is_no_longer_zero():
    assert significant(3.1e-7) == "3.1 × 10⁻⁷"
    assert significant(0.0227) == "0.0227"
    assert significant(-0.5, 2) == "−0.50"
    assert significant(0.0) == "0.0000" and significant(-1e-30, 4) != "−0.0000"
    assert significant(float("-inf")) == "−∞"


# normal floats only: a subnormal such as 5e-324 prints as 4.9e-324, but read_back's 4.9 · 10**-324 underflows to 0
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_subnormal=False).filter(lambda v: v != 0),
       st.integers(0, 6))
def test_every_value_reads_back_within_its_shown_precision_and_never_as_zero(v, decimals):
    text = significant(v, decimals)
    back = read_back(text)
    assert back != 0 and math.copysign(1, back) == math.copysign(1, v)
    if "×" in text:
        assert math.isclose(back, v, rel_tol=0.06)  # two significant digits
    else:
        assert abs(back - v) <= 0.5 * 10 ** -decimals + 1e-9 * abs(v)
        assert abs(v) >= 10 ** (1 - decimals) * (1 - 1e-9)  # fixed only when it keeps two significant digits
