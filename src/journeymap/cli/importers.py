"""`journeymap import mermaid`: options -> run.imports -> its Report."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import finish


def import_mermaid(
    file: str = typer.Argument(..., help="A Mermaid `journey` diagram (.mmd or .md text), or - for "
                                         "standard input."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the journey file here "
                                                                    "(default: standard output)."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output file if it exists."),
    report_format: str | None = typer.Option(None, "--report-format", metavar="text|json|github"),
) -> None:
    """Turn a Mermaid user-journey diagram into a journey file: actors become
    personas, sections stages, tasks touchpoints, scores 1..5 emotions -2..2."""
    from ..run.imports import run_import_mermaid

    finish(run_import_mermaid(file, output, force, report_format))
