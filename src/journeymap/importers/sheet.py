"""`journeymap import sheet FILE`: a journey map kept in a spreadsheet (.csv,
.xlsx) -> a commented journey file that validates.

The sheet is read by `sheet_read.py`, its shape found by `sheet_shapes.py`,
and its cells become the fields of touchpoints here (`sheet_fields.py`). A
value that does not fit (an emotion off the scale, a metric without a
number) is a warning naming its cell, and its text is kept where a reader
still sees it; a file that is no spreadsheet, or a sheet in neither shape,
is an error.
"""

from __future__ import annotations

import os

from ..diagnostics import Diagnostic
from ..schema import SCHEMA_ID
from .mermaid import comment_text, display_name
from .sheet_read import SheetError, Table, read_tables
from .sheet_shapes import EXPECTED_SHAPES, SHAPES, SheetMap, find_shape

SCHEMA = SCHEMA_ID


def sheet_problem(filename: str, message: str, suggestion: str | None = None) -> Diagnostic:
    return Diagnostic(file=filename, line=1, column=1, severity="error", code="sheet-syntax",
                      message=message, suggestion=suggestion)


def convert(path: str, shape: str | None = None, sheet: str | None = None,
            filename: str | None = None) -> tuple[str | None, list[Diagnostic]]:
    """A spreadsheet file -> (journey YAML text, diagnostics). The YAML
    validates; the diagnostics are the errors, or else the warnings."""
    from ..errors import UsageError

    name = display_name(filename or path)
    if shape is not None and shape not in SHAPES:
        raise UsageError(f"--shape: expected grid or rows, found {shape!r}")
    try:
        tables = read_tables(path, name)
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except SheetError as exc:
        return None, [sheet_problem(name, str(exc))]
    chosen = _choose(tables, shape, sheet, name)
    if isinstance(chosen, Diagnostic):
        return None, [chosen]
    table, found = chosen
    return to_yaml(found, table, name)


def _choose(tables: list[Table], shape: str | None, sheet: str | None,
            name: str) -> tuple[Table, SheetMap] | Diagnostic:
    if sheet is not None:
        named = [t for t in tables if t.sheet == sheet]
        if not named:
            sheets = ", ".join(repr(t.sheet) for t in tables if t.sheet is not None) or "none (a CSV file)"
            return sheet_problem(name, f"expected a sheet named {sheet!r}, found {sheets}")
        tables = named
    reasons = []
    for table in tables:
        found = find_shape(table, shape)
        if isinstance(found, SheetMap):
            return table, found
        if isinstance(found, str):
            return sheet_problem(name, f"{_where(table)}{found}")
        reasons.append(_where(table).rstrip(": ") or name)
    which = f"the {shape} shape" if shape else "either shape"
    return sheet_problem(name, f"expected a sheet in one of two shapes, found none in {which} "
                               f"({', '.join(reasons) or 'no sheets'})", EXPECTED_SHAPES)


def _where(table: Table) -> str:
    return f"{table.file}:{table.sheet}: " if table.sheet is not None else ""


def to_yaml(found: SheetMap, table: Table, name: str) -> tuple[str | None, list[Diagnostic]]:
    from pydantic import ValidationError

    from ..model import Journey
    from ..serialize import dump
    from ..validation import validate_text
    from .sheet_fields import journey_data

    fallback = table.sheet or os.path.splitext(os.path.basename(name))[0] or "Imported journey"
    data, warnings = journey_data(found, found.title or fallback)
    try:
        journey = Journey.model_validate(data)
    except ValidationError as exc:  # not expected: every value was checked on the way
        return None, [sheet_problem(name, f"expected a sheet journeymap can import, found one its "
                                          f"journey model rejects: {exc.errors()[0].get('msg', '')}")]
    sheet = f", sheet {table.sheet}" if table.sheet is not None else ""
    header = (f"# Imported from {comment_text(name + sheet)} by `journeymap import sheet` "
              f"({found.shape} shape).\n"
              "# Each column or row of the sheet became a touchpoint; add ids, sources and evidence.\n")
    yaml_text = dump(journey, schema=SCHEMA).replace("\n", "\n" + header, 1)
    problems = [d for d in validate_text(yaml_text, name).diagnostics if d.is_error]
    return (None if problems else yaml_text), (problems or warnings)
