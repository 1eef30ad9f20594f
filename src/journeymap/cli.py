"""The command line: options in, a call into the library, a reporter, an exit
status out. Nothing here decides anything about journeys."""

from __future__ import annotations

import gc

# A command is a short-lived process whose objects (parsed maps, pydantic's
# schemas) hold no reference cycles worth collecting; the cyclic collector
# only costs time here (about 30 ms of start-up, and more on large maps).
gc.disable()

import os  # noqa: E402

# pydantic looks through every installed distribution for its own plug-ins
# when our models are built (~20 ms); the command line has no use for them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import sys  # noqa: E402
from pathlib import Path
from typing import List, Optional  # noqa: E402

import typer  # noqa: E402

from . import __version__  # noqa: E402

app = typer.Typer(
    name="journeymap",
    help="Customer journey maps as code: validate journey files and render them.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _usage_error(message: str) -> "typer.Exit":
    typer.echo(f"journeymap: error: {message}", err=True)
    return typer.Exit(2)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"journeymap {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Customer journey maps as code."""


def _check_ignore(codes: List[str]) -> List[str]:
    from .diagnostics import CODES, ERROR
    from .fields import closest

    result = []
    for item in codes:
        for code in filter(None, (c.strip() for c in item.split(","))):
            if code not in CODES:
                near = closest(code, CODES)
                hint = f" (did you mean '{near}'?)" if near else ""
                raise _usage_error(f"--ignore: unknown code {code!r}{hint}")
            if CODES[code] == ERROR:
                raise _usage_error(f"--ignore: {code!r} is an error; only warnings can be ignored")
            result.append(code)
    return result


def _check_report_format(fmt: Optional[str]) -> str:
    from .reporting import FORMATS, default_format

    fmt = fmt or default_format()
    if fmt not in FORMATS:
        raise _usage_error(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


@app.command()
def validate(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Journey files, folders to search for them, or - for standard input. "
                   "Default: the current folder."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the run too (exit 1)."),
    ignore: List[str] = typer.Option([], "--ignore", metavar="CODE",
                                     help="Do not report this warning code (repeatable, or comma-separated)."),
    report_format: Optional[str] = typer.Option(
        None, "--format", metavar="text|json|github",
        help="How to report problems. Default: text, or github under GitHub Actions."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also show notes (metrics missing their targets) and tracebacks of internal errors."),
) -> None:
    """Check journey files like a compiler: every error and warning, with
    file:line:col. Writes nothing."""
    from .diagnostics import fails
    from .discovery import MissingPath, expand
    from .reporting import report
    from .runner import validate_inputs

    fmt = _check_report_format(report_format)
    ignored = _check_ignore(ignore)
    try:
        inputs = expand(paths or ["."])
    except MissingPath as missing:
        raise _usage_error(f"no such file or folder: {missing}")
    results = validate_inputs(inputs, ignored, verbose=verbose)
    diagnostics = [d for r in results for d in r.diagnostics]
    report(diagnostics, len(results), fmt, quiet=quiet, notes=verbose)
    raise typer.Exit(1 if fails(diagnostics, strict) else 0)


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of standard output."),
) -> None:
    """Print or write the JSON Schema of the journey format."""
    from .schema import schema_text
    from .writer import write_atomic

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        typer.echo(f"journeymap: error: cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1)


@app.command()
def init(
    file: Path = typer.Argument(Path("journey.yaml"), help="The file to create."),
    map_type: str = typer.Option("current-state", "--type", "-t",
                                 help="current-state, future-state, day-in-the-life or service-blueprint."),
    locale: str = typer.Option("en", "--locale", "-l", help="Language of the labels journeymap writes."),
    force: bool = typer.Option(False, "--force", help="Overwrite the file if it exists."),
) -> None:
    """Write a commented starter journey map that validates."""
    from . import builtins
    from .fields import closest
    from .starter import starter
    from .writer import write_atomic

    if map_type not in builtins.MAP_TYPES:
        near = closest(map_type, builtins.MAP_TYPES)
        raise _usage_error(f"--type must be one of {', '.join(builtins.MAP_TYPES)}, not {map_type!r}"
                           + (f" (did you mean '{near}'?)" if near else ""))
    from .fields import _LOCALE

    if not _LOCALE.match(locale):
        raise _usage_error(f"--locale must be a language tag such as en, zh or pt-BR, not {locale!r}")
    if file.exists() and not force:
        typer.echo(f"journeymap: {file} exists; use --force to overwrite it", err=True)
        raise typer.Exit(1)
    text = starter(map_type, locale, name=file.name)
    try:
        write_atomic(file, text.encode("utf-8"))
    except OSError as exc:
        typer.echo(f"journeymap: error: cannot write {file}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1)
    typer.echo(f"wrote {file}: a {map_type} map; next: journeymap validate {file}", err=True)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="journeymap")


if __name__ == "__main__":  # pragma: no cover
    main()
