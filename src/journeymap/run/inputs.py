"""The one way every command that takes maps finds them: the paths given,
else the settings' `maps`, else the current folder; searched with the
settings' `exclude`/`extend-exclude`, `--exclude` and .gitignore; and a run
that finds nothing says so (exit 2) instead of passing in silence."""

from __future__ import annotations

from collections.abc import Sequence

from .discovery import Input, expand, require_some
from .exclusion import Exclusion
from .settings import Settings


def roots(paths: Sequence[str], project: Settings) -> list[str]:
    """What to search: the paths given, the settings' maps, or the current folder."""
    return list(paths) or project.maps or ["."]


def find_inputs(paths: Sequence[str], project: Settings, exclude: Sequence[str] = (),
                documents: bool = False, allow_empty: bool = False) -> list[Input]:
    """The inputs of a run; `NoJourneyFiles` (a usage error) when there are
    none, unless `allow_empty` (watch waits for the first file)."""
    searched = roots(paths, project)
    exclusion = Exclusion.of(project.folder, project.exclude, project.extend_exclude, exclude,
                             gitignore=project.respect_gitignore)
    inputs = expand(searched, documents=documents, exclusion=exclusion)
    return inputs if allow_empty else require_some(inputs, searched)
