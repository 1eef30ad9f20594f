"""The Sphinx extension, end to end with the real `sphinx-build` (HTML,
LaTeX, text) and MyST."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import DOCS_MAP as MAP
from conftest import EXAMPLES, need_module

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _sphinx() -> None:
    need_module("sphinx")


def indented(text: str, by: str = "   ") -> str:
    return "".join(by + line + "\n" if line else "\n" for line in text.splitlines())


def book(tmp_path: Path, pages: dict[str, str], conf: str = "") -> Path:
    (tmp_path / "maps").mkdir(parents=True, exist_ok=True)
    (tmp_path / "maps" / "gym.yaml").write_bytes((EXAMPLES / "gym-membership.it.yaml").read_bytes())
    (tmp_path / "conf.py").write_text('extensions = ["journeymap.sphinx"]\n' + conf, encoding="utf-8")
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def build(root: Path, builder: str = "html", *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", builder, str(root),
                           str(root / "_build" / builder), *extra],
                          capture_output=True, text=True, timeout=300, cwd=root)


def titles(html: str) -> list[str]:
    return [ElementTree.fromstring(svg).find(f"{SVG}title").text
            for svg in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]


INDEX = f"""Maps
====

.. journeymap:: maps/gym.yaml
   :lanes: touchpoints,emotions

.. journeymap::
   :theme: dark

{indented(MAP.format(title="Inline"))}
.. journeymap::
   :theme: print

{indented(MAP.format(title="Inline"))}"""


def test_html_draws_file_and_inline_maps_with_ids_unique_on_the_page(tmp_path):
    root = book(tmp_path, {"index.rst": INDEX})
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert titles(html) == ["Iscrizione alla palestra FitCasa", "Inline", "Inline"]
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert "#0d1117" in html  # the dark theme's background


def test_a_bad_inline_map_fails_with_file_line_and_column(tmp_path):
    bad_line = "      - {id: pay, name: Pays by card, channel: website, emotion: 1, pain: [x]}"
    text = INDEX.replace(MAP.format(title="Inline").splitlines()[-1], bad_line, 1)
    root = book(tmp_path, {"index.rst": text})
    result = build(root)
    assert result.returncode != 0
    line = text.splitlines().index("   " + bad_line) + 1
    column = 3 + bad_line.index("pain:") + 1
    assert f"index.rst:{line}: WARNING: error[unknown-key]" in result.stderr
    assert f"(column {column}; did you mean 'pains'?)" in result.stderr


def test_a_bad_map_file_is_reported_in_that_file(tmp_path):
    root = book(tmp_path, {"index.rst": "Maps\n====\n\n.. journeymap:: maps/bad.yaml\n"})
    (root / "maps" / "bad.yaml").write_text(MAP.format(title="Bad").replace("emotion: 1", "emotion: 9"),
                                            encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert re.search(r"maps/bad\.yaml:6: WARNING: error\[out-of-range\].*\[journeymap directive at "
                     r"index\.rst:4\]", result.stderr), result.stderr
    (root / "index.rst").write_text("Maps\n====\n\n.. journeymap:: maps/missing.yaml\n", encoding="utf-8")
    assert "error[io-error]" in build(root).stderr


def test_a_warning_code_can_be_suppressed(tmp_path):
    pains = MAP.format(title="Pains").replace("emotion: 1}", "emotion: 1, pains: [Slow]}")
    root = book(tmp_path, {"index.rst": "Maps\n====\n\n.. journeymap::\n\n" + indented(pains)})
    assert "warning[pain-without-opportunity]" in build(root).stderr
    (root / "conf.py").write_text('extensions = ["journeymap.sphinx"]\n'
                                  'suppress_warnings = ["journeymap.pain-without-opportunity"]\n')
    result = build(root, "html", "-E")
    assert result.returncode == 0, result.stderr


def test_png_format_writes_an_image(tmp_path):
    root = book(tmp_path, {"index.rst": "Maps\n====\n\n.. journeymap:: maps/gym.yaml\n   :format: png\n"
                                        "   :alt: The gym\n"})
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    [src] = re.findall(r'<img src="([^"]+)" alt="The gym">', html)
    assert (root / "_build" / "html" / src).read_bytes().startswith(b"\x89PNG")


def test_latex_includes_a_pdf_and_text_and_xml_show_the_alt_text(tmp_path):
    root = book(tmp_path, {"index.rst": INDEX})
    result = build(root, "latex")
    assert result.returncode == 0, result.stderr
    tex = next((root / "_build" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    names = re.findall(r"\\sphinxincludegraphics\[\]\{([^}]+\.pdf)\}", tex)
    assert len(names) == 3
    for name in names:
        assert (root / "_build" / "latex" / name).read_bytes().startswith(b"%PDF")
    result = build(root, "text")
    assert result.returncode == 0, result.stderr
    text = (root / "_build" / "text" / "index.txt").read_text(encoding="utf-8")
    assert "[journey map: Iscrizione alla palestra FitCasa]\n\n[journey map: Inline]" in text
    result = build(root, "xml")  # a builder that cannot draw gets the alt text, not an unknown node
    assert result.returncode == 0, result.stderr
    assert "[journey map: Inline]" in (root / "_build" / "xml" / "index.xml").read_text(encoding="utf-8")


def test_a_changed_map_file_rebuilds_its_page(tmp_path):
    root = book(tmp_path, {"index.rst": "Maps\n====\n\n.. journeymap:: maps/m.yaml\n"})
    (root / "maps" / "m.yaml").write_text(MAP.format(title="Before"), encoding="utf-8")
    assert build(root).returncode == 0
    (root / "maps" / "m.yaml").write_text(MAP.format(title="After"), encoding="utf-8")
    assert build(root).returncode == 0  # incremental: only the dependency changed
    assert titles((root / "_build" / "html" / "index.html").read_text(encoding="utf-8")) == ["After"]


def test_myst_fence_is_the_same_directive(tmp_path):
    need_module("myst_parser")
    bad_line = "      - {id: pay, name: Pays by card, channel: website, emotion: 1, pain: [x]}"
    page = ("# Maps\n\n```{journeymap} maps/gym.yaml\n:theme: dark\n```\n\n"
            "```{journeymap}\n:theme: print\n:alt: Inline\n\n" + MAP.format(title="Inline") + "```\n")
    conf = 'extensions = ["myst_parser", "journeymap.sphinx"]\n'
    root = book(tmp_path, {"index.md": page})
    (root / "conf.py").write_text(conf, encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert titles(html) == ["Iscrizione alla palestra FitCasa", "Inline"]
    bad = page.replace(MAP.format(title="Inline").splitlines()[-1], bad_line)
    (root / "index.md").write_text(bad, encoding="utf-8")
    result = build(root)
    line = bad.splitlines().index(bad_line) + 1
    assert result.returncode != 0
    assert f"index.md:{line}: WARNING: error[unknown-key]" in result.stderr
    assert f"(column {bad_line.index('pain:') + 1};" in result.stderr
