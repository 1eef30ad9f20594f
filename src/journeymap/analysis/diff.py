"""`journeymap diff`: what changed between two versions of a map, or between
a current-state map and its future state.

Stages and touchpoints are matched by id, then (for those left over) by the
most similar name; what is left is added or removed. Pains and opportunities
are compared as texts (case and spacing ignored)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TypeVar

from ..model import Journey, Stage, Touchpoint
from ..presentation.ids import id_of
from .stats import Figure, JsonObject, average, curves, figure

SIMILAR = 0.6

T = TypeVar("T")
Placed = tuple[Stage, Touchpoint]  # a touchpoint and the stage it is in


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _match(old: Sequence[T], new: Sequence[T], key_id: Callable[[T], str],
           key_name: Callable[[T], str]) -> tuple[list[tuple[T, T, str]], list[T], list[T]]:
    """(pairs, removed, added): pairs by id first, then by similar name."""
    new_by_id = {key_id(item): item for item in new}
    pairs: list[tuple[T, T, str]] = []
    rest_old: list[T] = []
    used = set()
    for item in old:
        partner = new_by_id.get(key_id(item))
        if partner is not None:
            pairs.append((item, partner, "id"))
            used.add(id(partner))
        else:
            rest_old.append(item)
    rest_new = [item for item in new if id(item) not in used]
    removed: list[T] = []
    for item in rest_old:
        scored = sorted(((difflib.SequenceMatcher(None, _norm(key_name(item)), _norm(key_name(c))).ratio(), n)
                         for n, c in enumerate(rest_new)), key=lambda s: (-s[0], s[1]))
        if scored and scored[0][0] >= SIMILAR:
            partner = rest_new.pop(scored[0][1])
            pairs.append((item, partner, "name"))
        else:
            removed.append(item)
    return pairs, removed, rest_new


def _stage_name(stage: Stage) -> str:
    return stage.name


def _emotions(journey: Journey) -> dict[str, dict[str, int]]:
    """touchpoint id -> {persona id or "": value}."""
    table: dict[str, dict[str, int]] = {}
    for persona, points in curves(journey).items():
        for _, tp, value in points:
            table.setdefault(id_of(tp), {})[persona] = value
    return table


def _touchpoint_id(placed: Placed) -> str:
    return id_of(placed[1])


def _touchpoint_name(placed: Placed) -> str:
    return placed[1].name


def previous_emotions(old: Journey, new: Journey) -> dict[str, dict[str, int]]:
    """New touchpoint id -> the emotions its match had in the old map, for
    drawing the old curve under the new one (`render --compare`)."""
    pairs, _, _ = _match(old.all_touchpoints(), new.all_touchpoints(), _touchpoint_id, _touchpoint_name)
    before = _emotions(old)
    return {id_of(b): before[id_of(a)] for (_, a), (_, b), _ in pairs if a.id in before}


def _stage_averages(journey: Journey) -> dict[str, dict[str, Figure | None]]:
    result: dict[str, dict[str, Figure | None]] = {}
    for persona, points in curves(journey).items():
        for stage in journey.stages:
            values = (value for stage_id, _, value in points if stage_id == stage.id)
            result.setdefault(id_of(stage), {})[persona] = average(values)
    return result


def diff(old: Journey, new: Journey, old_name: str, new_name: str) -> JsonObject:
    stage_pairs, stages_removed, stages_added = _match(old.stages, new.stages, id_of, _stage_name)
    tp_pairs, tps_removed, tps_added = _match(old.all_touchpoints(), new.all_touchpoints(),
                                              _touchpoint_id, _touchpoint_name)
    matched_stage = {a.id: b.id for a, b, _ in stage_pairs}

    touchpoints = []
    old_emotion, new_emotion = _emotions(old), _emotions(new)
    for (old_stage, a), (new_stage, b), how in tp_pairs:
        entry: JsonObject = {"old": a.id, "new": b.id, "matched_by": how, "name": b.name}
        if a.name != b.name:
            entry["renamed_from"] = a.name
        if matched_stage.get(old_stage.id) != new_stage.id:
            entry["moved"] = {"from": old_stage.id, "to": new_stage.id}
        before, after = old_emotion.get(id_of(a), {}), new_emotion.get(id_of(b), {})
        changes: JsonObject = {}
        for persona in sorted(set(before) | set(after)):
            x, y = before.get(persona), after.get(persona)
            if x != y:
                change = None if x is None or y is None else figure(y - x, whole=True)
                changes[persona or "all"] = {"old": x, "new": y, "change": change}
        if changes:
            entry["emotion"] = changes
        metrics = _metric_changes(a, b)
        if metrics:
            entry["metrics"] = metrics
        touchpoints.append(entry)

    old_avg, new_avg = _stage_averages(old), _stage_averages(new)
    stage_emotion = []
    for old_stage, new_stage, _ in stage_pairs:
        before_avg, after_avg = old_avg.get(id_of(old_stage), {}), new_avg.get(id_of(new_stage), {})
        for persona in sorted(set(before_avg) | set(after_avg)):
            was, now = before_avg.get(persona), after_avg.get(persona)
            change = None if was is None or now is None else figure(Fraction(now) - Fraction(was))
            stage_emotion.append({"stage": new_stage.id, "persona": persona or None, "old": was, "new": now,
                                  "change": change})

    old_pains = {_norm(p): p for _, tp in old.all_touchpoints() for p in tp.pains}
    new_pains = {_norm(p): p for _, tp in new.all_touchpoints() for p in tp.pains}
    old_opps = {_norm(o): o for _, tp in old.all_touchpoints() for o in tp.opportunities}
    new_opps = {_norm(o): o for _, tp in new.all_touchpoints() for o in tp.opportunities}
    result: JsonObject = {
        "old": old_name, "new": new_name,
        "stages": {
            "added": [{"id": s.id, "name": s.name} for s in stages_added],
            "removed": [{"id": s.id, "name": s.name} for s in stages_removed],
            "renamed": [{"old": a.id, "new": b.id, "from": a.name, "to": b.name}
                        for a, b, _ in stage_pairs if a.name != b.name],
        },
        "touchpoints": {
            "added": [{"id": tp.id, "name": tp.name, "stage": s.id} for s, tp in tps_added],
            "removed": [{"id": tp.id, "name": tp.name, "stage": s.id} for s, tp in tps_removed],
            "changed": [t for t in touchpoints if set(t) - {"old", "new", "matched_by", "name"}],
        },
        "stage_emotion": stage_emotion,
        "pains": {"solved": [old_pains[k] for k in old_pains if k not in new_pains],
                  "new": [new_pains[k] for k in new_pains if k not in old_pains]},
        "opportunities": {"realised": [old_opps[k] for k in old_opps if k not in new_opps],
                          "new": [new_opps[k] for k in new_opps if k not in old_opps]},
    }
    result["changed"] = _any_change(result)
    return result


def _metric_changes(a: Touchpoint, b: Touchpoint) -> JsonObject:
    changes: JsonObject = {}
    for name in list(a.metrics) + [n for n in b.metrics if n not in a.metrics]:
        x, y = a.metrics.get(name), b.metrics.get(name)
        if x is not None and y is not None and (x.value, x.target, x.met) == (y.value, y.target, y.met):
            continue
        changes[name] = {"old": None if x is None else x.value, "new": None if y is None else y.value,
                         "old_met": None if x is None else x.met, "new_met": None if y is None else y.met}
    return changes


def _any_change(result: JsonObject) -> bool:
    return bool(result["stages"]["added"] or result["stages"]["removed"] or result["stages"]["renamed"]
                or result["touchpoints"]["added"] or result["touchpoints"]["removed"]
                or result["touchpoints"]["changed"] or result["pains"]["solved"] or result["pains"]["new"]
                or result["opportunities"]["realised"] or result["opportunities"]["new"]
                or any(s["change"] for s in result["stage_emotion"]))
