"""The command line as users and CI run it: exit codes, output formats,
through typer's CliRunner and through a real subprocess."""

import json

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT, TESTS, example_paths, run_cli
from journeymap.cli import app

HERE = TESTS  # the tests folder, where the shared fixtures live
runner = CliRunner()


def invoke(*args, env=None, input=None):
    environment = {"GITHUB_ACTIONS": "", "NO_COLOR": "1", **(env or {})}
    return runner.invoke(app, [str(a) for a in args], env=environment, input=input)


def test_examples_validate_cleanly():
    result = invoke("validate", EXAMPLES, "--strict")
    assert result.exit_code == 0, result.output
    assert f"no problems in {len(example_paths())} files" in result.output


def test_an_error_is_reported_with_file_line_column_and_exit_1():
    result = invoke("validate", HERE / "bad" / "unknown-key.yaml")
    assert result.exit_code == 1
    assert "unknown-key.yaml:8:9: error[unknown-key]: stages[0].touchpoints[0].pain:" in result.output
    assert "did you mean 'pains'?" in result.output
    assert "        pain: [Fare rules are hidden]\n" in result.output
    assert "\n   |         ^^^^\n" in result.output


def test_caret_is_aligned_by_display_width(tmp_path):
    path = tmp_path / "cjk.yaml"
    path.write_text("title: 旅程\nstages:\n  - {name: 阶段, 错误: x}\n", "utf-8")
    result = invoke("validate", path)
    lines = result.output.splitlines()
    source = next(i for i, line in enumerate(lines) if "错误: x" in line)
    caret_line = lines[source + 1]
    # "  - {name: 阶段, " is 15 characters but 17 columns wide; the key is 2 CJK characters.
    assert caret_line.endswith("| " + " " * 17 + "^^^^")


def test_warnings_pass_unless_strict():
    warned = HERE / "warn" / "empty-stage.yaml"
    assert invoke("validate", warned).exit_code == 0
    assert invoke("validate", warned, "--strict").exit_code == 1
    quiet = invoke("validate", warned, "--strict", "--ignore", "empty-stage")
    assert quiet.exit_code == 0 and "empty-stage" not in quiet.output


def test_notes_are_shown_with_verbose_and_never_fail():
    path = HERE / "warn" / "metric-missed-target.yaml"
    plain = invoke("validate", path, "--strict")
    assert plain.exit_code == 0 and "metric-missed-target" not in plain.output
    assert "1 note not shown" in plain.output
    verbose = invoke("validate", path, "--strict", "--verbose")
    assert verbose.exit_code == 0 and "info[metric-missed-target]" in verbose.output


@pytest.mark.parametrize("args", [["--ignore", "no-such-code"], ["--ignore", "duplicate-id"],
                                  ["--format", "xml"], ["--no-such-option"]])
def test_usage_errors_exit_2(args):
    assert invoke("validate", EXAMPLES, *args).exit_code == 2


def test_missing_file_is_a_usage_error():
    result = invoke("validate", "does-not-exist.yaml")
    assert result.exit_code == 2
    assert "no such file or folder: does-not-exist.yaml" in result.output


