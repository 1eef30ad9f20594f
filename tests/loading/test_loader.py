"""The loader's promises: text stays as written, positions are exact, and no
input can crash, hang or blow up the process."""

import pytest

from journeymap.loading import MAX_BYTES, Plain, load_text
from journeymap.validation import validate_bytes, validate_text

MINIMAL = "title: T\nstages: [{name: S, touchpoints: [{name: P}]}]\n"


def codes(result):
    return [(d.code, d.line, d.column) for d in result.diagnostics]


@pytest.mark.parametrize("written", ["no", "on", "yes", "1.10", "12:30", "0755", "2024-10-01",
                                     "true", "null-ish", "1e3", "0x1F", ".inf", "- x", "#"])
def test_text_stays_exactly_as_written(written):
    quoted = written if written[0] not in "-#" else f"'{written}'"
    result = validate_text(f"title: {quoted}\nversion: {quoted}\n" + MINIMAL.split("\n", 1)[1])
    assert result.ok, result.diagnostics
    assert result.journey.title == written
    assert result.journey.version == written


def test_plain_scalars_are_marked_and_quoted_ones_are_not():
    doc = load_text("a: 1\nb: '1'\nc: ~\nd: \"\"\ne:\n")
    assert isinstance(doc.data["a"], Plain)
    assert not isinstance(doc.data["b"], Plain)
    assert doc.data["c"] is None and doc.data["e"] is None
    assert doc.data["d"] == ""


def test_numbers_and_booleans_where_expected():
    text = ("title: T\nstages:\n  - name: S\n    touchpoints:\n"
            "      - {name: P, emotion: +1, key: True, metrics: {a: 1e2, b: {value: -0.5, target: 0x10}}}\n")
    result = validate_text(text)
    tp = result.journey.stages[0].touchpoints[0]
    assert tp.emotion == 1 and tp.key is True
    assert tp.metrics["a"].value == 100.0
    assert tp.metrics["b"].value == -0.5 and tp.metrics["b"].target == 16


def test_not_utf8_is_reported_at_the_byte():
    result = validate_bytes(b"title: ok\nstages:\n  - name: caf\xe9\n", "latin1.yaml")
    assert codes(result) == [("encoding", 3, 14)]


def test_utf8_byte_order_mark_is_fine():
    result = validate_bytes(b"\xef\xbb\xbf" + MINIMAL.encode(), "bom.yaml")
    assert result.ok and result.diagnostics == []


def test_file_over_ten_megabytes_is_refused():
    result = validate_bytes(b"#" * (MAX_BYTES + 1), "big.yaml")
    assert codes(result) == [("too-large", 1, 1)]


def test_raw_control_character_is_reported_where_it_is():
    result = validate_bytes(b"title: a\x07b\nstages: []\n", "bell.yaml")
    assert codes(result) == [("control-character", 1, 9)]


@pytest.mark.parametrize("text", [
    "x-deep: " + "[" * 100 + "]" * 100 + "\n" + MINIMAL,
    "x-deep: " + "{a: " * 100 + "1" + "}" * 100 + "\n" + MINIMAL,
    "x-deep:\n" + "".join("  " * i + "k:\n" for i in range(1, 100)) + MINIMAL,
    "x-deep:\n" + "- " * 5000 + "x\n" + MINIMAL,
], ids=["flow-sequences", "flow-mappings", "block-mappings", "block-sequences-on-one-line"])
def test_nesting_deeper_than_64_is_an_error(text):
    result = validate_text(text)
    assert [d.code for d in result.diagnostics] == ["too-deep"]
    assert result.diagnostics[0].line >= 1


def test_pathological_nesting_does_not_crash_the_parser():
    # libyaml composes recursively in C; 300,000 levels used to overflow the stack.
    result = validate_text("[" * 300_000)
    assert [d.code for d in result.diagnostics] == ["too-deep"]


def test_alias_referring_to_itself_is_an_error_not_a_hang():
    result = validate_text("x-loop: &a [*a]\n" + MINIMAL)
    assert [d.code for d in result.diagnostics] == ["too-deep"]


def test_large_scalar_repeated_by_aliases_is_a_bomb():
    text = "x-big: &big " + "a" * 2000 + "\nx-many: [" + ",".join(["*big"] * 200) + "]\n" + MINIMAL
    result = validate_text(text)
    assert [(d.code, d.line) for d in result.diagnostics] == [("alias-bomb", 2)]


def test_modest_alias_use_is_fine():
    text = ("x-common: &pains [Slow, Confusing]\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n"
            "      - {name: A, pains: *pains, opportunities: [Fix]}\n"
            "      - {name: B, pains: *pains}\n")
    result = validate_text(text)
    assert result.ok
    assert result.journey.stages[0].touchpoints[1].pains == ["Slow", "Confusing"]


@pytest.mark.parametrize("tag", ["!!str", "!!int", "!custom", "!!python/name:os.system"])
def test_explicit_tags_are_errors(tag):
    result = validate_text(f"title: {tag} x\nstages: [{{name: S}}]\n")
    assert ("yaml-tag", 1, 8) in codes(result)


def test_duplicate_keys_compare_after_nfc():
    decomposed = "Mari\u0301a"
    result = validate_text(f"x-m:\n  María: 1\n  {decomposed}: 2\n" + MINIMAL)
    assert codes(result) == [("duplicate-key", 3, 3)]


def test_ids_are_compared_after_nfc():
    decomposed = "mari\u0301a"
    text = (f"title: T\npersonas: [{{id: maría, name: M}}, {{id: juan, name: J}}]\n"
            f"stages: [{{name: S, touchpoints: [{{name: P, personas: [{decomposed}]}}, {{name: Q}}]}}]\n")
    result = validate_text(text)
    assert result.ok, result.diagnostics


def test_extension_keys_are_ignored_at_every_level():
    text = ("x-tool: {anything: [1, 2]}\ntitle: T\npersona: {name: P, x-crm-id: 42}\n"
            "stages: [{name: S, x-color: red, touchpoints: [{name: P, x-jira: ABC-1}]}]\n")
    assert validate_text(text).ok


def test_merge_keys_are_unknown_keys():
    text = "title: T\nstages: [{<<: {name: S}}]\n"
    assert [d.code for d in validate_text(text).diagnostics][0] in ("unknown-key", "missing-field")


def test_multiple_documents():
    assert [d.code for d in validate_text(MINIMAL + "---\n" + MINIMAL).diagnostics] == ["multiple-documents"]


def test_empty_file():
    assert [d.code for d in validate_text("").diagnostics] == ["not-a-mapping"]
    assert [d.code for d in validate_text("# only a comment\n").diagnostics] == ["not-a-mapping"]


def test_carriage_return_line_endings_keep_positions():
    text = MINIMAL.replace("\n", "\r\n").replace("name: P", "name: P, pain: x")
    result = validate_text(text)
    assert codes(result) == [("unknown-key", 2, 44)]


def test_without_room_for_the_compose_thread_it_still_loads_safely(monkeypatch):
    import threading

    def refuse(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    assert validate_text(MINIMAL).ok
    assert [d.code for d in validate_text("[" * 300_000).diagnostics] == ["too-deep"]
