"""`-f mmd` with hostile names: what Mermaid shows is the name.

Two clients read our diagrams:

* `read_like_mermaid()` below, a small model of what Mermaid 11 does to a
  journey diagram: its pre-processing (CR LF, tag quotes, `%%{init}%%`
  directives, `%%` comment lines, the 50,000 character limit), its entity
  codes (`#58;` -> placeholder -> `&#58;` in the SVG), the journey lexer's
  rules in their order (case-insensitive, first match wins, JavaScript's
  `\\s`), the grammar, and the HTML sanitizer that titles and descriptions
  pass through. Fast, so property tests use it freely.
* mmdc (`@mermaid-js/mermaid-cli`) where installed: every diagram of a test
  session goes into one Markdown file and one mmdc run (one browser start);
  the SVG text of every title, section, task and actor must equal the name,
  and must be what the model above predicted. Skipped without mmdc.

What "equal" means: Mermaid draws a diagram line, so line breaks and runs of
spaces and tabs in a name are shown as one space and the ends are trimmed
(`shown()`), as HTML shows them anyway; a name that is then empty is written
as one space.
"""

import html
import json
import os
import re
import shutil
import string
import subprocess
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.loading.characters import FORBIDDEN as _CONTROL
from journeymap.model import Journey
from journeymap.normalise import normalise
from journeymap.renderers import RenderOptions
from journeymap.renderers.mermaid import renderer

# What Mermaid does -----------------------------------------------------------------------

# JavaScript's \s (and what String.prototype.trim() removes)
JS_SPACES = "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) \
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_SPACE = re.escape(JS_SPACES)
FLAGS = re.IGNORECASE | re.ASCII  # jison's case-insensitive option; JavaScript's \w and \b
LEXER = {  # state -> [(rule, token or None to skip, state change)], in Mermaid's order
    "INITIAL": [
        (r"%(?!\{)[^\n]*", None, None), (r"[^}]%%[^\n]*", None, None), (r"\n+", "NEWLINE", None),
        (f"[{JS_SPACE}]+", None, None), (r"#[^\n]*", None, None), (r"journey\b", "journey", None),
        (r"title[" + JS_SPACE + r"][^#\n;]+", "title", None),
        (f"accTitle[{JS_SPACE}]*:[{JS_SPACE}]*", "acc_title", "push acc_title"),
        (f"accDescr[{JS_SPACE}]*:[{JS_SPACE}]*", "acc_descr", "push acc_descr"),
        (f"accDescr[{JS_SPACE}]*{{[{JS_SPACE}]*", None, "push acc_descr_multiline"),
        (f"section[{JS_SPACE}][^#:\\n;]+", "section", None), (r"[^#:\n;]+", "taskName", None),
        (r":[^#\n;]+", "taskData", None), (r":", ":", None), (r"\Z", "EOF", None),
        (r"[^\n\r\u2028\u2029]", "INVALID", None)],
    "acc_title": [(r"[^\n]*", "acc_title_value", "pop")],
    "acc_descr": [(r"[^\n]*", "acc_descr_value", "pop")],
    "acc_descr_multiline": [(r"}", None, "pop"), (r"[^}]*", "acc_descr_multiline_value", None)],
}
COMPILED = {state: [(re.compile(rule, FLAGS), token, change) for rule, token, change in rules]
            for state, rules in LEXER.items()}


class MermaidError(AssertionError):
    pass


def preprocess(text: str) -> str:
    """Mermaid's preprocessDiagram, for a diagram without front matter."""
    text = re.sub(r"\r\n?", "\n", text)
    text = re.sub(r"<(\w+)([^>]*)>", lambda m: "<" + m.group(1) + re.sub(
        r'="([^"]*)"', r"='\1'", m.group(2)) + ">", text, flags=re.ASCII)
    if re.search(r"%{2}{", text):
        raise MermaidError("a %%{...}%% directive would change Mermaid's configuration")
    text = re.sub(r"^[" + JS_SPACE + r"]*%%(?!{)[^\n]+\n?", "", text, flags=re.MULTILINE)
    text = text.lstrip(JS_SPACES)
    if len(text) > 50_000:
        raise MermaidError("over Mermaid's maxTextSize: it draws an error message instead")
    return text


