"""The commands that start a project: `init` writes a starter map, `schema`
the JSON Schema of the format (for editors and CI)."""

from __future__ import annotations

from pathlib import Path

from . import arguments
from .report import Message, Report
from .writer import write_file


def run_init(file: Path, map_type: str = "current-state", locale: str = "en", force: bool = False) -> Report:
    """A commented starter map that validates; exit 1 when the file exists
    (unless `force`) or cannot be written."""
    from ..starter import starter

    arguments.map_type(map_type)
    arguments.locale(locale)
    failure = write_file(file, starter(map_type, locale, name=file.name), force)
    if failure is not None:
        return Report(exit_code=1, messages=[failure])
    return Report(messages=[Message("plain", f"wrote {file}: a {map_type} map; "
                                             f"next: journeymap validate {file}")])


def run_schema(output: Path | None = None, normalised: bool = False) -> Report:
    """The JSON Schema of the journey format (or of the `json` renderer's
    output), on standard output or written to `output`."""
    from ..schema import schema_text

    text = schema_text(normalised)
    if output is None:
        return Report(stdout_text=text)
    failure = write_file(output, text)
    return Report(exit_code=1, messages=[failure]) if failure is not None else Report()

