"""The only module that writes output files: atomically, with the normal file
mode, and never rewriting a file whose bytes would not change."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Union

PathLike = Union[str, os.PathLike]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: PathLike, data: bytes) -> bool:
    """Write `data` to `path` so that readers see the old file or the whole new
    one, never a part. Returns False (and leaves the file and its modification
    time alone) when the file already holds exactly these bytes."""
    target = Path(path)
    if same_content(target, data):
        return False
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes files 0600; give the output the mode any new file gets.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return True


def same_content(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


class Delivery:
    """What happened to each artifact of a run."""

    def __init__(self):
        self.written: list[Path] = []
        self.unchanged: list[Path] = []
        self.stale: list[tuple[Path, str]] = []    # --check: (path, "missing" | "differs")
        self.failed: list[tuple[Path, str]] = []   # (path, reason)


def deliver(outcomes, check: bool = False, stdout=None) -> Delivery:
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
                stdout.write(artifact.data)
                stdout.flush()
                continue
            if check:
                if not artifact.path.exists():
                    delivery.stale.append((artifact.path, "missing"))
                elif not same_content(artifact.path, artifact.data):
                    delivery.stale.append((artifact.path, "differs"))
                else:
                    delivery.unchanged.append(artifact.path)
                continue
            try:
                changed = write_atomic(artifact.path, artifact.data)
            except OSError as exc:
                delivery.failed.append((artifact.path, exc.strerror or str(exc)))
                continue
            (delivery.written if changed else delivery.unchanged).append(artifact.path)
    return delivery
