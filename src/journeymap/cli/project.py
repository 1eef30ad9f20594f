"""`journeymap schema` and `journeymap init`: options -> run.project -> its Report."""

from __future__ import annotations

from pathlib import Path

import typer

from . import options
from .common import finish


def schema(
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                       help="Write to this file instead of standard output."),
    normalised: bool = typer.Option(False, "--normalised", help="The schema of the `json` renderer's "
                                                                "output (the normalised model) instead."),
) -> None:
    """Print or write the JSON Schema of the journey format."""
    from ..run.project import run_schema

    finish(run_schema(output, normalised))


def init(
    file: Path = typer.Argument(Path("journey.yaml"), metavar="FILE", help="The file to create."),
    map_type: str = typer.Option("current-state", "--type", "-t", metavar="TYPE",
                                 help="current-state, future-state, day-in-the-life or service-blueprint."),
    locale: str = typer.Option("en", "--locale", "-l", metavar="LOCALE",
                               autocompletion=options.complete_locales,
                               help="Language of the labels journeymap writes."),
    force: bool = typer.Option(False, "--force", help="Overwrite the file if it exists."),
) -> None:
    """Write a commented starter journey map that validates."""
    from ..run.project import run_init

    finish(run_init(file, map_type, locale, force))
