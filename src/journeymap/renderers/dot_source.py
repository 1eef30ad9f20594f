"""The DOT source of the touchpoint flow, in pure Python and deterministic
to the byte.

One cluster per stage (inside one per phase), one node per touchpoint
coloured by emotion, edges from `next` or to the following touchpoint.

Layout: a back-edge (to an earlier touchpoint) is written from its target to
its source with `dir=back` and `constraint=false`: it points where it should
but takes no part in ranking, so the stages stay in order from left to right
and Graphviz never has to break cycles; invisible edges chain the stages.
Large maps also bound the layout's network-simplex effort, which is what lets
`dot` lay out thousands of nodes with long back-edges in seconds
(see benchmarks/bench_flow.py).
"""

from __future__ import annotations

import warnings

from ..model import Journey, Scale, Stage, Touchpoint
from ..presentation import Presentation
from ..presentation.ids import id_of
from ..presentation.numbers import signed
from .dot_text import (
    ELLIPSIS,
    SHORT_TEXT_BYTES,
    TEXT_BYTES,
    attrs,
    cluster_name,
    cut,
    empty_name,
    label_escape,
    label_text,
    named,
    node_name,
    q,
    quoted_escape,
    title_name,
)
from .markup import xml_escape
from .options import RenderOptions, presentation
from .theme import emotion_colour, emotion_text_colour, theme

# fontconfig takes a list: the swimlane's fonts, ending in a generic family.
# No emoji font is named: Pango then draws digits and spaces with it (grey,
# spaced keycap digits); fontconfig's fallback still finds it for emoji.
DOT_FONT = "DejaVu Sans,Noto Sans CJK SC,sans-serif"
LARGE_GRAPH = 300  # touchpoints above which layout effort is bounded
LEGEND_CELLS = 21  # a wider custom scale is shown by evenly spaced values


class FlowWarning(UserWarning):
    """Something the user should know about an artifact that was still made."""


def build_dot(journey: Journey, options: RenderOptions) -> str:
    """The DOT source of the flow (with a FlowWarning if texts were cut)."""
    builder = _Builder(presentation(journey, options), options)
    source = builder.build()
    if builder.cut_texts:
        warnings.warn(FlowWarning(_cut_warning(list(builder.cut_texts))), stacklevel=2)
    return source


def legend_values(scale: Scale) -> list[int]:
    """Every value of the scale, or evenly spaced ones for a very wide scale."""
    count = scale.max - scale.min + 1
    if count <= LEGEND_CELLS:
        return list(range(scale.min, scale.max + 1))
    step = (scale.max - scale.min) / (LEGEND_CELLS - 1)
    return sorted({scale.min + round(step * i) for i in range(LEGEND_CELLS)})


def _cut_warning(what: list[str], shown: int = 10) -> str:
    listed = ", ".join(what[:shown]) + (f" and {len(what) - shown} more" if len(what) > shown else "")
    return (f"{len(what)} text{'' if len(what) == 1 else 's'} too long for a Graphviz label "
            f"{'was' if len(what) == 1 else 'were'} cut short, ending with {ELLIPSIS}: {listed}")


