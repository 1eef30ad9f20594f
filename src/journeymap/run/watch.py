"""`journeymap watch`: render once, then again whenever a journey file
changes, for live authoring beside an editor and an image viewer."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

from .discovery import MissingPath, SUFFIXES, expand
from .render import RenderRequest, render
from ..safetext import inert


def watch(request: RenderRequest, stop_event=None) -> int:
    """Runs until interrupted (or `stop_event` is set); returns 0 then."""
    import watchfiles

    status = render(request)
    if status == 2:
        return 2
    roots = list(request.paths) or ["."]
    try:
        expand(roots)
    except MissingPath:
        return 2
    watched = sorted({str(Path(r).resolve() if Path(r).is_dir() else Path(r).resolve().parent) for r in roots})
    sys.stderr.write(f"watching {', '.join(inert(root) for root in roots)} (Ctrl-C to stop)\n")
    sys.stderr.flush()

    def journey_file(change, path: str) -> bool:
        return path.endswith(SUFFIXES) and not Path(path).name.startswith(".")

    try:
        for changes in watchfiles.watch(*watched, watch_filter=journey_file, stop_event=stop_event,
                                        debounce=200, step=50, raise_interrupt=False):
            changed = frozenset(os.path.realpath(path) for _, path in changes if os.path.exists(path))
            if changed:
                render(dataclasses.replace(request, only=changed))
                sys.stderr.flush()
    except KeyboardInterrupt:
        pass
    return 0
