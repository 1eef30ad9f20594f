"""Markdown documents with `journeymap` blocks: fences found as CommonMark
finds them (markdown-it-py decides what a real parser sees), positions in the
document, everything else kept byte for byte, images from the renderers."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import EXAMPLES, run_cli
from journeymap.integrations.documents import (
    check_text,
    escape_alt,
    render_document,
    validate_document,
)
from journeymap.integrations.fences import find_blocks
from journeymap.renderers import RenderOptions
from journeymap.renderers.registry import load as load_renderer
from journeymap.run.reporting import format_text
from journeymap.validation import validate_text

MAP = """journeymap: 1
title: Checkout
stages:
  - name: Pay
    touchpoints:
      - {id: pay, name: Pays by card, channel: website, emotion: 1}
"""
BAD_LINE = "      - {id: pay, name: Pays by card, channel: website, emotion: 1, pain: [x]}"
BAD = MAP.replace(MAP.splitlines()[-1], BAD_LINE)


def fence(body: str, prefix: str = "", info: str = "journeymap", marker: str = "```") -> str:
    lines = [f"{marker}{info}", *body.splitlines(), marker]
    return "".join(prefix + line + "\n" for line in lines)


def test_fences_are_found_as_commonmark_finds_them():
    text = ("# Title\n\n"
            + fence(MAP)                                              # 1: backticks
            + "\n" + fence(MAP, marker="~~~~")                        # 2: tildes
            + "\n````markdown\n" + fence(MAP) + "````\n"              # inside another fence: no
            + "\n" + fence(MAP, prefix="    ")                        # indented code: no
            + "\n" + fence(MAP, info="journeymapx")                   # another language: no
            + "\n- item\n\n" + fence(MAP, prefix="  ")                # 3: in a list item
            + "\n" + fence(MAP, prefix="> ")                          # 4: in a block quote
            + "\n   ```journeymap theme=dark\n"                        # 5: unclosed, indented 3
            + "".join("   " + line + "\n" for line in MAP.splitlines()))
    blocks = find_blocks(text)
    assert [b.number for b in blocks] == [1, 2, 3, 4, 5]
    assert all(b.body == MAP for b in blocks)
    assert [b.prefix for b in blocks] == ["", "", "  ", "> ", "   "]
    assert [b.closed for b in blocks] == [True, True, True, True, False]
    assert blocks[4].attrs == {"theme": "dark"}
    lines = text.split("\n")
    for b in blocks:  # each body line is where the block says, after its offset
        for number, offset, body_line in zip(b.body_lines, b.offsets, MAP.splitlines(), strict=True):
            assert lines[number - 1][offset:] == body_line


def test_front_matter_is_not_markdown():
    text = "---\ntitle: |\n  ```journeymap\n  x\n  ```\n---\n\n" + fence(MAP)
    blocks = find_blocks(text)
    assert len(blocks) == 1 and blocks[0].line == 8


def test_rewritten_document_keeps_everything_else_byte_for_byte(tmp_path):
    head = "---\r\ntitle: Guide\r\n---\r\n# Guide\r\n\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n\r\n"
    other = "```python\r\nprint('```journeymap')\r\n```\r\n\r\n"
    block = fence(MAP).replace("\n", "\r\n")
    tail = "\r\nThe end, with no final line break"
    doc = tmp_path / "guide.md"
    doc.write_bytes((head + other + block + tail).encode("utf-8"))
    out = render_document(doc, "svg", root=tmp_path)
    assert out.diagnostics == []
    assert out.text == (head + other + "![Checkout](guide-1.svg)\r\n" + tail).encode("utf-8")
    journey = validate_text(MAP).journey
    assert out.images == {"guide-1.svg": load_renderer("svg").render(journey, RenderOptions(), "svg")}
    assert render_document(doc, "svg", root=tmp_path).text == out.text  # deterministic


def test_a_replacement_does_not_join_a_paragraph_or_leave_its_container(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("Text before\n" + fence(MAP) + "text after\n\n- item\n" + fence(MAP, "  ")
                   + "\n> quote\n" + fence(MAP, "> "), encoding="utf-8")
    text = render_document(doc, root=tmp_path).text.decode("utf-8")
    assert text == ("Text before\n\n![Checkout](doc-1.svg)\n\ntext after\n\n"
                    "- item\n\n  ![Checkout](doc-2.svg)\n\n> quote\n>\n> ![Checkout](doc-3.svg)\n")
    tokens = MarkdownIt("commonmark").parse(text)
    images = [child for t in tokens if t.type == "inline"
              for child in t.children or [] if child.type == "image"]
    assert [i.attrs["src"] for i in images] == ["doc-1.svg", "doc-2.svg", "doc-3.svg"]


def test_a_block_that_opens_a_list_item_stays_that_item(tmp_path):
    doc = tmp_path / "doc.md"
    body = fence(MAP, "  ")
    doc.write_text("# Steps\n" + "- " + body[2:] + "- next\n", encoding="utf-8")
    assert render_document(doc, root=tmp_path).text == b"# Steps\n- ![Checkout](doc-1.svg)\n- next\n"


@pytest.mark.parametrize("title", ["A *bold* [link](javascript:x) <b>&amp;</b> `code` \\ _x_ ![i](y)",
                                   "Line\nbreak and # heading | pipe ~~strike~~ 1. list"])
def test_alt_text_stays_text(title):
    rendered = MarkdownIt("commonmark").render(f"![{escape_alt(title)}](x.svg)\n")
    match = re.fullmatch(r'<p><img src="x.svg" alt="([^"<>]*)" /></p>\n', rendered)
    assert match, rendered
    assert html.unescape(match.group(1)) == " ".join(title.split("\n"))


def test_a_bad_map_is_reported_at_its_line_and_column_in_the_document(tmp_path):
    doc = tmp_path / "doc.md"
    text = "# Doc\n\n1. step\n\n   > ~~~journeymap\n" + "".join(f"   > {line}\n" for line in BAD.splitlines())
    doc.write_text(text, encoding="utf-8")
    diagnostics = validate_document(doc, "doc.md", root=tmp_path)
    [d] = [d for d in diagnostics if d.is_error]
    line = text.splitlines().index("   > " + BAD_LINE) + 1
    assert (d.file, d.line, d.column, d.code) == ("doc.md", line, len("   > ") + BAD_LINE.index("pain:") + 1,
                                                  "unknown-key")
    assert d.source_line == "   > " + BAD_LINE
    shown = format_text([d])
    assert shown.startswith(f"doc.md:{line}:{d.column}: error[unknown-key]")
    caret = next(x for x in shown.splitlines() if x.strip().startswith("|") and "^" in x)
    source = next(x for x in shown.splitlines() if BAD_LINE in x)
    assert caret.index("^") == source.index("pain:")
    out = render_document(doc, root=tmp_path)
    assert out.text is None and out.images == {}


def test_an_empty_block_and_a_yaml_error_point_into_the_document():
    text = "para\n\n```journeymap\n```\n\n```journeymap\ntitle: [unclosed\n```\n"
    checked = check_text(text, "d.md", Path("."), Path("."))
    assert [(d.line, d.column) for d in checked[0].diagnostics] == [(3, 1)]
    [d] = checked[1].diagnostics
    assert d.code == "yaml-syntax" and 7 <= d.line <= 8


def test_block_attributes_are_checked(tmp_path):
    text = ('```journeymap theme=blue\n' + MAP + '```\n\n'
            '```journeymap thme=dark\n' + MAP + '```\n\n'
            '```journeymap download=png,gif\n' + MAP + '```\n\n'
            '```journeymap lanes="touchpoints, emotions" alt=\'A map\' locale=de\n' + MAP + '```\n\n'
            '```journeymap oops\n' + MAP + '```\n')
    checked = check_text(text, "d.md", tmp_path, tmp_path, known_formats=["svg", "png", "pdf"])
    codes = [[d.code for d in item.diagnostics] for item in checked]
    assert codes == [["unknown-value"], ["unknown-key"], ["unknown-value"], [], ["invalid-value"]]
    assert checked[1].diagnostics[0].suggestion == "did you mean `theme`?"
    assert checked[3].options.lanes == ("touchpoints", "emotions") and checked[3].options.locale == "de"
    assert checked[3].alt == "A map"
    assert all(item.journey is None for item in checked[:3])


def test_src_names_a_map_inside_the_root_only(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "maps" / "ok.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "maps" / "bad.yml").write_text(BAD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("secret", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text(MAP, encoding="utf-8")
    srcs = ["../maps/ok.yaml", "../maps/bad.yml", "../maps/missing.yaml", "../notes.txt",
            f"../../{outside.name}", str(tmp_path / "maps" / "ok.yaml"), "../maps"]
    text = "".join(f"```journeymap src={src}\n```\n\n" for src in srcs)
    checked = check_text(text, "docs/d.md", tmp_path / "docs", tmp_path)
    assert checked[0].journey is not None and checked[0].diagnostics == []
    assert checked[0].source == str(tmp_path / "maps" / "ok.yaml")
    [bad] = [d for d in checked[1].diagnostics if d.is_error]
    assert (bad.file, bad.line) == ("maps/bad.yml", 6)  # reported in the map's own file
    assert [d.code for d in checked[2].diagnostics] == ["io-error"]
    for item in checked[3:]:
        assert [(d.code, d.file, d.line) for d in item.diagnostics] == [("invalid-value", "docs/d.md",
                                                                         item.block.line)]
        assert "secret" not in str(item.diagnostics)
    both = check_text("```journeymap src=../maps/ok.yaml\n" + MAP + "```\n", "d.md", tmp_path / "docs",
                      tmp_path)
    assert [d.code for d in both[0].diagnostics] == ["invalid-value"]


def test_png_images_downloads_and_unsafe_names(tmp_path):
    doc = tmp_path / "my guide (v2).md"
    doc.write_text(fence(MAP, info="journeymap download=pdf"), encoding="utf-8")
    out = render_document(doc, "png", root=tmp_path)
    assert sorted(out.images) == ["my guide (v2)-1.pdf", "my guide (v2)-1.png"]
    assert out.images["my guide (v2)-1.png"].startswith(b"\x89PNG")
    assert out.images["my guide (v2)-1.pdf"].startswith(b"%PDF")
    assert out.text.decode() == ("![Checkout](my%20guide%20%28v2%29-1.png)\n\n"
                                 "[PDF](my%20guide%20%28v2%29-1.pdf)\n")
    files = out.files(tmp_path / "out", doc.name)
    assert sorted(p.name for p in files) == ["my guide (v2)-1.pdf", "my guide (v2)-1.png", "my guide (v2).md"]


def test_unreadable_documents_are_diagnostics(tmp_path):
    doc = tmp_path / "latin1.md"
    doc.write_bytes(b"# Caf\xe9\n")
    [d] = validate_document(doc, "latin1.md")
    assert (d.code, d.line, d.column) == ("encoding", 1, 6)
    [d] = validate_document(tmp_path / "missing.md", "missing.md")
    assert d.code == "io-error"


# The command line: `render` and `validate` hand `.md` files to documents.py.

def test_cli_renders_a_document_into_a_folder_and_checks_it(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("# Guide\n\n" + fence(MAP) + "\n```journeymap src=../maps/gym.yaml\n```\n",
                                   encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "gym.yaml").write_bytes((EXAMPLES / "gym-membership.it.yaml").read_bytes())
    result = run_cli("render", "docs/guide.md", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "out" / "guide.md").read_text(encoding="utf-8") == (
        "# Guide\n\n![Checkout](guide-1.svg)\n\n![Iscrizione alla palestra FitCasa](guide-2.svg)\n")
    assert (tmp_path / "out" / "guide-2.svg").read_bytes().startswith(b"<svg")
    assert run_cli("render", "docs/guide.md", "-o", "out", "--check", cwd=tmp_path).returncode == 0
    (tmp_path / "maps" / "gym.yaml").write_text(MAP.replace("Checkout", "Changed"), encoding="utf-8")
    stale = run_cli("render", "docs/guide.md", "-o", "out", "--check", cwd=tmp_path)
    assert stale.returncode == 1 and b"guide" in stale.stderr + stale.stdout


def test_cli_validates_a_document_with_document_positions(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("# Doc\n\n- step\n\n  ```journeymap\n" + "".join(f"  {x}\n" for x in BAD.splitlines())
                   + "  ```\n", encoding="utf-8")
    result = run_cli("validate", "doc.md", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert result.returncode == 1
    column = 3 + BAD_LINE.index("pain:")
    assert f"doc.md:11:{column}: error[unknown-key]".encode() in result.stderr
    assert run_cli("validate", "doc.md", cwd=tmp_path).stderr == result.stderr  # deterministic
    folder = run_cli("validate", ".", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert folder.returncode == 1 and f"doc.md:11:{column}".encode() in folder.stderr
    assert os.listdir(tmp_path) == ["doc.md"]  # validate writes nothing
