"""Which way a paragraph runs and which language its script clearly is, so
the SVG can set Arabic and Hebrew right to left and tell a reader (a screen
reader, a browser picking a font or hyphenating) the language of a text
whose script is not the map's."""

from __future__ import annotations

import unicodedata

# Scripts that name their language, by the first and last code point.
_SCRIPT_LANGUAGES = (
    (0x0590, 0x05FF, "he"), (0xFB1D, 0xFB4F, "he"),
    (0x0600, 0x06FF, "ar"), (0x0750, 0x077F, "ar"), (0xFB50, 0xFDFF, "ar"), (0xFE70, 0xFEFF, "ar"),
    (0x3040, 0x30FF, "ja"), (0xAC00, 0xD7A3, "ko"), (0x1100, 0x11FF, "ko"),
    (0x0E00, 0x0E7F, "th"), (0x0370, 0x03FF, "el"), (0x0530, 0x058F, "hy"), (0x10A0, 0x10FF, "ka"),
)
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})


def is_rtl(text: str) -> bool:
    """Whether the paragraph runs right to left: its first strong
    character is Hebrew or Arabic (the Unicode bidi rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def script_language(text: str) -> str | None:
    """The language a text's script clearly is (Hebrew, Arabic, Japanese
    kana, Korean, Thai, Greek, ...), else None."""
    if not text or max(text) < "\u0370":  # Latin and the like: the common case, at C speed
        return None
    for char in text:
        point = ord(char)
        if point < 0x0370:
            continue
        for first, last, language in _SCRIPT_LANGUAGES:
            if first <= point <= last:
                return language
    return None


def language_of(text: str, locale: str) -> str | None:
    """The `xml:lang` a text needs where its script clearly belongs to
    another language than the map's, else None."""
    language = script_language(text)
    if language is None or language == locale.split("-")[0].lower():
        return None
    return language
