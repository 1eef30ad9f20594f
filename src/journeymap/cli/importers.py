"""`journeymap import mermaid`: options -> run.imports -> its Report."""

from __future__ import annotations

from pathlib import Path

import typer

from . import options
from .common import finish


def import_mermaid(
    file: str = typer.Argument(..., metavar="FILE", help="A Mermaid `journey` diagram (.mmd or .md "
                                                         "text), or - for standard input."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                       help="Write the journey file here (default: standard output)."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output file if it exists."),
    report_format: str | None = options.report_format("--report-format"),
) -> None:
    """Turn a Mermaid user-journey diagram into a journey file: actors become
    personas, sections stages, tasks touchpoints, scores 1..5 emotions -2..2."""
    from ..run.imports import run_import_mermaid

    finish(run_import_mermaid(file, output, force, report_format))
def import_sheet(
    file: str = typer.Argument(..., metavar="FILE", help="A journey map kept in a spreadsheet: "
                                                         ".csv (UTF-8 or UTF-16) or .xlsx."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                       help="Write the journey file here (default: standard output)."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output file if it exists."),
    shape: str | None = typer.Option(None, "--shape", metavar="grid|rows",
                                     help="grid: stages across, lanes down the first column; rows: a "
                                          "header row and one row per touchpoint (default: found)."),
    sheet: str | None = typer.Option(None, "--sheet", metavar="NAME",
                                     help="The sheet to read (default: the first in either shape)."),
    report_format: str | None = options.report_format("--report-format"),
) -> None:
    """Turn a spreadsheet journey map into a journey file: stages, touchpoints
    and lanes from a grid or from one row per touchpoint; warnings name cells."""
    from ..run.imports import run_import_sheet

    finish(run_import_sheet(file, output, force, shape, sheet, report_format))

