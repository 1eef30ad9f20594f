"""A Report as people and programs read it: diagnostics through
`reporting.py`'s formats, messages and what happened to the outputs on
standard error, results (a document, a listing, an artifact) on standard
output. Every line that holds user text shows it inert."""

from __future__ import annotations

import sys
from typing import TextIO

from ..safetext import inert
from .report import Document, Message, Outputs, Report
from .reporting import MACHINE_FORMATS, use_colour
from .reporting import report as report_problems


def show(report: Report) -> None:
    """Print everything the report has to say, in order."""
    err = sys.stderr
    if report.diagnostics or report.always_report:
        machine = report.problems_format in MACHINE_FORMATS
        stream = sys.stdout if machine and not report.stdout_taken else err
        report_problems(report.diagnostics, report.files, report.problems_format, stream=stream,
                        quiet=not report.tally, notes=report.notes, names=report.file_names)
    for message in report.messages:
        err.write(line(message) + "\n")
    if report.outputs is not None:
        _outputs(report.outputs, err)
    if report.summary is not None:
        err.write((f"\x1b[1m{report.summary}\x1b[0m" if use_colour(err) else report.summary) + "\n")
    err.flush()
    if report.document is not None:
        _document(report.document)
    if report.stdout_text:
        sys.stdout.write(report.stdout_text)
        sys.stdout.flush()


def line(message: Message) -> str:
    if message.level == "plain":
        return inert(message.text)
    return f"journeymap: {message.level}: {inert(message.text)}"


def _outputs(outputs: Outputs, err: TextIO) -> None:
    for path, reason in outputs.failed:
        err.write(f"journeymap: error: cannot write {inert(str(path))}: {inert(reason)}\n")
    for path, reason in outputs.stale:
        verb = "would create" if reason == "missing" else "would update"
        err.write(f"{verb} {inert(str(path))} ({inert(reason)})\n")
    for path in outputs.orphans:
        err.write(f"journeymap: warning: {inert(str(path))} is a journeymap output that no map makes "
                  "any more (its map was deleted or renamed?); delete it if so\n")
    if outputs.fix:
        err.write(f"to update them, run: {inert(outputs.fix)}\n")
    if outputs.diffs:
        sys.stdout.write("".join(outputs.diffs))
        sys.stdout.flush()
    if outputs.list_written:
        for path in outputs.written:
            err.write(f"wrote {inert(str(path))}\n")
    if outputs.list_unchanged:
        for path in outputs.unchanged:
            err.write(f"unchanged {inert(str(path))}\n")


def _document(document: Document) -> None:
    """Stats or a diff on standard output: JSON for pipelines, Markdown for
    docs, tables in the terminal."""
    from ..analysis import report as tables

    out = sys.stdout
    if document.fmt == "json":
        out.write(tables.as_json(document.data, not tables.writes_unicode(out)))
    elif document.fmt == "md":
        out.write("\n".join(tables.as_markdown(s.heading, list(s.tables), empty=s.empty_markdown)
                            for s in document.sections))
    else:
        for section in document.sections:
            if section.tables or section.empty_text is None:
                tables.print_rich(section.heading, list(section.tables))
            else:
                out.write(f"{inert(section.heading)}: {section.empty_text}\n")
    out.flush()
