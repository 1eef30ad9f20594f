"""What journeymap prints about hostile files: file names, keys, values and
source lines that try to become terminal controls or GitHub workflow commands,
locales that try to be paths, Mermaid diagrams that try to become YAML keys.

GitHub's runner reads a line of a job's output as a workflow command when it
starts with `::` after leading whitespace (TryParseV2) or holds `##[` anywhere
(the older TryParse); `runner_command` below follows its source
(actions/runner, src/Runner.Common/ActionCommand.cs), .NET string splitting
included, so the tests read our lines exactly as a runner would."""

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, TESTS, run_cli
from journeymap import i18n
from journeymap.diagnostics import Diagnostic
from journeymap.importers.mermaid import convert, display_name, parse, to_journey_data
from journeymap.model import Journey
from journeymap.normalise import normalise
from journeymap.run.reporting import format_github, format_json, format_text, shown_name, snippet
from journeymap.run.settings import SettingsError, load
from journeymap.safetext import inert
from journeymap.validation import validate_path, validate_text

HERE = TESTS  # the tests folder, where the shared fixtures live
CORPUS = HERE / "hostile" / "reporting"

# What .NET's TrimStart removes (char.IsWhiteSpace), beside what Python's isspace() does.
DOTNET_SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)}
# No line we print may hold one of these raw.
RAW_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
COMMANDS = {"error", "warning", "notice", "debug", "group", "endgroup", "add-mask", "stop-commands",
            "set-output", "set-env", "save-state", "add-path", "echo", "add-matcher", "remove-matcher"}


# A GitHub runner, as far as reading our lines goes -----------------------------------


def dotnet_split(text: str, separator: str, count: int = 0) -> list[str]:
    """String.Split(separator, count, RemoveEmptyEntries), as .NET does it:
    once count-1 parts are taken, empty parts are skipped, the rest is one part."""
    positions = [i for i, char in enumerate(text) if char == separator]
    parts: list[str] = []
    current, index = 0, 0
    while index < len(positions):
        if text[current:positions[index]]:
            parts.append(text[current:positions[index]])
        current = positions[index] + 1
        index += 1
        if count and len(parts) == count - 1:
            while index < len(positions) and not text[current:positions[index]]:
                current = positions[index] + 1
                index += 1
            break
    if text[current:]:
        parts.append(text[current:])
    return parts


def _unescape(text: str, mappings: list[tuple[str, str]]) -> str:
    for token, replacement in mappings:
        text = text.replace(replacement, token)
    return text


DATA_ESCAPES = [("\r", "%0D"), ("\n", "%0A"), ("%", "%25")]
PROPERTY_ESCAPES = [("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")]


def runner_command(line: str):
    """(command, properties, data) if a runner takes `line` for a workflow
    command (either syntax), else None."""
    trimmed = line.lstrip("".join(DOTNET_SPACE))
    if trimmed.startswith("::"):
        end = trimmed.find("::", 2)
        if end >= 0:
            info = trimmed[2:end]
            name, _, props = info.partition(" ")
            if name.lower() in COMMANDS:
                properties = {}
                for prop in dotnet_split(props.strip("".join(DOTNET_SPACE)), ","):
                    pair = dotnet_split(prop, "=", 2)
                    if len(pair) == 2:
                        properties[pair[0]] = _unescape(pair[1], PROPERTY_ESCAPES)
                return name, properties, _unescape(trimmed[end + 2:], DATA_ESCAPES)
    start = line.find("##[")
    if start >= 0 and line.find("]", start) >= 0:
        name = line[start + 3:line.find("]", start)].split(" ")[0]
        if name.lower() in COMMANDS:
            return name, {}, line[line.find("]", start) + 1:]
    return None


def runner_lines(output: str) -> list[str]:
    """Lines as the runner reads a process's output (LF, CR or CRLF)."""
    return re.split(r"\r\n|\r|\n", output.rstrip("\n"))