def encode_entities(text: str) -> str:
    """Mermaid's encodeEntities: `style ...:...#...;` lines lose their `;`,
    then `#name;` and `#123;` become placeholders."""
    for keyword in ("style", "classDef"):
        text = re.sub(keyword + r".*:\S*#.*;", lambda m: m.group()[:-1], text)
    return re.sub(r"#(\w+);", lambda m: ("\ufb02\u00b0\u00b0" if m.group(1).isdigit() else "\ufb02\u00b0")
                  + m.group(1) + "\u00b6\u00df", text, flags=re.ASCII)


def tokens(text: str) -> list[tuple[str, str]]:
    found, states, position = [], ["INITIAL"], 0
    while position < len(text):
        for rule, token, change in COMPILED[states[-1]]:  # noqa: B007 (used after the break)
            match = rule.match(text, position)
            if match:
                break
        else:
            raise MermaidError(f"no lexer rule matches at {text[position:position + 20]!r}")
        if token == "INVALID":
            raise MermaidError(f"Mermaid cannot read {match.group()!r} at {text[position:position + 20]!r}")
        if change == "pop":
            states.pop()
        elif change:
            states.append(change.split()[1])
        if token == "EOF":
            break
        if token:
            found.append((token, match.group()))
        if match.end() == position and change is None:
            raise MermaidError(f"the lexer is stuck at {text[position:position + 20]!r}")
        position = match.end()
    return found


def sanitized(text: str) -> str:
    """DOMPurify's result for text without tags: the HTML serialisation,
    which `.text()` then shows literally."""
    if "<" in text:
        raise MermaidError(f"DOMPurify would rewrite {text!r}")
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("\u00a0", "&nbsp;")


def in_svg(text: str) -> str:
    """A text Mermaid put in the SVG, as an SVG reader reads it: serialised
    (`&`, `<`, `>` escaped), placeholders turned into `&#58;`, parsed back."""
    markup = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    markup = markup.replace("\ufb02\u00b0\u00b0", "&#").replace("\ufb02\u00b0", "&").replace("\u00b6\u00df", ";")
    return html.unescape(markup)


def read_like_mermaid(diagram: str) -> dict:
    """{"title", "description", "sections": [(name, [(task, score, [actors])])]}"""
    found = {"title": None, "description": None, "sections": []}
    stream = tokens(encode_entities(preprocess(diagram)) + "\n")
    if not stream or stream[0][0] != "journey":
        raise MermaidError("a journey diagram starts with `journey`")
    index = 1
    while index < len(stream):
        kind, value = stream[index]
        index += 1
        if kind == "NEWLINE":
            continue
        if kind == "title":
            found["title"] = in_svg(sanitized(value[6:]))
        elif kind == "acc_descr":
            kind, value = stream[index]
            index += 1
            found["description"] = in_svg(sanitized(value.strip(JS_SPACES)))
        elif kind == "section":
            found["sections"].append((in_svg(value[8:]), []))
        elif kind == "taskName":
            if index >= len(stream) or stream[index][0] != "taskData":
                raise MermaidError(f"task {value!r} has no `: score`")
            pieces = stream[index][1][1:].split(":")
            index += 1
            actors = [in_svg(a.strip(JS_SPACES)) for a in pieces[1].split(",")] if len(pieces) > 1 else []
            if not found["sections"]:
                found["sections"].append(("", []))
            found["sections"][-1][1].append((in_svg(value), pieces[0].strip(), actors))
        else:
            raise MermaidError(f"unexpected {kind} {value!r}")
    return found


