"""What one lane shows of one touchpoint: the cell's texts and marks, top to
bottom, and the box behind them."""

from __future__ import annotations

from ..model import CustomLane, Touchpoint
from ..presentation.ids import id_of
from ..presentation.texts import Lane, given, lane_id, quoted
from .frame import Column, Frame
from .geometry import Item, Shape, TextBlock, TextStyle, text_block
from .scripts import is_rtl
from .styles import BODY, CELL_PAD, NAME, NOTE, QUOTE, SMALL

# Lanes that list texts, one entry each, and the mark before an entry.
LISTS = {"thoughts": "", "feelings": "•", "pains": "•", "opportunities": "→", "physical_evidence": "•",
         "frontstage": "•", "backstage": "•", "support": "•"}
ENTRY_GAP = 3.0   # between the entries of a list


class _Cell:
    """Texts and marks stacked down a cell, each as tall as it wraps."""

    def __init__(self, x: float, y: float, w: float, role: str):
        self.x, self.y, self.w, self.role = x, y, w, role
        self.items: list[Item] = []
        self.marked: Shape | None = None     # the mark of the next text

    def text(self, text: str, style: TextStyle = BODY, indent: float = 0.0,
             role: str | None = None) -> TextBlock:
        """A text under the last; right to left, its mark and indent move to
        the right side, where the paragraph starts."""
        mark, self.marked = self.marked, None
        x = self.x + indent
        if indent and is_rtl(text):
            x = self.x
            if mark is not None:
                centred = mark.kind == "circle"
                mirrored = 2 * self.x + self.w - mark.x
                mark.x = mirrored if centred else mirrored - mark.w
        block = text_block(x, self.y, self.w - indent, text, style, role=role or self.role)
        self.items.append(block)
        self.y += block.h
        return block

    def mark(self, shape: Shape) -> None:
        self.items.append(shape)
        self.marked = shape


def cell(frame: Frame, column: Column, lane: Lane, y: float) -> tuple[float, list[Item]]:
    """(height, items) of one lane's cell in one column."""
    kind = lane_id(lane)
    content = _Cell(column.x + 3 + CELL_PAD, y + CELL_PAD, column.w - 6 - 2 * CELL_PAD, kind)
    tp = column.touchpoint
    if tp is None:
        if kind == "touchpoints":
            content.text("–", SMALL, role="empty-stage")
    elif kind == "touchpoints":
        _touchpoint(frame, tp, content)
    elif isinstance(lane, CustomLane):
        if tp.lanes.get(lane.id):
            content.text(tp.lanes[lane.id])
    elif kind == "channels":
        for channel_id in tp.channels:
            content.text(frame.view.channel_name(channel_id))
    elif kind in ("actions", "owners"):
        single = tp.action if kind == "actions" else tp.owner
        if single:
            content.text(single)
    elif kind in LISTS:
        _entries(kind, tp, content)
    elif kind == "metrics":
        _metrics(frame, tp, content)
    elif kind == "evidence":
        _evidence(frame, tp, content)
    return content.y - y + CELL_PAD, content.items


def cell_box(touchpoint: Touchpoint | None, x: float, y: float, w: float, h: float, card: bool) -> Shape:
    """The box behind a cell: in the touchpoints lane a card (outlined in the
    accent colour for a key touchpoint, dashed where it is indirect)."""
    if not card:
        return Shape("rect", x, y, w, h, fill="cell", radius=4)
    if touchpoint is None:
        return Shape("rect", x, y, w, h, fill="cell", radius=6)
    return Shape("rect", x, y, w, h, radius=6, fill="card", stroke="accent" if touchpoint.key else "border",
                 stroke_width=2.5 if touchpoint.key else 1.0,
                 dash="5 3" if touchpoint.control == "indirect" else None)


def _touchpoint(frame: Frame, tp: Touchpoint, content: _Cell) -> None:
    """Name (with a star if key), channel with its icon, details, and who
    takes part where not everyone does."""
    view, x = frame.view, content.x
    if tp.key:
        content.mark(Shape("star", x, content.y + 1, 14, 14, fill="accent"))
    content.text(tp.name, NAME, indent=18 if tp.key else 0, role="touchpoint")
    content.y += 2
    for channel_id in tp.channels:
        channel = frame.journey.channel(channel_id)
        if channel is not None and channel.icon:
            content.mark(Shape("icon", x, content.y, 14, 14, d=channel.icon, stroke="muted"))
        content.text(view.channel_name(channel_id), SMALL, indent=18, role="channel")
    extra = []
    if tp.control == "indirect":
        extra.append(view.word("indirect"))
    if tp.duration:
        extra.append(tp.duration)
    if extra:
        content.text(" · ".join(extra), SMALL, role="details")
    if given(tp.notes):
        content.text(tp.notes, NOTE, role="notes")
    for persona in view.participants(tp):
        colour = view.persona_colours[id_of(persona)]
        content.mark(Shape("circle", x + 4, content.y + 8, 4, 4, colour=colour))
        content.text(persona.name, SMALL, indent=12, role="participant")


def _entries(kind: str, tp: Touchpoint, content: _Cell) -> None:
    values: list[str] = getattr(tp, kind)
    for value in values:
        if kind == "thoughts":
            content.text(quoted(value), QUOTE)
        else:
            content.text(f"{LISTS[kind]} {value}")
        content.y += ENTRY_GAP


def _metrics(frame: Frame, tp: Touchpoint, content: _Cell) -> None:
    """`name: value unit`, and with a target `(target ≥ t unit: met)` beside
    a met/missed mark."""
    for name, metric in tp.metrics.items():
        shown = frame.view.metric(name, metric)
        text = f"{shown.name}: {shown.figure}"
        if shown.goal is not None:
            verdict = "met" if shown.met else "missed"
            content.mark(Shape("verdict", content.x, content.y + 2, 12, 12, d=verdict))
            content.text(f"{text} ({shown.target_label} {shown.goal}: {shown.verdict})", indent=16,
                         role="metric")
        else:
            content.text(text, role="metric")
        content.y += ENTRY_GAP


def _evidence(frame: Frame, tp: Touchpoint, content: _Cell) -> None:
    """`“quote” — source (level)` beside the level's mark."""
    for evidence in tp.evidence:
        shown = frame.view.evidence(evidence)
        parts = []
        if shown.quote is not None:
            parts.append(quoted(shown.quote))
        if shown.source is not None:
            parts.append(f"— {shown.source}")
        if shown.level is not None:
            parts.append(f"({shown.level_word})")
            content.mark(Shape("level", content.x, content.y + 2, 12, 12, d=shown.level))
        content.text(" ".join(parts), indent=16 if shown.level else 0, role="evidence")
        content.y += ENTRY_GAP
