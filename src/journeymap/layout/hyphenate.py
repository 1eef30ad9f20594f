"""Where a word too long for its line may break: the break points of the
language's hyphenation dictionary (pyphen), when the language is known.

The language is the map's locale where the word is written in the locale's
script, else the usual language of the word's script (an English word in a
Chinese map, a Russian one in an English map). The layout sets the locale
for the time it lays out a map (`hyphenating`); without one, or without a
dictionary, a word breaks where it must, as before."""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

_LOCALE: ContextVar[str | None] = ContextVar("hyphenation_locale", default=None)
# The language a word of each script is taken to be in, outside its own locale.
SCRIPT_LANGUAGE = {"LATIN": "en", "CYRILLIC": "ru", "GREEK": "el"}
# The script of each locale's own words, where it is not Latin (OTHER: one
# that never hyphenates, so a Latin word there is taken to be English).
LOCALE_SCRIPT = {"ru": "CYRILLIC", "uk": "CYRILLIC", "bg": "CYRILLIC", "sr": "CYRILLIC", "be": "CYRILLIC",
                 "mk": "CYRILLIC", "el": "GREEK", **dict.fromkeys(
                     ("zh", "ja", "ko", "he", "ar", "fa", "ur", "th", "hi", "bn", "ta", "ka", "hy", "am"),
                     "OTHER")}


@contextmanager
def hyphenating(locale: str | None) -> Iterator[None]:
    """Words broken while this lasts follow `locale`'s dictionary."""
    token = _LOCALE.set(locale)
    try:
        yield
    finally:
        _LOCALE.reset(token)


def script_of(word: str) -> str | None:
    """LATIN, CYRILLIC or GREEK when every letter of the word is of it."""
    scripts = {unicodedata.name(char, "?").split(" ")[0] for char in word if char.isalpha()}
    return scripts.pop() if len(scripts) == 1 and scripts <= set(SCRIPT_LANGUAGE) else None


def language_for(word: str, locale: str | None) -> str | None:
    """The dictionary's language for a word: the locale's, if the word is in
    its script, else its script's usual language."""
    script = script_of(word)
    if script is None:
        return None
    base = (locale or "").replace("_", "-").split("-")[0].lower()
    if base and LOCALE_SCRIPT.get(base, "LATIN") == script:
        return locale
    return SCRIPT_LANGUAGE[script]


@lru_cache(maxsize=32)
def _dictionary(language: str) -> Any:
    """pyphen's dictionary for the language, or None (no pyphen, no dictionary)."""
    try:
        pyphen = importlib.import_module("pyphen")
    except ImportError:
        return None
    found = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=found) if found else None


def break_points(word: str) -> list[int]:
    """Character offsets inside `word` where the dictionary allows a hyphen
    (empty where the language or its dictionary is unknown)."""
    language = language_for(word, _LOCALE.get())
    if language is None or len(word) < 4:
        return []
    dictionary = _dictionary(language)
    if dictionary is None:
        return []
    return [int(position) for position in dictionary.positions(word)]
