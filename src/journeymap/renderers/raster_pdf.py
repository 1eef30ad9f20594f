"""The PDF: pages of pieces of the drawing written by Skia's PDF backend,
tagged, with crop marks and a footer; then what Skia's writer cannot say
itself: when SOURCE_DATE_EPOCH asks for one, its creation date, which goes
into the PDF after the fact, with the cross-reference table moved to match.

Tagging: skia-python 144.1 binds the structure tree's root node but not its
children (no `fChildVector`), so the text is tagged as one Document element
in reading order, with the map's language; headings and paragraphs cannot be
told apart through this binding (docs/rasterisers.md)."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..layout.fonts import cjk_family
from .raster_pages import Page
from .raster_pdf_text import searchable
from .raster_text import Line, Run, draw_line

DOCUMENT_NODE = 1   # the structure node the text is tagged with
FOOTER_STYLE = {"font-size": "7", "fill": "#555555", "font-family": "DejaVu Sans, sans-serif"}
MARK_GREY = 0xFF777777
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_XREF = re.compile(rb"xref\s+0 (\d+)\s+")


def creation_date() -> str | None:
    """SOURCE_DATE_EPOCH as a PDF date, or None: no date keeps the bytes the same every day."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(min(int(value), 253402300799)))


def write(draw: Callable[[Any, int], None], pages: Sequence[Page], metadata: dict[str, str],
          language: str | None) -> bytes:
    """The PDF of `pages`; `draw(canvas, node)` draws the map onto a canvas
    (only what its clip shows), its text tagged with structure node `node`."""
    with tempfile.TemporaryDirectory(prefix="journeymap-pdf-") as folder:
        path = Path(folder) / "map.pdf"
        _write(draw, pages, metadata, language, str(path))
        return with_date(searchable(path.read_bytes(), cjk_family(language or "")), creation_date())


def _write(draw: Callable[[Any, int], None], pages: Sequence[Page], metadata: dict[str, str],
           language: str | None, path: str) -> None:
    """Skia writes to a file, not to memory: a 1,700-page PDF is 200 MB, and its
    memory stream, the copy it detaches and Python's bytes would be three of them."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    stream = skia.FILEWStream(path)
    if not stream.isValid():
        raise OSError(f"the PDF could not be written to a temporary file ({path})")
    info = skia.PDF.Metadata()
    info.fTitle = metadata.get("title", "")
    info.fAuthor = metadata.get("author", "")
    info.fSubject = metadata.get("subject", "")
    info.fCreator = "journeymap"
    info.fProducer = "journeymap (Skia)"
    root = skia.PDF.StructureElementNode()   # kept alive until close(): Skia does not own it
    root.fTypeString, root.fNodeId = "Document", DOCUMENT_NODE
    if language and _LANGUAGE.fullmatch(language):
        root.fLang = language
    info.fStructureElementTreeRoot = root
    document = skia.PDF.MakeDocument(stream, info)
    for page in pages:
        canvas = document.beginPage(*page.size)
        for number, piece in enumerate(page.pieces):
            x, y, w, h = piece.source
            canvas.save()
            canvas.translate(*piece.at)
            canvas.scale(piece.scale, piece.scale)
            canvas.clipRect(skia.Rect.MakeXYWH(0, 0, w, h))
            canvas.translate(-x, -y)
            draw(canvas, 0 if number else DOCUMENT_NODE)   # repeated labels are not read twice
            canvas.restore()
        _furniture(canvas, page)
        document.endPage()
    document.close()
    stream.flush()


def _furniture(canvas: Any, page: Page) -> None:
    """Crop marks and the footer: page furniture, not tagged as the map's text."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    paint = skia.Paint(Color=MARK_GREY, StrokeWidth=0.5, Style=skia.Paint.kStroke_Style,
                       AntiAlias=True)
    for x, y, w, h in page.marks:
        canvas.drawLine(x, y, x + w, y + h, paint)
    if page.footer:
        run = Run(page.footer, FOOTER_STYLE)
        draw_line(Line(page.size[0] / 2, page.size[1] - 10, "middle", False, (run,)), canvas)


def with_date(data: bytes, date: str | None) -> bytes:
    """`data` with /CreationDate in its information dictionary (Skia writes /Lang
    into the catalog itself, from the structure tree's root)."""
    if date:
        data = _add_to_object(data, rb"/Info (\d+) 0 R", f"\n/CreationDate ({date})".encode())
    return data


def _add_to_object(data: bytes, reference: bytes, entry: bytes) -> bytes:
    """`entry` added at the end of the dictionary the trailer's `reference` names;
    the document is copied once, however large."""
    last = data.rfind(b"startxref")
    tail = _STARTXREF.match(data, last) if last >= 0 else None
    if tail is None:
        return data
    xref_at = int(tail.group(1))
    found = re.compile(reference).search(data, xref_at)
    table = _XREF.match(data, xref_at)
    if found is None or table is None:  # not the classic table Skia writes: leave it alone
        return data
    number, count, rows_at = int(found.group(1)), int(table.group(1)), table.end()
    offset = int(data[rows_at + 20 * number: rows_at + 20 * number + 10])
    end = data.index(b">>\nendobj", offset)
    moved = b"".join(_shifted(data[rows_at + 20 * i: rows_at + 20 * (i + 1)], end, len(entry))
                     for i in range(count))
    view = memoryview(data)
    return b"".join([view[:end], entry, view[end:rows_at], moved, view[rows_at + 20 * count:last],
                     f"startxref\n{xref_at + len(entry)}".encode(), view[tail.end():]])


def _shifted(row: bytes, after: int, by: int) -> bytes:
    offset, generation, kind = row[:10], row[11:16], row[17:18]
    if kind == b"n" and int(offset) > after:
        return b"%010d %s %s" % (int(offset) + by, generation, kind) + row[18:]
    return row
