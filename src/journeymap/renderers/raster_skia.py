"""journeymap's SVG drawn by Skia (skia-python): the SVG DOM draws the shapes,
icons and curves, raster_text.py the text. docs/rasterisers.md says why.

The drawing is recorded once into two pictures (shapes, text) with an R-tree,
and every PNG band or PDF page plays back only what it shows: the cost of a
page does not grow with the size of the map."""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .raster_pages import Page
from .raster_svg import Document, shape_parts
from .raster_text import draw_text

# zlib level of the PNG: chosen by measurement (docs/rasterisers.md, "Speed"): levels 1-3
# take the same time and 3 is the smallest; 6 is a fifth smaller and twice as slow.
PNG_ZLIB_LEVEL = 3
PNG_BAND_PIXELS = 1 << 22   # pixels drawn at a time: 16 MiB of surface, whatever the map's size
# A band is drawn in tiles this wide: Skia's cost per drawing call grows with the
# width of the clip (about 115 µs per line of text under an 800,000-pixel clip,
# 3 µs under 4,096), and a narrow tile plays back only the calls it shows.
PNG_TILE_WIDTH = 4096


@dataclass(frozen=True)
class Drawing:
    """The document recorded once: its shapes and its text as two pictures."""

    width: float
    height: float
    shapes: Any
    text: Any

    def draw(self, canvas: Any, text_node: int = 0) -> None:
        """Play both pictures onto `canvas` (only what its clip shows); the text
        tagged with the PDF structure node `text_node` when it is not 0."""
        import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

        self.shapes.playback(canvas)   # not drawPicture: that one imports numpy (0.13 s)
        if text_node:
            skia.PDF.SetNodeId(canvas, text_node)
        self.text.playback(canvas)
        if text_node:
            skia.PDF.SetNodeId(canvas, 0)


def record(document: Document) -> Drawing:
    """Shapes and text recorded once, each into a picture with an R-tree."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    def picture(paint: Any) -> Any:
        recorder = skia.PictureRecorder()
        paint(recorder.beginRecording(skia.Rect.MakeWH(document.width, document.height),
                                      skia.RTreeFactory()()))
        return recorder.finishRecordingAsPicture()

    return Drawing(document.width, document.height,
                   picture(lambda canvas: _draw_shapes(document, canvas)),
                   picture(lambda canvas: draw_text(document.root, canvas)))


def _draw_shapes(document: Document, canvas: Any) -> None:
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    for part in shape_parts(document.shapes):
        dom = skia.SVGDOM.MakeFromStream(skia.MemoryStream(part))
        dom.setContainerSize(skia.Size(document.width, document.height))
        dom.render(canvas)


def draw(document: Document, canvas: Any) -> None:
    """The whole drawing on `canvas`, in SVG units, drawn directly (no pictures)."""
    _draw_shapes(document, canvas)
    draw_text(document.root, canvas)


def png(drawing: Drawing, scale: float) -> bytes:
    """The drawing at `scale` as a PNG, played back band by band from the pictures,
    so memory stays at one band and the compressed picture (a 16,384-pixel-square
    PNG drawn whole would need several GiB for its surface and copies)."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    width = max(1, math.ceil(drawing.width * scale))
    height = max(1, math.ceil(drawing.height * scale))
    band = max(1, min(height, PNG_BAND_PIXELS // width))
    surface = skia.Surface.MakeRaster(skia.ImageInfo.Make(
        width, band, skia.kRGBA_8888_ColorType, skia.kPremul_AlphaType))
    canvas = surface.getCanvas()
    compressor = zlib.compressobj(PNG_ZLIB_LEVEL)
    parts: list[bytes] = []
    for top in range(0, height, band):
        canvas.clear(skia.ColorWHITE)   # opaque: premultiplied pixels are the plain colours
        for left in range(0, width, PNG_TILE_WIDTH):
            canvas.save()
            canvas.clipRect(skia.Rect.MakeXYWH(left, 0, PNG_TILE_WIDTH, band))
            canvas.translate(0, -top)
            canvas.scale(scale, scale)
            drawing.draw(canvas)
            canvas.restore()
        pixels = skia.Pixmap()
        if not surface.peekPixels(pixels):
            raise RuntimeError("the drawing's pixels could not be read")
        rows = min(band, height - top)
        parts += compress_rows(compressor, memoryview(pixels).cast("B")[:rows * width * 4], width)
    parts.append(compressor.flush())
    return _png_header(width, height) + _chunk(b"IDAT", b"".join(parts)) + _chunk(b"IEND", b"")


def encode_png(rgba: memoryview | bytes, width: int, height: int) -> bytes:
    """An RGB PNG of opaque RGBA pixels, rows unfiltered, zlib at PNG_ZLIB_LEVEL.

    Not Skia's encoder: it ignores its quality for PNG and always spends zlib
    level 6 and adaptive filters on an alpha channel that is all 255 here,
    twice the time of this for the same size (docs/rasterisers.md)."""
    compressor = zlib.compressobj(PNG_ZLIB_LEVEL)
    data = b"".join([*compress_rows(compressor, rgba, width), compressor.flush()])
    return _png_header(width, height) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def compress_rows(compressor: Any, rgba: memoryview | bytes, width: int) -> list[bytes]:
    """Opaque RGBA rows through `compressor` as PNG's RGB scanlines, each after
    its filter byte 0 (none). The rows go to zlib one by one rather than joined
    first: joining copied every row twice and cost more than the compression."""
    rgb = bytearray(rgba)
    del rgb[3::4]   # the alpha bytes, in one pass (faster than copying three strided slices)
    stride = width * 3
    view = memoryview(rgb)
    out = []
    for row in range(0, len(rgb), stride):
        out.append(compressor.compress(b"\x00"))
        out.append(compressor.compress(view[row:row + stride]))
    return out


def _png_header(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)   # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pdf(drawing: Drawing, pages: Sequence[Page], metadata: dict[str, str], language: str | None) -> bytes:
    """The PDF of `pages` of this drawing (raster_pdf.py writes it)."""
    from .raster_pdf import write

    return write(drawing.draw, pages, metadata, language)
