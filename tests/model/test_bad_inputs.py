"""One file per hazard of the format, each declaring the exact diagnostics it
must produce (`# expect: CODE LINE:COL`), like check-jsonschema's examples."""

import re

import pytest

from conftest import TESTS
from journeymap.diagnostics import CODES
from journeymap.validation import validate_path

HERE = TESTS  # the tests folder, where the shared fixtures live
CASES = sorted((HERE / "bad").glob("*.yaml")) + sorted((HERE / "warn").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\S+) (\d+):(\d+)$", re.MULTILINE)


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_hazard_gives_its_exact_diagnostics(path):
    expected = sorted((code, int(line), int(col))
                      for code, line, col in EXPECT.findall(path.read_text("utf-8")))
    assert expected, f"{path.name} declares no expectation"
    result = validate_path(str(path))
    found = sorted((d.code, d.line, d.column) for d in result.diagnostics)
    assert found == expected
    for d in result.diagnostics:
        assert d.message.startswith("expected "), d.message
        assert " found " in d.message, d.message


def test_every_lint_code_has_a_case():
    covered = {code for path in CASES for code, _, _ in EXPECT.findall(path.read_text("utf-8"))}
    # Warnings that only drawing or importing can give have their own tests:
    # tests/run/test_render_command.py (hidden-lane), tests/importers/.
    elsewhere = {"hidden-lane", "mermaid-import", "sheet-value"}
    lint_codes = {code for code, severity in CODES.items() if severity != "error"} - elsewhere
    assert lint_codes <= covered, lint_codes - covered


def test_bad_files_are_rejected_and_warning_files_are_not():
    for path in CASES:
        result = validate_path(str(path))
        assert (result.journey is None) == (path.parent.name == "bad"), path.name
