"""The text of journeymap's SVG drawn by Skia's paragraph engine (SkParagraph:
HarfBuzz shaping, ICU bidi, fontconfig fallback, colour emoji — the stack
Chromium draws with). skia-python's SVG DOM draws no text at all, so each line
(`<tspan x y>`) is laid out and painted here.

Only the text markup swimlane.py writes is understood; TEXT_ATTRIBUTES lists
it, and a test fails when the SVG starts using anything else."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
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
_SPACE = re.compile(r"[\t\n\r ]+")


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
    """Every line of every <text> in the document, in document order."""
    yield from _walk(root, {})


def _own(element: ET.Element, inherited: dict[str, str]) -> dict[str, str]:
    return {**inherited, **{k: v for k, v in element.attrib.items() if k in INHERITED}}


def _walk(element: ET.Element, inherited: dict[str, str]) -> Iterator[Line]:
    style = _own(element, inherited)
    if element.tag != SVG + "text":
        for child in element:
            yield from _walk(child, style)
        return
    for line in element:
        if line.tag != SVG + "tspan":
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
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    fonts, unicode = _font_collection()
    for line in text_lines(root):
        builder = skia.textlayout_ParagraphBuilder(skia.textlayout_ParagraphStyle(), fonts, unicode)
        pieces = [(_SPACE.sub(" ", run.text), run.style) for run in line.runs]
        if line.rtl:  # SkParagraph in skia-python cannot set the base direction; isolate instead
            pieces = [(RIGHT_TO_LEFT_ISOLATE, line.runs[0].style if line.runs else {}),
                      *pieces, (POP_ISOLATE, line.runs[-1].style if line.runs else {})]
        for text, style in pieces:
            builder.pushStyle(_text_style(style))
            builder.addText(text)
            builder.pop()
        paragraph = builder.Build()
        paragraph.layout(1e9)
        width = paragraph.LongestLine
        paragraph.paint(canvas, line.x - _shift(line.anchor, line.rtl, width),
                        line.y - paragraph.AlphabeticBaseline)


def _shift(anchor: str, rtl: bool, width: float) -> float:
    """How far left of x the line starts; "start" is the right end in right-to-left text."""
    if anchor == "middle":
        return width / 2
    return width if (anchor == "end") != rtl else 0.0


@cache
def _font_collection() -> tuple[Any, Any]:
    """Built once a process: the first costs about 250 ms (fontconfig's scan)."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    fonts = skia.textlayout_FontCollection()
    fonts.setDefaultFontManager(skia.FontMgr())
    return fonts, skia.Unicodes.ICU.Make()


def _text_style(style: dict[str, str]) -> Any:
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    text_style = skia.textlayout_TextStyle()
    text_style.setFontSize(float(style.get("font-size", "16")))
    families = [name.strip().strip("'\"") for name in style.get("font-family", "sans-serif").split(",")]
    text_style.setFontFamilies([name for name in families if name])
    text_style.setColor(parse_colour(style.get("fill", "#000")))
    bold = style.get("font-weight") in ("bold", "bolder", "600", "700", "800", "900")
    italic = style.get("font-style") in ("italic", "oblique")
    text_style.setFontStyle(skia.FontStyle(
        skia.FontStyle.kBold_Weight if bold else skia.FontStyle.kNormal_Weight,
        skia.FontStyle.kNormal_Width,
        skia.FontStyle.kItalic_Slant if italic else skia.FontStyle.kUpright_Slant))
    if style.get(XML_LANG):
        text_style.setLocale(style[XML_LANG])
    return text_style


def parse_colour(value: str) -> int:
    """#rgb, #rgba, #rrggbb or #rrggbbaa as Skia's ARGB integer (black otherwise)."""
    digits = value.strip().lstrip("#")
    if len(digits) in (3, 4):
        digits = "".join(c * 2 for c in digits)
    if len(digits) not in (6, 8) or not re.fullmatch(r"[0-9A-Fa-f]+", digits):
        return 0xFF000000
    alpha = int(digits[6:8], 16) if len(digits) == 8 else 255
    return (alpha << 24) | int(digits[:6], 16)
