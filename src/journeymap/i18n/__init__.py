"""The words journeymap itself writes (lane titles, legend, "Stage"), per
locale. A locale falls back to its base language (`pt-BR` -> `pt`), then to
English word by word, so a partly translated locale still renders."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Mapping

SHIPPED = ("en", "zh", "ru", "it", "hu", "de", "fr", "es", "ja")


@lru_cache(maxsize=None)
def _table(language: str) -> Mapping[str, str]:
    try:
        text = resources.files(__name__).joinpath(f"{language}.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return json.loads(text)


@lru_cache(maxsize=None)
def words(locale: str) -> Mapping[str, str]:
    """Every built-in word for `locale`, complete thanks to the English fallback."""
    table = dict(_table("en"))
    base = locale.split("-")[0].lower()
    table.update(_table(base))
    if locale.lower() != base:
        table.update(_table(locale))
    return table


def word(locale: str, key: str) -> str:
    return words(locale).get(key, key)
