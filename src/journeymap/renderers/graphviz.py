"""`dot` and `flow.svg|png|pdf`: the touchpoint flow as a Graphviz graph.

One cluster per stage (inside one per phase), one node per touchpoint coloured
by emotion, edges from `next` or to the following touchpoint. The DOT source
is produced here in pure Python and is deterministic to the byte; the `flow.*`
formats hand it to the Graphviz `dot` program.

Safety: every label is an HTML-like label built from escaped text, so no user
text can add nodes, edges or attributes, or be read by Graphviz as an entity
or a record field. Graphviz still expands `\\N` (node name), `\\G` (graph
name) and friends inside HTML-like labels, even when written `&#92;N`, and
reads `\\\\` as one backslash: so every backslash of user text is doubled.
Node names are built from ids, whose characters cannot end a quoted DOT string.

Limits: Graphviz's scanner rejects a quoted or HTML string holding a run of
more than 16,384 bytes ("longer than 16384?"). A user text is cut, at a
grapheme boundary, to `TEXT_BYTES` of escaped UTF-8 with an ellipsis (and a
warning names what was cut); an id too long to be a DOT name is shortened to
a prefix and a hash of the whole id, which no real id can equal (`~` is not an
id character).

Layout: a back-edge (to an earlier touchpoint) is written from its target to
its source with `dir=back` and `constraint=false`: it points where it should
but takes no part in ranking, so the stages stay in order from left to right
and Graphviz never has to break cycles; invisible edges chain the stages.
Large maps also bound the layout's network-simplex effort, which is what lets
`dot` lay out thousands of nodes with long back-edges in seconds
(see benchmarks/bench_flow.py).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import warnings
from typing import Optional

from .. import i18n
from ..layout.wrap import cell_width, graphemes, wrap
from ..model import Journey, Stage, Touchpoint
from ..safetext import inert
from . import RenderError, RenderOptions
from ..presentation.formatting import channel_name, persona_names, signed
from .markup import xml_escape
from .theme import Theme, emotion_colour, emotion_text_colour, theme

LABEL_WIDTH = 26  # terminal cells per label line
LARGE_GRAPH = 300  # touchpoints above which layout effort is bounded
# Most bytes (UTF-8, after escaping) of one user text in a label: a dozen
# lines of a node at most, and far below Graphviz's 16,384-byte strings.
TEXT_BYTES = 1024
SHORT_TEXT_BYTES = 256  # a persona's name in every node's emotion row, an edge label
ID_BYTES = 512  # ids longer than this are shortened (with a hash) in DOT names
ELLIPSIS = "…"
LEGEND_CELLS = 21  # a wider custom scale is shown by evenly spaced values
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class FlowWarning(UserWarning):
    """Something the user should know about an artifact that was still made."""


def _quoted_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _q(text: str) -> str:
    """A quoted DOT id; our ids never hold `"` or `\\`, but be certain."""
    return '"' + _quoted_escape(text) + '"'


def _attrs(values: dict) -> str:
    """`[a=1, b="x"]` with the attributes sorted, for byte-stable output."""
    parts = []
    for key in sorted(values):
        value = values[key]
        if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
            parts.append(f"{key}={value}")  # an HTML-like label, already escaped
        else:
            parts.append(f"{key}={_q(str(value))}")
    return "[" + ", ".join(parts) + "]"


def _label_escape(text: str) -> str:
    """Text for an HTML-like label: markup escaped, backslashes doubled so that
    `\\N`, `\\G`, `\\L` and the like stay what they are, and `]` written as a
    character reference (Graphviz 2.43 rejects a text that is just `]`)."""
    return xml_escape(text).replace("\\", "\\\\").replace("]", "&#93;")


def _fitting_prefix(text: str, budget: int, escape) -> str:
    """The longest prefix of whole graphemes that fits `budget` bytes escaped."""
    used = kept = 0
    for cluster in graphemes(text):
        size = len(escape(cluster).encode("utf-8"))
        if used + size > budget:
            break
        used += size
        kept += len(cluster)
    return text[:kept]


def cut(text: str, budget: int, escape=_label_escape) -> tuple[str, bool]:
    """`text`, or as much of it as fits `budget` bytes once escaped, at a
    grapheme boundary, with an ellipsis; and whether it was cut."""
    if len(text) * 6 <= budget or len(escape(text).encode("utf-8")) <= budget:
        return text, False  # (no character escapes to more than 6 bytes)
    room = budget - len(ELLIPSIS.encode("utf-8"))
    return _fitting_prefix(text, room, escape).rstrip() + ELLIPSIS, True


def _text(value: str, width: int = LABEL_WIDTH) -> str:
    """Escaped, wrapped text for an HTML-like label (Graphviz rejects an empty
    <b></b>, so an empty text becomes a no-break space). The builder has
    cut `value` to fit first (`_Builder._fit`)."""
    text = "<br/>".join(_label_escape(line) for line in wrap(value, width, cell_width))
    return text if text.replace("<br/>", "").strip() else "&#160;"


def dot_id(identifier: str) -> str:
    """An id as it goes into a DOT name: as it is, unless too long for
    Graphviz; then a prefix and a hash of the whole id (unique, stable)."""
    if len(identifier.encode("utf-8")) <= ID_BYTES:
        return identifier
    prefix = _fitting_prefix(identifier, ID_BYTES // 4, str)
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:20]
    return f"{prefix}~{digest}"


def node_name(touchpoint: Touchpoint) -> str:
    return f"tp:{dot_id(touchpoint.id)}"


def cluster_name(stage: Stage) -> str:
    return f"cluster_stage_{dot_id(stage.id)}"


def _empty_name(stage: Stage) -> str:
    return f"empty:{dot_id(stage.id)}"


def _legend_values(scale) -> list[int]:
    """Every value of the scale, or evenly spaced ones for a very wide scale."""
    count = scale.max - scale.min + 1
    if count <= LEGEND_CELLS:
        return list(range(scale.min, scale.max + 1))
    step = (scale.max - scale.min) / (LEGEND_CELLS - 1)
    return sorted({scale.min + round(step * i) for i in range(LEGEND_CELLS)})


class GraphvizRenderer:
    name = "graphviz"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "dot") -> bytes:
        source = build_dot(journey, options).encode("utf-8")
        if fmt == "dot":
            return source
        kind = fmt.split(".", 1)[1]
        if _CJK.search(source.decode("utf-8")) and not _has_cjk_font():
            warnings.warn(FlowWarning(
                "the map has Chinese, Japanese or Korean text and no font for it is installed: "
                "Graphviz would draw empty boxes (on Debian/Ubuntu: apt-get install fonts-noto-cjk)"))
        return run_dot(source, kind)


def run_dot(source: bytes, kind: str) -> bytes:
    program = shutil.which("dot")
    if program is None:
        raise RenderError("the Graphviz program `dot` is not installed, so flow.* formats cannot be "
                          "made (install it: apt-get install graphviz, brew install graphviz, or "
                          "https://graphviz.org/download/); the `dot` format needs no program",
                          usage=True)
    done = subprocess.run([program, f"-T{kind}"], input=source, capture_output=True, timeout=600)
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        # Graphviz quotes the offending input: show it inert, and not all of it.
        shown = inert(cut(reason[0], 300, str)[0]) if reason else "no reason given"
        raise RenderError(f"Graphviz failed to lay out the flow: {shown}")
    output = done.stdout
    if kind == "svg":
        # The version comment changes with Graphviz updates; nothing else should.
        output = re.sub(rb"<!-- Generated by graphviz[^>]*-->\n", b"", output)
    return output


def _has_cjk_font() -> bool:
    program = shutil.which("fc-list")
    if program is None:
        return True  # cannot tell; do not cry wolf
    done = subprocess.run([program, ":lang=zh", "family"], capture_output=True, timeout=60)
    return bool(done.stdout.strip())


def build_dot(journey: Journey, options: RenderOptions) -> str:
    """The DOT source of the flow (with a FlowWarning if texts were cut)."""
    builder = _Builder(journey, options)
    source = builder.build()
    if builder.cut_texts:
        warnings.warn(FlowWarning(_cut_warning(list(builder.cut_texts))))
    return source


def _cut_warning(what: list[str], shown: int = 10) -> str:
    listed = ", ".join(what[:shown]) + (f" and {len(what) - shown} more" if len(what) > shown else "")
    return (f"{len(what)} text{'' if len(what) == 1 else 's'} too long for a Graphviz label "
            f"{'was' if len(what) == 1 else 'were'} cut short, ending with {ELLIPSIS}: {listed}")


def _named(kind: str, identifier: str) -> str:
    """`touchpoint 'pay'`, the id cut short if long."""
    return f"{kind} '{cut(identifier, 40, str)[0]}'"


class _Builder:
    def __init__(self, journey: Journey, options: RenderOptions):
        self.journey = journey
        self.words = i18n.words(options.locale_for(journey))
        self.palette: Theme = theme(options.theme)
        settings = options.settings or {}
        self.direction = "TB" if str(settings.get("direction", "LR")).upper() in ("TB", "TD") else "LR"
        chosen = settings.get("personas")
        known = [p.id for p in journey.personas]
        self.personas = [p for p in known if not chosen or p in chosen]
        self.edge_labels = bool(settings.get("edge_labels", False))
        self.names = persona_names(journey)
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
        font = p.font.split(",")[0]
        self.lines = ["digraph journey {"]
        self.lines.append("  graph " + _attrs({
            "bgcolor": p.background, "compound": "true", "fontcolor": p.text, "fontname": font,
            "fontsize": "12", "label": self._title(), "labeljust": "l", "labelloc": "t",
            "newrank": "true", "nodesep": "0.25", "rankdir": self.direction, "ranksep": "0.45",
            "outputorder": "edgesfirst", **self._large_graph_limits()}) + ";")
        self.lines.append("  node " + _attrs({
            "color": p.border, "fontcolor": p.text, "fontname": font, "fontsize": "11",
            "margin": "0.10,0.05", "penwidth": "1", "shape": "box", "style": "rounded,filled"}) + ";")
        self.lines.append("  edge " + _attrs({
            "arrowsize": "0.7", "color": p.edge, "fontcolor": p.muted, "fontname": font,
            "fontsize": "9"}) + ";")
        self._clusters()
        self._edges()
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def _large_graph_limits(self) -> dict:
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
        groups: list[tuple[Optional[str], list[tuple[int, Stage]]]] = []
        for index, stage in enumerate(self.journey.stages):
            if groups and stage.phase is not None and groups[-1][0] == stage.phase:
                groups[-1][1].append((index, stage))
            else:
                groups.append((stage.phase, [(index, stage)]))
        for number, (phase, stages) in enumerate(groups):
            indent = "  "
            if phase is not None:
                self.lines.append(f"  subgraph {_q(f'cluster_phase_{number}')} {{")
                self.lines.append("    graph " + _attrs({
                    "bgcolor": self.palette.panel_alt, "color": self.palette.border,
                    "fontcolor": self.palette.muted, "label": self._phase_label(phase, stages[0][1]),
                    "style": "rounded"}) + ";")
                indent = "    "
            for index, stage in stages:
                self._stage(index, stage, indent)
            if phase is not None:
                self.lines.append("  }")

    def _phase_label(self, phase: str, first: Stage) -> str:
        text = self._fit(phase, _named("the phase of stage", first.id))
        return f"<<i>{_text(text, 60)}</i>>"

    def _stage(self, index: int, stage: Stage, indent: str) -> None:
        named = _named("stage", stage.id)
        label = f"<b>{_text(self._fit(stage.name, named + ' (name)'), 40)}</b>"
        if stage.goal:
            goal = self._fit(stage.goal, named + " (goal)")
            label += f'<br/><font point-size="9">{_text(goal, 40)}</font>'
        self.lines.append(f"{indent}subgraph {_q(cluster_name(stage))} {{")
        self.lines.append(f"{indent}  graph " + _attrs({
            "bgcolor": self.palette.panel, "color": self.palette.border,
            "fontcolor": self.palette.text, "label": f"<{label}>", "style": "rounded"}) + ";")
        if not stage.touchpoints:
            self.lines.append(f"{indent}  {_q(_empty_name(stage))} " + _attrs({
                "fontcolor": self.palette.muted, "label": "<–>", "shape": "plaintext",
                "style": "solid"}) + ";")
        for touchpoint in stage.touchpoints:
            self.lines.append(f"{indent}  {_q(node_name(touchpoint))} " + _attrs(self._node(touchpoint)) + ";")
        self.lines.append(f"{indent}}}")

    def _emotions(self, tp: Touchpoint) -> list[tuple[Optional[str], Optional[int]]]:
        if isinstance(tp.emotion, dict):
            return [(p, tp.emotion.get(p)) for p in self.personas if p in tp.emotion]
        return [(None, tp.emotion)]

    def _node(self, tp: Touchpoint) -> dict:
        p, scale = self.palette, self.journey.scale
        values = [v for _, v in self._emotions(tp) if v is not None]
        mean = sum(values) / len(values) if values else None
        named = _named("touchpoint", tp.id)
        rows = [f"<b>{'★ ' if tp.key else ''}{_text(self._fit(tp.name, named + ' (name)'))}</b>"]
        details = []
        if tp.channel:
            details.append(channel_name(self.journey, tp.channel, self.words))
        if tp.control == "indirect":
            details.append(self.words["indirect"])
        if tp.duration:
            details.append(tp.duration)
        if details:
            shown = self._fit(" · ".join(details), named + " (channel, duration)")
            rows.append(f'<font point-size="9">{_text(shown)}</font>')
        if len(self.journey.personas) > 1 and set(tp.personas) != {x.id for x in self.journey.personas}:
            who = ", ".join(self.names[x] for x in tp.personas if x in self.names)
            rows.append(f'<font point-size="9">{_text(self._fit(who, named + " (personas)"))}</font>')
        cells = "".join(f'<tr><td align="center">{row}</td></tr>' for row in rows)
        cells += self._emotion_row(tp)
        label = f'<<table border="0" cellborder="0" cellpadding="1" cellspacing="0">{cells}</table>>'
        node = {
            "fillcolor": emotion_colour(mean, scale, p),
            "fontcolor": emotion_text_colour(mean, scale, p),
            "label": label, "tooltip": self._tooltip(tp, named),
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

    def _tooltip(self, tp: Touchpoint, named: str) -> str:
        tooltip, was_cut = cut(tp.id, ID_BYTES, escape=_quoted_escape)
        if was_cut:
            self.cut_texts[named + " (id, in the tooltip)"] = None
        return tooltip

    def _emotion_row(self, tp: Touchpoint) -> str:
        p, scale = self.palette, self.journey.scale
        shown = self._emotions(tp)
        if all(v is None for _, v in shown):
            return (f'<tr><td align="center"><font point-size="9">'
                    f'{_label_escape(self.words["no_emotion"])}</font></td></tr>')
        if len(shown) == 1 and shown[0][0] is None:
            value = shown[0][1]
            return f'<tr><td align="center">{signed(value)}</td></tr>'
        cells = []
        for persona_id, value in shown:
            cells.append(f'<td bgcolor="{emotion_colour(value, scale, p)}" cellpadding="2">'
                         f'<font color="{emotion_text_colour(value, scale, p)}" point-size="9">'
                         f'{_text(self._persona_name(persona_id), 14)} '
                         f'{signed(value) if value is not None else "–"}</font></td>')
        return ('<tr><td><table border="0" cellborder="0" cellspacing="2"><tr>'
                + "".join(cells) + "</tr></table></td></tr>")

    def _persona_name(self, persona_id: str) -> str:
        return self._fit(self.names.get(persona_id, persona_id),
                         _named("persona", persona_id) + " (name)", SHORT_TEXT_BYTES)

    # Edges ------------------------------------------------------------------------------

    def _edges(self) -> None:
        ordered = [tp for _, tp in self.journey.all_touchpoints()]
        position = {tp.id: i for i, tp in enumerate(ordered)}
        by_id = {tp.id: tp for tp in ordered}
        for index, tp in enumerate(ordered):
            targets = tp.next or ([ordered[index + 1].id] if index + 1 < len(ordered) else [])
            for target_id in targets:
                target = by_id[target_id]
                edge: dict = {}
                if self.edge_labels and target.channel and target.channel != tp.channel:
                    name = channel_name(self.journey, target.channel, self.words)
                    name = self._fit(name, _named("channel", target.channel) + " (name)", SHORT_TEXT_BYTES)
                    edge["label"] = f"<{_text('→ ' + name, 20)}>"
                if position[target_id] > index:
                    self.lines.append(f"  {_q(node_name(tp))} -> {_q(node_name(target))}"
                                      + (" " + _attrs(edge) if edge else "") + ";")
                else:
                    edge.update({"color": self.palette.back_edge, "constraint": "false", "dir": "back",
                                 "style": "dashed"})
                    self.lines.append(f"  {_q(node_name(target))} -> {_q(node_name(tp))} " + _attrs(edge) + ";")
        self._keep_stage_order()

    def _keep_stage_order(self) -> None:
        """Invisible edges from each stage to the next, so that stages stay in
        order however the `next` edges run."""
        anchors = []
        for stage in self.journey.stages:
            names = [node_name(tp) for tp in stage.touchpoints] or [_empty_name(stage)]
            anchors.append((names[0], names[-1]))
        for (_, last), (first, _) in zip(anchors, anchors[1:]):
            self.lines.append(f"  {_q(last)} -> {_q(first)} " + _attrs({"style": "invis", "weight": "2"}) + ";")

    # Title and legend -------------------------------------------------------------------

    def _title(self) -> str:
        p, scale = self.palette, self.journey.scale
        legend = "".join(
            f'<td bgcolor="{emotion_colour(v, scale, p)}"><font color="{emotion_text_colour(v, scale, p)}" '
            f'point-size="9"> {signed(v)} </font></td>'
            for v in _legend_values(scale))
        # Text symbols, not emoji: Graphviz draws with fonts that rarely have emoji.
        columns = len(_legend_values(scale)) + 1
        title = self._fit(self.journey.title, "the title")
        notes = (f"★ {_label_escape(self.words['key_touchpoint'])} · ┄ {_label_escape(self.words['indirect'])}")
        return (f'<<table border="0" cellborder="0" cellspacing="2">'
                f'<tr><td align="left" colspan="{columns}"><b>'
                f'<font point-size="16">{_text(title, 80)}</font></b></td></tr>'
                f'<tr><td align="left"><font point-size="9">{_label_escape(self.words["emotion"])}</font></td>'
                f'{legend}</tr><tr><td align="left" colspan="{columns}">'
                f'<font point-size="9">{notes}</font></td></tr></table>>')


renderer = GraphvizRenderer()
