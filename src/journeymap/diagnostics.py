"""Problems found in a journey file, as plain records.

A diagnostic is the unit every stage of the pipeline speaks: the loader, the
model translation and the lint checks all produce them, and the reporters only
format them. Positions are 1-based, like every editor and compiler shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"
INFO = "info"

PathPart = str | int

# Every code a diagnostic can carry, with the severity it is reported at.
# The codes are stable: projects name them in `--ignore` and in CI settings.
CODES: dict[str, str] = {
    # the file itself
    "yaml-syntax": ERROR,
    "multiple-documents": ERROR,
    "not-a-mapping": ERROR,
    "duplicate-key": ERROR,
    "tab-indentation": ERROR,
    "encoding": ERROR,
    "control-character": ERROR,
    "yaml-tag": ERROR,
    "key-not-text": ERROR,
    "too-large": ERROR,
    "too-deep": ERROR,
    "alias-bomb": ERROR,
    "io-error": ERROR,
    "internal-error": ERROR,
    "mermaid-syntax": ERROR,
    # the content
    "missing-field": ERROR,
    "wrong-type": ERROR,
    "unknown-key": ERROR,
    "out-of-range": ERROR,
    "unknown-value": ERROR,
    "invalid-value": ERROR,
    "unknown-version": ERROR,
    "duplicate-id": ERROR,
    "unresolved-reference": ERROR,
    # lint rules
    "empty-stage": WARNING,
    "emotion-gap": WARNING,
    "unused-persona": WARNING,
    "unused-channel": WARNING,
    "unused-source": WARNING,
    "pain-without-opportunity": WARNING,
    "key-without-metrics": WARNING,
    "future-without-opportunities": WARNING,
    "blueprint-without-backstage": WARNING,
    "hypothesis-only-key": WARNING,
    # drawing: a lane the map or --lanes leaves out while it holds content
    "hidden-lane": WARNING,
    # importing from other tools
    "mermaid-import": WARNING,
    "sheet-syntax": ERROR,
    "sheet-value": WARNING,
    "metric-missed-target": INFO,
}


def format_path(path: Sequence[PathPart]) -> str:
    """`('stages', 0, 'name')` -> `stages[0].name`, the way users read paths."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where it is, how bad it is, what was expected and found."""

    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    path: str = ""
    suggestion: str | None = None
    source_line: str | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, str | int | None]:
        """The fields as JSON reports give them (without the source line)."""
        data: dict[str, str | int | None] = asdict(self)
        data.pop("source_line")
        return data


def sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.file, d.line, d.column, d.code, d.message)


def counts(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    result = {ERROR: 0, WARNING: 0, INFO: 0}
    for d in diagnostics:
        result[d.severity] = result.get(d.severity, 0) + 1
    return result


def fails(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """Whether these diagnostics make the run exit 1."""
    return any(d.severity == ERROR or (strict and d.severity == WARNING) for d in diagnostics)
