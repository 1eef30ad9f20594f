"""The Graphviz flow: DOT that the real `dot` program accepts without a
warning, whose laid-out graph (read back with -Tjson) has exactly the
clusters, nodes and edges of the model, whatever the text holds."""

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings

import journeymap
from conftest import EXAMPLES, ROOT, TESTS, example_paths, run_cli
from goldens import compare_golden
from journeymap.model import Journey
from journeymap.normalise import normalise
from journeymap.renderers import FlowOptions, RenderOptions
from journeymap.renderers.dot_source import DOT_FONT, build_dot
from journeymap.renderers.dot_text import node_name
from strategies import journeys

HERE = TESTS  # the tests folder, where the shared fixtures live
HOSTILE = HERE / "hostile.yaml"
DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(DOT is None and not os.environ.get("CI"),
                               reason="the Graphviz program is not installed (CI installs it)")


def layout(source: str) -> dict:
    done = subprocess.run([DOT or "dot", "-Tjson"], input=source.encode("utf-8"),
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b"", done.stderr.decode()  # no warnings either
    return json.loads(done.stdout)


def expected_edges(journey: Journey) -> set:
    ordered = [tp for _, tp in journey.all_touchpoints()]
    edges = set()
    for index, tp in enumerate(ordered):
        targets = tp.next or ([ordered[index + 1].id] if index + 1 < len(ordered) else [])
        for target in targets:
            edges.add((tp.id, target))
    return edges


def check_graph(journey: Journey, graph: dict) -> None:
    objects = graph.get("objects", [])
    clusters = [o for o in objects if o["name"].startswith("cluster_stage_")]
    nodes = [o for o in objects if "nodes" not in o and "subgraphs" not in o
             and not o["name"].startswith("cluster_")]
    assert [c["name"] for c in clusters] == [f"cluster_stage_{s.id}" for s in journey.stages]
    touchpoint_nodes = {n["name"] for n in nodes if n["name"].startswith("tp:")}
    assert touchpoint_nodes == {node_name(tp) for _, tp in journey.all_touchpoints()}
    titles = {n["name"] for n in nodes if n["name"].startswith(("title:", "phase:"))}
    assert {t for t in titles if t.startswith("title:")} == {f"title:{s.id}" for s in journey.stages}
    assert len(nodes) == len(touchpoint_nodes) + len(titles) + sum(1 for s in journey.stages
                                                                   if not s.touchpoints)
    names = {o["_gvid"]: o["name"] for o in objects}
    drawn = set()
    for edge in graph.get("edges", []):
        if edge.get("style") == "invis":
            continue
        tail, head = names[edge["tail"]][3:], names[edge["head"]][3:]
        drawn.add((head, tail) if edge.get("dir") == "back" else (tail, head))
    assert drawn == expected_edges(journey)
    # each stage's nodes sit inside its cluster
    by_gvid = {o["_gvid"]: o for o in objects}
    for cluster, stage in zip(clusters, journey.stages, strict=False):
        inside = {by_gvid[g]["name"] for g in cluster.get("nodes", [])}
        assert {node_name(tp) for tp in stage.touchpoints} <= inside


@needs_dot
@pytest.mark.parametrize("path", example_paths() + [HOSTILE], ids=lambda p: p.stem)
def test_dot_accepts_and_lays_out_the_model(path):
    journey = journeymap.load(path)
    for theme in ("light", "dark", "print"):
        check_graph(journey, layout(build_dot(journey, RenderOptions(theme=theme))))


@needs_dot
def _curve(points: list, steps: int = 24) -> list[tuple[float, float]]:
    """Points along a spline of cubic Bézier pieces, as `dot -Tjson` gives it."""
    out = []
    for i in range(0, len(points) - 3, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[i:i + 4]
        for k in range(steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def crossings(graph: dict) -> list[tuple[str, str, str]]:
    """(tail, head, what it runs through) for every edge drawn through a
    node or a cluster's label other than its own two ends."""
    names = {o["_gvid"]: o["name"] for o in graph.get("objects", [])}
    boxes = []
    for o in graph.get("objects", []):
        if "nodes" in o or "subgraphs" in o:
            if "lp" in o:  # a cluster drawn with a label
                x, y = map(float, o["lp"].split(","))
                w, h = float(o["lwidth"]) * 36, float(o["lheight"]) * 36
                boxes.append((None, "label of " + o["name"], x - w, y - h, x + w, y + h))
        elif "pos" in o:
            x, y = map(float, o["pos"].split(","))
            w, h = float(o["width"]) * 36, float(o["height"]) * 36  # inches to points, halved
            boxes.append((o["_gvid"], o["name"], x - w, y - h, x + w, y + h))
    found = []
    for edge in graph.get("edges", []):
        points = [p for op in edge.get("_draw_", []) if op["op"] in "bB" for p in _curve(op["points"])]
        for gvid, name, x0, y0, x1, y1 in boxes:
            if gvid not in (edge["head"], edge["tail"]) and any(
                    x0 + 1 < x < x1 - 1 and y0 + 1 < y < y1 - 1 for x, y in points):
                found.append((names[edge["tail"]], names[edge["head"]], name))
    return found


def _generated(touchpoints: int, long_back_edges: bool) -> Journey:
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate
    return journeymap.loads(generate(touchpoints, long_back_edges=long_back_edges))


@needs_dot
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_no_edge_runs_through_a_node_or_a_title(direction):
    """Stage and phase titles are nodes, so dot routes edges around them as
    around touchpoints (a cluster's label it crosses without looking)."""
    maps = [journeymap.load(path) for path in example_paths()]
    maps += [_generated(n, long) for n in (30, 120) for long in (False, True)]
    options = RenderOptions(flow=FlowOptions(direction=direction, edge_labels=True))
    for journey in maps:
        assert crossings(layout(build_dot(journey, options))) == [], journey.title


def test_stages_stay_in_order_from_left_to_right():
    journey = journeymap.load(EXAMPLES / "family-flight-booking.yaml")
    graph = layout(build_dot(journey, RenderOptions()))
    boxes = {o["name"]: [float(v) for v in o["bb"].split(",")] for o in graph["objects"]
             if o["name"].startswith("cluster_stage_")}
    lefts = [boxes[f"cluster_stage_{s.id}"][0] for s in journey.stages]
    assert lefts == sorted(lefts)
    tall = layout(build_dot(journey, RenderOptions(flow=FlowOptions(direction="TB"))))
    tops = [[float(v) for v in o["bb"].split(",")][3] for s in journey.stages for o in tall["objects"]
            if o["name"] == f"cluster_stage_{s.id}"]
    assert tops == sorted(tops, reverse=True)  # y grows upwards in Graphviz


def test_hostile_text_cannot_make_graphviz_constructs():
    source = build_dot(journeymap.load(HOSTILE), RenderOptions())
    # every statement line is one we wrote: a node, an edge, a title, a cluster, graph attributes
    for line in source.splitlines():
        stripped = line.strip()
        assert stripped in ("digraph journey {", "}") or stripped.startswith(
            ('"tp:', '"empty:', '"title:', '"phase:', "{rank=same; ", "subgraph ", "graph [", "node [",
             "edge [")), line
    assert "\\N" not in source.replace("\\\\N", "")
    assert "<script>" not in source and "&lt;script&gt;" in source


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_dot_golden_files(path, update_goldens):
    journey = journeymap.load(path)
    data = build_dot(journey, RenderOptions()).encode("utf-8")
    compare_golden(HERE / "goldens" / f"{path.stem}.dot", journey, "dot", data, update_goldens)


@needs_dot
@settings(max_examples=25, deadline=None)
@given(journeys())
def test_any_journey_gives_dot_that_graphviz_accepts(data):
    journey = normalise(Journey.model_validate(data))
    check_graph(journey, layout(build_dot(journey, RenderOptions())))


@needs_dot
def test_flow_formats_through_the_cli(tmp_path):
    result = run_cli("render", EXAMPLES / "smartwatch-purchase.zh.yaml", HOSTILE, "-f", "dot",
                     "-f", "flow.svg", "-f", "flow.png", "-f", "flow.pdf", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    for stem in ("smartwatch-purchase.zh", "hostile"):
        svg = ET.parse(tmp_path / f"{stem}.flow.svg").getroot()
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        assert not [e for e in svg.iter() if e.tag.endswith("script")]
        assert b"Generated by graphviz" not in (tmp_path / f"{stem}.flow.svg").read_bytes()
        assert (tmp_path / f"{stem}.flow.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (tmp_path / f"{stem}.flow.pdf").read_bytes()[:5] == b"%PDF-"
    texts = "".join(e.text or "" for e in ET.parse(tmp_path / "hostile.flow.svg").getroot().iter())
    assert "<script>alert(1)</script>" in texts  # drawn as text


@needs_dot
def test_digits_in_the_flow_png_are_drawn_by_the_text_font(tmp_path):
    """The PNG of a label with digits is the same as when only DejaVu Sans
    is asked for: no font of the stack takes the digits over (a named emoji
    font did, drawing '10 min' as grey keycap digits)."""
    journey = journeymap.loads("title: T\nstages: [{name: S, touchpoints: [{name: 10 min +1 -2 2026}]}]\n")
    source = build_dot(journey, RenderOptions())
    plain = source.replace(f'fontname="{DOT_FONT}"', 'fontname="DejaVu Sans"')
    assert plain != source

    def png(text: str) -> bytes:
        done = subprocess.run([DOT or "dot", "-Tpng"], input=text.encode("utf-8"), capture_output=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout

    assert png(source) == png(plain)


def test_missing_graphviz_is_one_line_exit_2_and_other_formats_still_written(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    paths = [EXAMPLES / "family-flight-booking.yaml", EXAMPLES / "gym-membership.it.yaml"]
    result = run_cli("render", *paths, "-f", "flow.svg", "-f", "md", "-f", "dot", "-o", tmp_path / "out",
                     env={"PATH": str(empty)})
    assert result.returncode == 2
    errors = [ln for ln in result.stderr.decode().splitlines() if ln.startswith("journeymap: error")]
    assert len(errors) == 1 and "apt-get install graphviz" in errors[0]
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["family-flight-booking.dot", "family-flight-booking.md",
                       "gym-membership.it.dot", "gym-membership.it.md"]


def test_missing_cjk_font_is_a_warning(monkeypatch, tmp_path):
    from journeymap.renderers import graphviz
    from journeymap.run.discovery import Input
    from journeymap.run.pipeline import render_input

    monkeypatch.setattr(graphviz, "has_cjk_font", lambda: False)
    monkeypatch.setattr(graphviz, "run_dot", lambda source, kind: b"<svg/>")
    path = EXAMPLES / "smartwatch-purchase.zh.yaml"
    outcome = render_input(Input(str(path), str(path)), ["flow.svg"], RenderOptions(), tmp_path)
    assert len(outcome.render_warnings) == 1 and "fonts-noto-cjk" in outcome.render_warnings[0]
    english = EXAMPLES / "family-flight-booking.yaml"
    assert render_input(Input(str(english), str(english)), ["flow.svg"], RenderOptions(),
                        tmp_path).render_warnings == []


def test_flow_options_through_the_cli(tmp_path):
    gym = EXAMPLES / "gym-membership.it.yaml"
    plain = run_cli("render", gym, "-f", "dot", "-o", tmp_path / "plain")
    chosen = run_cli("render", gym, "-f", "dot", "-o", tmp_path / "chosen", "--personas", "marco",
                     "--edge-labels", "--direction", "tb")
    assert plain.returncode == chosen.returncode == 0, chosen.stderr
    before = (tmp_path / "plain" / "gym-membership.it.dot").read_text("utf-8")
    after = (tmp_path / "chosen" / "gym-membership.it.dot").read_text("utf-8")
    assert 'rankdir="LR"' in before and 'rankdir="TB"' in after
    assert "Giulia Bianchi +1" in before and "Giulia Bianchi +1" not in after  # only Marco's emotions
    assert "→ " not in before and "→ Sito di recensioni" in after  # the channel changes on that edge
    assert run_cli("render", gym, "-f", "dot", "--direction", "up", "--check").returncode == 2
