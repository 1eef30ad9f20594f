"""Which entries a folder search passes over, as ruff and black decide it:
the `exclude` patterns (defaults: version-control, virtual-environment and
cache folders), `extend-exclude` and `--exclude` on top of them, and the
files git ignores. Patterns are gitignore globs (read by `pathspec`, as
black reads them): `bad` is any entry named so, at any depth; `tests/bad`
is that path below the folder the patterns belong to (the settings file's
folder, or the current folder for `--exclude`); outside that folder only
the patterns that match a bare name apply.

`.gitignore` files are read from the top of the git checkout down to every
folder searched, each one's patterns relative to its own folder, a deeper
one deciding before a shallower one (negations included). A path named on
the command line is never excluded: only what a folder search finds."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..safetext import inert

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

# Hidden folders (.git, .venv, .tox, ...) and the usual heavy ones; not hidden files.
DEFAULT_EXCLUDE = (".*/", "node_modules", "venv", "__pycache__", "site-packages")


@dataclass(frozen=True)
class Patterns:
    """Gitignore-style patterns and the folder they are relative to,
    compiled when first asked: a run that names its files never pays for
    importing and compiling them."""

    base: Path
    lines: tuple[str, ...]

    @classmethod
    def of(cls, base: Path, lines: Sequence[str]) -> Patterns:
        return cls(absolute(base), tuple(lines))

    @cached_property
    def spec(self) -> GitIgnoreSpec:
        """Lines git could not read either are left out, as git leaves them."""
        from pathspec import GitIgnoreSpec

        return GitIgnoreSpec.from_lines([line for line in self.lines if not _invalid(line)])

    def decides(self, path: Path, is_dir: bool) -> bool | None:
        """True: excluded, False: re-included (`!pattern`), None: no pattern
        matches. A match that holds only because a parent folder matches
        (`bad` matching `bad/x.yaml`) is no verdict on the entry: the search
        never enters an excluded folder unless it was named explicitly."""
        if not path.is_relative_to(self.base):  # outside: only the patterns of a bare name
            return self._check(path.name, is_dir)
        relative = path.relative_to(self.base).as_posix()
        if relative == ".":
            return None
        verdict = self._check(relative, is_dir)
        parent = path.parent.relative_to(self.base).as_posix()
        if verdict and parent != "." and self._check(parent, True):
            return None
        return verdict

    def _check(self, relative: str, is_dir: bool) -> bool | None:
        include: bool | None = self.spec.check_file(relative + "/" if is_dir else relative).include
        return include


def absolute(path: Path) -> Path:
    """An absolute path without resolving symbolic links (a linked folder
    is matched by the name it is reached by)."""
    return Path(os.path.abspath(path))


def _invalid(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except (ValueError, re.error):  # pathspec's pattern error, or a bad range such as [z-a]
        return True
    return False


def checked(lines: Sequence[str], origin: str) -> Sequence[str]:
    """Patterns the user gave (settings, --exclude): one that is no pattern is
    a usage error naming it, not a pattern that silently matches nothing."""
    bad = [line for line in lines if _invalid(line)]
    if bad:
        raise UsageError(f"{origin}: {inert(bad[0])!r} is not a gitignore pattern "
                         "(see https://git-scm.com/docs/gitignore#_pattern_format)")
    return lines


@dataclass
class Exclusion:
    """The exclude patterns of a run and the .gitignore files met so far."""

    patterns: tuple[Patterns, ...] = ()
    gitignore: bool = True
    _chains: dict[Path, tuple[Patterns, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, settings_base: Path, exclude: Sequence[str] | None, extend: Sequence[str],
           command_line: Sequence[str], gitignore: bool = True) -> Exclusion:
        """`exclude` None keeps the defaults; `command_line` patterns are
        relative to the current folder."""
        chosen = [Patterns.of(settings_base, DEFAULT_EXCLUDE if exclude is None else
                              checked(exclude, "settings: exclude"))]
        if extend:
            chosen.append(Patterns.of(settings_base, checked(extend, "settings: extend-exclude")))
        if command_line:
            chosen.append(Patterns.of(Path.cwd(), checked(command_line, "--exclude")))
        return cls(tuple(chosen), gitignore)

    def excluded(self, path: Path, is_dir: bool) -> bool:
        """Whether a folder search passes over this entry."""
        full = absolute(path)
        if any(p.decides(full, is_dir) for p in self.patterns):
            return True
        return self.gitignore and self._git_ignored(full, is_dir)

    def _git_ignored(self, path: Path, is_dir: bool) -> bool:
        for patterns in self._chain(path.parent):  # the deepest .gitignore decides first
            verdict = patterns.decides(path, is_dir)
            if verdict is not None:
                return verdict
        return False

    def _chain(self, folder: Path) -> tuple[Patterns, ...]:
        """The ignore files that apply in `folder`, deepest first, up to the
        top of the git checkout (or the top of the disk outside one)."""
        if folder not in self._chains:
            own = self._ignore_file(folder)
            above = () if (folder / ".git").exists() or folder.parent == folder else \
                self._chain(folder.parent)
            self._chains[folder] = ((own,) if own else ()) + above
        return self._chains[folder]

    def _ignore_file(self, folder: Path) -> Patterns | None:
        lines: list[str] = []
        for name in (".git/info/exclude", ".gitignore"):  # the later line wins
            try:
                lines += (folder / name).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
        return Patterns(folder, tuple(lines)) if lines else None
