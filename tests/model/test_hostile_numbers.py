"""Numbers an attacker writes: no spelling of a number, and no emotion scale,
may crash journeymap, make it work without end, or reach an output as
something other than the number written.

The documented rules (docs/format.md, "Numbers"): numbers are YAML 1.2 core
numbers, finite, at most 1e15 in magnitude and never a non-zero figure that a
double reads as 0; a scale has at most 100 steps; legends and axes name at
most 11 values of a scale, chosen in constant work; the `json` output is
strict JSON.
"""

import json
import math
import re
import shutil
import subprocess
import sys
import typing
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from conftest import TESTS
from journeymap import fields
from journeymap.fields import NUMBER_LIMIT, to_count, to_int, to_number, to_text_or_number
from journeymap.layout.page import layout
from journeymap.loading import Plain
from journeymap.model import MAX_SCALE_STEPS, Journey, Scale
from journeymap.presentation import Presentation
from journeymap.presentation.numbers import SCALE_VALUES, format_number, scale_values, signed
from journeymap.renderers import RenderError, RenderOptions
from journeymap.renderers.json_renderer import fractional_numbers
from journeymap.renderers.registry import load
from journeymap.validation import validate_text

HERE = TESTS  # the tests folder, where the shared fixtures live
HOSTILE = sorted((HERE / "hostile" / "numbers").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\S+) (\d+):(\d+)$", re.MULTILINE)
FORMATS = ("svg", "json", "md", "mmd", "dot", "html")
TIMEOUT = 60  # seconds: far above what these maps need, far below "without end"


def strict_json(data: bytes):
    """Python's json module, made as strict as RFC 8259: no NaN or Infinity."""
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")
    return json.loads(data.decode("utf-8"), parse_constant=refuse)


def short_id(value) -> str:
    """A test id for any parameter (str() refuses integers of 4300+ digits)."""
    if isinstance(value, int) and value.bit_length() > 1000:
        return ("-" if value < 0 else "") + "huge-int"
    text = repr(value)
    return text if len(text) <= 24 else text[:20] + f"..{len(text)}"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journeymap", *args], capture_output=True,
                          timeout=TIMEOUT, text=True)


# The maps in tests/hostile/numbers, through the real program ---------------------------

def _expected(path: Path):
    text = path.read_text("utf-8")
    return text.startswith("# expect: valid"), sorted(
        (code, int(line), int(col)) for code, line, col in EXPECT.findall(text))


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_validate_reports_each_hostile_number_map_exactly_and_quickly(path):
    valid, expected = _expected(path)
    done = run("validate", "--report-format", "json", str(path))
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    errors = sorted((d["code"], d["line"], d["column"]) for d in report["diagnostics"]
                    if d["severity"] == "error")
    assert errors == expected
    assert done.returncode == (0 if valid else 1)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_render_in_every_format_is_bounded_and_every_output_parses(path, tmp_path):
    valid, expected = _expected(path)
    formats = [arg for fmt in FORMATS for arg in ("-f", fmt)]
    done = run("render", "-q", *formats, "-o", str(tmp_path), str(path))
    assert "Traceback" not in done.stderr, done.stderr
    written = {p.suffix[1:]: p for p in tmp_path.iterdir()}
    if not valid:
        assert done.returncode == 1 and not written
        line = expected[0][1]
        assert f"{path.name}:{line}:" in done.stdout + done.stderr
        return
    assert done.returncode == 0, done.stdout + done.stderr
    assert set(written) == set(FORMATS)
    ET.fromstring(written["svg"].read_bytes())
    data = strict_json(written["json"].read_bytes())
    _assert_json_numbers_are_the_model_numbers(data, path)
    _assert_one_column_per_stage(written["md"].read_text("utf-8"), len(data["stages"]))
    scores = re.findall(r"^ {6}.*: (\d+)(?::|$)", written["mmd"].read_text("utf-8"), re.MULTILINE)
    assert scores and all(1 <= int(s) <= 5 for s in scores)
    assert "<svg" in written["html"].read_text("utf-8")
    if shutil.which("dot"):
        laid_out = subprocess.run(["dot", "-Tsvg", str(written["dot"])], capture_output=True,
                                  timeout=TIMEOUT)
        assert laid_out.returncode == 0, laid_out.stderr


