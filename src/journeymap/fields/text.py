"""Values written as text: plain text, ids, links, colours, language tags,
booleans and the choices of a closed list. Each check understands what the
loader produces (`Plain` for an unquoted scalar) and fails with a `problem`."""

from __future__ import annotations

import re
import unicodedata

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from ..builtins import LOCALE_TAG
from ..loading.characters import FORBIDDEN, Plain, forbidden_character
from .problems import closest, fail, problem

_COLOR = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
_URL_SCHEMES = ("https:", "http:", "mailto:")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


def to_text(value: object) -> str:
    """Text without control characters or noncharacters, in NFC."""
    if not isinstance(value, str):
        raise fail("wrong-type", "text", value)
    found = FORBIDDEN.search(value)
    if found:
        raise problem("invalid-value", "text without control characters or noncharacters",
                      forbidden_character(found.group()), "remove it")
    return unicodedata.normalize("NFC", str(value))


def to_text_list(value: object) -> object:
    """`pains: One pain` is shorthand for `pains: [One pain]`."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


def is_id_char(char: str) -> bool:
    """Whether an id may hold `char`: a letter, digit or mark of any script,
    or one of `_`, `-` and `.`."""
    return char in "_-." or unicodedata.category(char)[0] in "LNM"


def to_id(value: object) -> str:
    text = to_text(value)
    if not text or not all(is_id_char(c) for c in text):
        raise fail("invalid-value", "an id (letters, digits, '_', '-' and '.')", value,
                   suggestion=_suggest_id(text) if text else None)
    return text


def _suggest_id(text: str) -> str | None:
    cleaned = re.sub(r"[^\w.-]+", "-", text).strip("-")
    return f"write it as {cleaned!r}" if cleaned and cleaned != text else None


def to_bool(value: object) -> bool:
    """`true` or `false` (YAML 1.2): `yes` and `no` are texts, with a hint."""
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


def to_url(value: object) -> str:
    text = to_text(value)
    if not text.lower().startswith(_URL_SCHEMES) or any(c.isspace() for c in text):
        raise fail("invalid-value", "a link starting with https:, http: or mailto:", value)
    return text


def to_color(value: object) -> str:
    text = to_text(value)
    if not _COLOR.match(text):
        raise fail("invalid-value", "a colour written #rgb or #rrggbb", value)
    return text.lower()


def to_locale(value: object) -> str:
    text = to_text(value)
    if not LOCALE_TAG.match(text):
        raise fail("invalid-value", "a language tag such as en, zh, ru, it, hu or pt-BR", value)
    return text


class OneOf:
    """`Annotated` metadata for a text that must be one of `values`: the
    error suggests the closest when one is close, and the JSON Schema lists
    them as an enum."""

    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values

    def __call__(self, value: object) -> str:
        if isinstance(value, str) and value in self.values:
            return str(value)
        near = closest(value, self.values) if isinstance(value, str) else None
        raise fail("unknown-value", "one of " + ", ".join(self.values), value,
                   suggestion=f"did you mean {near!r}?" if near else None)

    def __get_pydantic_core_schema__(self, source: object, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(self)

    def __get_pydantic_json_schema__(self, schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string", "enum": list(self.values)}
