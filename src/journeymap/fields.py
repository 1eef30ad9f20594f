"""The value types of the format: text, ids, numbers, booleans, choices.

Each is an `Annotated` pydantic type whose validator understands what the
loader produces (`Plain` strings for unquoted scalars) and raises errors whose
type is one of our diagnostic codes, with `expected` and `found` spelled out,
so that translating them to diagnostics needs no guessing.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from typing import Annotated, Any, Callable, Iterable, Optional, Union

from pydantic import BeforeValidator, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .loading.characters import FORBIDDEN, Plain, describe, forbidden_character  # one rule for text

_INT = re.compile(r"[-+]?[0-9]+\Z")
_HEX_OCT = re.compile(r"0x[0-9a-fA-F]+\Z|0o[0-7]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_LOCALE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
_COLOR = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
_URL_SCHEMES = ("https:", "http:", "mailto:")


def fail(code: str, expected: str, value: Any, suggestion: str | None = None) -> PydanticCustomError:
    return _problem(code, expected, _describe(value), suggestion)


def _describe(value: Any) -> str:
    """Like the loader's `describe`, and safe for integers of any size."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"an integer of about {int(value.bit_length() * math.log10(2)) + 1} digits"
    return describe(value)


def _problem(code: str, expected: str, found: str, suggestion: Optional[str]) -> PydanticCustomError:
    """An error whose type is a diagnostic code, with what was expected and found."""
    context = {"expected": expected, "found": found}
    if suggestion:
        context["suggestion"] = suggestion
    return PydanticCustomError(code, "expected {expected}, found {found}", context)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The nearest known word, for "did you mean ...?" hints."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def to_text(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("wrong-type", "text", value)
    found = FORBIDDEN.search(value)
    if found:
        raise _problem("invalid-value", "text without control characters or noncharacters",
                       forbidden_character(found.group()), "remove it")
    return unicodedata.normalize("NFC", str(value))