# The journey -----------------------------------------------------------------------------

def shown(name: str) -> str:
    """What Mermaid shows of a name (see the module docstring)."""
    flat = re.sub("[ \t\n\r\x85\u2028\u2029]+", " ", unicodedata.normalize("NFC", name)).strip(" ")
    return flat or " "


def journey_of(title: str, scenario: str, stages: list[list[str]], personas: list[str]) -> Journey:
    """Stages named by each list's first name, touchpoints by the others;
    every other touchpoint has an emotion per persona (several task lines)."""
    ids = [f"p{n}" for n in range(len(personas))]
    stage_data = []
    for s, names in enumerate(stages):
        touchpoints = []
        for t, name in enumerate(names[1:]):
            touchpoint = {"id": f"t{s}-{t}", "name": name, "emotion": t % 5 - 2}
            if ids and t % 2:
                touchpoint["emotion"] = {pid: (t + n) % 5 - 2 for n, pid in enumerate(ids)}
            touchpoints.append(touchpoint)
        stage_data.append({"id": f"s{s}", "name": names[0], "touchpoints": touchpoints})
    data = {"title": title, "scenario": scenario, "stages": stage_data,
            "personas": [{"id": pid, "name": name} for pid, name in zip(ids, personas, strict=False)]}
    return normalise(Journey.model_validate(data))


def mmd(journey: Journey) -> str:
    return renderer.render(journey, RenderOptions(), "mmd").decode("utf-8")


def expected_view(journey: Journey) -> dict:
    """What Mermaid must show for this journey."""
    names = {p.id: shown(p.name) for p in journey.personas}
    sections = []
    for stage in journey.stages:
        tasks = []
        for tp in stage.touchpoints:
            if isinstance(tp.emotion, dict):
                groups = {}
                for persona in journey.personas:
                    score = tp.emotion[persona.id] + 3  # the scale −2..2 is Mermaid's 1..5
                    groups.setdefault(score, []).append(names[persona.id])
                tasks += [(shown(tp.name), str(value), actors) for value, actors in groups.items()]
            else:
                tasks.append((shown(tp.name), str(tp.emotion + 3), [names[p] for p in tp.personas]))
        sections.append((shown(stage.name), tasks))
    scenario = shown(journey.scenario) if journey.scenario else " "
    return {"title": shown(journey.title) if shown(journey.title) != " " else None,
            "description": scenario if scenario != " " else None, "sections": sections}


def assert_mermaid_shows(journey: Journey) -> None:
    diagram = mmd(journey)
    assert read_like_mermaid(diagram) == expected_view(journey), diagram


# Names that try to become Mermaid syntax -------------------------------------------------------

KEYWORDS = ["title x", "Title", "TITLE  y", "section s", "Section", "journey", "Journey x", "journeys",
            "accTitle: t", "acctitle", "accDescr: d", "accDescr { d", "ACCDESCR{", "\ufefftitle x",
            "\u00a0section y", "\u3000journey", "\u2003accTitle: z", " title leading space"]
CORPUS = KEYWORDS + [
    "a: b", "a:b:c", "5: 5", ": 5: actor", "a; b", ";", "# not a comment", "a # b", "#58;",
    "#35;#59;", "&#58;", "&amp;", "& < > \"", "%% comment", "a %% b", "%%{init: {'theme': 'dark'}}%%",
    "%", "50%", "<b>bold</b>", "<br>", "<br/>next", "<img src=x onerror=alert(1)>", '<a href="x">l</a>',
    "\ufb02\u00b0\u00b0", "\ufb02\u00b0lt\u00b6\u00df", "\u00b6\u00df", "x¶ß", "{", "}", "{x}", "`code`",
    "a, b", ",", "line\nbreak", "line\r\nbreak", "a\u2028b\x85c", "  padded  ", "\t", "", " ",
    "\n", "\u00a0", "\ufeff", "\u200b", "\u202eevil", "zero\u200bwidth", "👨\u200d👩\u200d👧",
    "Кофе", "中文", "مرحبا", "style x:y#z;", "classDef a:b#c;", "x" * 300, "word " * 60,
    "---", "--- x", "graph TD", "click x", "%%", "\\", "\\n", "'quoted'", "=", "=>", "-->",
]


