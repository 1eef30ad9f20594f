"""The values a command was given, checked before anything runs: each bad
one is a `UsageError` naming its option, with a suggestion when a known
value is close. Shared by validate, render, watch and the other commands."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import UsageError


def _near(word: str, choices: Sequence[str]) -> str:
    from ..fields import closest

    near = closest(word, choices)
    return f" (did you mean '{near}'?)" if near else ""


def report_format(fmt: str | None) -> str:
    """How problems are reported: text, json or github (the default under
    GitHub Actions, else text)."""
    from .reporting import FORMATS, default_format

    fmt = fmt or default_format()
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def ignore_codes(items: Sequence[str]) -> list[str]:
    """--ignore CODE (repeatable, or comma-separated): warning codes only."""
    from ..diagnostics import CODES, ERROR

    result = []
    for item in items:
        for code in filter(None, (c.strip() for c in item.split(","))):
            if code not in CODES:
                raise UsageError(f"--ignore: unknown code {code!r}{_near(code, list(CODES))}")
            if CODES[code] == ERROR:
                raise UsageError(f"--ignore: {code!r} is an error; only warnings can be ignored")
            result.append(code)
    return result


def locale(tag: str | None) -> str | None:
    """--locale takes a language tag, never a path to a file of words."""
    if tag is None:
        return None
    from ..i18n import check_locale

    try:
        return check_locale(tag)
    except ValueError as exc:
        raise UsageError(f"--locale: {exc}") from None


def lanes(names: Sequence[str] | None) -> tuple[str, ...] | None:
    """--lanes: built-in names are checked here (with a suggestion); anything
    else must be a custom lane id of the map, checked per map."""
    if names is None:
        return None
    from .. import builtins
    from ..fields import is_id_char

    for lane in names:
        if lane not in builtins.LANES:
            hint = _near(lane, list(builtins.LANES))
            if hint or not all(is_id_char(c) for c in lane):
                raise UsageError(f"--lanes: unknown lane {lane!r}{hint}")
    if not names:
        raise UsageError("--lanes needs at least one lane")
    return tuple(names)


def direction(text: str | None) -> str:
    """--direction of the flow graph: LR (the default) or TB (TD is TB)."""
    if text is None:
        return "LR"
    if text.upper() not in ("LR", "TB", "TD"):
        raise UsageError(f"--direction must be LR or TB, not {text!r}")
    return "LR" if text.upper() == "LR" else "TB"


def theme(name: str) -> str:
    from ..renderers import THEMES

    if name not in THEMES:
        raise UsageError(f"--theme must be one of {', '.join(THEMES)}, not '{name}'")
    return name


def map_type(name: str) -> str:
    """init --type: one of the kinds of map."""
    from .. import builtins

    if name not in builtins.MAP_TYPES:
        raise UsageError(f"--type must be one of {', '.join(builtins.MAP_TYPES)}, not {name!r}"
                         + _near(name, list(builtins.MAP_TYPES)))
    return name
