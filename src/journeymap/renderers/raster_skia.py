"""journeymap's SVG drawn by Skia (skia-python): the SVG DOM draws the shapes,
icons and curves, raster_text.py the text. docs/rasterisers.md says why."""

from __future__ import annotations

import math
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .raster_text import draw_text

PDF_POINTS_PER_UNIT = 0.75   # SVG units are CSS pixels, 96 an inch; PDF points are 72 an inch
# zlib level of the PNG: chosen by measurement (docs/rasterisers.md, "Speed"): level 3
# is as small as Skia's own encoder and about 2.5× faster; 6 is a fifth smaller, 1.5× slower.
PNG_ZLIB_LEVEL = 3
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


PNG_BAND_PIXELS = 1 << 22   # pixels drawn at a time: 16 MiB of surface, whatever the map's size


def png(document: Document, scale: float) -> bytes:
    """The drawing at `scale` as a PNG, recorded once and played back band by band,
    so memory stays at one band and the compressed picture (a 16,384-pixel-square
    PNG drawn whole would need several GiB for its surface and copies)."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    width = max(1, math.ceil(document.width * scale))
    height = max(1, math.ceil(document.height * scale))
    recorder = skia.PictureRecorder()
    draw(document, recorder.beginRecording(skia.Rect.MakeWH(document.width, document.height),
                                           skia.RTreeFactory()()))   # each band plays only what meets it
    picture = recorder.finishRecordingAsPicture()
    band = max(1, min(height, PNG_BAND_PIXELS // width))
    surface = skia.Surface.MakeRaster(skia.ImageInfo.Make(
        width, band, skia.kRGBA_8888_ColorType, skia.kPremul_AlphaType))
    canvas = surface.getCanvas()
    compressor = zlib.compressobj(PNG_ZLIB_LEVEL)
    parts = [_png_header(width, height)]
    for top in range(0, height, band):
        canvas.clear(skia.ColorWHITE)   # opaque: premultiplied pixels are the plain colours
        canvas.save()
        canvas.translate(0, -top)
        canvas.scale(scale, scale)
        canvas.drawPicture(picture)
        canvas.restore()
        pixels = skia.Pixmap()
        if not surface.peekPixels(pixels):
            raise RuntimeError("the drawing's pixels could not be read")
        rows = min(band, height - top)
        parts.append(compressor.compress(png_rows(memoryview(pixels).cast("B")[:rows * width * 4], width)))
    parts.append(compressor.flush())
    return parts[0] + _chunk(b"IDAT", b"".join(parts[1:])) + _chunk(b"IEND", b"")


def encode_png(rgba: memoryview | bytes, width: int, height: int) -> bytes:
    """An RGB PNG of opaque RGBA pixels, rows unfiltered, zlib at PNG_ZLIB_LEVEL.

    Not Skia's encoder: it ignores its quality for PNG and always spends zlib
    level 6 and adaptive filters on an alpha channel that is all 255 here,
    twice the time of this for the same size (docs/rasterisers.md)."""
    data = zlib.compress(png_rows(rgba, width), PNG_ZLIB_LEVEL)
    return _png_header(width, height) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def png_rows(rgba: memoryview | bytes, width: int) -> bytes:
    """Opaque RGBA rows as PNG's RGB scanlines, each with filter byte 0 (none)."""
    rgb = bytearray(rgba)
    del rgb[3::4]   # the alpha bytes, in one pass (faster than copying three strided slices)
    stride = width * 3
    view = memoryview(rgb)
    return b"".join(b"\x00" + view[row:row + stride] for row in range(0, len(rgb), stride))


def _png_header(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)   # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


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
