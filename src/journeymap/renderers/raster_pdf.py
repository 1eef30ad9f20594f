"""What Skia's PDF writer cannot say itself: the document's language and,
when SOURCE_DATE_EPOCH asks for one, its creation date. Both go into the PDF
after the fact, with the cross-reference table moved to match."""

from __future__ import annotations

import os
import re
import time

_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def creation_date() -> str | None:
    """SOURCE_DATE_EPOCH as a PDF date, or None: no date keeps the bytes the same every day."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(min(int(value), 253402300799)))


def with_language_and_date(data: bytes, language: str | None, date: str | None) -> bytes:
    """`data` with /Lang in its catalog and /CreationDate in its information dictionary."""
    if date:
        data = _add_to_object(data, rb"/Info (\d+) 0 R", f"\n/CreationDate ({date})".encode())
    if language and _LANGUAGE.fullmatch(language):
        data = _add_to_object(data, rb"/Root (\d+) 0 R", f"\n/Lang ({language})".encode())
    return data


def _add_to_object(data: bytes, reference: bytes, entry: bytes) -> bytes:
    """`entry` added at the end of the dictionary the trailer's `reference` names."""
    xref_at = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    found = re.search(reference, data[xref_at:])
    if found is None:
        return data
    number = int(found.group(1))
    table = re.match(rb"xref\s+0 (\d+)\s+", data[xref_at:])
    if table is None:  # not the classic table Skia writes: leave the document alone
        return data
    rows_at = xref_at + table.end()
    offset = int(data[rows_at + 20 * number: rows_at + 20 * number + 10])
    end = data.index(b">>\nendobj", offset)
    data = data[:end] + entry + data[end:]
    count = int(table.group(1))
    rows = [data[rows_at + len(entry) + 20 * i: rows_at + len(entry) + 20 * (i + 1)] for i in range(count)]
    moved = b"".join(_shifted(row, end, len(entry)) for row in rows)
    start = rows_at + len(entry)
    data = data[:start] + moved + data[start + 20 * count:]
    last = list(re.finditer(rb"startxref\s+\d+", data))[-1]
    return data[:last.start()] + f"startxref\n{xref_at + len(entry)}".encode() + data[last.end():]


def _shifted(row: bytes, after: int, by: int) -> bytes:
    offset, generation, kind = row[:10], row[11:16], row[17:18]
    if kind == b"n" and int(offset) > after:
        return b"%010d %s %s" % (int(offset) + by, generation, kind) + row[18:]
    return row
