"""The `html` page speaks the map's language (every control word, label and
link text comes from the locale files), and links its Markdown text
alternative by the name it is written under, without a script."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

import journeymap
from conftest import EXAMPLES, ROOT, run_cli
from journeymap import i18n
from journeymap.renderers import RenderOptions
from journeymap.renderers.registry import load
from journeymap.renderers.svg_marks import persona_of

LOCALES = ROOT / "src" / "journeymap" / "i18n"
ENGLISH = json.loads((LOCALES / "en.json").read_text("utf-8"))
PAGE_WORDS = [key for key in ENGLISH if key.startswith("html.")]
# Words a language may share with English ("Zoom" is German, Spanish, French and Italian too).
SHARED = {"html.zoom"}


class Controls(HTMLParser):
    """The words of the page's own controls outside the map: labels,
    titles, legends, button texts, the hint and the links' texts."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.open: list[str] = []
        self.svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.svg += tag == "svg"
        if self.svg:
            return
        self.words += [value for name, value in attrs if name in ("aria-label", "title") and value]
        self.open.append(tag if tag in ("legend", "button", "a") or ("class", "hint muted") in attrs else "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.svg -= 1
        elif not self.svg and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not self.svg and self.open and self.open[-1] and data.strip():
            self.words.append(data.strip())


def controls_of(text: str) -> list[str]:
    parser = Controls()
    parser.feed(text)
    return parser.words


@pytest.mark.parametrize("name", ["smartwatch-purchase.zh.yaml", "gym-membership.it.yaml"])
def test_the_pages_control_words_are_the_maps_language(name):
    journey = journeymap.load(EXAMPLES / name)
    words = i18n.words(journey.locale)
    page = load("html").render(journey, RenderOptions(output_name="map.html"), "html").decode("utf-8")
    found = controls_of(page)
    filtered = 'id="jm-persona-filter"' in page  # only where there is a curve per persona
    assert filtered == (name == "gym-membership.it.yaml")
    left = ("html.written_by", "html.pan_hint") + (() if filtered else ("html.show_personas",))
    expected = {words[key] for key in PAGE_WORDS if key not in left}
    assert expected <= set(found), expected - set(found)
    assert words["html.pan_hint"] in page and f"{words['html.written_by']} <code>" in page
    english = {ENGLISH[key] for key in PAGE_WORDS if words[key] != ENGLISH[key]}
    assert [word for word in found if word in english] == []
    assert "−" in found and "1:1" in found  # signs, not words, are the same in every language


def test_every_language_translates_the_pages_words():
    for locale in i18n.SHIPPED:
        if locale == "en":
            continue
        table = json.loads((LOCALES / f"{locale}.json").read_text("utf-8"))
        same = {key for key in PAGE_WORDS if table[key] == ENGLISH[key]}
        assert same <= SHARED, (locale, same)


def test_the_text_alternative_is_the_markdown_beside_the_page(tmp_path):
    gym = EXAMPLES / "gym-membership.it.yaml"
    done = run_cli("render", gym, "-f", "html", "-o", tmp_path / "out/")
    assert done.returncode == 0, done.stderr
    link = alternative((tmp_path / "out" / "gym-membership.it.html").read_text("utf-8"))
    assert link == ("gym-membership.it.md", i18n.words("it")["html.text_alternative"])

    named = run_cli("render", gym, "-f", "html", "-o", tmp_path / "pagina.html")
    assert named.returncode == 0, named.stderr
    assert alternative((tmp_path / "pagina.html").read_text("utf-8"))[0] == "pagina.md"

    piped = run_cli("render", gym, "-f", "html", "-o", "-")
    assert piped.returncode == 0 and b"</html>" in piped.stdout
    assert b"jm-text-alternative" not in piped.stdout  # no file name: no link that points nowhere


def test_a_file_name_never_becomes_a_scheme_or_markup(tmp_path):
    odd = tmp_path / 'javascript:alert(1) "#x<b>.yaml'
    shutil.copy(EXAMPLES / "bank-account-opening.yaml", odd)
    done = run_cli("render", odd, "-f", "html", "-o", tmp_path / "out/")
    assert done.returncode == 0, done.stderr
    page = next((tmp_path / "out").glob("*.html")).read_text("utf-8")
    href, _ = alternative(page)
    assert href == quote('javascript:alert(1) "#x<b>.md', safe="") and ":" not in href
    assert "<b>" not in page


def alternative(page: str) -> tuple[str, str]:
    """The Markdown link's target and text."""

    class Link(HTMLParser):
        found: tuple[str, str] | None = None
        inside = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if ("id", "jm-text-alternative") in attrs:
                self.found, self.inside = (dict(attrs)["href"] or "", ""), True

        def handle_data(self, data: str) -> None:
            if self.inside and self.found:
                self.found = (self.found[0], self.found[1] + data)

        def handle_endtag(self, tag: str) -> None:
            self.inside = False

    parser = Link()
    parser.feed(page)
    assert parser.found is not None, "no link to the text alternative"
    return parser.found


def test_a_persona_id_is_written_as_an_attribute_value_only():
    assert persona_of(None) == ""
    assert persona_of('x" onload="y') == ' data-persona="x&quot; onload=&quot;y"'
    assert persona_of("<g>&") == ' data-persona="&lt;g&gt;&amp;"'
