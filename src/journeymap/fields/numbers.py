"""Numbers in a map.

A number is read the way YAML 1.2's core schema spells it (`12`, `+5`,
`-0.5`, `1e3`, `0x1F`, `0o17`) and must be one that every output can write and
compare exactly: finite, at most NUMBER_LIMIT in magnitude (so that integers
stay exact in a double and in every JSON reader), and not a figure so small
that a double reads it as 0 (`1e-400`). An integer written with more digits
than any in range is refused before it is converted, so no spelling can cost
more than its length.
"""

from __future__ import annotations

import math
import re

from pydantic_core import PydanticCustomError

from ..loading.characters import Plain, describe
from .problems import describe_value, fail, problem
from .text import to_text

NUMBER_LIMIT = 10 ** 15
_MAX_DIGITS = 20  # no integer within NUMBER_LIMIT needs more (in octal, 17)
_RANGE = "from -1e15 to 1e15"
_INT = re.compile(r"[-+]?[0-9]+\Z")
_HEX_OCT = re.compile(r"0x[0-9a-fA-F]+\Z|0o[0-7]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL = re.compile(r"[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z")
_UNDERSCORED = re.compile(r"[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?\Z")
_OTHER_BASES = re.compile(r"[-+]?0[bB][01_]+\Z|[-+]0[xo][0-9a-fA-F]+\Z|0[XO][0-9a-fA-F]+\Z")
_SHOWN_LENGTH = 24


def _shown_number(text: str) -> str:
    """A number as written, shortened when it is long (a 400-digit integer)."""
    if len(text) <= _SHOWN_LENGTH:
        return text
    return f"{text[:_SHOWN_LENGTH]}... ({len(text)} characters)"


def _out_of_range(found: str, noun: str) -> PydanticCustomError:
    return problem("out-of-range", f"{_article(noun)} {_RANGE}", found,
                   "a number in a map is finite and at most 1e15 in magnitude")


def _rounded_to_zero(text: str) -> PydanticCustomError:
    return problem("out-of-range", "0 or a number large enough to tell from 0",
                   f"{_shown_number(text)}, which a double reads as 0",
                   "write 0, or give the figure in a larger unit")


def _not_finite(text: str, noun: str) -> PydanticCustomError:
    meaning = "not a number" if "nan" in text.lower() else "infinity"
    return problem("invalid-value", f"a finite {noun} {_RANGE}", f"{text} ({meaning})",
                   "leave the field out where there is no figure")


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _not_a_number(value: object, noun: str) -> PydanticCustomError:
    """The error for a value that is no number of the kind expected, with a
    hint for the spellings of other YAML versions (`1_000`, `0b101`)."""
    if not isinstance(value, Plain):
        return fail("wrong-type", _article(noun), value)
    if _SPECIAL.match(value):
        return _not_finite(value, noun)
    suggestion = None
    if "_" in value and _UNDERSCORED.match(value):
        suggestion = f"write {value.replace('_', '')}: YAML 1.2 numbers have no '_'"
    elif _OTHER_BASES.match(value):
        suggestion = "write it in decimal, or unsigned as 0x... (hexadecimal) or 0o... (octal)"
    found = f"the number {_shown_number(value)}" if _FLOAT.match(value) else describe(value)
    return problem("wrong-type", _article(noun), found, suggestion)


def _integer_from_text(text: str, noun: str) -> int:
    """`text` matched _INT or _HEX_OCT: its value, refused when out of range
    (before converting it, when it has more digits than any number in range)."""
    base = {"0x": 16, "0o": 8}.get(text[:2], 10)
    digits = (text[2:] if base != 10 else text.lstrip("+-")).lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        raise _out_of_range(_shown_number(text), noun)
    number = -int(digits, base) if text.startswith("-") else int(digits, base)
    if abs(number) > NUMBER_LIMIT:
        raise _out_of_range(_shown_number(text), noun)
    return number


def _float_from_text(text: str) -> float:
    """`text` matched _FLOAT: its value, refused when it overflows or leaves
    the range, or when a figure that is not 0 underflows to 0."""
    number = float(text)  # linear in the length, and never an exception here
    if not math.isfinite(number) or abs(number) > NUMBER_LIMIT:
        raise _out_of_range(_shown_number(text), "number")
    mantissa = re.split("[eE]", text, maxsplit=1)[0]
    if number == 0 and re.search("[1-9]", mantissa):
        raise _rounded_to_zero(text)
    return number + 0.0  # turns -0.0 into 0.0


def _python_int(value: int, noun: str) -> int:
    """An integer handed in by Python code rather than read from YAML."""
    if abs(value) > NUMBER_LIMIT:
        raise _out_of_range(describe_value(value), noun)
    return value


def _python_number(value: int | float, noun: str) -> int | float:
    """A number handed in by Python code rather than read from YAML."""
    if isinstance(value, int):
        return _python_int(value, noun)
    if not math.isfinite(value):
        raise _not_finite(".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf"), noun)
    return _float_from_text(repr(value))


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def to_int(value: object) -> int:
    """An integer from -1e15 to 1e15: `12`, `+5`, `-0` (which is 0), `0x1F`, `0o17`."""
    if isinstance(value, Plain):
        if _INT.match(value) or _HEX_OCT.match(value):
            return _integer_from_text(value, "integer")
    elif isinstance(value, int) and not isinstance(value, bool):
        return _python_int(value, "integer")
    raise _not_a_number(value, "integer")


def to_count(value: object) -> int:
    """A number of things (participants, records): an integer, 0 or more."""
    number = to_int(value)
    if number < 0:
        raise problem("out-of-range", "a count (0 or more)", str(number), None)
    return number


def to_number(value: object) -> int | float:
    """A finite number from -1e15 to 1e15 (integers stay integers), not one
    written so small that it reads as 0."""
    if isinstance(value, Plain):
        if _INT.match(value) or _HEX_OCT.match(value):
            return _integer_from_text(value, "number")
        if _FLOAT.match(value):
            return _float_from_text(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return _python_number(value, "number")
    raise _not_a_number(value, "number")


def to_text_or_number(value: object) -> str | int | float:
    """For demographics: `age: 34` is a number, `city: Madrid` a text, and
    `zip: 01234` stays the text written because the number would not (so do
    `1e400`, `.inf` and numbers beyond the range: they are kept as text)."""
    if isinstance(value, Plain):
        try:
            number = to_number(value)
        except PydanticCustomError:
            return to_text(value)
        return number if str(number) == str(value) else to_text(value)
    if isinstance(value, str):
        return to_text(value)
    if _is_number(value):
        return to_number(value)
    raise fail("wrong-type", "a text or a number", value)
