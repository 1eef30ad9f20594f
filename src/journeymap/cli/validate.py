"""`journeymap validate`: options -> run.validate -> its Report."""

from __future__ import annotations

import typer

from . import options
from .common import finish


def validate(
    paths: list[str] | None = options.paths(),
    strict: bool | None = options.strict(),
    ignore: list[str] = options.ignore(),
    report_format: str | None = options.report_format("--format", "--report-format"),
    config: str | None = options.config(),
    exclude: list[str] = options.exclude(),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also show notes (metrics missing their targets) and tracebacks "
                                      "of internal errors."),
) -> None:
    """Check journey files like a compiler: every error and warning, with
    file:line:col. Writes nothing."""
    from ..run.validate import ValidateRequest, run_validate

    finish(run_validate(ValidateRequest(
        paths=paths or [], strict=strict, ignore=ignore, report_format=report_format, config=config,
        quiet=quiet, verbose=verbose, exclude=exclude)))
