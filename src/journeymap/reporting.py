"""Diagnostics for people (text), for programs (json) and for GitHub Actions.

Plain ANSI escapes instead of rich: validate must start fast, and three
colours are all a compiler-style message needs.
"""

from __future__ import annotations

import json
import os
import sys
from typing import IO, Iterable, Sequence

from .diagnostics import Diagnostic, ERROR, INFO, WARNING, counts

FORMATS = ("text", "json", "github")
_STOP = set(" \t,:]}#")


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def use_colour(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def display_width(text: str) -> int:
    """Terminal columns of a text: CJK and most emoji take two."""
    from wcwidth import wcswidth, wcwidth  # imported only when a snippet is shown

    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcwidth(char), 0) for char in text)


def _token_end(line: str, start: int) -> int:
    if start >= len(line):
        return start + 1
    quote = line[start] if line[start] in "\"'" else None
    end = start + 1
    while end < len(line):
        char = line[end]
        if quote and char == quote:
            return end + 1
        if not quote and (char in _STOP and not (char == ":" and end + 1 < len(line)
                                                  and line[end + 1] not in " \t")):
            break
        end += 1
    return end


def snippet(d: Diagnostic) -> list[str]:
    """The offending line with a caret under the value, aligned by display width."""
    if not d.source_line and d.source_line != "":
        return []
    line = (d.source_line or "").replace("\t", " ")
    if not line.strip():
        return []
    start = max(d.column - 1, 0)
    end = _token_end(line, start)
    pad = " " * display_width(line[:start])
    marks = "^" * max(display_width(line[start:end]), 1)
    number = str(d.line)
    gutter = " " * len(number)
    return [f" {number} | {line}", f" {gutter} | {pad}{marks}"]


class _Style:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


_SEVERITY_COLOUR = {ERROR: "1;31", WARNING: "1;33", INFO: "1;36"}


def format_text(diagnostics: Sequence[Diagnostic], colour: bool = False) -> str:
    style = _Style(colour)
    out: list[str] = []
    for d in diagnostics:
        where = style(f"{d.file}:{d.line}:{d.column}:", "1")
        label = style(f"{d.severity}[{d.code}]", _SEVERITY_COLOUR.get(d.severity, "1"))
        path = f" {d.path}:" if d.path else ""
        out.append(f"{where} {label}:{path} {d.message}")
        out.extend(style(line, "2") if i == 0 else style(line, _SEVERITY_COLOUR[d.severity])
                   for i, line in enumerate(snippet(d)))
        if d.suggestion:
            out.append(f"  {style('help:', '1;32')} {d.suggestion}")
    return "\n".join(out) + ("\n" if out else "")


def summary_line(diagnostics: Iterable[Diagnostic], files: int, hidden: int = 0) -> str:
    tally = counts(diagnostics)
    parts = []
    for severity, word in ((ERROR, "error"), (WARNING, "warning"), (INFO, "note")):
        n = tally.get(severity, 0)
        if n:
            parts.append(f"{n} {word}{'' if n == 1 else 's'}")
    found = ", ".join(parts) if parts else "no problems"
    line = f"{found} in {files} file{'' if files == 1 else 's'}"
    if hidden:
        line += f" ({hidden} note{'' if hidden == 1 else 's'} not shown; --verbose shows them)"
    return line


def format_json(diagnostics: Sequence[Diagnostic], files: int) -> str:
    tally = counts(diagnostics)
    document = {
        "files": files,
        "errors": tally[ERROR],
        "warnings": tally[WARNING],
        "infos": tally[INFO],
        "diagnostics": [d.to_dict() for d in diagnostics],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub workflow commands, one annotation per diagnostic."""
    command = {ERROR: "error", WARNING: "warning", INFO: "notice"}
    out = []
    for d in diagnostics:
        props = ",".join([
            f"file={_escape_property(d.file)}", f"line={d.line}", f"col={d.column}",
            f"title={_escape_property('journeymap ' + d.code)}",
        ])
        message = f"{d.path}: {d.message}" if d.path else d.message
        if d.suggestion:
            message += f"\n{d.suggestion}"
        out.append(f"::{command[d.severity]} {props}::{_escape_data(message)}")
    return "\n".join(out) + ("\n" if out else "")


def report(diagnostics: Sequence[Diagnostic], files: int, fmt: str,
           stream: IO[str] | None = None, quiet: bool = False, notes: bool = False) -> None:
    """Write the diagnostics of a whole run in one format.

    Notes (informational, such as a metric missing its target) are facts about
    the business rather than defects of the file: people see them with
    `notes=True` (--verbose); JSON always carries them."""
    stream = stream or (sys.stdout if fmt == "json" else sys.stderr)
    shown = list(diagnostics) if notes or fmt == "json" else [
        d for d in diagnostics if d.severity != INFO]
    hidden = len(diagnostics) - len(shown)
    if fmt == "json":
        stream.write(format_json(shown, files))
    elif fmt == "github":
        stream.write(format_github(shown))
    else:
        stream.write(format_text(shown, use_colour(stream)))
        if not quiet:
            stream.write(summary_line(shown, files, hidden) + "\n")
    stream.flush()
