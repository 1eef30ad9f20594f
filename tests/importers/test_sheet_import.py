"""`journeymap import sheet`: the grid and rows shapes from .csv and .xlsx,
the words of every shipped locale, faces, warnings naming cells, bad files,
and the round trip through `-f csv` / `-f xlsx`."""

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from journeymap.importers.sheet import convert
from journeymap.importers.sheet_words import field_of
from journeymap.renderers.options import RenderOptions
from journeymap.renderers.sheets import renderer as sheets
from journeymap.renderers.swimlane import renderer as swimlane
from journeymap.validation import validate_text

GRID = ("Checkout journey,,,\n,,,\nStage,Discover,Discover,Buy\nTouchpoints,Sees ad,Reads reviews,Pays\n"
        'Actions,Scrolls,"Reads\nmore",Enters card\nChannels,Social,"Website\nEmail",Shop floor\n'
        "Emotion,😀,2,9\n,,,\nPain points,,Too long,\"Slow\nConfusing\"\nSystems,CRM,,Payments\n"
        "Metrics,NPS: 32 / 40,conversion: 3.5 % / 5,vibes\n")


def imported(path, **options):
    yaml_text, diagnostics = convert(str(path), **options)
    assert yaml_text is not None, diagnostics
    result = validate_text(yaml_text)
    assert [d for d in result.diagnostics if d.is_error] == []
    return result.journey, diagnostics, yaml_text


def svg_texts(journey):
    root = ET.fromstring(swimlane.render(journey, RenderOptions(), "svg"))
    return " ".join("".join(e.itertext()) for e in root.iter() if e.tag.endswith("text"))


def test_a_grid_becomes_stages_touchpoints_and_lanes(tmp_path):
    (tmp_path / "map.csv").write_text(GRID, "utf-8")
    journey, warnings, yaml_text = imported(tmp_path / "map.csv")
    assert journey.title == "Checkout journey" and (journey.scale.min, journey.scale.max) == (0, 10)
    assert [(s.name, [tp.name for tp in s.touchpoints]) for s in journey.stages] == [
        ("Discover", ["Sees ad", "Reads reviews"]), ("Buy", ["Pays"])]
    ad, reviews, pays = (tp for _, tp in journey.all_touchpoints())
    assert (ad.emotion, reviews.emotion, pays.emotion) == (10, 2, 9)  # 😀 is the top of 0..10
    assert reviews.channels == ["website", "email"] and ad.channels == ["social"]
    assert pays.pains == ["Slow", "Confusing"] and reviews.action == "Reads\nmore"
    assert ad.metrics["NPS"].value == 32 and ad.metrics["NPS"].target == 40
    assert reviews.metrics["conversion"].unit == "%"
    assert pays.lanes["systems"] == "Payments"
    assert [(w.line, w.column) for w in warnings] == [(11, 4)] and "map.csv:D11" in warnings[0].message
    assert yaml_text.split("\n")[1].startswith("# Imported from ")


def test_rendering_the_imported_map_draws_every_non_empty_cell(tmp_path):
    (tmp_path / "map.csv").write_text(GRID, "utf-8")
    journey, _, _ = imported(tmp_path / "map.csv")
    drawn = svg_texts(journey)
    cells = [line for row in GRID.split("\n")[3:] for cell in row.split(",")[1:]
             for line in cell.strip('"').split("\n") if line.strip() and not line[0].isdigit()]
    cells = [c.split(":")[0] for c in cells if c not in ("😀", "Social", "Shop floor\"")]
    assert cells and [c for c in cells if c not in drawn] == []
    assert "Social media" in drawn and "Shop floor" in drawn


def test_the_rows_shape_with_a_title_row_and_words_of_other_locales(tmp_path):
    text = ("Путь клиента;;;\nЭтап;Точка контакта;Канал;Эмоции;Боли\nПоиск;Реклама;social;-1;Дорого\n"
            ";Сайт;website;2;\nПокупка;Касса;store;🙁;\"Очередь\nШумно\"\n")
    (tmp_path / "m.csv").write_bytes(text.encode("utf-16"))
    journey, warnings, _ = imported(tmp_path / "m.csv")
    assert warnings == [] and journey.title == "Путь клиента"
    assert [(s.name, [tp.name for tp in s.touchpoints]) for s in journey.stages] == [
        ("Поиск", ["Реклама", "Сайт"]), ("Покупка", ["Касса"])]
    assert [tp.emotion for _, tp in journey.all_touchpoints()] == [-1, 2, -1]
    assert journey.stages[1].touchpoints[0].pains == ["Очередь", "Шумно"]


@pytest.mark.parametrize("name, field", [
    ("Действия", "action"), ("痛点", "pains"), ("Azioni", "action"), ("Pain points:", "pains"),
    ("pain_point", "pains"), ("ÉMOTIONS", "emotion"), ("Kontaktpunkte", "touchpoint"),
    ("Étape", "stage"), ("Systems", None)])
