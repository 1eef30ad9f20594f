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
from typing import Annotated, Any, Callable, Iterable, Union

from pydantic import BeforeValidator, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .loader import _CONTROL, Plain, describe  # one definition of what text may not hold

_INT = re.compile(r"[-+]?[0-9]+\Z")
_HEX_OCT = re.compile(r"0x[0-9a-fA-F]+\Z|0o[0-7]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_LOCALE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
_COLOR = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
_URL_SCHEMES = ("https:", "http:", "mailto:")


def fail(code: str, expected: str, value: Any, suggestion: str | None = None) -> PydanticCustomError:
    context = {"expected": expected, "found": describe(value)}
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
    if _CONTROL.search(value):
        char = _CONTROL.search(value).group()
        raise fail("invalid-value", "text without control characters", f"U+{ord(char):04X}")
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


def to_int(value: Any) -> int:
    if isinstance(value, Plain):
        if _INT.match(value):
            return int(value)
        if _HEX_OCT.match(value):
            return int(value, 0)
    elif isinstance(value, int) and not isinstance(value, bool):
        return value
    raise fail("wrong-type", "an integer", value)


def to_number(value: Any) -> Union[int, float]:
    if isinstance(value, Plain):
        if _INT.match(value):
            return int(value)
        if _HEX_OCT.match(value):
            return int(value, 0)
        if _FLOAT.match(value):
            return float(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        return value
    elif isinstance(value, float) and math.isfinite(value):
        return value
    raise fail("wrong-type", "a number", value)


def to_text_or_number(value: Any) -> Union[str, int, float]:
    """For demographics: `age: 34` is a number, `city: Madrid` a text, and
    `zip: 01234` stays the text written because the number would not."""
    if isinstance(value, Plain):
        try:
            number = to_number(value)
        except PydanticCustomError:
            return to_text(value)
        return number if _canonical(number) == str(value) else to_text(value)
    if isinstance(value, str):
        return to_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
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
Int = _typed({"type": "integer"}, to_int)
Number = _typed({"type": "number"}, to_number)
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
