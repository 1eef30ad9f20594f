"""The text of journeymap's SVG drawn by Skia's paragraph engine (SkParagraph:
HarfBuzz shaping, ICU bidi, fontconfig fallback, colour emoji — the stack
Chromium draws with). skia-python's SVG DOM draws no text at all, so each line
(`<tspan x y>`) is laid out and painted here.

Only the text markup swimlane.py writes is understood; TEXT_ATTRIBUTES lists
it, and a test fails when the SVG starts using anything else.

A map repeats itself (lane labels, channel names, metric lines), so a laid-out
line is kept and painted again wherever the same words in the same style
recur, and each style is built once: shaping is not redone per occurrence."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Attributes that style text, inherited from the <svg> and <text> down to the runs.
INHERITED = ("font-size", "font-family", "fill", "font-weight", "font-style", "text-anchor",
             "direction", XML_LANG)
# Everything the text step reads on <text> and <tspan>: line tspans carry x and y.
TEXT_ATTRIBUTES = frozenset(INHERITED) | {"x", "y"}
# What the SVG says to screen readers, which changes nothing drawn.
NOT_DRAWN = frozenset({"role", "aria-level", "aria-hidden", "aria-label", "aria-labelledby",
                       "aria-describedby", "aria-roledescription", "lang", "id"})

RIGHT_TO_LEFT_ISOLATE, POP_ISOLATE = "\u2067", "\u2069"
LAID_OUT_LINES_KEPT = 4096   # distinct lines kept laid out: a few MB, and every repeat is free
_SPACE = re.compile(r"[\t\n\r ]+")
_TEXT, _TSPAN = SVG + "text", SVG + "tspan"

Style = tuple[tuple[str, str], ...]   # a run's style, hashable: (attribute, value) pairs


@dataclass(frozen=True)
class Run:
    text: str
    style: dict[str, str]


@dataclass(frozen=True)
class Line:
    """One `<tspan x y>`: where its anchor point is and its styled runs."""

    x: float
    y: float
    anchor: str
    rtl: bool
    runs: tuple[Run, ...]


def text_lines(root: ET.Element) -> Iterator[Line]:
    """Every line of every <text> in the document, in document order. Walked
    with a stack, not recursion: a line is not passed up through a generator
    per level of groups, and shapes (no children) are skipped at once."""
    stack: list[tuple[ET.Element, dict[str, str]]] = [(root, {})]
    while stack:
        element, inherited = stack.pop()
        style = _own(element, inherited)
        if element.tag == _TEXT:
            yield from _lines(element, style)
        else:
            stack.extend((child, style) for child in reversed(element) if child.tag == _TEXT or len(child))


def _own(element: ET.Element, inherited: dict[str, str]) -> dict[str, str]:
    """`inherited` with the element's own text style on top (the same dict if it has none)."""
    if not element.attrib:
        return inherited
    own = {k: v for k, v in element.attrib.items() if k in INHERITED}
    return {**inherited, **own} if own else inherited


def _lines(element: ET.Element, style: dict[str, str]) -> Iterator[Line]:
    for line in element:
        if line.tag != _TSPAN:
            continue
        line_style = _own(line, style)
        runs: list[Run] = []
        _collect(line, line_style, runs)
        yield Line(float(line.get("x", 0)), float(line.get("y", 0)),
                   line_style.get("text-anchor", "start"), line_style.get("direction") == "rtl",
                   tuple(runs))


def _collect(element: ET.Element, style: dict[str, str], runs: list[Run]) -> None:
    if element.text:
        runs.append(Run(element.text, style))
    for child in element:
        _collect(child, _own(child, style), runs)
        if child.tail:
            runs.append(Run(child.tail, style))


def draw_text(root: ET.Element, canvas: Any) -> None:
    """Paint every text line of the SVG `root` onto a Skia canvas in SVG units."""
    for line in text_lines(root):
        draw_line(line, canvas)


def draw_line(line: Line, canvas: Any) -> None:
    pieces = tuple((_SPACE.sub(" ", run.text), _key(run.style)) for run in line.runs)
    if line.rtl:  # SkParagraph in skia-python cannot set the base direction; isolate instead
        first, last = pieces[0][1] if pieces else (), pieces[-1][1] if pieces else ()
        pieces = ((RIGHT_TO_LEFT_ISOLATE, first), *pieces, (POP_ISOLATE, last))
    paragraph, width, baseline = _laid_out(pieces)
    paragraph.paint(canvas, line.x - _shift(line.anchor, line.rtl, width), line.y - baseline)


