"""`journeymap stats` and `journeymap diff`: load the maps (a file, or a git
revision of one for diff), compute, and print in the format asked for."""

from __future__ import annotations

import os
import sys
from typing import Sequence

from ..loading import revision
from .discovery import MissingPath, expand
from .reporting import report
from .validate import validate_inputs
from ..safetext import inert
from ..validation import Result, validate_bytes
from ..analysis import report as out
from ..analysis.diff import diff
from ..analysis.stats import stats, summary

FORMATS = ("text", "json", "md")


class UsageError(Exception):
    pass


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {inert(repr(fmt))}")


def _report_problems(results: Sequence[Result]) -> bool:
    """Show the errors of maps that could not be loaded; True if any."""
    errors = [d for r in results for d in r.diagnostics if d.is_error]
    if errors:
        report(errors, len(results), "text", stream=sys.stderr, quiet=True)
    return bool(errors)


def run_stats(paths: Sequence[str], fmt: str) -> int:
    _check(fmt)
    try:
        inputs = expand(paths)
    except MissingPath as missing:
        raise UsageError(f"no such file or folder: {inert(str(missing))}") from None
    results = validate_inputs(inputs)
    failed = _report_problems(results)
    entries = [stats(r.journey, r.filename) for r in results if r.journey is not None]
    rows = summary(entries)
    if fmt == "json":
        sys.stdout.write(out.as_json({"maps": entries, "summary": rows}, not out.writes_unicode(sys.stdout)))
    elif fmt == "md":
        parts = [out.as_markdown(f"{e['title']} ({e['map']})", out.stats_tables(e)) for e in entries]
        if len(entries) > 1:
            parts.append(out.as_markdown("All maps", [out.summary_table(rows)]))
        sys.stdout.write("\n".join(parts))
    else:
        for entry in entries:
            out.print_rich(f"{entry['title']} ({entry['map']})", out.stats_tables(entry))
        if len(entries) > 1:
            out.print_rich("All maps", [out.summary_table(rows)])
    return 1 if failed else 0


def load_version(spec: str) -> Result:
    """A file, `-`, or `REVISION:path` read from git (`HEAD~1:maps/x.yaml`,
    see gitrev for what a revision may be)."""
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


def run_diff(old_spec: str, new_spec: str, fmt: str, exit_code: bool) -> int:
    _check(fmt)
    old, new = load_version(old_spec), load_version(new_spec)
    if _report_problems([old, new]):
        return 1
    result = diff(old.journey, new.journey, old_spec, new_spec)
    tables = out.diff_tables(result)
    heading = f"{old_spec} → {new_spec}"
    if fmt == "json":
        sys.stdout.write(out.as_json(result, not out.writes_unicode(sys.stdout)))
    elif fmt == "md":
        sys.stdout.write(out.as_markdown(heading, tables, empty="No changes."))
    else:
        if tables:
            out.print_rich(heading, tables)
        else:
            print(f"{inert(heading)}: no changes")
    return 1 if (exit_code and result["changed"]) else 0
