"""`journeymap import mermaid`: a Mermaid `journey` diagram -> a journey file.

The diagram is read by `mermaid_syntax.py`. Actors become personas, sections
stages, tasks touchpoints, and scores 1..5 become emotions −2..2. Consecutive
tasks of the same name and different actors (how journeymap exports
per-persona emotions) become one touchpoint with an emotion per persona.

The file name is untrusted: it goes into the YAML header comment relative
and escaped, so it can neither add keys nor make the file unreadable.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic
from .mermaid_syntax import MermaidJourney, decode_entities, forbidden_characters, parse, problem

if TYPE_CHECKING:  # pragma: no cover
    from pydantic import ValidationError


def slug(text: str, taken: set[str], fallback: str) -> str:
    """A readable id from a name, unique among `taken`."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    base = re.sub(r"[^\w.-]+", "-", text).strip("-._") or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def emotion(score: float) -> int:
    """Mermaid's 1..5 -> −2..2, rounded and kept on the scale (a score too
    large for a float is at the end of the scale too)."""
    if not math.isfinite(score):
        return 2 if score > 0 else -2
    return max(-2, min(2, round(score) - 3))


def to_journey_data(parsed: MermaidJourney) -> dict[str, Any]:
    """Plain data of a journey file (validated by the caller)."""
    persona_ids: dict[str, str] = {}
    taken_personas: set[str] = set()
    for section in parsed.sections:
        for task in section.tasks:
            for actor in task.actors:
                if actor not in persona_ids:
                    persona_ids[actor] = slug(actor, taken_personas, "persona")
    stage_ids: set[str] = set()
    touchpoint_ids: set[str] = set()
    stages: list[dict[str, Any]] = []
    for number, section in enumerate(parsed.sections, start=1):
        touchpoints: list[dict[str, Any]] = []
        for task in section.tasks:
            previous = touchpoints[-1] if touchpoints else None
            if (previous is not None and previous["name"] == task.name and task.actors
                    and isinstance(previous.get("emotion"), dict)
                    and not {persona_ids[a] for a in task.actors} & set(previous["emotion"])):
                for actor in task.actors:
                    previous["emotion"][persona_ids[actor]] = emotion(3 if task.score is None else task.score)
                previous["personas"] += [persona_ids[a] for a in task.actors]
                continue
            tp: dict[str, Any] = {"id": slug(task.name, touchpoint_ids, "touchpoint"),
                                  "name": task.name or "–"}
            if task.actors:
                tp["personas"] = [persona_ids[a] for a in task.actors]
                if task.score is not None:
                    tp["emotion"] = {persona_ids[a]: emotion(task.score) for a in task.actors}
            elif task.score is not None:
                tp["emotion"] = emotion(task.score)
            touchpoints.append(tp)
        for tp in touchpoints:
            # One persona's mapping, or every persona scoring alike, reads better as a number.
            if isinstance(tp.get("emotion"), dict) and len(set(tp["emotion"].values())) == 1 \
                    and set(tp["emotion"]) == set(tp.get("personas", [])):
                tp["emotion"] = next(iter(tp["emotion"].values()))
            if "personas" in tp and set(tp["personas"]) == set(persona_ids.values()):
                del tp["personas"]
        stages.append({"id": slug(section.name, stage_ids, f"stage-{number}"), "name": section.name,
                       "touchpoints": touchpoints})
    data: dict[str, Any] = {"journeymap": 1, "title": parsed.title or parsed.acc_title or "Imported journey"}
    if parsed.description:
        data["description"] = parsed.description
    if persona_ids:
        data["personas"] = [{"id": pid, "name": actor} for actor, pid in persona_ids.items()]
    data["stages"] = stages or [{"id": "journey", "name": "Journey"}]
    return data


def convert(text: str, filename: str) -> tuple[str | None, list[Diagnostic]]:
    """Mermaid text -> (journey YAML text, diagnostics); the YAML validates."""
    from pydantic import ValidationError

    from ..model import Journey
    from ..serialize import dump
    from ..validation import validate_text

    forbidden = forbidden_characters(text, filename)
    if forbidden:
        return None, forbidden
    parsed = parse(text, filename)
    if parsed.diagnostics:
        return None, parsed.diagnostics
    try:
        journey = Journey.model_validate(to_journey_data(parsed))
    except ValidationError as exc:  # not expected: every text was checked above
        return None, [problem(filename, 1, 1, "expected a diagram journeymap can import, found "
                               f"one its journey model rejects: {_first_error(exc)}", "")]
    header = (f"# Imported from {comment_text(display_name(filename))} by `journeymap import mermaid`.\n"
              "# Mermaid scores 1..5 became emotions -2..2; add channels, pains and evidence.\n")
    yaml_text = dump(journey, schema="https://journeymap.dev/schemas/journeymap.schema.json")
    yaml_text = yaml_text.replace("\n", "\n" + header, 1)
    problems = [d for d in validate_text(yaml_text, filename).diagnostics if d.is_error]
    return (None if problems else yaml_text), problems


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", ""))


def display_name(filename: str) -> str:
    """The name to record for a source file: as given, or relative to the
    current folder if given absolute (an absolute path tells readers of the
    journey file about the machine it was made on, nothing about the map)."""
    if not os.path.isabs(filename):
        return filename
    try:
        return os.path.relpath(filename)
    except ValueError:  # another drive, on Windows
        return os.path.basename(filename)


# What a YAML comment cannot carry: what YAML cannot read at all (BOM,
# U+FFFE/U+FFFF, surrogates) and what journeymap's loader refuses anywhere.
_NOT_FOR_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                           "\U00010000-\U0010ffff]")


def comment_text(text: str) -> str:
    """`text` for one line of a YAML comment: shown `plain` (no line break of
    any kind, no control character, no `##[`), and every character YAML or
    journeymap's loader refuses written as an escape."""
    from ..loading.characters import FORBIDDEN
    from ..safetext import inert

    shown = _NOT_FOR_YAML.sub(_escaped, inert(text))
    return FORBIDDEN.sub(_escaped, shown)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


__all__ = ["convert", "to_journey_data", "parse", "decode_entities", "display_name", "comment_text",
           "MermaidJourney", "slug", "emotion"]
