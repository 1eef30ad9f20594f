"""The legend at the foot of the page: the faces of the scale, then every
mark the map may use (key touchpoint, indirect, met and missed, the levels of
evidence, the previous version's curve, the personas' colours), in rows as
wide as the page."""

from __future__ import annotations

from ..presentation.ids import id_of
from ..presentation.numbers import scale_position, scale_values, signed
from .fonts import text_width
from .frame import Frame
from .geometry import Group, Shape, text_block
from .styles import BODY, BOLD, FACE_R, PAD

EVIDENCE_LEVELS = ("observed", "reported", "inferred", "hypothesis")
ROW_HEIGHT = 22.0
MARK_W = 24.0        # the slot of a mark, before its label
LABEL_MAX_W = 240.0


def legend(frame: Frame, y: float) -> tuple[Group, float]:
    """The legend group and its bottom."""
    words = frame.words
    group = Group("legend", words["legend"])
    title = group.add(text_block(PAD, y, 200, words["legend"], BOLD, role="legend-title"))
    y += title.h + 4
    x = PAD
    row_height = ROW_HEIGHT
    for shape, label in _entries(frame):
        block_w = min(LABEL_MAX_W, text_width(label, BODY.size, BODY.bold) + 4)
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
    """(mark, label) of every entry, in reading order."""
    view, words, scale = frame.view, frame.words, frame.journey.scale
    entries = [(Shape("face", 0, 0, FACE_R, FACE_R, value=scale_position(value, scale)), signed(value))
               for value in scale_values(scale)]
    entries.append((Shape("star", 0, 0, 14, 14, fill="accent"), words["key_touchpoint"]))
    entries.append((Shape("rect", 0, 0, 18, 12, fill="card", stroke="border", dash="5 3", radius=3),
                    words["indirect"]))
    entries.append((Shape("verdict", 0, 0, 12, 12, d="met"), words["met"]))
    entries.append((Shape("verdict", 0, 0, 12, 12, d="missed"), words["missed"]))
    for level in EVIDENCE_LEVELS:
        entries.append((Shape("level", 0, 0, 12, 12, d=level), words["level." + level]))
    if view.previous:
        entries.append((Shape("line", 0, 0, 18, 0, stroke="muted", stroke_width=1.5, dash="5 4"),
                        words["previous"]))
    if len(view.curves) > 1:
        for persona in frame.journey.personas:
            entries.append((Shape("circle", 0, 0, 5, 5, colour=view.persona_colours[id_of(persona)]),
                            persona.name))
    return entries


def _place(shape: Shape, x: float, y: float) -> None:
    """Put a legend mark at (x, y) (top-left of an 18 x 18 slot)."""
    if shape.kind in ("face", "circle"):
        shape.x, shape.y = x + 9, y + 8
    elif shape.kind == "line":
        shape.x, shape.y = x, y + 8
    else:
        shape.x, shape.y = x + (18 - shape.w) / 2, y + 8 - shape.h / 2
