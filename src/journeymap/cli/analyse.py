"""`journeymap stats` and `journeymap diff`: options -> run.analyse -> its Report."""

from __future__ import annotations

import typer

from . import options
from .common import finish


def stats(
    paths: list[str] | None = options.paths(),
    stats_format: str = typer.Option("text", "--format", metavar="text|json|md",
                                     autocompletion=options.complete_table_formats,
                                     help="Tables in the terminal, JSON for pipelines, Markdown for docs."),
    config: str | None = options.config(),
    exclude: list[str] = options.exclude(),
) -> None:
    """The analysis a CX team asks for: emotion low points and drops, pain
    hotspots, channel coverage, key touchpoints, metrics against targets,
    evidence coverage; and a summary over several maps."""
    from ..run.analyse import run_stats

    finish(run_stats(paths or [], stats_format, config, exclude))


def diff(
    old: str = typer.Argument(..., metavar="OLD", help="The old map: a file, or a git revision of one "
                                        "(HEAD~1:maps/x.yaml)."),
    new: str = typer.Argument(..., metavar="NEW", help="The new map (or the future-state map)."),
    diff_format: str = typer.Option("text", "--format", metavar="text|json|md",
                                    help="Tables in the terminal, JSON for pipelines, Markdown for docs."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when the maps differ, like git diff "
                                                              "--exit-code."),
) -> None:
    """What changed between two versions of a map, or between a current-state
    map and its future state: stages and touchpoints added, removed, renamed,
    moved; emotion per touchpoint and stage; pains solved and new;
    opportunities realised; metrics changed."""
    from ..run.analyse import run_diff

    finish(run_diff(old, new, diff_format, exit_code))
