"""`journeymap import mermaid`: scores off Mermaid's 1..5, scores that are no
number, what Mermaid rejects, accTitle/accDescr, and Markdown documents."""

from journeymap.importers.mermaid import convert, widened_scale
from journeymap.importers.mermaid_markdown import convert_document, is_journey, mermaid_blocks
from journeymap.importers.mermaid_syntax import parse
from journeymap.validation import validate_text


def touchpoints(yaml_text):
    journey = validate_text(yaml_text).journey
    return journey, [tp for _, tp in journey.all_touchpoints()]


def test_scores_above_five_widen_the_scale_and_are_kept_with_a_warning_naming_the_line():
    text = "journey\n  section S\n    Calm: 3: Me\n    Great: 9: Me\n    Bad: 1: Me\n"
    yaml_text, warnings = convert(text, "d.mmd")
    journey, tps = touchpoints(yaml_text)
    assert (journey.scale.min, journey.scale.max) == (1, 9)
    assert [tp.emotion for tp in tps] == [3, 9, 1]
    assert [(w.severity, w.line, w.column) for w in warnings] == [("warning", 4, 12)]
    assert text.split("\n")[3][11] == "9" and "1 to 9" in warnings[0].message
    assert "kept as written on a widened scale" in yaml_text


def test_scores_within_one_to_five_still_become_minus_two_to_two_without_a_word():
    yaml_text, warnings = convert("journey\n  section S\n    A: 5: Me\n    B: 1: Me\n", "d.mmd")
    journey, tps = touchpoints(yaml_text)
    assert warnings == [] and (journey.scale.min, journey.scale.max) == (-2, 2)
    assert [tp.emotion for tp in tps] == [2, -2]


def test_a_score_too_large_for_a_float_is_cut_to_the_widest_scale_with_a_warning():
    text = "journey\n  section S\n    T: " + "9" * 400 + ": Me\n    U: 0: Me\n"
    yaml_text, warnings = convert(text, "d.mmd")
    journey, tps = touchpoints(yaml_text)
    assert [tp.emotion for tp in tps] == [100, 0] and journey.scale.max == 100
    assert [w.line for w in warnings] == [3, 4] and "too large" in warnings[0].message
    assert widened_scale(parse(text)) == (0, 100)


def test_a_score_that_is_no_number_imports_the_task_without_an_emotion():
    text = "journey\n  section S\n    Pay: high: Me, You\n    Wait: 2: You\n"
    yaml_text, warnings = convert(text, "d.mmd")
    _, tps = touchpoints(yaml_text)
    assert [(tp.name, tp.emotion) for tp in tps] == [("Pay", None), ("Wait", -1)]
    assert [(w.severity, w.line, w.column) for w in warnings] == [("warning", 3, 10)]
    assert "'high'" in warnings[0].message


def test_what_mermaid_rejects_is_imported_with_a_warning():
    text = "journey extra\n  section Buy: now\n    #x: 3: Me\n    ok: 3: Me\n"
    yaml_text, warnings = convert(text, "d.mmd")
    _, tps = touchpoints(yaml_text)
    assert [tp.name for tp in tps] == ["#x", "ok"]
    assert [(w.line, w.severity) for w in warnings] == [(1, "warning"), (2, "warning"), (3, "warning")]


def test_an_entity_code_at_the_start_of_a_task_is_no_hash_line():
    yaml_text, warnings = convert("journey\n  section S\n    #58;x: 3: Me\n", "d.mmd")
    assert warnings == [] and touchpoints(yaml_text)[1][0].name == ":x"


def test_acc_title_beside_a_title_is_kept_as_the_accessible_title():
    text = "journey\n  title Visible\n  accTitle: Spoken title\n  accDescr: Spoken description\n" \
           "  section S\n    A: 3: Me\n"
    journey, _ = touchpoints(convert(text, "d.mmd")[0])
    assert journey.title == "Visible" and journey.description == "Spoken description"
    assert journey.accessibility is not None and journey.accessibility.title == "Spoken title"
    same = convert("journey\n  title T\n  accTitle: T\n  section S\n    A: 3: Me\n", "d.mmd")[0]
    assert touchpoints(same)[0].accessibility is None


README = """# Project

```mermaid
graph TD
  A --> B
```

- A list item:

  ```mermaid
  journey
    title Checkout
    section Pay
      Enter card: 7: Me
      Confirm: x: Me
  ```

> ```{mermaid}
> journey
>   section Two
>     Go: 3: You
> ```

~~~python
journey = 1
~~~
"""


def test_every_journey_block_of_a_markdown_file_is_one_map_with_positions_in_the_file():
    maps, diagnostics = convert_document(README, "README.md")
    assert maps is not None and len(maps) == 2
    first, second = (touchpoints(m)[0] for m in maps)
    assert first.title == "Checkout" and [s.name for s in second.stages] == ["Two"]
    lines = README.split("\n")
    assert [(d.line, lines[d.line - 1][d.column - 1]) for d in diagnostics] == [(14, "7"), (15, "x")]
    assert all(d.source_line == lines[d.line - 1] for d in diagnostics)
    assert "# Imported from README.md, line 10 by" in maps[0]


def test_a_markdown_file_without_a_journey_block_is_an_error_that_says_what_it_found():
    maps, diagnostics = convert_document("# T\n\n```mermaid\ngraph TD\n```\n", "notes.md")
    assert maps is None and diagnostics[0].is_error
    assert "found none (1 ```mermaid block of other diagram types)" in diagnostics[0].message


def test_an_error_in_a_block_is_reported_at_its_line_in_the_document():
    maps, diagnostics = convert_document("Intro\n\n```mermaid\njourney\n  section S\n  nonsense\n```\n", "a.md")
    assert maps is None and [(d.line, d.column, d.code) for d in diagnostics] == [(6, 3, "mermaid-syntax")]


def test_a_plain_diagram_on_standard_input_is_no_markdown():
    maps, _ = convert_document("journey\n  section S\n    A: 3: Me\n", "<stdin>")
    assert maps is not None and len(maps) == 1
    piped = convert_document(README, "<stdin>")[0]
    assert piped is not None and len(piped) == 2


def test_journey_blocks_are_told_from_other_diagrams_after_front_matter_and_comments():
    assert is_journey("---\ntitle: x\n---\n%% note\n\njourney\n")
    assert not is_journey("%% journey\ngraph TD\n") and not is_journey("")
    assert [b.line for b in mermaid_blocks(README)] == [3, 10, 18]


def test_the_header_names_the_source_as_given_and_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    maps, _ = convert_document(README, str(tmp_path / "docs" / "README.md"))
    assert maps is not None and "# Imported from docs/README.md, line 10 by" in maps[0]
    assert str(tmp_path) not in maps[0]
