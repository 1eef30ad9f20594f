"""The command line behaves like the tools people already know (mmdc, ruff,
black, every Unix filter): each convention checked by running the real
`journeymap` program."""

import os
import pty
import re
import select
import subprocess
import sys

import pytest

from conftest import EXAMPLES, run_cli

MAP = EXAMPLES / "bank-account-opening.yaml"
PERSONA_MAP = """title: T
personas: [{id: priya, name: Priya}, {id: tom, name: Tom}]
lanes: [actions, {id: legal, title: Legal}]
stages: [{name: S, touchpoints: [{name: P, emotion: {priya: 1, tom: 0}}]}]
"""


def test_o_names_a_file_for_one_map_in_one_format(tmp_path):
    result = run_cli("render", MAP, "-o", tmp_path / "out.svg")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.svg").is_file() and (tmp_path / "out.svg").read_bytes().startswith(b"<svg")


def test_the_file_name_chooses_the_format_when_no_f_is_given(tmp_path):
    assert run_cli("render", MAP, "-o", tmp_path / "out.png").returncode == 0
    assert (tmp_path / "out.png").read_bytes().startswith(b"\x89PNG")


def test_a_trailing_slash_or_an_existing_folder_is_a_folder(tmp_path):
    assert run_cli("render", MAP, "-o", f"{tmp_path / 'new.svg'}/").returncode == 0
    assert (tmp_path / "new.svg" / "bank-account-opening.svg").is_file()
    (tmp_path / "there").mkdir()
    assert run_cli("render", MAP, "-o", tmp_path / "there").returncode == 0
    assert (tmp_path / "there" / "bank-account-opening.svg").is_file()


def test_a_file_name_for_several_outputs_or_another_format_is_refused(tmp_path):
    several = run_cli("render", MAP, "-f", "svg,png", "-o", tmp_path / "out.svg")
    assert several.returncode == 2 and b"names one file" in several.stderr
    assert b"-o " + str(tmp_path / "out").encode() + b"/" in several.stderr
    other = run_cli("render", MAP, "-f", "svg", "-o", tmp_path / "out.png")
    assert other.returncode == 2 and b"use -f png" in other.stderr
    assert list(tmp_path.iterdir()) == []


