"""The journey as the grid a spreadsheet holds (the shape `journeymap import
sheet` reads back): the title, then stages across one row and the map's
lanes down the first column, one column per touchpoint.

A cell holding a list has an item per line; channels are written by name
(the built-in ones in English, which the importer matches again), metrics
as `name: value unit / target`. A stage without touchpoints is a column
with only its name.
"""

from __future__ import annotations

from .. import builtins
from ..model import CustomLane, Journey, Metric, Touchpoint
from ..presentation.numbers import format_number
from .options import RenderOptions, presentation

Grid = list[list[str]]


def grid_rows(journey: Journey, options: RenderOptions) -> Grid:
    """Rows of cell texts: title row, blank row, stage row, one row per lane."""
    view = presentation(journey, options)
    columns: list[tuple[str, Touchpoint | None]] = []
    for stage in journey.stages:
        columns += [(stage.name, tp) for tp in stage.touchpoints] or [(stage.name, None)]
    rows: Grid = [[journey.title], [], [view.word("stage")] + [name for name, _ in columns]]
    for lane in view.lanes:
        title = lane.title if isinstance(lane, CustomLane) else view.lane_title(lane)
        rows.append([title] + ["" if tp is None else cell_text(journey, tp, lane) for _, tp in columns])
    return rows


def cell_text(journey: Journey, tp: Touchpoint, lane: object) -> str:
    """What one lane holds of one touchpoint, as the text of one cell."""
    if isinstance(lane, CustomLane):
        return tp.lanes.get(lane.id, "")
    if lane == "touchpoints":
        return tp.name
    if lane == "channels":
        return "\n".join(channel_label(journey, cid) for cid in tp.channels)
    if lane == "actions":
        return tp.action or ""
    if lane == "owners":
        return tp.owner or ""
    if lane == "emotions":
        if isinstance(tp.emotion, dict):
            return "\n".join(f"{pid}: {value}" for pid, value in tp.emotion.items())
        return "" if tp.emotion is None else str(tp.emotion)
    if lane == "metrics":
        return "\n".join(metric_text(name, metric) for name, metric in tp.metrics.items())
    if lane == "evidence":
        return "\n".join(ev.quote or ev.source or "" for ev in tp.evidence)
    value = getattr(tp, str(lane), None)
    return "\n".join(value) if isinstance(value, list) else ""


def channel_label(journey: Journey, channel_id: str) -> str:
    for channel in journey.channels:
        if channel.id == channel_id and channel.name:
            return channel.name
    if channel_id in builtins.BUILTIN_CHANNELS:
        return builtins.BUILTIN_CHANNELS[channel_id][0]
    return channel_id


def metric_text(name: str, metric: Metric) -> str:
    """`nps: 32 / 40`, `conversion: 3.5 % / 5`, `nps: / 40` (planned)."""
    text = f"{name}: " + ("" if metric.value is None else format_number(metric.value))
    if metric.unit:
        text += f" {metric.unit}"
    if metric.target is not None:
        text += f" / {format_number(metric.target)}"
    return text.rstrip()
