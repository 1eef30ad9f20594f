"""`md`: the journey as a GitHub-flavoured Markdown page.

Title, persona(s), one table with the stages as columns and the map's lanes
as rows, then the research sources. Every piece of user text goes through
`mdescape.escape()`, which leaves it no way to become structure or markup in
a paragraph, heading, list item or table cell; line breaks inside a text
become `<br />`, the only HTML this renderer writes itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..model import CustomLane, Evidence, Journey, Metric, Persona, Touchpoint
from ..presentation import Presentation
from ..presentation.numbers import scale_values, signed, text_or_number
from ..presentation.texts import Lane, given, lane_id
from .mdescape import BR, escape, tidy
from .options import RenderOptions, presentation

_LINKABLE = re.compile(r"(?i)(https?|mailto):\S*\Z")
_IN_DESTINATION = re.compile(r"[\\<>&]")


class MarkdownRenderer:
    name = "markdown"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "md") -> bytes:
        view = presentation(journey, options)
        words = view.words
        parts = [_header(journey, words)]
        if journey.personas:
            parts.append(_personas(journey.personas, words))
        parts.append(_table(view))
        parts.append(_legend(view))
        if journey.sources:
            parts.append(_sources(journey, words))
        return ("\n\n".join(p for p in parts if p) + "\n").encode("utf-8")


def _header(journey: Journey, words: Mapping[str, str]) -> str:
    lines = [f"# {escape(journey.title)}"]
    meta = [f"*{escape(words['type.' + journey.type])}*"]
    for key in ("owner", "version", "updated"):
        value = getattr(journey, key)
        if given(value):
            meta.append(f"{escape(words[key])}: {escape(value)}")
    lines.append(" · ".join(meta))
    if given(journey.scenario):
        lines.append(f"**{escape(words['scenario'])}:** {escape(journey.scenario)}")
    if given(journey.description):
        lines.append(escape(journey.description))
    if journey.expectations:
        items = "\n".join(f"- {escape(e)}" for e in journey.expectations)
        lines.append(f"**{escape(words['expectations'])}:**\n\n{items}")
    return "\n\n".join(lines)


def _personas(personas: Sequence[Persona], words: Mapping[str, str]) -> str:
    heading = words["personas"] if len(personas) > 1 else words["persona"]
    blocks = [f"## {escape(heading)}"]
    for persona in personas:
        avatar = f"{escape(persona.avatar)} " if given(persona.avatar) else ""
        role = f" — {escape(persona.role)}" if given(persona.role) else ""
        block = [f"### {avatar}{escape(persona.name)}{role}"]
        if given(persona.quote):
            block.append(f"> {_quotation(persona.quote)}")
        items = []
        for key in ("goals", "needs", "frustrations", "motivations", "behaviors"):
            values = getattr(persona, key)
            if values:
                items.append(f"- **{escape(words[key])}:** " + "; ".join(escape(v) for v in values))
        if persona.demographics:
            shown = ", ".join(f"{escape(k)}: {escape(text_or_number(v))}"
                              for k, v in persona.demographics.items())
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


def _table(view: Presentation) -> str:
    stages, words = view.journey.stages, view.words
    header = [escape(words["stage"])] + [escape(s.name) for s in stages]
    rows = [header, ["---"] * len(header)]
    if any(given(s.phase) for s in stages):
        rows.append([escape(words["phase"])] + [escape(s.phase or "") for s in stages])
    if any(given(s.goal) for s in stages):
        rows.append([escape(words["goal"])] + [escape(s.goal or "") for s in stages])
    for lane in view.lanes:
        cells = [escape(view.lane_title(lane))]
        for stage in stages:
            entries = [e for tp in stage.touchpoints for e in _lane_entries(view, tp, lane)]
            cells.append(BR.join(entries))
        rows.append(cells)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _strong(markdown: str) -> str:
    """Bold Markdown; nothing for an empty text (`****` would show as stars)."""
    return f"**{markdown}**" if markdown else ""


def _named(tp: Touchpoint, text: str) -> str:
    return f"**{escape(tp.name)}:** {text}"


def _lane_entries(view: Presentation, tp: Touchpoint, lane: Lane) -> list[str]:
    kind = lane_id(lane)
    if isinstance(lane, CustomLane):
        value = tp.lanes.get(lane.id)
        return [_named(tp, escape(value))] if given(value) else []
    if kind == "touchpoints":
        return [_touchpoint(view, tp)]
    if kind == "channels":
        return [_named(tp, escape(view.channel_names(tp)))] if tp.channel else []
    if kind in ("actions", "owners"):
        single = tp.action if kind == "actions" else tp.owner
        return [_named(tp, escape(single))] if given(single) else []
    if kind in ("thoughts", "feelings"):
        values: list[str] = getattr(tp, kind)
        return [_named(tp, "; ".join(escape(v) for v in values))] if values else []
    if kind == "emotions":
        return [_emotion_entry(view, tp)]
    if kind in ("pains", "opportunities", "physical_evidence", "frontstage", "backstage", "support"):
        return [f"• {escape(v)}" for v in getattr(tp, kind)]
    if kind == "metrics":
        return [_named(tp, _metric(view, name, metric)) for name, metric in tp.metrics.items()]
    if kind == "evidence":
        return [_named(tp, _evidence(view, evidence)) for evidence in tp.evidence]
    return []


def _touchpoint(view: Presentation, tp: Touchpoint) -> str:
    """The name (starred if key), then channel, control, duration and who
    takes part (where not everyone does) in brackets."""
    text = ("⭐ " if tp.key else "") + _strong(escape(tp.name))
    details = []
    if tp.channel:
        details.append(escape(view.channel_names(tp)))
    if tp.control == "indirect":
        details.append(escape(view.word("indirect")))
    if given(tp.duration):
        details.append(escape(tp.duration))
    participants = view.participants(tp)
    if participants:
        details.append(", ".join(escape(persona.name) for persona in participants))
    return text + (f" ({'; '.join(details)})" if details else "")


def _metric(view: Presentation, name: str, metric: Metric) -> str:
    """The metric sentence, its name and unit tidied as every other text is."""
    shown = view.metric(tidy(name), metric)
    if shown.unit:
        shown = replace(shown, unit=tidy(shown.unit))
    return escape(shown.sentence)


def _emotion_entry(view: Presentation, tp: Touchpoint) -> str:
    shown = []
    for persona_id, value in view.emotions(tp):
        who = f"{escape(view.persona_name(persona_id))} " if persona_id else ""
        if value is None:
            shown.append(f"{who}– ({escape(view.word('no_emotion'))})")
        else:
            shown.append(f"{who}{view.face(value)} {signed(value)}")
    return _named(tp, ", ".join(shown))


def _evidence(view: Presentation, evidence: Evidence) -> str:
    shown = view.evidence(evidence)
    parts = []
    if shown.quote is not None:
        parts.append(_quotation(shown.quote))
    if shown.source is not None:
        parts.append("— " + escape(shown.source))
    if shown.level_word is not None:
        parts.append(f"({escape(shown.level_word)})")
    return " ".join(parts)


def _quotation(text: str) -> str:
    """A quotation, always in our quotation marks: a reader of the page (and
    its tests) can tell where the quoted text begins and ends."""
    return f"“{escape(text)}”"


def _link(url: str) -> str:
    """An http(s)/mailto URL as a link that shows the URL as written; anything
    else as text. The destination sits in `<...>`, where only `<`, `>`, `\\`
    and `&` (a character reference) would be read as anything but itself."""
    if not _LINKABLE.match(url):
        return escape(url)
    destination = _IN_DESTINATION.sub(lambda m: "\\" + m.group(), url)
    return f"[{escape(url)}](<{destination}>)"


def _legend(view: Presentation) -> str:
    faces = " · ".join(f"{view.face(v)} {signed(v)}" for v in scale_values(view.journey.scale))
    return f"**{escape(view.word('legend'))}:** ⭐ {escape(view.word('key_touchpoint'))} · {faces}"


def _sources(journey: Journey, words: Mapping[str, str]) -> str:
    lines = [f"## {escape(words['sources'])}", ""]
    for source in journey.sources:
        details = []
        if source.kind:
            details.append(escape(words["kind." + source.kind]))
        if source.n is not None:
            details.append(f"n = {source.n}")
        if given(source.date):
            details.append(escape(source.date))
        text = f"- {_strong(escape(source.title if given(source.title) else source.id))}"
        if details:
            text += f" ({', '.join(details)})"
        if source.url:
            text += f" — {_link(source.url)}"
        lines.append(text)
    return "\n".join(lines)


renderer = MarkdownRenderer()
