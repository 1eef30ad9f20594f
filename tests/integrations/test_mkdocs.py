"""The MkDocs plug-in, end to end with the real `mkdocs build` (and `serve`),
and the project's own site built with it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import DOCS_MAP as MAP
from conftest import EXAMPLES, ROOT, need_module, run_cli
from journeymap.renderers import THEMES


@pytest.fixture(autouse=True)
def _mkdocs() -> None:
    need_module("mkdocs")


def fence(body: str, info: str = "journeymap", indent: str = "") -> str:
    return "".join(indent + line + "\n" for line in [f"```{info}", *body.splitlines(), "```"])


def site(tmp_path: Path, pages: dict[str, str], config: str = "plugins: [journeymap]\n") -> Path:
    (tmp_path / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n" + config, encoding="utf-8")
    return tmp_path


def build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                           str(root / "mkdocs.yml"), "-d", str(root / "site"), *extra],
                          capture_output=True, text=True, timeout=300, cwd=root)


def svgs(page: str) -> list[ElementTree.Element]:
    found = re.findall(r"<svg\b.*?</svg>", page, re.DOTALL)
    return [ElementTree.fromstring(svg) for svg in found]


def test_every_block_is_drawn_inline_with_ids_unique_on_the_page(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "gym.yaml").write_bytes((EXAMPLES / "gym-membership.it.yaml").read_bytes())
    same = MAP.format(title="Checkout")
    page = ("---\ntitle: Front matter\n---\n# Maps\n\n" + fence(same)
            + "\n" + fence(same, "journeymap theme=dark")
            + "\n- in a list\n\n" + fence(MAP.format(title="Listed"), indent="  ")
            + "\n> quoted\n>\n" + fence(MAP.format(title="Quoted"), indent="> ")
            + "\n```journeymap src=../maps/gym.yaml lanes=touchpoints,emotions\n```\n\n"
            + "```yaml\n# a YAML block stays code\n```\n")
    root = site(tmp_path, {"index.md": page})
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "index.html").read_text(encoding="utf-8")
    drawn = svgs(html)
    titles = [svg.find("{http://www.w3.org/2000/svg}title").text for svg in drawn]
    assert titles == ["Checkout", "Checkout", "Listed", "Quoted", "Iscrizione alla palestra FitCasa"]
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for svg in drawn:  # every ARIA reference still names an element of its own picture
        own = {e.get("id") for e in svg.iter()}
        assert set(svg.get("aria-labelledby").split()) <= own
    assert "```journeymap" not in html and not re.search(r"journeymap[0-9a-f]{16}x[0-9]+y", html)
    assert "a YAML block stays code" in html


def test_a_bad_map_fails_a_strict_build_with_page_line_and_column(tmp_path):
    bad = MAP.format(title="Bad").replace("emotion: 1}", "emotion: 1, pain: [x]}")
    page = "---\ntitle: T\n---\n# Page\n\n" + fence(bad)
    root = site(tmp_path, {"guide.md": page, "index.md": "# Home\n"})
    result = build(root)
    assert result.returncode != 0
    line = page.splitlines().index(bad.splitlines()[-1]) + 1
    column = bad.splitlines()[-1].index("pain:") + 1
    assert f"docs/guide.md:{line}:{column}: error[unknown-key]" in result.stderr
    assert "did you mean 'pains'?" in result.stderr


def test_files_mode_writes_images_and_downloads_beside_the_page(tmp_path):
    config = "plugins:\n  - journeymap:\n      inline: false\n      download: [png]\n"
    page = "# Guide\n\n" + fence(MAP.format(title="A & B <c>"), "journeymap download=pdf")
    root = site(tmp_path, {"index.md": "# Home\n", "guide.md": page}, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "<svg" not in html
    [image] = re.findall(r'<img src="([^"]+)" alt="A &amp; B &lt;c&gt;">', html)
    [pdf] = re.findall(r'<a href="([^"]+)">PDF</a>', html)
    assert (root / "site" / "guide" / image).read_bytes().startswith(b"<svg")
    assert (root / "site" / "guide" / pdf).read_bytes().startswith(b"%PDF")
    assert "PNG" not in html  # a block's own download list replaces the default


def test_superfences_custom_fence_inside_an_admonition(tmp_path):
    need_module("pymdownx")
    fences = """markdown_extensions:
  - admonition
  - pymdownx.superfences:
      custom_fences:
        - name: journeymap
          class: journeymap
          format: !!python/name:journeymap.integrations.mkdocs_plugin.fence_format
          validator: !!python/name:journeymap.integrations.mkdocs_plugin.fence_validator
