"""Text in our PDFs that a reader finds and copies as it was written.

A PDF names each glyph's text in its font's ToUnicode map, and Skia takes the
first code point the font maps to the glyph:
- CJK fonts map the radical code points (U+2E80-U+2FDF) to the glyphs of
  common ideographs: 页 and the radical ⻚ are one glyph, and U+2EDA comes
  first. Search for 页面 found nothing and copying gave ⻚⾯.
- Arabic and Hebrew fonts map the presentation forms (U+FB1D-U+FEFC) to their
  joined glyphs, and Latin fonts the ligatures (U+FB00-U+FB06): رحلة came back
  as ﺭﺣﻠﺔ, which search for رحلة does not find.
Here such a glyph is named by the ideograph that the same font maps to it, or
by the letters a presentation form stands for (its NFKC form), and the PDF is
rewritten with the mended maps (their lengths change, so every object after
them moves and the cross-reference table with them)."""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

_RADICAL_POINTS = range(0x2E80, 0x2FE0)
_PRESENTATION_FORMS = range(0xFB00, 0xFF00)   # Latin, Armenian, Hebrew, Arabic forms; NFKC undoes them
# A ToUnicode target worth mending: a radical or a presentation form, as CMap hex.
_MENDABLE = re.compile(r"<(?:2[Ee][89A-Fa-f]|2[Ff][0-9A-Da-d]|[Ff][Bb][0-9A-Fa-f]|[Ff][CcDdEe][0-9A-Fa-f])"
                       r"[0-9A-Fa-f]>")
_IDEOGRAPHS = (*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0))
_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK KR")
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_STREAM = re.compile(rb"(\d+) 0 obj\s*<<(.*?)>>\s*stream\r?\n", re.DOTALL)
_LENGTH = re.compile(rb"/Length (\d+)")
_HEX = re.compile(r"<([0-9A-Fa-f]+)>")
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_XREF = re.compile(rb"xref\s+0 (\d+)\s+")
_ROW = 20  # bytes per cross-reference row, as the PDF format fixes it


def searchable(data: bytes, family: str) -> bytes:
    """`data` (a PDF as Skia writes it) with every ToUnicode map that names a
    glyph by a CJK radical or a presentation form naming it by what it stands
    for; `family` is the CJK font the map's language draws with, asked first."""
    mended: dict[int, bytes] = {}
    for number in sorted({int(n) for n in _TO_UNICODE.findall(data)}):
        found = _object_stream(data, number)
        if found is None:
            continue
        text = zlib.decompress(found).decode("latin-1")
        if not _MENDABLE.search(text):
            continue
        fixed = _mended_cmap(text, lambda point: _letters_for(point, family))
        if fixed != text:
            mended[number] = _stream_object(number, zlib.compress(fixed.encode("latin-1")))
    return _with_objects(data, mended) if mended else data


def _object_stream(data: bytes, number: int) -> bytes | None:
    """The raw (still compressed) stream of object `number`, found through the table."""
    offset = _offset_of(data, number)
    match = _STREAM.match(data, offset) if offset is not None else None
    length = _LENGTH.search(match.group(2)) if match else None
    if match is None or length is None or int(match.group(1)) != number:
        return None
    return data[match.end():match.end() + int(length.group(1))]


def _stream_object(number: int, stream: bytes) -> bytes:
    return (b"%d 0 obj\n<</Filter /FlateDecode\n/Length %d>> stream\n" % (number, len(stream))
            + stream + b"\nendstream\nendobj\n")


def _mended_cmap(text: str, letters: Callable[[int], str | None]) -> str:
    """The CMap with its mappings written out one by one (a range holding a
    radical would otherwise name its neighbours wrongly), each target that
    `letters` knows better replaced."""
    changed = False
    written = []
    for source, target in _mappings(text):
        named = target.upper()
        if len(target) == 4:  # one UTF-16 unit: the only kind Skia names radicals and forms by
            better = letters(int(target, 16))
            if better:
                named = better.encode("utf-16-be").hex().upper()
        changed |= named != target.upper()
        written.append((source, named))
    if not changed:
        return text
    head = text[:min(text.find(word) for word in ("beginbfchar", "beginbfrange") if word in text)]
    head = head[:head.rfind("\n") + 1]
    tail = text[text.rfind("endcmap"):]
    chunks = [written[i:i + 100] for i in range(0, len(written), 100)]  # at most 100 per section
    body = "".join(f"{len(chunk)} beginbfchar\n" + "".join(f"<{s}> <{t}>\n" for s, t in chunk)
                   + "endbfchar\n" for chunk in chunks)
    return head + body + tail


