"""The values a command was given, checked before anything runs: each bad
one is a `UsageError` naming its option, with a suggestion when a known
value is close. Shared by validate, render, watch and the other commands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..safetext import inert

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Journey
    from ..renderers import RenderOptions


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
        raise UsageError(f"the report format must be one of {', '.join(FORMATS)}, not "
                         f"{inert(repr(fmt))}{_near(fmt, FORMATS)}")
    return fmt


def formats(items: Sequence[str]) -> list[str]:
    """-f svg,png and -f svg -f png alike; each format once, in order."""
    return list(dict.fromkeys(part.strip() for item in items for part in item.split(",") if part.strip()))


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
        raise UsageError(f"--direction must be LR or TB, not {inert(repr(text))}")
    return "LR" if text.upper() == "LR" else "TB"


def theme(name: str) -> str:
    from ..renderers import THEMES

    if name not in THEMES:
        raise UsageError(f"--theme must be one of {', '.join(THEMES)}, not {inert(repr(name))}"
                         + _near(name, list(THEMES)))
    return name


def map_type(name: str) -> str:
    """init --type: one of the kinds of map."""
    from .. import builtins

    if name not in builtins.MAP_TYPES:
        raise UsageError(f"--type must be one of {', '.join(builtins.MAP_TYPES)}, not {name!r}"
                         + _near(name, list(builtins.MAP_TYPES)))
    return name


def map_choices(journey: Journey, name: str, options: RenderOptions) -> list[str]:
    """What `--lanes` and `--personas` name that this map lacks, each said
    with the map's name and the values it does allow (a usage error, exit 2)."""
    from .. import builtins
    from ..presentation.texts import lane_id

    problems = []
    custom = [lane_id(lane) for lane in journey.lanes or [] if lane_id(lane) not in builtins.LANES]
    for lane in options.lanes or ():
        if lane not in builtins.LANES and lane not in custom:
            allowed = ", ".join([*builtins.LANES, *custom])
            problems.append(f"--lanes: {name} has no lane {lane!r}{_near(lane, [*builtins.LANES, *custom])}; "
                            f"allowed: {allowed}")
    ids = [persona.id for persona in journey.personas if persona.id]
    for persona in options.flow.personas or ():
        if persona not in ids:
            allowed = ", ".join(ids) if ids else "none (the map declares no persona ids)"
            problems.append(f"--personas: {name} has no persona {persona!r}{_near(persona, ids)}; "
                            f"its persona ids: {allowed}")
    return [inert(problem) for problem in problems]
