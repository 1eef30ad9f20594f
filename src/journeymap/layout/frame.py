"""The frame of the swimlane: the map as shown, the lanes to draw, and the
columns of the grid (one per touchpoint, one for each empty stage), which
every part of the page lines up with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Journey, Stage, Touchpoint
from ..presentation import Presentation
from ..presentation.texts import Lane, lane_id
from .columns import column_width
from .styles import COL_W, LABEL_W, MIN_WIDTH, PAD


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
    columns: list[Column] = []
    x = PAD + LABEL_W
    for stage in view.journey.stages:
        here: list[Touchpoint | None] = list(stage.touchpoints) or [None]  # an empty stage keeps a column
        for touchpoint in here:
            width = column_width(view, touchpoint, lanes)
            columns.append(Column(stage, touchpoint, x, width))
            x += width
    return Frame(view, lanes, tuple(columns), x, max(x + PAD, MIN_WIDTH))
