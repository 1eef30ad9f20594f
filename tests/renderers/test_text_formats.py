"""The md, mmd and json renderers: golden files, real Markdown parsing, the
normalised JSON against its schema, and the Mermaid round trip."""

import json

import jsonschema
import pytest
import yaml
from markdown_it import MarkdownIt

import journeymap
from conftest import EXAMPLES, ROOT, TESTS, example_paths
from goldens import compare_golden
from journeymap.importers.mermaid import convert
from journeymap.renderers import RenderOptions
from journeymap.renderers.registry import load

HERE = TESTS  # the tests folder, where the shared fixtures live
GOLDENS = HERE / "goldens"
FORMATS = ("md", "mmd", "json")
HOSTILE = HERE / "hostile.yaml"


def render(path, fmt, **options):
    return load(fmt).render(journeymap.load(path), RenderOptions(**options), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", example_paths() + [HOSTILE], ids=lambda p: p.stem)
def test_golden_files(path, fmt, update_goldens):
    compare_golden(GOLDENS / f"{path.stem}.{fmt}", journeymap.load(path), fmt, render(path, fmt),
                   update_goldens)


def markdown_parser():
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def table_tokens(tokens):
    rows, row = [], None
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append("")
        elif token.type == "inline" and row is not None:
            row[-1] = token.content
        elif token.type == "tr_close":
            rows.append(row)
            row = None
    return rows


@pytest.mark.parametrize("path", example_paths() + [HOSTILE], ids=lambda p: p.stem)
def test_markdown_table_has_one_column_per_stage(path):
    journey = journeymap.load(path)
    tokens = markdown_parser().parse(render(path, "md").decode("utf-8"))
    assert sum(1 for t in tokens if t.type == "table_open") == 1
    rows = table_tokens(tokens)
    assert all(len(row) == len(journey.stages) + 1 for row in rows), [len(r) for r in rows]
    lanes = len(journey.lanes)
    extra = int(any(s.phase for s in journey.stages)) + int(any(s.goal for s in journey.stages))
    assert len(rows) == 1 + extra + lanes
    headings = [t for t in tokens if t.type == "heading_open"]
    assert headings[0].tag == "h1"


def test_hostile_text_stays_text_in_markdown():
    md = render(HOSTILE, "md").decode("utf-8")
    tokens = markdown_parser().parse(md)
    html = MarkdownIt("commonmark").enable("table").render(md)
    children = [c for t in tokens if t.children for c in t.children]
    # The only HTML in the page is the <br /> journeymap writes itself.
    assert {c.content for c in children if c.type == "html_inline"} <= {"<br />"}
    assert not [t for t in tokens if t.type == "html_block"]
    links = [c for c in children if c.type == "link_open"]
    assert all(c.attrs["href"].startswith("https://") for c in links), [c.attrs for c in links]
    assert not [c for c in children if c.type in ("code_inline", "image")]
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2", "h3", "h2"]
    assert "<script>" not in html and "javascript:alert" not in html.replace("javascript:alert(", "")
    # The words are all still there, as text.
    for text in ("alert(1)", "[click](javascript:alert(2))", "a | b || c", "{record|fields}"):
        assert text in html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") \
            or text.replace("|", "\\|") in md


def test_markdown_uses_the_map_locale_and_the_override():
    zh = render(EXAMPLES / "smartwatch-purchase.zh.yaml", "md").decode("utf-8")
    assert "| 阶段 |" in zh and "| 痛点 |" in zh
    english = render(EXAMPLES / "smartwatch-purchase.zh.yaml", "md", locale="en").decode("utf-8")
    assert "| Stage |" in english and "| Pain points |" in english
    for path, word in (("heart-rate-app-day.ru.yaml", "Эмоции"), ("gym-membership.it.yaml", "Emozioni"),
                       ("saas-onboarding.hu.yaml", "Érzelmek")):
        assert f"| {word} |" in render(EXAMPLES / path, "md").decode("utf-8")


def test_json_output_is_the_normalised_model_and_matches_its_schema():
    schema = json.loads((ROOT / "schemas" / "journeymap.normalised.schema.json").read_text("utf-8"))
    for path in example_paths() + [HOSTILE]:
        data = json.loads(render(path, "json"))
        jsonschema.Draft202012Validator(schema).validate(data)
        assert data["lanes"] and all(s["id"] for s in data["stages"])
        assert data == {"$schema": data["$schema"], **journeymap.load(path).model_dump(mode="json")}


def test_committed_normalised_schema_is_fresh():
    from journeymap.schema import schema_text

    committed = (ROOT / "schemas" / "journeymap.normalised.schema.json").read_text("utf-8")
    assert committed == schema_text(normalised=True)


def test_mermaid_writes_grammar_characters_as_entity_codes():
    mmd = render(HOSTILE, "mmd").decode("utf-8")
    for line in mmd.splitlines()[1:]:
        body = line.strip()
        if body.startswith(("title ", "section ", "accDescr: ", "%%")):
            continue
        name, score, *actors = body.split(": ")
        assert score in {"1", "2", "3", "4", "5"}, line
        assert len(actors) <= 1 and ":" not in name + "".join(actors), line
    # Entity codes that Mermaid shows as the characters, not look-alikes.
    assert "#60;script#62;alert(1)#60;/script#62;: 1:" in mmd
    assert "#38;amp#59; \"quotes\"" in mmd and "javascript#58;alert(1)" in mmd
    assert not set("꞉＃；％‚｛｝") & set(mmd)


def effective_emotions(journey):
    """[(touchpoint name, {persona name: emotion})]: what the map says each
    participant felt, however it was written."""
    names = {p.id: p.name for p in journey.personas}
    found = []
    for _, tp in journey.all_touchpoints():
        name = tp.name
        if isinstance(tp.emotion, dict):
            felt = {names[k]: v for k, v in tp.emotion.items()}
        else:
            felt = {names.get(p, p): tp.emotion for p in tp.personas} or {None: tp.emotion}
        found.append((name, felt))
    return found


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_mermaid_round_trip_keeps_stages_touchpoints_and_scores(path):
    journey = journeymap.load(path)
    text, problems = convert(render(path, "mmd").decode("utf-8"), "round-trip.mmd")
    assert text is not None, problems
    back = journeymap.loads(text)
    assert [s.name for s in back.stages] == [s.name for s in journey.stages]
    assert effective_emotions(back) == effective_emotions(journey)


def test_mermaid_round_trip_keeps_names_with_grammar_characters():
    names = ["Pay: card; or cash", "50% off #1", "<b>bold</b> & co", "#58; literally", "title case",
             "a, b", "section two", "  spaced  "]
    journey = journeymap.loads(yaml.safe_dump({
        "title": "T: #1 & <x>", "personas": [{"id": "p", "name": "Ann, the: buyer"}],
        "stages": [{"name": "S: one #2", "touchpoints": [{"name": n, "emotion": 1} for n in names]}]}))
    text, problems = convert(load("mmd").render(journey, RenderOptions(), "mmd").decode("utf-8"), "round-trip.mmd")
    assert text is not None, problems
    back = journeymap.loads(text)
    assert back.title == journey.title and back.stages[0].name == journey.stages[0].name
    assert [tp.name for tp in back.stages[0].touchpoints] == [n.strip() for n in names]
    assert [p.name for p in back.personas] == ["Ann, the: buyer"]
