"""What CI needs of the command line, as ruff and black give it: exclusion
and .gitignore in folder searches, `render --check` that says how to fix
what it found (and `--diff`), report formats for code scanning and test
reports, and every problem of a map in one run. Each runs the real program."""

import json
import xml.etree.ElementTree as ET

from conftest import EXAMPLES, run_cli

MAP = EXAMPLES / "bank-account-opening.yaml"
VALID = "title: T\nstages: [{name: S, touchpoints: [{name: P}]}]\n"
BROKEN = "title: T\nstages: [{name: S, touchpoints: [{name: P, nme: x}]}]\n"
THREE_PROBLEMS = """title: Three problems
stages:
  - id: s
    name: Stage
    touchpoints:
      - id: a
        name: A
        pain: [typo key]
        next: [nowhere]
      - id: a
        name: B
"""


def _write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def _checked(result):
    return sorted(line.split(":")[0] for line in result.stdout.decode().splitlines())


def test_a_folder_search_skips_excluded_and_git_ignored_files(tmp_path):
    (tmp_path / ".git").mkdir()
    _write(tmp_path, {
        "maps/good.yaml": VALID,
        "tests/bad/broken.yaml": BROKEN,
        "build/out.yaml": BROKEN, ".gitignore": "build/\n*.tmp.yaml\n",
        "maps/draft.tmp.yaml": BROKEN,
        "maps/sub/.gitignore": "*.yaml\n!keep.yaml\n", "maps/sub/keep.yaml": VALID,
        "maps/sub/scratch.yaml": BROKEN,
        "node_modules/pkg/x.yaml": BROKEN, ".venv/x.yaml": BROKEN,
        "journeymap.toml": 'extend-exclude = ["tests/bad"]\n',
    })
    result = run_cli("validate", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"no problems in 2 files" in result.stderr
    listed = run_cli("validate", ".", "--format", "junit", cwd=tmp_path).stdout
    names = sorted(case.get("name") for case in ET.fromstring(listed).iter("testcase"))
    assert names == ["maps/good.yaml", "maps/sub/keep.yaml"]


def test_exclude_on_the_command_line_and_named_paths_always_taken(tmp_path):
    _write(tmp_path, {"maps/good.yaml": VALID, "maps/old/broken.yaml": BROKEN})
    assert run_cli("validate", "maps", cwd=tmp_path).returncode == 1
    assert run_cli("validate", "maps", "--exclude", "old", cwd=tmp_path).returncode == 0
    assert run_cli("validate", "maps", "--exclude", "maps/old", cwd=tmp_path).returncode == 0
    named = run_cli("validate", "maps/old/broken.yaml", "--exclude", "old", cwd=tmp_path)
    assert named.returncode == 1 and b"broken.yaml" in named.stderr
    folder = run_cli("validate", "maps/old", "--exclude", "old", cwd=tmp_path)
    assert folder.returncode == 1  # a folder named explicitly is searched


def test_the_settings_exclude_replaces_the_defaults(tmp_path):
    _write(tmp_path, {"a/good.yaml": VALID, "node_modules/x.yaml": VALID,
                      "pyproject.toml": '[tool.journeymap]\nexclude = ["a"]\n'})
    result = run_cli("validate", "--format", "junit", cwd=tmp_path)
    assert [c.get("name") for c in ET.fromstring(result.stdout).iter("testcase")] == [
        "node_modules/x.yaml"]
    bad = tmp_path / "pyproject.toml"
    bad.write_text('[tool.journeymap]\nexclud = ["a"]\n', "utf-8")
    refused = run_cli("validate", cwd=tmp_path)
    assert refused.returncode == 2 and b"did you mean 'exclude'?" in refused.stderr


def test_a_pattern_that_is_no_gitignore_pattern_is_named_not_a_crash(tmp_path):
    _write(tmp_path, {"maps/good.yaml": VALID, "maps/old/broken.yaml": BROKEN})
    for pattern in ("!", "\\", "[z-a]"):
        given = run_cli("validate", "maps", "--exclude", pattern, cwd=tmp_path)
        assert given.returncode == 2, given.stderr
        assert b"--exclude: " in given.stderr and b"is not a gitignore pattern" in given.stderr
    (tmp_path / "journeymap.toml").write_text('extend-exclude = ["old", "[z-a]"]\n', "utf-8")
    settings = run_cli("validate", "maps", cwd=tmp_path)
    assert settings.returncode == 2 and b"extend-exclude: '[z-a]'" in settings.stderr
    # In a .gitignore, git passes over a line it cannot read: so do we.
    (tmp_path / "journeymap.toml").unlink()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("!\n[z-a]\nold/\n", "utf-8")
    ignored = run_cli("validate", "maps", cwd=tmp_path)
    assert ignored.returncode == 0 and b"no problems in 1 file" in ignored.stderr


def test_check_prints_the_command_that_fixes_it_and_a_clear_status(tmp_path):
    _write(tmp_path, {"maps/a.yaml": VALID, "maps/b.yaml": VALID, "maps/broken.yaml": BROKEN})
    out = tmp_path / "out"
    run_cli("render", "maps", "-f", "svg,md", "-o", "out", cwd=tmp_path)
    (out / "a.md").write_text("edited\n", "utf-8")
    result = run_cli("render", "maps", "-f", "svg,md", "-o", "out", "--check", cwd=tmp_path)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "would update out/a.md (differs)" in err
    assert "to update them, run: journeymap render maps -f svg,md -o out\n" in err
    assert "3 maps: 1 of 4 outputs out of date; 1 map has errors (not checked)" in err
    fixed = run_cli(*err.split("run: ")[1].split("\n")[0].split()[1:], cwd=tmp_path)
    assert fixed.returncode == 1  # the broken map still fails, but the outputs are written
    assert run_cli("render", "maps", "-f", "svg,md", "-o", "out", "--check",
                   cwd=tmp_path).stderr.decode().count("out of date") == 0


def test_check_warns_about_outputs_whose_map_is_gone(tmp_path):
    _write(tmp_path, {"maps/a.yaml": VALID, "maps/gone.yaml": VALID, "out/logo.svg": "<svg/>",
                      "out/README.md": "# docs\n"})
    run_cli("render", "maps", "-f", "svg,md,png", "-o", "out", cwd=tmp_path)
    (tmp_path / "maps" / "gone.yaml").unlink()
    result = run_cli("render", "maps", "-f", "svg,md,png", "-o", "out", "--check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    warned = sorted(line.split(" ")[2] for line in result.stderr.decode().splitlines()
                    if "no map makes" in line)
    assert warned == ["out/gone.md", "out/gone.png", "out/gone.svg"]  # never logo.svg or README.md


def test_diff_shows_a_unified_diff_of_text_outputs(tmp_path):
    _write(tmp_path, {"a.yaml": VALID})
    run_cli("render", "a.yaml", "-f", "md,png", cwd=tmp_path)
    md = tmp_path / "a.md"
    original = md.read_text("utf-8")
    md.write_text(original.replace("# T", "# Old title"), "utf-8")
    (tmp_path / "a.png").write_bytes(b"\x89PNG old")
    result = run_cli("render", "a.yaml", "-f", "md,png", "--diff", cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "--- a.md\t(on disk)\n+++ a.md\t(rendered)\n" in out
    assert "\n-# Old title\n+# T\n" in out
    assert "binary file a.png differs\n" in out
    assert md.read_text("utf-8") != original  # nothing written


def _three_problems(tmp_path, fmt):
    path = tmp_path / "three.yaml"
    path.write_text(THREE_PROBLEMS, "utf-8")
    return run_cli("validate", "three.yaml", "--format", fmt, cwd=tmp_path)


def test_every_problem_of_a_map_is_reported_in_one_run(tmp_path):
    result = _three_problems(tmp_path, "text")
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "three.yaml:8:9: error[unknown-key]" in err
    assert "three.yaml:9:16: error[unresolved-reference]" in err
    assert "three.yaml:10:13: error[duplicate-id]" in err
    assert "3 errors in 1 file" in err


def test_sarif_for_github_code_scanning(tmp_path):
    result = _three_problems(tmp_path, "sarif")
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "journeymap"
    found = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
              r["locations"][0]["physicalLocation"]["region"]) for r in run["results"]]
    assert found == [("unknown-key", "error", "three.yaml", {"startLine": 8, "startColumn": 9}),
                     ("unresolved-reference", "error", "three.yaml", {"startLine": 9, "startColumn": 16}),
                     ("duplicate-id", "error", "three.yaml", {"startLine": 10, "startColumn": 13})]
    for result_ in run["results"]:
        assert rules[result_["ruleIndex"]]["id"] == result_["ruleId"]
        assert result_["message"]["text"]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in rules}
    assert levels["empty-stage"] == "warning" and levels["metric-missed-target"] == "note"


