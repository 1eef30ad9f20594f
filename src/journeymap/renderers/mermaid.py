"""`mmd`: the journey as a Mermaid `journey` diagram, for pages that render
Mermaid. Stages become sections, touchpoints tasks, personas actors, and the
emotion is mapped onto Mermaid's 1..5 scores.

Mermaid shows a name exactly as written only if nothing in it is read as
syntax first. Mermaid replaces an entity code `#NN;` (a decimal code point)
before it parses and writes it back as `&#NN;` into the SVG, where it is the
character again; every character that something on the way would read is
written that way:

* `:` `;` `#` end a task name or its data, `,` separates actors, a `%`
  starts a comment or a `%%{init}%%` directive;
* `<` `>` `&` are HTML to the sanitizer that titles and descriptions go
  through, and a `<tag attr="...">` gets its quotes rewritten;
* `ﬂ` and `¶` are the two characters of Mermaid's own placeholder for an
  entity code (`ﬂ°°58¶ß`), which it would turn into `&` and `;`;
* spaces other than U+0020 and invisible format characters: Mermaid skips a
  leading one and then reads a keyword, and a reviewer cannot see them;
* the first letter of a name that starts with a keyword (`journey`, `title`,
  `section`, `accTitle`, `accDescr`, in any case), which Mermaid would read
  as that keyword.

A diagram line holds no line break: line breaks and runs of spaces and tabs
become one space, and the ends are trimmed (what HTML shows anyway). A name
that is empty then is written `#32;` (a space), so the line still parses.
"""

from __future__ import annotations

import re

from ..model import Journey, Touchpoint
from ..presentation.emotions import touchpoint_emotions
from ..presentation.personas import persona_names, taking_part
from .mdescape import INVISIBLE
from .options import RenderOptions

_SPACES = re.compile("[ \t\n\r\f\v\x85\u2028\u2029]+")
_CODED = re.compile(f"[:;#%<>&\ufb02\u00b6{INVISIBLE}]")
_CODED_IN_ACTOR = re.compile(f"[,:;#%<>&\ufb02\u00b6{INVISIBLE}]")
_KEYWORD = re.compile(r"(?i:journey|title|section|acc(?:title|descr))")
EMPTY = "#32;"


def _code(match: re.Match[str]) -> str:
    return f"#{ord(match.group())};"


def mermaid_text(text: str, coded: re.Pattern[str] = _CODED) -> str:
    """`text` written so that Mermaid shows it, whitespace collapsed."""
    flat = _SPACES.sub(" ", text).strip(" ")
    written = coded.sub(_code, flat)
    if _KEYWORD.match(written):
        written = f"#{ord(written[0])};{written[1:]}"
    return written or EMPTY


def score(value: int, low: int, high: int) -> int:
    """A value on the map's scale -> Mermaid's 1..5 (−2..2 maps one to one)."""
    if high <= low:  # a one-value scale (only the Python API can build one)
        return 3
    return max(1, min(5, round(1 + 4 * (value - low) / (high - low))))


class MermaidRenderer:
    name = "mermaid"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "mmd") -> bytes:
        lines = ["journey"]
        title = mermaid_text(journey.title)
        if title != EMPTY:
            lines.append(f"    title {title}")
        spoken = journey.accessibility
        if spoken is not None and spoken.title and mermaid_text(spoken.title) != EMPTY:
            lines.append(f"    accTitle: {mermaid_text(spoken.title)}")
        described = (spoken.description if spoken is not None else None) or journey.scenario
        if described and mermaid_text(described) != EMPTY:
            lines.append(f"    accDescr: {mermaid_text(described)}")
        names = persona_names(journey)
        for stage in journey.stages:
            lines.append(f"    section {mermaid_text(stage.name)}")
            for tp in stage.touchpoints:
                lines.extend(_tasks(journey, tp, names))
        return ("\n".join(lines) + "\n").encode("utf-8")


def _tasks(journey: Journey, tp: Touchpoint, names: dict[str, str]) -> list[str]:
    """The task lines of a touchpoint; its personas are the task's actors."""
    name = mermaid_text(tp.name)
    low, high = journey.scale.min, journey.scale.max
    if isinstance(tp.emotion, dict):
        # Mermaid has one score per task: one task line per distinct score.
        groups: dict[int, list[str]] = {}
        for persona_id, value in touchpoint_emotions(journey, tp):
            if persona_id is not None and value is not None:
                groups.setdefault(score(value, low, high), []).append(names[persona_id])
        return [f"      {name}: {value}: {_actors(actors)}" for value, actors in groups.items()]
    if tp.emotion is None:
        value = 3
        comment = ["      %% no emotion recorded for the next task; shown as neutral"]
    else:
        value = score(tp.emotion, low, high)
        comment = []
    actors = _actors([persona.name for persona in taking_part(journey, tp)])
    return [*comment, f"      {name}: {value}" + (f": {actors}" if actors else "")]


def _actors(names: list[str]) -> str:
    return ", ".join(mermaid_text(name, _CODED_IN_ACTOR) for name in names)


renderer = MermaidRenderer()
