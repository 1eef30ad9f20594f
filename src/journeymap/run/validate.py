"""`journeymap validate`: settings and options -> the inputs -> each one
validated -> a Report. One file after the other; a failure in one file never
stops the others, and a bug is reported, not raised at the user."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..diagnostics import ERROR, Diagnostic, fails
from ..integrations.documents import is_document
from ..integrations.documents import validate_document as validate_markdown
from ..loading import MAX_BYTES, unreadable
from ..validation import Result, validate_bytes, validate_document, validate_path
from . import arguments, settings
from .discovery import Input
from .inputs import find_inputs
from .report import Report


@dataclass(frozen=True)
class ValidateRequest:
    """What `journeymap validate` was asked; None and empty: not given (the
    settings, then the defaults, decide)."""

    paths: Sequence[str] = ()
    strict: bool | None = None
    ignore: Sequence[str] = ()
    report_format: str | None = None
    config: str | None = None
    quiet: bool = False
    verbose: bool = False
    exclude: Sequence[str] = ()  # glob patterns, on top of the settings' exclude


def run_validate(request: ValidateRequest) -> Report:
    """Validate every input; exit 1 when a map has errors (or warnings, when
    strict), else 0. A bad option or settings file is a UsageError."""
    fmt = arguments.report_format(request.report_format)
    project = settings.for_run(request.config)
    ignore = arguments.ignore_codes(request.ignore) + project.ignore
    strict = request.strict if request.strict is not None else bool(project.strict)
    inputs = find_inputs(request.paths, project, request.exclude, documents=True)
    results = validate_inputs(inputs, ignore, verbose=request.verbose)
    diagnostics = [d for r in results for d in r.diagnostics]
    return Report(exit_code=1 if fails(diagnostics, strict) else 0, diagnostics=diagnostics,
                  files=len(results), problems_format=fmt, always_report=True, notes=request.verbose,
                  tally=not request.quiet, file_names=[r.filename for r in results])


def validate_input(item: Input, ignore: Sequence[str] = (), verbose: bool = False) -> Result:
    try:
        if item.problem is not None:  # found unreadable by the folder search
            return validate_document(unreadable(item.name, item.problem), ignore)
        if item.path is None:
            return _validate_stdin(item.name, ignore)
        if is_document(item.path):  # a Markdown document: the maps in its journeymap blocks
            return Result(item.name, None, validate_markdown(item.path, item.name, ignore))
        return validate_path(item.path, item.name, ignore)
    except Exception as exc:  # a bug in journeymap, not a problem of the file
        if verbose:
            traceback.print_exc()
        return Result(item.name, None, [Diagnostic(
            file=item.name, line=1, column=1, severity=ERROR, code="internal-error",
            message=f"journeymap failed on this file ({type(exc).__name__}: {exc}); this is a bug, "
                    "please report it with the file", suggestion="run with --verbose for details")])


def _validate_stdin(name: str, ignore: Sequence[str]) -> Result:
    """Standard input, read only up to the size limit (one byte more tells
    that the input is too large) however much is piped in."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return validate_document(unreadable(name, "expected standard input, found it closed"),
                                 ignore)
    try:
        raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        return validate_document(unreadable(
            name, f"expected readable standard input, found an error ({exc.strerror or exc})"),
            ignore)
    return validate_bytes(raw, name, ignore)


def validate_inputs(inputs: Iterable[Input], ignore: Sequence[str] = (),
                    verbose: bool = False) -> list[Result]:
    return [validate_input(item, ignore, verbose) for item in inputs]
