"""A map cut across pages of a paper size, in rows and columns, to be joined
on a wall: the map is printed as large as the page's height allows but never
smaller than READABLE_TEXT points for its smallest text (nor above its natural
size); what does not fit goes to further columns and rows of pages. Every
column repeats the lane labels at its left and every row the stage headers at
its top; a lane or stage whose title is off the page gets its title box again
at the page's edge; neighbouring pages share OVERLAP units, with crop marks in
the margin where to cut; a footer gives the title and the page's place.

Pure geometry on the SVG's own boxes: no Skia here."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

PDF_POINTS_PER_UNIT = 0.75   # SVG units are CSS pixels, 96 an inch; PDF points are 72 an inch
READABLE_TEXT = 6.0   # points: the smallest text on paper is printed at least this large
MARGIN = 18.0         # points around the drawing
FOOTER = 14.0         # points below it for the footer line
OVERLAP = 24.0        # SVG units shown again at the start of the next column or row
MARK = 10.0           # points: length of a crop mark, in the margin
# A lane's or stage's group: its backdrop, then its title's box (the first box in it).
_TITLED_GROUP = re.compile(rb'<g id="[^"]*-(lane|stage)-[^"]*"[^>]*>\s*<rect\b([^>]*)/>\s*'
                           rb'<g\b[^>]*>\s*<rect\b([^>]*)/>')
_GRID = re.compile(rb'<g id="[^"]*-grid"[^>]*>')
_RECT = re.compile(rb"<rect\b([^>]*)/>")
_ATTRIBUTE = re.compile(rb'([\w:-]+)="([^"]*)"')

Box = tuple[float, float, float, float]   # x, y, width, height


@dataclass(frozen=True)
class Piece:
    """A region of the drawing (SVG units) and where it goes on a page (points)."""

    source: Box
    at: tuple[float, float]
    scale: float


@dataclass(frozen=True)
class Page:
    size: tuple[float, float]
    pieces: tuple[Piece, ...]
    footer: str = ""
    marks: tuple[Box, ...] = ()   # crop marks: lines from (x, y) to (x + w, y + h), points


@dataclass(frozen=True)
class Plan:
    """What paging needs to know of a map, read once from its SVG."""

    width: float
    height: float
    labels: float                 # the lane-label column: x from 0 to here
    header: tuple[float, float]   # the stage-header band: y from, to (0, 0: none)
    lanes: tuple[Box, ...]        # each lane's title box
    stages: tuple[Box, ...]       # each stage's and phase's title box
    smallest_text: float          # font size, SVG units


def plan(shapes: bytes, text: ET.Element, width: float, height: float) -> Plan:
    """The boxes paging repeats, from the SVG's shapes (as raster_skia keeps
    them, without text) and the smallest font size, from its text."""
    lanes: list[Box] = []
    stages: list[Box] = []
    for found in _TITLED_GROUP.finditer(shapes):
        backdrop, box = _attributes(found.group(2)), _attributes(found.group(3))
        title = (backdrop.get("x", 0.0), box.get("y", 0.0), box.get("width", 0.0), box.get("height", 0.0))
        (lanes if found.group(1) == b"lane" else stages).append(title)
    grid = _GRID.search(shapes)
    first_stage = _TITLED_GROUP.search(shapes, grid.end()) if grid else None
    for found in _RECT.finditer(shapes, grid.end(), first_stage.start()) if grid and first_stage else ():
        box = _attributes(found.group(1))   # the phases, above the stages
        stages.append((box.get("x", 0.0), box.get("y", 0.0), box.get("width", 0.0), box.get("height", 0.0)))
    header = (min(s[1] for s in stages), min(lane[1] for lane in lanes)) if lanes and stages else (0.0, 0.0)
    sizes = [size for element in text.iter() if (size := _number(element.get("font-size"))) > 0]
    labels = min((s[0] for s in stages), default=0.0)
    return Plan(width, height, labels, header, tuple(lanes), tuple(stages), min(sizes, default=12.0))


def _attributes(tag: bytes) -> dict[str, float]:
    return {name.decode(): _number(value.decode()) for name, value in _ATTRIBUTE.findall(tag)
            if name in (b"x", b"y", b"width", b"height")}


def _number(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def single_page(width: float, height: float, largest: float) -> Page:
    """The whole map on one page its size, shrunk if a side would pass `largest` points."""
    scale = min(PDF_POINTS_PER_UNIT, largest / max(width, 1.0), largest / max(height, 1.0))
    return Page((width * scale, height * scale), (Piece((0.0, 0.0, width, height), (0.0, 0.0), scale),))


def page_scale(map_plan: Plan, paper: tuple[float, float]) -> float:
    """As large as fits the page's height, but no smaller than readable, no larger than natural."""
    readable = READABLE_TEXT / max(map_plan.smallest_text, 1.0)
    fitting = (paper[1] - 2 * MARGIN - FOOTER) / max(map_plan.height, 1.0)
    return min(PDF_POINTS_PER_UNIT, max(fitting, readable))


