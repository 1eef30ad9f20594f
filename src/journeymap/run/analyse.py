"""`journeymap stats` and `journeymap diff`: load the maps (a file, or a git
revision of one for diff), compute, and return a Report holding the result
as a Document in the format asked for."""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import report as tables
from ..analysis.diff import diff
from ..analysis.stats import stats, summary
from ..errors import UsageError
from ..safetext import inert
from ..validation import Result
from . import settings
from .inputs import find_inputs
from .report import Document, Report, Section
from .validate import validate_inputs
from .versions import load_version

FORMATS = ("text", "json", "md")


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        from ..fields import closest

        near = closest(fmt, FORMATS)
        hint = f" (did you mean '{near}'?)" if near else ""
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {inert(repr(fmt))}{hint}")


def _problems(results: Sequence[Result]) -> Report:
    """A report showing the errors of the maps that could not be loaded (exit 1 if any)."""
    errors = [d for r in results for d in r.diagnostics if d.is_error]
    return Report(exit_code=1 if errors else 0, diagnostics=errors, files=len(results))


def run_stats(paths: Sequence[str], fmt: str, config: str | None = None,
              exclude: Sequence[str] = ()) -> Report:
    """The figures of every map (found as validate finds them), and a summary
    over several; exit 1 when a map cannot be loaded (the others are still
    shown)."""
    _check(fmt)
    results = validate_inputs(find_inputs(paths, settings.for_run(config), exclude))
    report = _problems(results)
    entries = [stats(r.journey, r.filename) for r in results if r.journey is not None]
    rows = summary(entries)
    sections = [Section(f"{e['title']} ({e['map']})", tables.stats_tables(e)) for e in entries]
    if len(entries) > 1:
        sections.append(Section("All maps", [tables.summary_table(rows)]))
    report.document = Document(fmt, {"maps": entries, "summary": rows}, sections)
    return report


def run_diff(old_spec: str, new_spec: str, fmt: str, exit_code: bool) -> Report:
    """What changed from the old map to the new; with `exit_code`, exit 1
    when anything did (like `git diff --exit-code`)."""
    _check(fmt)
    old, new = load_version(old_spec), load_version(new_spec)
    report = _problems([old, new])
    if old.journey is None or new.journey is None:
        return report
    result = diff(old.journey, new.journey, old_spec, new_spec)
    section = Section(f"{old_spec} → {new_spec}", tables.diff_tables(result),
                      empty_text="no changes", empty_markdown="No changes.")
    report.document = Document(fmt, result, [section])
    report.exit_code = 1 if (exit_code and result["changed"]) else 0
    return report