def test_lane_names_are_recognised_in_every_shipped_locale(name, field):
    assert field_of(name) == field


def test_an_emotion_off_the_scale_is_a_warning_naming_the_cell(tmp_path):
    (tmp_path / "e.csv").write_text("Stage,A,B,C\nActions,a,b,c\nEmotion,1,-2,77\n", "utf-8")
    journey, warnings, _ = imported(tmp_path / "e.csv")
    assert [tp.emotion for _, tp in journey.all_touchpoints()] == [1, -2, None]
    assert [(w.line, w.column) for w in warnings] == [(3, 4)] and "e.csv:D3" in warnings[0].message


def _xlsx(path, rows, merged=(), title="Sheet1", password_like=False):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(path)


def test_xlsx_with_a_merged_title_merged_stages_and_a_merged_lane_name(tmp_path):
    path = tmp_path / "map.xlsx"
    _xlsx(path, [["Onboarding"], [], ["Stage", "Sign up", None, "Use"],
                 ["Actions", "Fills form", "Confirms mail", "Opens app"],
                 ["Emotion", 1, 4, 5], ["Pains", "Long form", None, None], [None, "Spam folder", None, None]],
          merged=["A1:D1", "B3:C3", "A6:A7"], title="Journey")
    journey, warnings, _ = imported(path)
    assert warnings == [] and journey.title == "Onboarding" and journey.scale.max == 5
    assert [(s.name, len(s.touchpoints)) for s in journey.stages] == [("Sign up", 2), ("Use", 1)]
    assert journey.stages[0].touchpoints[0].pains == ["Long form", "Spam folder"]


def test_sheet_option_and_the_first_sheet_with_a_shape(tmp_path):
    path = tmp_path / "book.xlsx"
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["just notes"])
    for name, stage in (("Old", "Before"), ("New", "After")):
        sheet = book.create_sheet(name)
        sheet.append(["Stage", "Touchpoint", "Emotion"])
        sheet.append([stage, "Call", 0])
    book.save(path)
    assert imported(path)[0].stages[0].name == "Before"
    assert imported(path, sheet="New")[0].stages[0].name == "After"
    yaml_text, problems = convert(str(path), sheet="Nope")
    assert yaml_text is None and "'Notes', 'Old', 'New'" in problems[0].message


@pytest.mark.parametrize("content, expected", [
    (b"PK\x03\x04broken", "expected a .xlsx workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "password-protected"),
    ("Stage;A\nx".encode("cp1252") + b"\xe9\xff", "expected UTF-8 text"),
    (b"just,some\nwords,here\n", "expected a sheet in one of two shapes"),
])
def test_bad_files_are_errors_that_say_what_was_expected(tmp_path, content, expected):
    path = tmp_path / ("bad.xlsx" if content.startswith(b"PK") else "bad.csv")
    path.write_bytes(content)
    yaml_text, problems = convert(str(path))
    assert yaml_text is None and problems[0].is_error and expected in problems[0].message


def test_an_ambiguous_sheet_asks_for_a_shape(tmp_path):
    (tmp_path / "both.csv").write_text("Stage,Touchpoint,Emotion\nActions,a,b\nPains,c,d\n", "utf-8")
    yaml_text, problems = convert(str(tmp_path / "both.csv"))
    assert yaml_text is None and "--shape grid or --shape rows" in problems[0].message
    assert imported(tmp_path / "both.csv", shape="rows")[0].stages[0].name == "Actions"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_round_trip_through_the_sheet_gives_the_same_map(tmp_path, fmt):
    (tmp_path / "map.csv").write_text(GRID + "Notes,=HYPERLINK(\"x\"),+1 call,@me\n", "utf-8")
    journey, _, _ = imported(tmp_path / "map.csv")
    out = tmp_path / f"back.{fmt}"
    out.write_bytes(sheets.render(journey, RenderOptions(), fmt))
    again, warnings, _ = imported(out)
    assert again == journey


def test_csv_output_never_holds_a_formula_and_xlsx_cells_are_strings(tmp_path):
    journey = validate_text('title: T\nlanes: [touchpoints, {id: n, title: N}]\nstages: [{name: S, '
                            'touchpoints: [{name: "=1+1", lanes: {n: "@SUM(A1)"}}]}]\n').journey
    text = sheets.render(journey, RenderOptions(), "csv").decode("utf-8-sig")
    assert "'=1+1" in text and "'@SUM(A1)" in text
    book = load_workbook(io.BytesIO(sheets.render(journey, RenderOptions(), "xlsx")))
    cells = [c for row in book.active.iter_rows() for c in row if c.value]
    assert {c.data_type for c in cells} == {"s"}


def test_xlsx_output_is_the_same_to_the_byte(monkeypatch):
    journey = validate_text("title: T\nstages: [{name: S, touchpoints: [{name: A, emotion: 1}]}]\n").journey
    first = sheets.render(journey, RenderOptions(), "xlsx")
    import time

    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    assert sheets.render(journey, RenderOptions(), "xlsx") == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core and "2026" not in core
