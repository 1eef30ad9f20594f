"""How a value that does not fit the format is reported: a pydantic error
whose type is one of our diagnostic codes, with what was expected and what was
found spelled out, so that turning it into a diagnostic needs no guessing."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable

from pydantic_core import PydanticCustomError

from ..loading.characters import describe


def problem(code: str, expected: str, found: str, suggestion: str | None = None) -> PydanticCustomError:
    """An error whose type is a diagnostic code, with what was expected and found."""
    context = {"expected": expected, "found": found}
    if suggestion:
        context["suggestion"] = suggestion
    return PydanticCustomError(code, "expected {expected}, found {found}", context)


def fail(code: str, expected: str, value: object, suggestion: str | None = None) -> PydanticCustomError:
    """`problem` for a loaded value, named the way messages name values."""
    return problem(code, expected, describe_value(value), suggestion)


def describe_value(value: object) -> str:
    """Like the loader's `describe`, and safe for integers of any size."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"an integer of about {int(value.bit_length() * math.log10(2)) + 1} digits"
    return describe(value)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The nearest known word, for "did you mean ...?" hints."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