def test_the_runner_model_reads_commands_as_github_does():
    assert runner_command("::error file=a%2Cb,line=1::x%0Ay") == ("error", {"file": "a,b", "line": "1"}, "x\ny")
    assert runner_command("  \u3000::warning::w")[0] == "warning"
    assert runner_command("text ##[add-mask]secret") == ("add-mask", {}, "secret")
    assert runner_command("::error file==x::m")[1] == {"file": "x"}  # .NET drops a leading '='
    assert runner_command("wrote a::error::b") is None
    assert dotnet_split("a==b=c", "=", 2) == ["a", "b=c"]


# Strategies ------------------------------------------------------------------------------

hostile_piece = st.sampled_from([
    "\n::error::pwned", "\r::warning file=x::y", "::", "##[error]v1", "##[add-mask]", "%0A", "%25",
    "%3A", ",", ":", "=", "\x1b[31m", "\x1b]8;;http://x\x07", "\u202e", "\u2028", "\x85", "\t",
    "\x00", "\x7f", "\x9b", " ", "\u3000", "中文", "👩‍👩‍👧", "e\u0301", "\ufeff", "\\", "\\n",
])
hostile_text = st.lists(st.one_of(hostile_piece, st.text(max_size=8)), max_size=6).map("".join)


@st.composite
def diagnostics(draw):
    return [Diagnostic(file=draw(hostile_text.filter(bool)), line=draw(st.integers(1, 10**6)),
                       column=draw(st.integers(1, 300)),
                       severity=draw(st.sampled_from(["error", "warning", "info"])),
                       code=draw(st.sampled_from(["unknown-key", "control-character", "empty-stage"])),
                       message=draw(hostile_text), path=draw(hostile_text),
                       suggestion=draw(st.none() | hostile_text),
                       source_line=draw(st.none() | hostile_text))
            for _ in range(draw(st.integers(1, 3)))]


def github_message(d: Diagnostic) -> str:
    message = f"{d.path}: {d.message}" if d.path else d.message
    return message + (f"\n{d.suggestion}" if d.suggestion else "")


# Item 10: GitHub annotations ------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(diagnostics())
def test_every_github_line_is_one_annotation_that_reads_back_exactly(found):
    lines = runner_lines(format_github(found))
    assert len(lines) == len(found)
    for line, d in zip(lines, found, strict=False):
        kind = {"error": "error", "warning": "warning", "info": "notice"}[d.severity]
        assert line.startswith(f"::{kind} ")
        command, properties, data = runner_command(line)
        assert command == kind
        assert properties == {"file": "./" + d.file if d.file.startswith("=") else d.file,
                              "line": str(d.line), "col": str(d.column), "title": f"journeymap {d.code}"}
        assert data == github_message(d)


def test_github_annotation_of_an_injecting_file_name():
    d = Diagnostic(file="a.yaml\n::error file=x,line=1::pwned", line=3, column=4, severity="error",
                   code="unknown-key", message="found 'x\r\n::warning::y'", suggestion="did you mean 'z'?")
    [line] = runner_lines(format_github([d]))
    assert line == ("::error file=a.yaml%0A%3A%3Aerror file=x%2Cline=1%3A%3Apwned,line=3,col=4,"
                    "title=journeymap unknown-key::found 'x%0D%0A::warning::y'%0Adid you mean 'z'?")


# Item 10 and 12: the text and JSON formats -------------------------------------------------


def assert_plain_lines(output: str) -> None:
    """No line a runner could take for a command; no control character raw."""
    for line in runner_lines(output):
        assert runner_command(line) is None, line
        assert not line.lstrip("".join(DOTNET_SPACE)).startswith("::"), line
        assert "##[" not in line, line
        assert not RAW_CONTROL.search(line), line


@settings(max_examples=150, deadline=None)
@given(diagnostics())
def test_text_format_lines_are_inert_and_never_commands(found):
    output = format_text(found)
    assert_plain_lines(output)
    for d in found:
        assert inert(d.message) in output and shown_name(d.file) in output


@settings(max_examples=100, deadline=None)
@given(diagnostics())
def test_json_format_reads_back_exactly_and_has_no_raw_controls(found):
    output = format_json(found, 1)
    assert_plain_lines(output)
    document = json.loads(output)
    assert document["diagnostics"] == [d.to_dict() for d in found]