def paged(map_plan: Plan, paper: tuple[float, float], title: str,
          place_words: str = "page {page} of {pages}, row {row} column {column}") -> list[Page]:
    """The map cut into pages; the footer names each page's place in the
    words given (the map's language), with {page}, {pages}, {row}, {column}."""
    scale = page_scale(map_plan, paper)
    across, down = (paper[0] - 2 * MARGIN) / scale, (paper[1] - 2 * MARGIN - FOOTER) / scale
    labels = min(map_plan.labels, across / 3)
    band = map_plan.header if map_plan.header[1] - map_plan.header[0] <= down / 3 else (0.0, 0.0)
    columns = _spans(map_plan.width, across, labels)
    rows = _spans(map_plan.height, down, band[1] - band[0])
    total = len(columns) * len(rows)
    pages = []
    for r, (top, tall) in enumerate(rows):
        for c, (left, wide) in enumerate(columns):
            view = (left, top, wide, tall)
            repeated = (labels if c else 0.0, band if r else (0.0, 0.0))
            place = place_words.format(page=r * len(columns) + c + 1, pages=total, row=r + 1, column=c + 1)
            pages.append(Page(paper, _pieces(map_plan, scale, view, *repeated), f"{title} · {place}",
                              _marks(scale, view, (c, len(columns)), (r, len(rows)), repeated)))
    return pages


def _spans(length: float, room: float, repeated: float) -> list[tuple[float, float]]:
    """(start, extent) of the map shown by each column (or row): the first shows
    from 0, every further one `repeated` units of labels (headers) and then
    continues OVERLAP units before where the last one stopped."""
    spans, covered = [(0.0, min(room, length))], room
    while covered < length:
        start = covered - OVERLAP
        extent = min(max(room - repeated, 2 * OVERLAP), length - start)
        spans.append((start, extent))
        covered = start + extent
    return spans


def _pieces(map_plan: Plan, scale: float, view: Box, labels: float,
            band: tuple[float, float]) -> tuple[Piece, ...]:
    """The view, and the labels and headers repeated at its left and top, as placed pieces."""
    left, top, wide, tall = view
    head_top, head_h = band[0], band[1] - band[0]
    x0, y0 = MARGIN + labels * scale, MARGIN + head_h * scale
    pieces = [Piece(view, (x0, y0), scale)]
    if labels:   # from the stage grid down: the map's title and personas are not lane labels
        first = max(top, map_plan.header[0] if map_plan.header[1] else top)
        pieces.append(Piece((0.0, first, labels, top + tall - first), (MARGIN, y0 + (first - top) * scale),
                            scale))
    if head_h:
        pieces.append(Piece((left, head_top, wide, head_h), (x0, MARGIN), scale))
    if labels and head_h:
        pieces.append(Piece((0.0, head_top, labels, head_h), (MARGIN, MARGIN), scale))
    starts = [lane[1] for lane in map_plan.lanes]
    for x, y, w, h in map_plan.lanes:   # a lane begun above: its title again at the top
        if y < top < _next_start(starts, y, map_plan.height) - h:
            pieces.append(Piece((0.0, y, max(labels, x + w), h), (MARGIN, y0), scale))
    for x, y, w, h in map_plan.stages:  # a stage begun to the left: its title again at the left
        at_y = MARGIN + (y - head_top) * scale if head_h else y0 + (y - top) * scale
        if x < left < x + w - OVERLAP and (head_h or top <= y < top + tall - h):
            pieces.append(Piece((x, y, min(x + w - left, wide), h), (x0, at_y), scale))
    return tuple(pieces)


def _next_start(starts: list[float], start: float, end: float) -> float:
    return min((s for s in starts if s > start), default=end)


def _marks(scale: float, view: Box, column: tuple[int, int], row: tuple[int, int],
           repeated: tuple[float, tuple[float, float]]) -> tuple[Box, ...]:
    """Crop marks in the margin where this page meets its neighbours: cut there
    and the pages butt together; the OVERLAP beyond is room for glue."""
    left, top, wide, tall = view
    x0, y0 = MARGIN + repeated[0] * scale, MARGIN + (repeated[1][1] - repeated[1][0]) * scale
    right, bottom = x0 + wide * scale, y0 + tall * scale
    xs = ([x0 + OVERLAP * scale] if column[0] else []) + ([right] if column[0] < column[1] - 1 else [])
    ys = ([y0 + OVERLAP * scale] if row[0] else []) + ([bottom] if row[0] < row[1] - 1 else [])
    marks = [(x, MARGIN - 2 - MARK, 0.0, MARK) for x in xs] + [(x, bottom + 2, 0.0, MARK) for x in xs]
    marks += [(MARGIN - 2 - MARK, y, MARK, 0.0) for y in ys] + [(right + 2, y, MARK, 0.0) for y in ys]
    return tuple(marks)
