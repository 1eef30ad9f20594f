"""Which outputs a render run makes and where each goes, decided before any
map is read: an unknown format, two maps that would write one file, or `-o -`
for more than one output is refused before anything is rendered."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..integrations.documents import is_document
from ..renderers.registry import available, output_suffix
from .discovery import Input

DEFAULT_FORMATS = ("svg",)
# Formats journeymap itself provides: missing from the registry only when the
# installation is broken (its entry points were not installed).
SPECIFIED_FORMATS = ("svg", "png", "pdf", "html", "dot", "flow.svg", "flow.png", "flow.pdf",
                     "md", "mmd", "json")
STDOUT = "-"


@dataclass(frozen=True)
class Plan:
    """The inputs of a run and the formats each is rendered in; the outputs
    go under `output_dir` (None: beside each input), or to standard output."""

    inputs: tuple[Input, ...]
    formats: tuple[str, ...]
    output_dir: Path | None = None
    to_stdout: bool = False


def check_formats(formats: Sequence[str]) -> None:
    from ..fields import closest

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


def output_stem(item: Input) -> str:
    name = Path(item.name).name if item.path else "journey"
    for suffix in (".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def output_path(item: Input, fmt: str, output_dir: Path | None) -> Path:
    """Beside the input by default; under `output_dir`, keeping the input's
    place below the folder that was given on the command line."""
    file_name = output_stem(item) + output_suffix(fmt)
    if output_dir is None:
        folder = Path(item.path).parent if item.path else Path(".")
    else:
        folder = output_dir / (Path(item.relative).parent if item.relative else Path("."))
    return folder / file_name


def plan(inputs: Sequence[Input], formats: Sequence[str], output: str | None) -> Plan:
    """The plan for these inputs and formats; `output` is a folder, `-`
    (standard output) or None (beside each input)."""
    if output == STDOUT:
        if len(inputs) != 1 or len(formats) != 1:
            raise UsageError("-o - writes one map in one format to standard output; "
                             f"this run has {len(inputs)} maps and {len(formats)} formats")
        return Plan(tuple(inputs), tuple(formats), None, to_stdout=True)
    result = Plan(tuple(inputs), tuple(formats), Path(output) if output is not None else None)
    _refuse_collisions(result)
    return result


def _refuse_collisions(chosen: Plan) -> None:
    """Two artifacts must never be written to the same file."""
    seen: dict[Path, str] = {}
    for item in chosen.inputs:
        if item.problem is not None:  # reported as unreadable; it has no outputs
            continue
        if item.path is not None and is_document(item.path):
            _check_document(item, chosen)
            continue
        for fmt in chosen.formats:
            path = output_path(item, fmt, chosen.output_dir).resolve()
            if path in seen:
                raise UsageError(f"{item.name} and {seen[path]} would both write {path}; "
                                 "render them into different folders")
            seen[path] = item.name


def _check_document(item: Input, chosen: Plan) -> None:
    """A Markdown document is written as a copy with images, into a folder,
    in one format, and never over itself."""
    if chosen.output_dir is None:
        raise UsageError(f"{item.name} is a Markdown document: render it into a folder with "
                         "-o DIR (its copy with images would replace it)")
    if len(chosen.formats) > 1:
        raise UsageError(f"{item.name} is a Markdown document: its blocks become images "
                         f"of one format; this run has {len(chosen.formats)} (use -f once)")
    assert item.path is not None
    folder = chosen.output_dir / (Path(item.relative).parent if item.relative else Path("."))
    if (folder / Path(item.path).name).resolve() == Path(item.path).resolve():
        raise UsageError(f"{item.name}: -o would write the rendered document over itself")


def only(inputs: Sequence[Input], roots: Sequence[str], wanted: frozenset[str]) -> list[Input]:
    """The inputs among `wanted` (real paths), in order; a wanted file that the
    folder search no longer recognises (say, edited into broken YAML) is still
    taken, so that its errors are shown. For `watch`, which renders again
    only what changed."""
    chosen = [item for item in inputs if item.path and os.path.realpath(item.path) in wanted]
    found = {os.path.realpath(item.path) for item in chosen if item.path}
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
