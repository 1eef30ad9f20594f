"""The `hidden-lane` warning: a lane that the map's own `lanes:` or the
`--lanes` option leaves out of the picture while the author wrote something
in it. Nothing the author wrote may vanish without a word; `--strict` fails
on it and `--ignore hidden-lane` accepts it."""

from __future__ import annotations

from ..diagnostics import WARNING, Diagnostic
from ..loading import load_path
from ..model import Journey
from ..presentation.lanes import hidden_lanes, shown_lanes
from ..renderers import RenderOptions

# The formats that draw the swimlane and so choose lanes.
PICTURE_FORMATS = frozenset({"svg", "png", "pdf", "html"})


def hidden_lane_warnings(journey: Journey, options: RenderOptions, name: str, path: str | None,
                         formats: tuple[str, ...] | list[str]) -> list[Diagnostic]:
    """One warning per hidden lane that holds content, at the map's `lanes:`
    key (or the top of the file when `--lanes` chose them)."""
    if not PICTURE_FORMATS.intersection(formats):
        return []
    hidden = hidden_lanes(journey, shown_lanes(journey, options.lanes))
    if not hidden:
        return []
    line, column, source = 1, 1, ""
    chooser = "--lanes"
    if options.lanes is None:
        chooser = "the map's `lanes:`"
        if path is not None:  # point at the key; read again only in this rare case
            document = load_path(path, name)
            if document.data is not None and "lanes" in document.data:
                line, column = document.sourcemap.position(["lanes"], at_key=True)
                source = document.sourcemap.line_text(line)
    return [Diagnostic(file=name, line=line, column=column, severity=WARNING, code="hidden-lane",
                       path="lanes",
                       message=f"expected every lane with content on the map, found the lane '{lane}' "
                               f"left out by {chooser} while {cells} touchpoint"
                               f"{'' if cells == 1 else 's'} hold{'s' if cells == 1 else ''} content in it",
                       suggestion=f"add '{lane}' to {chooser}, or --ignore hidden-lane",
                       source_line=source)
            for lane, cells in hidden]
