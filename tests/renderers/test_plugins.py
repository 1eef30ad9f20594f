"""Renderer plug-ins: a third-party distribution is built and installed, found
through its entry-point metadata and used through the command line; a broken
one is reported by name and breaks nothing else."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, TESTS, run_cli

HERE = TESTS  # the tests folder, where the shared fixtures live
PLUGIN = HERE / "plugin_example"


def pip_install(source: Path, target: Path) -> None:
    """Build and install a distribution offline (the copy keeps build files
    out of the source tree)."""
    copy = target.parent / f"build-{source.name}"
    shutil.copytree(source, copy)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(target), str(copy)],
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A folder holding the example plug-in and a broken one, installed by pip."""
    target = tmp_path_factory.mktemp("site")
    pip_install(PLUGIN, target)
    broken = tmp_path_factory.mktemp("broken-src")
    (broken / "journeymap_broken").mkdir()
    (broken / "journeymap_broken" / "__init__.py").write_text("raise ImportError('needs libfoo')\n")
    (broken / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "journeymap-broken"\nversion = "1.0"\n'
        '[project.entry-points."journeymap.renderers"]\nbroken = "journeymap_broken:renderer"\n'
        'md = "journeymap_broken:renderer"\n'
        '[tool.setuptools]\npackages = ["journeymap_broken"]\n')
    pip_install(broken, target)
    return target


def with_site(site):
    return {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}


def test_the_documented_plugin_is_the_tested_one():
    doc = (ROOT / "docs" / "plugins.md").read_text("utf-8")
    code = (PLUGIN / "journeymap_csv" / "__init__.py").read_text("utf-8")
    assert f"```python\n{code}```" in doc


def test_plugin_is_listed_and_renders_through_the_cli(site, tmp_path):
    listed = run_cli("renderers", env=with_site(site))
    lines = listed.stdout.decode().splitlines()
    assert any(ln.split()[:2] == ["touchpoints.csv", "touchpoint-csv"] and "plug-in from journeymap-csv" in ln
               for ln in lines), lines
    result = run_cli("render", EXAMPLES / "family-flight-booking.yaml", "-f", "touchpoints.csv", "-f", "md",
                     "-o", tmp_path, env=with_site(site))
    assert result.returncode == 0, result.stderr
    csv_text = (tmp_path / "family-flight-booking.touchpoints.csv").read_text("utf-8")
    assert csv_text.splitlines()[0] == "stage,touchpoint,channel,emotion,pains"
    assert "Search and compare,Compares fares on the website,website,-1," in csv_text
    assert (tmp_path / "family-flight-booking.md").exists()


def test_broken_plugin_is_reported_by_name_and_breaks_nothing(site, tmp_path):
    listed = run_cli("renderers", env=with_site(site))
    assert listed.returncode == 1
    text = listed.stdout.decode()
    assert "broken" in text and "needs libfoo" in text and "journeymap-broken" in text
    # a plug-in cannot take over a built-in format: md is still journeymap's own
    assert any(ln.split()[:2] == ["md", "markdown"] and "built-in" in ln for ln in text.splitlines())
    ok = run_cli("render", EXAMPLES / "family-flight-booking.yaml", "-f", "md", "-o", tmp_path,
                 env=with_site(site))
    assert ok.returncode == 0
    bad = run_cli("render", EXAMPLES / "family-flight-booking.yaml", "-f", "broken", "-f", "json",
                  "-o", tmp_path, env=with_site(site))
    assert bad.returncode == 1
    assert b"journeymap_broken:renderer" in bad.stderr and b"needs libfoo" in bad.stderr
    assert b"Traceback" not in bad.stderr
    assert (tmp_path / "family-flight-booking.json").exists()


def test_the_built_in_table_is_what_the_package_registers():
    """Built-in formats load without reading entry points; the table that
    allows it must name exactly what pyproject.toml registers."""
    import tomllib

    from journeymap.renderers.registry import BUILTIN, available

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert declared["project"]["entry-points"]["journeymap.renderers"] == BUILTIN
    installed = {fmt: entry.target for fmt, entry in available().items() if entry.builtin}
    assert BUILTIN == installed  # noqa: SIM300 - both sides are computed


def test_a_render_of_built_in_formats_reads_no_entry_points(tmp_path):
    script = ("import sys, importlib.metadata as m\n"
              "m.entry_points = lambda **k: sys.exit('entry points were read')\n"
              "from journeymap.cli import main\n"
              f"sys.argv = ['journeymap', 'render', {str(EXAMPLES / 'bank-account-opening.yaml')!r},"
              f" '-f', 'svg,md', '-o', {str(tmp_path)!r}, '-q']\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "bank-account-opening.svg").exists()
    unknown = subprocess.run([sys.executable, "-c", script.replace("svg,md", "svgz")], capture_output=True)
    assert b"entry points were read" in unknown.stderr  # a format not built in is looked for
