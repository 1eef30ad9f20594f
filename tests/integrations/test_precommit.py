"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit.

pre-commit clones hooks from a git repository, so the working tree (what
`pip install` needs: pyproject.toml, README.md, the hooks file, src/) is
copied into a repository of its own and committed there. pre-commit then
builds a virtual environment and pip-installs journeymap into it from that
clone, with its dependencies from PyPI (nothing else is reachable here)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SMALL_MAP

ROOT = Path(__file__).resolve().parents[2]
NEEDED = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src/")
GIT_ENV = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "test",
           "GIT_COMMITTER_EMAIL": "test@example.com", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
GOOD = SMALL_MAP
BAD = GOOD.format(title="Broken").replace("        emotion: -1\n", "        pain: [Fare rules are hidden]\n")


def need(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (pip install pre-commit)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def source_files(root: Path) -> list[str]:
    """The working tree's files that a build needs: tracked and new ones,
    without what git ignores (or, outside git, without caches)."""
    listed = subprocess.run(["git", "ls-files", "-z", "-c", "-o", "--exclude-standard"], cwd=root,
                            capture_output=True)
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode().split("\0") if n]
    else:
        names = [p.relative_to(root).as_posix() for p in [root / n for n in NEEDED[:-1]]
                 + list((root / "src").rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    return sorted(n for n in names if n.startswith(NEEDED) and (root / n).is_file())


def commit_tree(repo: Path) -> str:
    """Commit the copied tree at a fixed date: the same files give the same
    revision, so pre-commit's store keeps its environment between runs."""
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z",
           "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z"}
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "hooks"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True,
                          text=True, env=env).stdout.strip()


@pytest.fixture(scope="module")
def hooks(request, tmp_path_factory):
    """(the hook repository, a config naming it at its revision, the
    environment pre-commit runs with). The store lives in pytest's cache, so
    journeymap is pip-installed once per change of the sources, not per run."""
    need("git")
    need("pre-commit")
    try:
        cache = Path(request.config.cache.mkdir("journeymap-pre-commit"))
    except AttributeError:  # the cache plug-in is off
        cache = tmp_path_factory.mktemp("journeymap-pre-commit")
    repo = cache / "hook-repo"
    shutil.rmtree(repo, ignore_errors=True)
    for name in source_files(ROOT):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    revision = commit_tree(repo)
    config = cache / "pre-commit-config.yaml"
    config.write_text(f"repos:\n  - repo: {json.dumps(str(repo))}\n    rev: {revision}\n    hooks:\n"
                      "      - id: journeymap-validate\n      - id: journeymap-render\n", "utf-8")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(cache / "home"), "PRE_COMMIT_COLOR": "never",
           "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["pre-commit", "gc"], env=env, capture_output=True)  # environments of older sources
    return repo, config, env


@pytest.fixture
def project(tmp_path):
    git("init", "-q", cwd=tmp_path)
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "good.yaml").write_text(GOOD.format(title="Booking"), "utf-8")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)  # YAML that is not a journey map
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("name: ci\non: push\njobs: {}\n", "utf-8")
    git("add", "-A", cwd=tmp_path)
    return tmp_path


def run_hook(hooks, project: Path, hook: str, **env: str) -> subprocess.CompletedProcess:
    """`pre-commit run HOOK --all-files` with a config that names the hook
    repository, as a project's .pre-commit-config.yaml does."""
    _, config, base = hooks
    return subprocess.run(["pre-commit", "run", hook, "--all-files", "--config", str(config)], cwd=project,
                          capture_output=True, text=True, env={**base, **env}, timeout=900)


def test_try_repo_validates_good_and_bad_maps(hooks, project):
    """The way a hook author tries hooks: `pre-commit try-repo` (which builds
    its own environment every time, from PyPI)."""
    repo, _, env = hooks
    (project / "maps" / "bad.yaml").write_text(BAD, "utf-8")
    git("add", "-A", cwd=project)
    done = subprocess.run(["pre-commit", "try-repo", str(repo), "journeymap-validate", "--all-files"],
                          cwd=project, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 1, done.stdout + done.stderr
    shown = done.stdout.split("journeymap validate", 1)[1]
    assert "maps/bad.yaml:10:9: error[unknown-key]" in shown
    assert "good.yaml" not in shown and "ci.yml" not in shown


def test_validate_hook_passes_a_good_map_and_leaves_other_yaml_alone(hooks, project):
    done = run_hook(hooks, project, "journeymap-validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "journeymap validate" in done.stdout and "Passed" in done.stdout


def test_validate_hook_fails_a_bad_map_with_file_line_col(hooks, project):
    (project / "maps" / "bad.yaml").write_text(BAD, "utf-8")
    git("add", "-A", cwd=project)
    done = run_hook(hooks, project, "journeymap-validate")
    assert done.returncode == 1
    assert "maps/bad.yaml:10:9: error[unknown-key]" in done.stdout
    assert "help: did you mean 'pains'?" in done.stdout
    assert "ci.yml" not in done.stdout.split("journeymap validate", 1)[1]
    annotated = run_hook(hooks, project, "journeymap-validate", GITHUB_ACTIONS="true")
    assert annotated.returncode == 1
    assert "::error file=maps/bad.yaml,line=10,col=9,title=journeymap unknown-key::" in annotated.stdout


def test_render_hook_fails_when_it_wrote_then_passes_and_touches_nothing(hooks, project):
    (project / "journeymap.toml").write_text('maps = ["maps"]\nformats = ["md"]\noutput = "docs"\n', "utf-8")
    git("add", "-A", cwd=project)
    output = project / "docs" / "good.md"

    first = run_hook(hooks, project, "journeymap-render")
    assert first.returncode == 1, first.stdout  # a new, untracked output fails the hook too
    assert output.is_file() and "docs/good.md" in first.stdout

    git("add", "-A", cwd=project)
    written = output.stat().st_mtime_ns
    second = run_hook(hooks, project, "journeymap-render")
    assert second.returncode == 0, second.stdout
    assert output.stat().st_mtime_ns == written  # nothing rewritten

    (project / "maps" / "good.yaml").write_text(GOOD.format(title="Booking, revised"), "utf-8")
    git("add", "-A", cwd=project)
    third = run_hook(hooks, project, "journeymap-render")
    assert third.returncode == 1 and "Booking, revised" in output.read_text("utf-8")
    assert "files were modified by this hook" in third.stdout
