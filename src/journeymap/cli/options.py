"""The options several commands share, defined once so that `render` and
`watch` (and `validate`, `stats`) take the same names, metavars and help,
with shell completion of the values: formats, lanes, personas, locales,
themes and report formats."""

from __future__ import annotations

from typing import Any

import typer


def _each(incomplete: str, values: list[str]) -> list[str]:
    """Completion of the last item of a comma-separated list (`svg,p` -> `svg,png`)."""
    head, _, last = incomplete.rpartition(",")
    prefix = head + "," if head else ""
    return [prefix + value for value in values if value.startswith(last)]


def complete_formats(incomplete: str) -> list[str]:
    from ..renderers.registry import available

    return _each(incomplete, sorted(available()))


def complete_report_formats(incomplete: str) -> list[str]:
    from ..run.reporting import FORMATS

    return [fmt for fmt in FORMATS if fmt.startswith(incomplete)]


def complete_themes(incomplete: str) -> list[str]:
    from ..renderers import THEMES

    return [theme for theme in THEMES if theme.startswith(incomplete)]


def complete_directions(incomplete: str) -> list[str]:
    return [d for d in ("LR", "TB") if d.startswith(incomplete.upper())]


def complete_table_formats(incomplete: str) -> list[str]:
    return [fmt for fmt in ("text", "json", "md") if fmt.startswith(incomplete)]


def complete_locales(incomplete: str) -> list[str]:
    from ..i18n import shipped_locales

    return [tag for tag in shipped_locales() if tag.startswith(incomplete)]


def _maps() -> list[Any]:
    """The journeys named on the command line being completed (its words
    that are existing files or folders, as the shell hands them over), else
    those of the current folder."""
    import os

    from ..run.discovery import expand
    from ..run.validate import validate_input

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    named = [word for word in line.split()[1:] if not word.startswith("-") and os.path.exists(word)]
    try:
        inputs = [item for item in expand(named or ["."]) if item.path][:20]
        return [r.journey for r in map(validate_input, inputs) if r.journey is not None]
    except Exception:  # completion never fails the shell
        return []


def complete_lanes(incomplete: str) -> list[str]:
    from .. import builtins
    from ..presentation.texts import lane_id

    custom = [lane_id(lane) for journey in _maps() for lane in journey.lanes or []]
    return _each(incomplete, list(dict.fromkeys([*builtins.LANES, *custom])))


def complete_personas(incomplete: str) -> list[str]:
    ids = [persona.id for journey in _maps() for persona in journey.personas if persona.id]
    return _each(incomplete, list(dict.fromkeys(ids)))


PATHS_HELP = ("Journey files, folders to search for them, or - for standard input. "
              "Default: the maps in the project settings, else the current folder.")


def paths(help_text: str = PATHS_HELP) -> Any:
    return typer.Argument(None, metavar="PATH", help=help_text, show_default=False)


def formats() -> Any:
    return typer.Option([], "-f", "--format", metavar="FORMAT[,FORMAT...]", autocompletion=complete_formats,
                        help="Output format, repeatable or comma-separated: svg, md, mmd, json, ... "
                             "Default: svg, or what the -o file name ends in. `journeymap renderers` "
                             "lists them.")


def output() -> Any:
    return typer.Option(None, "-o", "--output", metavar="FILE|DIR",
                        help="One map in one format: this file. Else a folder (a name ending in /, an "
                             "existing folder, or a name with no ending). Default: beside each input; "
                             "standard input, and -o -, write to standard output.")


def report_format(*names: str) -> Any:
    return typer.Option(None, *names, metavar="text|json|github|sarif|junit|gitlab",
                        autocompletion=complete_report_formats,
                        help="How to report problems. Default: text, or github under GitHub Actions.")


def strict() -> Any:
    return typer.Option(None, "--strict/--no-strict", help="Warnings fail the run too (exit 1).")


def ignore() -> Any:
    return typer.Option([], "--ignore", metavar="CODE", help="Do not report this warning code "
                                                             "(repeatable, or comma-separated).")


def exclude() -> Any:
    return typer.Option([], "--exclude", metavar="GLOB",
                        help="Skip what a folder search finds that matches this gitignore-style "
                             "pattern (repeatable), besides the settings' exclude and .gitignore.")


def config() -> Any:
    return typer.Option(None, "--config", metavar="FILE", help="Settings file (journeymap.toml or "
                                                               "pyproject.toml); default: found upwards.")


def theme() -> Any:
    return typer.Option(None, "--theme", metavar="light|dark|print", autocompletion=complete_themes,
                        help="Colour theme.")


def locale() -> Any:
    return typer.Option(None, "--locale", metavar="LOCALE", autocompletion=complete_locales,
                        help="Language of the built-in labels, a tag such as de or pt-BR "
                             "(default: each map's own).")
