"""Path maths for the emotion curves: runs of points between gaps, and a
smooth path through each run that never leaves the chart."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeAlias, TypeVar

Point: TypeAlias = tuple[float, float]
P = TypeVar("P")


def runs(points: Sequence[P | None]) -> Iterator[list[P]]:
    """The runs of consecutive points: a missing value (None) breaks a curve."""
    run: list[P] = []
    for point in points:
        if point is None:
            if run:
                yield run
            run = []
        else:
            run.append(point)
    if run:
        yield run


def smooth_path(points: Sequence[Point], top: float, bottom: float) -> str:
    """A Catmull-Rom curve through the points as cubic Béziers; control points
    are kept inside the chart so the curve never leaves it. A single point is
    a short level stroke."""
    def fmt(value: float) -> str:
        return f"{value:.1f}"

    if len(points) == 1:
        x, y = points[0]
        return f"M{fmt(x - 6)},{fmt(y)}L{fmt(x + 6)},{fmt(y)}"
    d = f"M{fmt(points[0][0])},{fmt(points[0][1])}"
    for i in range(len(points) - 1):
        p0 = points[i - 1] if i > 0 else points[i]
        p1, p2 = points[i], points[i + 1]
        p3 = points[i + 2] if i + 2 < len(points) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, min(bottom, max(top, p1[1] + (p2[1] - p0[1]) / 6)))
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, min(bottom, max(top, p2[1] - (p3[1] - p1[1]) / 6)))
        d += f"C{fmt(c1[0])},{fmt(c1[1])} {fmt(c2[0])},{fmt(c2[1])} {fmt(p2[0])},{fmt(p2[1])}"
    return d
