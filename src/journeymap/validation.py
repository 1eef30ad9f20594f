"""load -> parse -> check -> normalise for one journey file, in memory."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

from .checks import check
from .diagnostics import ERROR, Diagnostic, sort_key
from .loading import Document, load_bytes, load_file, load_path, load_text
from .model import Journey
from .normalise import normalise
from .parse import LENIENT_CODES, parse, parse_leniently

Arguments = ParamSpec("Arguments")
Returned = TypeVar("Returned")


@dataclass
class Result:
    """What validating one file gives: the normalised journey when the file has
    no errors, and every diagnostic, in the order of the file."""

    filename: str
    journey: Journey | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity == ERROR for d in self.diagnostics)


def validate_document(document: Document, ignore: Iterable[str] = ()) -> Result:
    ignored = set(ignore)
    diagnostics = list(document.diagnostics)
    journey = None
    if document.data is not None:
        parsed, problems = parse(document)
        diagnostics += problems
        if parsed is not None:
            diagnostics += check(parsed, document.sourcemap)
            if not any(d.severity == ERROR for d in diagnostics):
                journey = normalise(parsed)
        else:
            diagnostics += _whole_map_errors(document, diagnostics)
    kept = [d for d in diagnostics if d.severity == ERROR or d.code not in ignored]
    kept.sort(key=sort_key)
    return Result(document.filename, journey, kept)


def _whole_map_errors(document: Document, found: list[Diagnostic]) -> list[Diagnostic]:
    """For a map that failed parsing: the reference and id errors of what
    remains without the rejected parts, so that one run reports them all."""
    mended = parse_leniently(document)
    if mended is None:
        return []
    seen = {(d.line, d.column, d.code) for d in found}
    return [d for d in check(mended, document.sourcemap)
            if d.code in LENIENT_CODES and (d.line, d.column, d.code) not in seen]


def _without_gc(function: Callable[Arguments, Returned], *args: Arguments.args,
                **kwargs: Arguments.kwargs) -> Returned:
    """Python's cyclic collector more than doubles the time to load a large
    map, and the loaded graph has no cycles to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return function(*args, **kwargs)
    finally:
        if enabled:
            gc.enable()


def validate_path(path: str | os.PathLike[str], display_name: str | None = None,
                  ignore: Iterable[str] = ()) -> Result:
    """Validate a file; one that cannot be read gives an `io-error` diagnostic."""
    document = _without_gc(load_path, path, display_name)
    return _without_gc(validate_document, document, ignore)


def validate_file(path: str | os.PathLike[str], display_name: str | None = None,
                  ignore: Iterable[str] = ()) -> Result:
    """Validate a file; one that cannot be read raises its OSError."""
    document = _without_gc(load_file, path, display_name)
    return _without_gc(validate_document, document, ignore)


def validate_bytes(raw: bytes, filename: str, ignore: Iterable[str] = ()) -> Result:
    return _without_gc(validate_document, _without_gc(load_bytes, raw, filename), ignore)


def validate_text(text: str, filename: str = "<string>", ignore: Iterable[str] = ()) -> Result:
    return _without_gc(validate_document, _without_gc(load_text, text, filename), ignore)
