"""The two shapes of a journey map kept in a spreadsheet, found in a table:

* grid: stages across one row, lanes down the first column (Actions,
  Emotion, Pain points, ...); each column under a stage is a touchpoint. A
  title row may stand above, empty spacer rows and columns are skipped, a
  row without a name continues the lane above it.
* rows: a header row naming the columns (stage, touchpoint, channel,
  emotion, ...) and one row per touchpoint; an empty stage cell continues
  the stage above.

An unknown row or column name is a custom lane. Either way the result is the
same list of touchpoints, each cell kept with its address for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .sheet_read import Table
from .sheet_words import field_of

SHAPES = ("grid", "rows")
HEADER_SEARCH_ROWS = 20
CUSTOM = "custom:"  # prefix of a custom lane's key; the rest is its title

EXPECTED_SHAPES = (
    "grid: stages across a row, lanes down the first column (`Stage | Discover | Buy`, then "
    "`Actions | ...`, `Emotion | 1 | 😀`); rows: a header row naming the columns and one row per "
    "touchpoint (`Stage | Touchpoint | Channel | Emotion | Pain points`)")


@dataclass(frozen=True)
class CellText:
    """A cell's text and where it is: `address` (`map.xlsx:Sheet1!C7`) for
    messages, file and 1-based row and column for `file:line:col`."""

    text: str
    address: str
    file: str = ""
    row: int = 0
    column: int = 0


def cell_text(table: Table, row: int, column: int, text: str | None = None) -> CellText:
    """The cell at 0-based `row`, `column`."""
    return CellText(table.cell(row, column).strip() if text is None else text,
                    table.address(row, column), table.file, row + 1, column + 1)


@dataclass
class SheetTouchpoint:
    stage: CellText
    cells: dict[str, list[CellText]] = field(default_factory=dict)  # field or CUSTOM+title -> cells


@dataclass
class SheetMap:
    shape: str
    title: str | None
    lanes: list[str]  # the keys of `cells`, in the sheet's order
    touchpoints: list[SheetTouchpoint]


def key_of(name: str) -> str:
    found = field_of(name)
    return found if found is not None else CUSTOM + " ".join(name.split())


def find_grid(table: Table) -> SheetMap | None:
    rows = table.rows
    lane_rows = [r for r in range(len(rows)) if field_of(table.cell(r, 0)) not in (None, "stage")]
    if len(lane_rows) < 2:
        return None
    header = next((r for r in range(lane_rows[0] - 1, -1, -1)
                   if any(c.strip() for c in rows[r][1:])), None)
    if header is None:
        return None
    width = max(len(row) for row in rows)
    body = range(header + 1, len(rows))
    lanes: list[str] = []
    row_keys: dict[int, str] = {}
    current: str | None = None
    for r in body:
        label = table.cell(r, 0).strip()
        if label:
            current = key_of(label)
        if current is None or not any(c.strip() for c in rows[r][1:]):
            continue
        row_keys[r] = current
        if current not in lanes:
            lanes.append(current)
    touchpoints = []
    stage = cell_text(table, header, 1, "")
    for column in range(1, width):
        heading = table.cell(header, column).strip()
        if heading:
            stage = cell_text(table, header, column)
        cells: dict[str, list[CellText]] = {}
        for r, key in row_keys.items():
            text = table.cell(r, column).strip()
            if text:
                cells.setdefault(key, []).append(cell_text(table, r, column))
        if cells or heading:
            touchpoints.append(SheetTouchpoint(stage, cells))
    if not touchpoints:
        return None
    return SheetMap("grid", _title_above(table, header), lanes, touchpoints)


def find_rows(table: Table) -> SheetMap | None:
    for header in range(min(len(table.rows), HEADER_SEARCH_ROWS)):
        names = table.rows[header]
        keys = [key_of(n) if n.strip() else "" for n in names]
        known = [k for k in keys if k and not k.startswith(CUSTOM)]
        if "stage" in known and len(known) >= 2:
            break
    else:
        return None
    lanes = [k for k in dict.fromkeys(keys) if k and k != "stage"]
    stage_column = keys.index("stage")
    touchpoints = []
    stage = cell_text(table, header + 1, stage_column, "")
    for r in range(header + 1, len(table.rows)):
        if not any(c.strip() for c in table.rows[r]):
            continue
        named = table.cell(r, stage_column).strip()
        if named:
            stage = cell_text(table, r, stage_column)
        cells: dict[str, list[CellText]] = {}
        for column, key in enumerate(keys):
            text = table.cell(r, column).strip()
            if key and key != "stage" and text:
                cells.setdefault(key, []).append(cell_text(table, r, column))
        touchpoints.append(SheetTouchpoint(stage, cells))
    if not touchpoints:
        return None
    return SheetMap("rows", _title_above(table, header), lanes, touchpoints)


def _title_above(table: Table, header: int) -> str | None:
    for r in range(header):
        for text in table.rows[r]:
            if text.strip():
                return " ".join(text.split())
    return None


def find_shape(table: Table, shape: str | None) -> SheetMap | None | str:
    """The sheet's map in `shape` (or the one shape it has); None when it has
    neither; a message when it has both and `shape` was not given."""
    if shape == "grid":
        return find_grid(table)
    if shape == "rows":
        return find_rows(table)
    grid, rows = find_grid(table), find_rows(table)
    if grid is not None and rows is not None:
        return "the sheet reads as both shapes: choose one with --shape grid or --shape rows"
    return grid or rows