def test_junit_for_gitlab_and_jenkins(tmp_path):
    _write(tmp_path, {"ok.yaml": VALID})
    (tmp_path / "three.yaml").write_text(THREE_PROBLEMS, "utf-8")
    result = run_cli("validate", ".", "--format", "junit", cwd=tmp_path)
    root = ET.fromstring(result.stdout)
    suites = root.findall("testsuite")
    assert len(suites) == 1 and suites[0].get("tests") == "2" and suites[0].get("failures") == "3"
    cases = {case.get("name"): case for case in suites[0].iter("testcase")}
    assert sorted(cases) == ["ok.yaml", "three.yaml"]
    assert cases["ok.yaml"].find("failure") is None
    failures = cases["three.yaml"].findall("failure")
    assert [f.get("type") for f in failures] == ["unknown-key", "unresolved-reference", "duplicate-id"]
    assert failures[0].text.startswith("three.yaml:8:9: error[unknown-key]")


def test_gitlab_code_quality(tmp_path):
    issues = json.loads(_three_problems(tmp_path, "gitlab").stdout)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("unknown-key", "major", {"path": "three.yaml", "lines": {"begin": 8}}),
        ("unresolved-reference", "major", {"path": "three.yaml", "lines": {"begin": 9}}),
        ("duplicate-id", "major", {"path": "three.yaml", "lines": {"begin": 10}})]
    assert all(i["description"] and len(i["fingerprint"]) == 64 for i in issues)
    assert len({i["fingerprint"] for i in issues}) == 3
    # The fingerprint stays while the problem does, when lines above move.
    (tmp_path / "three.yaml").write_text("# a comment\n" + THREE_PROBLEMS, "utf-8")
    moved = json.loads(run_cli("validate", "three.yaml", "--format", "gitlab", cwd=tmp_path).stdout)
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in issues]
    assert moved[0]["location"]["lines"]["begin"] == 9


def test_render_takes_every_report_format(tmp_path):
    (tmp_path / "three.yaml").write_text(THREE_PROBLEMS, "utf-8")
    result = run_cli("render", "three.yaml", "--report-format", "sarif", cwd=tmp_path)
    assert result.returncode == 1 and len(json.loads(result.stdout)["runs"][0]["results"]) == 3


def test_hostile_text_stays_inert_in_every_ci_format(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text('title: T\nstages: [{name: S, touchpoints: [{name: P, next: ["\\e[31m##[error]x"]}]}]\n',
                    "utf-8")
    for fmt in ("sarif", "junit", "gitlab"):
        out = run_cli("validate", "evil.yaml", "--format", fmt, cwd=tmp_path).stdout
        assert b"\x1b" not in out and b"##[" not in out, fmt
        if fmt != "junit":
            json.loads(out)
        else:
            ET.fromstring(out)
