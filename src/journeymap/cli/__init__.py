"""The command line: options in, a call into `journeymap.run`, its Report
printed, an exit status out. Nothing here decides anything about journeys;
each command lives in its own small module and is registered here."""

from __future__ import annotations

import gc
import os
import sys
import traceback

import typer

from .. import __version__
from . import analyse, importers, plugins, project, render, validate
from .common import Commands

app = typer.Typer(
    name="journeymap",
    help="Customer journey maps as code: validate journey files and render them.",
    cls=Commands,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"journeymap {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = typer.Option(False, "-V", "--version", callback=_version_callback, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Customer journey maps as code."""


app.command()(validate.validate)
app.command()(render.render)
app.command()(render.watch)
app.command()(plugins.renderers)
app.command()(analyse.stats)
app.command()(analyse.diff)
import_app = typer.Typer(help="Turn diagrams from other tools into journey files.", no_args_is_help=True,
                         cls=Commands)
app.add_typer(import_app, name="import")
import_app.command("mermaid")(importers.import_mermaid)
import_app.command("sheet")(importers.import_sheet)
app.command()(project.schema)
app.command()(project.init)


def _tune_process() -> None:
    """What only the command line does to its own process, never at import.

    A command is short-lived and its objects (parsed maps, pydantic's schemas)
    hold no cycles worth collecting: the cyclic collector only costs time
    (about 30 ms of start-up, more on large maps). pydantic looks through
    every installed distribution for plug-ins of its own (~20 ms); the
    command line has no use for them."""
    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A terminal or CI log that cannot show UTF-8 (LC_ALL=C with
    # PYTHONIOENCODING=ascii, a Windows code page) gets escapes, not a crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _wants_traceback(argv: list[str]) -> bool:
    return any(arg in ("-v", "--verbose") for arg in argv) or bool(os.environ.get("JOURNEYMAP_DEBUG"))


def main() -> None:
    """Console-script entry point: the one place where an unexpected
    exception (a bug in journeymap) becomes a short message and exit 2."""
    _tune_process()
    try:
        app(prog_name="journeymap")
    except KeyboardInterrupt:
        sys.stderr.write("journeymap: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # `journeymap schema | head`: the reader left; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a bug, not a problem of the input
        from ..safetext import inert

        if _wants_traceback(sys.argv[1:]):
            traceback.print_exc()
        sys.stderr.write(
            f"journeymap: internal error: {type(exc).__name__}: {inert(str(exc))}\n"
            "This is a bug in journeymap; please report it with the command and the file "
            "(run with --verbose, or JOURNEYMAP_DEBUG=1, for the traceback).\n")
        sys.exit(2)


__all__ = ["app", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
