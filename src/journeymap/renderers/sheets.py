"""`csv` and `xlsx`: the journey as a spreadsheet grid (see `sheet_grid.py`),
so the map can go back to people who keep maps in spreadsheets, and come
back again with `journeymap import sheet`.

Safe and the same every time: a CSV cell that a spreadsheet would run as a
formula (starting with = + - @ or a tab, and not a number) gets a `'` in
front (which the importer takes off again); an XLSX cell is always a string
or a number, never a formula. The workbook's dates and every zip entry's
time are fixed, so the same map gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

from ..model import Journey
from .options import RenderOptions
from .sheet_grid import grid_rows

FIXED_TIME = "2000-01-01T00:00:00Z"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?\Z")
_DATES = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def inert_csv(text: str) -> str:
    """A cell no spreadsheet runs as a formula."""
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


class SheetRenderer:
    name = "sheets"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "csv") -> bytes:
        rows = grid_rows(journey, options)
        if fmt == "xlsx":
            return workbook_bytes(rows, journey.title)
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        for row in rows:
            writer.writerow([inert_csv(cell) for cell in row])
        return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM tells Excel it is UTF-8


def workbook_bytes(rows: list[list[str]], title: str) -> bytes:
    import datetime

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Journey"
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            if not text:
                continue
            cell = sheet.cell(row=r, column=c)
            cell.value = int(text) if _NUMBER.match(text) and "." not in text else text
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = wrap
            if r in (1, 3) or c == 1:
                cell.font = Font(bold=True, size=14 if r == 1 else 11)
    sheet.column_dimensions["A"].width = 22
    fixed = datetime.datetime(2000, 1, 1)
    book.properties.creator = "journeymap"
    book.properties.created = book.properties.modified = fixed
    book.properties.title = title
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed dates inside and on every entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _DATES.sub(lambda m: m.group(1) + FIXED_TIME + m.group(3),
                                     content.decode("utf-8")).encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


renderer = SheetRenderer()
