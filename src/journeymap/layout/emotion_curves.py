"""The curves of the emotions lane: one per persona (or one for everyone)
through a face at every touchpoint it has a value for.

A curve connects all of its own points: where it passes touchpoints without
a value of its own it is a dashed bridge (the legend says so), never a
break. With two or more personas each curve is labelled with the persona's
name at its end, so no one has to match colours to a key."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Scale
from ..presentation.numbers import scale_position
from .curves import Point, dot_path, path_of, pieces, split_runs
from .frame import Column, Frame
from .geometry import Group, Shape, TextBlock, TextStyle, text_block
from .styles import FACE_R

BRIDGE_DASH = "2 5"
LABEL_GAP = 3.0
# Each persona's curve has its own dash and marker, so curves differ on a
# black-and-white page and for any colour vision (the legend shows both).
PERSONA_DASHES: tuple[str | None, ...] = (None, "9 4", "9 3 2 3", "4 3", "14 3 3 3 3 3", "1 3")
PERSONA_MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "hexagon")
MARKER_R = 3.5


def persona_dash(number: int) -> str | None:
    return PERSONA_DASHES[number % len(PERSONA_DASHES)]


def persona_marker(number: int) -> str:
    return PERSONA_MARKERS[number % len(PERSONA_MARKERS)]


@dataclass(frozen=True)
class Chart:
    """The vertical extent of the chart: where a value of the scale sits."""

    top: float
    bottom: float
    scale: Scale

    def y_of(self, value: float) -> float:
        return self.bottom - scale_position(value, self.scale) * (self.bottom - self.top)


@dataclass(frozen=True)
class CurvePoint:
    column: int         # the index of its column
    x: float
    y: float
    position: float     # 0..1 on the scale


def offset_of(number: int, count: int) -> float:
    """Curves side by side where several meet at a touchpoint."""
    return (number - (count - 1) / 2) * 2 * (FACE_R + 1) if count > 1 else 0.0


def draw_curve(points: list[CurvePoint], colour: str | None, row: Group, width: float = 2.5,
               dash: str | None = None, persona: str | None = None) -> None:
    """The curve through the points: solid between neighbours, a dashed
    bridge over columns without a value."""
    stroke = None if colour else "curve"
    if len(points) == 1:
        row.add(Shape("path", d=dot_path((points[0].x, points[0].y)), stroke=stroke, colour=colour,
                      stroke_width=width, dash=dash, persona=persona))
        return
    made = pieces([(p.x, p.y) for p in points])
    bridges = [b.column - a.column > 1 for a, b in zip(points, points[1:], strict=False)]
    for bridge, first, last in split_runs(bridges):
        row.add(Shape("path", d=path_of(made[first:last]), stroke=stroke, colour=colour,
                      stroke_width=width * 0.7 if bridge else width, dash=BRIDGE_DASH if bridge else dash,
                      persona=persona))


def curve_points(frame: Frame, chart: Chart, pid: str | None, offset: float = 0.0) -> list[CurvePoint]:
    """The points of one persona's curve (None: everyone's), left to right."""
    points = []
    for index, column in enumerate(frame.columns):
        value = frame.view.emotion(column.touchpoint, pid) if column.touchpoint else None
        if value is not None:
            points.append(CurvePoint(index, column.middle + offset, chart.y_of(value),
                                     scale_position(value, chart.scale)))
    return points


def has_bridge(frame: Frame) -> bool:
    """Whether some curve passes touchpoints without a value of its own."""
    chart = Chart(0.0, 1.0, frame.journey.scale)
    for pid, _ in frame.view.curves:
        columns = [point.column for point in curve_points(frame, chart, pid)]
        if any(b - a > 1 for a, b in zip(columns, columns[1:], strict=False)):
            return True
    return False


def curves(frame: Frame, chart: Chart, row: Group, label_style: TextStyle) -> None:
    """Every curve with its faces, and its name where there are several
    (then each face carries the persona's marker, and each curve its dash)."""
    view = frame.view
    count = len(view.curves)
    ends: list[tuple[CurvePoint, str, str]] = []
    for number, (pid, colour) in enumerate(view.curves):
        points = curve_points(frame, chart, pid, offset_of(number, count))
        if not points:
            continue
        several = count > 1 and pid is not None and colour is not None
        draw_curve(points, colour, row, dash=persona_dash(number) if several else None, persona=pid)
        for point in points:
            row.add(Shape("face", point.x, point.y, FACE_R, FACE_R, value=point.position, colour=colour,
                          persona=pid))
            if several:
                row.add(Shape("marker", point.x + FACE_R * 0.8, point.y - FACE_R * 0.8, 0, MARKER_R,
                              d=persona_marker(number), colour=colour, persona=pid))
        if several and pid is not None and colour is not None:
            ends.append((points[-1], pid, colour))
    for block in end_labels(frame, chart, ends, label_style):
        row.add(block)


def end_labels(frame: Frame, chart: Chart, ends: list[tuple[CurvePoint, str, str]],
               style: TextStyle) -> list[TextBlock]:
    """A persona's name right of the last face of its curve (in the text
    colour, which reads on any background; its marker ties it to the curve),
    drawn over the chart without a background (so it hides no other curve);
    names that would collide are stacked, all within the chart."""
    count = len(frame.view.curves)
    right_of_faces = offset_of(count - 1, count) + FACE_R + LABEL_GAP
    placed: list[TextBlock] = []
    for end, pid, _colour in sorted(ends, key=lambda item: (item[0].column, item[0].y)):
        column: Column = frame.columns[end.column]
        x = column.middle + right_of_faces
        ink = TextStyle(style.size, bold=True)
        # No background: a name must never hide another persona's curve.
        block = text_block(x, 0, column.x + column.w - 4 - x, frame.view.persona_name(pid), ink, padding=1,
                           role="curve-label")
        block.persona = pid
        block.y = max(chart.top - 12, min(end.y - block.h / 2, chart.bottom + 12 - block.h))
        for other in placed:
            if other.x < block.x + block.w and block.x < other.x + other.w and \
                    other.y < block.y + block.h and block.y < other.y + other.h:
                block.y = other.y + other.h
        placed.append(block)
    return _lift(placed, chart.bottom + 12)


def _lift(blocks: list[TextBlock], bottom: float) -> list[TextBlock]:
    """Move a stack that runs past the bottom up, keeping its order."""
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        below = [b for b in blocks[index + 1:] if b.x < block.x + block.w and block.x < b.x + b.w]
        limit = min([bottom] + [b.y for b in below])
        if block.y + block.h > limit:
            block.y = limit - block.h
    return blocks


def previous_curves(frame: Frame, chart: Chart, row: Group) -> None:
    """The previous version's curve(s), faint and dashed, under today's."""
    view = frame.view
    for pid, _ in view.curves:
        points = []
        for index, column in enumerate(frame.columns):
            value = view.previous_emotion(column.touchpoint, pid) if column.touchpoint else None
            if value is not None:
                points.append(CurvePoint(index, column.middle, chart.y_of(value), 0.0))
        if not points:
            continue
        made: list[Point] = [(p.x, p.y) for p in points]
        row.add(Shape("path", d=path_of(pieces(made)) if len(made) > 1 else dot_path(made[0]),
                      stroke="muted", stroke_width=1.5, dash="5 4", persona=pid))
        for point in points:
            row.add(Shape("circle", point.x, point.y, 3.5, 3.5, fill="background", stroke="muted",
                          persona=pid))
