"""`-f md` with hostile text in every text field: a real CommonMark/GFM parser
(markdown-it-py, and with linkify and the common plug-ins where installed)
finds exactly the structure journeymap writes itself, and the text a reader
sees is the author's text.

How: each text field holds a private-use marker character in a baseline
journey and the hostile text in the journey under test. Both are rendered and
parsed; the token streams must have the same structure (every block and
inline token except plain text and our own `<br />`), and the visible text of
the hostile page must be the baseline's with each marker replaced by the
author's text.

Whitespace normalisation (the only difference allowed): CR LF, CR, NEL,
U+2028 and U+2029 are line breaks and shown as `<br />`; spaces, tabs and
line breaks at the two ends of a text are dropped, as every Markdown parser
drops them at the ends of a paragraph, heading or cell.
"""

import functools
import re
import string
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import journeymap
from conftest import TESTS
from journeymap.builtins import LANES
from journeymap.loading.characters import FORBIDDEN as _CONTROL
from journeymap.model import Journey
from journeymap.normalise import normalise
from journeymap.renderers import RenderOptions
from journeymap.renderers.markdown import renderer
from journeymap.renderers.mdescape import BR, INVISIBLE, escape

try:
    import linkify_it
except ImportError:
    linkify_it = None
try:
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin
except ImportError:
    footnote_plugin = None

FIELDS = ("title", "scenario", "description", "expectation", "owner", "version", "updated",
          "persona", "role", "quote", "avatar", "goal", "need", "demographic key",
          "demographic value", "thinks", "channel", "source", "source date", "lane title",
          "stage", "phase", "stage goal", "touchpoint", "action", "thought", "feeling", "pain",
          "opportunity", "touchpoint owner", "duration", "metric", "unit", "evidence",
          "physical evidence", "frontstage", "backstage", "support", "lane value")
MARKERS = {field: chr(0xE000 + number) for number, field in enumerate(FIELDS)}
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def shown(text: str) -> str:
    """The author's text as a reader sees it (see the module docstring)."""
    return LINE_BREAK.sub("\n", unicodedata.normalize("NFC", text)).strip(" \t\n")


# Parsers ------------------------------------------------------------------------------

@functools.cache
def commonmark_gfm_tables():
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


@functools.cache
def gfm_like_with_linkify():
    return MarkdownIt("gfm-like").enable("table")


@functools.cache
def with_plugins():
    """Footnotes, $math$, definition lists and task lists on top of GFM."""
    return (MarkdownIt("gfm-like").enable("table").use(footnote_plugin).use(dollarmath_plugin)
            .use(deflist_plugin).use(tasklists_plugin))


PARSERS = [
    pytest.param(commonmark_gfm_tables, id="commonmark+table"),
    pytest.param(gfm_like_with_linkify, id="gfm-like+linkify", marks=pytest.mark.skipif(
        linkify_it is None, reason="linkify-it-py is not installed")),
    pytest.param(with_plugins, id="gfm+plugins", marks=pytest.mark.skipif(
        linkify_it is None or footnote_plugin is None,
        reason="linkify-it-py or mdit-py-plugins is not installed")),
]

INSTALLED_PARSERS = [param.values[0] for param in PARSERS
                     if not any(mark.args and mark.args[0] for mark in param.marks)]


# The journey --------------------------------------------------------------------------

