"""Which outputs a render run makes and where each goes, decided before any
map is read: an unknown format, two maps that would write one file, or `-o -`
for more than one output is refused before anything is rendered.

`-o` reads as `mmdc -o` does: one map in one format goes to the file named
(`-o out.svg`); a name ending in `/`, an existing folder, a name with no
ending (`-o build`) or a run of several outputs means a folder. Standard
input with no `-o` goes to standard output, like every Unix filter."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..integrations.documents import is_document
from ..renderers.registry import BUILTIN, available, output_suffix
from .discovery import Input

DEFAULT_FORMATS = ("svg",)
# The formats whose outputs `render --check` may report as left over.
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
    output_file: Path | None = None  # `-o FILE`: the one output of the run

    def path(self, item: Input, fmt: str) -> Path | None:
        """Where this input's output in this format goes; None: standard output."""
        if self.to_stdout:
            return None
        return self.output_file or output_path(item, fmt, self.output_dir)


def check_formats(formats: Sequence[str]) -> None:
    """Every format is built in or registered by a plug-in; else a usage error
    with the closest name. Plug-ins are looked for only when one is asked for."""
    from ..fields import closest

    if all(fmt in BUILTIN for fmt in formats):
        return
    known = sorted(set(BUILTIN) | set(available()))
    for fmt in formats:
        if fmt in known:
            continue
        near = closest(fmt, known)
        hint = f" (did you mean '{near}'?)" if near else ""
        raise UsageError(f"unknown format '{fmt}'{hint}; available: {', '.join(known)} "
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


def names_folder(output: str) -> bool:
    """`-o out/` or an existing folder: a folder whatever the run makes."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def format_of(output: str | None) -> str | None:
    """The format a file named with `-o` asks for by its ending (`out.png`,
    `x.flow.svg`), as `mmdc -o out.png` does; None for a folder or no match."""
    if output is None or output == STDOUT or names_folder(output):
        return None
    matches = [fmt for fmt in available() if output.endswith(output_suffix(fmt))]
    return max(matches, key=len) if matches else None


def plan(inputs: Sequence[Input], formats: Sequence[str], output: str | None) -> Plan:
    """The plan for these inputs and formats; `output` is a file or folder,
    `-` (standard output) or None (beside each input)."""
    from_stdin = any(item.path is None for item in inputs)
    if output == STDOUT or (output is None and from_stdin):
        if len(inputs) != 1 or len(formats) != 1:
            what = "-o -" if output == STDOUT else "standard input with no -o"
            raise UsageError(f"{what} writes one map in one format to standard output; this run has "
                             f"{_count(len(inputs), 'map')} and {_count(len(formats), 'format')} "
                             "(write them into a folder with -o DIR/)")
        return Plan(tuple(inputs), tuple(formats), None, to_stdout=True)
    if output is not None and not names_folder(output) and not any(
            item.path is not None and is_document(item.path) for item in inputs):
        named = format_of(output)
        if len(inputs) == 1 and len(formats) == 1 and Path(output).suffix:
            if named is not None and named != formats[0]:
                raise UsageError(f"-o {output} ends in {output_suffix(named)}, but the format asked "
                                 f"for is {formats[0]} (use -f {named}, or leave -f out)")
            return Plan(tuple(inputs), tuple(formats), None, output_file=Path(output))
        if named is not None:
            raise UsageError(f"-o {output} names one file, but this run makes "
                             f"{_count(len(inputs), 'map')} in {_count(len(formats), 'format')}; "
                             f"write them into a folder with -o {output.rsplit('.', 1)[0]}/")
    result = Plan(tuple(inputs), tuple(formats), Path(output) if output is not None else None)
    _refuse_collisions(result)
    return result


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


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
            path = output_path(item, fmt, chosen.output_dir).resolve()  # several outputs: a folder
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