def _assert_one_column_per_stage(markdown: str, stages: int) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    header = []
    for token in tokens:
        if token.type == "th_open":
            header.append(token)
        elif token.type == "thead_close":
            break
    assert len(header) == 1 + stages


def _assert_json_numbers_are_the_model_numbers(data: dict, path: Path) -> None:
    journey = validate_text(path.read_text("utf-8")).journey
    assert data["scale"] == {"min": journey.scale.min, "max": journey.scale.max}
    for stage, stage_data in zip(journey.stages, data["stages"], strict=False):
        for tp, tp_data in zip(stage.touchpoints, stage_data["touchpoints"], strict=False):
            assert tp_data["emotion"] == tp.emotion
            for name, metric in tp.metrics.items():
                assert tp_data["metrics"][name]["value"] == metric.value
                assert tp_data["metrics"][name]["target"] == metric.target


def test_the_extreme_map_keeps_every_number_as_written():
    journey = validate_text((HERE / "hostile" / "numbers" / "numbers-extreme-allowed.yaml")
                            .read_text("utf-8")).journey
    metrics = journey.stages[0].touchpoints[0].metrics
    assert {name: m.value for name, m in metrics.items()} == {
        "big": 1e15, "bigint": -10 ** 15, "small": 1e-320, "tiny": 1.5e-7, "hex": 31, "oct": 15,
        "negzero": 0.0, "plus": 5, "leading_zero": 755, "frac": 999999999999999.9, "dot": 0.5,
        "trailing_dot": 7.0, "exponent": -0.025}
    assert math.copysign(1, metrics["negzero"].value) == 1  # no negative zero
    assert journey.sources[0].n == 10 ** 15 and journey.scale.max == 2
    # Demographics that are no number in range stay the text written.
    assert journey.personas[0].demographics == {
        "age": "1e15", "tiny": 1e-300, "big": "1e400", "inf": ".inf", "nan": ".nan", "zip": "01234",
        "neg": "-0", "long": "99999999999999999999999999999"}
    assert journey.stages[0].touchpoints[1].duration == "1e400"


# Drawing a scale costs the same whatever its span -------------------------------------

UNCHECKED_SCALES = """
import sys
from journeymap.model import Journey, Scale
from journeymap.normalise import normalise
from journeymap.renderers import RenderOptions
from journeymap.renderers.registry import load

# Journey.model_validate checks structure only, not the whole-map rules: the
# Python API can build a map whose scale validation would refuse.
for low, high in [(-10 ** 15, 10 ** 15), (0, 0), (5, -5), (-10 ** 400, 10 ** 400)]:
    journey = normalise(Journey.model_validate({"title": "T", "stages": [{"name": "S", "touchpoints": [
        {"name": "A", "emotion": 1}, {"name": "B", "emotion": -1}]}]}))
    journey.scale.__dict__.update(min=low, max=high)
    for fmt in ("svg", "html", "json"):
        load(fmt).render(journey, RenderOptions(), fmt)
print("ok")
"""


