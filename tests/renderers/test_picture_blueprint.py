"""Custom lanes in a service blueprint: a lane with a `side` lies in that
band, between the lines that bound it; a lane without one keeps the
author's place."""

import journeymap
from journeymap.layout.geometry import Group, Shape
from journeymap.layout.page import layout
from journeymap.presentation import Presentation
from journeymap.presentation.texts import lane_id

BLUEPRINT = """
title: Sided lanes
type: service-blueprint
lanes:
  - {id: tools, title: Tools, side: support}
  - {id: notes, title: Notes}
  - physical_evidence
  - actions
  - thoughts
  - frontstage
  - backstage
  - support
  - {id: devices, title: Devices, side: customer}
  - {id: staff, title: Staff, side: frontstage}
  - {id: systems, title: Systems, side: backstage}
  - {id: crew, title: Crew, side: frontstage}
stages:
  - name: Arrive
    touchpoints:
      - name: Desk
        action: Asks for the key
        frontstage: [Greets]
        backstage: [Prints the key]
        support: [Key system]
        lanes: {tools: Encoder, notes: Late, devices: Phone, staff: Clerk, systems: PMS, crew: Porter}
"""


def rows_and_lines(journey):
    """(top, bottom) of each lane's row by lane id, and the y of each blueprint line."""
    drawing = layout(Presentation(journey))
    grid = next(group for group in drawing.groups if group.name == "grid")
    rows, lines = {}, []
    for item in grid.items:
        if isinstance(item, Group) and item.name.startswith("lane-"):
            box = next(shape for shape in item.items if isinstance(shape, Shape))
            rows[item.name[len("lane-"):]] = (box.y, box.y + box.h)
        elif isinstance(item, Shape) and item.kind == "line":
            lines.append(item.y)
    return rows, lines


def test_each_sided_lane_lies_between_the_lines_of_its_band():
    journey = journeymap.loads(BLUEPRINT)
    order = [lane_id(lane) for lane in Presentation(journey).shown_lanes]
    assert order == ["notes", "physical_evidence", "actions", "devices", "thoughts", "frontstage", "staff",
                     "crew", "backstage", "systems", "support", "tools"]
    rows, lines = rows_and_lines(journey)
    interaction, visibility, internal = lines
    assert rows["devices"][1] < interaction < rows["staff"][0]
    assert rows["actions"][1] <= rows["devices"][0]
    for lane in ("staff", "crew"):
        assert interaction < rows[lane][0] and rows[lane][1] < visibility
    assert visibility < rows["systems"][0] and rows["systems"][1] < internal
    assert internal < rows["tools"][0]
    assert rows["notes"][1] <= rows["physical_evidence"][0]   # no side: where the author put it


def test_a_sided_lane_whose_built_in_lane_is_absent_still_opens_its_band():
    text = BLUEPRINT.replace("  - frontstage\n", "").replace("        frontstage: [Greets]\n", "")
    rows, lines = rows_and_lines(journeymap.loads(text))
    interaction, visibility, internal = lines
    assert rows["devices"][1] < interaction < rows["staff"][0] <= rows["crew"][1] < visibility


def test_sides_mean_nothing_outside_a_blueprint():
    journey = journeymap.loads(BLUEPRINT.replace("service-blueprint", "current-state"))
    order = [lane_id(lane) for lane in Presentation(journey).shown_lanes]
    assert order[:2] == ["tools", "notes"] and order[-1] == "crew"
    assert rows_and_lines(journey)[1] == []
