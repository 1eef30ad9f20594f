"""Which characters of a map no installed font can draw, by script: a PNG or
PDF would show them as empty boxes, and the author should hear it once,
with the script named, rather than find the boxes on the wall."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

# Named before fontconfig is asked about anything else: they hold most of a map.
_FIRST_FACES = ("DejaVu Sans", "Noto Sans CJK SC", "Noto Color Emoji")
# Characters that need no glyph of their own: controls, format characters
# (joiners, variation selectors, tags), separators, private use.
_NO_GLYPH = {"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cs"}
_NAME_ENDS = (" CAPITAL ", " SMALL ", " LETTER ", " SYLLABLE ", " DIGIT ", " SIGN ", " VOWEL ",
              " HIEROGLYPH ", " IDEOGRAPH", " CHARACTER ", " NUMBER ", " MARK ", " PUNCTUATION ",
              " LIGATURE ", " SYMBOL ", " CONSONANT ", " FRACTION ")
SHOWN = 3  # characters quoted per script in the warning


def missing_by_script(text: str) -> dict[str, list[str]]:
    """Script name -> the characters of `text` that no installed font has."""
    wanted = sorted({c for c in text if unicodedata.category(c) not in _NO_GLYPH})
    found: dict[str, list[str]] = {}
    for char in _uncovered(wanted):
        found.setdefault(script_name(char), []).append(char)
    return found


def warning_text(missing: dict[str, list[str]]) -> str:
    """One sentence for every script missing."""
    parts = []
    for script, chars in sorted(missing.items()):
        shown = ", ".join(f"U+{ord(c):04X} {c}" for c in chars[:SHOWN])
        more = f" and {len(chars) - SHOWN} more" if len(chars) > SHOWN else ""
        parts.append(f"{script} ({shown}{more})")
    return ("no installed font has the characters of " + "; ".join(parts) + ": they are drawn as "
            "empty boxes; install a font for that script (on Debian or Ubuntu the fonts-noto-* "
            "packages), or use the svg or html format, which the reader's browser draws")


def script_name(char: str) -> str:
    """The script as Unicode names it (the start of the character's name:
    'VITHKUQI CAPITAL LETTER A' is Vithkuqi), or the code point's block start."""
    name = unicodedata.name(char, "")
    if not name:
        return f"characters unknown to this Python (U+{ord(char):04X})"
    if name.startswith("CJK "):
        return "CJK"
    cut = min((name.find(end) for end in _NAME_ENDS if end in name), default=len(name))
    return name[:cut].title() or name.title()


def _uncovered(chars: Iterable[str]) -> list[str]:
    remaining = list(chars)
    for family in _FIRST_FACES:  # in bulk: one call for all characters per face
        face = _face(family)
        if face is not None and remaining:
            glyphs = face.unicharsToGlyphs([ord(c) for c in remaining])
            remaining = [c for c, glyph in zip(remaining, glyphs, strict=True) if glyph == 0]
    return [c for c in remaining if not _any_font_has(c)]


@cache
def _face(family: str) -> Any:
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    face = skia.FontMgr().matchFamilyStyle(family, skia.FontStyle())
    return face if face is not None and face.getFamilyName() == family else None


@cache
def _any_font_has(char: str) -> bool:
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    return skia.FontMgr().matchFamilyStyleCharacter("", skia.FontStyle(), [], ord(char)) is not None
