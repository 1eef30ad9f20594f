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


class DevTools(DevToolsPipe):
    """Chromium with one page, every command sent to its session."""

    def __init__(self, program: str, profile: str) -> None:
        super().__init__(program, profile)
        self.session = ""

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        return super().call(method, params, session or self.session)

    def open(self, url: str) -> None:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Log", "Runtime"):
            self.call(f"{domain}.enable")
        self.call("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete' && !!document.querySelector('svg')")

    def evaluate(self, expression: str) -> object:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
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



def page_of(name: str) -> str:
    journey = journeymap.load(EXAMPLES / name)
    return load("html").render(journey, RenderOptions(), "html").decode("utf-8")


@pytest.fixture(scope="module")
def page():
    program = find_chromium()
    if program is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed")
        pytest.skip("chromium is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bank-account-opening.html"
        path.write_text(page_of("bank-account-opening.yaml"), "utf-8")
        browser = DevTools(program, str(Path(folder) / "profile"))
        try:
            browser.open(path.as_uri())
            browser.width(1280)
            yield browser
        finally:
            browser.close()


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


def test_title_and_personas_are_shown_once_and_the_text_alternative_is_linked():
    text = page_of("bank-account-opening.yaml")
    assert "<h1>Opening a current account online</h1>" in text
    assert ">Opening a current account online</tspan>" not in text  # not drawn again in the SVG
    assert text.count(">Tom Becker</h3>") + text.count(" Tom Becker</h3>") == 1
    assert 'id="jm-8e5d1531-personas"' not in text and 'id="jm-8e5d1531-header"' not in text
    assert re.search(r'<a id="jm-text-alternative" href="[^"]+\.md">', text)
    assert "-f md" in text


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

    tom = "document.querySelector('#jm-persona-filter input[data-persona=tom]')"
    curves = ("[...document.querySelectorAll('svg g[id$=\"-lane-emotions\"] > path')]"
              f".filter(p => p.getAttribute('stroke').toLowerCase() === {tom}.dataset.colour.toLowerCase())")
    assert page.evaluate(f"{curves}.length") >= 1
    assert page.evaluate(f"{curves}.every(p => getComputedStyle(p).display !== 'none')")
    page.evaluate(f"{tom}.click()")
    assert page.evaluate(f"{curves}.every(p => getComputedStyle(p).display === 'none')")
    page.evaluate(f"{tom}.click()")
    assert page.evaluate(f"{curves}.every(p => getComputedStyle(p).display !== 'none')")

    lane = "document.querySelector('#jm-lane-filter input[data-lane$=\"-lane-pains\"]')"
    page.evaluate(f"{lane}.click()")
    assert page.evaluate("getComputedStyle(document.querySelector('svg g[id$=\"-lane-pains\"]')).display") == "none"

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


@pytest.mark.parametrize("pixels", [360, 1920])
def test_nothing_is_clipped(page, pixels):
    page.width(pixels)
    page.evaluate("document.querySelector('article.touchpoint').click()")
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.key("Escape", "Escape")