def test_our_renderers_draw_any_scale_the_python_api_can_build_in_bounded_time():
    done = subprocess.run([sys.executable, "-c", UNCHECKED_SCALES], capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr


@settings(max_examples=200, deadline=None)
@given(st.integers(), st.integers(), st.integers(2, 30))
@example(-10 ** 9, 10 ** 9, SCALE_VALUES)
@example(-10 ** 5000, 10 ** 5000, SCALE_VALUES)
@example(-2, 2, SCALE_VALUES)
def test_scale_values_are_few_ordered_and_include_both_ends(low, high, most):
    values = scale_values(Scale.model_construct(min=low, max=high), most)
    if high <= low:
        assert values == [low]
        return
    assert values[0] == low and values[-1] == high
    assert values == sorted(set(values)) and len(values) <= most
    if high - low < most:
        assert values == list(range(low, high + 1))
    else:
        steps = {b - a for a, b in zip(values[1:-1], values[2:-1], strict=False)}
        assert len(steps) <= 1  # round values between the ends are evenly spaced


def test_scale_values_are_round():
    assert scale_values(Scale(min=-2, max=2)) == [-2, -1, 0, 1, 2]
    assert scale_values(Scale(min=-50, max=50)) == list(range(-50, 51, 10))
    assert scale_values(Scale(min=-50, max=50), 6) == [-50, -25, 0, 25, 50]
    assert scale_values(Scale(min=1, max=100)) == [1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]


def _layout_of(text: str):
    journey = validate_text(text).journey
    assert journey is not None
    return layout(Presentation(journey, "en"))


def _texts(item, role):
    if hasattr(item, "items"):
        for child in item.items:
            yield from _texts(child, role)
    elif getattr(item, "role", None) == role:
        yield " ".join(item.lines)


def test_widest_scale_names_a_few_round_values_on_the_axis_and_in_the_legend():
    drawing = _layout_of("title: T\nscale: {min: -50, max: 50}\nstages:\n  - name: S\n"
                         "    touchpoints: [{name: A, emotion: 50}, {name: B, emotion: -50}]\n")
    axis = [text for group in drawing.groups for text in _texts(group, "scale-label")]
    assert axis == ["+50", "+25", "0", "−25", "−50"]
    # the legend explains the faces the map uses, and nothing else
    legend = [text for group in drawing.groups for text in _texts(group, "legend")]
    assert legend == ["−50", "+50"]


def test_default_scale_axis_names_every_value_and_the_legend_those_used():
    drawing = _layout_of("title: T\nstages: [{name: S, touchpoints: [{name: A, emotion: 1}, "
                         "{name: B, emotion: -2}]}]\n")
    axis = [text for group in drawing.groups for text in _texts(group, "scale-label")]
    assert axis == ["+2", "+1", "0", "−1", "−2"]
    legend = [text for group in drawing.groups for text in _texts(group, "legend")]
    assert legend == ["−2", "+1"]


@pytest.mark.parametrize("span, ok", [(1, True), (MAX_SCALE_STEPS, True), (MAX_SCALE_STEPS + 1, False),
                                      (2 * 10 ** 9, False), (2 * 10 ** 15, False)])
def test_scale_span_limit(span, ok):
    low = -(span // 2)
    text = f"title: T\nscale: {{min: {low}, max: {low + span}}}\nstages: [{{name: S}}]\n"
    errors = [(d.code, d.line, d.column) for d in validate_text(text).diagnostics if d.is_error]
    assert errors == ([] if ok else [("out-of-range", 2, 1)])


# Every spelling of a number, one at a time --------------------------------------------

@pytest.mark.parametrize("written, meaning", [
    ("12", 12), ("+5", 5), ("-3", -3), ("-0", 0), ("0755", 755), ("0x1F", 31), ("0o17", 15),
    ("1000000000000000", 10 ** 15), ("-1000000000000000", -10 ** 15), ("0x38D7EA4C68000", 10 ** 15),
    ("0.12", 0.12), (".5", 0.5), ("1.", 1.0), ("1e3", 1000.0), ("-2.5E-2", -0.025), ("1e15", 1e15),
    ("-0.0", 0.0), ("0e99999999999", 0.0), ("1e-300", 1e-300), ("5e-324", 5e-324),
    ("0" * 5000 + "1", 1),
], ids=short_id)
def test_numbers_that_are_read(written, meaning):
    value = to_number(Plain(written))
    assert value == meaning and type(value) is type(meaning)
    assert math.copysign(1, value) == math.copysign(1, meaning)


@pytest.mark.parametrize("written, code", [
    ("1000000000000001", "out-of-range"), ("1e16", "out-of-range"), ("1e400", "out-of-range"),
    ("-1e400", "out-of-range"), ("9" * 400, "out-of-range"), ("9" * 5000, "out-of-range"),
    ("0x" + "F" * 5000, "out-of-range"), ("0o" + "7" * 30, "out-of-range"),
    ("1e99999999999999999999", "out-of-range"), ("1" * 400 + ".5", "out-of-range"),
    ("1e-400", "out-of-range"), ("-2.5e-999", "out-of-range"), ("0." + "0" * 400 + "1", "out-of-range"),
    (".inf", "invalid-value"), ("-.inf", "invalid-value"), ("+.INF", "invalid-value"),
    (".nan", "invalid-value"), (".NaN", "invalid-value"),
    ("1_000", "wrong-type"), ("0b101", "wrong-type"), ("-0x1F", "wrong-type"), ("0X1F", "wrong-type"),
    ("1:30", "wrong-type"), ("inf", "wrong-type"), ("NaN", "wrong-type"), ("Infinity", "wrong-type"),
    ("٣", "wrong-type"), ("１２", "wrong-type"), ("0x", "wrong-type"), ("1e", "wrong-type"),
    ("0o8", "wrong-type"), (" 1", "wrong-type"), ("1 ", "wrong-type"), ("", "wrong-type"),
], ids=short_id)
def test_numbers_that_are_refused(written, code):
    with pytest.raises(PydanticCustomError) as caught:
        to_number(Plain(written))
    assert caught.value.type == code
    message = caught.value.message()
    assert message.startswith("expected ") and " found " in message and len(message) < 200


@pytest.mark.parametrize("written, code", [
    ("1.5", "wrong-type"), ("1e0", "wrong-type"), ("1e400", "wrong-type"), (".inf", "invalid-value"),
    ("9" * 400, "out-of-range"), ("-1000000000000001", "out-of-range"),
], ids=short_id)
def test_integers_that_are_refused(written, code):
    with pytest.raises(PydanticCustomError) as caught:
        to_int(Plain(written))
    assert caught.value.type == code


def test_counts_are_never_negative():
    assert to_count(Plain("0")) == 0
    with pytest.raises(PydanticCustomError) as caught:
        to_count(Plain("-1"))
    assert caught.value.type == "out-of-range"


@pytest.mark.parametrize("value, code", [
    (float("inf"), "invalid-value"), (float("-inf"), "invalid-value"), (float("nan"), "invalid-value"),
    (10 ** 16, "out-of-range"), (-(10 ** 5000), "out-of-range"), (1e300, "out-of-range"),
    (True, "wrong-type"), ("12", "wrong-type"), (None, "wrong-type"),
], ids=short_id)
def test_numbers_from_python_code_obey_the_same_rules(value, code):
    with pytest.raises(PydanticCustomError) as caught:
        to_number(value)
    assert caught.value.type == code
    assert len(caught.value.message()) < 200


def test_negative_zero_from_python_code_is_zero():
    assert math.copysign(1, to_number(-0.0)) == 1


@pytest.mark.parametrize("written, kept", [
    ("34", 34), ("3.5", 3.5), ("01234", "01234"), ("1e400", "1e400"), (".inf", ".inf"),
    (".nan", ".nan"), ("9" * 5000, "9" * 5000), ("-0", "-0"), ("1_000", "1_000"), ("1e3", "1e3"),
], ids=short_id)
def test_demographics_keep_what_is_no_number_in_range_as_text(written, kept):
    assert to_text_or_number(Plain(written)) == kept


# What an output shows for any number it can get ---------------------------------------

@pytest.mark.parametrize("value, shown", [
    (0, "0"), (-0.0, "0"), (10 ** 15, "1000000000000000"), (-1e15, "-1000000000000000"),
    (0.12, "0.12"), (1.5e-7, "1.5e-07"), (-0.00001, "-1e-05"), (1e-320, "1e-320"),
    (999999999999999.9, "999999999999999.875"), (float("inf"), "∞"), (float("-inf"), "−∞"),
    (float("nan"), "NaN"), (10 ** 5000, "∞"), (-(10 ** 5000), "−∞"),
], ids=short_id)
def test_format_number_is_total(value, shown):
    assert format_number(value) == shown


def test_signed_never_shows_a_negative_zero():
    assert signed(-0.0) == "0" and signed(-1) == "−1" and signed(10 ** 15) == "+1000000000000000"


# Strict JSON ----------------------------------------------------------------------------

def _plain_map() -> Journey:
    return validate_text("title: T\npersonas: [{id: a, name: A, demographics: {h: 1.5}}]\n"
                         "stages: [{name: S, touchpoints: [{name: A, metrics: {m: {value: 0.5, "
                         "target: 1.5}}}]}]\n").journey


@pytest.mark.parametrize("where", ["value", "target", "demographics"])
@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), float("nan")])
def test_json_renderer_refuses_a_model_with_a_number_json_cannot_write(where, bad):
    journey = _plain_map()
    if where == "demographics":
        journey.personas[0].demographics["h"] = bad
    else:
        journey.stages[0].touchpoints[0].metrics["m"].__dict__[where] = bad
    with pytest.raises(RenderError, match="finite"):
        load("json").render(journey, RenderOptions(), "json")


