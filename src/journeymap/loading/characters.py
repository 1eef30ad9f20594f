"""What text in a journey file may hold, and how a loaded value is named in
messages: one definition for the loader and the model alike."""

from __future__ import annotations

import re

# Tab, LF and CR are allowed; NEL, LS and PS are YAML line breaks.
_CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff"
# Noncharacters (a regex class body): U+FDD0-U+FDEF and the last two code
# points of every plane.
# They are reserved for a program's internal use, and cairo refuses them.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
# What text may not hold (fields.py applies the same rule to the model).
FORBIDDEN = re.compile(f"[{_CONTROL_CHARACTERS}{NONCHARACTERS}]")


class Plain(str):
    """A plain (unquoted) YAML scalar: text that may also be read as a number
    or a boolean where the format expects one."""

    __slots__ = ()


def forbidden_character(char: str) -> str:
    """How a character that text may not hold is named in messages."""
    code = ord(char)
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return f"the noncharacter U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return f"the lone surrogate U+{code:04X}"
    return f"the control character U+{code:04X}"


def forbidden_hint(char: str, escaped: bool = False) -> str:
    what = "the escape that produces it" if escaped else "it"
    if forbidden_character(char).startswith("the noncharacter"):
        return (f"remove {what}: noncharacters are reserved for a program's own use, "
                "and no font can draw them")
    return f"remove {what}"


def describe(value: object) -> str:
    """How a loaded value is named in 'found ...' messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__
