"""`journeymap render` and the commands around it, run as a user runs them:
where outputs go, what --check says, standard input and output, settings,
parallel runs, import and watch."""

import json
import os
import stat
import sys

import pytest

import journeymap
from conftest import EXAMPLES, ROOT, TESTS, example_paths, run_cli
from journeymap.renderers import RenderOptions
from journeymap.renderers.registry import load

HERE = TESTS  # the tests folder, where the shared fixtures live


def render(path, fmt, **options):
    return load(fmt).render(journeymap.load(path), RenderOptions(**options), fmt)



# Through the command line ------------------------------------------------------------


def test_render_writes_beside_inputs_then_check_passes_and_nothing_is_rewritten(tmp_path):
    for path in example_paths()[:3]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    first = run_cli("render", tmp_path, "-f", "md", "-f", "mmd", "-f", "json")
    assert first.returncode == 0, first.stderr
    outputs = sorted(tmp_path.glob("*.md")) + sorted(tmp_path.glob("*.mmd")) + sorted(tmp_path.glob("*.json"))
    assert len(outputs) == 9
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o044 for p in outputs)  # not 0600
    times = {p: p.stat().st_mtime_ns for p in outputs}
    again = run_cli("render", tmp_path, "-f", "md", "-f", "mmd", "-f", "json")
    assert again.returncode == 0 and b"0 written, 9 unchanged" in again.stderr
    assert {p: p.stat().st_mtime_ns for p in outputs} == times
    check = run_cli("render", tmp_path, "-f", "md", "-f", "mmd", "-f", "json", "--check")
    assert check.returncode == 0 and b"3 maps: all 9 outputs up to date" in check.stderr
    outputs[0].write_text("edited", "utf-8")
    outputs[1].unlink()
    stale = run_cli("render", tmp_path, "-f", "md", "-f", "mmd", "-f", "json", "--check")
    assert stale.returncode == 1
    assert f"would update {outputs[0]} (differs)".encode() in stale.stderr
    assert f"would create {outputs[1]} (missing)".encode() in stale.stderr
    assert outputs[0].read_text("utf-8") == "edited" and not outputs[1].exists()