def _mappings(text: str) -> Iterable[tuple[str, str]]:
    """(source code, target UTF-16 hex) for every mapping of a ToUnicode CMap."""
    for section in re.findall(r"beginbfchar\s*(.*?)endbfchar", text, re.DOTALL):
        values = _HEX.findall(section)
        yield from zip(values[::2], values[1::2], strict=False)
    for section in re.findall(r"beginbfrange\s*(.*?)endbfrange", text, re.DOTALL):
        for line in section.strip().splitlines():
            values = _HEX.findall(line)
            low, high, first = values[0], values[1], values[2:]
            width = len(low)
            for index, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                if "[" in line:
                    target = first[index]
                else:
                    start = int(first[0], 16)
                    target = f"{first[0][:-4]}{start % 0x10000 + index:04X}" if len(first[0]) > 4 \
                        else f"{start + index:04X}"
                yield f"{code:0{width}X}", target


def _letters_for(point: int, family: str) -> str | None:
    """What a radical or presentation form stands for, None if nothing better."""
    if point in _PRESENTATION_FORMS:
        letters = unicodedata.normalize("NFKC", chr(point))
        return letters if letters != chr(point) and letters.strip() == letters and letters else None
    if point in _RADICAL_POINTS:
        for name in (family, *_CJK_FAMILIES):
            glyphs = _glyph_names(name)
            found = glyphs.get(point) if glyphs is not None else None
            if found is not None:
                return chr(found)
    return None


@cache
def _glyph_names(family: str) -> Mapping[int, int] | None:
    """Radical code point -> the ideograph drawn by the same glyph, in `family`."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    face: Any = skia.FontMgr().matchFamilyStyle(family, skia.FontStyle())
    if face is None or face.getFamilyName() != family:
        return None
    ideographs: dict[int, int] = {}
    for point, glyph in zip(_IDEOGRAPHS, face.unicharsToGlyphs(list(_IDEOGRAPHS)), strict=True):
        if glyph:
            ideographs.setdefault(glyph, point)
    radicals = face.unicharsToGlyphs(list(_RADICAL_POINTS))
    return {point: ideographs[glyph] for point, glyph in zip(_RADICAL_POINTS, radicals, strict=True)
            if glyph and glyph in ideographs}


def _offset_of(data: bytes, number: int) -> int | None:
    table = _table(data)
    if table is None or number >= table[1]:
        return None
    row = table[2] + _ROW * number
    return int(data[row:row + 10])


def _table(data: bytes) -> tuple[int, int, int] | None:
    """(where the table starts, how many rows, where its rows start)."""
    last = data.rfind(b"startxref")
    tail = _STARTXREF.match(data, last) if last >= 0 else None
    table = _XREF.match(data, int(tail.group(1))) if tail else None
    if tail is None or table is None:  # not the classic table Skia writes
        return None
    return int(tail.group(1)), int(table.group(1)), table.end()


def _with_objects(data: bytes, replaced: Mapping[int, bytes]) -> bytes:
    """`data` with these objects written anew, every later object and the
    table moved to match."""
    found = _table(data)
    if found is None:
        return data
    xref_at, count, rows_at = found
    offsets = [int(data[rows_at + _ROW * i: rows_at + _ROW * i + 10]) for i in range(count)]
    kinds = [data[rows_at + _ROW * i + 17: rows_at + _ROW * i + 18] for i in range(count)]
    order = sorted((offsets[i], i) for i in range(count) if kinds[i] == b"n")
    ends = {i: (order[k + 1][0] if k + 1 < len(order) else xref_at) for k, (_, i) in enumerate(order)}
    pieces: list[bytes | memoryview] = []
    moved, position, shift = list(offsets), 0, 0
    view = memoryview(data)
    for offset, number in order:
        pieces.append(view[position:offset])
        moved[number] = offset + shift
        if number in replaced:
            pieces.append(replaced[number])
            shift += len(replaced[number]) - (ends[number] - offset)
        else:
            pieces.append(view[offset:ends[number]])
        position = ends[number]
    pieces.append(view[position:rows_at])
    pieces.append(b"".join(b"%010d %s" % (moved[i], data[rows_at + _ROW * i + 11: rows_at + _ROW * (i + 1)])
                           if kinds[i] == b"n" else data[rows_at + _ROW * i: rows_at + _ROW * (i + 1)]
                           for i in range(count)))
    trailer_at = rows_at + _ROW * count
    last = data.rfind(b"startxref")
    pieces.append(view[trailer_at:last])
    pieces.append(b"startxref\n%d\n%%%%EOF\n" % (xref_at + shift))
    return b"".join(pieces)
