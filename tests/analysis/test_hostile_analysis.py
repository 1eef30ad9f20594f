"""Hostile input to `stats`, `diff` and `render --compare`: revisions that git
would read as options, folders instead of maps, terminals that cannot show
UTF-8, extreme numbers, and user text that tries to become rich markup,
terminal control, Markdown structure or broken JSON."""

import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import journeymap
from conftest import EXAMPLES, run_cli
from journeymap.analysis import report
from journeymap.analysis.diff import diff
from journeymap.analysis.stats import LARGEST, stats
from journeymap.loading import revision as gitrev
from journeymap.model import Journey, Metric

CURRENT = EXAMPLES / "family-flight-booking.yaml"
FUTURE = EXAMPLES / "family-flight-booking-future.yaml"
DEBUG = {"JOURNEYMAP_DEBUG": "1", "COLUMNS": "200"}


def assert_clean(result, code):
    """Exit `code`, and no traceback nor internal error on the way."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert result.returncode == code, (result.returncode, stderr)


def strict_json(text):
    """Parse as RFC 8259 JSON: NaN, Infinity and -Infinity are errors."""
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


# git revisions -----------------------------------------------------------------------------

def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """A git repository with the flight map committed twice, and a map whose
    file name starts with a dash."""
    repo = tmp_path / "repo"
    (repo / "maps").mkdir(parents=True)
    git(repo, "-c", "init.defaultBranch=master", "init", "-q")
    (repo / "maps" / "flight.yaml").write_bytes(CURRENT.read_bytes())
    (repo / "maps" / "-dash.yaml").write_bytes(CURRENT.read_bytes())
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "one")
    (repo / "maps" / "flight.yaml").write_bytes(FUTURE.read_bytes())
    git(repo, "commit", "-q", "-am", "two")
    return repo


FORMS = [":x", ":maps/flight.yaml", ":", "=x"]


def option_spec(tmp_path, form):
    """A spec that makes git write `written-by-git...` when read as an option
    (the folder of `--output=...written-by-git:maps/flight.yaml` is made, so
    that git could write that one too)."""
    (tmp_path / "written-by-git:maps").mkdir(exist_ok=True)
    return f"--output={tmp_path / 'written-by-git'}{form}"


def nothing_written(tmp_path):
    found = [p.name for p in tmp_path.iterdir() if p.name.startswith("written-by-git")]
    return found == ["written-by-git:maps"] and not any((tmp_path / "written-by-git:maps").iterdir())


@pytest.mark.parametrize("position", ["old", "new"])
@pytest.mark.parametrize("form", FORMS)
def test_diff_never_lets_git_read_a_revision_as_an_option(repo, tmp_path, position, form):
    spec = option_spec(tmp_path, form)
    args = [spec, "maps/flight.yaml"] if position == "old" else ["maps/flight.yaml", spec]
    result = run_cli("diff", "--", *args, cwd=repo, env=DEBUG)
    assert_clean(result, 2)
    assert nothing_written(tmp_path)
    assert b"journeymap: error:" in result.stderr


@pytest.mark.parametrize("form", FORMS)
def test_render_compare_never_lets_git_read_a_revision_as_an_option(repo, tmp_path, form):
    out = tmp_path / "out"
    result = run_cli("render", "maps/flight.yaml", f"--compare={option_spec(tmp_path, form)}", "-f", "svg",
                     "-o", out, cwd=repo, env=DEBUG)
    assert_clean(result, 2)
    assert nothing_written(tmp_path)
    assert not out.exists()  # a usage error is found before anything is rendered


def test_a_revision_that_starts_with_a_dash_is_refused_with_a_reason(repo):
    result = run_cli("diff", "--", "--output=x:maps/flight.yaml", "maps/flight.yaml", cwd=repo)
    assert b"a revision cannot start with '-'" in result.stderr
    assert not (repo / "x:maps").exists() and not (repo / "x").exists()


@pytest.mark.parametrize("spec, reason", [
    ("HEAD~1..HEAD:maps/flight.yaml", "not a range"),
    ("HEAD~1...HEAD:maps/flight.yaml", "not a range"),
    ("HEAD^!:maps/flight.yaml", "not a range"),
    ("HEAD^@:maps/flight.yaml", "not a range"),
    ("HEAD^-:maps/flight.yaml", "not a range"),
    ("^HEAD:maps/flight.yaml", "not a range"),
    ("HEAD^{/two}:maps/flight.yaml", "commit messages"),
    (":/two", "commit messages"),
    ("HEAD\n::error::forged:maps/flight.yaml", "spaces or control characters"),
    ("HEAD\r:maps/flight.yaml", "spaces or control characters"),
    ("HEAD x:maps/flight.yaml", "spaces or control characters"),
    ("HEAD\t:maps/flight.yaml", "spaces or control characters"),
    ("HEAD\u202e:maps/flight.yaml", "spaces or control characters"),
    ("HEAD\u00a0:maps/flight.yaml", "spaces or control characters"),
    ("HEAD:maps/flight.yaml\n::error::forged", "control characters"),
    ("HEAD:", "name the file"),
    (":", "name the file"),
])
def test_revisions_that_are_not_one_file_in_one_commit_are_refused(repo, spec, reason):
    result = run_cli("diff", "--", spec, "maps/flight.yaml", cwd=repo, env=DEBUG)
    assert_clean(result, 2)
    stderr = result.stderr.decode()
    assert reason in stderr
    assert stderr.count("\n") == 1 and "\r" not in stderr  # one line: nothing forged in a CI log
    assert "\u202e" not in stderr


@pytest.mark.parametrize("spec", ["HEAD~1:maps/flight.yaml", "HEAD^:maps/flight.yaml", "HEAD@{1}:maps/flight.yaml",
                                  "master~1:maps/flight.yaml", "HEAD~1:./maps/flight.yaml"])
def test_plain_revisions_keep_working(repo, spec):
    result = run_cli("diff", spec, "maps/flight.yaml", "--format", "json", cwd=repo, env=DEBUG)
    assert_clean(result, 0)
    data = strict_json(result.stdout)
    assert data["old"] == spec and len(data["touchpoints"]["removed"]) == 3


def test_the_index_and_a_path_that_starts_with_a_dash_are_read(repo):
    """`:path` is git's name for the staged version; a path after `REV:` can
    never be an option, whatever its first character."""
    staged = run_cli("diff", ":maps/flight.yaml", "maps/flight.yaml", "--exit-code", cwd=repo, env=DEBUG)
    assert_clean(staged, 0)
    dashed = run_cli("diff", "HEAD:maps/-dash.yaml", "HEAD~1:maps/flight.yaml", "--exit-code", cwd=repo, env=DEBUG)
    assert_clean(dashed, 0)
    assert b"no changes" in dashed.stdout


def test_render_compare_with_a_plain_revision(repo, tmp_path):
    result = run_cli("render", "maps/flight.yaml", "--compare", "HEAD~1:maps/flight.yaml", "-f", "svg",
                     "-o", tmp_path / "out", cwd=repo, env=DEBUG)
    assert_clean(result, 0)
    assert "Previous version" in (tmp_path / "out" / "flight.svg").read_text("utf-8")


def test_git_errors_are_one_inert_line(repo):
    result = run_cli("diff", "no\u202esuch:maps/flight.yaml", "maps/flight.yaml", cwd=repo, env=DEBUG)
    assert_clean(result, 2)
    assert b"spaces or control characters" in result.stderr
    missing = run_cli("diff", "HEAD:maps/none.yaml", "maps/flight.yaml", cwd=repo, env=DEBUG)
    assert_clean(missing, 2)
    assert b"git cannot read it" in missing.stderr and missing.stderr.count(b"\n") == 1
    folder = run_cli("diff", "HEAD:maps", "maps/flight.yaml", cwd=repo, env=DEBUG)
    assert_clean(folder, 2)
    assert b"git cannot read it" in folder.stderr


def test_without_git_it_is_a_usage_error(repo):
    result = run_cli("diff", "HEAD:maps/flight.yaml", "maps/flight.yaml", cwd=repo,
                     env={**DEBUG, "PATH": str(repo / "nowhere")})
    assert_clean(result, 2)
    assert b"git is not installed" in result.stderr


def test_split_is_where_git_splits():
    assert gitrev.split("HEAD~1:maps/x.yaml") == gitrev.RevisionPath("HEAD~1", "maps/x.yaml")
    assert gitrev.split("HEAD@{10:00}:a:b") == gitrev.RevisionPath("HEAD@{10:00}", "a:b")
    assert gitrev.split(":maps/x.yaml") == gitrev.RevisionPath("", "maps/x.yaml")
    assert gitrev.split("maps/x.yaml") is None
    assert gitrev.split("}{:x") is None  # unbalanced: the colon is inside the brace git opened


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("-^.:@{}/~!\n\r\t \x00\u202e\u00a0aH1"), max_size=12))
def test_whatever_passes_the_check_is_one_plain_object_name(spec):
    found = gitrev.split(spec)
    if found is None:
        return
    try:
        gitrev.check(found)
    except gitrev.GitRevError:
        return
    name = str(found)
    assert not name.startswith(("-", "^")) and ".." not in found.revision and found.path
    assert not any(c.isspace() or c in "\x00\u202e" for c in found.revision)
    assert not any(c in "\n\r\t\x00\u202e" for c in found.path)


def test_an_old_git_without_end_of_options_still_gets_no_option(repo, monkeypatch):
    calls = []
    real = gitrev._run_git

    def recording(arguments):
        calls.append(arguments)
        return real(arguments)

    monkeypatch.chdir(repo)
    monkeypatch.setattr(gitrev, "_run_git", recording)
    monkeypatch.setattr(gitrev, "_git_version", lambda: (2, 20))
    assert gitrev.read_blob(gitrev.split("HEAD:maps/flight.yaml")) == FUTURE.read_bytes()
    assert calls == [["cat-file", "-s", "HEAD:maps/flight.yaml"],  # the size first
                     ["cat-file", "blob", "HEAD:maps/flight.yaml"]]
    with pytest.raises(gitrev.GitRevError, match="cannot start with '-'"):
        gitrev.read_blob(gitrev.split("--output=x:y"))
    assert len(calls) == 2  # refused before git ran

    monkeypatch.setattr(gitrev, "_git_version", lambda: (2, 39))
    gitrev.read_blob(gitrev.split("HEAD:maps/flight.yaml"))
    assert calls[-2:] == [["cat-file", "-s", "--end-of-options", "HEAD:maps/flight.yaml"],
                          ["cat-file", "blob", "--end-of-options", "HEAD:maps/flight.yaml"]]


def test_a_blob_over_the_size_limit_is_not_read(repo, monkeypatch):
    monkeypatch.chdir(repo)
    big = repo / "maps" / "big.yaml"
    big.write_bytes(b"# " + b"x" * (gitrev.MAX_BYTES + 10) + b"\n")
    git(repo, "add", "maps/big.yaml")
    git(repo, "commit", "-q", "-m", "big")
    with pytest.raises(gitrev.GitRevError, match="over the 10 MB"):
        gitrev.read_blob(gitrev.split("HEAD:maps/big.yaml"))


def test_a_git_that_hangs_is_stopped(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    monkeypatch.setattr(gitrev, "TIMEOUT_SECONDS", 0.5)
    gitrev._git_version.cache_clear()
    try:
        with pytest.raises(gitrev.GitRevError, match="did not answer"):
            gitrev.read_blob(gitrev.split("HEAD:x.yaml"))
    finally:
        gitrev._git_version.cache_clear()


# folders instead of maps -----------------------------------------------------------------

@pytest.mark.parametrize("position", ["old", "new"])
def test_diff_with_an_empty_folder_is_a_usage_error(tmp_path, position):
    empty = tmp_path / "empty"
    empty.mkdir()
    args = [empty, CURRENT] if position == "old" else [CURRENT, empty]
    result = run_cli("diff", *args, env=DEBUG)
    assert_clean(result, 2)
    assert b"no journey maps" in result.stderr


def test_diff_with_a_folder_of_several_maps_is_a_usage_error():
    result = run_cli("diff", EXAMPLES, CURRENT, env=DEBUG)
    assert_clean(result, 2)
    assert b"journey maps; name the one map file" in result.stderr


def test_a_folder_holding_one_map_is_that_map(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "map.yaml").write_bytes(CURRENT.read_bytes())
    result = run_cli("diff", tmp_path / "one", CURRENT, "--exit-code", env=DEBUG)
    assert_clean(result, 0)


def test_render_compare_with_an_empty_folder_is_a_usage_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("render", FUTURE, "--compare", empty, "-f", "svg", "-o", tmp_path / "out", env=DEBUG)
    assert_clean(result, 2)
    assert b"no journey maps" in result.stderr


def test_stats_of_an_empty_folder_says_so_and_exits_2(tmp_path):
    """As pytest does when it collects nothing: a run over no maps is not a pass."""
    result = run_cli("stats", tmp_path, "--format", "json", env=DEBUG)
    assert_clean(result, 2)
    assert b"no journey files found under" in result.stderr and result.stdout == b""


# terminals that cannot show UTF-8 --------------------------------------------------------

HOSTILE_TITLE = ("# [bold]Big[/bold] :smile: [x](http://e.vil) <img src=x onerror=alert(1)> a|b "
                 "\u202eevil\u2066 line\nbreak\r::error::x 😀 ✓ −2 #")


def hostile_map(tmp_path, name="hostile.yaml", emotion=-1, pain="[link=http://x]click[/link] | pipe"):
    text = json.dumps({
        "title": HOSTILE_TITLE,
        "stages": [{"id": "s", "name": "[red]S[/red] | :thumbs_up: --- `x`", "touchpoints": [
            {"id": "a", "name": "<script>alert(1)</script> *em* _u_ $x$ ~~s~~ :smile:", "emotion": emotion,
             "pains": [pain, "\tindented\n# heading\n---\n1. list\n<div>"],
             "opportunities": [],
             "metrics": {"m": {"value": 1e15, "target": 1e-15}, "z": {"value": 3, "target": 0},
                         "w": {"value": -1e15, "target": 1e15, "better": "lower"}}},
            {"id": "b", "name": "B #", "emotion": 1, "key": True,
             "metrics": {"k": {"value": 0.5, "target": 0.25}}}]}],
    }, ensure_ascii=False)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")  # JSON is YAML
    return path


def environment(changes):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "PYTHONIOENCODING", "PYTHONUTF8")) and k != "LANG"}
    env.pop("GITHUB_ACTIONS", None)
    return {**env, **DEBUG, **changes}


LOCALES = [({"LC_ALL": "C", "PYTHONUTF8": "0"}, True), ({"PYTHONIOENCODING": "ascii"}, True),
           ({"LANG": "C"}, False), ({"LC_ALL": "C"}, False), ({"LANG": "C", "PYTHONUTF8": "0"}, False)]


@pytest.mark.parametrize("changes, ascii_only", LOCALES, ids=lambda v: str(v))
@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_stats_and_diff_under_a_locale_without_utf8(tmp_path, changes, ascii_only, fmt):
    old = hostile_map(tmp_path, "old.yaml")
    new = hostile_map(tmp_path, "new.yaml", emotion=2, pain="another pain ✗")
    env = environment(changes)
    for command in (["stats", old, new], ["diff", old, new]):
        result = subprocess.run([sys.executable, "-m", "journeymap", *map(str, command), "--format", fmt],
                                capture_output=True, env=env, timeout=120)
        assert_clean(result, 0)
        if ascii_only:
            result.stdout.decode("ascii")  # what it cannot show, it shows as escapes
        if fmt == "json":
            data = strict_json(result.stdout)  # and JSON stays JSON, with the same text
            title = data["maps"][0]["title"] if command[0] == "stats" else None
            assert title in (None, HOSTILE_TITLE)


# numbers ---------------------------------------------------------------------------------

EXTREMES = [1e15, -1e15, 1e-15, -1e-15, 0, 0.0, 10 ** 15, -(10 ** 15), 1, 0.1, 999999999999999.9]


def test_extreme_numbers_give_strict_json_from_the_cli(tmp_path):
    metrics = {f"m{i}-{j}": {"value": v, "target": t, "better": b}
               for i, v in enumerate(EXTREMES) for j, t in enumerate(EXTREMES)
               for b in ["higher"] if (i + j) % 2 == 0}
    text = json.dumps({"title": "T", "scale": {"min": 10 ** 15 - 100, "max": 10 ** 15}, "stages": [
        {"id": "s", "name": "S", "touchpoints": [
            {"id": "a", "name": "A", "emotion": 10 ** 15, "metrics": metrics, "key": True},
            {"id": "b", "name": "B", "emotion": 10 ** 15 - 100},
            {"id": "c", "name": "C", "emotion": 10 ** 15}]},
        {"id": "t", "name": "T", "touchpoints": [{"id": "d", "name": "D"}]}]})
    path = tmp_path / "extreme.yaml"
    path.write_text(text)
    result = run_cli("stats", path, "--format", "json", env=DEBUG)
    assert_clean(result, 0)
    data = strict_json(result.stdout)
    assert data["maps"][0]["emotion"][0]["stages"][1]["average"] is None  # an average of nothing
    by_name = {m["metric"]: m for m in data["maps"][0]["metrics"]}
    assert by_name["m4-4"]["relative_gap"] is None  # a target of 0 has no relative gap
    assert by_name["m1-1"]["relative_gap"] == 0  # -1e15 against -1e15
    for fmt in ("text", "md"):
        assert_clean(run_cli("stats", path, "--format", fmt, env=DEBUG), 0)
    for fmt in ("text", "md", "json"):
        result = run_cli("diff", path, CURRENT, "--format", fmt, env=DEBUG)
        assert_clean(result, 0)
    strict_json(run_cli("diff", CURRENT, path, "--format", "json").stdout)


def test_numbers_beyond_what_the_loader_takes_are_map_errors(tmp_path):
    huge = "9" * 400
    path = tmp_path / "huge.yaml"
    path.write_text(f"title: T\nscale: {{min: -{huge}, max: {huge}}}\nstages:\n  - id: s\n    name: S\n"
                    f"    touchpoints:\n      - {{id: a, name: A, emotion: {huge}, metrics: "
                    f"{{m: {{value: {huge}, target: -{huge}}}, n: {{value: 1.5e308, target: -1.5e308}}, "
                    f"o: {{value: 1e308, target: 1e-308}}}}}}\n")
    for command in (["stats", path], ["diff", path, CURRENT], ["diff", CURRENT, path]):
        for fmt in ("text", "json", "md"):
            assert_clean(run_cli(*command, "--format", fmt, env=DEBUG), 1)


def _with_metrics(journey, metrics, emotions=None):
    """`journey` with its first touchpoint's metrics replaced without
    validation: numbers no loader would let through, for the arithmetic."""
    stage = journey.stages[0]
    touchpoints = list(stage.touchpoints)
    touchpoints[0] = touchpoints[0].model_copy(update={"metrics": metrics})
    for index, emotion in enumerate(emotions or []):
        touchpoints[index] = touchpoints[index].model_copy(update={"emotion": emotion})
    stages = [stage.model_copy(update={"touchpoints": touchpoints}), *journey.stages[1:]]
    return journey.model_copy(update={"stages": stages})


def _metric(value, target, better="higher"):
    return Metric.model_construct(value=value, target=target, better=better, unit=None)


ABSURD = [1.7e308, -1.7e308, 5e-324, -5e-324, 10 ** 400, -(10 ** 400), 10 ** 5000, 3, 0, 0.0]


def test_stats_and_diff_survive_numbers_of_any_size():
    """The arithmetic itself never overflows: exact until a figure is
    rounded, and every figure a finite double or an integer Python can write."""
    base = journeymap.load(CURRENT)
    metrics = {f"m{i}-{j}-{b}": _metric(v, t, b) for i, v in enumerate(ABSURD) for j, t in enumerate(ABSURD)
               for b in ("higher", "lower")}
    big = _with_metrics(base, metrics, emotions=[10 ** 5000, -(10 ** 5000)])
    for journey in (big, base):
        figures = stats(journey, "x")
        text = report.as_json({"maps": [figures]})
        strict_json(text)
        report.as_markdown("x", report.stats_tables(figures))
        report.print_rich("x", report.stats_tables(figures), console=_console())
    for old, new in ((base, big), (big, base), (big, big)):
        result = diff(old, new, "old", "new")
        strict_json(report.as_json(result))
        report.as_markdown("x", report.diff_tables(result))
        report.print_rich("x", report.diff_tables(result), console=_console())
    by_name = {m["metric"]: m for m in stats(big, "x")["metrics"]}
    assert by_name["m0-1-higher"]["gap"] == LARGEST  # 1.7e308 - -1.7e308 is beyond a double
    assert by_name["m1-0-higher"]["gap"] == -LARGEST
    assert by_name["m4-5-higher"]["gap"] == 2 * 10 ** 400  # integers stay exact while they can be written
    assert by_name["m0-2-higher"]["relative_gap"] == LARGEST  # 1.7e308 / 5e-324
    assert by_name["m7-8-higher"]["relative_gap"] is None  # target 0
    assert all(isinstance(m["relative_gap"], (float, type(None))) for m in by_name.values())


def _console():
    from rich.console import Console

    return Console(file=io.StringIO(), width=120, markup=False, emoji=False, highlight=False)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.tuples(
    st.one_of(st.integers(-10 ** 15, 10 ** 15), st.floats(-1e15, 1e15, allow_nan=False)),
    st.one_of(st.integers(-10 ** 15, 10 ** 15), st.floats(-1e15, 1e15, allow_nan=False)),
    st.sampled_from(["higher", "lower"])), min_size=1, max_size=6),
    emotions=st.lists(st.integers(-10 ** 15, 10 ** 15), min_size=2, max_size=2))
def test_any_accepted_numbers_give_strict_json(values, emotions):
    def number(x):  # what the loader accepts: 0, or 1e-15 to 1e15 in magnitude
        return 0 if isinstance(x, float) and abs(x) < 1e-15 else x

    metrics = {f"m{i}": {"value": number(v), "target": number(t), "better": b} for i, (v, t, b) in enumerate(values)}
    journey = Journey.model_validate({"title": "T", "scale": {"min": -(10 ** 15), "max": 10 ** 15}, "stages": [
        {"id": "s", "name": "S", "touchpoints": [
            {"id": "a", "name": "A", "emotion": emotions[0], "metrics": metrics},
            {"id": "b", "name": "B", "emotion": emotions[1]}]},
        {"id": "t", "name": "T", "touchpoints": [{"id": "c", "name": "C"}]}]})
    figures = stats(journey, "x")
    assert strict_json(report.as_json({"maps": [figures]}))["maps"][0]["title"] == "T"
    strict_json(report.as_json(diff(journey, journeymap.load(CURRENT), "a", "b")))
    strict_json(report.as_json(diff(journeymap.load(CURRENT), journey, "a", "b")))
    report.as_markdown("x", report.stats_tables(figures))


# user text stays text --------------------------------------------------------------------

def test_terminal_output_shows_user_text_verbatim_and_inert(tmp_path):
    old = hostile_map(tmp_path, "old.yaml")
    new = hostile_map(tmp_path, "new.yaml", emotion=2, pain="another pain")
    named = tmp_path / "e\x1b[31mvil\x1b]0;title\x07.yaml"
    named.write_bytes(old.read_bytes())
    for command in (["stats", old, named], ["diff", named, new]):
        result = run_cli(*command, env={**DEBUG, "COLUMNS": "400"})
        assert_clean(result, 0)
        out = result.stdout.decode("utf-8")
        assert not any(c in out for c in "\x1b\x07\r\u202e\u2066"), repr(out)
        assert "\\x1b[31m" in out
    stats_out = run_cli("stats", old, env={**DEBUG, "COLUMNS": "400"}).stdout.decode()
    assert "\\u202eevil\\u2066" in stats_out
    assert "[bold]Big[/bold] :smile:" in stats_out and "😄" not in stats_out
    assert "line\\nbreak\\r::error::x" in stats_out  # one line: no forged CI command
    assert "[link=http://x]click[/link] | pipe" in stats_out
    diff_out = run_cli("diff", old, new, env={**DEBUG, "COLUMNS": "400"}).stdout.decode()
    assert "<script>alert(1)</script> *em* _u_ $x$ ~~s~~ :smile:" in diff_out
    assert "[link=http://x]click[/link] | pipe" in diff_out


def test_print_rich_shows_control_characters_as_escapes():
    console = _console()
    console.file = io.StringIO()
    table = ("[b]T[/b] \x1b[2J", ["[i]h[/i]", ":smile:"], [["\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "\x9b31m"]])
    report.print_rich("head\x1b[1A :smile: [red]x[/red]", [table], console=console)
    out = console.file.getvalue()
    assert "\x1b" not in out and "\x9b" not in out
    for shown in ("head\\x1b[1A :smile: [red]x[/red]", "[b]T[/b] \\x1b[2J", "[i]h[/i]", ":smile:", "\\x9b31m"):
        assert shown in out


def _markdown_tokens(text):
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)


def _check_markdown(text, headings):
    """Only our structure: the headings we wrote, tables whose every row has
    its header's columns, no link, image, emphasis, code or HTML but <br>."""
    tokens = _markdown_tokens(text)
    assert [t.tag for t in tokens if t.type == "heading_open"] == headings
    assert not [t for t in tokens if t.type in ("html_block", "code_block", "fence", "hr", "bullet_list_open",
                                                 "ordered_list_open", "blockquote_open")]
    inline = [child for t in tokens if t.type == "inline" for child in t.children]
    assert not [c for c in inline if c.type in ("link_open", "image", "em_open", "strong_open", "s_open",
                                                 "code_inline")]
    assert {c.content for c in inline if c.type == "html_inline"} <= {"<br>", "<br />"}
    columns, row = None, 0
    for token in tokens:
        if token.type == "thead_open":
            columns = None
        if token.type == "tr_open":
            row = 0
        if token.type in ("th_open", "td_open"):
            row += 1
        if token.type == "tr_close":
            columns = columns or row
            assert row == columns
    return tokens


