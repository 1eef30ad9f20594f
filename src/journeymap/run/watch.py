"""`journeymap watch`: render once, then again whenever a journey file
changes, for live authoring beside an editor and an image viewer. Each
render's Report is handed to `show` as it is made."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError
from ..safetext import inert
from . import inputs, settings
from .discovery import SUFFIXES
from .render import RenderRequest, run_render
from .report import Message, Report


def watch(request: RenderRequest, show: Callable[[Report], None],
          stop_event: threading.Event | None = None) -> int:
    """Runs until interrupted (or `stop_event` is set), then returns 0; 2
    when the first render could not run (a missing program). A bad option or
    path is a UsageError at the first render; at a later one (a settings
    file edited, say) it is shown and watching goes on."""
    import watchfiles

    from ..integrations.serve_watch import DEBOUNCE_MS, STEP_MS  # one timing for both watches

    first = run_render(request)
    show(first)
    if first.exit_code == 2:
        return 2
    roots = inputs.roots(request.paths, settings.for_run(request.config))
    watched = sorted({str(Path(r).resolve() if Path(r).is_dir() else Path(r).resolve().parent)
                      for r in roots})
    shown = ", ".join(inert(root) for root in roots)
    show(Report(messages=[Message("plain", f"watching {shown} (Ctrl-C to stop)")]))

    def journey_file(change: object, path: str) -> bool:
        return path.endswith(SUFFIXES) and not Path(path).name.startswith(".")

    try:
        for changes in watchfiles.watch(*watched, watch_filter=journey_file, stop_event=stop_event,
                                        debounce=DEBOUNCE_MS, step=STEP_MS, raise_interrupt=False):
            changed = frozenset(os.path.realpath(path) for _, path in changes if os.path.exists(path))
            if changed:
                try:
                    show(run_render(dataclasses.replace(request, only=changed)))
                except UsageError as exc:
                    show(Report.refused(exc))
    except KeyboardInterrupt:
        pass
    return 0


def serve_map(request: RenderRequest, show: Callable[[Report], None], host: str = "127.0.0.1",
              port: int = 8000) -> int:
    """`watch MAP --serve`: the map's HTML page on `host:port`, reloaded in
    the browser on every save; with `-f` or `-o` the outputs are written as
    by `watch` too. Returns the exit status."""
    from ..integrations.serve import serve
    from ..renderers import RenderOptions
    from . import arguments

    if len(request.paths) != 1 or request.paths[0] == "-":
        raise UsageError("--serve shows one map: journeymap watch MAP --serve")
    options = RenderOptions(theme=arguments.theme(request.theme or "light"),
                            locale=arguments.locale(request.locale))
    stop = threading.Event()
    if request.formats or request.output:  # the files too, as watch writes them
        threading.Thread(target=watch, args=(request, show, stop), daemon=True).start()
    try:
        return serve(request.paths[0], host=host, port=port, options=options, stop_event=stop)
    finally:
        stop.set()

