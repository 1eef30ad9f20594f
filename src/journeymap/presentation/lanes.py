"""Which lanes the swimlane draws: those of the map's type and every lane
the map has content for, and which lanes a choice of lanes leaves out while
they hold what the author wrote (the `hidden-lane` warning).

A map that names no lanes gets its type's lanes (normalisation fills them
in), so a map whose lanes are exactly its type's defaults is taken to follow
its content: lanes without content anywhere are left out, lanes with content
(metrics, evidence, owners, feelings, blueprint and custom lanes) are added."""

from __future__ import annotations

from collections.abc import Sequence

from ..builtins import DEFAULT_LANES, LANES
from ..model import CustomLane, Journey, Touchpoint
from .texts import Lane, chosen_lanes, given, lane_id

# Lanes whose content the touchpoint card already shows, or that always show.
SHOWN_ELSEWHERE = ("touchpoints", "channels")
# The order lanes take when they are added for their content.
ORDER: tuple[str, ...] = ("touchpoints", "channels", "actions", "thoughts", "feelings", "emotions", "pains",
                          "opportunities", "physical_evidence", "frontstage", "backstage", "support",
                          "owners", "metrics", "evidence")


def has_content(touchpoint: Touchpoint, lane: Lane) -> bool:
    """Whether the lane shows anything of this touchpoint."""
    if isinstance(lane, CustomLane):
        return given(touchpoint.lanes.get(lane.id))
    if lane == "touchpoints":
        return True
    if lane == "channels":
        return bool(touchpoint.channel)
    if lane == "actions":
        return given(touchpoint.action)
    if lane == "owners":
        return given(touchpoint.owner)
    if lane == "emotions":
        return touchpoint.emotion is not None and touchpoint.emotion != {}
    value = getattr(touchpoint, lane, None)
    return bool(value)


def cells_with_content(journey: Journey, lane: Lane) -> int:
    """How many touchpoints the lane shows something of."""
    return sum(1 for _, touchpoint in journey.all_touchpoints() if has_content(touchpoint, lane))


def follows_content(journey: Journey) -> bool:
    """Whether the map's lanes are its type's defaults (it named none)."""
    return [lane_id(lane) for lane in journey.lanes or []] == list(DEFAULT_LANES[journey.type]) \
        or journey.lanes is None


def content_lanes(journey: Journey) -> list[Lane]:
    """The type's lanes that have content, and every other lane with content,
    each after the lane it follows in the usual order."""
    lanes: list[Lane] = [lane for lane in DEFAULT_LANES[journey.type]
                         if lane == "touchpoints" or cells_with_content(journey, lane)]
    present = {lane_id(lane) for lane in lanes}
    for name in ORDER:
        if name in present or name in SHOWN_ELSEWHERE or not cells_with_content(journey, name):
            continue
        before = [index for index, lane in enumerate(lanes)
                  if lane_id(lane) in ORDER and ORDER.index(lane_id(lane)) < ORDER.index(name)]
        lanes.insert(before[-1] + 1 if before else 0, name)
        present.add(name)
    lanes.extend(lane for lane in journey.lanes or [] if isinstance(lane, CustomLane))
    return lanes


def shown_lanes(journey: Journey, names: Sequence[str] | None) -> list[Lane]:
    """The lanes the swimlane draws: those named (`--lanes`), else the map's
    own where it chose them, else those its content calls for."""
    if names is None and follows_content(journey):
        return content_lanes(journey)
    return chosen_lanes(journey, names)


def hidden_lanes(journey: Journey, lanes: Sequence[Lane | str]) -> list[tuple[str, int]]:
    """(lane id, cells) of every lane that has content but is not drawn:
    what the author wrote there appears nowhere on the map."""
    drawn = {lane_id(lane) for lane in lanes}
    candidates: list[Lane] = [name for name in LANES if name not in SHOWN_ELSEWHERE]
    candidates.extend(lane for lane in journey.lanes or [] if isinstance(lane, CustomLane))
    hidden = []
    for lane in candidates:
        if lane_id(lane) not in drawn:
            cells = cells_with_content(journey, lane)
            if cells:
                hidden.append((lane_id(lane), cells))
    return hidden
