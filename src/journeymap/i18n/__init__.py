"""The words journeymap itself writes (lane titles, legend, "Stage"), per
locale. A locale falls back to its base language (`pt-BR` -> `pt`), then to
English word by word, so a partly translated locale still renders.

A locale comes from the command line, a settings file or the map itself, all
attacker-controlled in CI: it is never made into a path. It is looked up in
the set of locale files shipped in this package, so `../../x` or an absolute
path finds nothing (and only English is used)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import TypeGuard

# A BCP 47 language tag as journeymap accepts it: a 2-3 letter language, then
# subtags of 1-8 letters or digits (script, region, variant), 35 characters at most.
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")
MAX_TAG_LENGTH = 35


@cache
def _shipped_files() -> Mapping[str, str]:
    """Shipped locale names (lower case) -> their file's name in the package."""
    names = {}
    for entry in resources.files(__name__).iterdir():
        if entry.name.endswith(".json") and entry.is_file():
            names[entry.name[:-len(".json")].lower()] = entry.name
    return names


def shipped_locales() -> list[str]:
    """The locales journeymap has words for, sorted."""
    return sorted(_shipped_files())


SHIPPED = tuple(shipped_locales())


def is_locale_tag(tag: object) -> TypeGuard[str]:
    """Whether `tag` has the form of a language tag (en, zh, pt-BR, zh-Hant-TW)."""
    return isinstance(tag, str) and len(tag) <= MAX_TAG_LENGTH and bool(_TAG.match(tag))


def check_locale(tag: object) -> str:
    """`tag` if it is a language tag, else ValueError naming the shipped
    locales; for options and settings (exit 2). A well-formed tag with no
    words of its own is fine: it falls back to its base language, then English."""
    if not is_locale_tag(tag):
        from ..safetext import inert

        text = str(tag)
        shown = inert(text if len(text) <= 60 else text[:60] + "…")
        raise ValueError(f"expected a language tag such as en, zh or pt-BR, found '{shown}'; "
                         f"journeymap has words for: {', '.join(shipped_locales())}")
    return tag


def fallbacks(locale: object) -> tuple[str, ...]:
    """The shipped locales to take words from, most general first: for
    `pt-BR`, English then `pt` then `pt-br` (those that exist). Anything not
    shaped like a language tag gets English alone."""
    chain = ["en"]
    if is_locale_tag(locale):
        subtags = str(locale).lower().split("-")
        chain += ["-".join(subtags[:count]) for count in range(1, len(subtags) + 1)]
    shipped = _shipped_files()
    return tuple(dict.fromkeys(name for name in chain if name in shipped))


@cache
def _table(name: str) -> Mapping[str, str]:
    """The words of one shipped locale; `name` is a key of _shipped_files()."""
    text = resources.files(__name__).joinpath(_shipped_files()[name]).read_text("utf-8")
    table: dict[str, str] = json.loads(text)  # our own files: a flat object of texts
    return table


@lru_cache(maxsize=64)
def _words_of(chain: tuple[str, ...]) -> Mapping[str, str]:
    table: dict[str, str] = {}
    for name in chain:
        table.update(_table(name))
    return table


def words(locale: object) -> Mapping[str, str]:
    """Every built-in word for `locale`, complete thanks to the English fallback."""
    return _words_of(fallbacks(locale))


def word(locale: str, key: str) -> str:
    return words(locale).get(key, key)
