"""The only module that writes output files: atomically, with the normal file
mode, and never rewriting a file whose bytes would not change.

A write goes to a hidden temporary file beside the output, renamed over it
when complete. A run killed in between (SIGKILL, power loss) leaves that
temporary file behind; its name says it is ours, which process made it and
on which machine, so a later run can remove it once it is surely dead
(`sweep_leftovers`). Nothing else is ever removed."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import stat
import tempfile
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Union

from ..loading import open_regular_file
from ..safetext import inert
from .report import Message

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Outcome

PathLike = Union[str, "os.PathLike[str]"]

# .NAME.journeymap-HOST-PID-RANDOM.tmp: HOST is a digest of the machine's
# name, so that a process id is only judged on the machine that issued it.
_LEFTOVER = re.compile(r"\.(?P<name>.+)\.journeymap-(?P<host>[0-9a-f]{8})-(?P<pid>[1-9][0-9]{0,9})"
                       r"-[a-z0-9_]{8}\.tmp\Z", re.DOTALL)
# A leftover older than this is stale whoever made it: writing one output
# takes seconds at most.
STALE_AFTER_SECONDS = 15 * 60
# A file name longer than this would leave no room for the temporary name's
# additions within the usual 255-byte limit.
_NAME_BYTES = 180
_swept: set[str] = set()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _host_tag() -> str:
    return f"{zlib.crc32(socket.gethostname().encode('utf-8', 'replace')):08x}"


def _temporary_prefix(target: Path) -> str:
    name = target.name.encode("utf-8", "surrogateescape")[:_NAME_BYTES]
    shown = name.decode("utf-8", "ignore") or "output"
    return f".{shown}.journeymap-{_host_tag()}-{os.getpid()}-"


def write_atomic(path: PathLike, data: bytes) -> bool:
    """Write `data` to `path` so that readers see the old file or the whole new
    one, never a part. Returns False (and leaves the file and its modification
    time alone) when the file already holds exactly these bytes."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    sweep_once(folder)
    if same_content(target, data):
        return False
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=".tmp",
                                         dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes files 0600; give the output the mode any new file gets.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return True


def sweep_once(folder: PathLike) -> None:
    """`sweep_leftovers` for each folder once per process."""
    key = os.path.abspath(folder)
    if key not in _swept:
        _swept.add(key)
        sweep_leftovers(folder)


def sweep_leftovers(folder: PathLike, now: float | None = None) -> list[Path]:
    """Remove the temporary files that killed runs left in `folder`, and only
    those: a regular file, named by our pattern, owned by this user, and
    either made on this machine by a process that is gone or older than
    STALE_AFTER_SECONDS. Returns what was removed; never raises."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _LEFTOVER.match(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not _is_stale(match, info, now):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _is_stale(match: re.Match[str], info: os.stat_result, now: float) -> bool:
    if not stat.S_ISREG(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    if now - info.st_mtime > STALE_AFTER_SECONDS:
        return True
    return match.group("host") == _host_tag() and not _process_alive(int(match.group("pid")))


def _process_alive(pid: int) -> bool:
    """Whether a process with this id exists; True when that cannot be told
    (on Windows a signal 0 would not be a harmless probe)."""
    if os.name != "posix" or not 0 < pid < 2**31 or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, and belongs to someone else
        return True
    return True


_CHUNK = 1 << 20


def same_content(path: Path, data: bytes) -> bool:
    """Whether `path` is a regular file holding exactly `data`; anything
    else at that path (a FIFO, a device) is never opened."""
    try:
        with open_regular_file(path) as handle:
            if os.fstat(handle.fileno()).st_size != len(data):
                return False
            expected = memoryview(data)
            for start in range(0, len(data), _CHUNK):  # a large output is never held twice
                if handle.read(_CHUNK) != expected[start:start + _CHUNK]:
                    return False
            return handle.read(1) == b""
    except OSError:
        return False


@dataclass
class Delivery:
    """What happened to each artifact of a run."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stale: list[tuple[Path, str]] = field(default_factory=list)   # --check: (path, "missing" | "differs")
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason)
    diffs: list[str] = field(default_factory=list)  # --diff: what would change, per stale output


def deliver(outcomes: Iterable[Outcome], check: bool = False, stdout: BinaryIO | None = None,
            diff: bool = False) -> Delivery:
    """Write (or, with `check`, compare) every artifact that was rendered.

    An artifact whose input had errors was never rendered, so an invalid map
    never leaves a half-written or stale-but-new file behind; a file that
    cannot be written is a failure of that file only."""
    delivery = Delivery()
    for outcome in outcomes:
        for artifact in outcome.artifacts:
            if artifact.data is None:
                continue
            if artifact.path is None:
                if stdout is not None:
                    stdout.write(artifact.data)
                    stdout.flush()
                continue
            if check:
                _compare(artifact.path, artifact.data, delivery, diff)
                continue
            try:
                changed = write_atomic(artifact.path, artifact.data)
            except OSError as exc:
                delivery.failed.append((artifact.path, exc.strerror or str(exc)))
                continue
            (delivery.written if changed else delivery.unchanged).append(artifact.path)
    return delivery


def _compare(path: Path, data: bytes, delivery: Delivery, diff: bool) -> None:
    """--check: is the file on disk this output? With `diff`, how it differs."""
    if same_content(path, data):
        delivery.unchanged.append(path)
        return
    old: bytes | None = None
    try:
        with open_regular_file(path) as handle:
            old = handle.read()
    except OSError:
        old = None
    delivery.stale.append((path, "differs" if path.exists() else "missing"))
    if diff:
        from .textdiff import unified

        delivery.diffs.append(unified(path, old, data))


def write_file(path: Path, text: str, force: bool = True) -> Message | None:
    """Write one file a command creates (init, import, schema -o): None when
    written, else why not (an existing file is kept unless `force`)."""
    if path.exists() and not force:
        return Message("plain", f"journeymap: {inert(str(path))} exists; use --force to overwrite it")
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        return Message("error", f"cannot write {inert(str(path))}: {inert(exc.strerror or str(exc))}")
    return None
