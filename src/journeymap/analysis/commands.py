"""`journeymap stats` and `journeymap diff`: load the maps (a file, or a git
revision of one for diff), compute, and print in the format asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Sequence

from ..discovery import MissingPath, expand
from ..reporting import report
from ..runner import validate_inputs
from ..validation import Result, validate_bytes
from . import report as out
from .diff import diff
from .stats import stats, summary

FORMATS = ("text", "json", "md")


class UsageError(Exception):
    pass


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")


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
        raise UsageError(f"no such file or folder: {missing}")
    results = validate_inputs(inputs)
    failed = _report_problems(results)
    entries = [stats(r.journey, r.filename) for r in results if r.journey is not None]
    rows = summary(entries)
    if fmt == "json":
        sys.stdout.write(out.as_json({"maps": entries, "summary": rows}))
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
    """A file, `-`, or `REVISION:path` read from git (`HEAD~1:maps/x.yaml`)."""
    path = Path(spec)
    if spec == "-":
        return validate_bytes(sys.stdin.buffer.read(), "<stdin>")
    if path.exists():
        return validate_inputs(expand([spec]))[0]
    if ":" in spec:
        revision, _, file = spec.partition(":")
        git = ["git", "show", f"{revision}:{file}"]
        try:
            done = subprocess.run(git, capture_output=True, timeout=60)
        except FileNotFoundError:
            raise UsageError(f"{spec}: not a file, and git is not installed to read it from a revision")
        if done.returncode == 0:
            return validate_bytes(done.stdout, spec)
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"{spec}: not a file, and git cannot read it ({reason[-1] if reason else 'no reason'})")
    raise UsageError(f"no such file: {spec}")


def run_diff(old_spec: str, new_spec: str, fmt: str, exit_code: bool) -> int:
    _check(fmt)
    old, new = load_version(old_spec), load_version(new_spec)
    if _report_problems([old, new]):
        return 1
    result = diff(old.journey, new.journey, old_spec, new_spec)
    tables = out.diff_tables(result)
    heading = f"{old_spec} → {new_spec}"
    if fmt == "json":
        sys.stdout.write(out.as_json(result))
    elif fmt == "md":
        sys.stdout.write(out.as_markdown(heading, tables) if tables else f"## {heading}\n\nNo changes.\n")
    else:
        if tables:
            out.print_rich(heading, tables)
        else:
            print(f"{heading}: no changes")
    return 1 if (exit_code and result["changed"]) else 0
