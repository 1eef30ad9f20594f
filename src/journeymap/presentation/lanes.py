"""Which lanes the swimlane draws: those of the map's type and every lane
the map has content for, and which lanes a choice of lanes leaves out while
they hold what the author wrote (the `hidden-lane` warning).

A map that names no lanes gets its type's lanes (normalisation fills them
in), so a map whose lanes are exactly its type's defaults is taken to follow
its content: lanes without content anywhere are left out, lanes with content
(metrics, evidence, owners, feelings, blueprint and custom lanes) are added.
In a service blueprint a custom lane with a `side` joins that band of the
blueprint, right after the built-in lane of its side."""

from __future__ import annotations

from collections.abc import Sequence

from ..builtins import DEFAULT_LANES, LANES
from ..model import BLUEPRINT_SIDES, BlueprintSide, CustomLane, Journey, Touchpoint
from .texts import Lane, chosen_lanes, given, lane_id

# Lanes whose content the touchpoint card already shows, or that always show.
SHOWN_ELSEWHERE = ("touchpoints", "channels")
# The order lanes take when they are added for their content.
ORDER: tuple[str, ...] = ("touchpoints", "channels", "actions", "thoughts", "feelings", "emotions", "pains",
                          "opportunities", "physical_evidence", "frontstage", "backstage", "support",
                          "owners", "metrics", "evidence")
# The built-in lane a custom lane of each side follows.
SIDE_ANCHORS: dict[BlueprintSide, str] = {"customer": "actions", "frontstage": "frontstage",
                                          "backstage": "backstage", "support": "support"}
# The built-in lanes that open a band of the blueprint (a line above them).
OPENS: dict[str, BlueprintSide] = {"frontstage": "frontstage", "backstage": "backstage", "support": "support"}


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
    lanes = content_lanes(journey) if names is None and follows_content(journey) \
        else chosen_lanes(journey, names)
    return placed_by_side(lanes) if journey.type == "service-blueprint" else lanes


def lane_sides(lanes: Sequence[Lane]) -> list[BlueprintSide]:
    """The band of a service blueprint each lane lies in, top to bottom: a
    sided custom lane its own; the built-in frontstage, backstage and support
    lanes open their band; any other lane stays in the band above it."""
    current: BlueprintSide = "customer"
    sides: list[BlueprintSide] = []
    for lane in lanes:
        if isinstance(lane, CustomLane) and lane.side is not None:
            sides.append(lane.side)
            continue
        if isinstance(lane, str):
            current = OPENS.get(lane, current)
        sides.append(current)
    return sides


def placed_by_side(lanes: Sequence[Lane]) -> list[Lane]:
    """Each sided custom lane moved into its band; the others keep the
    author's order."""
    sided = [lane for lane in lanes if isinstance(lane, CustomLane) and lane.side is not None]
    placed = [lane for lane in lanes if not any(lane is other for other in sided)]
    for lane in sided:
        placed.insert(_slot(placed, lane), lane)
    return placed


def _slot(lanes: Sequence[Lane], lane: CustomLane) -> int:
    """Right after the built-in lane of the side (and the custom lanes placed
    there before); without it, after the last lane of that band or above."""
    side = lane.side or "customer"
    anchor = SIDE_ANCHORS[side]
    if anchor in lanes:
        slot = list(lanes).index(anchor) + 1
        while slot < len(lanes) and isinstance(lanes[slot], CustomLane) and \
                getattr(lanes[slot], "side", None) == side:
            slot += 1
        return slot
    rank = BLUEPRINT_SIDES.index(side)
    below = [index for index, band in enumerate(lane_sides(lanes)) if BLUEPRINT_SIDES.index(band) <= rank]
    return below[-1] + 1 if below else 0


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
