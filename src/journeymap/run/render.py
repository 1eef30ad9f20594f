"""`journeymap render`: settings and options -> plan -> pipeline -> writer ->
report, returning the exit status. The typer command only collects options."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from . import settings as settings_module
from ..diagnostics import CODES, fails
from .discovery import Input, MissingPath, expand
from ..fields import closest
from .pipeline import Outcome, output_path, run
from ..renderers import THEMES, RenderOptions
from ..renderers.registry import available
from .reporting import report, use_colour
from ..safetext import inert
from .writer import deliver

DEFAULT_FORMATS = ("svg",)
# Formats journeymap itself provides: missing from the registry only when the
# installation is broken (its entry points were not installed).
SPECIFIED_FORMATS = ("svg", "png", "pdf", "html", "dot", "flow.svg", "flow.png", "flow.pdf",
                     "md", "mmd", "json")


class UsageError(Exception):
    """Exit 2: the command cannot be carried out as asked."""


@dataclass
class RenderRequest:
    paths: Sequence[str] = ()
    formats: Sequence[str] = ()
    output: Optional[str] = None
    check: bool = False
    strict: Optional[bool] = None
    theme: Optional[str] = None
    locale: Optional[str] = None
    ignore: Sequence[str] = ()
    report_format: str = "text"
    quiet: bool = False
    verbose: bool = False
    jobs: Optional[int] = None
    config: Optional[str] = None
    compare: Optional[str] = None
    lanes: Optional[Sequence[str]] = None
    only: Optional[frozenset] = None  # real paths: render just these of the inputs (watch)
    settings_overrides: dict = field(default_factory=dict)


def _settings(request: RenderRequest) -> settings_module.Settings:
    if request.config:
        return settings_module.load(Path(request.config))
    return settings_module.find()


def check_formats(formats: Sequence[str]) -> None:
    known = available()
    for fmt in formats:
        if fmt in known:
            continue
        if fmt in SPECIFIED_FORMATS:
            raise UsageError(f"the '{fmt}' renderer is not registered: journeymap's entry points "
                             "are missing (reinstall it with `pip install journeymap`); available: "
                             f"{', '.join(sorted(known))}")
        near = closest(fmt, list(known))
        hint = f" (did you mean '{near}'?)" if near else ""
        raise UsageError(f"unknown format '{fmt}'{hint}; available: {', '.join(sorted(known))} "
                         "(`journeymap renderers` lists them)")


def _plan_outputs(inputs: Sequence[Input], formats: Sequence[str], output_dir: Optional[Path]) -> None:
    """Two artifacts must never be written to the same file."""
    seen: dict[Path, str] = {}
    for item in inputs:
        if item.problem is not None:  # reported as unreadable; it has no outputs
            continue
        for fmt in formats:
            path = output_path(item, fmt, output_dir).resolve()
            if path in seen:
                raise UsageError(f"{item.name} and {seen[path]} would both write {path}; "
                                 "render them into different folders")
            seen[path] = item.name


def _only(inputs: Sequence[Input], roots: Sequence[str], wanted: frozenset) -> list[Input]:
    """The inputs among `wanted` (real paths), in order; a wanted file that the
    folder search no longer recognises (say, edited into broken YAML) is still
    taken, so that its errors are shown."""
    chosen = [item for item in inputs if item.path and os.path.realpath(item.path) in wanted]
    found = {os.path.realpath(item.path) for item in chosen}
    for path in sorted(wanted - found):
        for root in roots:
            base = Path(root).resolve()
            if base.is_dir() and Path(path).is_relative_to(base):
                relative = Path(path).relative_to(base)
                chosen.append(Input(str(Path(root) / relative), path, relative.as_posix()))
                break
            if not base.is_dir() and str(base) == path:
                chosen.append(Input(root, path, base.name))
                break
    return chosen


def _previous_emotions(old_spec: str, inputs: Sequence[Input]) -> dict:
    """--compare OLD: the old version's emotions, by the new map's touchpoints."""
    from .analyse import UsageError as AnalysisUsageError, load_version
    from ..analysis.diff import previous_emotions
    from .validate import validate_input

    if len(inputs) != 1:
        raise UsageError(f"--compare draws one map over its previous version; this run has {len(inputs)} maps")
    if inputs[0].path is None:
        raise UsageError("--compare needs the map as a file, not standard input")
    try:
        old = load_version(old_spec)
    except AnalysisUsageError as exc:
        raise UsageError(str(exc))
    if old.journey is None:
        report(old.diagnostics, 1, "text", stream=sys.stderr, quiet=True)
        raise UsageError(f"--compare {old_spec}: that map has errors")
    new = validate_input(inputs[0])
    return previous_emotions(old.journey, new.journey) if new.journey is not None else {}


def render(request: RenderRequest) -> int:
    try:
        return _render(request)
    except (UsageError, settings_module.SettingsError, MissingPath) as exc:
        message = f"no such file or folder: {exc}" if isinstance(exc, MissingPath) else str(exc)
        sys.stderr.write(f"journeymap: error: {inert(message)}\n")
        return 2


def _render(request: RenderRequest) -> int:
    project = _settings(request)
    paths = list(request.paths) or [project.resolve(p) for p in project.maps] or ["."]
    formats = list(dict.fromkeys(request.formats or project.formats or DEFAULT_FORMATS))
    theme = request.theme or project.theme or "light"
    if theme not in THEMES:
        raise UsageError(f"--theme must be one of {', '.join(THEMES)}, not '{theme}'")
    strict = request.strict if request.strict is not None else bool(project.strict)
    ignore = list(request.ignore) + list(project.ignore)
    for code in project.ignore:
        if CODES.get(code) not in ("warning", "info"):
            raise UsageError(f"{project.source}: ignore: {code!r} is not a warning code")
    output = request.output if request.output is not None else (
        project.resolve(project.output) if project.output else None)
    to_stdout = output == "-"
    output_dir = None if output in (None, "-") else Path(output)
    check_formats(formats)
    inputs = expand(paths)
    if request.only is not None:
        inputs = _only(inputs, paths, request.only)
        if not inputs:
            return 0
    if to_stdout and (len(inputs) != 1 or len(formats) != 1):
        raise UsageError("-o - writes one map in one format to standard output; "
                         f"this run has {len(inputs)} maps and {len(formats)} formats")
    if not to_stdout:
        _plan_outputs(inputs, formats, output_dir)
    settings = dict(request.settings_overrides)
    if request.compare:
        settings["compare"] = _previous_emotions(request.compare, inputs)
    options = RenderOptions(theme=theme, locale=request.locale or project.locale, settings=settings,
                            lanes=tuple(request.lanes) if request.lanes else None)

    with _Progress(len(inputs), enabled=not request.quiet and len(inputs) > 1) as progress:
        outcomes = run(inputs, formats, options, output_dir, to_stdout, ignore,
                       request.verbose, request.jobs or project.jobs, progress.advance)
    delivery = deliver(outcomes, check=request.check, stdout=sys.stdout.buffer)

    diagnostics = [d for o in outcomes for d in o.diagnostics]
    stream = sys.stderr if (to_stdout or request.report_format != "json") else sys.stdout
    report(diagnostics, len(outcomes), request.report_format, stream=stream, quiet=True,
           notes=request.verbose)
    _say_what_happened(outcomes, delivery, request)

    if any(o.usage_errors for o in outcomes):
        return 2
    failed = (fails(diagnostics, strict) or delivery.failed or delivery.stale
              or any(o.render_errors for o in outcomes))
    return 1 if failed else 0


def _say_what_happened(outcomes: Sequence[Outcome], delivery, request: RenderRequest) -> None:
    """What was written, stale or failed. Paths and messages hold user text
    (file names, ids, exception texts): each is shown `plain`."""
    err = sys.stderr
    colour = use_colour(err)
    # A missing program is the same sentence for every map: say it once.
    for message in dict.fromkeys(m for o in outcomes for m in o.usage_errors):
        err.write(f"journeymap: error: {inert(message)}\n")
    for outcome in outcomes:
        for message in outcome.render_errors:
            err.write(f"journeymap: error: {inert(message)}\n")
        for message in outcome.render_warnings:
            err.write(f"journeymap: warning: {inert(message)}\n")
    for path, reason in delivery.failed:
        err.write(f"journeymap: error: cannot write {inert(str(path))}: {inert(str(reason))}\n")
    for path, reason in delivery.stale:
        verb = "would create" if reason == "missing" else "would update"
        err.write(f"{verb} {inert(str(path))} ({inert(str(reason))})\n")
    if not request.quiet and not request.check:
        for path in delivery.written:
            err.write(f"wrote {inert(str(path))}\n")
    if request.verbose:
        for path in delivery.unchanged:
            err.write(f"unchanged {inert(str(path))}\n")
    if request.quiet or (outcomes and all(a.path is None for o in outcomes for a in o.artifacts)
                         and any(o.artifacts for o in outcomes)):
        return
    invalid = sum(1 for o in outcomes if not o.valid)
    maps = f"{len(outcomes)} map{'' if len(outcomes) == 1 else 's'}"
    if request.check:
        summary = (f"{len(delivery.stale)} of {len(delivery.stale) + len(delivery.unchanged)} "
                   f"outputs out of date" if delivery.stale else "all outputs up to date")
    else:
        summary = f"{len(delivery.written)} written, {len(delivery.unchanged)} unchanged"
    if invalid:
        summary += f", {invalid} invalid"
    line = f"{maps}: {summary}"
    err.write((f"\x1b[1m{line}\x1b[0m" if colour else line) + "\n")


class _Progress:
    """A rich progress bar on a terminal; nothing at all in CI logs."""

    def __init__(self, total: int, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.total = total
        self._bar = None

    def __enter__(self):
        if self.enabled:
            from rich.progress import Progress

            self._bar = Progress(transient=True)
            self._bar.start()
            self._task = self._bar.add_task("rendering", total=self.total)
        return self

    def advance(self, outcome) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
        return False
