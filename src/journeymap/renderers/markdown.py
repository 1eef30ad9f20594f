"""`md`: the journey as a GitHub-flavoured Markdown page.

Title, persona(s), one table with the stages as columns and the map's lanes
as rows, then the research sources. Every piece of user text goes through
`mdescape.escape()`, which leaves it no way to become structure or markup in
a paragraph, heading, list item or table cell; line breaks inside a text
become `<br />`, the only HTML this renderer writes itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .. import i18n
from ..model import CustomLane, Journey, Persona, Touchpoint
from . import RenderOptions
from ..presentation.formatting import (
    channel_name,
    emotions_by_persona,
    face,
    format_number,
    lane_id,
    lane_title,
    metric_text,
    persona_names,
    scale_values,
    signed,
)
from .mdescape import BR, escape, tidy

_LINKABLE = re.compile(r"(?i)(https?|mailto):\S*\Z")
_IN_DESTINATION = re.compile(r"[\\<>&]")


class MarkdownRenderer:
    name = "markdown"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "md") -> bytes:
        words = i18n.words(options.locale_for(journey))
        parts = [_header(journey, words)]
        if journey.personas:
            parts.append(_personas(journey.personas, words))
        parts.append(_table(journey, options, words))
        parts.append(_legend(journey, words))
        if journey.sources:
            parts.append(_sources(journey, words))
        return ("\n\n".join(p for p in parts if p) + "\n").encode("utf-8")


def _header(journey: Journey, words: Mapping[str, str]) -> str:
    lines = [f"# {escape(journey.title)}"]
    meta = [f"*{escape(words['type.' + journey.type])}*"]
    for key in ("owner", "version", "updated"):
        value = getattr(journey, key)
        if _given(value):
            meta.append(f"{escape(words[key])}: {escape(value)}")
    lines.append(" · ".join(meta))
    if _given(journey.scenario):
        lines.append(f"**{escape(words['scenario'])}:** {escape(journey.scenario)}")
    if _given(journey.description):
        lines.append(escape(journey.description))
    if journey.expectations:
        items = "\n".join(f"- {escape(e)}" for e in journey.expectations)
        lines.append(f"**{escape(words['expectations'])}:**\n\n{items}")
    return "\n\n".join(lines)


def _personas(personas: Iterable[Persona], words: Mapping[str, str]) -> str:
    personas = list(personas)
    heading = words["personas"] if len(personas) > 1 else words["persona"]
    blocks = [f"## {escape(heading)}"]
    for persona in personas:
        avatar = f"{escape(persona.avatar)} " if _given(persona.avatar) else ""
        role = f" — {escape(persona.role)}" if _given(persona.role) else ""
        block = [f"### {avatar}{escape(persona.name)}{role}"]
        if _given(persona.quote):
            block.append(f"> “{escape(persona.quote)}”")
        items = []
        for key in ("goals", "needs", "frustrations", "motivations", "behaviors"):
            values = getattr(persona, key)
            if values:
                items.append(f"- **{escape(words[key])}:** " + "; ".join(escape(v) for v in values))
        if persona.demographics:
            shown = ", ".join(f"{escape(k)}: {escape(_plain(v))}" for k, v in persona.demographics.items())
            items.append(f"- **{escape(words['demographics'])}:** {shown}")
        for key in ("thinks", "feels", "says", "does"):
            values = getattr(persona.empathy, key)
            if values:
                items.append(f"- **{escape(words['empathy.' + key])}:** "
                             + "; ".join(escape(v) for v in values))
        if items:
            block.append("\n".join(items))
        blocks.append("\n\n".join(block))
    return "\n\n".join(blocks)


def _given(text: str | None) -> bool:
    """Whether an optional text shows anything: blank counts as absent."""
    return text is not None and tidy(text) != ""


def _plain(value) -> str:
    return value if isinstance(value, str) else format_number(value)


def _table(journey: Journey, options: RenderOptions, words: Mapping[str, str]) -> str:
    stages = journey.stages
    header = [escape(words["stage"])] + [escape(s.name) for s in stages]
    rows = [header, ["---"] * len(header)]
    if any(_given(s.phase) for s in stages):
        rows.append([escape(words["phase"])] + [escape(s.phase or "") for s in stages])
    if any(_given(s.goal) for s in stages):
        rows.append([escape(words["goal"])] + [escape(s.goal or "") for s in stages])
    for lane in options.lanes_for(journey):
        cells = [escape(lane_title(lane, words))]
        for stage in stages:
            entries = [e for tp in stage.touchpoints for e in _lane_entries(journey, tp, lane, words)]
            cells.append(BR.join(entries))
        rows.append(cells)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _strong(markdown: str) -> str:
    """Bold Markdown; nothing for an empty text (`****` would show as stars)."""
    return f"**{markdown}**" if markdown else ""


def _named(tp: Touchpoint, text: str) -> str:
    return f"**{escape(tp.name)}:** {text}"


def _lane_entries(journey: Journey, tp: Touchpoint, lane, words: Mapping[str, str]) -> list[str]:
    kind = lane_id(lane)
    if isinstance(lane, CustomLane):
        value = tp.lanes.get(lane.id)
        return [_named(tp, escape(value))] if _given(value) else []
    if kind == "touchpoints":
        text = ("⭐ " if tp.key else "") + _strong(escape(tp.name))
        details = []
        if tp.channel:
            details.append(escape(channel_name(journey, tp.channel, words)))
        if tp.control == "indirect":
            details.append(escape(words["indirect"]))
        if _given(tp.duration):
            details.append(escape(tp.duration))
        if len(journey.personas) > 1 and len(tp.personas) < len(journey.personas):
            names = persona_names(journey)
            details.append(", ".join(escape(names[p]) for p in tp.personas if p in names))
        return [text + (f" ({'; '.join(details)})" if details else "")]
    if kind == "channels":
        return [_named(tp, escape(channel_name(journey, tp.channel, words)))] if tp.channel else []
    if kind == "actions":
        return [_named(tp, escape(tp.action))] if _given(tp.action) else []
    if kind in ("thoughts", "feelings"):
        values = getattr(tp, kind)
        return [_named(tp, "; ".join(escape(v) for v in values))] if values else []
    if kind == "emotions":
        return [_emotion_entry(journey, tp, words)]
    if kind in ("pains", "opportunities", "physical_evidence", "frontstage", "backstage", "support"):
        return [f"• {escape(v)}" for v in getattr(tp, kind)]
    if kind == "owners":
        return [_named(tp, escape(tp.owner))] if _given(tp.owner) else []
    if kind == "metrics":
        return [_named(tp, _metric(name, metric, words)) for name, metric in tp.metrics.items()]
    if kind == "evidence":
        return [_named(tp, _evidence_text(journey, ev, words)) for ev in tp.evidence]
    return []


def _metric(name: str, metric, words: Mapping[str, str]) -> str:
    """The metric sentence, its name and unit tidied as every other text is."""
    unit = tidy(metric.unit) if metric.unit else metric.unit
    return escape(metric_text(tidy(name), metric.model_copy(update={"unit": unit}), words))


def _emotion_entry(journey: Journey, tp: Touchpoint, words: Mapping[str, str]) -> str:
    names = persona_names(journey)
    shown = []
    for persona_id, value in emotions_by_persona(journey, tp):
        who = f"{escape(names.get(persona_id, persona_id))} " if persona_id else ""
        if value is None:
            shown.append(f"{who}– ({escape(words['no_emotion'])})")
        else:
            shown.append(f"{who}{face(value, journey.scale)} {signed(value)}")
    return _named(tp, ", ".join(shown))


def _evidence_text(journey: Journey, evidence, words: Mapping[str, str]) -> str:
    parts = []
    if _given(evidence.quote):
        parts.append(f"“{escape(evidence.quote)}”")
    source = next((s for s in journey.sources if s.id == evidence.source), None)
    if source is not None:
        parts.append("— " + escape(source.title if _given(source.title) else source.id))
    if evidence.level:
        parts.append(f"({escape(words['level.' + evidence.level])})")
    return " ".join(parts)


def _link(url: str) -> str:
    """An http(s)/mailto URL as a link that shows the URL as written; anything
    else as text. The destination sits in `<...>`, where only `<`, `>`, `\\`
    and `&` (a character reference) would be read as anything but itself."""
    if not _LINKABLE.match(url):
        return escape(url)
    destination = _IN_DESTINATION.sub(lambda m: "\\" + m.group(), url)
    return f"[{escape(url)}](<{destination}>)"


def _legend(journey: Journey, words: Mapping[str, str]) -> str:
    scale = journey.scale
    faces = " · ".join(f"{face(v, scale)} {signed(v)}" for v in scale_values(scale))
    return f"**{escape(words['legend'])}:** ⭐ {escape(words['key_touchpoint'])} · {faces}"


def _sources(journey: Journey, words: Mapping[str, str]) -> str:
    lines = [f"## {escape(words['sources'])}", ""]
    for source in journey.sources:
        details = []
        if source.kind:
            details.append(escape(words["kind." + source.kind]))
        if source.n is not None:
            details.append(f"n = {source.n}")
        if _given(source.date):
            details.append(escape(source.date))
        text = f"- {_strong(escape(source.title if _given(source.title) else source.id))}"
        if details:
            text += f" ({', '.join(details)})"
        if source.url:
            text += f" — {_link(source.url)}"
        lines.append(text)
    return "\n".join(lines)


renderer = MarkdownRenderer()
