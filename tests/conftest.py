import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="Rewrite the golden files from the current output (then read the diff).")


@pytest.fixture
def update_goldens(request):
    return request.config.getoption("--update-goldens")


def example_paths():
    return sorted(EXAMPLES.glob("*.yaml"))


def run_cli(*args, input=None, env=None, cwd=None):
    """Run the real `journeymap` program in a subprocess."""
    full_env = dict(os.environ)
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "journeymap", *map(str, args)], input=input,
                          capture_output=True, env=full_env, cwd=cwd, timeout=120)


# A small valid map with a `{title}` to fill in, for the tests that run other
# tools (pre-commit, the Action, the live preview) on a real file.
SMALL_MAP = """\
journeymap: 1
title: {title}
persona: {{name: María López, role: Frequent business traveller}}
stages:
  - name: Search
    touchpoints:
      - id: compare-fares
        name: Compares fares
        channel: website
        emotion: -1
"""

# The one-touchpoint map the docs-pipeline tests (MkDocs, Sphinx) put in a
# page, written as one flow mapping so a test can add a key to it.
DOCS_MAP = """journeymap: 1
title: {title}
stages:
  - name: Pay
    touchpoints:
      - {{id: pay, name: Pays by card, channel: website, emotion: 1}}
"""


def need_module(module: str) -> None:
    """Skip a test without this Python module, except in CI, which installs the
    test extras: there a missing tool is a failure, never a silent skip."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{module} is not installed; CI installs it with the test extras")
        pytest.skip(f"{module} is not installed")

