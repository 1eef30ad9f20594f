"""The `html` page in a real headless Chromium (DevTools protocol on a pipe,
one browser for the module): zoom, keys, persona and lane filters, touchpoint
details by keyboard, nothing clipped from 360 px to 1920 px, the strict CSP
allows the page's own style and script and nothing reports a violation."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from pathlib import Path

import pytest

import journeymap
from browser import find_chromium
from conftest import EXAMPLES
from devtools import DevToolsPipe
from journeymap.renderers import RenderOptions
from journeymap.renderers.html_page import csp_hash
from journeymap.renderers.registry import load
from journeymap.renderers.swimlane import render_svg


class Tab:
    """One page of the shared browser: every command goes to its session."""

    def __init__(self, browser: DevToolsPipe, session: str) -> None:
        self.browser = browser
        self.session = session

    @property
    def events(self) -> list[dict]:
        return [e for e in self.browser.events if e.get("sessionId") == self.session]

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.browser.call(method, params, self.session)

    def evaluate(self, expression: str, wait: bool = False) -> object:
        """The value of `expression` (with `wait`: of the promise it gives)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": wait})
        if "exceptionDetails" in result:
            raise AssertionError(result["exceptionDetails"])
        return result["result"].get("value")

    def wait_for(self, expression: str) -> None:
        deadline = time.monotonic() + 10
        while not self.evaluate(expression):
            assert time.monotonic() < deadline, f"never true: {expression}"
            time.sleep(0.05)

    def key(self, key: str, code: str, text: str = "") -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code, "text": text if
                                                 kind == "keyDown" else "", "windowsVirtualKeyCode": 0})

    def width(self, pixels: int) -> None:
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": pixels, "height": 900, "deviceScaleFactor": 1, "mobile": pixels < 600})


