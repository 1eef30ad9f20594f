"""A map cut across pages of a paper size: the map is scaled to the page's
height (never above its natural size) and sliced side by side, with a little
overlap; the lane-label column is repeated at the left of every page, and a
footer gives the title and page number."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .raster_skia import PDF_POINTS_PER_UNIT, Document, Page, Piece

MARGIN = 18.0        # points around the drawing
FOOTER = 14.0        # points below it for the footer line
OVERLAP = 24.0       # SVG units shown again at the left of the next page


def paged(document: Document, paper: tuple[float, float], title: str) -> list[Page]:
    width, height = paper[0] - 2 * MARGIN, paper[1] - 2 * MARGIN - FOOTER
    scale = min(PDF_POINTS_PER_UNIT, height / max(document.height, 1.0))
    if document.width * scale <= width:
        return [Page(paper, (Piece((0, 0, document.width, document.height), (MARGIN, MARGIN), scale),),
                     f"{title} · 1/1")]
    labels = min(label_column(document.root), width / scale / 3)
    step = width / scale - labels - OVERLAP   # new SVG units each further page shows
    starts, covered = [0.0], width / scale          # SVG units shown up to the right
    while covered < document.width:
        starts.append(covered - OVERLAP)
        covered += step
    pages = []
    for number, start in enumerate(starts, 1):
        pieces = []
        if number == 1:
            pieces.append(Piece((0, 0, width / scale, document.height), (MARGIN, MARGIN), scale))
        else:
            pieces.append(Piece((0, 0, labels, document.height), (MARGIN, MARGIN), scale))
            pieces.append(Piece((start, 0, width / scale - labels, document.height),
                                (MARGIN + labels * scale, MARGIN), scale))
        pages.append(Page(paper, tuple(pieces), f"{title} · {number}/{len(starts)}"))
    return pages


def label_column(root: ET.Element) -> float:
    """Where the first stage's header starts: left of it are the lane labels."""
    for element in root.iter("{http://www.w3.org/2000/svg}g"):
        if re.search(r"-stage-", element.get("id", "")):
            rect = element.find(".//{http://www.w3.org/2000/svg}rect")
            if rect is not None:
                return float(rect.get("x", 0))
    return 0.0