"""
    nested = "# Page\n\n!!! note\n\n" + fence(MAP.format(title="Nested"), 'journeymap theme="dark"', "    ")
    for folder, plugins in (("with", "plugins: [journeymap]\n"), ("without", "plugins: []\n")):
        root = site(tmp_path / folder, {"index.md": nested}, plugins + fences)
        result = build(root)
        assert result.returncode == 0, result.stderr
        [svg] = svgs((root / "site" / "index.html").read_text(encoding="utf-8"))
        assert svg.find("{http://www.w3.org/2000/svg}title").text == "Nested"
    bad = nested.replace("emotion: 1}", "emotion: 1, pain: [x]}")
    root = site(tmp_path / "bad", {"index.md": bad}, "plugins: [journeymap]\n" + fences)
    result = build(root)
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "pain: [x]" in text)
    assert result.returncode != 0
    assert f"docs/index.md:{line}:" in result.stderr and "error[unknown-key]" in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def test_serve_draws_a_page_again_when_the_map_it_names_changes(tmp_path):
    (tmp_path / "maps").mkdir()
    source = tmp_path / "maps" / "m.yaml"
    source.write_text(MAP.format(title="Before"), encoding="utf-8")
    root = site(tmp_path, {"index.md": "# Home\n\n```journeymap src=../maps/m.yaml\n```\n"})
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], cwd=root, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True)
    try:
        def wait_for(text: str) -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if text in _get(f"http://127.0.0.1:{port}/"):
                        return
                except OSError:
                    pass
                time.sleep(0.2)
            pytest.fail(f"the served page never showed {text!r}")

        wait_for("<title id=")  # the first build is served
        wait_for(">Before<")
        source.write_text(MAP.format(title="After"), encoding="utf-8")
        wait_for(">After<")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


# The project's own site: docs/ built with this plug-in.

def test_the_project_site_builds_strict(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                             str(ROOT / "mkdocs.yml"), "-d", str(tmp_path)],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    gallery = (tmp_path / "gallery" / "index.html").read_text(encoding="utf-8")
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(svgs(gallery)) == len(examples) * len(THEMES)
    links = re.findall(r'<a href="([^"]+)">(PNG|PDF)</a>', gallery)
    assert len(links) == 2 * len(examples)
    for href, kind in links:
        data = (tmp_path / "gallery" / href).read_bytes()
        assert data.startswith(b"\x89PNG" if kind == "PNG" else b"%PDF")
    assert len(svgs((tmp_path / "index.html").read_text(encoding="utf-8"))) == 1


def test_the_gallery_names_every_example_in_every_theme():
    text = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^```journeymap src=\.\./examples/(\S+) theme=(\w+)", text, re.MULTILINE))
    assert shown == {(p.name, theme) for p in EXAMPLES.glob("*.yaml") for theme in THEMES}


def _options(help_text: str) -> set[str]:
    """The long options of a command's --help (click or rich layout)."""
    found: set[str] = set()
    for line in help_text.splitlines():
        entry = re.match(r"^[\s│]*((?:-{1,2}[A-Za-z][\w-]*(?:\s*[,/]\s*)?)+)", line)
        if entry:
            found.update(re.findall(r"--[A-Za-z][\w-]*", entry.group(1)))
    return found - {"--help", "--install-completion", "--show-completion", "--version"}


def _commands(help_text: str) -> list[str]:
    section = help_text.split("Commands", 1)[1] if "Commands" in help_text else ""
    return re.findall(r"^[\s│]*([a-z][\w-]*)\s{2,}", section, re.MULTILINE)


def test_the_command_reference_matches_the_program():
    page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## `journeymap ([^`]+)`\n(.*?)(?=^## |\Z)", page, re.MULTILINE | re.DOTALL))
    env = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}

    def helps(commands: list[str]) -> dict[str, str]:  # one process each, side by side
        with ThreadPoolExecutor(4) as pool:
            texts = pool.map(lambda c: run_cli(*c.split(), "--help", env=env).stdout.decode(), commands)
            return dict(zip(commands, texts, strict=True))

    top = helps(_commands(run_cli("--help", env=env).stdout.decode()))
    commands = [f"{c} {s}" for c, text in top.items() for s in _commands(text)]
    commands += [c for c, text in top.items() if not _commands(text)]
    assert sorted(sections) == sorted(commands)
    for command, text in helps(commands).items():
        documented = set(re.findall(r"`(--[A-Za-z][\w-]*)", sections[command]))
        assert documented == _options(text), command
