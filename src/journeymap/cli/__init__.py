"""The command line: options in, a call into the library, a reporter, an exit
status out. Nothing here decides anything about journeys."""

from __future__ import annotations

import gc
import os
import sys
import traceback
from pathlib import Path
from typing import List, Optional

import typer

from .. import __version__

app = typer.Typer(
    name="journeymap",
    help="Customer journey maps as code: validate journey files and render them.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _say(message: str) -> None:
    """One line to standard error; any user text in it (a file name, a value)
    is shown inert, so it cannot act on the terminal or the CI log."""
    from ..safetext import inert

    typer.echo(inert(message), err=True)


def _usage_error(message: str) -> "typer.Exit":
    _say(f"journeymap: error: {message}")
    return typer.Exit(2)


def _check_locale(locale: Optional[str]) -> Optional[str]:
    """--locale takes a language tag, never a path to a file of words."""
    if locale is None:
        return None
    from ..i18n import check_locale

    try:
        return check_locale(locale)
    except ValueError as exc:
        raise _usage_error(f"--locale: {exc}")


def _write_file(path: Path, text: str, force: bool = True) -> None:
    """Write one file the commands create (init, import, schema -o), or exit 1
    saying why not; an existing file is kept unless `force`."""
    from ..run.writer import write_atomic

    if path.exists() and not force:
        _say(f"journeymap: {path} exists; use --force to overwrite it")
        raise typer.Exit(1)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        _say(f"journeymap: error: cannot write {path}: {exc.strerror or exc}")
        raise typer.Exit(1)


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
    from ..diagnostics import CODES, ERROR
    from ..fields import closest

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


def _check_lanes(text: Optional[str]) -> Optional[List[str]]:
    """--lanes a,b,c: built-in names are checked here (with a suggestion);
    anything else must be a custom lane id of the map, checked per map."""
    if text is None:
        return None
    from .. import builtins
    from ..fields import closest, _is_id_char

    lanes = [part.strip() for part in text.split(",") if part.strip()]
    for lane in lanes:
        if lane not in builtins.LANES:
            near = closest(lane, builtins.LANES)
            if near or not all(_is_id_char(c) for c in lane):
                hint = f" (did you mean '{near}'?)" if near else ""
                raise _usage_error(f"--lanes: unknown lane {lane!r}{hint}")
    if not lanes:
        raise _usage_error("--lanes needs at least one lane")
    return lanes


def _check_report_format(fmt: Optional[str]) -> str:
    from ..run.reporting import FORMATS, default_format

    fmt = fmt or default_format()
    if fmt not in FORMATS:
        raise _usage_error(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


@app.command()
def validate(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Journey files, folders to search for them, or - for standard input. "
                   "Default: the maps in the project settings, else the current folder."),
    strict: Optional[bool] = typer.Option(None, "--strict/--no-strict", help="Warnings fail the run too (exit 1)."),
    ignore: List[str] = typer.Option([], "--ignore", metavar="CODE",
                                     help="Do not report this warning code (repeatable, or comma-separated)."),
    report_format: Optional[str] = typer.Option(
        None, "--format", "--report-format", metavar="text|json|github",
        help="How to report problems. Default: text, or github under GitHub Actions."),
    config: Optional[str] = typer.Option(None, "--config", help="Settings file (journeymap.toml or "
                                                                "pyproject.toml); default: found upwards."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also show notes (metrics missing their targets) and tracebacks of internal errors."),
) -> None:
    """Check journey files like a compiler: every error and warning, with
    file:line:col. Writes nothing."""
    from ..run import settings as settings_module
    from ..diagnostics import fails
    from ..run.discovery import MissingPath, expand
    from ..run.reporting import report
    from ..run.validate import validate_inputs

    fmt = _check_report_format(report_format)
    try:
        project = settings_module.load(Path(config)) if config else settings_module.find()
    except settings_module.SettingsError as exc:
        raise _usage_error(str(exc))
    ignored = _check_ignore(list(ignore) + project.ignore)
    strict = strict if strict is not None else bool(project.strict)
    try:
        inputs = expand(paths or [project.resolve(p) for p in project.maps] or ["."])
    except MissingPath as missing:
        raise _usage_error(f"no such file or folder: {missing}")
    results = validate_inputs(inputs, ignored, verbose=verbose)
    diagnostics = [d for r in results for d in r.diagnostics]
    report(diagnostics, len(results), fmt, quiet=quiet, notes=verbose)
    raise typer.Exit(1 if fails(diagnostics, strict) else 0)


@app.command()
def render(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Journey files, folders to search for them, or - for standard input. "
                   "Default: the maps in the project settings, else the current folder."),
    formats: List[str] = typer.Option([], "-f", "--format", metavar="FORMAT",
                                      help="Output format (repeatable): svg, md, mmd, json, ... "
                                           "Default: svg. `journeymap renderers` lists them."),
    output: Optional[str] = typer.Option(None, "-o", "--output", metavar="DIR",
                                         help="Write into this folder (default: beside each input); "
                                              "- writes one map in one format to standard output."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 and list every output "
                                                      "that is missing or differs."),
    strict: Optional[bool] = typer.Option(None, "--strict/--no-strict", help="Warnings fail the run too."),
    theme: Optional[str] = typer.Option(None, "--theme", metavar="light|dark|print", help="Colour theme."),
    locale: Optional[str] = typer.Option(None, "--locale", help="Language of the built-in labels "
                                                                "(default: each map's own)."),
    ignore: List[str] = typer.Option([], "--ignore", metavar="CODE", help="Do not report this warning code."),
    report_format: Optional[str] = typer.Option(None, "--report-format", metavar="text|json|github",
                                                help="How to report problems."),
    jobs: Optional[int] = typer.Option(None, "-j", "--jobs", help="Worker processes for many maps "
                                                                  "(default: all cores)."),
    config: Optional[str] = typer.Option(None, "--config", help="Settings file (journeymap.toml or "
                                                                "pyproject.toml); default: found upwards."),
    lanes: Optional[str] = typer.Option(None, "--lanes", metavar="LANE,LANE,...",
                                        help="The lanes to draw, in order, instead of each map's own "
                                             "(built-in lane names or custom lane ids)."),
    compare: Optional[str] = typer.Option(None, "--compare", metavar="OLD",
                                          help="Draw OLD's emotion curve, faint, under this map's (a file "
                                               "or a git revision such as HEAD~1:maps/x.yaml)."),
    direction: Optional[str] = typer.Option(None, "--direction", metavar="LR|TB",
                                            help="Flow graph direction (left-to-right or top-to-bottom)."),
    personas: Optional[str] = typer.Option(None, "--personas", metavar="ID,ID,...",
                                           help="Flow graph: show the emotions of these personas only."),
    edge_labels: bool = typer.Option(False, "--edge-labels",
                                     help="Flow graph: label the edges where the channel changes."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only problems, no progress or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also notes, unchanged files and tracebacks."),
) -> None:
    """Validate, then write the maps in the formats asked for. Unchanged
    outputs are left alone; every write is atomic."""
    from ..run.render import RenderRequest, render as run_render

    if direction is not None and direction.upper() not in ("LR", "TB", "TD"):
        raise _usage_error(f"--direction must be LR or TB, not {direction!r}")
    overrides: dict = {"direction": direction.upper()} if direction else {}
    if personas:
        overrides["personas"] = [p.strip() for p in personas.split(",") if p.strip()]
    if edge_labels:
        overrides["edge_labels"] = True
    request = RenderRequest(
        paths=paths or [], formats=formats, output=output, check=check, strict=strict, theme=theme,
        locale=_check_locale(locale), ignore=_check_ignore(ignore), report_format=_check_report_format(report_format),
        quiet=quiet, verbose=verbose, jobs=jobs, config=config, settings_overrides=overrides,
        compare=compare, lanes=_check_lanes(lanes))
    raise typer.Exit(run_render(request))


@app.command()
def watch(
    paths: Optional[List[str]] = typer.Argument(None, help="Journey files or folders to watch (default: the current folder)."),
    formats: List[str] = typer.Option([], "-f", "--format", metavar="FORMAT", help="Output format (repeatable); default svg."),
    output: Optional[str] = typer.Option(None, "-o", "--output", metavar="DIR", help="Write into this folder."),
    theme: Optional[str] = typer.Option(None, "--theme", metavar="light|dark|print"),
    locale: Optional[str] = typer.Option(None, "--locale"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Render, then render again whenever a journey file changes (for live
    authoring). Stop it with Ctrl-C."""
    from ..run.render import RenderRequest
    from ..run.watch import watch as run_watch

    request = RenderRequest(paths=paths or [], formats=formats, output=output, theme=theme,
                            locale=_check_locale(locale),
                            quiet=quiet, report_format=_check_report_format(None))
    raise typer.Exit(run_watch(request))


@app.command()
def renderers() -> None:
    """List the renderers found, built-in and plug-ins, with their formats."""
    from ..renderers.registry import RendererLoadError, available, load

    broken = 0
    for fmt, entry in available().items():
        origin = "built-in" if entry.builtin else f"plug-in from {entry.distribution}"
        try:
            renderer = load(fmt)
            name = getattr(renderer, "name", entry.target)
            typer.echo(f"{fmt:<10} {name:<12} {origin} ({entry.target})")
        except RendererLoadError as exc:
            broken += 1
            typer.echo(f"{fmt:<10} {'(broken)':<12} {origin} ({entry.target}): {exc.reason}")
    raise typer.Exit(1 if broken else 0)


@app.command()
def stats(
    paths: List[str] = typer.Argument(..., help="Journey files or folders."),
    stats_format: str = typer.Option("text", "--format", metavar="text|json|md",
                                     help="Tables in the terminal, JSON for pipelines, Markdown for docs."),
) -> None:
    """The analysis a CX team asks for: emotion low points and drops, pain
    hotspots, channel coverage, key touchpoints, metrics against targets,
    evidence coverage; and a summary over several maps."""
    from ..run.analyse import UsageError, run_stats

    try:
        raise typer.Exit(run_stats(paths, stats_format))
    except UsageError as exc:
        raise _usage_error(str(exc))


@app.command()
def diff(
    old: str = typer.Argument(..., help="The old map: a file, or a git revision of one (HEAD~1:maps/x.yaml)."),
    new: str = typer.Argument(..., help="The new map (or the future-state map)."),
    diff_format: str = typer.Option("text", "--format", metavar="text|json|md"),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when the maps differ, like git diff --exit-code."),
) -> None:
    """What changed between two versions of a map, or between a current-state
    map and its future state: stages and touchpoints added, removed, renamed,
    moved; emotion per touchpoint and stage; pains solved and new;
    opportunities realised; metrics changed."""
    from ..run.analyse import UsageError, run_diff

    try:
        raise typer.Exit(run_diff(old, new, diff_format, exit_code))
    except UsageError as exc:
        raise _usage_error(str(exc))


import_app = typer.Typer(help="Turn diagrams from other tools into journey files.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@import_app.command("mermaid")
def import_mermaid(
    file: str = typer.Argument(..., help="A Mermaid `journey` diagram (.mmd or .md text), or - for standard input."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the journey file here "
                                                                      "(default: standard output)."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output file if it exists."),
    report_format: Optional[str] = typer.Option(None, "--report-format", metavar="text|json|github"),
) -> None:
    """Turn a Mermaid user-journey diagram into a journey file: actors become
    personas, sections stages, tasks touchpoints, scores 1..5 emotions -2..2."""
    from ..importers.mermaid import convert
    from ..run.reporting import report

    fmt = _check_report_format(report_format)
    name = "<stdin>" if file == "-" else file
    from ..loading import MAX_BYTES, explain_os_error, open_regular_file

    try:  # never a FIFO or a device, never more than the loader's limit
        if file == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open_regular_file(file) as handle:
                raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _usage_error(f"no such file: {file}")
    except OSError as exc:
        _say(f"journeymap: error: {file}: {explain_os_error(exc, file)}")
        raise typer.Exit(1)
    if len(raw) > MAX_BYTES:
        _say(f"journeymap: error: {name}: expected at most {MAX_BYTES // (1024 * 1024)} MB, found more")
        raise typer.Exit(1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _say(f"journeymap: error: {name}: expected UTF-8 text, found the byte "
             f"0x{raw[exc.start]:02x} at offset {exc.start}")
        raise typer.Exit(1)
    yaml_text, problems = convert(text, name)
    if yaml_text is None:
        report(problems, 1, fmt, quiet=True)
        raise typer.Exit(1)
    if output is None:
        sys.stdout.write(yaml_text)
        return
    _write_file(output, yaml_text, force)
    _say(f"wrote {output}")


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of standard output."),
    normalised: bool = typer.Option(False, "--normalised", help="The schema of the `json` renderer's "
                                                                "output (the normalised model) instead."),
) -> None:
    """Print or write the JSON Schema of the journey format."""
    from ..schema import schema_text

    text = schema_text(normalised)
    if output is None:
        sys.stdout.write(text)
        return
    _write_file(output, text)


@app.command()
def init(
    file: Path = typer.Argument(Path("journey.yaml"), help="The file to create."),
    map_type: str = typer.Option("current-state", "--type", "-t",
                                 help="current-state, future-state, day-in-the-life or service-blueprint."),
    locale: str = typer.Option("en", "--locale", "-l", help="Language of the labels journeymap writes."),
    force: bool = typer.Option(False, "--force", help="Overwrite the file if it exists."),
) -> None:
    """Write a commented starter journey map that validates."""
    from .. import builtins
    from ..fields import closest
    from ..starter import starter

    if map_type not in builtins.MAP_TYPES:
        near = closest(map_type, builtins.MAP_TYPES)
        raise _usage_error(f"--type must be one of {', '.join(builtins.MAP_TYPES)}, not {map_type!r}"
                           + (f" (did you mean '{near}'?)" if near else ""))
    _check_locale(locale)
    _write_file(file, starter(map_type, locale, name=file.name), force)
    _say(f"wrote {file}: a {map_type} map; next: journeymap validate {file}")


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


def _wants_traceback(argv: List[str]) -> bool:
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


if __name__ == "__main__":  # pragma: no cover
    main()