def journey_with(texts: dict, url: str = "https://example.com/research") -> Journey:
    """A map that shows every text field once; `texts` fills them."""
    t = texts.__getitem__
    touchpoint = {
        "id": "t1", "name": t("touchpoint"), "channel": "web", "personas": ["p1"],
        "action": t("action"), "thoughts": [t("thought"), "second thought"], "feelings": [t("feeling")],
        "emotion": {"p1": 1, "p2": -1}, "pains": [t("pain")], "opportunities": [t("opportunity")],
        "owner": t("touchpoint owner"), "key": True, "duration": t("duration"),
        "metrics": {t("metric"): {"value": 1.5, "target": 2, "unit": t("unit")}},
        "evidence": [{"source": "s", "quote": t("evidence"), "level": "observed"}],
        "physical_evidence": [t("physical evidence")], "frontstage": [t("frontstage")],
        "backstage": [t("backstage")], "support": [t("support")], "lanes": {"raw": t("lane value")},
    }
    data = {
        "title": t("title"), "scenario": t("scenario"), "description": t("description"),
        "expectations": [t("expectation"), "second expectation"], "owner": t("owner"),
        "version": t("version"), "updated": t("updated"),
        "personas": [
            {"id": "p1", "name": t("persona"), "role": t("role"), "quote": t("quote"),
             "avatar": t("avatar"), "goals": [t("goal"), "second goal"], "needs": [t("need")],
             "demographics": {t("demographic key"): t("demographic value")},
             "empathy": {"thinks": [t("thinks")]}},
            {"id": "p2", "name": "Second persona"},
        ],
        "channels": [{"id": "web", "name": t("channel")}],
        "sources": [{"id": "s", "kind": "interview", "title": t("source"), "n": 3,
                     "date": t("source date"), "url": url}],
        "lanes": list(LANES) + [{"id": "raw", "title": t("lane title")}],
        "stages": [
            {"id": "s1", "name": t("stage"), "phase": t("phase"), "goal": t("stage goal"),
             "touchpoints": [touchpoint]},
            {"id": "s2", "name": "Plain stage", "touchpoints": [{"id": "t2", "name": "Plain", "emotion": 0}]},
        ],
    }
    return normalise(Journey.model_validate(data))


def render(journey: Journey) -> str:
    return renderer.render(journey, RenderOptions(), "md").decode("utf-8")


# Reading the parsed page --------------------------------------------------------------

def structure(tokens) -> list:
    """Every token but plain text and our `<br />`, with what makes it differ."""
    found = []
    for token in tokens:
        found.append((token.type, token.tag, token.attrs.get("href")))
        for child in token.children or []:
            if child.type == "text" or (child.type == "html_inline" and child.content == BR):
                continue
            found.append(("  " + child.type, child.tag, child.content if child.type.startswith(
                ("html", "code", "math")) else child.attrs.get("href") or child.attrs.get("src")))
    return found


def visible(tokens) -> list[str]:
    """The text of each inline run (paragraph, heading, cell), `<br />` as "\\n"."""
    runs = []
    for token in tokens:
        if token.type == "inline":
            runs.append("".join(child.content if child.type == "text" else
                                "\n" if child.type == "html_inline" and child.content == BR else ""
                                for child in token.children))
    return runs


@functools.lru_cache(maxsize=64)
def baseline_tokens(make_parser, blanks: tuple, url: str) -> list:
    """The parsed baseline page: markers, and the blank texts as they are."""
    baseline = {field: MARKERS[field] for field in FIELDS}
    baseline.update(blanks)
    return make_parser().parse(render(journey_with(baseline, url)))


def assert_markdown_shows(texts: dict, make_parser, url: str = "https://example.com/research") -> None:
    """The page with `texts` has the baseline's structure and shows `texts`."""
    texts = {field: texts.get(field, f"{field} text") for field in FIELDS}
    # A blank text is rendered as it is on both sides: it has nothing to show.
    blanks = tuple((field, text) for field, text in texts.items() if not shown(text))
    expected_tokens = baseline_tokens(make_parser, blanks, url)
    page = render(journey_with(texts, url))
    tokens = make_parser().parse(page)
    assert structure(tokens) == structure(expected_tokens), page
    expected = visible(expected_tokens)
    for field, marker in MARKERS.items():
        expected = [run.replace(marker, shown(texts[field])) for run in expected]
    assert visible(tokens) == expected, page
    rows = [t for t in tokens if t.type == "tr_open"]
    cells = [t for t in tokens if t.type in ("th_open", "td_open")]
    assert len(cells) == len(rows) * 3, "one column per stage + the row header column"