def _validators(annotation) -> typing.Iterator:
    for meta in getattr(annotation, "__metadata__", ()):
        if hasattr(meta, "func"):
            yield meta.func
    for arg in typing.get_args(annotation):
        yield from _validators(arg)


def _models(annotation) -> typing.Iterator[type]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def test_the_json_guard_knows_every_field_that_can_hold_a_float():
    """fractional_numbers() names the fields that can hold a float; a new
    one in the model must be added there, or this fails."""
    found, seen, todo = set(), set(), [Journey]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            annotation = typing.Annotated[(info.annotation, *info.metadata)] if info.metadata \
                else info.annotation
            if {fields.to_number, fields.to_text_or_number} & set(_validators(annotation)):
                found.add((model.__name__, name))
            todo.extend(_models(info.annotation))
    assert found == {("Metric", "value"), ("Metric", "target"), ("Persona", "demographics")}
    journey = _plain_map()
    assert [where for where, _ in fractional_numbers(journey)] == [
        "personas[0].demographics.h", "stages[0].touchpoints[0].metrics.m.value",
        "stages[0].touchpoints[0].metrics.m.target"]


# Properties: any number anywhere a number goes -----------------------------------------

TEMPLATE = {  # slot -> default value; the lines below put each slot on its own line
    "version": "1", "scale_min": "-2", "scale_max": "2", "age": "34", "n": "12",
    "emotion": "1", "value": "0.5", "target": "1",
}
LINES = ["journeymap: {version}", "title: Numbers", "scale:", "  min: {scale_min}",
         "  max: {scale_max}", "personas:", "  - id: a", "    name: A", "    demographics:",
         "      age: {age}", "sources:", "  - id: s", "    n: {n}", "stages:", "  - name: S",
         "    touchpoints:", "      - name: T", "        evidence: [{{source: s}}]", "        emotion:",
         "          a: {emotion}", "        metrics:", "          m:", "            value: {value}",
         "            target: {target}"]
