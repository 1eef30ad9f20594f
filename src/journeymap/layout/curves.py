"""Path maths for the emotion curves: a monotone cubic through the points.

Catmull-Rom overshoots (a flat 3, 3 between a 1 and a 1 reads as a bump);
Steffen's monotone cubic does not: between two points the curve stays
within their range, a flat pair stays flat, and it passes through every
point. Each piece is a cubic Bézier, so a reader of the SVG (and the tests)
can check it: its control points lie within the range of its two ends."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

Point: TypeAlias = tuple[float, float]
# (start, first control, second control, end) of one cubic Bézier piece
Piece: TypeAlias = tuple[Point, Point, Point, Point]


def _sign(value: float) -> float:
    return (value > 0) - (value < 0)


def slopes(points: Sequence[Point]) -> list[float]:
    """Steffen's tangents (1990): zero at a local extreme, at most twice
    the smaller neighbouring secant, so no piece leaves its range."""
    count = len(points)
    if count < 2:
        return [0.0] * count
    widths = [points[i + 1][0] - points[i][0] or 1e-9 for i in range(count - 1)]
    secants = [(points[i + 1][1] - points[i][1]) / widths[i] for i in range(count - 1)]
    tangents = [secants[0]]
    for i in range(1, count - 1):
        left, right = secants[i - 1], secants[i]
        middle = (left * widths[i] + right * widths[i - 1]) / (widths[i - 1] + widths[i])
        tangents.append((_sign(left) + _sign(right)) * min(abs(left), abs(right), 0.5 * abs(middle)))
    tangents.append(secants[-1])
    return tangents


def pieces(points: Sequence[Point]) -> list[Piece]:
    """The Bézier pieces between consecutive points (x ascending)."""
    tangents = slopes(points)
    made: list[Piece] = []
    for i in range(len(points) - 1):
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        third = (x1 - x0) / 3
        made.append(((x0, y0), (x0 + third, y0 + tangents[i] * third),
                     (x1 - third, y1 - tangents[i + 1] * third), (x1, y1)))
    return made


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def path_of(run: Sequence[Piece]) -> str:
    """Consecutive pieces as one path."""
    start = run[0][0]
    d = f"M{_fmt(start[0])},{_fmt(start[1])}"
    for _, (ax, ay), (bx, by), (ex, ey) in run:
        d += f"C{_fmt(ax)},{_fmt(ay)} {_fmt(bx)},{_fmt(by)} {_fmt(ex)},{_fmt(ey)}"
    return d


def dot_path(point: Point) -> str:
    """A single point: a short level stroke."""
    x, y = point
    return f"M{_fmt(x - 6)},{_fmt(y)}L{_fmt(x + 6)},{_fmt(y)}"


def smooth_path(points: Sequence[Point]) -> str:
    """The monotone cubic through the points as one path."""
    if len(points) == 1:
        return dot_path(points[0])
    return path_of(pieces(points))


def split_runs(flags: Sequence[bool]) -> list[tuple[bool, int, int]]:
    """(flag, first, last + 1) of each run of equal flags: the solid and the
    bridging stretches of a curve's pieces."""
    found: list[tuple[bool, int, int]] = []
    for index, flag in enumerate(flags):
        if found and found[-1][0] == flag:
            found[-1] = (flag, found[-1][1], index + 1)
        else:
            found.append((flag, index, index + 1))
    return found
