"""`journeymap validate`: options -> run.validate -> its Report."""

from __future__ import annotations

import typer

from .common import finish


def validate(
    paths: list[str] | None = typer.Argument(
        None, help="Journey files, folders to search for them, or - for standard input. "
                   "Default: the maps in the project settings, else the current folder."),
    strict: bool | None = typer.Option(None, "--strict/--no-strict",
                                      help="Warnings fail the run too (exit 1)."),
    ignore: list[str] = typer.Option([], "--ignore", metavar="CODE",
                                     help="Do not report this warning code (repeatable, or "
                                          "comma-separated)."),
    report_format: str | None = typer.Option(
        None, "--format", "--report-format", metavar="text|json|github",
        help="How to report problems. Default: text, or github under GitHub Actions."),
    config: str | None = typer.Option(None, "--config", help="Settings file (journeymap.toml or "
                                                             "pyproject.toml); default: found upwards."),
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
        quiet=quiet, verbose=verbose)))
