"""`journeymap import mermaid`: a Mermaid `journey` diagram -> a journey file.

Reads the syntax as Mermaid accepts it: front-matter title, `title`,
`accTitle`, `accDescr` (one line or `{ ... }` block), `%%` comments and
directives, sections (the same name may come twice), tasks with or without
actors, trailing colons and extra spaces. Actors become personas, sections
stages, tasks touchpoints, and scores 1..5 become emotions −2..2. Consecutive
tasks of the same name and different actors (how journeymap exports
per-persona emotions) become one touchpoint with an emotion per persona.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .diagnostics import Diagnostic

_SCORE = re.compile(r"[-+]?\d+(\.\d+)?\Z")


@dataclass
class _Task:
    name: str
    score: Optional[float]
    actors: list[str]
    line: int


@dataclass
class _Section:
    name: str
    tasks: list[_Task] = field(default_factory=list)


@dataclass
class MermaidJourney:
    title: Optional[str] = None
    acc_title: Optional[str] = None
    description: Optional[str] = None
    sections: list[_Section] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _problem(filename: str, line: int, column: int, message: str, source: str,
             suggestion: Optional[str] = None) -> Diagnostic:
    return Diagnostic(file=filename, line=line, column=column, severity="error",
                      code="mermaid-syntax", message=message, suggestion=suggestion,
                      source_line=source)


def parse(text: str, filename: str = "<mermaid>") -> MermaidJourney:
    """The diagram's parts; problems are diagnostics, never exceptions."""
    result = MermaidJourney()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = 0
    if lines and lines[0].strip() == "---":  # front matter
        for end in range(1, len(lines)):
            if lines[end].strip() == "---":
                for raw in lines[1:end]:
                    key, _, value = raw.partition(":")
                    if key.strip() == "title" and value.strip():
                        result.title = _unquote(value.strip())
                index = end + 1
                break
    seen_keyword = False
    in_description: Optional[list[str]] = None
    while index < len(lines):
        raw = lines[index]
        number = index + 1
        index += 1
        stripped = raw.strip()
        if in_description is not None:
            if "}" in stripped:
                in_description.append(stripped.split("}", 1)[0])
                result.description = " ".join(p for p in (s.strip() for s in in_description) if p)
                in_description = None
            else:
                in_description.append(stripped)
            continue
        if not stripped or stripped.startswith("%%"):
            continue
        if not seen_keyword:
            if stripped.split()[0] == "journey":
                seen_keyword = True
                continue
            result.diagnostics.append(_problem(filename, number, raw.index(stripped[0]) + 1,
                                               f"expected the `journey` keyword, found {stripped!r}",
                                               raw, "a Mermaid user-journey diagram starts with `journey`"))
            return result
        keyword, _, rest = stripped.partition(" ")
        if keyword == "title":
            result.title = rest.strip() or result.title
        elif keyword.startswith("accTitle"):
            result.acc_title = stripped.split(":", 1)[1].strip() if ":" in stripped else rest.strip()
        elif keyword.startswith("accDescr"):
            after = stripped[len("accDescr"):].strip()
            if after.startswith("{"):
                body = after[1:]
                if "}" in body:
                    result.description = body.split("}", 1)[0].strip()
                else:
                    in_description = [body]
            else:
                result.description = after.lstrip(":").strip()
        elif keyword == "section":
            result.sections.append(_Section(rest.strip() or f"Section {len(result.sections) + 1}"))
        else:
            task = _task(stripped, number, raw, filename, result)
            if task is not None:
                if not result.sections:
                    result.sections.append(_Section("Journey"))
                result.sections[-1].tasks.append(task)
    if not seen_keyword:
        result.diagnostics.append(_problem(filename, 1, 1, "expected a Mermaid `journey` diagram, "
                                           "found no `journey` keyword", lines[0] if lines else ""))
    return result


def _task(stripped: str, number: int, raw: str, filename: str, result: MermaidJourney) -> Optional[_Task]:
    if ":" not in stripped:
        result.diagnostics.append(_problem(
            filename, number, raw.index(stripped[0]) + 1,
            f"expected a task written `Task name: score: actors`, found {stripped!r}", raw))
        return None
    name, _, data = stripped.partition(":")
    score_text, _, actors_text = data.partition(":")
    score_text = score_text.strip()
    score = None
    if score_text:
        if not _SCORE.match(score_text):
            column = raw.index(":") + 2 + (len(data) - len(data.lstrip()))
            result.diagnostics.append(_problem(
                filename, number, column, f"expected a score from 1 to 5, found {score_text!r}", raw))
            return None
        score = float(score_text)
    actors = [a.strip() for a in actors_text.split(":")[0].split(",") if a.strip()]
    return _Task(name.strip(), score, actors, number)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


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
    """Mermaid's 1..5 -> −2..2, rounded and kept on the scale."""
    return max(-2, min(2, round(score) - 3))


def to_journey_data(parsed: MermaidJourney) -> dict:
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
    stages = []
    for number, section in enumerate(parsed.sections, start=1):
        touchpoints: list[dict] = []
        for task in section.tasks:
            previous = touchpoints[-1] if touchpoints else None
            if (previous is not None and previous["name"] == task.name and task.actors
                    and isinstance(previous.get("emotion"), dict)
                    and not set(persona_ids[a] for a in task.actors) & set(previous["emotion"])):
                for actor in task.actors:
                    previous["emotion"][persona_ids[actor]] = emotion(task.score or 3)
                previous["personas"] += [persona_ids[a] for a in task.actors]
                continue
            tp: dict = {"id": slug(task.name, touchpoint_ids, "touchpoint"), "name": task.name or "–"}
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
    data: dict = {"journeymap": 1, "title": parsed.title or parsed.acc_title or "Imported journey"}
    if parsed.description:
        data["description"] = parsed.description
    if persona_ids:
        data["personas"] = [{"id": pid, "name": actor} for actor, pid in persona_ids.items()]
    data["stages"] = stages or [{"id": "journey", "name": "Journey"}]
    return data


def convert(text: str, filename: str) -> tuple[Optional[str], list[Diagnostic]]:
    """Mermaid text -> (journey YAML text, diagnostics); the YAML validates."""
    from .model import Journey
    from .serialize import dump
    from .validation import validate_text

    parsed = parse(text, filename)
    if parsed.diagnostics:
        return None, parsed.diagnostics
    journey = Journey.model_validate(to_journey_data(parsed))
    header = (f"# Imported from {filename} by `journeymap import mermaid`.\n"
              "# Mermaid scores 1..5 became emotions -2..2; add channels, pains and evidence.\n")
    yaml_text = dump(journey, schema="https://journeymap.dev/schemas/journeymap.schema.json")
    yaml_text = yaml_text.replace("\n", "\n" + header, 1)
    problems = [d for d in validate_text(yaml_text, filename).diagnostics if d.is_error]
    return (None if problems else yaml_text), problems