class Browser(DevToolsPipe):
    """Chromium, started once for the module; `open` gives a new page."""

    def open(self, path: Path, script: bool = True, scheme: str = "light") -> Tab:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        tab = Tab(self, self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"])
        for domain in ("Page", "Log", "Runtime", "Accessibility"):
            tab.call(f"{domain}.enable")
        tab.call("Emulation.setScriptExecutionDisabled", {"value": not script})
        tab.call("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        tab.width(1280)
        tab.call("Page.navigate", {"url": path.as_uri()})
        tab.wait_for("document.readyState === 'complete' && !!document.querySelector('svg')")
        return tab


def page_of(name: str, **options: object) -> str:
    journey = journeymap.load(EXAMPLES / name)
    return load("html").render(journey, RenderOptions(**options), "html").decode("utf-8")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@pytest.fixture(scope="module")
def browser(folder):
    program = find_chromium()
    if program is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed")
        pytest.skip("chromium is not installed")
    started = Browser(program, str(folder / "profile"))
    try:
        yield started
    finally:
        started.close()


def opened(browser: Browser, folder: Path, name: str, text: str, **how: object) -> Tab:
    path = folder / name
    path.write_text(text, "utf-8")
    return browser.open(path, **how)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def page(browser, folder):
    return opened(browser, folder, "bank-account-opening.html", page_of("bank-account-opening.yaml"))


def test_the_policy_hashes_exactly_the_inline_style_and_script():
    text = page_of("bank-account-opening.yaml")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    assert policy is not None
    style = re.search(r"<style>(.*?)</style>", text, re.DOTALL)
    script = re.search(r"<script>(.*?)</script>", text, re.DOTALL)
    assert style and script
    assert f"style-src {csp_hash(style.group(1))}" in policy.group(1)
    assert f"script-src {csp_hash(script.group(1))}" in policy.group(1)
    assert policy.group(1).startswith("default-src 'none'; img-src data:;")
    assert "unsafe" not in policy.group(1)
    assert re.search(r"@page\s*\{[^}]*size:\s*A3 landscape", style.group(1))
    assert " style=" not in text.split("<svg", 1)[0] + text.split("</svg>", 1)[1]  # blocked by the policy
    assert not re.search(r"\son[a-z]+=", text)  # no inline handlers


def test_title_and_personas_are_shown_once():
    text = page_of("bank-account-opening.yaml")
    assert "<h1>Opening a current account online</h1>" in text
    assert ">Opening a current account online</tspan>" not in text  # not drawn again in the SVG
    assert text.count(">Tom Becker</h3>") + text.count(" Tom Becker</h3>") == 1
    assert 'id="jm-8e5d1531-personas"' not in text and 'id="jm-8e5d1531-header"' not in text


def shown_marks(tab: Tab, persona: str) -> dict[str, int]:
    """How many of a persona's marks in the map (curve pieces, faces,
    markers, its name) are hidden and how many shown."""
    return tab.evaluate(f"""[...document.querySelectorAll('figure.map svg [data-persona]')]
      .filter(m => m.getAttribute('data-persona') === {json.dumps(persona)})
      .reduce((n, m) => (n[getComputedStyle(m).display === 'none' ? 'none' : 'shown'] += 1, n),
              {{none: 0, shown: 0}})""")  # type: ignore[return-value]


def test_the_controls_work_and_the_policy_holds(page):
    assert page.evaluate("!document.getElementById('jm-controls').hidden")  # shown by the script
    width = page.evaluate("parseFloat(document.querySelector('figure.map svg').getAttribute('width'))")
    page.evaluate("document.getElementById('jm-zoom-in').click()")
    zoomed = page.evaluate("parseFloat(document.querySelector('figure.map svg').getAttribute('width'))")
    assert isinstance(width, (int, float)) and isinstance(zoomed, (int, float))
    assert zoomed == pytest.approx(width * 1.25, 0.01)
    page.evaluate("document.body.focus()")
    page.key("+", "Equal", "+")
    assert page.evaluate("document.querySelector('figure.map svg').dataset.scale") == "1.56"
    page.key("0", "Digit0", "0")
    assert page.evaluate("document.querySelector('figure.map svg').dataset.scale") == "1.00"

    toms, priyas = shown_marks(page, "tom"), shown_marks(page, "priya")
    assert toms["none"] == priyas["none"] == 0 and toms["shown"] >= 4 and priyas["shown"] >= 4
    # Beside the name at the curve's end, the values written under the chart are the persona's too.
    written = page.evaluate("[...document.querySelectorAll('figure.map svg g.jm-box[data-persona=tom]')]"
                            ".map(g => g.textContent.trim())")
    assert isinstance(written, list) and len(written) >= 3 and any("+" in t or "−" in t for t in written)
    page.evaluate("document.querySelector('#jm-persona-filter input[data-persona=tom]').click()")
    assert shown_marks(page, "tom") == {"none": toms["shown"], "shown": 0}
    assert shown_marks(page, "priya") == priyas
    page.evaluate("document.querySelector('#jm-persona-filter input[data-persona=tom]').click()")
    assert shown_marks(page, "tom") == toms

    lane = "document.querySelector('#jm-lane-filter input[data-lane$=\"-lane-pains\"]')"
    pinned = "document.querySelector('.jm-pin-lanes').querySelectorAll('g')"
    page.evaluate(f"{lane}.click()")
    assert page.evaluate("getComputedStyle(document.querySelector('svg g[id$=\"-lane-pains\"]')).display") == "none"
    assert page.evaluate(f"[...{pinned}].filter(g => getComputedStyle(g).display === 'none')"
                         ".map(g => g.textContent.trim())") == ["Pain points"]
    page.evaluate(f"{lane}.click()")

    page.evaluate("document.querySelector('article.touchpoint').focus()")
    panel = "document.getElementById('jm-details')"
    assert page.evaluate(f"!{panel}.hidden && {panel}.textContent.includes("
                         "document.querySelector('article.touchpoint h3').textContent)")
    page.key("Escape", "Escape")
    assert page.evaluate(f"{panel}.hidden")
    assert page.evaluate("document.activeElement === document.querySelector('article.touchpoint')")

    problems = [e for e in page.events if e["method"] in ("Log.entryAdded", "Runtime.exceptionThrown")
                and ("Content Security Policy" in json.dumps(e) or e["method"] == "Runtime.exceptionThrown")]
    assert problems == []


# The details panel may scroll down (a long touchpoint on a small screen), never sideways.
CLIPPED = """[...document.querySelectorAll('.card, .details, header, .controls, dd, dt')]
  .filter(e => e.offsetParent !== null || e.id === 'jm-details')
  .filter(e => (e.id !== 'jm-details' && e.scrollHeight > e.clientHeight + 1) || e.scrollWidth > e.clientWidth + 1)
  .map(e => e.className + ': ' + e.textContent.slice(0, 40))"""


@pytest.mark.parametrize("pixels", [360, 1920, 3840])
def test_nothing_is_clipped(page, pixels):
    page.width(pixels)
    page.evaluate("document.querySelector('article.touchpoint').click()")
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.key("Escape", "Escape")


# Where the pinned copies of the lane titles and stage names are, after the
# map is scrolled right to its end and down to its last lane: every one whose
# lane (stage) is in sight must be inside the viewport, at its left (top)
# edge, and not under the other pinned strip.
PINNED = """(() => {
  const port = document.querySelector('figure.map .viewport');
  const edge = port.getBoundingClientRect();
  const seen = {left: edge.left + port.clientLeft, top: edge.top + port.clientTop};
  seen.right = seen.left + port.clientWidth; seen.bottom = seen.top + port.clientHeight;
  const pinned = document.querySelector('.jm-pin-lanes').getBoundingClientRect();
  const column = pinned.width ? pinned : {left: seen.left, right: seen.left, width: 0};
  const band = document.querySelector('.jm-pin-stages').getBoundingClientRect();
  const inside = (r, f) => r.width > 0 && r.left >= f.left - 1 && r.right <= f.right + 1
                           && r.top >= f.top - 1 && r.bottom <= f.bottom + 1;
  const lanes = [...document.querySelectorAll('figure.map svg g[id*="-lane-"][role=group]')];
  const stages = [...document.querySelectorAll('figure.map svg g[id*="-stage-"][role=group]')];
  const laneCopies = [...document.querySelectorAll('.jm-pin-lanes > g')];
  const stageCopies = [...document.querySelectorAll('.jm-pin-stages text[role=heading]')];
  const out = {lanes: [], stages: [], problems: [], column: column.width && column.left - seen.left,
               band: band.top - seen.top, share: pinned.width / port.clientWidth,
               firstTitle: lanes[0].querySelector('text').getBoundingClientRect().right - seen.left};
  lanes.forEach((lane, i) => {
    if (!column.width) return;
    const row = lane.querySelector(':scope > rect').getBoundingClientRect();
    if (row.bottom <= band.bottom + 20 || row.top >= seen.bottom - 20) return;
    const title = laneCopies[i].querySelector('text[role=heading]');
    const r = title.getBoundingClientRect(), own = lane.querySelector('text[role=heading]').getBoundingClientRect();
    out.lanes.push(title.textContent);
    const frame = {left: seen.left, right: column.right, top: Math.max(band.bottom, row.top), bottom: row.bottom};
    if (!inside(r, seen) || !inside(r, frame)) out.problems.push(['lane', title.textContent, r.left, r.top]);
    if (Math.abs(r.height - own.height) > 1) out.problems.push(['lane size', r.height, own.height]);
  });
  stages.forEach((stage, i) => {
    const cell = stage.querySelector(':scope > rect').getBoundingClientRect();
    if (cell.right <= column.right + 40 || cell.left >= seen.right - 40) return;
    const r = stageCopies[i].getBoundingClientRect();
    out.stages.push(stageCopies[i].textContent);
    const frame = {left: Math.max(column.right, cell.left), right: cell.right, top: seen.top, bottom: band.bottom};
    if (!inside(r, seen) || !inside(r, frame)) out.problems.push(['stage', stageCopies[i].textContent, r.left, r.top]);
  });
  return out;
})()"""


@pytest.mark.parametrize(("pixels", "clicks"), [(360, 0), (1280, 0), (1280, 3), (360, 3)])
def test_lane_and_stage_labels_stay_pinned_when_the_map_is_panned_and_zoomed(page, pixels, clicks):
    """At 360 px zoomed in (3 clicks), the lane titles would take most of the
    viewport: they scroll with the map there, and only the stages stay."""
    page.width(pixels)
    page.key("0", "Digit0", "0")
    for _ in range(clicks):
        page.evaluate("document.getElementById('jm-zoom-in').click()")
    page.evaluate("""(() => { const port = document.querySelector('figure.map .viewport');
      const lanes = port.querySelectorAll('svg g[id*="-lane-"][role=group] > rect:first-child');
      port.scrollLeft = port.scrollWidth;
      port.scrollTop += lanes[lanes.length - 1].getBoundingClientRect().bottom - port.getBoundingClientRect().bottom + 8;
    })()""")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))", wait=True)
    found = page.evaluate(PINNED)
    assert isinstance(found, dict)
    assert found["firstTitle"] < 0  # the map's own titles have scrolled away to the left
    assert found["column"] == pytest.approx(0, abs=1) and found["band"] == pytest.approx(0, abs=1)
    assert "First use" in found["stages"], found
    if (pixels, clicks) == (360, 3):
        assert found["lanes"] == [] and found["share"] == 0
    else:
        assert "Evidence" in found["lanes"] and 0.1 < found["share"] <= 0.5, found
    assert found["problems"] == []
    page.key("0", "Digit0", "0")


