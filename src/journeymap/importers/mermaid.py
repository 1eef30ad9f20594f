"""`journeymap import mermaid`: a Mermaid `journey` diagram -> a journey file.

Reads the syntax as Mermaid accepts it: front-matter title, `title`,
`accTitle`, `accDescr` (one line or `{ ... }` block), `%%` comments and
directives, sections (the same name may come twice), tasks with or without
actors, trailing colons and extra spaces. Actors become personas, sections
stages, tasks touchpoints, and scores 1..5 become emotions −2..2. Consecutive
tasks of the same name and different actors (how journeymap exports
per-persona emotions) become one touchpoint with an emotion per persona.

The diagram and its file name are untrusted: a character that a journey's
text may not hold (a control character, a noncharacter, a lone surrogate) is
reported at its line and column, never handed to the model to crash on; the
file name goes into the YAML header comment relative and escaped, so it can
neither add keys nor make the file unreadable.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from ..diagnostics import Diagnostic

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
             suggestion: Optional[str] = None, code: str = "mermaid-syntax") -> Diagnostic:
    return Diagnostic(file=filename, line=line, column=column, severity="error",
                      code=code, message=message, suggestion=suggestion,
                      source_line=source)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def forbidden_characters(text: str, filename: str, limit: int = 20) -> list[Diagnostic]:
    """Every character a journey's text may not hold (the loader's own rule),
    at its line and column: found before parsing, so that none reaches the
    model (and so none hides in a comment of the diagram either)."""
    from ..loading.characters import FORBIDDEN

    found: list[Diagnostic] = []
    for number, line in enumerate(_lines(text), start=1):
        for match in FORBIDDEN.finditer(line):
            char = match.group()
            found.append(_problem(
                filename, number, match.start() + 1,
                f"expected text, found the {_kind_of(char)} U+{ord(char):04X}", line,
                "remove it: a journey's text cannot hold it", code="control-character"))
            if len(found) >= limit:
                return found
    return found


def _kind_of(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return "lone surrogate"
    if unicodedata.category(char) == "Cc":
        return "control character"
    return "noncharacter"


def parse(text: str, filename: str = "<mermaid>") -> MermaidJourney:
    """The diagram's parts; problems are diagnostics, never exceptions."""
    result = MermaidJourney()
    lines = _lines(text)
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
                result.description = decode_entities(" ".join(p for p in (s.strip() for s in in_description) if p))
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
            result.title = decode_entities(rest.strip()) or result.title
        elif keyword.startswith("accTitle"):
            result.acc_title = decode_entities(stripped.split(":", 1)[1].strip() if ":" in stripped
                                               else rest.strip())
        elif keyword.startswith("accDescr"):
            after = stripped[len("accDescr"):].strip()
            if after.startswith("{"):
                body = after[1:]
                if "}" in body:
                    result.description = decode_entities(body.split("}", 1)[0].strip())
                else:
                    in_description = [body]
            else:
                result.description = decode_entities(after.lstrip(":").strip())
        elif keyword == "section":
            result.sections.append(_Section(decode_entities(rest.strip()) or f"Section {len(result.sections) + 1}"))
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
    actors = [decode_entities(a.strip()) for a in actors_text.split(":")[0].split(",") if a.strip()]
    return _Task(decode_entities(name.strip()), score, actors, number)


_ENTITY = re.compile(r"#(\d+|[A-Za-z][A-Za-z0-9]*);")


def decode_entities(text: str) -> str:
    """Mermaid's entity codes as the characters Mermaid shows (`#58;` is ':',
    `#quot;` is '"'), so what `-f mmd` wrote comes back as the same name."""
    import html

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        entity = f"&#{code};" if code.isdigit() else f"&{code};"
        decoded = html.unescape(entity)
        return match.group() if decoded == entity else decoded  # an unknown name stays as written

    return _ENTITY.sub(one, text)


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
    """Mermaid's 1..5 -> −2..2, rounded and kept on the scale (a score too
    large for a float is at the end of the scale too)."""
    if not math.isfinite(score):
        return 2 if score > 0 else -2
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
                    previous["emotion"][persona_ids[actor]] = emotion(3 if task.score is None else task.score)
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
        return None, [_problem(filename, 1, 1, "expected a diagram journeymap can import, found "
                               f"one its journey model rejects: {_first_error(exc)}", "")]
    header = (f"# Imported from {comment_text(display_name(filename))} by `journeymap import mermaid`.\n"
              "# Mermaid scores 1..5 became emotions -2..2; add channels, pains and evidence.\n")
    yaml_text = dump(journey, schema="https://journeymap.dev/schemas/journeymap.schema.json")
    yaml_text = yaml_text.replace("\n", "\n" + header, 1)
    problems = [d for d in validate_text(yaml_text, filename).diagnostics if d.is_error]
    return (None if problems else yaml_text), problems


def _first_error(exc) -> str:
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


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
