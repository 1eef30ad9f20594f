"""PDF pages that print and join on a wall: a map cut into rows and columns of
paper, each page with the stage headers at its top and the lane labels at its
left, text no smaller than readable, crop marks where pages meet, a footer
that says where the page goes; and a PDF that is tagged."""

from __future__ import annotations

import re

import pytest
from test_raster import generated, journey_of, page_text, read_pdf, svg_of

pytest.importorskip("skia")
pytest.importorskip("pypdf")

from pypdf.generic import BooleanObject  # noqa: E402

from journeymap.renderers import raster_pages, raster_svg  # noqa: E402
from journeymap.renderers.raster import rasterise  # noqa: E402
from journeymap.renderers.raster_options import PAPERS, RasterOptions  # noqa: E402

LANES = 14


def tall_map(lanes=LANES, stages=3):
    """Many custom lanes of long text: far taller than a page at a readable size."""
    words = "the customer reads every line of the long explanation twice before deciding"
    lane_list = ", ".join(f"{{id: l{i}, title: Lane {i} title}}" for i in range(lanes))
    points = []
    for s in range(stages):
        cells = ", ".join(f"l{i}: {words} {s}-{i}" for i in range(lanes))
        points.append(f"  - id: s{s}\n    name: Stage {s} header\n    touchpoints:\n"
                      f"      - {{id: t{s}, name: Step {s}, emotion: 1, lanes: {{{cells}}}}}")
    return journey_of(f"journeymap: 1\ntitle: Tall map\ntype: current-state\n"
                      f"lanes: [touchpoints, {lane_list}]\nstages:\n" + "\n".join(points) + "\n")


def pdf_pages(journey, **options):
    return read_pdf(rasterise(svg_of(journey), "pdf", journey, raster=RasterOptions(**options))).pages


def test_a_tall_map_on_a4_is_cut_into_rows_each_page_with_headers_and_labels():
    journey = tall_map()
    pages = pdf_pages(journey, paper="a4")
    footers = [re.search(r"page (\d+) of (\d+), row (\d+) column (\d+)", page_text(p)) for p in pages]
    assert all(footers) and max(int(f.group(3)) for f in footers) > 1, "one row: the map was shrunk"
    assert [int(f.group(1)) for f in footers] == list(range(1, len(pages) + 1))
    a4 = tuple(map(round, PAPERS["a4"]))[::-1]  # landscape; Skia rounds a page's size to whole points
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in pages} == {a4}
    for number, page in enumerate(pages, 1):
        text = page_text(page)
        assert re.search(r"Stage \d header", text), f"page {number} has no stage header: {text[:200]}"
        assert re.search(r"Lane \d+ title", text), f"page {number} has no lane label: {text[:200]}"
    every_text = " ".join(page_text(p) for p in pages)
    for i in range(LANES):  # nothing lost between rows
        assert f"Lane {i} title" in every_text


def test_a_lane_taller_than_a_page_gets_its_title_again_at_the_top_of_every_page():
    words = " ".join(f"word{i % 50}" for i in range(900))   # one cell taller than a page
    journey = journey_of("journeymap: 1\ntitle: Deep lane\nlanes: [touchpoints, {id: notes, title: Long notes}]\n"
                         f"stages:\n  - {{id: s, name: Only stage, touchpoints: [{{id: t, name: Step, "
                         f"lanes: {{notes: {words}}}}}]}}\n")
    pages = pdf_pages(journey, paper="a4")
    assert len(pages) >= 3
    for page in pages[1:]:   # the lane's own title is on the first page only
        text = page_text(page)
        assert "Long notes" in text and "Only stage" in text, text[-200:]


@pytest.mark.parametrize("paper, orientation", [("a3", "landscape"), ("a4", "portrait"),
                                                ("letter", "landscape")])
def test_a_wide_map_is_cut_across_pages_with_a_footer(paper, orientation):
    journey = generated(90)
    pages = pdf_pages(journey, paper=paper, orientation=orientation)
    assert len(pages) > 3
    short, long = PAPERS[paper]
    size = (long, short) if orientation == "landscape" else (short, long)
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in pages} == {tuple(map(round, size))}
    last = page_text(pages[-1])
    assert f"Generated · page {len(pages)} of {len(pages)}, row 1 column {len(pages)}" in last
    assert "Touchpoints" in last and "Touchpoint number 89" in last  # labels repeated; the end shown
    for page in pages:
        assert re.search(r"Stage \d+", page_text(page)), "a stage's name on every page"


def layout(journey, paper):
    svg = svg_of(journey).encode()
    document = raster_svg.parse(svg)
    plan = raster_pages.plan(document.shapes, document.root, document.width, document.height)
    return plan, raster_pages.paged(plan, paper, journey.title)


