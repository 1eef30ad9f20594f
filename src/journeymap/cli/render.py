"""`journeymap render` and `journeymap watch`: options -> a RenderRequest ->
run.render (once, or again on every change) -> its Reports. The two keep
their own option sets: watch takes fewer, with shorter help."""

from __future__ import annotations

import typer

from .common import comma_list, finish


def render(
    paths: list[str] | None = typer.Argument(
        None, help="Journey files, folders to search for them, or - for standard input. "
                   "Default: the maps in the project settings, else the current folder."),
    formats: list[str] = typer.Option([], "-f", "--format", metavar="FORMAT",
                                      help="Output format (repeatable): svg, md, mmd, json, ... "
                                           "Default: svg. `journeymap renderers` lists them."),
    output: str | None = typer.Option(None, "-o", "--output", metavar="DIR",
                                      help="Write into this folder (default: beside each input); "
                                           "- writes one map in one format to standard output."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 and list every output "
                                                      "that is missing or differs."),
    strict: bool | None = typer.Option(None, "--strict/--no-strict", help="Warnings fail the run too."),
    theme: str | None = typer.Option(None, "--theme", metavar="light|dark|print", help="Colour theme."),
    locale: str | None = typer.Option(None, "--locale", help="Language of the built-in labels "
                                                             "(default: each map's own)."),
    ignore: list[str] = typer.Option([], "--ignore", metavar="CODE", help="Do not report this warning code."),
    report_format: str | None = typer.Option(None, "--report-format", metavar="text|json|github",
                                             help="How to report problems."),
    jobs: int | None = typer.Option(None, "-j", "--jobs", help="Worker processes for many maps "
                                                               "(default: all cores)."),
    config: str | None = typer.Option(None, "--config", help="Settings file (journeymap.toml or "
                                                             "pyproject.toml); default: found upwards."),
    lanes: str | None = typer.Option(None, "--lanes", metavar="LANE,LANE,...",
                                     help="The lanes to draw, in order, instead of each map's own "
                                          "(built-in lane names or custom lane ids)."),
    compare: str | None = typer.Option(None, "--compare", metavar="OLD",
                                       help="Draw OLD's emotion curve, faint, under this map's (a file "
                                            "or a git revision such as HEAD~1:maps/x.yaml)."),
    direction: str | None = typer.Option(None, "--direction", metavar="LR|TB",
                                         help="Flow graph direction (left-to-right or top-to-bottom)."),
    personas: str | None = typer.Option(None, "--personas", metavar="ID,ID,...",
                                        help="Flow graph: show the emotions of these personas only."),
    edge_labels: bool = typer.Option(False, "--edge-labels",
                                     help="Flow graph: label the edges where the channel changes."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only problems, no progress or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also notes, unchanged files and tracebacks."),
) -> None:
    """Validate, then write the maps in the formats asked for. Unchanged
    outputs are left alone; every write is atomic."""
    from ..run.render import RenderRequest, run_render

    finish(run_render(RenderRequest(
        paths=paths or [], formats=formats, output=output, check=check, strict=strict, theme=theme,
        locale=locale, ignore=ignore, report_format=report_format, quiet=quiet, verbose=verbose,
        jobs=jobs, config=config, compare=compare, lanes=comma_list(lanes), direction=direction,
        personas=comma_list(personas), edge_labels=edge_labels)))


def watch(
    paths: list[str] | None = typer.Argument(None, help="Journey files or folders to watch "
                                                        "(default: the current folder)."),
    formats: list[str] = typer.Option([], "-f", "--format", metavar="FORMAT",
                                      help="Output format (repeatable); default svg."),
    output: str | None = typer.Option(None, "-o", "--output", metavar="DIR", help="Write into this folder."),
    theme: str | None = typer.Option(None, "--theme", metavar="light|dark|print"),
    locale: str | None = typer.Option(None, "--locale"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    serve: bool = typer.Option(False, "--serve", help="Serve the map's HTML page and reload it in the "
                                                      "browser on every save (writes no files unless "
                                                      "-f or -o is given)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, metavar="N",
                             help="Port for --serve (0: any free port)."),
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS",
                             help="Address --serve listens on; 0.0.0.0 lets other machines open the page."),
) -> None:
    """Render, then render again whenever a journey file changes (for live
    authoring). With --serve, show the map in a browser that reloads on every
    save. Stop it with Ctrl-C."""
    from ..run.printer import show
    from ..run.render import RenderRequest
    from ..run.watch import serve_map
    from ..run.watch import watch as run_watch

    request = RenderRequest(paths=paths or [], formats=formats, output=output, theme=theme, locale=locale,
                            quiet=quiet)
    if serve:
        raise typer.Exit(serve_map(request, show, host=host, port=port))
    raise typer.Exit(run_watch(request, show))