SCALE_LINES = {3, 4, 5}  # `scale:`, `min:`, `max:`: whole-scale problems are reported on these


def map_with(slot: str, written: str) -> tuple[str, int, int]:
    """The map text with `written` in `slot`, and the line and column of it."""
    values = dict(TEMPLATE, **{slot: written})
    lines = [line.format(**values) for line in LINES]
    if slot.startswith("scale"):  # an emotion would be out of many a scale
        lines = [line for line in lines if "emotion" not in line and "a: " not in line]
    number = next(i for i, line in enumerate(LINES, 1) if "{" + slot + "}" in line)
    column = LINES[number - 1].index("{" + slot + "}") + 1
    return "\n".join(lines) + "\n", number, column


def _yaml_float(number: float) -> str:
    if math.isnan(number):
        return ".nan"
    if math.isinf(number):
        return ".inf" if number > 0 else "-.inf"
    return repr(number)


integer_spellings = st.integers().flatmap(lambda n: st.sampled_from(
    [(str(n), n), ("+" + str(n) if n >= 0 else str(n), n)]
    + ([(hex(n), n), (oct(n), n)] if n >= 0 else [("-" + hex(-n), None)])))
float_spellings = st.floats().flatmap(lambda f: st.sampled_from(
    [(_yaml_float(f), f)] + ([(f"{f:.3e}", float(f"{f:.3e}"))] if math.isfinite(f) else [])))
