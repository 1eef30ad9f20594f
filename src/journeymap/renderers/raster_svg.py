"""journeymap's SVG made ready for Skia: the text half as a tree for the text
step (raster_text.py), the shapes half as SVG for Skia's SVG DOM, with what
would make Skia slow or large on a big map taken apart beforehand: long curves
and lines cut into pieces, the SVG handed over in parts."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

PIECE_SEGMENTS = 2       # a long path is cut into paths of this many segments (see _split_path)
LINE_PIECE = 256.0       # SVG units: a longer line is cut into lines this long (see _split_line)
SHAPES_PART = 1 << 21    # bytes of shapes SVG the SVG DOM is given at a time (see shape_parts)
_SHAPE_ELEMENT = re.compile(rb"<(?:rect|circle|ellipse|line|polyline|polygon|path|image)\b[^>]*/>")
_LONG_PATH = re.compile(rb'<path d="([^"]{2000,})"([^>]*)/>')
_LINE = re.compile(rb"<line\b([^>]*)/>")
_ATTRIBUTE = re.compile(rb'\s([\w:-]+)="([^"]*)"')
_PATH_COMMAND = re.compile(rb"([A-Za-z])([^A-Za-z]*)")
_NUMBER = re.compile(rb"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_POINTS = {b"L": 1, b"Q": 2, b"C": 3}   # points each segment of these absolute commands takes
# What one part could need from another, or a group's opacity a cut would split:
# searched one by one, each a fast scan (as one pattern, a second on a big map).
_REFERENCES = (b"url(#", b"<use", b"<defs", b" opacity=", b"\nopacity=", b"<mask", b"<clipPath", b"<filter")
_ELEMENT_END = re.compile(rb"/>|</[A-Za-z]+>")
_GROUP_TAG = re.compile(rb"<g\b[^>]*(?<!/)>|</g>")

@dataclass(frozen=True)
class Document:
    """A parsed SVG, ready to be recorded: its text as a tree, its shapes as SVG."""

    root: ET.Element       # the SVG without its shapes: groups and text, for the text step
    shapes: bytes          # the SVG without its text, for the SVG DOM
    width: float
    height: float


def parse(svg: bytes) -> Document:
    """Each half of the SVG for the step that draws it; the tree of the text
    half takes less than half the memory and time of the whole."""
    root = ET.fromstring(_SHAPE_ELEMENT.sub(b"", svg))
    width, height = _length(root.get("width")), _length(root.get("height"))
    shapes = _LINE.sub(_split_line, _LONG_PATH.sub(_split_path, _without_text(svg)))
    return Document(root, shapes, width, height)


def _length(value: str | None) -> float:
    match = re.match(r"\s*([0-9.]+)", value or "")
    return float(match.group(1)) if match else 0.0


def _without_text(svg: bytes) -> bytes:
    """`svg` without its <text> elements (the SVG DOM would only drop them)."""
    parts, at = [], 0
    while (start := svg.find(b"<text", at)) >= 0:
        if svg[start + 5:start + 6] not in (b" ", b">", b"/", b"\n", b"\t", b"\r"):
            parts.append(svg[at:start + 5])   # <textPath and the like: not ours to remove
            at = start + 5
            continue
        tag_end = svg.find(b">", start)
        close = tag_end + 1 if svg[tag_end - 1:tag_end] == b"/" else svg.find(b"</text>", start) + 7
        if tag_end < 0 or close < 7:
            break
        parts.append(svg[at:start])
        at = close
    parts.append(svg[at:])
    return b"".join(parts)


def _split_path(match: re.Match[bytes]) -> bytes:
    """A path of many segments (an emotion curve across the whole map) as several
    paths of PIECE_SEGMENTS each. Skia strokes and dashes a path whole before it
    clips, so one curve across a 10,000-touchpoint map cost seconds in every band
    and page it crosses; pieces let the R-tree skip the ones out of view. Dashes
    stay continuous (each piece starts its dash where the last one stopped), and
    pieces meet on a smooth curve under round caps. Paths in any other form than
    absolute M then L, Q or C are left whole."""
    d, rest = match.group(1), match.group(2)
    segments = _segments(d)
    if segments is None or len(segments) <= PIECE_SEGMENTS + 1 or b"stroke-dashoffset" in rest:
        return match.group(0)
    period = _dash_period(rest)
    start, offset, out = segments[0][1][0], 0.0, []
    for at in range(1, len(segments), PIECE_SEGMENTS):
        chunk = segments[at:at + PIECE_SEGMENTS]
        dashed = b' stroke-dashoffset="%.3f"' % (offset % period) if period else b""
        body = b"".join(command + b" ".join(points) for command, points in chunk)
        out.append(b'<path d="M%s%s"%s%s/>' % (start, body, rest, dashed))
        if period:
            offset += _measure(start, chunk)
        start = chunk[-1][1][-1]
    return b"\n".join(out)


def _split_line(match: re.Match[bytes]) -> bytes:
    """A dashed line longer than LINE_PIECE (a guide across the whole map) as
    lines of that length, for the same reason as _split_path: Skia dashes the
    whole line before clipping, and a PDF page would carry all its dashes."""
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    period = _dash_period(match.group(1))
    ends = (b"x1", b"y1", b"x2", b"y2")
    if not period or b"stroke-dashoffset" in attributes or not set(ends) <= attributes.keys():
        return match.group(0)
    try:
        x1, y1, x2, y2 = (float(attributes.pop(name)) for name in ends)
    except ValueError:
        return match.group(0)
    length = math.hypot(x2 - x1, y2 - y1)
    count = math.ceil(length / LINE_PIECE)
    if count <= 1:
        return match.group(0)
    rest = b"".join(b' %s="%s"' % item for item in attributes.items())
    out = []
    for k in range(count):
        a, b = k / count, (k + 1) / count
        out.append(b'<line x1="%.3f" y1="%.3f" x2="%.3f" y2="%.3f"%s stroke-dashoffset="%.3f"/>' % (
            x1 + (x2 - x1) * a, y1 + (y2 - y1) * a, x1 + (x2 - x1) * b, y1 + (y2 - y1) * b, rest,
            length * a % period))
    return b"\n".join(out)


def _segments(d: bytes) -> list[tuple[bytes, list[bytes]]] | None:
    """[(command, [b"x,y", ...]), ...], one entry per segment after the M; None
    for any other form."""
    segments: list[tuple[bytes, list[bytes]]] = []
    for command, numbers in _PATH_COMMAND.findall(d):
        values = _NUMBER.findall(numbers)
        points = [values[i] + b"," + values[i + 1] for i in range(0, len(values) - 1, 2)]
        if not segments:
            if command != b"M" or len(values) != 2:
                return None
            segments.append((command, points))
            continue
        count = _POINTS.get(command, 0)
        if not count or not points or len(values) % (2 * count):
            return None
        segments += [(command, points[i:i + count]) for i in range(0, len(points), count)]
    return segments or None


def _dash_period(attributes: bytes) -> float:
    found = re.search(rb'stroke-dasharray="([^"]*)"', attributes)
    lengths = [abs(float(n)) for n in _NUMBER.findall(found.group(1))] if found else []
    return sum(lengths) * (2 if len(lengths) % 2 else 1)


def _measure(start: bytes, chunk: list[tuple[bytes, list[bytes]]]) -> float:
    """The length of a piece as Skia's dasher measures it."""
    import skia  # type: ignore[import-not-found,unused-ignore]  # no type information

    def xy(point: bytes) -> list[float]:
        return [float(value) for value in point.split(b",")]

    path = skia.Path()
    path.moveTo(*xy(start))
    for command, points in chunk:
        segment = {b"L": path.lineTo, b"Q": path.quadTo, b"C": path.cubicTo}[command]
        segment(*[value for point in points for value in xy(point)])
    return float(skia.PathMeasure(path, False).getLength())


