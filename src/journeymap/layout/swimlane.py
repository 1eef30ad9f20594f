"""Where everything of the swimlane journey map goes.

Top to bottom: a header (title, map type, scenario, expectations), the
persona cards, the grid (phase bands, stage headers, one row per lane with a
column per touchpoint) and the legend. Every text is wrapped to its box by
measured width and every box grows to fit what it holds, so rows take the
height of their tallest cell; nothing is placed over anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from ..model import CustomLane, Journey, Persona, Stage, Touchpoint
from ..presentation.formatting import (channel_name, format_number, lane_id, lane_title, scale_position,
                                scale_values, signed)
from .geometry import Drawing, Group, Shape, TextStyle, text_block

PAD = 24.0            # around the page
GAP = 12.0            # between blocks
LABEL_W = 160.0       # the lane-title column
COL_W = 200.0         # one touchpoint column
CELL_PAD = 8.0
CARD_W = 300.0        # a persona card
CHART_H = 140.0       # the emotion chart inside its lane
FACE_R = 9.0
MIN_ROW = 36.0
LINE_BAND = 22.0      # the band a blueprint line and its label take

TITLE = TextStyle(24, bold=True)
SUBTITLE = TextStyle(12, colour="muted")
BODY = TextStyle(12)
BOLD = TextStyle(12, bold=True)
SMALL = TextStyle(11, colour="muted")
SMALL_BOLD = TextStyle(11, bold=True)
HEADING = TextStyle(14, bold=True)
NAME = TextStyle(13, bold=True)
QUOTE = TextStyle(12, italic=True)
LINE_LABEL = TextStyle(10, italic=True, colour="muted")
AVATAR = TextStyle(13, bold=True)

PERSONA_COLOURS = ("#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#0550ae", "#a40e26")

BLUEPRINT_LINES = (  # (the lane below the line, its word key)
    ("frontstage", "line.interaction"),
    ("backstage", "line.visibility"),
    ("support", "line.internal"),
)


@dataclass
class Column:
    """One touchpoint's column (or an empty stage's placeholder)."""

    stage: Stage
    touchpoint: Optional[Touchpoint]
    x: float


def persona_colour(journey: Journey, index: int) -> str:
    persona = journey.personas[index]
    return persona.color or PERSONA_COLOURS[index % len(PERSONA_COLOURS)]


def layout(journey: Journey, words: Mapping[str, str], lanes: Sequence,
           compare: Optional[Mapping[str, Mapping[str, int]]] = None) -> Drawing:
    """`compare` maps touchpoint ids to the emotions of a previous version
    ({persona id, or "" for everyone: value}), drawn as a faint curve."""
    return _Layout(journey, words, list(lanes), compare).run()


class _Layout:
    def __init__(self, journey: Journey, words: Mapping[str, str], lanes: list, compare=None):
        self.j = journey
        self.words = words
        self.compare = compare
        # Columns need their touchpoint's name even where the lanes leave it out
        # (a service blueprint's defaults): it then heads the grid.
        if "touchpoints" not in [lane_id(lane) for lane in lanes]:
            lanes = ["touchpoints"] + list(lanes)
        self.lanes = lanes
        self.columns: list[Column] = []
        x = PAD + LABEL_W
        for stage in journey.stages:
            for tp in stage.touchpoints or [None]:
                self.columns.append(Column(stage, tp, x))
                x += COL_W
        self.grid_right = x
        self.width = max(x + PAD, 960.0)
        self.groups: list[Group] = []

    # ------------------------------------------------------------------ whole page

    def run(self) -> Drawing:
        y = PAD
        y = self._header(y) + GAP
        if self.j.personas:
            y = self._personas(y) + GAP * 1.5
        y = self._grid(y) + GAP * 1.5
        y = self._legend(y) + PAD
        return Drawing(round(self.width, 1), round(y, 1), self.groups)

    def _header(self, y: float) -> float:
        group = Group("header", self.j.title)
        self.groups.append(group)
        inner = self.width - 2 * PAD
        block = group.add(text_block(PAD, y, inner, self.j.title, TITLE, role="title"))
        y += block.h + 4
        meta = [self.words["type." + self.j.type]]
        for key in ("owner", "version", "updated"):
            value = getattr(self.j, key)
            if value:
                meta.append(f"{self.words[key]}: {value}")
        block = group.add(text_block(PAD, y, inner, " · ".join(meta), SUBTITLE, role="meta"))
        y += block.h
        if self.j.scenario:
            y += 6
            block = group.add(text_block(PAD, y, inner, f"{self.words['scenario']}: {self.j.scenario}",
                                         BODY, role="scenario"))
            y += block.h
        if self.j.description:
            y += 4
            block = group.add(text_block(PAD, y, inner, self.j.description, BODY, role="description"))
            y += block.h
        if self.j.expectations:
            y += 4
            text = f"{self.words['expectations']}: " + " · ".join(self.j.expectations)
            block = group.add(text_block(PAD, y, inner, text, BODY, role="expectations"))
            y += block.h
        return y

    # ------------------------------------------------------------------ personas

    def _personas(self, top: float) -> float:
        group = Group("personas", self.words["personas"])
        self.groups.append(group)
        per_row = max(1, int((self.width - 2 * PAD + GAP) // (CARD_W + GAP)))
        y = top
        for start in range(0, len(self.j.personas), per_row):
            row = list(enumerate(self.j.personas))[start:start + per_row]
            cards = [self._persona_card(i, p, PAD + n * (CARD_W + GAP), y) for n, (i, p) in enumerate(row)]
            height = max(h for h, _ in cards)
            for n, (h, items) in enumerate(cards):
                index = row[n][0]
                card = Group(f"persona-{row[n][1].id}", row[n][1].name)
                card.add(Shape("rect", PAD + n * (CARD_W + GAP), y, CARD_W, height, fill="panel",
                               stroke="border", radius=8))
                card.add(Shape("rect", PAD + n * (CARD_W + GAP), y, 6, height, radius=3,
                               colour=persona_colour(self.j, index)))
                for item in items:
                    card.add(item)
                group.add(card)
            y += height + GAP
        return y - GAP

    def _persona_card(self, index: int, persona: Persona, x: float, y: float):
        items: list = []
        inner_x = x + 16
        inner_w = CARD_W - 16 - 12
        cy = y + 12
        avatar = _avatar(persona)
        items.append(Shape("circle", inner_x + 18, cy + 18, 18, 18, fill="panel_alt", stroke="border"))
        items.append(text_block(inner_x + 2, cy + 9, 32, avatar, AVATAR, align="middle", role="avatar"))
        name_x = inner_x + 44
        name = text_block(name_x, cy, inner_w - 44, persona.name, HEADING, role="persona-name")
        items.append(name)
        ny = cy + name.h
        if persona.role:
            role = text_block(name_x, ny, inner_w - 44, persona.role, SMALL, role="persona-role")
            items.append(role)
            ny += role.h
        cy = max(ny, cy + 36 + 9) + 6
        if persona.quote:
            quote = text_block(inner_x, cy, inner_w, _quoted(persona.quote), QUOTE, role="quote")
            items.append(quote)
            cy += quote.h + 6
        for key in ("goals", "needs", "frustrations", "motivations", "behaviors"):
            values = getattr(persona, key)
            if not values:
                continue
            label = text_block(inner_x, cy, inner_w, self.words[key], SMALL_BOLD, role=f"{key}-title")
            items.append(label)
            cy += label.h
            for value in values:
                entry = text_block(inner_x, cy, inner_w, f"• {value}", BODY, role=key)
                items.append(entry)
                cy += entry.h
            cy += 4
        if persona.demographics:
            text = ", ".join(f"{k}: {v if isinstance(v, str) else format_number(v)}"
                             for k, v in persona.demographics.items())
            block = text_block(inner_x, cy, inner_w, text, SMALL, role="demographics")
            items.append(block)
            cy += block.h + 4
        return cy + 8 - y, items

    # ------------------------------------------------------------------ the grid

    def _grid(self, top: float) -> float:
        group = Group("grid", self.words["stage"])
        self.groups.append(group)
        y = top
        if any(stage.phase for stage in self.j.stages):
            y = self._phases(group, y) + 4
        y = self._stage_headers(group, y) + 4
        blueprint_lanes = {lane_id(lane) for lane in self.lanes}
        for index, lane in enumerate(self.lanes):
            kind = lane_id(lane)
            for below, word in BLUEPRINT_LINES:
                if kind == below and index > 0 and self.j.type == "service-blueprint" \
                        and below in blueprint_lanes:
                    y = self._blueprint_line(group, y, self.words[word])
            if kind == "emotions":
                y = self._emotion_lane(group, lane, y)
            else:
                y = self._lane(group, lane, y)
            y += 4
        return y - 4

    def _stage_spans(self) -> list[tuple[Stage, float, float]]:
        spans: list[tuple[Stage, float, float]] = []
        for column in self.columns:
            if spans and spans[-1][0] is column.stage:
                stage, left, _ = spans[-1]
                spans[-1] = (stage, left, column.x + COL_W)
            else:
                spans.append((column.stage, column.x, column.x + COL_W))
        return spans

    def _phases(self, group: Group, y: float) -> float:
        bands: list[tuple[Optional[str], float, float]] = []
        for stage, left, right in self._stage_spans():
            if bands and stage.phase is not None and bands[-1][0] == stage.phase:
                bands[-1] = (stage.phase, bands[-1][1], right)
            else:
                bands.append((stage.phase, left, right))
        blocks = []
        for phase, left, right in bands:
            if phase is None:
                continue
            blocks.append(text_block(left + 2, y, right - left - 4, phase, SMALL_BOLD, padding=5,
                                     fill="panel_alt", role="phase"))
        height = max(b.h for b in blocks)
        for block in blocks:
            block.h = height
            group.add(block)
        return y + height

    def _stage_headers(self, group: Group, y: float) -> float:
        made = []
        for stage, left, right in self._stage_spans():
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
        height = max(n.h + (g.h if g else 0) for _, n, g in made)
        for header, name, goal in made:
            header.items.insert(0, Shape("rect", name.x, y, name.w, height, fill="stage", radius=6))
        return y + height

    def _lane_label(self, group: Group, lane, y: float, height: float) -> None:
        group.add(Shape("rect", PAD, y, LABEL_W - 4, height, fill="panel_alt", radius=4))
        group.add(text_block(PAD, y, LABEL_W - 4, lane_title(lane, self.words), BOLD, padding=8,
                             role="lane-title"))

    def _blueprint_line(self, group: Group, y: float, label: str) -> float:
        block = text_block(PAD, y + 2, LABEL_W - 4, label, LINE_LABEL, padding=2, role="blueprint-line")
        height = max(LINE_BAND, block.h + 4)
        middle = y + height / 2
        group.add(Shape("line", PAD + LABEL_W, middle, self.grid_right - PAD - LABEL_W, 0, stroke="accent",
                        stroke_width=1.5, dash="6 4"))
        group.add(block)
        return y + height + 2

    def _lane(self, group: Group, lane, y: float) -> float:
        kind = lane_id(lane)
        cells = [self._cell(column, lane, kind, y) for column in self.columns]
        height = max([MIN_ROW] + [h for h, _ in cells])
        row = Group(f"lane-{kind}", lane_title(lane, self.words))
        self._lane_label(row, lane, y, height)
        for column, (_, items) in zip(self.columns, cells):
            card_style = self._card_style(column.touchpoint) if kind == "touchpoints" else None
            if card_style:
                row.add(Shape("rect", column.x + 3, y, COL_W - 6, height, radius=6, **card_style))
            else:
                row.add(Shape("rect", column.x + 3, y, COL_W - 6, height, fill="cell", radius=4))
            for item in items:
                row.add(item)
        group.add(row)
        return y + height

    def _card_style(self, tp: Optional[Touchpoint]) -> dict:
        if tp is None:
            return {"fill": "cell"}
        style = {"fill": "card", "stroke": "accent" if tp.key else "border",
                 "stroke_width": 2.5 if tp.key else 1.0}
        if tp.control == "indirect":
            style["dash"] = "5 3"
        return style

    def _cell(self, column: Column, lane, kind: str, y: float):
        """(height, items) of one lane's cell in one column."""
        x, w = column.x + 3 + CELL_PAD, COL_W - 6 - 2 * CELL_PAD
        tp = column.touchpoint
        items: list = []
        cy = y + CELL_PAD
        if tp is None:
            if kind == "touchpoints":
                block = text_block(x, cy, w, "–", SMALL, role="empty-stage")
                items.append(block)
                cy += block.h
            return cy - y + CELL_PAD, items

        def add_text(text: str, style: TextStyle = BODY, indent: float = 0.0, role: str = kind):
            nonlocal cy
            block = text_block(x + indent, cy, w - indent, text, style, role=role)
            items.append(block)
            cy += block.h
            return block

        if kind == "touchpoints":
            icon_name = None
            channel = self.j.channel(tp.channel)
            if channel is not None:
                icon_name = channel.icon
            if tp.key:
                items.append(Shape("star", x, cy + 1, 14, 14, fill="accent"))
            name = text_block(x + (18 if tp.key else 0), cy, w - (18 if tp.key else 0), tp.name, NAME,
                              role="touchpoint")
            items.append(name)
            cy += name.h + 2
            if tp.channel:
                if icon_name:
                    items.append(Shape("icon", x, cy, 14, 14, d=icon_name, stroke="muted"))
                add_text(channel_name(self.j, tp.channel, self.words), SMALL, indent=18, role="channel")
            extra = []
            if tp.control == "indirect":
                extra.append(self.words["indirect"])
            if tp.duration:
                extra.append(tp.duration)
            if extra:
                add_text(" · ".join(extra), SMALL, role="details")
            everyone = [p.id for p in self.j.personas]
            if len(everyone) > 1 and set(tp.personas) != set(everyone):
                for pid in tp.personas:
                    index = everyone.index(pid)
                    items.append(Shape("circle", x + 4, cy + 8, 4, 4, colour=persona_colour(self.j, index)))
                    add_text(self.j.personas[index].name, SMALL, indent=12, role="participant")
        elif isinstance(lane, CustomLane):
            if tp.lanes.get(lane.id):
                add_text(tp.lanes[lane.id])
        elif kind == "channels":
            if tp.channel:
                add_text(channel_name(self.j, tp.channel, self.words))
        elif kind == "actions":
            if tp.action:
                add_text(tp.action)
        elif kind == "owners":
            if tp.owner:
                add_text(tp.owner)
        elif kind in ("thoughts", "feelings", "pains", "opportunities", "physical_evidence",
                      "frontstage", "backstage", "support"):
            values = getattr(tp, kind)
            mark = {"opportunities": "→"}.get(kind, "•")
            for value in values:
                if kind == "thoughts":
                    add_text(_quoted(value), QUOTE)
                else:
                    add_text(f"{mark} {value}")
                cy += 3
        elif kind == "metrics":
            for name, metric in tp.metrics.items():
                unit = f" {metric.unit}" if metric.unit else ""
                text = f"{name}: {format_number(metric.value)}{unit}"
                if metric.target is not None:
                    sign = "≥" if metric.better == "higher" else "≤"
                    verdict = self.words["met"] if metric.met else self.words["missed"]
                    items.append(Shape("verdict", x, cy + 2, 12, 12, d="met" if metric.met else "missed"))
                    text += f" ({self.words['target']} {sign} {format_number(metric.target)}{unit}: {verdict})"
                    add_text(text, indent=16, role="metric")
                else:
                    add_text(text, role="metric")
                cy += 3
        elif kind == "evidence":
            sources = {s.id: s for s in self.j.sources}
            for evidence in tp.evidence:
                parts = []
                if evidence.quote:
                    parts.append(_quoted(evidence.quote))
                source = sources.get(evidence.source)
                if source is not None:
                    parts.append(f"— {source.title or source.id}")
                if evidence.level:
                    parts.append(f"({self.words['level.' + evidence.level]})")
                    items.append(Shape("level", x, cy + 2, 12, 12, d=evidence.level))
                add_text(" ".join(parts), indent=16 if evidence.level else 0, role="evidence")
                cy += 3
        return cy - y + CELL_PAD, items

    # ------------------------------------------------------------------ the emotion curve

    def _emotion_lane(self, group: Group, lane, y: float) -> float:
        scale = self.j.scale
        row = Group("lane-emotions", lane_title(lane, self.words))
        chart_top = y + 14
        chart_bottom = chart_top + CHART_H - 28

        def y_of(value: float) -> float:
            return chart_bottom - scale_position(value, scale) * (chart_bottom - chart_top)

        personas = self._curve_personas()
        # Text under the chart: per-persona scores, or a note where none was given.
        notes: list[tuple[Column, list[tuple[str, TextStyle, Optional[str]]]]] = []
        for column in self.columns:
            entries = []
            tp = column.touchpoint
            if tp is not None:
                values = [(pid, self._emotion(tp, pid)) for pid, _ in personas]
                if all(v is None for _, v in values):
                    entries.append((self.words["no_emotion"], SMALL, None))
                elif len(personas) > 1:
                    for (pid, colour), (_, value) in zip(personas, values):
                        if value is not None:
                            name = next(p.name for p in self.j.personas if p.id == pid)
                            entries.append((f"{name} {signed(value)}", SMALL, colour))
                else:
                    entries.append((signed(values[0][1]) if values[0][1] is not None else "", BOLD, None))
            notes.append((column, entries))
        blocks_per_column = []
        for column, entries in notes:
            cy = chart_bottom + 16
            blocks = []
            for text, style, colour in entries:
                if not text:
                    continue
                indent = 12 if colour else 0
                block = text_block(column.x + CELL_PAD + indent, cy, COL_W - 2 * CELL_PAD - indent, text,
                                   style, role="emotion-value", align="start")
                blocks.append((block, colour))
                cy += block.h
            blocks_per_column.append((blocks, cy))
        height = max([CHART_H] + [cy - y + 8 for _, cy in blocks_per_column])
        row.add(Shape("rect", PAD, y, LABEL_W - 4, height, fill="panel_alt", radius=4))
        row.add(text_block(PAD, y, LABEL_W - 60, lane_title(lane, self.words), BOLD, padding=8,
                           role="lane-title"))
        row.add(Shape("rect", PAD + LABEL_W + 3, y, self.grid_right - PAD - LABEL_W - 6, height,
                      fill="cell", radius=4))
        # Scale: labels at the values that have room (the ends and zero first,
        # then round values between, as many as the chart's height holds), grid lines.
        labelled: list[int] = []
        room = text_block(0, 0, 44, "0", SMALL).h
        fits = max(2, int((chart_bottom - chart_top) // room) + 1)
        for value in [scale.max, scale.min, 0] + scale_values(scale, fits)[::-1]:
            if scale.min <= value <= scale.max and value not in labelled and \
                    all(abs(y_of(value) - y_of(other)) >= room for other in labelled):
                labelled.append(value)
        for value in sorted(labelled, reverse=True):
            label_y = y_of(value)
            row.add(text_block(PAD + LABEL_W - 52, label_y - room / 2, 44, signed(value), SMALL,
                               align="end", role="scale-label"))
            row.add(Shape("line", PAD + LABEL_W + 3, label_y, self.grid_right - PAD - LABEL_W - 6, 0,
                          stroke="grid", stroke_width=0.5 if value else 1.0,
                          dash=None if value == 0 else "2 4"))
        if self.compare:
            self._previous_curves(row, personas, y_of, chart_top, chart_bottom)
        # One curve per persona (or one for everyone), broken where a value is missing.
        for number, (pid, colour) in enumerate(personas):
            offset = (number - (len(personas) - 1) / 2) * 2 * (FACE_R + 1) if len(personas) > 1 else 0.0
            points: list[Optional[tuple[float, float, float]]] = []
            for column in self.columns:
                value = self._emotion(column.touchpoint, pid) if column.touchpoint else None
                if value is None:
                    points.append(None)
                else:
                    points.append((column.x + COL_W / 2 + offset, y_of(value),
                                   scale_position(value, scale)))
            for run in _runs(points):
                row.add(Shape("path", d=_smooth_path([(px, py) for px, py, _ in run], chart_top, chart_bottom),
                              stroke=None if colour else "curve", colour=colour, stroke_width=2.5))
            for point in points:
                if point is not None:
                    px, py, position = point
                    row.add(Shape("face", px, py, FACE_R, FACE_R, value=position, colour=colour))
        for blocks, _ in blocks_per_column:
            for block, colour in blocks:
                if colour:
                    row.add(Shape("circle", block.x - 8, block.y + block.h / 2, 4, 4, colour=colour))
                row.add(block)
        group.add(row)
        return y + height

    def _previous_curves(self, row: Group, personas, y_of, top: float, bottom: float) -> None:
        """The previous version's curve(s), faint and dashed, under today's."""
        for pid, colour in personas:
            points: list[Optional[tuple[float, float, float]]] = []
            for column in self.columns:
                before = self.compare.get(column.touchpoint.id) if column.touchpoint else None
                value = None if before is None else before.get(pid or "", before.get(""))
                points.append(None if value is None else (column.x + COL_W / 2, y_of(value), 0.0))
            for run in _runs(points):
                row.add(Shape("path", d=_smooth_path([(px, py) for px, py, _ in run], top, bottom),
                              stroke="muted", stroke_width=1.5, dash="5 4"))
                for px, py, _ in run:
                    row.add(Shape("circle", px, py, 3.5, 3.5, fill="background", stroke="muted"))

    def _curve_personas(self) -> list[tuple[Optional[str], Optional[str]]]:
        """[(persona id, colour)] of the curves to draw: one per persona when
        emotions are given per persona, else a single curve."""
        per_persona = any(isinstance(tp.emotion, dict) for _, tp in self.j.all_touchpoints())
        if not per_persona or not self.j.personas:
            return [(None, None)]
        return [(p.id, persona_colour(self.j, i)) for i, p in enumerate(self.j.personas)]

    def _emotion(self, tp: Touchpoint, persona_id: Optional[str]) -> Optional[int]:
        if isinstance(tp.emotion, dict):
            return tp.emotion.get(persona_id) if persona_id else None
        if persona_id is not None and persona_id not in tp.personas:
            return None
        return tp.emotion

    # ------------------------------------------------------------------ legend

    def _legend(self, y: float) -> float:
        group = Group("legend", self.words["legend"])
        self.groups.append(group)
        title = group.add(text_block(PAD, y, 200, self.words["legend"], BOLD, role="legend-title"))
        y += title.h + 4
        entries: list[tuple[Shape, str]] = []
        scale = self.j.scale
        for value in scale_values(scale):
            entries.append((Shape("face", 0, 0, FACE_R, FACE_R, value=scale_position(value, scale)),
                            signed(value)))
        entries.append((Shape("star", 0, 0, 14, 14, fill="accent"), self.words["key_touchpoint"]))
        entries.append((Shape("rect", 0, 0, 18, 12, fill="card", stroke="border", dash="5 3", radius=3),
                        self.words["indirect"]))
        entries.append((Shape("verdict", 0, 0, 12, 12, d="met"), self.words["met"]))
        entries.append((Shape("verdict", 0, 0, 12, 12, d="missed"), self.words["missed"]))
        for level in ("observed", "reported", "inferred", "hypothesis"):
            entries.append((Shape("level", 0, 0, 12, 12, d=level), self.words["level." + level]))
        if self.compare:
            entries.append((Shape("line", 0, 0, 18, 0, stroke="muted", stroke_width=1.5, dash="5 4"),
                            self.words["previous"]))
        if len(self._curve_personas()) > 1:
            for index, persona in enumerate(self.j.personas):
                entries.append((Shape("circle", 0, 0, 5, 5, colour=persona_colour(self.j, index)),
                                persona.name))
        x = PAD
        row_height = 22.0
        for shape, label in entries:
            block_w = min(240.0, _line_width(label) + 4)
            if x + 24 + block_w > self.width - PAD and x > PAD:
                x = PAD
                y += row_height
                row_height = 22.0
            _place(shape, x, y + 2)
            group.add(shape)
            block = text_block(x + 24, y + 2, block_w, label, BODY, role="legend")
            group.add(block)
            x += 24 + block_w + 16
            row_height = max(row_height, block.h + 6)
        return y + row_height


def _quoted(text: str) -> str:
    """In quotation marks, unless the text brings its own."""
    return text if text[:1] in "“\"«„「『‘'" else f"“{text}”"


def _avatar(persona: Persona) -> str:
    """An emoji or a short text that fits the avatar circle on one line."""
    from .fonts import text_width
    from .wrap import graphemes

    text = persona.avatar or "".join(part[:1] for part in persona.name.split()[:2]) or "?"
    clusters = list(graphemes(text.strip() or "?"))
    for count in (3, 2, 1):
        candidate = "".join(clusters[:count])
        if text_width(candidate, AVATAR.size, AVATAR.bold) <= 28:  # the box is 32, padding 2
            return candidate
    return "?"


def _line_width(text: str) -> float:
    from .fonts import text_width

    return text_width(text, BODY.size, BODY.bold)


def _place(shape: Shape, x: float, y: float) -> None:
    """Put a legend mark at (x, y) (top-left of an 18 x 18 slot)."""
    if shape.kind in ("face", "circle"):
        shape.x, shape.y = x + 9, y + 8
    elif shape.kind == "line":
        shape.x, shape.y = x, y + 8
    else:
        shape.x, shape.y = x + (18 - shape.w) / 2, y + 8 - shape.h / 2


def _runs(points):
    run = []
    for point in points:
        if point is None:
            if run:
                yield run
            run = []
        else:
            run.append(point)
    if run:
        yield run


def _smooth_path(points: list[tuple[float, float]], top: float, bottom: float) -> str:
    """A Catmull-Rom curve through the points as cubic Béziers; control points
    are kept inside the chart so the curve never leaves it."""
    def fmt(value: float) -> str:
        return f"{value:.1f}"

    if len(points) == 1:
        x, y = points[0]
        return f"M{fmt(x - 6)},{fmt(y)}L{fmt(x + 6)},{fmt(y)}"
    d = f"M{fmt(points[0][0])},{fmt(points[0][1])}"
    for i in range(len(points) - 1):
        p0 = points[i - 1] if i > 0 else points[i]
        p1, p2 = points[i], points[i + 1]
        p3 = points[i + 2] if i + 2 < len(points) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, min(bottom, max(top, p1[1] + (p2[1] - p0[1]) / 6)))
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, min(bottom, max(top, p2[1] - (p3[1] - p1[1]) / 6)))
        d += f"C{fmt(c1[0])},{fmt(c1[1])} {fmt(c2[0])},{fmt(c2[1])} {fmt(p2[0])},{fmt(p2[1])}"
    return d
