"""How wide a touchpoint's column is: by its content, within bounds.

A column is at least as wide as its longest unbreakable word (up to the
widest column; a longer word is hyphenated) and wide enough that its fullest
cell wraps to a few lines; never narrower than MIN_COL nor wider than MAX_COL."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ..model import CustomLane, Touchpoint
from ..presentation import Presentation
from ..presentation.texts import Lane, lane_id
from .fonts import text_width
from .styles import BODY, CELL_PAD, MAX_COL, MIN_COL, NAME

INSET = 6 + 2 * CELL_PAD + 16 + 2 * 2 + 1   # box inset, cell padding, a mark's indent, text padding
WORDS = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3"
                   r"\uf900-\ufaff\uff00-\uff60]|[^\s\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
                   r"\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]+")
LINES = 4.0                     # the lines a cell may take before the column widens


def lane_texts(view: Presentation, touchpoint: Touchpoint, lane: Lane) -> list[str]:
    """The texts a lane shows of a touchpoint (without the marks)."""
    kind = lane_id(lane)
    if isinstance(lane, CustomLane):
        value = touchpoint.lanes.get(lane.id)
        return [value] if value else []
    if kind == "touchpoints":
        channels = [view.channel_name(channel) for channel in touchpoint.channels]
        return [text for text in (touchpoint.name, *channels, touchpoint.duration, touchpoint.notes) if text]
    if kind == "actions":
        return [touchpoint.action] if touchpoint.action else []
    if kind == "owners":
        return [touchpoint.owner] if touchpoint.owner else []
    if kind == "metrics":
        return [view.metric(name, metric).sentence for name, metric in touchpoint.metrics.items()]
    if kind == "evidence":
        return [" ".join(part for part in (shown.quote, shown.source, shown.level_word) if part)
                for shown in map(view.evidence, touchpoint.evidence)]
    value = getattr(touchpoint, kind, None)
    return list(value) if isinstance(value, list) else []


def column_width(view: Presentation, touchpoint: Touchpoint | None, lanes: Sequence[Lane]) -> float:
    if touchpoint is None:
        return MIN_COL
    longest, fullest = 0.0, 0.0
    for lane in lanes:
        texts = lane_texts(view, touchpoint, lane)
        style = NAME if lane_id(lane) == "touchpoints" else BODY
        for text in texts:
            for word in WORDS.findall(text):  # a CJK character is a word of its own
                longest = max(longest, text_width(word, style.size, style.bold))
        fullest = max(fullest, sum(text_width(text, style.size, style.bold) for text in texts))
    wanted = max(longest, fullest / LINES) + INSET
    return float(min(MAX_COL, max(MIN_COL, math.ceil(wanted / 10) * 10)))