def test_colour_adds_only_our_own_escape_sequences():
    d = Diagnostic(file="\x1b[2Jf.yaml", line=1, column=1, severity="error", code="unknown-key",
                   message="m\x1b]0;title\x07", source_line="a\x1bb: 1")
    output = format_text([d], colour=True)
    assert "\x1b" not in re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert "\\x1b[2Jf.yaml" in output and "m\\x1b]0;title\\x07" in output


@pytest.mark.parametrize("name, shown", [
    ("::error::x.yaml", "./::error::x.yaml"),
    ("\u3000::warning::x.yaml", "./\u3000::warning::x.yaml"),
    (" ::x.yaml", "./ ::x.yaml"),
    ("\n::error::x.yaml", "\\n::error::x.yaml"),
    ("maps/##[error]x.yaml", "maps/##\\x5berror]x.yaml"),
    ("/abs/::x.yaml", "/abs/::x.yaml"),
])
def test_a_file_name_never_starts_a_command(name, shown):
    assert shown_name(name) == shown
    d = Diagnostic(file=name, line=1, column=1, severity="error", code="yaml-syntax", message="m")
    assert format_text([d]).startswith(shown + ":1:1: error[yaml-syntax]: m")


# Item 12: snippets ----------------------------------------------------------------------------


def caret_span(output: str) -> tuple[int, int]:
    """(first, last+1) display columns of the carets, after the gutter."""
    caret_line = next(line for line in output.splitlines() if line.rstrip().endswith("^"))
    after = caret_line.split(" | ", 1)[1]
    start = len(after) - len(after.lstrip(" "))
    return start, start + after.count("^")


def source_shown(output: str, number: int) -> str:
    return next(line for line in output.splitlines() if line.startswith(f" {number} | ")).split(" | ", 1)[1]


@pytest.mark.parametrize("name, line, column, shown_before, token", [
    ("escape-sequence-raw.yaml", 1, 12, "title: Red ", "\\x1b[31malert\\x1b[0m"),
    ("cjk-then-control.yaml", 1, 10, "title: 旅程", "\\x07地图"),
])
def test_snippet_shows_control_characters_inert_with_the_caret_under_them(name, line, column,
                                                                          shown_before, token):
    from journeymap.run.reporting import display_width

    result = validate_path(str(CORPUS / name))
    first = next(d for d in result.diagnostics if (d.line, d.column) == (line, column))
    output = format_text([first])
    assert_plain_lines(output)
    assert source_shown(output, line).startswith(shown_before + token)
    assert caret_span(output) == (display_width(shown_before),
                                  display_width(shown_before) + display_width(token))


def test_a_key_holding_escapes_is_quoted_inert_in_the_message():
    result = validate_path(str(CORPUS / "hostile-key.yaml"))
    assert [d.code for d in result.diagnostics] == ["unknown-key"]
    assert "\u202e\u2028::error" in result.diagnostics[0].path  # the record keeps the key
    output = format_text(result.diagnostics)
    assert_plain_lines(output)
    assert "stages[0].\\u202e\\u2028::error file=x::pwned ##\\x5berror]v1: expected" in output


def test_snippet_caret_stays_aligned_when_the_escape_of_hash_hash_bracket_straddles_it():
    d = Diagnostic(file="f", line=1, column=3, severity="error", code="unknown-key", message="m",
                   source_line="##[x: 1")
    source, carets = snippet(d)
    assert source == " 1 | ##\\x5bx: 1"
    assert carets == "   |   ^^^^^"  # under `\x5bx`, the value starting at column 3


def test_a_very_long_source_line_is_shown_as_a_window_around_the_column():
    line = "k: " + "a" * 100_000 + " \x1b " + "b" * 100_000
    d = Diagnostic(file="f", line=1, column=100_005, severity="error", code="control-character",
                   message="m", source_line=line)
    source, carets = snippet(d)
    assert len(source) < 300 and source.split(" | ", 1)[1].startswith("…") and source.endswith("…")
    assert source[carets.index("^")] == "\\"  # the caret under the escape of ESC
    assert carets.count("^") == 4


