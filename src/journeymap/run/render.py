"""`journeymap render`: settings and options -> plan -> pipeline -> writer ->
a Report. The command line only collects the options and prints the Report."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..diagnostics import fails
from ..renderers import FlowOptions, RenderOptions
from . import arguments, pipeline, settings
from .discovery import Input, expand
from .plan import DEFAULT_FORMATS, check_formats, only, plan
from .progress import Progress
from .report import MapUsageError, Outputs, Report
from .versions import load_version
from .writer import Delivery, deliver


@dataclass(frozen=True)
class RenderRequest:
    """What `journeymap render` (or `watch`) was asked; None and empty: not
    given (the settings, then the defaults, decide)."""

    paths: Sequence[str] = ()
    formats: Sequence[str] = ()
    output: str | None = None  # a folder, or - for standard output
    check: bool = False
    strict: bool | None = None
    theme: str | None = None
    locale: str | None = None
    ignore: Sequence[str] = ()
    report_format: str | None = None
    quiet: bool = False
    verbose: bool = False
    jobs: int | None = None
    config: str | None = None
    compare: str | None = None  # the old version: a file or REVISION:path
    lanes: Sequence[str] | None = None
    direction: str | None = None  # flow graph: LR or TB
    personas: Sequence[str] | None = None  # flow graph: these personas' emotions only
    edge_labels: bool = False  # flow graph: name the channel where it changes
    only: frozenset[str] | None = None  # real paths: render just these of the inputs (watch)


def run_render(request: RenderRequest) -> Report:
    """Render every map in every format asked for. Exit 0; 1 when a map has
    errors (or warnings, when strict), an output is stale (--check) or could
    not be made; 2 when a program is missing. A bad option, settings file or
    path is a UsageError, raised before anything is written."""
    direction = arguments.direction(request.direction)
    locale = arguments.locale(request.locale)
    ignore = arguments.ignore_codes(request.ignore)
    fmt = arguments.report_format(request.report_format)
    lanes = arguments.lanes(request.lanes)
    project = settings.for_run(request.config).overridden(
        maps=list(request.paths), formats=list(request.formats), output=request.output,
        theme=request.theme, locale=locale, strict=request.strict, jobs=request.jobs or None)
    paths = project.maps or ["."]
    formats = list(dict.fromkeys(project.formats or DEFAULT_FORMATS))
    theme = arguments.theme(project.theme or "light")
    check_formats(formats)
    output_folder = project.output not in (None, "-")
    inputs = expand(paths, documents=output_folder)  # a document is rendered into a folder only
    if request.only is not None:
        inputs = only(inputs, paths, request.only)
        if not inputs:
            return Report()
    chosen = plan(inputs, formats, project.output)
    options = RenderOptions(
        theme=theme, locale=project.locale, lanes=lanes,
        flow=FlowOptions(direction=direction, personas=tuple(request.personas or ()) or None,
                         edge_labels=request.edge_labels),
        previous=_previous_emotions(request.compare, inputs) if request.compare else None)

    with Progress(len(inputs), enabled=not request.quiet and len(inputs) > 1) as progress:
        outcomes = pipeline.run(chosen, options, ignore + project.ignore, request.verbose, project.jobs,
                                progress.advance)
    delivery = deliver(outcomes, check=request.check, stdout=sys.stdout.buffer)
    return _report(outcomes, delivery, request, fmt, bool(project.strict), chosen.to_stdout)


def _previous_emotions(old_spec: str, inputs: Sequence[Input]) -> Mapping[str, Mapping[str, int]]:
    """--compare OLD: the old version's emotions, by the new map's touchpoints."""
    from ..analysis.diff import previous_emotions
    from ..errors import UsageError
    from .validate import validate_input

    if len(inputs) != 1:
        raise UsageError("--compare draws one map over its previous version; "
                         f"this run has {len(inputs)} maps")
    if inputs[0].path is None:
        raise UsageError("--compare needs the map as a file, not standard input")
    old = load_version(old_spec)
    if old.journey is None:
        raise MapUsageError(f"--compare {old_spec}: that map has errors", old.diagnostics)
    new = validate_input(inputs[0])
    return previous_emotions(old.journey, new.journey) if new.journey is not None else {}


def _report(outcomes: Sequence[pipeline.Outcome], delivery: Delivery, request: RenderRequest,
            fmt: str, strict: bool, to_stdout: bool) -> Report:
    """What was found, written, stale or failed, and the exit status."""
    diagnostics = [d for o in outcomes for d in o.diagnostics]
    report = Report(diagnostics=diagnostics, files=len(outcomes), problems_format=fmt,
                    always_report=True, notes=request.verbose, stdout_taken=to_stdout)
    # A missing program is the same sentence for every map: say it once.
    for message in dict.fromkeys(m for o in outcomes for m in o.environment_problems):
        report.say("error", message)
    for outcome in outcomes:
        for message in outcome.render_errors:
            report.say("error", message)
        for message in outcome.render_warnings:
            report.say("warning", message)
    report.outputs = Outputs(check=request.check, written=delivery.written, unchanged=delivery.unchanged,
                             stale=delivery.stale, failed=delivery.failed,
                             list_written=not request.quiet and not request.check,
                             list_unchanged=request.verbose)
    only_stdout = all(a.path is None for o in outcomes for a in o.artifacts) and any(
        o.artifacts for o in outcomes)
    if not request.quiet and not (outcomes and only_stdout):
        report.summary = _summary(outcomes, delivery, request.check)
    if any(o.environment_problems for o in outcomes):
        report.exit_code = 2
    elif (fails(diagnostics, strict) or delivery.failed or delivery.stale
          or any(o.render_errors for o in outcomes)):
        report.exit_code = 1
    return report


def _summary(outcomes: Sequence[pipeline.Outcome], delivery: Delivery, check: bool) -> str:
    maps = f"{len(outcomes)} map{'' if len(outcomes) == 1 else 's'}"
    if check:
        summary = (f"{len(delivery.stale)} of {len(delivery.stale) + len(delivery.unchanged)} "
                   f"outputs out of date" if delivery.stale else "all outputs up to date")
    else:
        summary = f"{len(delivery.written)} written, {len(delivery.unchanged)} unchanged"
    invalid = sum(1 for o in outcomes if not o.valid)
    if invalid:
        summary += f", {invalid} invalid"
    return f"{maps}: {summary}"
