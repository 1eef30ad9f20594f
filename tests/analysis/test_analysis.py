"""stats and diff on the examples, with figures worked out by hand from the
example files; JSON outputs checked against their committed schemas."""

import json
import subprocess

import jsonschema
import pytest

import journeymap
from conftest import EXAMPLES, ROOT, example_paths, run_cli
from journeymap.analysis.diff import diff
from journeymap.analysis.schemas import schema_text
from journeymap.analysis.stats import stats

CURRENT = EXAMPLES / "family-flight-booking.yaml"
FUTURE = EXAMPLES / "family-flight-booking-future.yaml"


def schema(name):
    return json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))


def test_committed_analysis_schemas_are_fresh():
    for name in ("stats", "diff"):
        assert (ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8") == schema_text(name)


def test_stats_of_the_family_flight_map():
    s = stats(journeymap.load(CURRENT), "flight")
    [curve] = s["emotion"]
    # emotions in order: 1 1 | -1 -1 | 0 -2 1 | 0 -1 | 0 2
    assert [st["average"] for st in curve["stages"]] == [1.0, -1.0, -0.333, -0.5, 1.0]
    assert curve["lowest"]["touchpoint"] == "choose-seats" and curve["lowest"]["emotion"] == -2
    assert curve["highest"]["touchpoint"] == "boarding"
    assert curve["average"] == 0.0  # (1+1-1-1+0-2+1+0-1+0+2) / 11
    assert [(d["from"], d["to"], d["change"]) for d in curve["steepest_drops"]] == [
        ("asks-friends", "compare-fares", -2), ("choose-fare", "choose-seats", -2), ("pays", "check-in", -1)]
    assert [p["pains"] for p in s["pains"]["per_stage"]] == [0, 2, 2, 2, 0]
    assert s["pains"]["per_channel"] == [{"channel": "website", "pains": 4},
                                         {"channel": "mobile-app", "pains": 1}, {"channel": "phone", "pains": 1}]
    assert s["pains"]["without_opportunity"] == []
    # worst first, by the gap relative to the target
    assert [(m["metric"], m["gap"], m["relative_gap"]) for m in s["metrics"]] == [
        ("wait_minutes", -20, -4.0), ("seat_drop_off", -0.1, -1.25), ("search_to_select", -0.09, -0.225),
        ("payment_success", -0.02, -0.02), ("fare_upgrade_rate", 0.02, 0.1)]
    assert [m["met"] for m in s["metrics"]] == [False, False, False, False, True]
    # observed or reported evidence on price-alert, compare-fares, choose-seats, boarding: 4 of 11
    assert s["evidence"]["backed"] == 4 and s["evidence"]["share_backed"] == 0.364
    assert [k["touchpoint"] for k in s["key_touchpoints"]] == ["compare-fares", "choose-seats"]
    channels = {c["channel"]: c["stages"] for c in s["channels"]["channels"]}
    assert channels["website"] == ["search", "book"]
    assert (s["channels"]["online"], s["channels"]["offline"]) == (7, 4)
    assert (s["channels"]["direct"], s["channels"]["indirect"]) == (3, 2)


def test_stats_per_persona_curves():
    s = stats(journeymap.load(EXAMPLES / "gym-membership.it.yaml"), "gym")
    curves = {c["persona"]: c for c in s["emotion"]}
    assert set(curves) == {"giulia", "marco"}
    # giulia: 1 0 | 2 | -1 0 | 1 0 -> lowest reception -1, highest prova-gratuita 2
    assert curves["giulia"]["lowest"]["touchpoint"] == "reception"
    assert curves["giulia"]["highest"]["touchpoint"] == "prova-gratuita"
    # marco: 0 1 | -1 | -2 1 | 1 -> stage averages 0.5, -1, -0.5, 1
    assert [st["average"] for st in curves["marco"]["stages"]] == [0.5, -1.0, -0.5, 1.0]
    assert curves["marco"]["steepest_drops"][0]["change"] == -2  # recensioni +1 -> giro-sala -1


def test_diff_of_current_and_future_state():
    d = diff(journeymap.load(CURRENT), journeymap.load(FUTURE), "current", "future")
    assert d["changed"] is True
    assert d["stages"] == {"added": [], "removed": [], "renamed": []}
    assert [t["id"] for t in d["touchpoints"]["removed"]] == ["asks-friends", "review-sites", "support-call"]
    assert d["touchpoints"]["added"] == []
    emotion = {t["old"]: t["emotion"]["all"]["change"] for t in d["touchpoints"]["changed"] if "emotion" in t}
    assert emotion == {"price-alert": 1, "compare-fares": 2, "choose-fare": 1, "choose-seats": 4, "check-in": 2}
    renamed = [t["old"] for t in d["touchpoints"]["changed"] if "renamed_from" in t]
    assert renamed == ["price-alert", "compare-fares", "choose-fare", "choose-seats", "check-in"]
    assert [(s["stage"], s["old"], s["new"]) for s in d["stage_emotion"]] == [
        ("inspire", 1.0, 2.0), ("search", -1.0, 1.0), ("book", -0.333, 1.333), ("prepare", -0.5, 2.0),
        ("travel", 1.0, 1.0)]
    assert len(d["pains"]["solved"]) == 6 and d["pains"]["new"] == []
    assert len(d["opportunities"]["realised"]) == 6 and len(d["opportunities"]["new"]) == 4
    metrics = {t["old"]: t["metrics"] for t in d["touchpoints"]["changed"] if "metrics" in t}
    assert metrics["choose-seats"]["seat_drop_off"] == {"old": 0.18, "new": 0.05, "old_met": False, "new_met": True}
    assert metrics["pays"]["payment_success"]["new"] is None  # no longer measured


def test_touchpoints_are_matched_by_name_and_moves_are_seen():
    old = journeymap.loads("title: T\nstages:\n  - {id: a, name: A, touchpoints: [{id: x1, name: Compares fares online}]}\n"
                          "  - {id: b, name: B, touchpoints: [{id: y, name: Pays}]}\n")
    new = journeymap.loads("title: T\nstages:\n  - {id: a, name: A, touchpoints: [{id: y, name: Pays}]}\n"
                          "  - {id: b, name: Bee, touchpoints: [{id: x2, name: Compares fares on-line}]}\n")
    d = diff(old, new, "old", "new")
    changed = {t["old"]: t for t in d["touchpoints"]["changed"]}
    assert changed["x1"]["matched_by"] == "name" and changed["x1"]["new"] == "x2"
    assert changed["x1"]["moved"] == {"from": "a", "to": "b"} and changed["y"]["moved"] == {"from": "b", "to": "a"}
    assert d["stages"]["renamed"] == [{"old": "b", "new": "b", "from": "B", "to": "Bee"}]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_a_map_compared_with_itself_shows_no_change(path):
    journey = journeymap.load(path)
    result = diff(journey, journeymap.load(path), "a", "b")
    assert result["changed"] is False
    assert result["touchpoints"] == {"added": [], "removed": [], "changed": []}
    cli = run_cli("diff", path, path, "--exit-code")
    assert cli.returncode == 0 and b"no changes" in cli.stdout


def test_json_outputs_match_their_schemas():
    stats_out = run_cli("stats", EXAMPLES, "--format", "json")
    assert stats_out.returncode == 0, stats_out.stderr
    data = json.loads(stats_out.stdout)
    jsonschema.Draft202012Validator(schema("stats")).validate(data)
    assert len(data["maps"]) == len(example_paths()) == len(data["summary"])
    diff_out = run_cli("diff", CURRENT, FUTURE, "--format", "json", "--exit-code")
    assert diff_out.returncode == 1
    jsonschema.Draft202012Validator(schema("diff")).validate(json.loads(diff_out.stdout))


def test_text_and_markdown_formats():
    text = run_cli("stats", CURRENT, env={"COLUMNS": "160"})
    assert text.returncode == 0 and "Chooses seats (−2)" in text.stdout.decode()
    md = run_cli("diff", CURRENT, FUTURE, "--format", "md").stdout.decode()
    assert "| removed | Calls support about the stroller (prepare) |" in md
    assert "| Seats are assigned together automatically | −2 | +2 | +4 |" in md
    assert run_cli("stats", CURRENT, "--format", "xml").returncode == 2


def test_diff_against_a_git_revision(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"})

    git("init", "-q")
    (tmp_path / "maps").mkdir()
    target = tmp_path / "maps" / "flight.yaml"
    target.write_bytes(CURRENT.read_bytes())
    git("add", ".")
    git("commit", "-q", "-m", "current")
    target.write_bytes(FUTURE.read_bytes())
    result = run_cli("diff", "HEAD:maps/flight.yaml", "maps/flight.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["old"] == "HEAD:maps/flight.yaml" and len(data["touchpoints"]["removed"]) == 3
    missing = run_cli("diff", "HEAD:maps/nope.yaml", "maps/flight.yaml", cwd=tmp_path)
    assert missing.returncode == 2 and b"git cannot read it" in missing.stderr


def test_invalid_maps_are_reported_not_analysed(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nstages: [{name: S, touchpoints: [{nme: x}]}]\n")
    result = run_cli("stats", bad)
    assert result.returncode == 1 and b"bad.yaml:2:" in result.stderr
    assert run_cli("diff", bad, CURRENT).returncode == 1


def test_render_compare_draws_the_old_curve_under_the_new(tmp_path):
    import xml.etree.ElementTree as ET

    result = run_cli("render", FUTURE, "--compare", CURRENT, "-f", "svg", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    root = ET.parse(tmp_path / "family-flight-booking-future.svg").getroot()
    ns = "{http://www.w3.org/2000/svg}"
    lane = next(g for g in root.iter(f"{ns}g") if g.get("id", "").endswith("-lane-emotions"))
    old_curve = [p for p in lane.iter(f"{ns}path") if p.get("stroke-dasharray") == "5 4"]
    markers = [c for c in lane.findall(f"{ns}circle") if c.get("r") == "3.5"]
    assert len(old_curve) == 1 and len(markers) == 8  # every future touchpoint has an old match
    assert ">Previous version<" in (tmp_path / "family-flight-booking-future.svg").read_text("utf-8")
    both = run_cli("render", FUTURE, CURRENT, "--compare", CURRENT, "-f", "svg", "-o", tmp_path)
    assert both.returncode == 2 and b"--compare draws one map" in both.stderr