def test_two_personas_of_one_colour_are_shown_and_hidden_apart(browser, folder):
    journey = journeymap.load(EXAMPLES / "bank-account-opening.yaml")
    alike = journey.model_copy(update={"personas": [p.model_copy(update={"color": "#0969da"})
                                                    for p in journey.personas]})
    tab = opened(browser, folder, "one-colour.html", load("html").render(alike, RenderOptions(), "html").decode())
    before = {pid: shown_marks(tab, pid) for pid in ("priya", "tom", "ana")}
    assert all(marks["shown"] >= 4 and marks["none"] == 0 for marks in before.values())
    tab.evaluate("document.querySelector('#jm-persona-filter input[data-persona=tom]').click()")
    assert shown_marks(tab, "tom") == {"none": before["tom"]["shown"], "shown": 0}
    assert shown_marks(tab, "priya") == before["priya"] and shown_marks(tab, "ana") == before["ana"]


def test_without_javascript_the_map_and_details_are_there_once(browser, folder):
    path = folder / "bank-account-opening.html"  # written by the `page` fixture's first use
    path.write_text(page_of("bank-account-opening.yaml"), "utf-8")
    tab = browser.open(path, script=False)
    assert tab.evaluate("document.getElementById('jm-controls').hidden")
    assert tab.evaluate("document.querySelectorAll('.jm-pin, .jm-stack').length") == 0
    assert tab.evaluate("document.querySelector('figure.map svg').getBoundingClientRect().width") > 500
    assert tab.evaluate("document.querySelectorAll('article.touchpoint').length") == 7
    assert headings(tab).count(("Evidence", 3)) == 1


