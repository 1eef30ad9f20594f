"""The frame of the swimlane: the map as shown, the lanes to draw, and the
columns of the grid (one per touchpoint, one for each empty stage), which
every part of the page lines up with. A wide grid repeats the lane titles in
a narrow column every few stages, so a reader in its middle knows each row."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Journey, Stage, Touchpoint
from ..presentation import Presentation
from ..presentation.texts import Lane, lane_id
from .columns import column_width
from .styles import COL_W, LABEL_W, MIN_WIDTH, PAD, REPEAT_W

REPEAT_FROM = 1800.0   # a grid this wide (lane titles included) repeats its lane titles
REPEAT_EVERY = 6       # touchpoint columns between two title columns, at a stage's start
REPEAT_AT_MOST = 9     # columns after which a title column comes even inside a stage
REPEAT_NOT_LAST = 3    # no title column among the last few columns


@dataclass(frozen=True)
class Column:
    """One touchpoint's column (or an empty stage's placeholder)."""

    stage: Stage
    touchpoint: Touchpoint | None
    x: float
    w: float = COL_W

    @property
    def middle(self) -> float:
        return self.x + self.w / 2


@dataclass(frozen=True)
class Frame:
    """The map as shown, the lanes to draw and the columns of the grid."""

    view: Presentation
    lanes: tuple[Lane, ...]
    columns: tuple[Column, ...]
    grid_right: float
    width: float
    repeats: tuple[float, ...] = ()   # the left of each repeated lane-title column

    @property
    def journey(self) -> Journey:
        return self.view.journey

    @property
    def words(self) -> Mapping[str, str]:
        return self.view.words

    def stage_spans(self) -> list[tuple[Stage, float, float]]:
        """(stage, left, right) of each stage's run of columns."""
        spans: list[tuple[Stage, float, float]] = []
        for column in self.columns:
            if spans and spans[-1][0] is column.stage:
                stage, left, _ = spans[-1]
                spans[-1] = (stage, left, column.x + column.w)
            else:
                spans.append((column.stage, column.x, column.x + column.w))
        return spans


def frame_of(view: Presentation) -> Frame:
    # Columns need their touchpoint's name even where the lanes leave it out
    # (a service blueprint's defaults): it then heads the grid.
    lanes = view.shown_lanes
    if "touchpoints" not in [lane_id(lane) for lane in lanes]:
        lanes = ("touchpoints", *lanes)
    placed: list[tuple[Stage, Touchpoint | None, float]] = []
    for stage in view.journey.stages:
        here: list[Touchpoint | None] = list(stage.touchpoints) or [None]  # an empty stage keeps a column
        placed.extend((stage, touchpoint, column_width(view, touchpoint, lanes)) for touchpoint in here)
    wide = PAD + LABEL_W + sum(width for _, _, width in placed) >= REPEAT_FROM
    columns: list[Column] = []
    repeats: list[float] = []
    x, since = PAD + LABEL_W, 0
    for index, (stage, touchpoint, width) in enumerate(placed):
        starts_stage = index > 0 and placed[index - 1][0] is not stage
        due = since >= REPEAT_AT_MOST or (since >= REPEAT_EVERY and starts_stage)
        if wide and due and len(placed) - index >= REPEAT_NOT_LAST:
            repeats.append(x)
            x, since = x + REPEAT_W, 0
        columns.append(Column(stage, touchpoint, x, width))
        x, since = x + width, since + 1
    return Frame(view, lanes, tuple(columns), x, max(x + PAD, MIN_WIDTH), tuple(repeats))
