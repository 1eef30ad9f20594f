"""The Graphviz flow under hostile text: labels far past Graphviz's 16 KB
strings still lay out (cut with an ellipsis and a warning), and no text, however
odd, is read by the real `dot` program as anything but the text itself: not
an escape (`\\N`, `\\G`, `\\l`), an entity, markup, a node, an edge or a cluster."""

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_graphviz import expected_edges, layout, needs_dot

from conftest import run_cli
from journeymap.model import Journey
from journeymap.normalise import normalise
from journeymap.renderers import FlowOptions, RenderOptions
from journeymap.renderers.dot_program import run_dot
from journeymap.renderers.dot_source import FlowWarning, build_dot
from journeymap.renderers.dot_text import (
    ID_BYTES,
    SHORT_TEXT_BYTES,
    TEXT_BYTES,
    cluster_name,
    cut,
    dot_id,
    node_name,
    title_name,
)

SVG = "{http://www.w3.org/2000/svg}"
GRAPHVIZ_STRING_LIMIT = 16384
LONG = 20_000
KINDS = {
    "words": ("lorem ipsum dolor " * LONG)[:LONG],
    "markup": ('<>&"\'\\{}|' * LONG)[:LONG],
    "cjk": ("旅程地图" * LONG)[:LONG],
    "token": "x" * LONG,
    "combining": "e" + "\u0301" * LONG,
    "emoji": ("👩‍👩‍👧‍👦🏳️‍🌈" * LONG)[:LONG],
    "escapes": ("\\N\\G\\l" * LONG)[:LONG],
}


def flow(data: dict) -> Journey:
    return normalise(Journey.model_validate(data))


def no_space(text: str) -> str:
    return "".join(text.split())


def svg_texts(svg: bytes) -> dict[str, list[str]]:
    """The text lines Graphviz drew, by node or cluster name."""
    drawn = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if group.get("class") in ("node", "cluster"):
            title = group.find(f"{SVG}title").text
            drawn[title] = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
    return drawn


def check_graph(journey: Journey, graph: dict) -> None:
    """Exactly the model's clusters, nodes and edges in Graphviz's own layout
    (-Tjson), with shortened DOT names for long ids."""
    objects = graph.get("objects", [])
    clusters = [o["name"] for o in objects if o["name"].startswith("cluster_stage_")]
    assert clusters == [cluster_name(s) for s in journey.stages]
    assert len([o for o in objects if o["name"].startswith("cluster_")]) == len(clusters) + len(
        {s.phase for s in journey.stages if s.phase is not None})
    nodes = [o["name"] for o in objects if "nodes" not in o and "subgraphs" not in o
             and not o["name"].startswith("cluster_")]
    ids = {node_name(tp): tp.id for _, tp in journey.all_touchpoints()}
    assert sorted(n for n in nodes if n.startswith("tp:")) == sorted(ids)
    titles = [n for n in nodes if n.startswith(("title:", "phase:"))]
    assert len([n for n in titles if n.startswith("title:")]) == len(journey.stages)
    assert len(nodes) == len(ids) + len(titles) + sum(1 for s in journey.stages if not s.touchpoints)
    names = {o["_gvid"]: o["name"] for o in objects}
    drawn = set()
    for edge in graph.get("edges", []):
        if edge.get("style") != "invis":
            tail, head = ids[names[edge["tail"]]], ids[names[edge["head"]]]
            drawn.add((head, tail) if edge.get("dir") == "back" else (tail, head))
    assert drawn == expected_edges(journey)


def title_lines(svg: bytes) -> list[str]:
    """The lines of the map's title (drawn at 16 points) in Graphviz's SVG."""
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")
            if t.get("font-size") == "16.00"]


def long_map(text: str, long_id: str = "a" * LONG) -> dict:
    """Every kind of text the flow shows, each `text`; one touchpoint's id too."""
    return {
        "title": text,
        "personas": [{"id": "p1", "name": text}, {"id": "p2", "name": "Bo"}],
        "channels": [{"id": "web", "name": text}, {"id": "app", "name": "App"}],
        "stages": [
            {"id": "s1", "name": text, "goal": text, "phase": text, "touchpoints": [
                {"id": long_id, "name": text, "channel": "app", "duration": text,
                 "personas": ["p1"], "emotion": {"p1": 1}},
                {"id": "t2", "name": text, "channel": "web", "emotion": {"p1": -1, "p2": 2}},
                {"id": "t3", "name": text, "emotion": 1}]},
            {"id": "s" * LONG, "name": "Two", "touchpoints": []},
        ],
    }