# Text that tries to become Markdown -----------------------------------------------------

CORPUS = [
    "# heading", "## two #", "Title ending #", "Title ending ##  ", "---", "***", "___", "- - -",
    "===", "text\n===", "text\n---", "1. one", "1) one", "123456789. big", "- item", "+ item",
    "* item", "> quote", ">> nested", "    indented code", "\tindented code", "```\nfence\n```",
    "~~~python\nx\n~~~", "<https://example.com>", "https://example.com/x_y", "www.example.com",
    "http://example.com.", "example.com", "user@example.com", "mailto:me@example.com",
    "//example.com", "https\\://example.com", "http://localhost", "http://localhost:8080/x",
    "//localhost", "https:\\//localhost", "user@localhost", "mailto:user@localhost",
    "mailto\\:user@localhost", "xmpp:foo@bar.baz", "ftp://host", "**  x**", "__x__", "_x_", "*x*", "~~x~~", "~x~",
    "<b>bold</b>", "<!-- comment -->", "<div>\nblock\n</div>", "<br>", "<br />", "&amp;", "&#x3c;",
    "&#60;", "&copy", "[x](javascript:alert(1))", "[x](<javascript:alert(1)>)", "[x][ref]",
    "[ref]: http://example.com", "[ref]", "![](x.png)", "![alt](https://example.com/i.png)",
    "\\", "ends with \\", "\\*", "`code`", "``", "a | b", "| a | b |", "|---|", "[^1]",
    "[^1]: note", "$x$", "$$\nx\n$$", ":smile:", "Term\n: definition", ": definition",
    "- [ ] task", "[ ] task", "[x] done", "line\nbreak", "line\r\nbreak", "line\rbreak",
    "a\u2028b\u2029c\x85d", "  two spaces at the end  \nnext", "\n\nleading and trailing\n\n",
    "\u00a0nbsp at the ends\u00a0", "\ufeffBOM", "\u202eRTL override", "zero\u200bwidth",
    "{attr=x}", "{: .class}", "==mark==", "^sup^", "~sub~", "++kbd++", "!!! note", "@mention",
    "#123", "e.g. 3.5", "22:40", "a\\|b", "\\|", "*", "_", "", " ", "\t", "\n", "👨\u200d👩\u200d👧",
    "<", ">", "&", "x<y>z", "<script>alert(1)</script>", "<a href='javascript:x'>src</a>",
    "1.", "1)", "-", "+", "#", ">", "!", ":", "10. ten", "-1", "- ", "#hashtag", "\\# not",
]


@pytest.mark.parametrize("text", CORPUS, ids=lambda text: repr(text)[:40])
def test_hostile_corpus_stays_text_in_every_field(text):
    for make_parser in INSTALLED_PARSERS:
        assert_markdown_shows(dict.fromkeys(FIELDS, text), make_parser)


def test_the_hostile_map_has_only_the_structure_journeymap_writes():
    journey = journeymap.load(TESTS / "hostile.yaml")
    page = render(journey)
    for make_parser in INSTALLED_PARSERS:
        tokens = make_parser().parse(page)
        children = [c for t in tokens for c in t.children or []]
        assert {t.type for t in tokens} <= WRITTEN_BLOCKS, page
        assert {c.type for c in children} <= {"text", "strong_open", "strong_close", "em_open",
                                               "em_close", "html_inline", "link_open", "link_close"}
        assert {c.content for c in children if c.type == "html_inline"} == {BR}
        assert [c.attrs["href"] for c in children if c.type == "link_open"] == \
            ["https://example.com/a_b?c=%3Cd%3E"]
        assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2", "h3", "h2"]


WRITTEN_BLOCKS = {"heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline",
                  "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
                  "blockquote_open", "blockquote_close", "table_open", "table_close", "thead_open",
                  "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close", "th_open",
                  "th_close", "td_open", "td_close"}


# Property tests ---------------------------------------------------------------------------

