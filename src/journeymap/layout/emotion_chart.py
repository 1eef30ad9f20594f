"""The emotions lane: a chart with the scale on the left, one curve per
persona (or one for everyone) through a face per touchpoint, the previous
version's curve under it (`--compare`), and the values written under the
chart, so that nothing depends on reading a colour or a height."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from ..model import Scale
from ..presentation import Presentation
from ..presentation.numbers import scale_position, scale_values, signed
from ..presentation.texts import Lane
from .curves import runs, smooth_path
from .frame import Column, Frame
from .geometry import Group, Shape, TextBlock, TextStyle, text_block
from .styles import BOLD, CELL_PAD, CHART_H, COL_W, FACE_R, LABEL_W, PAD, SMALL

# A text under the chart: (text, style, persona colour or None)
Note: TypeAlias = tuple[str, TextStyle, str | None]
# A note placed: (its text block, the persona colour of its dot or None)
NoteBlock: TypeAlias = tuple[TextBlock, str | None]
# A point of a curve: (x, y, position on the scale)
Point: TypeAlias = tuple[float, float, float]


@dataclass(frozen=True)
class _Chart:
    """The vertical extent of the chart: where a value of the scale sits."""

    top: float
    bottom: float
    scale: Scale

    def y_of(self, value: float) -> float:
        return self.bottom - scale_position(value, self.scale) * (self.bottom - self.top)


def emotion_lane(frame: Frame, lane: Lane, y: float) -> tuple[Group, float]:
    """The lane's row group and its bottom."""
    view = frame.view
    title = view.lane_title(lane)
    row = Group("lane-emotions", title)
    chart_top = y + 14
    chart = _Chart(chart_top, chart_top + CHART_H - 28, frame.journey.scale)
    written = [_note_blocks(column, _notes(view, column), chart.bottom + 16) for column in frame.columns]
    height = max([CHART_H] + [bottom - y + 8 for _, bottom in written])
    row.add(Shape("rect", PAD, y, LABEL_W - 4, height, fill="panel_alt", radius=4))
    row.add(text_block(PAD, y, LABEL_W - 60, title, BOLD, padding=8, role="lane-title"))
    row.add(Shape("rect", PAD + LABEL_W + 3, y, frame.grid_right - PAD - LABEL_W - 6, height,
                  fill="cell", radius=4))
    _scale(frame, chart, row)
    if view.previous:
        _previous_curves(frame, chart, row)
    _curves(frame, chart, row)
    for blocks, _ in written:
        for block, colour in blocks:
            if colour:
                row.add(Shape("circle", block.x - 8, block.y + block.h / 2, 4, 4, colour=colour))
            row.add(block)
    return row, y + height


def _notes(view: Presentation, column: Column) -> list[Note]:
    """What is written under the chart in a column: the value of each curve
    there, or a note where none was given."""
    tp = column.touchpoint
    if tp is None:
        return []
    values = [(pid, colour, view.emotion(tp, pid)) for pid, colour in view.curves]
    if all(value is None for _, _, value in values):
        return [(view.word("no_emotion"), SMALL, None)]
    if len(values) > 1:
        return [(f"{view.persona_name(pid or '')} {signed(value)}", SMALL, colour)
                for pid, colour, value in values if value is not None]
    value = values[0][2]
    return [(signed(value) if value is not None else "", BOLD, None)]


def _note_blocks(column: Column, notes: list[Note], top: float) -> tuple[list[NoteBlock], float]:
    """The notes as text blocks down the column, and their bottom."""
    y = top
    blocks: list[NoteBlock] = []
    for text, style, colour in notes:
        if not text:
            continue
        indent = 12 if colour else 0
        block = text_block(column.x + CELL_PAD + indent, y, COL_W - 2 * CELL_PAD - indent, text, style,
                           role="emotion-value", align="start")
        blocks.append((block, colour))
        y += block.h
    return blocks, y


def _scale(frame: Frame, chart: _Chart, row: Group) -> None:
    """Labels at the values that have room (the ends and zero first, then
    round values between, as many as the chart's height holds), grid lines."""
    scale = chart.scale
    labelled: list[int] = []
    room = text_block(0, 0, 44, "0", SMALL).h
    fits = max(2, int((chart.bottom - chart.top) // room) + 1)
    for value in [scale.max, scale.min, 0, *scale_values(scale, fits)[::-1]]:
        if scale.min <= value <= scale.max and value not in labelled and \
                all(abs(chart.y_of(value) - chart.y_of(other)) >= room for other in labelled):
            labelled.append(value)
    for value in sorted(labelled, reverse=True):
        label_y = chart.y_of(value)
        row.add(text_block(PAD + LABEL_W - 52, label_y - room / 2, 44, signed(value), SMALL,
                           align="end", role="scale-label"))
        row.add(Shape("line", PAD + LABEL_W + 3, label_y, frame.grid_right - PAD - LABEL_W - 6, 0,
                      stroke="grid", stroke_width=0.5 if value else 1.0,
                      dash=None if value == 0 else "2 4"))


def _curves(frame: Frame, chart: _Chart, row: Group) -> None:
    """One curve per persona (or one for everyone), side by side where
    several meet, broken where a value is missing; a face at every value."""
    view = frame.view
    count = len(view.curves)
    for number, (pid, colour) in enumerate(view.curves):
        offset = (number - (count - 1) / 2) * 2 * (FACE_R + 1) if count > 1 else 0.0
        points: list[Point | None] = []
        for column in frame.columns:
            value = view.emotion(column.touchpoint, pid) if column.touchpoint else None
            points.append(None if value is None else (column.x + COL_W / 2 + offset, chart.y_of(value),
                                                      scale_position(value, chart.scale)))
        for run in runs(points):
            row.add(Shape("path", d=smooth_path([(px, py) for px, py, _ in run], chart.top, chart.bottom),
                          stroke=None if colour else "curve", colour=colour, stroke_width=2.5))
        for point in points:
            if point is not None:
                px, py, position = point
                row.add(Shape("face", px, py, FACE_R, FACE_R, value=position, colour=colour))


def _previous_curves(frame: Frame, chart: _Chart, row: Group) -> None:
    """The previous version's curve(s), faint and dashed, under today's."""
    view = frame.view
    for pid, _ in view.curves:
        points: list[Point | None] = []
        for column in frame.columns:
            value = view.previous_emotion(column.touchpoint, pid) if column.touchpoint else None
            points.append(None if value is None else (column.x + COL_W / 2, chart.y_of(value), 0.0))
        for run in runs(points):
            row.add(Shape("path", d=smooth_path([(px, py) for px, py, _ in run], chart.top, chart.bottom),
                          stroke="muted", stroke_width=1.5, dash="5 4"))
            for px, py, _ in run:
                row.add(Shape("circle", px, py, 3.5, 3.5, fill="background", stroke="muted"))
