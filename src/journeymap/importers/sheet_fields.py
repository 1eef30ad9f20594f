"""A sheet's cells -> the fields of a journey: a line break inside a cell
separates list items, channels are matched to the built-in ones by id or
name, an Emotion cell holds a number or a face, a Metrics line reads
`NPS: 32` or `NPS: 32 / 40` (value / target).

The emotion scale is the one of −2..2, 1..5, 0..10, −5..5 that holds the
most of the sheet's numbers; a face lands on that scale (😞 its bottom, 😀
its top). A cell that does not fit is a warning naming it, and its text is
kept in a lane where it is still drawn.
"""

from __future__ import annotations

import re
from typing import Any

from .. import builtins
from ..diagnostics import Diagnostic
from .mermaid import slug
from .sheet_shapes import CUSTOM, CellText, SheetMap
from .sheet_words import LANE_OF, face_step, fold

SCALES = ((-2, 2), (1, 5), (0, 10), (-5, 5))
LIST_FIELDS = ("thoughts", "feelings", "pains", "opportunities", "physical_evidence", "frontstage",
               "backstage", "support")
TEXT_FIELDS = {"action": "action", "owner": "owner"}
BLUEPRINT_FIELDS = ("physical_evidence", "frontstage", "backstage", "support")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?\Z")
_METRIC = re.compile(r"(?P<name>[^:=]+?)\s*[:=]\s*(?P<value>[-+]?\d+(?:[.,]\d+)?)?"
                     r"\s*(?P<unit>[^\d\s/][^/]*?)?\s*(?:/\s*(?P<target>[-+]?\d+(?:[.,]\d+)?))?\s*\Z")
_BULLET = re.compile(r"^\s*(?:[-*•·▪‣]|\d+[.)])\s+")


def warn(cell: CellText, message: str) -> Diagnostic:
    """A warning at the cell: `file:row:column`, and the message names the
    cell as a spreadsheet does (`map.xlsx:Sheet1!C7`)."""
    return Diagnostic(file=cell.file, line=cell.row, column=cell.column, severity="warning",
                      code="sheet-value", message=f"{cell.address}: {message}")


def items(cells: list[CellText]) -> list[str]:
    """Every non-empty line of the cells, list bullets taken off."""
    return [_BULLET.sub("", line).strip() for cell in cells for line in cell.text.split("\n")
            if _BULLET.sub("", line).strip()]


def number(text: str) -> float | None:
    text = text.strip()
    return float(text.replace(",", ".")) if _NUMBER.match(text) else None


def emotion_scale(found: SheetMap) -> tuple[int, int]:
    values = [v for tp in found.touchpoints for cell in tp.cells.get("emotion", [])
              if (v := number(cell.text)) is not None]
    return max(SCALES, key=lambda s: sum(1 for v in values if s[0] <= v <= s[1]))


def journey_data(found: SheetMap, title: str) -> tuple[dict[str, Any], list[Diagnostic]]:
    warnings: list[Diagnostic] = []
    scale = emotion_scale(found)
    custom_ids: dict[str, str] = {}
    taken_lane_ids: set[str] = set(builtins.LANES)
    lanes: list[Any] = []
    for key in found.lanes:
        if key.startswith(CUSTOM):
            custom_ids[key] = slug(key[len(CUSTOM):], taken_lane_ids, "lane")
            lanes.append({"id": custom_ids[key], "title": key[len(CUSTOM):]})
        elif LANE_OF[key] not in lanes:
            lanes.append(LANE_OF[key])
    channels: dict[str, str] = {}  # id -> name of the channels the map declares
    stages: list[dict[str, Any]] = []
    by_name: dict[str, dict[str, Any]] = {}
    stage_ids: set[str] = set()
    touchpoint_ids: set[str] = set()
    for number_, tp in enumerate(found.touchpoints, start=1):
        stage_name = tp.stage.text or f"Stage {len(stages) + 1}"
        if stage_name not in by_name:
            by_name[stage_name] = {"id": slug(stage_name, stage_ids, f"stage-{len(stages) + 1}"),
                                   "name": stage_name, "touchpoints": []}
            stages.append(by_name[stage_name])
        if not tp.cells:  # a stage's name alone: a stage without touchpoints
            continue
        data = _touchpoint(tp.cells, scale, channels, custom_ids, warnings, lanes)
        name = data.pop("name", None) or _first_line(data.get("action")) or stage_name
        by_name[stage_name]["touchpoints"].append(
            {"id": slug(name, touchpoint_ids, f"touchpoint-{number_}"), "name": name, **data})
    result: dict[str, Any] = {"journeymap": 1, "title": title}
    if any(key in BLUEPRINT_FIELDS for key in found.lanes):
        result["type"] = "service-blueprint"
    if scale != (-2, 2):
        result["scale"] = {"min": scale[0], "max": scale[1]}
    if channels:
        result["channels"] = [{"id": cid, "name": cname} for cid, cname in channels.items()]
    if lanes:
        result["lanes"] = lanes
    result["stages"] = stages or [{"id": "journey", "name": "Journey"}]
    return result, warnings


