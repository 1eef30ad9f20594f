"""What a run found and did, as data: the command line only prints a Report
(see `printer.py`) and exits with its code, and a test or a program that
calls `run` in-process reads the same facts without parsing any output."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..diagnostics import Diagnostic
from ..errors import JourneyError, JourneymapError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.report import Table

# error and warning lines are said as `journeymap: error: ...`; a plain line as it is.
Level = Literal["error", "warning", "plain"]


class MapUsageError(UsageError):
    """A map named in an option has errors, so the command cannot do what
    it was asked (`render --compare OLD`): the map's diagnostics are
    reported before the message."""

    def __init__(self, message: str, diagnostics: list[Diagnostic]):
        super().__init__(message)
        self.diagnostics = diagnostics


@dataclass(frozen=True)
class Message:
    """One line for standard error; `text` may hold user text (it is shown inert)."""

    level: Level
    text: str


@dataclass
class Outputs:
    """What happened to the files a render run made, and which of them to list."""

    check: bool = False  # compared with the files on disk instead of writing
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stale: list[tuple[Path, str]] = field(default_factory=list)   # --check: (path, "missing" | "differs")
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (path, why it could not be written)
    orphans: list[Path] = field(default_factory=list)  # --check: ours, but no input makes them now
    fix: str | None = None  # --check: the command that brings the stale outputs up to date
    diffs: list[str] = field(default_factory=list)  # --diff: a unified diff per stale output
    list_written: bool = True
    list_unchanged: bool = False


@dataclass(frozen=True)
class Section:
    """One heading and its tables of a stats or diff result; `empty_text`
    and `empty_markdown` are said instead when there is no table."""

    heading: str
    tables: Sequence[Table]
    empty_text: str | None = None
    empty_markdown: str = ""


@dataclass(frozen=True)
class Document:
    """What `stats` and `diff` show on standard output, in one of their
    formats: `data` as JSON, or the sections as Markdown or terminal tables."""

    fmt: str  # text | json | md
    data: Any
    sections: Sequence[Section]


@dataclass
class Report:
    """Everything a command has to say, in the order it is said: the
    diagnostics (in `problems_format`), the messages, what happened to the
    outputs, the summary line, the document or text for standard output;
    then `exit_code`."""

    exit_code: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    file_names: list[str] = field(default_factory=list)  # every file checked (a JUnit test case each)
    problems_format: str = "text"  # text | json | github | sarif | junit | gitlab
    always_report: bool = False  # report even no problems (the JSON document, the tally)
    notes: bool = False  # show informational diagnostics to people too
    tally: bool = False  # end the text diagnostics with "N errors in M files"
    stdout_taken: bool = False  # standard output carries an artifact: all else goes to stderr
    messages: list[Message] = field(default_factory=list)
    outputs: Outputs | None = None
    summary: str | None = None  # the last line of a render run, bold on a terminal
    document: Document | None = None
    stdout_text: str = ""  # written to standard output as it is (schema, import, renderers)

    def say(self, level: Level, text: str) -> None:
        self.messages.append(Message(level, text))

    @classmethod
    def refused(cls, error: JourneymapError) -> Report:
        """The report of a command that could not run as asked: a usage error
        or a missing program says why; a journey error shows its diagnostics."""
        if isinstance(error, JourneyError):
            return cls(exit_code=error.exit_code, diagnostics=list(error.diagnostics), files=1)
        diagnostics = list(error.diagnostics) if isinstance(error, MapUsageError) else []
        return cls(exit_code=error.exit_code, diagnostics=diagnostics, files=1 if diagnostics else 0,
                   messages=[Message("error", str(error))])
