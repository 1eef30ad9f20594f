"""`journeymap diff`: what changed between two versions of a map, or between
a current-state map and its future state.

Stages and touchpoints are matched by id, then (for those left over) by the
most similar name; what is left is added or removed. Pains and opportunities
are compared as texts (case and spacing ignored)."""

from __future__ import annotations

import difflib
from fractions import Fraction
from typing import Optional

from ..model import Journey, Touchpoint
from .stats import average, curves, figure

SIMILAR = 0.6


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _match(old: list, new: list, key_id, key_name) -> tuple[list[tuple], list, list]:
    """(pairs, removed, added): pairs by id first, then by similar name."""
    new_by_id = {key_id(item): item for item in new}
    pairs, rest_old = [], []
    used = set()
    for item in old:
        partner = new_by_id.get(key_id(item))
        if partner is not None:
            pairs.append((item, partner, "id"))
            used.add(id(partner))
        else:
            rest_old.append(item)
    rest_new = [item for item in new if id(item) not in used]
    removed = []
    for item in rest_old:
        scored = sorted(((difflib.SequenceMatcher(None, _norm(key_name(item)), _norm(key_name(c))).ratio(), n)
                         for n, c in enumerate(rest_new)), key=lambda s: (-s[0], s[1]))
        if scored and scored[0][0] >= SIMILAR:
            partner = rest_new.pop(scored[0][1])
            pairs.append((item, partner, "name"))
        else:
            removed.append(item)
    return pairs, removed, rest_new


def _emotions(journey: Journey) -> dict[str, dict[str, int]]:
    """touchpoint id -> {persona id or "": value}."""
    table: dict[str, dict[str, int]] = {}
    for persona, points in curves(journey).items():
        for _, tp, value in points:
            table.setdefault(tp.id, {})[persona] = value
    return table


def previous_emotions(old: Journey, new: Journey) -> dict[str, dict[str, int]]:
    """New touchpoint id -> the emotions its match had in the old map, for
    drawing the old curve under the new one (`render --compare`)."""
    pairs, _, _ = _match(old.all_touchpoints(), new.all_touchpoints(), lambda p: p[1].id, lambda p: p[1].name)
    before = _emotions(old)
    return {b.id: before[a.id] for (_, a), (_, b), _ in pairs if a.id in before}


def _stage_averages(journey: Journey) -> dict[str, dict[str, Optional[float]]]:
    result: dict[str, dict[str, Optional[float]]] = {}
    for persona, points in curves(journey).items():
        for stage in journey.stages:
            result.setdefault(stage.id, {})[persona] = average(v for sid, _, v in points if sid == stage.id)
    return result


def diff(old: Journey, new: Journey, old_name: str, new_name: str) -> dict:
    stage_pairs, stages_removed, stages_added = _match(old.stages, new.stages, lambda s: s.id, lambda s: s.name)
    old_tps = [(s, tp) for s, tp in old.all_touchpoints()]
    new_tps = [(s, tp) for s, tp in new.all_touchpoints()]
    tp_pairs, tps_removed, tps_added = _match(old_tps, new_tps, lambda p: p[1].id, lambda p: p[1].name)
    matched_stage = {a.id: b.id for a, b, _ in stage_pairs}

    touchpoints = []
    old_emotion, new_emotion = _emotions(old), _emotions(new)
    for (old_stage, a), (new_stage, b), how in tp_pairs:
        entry: dict = {"old": a.id, "new": b.id, "matched_by": how, "name": b.name}
        if a.name != b.name:
            entry["renamed_from"] = a.name
        if matched_stage.get(old_stage.id) != new_stage.id:
            entry["moved"] = {"from": old_stage.id, "to": new_stage.id}
        before, after = old_emotion.get(a.id, {}), new_emotion.get(b.id, {})
        changes = {}
        for persona in sorted(set(before) | set(after)):
            x, y = before.get(persona), after.get(persona)
            if x != y:
                changes[persona or "all"] = {"old": x, "new": y,
                                             "change": None if x is None or y is None else figure(y - x, whole=True)}
        if changes:
            entry["emotion"] = changes
        metrics = _metric_changes(a, b)
        if metrics:
            entry["metrics"] = metrics
        touchpoints.append(entry)

    old_avg, new_avg = _stage_averages(old), _stage_averages(new)
    stage_emotion = []
    for a, b, _ in stage_pairs:
        for persona in sorted(set(old_avg.get(a.id, {})) | set(new_avg.get(b.id, {}))):
            x, y = old_avg.get(a.id, {}).get(persona), new_avg.get(b.id, {}).get(persona)
            stage_emotion.append({"stage": b.id, "persona": persona or None, "old": x, "new": y,
                                  "change": None if x is None or y is None else figure(Fraction(y) - Fraction(x))})

    old_pains = {_norm(p): p for _, tp in old.all_touchpoints() for p in tp.pains}
    new_pains = {_norm(p): p for _, tp in new.all_touchpoints() for p in tp.pains}
    old_opps = {_norm(o): o for _, tp in old.all_touchpoints() for o in tp.opportunities}
    new_opps = {_norm(o): o for _, tp in new.all_touchpoints() for o in tp.opportunities}
    result = {
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


def _metric_changes(a: Touchpoint, b: Touchpoint) -> dict:
    changes = {}
    for name in list(a.metrics) + [n for n in b.metrics if n not in a.metrics]:
        x, y = a.metrics.get(name), b.metrics.get(name)
        if x is not None and y is not None and (x.value, x.target, x.met) == (y.value, y.target, y.met):
            continue
        changes[name] = {"old": None if x is None else x.value, "new": None if y is None else y.value,
                         "old_met": None if x is None else x.met, "new_met": None if y is None else y.met}
    return changes


def _any_change(result: dict) -> bool:
    return bool(result["stages"]["added"] or result["stages"]["removed"] or result["stages"]["renamed"]
                or result["touchpoints"]["added"] or result["touchpoints"]["removed"]
                or result["touchpoints"]["changed"] or result["pains"]["solved"] or result["pains"]["new"]
                or result["opportunities"]["realised"] or result["opportunities"]["new"]
                or any(s["change"] for s in result["stage_emotion"]))
