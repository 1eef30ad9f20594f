"""Which files a run covers: the paths given, folders searched for journey
files, and `-` for standard input."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

STDIN = "-"
SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox",
                ".mypy_cache", ".pytest_cache", "site-packages"}
# A YAML file in a folder is taken as a journey file when it has a top-level
# `journeymap:` or `stages:` key (workflow files and mkdocs.yml have neither).
_JOURNEY_MARK = re.compile(rb"^(journeymap|stages)[ \t]*:", re.MULTILINE)


class MissingPath(Exception):
    """A path on the command line that does not exist: a usage error."""


@dataclass(frozen=True)
class Input:
    """One file of a run; `path` is None for standard input. `relative` is
    its path below the folder named on the command line (or its file name),
    which is where its outputs go under `--output`."""

    name: str
    path: Optional[str]
    relative: Optional[str] = None


def is_journey_file(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return False
    return bool(_JOURNEY_MARK.search(head))


def expand(paths: Iterable[str]) -> list[Input]:
    """Files in the order given; the files of a folder sorted by path."""
    inputs: list[Input] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            inputs.append(Input("<stdin>", None))
            continue
        path = Path(raw)
        if path.is_dir():
            found = [(p, p.relative_to(path)) for p in
                     sorted(_search(path), key=lambda p: p.as_posix())]
        elif path.exists():
            found = [(path, Path(path.name))]
        else:
            raise MissingPath(raw)
        for item, relative in found:
            key = os.path.realpath(item)
            if key not in seen:
                seen.add(key)
                inputs.append(Input(str(item), str(item), relative.as_posix()))
    return inputs


def _search(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            candidate = Path(root) / name
            if name.endswith(SUFFIXES) and is_journey_file(candidate):
                yield candidate
