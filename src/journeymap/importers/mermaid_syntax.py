"""Mermaid's `journey` syntax read as Mermaid accepts it: front-matter
title, `title`, `accTitle`, `accDescr` (one line or `{ ... }` block), `%%`
comments and directives, sections (the same name may come twice), tasks with
or without actors, trailing colons and extra spaces; entity codes (`#58;`)
decoded.

The diagram is untrusted: a character that a journey's text may not hold (a
control character, a noncharacter, a lone surrogate) is reported at its line
and column, never handed on; every other problem is a diagnostic too, never
an exception.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic

_SCORE = re.compile(r"[-+]?\d+(\.\d+)?\Z")


@dataclass
class Task:
    name: str
    score: float | None
    actors: list[str]
    line: int


@dataclass
class Section:
    name: str
    tasks: list[Task] = field(default_factory=list)


@dataclass
class MermaidJourney:
    title: str | None = None
    acc_title: str | None = None
    description: str | None = None  # `accDescr`
    sections: list[Section] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # errors and warnings

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def problem(filename: str, line: int, column: int, message: str, source: str,
            suggestion: str | None = None, code: str = "mermaid-syntax") -> Diagnostic:
    return Diagnostic(file=filename, line=line, column=column, severity="error",
                      code=code, message=message, suggestion=suggestion,
                      source_line=source)


def warning(filename: str, line: int, column: int, message: str, source: str,
            suggestion: str | None = None, code: str = "mermaid-import") -> Diagnostic:
    """Something imported although Mermaid would draw it otherwise (or not at all)."""
    return Diagnostic(file=filename, line=line, column=column, severity="warning",
                      code=code, message=message, suggestion=suggestion, source_line=source)


def text_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def forbidden_characters(text: str, filename: str, limit: int = 20) -> list[Diagnostic]:
    """Every character a journey's text may not hold (the loader's own rule),
    at its line and column: found before parsing, so that none reaches the
    model (and so none hides in a comment of the diagram either)."""
    from ..loading.characters import FORBIDDEN

    found: list[Diagnostic] = []
    for number, line in enumerate(text_lines(text), start=1):
        for match in FORBIDDEN.finditer(line):
            char = match.group()
            found.append(problem(
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
    lines = text_lines(text)
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
    in_description: list[str] | None = None
    while index < len(lines):
        raw = lines[index]
        number = index + 1
        index += 1
        stripped = raw.strip()
        if in_description is not None:
            if "}" in stripped:
                in_description.append(stripped.split("}", 1)[0])
                parts = (s.strip() for s in in_description)
                result.description = decode_entities(" ".join(p for p in parts if p))
                in_description = None
            else:
                in_description.append(stripped)
            continue
        if not stripped or stripped.startswith("%%"):
            continue
        if not seen_keyword:
            if stripped.split()[0] == "journey":
                seen_keyword = True
                if stripped != "journey":
                    result.diagnostics.append(warning(
                        filename, number, raw.index(stripped[0]) + 8,
                        f"expected nothing after `journey`, found {stripped[7:].strip()!r}; "
                        "Mermaid rejects the diagram, journeymap ignores it", raw))
                continue
            result.diagnostics.append(problem(filename, number, raw.index(stripped[0]) + 1,
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
            if ":" in rest:
                result.diagnostics.append(warning(
                    filename, number, raw.index(":") + 1,
                    "expected a section name without `:`, found one; Mermaid rejects the "
                    "diagram, journeymap keeps the whole name", raw, "write the colon as #58;"))
            section = decode_entities(rest.strip()) or f"Section {len(result.sections) + 1}"
            result.sections.append(Section(section))
        else:
            if stripped.startswith("#") and not _ENTITY.match(stripped):
                result.diagnostics.append(warning(
                    filename, number, raw.index("#") + 1,
                    "expected a task, found a line starting with `#`; Mermaid rejects the "
                    "diagram (its comments start with %%), journeymap reads it as a task", raw,
                    "start a comment with %%"))
            task = _task(stripped, number, raw, filename, result)
            if task is not None:
                if not result.sections:
                    result.sections.append(Section("Journey"))
                result.sections[-1].tasks.append(task)
    if not seen_keyword:
        result.diagnostics.append(problem(filename, 1, 1, "expected a Mermaid `journey` diagram, "
                                           "found no `journey` keyword", lines[0] if lines else ""))
    return result


def _task(stripped: str, number: int, raw: str, filename: str, result: MermaidJourney) -> Task | None:
    if ":" not in stripped:
        result.diagnostics.append(problem(
            filename, number, raw.index(stripped[0]) + 1,
            f"expected a task written `Task name: score: actors`, found {stripped!r}", raw))
        return None
    name, _, data = stripped.partition(":")
    score_text, _, actors_text = data.partition(":")
    score_text = score_text.strip()
    score: float | None = None
    if score_text:
        if _SCORE.match(score_text):
            score = float(score_text)
        else:  # Mermaid draws the task with a NaN score: import it without an emotion
            column = raw.index(":") + 2 + (len(data) - len(data.lstrip()))
            result.diagnostics.append(warning(
                filename, number, column, f"expected a score from 1 to 5, found {score_text!r}; "
                "the task is imported without an emotion", raw))
    actors = [decode_entities(a.strip()) for a in actors_text.split(":")[0].split(",") if a.strip()]
    return Task(decode_entities(name.strip()), score, actors, number)


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
