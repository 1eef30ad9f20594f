"""journeymap's SVG drawn by Skia (skia-python): the SVG DOM draws the shapes,
icons and curves, raster_text.py the text. docs/rasterisers.md says why."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .raster_text import draw_text

PDF_POINTS_PER_UNIT = 0.75   # SVG units are CSS pixels, 96 an inch; PDF points are 72 an inch
_TEXT_ELEMENT = re.compile(rb"<text\b.*?</text>", re.S)


@dataclass(frozen=True)
class Document:
    """A parsed SVG, ready to be drawn any number of times."""

    root: ET.Element
    shapes: bytes          # the SVG without its text, for the SVG DOM
    width: float
    height: float


def parse(svg: bytes) -> Document:
    root = ET.fromstring(svg)
    width, height = _length(root.get("width")), _length(root.get("height"))
    return Document(root, _TEXT_ELEMENT.sub(b"", svg), width, height)


def _length(value: str | None) -> float:
    match = re.match(r"\s*([0-9.]+)", value or "")
    return float(match.group(1)) if match else 0.0


def draw(document: Document, canvas: Any) -> None:
    """The whole drawing on `canvas`, in SVG units."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    dom = skia.SVGDOM.MakeFromStream(skia.MemoryStream(document.shapes))
    dom.setContainerSize(skia.Size(document.width, document.height))
    dom.render(canvas)
    draw_text(document.root, canvas)


def png(document: Document, scale: float) -> bytes:
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    surface = skia.Surface(max(1, math.ceil(document.width * scale)),
                           max(1, math.ceil(document.height * scale)))
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorWHITE)
    canvas.scale(scale, scale)
    draw(document, canvas)
    return bytes(surface.makeImageSnapshot().encodeToData(skia.kPNG, 100))


@dataclass(frozen=True)
class Piece:
    """A region of the drawing (SVG units) and where it goes on a page (points)."""

    source: tuple[float, float, float, float]   # x, y, width, height
    at: tuple[float, float]
    scale: float


@dataclass(frozen=True)
class Page:
    size: tuple[float, float]
    pieces: tuple[Piece, ...]
    footer: str = ""


def single_page(document: Document, largest: float) -> Page:
    """The whole map on one page its size, shrunk if a side would pass `largest` points."""
    scale = min(PDF_POINTS_PER_UNIT, largest / max(document.width, 1.0),
                largest / max(document.height, 1.0))
    piece = Piece((0.0, 0.0, document.width, document.height), (0.0, 0.0), scale)
    return Page((document.width * scale, document.height * scale), (piece,))


def pdf(document: Document, pages: Sequence[Page], metadata: dict[str, str]) -> bytes:
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    stream = skia.DynamicMemoryWStream()
    info = skia.PDF.Metadata()
    info.fTitle = metadata.get("title", "")
    info.fAuthor = metadata.get("author", "")
    info.fSubject = metadata.get("subject", "")
    info.fCreator = "journeymap"
    info.fProducer = "journeymap (Skia)"
    pdf_document = skia.PDF.MakeDocument(stream, info)
    for page in pages:
        canvas = pdf_document.beginPage(*page.size)
        for piece in page.pieces:
            x, y, w, h = piece.source
            canvas.save()
            canvas.translate(*piece.at)
            canvas.scale(piece.scale, piece.scale)
            canvas.clipRect(skia.Rect.MakeXYWH(0, 0, w, h))
            canvas.translate(-x, -y)
            draw(document, canvas)
            canvas.restore()
        if page.footer:
            _footer(canvas, page)
        pdf_document.endPage()
    pdf_document.close()
    return bytes(stream.detachAsData())


def _footer(canvas: Any, page: Page) -> None:
    footer = ET.Element("svg")
    line = ET.SubElement(footer, "{http://www.w3.org/2000/svg}text",
                         {"font-size": "7", "fill": "#555555", "font-family": "DejaVu Sans, sans-serif"})
    tspan = ET.SubElement(line, "{http://www.w3.org/2000/svg}tspan",
                          {"x": f"{page.size[0] / 2:.1f}", "y": f"{page.size[1] - 10:.1f}",
                           "text-anchor": "middle"})
    tspan.text = page.footer
    draw_text(footer, canvas)
