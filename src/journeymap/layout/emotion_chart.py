"""The emotions lane: a chart with the scale on the left, one curve per
persona (or one for everyone) through a face per touchpoint, the previous
version's curve under it (`--compare`), and the values written under the
chart, so that nothing depends on reading a colour or a height."""

from __future__ import annotations

from typing import TypeAlias

from ..presentation import Presentation
from ..presentation.numbers import scale_values, signed
from ..presentation.texts import Lane
from .emotion_curves import Chart, curves, previous_curves
from .frame import Column, Frame
from .geometry import Group, Shape, TextBlock, TextStyle, text_block
from .styles import BOLD, CELL_PAD, CHART_H, LABEL_W, PAD, SMALL

# A text under the chart: (text, style, persona colour or None, persona id or None)
Note: TypeAlias = tuple[str, TextStyle, str | None, str | None]
# A note placed: (its text block, the persona colour of its dot or None)
NoteBlock: TypeAlias = tuple[TextBlock, str | None]


def emotion_lane(frame: Frame, lane: Lane, y: float) -> tuple[Group, float]:
    """The lane's row group and its bottom."""
    view = frame.view
    title = view.lane_title(lane)
    row = Group("lane-emotions", title)
    chart_top = y + 14
    chart = Chart(chart_top, chart_top + CHART_H - 28, frame.journey.scale)
    written = [_note_blocks(column, _notes(view, column), chart.bottom + 16) for column in frame.columns]
    height = max([CHART_H] + [bottom - y + 8 for _, bottom in written])
    row.add(Shape("rect", PAD, y, LABEL_W - 4, height, fill="panel_alt", radius=4))
    row.add(text_block(PAD, y, LABEL_W - 60, title, BOLD, padding=8, role="lane-title"))
    row.add(Shape("rect", PAD + LABEL_W + 3, y, frame.grid_right - PAD - LABEL_W - 6, height,
                  fill="cell", radius=4))
    _scale(frame, chart, row)
    if view.previous:
        previous_curves(frame, chart, row)
    curves(frame, chart, row, SMALL)
    for blocks, _ in written:
        for block, colour in blocks:
            if colour:
                row.add(Shape("circle", block.x - 8, block.y + block.h / 2, 4, 4, colour=colour,
                              persona=block.persona))
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
        return [(view.word("no_emotion"), SMALL, None, None)]
    if len(values) > 1:
        return [(f"{view.persona_name(pid or '')} {signed(value)}", SMALL, colour, pid)
                for pid, colour, value in values if value is not None]
    value = values[0][2]
    return [(signed(value) if value is not None else "", BOLD, None, None)]


def _note_blocks(column: Column, notes: list[Note], top: float) -> tuple[list[NoteBlock], float]:
    """The notes as text blocks down the column, and their bottom."""
    y = top
    blocks: list[NoteBlock] = []
    for text, style, colour, persona in notes:
        if not text:
            continue
        indent = 12 if colour else 0
        block = text_block(column.x + CELL_PAD + indent, y, column.w - 2 * CELL_PAD - indent, text, style,
                           role="emotion-value", align="start")
        block.persona = persona  # hidden with the persona's curve by the page's filter
        blocks.append((block, colour))
        y += block.h
    return blocks, y


def _scale(frame: Frame, chart: Chart, row: Group) -> None:
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