def test_markdown_output_keeps_user_text_as_text(tmp_path):
    old = hostile_map(tmp_path, "old.yaml")
    new = hostile_map(tmp_path, "new #", emotion=2, pain="new | pain <b>x</b> `c`")
    stats_md = run_cli("stats", old, "--format", "md", env=DEBUG)
    assert_clean(stats_md, 0)
    tokens = _check_markdown(stats_md.stdout.decode(), ["h2"] + ["h3"] * 6)
    heading = next(tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open")
    shown = "".join(c.content for c in heading.children if c.type == "text")
    assert shown.startswith("# [bold]Big[/bold] :smile: [x](http://e.vil) <img src=x onerror=alert(1)> a|b ")
    diff_md = run_cli("diff", old, new, "--format", "md", env=DEBUG)
    assert_clean(diff_md, 0)
    tokens = _check_markdown(diff_md.stdout.decode(), ["h2", "h3", "h3", "h3"])
    heading = next(tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open")
    assert heading.content.endswith("new \\#")  # a trailing '#' is kept, not read as closing the heading
    assert "".join(c.content for c in heading.children).endswith("new #")
    cells = ["".join(c.content for c in tokens[i + 1].children if c.type == "text")
             for i, t in enumerate(tokens) if t.type == "td_open"]
    assert "new | pain <b>x</b> `c`" in cells
    nothing = run_cli("diff", old, old, "--format", "md", env=DEBUG)
    _check_markdown(nothing.stdout.decode(), ["h2"])


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.text(alphabet=st.sampled_from("+-−.0123456789e%✓✗– |#<>*_[]()`\\!:=~$&x"), max_size=12),
                      min_size=1, max_size=4))
