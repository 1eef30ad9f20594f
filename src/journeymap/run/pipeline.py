"""load -> validate -> render, for many files, in memory.

`plan.py` decides which artifact each input produces and where it goes;
`render_input()` turns one input into those artifacts' bytes (or
diagnostics); `run()` does every input of a plan, in parallel processes when
there are many, and returns the outcomes in input order, so that output never
depends on the number of workers. Writing is the writer's business.
Messages carry file names and renderer text: they are made inert here, so
whoever prints them prints no control characters.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..diagnostics import ERROR, Diagnostic
from ..errors import EnvironmentProblem
from ..integrations.documents import is_document, render_document
from ..renderers import RenderError, RenderOptions
from ..renderers.registry import RendererLoadError, load
from ..safetext import inert
from .arguments import map_choices
from .discovery import Input
from .hidden import hidden_lane_warnings
from .plan import Plan, output_path
from .validate import validate_input

# Below this many inputs, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 8


@dataclass
class Artifact:
    """One output of one input: where it goes and its bytes (None if it failed)."""

    fmt: str
    path: Path | None  # None: standard output
    data: bytes | None = None


@dataclass
class Outcome:
    """Everything one input produced."""

    input: Input
    diagnostics: list[Diagnostic] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)
    render_errors: list[str] = field(default_factory=list)
    environment_problems: list[str] = field(default_factory=list)  # the same for every map
    render_warnings: list[str] = field(default_factory=list)
    usage_problems: list[str] = field(default_factory=list)  # --lanes/--personas this map lacks

    @property
    def valid(self) -> bool:
        return not any(d.severity == ERROR for d in self.diagnostics)


def render_input(item: Input, formats: Sequence[str], options: RenderOptions,
                 output_dir: Path | None, to_stdout: bool = False,
                 ignore: Sequence[str] = (), verbose: bool = False,
                 output_file: Path | None = None) -> Outcome:
    """Validate one input and, if it has no errors and has every lane and
    persona the options name, render every format."""
    if item.path is not None and item.problem is None and is_document(item.path):
        return _render_document(item, formats, options, output_dir, ignore)
    result = validate_input(item, ignore, verbose)
    outcome = Outcome(item, list(result.diagnostics))
    if result.journey is None:
        return outcome
    outcome.usage_problems = map_choices(result.journey, item.name, options)
    if outcome.usage_problems:
        return outcome
    if "hidden-lane" not in ignore:
        outcome.diagnostics += hidden_lane_warnings(result.journey, options, item.name, item.path,
                                                    tuple(formats))
    for fmt in formats:
        path = None if to_stdout else output_file or output_path(item, fmt, output_dir)
        artifact = Artifact(fmt, path)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                named = options if path is None else replace(options, output_name=path.name)
                artifact.data = bytes(load(fmt).render(result.journey, named, fmt))
            for warning in caught:
                outcome.render_warnings.append(inert(f"{item.name}: {fmt}: {warning.message}"))
        except RendererLoadError as exc:
            outcome.render_errors.append(inert(str(exc)))
        except EnvironmentProblem as exc:  # a missing program: the run says it once
            outcome.environment_problems.append(inert(str(exc)))
        except RenderError as exc:
            outcome.render_errors.append(inert(f"{item.name}: {fmt}: {exc}"))
        except Exception as exc:  # a bug in a renderer: reported, the run goes on
            if verbose:
                import traceback

                traceback.print_exc()
            outcome.render_errors.append(inert(
                f"{item.name}: the '{fmt}' renderer failed ({type(exc).__name__}: {exc}); "
                "this is a bug, please report it"))
        outcome.artifacts.append(artifact)
    return outcome


def _render_document(item: Input, formats: Sequence[str], options: RenderOptions,
                     output_dir: Path | None, ignore: Sequence[str]) -> Outcome:
    """A Markdown document: written under output_dir (the plan refuses one
    without it) with each journeymap block replaced by a link to its image."""
    assert item.path is not None and output_dir is not None
    fmt = formats[0]
    try:
        result = render_document(item.path, fmt, options, item.name, ignore)
    except EnvironmentProblem as exc:
        return Outcome(item, environment_problems=[inert(str(exc))])
    except RenderError as exc:
        return Outcome(item, render_errors=[inert(f"{item.name}: {fmt}: {exc}")])
    outcome = Outcome(item, list(result.diagnostics))
    folder = output_dir / (Path(item.relative).parent if item.relative else Path("."))
    for path, data in result.files(folder, Path(item.path).name).items():
        outcome.artifacts.append(Artifact(fmt, path, data))
    return outcome


Task = tuple[Input, tuple[str, ...], RenderOptions, Path | None, bool, tuple[str, ...], bool, Path | None]
Progress = Callable[[Outcome], None]


def _render_task(task: Task) -> Outcome:
    return render_input(*task)


def worker_count(jobs: int | None, inputs: int) -> int:
    if inputs < PARALLEL_THRESHOLD:
        return 1
    available = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(available, inputs))


def run(plan: Plan, options: RenderOptions, ignore: Sequence[str] = (), verbose: bool = False,
        jobs: int | None = None, progress: Progress | None = None) -> list[Outcome]:
    """Render every input of the plan; `progress(outcome)` is called as each one is done."""
    tasks: list[Task] = [(item, plan.formats, options, plan.output_dir, plan.to_stdout, tuple(ignore),
                          verbose, plan.output_file) for item in plan.inputs]
    workers = worker_count(jobs, len(tasks))
    outcomes: list[Outcome] = []
    if workers == 1 or any(item.path is None for item in plan.inputs):
        for task in tasks:
            outcomes.append(_render_task(task))
            if progress:
                progress(outcomes[-1])
        return outcomes
    from concurrent.futures import ProcessPoolExecutor  # only a run of many maps needs it

    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(_render_task, tasks, chunksize=max(1, len(tasks) // (workers * 4))):
            outcomes.append(outcome)
            if progress:
                progress(outcome)
    return outcomes
