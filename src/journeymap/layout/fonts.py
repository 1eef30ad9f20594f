"""How wide a text is when drawn: advance widths per grapheme cluster.

The swimlane asks for DejaVu Sans for most scripts, Noto Sans CJK for
Chinese, Japanese and Korean, and Noto Color Emoji for emoji, and says so per
run of text (`runs()`), so that browsers and rasterisers pick the same font we
measured. Widths of DejaVu Sans come from its own tables (metrics/*.json,
made by tools/make_font_metrics.py); CJK characters are one em wide, emoji a
little more; a character none of these fonts has is counted one em wide, which
errs on the side of more room.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .wrap import graphemes, is_wide

BASE_FAMILY = "DejaVu Sans"
CJK_FAMILIES = {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR", "zh-TW": "Noto Sans CJK TC",
                "zh-HK": "Noto Sans CJK HK"}
DEFAULT_CJK_FAMILY = "Noto Sans CJK SC"
EMOJI_FAMILY = "Noto Color Emoji"
FALLBACK = "sans-serif"

EMOJI_WIDTH = 1.3     # em; Noto Color Emoji advances 1.275 em
UNKNOWN_WIDTH = 1.0   # em, for characters none of our fonts has
SAFETY = 1.02         # browsers round glyph positions; leave a little room

_EMOJI = re.compile("[\U0001f000-\U0001faff\U0001fc00-\U0001ffff\u2600-\u27bf\u2b00-\u2bff"
                    "\u231a\u231b\u23e9-\u23fa\u00a9\u00ae\u203c\u2049\u2122\u2139\u3030\u303d]")


class _CharWidths(dict[str, float]):
    """char -> width in em for text drawn in the base font, filled on demand."""

    def __init__(self, font: FontMetrics):
        super().__init__()
        self.font = font

    def __missing__(self, char: str) -> float:
        width = self.font.advance(ord(char))
        width = UNKNOWN_WIDTH if width is None else width
        self[char] = width
        return width


# Anything that is not drawn one glyph per character by the base font: marks,
# joiners, variation selectors, wide (CJK) characters, pictographs, surrogates.
_NEEDS_CLUSTERS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
                             "\u0670\u06d6-\u06ed\u0900-\u0dff\u1100-\u115f\u1ab0-\u1aff\u1dc0-\u1dff"
                             "\u200d\u20d0-\u20ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\u2e80-\ua4cf"
                             "\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe4f\uff00-\uffef"
                             "\U00010000-\U0010ffff\u00a9\u00ae\u203c\u2049\u2122\u2139\u3030\u303d]")


class FontMetrics:
    """Advance widths of one font, in em, by code point."""

    def __init__(self, data: dict[str, Any]):
        scale: float = 1.0 / data["units_per_em"]
        runs: list[list[int]] = data["runs"]  # [first code point, last, advance in font units]
        self._starts = [r[0] for r in runs]
        self._runs = [(r[0], r[1], r[2] * scale) for r in runs]
        self.chars = _CharWidths(self)

    def advance(self, codepoint: int) -> float | None:
        index = bisect.bisect_right(self._starts, codepoint) - 1
        if index >= 0:
            first, last, width = self._runs[index]
            if first <= codepoint <= last:
                return width
        return None


@cache
def metrics(bold: bool = False) -> FontMetrics:
    name = "dejavu-sans-bold.json" if bold else "dejavu-sans.json"
    text = resources.files("journeymap.layout").joinpath("metrics").joinpath(name).read_text("utf-8")
    return FontMetrics(json.loads(text))


def is_emoji(cluster: str) -> bool:
    """Drawn by the emoji font: an emoji presentation or sequence, or a
    pictograph that DejaVu Sans does not have."""
    if "\ufe0f" in cluster or "\u200d" in cluster:
        return True
    if not _EMOJI.match(cluster):
        return False
    codepoint = ord(cluster[0])
    return codepoint >= 0x1F000 or metrics().advance(codepoint) is None


def script_of(cluster: str) -> str:
    """'cjk', 'emoji' or 'base': which font draws this cluster."""
    if is_wide(cluster):
        return "cjk"
    if is_emoji(cluster):
        return "emoji"
    return "base"


@lru_cache(maxsize=65536)
def cluster_width(cluster: str, bold: bool) -> float:
    """Width of one grapheme cluster in em."""
    kind = script_of(cluster)
    if kind == "cjk":
        return 1.0
    if kind == "emoji":
        return EMOJI_WIDTH
    table = metrics(bold)
    width = table.advance(ord(cluster[0]))
    if width is None:
        width = UNKNOWN_WIDTH
    return width


@lru_cache(maxsize=1 << 16)  # words recur: most calls are for a word seen before
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in px of a text drawn at `size` px. Widths add up (no kerning is
    counted), which the line breaker relies on."""
    if not _NEEDS_CLUSTERS.search(text):  # one character, one glyph of the base font
        return sum(map(metrics(bold).chars.__getitem__, text)) * size * SAFETY
    return sum(cluster_width(c, bold) for c in graphemes(text)) * size * SAFETY


def runs(text: str) -> Iterator[tuple[str, str]]:
    """(script, text) runs, so each can name the font that draws it."""
    if not _NEEDS_CLUSTERS.search(text):
        yield "base", text
        return
    current, kind = "", ""
    for cluster in graphemes(text):
        script = script_of(cluster)
        if cluster.isspace() and kind:
            script = kind  # spaces stay with the run they are in
        if script != kind and current:
            yield kind, current
            current = ""
        kind = script
        current += cluster
    if current:
        yield kind, current


def cjk_family(locale: str) -> str:
    return CJK_FAMILIES.get(locale, CJK_FAMILIES.get(locale.split("-")[0], DEFAULT_CJK_FAMILY))


def font_stack(locale: str) -> str:
    """The font-family list of the whole drawing."""
    return f"{BASE_FAMILY}, {cjk_family(locale)}, {EMOJI_FAMILY}, {FALLBACK}"
