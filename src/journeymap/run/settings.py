"""Project settings from `journeymap.toml` or `[tool.journeymap]` in
`pyproject.toml`, so that a CI job is just `journeymap render --check`.

The nearest folder (from the current one upwards, stopping at the top of a
git checkout) that has either file wins; paths in it (`maps`, `output`) are
relative to it and resolved when it is read. Options given on the command
line override these settings (`Settings.overridden`).

A settings file is committed like any other: every message that quotes it
(its path, a key, a value) shows that text inert, and `locale` must be a
language tag, never something the i18n lookup could take for a path.
"""

from __future__ import annotations

import sys
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import ErrorDetails

from ..errors import UsageError
from ..safetext import inert

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]


class SettingsError(UsageError):
    """A settings file that cannot be used."""


class Settings(BaseModel):
    """One project's settings; every field is optional. `source` is the file
    they were read from (None: no settings file)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    source: Path | None = None
    maps: list[str] = []
    formats: list[str] = []
    output: str | None = None
    theme: str | None = None
    locale: str | None = None
    strict: bool | None = None
    ignore: list[str] = []
    jobs: int | None = None
    exclude: list[str] | None = None  # None: the defaults (hidden, cache and vendored folders)
    extend_exclude: list[str] = []
    respect_gitignore: bool = True

    @field_validator("locale")
    @classmethod
    def _language_tag(cls, value: str | None) -> str | None:
        from ..i18n import check_locale

        return None if value is None else check_locale(value)

    @field_validator("ignore")
    @classmethod
    def _warning_codes(cls, value: list[str]) -> list[str]:
        """Only warnings (and notes) can be ignored; `a,b` is two codes, as on
        the command line."""
        from ..diagnostics import CODES

        codes = [code.strip() for item in value for code in item.split(",") if code.strip()]
        for code in codes:
            if CODES.get(code) not in ("warning", "info"):
                raise ValueError(f"{inert(repr(code))} is not a warning code")
        return codes

    @property
    def folder(self) -> Path:
        """What `exclude` patterns are relative to: the settings file's folder."""
        return self.source.parent if self.source else Path.cwd()

    def overridden(self, **given: Any) -> Settings:
        """These settings with what the command line gave instead; None or an
        empty list is an option not given."""
        return self.model_copy(update={key: value for key, value in given.items()
                                       if value is not None and value != [] and value != ()})


def _kind(annotation: Any) -> type:
    """`list` for `list[str]`, `int` for `int | None`."""
    if typing.get_origin(annotation) is list:
        return list
    if annotation is bool:
        return bool
    kind: type = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    return list if typing.get_origin(kind) is list else kind


# The keys a settings file may hold, with the kind of value each takes.
KEYS: dict[str, type] = {name: _kind(info.annotation) for name, info in Settings.model_fields.items()
                         if name != "source"}


def for_run(config: str | None) -> Settings:
    """The settings file named with `--config`, else the one found upwards."""
    return load(Path(config)) if config else find()


def find(start: Path | None = None) -> Settings:
    """The settings of the project the current folder is in (or none)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "journeymap.toml"
        if own.is_file():
            return load(own)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            table = _tool_table(_read(pyproject))
            if table is not None:
                return _from_table(table, pyproject, "[tool.journeymap]")
        if (candidate / ".git").exists():
            break
    return Settings()


def load(path: Path) -> Settings:
    data = _read(path)
    if path.name == "pyproject.toml":
        return _from_table(_tool_table(data) or {}, path, "[tool.journeymap]")
    return _from_table(data, path, "")


def _tool_table(data: Mapping[str, Any]) -> Any:
    tool = data.get("tool", {})
    return tool.get("journeymap") if isinstance(tool, dict) else None


def _read(path: Path) -> dict[str, Any]:
    from ..loading import MAX_BYTES, explain_os_error, open_regular_file

    try:
        with open_regular_file(path) as handle:  # never a FIFO or a device
            data: dict[str, Any] = tomllib.loads(handle.read(MAX_BYTES + 1).decode("utf-8"))
            return data
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{_shown(path)}: not valid TOML: expected UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{_shown(path)}: not valid TOML: {_shown(exc)}") from exc
    except OSError as exc:
        raise SettingsError(f"{_shown(path)}: {_shown(explain_os_error(exc, path))}") from exc


def _shown(value: object) -> str:
    return inert(str(value))


def _from_table(table: Any, path: Path, where: str) -> Settings:
    """The settings of one table; the first problem, in the order of the
    file, is the error."""
    place = f"{_shown(path)}{' ' + where if where else ''}"
    if not isinstance(table, dict):
        raise SettingsError(f"{place}: expected a table of settings")
    names = {key: key.replace("-", "_") for key in table}
    values = {name: [value] if KEYS.get(name) is list and isinstance(value, str) else value
              for key, value in table.items() if (name := names[key]) in KEYS}
    settings: Settings | None = None
    problems: dict[str, ErrorDetails] = {}
    try:
        settings = Settings.model_validate({**values, "source": path})
    except ValidationError as exc:
        problems = {str(error["loc"][0]): error for error in exc.errors()}
    for key, name in names.items():
        if name not in KEYS:
            raise SettingsError(f"{place}: {_unknown(key, name)}")
        if name in problems:
            raise SettingsError(f"{place}: {_wrong(key, name, values[name], problems[name])}")
    assert settings is not None  # every problem is at a key of the table
    return settings.model_copy(update={
        "maps": [_resolve(path, p) for p in settings.maps],
        "output": _resolve(path, settings.output) if settings.output else None})


def _unknown(key: str, name: str) -> str:
    from ..fields import closest

    near = closest(name, KEYS)
    hint = f" (did you mean '{near}'?)" if near else f"; known: {', '.join(KEYS)}"
    return f"unknown setting '{_shown(key)}'{hint}"


def _wrong(key: str, name: str, value: object, error: ErrorDetails) -> str:
    if error["type"] == "value_error":  # a validator's own words
        return f"{name}: {error['ctx']['error']}"
    if len(error["loc"]) > 1:  # an item of a list
        return f"'{_shown(key)}' should be a list of strings"
    return f"'{_shown(key)}' should be a {KEYS[name].__name__}, not {type(value).__name__}"


def _resolve(source: Path, path: str) -> str:
    """A path from the settings file, relative to that file's folder."""
    return path if Path(path).is_absolute() else str(source.parent / path)
