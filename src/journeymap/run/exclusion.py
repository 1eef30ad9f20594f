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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pathspec import GitIgnoreSpec

# Hidden folders (.git, .venv, .tox, ...) and the usual heavy ones; not hidden files.
DEFAULT_EXCLUDE = (".*/", "node_modules", "venv", "__pycache__", "site-packages")


@dataclass(frozen=True)
class Patterns:
    """Gitignore-style patterns and the folder they are relative to."""

    base: Path
    spec: GitIgnoreSpec

    @classmethod
    def of(cls, base: Path, lines: Sequence[str]) -> Patterns:
        return cls(absolute(base), GitIgnoreSpec.from_lines(list(lines)))

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
        chosen = [Patterns.of(settings_base, DEFAULT_EXCLUDE if exclude is None else exclude)]
        if extend:
            chosen.append(Patterns.of(settings_base, extend))
        if command_line:
            chosen.append(Patterns.of(Path.cwd(), command_line))
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
        return Patterns(folder, GitIgnoreSpec.from_lines(lines)) if lines else None
