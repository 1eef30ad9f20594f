"""Reading a file as it is in a git revision: `HEAD~1:maps/x.yaml`.

The revision comes from the command line of a CI job, often from a branch
name that whoever opened the pull request chose, so it is hostile input. git
reads any argument that starts with `-` as an option (`--output=FILE` writes
a file), wherever it stands. So, before git ever runs:

* the spec must be `REV:PATH`, split at the first `:` outside `{...}` as git
  splits it. REV may be empty: `:PATH` is git's own name for the staged
  (index) version of a file, which only reads;
* REV must not start with `-` (an option) or `^` (an exclusion), nor contain
  `..`, `^!`, `^@`, `^-` (ranges, which are many commits, not one), `{/`
  (a search of commit messages by regular expression, slow on a large
  history), whitespace, or a control, line-break or bidi character (never
  part of a ref name; in a message it would forge lines or reorder text);
* PATH must not be empty (that names a whole tree), must not start with `/`
  when REV is empty (`:/text` is a message search too), and must not contain
  a control, line-break or bidi character. A `-` inside or at the start of
  PATH is harmless: the argument git sees starts with REV, never with PATH.

Then `git cat-file blob --end-of-options REV:PATH` runs, without a shell,
with no standard input, a timeout and no lazy fetch over the network.
`--end-of-options` (git 2.24 and later) makes git read everything after it
as an object name; older gits do not know it, and rely on the checks above.
`cat-file blob` rather than `git show`: it prints a file's bytes or fails,
where `git show` would print a commit, a tree listing or a log for the wrong
kind of name, and run a pager or text conversion if configured to.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from dataclasses import dataclass

from ..safetext import inert
from .files import MAX_BYTES

TIMEOUT_SECONDS = 30
END_OF_OPTIONS_SINCE = (2, 24)
_RANGES = ("..", "^!", "^@", "^-")


class GitRevError(Exception):
    """The spec cannot be read from git: a usage or environment error."""


@dataclass(frozen=True)
class RevisionPath:
    revision: str  # "" for the index (the staged version)
    path: str

    def __str__(self) -> str:
        return f"{self.revision}:{self.path}"


def split(spec: str) -> RevisionPath | None:
    """`REV:PATH` split where git splits it (the first `:` outside braces, so
    `HEAD@{1}:x` keeps its braces); None when there is no such `:`."""
    depth = 0
    for index, char in enumerate(spec):
        if char == "{":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        elif char == ":" and not depth:
            return RevisionPath(spec[:index], spec[index + 1:])
    return None


def _has_unsafe_characters(text: str) -> bool:
    return inert(text) != text


def check(spec: RevisionPath) -> None:
    """Raise GitRevError, saying why, if git could read `spec` as anything
    but the name of one file in one revision (the message does not repeat
    the spec: the caller names it)."""
    revision, path = spec.revision, spec.path
    if revision.startswith("-"):
        raise GitRevError("a revision cannot start with '-' (git would read it as an option)")
    if _has_unsafe_characters(revision) or any(char.isspace() for char in revision):
        raise GitRevError("a revision cannot contain spaces or control characters")
    if revision.startswith("^") or any(mark in revision for mark in _RANGES):
        raise GitRevError("give one revision, not a range")
    if "{/" in revision:
        raise GitRevError("a search of commit messages is not supported; name the revision")
    if not path:
        raise GitRevError("name the file after the ':' (REVISION:path/to/map.yaml)")
    if not revision and path.startswith("/"):
        raise GitRevError("':/' searches commit messages; write REVISION:path/to/map.yaml")
    if _has_unsafe_characters(path):
        raise GitRevError("a path cannot contain control characters")


@functools.lru_cache(maxsize=1)
def _git_version() -> tuple[int, ...]:
    """The installed git's version, (0,) when it cannot be told."""
    done = _run_git(["--version"])
    found = re.search(rb"(\d+)\.(\d+)", done.stdout)
    return (int(found.group(1)), int(found.group(2))) if found else (0,)


def _run_git(arguments: list[str]) -> subprocess.CompletedProcess[bytes]:
    """git with these arguments, no shell, no standard input, and no fetch of
    missing objects from a promisor remote (a partial clone) over the network."""
    environment = dict(os.environ, GIT_NO_LAZY_FETCH="1", GIT_TERMINAL_PROMPT="0")
    try:
        return subprocess.run(["git", *arguments], stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=TIMEOUT_SECONDS, env=environment, shell=False)
    except FileNotFoundError:
        raise GitRevError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitRevError(f"git did not answer within {TIMEOUT_SECONDS} seconds") from None
    except (OSError, ValueError) as exc:  # argument list too long, unencodable
        raise GitRevError(f"git cannot be run ({inert(str(exc))})") from None


def read_blob(spec: RevisionPath) -> bytes:
    """The bytes of the file `spec` names, after `check`."""
    check(spec)
    arguments = ["cat-file", "blob"]
    if _git_version() >= END_OF_OPTIONS_SINCE:
        arguments.append("--end-of-options")
    size = _run_git([*arguments[:1], "-s", *arguments[2:], str(spec)])
    if size.returncode == 0 and size.stdout.strip().isdigit() and int(size.stdout) > MAX_BYTES:
        # a journey file is never this large; git would hold it all in memory
        raise GitRevError(f"it is over the {MAX_BYTES // (1024 * 1024)} MB that a journey file may have")
    done = _run_git([*arguments, str(spec)])
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = inert(lines[-1]) if lines else f"git exited with status {done.returncode}"
        raise GitRevError(f"git cannot read it ({reason})")
    return done.stdout
