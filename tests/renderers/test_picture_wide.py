"""A wide map repeats its lane titles in narrow columns every few stages, so
a reader in its middle knows each row; a narrow map does not; the repeated
titles leave every box where it was: nothing overlaps, everything fits."""

from hypothesis import given, settings
from hypothesis import strategies as st

import journeymap
from conftest import EXAMPLES
from journeymap.layout.frame import REPEAT_EVERY, frame_of
from journeymap.layout.geometry import fits, overlap
from journeymap.layout.page import layout
from journeymap.layout.styles import REPEAT_W
from journeymap.presentation import Presentation


def wide_map(stages: int, per_stage: int, word: str = "Step") -> str:
    lines = ["title: Wide", "lanes: [touchpoints, actions, pains, {id: crew, title: Crew}]", "stages:"]
    for s in range(stages):
        lines.append(f"  - name: Stage {s}")
        lines.append("    touchpoints:")
        for t in range(per_stage):
            lines.append(f"      - {{name: {word} {s}.{t}, action: Does {word} {t}, pains: [{word}],"
                         f" lanes: {{crew: Desk}}}}")
    return "\n".join(lines) + "\n"


def check(drawing):
    blocks = drawing.text_blocks()
    for block in blocks:
        assert fits(block), (block.role, block.lines, block.w)
        assert block.x >= 0 and block.x + block.w <= drawing.width + 0.01
    for i, a in enumerate(blocks):
        for b in blocks[i + 1:]:
            assert not overlap(a, b), (a.role, a.lines, b.role, b.lines)


def test_a_wide_map_repeats_every_lane_title_between_its_columns():
    view = Presentation(journeymap.loads(wide_map(12, 1)))
    frame = frame_of(view)
    assert len(frame.repeats) >= 1
    for x in frame.repeats:
        left = [column for column in frame.columns if column.x < x]
        right = [column for column in frame.columns if column.x > x]
        assert len(left) >= REPEAT_EVERY and right
        assert left[-1].x + left[-1].w <= x and x + REPEAT_W <= right[0].x   # a gap of its own
    drawing = layout(view)
    repeated = [block for block in drawing.text_blocks() if block.role == "lane-title-repeat"]
    titles = [" ".join(block.lines) for block in repeated]
    assert titles.count("Actions") == titles.count("Crew") == len(frame.repeats)
    own = {" ".join(block.lines): block for block in drawing.text_blocks() if block.role == "lane-title"}
    for block in repeated:   # beside its lane's own title, on the same row
        assert own[" ".join(block.lines)].y == block.y
    check(drawing)


def test_a_map_of_ordinary_width_has_no_repeated_titles():
    for name in ("bank-account-opening.yaml", "hotel-check-in-blueprint.yaml"):
        assert frame_of(Presentation(journeymap.load(EXAMPLES / name))).repeats == ()
    assert frame_of(Presentation(journeymap.load(EXAMPLES / "family-flight-booking.yaml"))).repeats


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 14), st.integers(1, 4), st.sampled_from(["Step", "Berührungspunktverwaltung", "手续办理"]))
def test_repeated_titles_never_overlap_and_always_fit(stages, per_stage, word):
    check(layout(Presentation(journeymap.loads(wide_map(stages, per_stage, word)))))
