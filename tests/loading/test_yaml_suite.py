"""The official YAML test suite's inputs: none is a journey map, and every one
must give a clean diagnostic inside the file (or validate), in one process,
never a traceback, a hang or a crash."""

import pytest

from conftest import SHARED
from journeymap.validation import validate_path

SUITE = SHARED / "data" / "yaml-test-suite"
INPUTS = sorted(SUITE.rglob("in.yaml"))


@pytest.mark.skipif(not INPUTS, reason="the YAML test suite is not beside the project")
def test_every_yaml_test_suite_input_gives_clean_diagnostics():
    assert len(INPUTS) > 300
    failures = []
    for path in INPUTS:
        raw = path.read_bytes()
        lines = raw.count(b"\n") + 1
        try:
            result = validate_path(str(path))
        except Exception as exc:  # the test is that this never happens
            failures.append(f"{path}: raised {exc!r}")
            continue
        for d in result.diagnostics:
            if d.code == "internal-error" or not (1 <= d.line <= lines) or d.column < 1:
                failures.append(f"{path}: {d}")
            if not d.message.startswith("expected "):
                failures.append(f"{path}: unclear message {d.message!r}")
        if result.journey is None and not result.diagnostics:
            failures.append(f"{path}: rejected without a diagnostic")
    assert not failures, "\n".join(failures[:20])
