"""Validate the inputs of a run, one after the other; a failure in one file
never stops the others, and a bug is reported, not raised at the user."""

from __future__ import annotations

import sys
import traceback
from typing import Iterable, Sequence

from ..diagnostics import Diagnostic, ERROR
from .discovery import Input
from ..loading import MAX_BYTES, unreadable
from ..validation import Result, validate_bytes, validate_document, validate_path


def validate_input(item: Input, ignore: Sequence[str] = (), verbose: bool = False) -> Result:
    try:
        if item.problem is not None:  # found unreadable by the folder search
            return validate_document(unreadable(item.name, item.problem), ignore)
        if item.path is None:
            return _validate_stdin(item.name, ignore)
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