def test_the_auto_theme_repaints_the_pinned_labels_with_the_map(browser, folder):
    tab = opened(browser, folder, "auto.html", page_of("bank-account-opening.yaml", theme="auto"), scheme="dark")
    fills = tab.evaluate("""[document.querySelector('figure.map svg > rect'), document.querySelector('.jm-pin-lanes > rect'),
      document.querySelector('figure.map svg text[role=heading]'), document.querySelector('.jm-pin-stages text[role=heading]')]
      .map(e => getComputedStyle(e).fill)""")
    assert fills == ["rgb(13, 17, 23)"] * 2 + [fills[2]] * 2 and fills[2] != "rgb(31, 35, 40)"
    # The page around the map follows the reader's preference too: the dark theme's colours.
    page = tab.evaluate("""[document.body, document.querySelector('article.touchpoint')]
      .flatMap(e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color])""")
    assert page == ["rgb(13, 17, 23)", "rgb(230, 237, 243)", "rgb(22, 27, 34)", "rgb(230, 237, 243)"]
    light = opened(browser, folder, "auto-light.html", page_of("bank-account-opening.yaml", theme="auto"),
                   scheme="light")
    assert light.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_the_control_words_are_the_maps_language_also_those_the_script_writes(browser, folder):
    tab = opened(browser, folder, "zh.html", page_of("smartwatch-purchase.zh.yaml"))
    spoken = tab.evaluate("""[...document.querySelectorAll('#jm-controls, #jm-details, figure.map .viewport')]
      .flatMap(e => [e, ...e.querySelectorAll('*')]).filter(e => !e.closest('svg'))
      .flatMap(e => [e.getAttribute('aria-label'), e.getAttribute('title')]).filter(Boolean)
      .concat([document.getElementById('jm-controls').innerText])""")
    assert isinstance(spoken, list) and len(spoken) >= 8
    assert [text for text in spoken if re.search("[A-Za-z]", text)] == []
    assert "泳道" in spoken[-1] and "行为" in spoken[-1]  # the lane filter, written by the script