def test_json_format_is_one_object_with_every_field():
    result = invoke("validate", HERE / "bad" / "unresolved-channel.yaml", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["errors"] == 1 and document["files"] == 1
    [problem] = document["diagnostics"]
    assert set(problem) == {"file", "line", "column", "severity", "code", "path", "message",
                            "suggestion"}
    assert (problem["line"], problem["column"], problem["code"]) == (5, 38, "unresolved-reference")
    assert problem["suggestion"] == "did you mean 'website'?"


def test_github_format_escapes_and_is_chosen_under_actions(tmp_path):
    path = tmp_path / "gh,1%.yaml"
    path.write_text('title: T\nstages: [{name: S, "bad\\nkey%": 1}]\n', "utf-8")
    result = invoke("validate", path, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    [line] = [ln for ln in result.output.splitlines() if ln.startswith("::")]
    assert line.startswith("::error file=")
    assert "gh%2C1%25.yaml" in line
    assert ",line=2,col=20," in line
    assert "bad%0Akey%25" in line
    assert "\n" not in line


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    good = tmp_path / "a.yaml"
    good.write_text("title: T\nstages: [{name: S, touchpoints: [{name: P}]}]\n", "utf-8")
    bad = tmp_path / "b.yaml"
    bad.write_bytes(b"title: \xff\nstages: []\n")
    result = invoke("validate", tmp_path, "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 1 and document["files"] == 2
    assert [d["code"] for d in document["diagnostics"]] == ["encoding"]


def test_folders_are_searched_for_journey_files_only(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "j.yml").write_text("stages: [{name: S, touchpoints: [{name: P}]}]\ntitle: T\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: docs\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.yaml").write_text("stages: broken: [\n")
    result = invoke("validate", tmp_path)
    assert result.exit_code == 0 and "in 1 file" in result.output


def test_standard_input():
    text = "title: T\nstages: [{name: S, touchpoints: [{name: P, emotion: 9}]}]\n"
    result = invoke("validate", "-", input=text)
    assert result.exit_code == 1
    assert "<stdin>:2:53: error[out-of-range]" in result.output


def test_init_writes_a_valid_map_and_never_overwrites(tmp_path):
    for map_type in ("current-state", "future-state", "day-in-the-life", "service-blueprint"):
        path = tmp_path / f"{map_type}.yaml"
        assert invoke("init", path, "--type", map_type, "--locale", "hu").exit_code == 0
        assert invoke("validate", path, "--strict").exit_code == 0
        assert "locale: hu" in path.read_text("utf-8")
        before = path.read_text("utf-8")
        path.write_text("mine", "utf-8")
        assert invoke("init", path).exit_code == 1
        assert path.read_text("utf-8") == "mine"
        assert invoke("init", path, "--force", "--type", map_type, "--locale", "hu").exit_code == 0
        assert path.read_text("utf-8") == before
    assert invoke("init", tmp_path / "x.yaml", "--type", "blueprint").exit_code == 2


def test_schema_command_prints_the_committed_schema(tmp_path):
    committed = (ROOT / "schemas" / "journeymap.schema.json").read_text("utf-8")
    assert invoke("schema").stdout == committed
    target = tmp_path / "out" / "schema.json"
    assert invoke("schema", "-o", target).exit_code == 0
    assert target.read_text("utf-8") == committed


def test_every_command_has_help():
    for command in (["validate"], ["schema"], ["init"], ["render"], ["renderers"], ["stats"], ["diff"],
                    ["watch"], ["import"], ["import", "mermaid"]):
        result = invoke(*command, "--help")
        assert result.exit_code == 0 and "Usage" in result.output, command


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.startswith("journeymap ")


# Through a real process -------------------------------------------------------------


def test_subprocess_exit_codes_and_streams():
    ok = run_cli("validate", EXAMPLES)
    assert ok.returncode == 0 and b"no problems" in ok.stderr
    bad = run_cli("validate", HERE / "bad" / "duplicate-key.yaml", "--format", "json")
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["diagnostics"][0]["code"] == "duplicate-key"
    usage = run_cli("validate", "--bogus")
    assert usage.returncode == 2


def test_no_bad_input_ever_shows_a_traceback():
    files = sorted((HERE / "bad").glob("*.yaml"))
    result = run_cli("validate", *files)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert result.stderr.count(b": error[") == len(files)


def test_colour_follows_no_color():
    bad = HERE / "bad" / "unknown-key.yaml"
    coloured = run_cli("validate", bad, env={"FORCE_COLOR": "1"})
    assert b"\x1b[" in coloured.stderr
    plain = run_cli("validate", bad, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert b"\x1b[" not in plain.stderr
