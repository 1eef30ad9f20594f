"""`journeymap stats`: the figures a CX team asks of a map, as plain data.

Everything here is computed from the normalised model and returned as
JSON-ready dicts and lists in a stable order; the reporters only format it.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, TypeAlias

from .. import i18n
from ..model import Journey, Metric, Touchpoint
from ..presentation.emotions import curve, curve_personas, touchpoint_emotions
from ..presentation.ids import id_of
from ..presentation.texts import channel_name

GOOD_EVIDENCE = ("observed", "reported")
LARGEST = sys.float_info.max

Figure: TypeAlias = int | float
# Figures as JSON-ready data: texts, numbers, lists and objects of them.
JsonObject: TypeAlias = dict[str, Any]
# (stage id, touchpoint, value): one point of an emotion curve
Point: TypeAlias = tuple[str, Touchpoint, int]


def writable(value: int) -> bool:
    """Whether Python will write `value` in decimal: it refuses integers of
    more digits than `sys.get_int_max_str_digits()` (4300 by default)."""
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    return not limit or value.bit_length() <= 3 * (limit - 1)


def figure(value: Fraction | float, whole: bool = False) -> Figure:
    """A computed figure every JSON reader can take: rounded to three
    decimals, a finite double and, beyond the range of doubles, the largest
    one with its sign (JSON has no infinity, and JavaScript or jq would read
    a larger number as one). `whole`: a figure of integers, which stays an
    exact integer while it can be written. Exact arithmetic first, so no
    size of input overflows on the way."""
    exact = Fraction(value)
    if whole and exact.denominator == 1 and writable(exact.numerator):
        return exact.numerator
    try:
        return float(round(exact, 3))
    except OverflowError:
        return LARGEST if exact > 0 else -LARGEST


def average(values: Iterable[int]) -> Figure | None:
    """The mean, exact until rounded by `figure`; None for no values."""
    given = list(values)
    return figure(Fraction(sum(given), len(given))) if given else None


def curves(journey: Journey) -> dict[str, list[Point]]:
    """Persona id (or "" for a map without per-persona emotions) -> the
    (stage id, touchpoint, value) points of its emotion curve, in order: the
    curves the swimlane draws."""
    return {persona or "": [(id_of(stage), tp, value) for stage, tp, value in curve(journey, persona)]
            for persona in curve_personas(journey)}


def emotion_field(journey: Journey, tp: Touchpoint) -> int | dict[str, int] | None:
    """A touchpoint's emotion as data: its value, or persona id -> value in
    the map's persona order."""
    if not isinstance(tp.emotion, dict):
        return tp.emotion
    return {str(persona): value for persona, value in touchpoint_emotions(journey, tp) if value is not None}


def _point(stage_id: str, tp: Touchpoint, value: int) -> JsonObject:
    return {"stage": stage_id, "touchpoint": tp.id, "name": tp.name, "emotion": value}


def emotion_stats(journey: Journey) -> list[JsonObject]:
    found = []
    for persona, points in curves(journey).items():
        entry: JsonObject = {"persona": persona or None, "points": len(points)}
        if points:
            low = min(points, key=lambda p: p[2])
            high = max(points, key=lambda p: p[2])
            entry["lowest"] = _point(*low)
            entry["highest"] = _point(*high)
            entry["average"] = average(p[2] for p in points)
        by_stage = []
        for stage in journey.stages:
            by_stage.append({"stage": stage.id, "name": stage.name,
                             "average": average(v for sid, _, v in points if sid == stage.id)})
        entry["stages"] = by_stage
        drops: list[JsonObject] = []
        for (_, a, va), (_, b, vb) in zip(points, points[1:], strict=False):
            if vb < va:
                drops.append({"from": a.id, "to": b.id, "from_name": a.name, "to_name": b.name,
                              "change": figure(vb - va, whole=True)})
        drops.sort(key=lambda d: d["change"])  # stable: equal drops keep the map's order
        entry["steepest_drops"] = drops[:3]
        found.append(entry)
    return found


def pain_stats(journey: Journey) -> JsonObject:
    per_stage = [{"stage": s.id, "name": s.name, "pains": sum(len(tp.pains) for tp in s.touchpoints)}
                 for s in journey.stages]
    per_channel: Counter[str] = Counter()
    for _, tp in journey.all_touchpoints():
        if tp.pains:
            for cid in tp.channels or ["(none)"]:
                per_channel[cid] += len(tp.pains)
    orphans = []
    for stage in journey.stages:
        if any(tp.opportunities for tp in stage.touchpoints):
            continue
        for tp in stage.touchpoints:
            for pain in tp.pains:
                orphans.append({"stage": stage.id, "touchpoint": tp.id, "pain": pain})
    return {
        "total": sum(s["pains"] for s in per_stage),
        "per_stage": per_stage,
        "per_channel": [{"channel": c, "pains": n}
                        for c, n in sorted(per_channel.items(), key=lambda item: (-item[1], item[0]))],
        "without_opportunity": orphans,
    }


