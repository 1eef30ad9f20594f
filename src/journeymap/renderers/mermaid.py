"""`mmd`: the journey as a Mermaid `journey` diagram, for pages that render
Mermaid. Stages become sections, touchpoints tasks, personas actors, and the
emotion is mapped onto Mermaid's 1..5 scores.

Mermaid's grammar gives `:`, `#` and `;` meaning inside a task, and `,`
inside the actor list; those characters are replaced with look-alikes
instead of being dropped, so the text still reads the same.
"""

from __future__ import annotations

from ..model import Journey, Touchpoint
from . import RenderOptions
from .common import persona_names

LOOK_ALIKES = {":": "꞉", "#": "＃", ";": "；", "%": "％", "\n": " ", "\r": " ", "\t": " ",
               "\x85": " ", "\u2028": " ", "\u2029": " ", "{": "｛", "}": "｝"}
ACTOR_LOOK_ALIKES = {**LOOK_ALIKES, ",": "‚"}


def mermaid_text(text: str, table: dict = LOOK_ALIKES) -> str:
    cleaned = "".join(table.get(char, char) for char in text)
    return " ".join(cleaned.split()) or "–"


def score(value: int, low: int, high: int) -> int:
    """A value on the map's scale -> Mermaid's 1..5 (−2..2 maps one to one)."""
    return max(1, min(5, round(1 + 4 * (value - low) / (high - low))))


class MermaidRenderer:
    name = "mermaid"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "mmd") -> bytes:
        lines = ["journey", f"    title {mermaid_text(journey.title)}"]
        if journey.scenario:
            lines.append(f"    accDescr: {mermaid_text(journey.scenario)}")
        names = persona_names(journey)
        for stage in journey.stages:
            lines.append(f"    section {mermaid_text(stage.name)}")
            for tp in stage.touchpoints:
                lines.extend(_tasks(journey, tp, names))
        return ("\n".join(lines) + "\n").encode("utf-8")


def _tasks(journey: Journey, tp: Touchpoint, names: dict[str, str]) -> list[str]:
    name = mermaid_text(tp.name)
    low, high = journey.scale.min, journey.scale.max
    if isinstance(tp.emotion, dict):
        # Mermaid has one score per task: one task line per distinct score.
        groups: dict[int, list[str]] = {}
        for persona in journey.personas:
            if persona.id in tp.emotion:
                groups.setdefault(score(tp.emotion[persona.id], low, high), []).append(persona.id)
        return [f"      {name}: {value}: {_actors(ids, names)}" for value, ids in groups.items()]
    if tp.emotion is None:
        value = 3
        comment = ["      %% no emotion recorded for the next task; shown as neutral"]
    else:
        value = score(tp.emotion, low, high)
        comment = []
    actors = _actors(tp.personas, names)
    return comment + [f"      {name}: {value}" + (f": {actors}" if actors else "")]


def _actors(persona_ids, names: dict[str, str]) -> str:
    return ", ".join(mermaid_text(names.get(p, p), ACTOR_LOOK_ALIKES) for p in persona_ids)


renderer = MermaidRenderer()