def html_labels(source: str) -> list[str]:
    """The insides of the HTML-like labels (`label=<...>`, markup balanced)."""
    found = []
    for start in [m.end() for m in re.finditer(r"label=<", source)]:
        depth, index = 1, start
        while depth:
            depth += {"<": 1, ">": -1}.get(source[index], 0)
            index += 1
        found.append(source[start:index - 1])
    return found


def html_label_runs(source: str) -> list[str]:
    """Runs of label text between markup: what Graphviz's scanner must hold."""
    return [run for label in html_labels(source) for run in re.split(r"<[^<>]*>", label) if run]


@needs_dot
@pytest.mark.parametrize("kind", KINDS)
def test_labels_past_16_kb_are_cut_and_dot_lays_them_out(kind):
    text = KINDS[kind]
    assert len(text.encode("utf-8")) > GRAPHVIZ_STRING_LIMIT
    journey = flow(long_map(text))
    with pytest.warns(FlowWarning) as caught:
        source = build_dot(journey, RenderOptions(flow=FlowOptions(edge_labels=True)))
    message = str(caught[0].message)
    long_id = "touchpoint '" + "a" * 37 + "…'"
    assert message.startswith("1") and " texts too long for a Graphviz label were cut short" in message
    for what in ("the title", "stage 's1' (goal)", long_id + " (name)", long_id + " (name, in the tooltip)"):
        assert what in message
    for line in source.splitlines():
        assert len(line.encode("utf-8")) < 4 * TEXT_BYTES + 4096, line[:200]
    for run in html_label_runs(source):
        assert len(run.encode("utf-8")) <= TEXT_BYTES
    check_graph(journey, layout(source))
    drawn = svg_texts(run_dot(source.encode("utf-8"), "svg"))
    *name_lines, emotion = drawn[node_name(journey.stages[0].touchpoints[2])]
    shown = no_space("".join(name_lines))
    assert emotion == "+1"
    assert shown.endswith("…")
    assert no_space(text).startswith(shown[:-1])  # a prefix of the name, nothing else


@needs_dot
def test_flow_svg_of_huge_labels_renders_through_the_cli(tmp_path):
    import yaml

    data = long_map(KINDS["markup"])
    data["stages"][0]["touchpoints"].append({"id": "t9", "name": KINDS["combining"]})
    data["stages"][1]["touchpoints"] = [{"id": "t4", "name": KINDS["cjk"]},
                                        {"id": "t5", "name": KINDS["emoji"] + KINDS["escapes"]}]
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = run_cli("render", path, "-f", "dot", "-f", "flow.svg", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    warnings = [line for line in result.stderr.decode().splitlines()
                if line.startswith("journeymap: warning:")]
    assert [w.split(": ")[3] for w in warnings] == ["dot", "flow.svg"]
    assert all("texts too long for a Graphviz label were cut short" in w for w in warnings)
    svg = ET.parse(tmp_path / "out" / "long.flow.svg").getroot()
    drawn = [g.findtext(f"{SVG}title") or "" for g in svg.iter(f"{SVG}g") if g.get("class") == "node"]
    assert len([name for name in drawn if not name.startswith(("title:", "phase:"))]) == 6
    check_graph(flow(data), layout((tmp_path / "out" / "long.dot").read_text("utf-8")))


def test_cut_counts_escaped_utf8_bytes_and_keeps_whole_graphemes():
    text, was_cut = cut("<" * 1000, 100)
    assert was_cut and text == "<" * 24 + "…"  # "&lt;" is 4 bytes, the ellipsis 3
    family = "👩‍👩‍👧‍👦"  # 7 code points, 25 bytes: never split
    text, _ = cut(family * 10, 60)
    assert text == family * 2 + "…"
    text, _ = cut("e" + "\u0301" * 5000, 1000)
    assert text == "…"  # one grapheme larger than the room: none of it
    text, _ = cut("\\" * 100, 21)
    assert text == "\\" * 9 + "…"  # a backslash is written doubled
    assert cut("short", 10) == ("short", False)
    assert cut("word " * 100, 30)[0] == "word word word word word wo…"  # 27 bytes and the ellipsis


def test_long_ids_become_short_distinct_dot_names():
    first, second = "a" * LONG, "a" * (LONG - 1) + "b"
    assert dot_id("pay") == "pay"
    assert dot_id(first) != dot_id(second)
    assert len(dot_id(first).encode("utf-8")) <= ID_BYTES
    assert "~" in dot_id(first)  # "~" is not an id character: no real id equals it
    assert dot_id("中" * ID_BYTES) != dot_id("中" * (ID_BYTES + 1))


def test_texts_within_limits_are_not_cut_nor_warned_about(recwarn):
    text = "x" * (SHORT_TEXT_BYTES - 10)
    build_dot(flow(long_map(text, long_id="a" * ID_BYTES)), RenderOptions(flow=FlowOptions(edge_labels=True)))
    assert not [w for w in recwarn if issubclass(w.category, FlowWarning)]


def test_a_very_wide_scale_has_a_bounded_legend():
    journey = flow({"title": "T", "scale": {"min": -10**9, "max": 10**9},
                    "stages": [{"name": "S", "touchpoints": [{"name": "P", "emotion": 5}]}]})
    source = build_dot(journey, RenderOptions())
    assert source.count("<td bgcolor=") <= 21


ESCAPES = ["\\N", "\\G", "\\L", "\\l", "\\r", "\\n", "\\E", "\\T", "\\H", "\\\\", "\\", "&lt;",
           "&#92;N", "&amp;", "&#x3c;", "<b>", "</b>", "<br/>", "]", "[", "}", "{", "|", '"', "'",
           "->", "--", ";", "<", ">", "&", "\t", "\n", " ", "  ", "subgraph", "cluster_x"]
pieces = st.one_of(
    st.sampled_from(ESCAPES),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=6),
)
names = st.lists(pieces, max_size=6).map("".join)