def channel_stats(journey: Journey) -> JsonObject:
    english = i18n.words("en")  # stats speaks English
    used: dict[str, list[str]] = {}
    modes: Counter[str] = Counter()
    control: Counter[str] = Counter()
    for stage, tp in journey.all_touchpoints():
        control[tp.control or "unspecified"] += 1
        if not tp.channels:
            modes["unspecified"] += 1
            continue
        for cid in tp.channels:
            stages = used.setdefault(cid, [])
            if stage.id not in stages:
                stages.append(id_of(stage))
        channel = journey.channel(tp.channels[0])  # a touchpoint counts once, by its first channel
        modes[(channel.mode if channel and channel.mode else "unspecified")] += 1
    return {
        "channels": [{"channel": cid, "name": channel_name(journey, cid, english), "stages": stages}
                     for cid, stages in used.items()],
        "online": modes["online"], "offline": modes["offline"], "mode_unspecified": modes["unspecified"],
        "direct": control["direct"], "indirect": control["indirect"],
        "control_unspecified": control["unspecified"],
    }


def metric_gap(metric: Metric) -> Fraction | None:
    """How far the value is beyond its target, in the good direction
    (negative: missed), exactly."""
    if metric.target is None or metric.value is None:  # no target, or planned (not measured yet)
        return None
    value, target = Fraction(metric.value), Fraction(metric.target)
    return value - target if metric.better == "higher" else target - value


def metric_stats(journey: Journey) -> list[JsonObject]:
    rows: list[JsonObject] = []
    for stage, tp in journey.all_touchpoints():
        for name, metric in tp.metrics.items():
            gap = metric_gap(metric)
            if gap is None:
                continue
            whole = isinstance(metric.value, int) and isinstance(metric.target, int)
            relative = figure(gap / abs(Fraction(metric.target))) if metric.target else None
            rows.append({"touchpoint": tp.id, "stage": stage.id, "metric": name, "value": metric.value,
                         "target": metric.target, "unit": metric.unit, "better": metric.better,
                         "met": bool(metric.met), "gap": figure(gap, whole), "relative_gap": relative})
    rows.sort(key=lambda r: (r["relative_gap"] if r["relative_gap"] is not None else r["gap"]))
    return rows


def key_touchpoints(journey: Journey) -> list[JsonObject]:
    return [{"touchpoint": tp.id, "name": tp.name, "stage": stage.id,
             "emotion": emotion_field(journey, tp),
             "metrics": {name: {"value": m.value, "target": m.target, "met": m.met}
                         for name, m in tp.metrics.items()}}
            for stage, tp in journey.all_touchpoints() if tp.key]


def evidence_stats(journey: Journey) -> JsonObject:
    touchpoints = [tp for _, tp in journey.all_touchpoints()]
    backed = [tp.id for tp in touchpoints if any(ev.level in GOOD_EVIDENCE for ev in tp.evidence)]
    hypotheses = [tp.id for tp in touchpoints
                  if tp.evidence and all(ev.level == "hypothesis" for ev in tp.evidence)]
    return {
        "touchpoints": len(touchpoints),
        "backed": len(backed),
        "share_backed": figure(Fraction(len(backed), len(touchpoints))) if touchpoints else 0.0,
        "hypothesis_only": hypotheses,
        "sources": [{"source": s.id, "title": s.title, "kind": s.kind, "n": s.n, "date": s.date}
                    for s in journey.sources],
    }


def stats(journey: Journey, name: str) -> JsonObject:
    """Every figure of one map."""
    return {
        "map": name,
        "title": journey.title,
        "type": journey.type,
        "stages": len(journey.stages),
        "touchpoints": sum(len(s.touchpoints) for s in journey.stages),
        "emotion": emotion_stats(journey),
        "pains": pain_stats(journey),
        "channels": channel_stats(journey),
        "key_touchpoints": key_touchpoints(journey),
        "metrics": metric_stats(journey),
        "evidence": evidence_stats(journey),
    }


def summary(all_stats: list[JsonObject]) -> list[JsonObject]:
    """One row per map, for runs over several maps."""
    rows = []
    for entry in all_stats:
        curve = entry["emotion"][0] if entry["emotion"] else {}
        rows.append({
            "map": entry["map"], "title": entry["title"], "touchpoints": entry["touchpoints"],
            "average_emotion": curve.get("average"),
            "lowest": curve.get("lowest", {}).get("name") if curve.get("lowest") else None,
            "pains": entry["pains"]["total"],
            "metrics_missed": sum(1 for m in entry["metrics"] if not m["met"]),
            "share_backed": entry["evidence"]["share_backed"],
        })
    return rows
