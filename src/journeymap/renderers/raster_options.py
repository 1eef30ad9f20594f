"""What the user chose for `png` and `pdf`: a plain record without Skia, so
the options of every output can name it without loading a rasteriser."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import UsageError

PAPERS = {  # width × height in PDF points (1/72 inch), portrait
    "a4": (595.28, 841.89),
    "a3": (841.89, 1190.55),
    "a2": (1190.55, 1683.78),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
}
ORIENTATIONS = ("landscape", "portrait")


@dataclass(frozen=True)
class RasterOptions:
    """`scale`: PNG pixels per SVG unit; `paper`: "fit" (one page the size of
    the map) or a paper size the map is cut across; `orientation` of that paper."""

    scale: float = 2.0
    paper: str = "fit"
    orientation: str = "landscape"

    def __post_init__(self) -> None:
        if not (math.isfinite(self.scale) and 0 < self.scale <= 64):
            raise UsageError(f"--scale: expected a number above 0 and at most 64, found {self.scale}")
        if self.paper != "fit" and self.paper not in PAPERS:
            raise UsageError(f"--paper: expected fit or one of {', '.join(PAPERS)}, found {self.paper!r}")
        if self.orientation not in ORIENTATIONS:
            raise UsageError(f"--orientation: expected landscape or portrait, found {self.orientation!r}")

    def page_size(self) -> tuple[float, float] | None:
        """The paper in points, turned as chosen; None for "fit"."""
        if self.paper == "fit":
            return None
        short, long = PAPERS[self.paper]
        return (long, short) if self.orientation == "landscape" else (short, long)