# Pieces of Markdown syntax; text built from them finds far more than random text.
TOKENS = ["#", "# ", " #", "##", "---", "===", "***", "___", "1.", "1)", "9.", "- ", "+ ", "* ",
          "> ", "    ", "\t", "```", "~~~", "`", "<", ">", "</", "<b>", "<!--", "-->", "<br>",
          "<https://a.io>", "https://", "http://", "www.", "mailto:", "//", ".com", "@", "a.io",
          "**", "__", "_", "*", "~~", "~", "&", "&amp;", "&#x3c;", "&#60;", ";", "[", "]", "(", ")",
          "](", "][", "]:", "![", "[^1]", "^", "$", "$$", "\\", "|", "||", ":", "::", "=", "==",
          "{", "}", "!", "!!!", "%%", "\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", " ", "  ",
          "\u00a0", "\u3000", "\ufeff", "\u200b", "\u202e", "\u2066", "\U000e0041", "\u0301",
          "x", "1", "word", "é", "中文", "—", "“", "”", "javascript:", "alert(1)", "ref"]
# Every character a map may hold (the loader's own definition of what it may not).
ALLOWED = st.characters(exclude_categories=("Cs",)).filter(lambda char: not _CONTROL.match(char))
markdownish = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)
texts = st.one_of(markdownish, st.text(ALLOWED, max_size=20),
                  st.text(st.sampled_from(string.punctuation + " \t\n\r\u00a0\ufeffaZ1"), max_size=12))


@pytest.mark.parametrize("make_parser", PARSERS)
@settings(max_examples=50, deadline=None)
@given(st.fixed_dictionaries(dict.fromkeys(FIELDS, texts)))
def test_any_text_in_any_field_stays_text(make_parser, drawn):
    assert_markdown_shows(drawn, make_parser)


url_tails = st.one_of(st.lists(st.sampled_from(TOKENS + ["%41", "?q=", "&b=", "#frag", "/path"]),
                               max_size=8).map("".join),
                      st.text(ALLOWED, max_size=15))


@pytest.mark.parametrize("make_parser", PARSERS)
@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["https://", "http://", "HTTPS://", "mailto:"]), url_tails)
def test_a_source_url_is_one_link_that_shows_the_url(make_parser, scheme, tail):
    url = unicodedata.normalize("NFC", scheme + tail)
    if any(char.isspace() for char in url):  # the model refuses these
        url = "".join(char for char in url if not char.isspace())
    parser = make_parser()
    tokens = parser.parse(render(journey_with({f: f"{f} text" for f in FIELDS}, url)))
    links = [c for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert [link.attrs["href"] for link in links] == [parser.normalizeLink(url)]
    line = next(t for t in tokens if t.type == "inline" and any(c.type == "link_open" for c in t.children))
    kinds = [c.type for c in line.children]
    shown_link = "".join(c.content for c in line.children[kinds.index("link_open"):kinds.index("link_close")])
    assert shown_link == url


# The escaping itself ----------------------------------------------------------------------

def test_line_breaks_are_written_as_mdx_compatible_br():
    assert escape("a\nb\r\nc\u2028d") == "a<br />b<br />c<br />d"
    page = render(journey_with(dict.fromkeys(FIELDS, "one\ntwo")))
    assert "<br />" in page and "<br>" not in page


def test_plain_text_is_left_readable():
    assert escape("Check in at 22:40, then go up (floor 3); done? Yes: 50% 'now'.") == \
        "Check in at 22:40, then go up (floor 3); done? Yes: 50% 'now'."
    assert escape("Кофе и чай — 中文") == "Кофе и чай — 中文"


def test_the_invisible_characters_cover_unicode_spaces_and_format_characters():
    listed = re.compile(f"[{INVISIBLE}]")
    missing = [hex(code) for code in range(sys.maxunicode + 1)
               if unicodedata.category(chr(code)) in ("Zs", "Cf") and code not in (0x20, 0x200C, 0x200D)
               and not listed.match(chr(code))]
    assert not missing, f"add to mdescape.INVISIBLE: {missing}"