def test_standard_input_with_no_o_goes_to_standard_output(tmp_path):
    result = run_cli("render", "-", "-f", "mmd", input=MAP.read_bytes(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"journey\n") and list(tmp_path.iterdir()) == []
    several = run_cli("render", "-", "-f", "svg,md", input=MAP.read_bytes(), cwd=tmp_path)
    assert several.returncode == 2 and b"-o DIR/" in several.stderr and list(tmp_path.iterdir()) == []


def test_formats_are_repeatable_or_comma_separated(tmp_path):
    for args, folder in ((["-f", "svg,md"], "comma"), (["-f", "svg", "-f", "md"], "repeated")):
        assert run_cli("render", MAP, *args, "-o", tmp_path / folder).returncode == 0
    assert sorted(p.name for p in (tmp_path / "comma").iterdir()) == [
        "bank-account-opening.md", "bank-account-opening.svg"]
    assert (tmp_path / "comma" / "bank-account-opening.md").read_bytes() == (
        tmp_path / "repeated" / "bank-account-opening.md").read_bytes()


def test_watch_takes_comma_separated_formats_too(tmp_path):
    result = run_cli("watch", MAP, "-f", "svg,pngg", "-o", tmp_path)
    assert result.returncode == 2 and b"unknown format 'pngg' (did you mean 'png'?)" in result.stderr


@pytest.mark.parametrize("args, hint", [
    (["-f", "svgg"], "did you mean 'svg'?"),
    (["--theme", "drak"], "did you mean 'dark'?"),
    (["--lanes", "pain"], "did you mean 'pains'?"),
    (["--report-format", "sarf"], "did you mean 'sarif'?"),
])
def test_an_unknown_value_gets_a_suggestion(args, hint, tmp_path):
    result = run_cli("render", MAP, *args, "-o", tmp_path)
    assert result.returncode == 2 and hint.encode() in result.stderr


def test_a_lane_or_persona_a_map_lacks_is_a_usage_error_naming_the_map(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(PERSONA_MAP, "utf-8")
    lane = run_cli("render", path, "--lanes", "actions,nosuch", "-o", tmp_path / "out/")
    assert lane.returncode == 2
    assert b"people.yaml has no lane 'nosuch'" in lane.stderr and b"legal" in lane.stderr
    persona = run_cli("render", path, "-f", "dot", "--personas", "priya,pria", "-o", tmp_path / "out/")
    assert persona.returncode == 2
    assert b"no persona 'pria' (did you mean 'priya'?); its persona ids: priya, tom" in persona.stderr
    assert not (tmp_path / "out").exists()  # nothing written
    assert run_cli("render", path, "--lanes", "legal", "--personas", "tom", "-o",
                   tmp_path / "ok/").returncode == 0
    assert run_cli("render", path, "--locale", "xx!!").returncode == 2


@pytest.mark.parametrize("command", ["validate", "render", "watch", "stats", "diff", "schema", "init",
                                     "import mermaid", "renderers"])
def test_help_names_its_values_without_type_placeholders(command):
    text = run_cli(*command.split(), "--help", env={"COLUMNS": "200", "NO_COLOR": "1"}).stdout.decode()
    assert "Usage: journeymap" in text
    assert not re.search(r"<(list\[str\]|str|path|int|integer)>", text), text


def test_short_version_option():
    import journeymap

    result = run_cli("-V")
    assert result.returncode == 0 and result.stdout.decode().strip() == f"journeymap {journeymap.__version__}"


@pytest.mark.parametrize("words, expected", [
    ("journeymap render --theme d", {"dark"}),
    ("journeymap render -f svg,p", {"svg,png", "svg,pdf"}),
    ("journeymap validate --format s", {"sarif"}),
    ("journeymap render --locale d", {"de"}),
])
def test_values_complete_in_the_shell(words, expected):
    result = run_cli(env={"_JOURNEYMAP_COMPLETE": "complete_bash", "COMP_WORDS": words,
                          "COMP_CWORD": str(len(words.split()) - 1)})
    assert set(result.stdout.decode().split()) == expected


def test_persona_and_lane_ids_complete_from_the_map_named(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(PERSONA_MAP, "utf-8")
    def complete(option):
        words = f"journeymap render {path} {option} "
        return set(run_cli(env={"_JOURNEYMAP_COMPLETE": "complete_bash", "COMP_WORDS": words,
                                "COMP_CWORD": "4"}, cwd=tmp_path).stdout.decode().split())

    assert complete("--personas") == {"priya", "tom"}
    assert {"legal", "actions", "pains"} <= complete("--lanes")


def test_watch_has_the_options_of_render():
    def options(command):
        text = run_cli(command, "--help", env={"COLUMNS": "200"}).stdout.decode()
        return set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", text, re.MULTILINE))

    assert options("watch") == options("render") - {"--check", "--diff"} | {"--serve", "--port", "--host"}


def test_no_journey_files_found_is_said_and_exits_2(tmp_path):
    (tmp_path / "notes.yaml").write_text("just: data\n", "utf-8")
    for command in ("validate", "render", "stats"):
        result = run_cli(command, tmp_path)
        assert result.returncode == 2, command
        assert f"no journey files found under {tmp_path}".encode() in result.stderr


def test_every_command_that_takes_maps_defaults_to_the_current_folder(tmp_path):
    (tmp_path / "m.yaml").write_bytes(MAP.read_bytes())
    for command in ("validate", "stats"):
        result = run_cli(command, cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)
    assert b"Opening a current account online" in run_cli("stats", cwd=tmp_path).stdout


BROKEN = "title: T\nstages: [{name: S, touchpoints: [{name: P, nme: x}]}]\n"


def _colour(env, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, "utf-8")
    return b"\x1b[" in run_cli("validate", path, env={"NO_COLOR": "", "FORCE_COLOR": "", **env}).stderr


def test_force_color_colours_a_pipe_and_no_color_wins(tmp_path):
    assert not _colour({}, tmp_path)  # a pipe: no colour
    assert _colour({"FORCE_COLOR": "1"}, tmp_path)
    assert _colour({"FORCE_COLOR": "0"}, tmp_path)  # any value that is not empty
    assert not _colour({"FORCE_COLOR": "1", "NO_COLOR": "1"}, tmp_path)


def _on_a_terminal(env, tmp_path):
    """The real program's standard error on a pseudo-terminal."""
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, "utf-8")
    main, child = pty.openpty()
    full = {**os.environ, "TERM": "xterm", "NO_COLOR": "", "FORCE_COLOR": "", **env}
    full.pop("GITHUB_ACTIONS", None)
    process = subprocess.Popen([sys.executable, "-m", "journeymap", "validate", str(path)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=child, env=full)
    os.close(child)
    output = b""
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=30)
    os.close(main)
    return output


def test_a_terminal_gets_colour_unless_no_color_is_set(tmp_path):
    assert b"\x1b[" in _on_a_terminal({}, tmp_path)
    plain = _on_a_terminal({"NO_COLOR": "1"}, tmp_path)
    assert b"\x1b[" not in plain and b"error[unknown-key]" in plain
    assert b"\x1b[" in _on_a_terminal({"NO_COLOR": ""}, tmp_path)  # empty: not set