def _key(style: dict[str, str]) -> Style:
    return tuple(sorted(style.items()))


@lru_cache(maxsize=LAID_OUT_LINES_KEPT)
def _laid_out(pieces: tuple[tuple[str, Style], ...]) -> tuple[Any, float, float]:
    """The line shaped and laid out once: the paragraph, its width and its baseline."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    fonts, unicode, _ = _font_collection()
    builder = skia.textlayout_ParagraphBuilder(_paragraph_style(), fonts, unicode)
    for text, style in pieces:
        builder.pushStyle(_text_style(style, _first_font_covers(text, style)))
        builder.addText(text)
        builder.pop()
    paragraph = builder.Build()
    paragraph.layout(1e9)
    return paragraph, paragraph.LongestLine, paragraph.AlphabeticBaseline


def _shift(anchor: str, rtl: bool, width: float) -> float:
    """How far left of x the line starts; "start" is the right end in right-to-left text."""
    if anchor == "middle":
        return width / 2
    return width if (anchor == "end") != rtl else 0.0


@cache
def _font_collection() -> tuple[Any, Any, Any]:
    """One font manager and collection a process, so fontconfig is read once and
    the collection's cache of fallback fonts serves every line."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    manager = skia.FontMgr()
    fonts = skia.textlayout_FontCollection()
    fonts.setDefaultFontManager(manager)
    return fonts, skia.Unicodes.ICU.Make(), manager


@cache
def _paragraph_style() -> Any:
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    return skia.textlayout_ParagraphStyle()


def _first_font_covers(text: str, key: Style) -> bool:
    """Whether the first family of the run's font stack has every character of
    it. Then the stack is cut to that family: the result is the same (the first
    font with the characters draws them) and the fonts further down the stack,
    a CJK and an emoji font of tens of megabytes, are not opened for nothing
    (35 ms of a small map's 250)."""
    style = dict(key)
    face = _face(_families(style)[0], *_weight_and_slant(style))
    return face is not None and 0 not in face.unicharsToGlyphs([ord(c) for c in text])


@cache
def _face(family: str, bold: bool, italic: bool) -> Any:
    """The family's own typeface in this style, or None if it is not installed."""

    face = _font_collection()[2].matchFamilyStyle(family, _font_style(bold, italic))
    return face if face is not None and face.getFamilyName() == family else None


@cache
def _text_style(key: Style, first_family_only: bool = False) -> Any:
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    style = dict(key)
    text_style = skia.textlayout_TextStyle()
    text_style.setFontSize(float(style.get("font-size", "16")))
    families = _families(style)
    text_style.setFontFamilies(families[:1] if first_family_only else families)
    text_style.setColor(parse_colour(style.get("fill", "#000")))
    text_style.setFontStyle(_font_style(*_weight_and_slant(style)))
    if style.get(XML_LANG):
        text_style.setLocale(style[XML_LANG])
    return text_style


def _families(style: dict[str, str]) -> list[str]:
    names = [name.strip().strip("'\"") for name in style.get("font-family", "sans-serif").split(",")]
    return [name for name in names if name] or ["sans-serif"]


def _weight_and_slant(style: dict[str, str]) -> tuple[bool, bool]:
    return (style.get("font-weight") in ("bold", "bolder", "600", "700", "800", "900"),
            style.get("font-style") in ("italic", "oblique"))


def _font_style(bold: bool, italic: bool) -> Any:
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    return skia.FontStyle(skia.FontStyle.kBold_Weight if bold else skia.FontStyle.kNormal_Weight,
                          skia.FontStyle.kNormal_Width,
                          skia.FontStyle.kItalic_Slant if italic else skia.FontStyle.kUpright_Slant)


def parse_colour(value: str) -> int:
    """#rgb, #rgba, #rrggbb or #rrggbbaa as Skia's ARGB integer (black otherwise)."""
    digits = value.strip().lstrip("#")
    if len(digits) in (3, 4):
        digits = "".join(c * 2 for c in digits)
    if len(digits) not in (6, 8) or not re.fullmatch(r"[0-9A-Fa-f]+", digits):
        return 0xFF000000
    alpha = int(digits[6:8], 16) if len(digits) == 8 else 255
    return (alpha << 24) | int(digits[:6], 16)
