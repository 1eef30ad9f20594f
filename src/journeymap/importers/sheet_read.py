"""A spreadsheet file -> its sheets as tables of text, each cell with the
address people know it by (`map.xlsx:Sheet1!C7`, `map.csv:C7`).

CSV: UTF-8 with or without a BOM, or UTF-16 with a BOM (what spreadsheet
programs write), the dialect sniffed (`,` `;` tab `|`). XLSX: openpyxl, in
read-only mode for a large file; a merged cell's value fills its whole range
in the first row and the first column (a stage over two touchpoints, a lane
name over two rows) and stays in its first cell elsewhere. A corrupt file,
a password-protected workbook or text in another encoding is a SheetError.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
from dataclasses import dataclass

# A file this large is read in openpyxl's read-only mode (no merged ranges).
READ_ONLY_BYTES = 8 * 1024 * 1024
MAX_CELLS = 200_000


class SheetError(Exception):
    """The file cannot be read as a spreadsheet; the message says why."""


@dataclass(frozen=True)
class Table:
    """One sheet: rows of cell texts ("" for an empty cell), trailing empty
    cells and rows removed."""

    file: str
    sheet: str | None  # None for CSV
    rows: list[list[str]]

    def address(self, row: int, column: int) -> str:
        """0-based row and column -> `file:Sheet!C7`."""
        cell = f"{column_letters(column)}{row + 1}"
        return f"{self.file}:{self.sheet}!{cell}" if self.sheet is not None else f"{self.file}:{cell}"

    def cell(self, row: int, column: int) -> str:
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return ""


def column_letters(column: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_tables(path: str, display: str) -> list[Table]:
    """Every sheet of a .csv or .xlsx file (`display` is the name shown)."""
    from ..loading import MAX_BYTES, explain_os_error, open_regular_file

    try:
        with open_regular_file(path) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise SheetError(explain_os_error(exc, path)) from None
    if len(raw) > MAX_BYTES:
        raise SheetError(f"expected at most {MAX_BYTES // (1024 * 1024)} MB, found more")
    if raw.startswith(b"PK\x03\x04") or path.lower().endswith((".xlsx", ".xlsm")):
        return _workbook(raw, display)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError("expected a .xlsx workbook or .csv text, found a password-protected "
                         "workbook or an old .xls file; save it without a password as .xlsx")
    return [Table(display, None, _trimmed(_csv_rows(_decoded(raw))))]


def _decoded(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SheetError(f"expected UTF-16 text after its BOM, found bytes that are not, at "
                             f"offset {exc.start}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(f"expected UTF-8 text (with or without BOM) or UTF-16 with a BOM, found "
                         f"the byte 0x{raw[exc.start]:02x} at offset {exc.start}; save the sheet "
                         "as \"CSV UTF-8\"") from None


def _csv_rows(text: str) -> list[list[str]]:
    sample = text[:64 * 1024]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise SheetError(f"expected CSV text, found what the csv reader refuses: {exc}") from None
    if sum(len(row) for row in rows) > MAX_CELLS:
        raise SheetError(f"expected at most {MAX_CELLS} cells, found more")
    return [[_formula_guard_off(cell.replace("\r\n", "\n").replace("\r", "\n")) for cell in row]
            for row in rows]


def _formula_guard_off(cell: str) -> str:
    """`'=x` -> `=x`: the quote `-f csv` puts before what a spreadsheet would run."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def _workbook(raw: bytes, display: str) -> list[Table]:
    import zipfile

    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a declared dependency
        raise SheetError("reading .xlsx needs openpyxl: pip install openpyxl") from None
    read_only = len(raw) > READ_ONLY_BYTES
    try:
        book = load_workbook(io.BytesIO(raw), read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise SheetError(f"expected a .xlsx workbook, found a file that is not one ({type(exc).__name__}); "
                         "open it and save it again as .xlsx") from None
    except Exception as exc:  # openpyxl raises its own kinds for a broken workbook
        raise SheetError(f"expected a .xlsx workbook, found a broken one: {exc}") from None
    tables = []
    for sheet in book.worksheets:
        rows = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        if sum(len(row) for row in rows) > MAX_CELLS:
            raise SheetError(f"expected at most {MAX_CELLS} cells, found more")
        for merged in getattr(sheet, "merged_cells", None) or ():
            _spread(rows, merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1)
        tables.append(Table(display, sheet.title, _trimmed(rows)))
    return tables


def _spread(rows: list[list[str]], top: int, left: int, bottom: int, right: int) -> None:
    """A merged range's value into every cell of it that lies in the first
    row or the first column of a table (where it names a stage or a lane)."""
    if top >= len(rows) or left >= len(rows[top]):
        return
    value = rows[top][left]
    for row in range(top, min(bottom, len(rows) - 1) + 1):
        for column in range(left, right + 1):
            if (row == top and top == _first_filled_row(rows)) or column == 0:
                while len(rows[row]) <= column:
                    rows[row].append("")
                rows[row][column] = value


def _first_filled_row(rows: list[list[str]]) -> int:
    return next((i for i, row in enumerate(rows) if sum(1 for c in row if c) > 1), 0)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    out = []
    for row in rows:
        row = list(row)
        while row and not row[-1].strip():
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def is_spreadsheet_name(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
