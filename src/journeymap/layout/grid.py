"""The grid: phase bands, stage headers, then one row per lane with a cell
per column; in a service blueprint, the lines of interaction, visibility and
internal interaction where a lane opens a later band than the one above."""

from __future__ import annotations

from ..model import BLUEPRINT_SIDES
from ..presentation.lanes import lane_sides
from ..presentation.texts import Lane, lane_id
from .cells import cell, cell_box
from .emotion_chart import emotion_lane
from .frame import Frame
from .geometry import Group, Shape, TextBlock, text_block
from .styles import (
    BOLD,
    HEADING,
    LABEL_W,
    LINE_BAND,
    LINE_LABEL,
    MIN_ROW,
    PAD,
    REPEAT,
    REPEAT_W,
    SMALL,
    SMALL_BOLD,
)

BLUEPRINT_LINES = {  # the band below a line: the line's word key
    "frontstage": "line.interaction",
    "backstage": "line.visibility",
    "support": "line.internal",
}


def grid(frame: Frame, top: float) -> tuple[Group, float]:
    """The grid group and its bottom."""
    group = Group("grid", frame.words["stage"])
    y = top
    if any(stage.phase for stage in frame.journey.stages):
        y = _phases(frame, group, y) + 4
    y = _stage_headers(frame, group, y) + 4
    blueprint = frame.journey.type == "service-blueprint"
    ranks = [BLUEPRINT_SIDES.index(side) for side in lane_sides(frame.lanes)]
    for index, lane in enumerate(frame.lanes):
        kind = lane_id(lane)
        if blueprint and index > 0 and ranks[index] > ranks[index - 1]:
            y = _blueprint_line(frame, group, y, frame.words[BLUEPRINT_LINES[BLUEPRINT_SIDES[ranks[index]]]])
        if kind == "emotions":
            row, y = emotion_lane(frame, lane, y)
        else:
            row, y = _lane(frame, lane, y)
        group.add(row)
        y += 4
    return group, y - 4


def _phases(frame: Frame, group: Group, y: float) -> float:
    """Bands over the stages of each phase, as tall as the tallest name."""
    bands: list[tuple[str | None, float, float]] = []
    for stage, left, right in frame.stage_spans():
        if bands and stage.phase is not None and bands[-1][0] == stage.phase:
            bands[-1] = (stage.phase, bands[-1][1], right)
        else:
            bands.append((stage.phase, left, right))
    blocks = [text_block(left + 2, y, right - left - 4, phase, SMALL_BOLD, padding=5, fill="panel_alt",
                         role="phase")
              for phase, left, right in bands if phase is not None]
    height = max(block.h for block in blocks)
    for block in blocks:
        block.h = height
        group.add(block)
    return y + height


def _stage_headers(frame: Frame, group: Group, y: float) -> float:
    """Each stage's name and goal over its columns, all as tall as the tallest."""
    made: list[tuple[Group, TextBlock, TextBlock | None]] = []
    for stage, left, right in frame.stage_spans():
        header = Group(f"stage-{stage.id}", stage.name)
        name = text_block(left + 2, y, right - left - 4, stage.name, HEADING, padding=6, role="stage")
        header.add(name)
        goal = None
        if stage.goal:
            goal = text_block(left + 2, y + name.h, right - left - 4, stage.goal, SMALL, padding=6,
                              role="stage-goal")
            header.add(goal)
        made.append((header, name, goal))
        group.add(header)
    height = max(name.h + (goal.h if goal else 0) for _, name, goal in made)
    for header, name, _ in made:
        header.items.insert(0, Shape("rect", name.x, y, name.w, height, fill="stage", radius=6))
    return y + height


def _blueprint_line(frame: Frame, group: Group, y: float, label: str) -> float:
    block = text_block(PAD, y + 2, LABEL_W - 4, label, LINE_LABEL, padding=2, role="blueprint-line")
    height = max(LINE_BAND, block.h + 4)
    middle = y + height / 2
    group.add(Shape("line", PAD + LABEL_W, middle, frame.grid_right - PAD - LABEL_W, 0, stroke="accent",
                    stroke_width=1.5, dash="6 4"))
    group.add(block)
    return y + height + 2


def _lane(frame: Frame, lane: Lane, y: float) -> tuple[Group, float]:
    """One lane's row: its title, then a cell per column as tall as the tallest."""
    kind = lane_id(lane)
    cells = [cell(frame, column, lane, y) for column in frame.columns]
    title = frame.view.lane_title(lane)
    repeated = [text_block(x + 3, y, REPEAT_W - 6, title, REPEAT, padding=6, role="lane-title-repeat")
                for x in frame.repeats]
    height = max([MIN_ROW] + [h for h, _ in cells] + [block.h for block in repeated])
    row = Group(f"lane-{kind}", title)
    row.add(Shape("rect", PAD, y, LABEL_W - 4, height, fill="panel_alt", radius=4))
    row.add(text_block(PAD, y, LABEL_W - 4, title, BOLD, padding=8, role="lane-title"))
    for block in repeated:
        row.add(Shape("rect", block.x, y, block.w, height, fill="panel_alt", radius=4))
        row.add(block)
    for column, (_, items) in zip(frame.columns, cells, strict=True):
        touchpoint = column.touchpoint if kind == "touchpoints" else None
        row.add(cell_box(touchpoint, column.x + 3, y, column.w - 6, height, card=kind == "touchpoints"))
        for item in items:
            row.add(item)
    return row, y + height
