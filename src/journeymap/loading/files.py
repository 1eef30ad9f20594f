"""Reading a journey file from disk: only a regular file, and only up to the
size limit. A FIFO or /dev/stdin would wait for ever, /dev/zero never end."""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

MAX_BYTES = 10 * 1024 * 1024


class NotARegularFile(OSError):
    """A path that names a FIFO, a socket, a device or a folder: reading one
    can wait for ever (a FIFO, /dev/stdin) or never end (/dev/zero), so it is
    refused without being opened."""


_FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"))
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _refuse_unless_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for is_kind, name in _FILE_KINDS if is_kind(mode)), "a special file")
        raise NotARegularFile(kind)


def open_regular_file(path: str | os.PathLike[str]) -> BinaryIO:
    """Open `path` for reading if, and only if, it is a regular file.

    The path is checked before opening (opening a FIFO waits for a writer,
    opening a device can have effects), then the opened descriptor is checked
    again, since the path may have been replaced in between. O_NONBLOCK keeps
    even that window from blocking on a FIFO."""
    _refuse_unless_regular(os.stat(path).st_mode)
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        _refuse_unless_regular(os.fstat(descriptor).st_mode)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def explain_os_error(exc: OSError, path: str | os.PathLike[str], what: str = "file") -> str:
    """An `expected ..., found ...` message for a path that cannot be read."""
    if isinstance(exc, NotARegularFile):
        return f"expected a regular {what}, found {exc}"
    if exc.errno == errno.ELOOP:
        found = "a loop of symbolic links"
    elif exc.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(path):
        found = "a symbolic link to a missing file"
    elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
        found = "nothing at that path (it was removed or renamed)"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        found = "no permission to read it"
    else:
        found = f"an error reading it ({exc.strerror or exc})"
    return f"expected a readable {what}, found {found}"


UNREADABLE_HINT = "journeymap reads regular files only; fix or remove this entry (- reads standard input)"
