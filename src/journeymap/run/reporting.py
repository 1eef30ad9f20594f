"""Diagnostics for people (text), for programs (json) and for GitHub Actions.

Plain ANSI escapes instead of rich: validate must start fast, and three
colours are all a compiler-style message needs.

Every file name, message and source line comes from files anyone can commit,
and a GitHub Actions runner reads two kinds of line in a job's output as
workflow commands: one starting with `::` (after leading whitespace), and one
holding `##[command]` anywhere. So each format keeps user text what it is:
the text format shows it `plain` (control characters as visible escapes,
`##[` as `##\\x5b`) and puts `./` before a file name that could start a line
with `::`; the github format escapes exactly as the runner unescapes; JSON
escapes every character a log viewer could take for a line break, and `##[`.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import IO

from ..diagnostics import ERROR, INFO, WARNING, Diagnostic, counts
from ..safetext import inert

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")
# Read by programs: written to standard output (unless an artifact has it).
MACHINE_FORMATS = ("json", "sarif", "junit", "gitlab")
_STOP = set(" \t,:]}#")
SNIPPET_CHARS = 200  # a longer source line is shown as a window around the column
_BEFORE_COLUMN = 60


def shown_name(name: str) -> str:
    """A file name as a line may start with it: `plain`, and with `./` in front
    of a name that starts with `:` or whitespace (the same file), so that no
    line can begin with a workflow command's `::`."""
    text = inert(name)
    return "./" + text if text[:1] == ":" or text[:1].isspace() else text


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def use_colour(stream: IO[str]) -> bool:
    """no-color.org: NO_COLOR set and not empty turns colour off, and wins;
    force-color.org: FORCE_COLOR set and not empty (any value) turns it on
    where it would be off (a pipe, a CI log); else only on a terminal."""
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


def _shown_chars(line: str) -> list[str]:
    """Each character of `line` as `inert(line)` shows it, so that widths of
    any part are measured on exactly what is printed."""
    shown = [inert(char) for char in line]
    for index in range(2, len(line)):
        if line[index] == "[" and line[index - 2:index] == "##":
            shown[index] = "\\x5b"
    return shown


def _window(line: str, start: int) -> tuple[str, int]:
    """A long line cut to SNIPPET_CHARS around `start` (with ellipses), and
    where `start` is in what is kept."""
    if len(line) <= SNIPPET_CHARS:
        return line, start
    first = min(max(start - _BEFORE_COLUMN, 0), max(len(line) - SNIPPET_CHARS, 0))
    kept = line[first:first + SNIPPET_CHARS]
    head = "…" if first else ""
    tail = "…" if first + SNIPPET_CHARS < len(line) else ""
    return head + kept + tail, start - first + len(head)


def snippet(d: Diagnostic) -> list[str]:
    """The offending line, shown `plain`, with a caret under the value, aligned
    by display width measured on the text as shown (an escape is as wide as
    it is written, a CJK character two columns)."""
    if not d.source_line and d.source_line != "":
        return []
    line = d.source_line or ""
    if not line.strip():
        return []
    line, start = _window(line, max(d.column - 1, 0))
    end = _token_end(line, start)
    shown = _shown_chars(line)
    pad = " " * display_width("".join(shown[:start]))
    marks = "^" * max(display_width("".join(shown[start:end])), 1)
    number = str(d.line)
    gutter = " " * len(number)
    return [f" {number} | {''.join(shown)}", f" {gutter} | {pad}{marks}"]


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
        where = style(f"{shown_name(d.file)}:{d.line}:{d.column}:", "1")
        label = style(f"{d.severity}[{d.code}]", _SEVERITY_COLOUR.get(d.severity, "1"))
        path = f" {inert(d.path)}:" if d.path else ""
        out.append(f"{where} {label}:{path} {inert(d.message)}")
        out.extend(style(line, "2") if i == 0 else style(line, _SEVERITY_COLOUR.get(d.severity, "1"))
                   for i, line in enumerate(snippet(d)))
        if d.suggestion:
            out.append(f"  {style('help:', '1;32')} {inert(d.suggestion)}")
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
    return _json_escapes(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


# Kept raw by json.dumps(ensure_ascii=False): DEL, C1 controls (NEL is a line
# break to some), the line and paragraph separators, bidi controls, lone
# surrogates (which no UTF-8 stream can even write), and the `[` of a `##[`.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]|(?<=##)\\[")


def _json_escapes(text: str) -> str:
    """JSON text with those characters as `\\uXXXX` escapes: they occur only
    inside strings (the structure is ASCII, without `#`), so the document
    means exactly the same."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as the runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: `:` and `,` would end it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file_property(name: str) -> str:
    """The runner drops the `=` that starts a property's value: `./=x` is the same file."""
    return escape_property("./" + name if name.startswith("=") else name)


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub workflow commands, one annotation per diagnostic."""
    command = {ERROR: "error", WARNING: "warning", INFO: "notice"}
    out = []
    for d in diagnostics:
        props = ",".join([
            f"file={_file_property(d.file)}", f"line={d.line}", f"col={d.column}",
            f"title={escape_property('journeymap ' + d.code)}",
        ])
        message = f"{d.path}: {d.message}" if d.path else d.message
        if d.suggestion:
            message += f"\n{d.suggestion}"
        out.append(f"::{command.get(d.severity, 'error')} {props}::{escape_data(message)}")
    return "\n".join(out) + ("\n" if out else "")


def report(diagnostics: Sequence[Diagnostic], files: int, fmt: str,
           stream: IO[str] | None = None, quiet: bool = False, notes: bool = False,
           names: Sequence[str] = ()) -> None:
    """Write the diagnostics of a whole run in one format.

    Notes (informational, such as a metric missing its target) are facts about
    the business rather than defects of the file: people see them with
    `notes=True` (--verbose); JSON always carries them."""
    stream = stream or (sys.stdout if fmt in MACHINE_FORMATS else sys.stderr)
    shown = list(diagnostics) if notes or fmt in MACHINE_FORMATS else [
        d for d in diagnostics if d.severity != INFO]
    hidden = len(diagnostics) - len(shown)
    if fmt == "json":
        stream.write(format_json(shown, files))
    elif fmt in ("sarif", "junit", "gitlab"):
        from . import ci_formats

        stream.write(ci_formats.format_sarif(shown) if fmt == "sarif" else
                     ci_formats.format_junit(shown, names) if fmt == "junit" else
                     ci_formats.format_gitlab(shown))
    elif fmt == "github":
        stream.write(format_github(shown))
    else:
        stream.write(format_text(shown, use_colour(stream)))
        if not quiet:
            stream.write(summary_line(shown, files, hidden) + "\n")
    stream.flush()