def _first_line(text: object) -> str | None:
    return text.split("\n")[0].strip() or None if isinstance(text, str) else None


def _touchpoint(cells: dict[str, list[CellText]], scale: tuple[int, int], channels: dict[str, str],
                custom_ids: dict[str, str], warnings: list[Diagnostic], lanes: list[Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    kept: dict[str, list[str]] = {}  # custom lane id -> texts
    for key, found in cells.items():
        if key == "touchpoint":
            data["name"] = " ".join(" ".join(c.text.split()) for c in found)
        elif key in TEXT_FIELDS:
            data[TEXT_FIELDS[key]] = "\n".join(c.text for c in found)
        elif key in LIST_FIELDS:
            data[key] = items(found)
        elif key == "channel":
            ids = [_channel_id(name, channels) for name in items(found)]
            data["channel"] = ids[0] if len(ids) == 1 else ids
        elif key == "evidence":
            data["evidence"] = [{"quote": line} for line in items(found)]
        elif key == "emotion":
            value = _emotion(found, scale, warnings)
            if value is not None:
                data["emotion"] = value
        elif key == "metrics":
            data["metrics"] = _metrics(found, warnings, kept)
            if not data["metrics"]:
                del data["metrics"]
        else:
            kept.setdefault(custom_ids[key], []).extend(c.text for c in found)
    for lane_id in kept:
        if not any(isinstance(lane, dict) and lane["id"] == lane_id for lane in lanes):
            lanes.append({"id": lane_id, "title": "Metrics (text)"})
    if kept:
        data["lanes"] = {lane_id: "\n".join(texts) for lane_id, texts in kept.items()}
    return data


def _channel_id(name: str, channels: dict[str, str]) -> str:
    for cid, (english, _, _) in builtins.BUILTIN_CHANNELS.items():
        if fold(name) in (fold(cid), fold(english)):
            return cid
    for cid, declared in channels.items():
        if fold(declared) == fold(name):
            return cid
    cid = slug(name, set(channels) | set(builtins.BUILTIN_CHANNELS), "channel")
    channels[cid] = name
    return cid


def _emotion(cells: list[CellText], scale: tuple[int, int], warnings: list[Diagnostic]) -> int | None:
    cell = cells[0]
    low, high = scale
    value = number(cell.text)
    if value is None:
        step = face_step(cell.text)
        if step is not None:
            return round(low + (high - low) * step / 4)
        warnings.append(warn(cell, f"expected an emotion (a number from {low} to {high}, or a face "
                                   f"😞🙁😐🙂😀), found {cell.text!r}; left out"))
        return None
    if not low <= value <= high:
        warnings.append(warn(cell, f"expected an emotion from {low} to {high}, found {cell.text}; "
                                   "left out"))
        return None
    if value != round(value):
        warnings.append(warn(cell, f"expected a whole number, found {cell.text}; rounded to {round(value)}"))
    return round(value)


def _metrics(cells: list[CellText], warnings: list[Diagnostic],
             kept: dict[str, list[str]]) -> dict[str, Any]:
    metrics: dict[str, Any] = {}
    for cell in cells:
        for line in items([cell]):
            match = _METRIC.match(line)
            if match is None or (match["value"] is None and match["target"] is None):
                warnings.append(warn(cell, f"expected a metric written `name: value` or `name: value "
                                           f"/ target`, found {line!r}; kept as text"))
                kept.setdefault("metrics-text", []).append(line)
                continue
            metric: dict[str, Any] = {}
            for part in ("value", "target"):
                if match[part] is not None:
                    metric[part] = _int_or_float(match[part])
            if match["unit"]:
                metric["unit"] = match["unit"].strip()
            metrics[match["name"].strip()] = metric
    return metrics


def _int_or_float(text: str) -> int | float:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() and "." not in text and "," not in text else value