odd_spellings = st.sampled_from([
    "1e400", "-1e400", "1e-400", "1e16", ".inf", "-.Inf", ".NAN", "1_000", "0b1", "0X1F", "1:30",
    "٣", "１", "1e99999", "9" * 5000, "0x" + "f" * 40, "-0", "-0.0", "+.5", "1.", "0o8", "0755",
    "1e-320", "~", "null", "true", "'1'", '"2"', "[1]", "{a: 1}", "1 # a comment",
]).map(lambda s: (s, None))


def _meaning_for_a_metric(written: str, meaning):
    """What the metric must hold when `written` came from the Python number
    `meaning` (None: we do not say, or it must be refused)."""
    if meaning is None or isinstance(meaning, bool):
        return None
    if isinstance(meaning, float) and not math.isfinite(meaning):
        # .inf and .nan are no finite number; 1.798e+308 is one, beyond the range
        return "invalid-value" if written.lstrip("+-").startswith(".") else "out-of-range"
    if abs(meaning) > NUMBER_LIMIT:
        return "out-of-range"
    if meaning == 0 and re.search("[1-9]", re.split("[eE]", written)[0]):
        return "out-of-range"
    return meaning


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(sorted(TEMPLATE)), st.one_of(integer_spellings, float_spellings, odd_spellings))
@example("value", ("9" * 400, 10 ** 400 - 1))
@example("value", ("1e-400", 0.0))
@example("scale_max", ("1000000000", 10 ** 9))
@example("scale_min", ("-1e308", -1e308))
@example("emotion", (".nan", None))
def test_any_number_anywhere_gives_a_diagnostic_at_its_line_or_a_strict_render(slot, spelling):
    written, meaning = spelling
    text, line, column = map_with(slot, written)
    result = validate_text(text)
    errors = [d for d in result.diagnostics if d.is_error]
    for d in result.diagnostics:
        assert d.code != "internal-error", d
        assert d.message.startswith("expected ") and " found " in d.message
        assert len(d.message) < 300
    if errors:
        lines = SCALE_LINES if slot.startswith("scale") else {line}
        assert all(d.line in lines for d in errors), (text, errors)
        if not slot.startswith("scale"):
            assert all(d.column == column for d in errors if d.line == line), (text, errors)
    if slot == "value" and _meaning_for_a_metric(written, meaning) is not None:
        wanted = _meaning_for_a_metric(written, meaning)
        if isinstance(wanted, str):
            assert [d.code for d in errors] == [wanted], (written, errors)
        else:
            assert not errors, (written, errors)
            assert result.journey.stages[0].touchpoints[0].metrics["m"].value == wanted
    if result.journey is not None:
        _render_strictly(result.journey)


def _render_strictly(journey: Journey) -> None:
    data = strict_json(load("json").render(journey, RenderOptions(), "json"))
    metric = journey.stages[0].touchpoints[0].metrics["m"]
    assert data["stages"][0]["touchpoints"][0]["metrics"]["m"]["value"] == metric.value
    ET.fromstring(load("svg").render(journey, RenderOptions(), "svg"))
    load("html").render(journey, RenderOptions(), "html")


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.integers(), st.floats()))
def test_python_numbers_are_read_exactly_or_refused(number):
    try:
        value = to_number(number)
    except PydanticCustomError as caught:
        assert caught.type in ("out-of-range", "invalid-value")
        assert not math.isfinite(number) or abs(number) > NUMBER_LIMIT
        assert len(caught.message()) < 200
    else:
        assert value == number and abs(value) <= NUMBER_LIMIT
        assert type(value) is type(number)