class _Builder:
    def __init__(self, view: Presentation, options: RenderOptions):
        self.view = view
        self.journey = view.journey
        self.palette = theme(options.theme)
        flow = options.flow
        self.direction = "TB" if flow.direction.upper() in ("TB", "TD") else "LR"
        self.chosen = frozenset(flow.personas) if flow.personas else None
        self.edge_labels = flow.edge_labels
        self.lines: list[str] = []
        self.cut_texts: dict[str, None] = {}  # what was cut, in order, once each

    def _fit(self, text: str, what: str, budget: int = TEXT_BYTES) -> str:
        """`text` cut to fit a label, remembering `what` it was if cut."""
        fitted, was_cut = cut(text, budget)
        if was_cut:
            self.cut_texts[what] = None
        return fitted

    def build(self) -> str:
        p = self.palette
        font = DOT_FONT
        self.lines = ["digraph journey {"]
        self.lines.append("  graph " + attrs({
            "bgcolor": p.background, "compound": "true", "fontcolor": p.text, "fontname": font,
            "fontsize": "12", "label": self._title(), "labeljust": "l", "labelloc": "t",
            "newrank": "true", "nodesep": "0.25", "rankdir": self.direction, "ranksep": "0.45",
            "outputorder": "edgesfirst", **self._large_graph_limits()}) + ";")
        self.lines.append("  node " + attrs({
            "color": p.border, "fontcolor": p.text, "fontname": font, "fontsize": "11",
            "margin": "0.10,0.05", "penwidth": "1", "shape": "box", "style": "rounded,filled"}) + ";")
        self.lines.append("  edge " + attrs({
            "arrowsize": "0.7", "color": p.edge, "fontcolor": p.muted, "fontname": font,
            "fontsize": "9"}) + ";")
        self._clusters()
        self._edges()
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def _large_graph_limits(self) -> dict[str, str]:
        """Long back-edges across hundreds of ranks become tens of thousands of
        virtual nodes, and Graphviz then spends minutes placing them; bounding
        its network-simplex passes keeps a 1,000-touchpoint map to seconds with
        the same ranks (benchmarks/bench_flow.py)."""
        count = sum(len(stage.touchpoints) for stage in self.journey.stages)
        if count <= LARGE_GRAPH:
            return {}
        limit = f"{max(0.1, min(0.5, 300 / count)):.2f}"
        return {"nslimit": limit, "nslimit1": limit}

    # Clusters and nodes ---------------------------------------------------------------

    def _clusters(self) -> None:
        groups: list[tuple[str | None, list[Stage]]] = []
        for stage in self.journey.stages:
            if groups and stage.phase is not None and groups[-1][0] == stage.phase:
                groups[-1][1].append(stage)
            else:
                groups.append((stage.phase, [stage]))
        for number, (phase, stages) in enumerate(groups):
            indent = "  "
            if phase is not None:
                self.lines.append(f"  subgraph {q(f'cluster_phase_{number}')} {{")
                self.lines.append("    graph " + attrs({
                    "bgcolor": self.palette.panel_alt, "color": self.palette.border, "label": "",
                    "style": "rounded"}) + ";")
                title = f"phase:{number}"
                self.lines.append(f"    {q(title)} " + attrs({
                    "fontcolor": self.palette.muted, "label": self._phase_label(phase, stages[0]),
                    "shape": "plaintext", "style": "solid", "tooltip": self._tooltip(phase, None)}) + ";")
                indent = "    "
            for stage in stages:
                self._stage(stage, indent)
            if phase is not None:
                self._above(title, title_name(stages[0]), "    ")
                self.lines.append("  }")

    def _above(self, title: str, first: str, indent: str) -> None:
        """`title` placed over `first`: left to right, in the same rank, ordered by
        an edge between them (dot turns a rank's left-to-right into bottom-to-top);
        top to bottom, an edge's length above."""
        tail, head = (first, title) if self.direction == "LR" else (title, first)
        if self.direction == "LR":
            self.lines.append(f"{indent}{{rank=same; {q(title)}; {q(first)};}}")
        self.lines.append(f"{indent}{q(tail)} -> {q(head)} " + attrs({"style": "invis", "weight": "3"}) + ";")

    def _phase_label(self, phase: str, first: Stage) -> str:
        text = self._fit(phase, named("the phase of stage", id_of(first)))
        return f"<<i>{label_text(text, 60)}</i>>"

    def _stage(self, stage: Stage, indent: str) -> None:
        what = named("stage", id_of(stage))
        label = f"<b>{label_text(self._fit(stage.name, what + ' (name)'), 40)}</b>"
        if stage.goal:
            goal = self._fit(stage.goal, what + " (goal)")
            label += f'<br/><font point-size="9">{label_text(goal, 40)}</font>'
        self.lines.append(f"{indent}subgraph {q(cluster_name(stage))} {{")
        self.lines.append(f"{indent}  graph " + attrs({
            "bgcolor": self.palette.panel, "color": self.palette.border, "label": "",
            "style": "rounded"}) + ";")
        # The stage's title is a node, not the cluster's label: dot routes edges
        # around nodes but straight through labels.
        self.lines.append(f"{indent}  {q(title_name(stage))} " + attrs({
            "fontcolor": self.palette.text, "label": f"<{label}>", "shape": "plaintext", "style": "solid",
            "tooltip": self._tooltip(stage.name, None)}) + ";")
        if not stage.touchpoints:
            self.lines.append(f"{indent}  {q(empty_name(stage))} " + attrs({
                "fontcolor": self.palette.muted, "label": "<–>", "shape": "plaintext",
                "style": "solid"}) + ";")
        for touchpoint in stage.touchpoints:
            self.lines.append(f"{indent}  {q(node_name(touchpoint))} " + attrs(self._node(touchpoint)) + ";")
        first = node_name(stage.touchpoints[0]) if stage.touchpoints else empty_name(stage)
        self._above(title_name(stage), first, indent + "  ")
        self.lines.append(f"{indent}}}")

    def _node(self, tp: Touchpoint) -> dict[str, str]:
        p, scale, view = self.palette, self.journey.scale, self.view
        values = [v for _, v in view.emotions(tp, self.chosen) if v is not None]
        mean = sum(values) / len(values) if values else None
        what = named("touchpoint", id_of(tp))
        rows = [f"<b>{'★ ' if tp.key else ''}{label_text(self._fit(tp.name, what + ' (name)'))}</b>"]
        details = []
        if tp.channel:
            details.append(view.channel_names(tp))
        if tp.control == "indirect":
            details.append(view.word("indirect"))
        if tp.duration:
            details.append(tp.duration)
        if details:
            shown = self._fit(" · ".join(details), what + " (channel, duration)")
            rows.append(f'<font point-size="9">{label_text(shown)}</font>')
        participants = view.participants(tp)
        if participants:
            who = ", ".join(persona.name for persona in participants)
            rows.append(f'<font point-size="9">{label_text(self._fit(who, what + " (personas)"))}</font>')
        cells = "".join(f'<tr><td align="center">{row}</td></tr>' for row in rows)
        cells += self._emotion_row(tp)
        label = f'<<table border="0" cellborder="0" cellpadding="1" cellspacing="0">{cells}</table>>'
        node = {
            "fillcolor": emotion_colour(mean, scale, p),
            "fontcolor": emotion_text_colour(mean, scale, p),
            "label": label, "tooltip": self._tooltip(tp.name, what),
        }
        styles = ["rounded", "filled"]
        if tp.control == "indirect":
            styles.append("dashed")
        if tp.key:
            node["color"] = p.accent
            node["penwidth"] = "3"
        if mean is None:
            styles.append("dotted")
        node["style"] = ",".join(styles)
        return node

    def _tooltip(self, name: str, what: str | None) -> str:
        """A touchpoint's, stage's or phase's name on one line (a reader hovering
        it wants words, not its id); a cut is reported under `what`, if given."""
        tooltip, was_cut = cut(" ".join(name.split()), SHORT_TEXT_BYTES,
                               escape=lambda text: quoted_escape(xml_escape(text)))
        if was_cut and what is not None:
            self.cut_texts[what + " (name, in the tooltip)"] = None
        # as entities, which Graphviz writes into its SVG as they are: no
        # markup of the user's ever reaches the source
        return xml_escape(tooltip)

    def _emotion_row(self, tp: Touchpoint) -> str:
        """The value for everyone, or a coloured cell per persona."""
        p, scale = self.palette, self.journey.scale
        shown = self.view.emotions(tp, self.chosen)
        if all(v is None for _, v in shown):
            return (f'<tr><td align="center"><font point-size="9">'
                    f'{label_escape(self.view.word("no_emotion"))}</font></td></tr>')
        everyone, value = shown[0]
        if len(shown) == 1 and everyone is None and value is not None:
            return f'<tr><td align="center">{signed(value)}</td></tr>'
        cells = []
        for persona_id, value in shown:
            cells.append(f'<td bgcolor="{emotion_colour(value, scale, p)}" cellpadding="2">'
                         f'<font color="{emotion_text_colour(value, scale, p)}" point-size="9">'
                         f'{label_text(self._persona_name(persona_id or ""), 14)} '
                         f'{signed(value) if value is not None else "–"}</font></td>')
        return ('<tr><td><table border="0" cellborder="0" cellspacing="2"><tr>'
                + "".join(cells) + "</tr></table></td></tr>")

    def _persona_name(self, persona_id: str) -> str:
        return self._fit(self.view.persona_name(persona_id), named("persona", persona_id) + " (name)",
                         SHORT_TEXT_BYTES)

    # Edges ------------------------------------------------------------------------------

    def _edges(self) -> None:
        ordered = [tp for _, tp in self.journey.all_touchpoints()]
        position = {id_of(tp): i for i, tp in enumerate(ordered)}
        by_id = {id_of(tp): tp for tp in ordered}
        for index, tp in enumerate(ordered):
            targets = tp.next or ([id_of(ordered[index + 1])] if index + 1 < len(ordered) else [])
            for target_id in targets:
                target = by_id[target_id]
                edge: dict[str, str] = {}
                if self.edge_labels and target.channels and target.channels != tp.channels:
                    name = self.view.channel_names(target)
                    name = self._fit(name, named("channel", ", ".join(target.channels)) + " (name)",
                                     SHORT_TEXT_BYTES)
                    edge["label"] = f"<{label_text('→ ' + name, 20)}>"
                if position[target_id] > index:
                    self.lines.append(f"  {q(node_name(tp))} -> {q(node_name(target))}"
                                      + (" " + attrs(edge) if edge else "") + ";")
                else:
                    edge.update({"color": self.palette.back_edge, "constraint": "false", "dir": "back",
                                 "style": "dashed"})
                    self.lines.append(f"  {q(node_name(target))} -> {q(node_name(tp))} " + attrs(edge) + ";")
        self._keep_stage_order()

    def _keep_stage_order(self) -> None:
        """Invisible edges from each stage to the next, so that stages stay in
        order however the `next` edges run."""
        anchors = []
        for stage in self.journey.stages:
            names = [node_name(tp) for tp in stage.touchpoints] or [empty_name(stage)]
            anchors.append((names[0], names[-1]))
        for (_, last), (first, _) in zip(anchors, anchors[1:], strict=False):
            self.lines.append(f"  {q(last)} -> {q(first)} " + attrs({"style": "invis", "weight": "2"}) + ";")

    # Title and legend -------------------------------------------------------------------

    def _title(self) -> str:
        p, scale, view = self.palette, self.journey.scale, self.view
        legend = "".join(
            f'<td bgcolor="{emotion_colour(v, scale, p)}"><font color="{emotion_text_colour(v, scale, p)}" '
            f'point-size="9"> {signed(v)} </font></td>'
            for v in legend_values(scale))
        # Text symbols, not emoji: Graphviz draws with fonts that rarely have emoji.
        columns = len(legend_values(scale)) + 1
        title = self._fit(self.journey.title, "the title")
        notes = f"★ {label_escape(view.word('key_touchpoint'))} · ┄ {label_escape(view.word('indirect'))}"
        return (f'<<table border="0" cellborder="0" cellspacing="2">'
                f'<tr><td align="left" colspan="{columns}"><b>'
                f'<font point-size="16">{label_text(title, 80)}</font></b></td></tr>'
                f'<tr><td align="left"><font point-size="9">{label_escape(view.word("emotion"))}</font></td>'
                f'{legend}</tr><tr><td align="left" colspan="{columns}">'
                f'<font point-size="9">{notes}</font></td></tr></table>>')
