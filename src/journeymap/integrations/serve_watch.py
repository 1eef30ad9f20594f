"""The live page of `journeymap watch --serve` and the thread that rebuilds it
on every save.

The map's folder is watched (not the file: editors save by writing a new
file and renaming it over the old one, which a watch on the file itself
loses), without recursion, for changes to the map's name only."""

from __future__ import annotations

import hashlib
import os
import secrets
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TextIO

from journeymap.renderers import RenderOptions
from journeymap.safetext import inert

from .serve_page import Build, build, error_page, inject

# watchfiles yields a batch of changes once `STEP_MS` passed without another;
# an editor's save (write, rename, chmod) comes as one batch.
STEP_MS = 10
DEBOUNCE_MS = 300
# How often the watcher wakes with nothing to report: its first wake-up shows
# that it is watching, and lets it notice a stop request.
TIMEOUT_MS = 100
POLL_MS = 100  # only when the system cannot notify
_MAX_BYTES = 10 * 1024 * 1024 + 1


class LivePage:
    """The page being served and its version; event streams wait on it."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._token = secrets.token_hex(4)  # a restarted server reloads old pages too
        self._count = 0
        self._version = ""
        self._page = b""
        self.closed = False

    def publish(self, page: bytes) -> str:
        with self._changed:
            self._count += 1
            self._version = f"{self._token}-{self._count}"
            self._page = inject(page, self._version)
            self._changed.notify_all()
            return self._version

    def current(self) -> tuple[str, bytes]:
        with self._changed:
            return self._version, self._page

    def wait_for_change(self, seen: str, timeout: float) -> str | None:
        """The current version once it differs from `seen`; None after
        `timeout` seconds without a change, or when the page is closed."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self._version != seen, timeout)
            return None if self.closed or self._version == seen else self._version

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()


def _stamp(path: str) -> str:
    """What the file holds now (a digest), or why it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read(_MAX_BYTES)).hexdigest()
    except OSError as exc:
        return f"unreadable: {exc.errno}"


class MapWatcher:
    """Rebuilds the page when the map's bytes change, and says so on `log`."""

    def __init__(self, path: str, name: str, options: RenderOptions, ignore: Iterable[str],
                 page: LivePage, log: TextIO | None = None,
                 on_publish: Callable[[str, Build], None] | None = None) -> None:
        self.path, self.name, self.options, self.ignore = path, name, options, tuple(ignore)
        self.page, self.log = page, log or sys.stderr
        self.on_publish = on_publish
        self.armed = threading.Event()
        self._last: str | None = None

    def rebuild(self) -> bool:
        """Rebuild if the file changed since the last build; True if it did."""
        stamp = _stamp(self.path)
        if stamp == self._last:
            return False
        self._last = stamp
        try:
            built = build(self.path, self.name, self.options, self.ignore)
        except Exception as exc:  # a bug in validation: shown, and the server stays up
            problem = (f"{inert(self.name)}: internal error ({type(exc).__name__}: {inert(str(exc))}); "
                       "this is a bug, please report it\n")
            built = Build(error_page(self.name, problem), False, problem, 0.0)
        version = self.page.publish(built.page)
        self._say(built)
        if self.on_publish is not None:
            self.on_publish(version, built)
        return True

    def _say(self, built: Build) -> None:
        name = inert(self.name)
        if built.report:
            self.log.write(built.report)
        if built.ok:
            self.log.write(f"{name}: page updated ({built.seconds * 1000:.0f} ms)\n")
        else:
            self.log.write(f"{name}: errors, shown in the page; the map returns on the next good save\n")
        self.log.flush()

    def _targets(self) -> dict[str, set[str]]:
        """The folders to watch and, in each, the names that are this map
        (the link and its target, when the map is a symbolic link)."""
        targets: dict[str, set[str]] = {}
        for path in {os.path.abspath(self.path), os.path.realpath(self.path)}:
            targets.setdefault(os.path.dirname(path), set()).add(os.path.basename(path))
        return targets

    def run(self, stop: threading.Event) -> None:
        """Watch until `stop` is set. When the system's notification fails
        (no inotify watches left, say), poll instead; when polling fails too
        (the folder was removed), try again every second."""
        import watchfiles

        targets = self._targets()

        def is_map(change: object, path: str) -> bool:
            return os.path.basename(path) in targets.get(os.path.dirname(path), ())

        polling, said = False, ""
        while not stop.is_set():
            try:
                for changes in watchfiles.watch(
                        *targets, watch_filter=is_map, stop_event=stop, debounce=DEBOUNCE_MS,
                        step=STEP_MS, rust_timeout=TIMEOUT_MS, yield_on_timeout=True, recursive=False,
                        raise_interrupt=False, force_polling=polling, poll_delay_ms=POLL_MS):
                    if not self.armed.is_set():  # a save before the watch began is caught here
                        self.armed.set()
                        self.rebuild()
                    elif changes:
                        self.rebuild()
            except Exception as exc:  # the server stays up
                problem = f"{type(exc).__name__}: {inert(str(exc))}"
                if problem != said:
                    then = "polling instead" if not polling else "trying again"
                    self.log.write(f"journeymap: watching {inert(self.name)} failed ({problem}); {then}\n")
                    self.log.flush()
                    said = problem
                self.armed.set()
                if polling:
                    stop.wait(1.0)
                polling = True