def test_any_cell_text_stays_one_cell_of_plain_text(cells):
    rows = [cells, list(reversed(cells))]
    tokens = _check_markdown(report.as_markdown("heading", [("Table", [f"c{i}" for i in range(len(cells))], rows)]),
                             ["h2", "h3"])
    shown = ["".join(c.content for c in tokens[i + 1].children if c.type == "text")
             for i, t in enumerate(tokens) if t.type == "td_open"]
    assert shown == [cell.strip(" ") for row in rows for cell in row]


def test_json_output_is_the_same_text_with_nothing_a_terminal_acts_on(tmp_path):
    old = hostile_map(tmp_path, "old\u202e\u2028\x85\x7f.yaml")
    new = hostile_map(tmp_path, "new.yaml", emotion=2, pain="pain \u2066\u202a end")
    result = run_cli("diff", old, new, "--format", "json", env=DEBUG)
    assert_clean(result, 0)
    text = result.stdout.decode("utf-8")
    assert not any(c in text for c in "\u202e\u2028\u202a\u2066\x85\x7f\r\t")
    data = strict_json(text)
    assert data["old"].endswith("old\u202e\u2028\x85\x7f.yaml")
    assert "pain \u2066\u202a end" in data["pains"]["new"]
    stats_out = run_cli("stats", old, "--format", "json", env=DEBUG)
    assert strict_json(stats_out.stdout)["maps"][0]["title"] == HOSTILE_TITLE
