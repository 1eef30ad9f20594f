"""The composite GitHub Action in action.yml: its structure (read with
PyYAML), and its `run:` steps executed by bash the way the runner executes
them, with the inputs put into `env:` as the runner evaluates them and stub
programs on PATH that record the arguments they get."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import SMALL_MAP

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}
INPUTS = {"paths", "formats", "check", "output", "version", "strict"}
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")
HOSTILE = "x; touch {marker} $(touch {marker}) `touch {marker}` *"
GOOD = SMALL_MAP


def bash() -> str:
    path = shutil.which("bash")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("bash is not installed")
        pytest.skip("bash is not installed")
    return path


RECORDER = """#!{python}
import json, os, sys
with open(os.environ["STUB_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps([os.path.basename(sys.argv[0]), *sys.argv[1:]]) + "\\n")
if sys.argv[1:3] == ["-m", "venv"]:  # python3 -m venv DIR: a venv whose python records too
    os.makedirs(os.path.join(sys.argv[3], "bin"))
    os.symlink(os.path.abspath(sys.argv[0]), os.path.join(sys.argv[3], "bin", "python"))
"""


class Runner:
    """One job's worth of runner state: a workspace, GITHUB_PATH, stubs."""

    def __init__(self, tmp: Path, stubs: tuple[str, ...] = ("journeymap",), real_journeymap: bool = False):
        self.tmp = tmp
        self.workspace = tmp / "workspace"
        self.workspace.mkdir()
        self.bin = tmp / "bin"
        self.bin.mkdir()
        self.log = tmp / "calls.jsonl"
        self.marker = tmp / "pwned"
        self.github_path = tmp / "github_path"
        self.github_path.touch()
        for tool in ("bash", "grep", "id", "tr", "mktemp", "cat", "dirname"):  # and no `dot`
            if shutil.which(tool):
                os.symlink(shutil.which(tool), self.bin / tool)
        for name in stubs:
            (self.bin / name).write_text(RECORDER.format(python=sys.executable), "utf-8")
            (self.bin / name).chmod(0o755)
        if real_journeymap:
            (self.bin / "journeymap").write_text(
                f"#!/bin/sh\nPYTHONPATH={SRC} exec {sys.executable} -m journeymap \"$@\"\n", "utf-8")
            (self.bin / "journeymap").chmod(0o755)

    def run(self, step: str, **inputs: str) -> subprocess.CompletedProcess:
        """The step's script as the runner runs it: `bash --noprofile --norc
        -eo pipefail FILE`, its env evaluated from the inputs."""
        definition = STEPS[step]
        values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
        values.update(inputs)
        env = {key: EXPRESSION.sub(lambda m: values[m.group(1)], str(value))
               for key, value in definition.get("env", {}).items()}
        script = self.tmp / "step.sh"
        script.write_text(definition["run"], "utf-8")
        return subprocess.run(
            [bash(), "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=self.workspace,
            capture_output=True, text=True, timeout=120,
            env={"PATH": str(self.bin), "HOME": str(self.tmp), "STUB_LOG": str(self.log),
                 "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_PATH": str(self.github_path),
                 "GITHUB_ACTIONS": "true", "RUNNER_TEMP": str(self.tmp), "RUNNER_OS": "Linux",
                 "NO_COLOR": "1", "LANG": "C.UTF-8", **env})

    def calls(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text("utf-8").splitlines()]


def test_a_composite_action_with_the_inputs_asked_for():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == INPUTS
    for name, spec in ACTION["inputs"].items():
        assert spec["description"] and isinstance(spec.get("default"), str) and not spec.get("required"), name
    assert [step["name"] for step in ACTION["runs"]["steps"]] == [
        "Install journeymap", "Install Graphviz for the flow formats", "Validate the journey maps",
        "Render the journey maps"]


def test_inputs_reach_the_shell_only_through_env():
    used = set()
    for step in ACTION["runs"]["steps"]:
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], f"{step['name']}: an expression inside run: is script injection"
        assert set(step) <= {"name", "shell", "env", "run"}, step["name"]
        for key, value in step.get("env", {}).items():
            found = EXPRESSION.findall(str(value))
            if found:  # the whole value is the input, and the script reads it quoted
                assert EXPRESSION.fullmatch(str(value).strip()), key
                assert re.search(rf'"[^"\n]*\${key}\b', step["run"]), f"{key} is used unquoted"
                used.update(found)
    assert used == INPUTS


def test_validate_step_keeps_each_path_one_literal_argument(tmp_path):
    runner = Runner(tmp_path)
    hostile = HOSTILE.format(marker=runner.marker)
    done = runner.run("Validate the journey maps", paths=f"maps\n  docs/my maps  \n\n{hostile}\n--output=x",
                      strict="True")
    assert done.returncode == 0, done.stderr
    assert runner.calls() == [["journeymap", "validate", "--format", "github", "--strict", "--",
                               "maps", "docs/my maps", hostile, "--output=x"]]
    assert not runner.marker.exists()


def test_render_step_builds_its_command_from_the_inputs(tmp_path):
    runner = Runner(tmp_path)
    hostile = HOSTILE.format(marker=runner.marker)
    done = runner.run("Render the journey maps", paths="maps", formats="svg, md,,flow.svg\nmmd",
                      check="true", output=hostile)
    assert done.returncode == 0, done.stderr
    assert runner.calls() == [["journeymap", "render", "--report-format", "json", "--check",
                               "--format=svg", "--format=md", "--format=flow.svg", "--format=mmd",
                               f"--output={hostile}", "--", "maps"]]
    assert not runner.marker.exists()

    runner.log.unlink()
    assert runner.run("Render the journey maps").returncode == 0  # every input left to its default
    assert runner.calls() == [["journeymap", "render", "--report-format", "json", "--"]]


@pytest.mark.parametrize(("step", "inputs"), [
    ("Render the journey maps", {"check": "yes; touch pwned"}),
    ("Validate the journey maps", {"strict": "1"}),
    ("Install journeymap", {"version": "0.1.0 --index-url https://example.com/simple"}),
    ("Install journeymap", {"version": "$(touch pwned)"}),
])
def test_a_wrong_value_is_an_annotated_error_and_runs_nothing(tmp_path, step, inputs):
    runner = Runner(tmp_path, stubs=("journeymap", "python3"))
    done = runner.run(step, **inputs)
    assert done.returncode == 2 and "::error title=journeymap action::" in done.stdout
    assert not any(call[0] == "journeymap" or "pip" in call for call in runner.calls())
    assert not (runner.workspace / "pwned").exists()


def test_install_step_uses_the_action_checkout_or_a_pypi_release(tmp_path):
    runner = Runner(tmp_path, stubs=("python3",))
    assert runner.run("Install journeymap").returncode == 0
    venv = tmp_path / "journeymap-venv"
    assert runner.calls() == [["python3", "-m", "venv", str(venv)],
                              ["python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                               str(ROOT)]]
    assert runner.github_path.read_text("utf-8") == f"{venv}/bin\n"

    shutil.rmtree(venv)
    runner.log.unlink()
    assert runner.run("Install journeymap", version="0.2.0rc1").returncode == 0
    assert runner.calls()[1][-1] == "journeymap==0.2.0rc1"


@pytest.mark.parametrize(("formats", "settings", "installs"), [
    ("svg,md", None, False),
    ("md flow.png", None, True),
    ("", 'formats = ["svg", "flow.svg"]\n', True),
    ("", 'formats = ["svg"]\n', False),
])
def test_graphviz_only_for_the_flow_formats(tmp_path, formats, settings, installs):
    runner = Runner(tmp_path, stubs=("apt-get", "sudo"))
    if settings:
        (runner.workspace / "journeymap.toml").write_text(settings, "utf-8")
    done = runner.run("Install Graphviz for the flow formats", formats=formats)
    assert done.returncode == 0, done.stderr
    installed = [call for call in runner.calls() if "install" in call]
    assert bool(installed) is installs
    if installs:
        assert installed[0][-1] == "graphviz"


def test_steps_with_the_real_journeymap(tmp_path):
    """The commands built are the ones journeymap takes: annotations from
    validate, outputs written, then checked."""
    runner = Runner(tmp_path, stubs=(), real_journeymap=True)
    maps = runner.workspace / "maps"
    maps.mkdir()
    (maps / "good.yaml").write_text(GOOD.format(title="Booking"), "utf-8")
    bad = GOOD.format(title="Broken").replace("        emotion: -1\n", "        pain: [Hidden fares]\n")
    (maps / "bad.yaml").write_text(bad, "utf-8")

    failed = runner.run("Validate the journey maps", paths="maps")
    assert failed.returncode == 1
    # on standard error, like every report of journeymap: the runner reads both streams
    assert "::error file=maps/bad.yaml,line=10,col=9,title=journeymap unknown-key::" in failed.stderr

    (maps / "bad.yaml").unlink()
    assert runner.run("Validate the journey maps", paths="maps").returncode == 0
    stale = runner.run("Render the journey maps", paths="maps", formats="md", output="docs", check="true")
    assert stale.returncode == 1 and "docs/good.md" in stale.stderr
    wrote = runner.run("Render the journey maps", paths="maps", formats="md", output="docs")
    assert wrote.returncode == 0, wrote.stderr
    assert "Booking" in (runner.workspace / "docs" / "good.md").read_text("utf-8")
    fresh = runner.run("Render the journey maps", paths="maps", formats="md", output="docs", check="true")
    assert fresh.returncode == 0, fresh.stderr