# Item 10: the lines `render` prints ---------------------------------------------------------


def test_render_lines_name_hostile_files_inertly(tmp_path):
    source = (EXAMPLES / "family-flight-booking.yaml").read_bytes()
    names = ["x\n::error file=a::pwned.yaml", "##[error]v1.yaml", "::warning::w.yaml",
             "\x1b[31mred\x1b[0m.yaml"]
    for name in names:
        (tmp_path / name).write_bytes(source)
    broken = tmp_path / "\u3000::error::broken\u2028.yaml"
    broken.write_text("title: T\nstages: [{name: S, bad: 1}]\n", "utf-8")
    for fmt in ("text", "github", "json"):
        result = run_cli("render", ".", "-f", "md", "--report-format", fmt, "--verbose",
                         cwd=tmp_path, env={"NO_COLOR": "1"})
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr.decode()
        if fmt == "github":
            lines = runner_lines(result.stderr.decode())
            annotations = [line for line in lines if runner_command(line)]
            assert all(line.startswith(("::error ", "::notice ")) for line in annotations)
            errors = [runner_command(line) for line in annotations if line.startswith("::error ")]
            assert len(errors) == 1 and errors[0][1]["file"].endswith("\u3000::error::broken\u2028.yaml")
            assert_plain_lines("\n".join(line for line in lines if line not in annotations))
        else:
            assert_plain_lines(result.stderr.decode())
            assert_plain_lines(result.stdout.decode())
    stderr = result.stderr.decode()
    assert "x\\n::error file=a::pwned.md" in stderr and "##\\x5berror]v1.md" in stderr
    check = run_cli("render", ".", "-f", "md", "--check", "--verbose", cwd=tmp_path)
    assert_plain_lines(check.stderr.decode())
    assert "\\x1b[31mred\\x1b[0m.md" in check.stderr.decode()