@pytest.mark.parametrize("make", [lambda: tall_map(), lambda: generated(90)], ids=["tall", "wide"])
def test_pages_cover_the_whole_map_at_a_readable_size_with_crop_marks_in_the_margin(make):
    plan, pages = layout(make(), PAPERS["a4"])
    paper = PAPERS["a4"]
    views = [page.pieces[0] for page in pages]
    scale = views[0].scale
    assert scale * plan.smallest_text >= raster_pages.READABLE_TEXT - 1e-9
    assert scale <= raster_pages.PDF_POINTS_PER_UNIT
    right = max(v.source[0] + v.source[2] for v in views)
    bottom = max(v.source[1] + v.source[3] for v in views)
    assert right == pytest.approx(plan.width) and bottom == pytest.approx(plan.height)
    lefts = sorted({v.source[0] for v in views})
    for before, after in zip(lefts, lefts[1:], strict=False):  # neighbours share OVERLAP units for glue
        shown = max(v.source[0] + v.source[2] for v in views if v.source[0] == before)
        assert shown - after == pytest.approx(raster_pages.OVERLAP)
    room = (raster_pages.MARGIN, raster_pages.MARGIN, paper[0] - raster_pages.MARGIN,
            paper[1] - raster_pages.MARGIN - raster_pages.FOOTER)
    for page in pages:
        placed = [(p.at[0], p.at[1], p.at[0] + p.source[2] * p.scale, p.at[1] + p.source[3] * p.scale)
                  for p in page.pieces]
        left, top = min(r[0] for r in placed), min(r[1] for r in placed)
        right, bottom = max(r[2] for r in placed), max(r[3] for r in placed)
        assert left >= room[0] - 1e-6 and top >= room[1] - 1e-6, "nothing drawn in the margin"
        assert right <= room[2] + 1e-6 and bottom <= room[3] + 1e-6, "nor over the footer"
        for x, y, w, h in page.marks:  # crop marks: in the margin, off the drawing, on the paper
            assert min(x, y) >= 0 and x + w <= paper[0] and y + h <= paper[1]
            assert x + w < left or x > right or y + h < top or y > bottom, (x, y, w, h)
    assert len(pages) > 1 and all(page.marks for page in pages)


def test_the_pdf_is_tagged_in_the_maps_language():
    journey = journey_of("journeymap: 1\ntitle: Karte\nlocale: de\nstages:\n"
                         "  - {id: s, name: Suche, touchpoints: [{id: t, name: Preise vergleichen}]}\n")
    reader = read_pdf(rasterise(svg_of(journey), "pdf", journey))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True) and catalog["/Lang"] == "de"
    document = catalog["/StructTreeRoot"]["/K"].get_object()
    assert document["/S"] == "/Document"
    content = reader.pages[0].get_contents().get_data()
    marked = re.findall(rb"/Document <</MCID \d+ >>BDC(.*?)EMC", content, re.S)
    assert marked and b"BT" in b"".join(marked), "the text is marked as the document's content"


# pypdf reads fullwidth punctuation as ASCII (the PDF holds U+FF0C; poppler gives it back).
@pytest.mark.parametrize("locale, words", [("de", "Seite {page} von {pages}, Zeile 1 Spalte {page}"),
                                           ("zh", "第 {page} 页,共 {pages} 页(第 1 行第 {page} 列)")])
def test_the_footer_speaks_the_maps_language(locale, words):
    journey = generated(90).model_copy(update={"locale": locale})
    pages = pdf_pages(journey, paper="a4")
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        assert words.format(page=number, pages=len(pages)) in page_text(page).replace("\n", "")


SHARED_GLYPHS = "打开页面 见到 长门 马车 言金 龙鱼 风飞 黄色 高 麦 齿 鸟 黑"


@pytest.mark.parametrize("locale", ["zh", "ja"])
def test_cjk_text_is_found_as_written_not_as_radicals(locale):
    """CJK fonts draw 页 and the radical ⻚ with one glyph; the PDF names it 页,
    so search and copy find what the author wrote (every reader, not only
    those that honour ActualText)."""
    journey = journey_of(f"title: {SHARED_GLYPHS[:4]}\nlocale: {locale}\nstages:\n  - name: 阶段\n"
                         f"    touchpoints:\n      - name: {SHARED_GLYPHS}\n")
    data = rasterise(svg_of(journey), "pdf", journey, raster=RasterOptions())
    text = "".join(page_text(page) for page in read_pdf(data).pages)
    assert [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF] == []
    for word in SHARED_GLYPHS.split():
        assert word in text.replace("\n", "").replace(" ", "")


ARABIC = "يبحث عن موعد في التطبيق لا سلام"


def test_arabic_text_is_found_as_letters_not_as_presentation_forms():
    """An Arabic font reaches its joined glyphs through the presentation forms
    too (ﺣ is ح in the middle of a word); the PDF names them by the letters."""
    journey = journey_of(f"title: رحلة العميل\nlocale: ar\nstages:\n  - name: البحث\n"
                         f"    touchpoints:\n      - name: {ARABIC}\n")
    text = "".join(page_text(page) for page in read_pdf(rasterise(svg_of(journey), "pdf", journey)).pages)
    assert [c for c in text if 0xFB00 <= ord(c) <= 0xFEFF] == []
    for word in ["رحلة", "العميل", *ARABIC.split()]:
        assert word in text