def to_text_list(value: Any) -> Any:
    """`pains: One pain` is shorthand for `pains: [One pain]`."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


def _is_id_char(char: str) -> bool:
    return char in "_-." or unicodedata.category(char)[0] in "LNM"


def to_id(value: Any) -> str:
    text = to_text(value)
    if not text or not all(_is_id_char(c) for c in text):
        raise fail("invalid-value", "an id (letters, digits, '_', '-' and '.')", value,
                   suggestion=_suggest_id(text) if text else None)
    return text


def _suggest_id(text: str) -> str | None:
    cleaned = re.sub(r"[^\w.-]+", "-", text).strip("-")
    return f"write it as {cleaned!r}" if cleaned and cleaned != text else None


# Numbers ------------------------------------------------------------------------------
#
# A number in a map is read the way YAML 1.2's core schema spells it (`12`,
# `+5`, `-0.5`, `1e3`, `0x1F`, `0o17`) and must be one that every output can
# write and compare exactly: finite, at most NUMBER_LIMIT in magnitude (so that
# integers stay exact in a double and in every JSON reader), and not a figure
# so small that a double reads it as 0 (`1e-400`). An integer written with
# more digits than any in range is refused before it is converted, so no
# spelling can cost more than its length.

NUMBER_LIMIT = 10 ** 15
_MAX_DIGITS = 20  # no integer within NUMBER_LIMIT needs more (in octal, 17)
_RANGE = "from -1e15 to 1e15"
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
    return _problem("out-of-range", f"{_article(noun)} {_RANGE}", found,
                    "a number in a map is finite and at most 1e15 in magnitude")


def _rounded_to_zero(text: str) -> PydanticCustomError:
    return _problem("out-of-range", "0 or a number large enough to tell from 0",
                    f"{_shown_number(text)}, which a double reads as 0",
                    "write 0, or give the figure in a larger unit")


def _not_finite(text: str, noun: str) -> PydanticCustomError:
    meaning = "not a number" if "nan" in text.lower() else "infinity"
    return _problem("invalid-value", f"a finite {noun} {_RANGE}", f"{text} ({meaning})",
                    "leave the field out where there is no figure")


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _not_a_number(value: Any, noun: str) -> PydanticCustomError:
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
    return _problem("wrong-type", _article(noun), found, suggestion)


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


def _python_number(value: Union[int, float], noun: str) -> Union[int, float]:
    """A number handed in by Python code rather than read from YAML."""
    if isinstance(value, int):
        if abs(value) > NUMBER_LIMIT:
            raise _out_of_range(_describe(value), noun)
        return value
    if not math.isfinite(value):
        raise _not_finite(".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf"), noun)
    return _float_from_text(repr(value))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def to_int(value: Any) -> int:
    """An integer from -1e15 to 1e15: `12`, `+5`, `-0` (which is 0), `0x1F`, `0o17`."""
    if isinstance(value, Plain):
        if _INT.match(value) or _HEX_OCT.match(value):
            return _integer_from_text(value, "integer")
    elif isinstance(value, int) and not isinstance(value, bool):
        return _python_number(value, "integer")
    raise _not_a_number(value, "integer")


def to_count(value: Any) -> int:
    """A number of things (participants, records): an integer, 0 or more."""
    number = to_int(value)
    if number < 0:
        raise _problem("out-of-range", "a count (0 or more)", str(number), None)
    return number


def to_number(value: Any) -> Union[int, float]:
    """A finite number from -1e15 to 1e15 (integers stay integers), not one
    written so small that it reads as 0."""
    if isinstance(value, Plain):
        if _INT.match(value) or _HEX_OCT.match(value):
            return _integer_from_text(value, "number")
        if _FLOAT.match(value):
            return _float_from_text(value)
    elif _is_number(value):
        return _python_number(value, "number")
    raise _not_a_number(value, "number")


def to_text_or_number(value: Any) -> Union[str, int, float]:
    """For demographics: `age: 34` is a number, `city: Madrid` a text, and
    `zip: 01234` stays the text written because the number would not (so do
    `1e400`, `.inf` and numbers beyond the range: they are kept as text)."""
    if isinstance(value, Plain):
        try:
            number = to_number(value)
        except PydanticCustomError:
            return to_text(value)
        return number if _canonical(number) == str(value) else to_text(value)
    if isinstance(value, str):
        return to_text(value)
    if _is_number(value):
        return to_number(value)
    raise fail("wrong-type", "a text or a number", value)


def _canonical(number: Union[int, float]) -> str:
    return str(number)


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, Plain):
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    suggestion = None
    if isinstance(value, str) and value.lower() in ("yes", "on", "y"):
        suggestion = "write true"
    elif isinstance(value, str) and value.lower() in ("no", "off", "n"):
        suggestion = "write false"
    raise fail("wrong-type", "true or false", value, suggestion)


def to_url(value: Any) -> str:
    text = to_text(value)
    if not text.lower().startswith(_URL_SCHEMES) or any(c.isspace() for c in text):
        raise fail("invalid-value", "a link starting with https:, http: or mailto:", value)
    return text


def to_color(value: Any) -> str:
    text = to_text(value)
    if not _COLOR.match(text):
        raise fail("invalid-value", "a colour written #rgb or #rrggbb", value)
    return text.lower()


def to_locale(value: Any) -> str:
    text = to_text(value)
    if not _LOCALE.match(text):
        raise fail("invalid-value", "a language tag such as en, zh, ru, it, hu or pt-BR", value)
    return text


def choice(*values: str) -> Any:
    """A text that must be one of `values`, with a suggestion when close."""
    allowed = tuple(values)

    def check(value: Any) -> str:
        if isinstance(value, str) and value in allowed:
            return str(value)
        near = closest(value, allowed) if isinstance(value, str) else None
        raise fail("unknown-value", "one of " + ", ".join(allowed), value,
                   suggestion=f"did you mean {near!r}?" if near else None)

    return Annotated[str, PlainValidator(check), WithJsonSchema({"type": "string", "enum": list(allowed)})]


def _typed(kind: dict, function: Callable) -> Any:
    return Annotated[Any, PlainValidator(function), WithJsonSchema(kind)]


Text = Annotated[str, BeforeValidator(to_text)]
Id = _typed({"type": "string", "pattern": r"^[\w.\-]+$", "minLength": 1}, to_id)
_BOUNDS = {"minimum": -NUMBER_LIMIT, "maximum": NUMBER_LIMIT}
Int = _typed({"type": "integer", **_BOUNDS}, to_int)
Count = _typed({"type": "integer", "minimum": 0, "maximum": NUMBER_LIMIT}, to_count)
Number = _typed({"type": "number", **_BOUNDS}, to_number)
Bool = _typed({"type": "boolean"}, to_bool)
Url = _typed({"type": "string", "pattern": "^(https?|mailto):"}, to_url)
Color = _typed({"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}, to_color)
Locale = _typed({"type": "string", "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"}, to_locale)
TextOrNumber = _typed({"type": ["string", "number"]}, to_text_or_number)
TextList = Annotated[
    list[Text],
    BeforeValidator(to_text_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
IdList = Annotated[
    list[Id],
    BeforeValidator(to_text_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