def corpus_journey() -> Journey:
    stages = [CORPUS[i:i + 8] for i in range(0, len(CORPUS), 8)]
    title = "  Title: <b>x</b> & &amp; #58; ; # %% %%{init: {}}%% \ufb02\u00b0 \u00b6\u00df \u00a0 \"q\"  "
    return journey_of(title, "accDescr: a\nb; #c %%{init}%% <i>&amp;</i>", stages,
                      ["Eve, the <b>one</b>", "title Bob: 5", "#59;", "  ", "\ufeffAnn; Lee"])


def test_corpus_reads_back_as_written_in_the_model_of_mermaid():
    assert_mermaid_shows(corpus_journey())


@pytest.mark.parametrize("name", CORPUS, ids=lambda name: repr(name)[:40])
def test_every_name_kind_reads_back(name):
    assert_mermaid_shows(journey_of(name, name, [[name, name, name]], [name, "Other"]))


def test_no_line_starts_with_a_keyword_and_every_task_has_name_score_actors():
    lines = mmd(corpus_journey()).splitlines()
    assert lines[0] == "journey"
    for line in lines[1:]:
        body = line.strip()
        keyword = body.split(" ", 1)[0]
        if keyword in ("title", "section", "accDescr:", "%%"):
            assert line.startswith("    " if keyword != "%%" else "      "), line
            continue
        name, score, *actors = body.split(": ")
        for text in [name] + actors:  # entity codes aside, no character the grammar reads
            assert re.fullmatch(r"[^:;#%<>&]*", re.sub(r"#\d+;", "", text, flags=re.ASCII)), line
        assert not re.match(r"(?i)journey|title|section|acc", name), line
        assert score in {"1", "2", "3", "4", "5"} and len(actors) <= 1, line


def test_grammar_characters_are_entity_codes_not_look_alikes():
    diagram = mmd(journey_of("a: b", "c; d", [["s # e", "x: y; z # w % v"]], ["P, Q"]))
    assert "x#58; y#59; z #35; w #37; v: 1: P#44; Q" in diagram
    assert not set("꞉＃；％‚｛｝") & set(diagram)


# Property tests over the model of Mermaid -----------------------------------------------------

ALLOWED = st.characters(exclude_categories=("Cs",)).filter(lambda char: not _CONTROL.match(char))
PIECES = ["title", "Title ", "section ", "journey", "accTitle", "accDescr", ":", ": ", ";", "#",
          "#58;", "#x;", "&", "&amp;", "%", "%%", "%%{", "}%%", "{", "}", "<", ">", "<b>", "</b>",
          '="', ",", "\ufb02", "\u00b0", "\u00b6", "\u00df", "\n", "\r\n", "\t", " ", "  ", "\u00a0",
          "\ufeff", "\u2028", "\u3000", "\u200b", "style", "classDef", "x", "1", "é", "中", "\\"]
names = st.one_of(st.lists(st.sampled_from(PIECES), max_size=10).map("".join),
                  st.text(ALLOWED, max_size=20),
                  st.text(st.sampled_from(string.punctuation + " \t\n\u00a0\ufeffaZ1"), max_size=12))


@st.composite
def journeys(draw):
    stages = draw(st.lists(st.lists(names, min_size=1, max_size=4), min_size=1, max_size=3))
    return journey_of(draw(names), draw(names), stages, draw(st.lists(names, max_size=3)))


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_any_names_read_back_in_the_model_of_mermaid(journey):
    assert_mermaid_shows(journey)


# The real Mermaid ----------------------------------------------------------------------------