# Roles whose children are presentational (WAI-ARIA): Chromium's own tree
# keeps them, but it hands an image to a screen reader as one leaf.
LEAVES = ("image", "img")


def ax_tree(tab: Tab) -> list[dict]:
    """The accessibility tree as a screen reader gets it, in reading order:
    without the nodes Chromium ignores (hidden ones among them), nor what
    lies inside an image."""
    nodes = tab.call("Accessibility.getFullAXTree")["nodes"]
    by_id = {node["nodeId"]: node for node in nodes}
    found: list[dict] = []

    def visit(node: dict) -> None:
        if not node.get("ignored"):
            found.append(node)
            if node["role"]["value"] in LEAVES:
                return
        for child in node.get("childIds", []):
            if child in by_id:
                visit(by_id[child])

    visit(nodes[0])
    return found


def headings(tab: Tab) -> list[tuple[str, int]]:
    return [(node["name"]["value"], next(p["value"]["value"] for p in node["properties"] if p["name"] == "level"))
            for node in ax_tree(tab) if node["role"]["value"] == "heading"]


def spoken_text(tab: Tab) -> str:
    return "".join("".join(node["name"]["value"].split()) for node in ax_tree(tab)
                   if node["role"]["value"] in ("StaticText", "InlineTextBox") and "name" in node)


@pytest.mark.parametrize("name", ["bank-account-opening.yaml", "hotel-check-in-blueprint.yaml"])
def test_the_bare_svg_reads_as_a_document_with_stage_and_lane_headings(browser, folder, name):
    journey = journeymap.load(EXAMPLES / name)
    tab = opened(browser, folder, name.replace(".yaml", ".svg"), render_svg(journey, RenderOptions()))
    tree = ax_tree(tab)
    assert tree[0]["role"]["value"] == "RootWebArea" and tree[0]["name"]["value"] == journey.title
    document = next(node for node in tree if node["role"]["value"] == "graphics-document")
    assert document["name"]["value"] == journey.title
    found = headings(tab)
    lanes = [view_lane for view_lane, level in found if level == 3]
    assert found[0] == (journey.title, 1)
    assert [name for name, level in found if level == 2] == [stage.name for stage in journey.stages]
    assert found[1:] == [(stage.name, 2) for stage in journey.stages] + [(lane, 3) for lane in lanes]
    assert "Touchpoints" in lanes and "Emotions" in lanes
    text = spoken_text(tab)
    assert all("".join(tp.name.split()) in text for _, tp in journey.all_touchpoints())


def test_the_page_reads_its_map_once_with_its_title_stages_and_lanes(page):
    tree = ax_tree(page)
    assert tree[0]["role"]["value"] == "RootWebArea"
    assert tree[0]["name"]["value"] == "Opening a current account online"
    found = headings(page)
    assert found[0] == ("Opening a current account online", 1)
    in_map = found[1:found.index(("Personas", 2))]  # the map comes first, then the details
    stages = [(stage, 2) for stage in ("Compare", "Apply", "Wait for approval", "First use")]
    assert in_map[:4] == stages and in_map[4:6] == [("Touchpoints", 3), ("Actions", 3)] and len(in_map) == 14
    assert len(set(found)) == len(found)  # the pinned copies of stages and lanes are not read
    assert "Fillsintheapplication" in spoken_text(page).replace("-", "")


def test_in_print_the_map_spans_the_page_and_its_labels_are_not_doubled(page):
    page.width(1280)
    page.call("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        fitted = page.evaluate("""[document.querySelector('figure.map svg').getBoundingClientRect().width,
          document.querySelector('main').clientWidth,
          [...document.querySelectorAll('.jm-pin')].filter(p => getComputedStyle(p).display !== 'none').length]""")
    finally:
        page.call("Emulation.setEmulatedMedia", {"media": ""})
    assert isinstance(fitted, list) and fitted[2] == 0 and fitted[0] == pytest.approx(fitted[1], abs=1)
