"""`journeymap render` and `journeymap watch`: options -> a RenderRequest ->
run.render (once, or again on every change) -> its Reports. Both take one
option set, defined once here: watch has render's options (less --check and
--diff, which write nothing to watch for) and --serve, --port, --host."""

from __future__ import annotations

import inspect
from typing import Any

import typer

from . import options
from .common import comma_list, finish


def render(
    paths: list[str] | None = options.paths(),
    formats: list[str] = options.formats(),
    output: str | None = options.output(),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1, list every output that "
                                                      "is missing or differs, and print the command "
                                                      "that updates them."),
    diff: bool = typer.Option(False, "--diff", help="Like --check, and print a unified diff of each "
                                                    "text output that would change."),
    strict: bool | None = options.strict(),
    theme: str | None = options.theme(),
    locale: str | None = options.locale(),
    ignore: list[str] = options.ignore(),
    report_format: str | None = options.report_format("--report-format"),
    jobs: int | None = typer.Option(None, "-j", "--jobs", metavar="N",
                                    help="Worker processes for many maps (default: all cores)."),
    config: str | None = options.config(),
    exclude: list[str] = options.exclude(),
    lanes: str | None = typer.Option(None, "--lanes", metavar="LANE[,LANE...]",
                                     autocompletion=options.complete_lanes,
                                     help="The lanes to draw, in order, instead of each map's own "
                                          "(built-in lane names or the map's custom lane ids)."),
    compare: str | None = typer.Option(None, "--compare", metavar="OLD",
                                       help="Draw OLD's emotion curve, faint, under this map's (a file "
                                            "or a git revision such as HEAD~1:maps/x.yaml)."),
    direction: str | None = typer.Option(None, "--direction", metavar="LR|TB",
                                         autocompletion=options.complete_directions,
                                         help="Flow graph direction (left-to-right or top-to-bottom)."),
    personas: str | None = typer.Option(None, "--personas", metavar="ID[,ID...]",
                                        autocompletion=options.complete_personas,
                                        help="Flow graph: show the emotions of these personas only."),
    edge_labels: bool = typer.Option(False, "--edge-labels",
                                     help="Flow graph: label the edges where the channel changes."),
    scale: float = typer.Option(2.0, "--scale", metavar="N",
                                help="PNG: pixels per unit of the picture (default 2, crisp on screens); "
                                     "a map too large for it is drawn at the largest scale that works."),
    paper: str = typer.Option("fit", "--paper", metavar="fit|a4|a3|a2|letter|tabloid",
                              autocompletion=lambda: ["fit", "a4", "a3", "a2", "letter", "tabloid"],
                              help="PDF: one page the size of the map (fit), or the map cut into rows "
                                   "and columns of pages of this paper (text no smaller than 6 pt), "
                                   "stage headers and lane titles repeated, crop marks, page numbers."),
    orientation: str = typer.Option("landscape", "--orientation", metavar="landscape|portrait",
                                    autocompletion=lambda: ["landscape", "portrait"],
                                    help="PDF: how the paper is turned."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only problems, no progress or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Also notes, unchanged files and tracebacks."),
) -> None:
    """Validate, then write the maps in the formats asked for. Unchanged
    outputs are left alone; every write is atomic."""
    from ..run.render import run_render

    finish(run_render(_request(locals())))


def _request(given: dict[str, Any]) -> Any:
    from ..run.render import RenderRequest

    return RenderRequest(
        paths=given["paths"] or [], formats=given["formats"], output=given["output"],
        check=given.get("check", False), diff=given.get("diff", False), strict=given["strict"],
        theme=given["theme"], locale=given["locale"], ignore=given["ignore"],
        report_format=given["report_format"], quiet=given["quiet"], verbose=given["verbose"],
        jobs=given["jobs"], config=given["config"], exclude=given["exclude"], compare=given["compare"],
        lanes=comma_list(given["lanes"]), direction=given["direction"],
        personas=comma_list(given["personas"]), edge_labels=given["edge_labels"],
        scale=given["scale"], paper=given["paper"], orientation=given["orientation"],
        allow_empty="serve" in given)


def watch(**given: Any) -> None:
    """Render, then render again whenever a journey file changes (for live
    authoring). With --serve, show the map in a browser that reloads on every
    save. Stop it with Ctrl-C."""
    from ..run.printer import show
    from ..run.watch import serve_map
    from ..run.watch import watch as run_watch

    request = _request(given)
    if given["serve"]:
        raise typer.Exit(serve_map(request, show, host=given["host"], port=given["port"]))
    raise typer.Exit(run_watch(request, show))


def _watch_signature() -> inspect.Signature:
    """render's parameters, less --check and --diff, and watch's own."""
    own = [
        inspect.Parameter("serve", inspect.Parameter.KEYWORD_ONLY, annotation="bool", default=typer.Option(
            False, "--serve", help="Serve the map's HTML page and reload it in the browser on every "
                                   "save (writes no files unless -f or -o is given).")),
        inspect.Parameter("port", inspect.Parameter.KEYWORD_ONLY, annotation="int", default=typer.Option(
            8000, "--port", min=0, max=65535, metavar="N", help="Port for --serve (0: any free port).")),
        inspect.Parameter("host", inspect.Parameter.KEYWORD_ONLY, annotation="str", default=typer.Option(
            "127.0.0.1", "--host", metavar="ADDRESS",
            help="Address --serve listens on; 0.0.0.0 lets other machines open the page.")),
    ]
    shared = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
              for name, p in inspect.signature(render).parameters.items() if name not in ("check", "diff")]
    return inspect.Signature([*shared, *own], return_annotation="None")


watch.__signature__ = _watch_signature()  # type: ignore[attr-defined]
watch.__annotations__ = {**{name: annotation for name, annotation in render.__annotations__.items()
                            if name not in ("check", "diff")},
                         "serve": "bool", "port": "int", "host": "str"}
