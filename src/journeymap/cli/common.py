"""What every command shares: the one place where an error journeymap
raises on purpose becomes a message and an exit status, the ending of a
command (print its Report, exit with its code), and splitting a
comma-separated option."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperGroup

from ..errors import JourneymapError

if TYPE_CHECKING:  # pragma: no cover
    from ..run.report import Report


class Commands(TyperGroup):
    """The command group: a `JourneymapError` from any command (a usage
    error, a missing program, a map with errors) is reported here, and only
    here, as its Report: a message (or the diagnostics) and its exit code.
    Anything else is a bug and reaches `main()`."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command, its arguments shown by their metavar alone (PATH,
        FILE), never with typer's type placeholder (`<list[str]>`)."""
        command = super().get_command(ctx, cmd_name)
        for param in getattr(command, "params", []):
            if param.param_type_name == "argument":
                param.display_type_rich = lambda ctx: None
        return command

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except JourneymapError as error:
            from ..run.report import Report

            finish(Report.refused(error))


def finish(report: Report) -> NoReturn:
    """Print the report and exit with its code."""
    from ..run.printer import show

    show(report)
    raise typer.Exit(report.exit_code)


def comma_list(text: str | None) -> list[str] | None:
    """`a, b,c` -> ["a", "b", "c"]; None when the option was not given."""
    if text is None:
        return None
    return [part.strip() for part in text.split(",") if part.strip()]