def test_a_missing_hostile_path_is_reported_inert_with_exit_2(tmp_path):
    result = run_cli("render", "nope\n::error::x.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert_plain_lines(result.stderr.decode())
    assert "nope\\n::error::x.yaml" in result.stderr.decode()


# Item 8: locales -------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["en", "zh", "pt-BR", "zh-Hant-TW", "de-AT", "EN"])
def test_language_tags_are_accepted(tag):
    assert i18n.check_locale(tag) == tag


@pytest.mark.parametrize("tag", ["../../x", "/etc/passwd", "en/../../x", "en\n", "", "e", "en_US",
                                 "en-", "-en", "x" * 36, "en-" + "a" * 40, "e\u0301n", "ｅｎ", "en.json",
                                 "\x1b[31m"])
def test_anything_but_a_language_tag_is_refused_naming_the_shipped_locales(tag):
    with pytest.raises(ValueError) as refused:
        i18n.check_locale(tag)
    message = str(refused.value)
    assert "journeymap has words for: de, en, es, fr, hu, it, ja, ru, zh" in message
    assert not RAW_CONTROL.search(message)


def _evil_locale(tmp_path) -> str:
    """A relative path from the i18n package to a JSON file of our own."""
    (tmp_path / "evil.json").write_text(json.dumps({"emotion": "PWNED"}), "utf-8")
    package = Path(i18n.__file__).parent
    return os.path.relpath(tmp_path / "evil", package)


def test_a_locale_that_is_a_path_reads_no_file(tmp_path):
    evil = _evil_locale(tmp_path)
    assert evil.startswith("..")
    for locale in (evil, str(tmp_path / "evil"), "en/" + evil, evil.replace("/", "\\")):
        assert i18n.words(locale)["emotion"] == "Emotion"
    assert i18n.fallbacks("pt-BR") == ("en",) and i18n.fallbacks("de-AT") == ("en", "de")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_locale_text_takes_words_from_shipped_files_only(locale):
    chain = i18n.fallbacks(locale)
    assert chain[0] == "en" and set(chain) <= set(i18n.SHIPPED)
    assert set(i18n.words(locale)) == set(i18n.words("en"))


def test_a_settings_locale_that_is_a_path_is_a_usage_error(tmp_path):
    with pytest.raises(SettingsError, match="expected a language tag"):
        load(CORPUS / "locale-path.toml")
    (tmp_path / "journeymap.toml").write_text((CORPUS / "locale-path.toml").read_text("utf-8"), "utf-8")
    (tmp_path / "m.yaml").write_bytes((EXAMPLES / "family-flight-booking.yaml").read_bytes())
    result = run_cli("render", "m.yaml", "-f", "md", cwd=tmp_path)
    assert result.returncode == 2
    assert b"journeymap has words for: de, en" in result.stderr
    assert not (tmp_path / "m.md").exists()


def test_a_settings_key_that_injects_is_quoted_inert(tmp_path):
    (tmp_path / "journeymap.toml").write_text('"x\\n::error::y" = 1\n', "utf-8")
    result = run_cli("render", "m.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert_plain_lines(result.stderr.decode())
    assert "unknown setting 'x\\n::error::y'" in result.stderr.decode()


def test_the_locale_option_must_be_a_language_tag(tmp_path):
    """Needs cli.py to call i18n.check_locale for --locale (render, watch, init)."""
    (tmp_path / "m.yaml").write_bytes((EXAMPLES / "family-flight-booking.yaml").read_bytes())
    result = run_cli("render", "m.yaml", "-f", "md", "--locale", "../../x", cwd=tmp_path)
    assert result.returncode == 2
    assert b"journeymap has words for: de, en" in result.stderr


def test_a_map_whose_locale_is_a_path_is_refused_by_the_model():
    result = validate_text("title: T\nlocale: ../../x\nstages: [{name: S}]\n")
    assert [(d.code, d.line) for d in result.diagnostics] == [("invalid-value", 2)]


# Item 11: import mermaid ------------------------------------------------------------------------


def test_import_reports_control_characters_at_their_line_and_column():
    text = (CORPUS / "mermaid-control-characters.mmd").read_text("utf-8")
    yaml_text, problems = convert(text, "d.mmd")
    assert yaml_text is None
    assert [(d.code, d.line, d.column) for d in problems] == [("control-character", 4, 11),
                                                             ("control-character", 5, 19)]
    lines = text.split("\n")
    assert [lines[d.line - 1][d.column - 1] for d in problems] == ["\x07", "\x7f"]
    yaml_text, problems = convert((CORPUS / "mermaid-noncharacter.mmd").read_text("utf-8"), "n.mmd")
    assert [(d.line, d.column) for d in problems] == [(2, 14)] and "noncharacter U+FDD0" in problems[0].message


def test_import_of_a_control_character_through_the_cli_exits_1_without_a_traceback():
    result = run_cli("import", "mermaid", CORPUS / "mermaid-control-characters.mmd")
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr and "mermaid-control-characters.mmd:4:11: error[control-character]" in stderr
    assert_plain_lines(stderr)


def test_imported_yaml_names_the_source_relative_and_inert(tmp_path):
    hostile = tmp_path / "in\n::error::x\ntitle: pwned.mmd"
    hostile.write_bytes((CORPUS / "mermaid-injection.mmd").read_bytes())
    result = run_cli("import", "mermaid", hostile, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert str(tmp_path) not in text
    header = [line for line in text.splitlines() if "Imported from" in line]
    assert header == ["# Imported from in\\n::error::x\\ntitle: pwned.mmd by `journeymap import mermaid`."]
    journey = validate_text(text).journey
    assert journey.title == "::error::title ##[error]x"
    assert [tp.name for tp in journey.stages[0].touchpoints] == [
        "#x\\n key - 'v' \"q\"", "stages", "task \x85 nel", "\\N & <b> --- {a}"]


@pytest.mark.parametrize("given, recorded", [
    ("d.mmd", "d.mmd"), ("../d.mmd", "../d.mmd"), ("<stdin>", "<stdin>")])
def test_display_name_is_as_given_when_relative(given, recorded):
    assert display_name(given) == recorded


def test_display_name_of_an_absolute_path_is_relative_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_name(str(tmp_path / "sub" / "d.mmd")) == os.path.join("sub", "d.mmd")
    assert not os.path.isabs(display_name("/elsewhere/d.mmd"))


KEYWORD = re.compile(r"(title|section)(\s|$)|accTitle|accDescr|%%")


def _mermaid_name(excluded: str = ""):
    """A name Mermaid reads back as written (stripped): no line break, none
    of `excluded` (the separators of where it stands), no keyword first."""
    chars = st.characters(blacklist_categories=("Cs", "Cc", "Cn"), blacklist_characters="\n\r" + excluded)
    pieces = st.one_of(st.text(chars, max_size=8), st.sampled_from(
        ["#", "# x", "'", '"', "- ", "? ", "&a", "*a", "!t", "{", "[", "|", ">", "::error::x", "##[error]",
         "\u2028", "\u2029", "\x85", "\t", "\ufeff", "no", "12:30", "null", "~", "a: b", "key: v"]))
    return (st.lists(pieces, min_size=1, max_size=4).map("".join)
            .filter(lambda n: n.strip() and not KEYWORD.match(n.strip())
                    and not any(c in n for c in excluded)))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


@st.composite
def diagrams(draw):
    title = draw(_mermaid_name())
    sections = draw(st.lists(_mermaid_name(), min_size=1, max_size=3, unique_by=_nfc))
    actors = draw(st.lists(_mermaid_name(":,"), min_size=1, max_size=3, unique_by=_nfc))
    description = draw(st.none() | _mermaid_name().filter(lambda n: not n.strip().startswith(("{", ":"))))
    lines = ["journey", f"  title {title}"] + ([f"  accDescr: {description}"] if description else [])
    expected = []
    for section in sections:
        tasks = draw(st.lists(_mermaid_name(":"), max_size=3, unique_by=_nfc))
        lines.append(f"  section {section}")
        for task in tasks:
            who = draw(st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True))
            lines.append(f"    {task}: {draw(st.integers(1, 5))}: {', '.join(who)}")
        expected.append((_nfc(section), [_nfc(task) for task in tasks]))
    return "\n".join(lines) + "\n", _nfc(title), description and _nfc(description), expected


@settings(max_examples=60, deadline=None)
@given(diagrams(), hostile_text.filter(bool))
def test_imported_yaml_always_loads_back_into_exactly_the_intended_data(diagram, filename):
    text, title, description, expected = diagram
    yaml_text, problems = convert(text, filename)
    assert all(d.severity == "warning" for d in problems) and yaml_text is not None
    loaded = validate_text(yaml_text)
    assert [d for d in loaded.diagnostics if d.is_error] == []
    assert loaded.journey == normalise(Journey.model_validate(to_journey_data(parse(text))))
    assert loaded.journey.title == title and loaded.journey.description == description
    assert [(s.name, [tp.name for tp in s.touchpoints]) for s in loaded.journey.stages] == expected
    body = yaml_text.split("\njourneymap: 1\n")[0].split("\n")
    assert all(line.startswith("# ") for line in body) and len(body) == 3
    assert_plain_lines(body[1])


forbidden = st.one_of(st.characters(min_codepoint=0, max_codepoint=8),
                      st.sampled_from(["\x0b", "\x0c", "\x1b", "\x7f", "\x9b", "\ufdd0", "\ufffe",
                                       "\U0010ffff", "\ud800"]))


@settings(max_examples=60, deadline=None)
@given(diagrams(), st.lists(st.tuples(st.floats(0, 1), forbidden), min_size=1, max_size=3))
def test_a_forbidden_character_anywhere_is_reported_where_it_is(diagram, insertions):
    text = diagram[0]
    for where, char in insertions:
        at = int(where * len(text))
        text = text[:at] + char + text[at:]
    yaml_text, problems = convert(text, "d.mmd")
    assert yaml_text is None
    lines = text.split("\n")
    inserted = {char for _, char in insertions}
    assert [lines[d.line - 1][d.column - 1] for d in problems] == [c for c in text if c in inserted]
    assert all(d.code == "control-character" for d in problems)


