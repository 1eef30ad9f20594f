"""The rules that need the whole map: unique ids, references, the emotion
scale, and the lint warnings with their stable codes (format.md, "What
validation reports")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import builtins
from .diagnostics import Diagnostic, PathPart
from .fields import closest
from .loading.sourcemap import SourceMap
from .model import MAX_SCALE_STEPS, Channel, CustomLane, Journey, Persona, Source, Touchpoint

Path = tuple[PathPart, ...]


class _Checker:
    def __init__(self, journey: Journey, smap: SourceMap):
        self.journey = journey
        self.smap = smap
        self.found: list[Diagnostic] = []

    def report(self, path: Path, code: str, message: str, suggestion: str | None = None,
               at_key: bool = False) -> None:
        self.found.append(self.smap.diagnostic_for(path, code, message, suggestion=suggestion,
                                                   at_key=at_key))

    def unresolved(self, path: Path, kind: str, value: str, known: Iterable[str],
                   hint: str | None = None, at_key: bool = False) -> None:
        names = list(dict.fromkeys(known))  # an id used twice is listed once
        near = closest(value, names)
        listing = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
        expected = f"a {kind} id ({listing})" if names else f"a {kind} id, but none is declared"
        suggestion = f"did you mean '{near}'?" if near else hint
        self.report(path, "unresolved-reference", f"expected {expected}, found {value!r}",
                    suggestion, at_key=at_key)


def check(journey: Journey, smap: SourceMap) -> list[Diagnostic]:
    """Every whole-map error and warning; an empty list for a clean map."""
    checker = _Checker(journey, smap)
    for rule in (_version, _scale, _persona_ids, _unique_ids, _references, _emotions,
                 _empty_stages, _emotion_gaps, _unused, _pains_without_opportunities,
                 _key_touchpoints, _metric_targets, _map_type_content):
        rule(checker)
    return checker.found


def _version(c: _Checker) -> None:
    if c.journey.journeymap != 1:
        c.report(("journeymap",), "unknown-version",
                 f"expected format version 1, found {c.journey.journeymap}",
                 "this journeymap reads version 1 files; upgrade journeymap or write `journeymap: 1`")


def _scale(c: _Checker) -> None:
    scale = c.journey.scale
    if scale.min >= scale.max:
        c.report(("scale", "max"), "out-of-range",
                 f"expected scale.max greater than scale.min ({scale.min}), found {scale.max}")
    elif scale.max - scale.min > MAX_SCALE_STEPS:
        c.report(("scale",), "out-of-range",
                 f"expected a scale of at most {MAX_SCALE_STEPS} steps from min to max, found "
                 f"{scale.max - scale.min} steps ({scale.min} to {scale.max})",
                 "an emotion scale has a handful of steps, such as -2 to 2 or 1 to 5",
                 at_key=True)


def _persona_ids(c: _Checker) -> None:
    if len(c.journey.personas) < 2:
        return
    for index, persona in enumerate(c.journey.personas):
        if not c.smap.is_written(("personas", index, "id")):
            c.report(("personas", index), "missing-field",
                     "expected an 'id' for each persona when there are two or more, found none",
                     f"add `id:` to persona {persona.name!r}")


def _unique(c: _Checker, items: Iterable[tuple[Path, str | None]], kind: str) -> None:
    first: dict[str, Path] = {}
    for path, value in items:
        if value is None:
            continue  # never after validation: every id is derived
        if value in first:
            line, _ = c.smap.position(first[value])
            c.report(path, "duplicate-id",
                     f"expected a unique {kind} id, found {value!r} again (first at line {line})",
                     "rename one of them")
        else:
            first[value] = path


def _unique_ids(c: _Checker) -> None:
    j = c.journey
    _unique(c, ((("personas", i, "id"), p.id) for i, p in enumerate(j.personas)), "persona")
    _unique(c, ((("channels", i, "id"), ch.id) for i, ch in enumerate(j.channels)), "channel")
    _unique(c, ((("sources", i, "id"), s.id) for i, s in enumerate(j.sources)), "source")
    _unique(c, ((("stages", i, "id"), s.id) for i, s in enumerate(j.stages)), "stage")
    _unique(c, ((("stages", i, "touchpoints", k, "id"), tp.id)
                for i, s in enumerate(j.stages) for k, tp in enumerate(s.touchpoints)), "touchpoint")
    lanes: list[tuple[Path, str | None]] = []
    for index, lane in enumerate(j.lanes or []):
        lanes.append(((("lanes", index, "id") if isinstance(lane, CustomLane) else ("lanes", index)),
                      lane.id if isinstance(lane, CustomLane) else lane))
    _unique(c, lanes, "lane")


def _references(c: _Checker) -> None:
    j = c.journey
    persona_ids = _ids(j.personas)
    channel_ids = list(dict.fromkeys([ch.id for ch in j.channels] + list(builtins.BUILTIN_CHANNELS)))
    source_ids = [s.id for s in j.sources]
    touchpoint_ids = _ids(tp for _, tp in j.all_touchpoints())
    touchpoint_set = set(touchpoint_ids)
    custom_lanes = [lane.id for lane in (j.lanes or []) if isinstance(lane, CustomLane)]
    for si, stage in enumerate(j.stages):
        for ti, tp in enumerate(stage.touchpoints):
            base: Path = ("stages", si, "touchpoints", ti)
            for pi, pid in enumerate(tp.personas):
                if pid not in persona_ids:
                    c.unresolved(base + ("personas", pi), "persona", pid, persona_ids)
            for ci, channel in enumerate(tp.channels):  # `channel: x` or `channel: [x, y]`
                if channel not in channel_ids:
                    where = base + (("channel", ci) if isinstance(tp.channel, list) else ("channel",))
                    c.unresolved(where, "channel", channel, channel_ids, "declare it under `channels:`")
            for ni, target in enumerate(tp.next):
                if target not in touchpoint_set:
                    c.unresolved(base + ("next", ni), "touchpoint", target, touchpoint_ids)
            for ei, evidence in enumerate(tp.evidence):
                if evidence.source is not None and evidence.source not in source_ids:
                    c.unresolved(base + ("evidence", ei, "source"), "source", evidence.source,
                                 source_ids, "declare it under `sources:`")
            if isinstance(tp.emotion, dict):
                for pid in tp.emotion:
                    if pid not in persona_ids:
                        c.unresolved(base + ("emotion", pid), "persona", pid, persona_ids,
                                     at_key=True)
            for lane_id in tp.lanes:
                if lane_id not in custom_lanes:
                    c.unresolved(base + ("lanes", lane_id), "custom lane", lane_id, custom_lanes,
                                 "declare it in the map's `lanes:` as {id: ..., title: ...}",
                                 at_key=True)


def _emotions(c: _Checker) -> None:
    low, high = c.journey.scale.min, c.journey.scale.max
    for si, stage in enumerate(c.journey.stages):
        for ti, tp in enumerate(stage.touchpoints):
            base: Path = ("stages", si, "touchpoints", ti, "emotion")
            values = tp.emotion.items() if isinstance(tp.emotion, dict) else [(None, tp.emotion)]
            for key, value in values:
                if value is not None and not low <= value <= high:
                    c.report(base + ((key,) if key is not None else ()), "out-of-range",
                             f"expected an emotion from {low} to {high}, found {value}",
                             "change the value, or widen the map's `scale:`")


def _empty_stages(c: _Checker) -> None:
    for si, stage in enumerate(c.journey.stages):
        if not stage.touchpoints:
            c.report(("stages", si), "empty-stage",
                     f"expected touchpoints in stage {stage.name!r}, found none",
                     "add what happens in this stage, or remove it")


def _ids(items: Iterable[Persona | Touchpoint]) -> list[str]:
    """The ids of validated items (derived where the author left them out)."""
    return [item.id for item in items if item.id is not None]


def _participants(c: _Checker, tp: Touchpoint) -> list[str]:
    return list(tp.personas) if tp.personas else _ids(c.journey.personas)


def _emotion_gaps(c: _Checker) -> None:
    touchpoints = c.journey.all_touchpoints()
    if not any(tp.emotion is not None for _, tp in touchpoints):
        return
    for si, stage in enumerate(c.journey.stages):
        for ti, tp in enumerate(stage.touchpoints):
            base: Path = ("stages", si, "touchpoints", ti)
            if tp.emotion is None:
                c.report(base, "emotion-gap",
                         f"expected an emotion for touchpoint {tp.name!r} (others have one), "
                         "found none", "add `emotion:`; the curve has a gap here")
            elif isinstance(tp.emotion, dict):
                missing = [p for p in _participants(c, tp) if p not in tp.emotion]
                if missing:
                    c.report(base + ("emotion",), "emotion-gap",
                             f"expected an emotion for every persona taking part, found none "
                             f"for {', '.join(missing)}", "add them to the mapping")


def _unused(c: _Checker) -> None:
    j = c.journey
    touchpoints = [tp for _, tp in j.all_touchpoints()]
    used_personas: set[str | None] = set()
    for tp in touchpoints:
        used_personas.update(tp.personas or _ids(j.personas))
        if isinstance(tp.emotion, dict):
            used_personas.update(tp.emotion)
    used_channels: set[str | None] = {channel for tp in touchpoints for channel in tp.channels}
    used_sources = {ev.source for tp in touchpoints for ev in tp.evidence}
    declared: tuple[tuple[str, Sequence[Persona | Channel | Source], set[str | None]], ...] = (
        ("persona", j.personas, used_personas),
        ("channel", j.channels, used_channels),
        ("source", j.sources, used_sources))
    for kind, items, used in declared:
        for index, item in enumerate(items):
            if item.id not in used:
                c.report((kind + "s", index), f"unused-{kind}",
                         f"expected {kind} {item.id!r} to be used by a touchpoint, found no use",
                         "use it in a touchpoint, or remove it")


def _pains_without_opportunities(c: _Checker) -> None:
    for si, stage in enumerate(c.journey.stages):
        pains = [(ti, tp) for ti, tp in enumerate(stage.touchpoints) if tp.pains]
        if pains and not any(tp.opportunities for tp in stage.touchpoints):
            ti, _ = pains[0]
            c.report(("stages", si, "touchpoints", ti, "pains"), "pain-without-opportunity",
                     f"expected an opportunity in stage {stage.name!r}, which has pain points, "
                     "found none", "add `opportunities:` to a touchpoint of this stage")


def _key_touchpoints(c: _Checker) -> None:
    for si, stage in enumerate(c.journey.stages):
        for ti, tp in enumerate(stage.touchpoints):
            if not tp.key:
                continue
            base: Path = ("stages", si, "touchpoints", ti)
            if not tp.metrics:
                c.report(base + ("key",), "key-without-metrics",
                         f"expected metrics on key touchpoint {tp.name!r}, found none",
                         "a moment of truth should be measured: add `metrics:`")
            levels = {ev.level for ev in tp.evidence}
            if tp.evidence and levels == {"hypothesis"}:
                c.report(base + ("evidence",), "hypothesis-only-key",
                         f"expected observed or reported evidence for key touchpoint {tp.name!r}, "
                         "found hypotheses only", "back it with research")


def _metric_targets(c: _Checker) -> None:
    for si, stage in enumerate(c.journey.stages):
        for ti, tp in enumerate(stage.touchpoints):
            for name, metric in tp.metrics.items():
                if metric.met is False:
                    sign = ">=" if metric.better == "higher" else "<="
                    unit = f" {metric.unit}" if metric.unit else ""
                    c.report(("stages", si, "touchpoints", ti, "metrics", name, "value"),
                             "metric-missed-target",
                             f"expected {name} {sign} {metric.target}{unit}, found {metric.value}{unit}")


def _map_type_content(c: _Checker) -> None:
    j = c.journey
    touchpoints = [tp for _, tp in j.all_touchpoints()]
    if j.type == "future-state" and not any(tp.opportunities for tp in touchpoints):
        c.report(("type",), "future-without-opportunities",
                 "expected opportunities in a future-state map, found none",
                 "say what changes: add `opportunities:` to the touchpoints")
    if j.type == "service-blueprint" and not any(tp.backstage for tp in touchpoints):
        c.report(("type",), "blueprint-without-backstage",
                 "expected backstage actions in a service blueprint, found none",
                 "add `backstage:` to the touchpoints")