def shape_parts(shapes: bytes) -> list[bytes]:
    """The shapes SVG as SVG documents of about SHAPES_PART bytes that, drawn one
    after the other, draw it all: Skia's SVG DOM takes some 25 bytes of memory
    per byte of SVG (1.1 GB for a 10,000-touchpoint map), so it gets a part at a
    time. Each part reopens the groups open where it starts. For journeymap's
    own SVG, which escapes every ">" in text and attributes and has nothing one
    element refers to in another (url(#), <use>, <defs>) nor group opacity;
    anything else is drawn whole."""
    if len(shapes) <= SHAPES_PART or any(reference in shapes for reference in _REFERENCES):
        return [shapes]
    start = shapes.index(b">", shapes.index(b"<svg")) + 1
    root, end = shapes[:start], shapes.rindex(b"</svg>")
    parts: list[bytes] = []
    opened: list[bytes] = []
    while start < end:
        cut = _ELEMENT_END.search(shapes, min(start + SHAPES_PART, end))
        stop = cut.end() if cut and cut.end() < end else end
        head = root + b"".join(opened)
        for tag in _GROUP_TAG.finditer(shapes, start, stop):
            if tag.group().startswith(b"</"):
                opened.pop()
            else:
                opened.append(tag.group())
        parts.append(head + shapes[start:stop] + b"</g>" * len(opened) + b"</svg>")
        start = stop
    return parts


