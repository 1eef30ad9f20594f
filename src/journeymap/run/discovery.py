"""Which files a run covers: the paths given, folders searched for journey
files, and `-` for standard input.

Nothing met in a folder is skipped without a word: an entry named like a
journey file that cannot be read (a broken symbolic link, a loop, a FIFO, an
entry that vanished, no permission) and a folder that cannot be listed
become inputs that carry their problem, so the run reports each by its path
and goes on with the others. Nothing that is not a regular file is opened."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..integrations.documents import holds_journeymap_fence, is_document
from ..loading import explain_os_error, open_regular_file
from ..safetext import inert
from .exclusion import Exclusion

STDIN = "-"
SUFFIXES = (".yaml", ".yml")
# A YAML file in a folder is taken as a journey file when it has a top-level
# `journeymap:` or `stages:` key (workflow files and mkdocs.yml have neither).
_JOURNEY_MARK = re.compile(rb"^(journeymap|stages)[ \t]*:", re.MULTILINE)
_HEAD_BYTES = 1 << 20


class MissingPath(UsageError):
    """A path on the command line that does not exist."""

    def __init__(self, path: str):
        super().__init__(f"no such file or folder: {inert(path)}")
        self.path = path


@dataclass(frozen=True)
class Input:
    """One file of a run; `path` is None for standard input. `relative` is
    its path below the folder named on the command line (or its file name),
    which is where its outputs go under `--output`. `problem`, when set, is
    why the path cannot be read (an `expected ..., found ...` message)."""

    name: str
    path: str | None
    relative: str | None = None
    problem: str | None = None


def is_journey_file(path: Path) -> bool:
    """Whether a readable regular file looks like a journey map; False when it
    cannot be read (see `_classify` for the search, which reports those)."""
    try:
        return _looks_like_journey(path)
    except OSError:
        return False


def _looks_like_journey(path: Path) -> bool:
    with open_regular_file(path) as handle:
        head = handle.read(_HEAD_BYTES)
    return bool(_JOURNEY_MARK.search(head))


class NoJourneyFiles(UsageError):
    """A run over folders that found nothing to do: said, never a silent pass."""


def expand(paths: Iterable[str], documents: bool = False, exclusion: Exclusion | None = None) -> list[Input]:
    """Files in the order given; the files of a folder sorted by path, less
    what `exclusion` passes over (default: hidden and cache folders and what
    git ignores). With `documents`, a folder's Markdown files that hold a
    journeymap block too."""
    exclusion = exclusion or Exclusion.of(Path.cwd(), None, (), ())
    inputs: list[Input] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            inputs.append(Input("<stdin>", None))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(_search(path, documents, exclusion), key=lambda item: item.relative or "")
        elif os.path.lexists(path):  # a broken link is named, and reported by the loader
            found = [Input(str(path), str(path), path.name)]
        else:
            raise MissingPath(raw)
        for item in found:
            key = _identity(item)
            if key not in seen:
                seen.add(key)
                inputs.append(item)
    return inputs


def require_some(inputs: list[Input], paths: Iterable[str]) -> list[Input]:
    """The inputs, or `NoJourneyFiles` when the folders searched held none
    (pytest's "no tests ran", but a usage error here: exit 2)."""
    if not inputs:
        where = ", ".join(inert(path) for path in paths)
        raise NoJourneyFiles(f"no journey files found under {where} (a journey file is a .yaml or "
                             ".yml file with a top-level `stages:` or `journeymap:` key; excluded "
                             "and git-ignored files are skipped)")
    return inputs


def _identity(item: Input) -> str:
    """Two names of one file are one input; a path that cannot be read is
    known only by its name."""
    path = item.path or item.name
    if item.problem is None and os.path.exists(path):
        return os.path.realpath(path)
    return "unreadable:" + os.path.abspath(path)


def _search(folder: Path, documents: bool, exclusion: Exclusion) -> Iterator[Input]:
    unlisted: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unlisted.append):
        dirs[:] = sorted(d for d in dirs if not exclusion.excluded(Path(root) / d, is_dir=True))
        for name in sorted(files):
            candidate = Path(root) / name
            if exclusion.excluded(candidate, is_dir=False):
                continue
            if is_document(name):
                if documents and holds_journeymap_fence(candidate):
                    yield _input(folder, candidate)
                continue
            if not name.endswith(SUFFIXES):
                continue
            try:
                if not _looks_like_journey(candidate):
                    continue
            except OSError as exc:
                yield _input(folder, candidate, explain_os_error(exc, candidate))
                continue
            yield _input(folder, candidate)
    for error in unlisted:
        where = Path(error.filename) if error.filename else folder
        yield _input(folder, where, explain_os_error(error, where, what="folder"))


def _input(folder: Path, path: Path, problem: str | None = None) -> Input:
    try:
        relative = path.relative_to(folder) if path != folder else Path(path.name)
    except ValueError:  # not below the folder searched: known by its own name
        relative = Path(path.name)
    return Input(str(path), str(path), relative.as_posix(), problem)
