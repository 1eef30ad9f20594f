"""`journeymap import sheet` and `journeymap import mermaid README.md` through
the real command line: exit codes, warnings on standard error, the YAML on
standard output or in the files asked for."""

from openpyxl import Workbook

from conftest import run_cli
from journeymap.validation import validate_text


def test_import_sheet_prints_a_map_that_validates_and_warns_on_stderr(tmp_path):
    (tmp_path / "m.csv").write_text("Stage,A,B\nActions,a,b\nEmotion,2,99\n", "utf-8")
    result = run_cli("import", "sheet", "m.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert validate_text(result.stdout.decode()).journey.stages[0].touchpoints[0].emotion == 2
    assert b"m.csv:3:3: warning[sheet-value]: m.csv:C3: expected an emotion" in result.stderr


def test_import_sheet_of_a_bad_file_exits_1_showing_the_shapes(tmp_path):
    (tmp_path / "x.csv").write_text("a,b\nc,d\n", "utf-8")
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04 not really")
    for name in ("x.csv", "x.xlsx"):
        result = run_cli("import", "sheet", name, cwd=tmp_path)
        assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert b"rows: a header row" in run_cli("import", "sheet", "x.csv", cwd=tmp_path).stderr
    assert run_cli("import", "sheet", "x.csv", "--shape", "wide", cwd=tmp_path).returncode == 2
    assert run_cli("import", "sheet", "nowhere.csv", cwd=tmp_path).returncode == 2


def test_import_sheet_picks_a_sheet_and_writes_the_output(tmp_path):
    book = Workbook()
    book.active.title = "Rows"
    book.active.append(["Stage", "Touchpoint", "Channel"])
    book.active.append(["Look", "Search", "search"])
    book.save(tmp_path / "b.xlsx")
    result = run_cli("import", "sheet", "b.xlsx", "--sheet", "Rows", "--shape", "rows", "-o", "j.yaml",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    journey = validate_text((tmp_path / "j.yaml").read_text("utf-8")).journey
    assert journey.stages[0].touchpoints[0].channel == "search"


def test_import_mermaid_reads_every_journey_block_of_a_markdown_file(tmp_path):
    (tmp_path / "README.md").write_text(
        "# R\n\n```mermaid\njourney\n  section A\n    a: 3: Me\n```\n\n```mermaid\ngraph TD\n```\n\n"
        "```mermaid\njourney\n  section B\n    b: 8: Me\n```\n", "utf-8")
    result = run_cli("import", "mermaid", "README.md", "-o", "j.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"README.md:16:8: warning[mermaid-import]" in result.stderr
    first = validate_text((tmp_path / "j-1.yaml").read_text("utf-8")).journey
    second = validate_text((tmp_path / "j-2.yaml").read_text("utf-8")).journey
    assert [s.name for s in first.stages] == ["A"] and second.stages[0].touchpoints[0].emotion == 8
    printed = run_cli("import", "mermaid", "README.md", cwd=tmp_path).stdout.decode()
    assert printed.count("# Imported from README.md, line ") == 2 and "\n---\n# yaml-language" in printed
