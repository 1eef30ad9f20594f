"""Numbers as every output writes them: fixed, machine-independent text, and
the values of the emotion scale that a legend or an axis names."""

from __future__ import annotations

import math

from ..model import Scale

# The most values of the scale a legend or an axis names.
SCALE_VALUES = 11


def scale_position(value: float, scale: Scale) -> float:
    """0.0 at the bottom of the scale, 1.0 at the top (the middle for a scale
    with no span, which validation refuses but the Python API can build)."""
    span = scale.max - scale.min
    return (value - scale.min) / span if span > 0 else 0.5


def scale_values(scale: Scale, most: int = SCALE_VALUES) -> list[int]:
    """The values of the scale that a legend or an axis names, ascending.

    Every value of a scale with at most `most` of them; on a wider one both
    ends and the round steps between (…, −25, 0, 25, …), never more than
    `most` in all. The work is the same whatever the span, so no scale can make
    drawing it slow."""
    low, high = scale.min, scale.max
    if high <= low:
        return [low]
    if high - low < most:
        return list(range(low, high + 1))
    step = _round_step(-(-(high - low) // (most - 1)))  # integers: exact for any span
    while True:
        values = _round_values(low, high, step)
        if len(values) <= most:
            return values
        step = _round_step(step + 1)


def _round_values(low: int, high: int, step: int) -> list[int]:
    """Both ends, and the multiples of `step` between that are not crowded
    against an end (at least half a step away)."""
    first = -(-low // step) * step  # the first multiple of step at or above low
    inner = [value for value in range(first, high + 1, step)
             if 2 * (value - low) >= step and 2 * (high - value) >= step]
    return [low, *inner, high]


def _round_step(least: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 25, 50, 100, … that is at least `least`."""
    exponent = max(0, math.floor(math.log10(least)))
    while True:
        power = 10 ** exponent
        for step in (power, 2 * power, 25 * power // 10, 5 * power) if exponent else (1, 2, 5):
            if step >= least:
                return step
        exponent += 1


def signed(value: float) -> str:
    """`+1`, `0`, `−2`: with a real minus sign, as a chart label reads."""
    text = format_number(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "0")


def format_number(value: float) -> str:
    """Fixed, machine-independent formatting: integers as such, others with up
    to four decimals and no trailing zeros; a figure that four decimals would
    show as 0 with four significant digits (`1.5e-07`). Total: any int or float,
    even one validation refuses, gives a text."""
    if isinstance(value, int):
        if value.bit_length() <= 1024:  # ~308 digits: far from Python's limit for str()
            return str(value)
        value = -math.inf if value < 0 else math.inf
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("−∞" if value < 0 else "∞")
    if value.is_integer():
        return str(int(value))
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    if text in ("-0", "0", ""):
        return f"{value:.4g}"
    return text


def text_or_number(value: str | float) -> str:
    """A value that may be a text or a number (demographics): a text as it is."""
    return value if isinstance(value, str) else format_number(value)
