"""The legend at the foot of the page: the marks this map uses and no other
(the faces of its values, key touchpoint, indirect, met and missed, the
levels of its evidence, bridges over touchpoints without a value, the
previous version's curve, the personas' colours). An entry is one line that
never breaks; rows wrap between entries."""

from __future__ import annotations

from ..presentation.ids import id_of
from ..presentation.numbers import SCALE_VALUES, scale_position, scale_values, signed
from ..presentation.texts import lane_id
from .emotion_curves import BRIDGE_DASH, MARKER_R, has_bridge, persona_dash, persona_marker
from .fonts import text_width
from .frame import Frame
from .geometry import Group, Shape, text_block
from .styles import BODY, BOLD, FACE_R, PAD

EVIDENCE_LEVELS = ("observed", "reported", "inferred", "hypothesis")
ROW_HEIGHT = 22.0
MARK_W = 24.0        # the slot of a mark, before its label


def legend(frame: Frame, y: float) -> tuple[Group, float]:
    """The legend group and its bottom."""
    words = frame.words
    group = Group("legend", words["legend"])
    title = group.add(text_block(PAD, y, 200, words["legend"], BOLD, role="legend-title"))
    y += title.h + 4
    x = PAD
    row_height = ROW_HEIGHT
    for shape, label in _entries(frame):
        # one unbreakable line, unless it is wider than the whole page
        block_w = min(frame.width - 2 * PAD - MARK_W, text_width(label, BODY.size, BODY.bold) + 5)
        if x + MARK_W + block_w > frame.width - PAD and x > PAD:
            x = PAD
            y += row_height
            row_height = ROW_HEIGHT
        _place(shape, x, y + 2)
        group.add(shape)
        block = group.add(text_block(x + MARK_W, y + 2, block_w, label, BODY, role="legend"))
        x += MARK_W + block_w + 16
        row_height = max(row_height, block.h + 6)
    return group, y + row_height


def _entries(frame: Frame) -> list[tuple[Shape, str]]:
    """(mark, label) of every mark the map uses, in reading order."""
    view, words, journey = frame.view, frame.words, frame.journey
    drawn = {lane_id(lane) for lane in frame.lanes}
    touchpoints = [tp for _, tp in journey.all_touchpoints()]
    entries: list[tuple[Shape, str]] = []
    if "emotions" in drawn:
        entries.extend((Shape("face", 0, 0, FACE_R, FACE_R, value=scale_position(value, journey.scale)),
                        signed(value)) for value in _values(frame))
    if any(tp.key for tp in touchpoints):
        entries.append((Shape("star", 0, 0, 14, 14, fill="accent"), words["key_touchpoint"]))
    if any(tp.control == "indirect" for tp in touchpoints):
        entries.append((Shape("rect", 0, 0, 18, 12, fill="card", stroke="border", dash="5 3", radius=3),
                        words["indirect"]))
    if "metrics" in drawn:
        verdicts = {metric.met for tp in touchpoints for metric in tp.metrics.values()}
        entries.extend((Shape("verdict", 0, 0, 12, 12, d=verdict), words[verdict])
                       for verdict, met in (("met", True), ("missed", False)) if met in verdicts)
    if "evidence" in drawn:
        levels = {evidence.level for tp in touchpoints for evidence in tp.evidence}
        entries.extend((Shape("level", 0, 0, 12, 12, d=level), words["level." + level])
                       for level in EVIDENCE_LEVELS if level in levels)
    if "emotions" in drawn and has_bridge(frame):
        entries.append((Shape("line", 0, 0, 18, 0, stroke="curve", stroke_width=1.75, dash=BRIDGE_DASH),
                        words["bridge"]))
    if "emotions" in drawn and view.previous:
        entries.append((Shape("line", 0, 0, 18, 0, stroke="muted", stroke_width=1.5, dash="5 4"),
                        words["previous"]))
    if len(view.curves) > 1 or any(view.participants(tp) for tp in touchpoints):
        curves = [pid for pid, _ in view.curves]
        for persona in journey.personas:
            pid, colour = id_of(persona), view.persona_colours[id_of(persona)]
            if "emotions" in drawn and len(curves) > 1 and pid in curves:
                # the curve's own dash through its marker, as on the chart
                number = curves.index(pid)
                mark = Shape("marker", 0, 0, 18, MARKER_R + 0.5, d=persona_marker(number), colour=colour,
                             dash=persona_dash(number))
            else:
                mark = Shape("circle", 0, 0, 5, 5, colour=colour)
            entries.append((mark, persona.name))
    return entries


def _values(frame: Frame) -> list[int]:
    """The values the map gives, ascending (the named values of the scale
    where it gives more than a legend names)."""
    view = frame.view
    used = sorted({value for _, tp in frame.journey.all_touchpoints() for pid, _ in view.curves
                   if (value := view.emotion(tp, pid)) is not None})
    return used if len(used) <= SCALE_VALUES else scale_values(frame.journey.scale)


def _place(shape: Shape, x: float, y: float) -> None:
    """Put a legend mark at (x, y) (top-left of an 18 x 18 slot)."""
    if shape.kind in ("face", "circle", "marker"):
        shape.x, shape.y = x + 9, y + 8
    elif shape.kind == "line":
        shape.x, shape.y = x, y + 8
    else:
        shape.x, shape.y = x + (18 - shape.w) / 2, y + 8 - shape.h / 2
