"""What `render --check` adds to "these outputs are stale": the command that
brings them up to date, and the outputs in the `-o` folder that no map makes
any more (their map was deleted or renamed), found conservatively: a file is
taken for ours only by its content (an SVG with journeymap's ids, a Graphviz
`journey` graph, a Mermaid journey, JSON or HTML naming journeymap) or by
sharing its stem with one that is, and never when its stem is an input's."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..loading import open_regular_file
from ..renderers.registry import output_suffix
from .plan import SPECIFIED_FORMATS, Plan, output_stem
from .request import RenderRequest

_HEAD_BYTES = 4096
# What an output of ours holds near its start, by its ending.
_MARKS: dict[str, Sequence[bytes]] = {
    ".svg": (b'id="jm-',), ".json": (b"journeymap",), ".html": (b"journeymap",),
    ".dot": (b"digraph journey {",), ".mmd": (b"journey",),
}
_BY_NAME = (".flow.svg", ".flow.png", ".flow.pdf")


def fix_command(request: RenderRequest) -> str:
    """The `journeymap render` command of this run without --check: the one
    that writes exactly the outputs the check compared."""
    words = ["journeymap", "render", *request.paths]
    words += [w for fmt in request.formats for w in ("-f", fmt)]
    for option, value in (("-o", request.output), ("--config", request.config),
                          ("--theme", request.theme), ("--locale", request.locale),
                          ("--compare", request.compare), ("--direction", request.direction)):
        if value is not None:
            words += [option, value]
    for option, values in (("--lanes", request.lanes), ("--personas", request.personas)):
        if values is not None:
            words += [option, ",".join(values)]
    words += [w for pattern in request.exclude for w in ("--exclude", pattern)]
    if request.edge_labels:
        words.append("--edge-labels")
    return shlex.join(words)


def orphans(chosen: Plan, roots: Sequence[str], written: Iterable[Path]) -> list[Path]:
    """Outputs of ours in the folders this run writes into that no input
    makes: only for a run over whole folders into an `-o` folder."""
    if chosen.output_dir is None or not roots or not all(Path(root).is_dir() for root in roots):
        return []
    made = {path.resolve() for path in written}
    stems = {output_stem(item) for item in chosen.inputs}
    folders = {chosen.output_dir, *(path.parent for path in written)}
    found: list[Path] = []
    for folder in sorted(folders):
        found += _orphans_in(folder, made, stems)
    return found


def _orphans_in(folder: Path, made: set[Path], stems: set[str]) -> list[Path]:
    suffixes = sorted((output_suffix(fmt) for fmt in SPECIFIED_FORMATS), key=len, reverse=True)
    candidates: dict[str, list[Path]] = {}
    ours: set[str] = set()
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        suffix = next((s for s in suffixes if path.name.endswith(s)), None)
        if suffix is None or not path.is_file() or path.resolve() in made:
            continue
        stem = path.name[: -len(suffix)]
        if stem in stems or not stem:
            continue
        candidates.setdefault(stem, []).append(path)
        if suffix in _BY_NAME or _marked(path, suffix):
            ours.add(stem)
    return [path for stem in sorted(ours) for path in candidates[stem]]


def _marked(path: Path, suffix: str) -> bool:
    marks = _MARKS.get(suffix)
    if not marks:
        return False
    try:
        with open_regular_file(path) as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    return any(mark in head for mark in marks) and (suffix != ".mmd" or head.lstrip().startswith(b"journey"))