PUPPETEER = {"args": ["--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"]}
BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def svg_view(path) -> dict:
    """Title, description and sections with their tasks, as the SVG shows them."""
    ns = {"svg": "http://www.w3.org/2000/svg", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(path).getroot()
    bold = [t for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("font-weight") == "bold"]
    desc = root.find("svg:desc", ns)
    view = {"title": bold[0].text if bold else None, "description": desc.text if desc is not None else None,
            "sections": []}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        rect = group.find("svg:rect", ns)
        label = group.find("svg:switch/svg:foreignObject/x:div/x:div", ns)
        if rect is None or label is None:
            continue
        text = label.text or ""
        tspans = "".join(t.text or "" for t in group.findall("svg:switch/svg:text/svg:tspan", ns))
        assert tspans == text, (tspans, text)
        if "journey-section" in rect.get("class", ""):
            view["sections"].append((text, []))
        else:
            actors = [c.findtext("svg:title", "", ns) for c in group.findall("svg:circle", ns)
                      if c.find("svg:title", ns) is not None]
            view["sections"][-1][1].append((text, None, actors))
    return view


def as_drawn(view: dict) -> dict:
    """The view as Mermaid draws it: no scores (a face's height), and a
    section only where a task starts one (none for a stage without tasks,
    one for two stages in a row of the same name)."""
    sections = []
    for name, tasks in view["sections"]:
        tasks = [(task, None, actors) for task, _, actors in tasks]
        if sections and sections[-1][0] == name:
            sections[-1][1].extend(tasks)
        elif tasks:
            sections.append((name, tasks))
    return {**view, "sections": sections}


@pytest.fixture(scope="module")
def mermaid_cli(tmp_path_factory):
    program = shutil.which("mmdc")
    if program is None and os.environ.get("CI"):  # .ci/run installs it: missing there is a failure
        pytest.fail("mmdc is not installed, although .ci/run installs it")
    if program is None:
        pytest.skip("mmdc is not installed (npm install -g @mermaid-js/mermaid-cli)")
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or next(
        (path for path in BROWSERS if os.path.exists(path)), None)
    if browser is None:
        pytest.skip("no Chromium for mmdc")
    folder = tmp_path_factory.mktemp("mmdc")
    config = folder / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": browser, **PUPPETEER}), "utf-8")

    def run(journeys: list[Journey]) -> list[dict]:
        """Every journey drawn by Mermaid in one mmdc run: what each SVG shows."""
        blocks = "\n".join(f"```mermaid\n{mmd(j)}```\n" for j in journeys)
        (folder / "in.md").write_text(blocks, "utf-8")
        done = subprocess.run([program, "-p", str(config), "-i", str(folder / "in.md"),
                               "-o", str(folder / "out.md")], capture_output=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
        return [svg_view(folder / f"out-{n}.svg") for n in range(1, len(journeys) + 1)]

    return run


def collected_names(count: int) -> list[str]:
    """Names from the property-test strategy (hypothesis), for one batch."""
    drawn = []

    @settings(max_examples=count, deadline=None, database=None)
    @given(st.lists(names, min_size=1, max_size=3))
    def collect(batch):
        drawn.extend(batch)

    collect()
    return drawn


def test_mermaid_cli_shows_every_name_as_written(mermaid_cli):
    arbitrary = collected_names(40)
    generated = journey_of(arbitrary[0], arbitrary[-1], [arbitrary[i:i + 6] for i in range(0, len(arbitrary), 6)],
                           arbitrary[1:4])
    journeys = [corpus_journey(), generated, journey_of("%%{init}%% & <b>", "#58;", [["s", "t"]], [])]
    for journey, view in zip(journeys, mermaid_cli(journeys), strict=False):
        assert view == as_drawn(expected_view(journey)), mmd(journey)
        assert view == as_drawn(read_like_mermaid(mmd(journey))), "the model of Mermaid is wrong"
