"""Project settings from `journeymap.toml` or `[tool.journeymap]` in
`pyproject.toml`, so that a CI job is just `journeymap render --check`.

The nearest folder (from the current one upwards, stopping at the top of a
git checkout) that has either file wins; paths in it are relative to it.
Options given on the command line override these settings.

A settings file is committed like any other: every message that quotes it
(its path, a key, a value) shows that text inert, and `locale` must be a
language tag, never something the i18n lookup could take for a path.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = {
    "maps": list, "formats": list, "output": str, "theme": str, "locale": str,
    "strict": bool, "ignore": list, "jobs": int,
}


class SettingsError(Exception):
    """A settings file that cannot be used: a usage error (exit 2)."""


@dataclass
class Settings:
    source: Optional[Path] = None
    maps: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    output: Optional[str] = None
    theme: Optional[str] = None
    locale: Optional[str] = None
    strict: Optional[bool] = None
    ignore: list[str] = field(default_factory=list)
    jobs: Optional[int] = None

    def resolve(self, path: str) -> str:
        """A path from the settings file, relative to that file's folder."""
        if self.source is None or Path(path).is_absolute():
            return path
        return str(self.source.parent / path)


def find(start: Optional[Path] = None) -> Settings:
    """The settings of the project the current folder is in (or none)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "journeymap.toml"
        if own.is_file():
            return load(own)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("journeymap")
            if table is not None:
                return _from_table(table, pyproject, "[tool.journeymap]")
        if (candidate / ".git").exists():
            break
    return Settings()


def load(path: Path) -> Settings:
    data = _read(path)
    if path.name == "pyproject.toml":
        return _from_table(data.get("tool", {}).get("journeymap", {}), path, "[tool.journeymap]")
    return _from_table(data, path, "")


def _read(path: Path) -> dict:
    from ..loading import MAX_BYTES, explain_os_error, open_regular_file

    try:
        with open_regular_file(path) as handle:  # never a FIFO or a device
            return tomllib.loads(handle.read(MAX_BYTES + 1).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{_shown(path)}: not valid TOML: expected UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{_shown(path)}: not valid TOML: {_shown(exc)}") from exc
    except OSError as exc:
        raise SettingsError(f"{_shown(path)}: {_shown(explain_os_error(exc, path))}") from exc


def _shown(value: Any) -> str:
    from ..safetext import inert

    return inert(str(value))


def _from_table(table: Any, path: Path, where: str) -> Settings:
    from ..fields import closest

    place = f"{_shown(path)}{' ' + where if where else ''}"
    if not isinstance(table, dict):
        raise SettingsError(f"{place}: expected a table of settings")
    settings = Settings(source=path)
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in KEYS:
            near = closest(name, KEYS)
            hint = f" (did you mean '{near}'?)" if near else f"; known: {', '.join(KEYS)}"
            raise SettingsError(f"{place}: unknown setting '{_shown(key)}'{hint}")
        expected = KEYS[name]
        if name in ("maps", "formats", "ignore") and isinstance(value, str):
            value = [value]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise SettingsError(f"{place}: '{_shown(key)}' should be a {expected.__name__}, "
                                f"not {type(value).__name__}")
        if expected is list and not all(isinstance(v, str) for v in value):
            raise SettingsError(f"{place}: '{_shown(key)}' should be a list of strings")
        if name == "locale":
            value = _locale(value, place)
        setattr(settings, name, value)
    return settings


def _locale(value: str, place: str) -> str:
    from ..i18n import check_locale

    try:
        return check_locale(value)
    except ValueError as exc:
        raise SettingsError(f"{place}: locale: {exc}") from None
