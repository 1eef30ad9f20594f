"""One hierarchy for everything journeymap reports instead of doing.

- `JourneyError`: a map has errors; carries every diagnostic (exit 1).
- `UsageError`: the command was asked for something it cannot do: an unknown
  option value, a missing path, a bad settings file, a revision git cannot
  read (exit 2).
- `EnvironmentProblem`: the machine lacks something the command needs, such
  as the Graphviz program or a font (exit 2).

Anything else that escapes is a bug: the command line keeps its traceback
for `--verbose` and asks for a report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .diagnostics import Diagnostic

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class JourneymapError(Exception):
    """Base of every error journeymap raises on purpose."""

    exit_code = EXIT_USAGE


class JourneyError(JourneymapError):
    """A journey file has errors; `diagnostics` holds every problem found."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error]
        first = errors[0] if errors else (diagnostics[0] if diagnostics else None)
        summary = f"{first.file}:{first.line}:{first.column}: {first.message}" if first else "invalid journey"
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        super().__init__(summary + more)


class UsageError(JourneymapError):
    """What was asked cannot be done as asked; the message says why."""


class EnvironmentProblem(JourneymapError):
    """Something the machine lacks (a program, a font); the message says how
    to install it."""


__all__ = ["JourneymapError", "JourneyError", "UsageError", "EnvironmentProblem",
           "EXIT_PROBLEMS", "EXIT_USAGE"]
