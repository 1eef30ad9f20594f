"""load -> validate -> render, for many files, in memory.

`plan()` decides which artifact each input produces and where it goes;
`render_input()` turns one input into those artifacts' bytes (or
diagnostics); `run()` does every input, in parallel processes when there are
many, and returns the outcomes in input order, so that output never depends
on the number of workers. Writing is the caller's business (see `writer.py`).
Messages carry file names and renderer text: they are made inert here, so
whoever prints them prints no control characters.
"""

from __future__ import annotations

import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from ..diagnostics import Diagnostic, ERROR
from .discovery import Input
from ..renderers import RenderError, RenderOptions
from ..renderers.registry import RendererLoadError, load, output_suffix
from .validate import validate_input
from ..safetext import inert

# Below this many inputs, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 8


@dataclass
class Artifact:
    """One output of one input: where it goes and its bytes (None if it failed)."""

    fmt: str
    path: Optional[Path]  # None: standard output
    data: Optional[bytes] = None


@dataclass
class Outcome:
    """Everything one input produced."""

    input: Input
    diagnostics: list[Diagnostic] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)
    render_errors: list[str] = field(default_factory=list)
    usage_errors: list[str] = field(default_factory=list)
    render_warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(d.severity == ERROR for d in self.diagnostics)


def output_stem(item: Input) -> str:
    name = Path(item.name).name if item.path else "journey"
    for suffix in (".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def output_path(item: Input, fmt: str, output_dir: Optional[Path]) -> Path:
    """Beside the input by default; under `output_dir`, keeping the input's
    place below the folder that was given on the command line."""
    file_name = output_stem(item) + output_suffix(fmt)
    if output_dir is None:
        folder = Path(item.path).parent if item.path else Path(".")
    else:
        folder = output_dir / (Path(item.relative).parent if item.relative else Path("."))
    return folder / file_name


def render_input(item: Input, formats: Sequence[str], options: RenderOptions,
                 output_dir: Optional[Path], to_stdout: bool = False,
                 ignore: Sequence[str] = (), verbose: bool = False) -> Outcome:
    """Validate one input and, if it has no errors, render every format."""
    result = validate_input(item, ignore, verbose)
    outcome = Outcome(item, list(result.diagnostics))
    if result.journey is None:
        return outcome
    for fmt in formats:
        path = None if to_stdout else output_path(item, fmt, output_dir)
        artifact = Artifact(fmt, path)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                artifact.data = bytes(load(fmt).render(result.journey, options, fmt))
            for warning in caught:
                outcome.render_warnings.append(inert(f"{item.name}: {fmt}: {warning.message}"))
        except RendererLoadError as exc:
            outcome.render_errors.append(inert(str(exc)))
        except RenderError as exc:
            if exc.usage:  # the same for every map (a missing program): said once
                outcome.usage_errors.append(inert(str(exc)))
            else:
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


def _render_task(args) -> Outcome:
    return render_input(*args)


def worker_count(jobs: Optional[int], inputs: int) -> int:
    if inputs < PARALLEL_THRESHOLD:
        return 1
    available = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(available, inputs))


def run(inputs: Sequence[Input], formats: Sequence[str], options: RenderOptions,
        output_dir: Optional[Path], to_stdout: bool = False, ignore: Sequence[str] = (),
        verbose: bool = False, jobs: Optional[int] = None, progress=None) -> list[Outcome]:
    """Render every input; `progress(outcome)` is called as each one is done."""
    tasks = [(item, tuple(formats), options, output_dir, to_stdout, tuple(ignore), verbose)
             for item in inputs]
    workers = worker_count(jobs, len(tasks))
    if workers == 1 or any(item.path is None for item in inputs):
        outcomes = []
        for task in tasks:
            outcomes.append(_render_task(task))
            if progress:
                progress(outcomes[-1])
        return outcomes
    with ProcessPoolExecutor(max_workers=workers) as pool:
        outcomes = []
        for outcome in pool.map(_render_task, tasks, chunksize=max(1, len(tasks) // (workers * 4))):
            outcomes.append(outcome)
            if progress:
                progress(outcome)
        return outcomes