def test_one_invalid_map_of_three_is_reported_and_the_others_written(tmp_path):
    for path in example_paths()[:2]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "broken.yaml").write_text("title: Broken\nstages: [{name: S, touchpoints: [{nme: x}]}]\n")
    result = run_cli("render", tmp_path, "-f", "md", "--report-format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    errors = [(d["file"], d["code"]) for d in report["diagnostics"] if d["severity"] == "error"]
    assert errors == [(str(tmp_path / "broken.yaml"), "missing-field"),
                      (str(tmp_path / "broken.yaml"), "unknown-key")]
    assert sorted(p.name for p in tmp_path.glob("*.md")) == sorted(
        p.stem + ".md" for p in example_paths()[:2])


def _make_read_only(folder):
    """chmod for ordinary users; root ignores that, so for root the folder is
    made immutable (chattr +i), which stops root too."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return lambda: folder.chmod(0o755)
    import subprocess

    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a folder read-only for root here: {done.stderr.decode().strip()}")
    return lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_read_only_output_folder_fails_that_file_only(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    undo = _make_read_only(out)
    try:
        result = run_cli("render", EXAMPLES / "family-flight-booking.yaml", EXAMPLES / "gym-membership.it.yaml",
                         "-f", "md", "-o", out)
        assert result.returncode == 1
        assert result.stderr.count(b"journeymap: error: cannot write") == 2
        assert b"Traceback" not in result.stderr
        assert list(out.iterdir()) == []  # nothing half-written, no temporary files left behind
    finally:
        undo()


def test_file_in_the_way_of_the_output_folder(tmp_path):
    blocked = tmp_path / "out"
    blocked.write_text("a file where the output folder should be")
    result = run_cli("render", EXAMPLES / "family-flight-booking.yaml", "-f", "md", "-o", blocked / "sub")
    assert result.returncode == 1
    assert b"cannot write" in result.stderr and b"Traceback" not in result.stderr


def test_output_folder_keeps_the_layout_below_the_folder_given(tmp_path):
    src = tmp_path / "maps"
    (src / "team-a").mkdir(parents=True)
    (src / "team-b").mkdir()
    for folder in ("team-a", "team-b"):
        (src / folder / "same.yaml").write_bytes((EXAMPLES / "family-flight-booking.yaml").read_bytes())
    result = run_cli("render", src, "-f", "md", "-o", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "team-a" / "same.md").exists()
    assert (tmp_path / "site" / "team-b" / "same.md").exists()
    clash = run_cli("render", src / "team-a" / "same.yaml", src / "team-b" / "same.yaml", "-f", "md",
                    "-o", tmp_path / "flat")
    assert clash.returncode == 2 and b"would both write" in clash.stderr


def test_standard_input_to_standard_output():
    text = (EXAMPLES / "gym-membership.it.yaml").read_bytes()
    result = run_cli("render", "-", "-f", "mmd", "-o", "-", input=text)
    assert result.returncode == 0
    assert result.stdout == render(EXAMPLES / "gym-membership.it.yaml", "mmd")
    assert run_cli("render", "-", "-f", "mmd", "-f", "md", "-o", "-", input=text).returncode == 2


def test_format_errors_are_usage_errors():
    path = EXAMPLES / "family-flight-booking.yaml"
    unknown = run_cli("render", path, "-f", "mdd")
    assert unknown.returncode == 2 and b"did you mean 'md'?" in unknown.stderr
    assert run_cli("render", path, "--theme", "neon", "-f", "md", "--check").returncode == 2


def test_same_bytes_in_other_processes_hash_seeds_and_locales(tmp_path):
    outputs = []
    for seed, lang in (("1", "C.UTF-8"), ("4242", "tr_TR.UTF-8"), ("random", "de_DE.UTF-8")):
        folder = tmp_path / seed
        result = run_cli("render", EXAMPLES, "-f", "md", "-f", "mmd", "-f", "json", "-o", folder,
                         env={"PYTHONHASHSEED": seed, "LANG": lang, "LC_ALL": lang, "TZ": "Asia/Tokyo"})
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.*"))})
    assert outputs[0] == outputs[1] == outputs[2] and len(outputs[0]) == 3 * len(example_paths())


def test_parallel_run_gives_the_same_output_as_a_serial_one(tmp_path):
    src = tmp_path / "maps"
    src.mkdir()
    for n in range(12):
        path = example_paths()[n % len(example_paths())]
        (src / f"{n:02d}-{path.name}").write_bytes(path.read_bytes())
    serial = run_cli("render", src, "-f", "md", "-f", "json", "-o", tmp_path / "serial", "-j", "1")
    parallel = run_cli("render", src, "-f", "md", "-f", "json", "-o", tmp_path / "parallel", "-j", "2")
    assert serial.returncode == parallel.returncode == 0

    def read(folder):
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    assert read(tmp_path / "serial") == read(tmp_path / "parallel")
    serial_log = serial.stderr.replace(str(tmp_path / "serial").encode(), b"OUT")
    assert serial_log == parallel.stderr.replace(str(tmp_path / "parallel").encode(), b"OUT")


def test_settings_file_makes_check_the_whole_ci_job(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "flight.yaml").write_bytes((EXAMPLES / "family-flight-booking.yaml").read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "docs"\n\n[tool.journeymap]\nmaps = ["maps"]\nformats = ["md", "mmd"]\n'
        'output = "docs/journeys"\n')
    (tmp_path / ".git").mkdir()
    assert run_cli("render", "--check", cwd=tmp_path).returncode == 1
    assert run_cli("render", cwd=tmp_path).returncode == 0
    assert (tmp_path / "docs" / "journeys" / "flight.md").exists()
    assert run_cli("render", "--check", cwd=tmp_path).returncode == 0
    # command-line options win over settings
    assert run_cli("render", "--check", "-f", "json", cwd=tmp_path).returncode == 1
    (tmp_path / "journeymap.toml").write_text('formats = ["md"]\nfromats = ["x"]\n')
    bad = run_cli("render", "--check", cwd=tmp_path)
    assert bad.returncode == 2 and b"did you mean 'formats'?" in bad.stderr


def test_renderers_command_lists_the_built_ins():
    result = run_cli("renderers")
    assert result.returncode == 0
    listed = result.stdout.decode()
    for fmt, name in (("md", "markdown"), ("mmd", "mermaid"), ("json", "json")):
        assert any(line.split()[:2] == [fmt, name] and "built-in" in line for line in listed.splitlines())


def test_import_mermaid_cli(tmp_path):
    source = tmp_path / "journey.mmd"
    source.write_text(
        "---\ntitle: My working day\n---\njourney\n  accDescr {\n    A day\n    at work\n  }\n"
        "  %% comment\n  section Go to work\n    Make tea  :  5  :  Me\n    Go upstairs: 3: Me, Cat\n"
        "    Do work: 1: Me, Cat:\n  section Go home\n    Go downstairs: 5: Me\n    Sit down: 2\n"
        "  section Go to work\n    Again: 4:\n", "utf-8")
    target = tmp_path / "journey.yaml"
    result = run_cli("import", "mermaid", source, "-o", target)
    assert result.returncode == 0, result.stderr
    journey = journeymap.load(target)
    assert journey.title == "My working day" and journey.description == "A day at work"
    assert [p.name for p in journey.personas] == ["Me", "Cat"]
    assert [s.name for s in journey.stages] == ["Go to work", "Go home", "Go to work"]
    assert len({s.id for s in journey.stages}) == 3
    assert [tp.emotion for _, tp in journey.all_touchpoints()] == [2, 0, -2, 2, -1, 1]
    assert journey.stages[0].touchpoints[0].personas == ["me"]
    assert run_cli("import", "mermaid", source, "-o", target).returncode == 1  # exists
    bad = tmp_path / "bad.mmd"
    bad.write_text("journey\n  section A\n    no colon here\n")
    broken = run_cli("import", "mermaid", bad)
    assert broken.returncode == 1 and b"bad.mmd:3:5: error[mermaid-syntax]" in broken.stderr


def test_watch_renders_again_when_a_map_changes(tmp_path):
    import subprocess
    import time

    source = tmp_path / "flight.yaml"
    source.write_bytes((EXAMPLES / "family-flight-booking.yaml").read_bytes())
    out = tmp_path / "flight.md"
    process = subprocess.Popen([sys.executable, "-m", "journeymap", "watch", str(tmp_path), "-f", "md"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 30
        while not out.exists() and time.time() < deadline:
            time.sleep(0.1)
        assert out.exists()
        time.sleep(1.0)  # let the watcher settle before the edit
        source.write_text(source.read_text("utf-8").replace("Booking a family summer holiday flight",
                                                            "Booking, edited live"), "utf-8")
        while "Booking, edited live" not in out.read_text("utf-8") and time.time() < deadline:
            time.sleep(0.1)
        assert out.read_text("utf-8").startswith("# Booking, edited live")
        # an invalid edit is reported and leaves the last good output alone
        source.write_text("title: [unclosed\n", "utf-8")
        time.sleep(1.5)
        assert out.read_text("utf-8").startswith("# Booking, edited live")
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)
    assert b"yaml-syntax" in err and b"Traceback" not in err


def test_lanes_option_chooses_the_rows(tmp_path):
    result = run_cli("render", EXAMPLES / "saas-onboarding.hu.yaml", "-f", "md", "-o", tmp_path,
                     "--lanes", "touchpoints,emotions,metrics", "--locale", "en")
    assert result.returncode == 0, result.stderr
    rows = [line.split("|")[1].strip() for line in (tmp_path / "saas-onboarding.hu.md").read_text("utf-8")
            .splitlines() if line.startswith("| ")]
    assert rows == ["Stage", "---", "Phase", "Goal", "Touchpoints", "Emotions", "Metrics"]
    wrong = run_cli("render", EXAMPLES / "saas-onboarding.hu.yaml", "-f", "md", "--lanes", "emotion", "--check")
    assert wrong.returncode == 2 and b"did you mean 'emotions'?" in wrong.stderr


def test_every_shipped_locale_has_every_word():
    import json

    from journeymap import i18n

    folder = ROOT / "src" / "journeymap" / "i18n"
    english = json.loads((folder / "en.json").read_text("utf-8"))
    for locale in i18n.SHIPPED:
        table = json.loads((folder / f"{locale}.json").read_text("utf-8"))
        assert list(table) == list(english), locale
        assert all(value.strip() for value in table.values()), locale
    # a regional tag falls back to its language, an unknown one to English
    assert i18n.words("de-AT")["lane.pains"] == "Schmerzpunkte"
    assert i18n.words("pt-BR")["lane.pains"] == "Pain points"


def test_a_lane_left_out_while_it_holds_content_is_a_warning_strict_fails_ignore_accepts(tmp_path):
    flight = EXAMPLES / "family-flight-booking.yaml"
    chosen = run_cli("render", flight, "-f", "svg", "-o", tmp_path / "a/", "--lanes", "touchpoints,emotions")
    assert chosen.returncode == 0, chosen.stderr
    stderr = chosen.stderr.decode()
    assert "warning[hidden-lane]" in stderr and "'evidence' left out by --lanes while 4 touchpoints" in stderr
    strict = run_cli("render", flight, "-f", "svg", "-o", tmp_path / "b/", "--lanes", "touchpoints,emotions",
                     "--strict")
    assert strict.returncode == 1
    quiet = run_cli("render", flight, "-f", "svg", "-o", tmp_path / "c/", "--lanes", "touchpoints,emotions",
                    "--strict", "--ignore", "hidden-lane")
    assert quiet.returncode == 0 and b"hidden-lane" not in quiet.stderr
    # the map's own `lanes:` is pointed at, at its line
    narrow = tmp_path / "narrow.yaml"
    narrow.write_text(flight.read_text("utf-8").replace("owners, metrics,\n        evidence]", "metrics]"),
                      "utf-8")
    own = run_cli("render", narrow, "-f", "svg", "-o", tmp_path / "d/")
    line = next(n for n, text in enumerate(narrow.read_text("utf-8").splitlines(), 1) if text.startswith("lanes:"))
    assert f"narrow.yaml:{line}:1: warning[hidden-lane]".encode() in own.stderr, own.stderr
    # formats that draw no swimlane choose no lanes: nothing to warn about
    text_only = run_cli("render", flight, "-f", "md", "-o", tmp_path / "e/", "--lanes", "touchpoints")
    assert b"hidden-lane" not in text_only.stderr
