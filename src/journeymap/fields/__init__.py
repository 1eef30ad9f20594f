"""The value types of the format: text, ids, numbers, booleans, choices.

Each is an `Annotated` pydantic type whose validator understands what the
loader produces (`Plain` strings for unquoted scalars) and raises errors whose
type is one of our diagnostic codes, with `expected` and `found` spelled out,
so that translating them to diagnostics needs no guessing.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, PlainValidator, WithJsonSchema

from .numbers import NUMBER_LIMIT, to_count, to_int, to_number, to_text_or_number
from .problems import closest, describe_value, fail, problem
from .text import OneOf, is_id_char, to_bool, to_color, to_id, to_locale, to_text, to_text_list, to_url

_BOUNDS = {"minimum": -NUMBER_LIMIT, "maximum": NUMBER_LIMIT}
_TEXT_OR_LIST = WithJsonSchema(
    {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})

Text = Annotated[str, BeforeValidator(to_text)]
Id = Annotated[str, PlainValidator(to_id),
               WithJsonSchema({"type": "string", "pattern": r"^[\w.\-]+$", "minLength": 1})]
Int = Annotated[int, PlainValidator(to_int), WithJsonSchema({"type": "integer", **_BOUNDS})]
Count = Annotated[int, PlainValidator(to_count),
                  WithJsonSchema({"type": "integer", "minimum": 0, "maximum": NUMBER_LIMIT})]
Number = Annotated[int | float, PlainValidator(to_number), WithJsonSchema({"type": "number", **_BOUNDS})]
Bool = Annotated[bool, PlainValidator(to_bool), WithJsonSchema({"type": "boolean"})]
Url = Annotated[str, PlainValidator(to_url),
                WithJsonSchema({"type": "string", "pattern": "^(https?|mailto):"})]
Color = Annotated[str, PlainValidator(to_color),
                  WithJsonSchema({"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"})]
Locale = Annotated[str, PlainValidator(to_locale),
                   WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"})]
TextOrNumber = Annotated[str | int | float, PlainValidator(to_text_or_number),
                         WithJsonSchema({"type": ["string", "number"]})]
TextList = Annotated[list[Text], BeforeValidator(to_text_list), _TEXT_OR_LIST]
IdList = Annotated[list[Id], BeforeValidator(to_text_list), _TEXT_OR_LIST]

__all__ = [
    "Bool", "Color", "Count", "Id", "IdList", "Int", "Locale", "NUMBER_LIMIT",
    "Number", "OneOf", "Text", "TextList", "TextOrNumber", "Url", "closest", "describe_value",
    "fail", "is_id_char", "problem", "to_bool", "to_color", "to_count", "to_id", "to_int",
    "to_locale", "to_number", "to_text", "to_text_list", "to_text_or_number", "to_url",
]
