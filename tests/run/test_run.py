"""The run package called in-process, as a program embedding journeymap
would: each command is a function from a request to a Report, a usage
problem is an `errors.UsageError` raised before anything is written, and the
command line only prints the Report (checked here through `printer.show`)."""

import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, TESTS
from journeymap.errors import EXIT_USAGE, EnvironmentProblem, JourneyError, UsageError
from journeymap.renderers import FlowOptions
from journeymap.run import pipeline
from journeymap.run.analyse import run_diff, run_stats
from journeymap.run.discovery import MissingPath
from journeymap.run.imports import run_import_mermaid
from journeymap.run.printer import show
from journeymap.run.project import run_init, run_schema
from journeymap.run.render import RenderRequest, run_render
from journeymap.run.report import MapUsageError, Message, Outputs, Report
from journeymap.run.settings import Settings, SettingsError, load
from journeymap.run.validate import ValidateRequest, run_validate

HERE = TESTS  # the tests folder, where the shared fixtures live
FLIGHT = EXAMPLES / "family-flight-booking.yaml"
GYM = EXAMPLES / "gym-membership.it.yaml"


@pytest.fixture(autouse=True)
def project(tmp_path, monkeypatch):
    """A folder of its own: no settings file is found above it."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    target.write_bytes(source.read_bytes())
    return target


# --- the Report and its printing ---------------------------------------------

def test_a_usage_error_is_refused_with_its_message_and_exit_2(capsys):
    report = Report.refused(UsageError("--theme must be one of light, dark, print"))
    assert report.exit_code == EXIT_USAGE == 2
    assert report.messages == [Message("error", "--theme must be one of light, dark, print")]
    show(report)
    assert capsys.readouterr().err == "journeymap: error: --theme must be one of light, dark, print\n"


def test_a_map_usage_error_shows_the_maps_problems_first(capsys):
    diagnostics = run_validate(ValidateRequest([str(HERE / "bad" / "unknown-key.yaml")])).diagnostics
    report = Report.refused(MapUsageError("--compare old.yaml: that map has errors", diagnostics))
    assert report.exit_code == 2 and report.diagnostics == diagnostics
    show(report)
    err = capsys.readouterr().err
    assert err.index("error[unknown-key]") < err.index("journeymap: error: --compare old.yaml")


def test_a_journey_error_is_its_diagnostics_and_exit_1():
    diagnostics = run_validate(ValidateRequest([str(HERE / "bad" / "unknown-key.yaml")])).diagnostics
    report = Report.refused(JourneyError(diagnostics))
    assert report.exit_code == 1 and report.diagnostics == diagnostics and not report.messages


def test_printed_messages_are_inert(capsys):
    show(Report(messages=[Message("warning", "a\x1b[2Jb"), Message("plain", "wrote x\ny")],
                outputs=Outputs(written=[Path("o\x07.md")], stale=[(Path("s.md"), "missing")]),
                summary="1 map: 1 written, 0 unchanged"))
    err = capsys.readouterr().err
    assert err == ("journeymap: warning: a\\x1b[2Jb\nwrote x\\ny\nwould create s.md (missing)\n"
                   "wrote o\\x07.md\n1 map: 1 written, 0 unchanged\n")


# --- validate ------------------------------------------------------------------

def test_validate_returns_a_report_and_writes_nothing(capsys):
    report = run_validate(ValidateRequest([str(EXAMPLES)], strict=True))
    assert report.exit_code == 0 and report.files == len(list(EXAMPLES.glob("*.yaml")))
    assert capsys.readouterr() == ("", "")
    bad = run_validate(ValidateRequest([str(HERE / "bad" / "unknown-key.yaml")]))
    assert bad.exit_code == 1 and [d.code for d in bad.diagnostics] == ["unknown-key"]


def test_validate_strict_and_ignore():
    warned = [str(HERE / "warn" / "empty-stage.yaml")]
    assert run_validate(ValidateRequest(warned)).exit_code == 0
    assert run_validate(ValidateRequest(warned, strict=True)).exit_code == 1
    assert run_validate(ValidateRequest(warned, strict=True, ignore=["empty-stage"])).exit_code == 0


@pytest.mark.parametrize("request_, message", [
    (ValidateRequest(["."], ignore=["no-such-code"]), "--ignore: unknown code 'no-such-code'"),
    (ValidateRequest(["."], ignore=["duplicate-id"]), "only warnings can be ignored"),
    (ValidateRequest(["."], report_format="xml"), "report format must be one of text, json, github, sarif"),
    (ValidateRequest(["nowhere.yaml"]), "no such file or folder: nowhere.yaml"),
])
def test_validate_usage_errors_are_raised(request_, message):
    with pytest.raises(UsageError, match=message):
        run_validate(request_)


def test_a_missing_path_is_a_usage_error():
    with pytest.raises(MissingPath) as caught:
        run_validate(ValidateRequest(["nowhere.yaml"]))
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2


def test_validate_takes_the_maps_of_the_settings(project):
    (project / "maps").mkdir()
    copy(FLIGHT, project / "maps")
    (project / "journeymap.toml").write_text('maps = ["maps"]\nstrict = true\n', "utf-8")
    report = run_validate(ValidateRequest())
    assert report.files == 1 and report.exit_code == 0


# --- settings ------------------------------------------------------------------

def test_settings_paths_are_relative_to_their_file(project):
    (project / "docs").mkdir()
    (project / "docs" / "pyproject.toml").write_text(
        '[tool.journeymap]\nmaps = "maps"\noutput = "out"\nignore = ["empty-stage, emotion-gap"]\njobs = 2\n')
    settings = load(project / "docs" / "pyproject.toml")
    assert settings.maps == [str(project / "docs" / "maps")]
    assert settings.output == str(project / "docs" / "out")
    assert settings.ignore == ["empty-stage", "emotion-gap"] and settings.jobs == 2


def test_the_command_line_overrides_the_settings():
    settings = Settings(formats=["md"], theme="dark", strict=True)
    chosen = settings.overridden(formats=["svg"], theme=None, strict=False, maps=[])
    assert (chosen.formats, chosen.theme, chosen.strict, chosen.maps) == (["svg"], "dark", False, [])


@pytest.mark.parametrize("text, message", [
    ('formats = ["md"]\nfromats = ["x"]\n', "unknown setting 'fromats' (did you mean 'formats'?)"),
    ('jobs = "4"\n', "'jobs' should be a int, not str"),
    ("jobs = true\n", "'jobs' should be a int, not bool"),
    ("ignore = [1]\n", "'ignore' should be a list of strings"),
    ('ignore = ["duplicate-id"]\n', "ignore: 'duplicate-id' is not a warning code"),
    ('source = "x"\n', "unknown setting 'source'"),
    ('locale = "../x"\n', "locale: expected a language tag"),
    ('strict = "yes"\nfromats = 1\n', "'strict' should be a bool, not str"),
])
def test_a_bad_setting_is_a_usage_error_naming_the_file(project, text, message):
    (project / "journeymap.toml").write_text(text, "utf-8")
    with pytest.raises(SettingsError, match=re.escape(message)) as caught:
        load(project / "journeymap.toml")
    assert isinstance(caught.value, UsageError)
    assert str(caught.value).startswith(f"{project / 'journeymap.toml'}: ")


# --- render --------------------------------------------------------------------

def test_render_writes_then_leaves_unchanged_then_checks(project):
    source = copy(FLIGHT, project)
    first = run_render(RenderRequest([str(source)], formats=["md", "json"], output="out"))
    assert first.exit_code == 0 and first.outputs is not None
    written = [p.name for p in first.outputs.written]
    assert written == ["family-flight-booking.md", "family-flight-booking.json"]
    assert first.summary == "1 map: 2 written, 0 unchanged"
    again = run_render(RenderRequest([str(source)], formats=["md", "json"], output="out"))
    assert again.exit_code == 0 and again.outputs and len(again.outputs.unchanged) == 2
    (project / "out" / "family-flight-booking.md").write_text("old", "utf-8")
    check = run_render(RenderRequest([str(source)], formats=["md"], output="out", check=True))
    assert check.exit_code == 1 and check.outputs
    assert check.outputs.stale == [(Path("out") / "family-flight-booking.md", "differs")]
    assert (project / "out" / "family-flight-booking.md").read_text("utf-8") == "old"


def test_render_of_a_map_with_errors_is_exit_1_and_writes_nothing(project):
    report = run_render(RenderRequest([str(HERE / "bad" / "unknown-key.yaml")], formats=["md"],
                                      output="out"))
    assert report.exit_code == 1 and report.summary == "1 map: 0 written, 0 unchanged; 1 map has errors (not rendered)"
    assert not (project / "out").exists()


@pytest.mark.parametrize("request_, message", [
    (RenderRequest([str(FLIGHT)], formats=["svgg"]), "unknown format 'svgg' \\(did you mean 'svg'\\?\\)"),
    (RenderRequest([str(FLIGHT)], theme="neon"), "--theme must be one of light, dark, print"),
    (RenderRequest([str(FLIGHT)], direction="up"), "--direction must be LR or TB, not 'up'"),
    (RenderRequest([str(FLIGHT)], lanes=["emotion"]), "did you mean 'emotions'"),
    (RenderRequest([str(FLIGHT)], lanes=[]), "--lanes needs at least one lane"),
    (RenderRequest([str(FLIGHT)], locale="../x"), "--locale: expected a language tag"),
    (RenderRequest([str(FLIGHT), str(GYM)], output="-"), "-o - writes one map in one format"),
    (RenderRequest([str(FLIGHT), str(GYM)], compare=str(FLIGHT)), "--compare draws one map"),
    (RenderRequest(["-"], compare=str(FLIGHT), output="-"), "--compare needs the map as a file"),
    (RenderRequest([str(FLIGHT)], compare="nowhere.yaml"), "no such file: nowhere.yaml"),
])
def test_render_usage_errors_are_raised_before_anything_is_written(project, request_, message):
    with pytest.raises(UsageError, match=message):
        run_render(request_)
    assert list(project.iterdir()) == [project / ".git"]


def test_two_maps_writing_one_file_is_a_usage_error(project):
    (project / "a").mkdir()
    (project / "b").mkdir()
    paths = [str(copy(FLIGHT, project / "a")), str(copy(FLIGHT, project / "b"))]
    with pytest.raises(UsageError, match="would both write"):
        run_render(RenderRequest(paths, formats=["md"], output="out"))


def test_compare_with_a_broken_map_carries_its_diagnostics(project):
    source = copy(FLIGHT, project)
    with pytest.raises(MapUsageError, match="that map has errors") as caught:
        run_render(RenderRequest([str(source)], compare=str(HERE / "bad" / "unknown-key.yaml")))
    assert [d.code for d in caught.value.diagnostics] == ["unknown-key"]


def capture_options(monkeypatch):
    seen = []

    def fake_run(plan, options, *args, **kwargs):
        seen.append((plan, options))
        return []

    monkeypatch.setattr(pipeline, "run", fake_run)
    return seen


def test_render_builds_typed_options(project, monkeypatch):
    seen = capture_options(monkeypatch)
    source = copy(GYM, project)
    run_render(RenderRequest([str(source)], formats=["dot"], direction="td", personas=["marco"],
                             edge_labels=True, lanes=["touchpoints", "emotions"], theme="dark",
                             locale="de", compare=str(GYM)))
    plan, options = seen[0]
    assert plan.formats == ("dot",) and plan.output_dir is None and not plan.to_stdout
    assert options.flow == FlowOptions(direction="TB", personas=("marco",), edge_labels=True)
    assert (options.theme, options.locale, options.lanes) == ("dark", "de", ("touchpoints", "emotions"))
    assert options.previous and all(isinstance(v, dict) for v in options.previous.values())
    run_render(RenderRequest([str(source)], formats=["dot"], personas=[]))
    assert seen[1][1].flow == FlowOptions() and seen[1][1].previous is None


def test_settings_and_command_line_meet_in_the_plan(project, monkeypatch):
    seen = capture_options(monkeypatch)
    (project / "maps").mkdir()
    copy(FLIGHT, project / "maps")
    (project / "journeymap.toml").write_text('maps = ["maps"]\nformats = ["md", "md", "mmd"]\n'
                                             'output = "docs"\ntheme = "print"\n', "utf-8")
    run_render(RenderRequest())
    plan, options = seen[0]
    assert plan.formats == ("md", "mmd") and plan.output_dir == project / "docs"
    assert options.theme == "print"
    run_render(RenderRequest(formats=["json"], output="elsewhere", theme="dark"))
    plan, options = seen[1]
    assert plan.formats == ("json",) and plan.output_dir == Path("elsewhere") and options.theme == "dark"


class MissingProgram:
    name = "missing"

    def render(self, journey, options, fmt):
        raise EnvironmentProblem("the Graphviz program `dot` is missing")


def test_a_missing_program_is_said_once_and_exit_2(project, monkeypatch):
    from journeymap.renderers import registry

    real = registry.load
    monkeypatch.setattr(pipeline, "load", lambda fmt: MissingProgram() if fmt == "dot" else real(fmt))
    paths = [str(copy(FLIGHT, project)), str(copy(GYM, project))]
    report = run_render(RenderRequest(paths, formats=["dot", "md"], output="out"))
    assert report.exit_code == 2
    assert report.messages == [Message("error", "the Graphviz program `dot` is missing")]
    assert report.outputs and sorted(p.name for p in report.outputs.written) == [
        "family-flight-booking.md", "gym-membership.it.md"]


# --- stats, diff, import, init, schema -----------------------------------------

def test_stats_and_diff_return_documents():
    stats = run_stats([str(FLIGHT), str(GYM)], "json")
    assert stats.exit_code == 0 and stats.document is not None
    assert [s.heading for s in stats.document.sections][-1] == "All maps"
    assert len(stats.document.data["maps"]) == 2
    same = run_diff(str(FLIGHT), str(FLIGHT), "md", exit_code=True)
    assert same.exit_code == 0 and same.document and same.document.data["changed"] is False
    changed = run_diff(str(FLIGHT), str(GYM), "text", exit_code=True)
    assert changed.exit_code == 1
    with pytest.raises(UsageError, match="--format must be one of text, json, md"):
        run_stats([str(FLIGHT)], "xml")
    broken = run_diff(str(HERE / "bad" / "unknown-key.yaml"), str(FLIGHT), "text", exit_code=False)
    assert broken.exit_code == 1 and broken.document is None and broken.diagnostics


def test_import_init_and_schema(project):
    (project / "d.mmd").write_text("journey\n  title T\n  section A\n    Do: 5: Me\n", "utf-8")
    printed = run_import_mermaid("d.mmd")
    assert printed.exit_code == 0 and "title: T" in printed.stdout_text
    written = run_import_mermaid("d.mmd", Path("j.yaml"))
    assert written.messages == [Message("plain", "wrote j.yaml")] and (project / "j.yaml").exists()
    kept = run_import_mermaid("d.mmd", Path("j.yaml"))
    assert kept.exit_code == 1 and "use --force" in kept.messages[0].text
    with pytest.raises(UsageError, match="no such file: nowhere.mmd"):
        run_import_mermaid("nowhere.mmd")
    assert run_init(Path("new.yaml")).exit_code == 0
    assert run_validate(ValidateRequest(["new.yaml"], strict=True)).exit_code == 0
    with pytest.raises(UsageError, match="did you mean 'future-state'"):
        run_init(Path("other.yaml"), "future")
    assert '"$schema"' in run_schema().stdout_text
