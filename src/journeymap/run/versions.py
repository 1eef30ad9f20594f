"""One version of one map, named the way `diff` and `render --compare` take
it: a file, a folder holding exactly one map, `-`, or `REVISION:path` read
from git (`HEAD~1:maps/x.yaml`; see `loading.revision` for what a revision
may be)."""

from __future__ import annotations

import os
import sys

from ..errors import UsageError
from ..loading import revision
from ..safetext import inert
from ..validation import Result, validate_bytes
from .discovery import MissingPath, expand
from .validate import validate_inputs


def load_version(spec: str) -> Result:
    """The map `spec` names, validated (with its diagnostics if it has errors)."""
    if spec == "-":
        return validate_bytes(sys.stdin.buffer.read(), "<stdin>")
    if os.path.exists(spec):
        return _one_map(spec)
    revision_path = revision.split(spec)
    if revision_path is None:
        raise UsageError(f"no such file: {inert(spec)}")
    try:
        return validate_bytes(revision.read_blob(revision_path), spec)
    except revision.GitRevError as exc:
        raise UsageError(f"{inert(spec)}: no such file; as REVISION:path, {exc}") from None


def _one_map(spec: str) -> Result:
    """The one map a file, or a folder holding exactly one map, names."""
    try:
        inputs = expand([spec])
    except MissingPath:
        raise UsageError(f"no such file: {inert(spec)}") from None
    if len(inputs) != 1:
        found = "no journey maps" if not inputs else f"{len(inputs)} journey maps"
        raise UsageError(f"{inert(spec)} is a folder with {found}; name the one map file to compare")
    return validate_inputs(inputs)[0]
