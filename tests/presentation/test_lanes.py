"""The lanes follow the content: a map that names no lanes gets its type's
lanes that have content and every lane it has content for; a choice of
lanes that hides content is reported lane by lane (`hidden-lane`)."""

import journeymap
from conftest import EXAMPLES
from journeymap.presentation import Presentation
from journeymap.presentation.lanes import hidden_lanes, shown_lanes
from journeymap.presentation.texts import lane_id


def ids(lanes):
    return [lane_id(lane) for lane in lanes]


def test_default_lanes_add_what_the_map_has_and_drop_what_it_lacks():
    bank = journeymap.load(EXAMPLES / "bank-account-opening.yaml")
    assert ids(shown_lanes(bank, None)) == ["touchpoints", "actions", "thoughts", "feelings", "emotions",
                                            "pains", "opportunities", "owners", "metrics", "evidence"]
    bare = journeymap.loads("title: T\nstages:\n  - name: S\n    touchpoints: [{name: A, action: Do}]\n")
    assert ids(shown_lanes(bare, None)) == ["touchpoints", "actions"]   # no emotions lane without scores
    assert hidden_lanes(bare, shown_lanes(bare, None)) == []


def test_a_choice_that_hides_content_is_reported_with_its_cells():
    text = (EXAMPLES / "family-flight-booking.yaml").read_text("utf-8")
    narrow = text.replace("lanes: [touchpoints, actions, thoughts, feelings, emotions, pains, opportunities, "
                          "owners, metrics,\n        evidence]",
                          "lanes: [touchpoints, actions, thoughts, emotions, pains, opportunities, metrics]")
    assert narrow != text
    flight = journeymap.loads(narrow)   # names its lanes, leaving three with content out
    shown = Presentation(flight).shown_lanes
    assert ids(shown) == ids(flight.lanes)
    assert hidden_lanes(flight, shown) == [("feelings", 2), ("owners", 2), ("evidence", 4)]
    whole = journeymap.load(EXAMPLES / "family-flight-booking.yaml")
    assert hidden_lanes(whole, Presentation(whole).shown_lanes) == []
    bank = journeymap.load(EXAMPLES / "bank-account-opening.yaml")
    chosen = Presentation(bank, lanes=("touchpoints", "emotions")).shown_lanes
    assert dict(hidden_lanes(bank, chosen)) == {"actions": 7, "thoughts": 3, "feelings": 3, "pains": 4,
                                                "opportunities": 4, "owners": 7, "metrics": 7, "evidence": 7}


def test_a_custom_lane_with_content_is_reported_when_hidden():
    grocery = journeymap.load(EXAMPLES / "grocery-delivery.de.yaml")
    chosen = Presentation(grocery, lanes=("touchpoints",)).shown_lanes
    assert ("systeme", 3) in hidden_lanes(grocery, chosen)