@needs_dot
@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(names, max_size=3), min_size=1, max_size=3), names)
def test_any_text_is_drawn_as_itself_and_adds_no_graph_element(stage_names, title):
    journey = flow({"title": title, "stages": [
        {"id": f"s{i}", "name": stage[0] if stage else title, "touchpoints": [
            {"id": f"t{i}-{j}", "name": name, "emotion": 1} for j, name in enumerate(stage)]}
        for i, stage in enumerate(stage_names)]})
    source = build_dot(journey, RenderOptions())
    check_graph(journey, layout(source))
    svg = run_dot(source.encode("utf-8"), "svg")
    assert no_space("".join(title_lines(svg))) == no_space(journey.title)
    drawn = svg_texts(svg)
    # a cluster and its title node per stage, a node per touchpoint (or for an empty stage)
    assert len(drawn) == 2 * len(journey.stages) + sum(max(len(s.touchpoints), 1) for s in journey.stages)
    for stage in journey.stages:
        assert drawn[cluster_name(stage)] == []
        assert no_space("".join(drawn[title_name(stage)])) == no_space(stage.name)
        for tp in stage.touchpoints:
            *lines, emotion = drawn[node_name(tp)]
            assert no_space("".join(lines)) == no_space(tp.name)
            assert emotion == "+1"


@needs_dot
def test_each_special_text_alone_is_drawn_as_itself():
    journey = flow({"title": "T", "stages": [
        {"id": f"s{i}", "name": piece, "touchpoints": [{"id": f"t{i}", "name": piece, "emotion": 1}]}
        for i, piece in enumerate(ESCAPES)]})
    source = build_dot(journey, RenderOptions())
    check_graph(journey, layout(source))
    drawn = svg_texts(run_dot(source.encode("utf-8"), "svg"))
    for i, piece in enumerate(ESCAPES):
        assert no_space("".join(drawn[f"title:s{i}"])) == no_space(piece)
        assert no_space("".join(drawn[f"tp:t{i}"][:-1])) == no_space(piece)


@needs_dot
def test_backslash_escapes_and_entities_are_drawn_literally():
    name = "x\\N y\\G z\\l w\\\\ &#92;N &lt; {a|b}"
    journey = flow({"title": "T", "stages": [{"id": "s", "name": name, "touchpoints": [
        {"id": "t", "name": name, "emotion": 1}]}]})
    drawn = svg_texts(run_dot(build_dot(journey, RenderOptions()).encode("utf-8"), "svg"))
    assert drawn["title:s"] == [name]
    assert no_space("".join(drawn["tp:t"][:-1])) == no_space(name)
