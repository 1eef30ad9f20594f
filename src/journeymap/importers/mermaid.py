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
from ..schema import SCHEMA_ID
from .mermaid_syntax import (
    MermaidJourney,
    decode_entities,
    forbidden_characters,
    parse,
    problem,
    text_lines,
    warning,
)

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


# Scores outside 1..5 (real diagrams use 0..10) are kept as written, on a
# scale widened to hold them; beyond these ends they are cut off.
WIDEST = (0, 100)


def kept_score(score: float) -> int:
    """A score as the widened scale keeps it: rounded, within `WIDEST`."""
    low, high = WIDEST
    if not math.isfinite(score):
        return high if score > 0 else low
    return max(low, min(high, round(score)))


def widened_scale(parsed: MermaidJourney) -> tuple[int, int] | None:
    """The scale of the imported map when a score lies outside 1..5 (the
    scores are then kept as written), else None (1..5 becomes −2..2)."""
    scores = [task.score for section in parsed.sections for task in section.tasks
              if task.score is not None]
    if all(math.isfinite(s) and 1 <= round(s) <= 5 for s in scores):
        return None
    kept = [kept_score(s) for s in scores]
    return min(1, *kept), max(5, *kept)


def score_warnings(parsed: MermaidJourney, filename: str, lines: list[str]) -> list[Diagnostic]:
    """One warning per task whose score is outside 1..5, naming its line."""
    scale = widened_scale(parsed)
    if scale is None:
        return []
    found = []
    for section in parsed.sections:
        for task in section.tasks:
            if task.score is None or (math.isfinite(task.score) and 1 <= round(task.score) <= 5):
                continue
            raw = lines[task.line - 1] if task.line <= len(lines) else ""
            kept = kept_score(task.score)
            cut = "" if math.isfinite(task.score) and kept == round(task.score) else f", cut to {kept}"
            after = raw[raw.find(":") + 1:]
            found.append(warning(
                filename, task.line, raw.find(":") + 2 + len(after) - len(after.lstrip()),
                f"expected a score from 1 to 5, found {_score_text(task.score)}; the imported map "
                f"keeps the scores as written on a scale from {scale[0]} to {scale[1]}{cut}", raw,
                "check the map's `scale:` and the emotions"))
    return found


def _score_text(score: float) -> str:
    if not math.isfinite(score) or abs(score) >= 1e15:
        return "a number too large to use"
    return str(int(score)) if score == int(score) else str(score)


def to_journey_data(parsed: MermaidJourney) -> dict[str, Any]:
    """Plain data of a journey file (validated by the caller)."""
    scale = widened_scale(parsed)
    to_emotion = emotion if scale is None else kept_score
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
                    if task.score is not None:
                        previous["emotion"][persona_ids[actor]] = to_emotion(task.score)
                previous["personas"] += [persona_ids[a] for a in task.actors]
                continue
            tp: dict[str, Any] = {"id": slug(task.name, touchpoint_ids, "touchpoint"),
                                  "name": task.name or "–"}
            if task.actors:
                tp["personas"] = [persona_ids[a] for a in task.actors]
                tp["emotion"] = ({} if task.score is None else
                                 {persona_ids[a]: to_emotion(task.score) for a in task.actors})
            elif task.score is not None:
                tp["emotion"] = to_emotion(task.score)
            touchpoints.append(tp)
        for tp in touchpoints:
            if tp.get("emotion") == {}:
                del tp["emotion"]
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
    if parsed.acc_title and parsed.title and parsed.acc_title != parsed.title:
        data["accessibility"] = {"title": parsed.acc_title}
    if scale is not None:
        data["scale"] = {"min": scale[0], "max": scale[1]}
    if persona_ids:
        data["personas"] = [{"id": pid, "name": actor} for actor, pid in persona_ids.items()]
    data["stages"] = stages or [{"id": "journey", "name": "Journey"}]
    return data


def convert(text: str, filename: str, where: str = "") -> tuple[str | None, list[Diagnostic]]:
    """Mermaid text -> (journey YAML text, diagnostics); the YAML validates.
    The diagnostics are the errors, or else the warnings; `where` says where
    in `filename` the diagram is (`, line 12` in a Markdown file)."""
    from pydantic import ValidationError

    from ..model import Journey
    from ..serialize import dump
    from ..validation import validate_text

    forbidden = forbidden_characters(text, filename)
    if forbidden:
        return None, forbidden
    parsed = parse(text, filename)
    if parsed.failed:
        return None, parsed.diagnostics
    warnings = sorted(parsed.diagnostics + score_warnings(parsed, filename, text_lines(text)),
                      key=lambda d: (d.line, d.column))
    try:
        journey = Journey.model_validate(to_journey_data(parsed))
    except ValidationError as exc:  # not expected: every text was checked above
        return None, [problem(filename, 1, 1, "expected a diagram journeymap can import, found "
                               f"one its journey model rejects: {_first_error(exc)}", "")]
    scores = ("Mermaid scores 1..5 became emotions -2..2" if "scale" not in to_journey_data(parsed)
              else "Mermaid scores outside 1..5 kept as written on a widened scale")
    source = comment_text(display_name(filename) + where)
    header = (f"# Imported from {source} by `journeymap import mermaid`.\n"
              f"# {scores}; add channels, pains and evidence.\n")
    yaml_text = dump(journey, schema=SCHEMA_ID)
    yaml_text = yaml_text.replace("\n", "\n" + header, 1)
    problems = [d for d in validate_text(yaml_text, filename).diagnostics if d.is_error]
    return (None if problems else yaml_text), (problems or warnings)


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
