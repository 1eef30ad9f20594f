"""`journeymap render`: settings and options -> plan -> pipeline -> writer ->
a Report. The command line only collects the options and prints the Report."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from ..diagnostics import fails
from ..errors import UsageError
from ..renderers import FlowOptions, RenderOptions
from ..renderers.raster_options import RasterOptions
from . import arguments, pipeline, settings
from .checking import fix_command, orphans
from .discovery import Input
from .inputs import find_inputs, roots
from .plan import DEFAULT_FORMATS, Plan, check_formats, format_of, only, plan
from .progress import Progress
from .report import MapUsageError, Outputs, Report
from .request import RenderRequest
from .versions import load_version
from .writer import Delivery, deliver

__all__ = ["RenderRequest", "run_render"]


def run_render(request: RenderRequest) -> Report:
    """Render every map in every format asked for. Exit 0; 1 when a map has
    errors (or warnings, when strict), an output is stale (--check) or could
    not be made; 2 when a program is missing. A bad option, settings file or
    path (or no journey file found) is a UsageError, raised before anything
    is written; so is a --lanes or --personas value a map lacks."""
    direction = arguments.direction(request.direction)
    locale = arguments.locale(request.locale)
    ignore = arguments.ignore_codes(request.ignore)
    fmt = arguments.report_format(request.report_format)
    lanes = arguments.lanes(request.lanes)
    check = request.check or request.diff
    project = settings.for_run(request.config).overridden(
        maps=list(request.paths), formats=arguments.formats(request.formats), output=request.output,
        theme=request.theme, locale=locale, strict=request.strict, jobs=request.jobs or None)
    named = format_of(project.output)
    formats = arguments.formats(project.formats) or ([named] if named else list(DEFAULT_FORMATS))
    theme = arguments.theme(project.theme or "light")
    check_formats(formats)
    output_folder = project.output not in (None, "-")
    inputs = find_inputs(request.paths, project, request.exclude, documents=output_folder,
                         allow_empty=request.allow_empty)
    if request.only is not None:
        inputs = only(inputs, roots(request.paths, project), request.only)
    if not inputs:
        return Report()
    chosen = plan(inputs, formats, project.output)
    options = RenderOptions(
        theme=theme, locale=project.locale, lanes=lanes,
        flow=FlowOptions(direction=direction, personas=tuple(request.personas or ()) or None,
                         edge_labels=request.edge_labels),
        previous=_previous_emotions(request.compare, inputs) if request.compare else None,
        raster=RasterOptions(scale=request.scale, paper=request.paper, orientation=request.orientation))

    with Progress(len(inputs), enabled=not request.quiet and len(inputs) > 1) as progress:
        outcomes = pipeline.run(chosen, options, ignore + project.ignore, request.verbose, project.jobs,
                                progress.advance)
    lacking = [problem for o in outcomes for problem in o.usage_problems]
    if lacking:
        raise UsageError("\n".join(lacking))
    delivery = deliver(outcomes, check=check, stdout=sys.stdout.buffer, diff=request.diff)
    report = _report(outcomes, delivery, request, fmt, bool(project.strict), chosen.to_stdout)
    if check and report.outputs is not None:
        _checked(report.outputs, chosen, roots(request.paths, project), outcomes, request)
    return report


def _checked(outputs: Outputs, chosen: Plan, searched: Sequence[str],
             outcomes: Sequence[pipeline.Outcome], request: RenderRequest) -> None:
    """--check: the command that fixes what is stale; the outputs no map makes."""
    if outputs.stale:
        outputs.fix = fix_command(request)
    made = [a.path for o in outcomes for a in o.artifacts if a.path is not None]
    made += [p for item in chosen.inputs for f in chosen.formats if (p := chosen.path(item, f))]
    outputs.orphans = orphans(chosen, searched, made)


def _previous_emotions(old_spec: str, inputs: Sequence[Input]) -> Mapping[str, Mapping[str, int]]:
    """--compare OLD: the old version's emotions, by the new map's touchpoints."""
    from ..analysis.diff import previous_emotions
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
    check = request.check or request.diff
    diagnostics = [d for o in outcomes for d in o.diagnostics]
    report = Report(diagnostics=diagnostics, files=len(outcomes), problems_format=fmt,
                    always_report=True, notes=request.verbose, stdout_taken=to_stdout or request.diff,
                    file_names=[o.input.name for o in outcomes])
    # A missing program is the same sentence for every map: say it once.
    for message in dict.fromkeys(m for o in outcomes for m in o.environment_problems):
        report.say("error", message)
    for outcome in outcomes:
        for message in outcome.render_errors:
            report.say("error", message)
        for message in outcome.render_warnings:
            report.say("warning", message)
    report.outputs = Outputs(check=check, written=delivery.written, unchanged=delivery.unchanged,
                             stale=delivery.stale, failed=delivery.failed, diffs=delivery.diffs,
                             list_written=not request.quiet and not check,
                             list_unchanged=request.verbose)
    only_stdout = all(a.path is None for o in outcomes for a in o.artifacts) and any(
        o.artifacts for o in outcomes)
    if not request.quiet and not (outcomes and only_stdout):
        report.summary = _summary(outcomes, delivery, check)
    if any(o.environment_problems for o in outcomes):
        report.exit_code = 2
    elif (fails(diagnostics, strict) or delivery.failed or delivery.stale
          or any(o.render_errors for o in outcomes)):
        report.exit_code = 1
    return report


def _summary(outcomes: Sequence[pipeline.Outcome], delivery: Delivery, check: bool) -> str:
    """One line, each fact in its own clause: `3 maps: 2 of 6 outputs out of
    date; 1 map has errors (not rendered)`."""
    maps = f"{len(outcomes)} map{'' if len(outcomes) == 1 else 's'}"
    compared = len(delivery.stale) + len(delivery.unchanged)
    if check and not compared:
        summary = "no outputs compared"
    elif check:
        summary = (f"{len(delivery.stale)} of {compared} output{'' if compared == 1 else 's'} out of date"
                   if delivery.stale else f"all {compared} output{'' if compared == 1 else 's'} up to date")
    else:
        summary = f"{len(delivery.written)} written, {len(delivery.unchanged)} unchanged"
    invalid = sum(1 for o in outcomes if not o.valid)
    if invalid:
        has = "map has" if invalid == 1 else "maps have"
        summary += f"; {invalid} {has} errors ({'not checked' if check else 'not rendered'})"
    return f"{maps}: {summary}"
