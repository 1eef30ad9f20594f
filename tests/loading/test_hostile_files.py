"""Hostile files and paths: positions that stay inside the file whatever its
line ends, entries of a folder that cannot be read, paths that are not
regular files, noncharacters, and the leftovers of a killed run."""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import ScalarNode

from conftest import EXAMPLES, TESTS
from journeymap.loading import MAX_BYTES, load_path, load_text
from journeymap.renderers import RenderError, RenderOptions
from journeymap.run import writer
from journeymap.run.discovery import Input, expand
from journeymap.run.pipeline import render_input
from journeymap.run.validate import validate_inputs
from journeymap.validation import validate_bytes, validate_text

HERE = TESTS  # the tests folder, where the shared fixtures live
CORPUS = sorted((HERE / "hostile" / "files").glob("*"))
MINIMAL = "title: T\nstages: [{name: S, touchpoints: [{name: P}]}]\n"
EDITOR_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(text):
    """The file's lines as an editor shows them (an independent count)."""
    lines = EDITOR_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def lf_normalised(text):
    return EDITOR_BREAK.sub("\n", text)


def where(result):
    return [(d.code, d.line, d.column) for d in result.diagnostics]


def assert_inside(text, result):
    lines = editor_lines(text)
    for d in result.diagnostics:
        assert 1 <= d.line <= len(lines), (d, len(lines))
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1])
        assert d.source_line == lines[d.line - 1], d


def assert_same_as_lf(text):
    """The diagnostics of `text` point inside it, and at the same places,
    with the same messages, as those of its LF-normalised version."""
    result = validate_text(text)
    assert_inside(text, result)
    reference = validate_text(lf_normalised(text))
    assert [(c, ln, k, d.message) for (c, ln, k), d in zip(where(result), result.diagnostics, strict=False)] == \
        [(c, ln, k, d.message) for (c, ln, k), d in zip(where(reference), reference.diagnostics, strict=False)]
    return result


def run(*args, input=None, cwd=None, timeout=60):
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "journeymap", *map(str, args)], input=input,
                          capture_output=True, cwd=cwd, env=env, timeout=timeout)


# --- 7. positions ------------------------------------------------------------

UNKNOWN_KEY = ("title: T\nstages:\n  - name: S\n    touchpoints:\n      - name: P\n"
               "        pian: x\n")


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_each_line_end_style_reports_the_line_an_editor_shows(end):
    result = validate_text(UNKNOWN_KEY.replace("\n", end))
    assert where(result) == [("unknown-key", 6, 9)]
    assert result.diagnostics[0].source_line == "        pian: x"


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_an_error_at_the_end_of_a_last_line_without_newline_stays_on_it(end):
    text = end.join(["title: T", "stages:", "  - name: [unclosed"])
    result = validate_text(text)
    assert where(result) == [("yaml-syntax", 3, 20)]
    assert_inside(text, result)


def test_an_error_at_the_end_after_a_final_newline_stays_on_the_last_line():
    result = validate_text("title: T\nstages:\n  - name: [unclosed\n")
    assert where(result) == [("yaml-syntax", 3, 20)]


def test_nel_ls_and_ps_are_not_line_breaks_for_positions():
    text = ('title: "a\u2028b\u2029c\x85d"\nstages:\n  - name: "e\u2028f"\n    touchpoints:\n'
            "      - name: 'g\x85h'\n        pian: x\n")
    result = validate_text(text)
    assert where(result) == [("unknown-key", 6, 9)]


def test_a_separator_that_yaml_reads_as_a_break_is_reported_on_its_editor_line():
    result = validate_text("title: T\nstages:\n  - name: Plain \u2028 separator\n")
    assert [(d.line, d.source_line) for d in result.diagnostics] == \
        [(3, "  - name: Plain \u2028 separator")]
    assert result.diagnostics[0].column == 19  # at `separator`, after the separator


def test_line_numbers_in_messages_are_editor_lines_too():
    duplicate = validate_text('title: "a\u2028b"\rtitle: T\rstages: []\r')
    assert where(duplicate) == [("duplicate-key", 2, 1)]
    assert "(first at line 1)" in duplicate.diagnostics[0].message
    ids = validate_text('title: "\u2028\u2028"\rstages:\r  - {id: a, name: A}\r  - {id: a, name: B}\r')
    duplicate_id = next(d for d in ids.diagnostics if d.code == "duplicate-id")
    assert "(first at line 3)" in duplicate_id.message and duplicate_id.line == 4


def test_context_line_in_a_syntax_error_is_an_editor_line():
    text = 'title: "x\u2028y"\rstages: [a,\r  b\r  c: d\r'
    result = validate_text(text)
    assert_inside(text, result)
    for match in re.finditer(r"line (\d+), column (\d+)", result.diagnostics[0].message):
        assert int(match.group(1)) <= len(editor_lines(text))


def test_encoding_error_position_with_carriage_returns():
    result = validate_bytes(b"title: ok\rstages:\r  - name: caf\xe9\r", "latin1.yaml")
    assert where(result) == [("encoding", 3, 14)]
    assert result.diagnostics[0].source_line == "  - name: caf\ufffd"


def test_raw_control_character_after_carriage_returns():
    result = validate_bytes(b"title: a\rstages:\r  - x\x07\r", "bell.yaml")
    assert where(result) == [("control-character", 3, 6)]


def test_tab_indentation_is_found_on_a_cr_only_line():
    result = validate_text("title: T\rstages:\r\t- name: S\r")
    assert where(result) == [("tab-indentation", 3, 1)]


SCALAR_TEXT = st.text(st.sampled_from(list("ab Zé中😀-,:#\\'\"[]{}") + ["\x85", "\u2028", "\u2029"]),
                      max_size=6)
LINE_TEMPLATES = [
    "title: {}", 'title: "{}"', "title: '{}'", "journeymap: 1", "stages:", "  - name: {}",
    '  - name: "{}"', "    touchpoints:", "      - name: '{}'", "        emotion: {}",
    "        pian: {}", '        pains: ["{}", x]', "      - {{name: \"{}\", emotion: 2}}",
    "x-note: [{}", 'x-open: "{}', "  stray: {}", "\tname: {}", "a: b: {}", "title: {}",
    "- {}", "? {}", "&a x: *a", "", "# {}", "    - {{id: a, name: '{}'}}", "x-block: |",
    "  {}", "  lanes: [{}]", "stages: []",
]
LINE = st.tuples(st.sampled_from(LINE_TEMPLATES), SCALAR_TEXT).map(lambda t: t[0].format(t[1]))
ENDS = {"lf": st.just("\n"), "crlf": st.just("\r\n"), "cr": st.just("\r"),
        "mixed": st.sampled_from(["\n", "\r\n", "\r"])}


@st.composite
def maps_with_line_ends(draw):
    lines = draw(st.lists(LINE, min_size=1, max_size=12))
    ends = ENDS[draw(st.sampled_from(sorted(ENDS)))]
    text = "".join(line + draw(ends) for line in lines)
    if not draw(st.booleans()):  # no final newline
        text = text.rstrip("\r\n")
    return text


@settings(max_examples=150, deadline=None)
@given(maps_with_line_ends())
def test_positions_are_inside_and_the_same_as_in_the_lf_file(text):
    assert_same_as_lf(text)


def offset_of(text, line, column):
    """Where an editor's line and column is in the text (independently of
    the code under test)."""
    starts = [0] + [m.end() for m in EDITOR_BREAK.finditer(text)]
    return starts[line - 1] + column - 1


def nodes(node):
    yield node
    if isinstance(node.value, list):
        for child in node.value:
            yield from (nodes(child) if not isinstance(child, tuple)
                        else (n for part in child for n in nodes(part)))


@settings(max_examples=150, deadline=None)
@given(maps_with_line_ends())
def test_every_node_position_points_at_the_node_itself(text):
    """The oracle for "the same token": where the source map says a scalar
    starts, the file holds its quote, its block indicator or its first
    character (or the anchor or tag written before it)."""
    sourcemap = load_text(text).sourcemap
    if sourcemap.root is None:
        return
    seen = set()
    for node in nodes(sourcemap.root):
        if id(node) in seen or not isinstance(node, ScalarNode) or (not node.style and not node.value):
            continue
        seen.add(id(node))
        line, column = sourcemap.place_mark(node.start_mark)
        found = text[offset_of(text, line, column)]
        expected = node.style if node.style in ("'", '"', "|", ">") else node.value[0]
        assert found in (expected, "&", "!"), (node, line, column)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_hostile_corpus_positions_are_inside_and_the_same_as_in_the_lf_file(path):
    text = path.read_bytes().decode("utf-8")
    result = assert_same_as_lf(text)
    assert all(d.code != "internal-error" for d in result.diagnostics)
    assert result.journey is not None or any(d.is_error for d in result.diagnostics)


# --- 9 and 15. folder entries that cannot be read, paths that are not files ----

@pytest.fixture
def hostile_folder(tmp_path):
    folder = tmp_path / "maps"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.yaml").write_bytes((EXAMPLES / "gym-membership.it.yaml").read_bytes())
    (folder / "sub" / "also-good.yaml").write_text(MINIMAL, "utf-8")
    (folder / "workflow.yml").write_text("on: push\n", "utf-8")  # not a journey: silently not ours
    (folder / "broken.yaml").symlink_to(folder / "missing.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.yaml")
    os.mkfifo(folder / "pipe.txt")  # not a journey name: never looked at
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "socket.yaml"))
    yield folder
    listener.close()


def test_a_folder_reports_each_entry_it_cannot_read_and_does_the_rest(hostile_folder):
    done = run("validate", hostile_folder, timeout=60)
    output = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 1, output
    assert "Traceback" not in output
    expected = {
        "broken.yaml": "found a symbolic link to a missing file",
        "loop.yaml": "found a loop of symbolic links",
        "zero.yaml": "found a character device",
        "pipe.yaml": "found a named pipe (FIFO)",
        "socket.yaml": "found a socket",
    }
    for name, found in expected.items():
        line = next((ln for ln in output.splitlines() if f"{name}:1:1: error[io-error]" in ln), None)
        assert line is not None and found in line, (name, output)
    assert "good.yaml:" not in output and "pipe.txt" not in output and "workflow" not in output
    assert "in 7 files" in output  # both good maps were validated, each problem counted


def test_render_of_such_a_folder_writes_the_good_maps(hostile_folder):
    done = run("render", hostile_folder, "-f", "json", timeout=120)
    assert done.returncode == 1, done.stderr.decode()
    assert (hostile_folder / "good.json").is_file()
    assert (hostile_folder / "sub" / "also-good.json").is_file()
    assert not (hostile_folder / "pipe.json").exists()


def test_an_entry_that_vanishes_is_reported(tmp_path, monkeypatch):
    (tmp_path / "real.yaml").write_text(MINIMAL, "utf-8")
    real_walk = os.walk

    def walk_with_a_ghost(top, *args, **kwargs):
        for root, dirs, files in real_walk(top, *args, **kwargs):
            yield root, dirs, files + ["ghost.yaml"]

    monkeypatch.setattr(os, "walk", walk_with_a_ghost)
    results = validate_inputs(expand([str(tmp_path)]))
    assert [(Path(r.filename).name, [d.code for d in r.diagnostics]) for r in results] == \
        [("ghost.yaml", ["io-error"]), ("real.yaml", [])]
    assert "found nothing at that path" in results[0].diagnostics[0].message


def test_a_subfolder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.yaml").write_text(MINIMAL, "utf-8")
    (tmp_path / "open.yaml").write_text(MINIMAL, "utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    results = validate_inputs(expand([str(tmp_path)]))
    problems = [d for r in results for d in r.diagnostics]
    assert [(Path(d.file).name, d.code, d.line, d.column) for d in problems] == \
        [("locked", "io-error", 1, 1)]
    assert problems[0].message == "expected a readable folder, found no permission to read it"
    assert [Path(r.filename).name for r in results if r.journey is not None] == ["open.yaml"]


def test_a_file_without_read_permission_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "secret.yaml"
    path.write_text(MINIMAL, "utf-8")
    real_open = os.open

    def refuse(file, flags, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    inputs = expand([str(tmp_path)])
    assert [(Path(i.path).name, i.problem) for i in inputs] == \
        [("secret.yaml", "expected a readable file, found no permission to read it")]
    assert where(validate_inputs(inputs)[0]) == [("io-error", 1, 1)]


@pytest.mark.parametrize("named", ["/dev/zero", "/dev/null", "fifo", "folder-as-file"])
def test_a_named_path_that_is_not_a_regular_file_is_refused_without_waiting(tmp_path, named):
    if named == "fifo":
        os.mkfifo(tmp_path / "pipe.yaml")
        named = tmp_path / "pipe.yaml"
    elif named == "folder-as-file":
        (tmp_path / "dir.yaml").mkdir()
        result = load_path(str(tmp_path / "dir.yaml"))
        assert [d.code for d in result.diagnostics] == ["io-error"]
        assert "found a folder" in result.diagnostics[0].message
        return
    done = run("validate", named, timeout=30)
    assert done.returncode == 1, done.stderr
    assert b"error[io-error]: expected a regular file, found a" in done.stdout + done.stderr


def test_dev_stdin_by_name_is_refused_but_dash_reads_standard_input():
    by_name = run("validate", "/dev/stdin", input=MINIMAL.encode(), timeout=30)
    assert by_name.returncode == 1
    assert b"found a named pipe (FIFO)" in by_name.stdout + by_name.stderr
    dash = run("validate", "-", input=MINIMAL.encode(), timeout=30)
    assert dash.returncode == 0, dash.stdout + dash.stderr


def test_a_path_swapped_for_a_fifo_after_the_check_does_not_block(tmp_path, monkeypatch):
    fifo = tmp_path / "swapped.yaml"
    os.mkfifo(fifo)
    regular = os.stat(EXAMPLES / "gym-membership.it.yaml")
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: regular if str(p) == str(fifo)
                        else real_stat(p, *a, **k))
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(doc=load_path(str(fifo))), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "load_path blocked on a FIFO"
    assert [d.code for d in outcome["doc"].diagnostics] == ["io-error"]
    assert "named pipe" in outcome["doc"].diagnostics[0].message


def test_a_huge_file_is_refused_by_its_size_without_reading_it(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:  # sparse: 16 GB that take no room on the disk
        handle.truncate(1 << 34)
    started = time.monotonic()
    result = load_path(str(path))
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("too-large", 1, 1)]
    assert "17179.9 MB" in result.diagnostics[0].message
    assert time.monotonic() - started < 5


def test_a_file_that_grows_past_the_limit_while_read_is_still_refused(tmp_path, monkeypatch):
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 100))
    real_fstat = os.fstat

    def small(fd):
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    monkeypatch.setattr(os, "fstat", small)
    assert [d.code for d in load_path(str(path)).diagnostics] == ["too-large"]


def test_an_output_path_that_is_a_fifo_is_replaced_without_waiting(tmp_path):
    target = tmp_path / "out.svg"
    os.mkfifo(target)
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(
        changed=writer.write_atomic(target, b"<svg/>")), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "writing blocked on a FIFO"
    assert outcome["changed"] and target.read_bytes() == b"<svg/>"


# --- 14. noncharacters -------------------------------------------------------

NONCHARACTERS = [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x8FFFE, 0x10FFFE, 0x10FFFF]


@pytest.mark.parametrize("code", NONCHARACTERS, ids=lambda c: f"U+{c:04X}")
def test_a_raw_noncharacter_is_rejected_where_it_is(code):
    result = validate_text(f"title: ab{chr(code)}\nstages: [{{name: S, touchpoints: [{{name: P}}]}}]\n")
    assert where(result) == [("control-character", 1, 10)]
    assert result.diagnostics[0].message == f"expected text, found the noncharacter U+{code:04X}"
    assert "noncharacters are reserved" in result.diagnostics[0].suggestion


@pytest.mark.parametrize("escape", ["\\uFDD0", "\\ufdef", "\\uFFFE", "\\uFFFF", "\\U0001FFFE",
                                    "\\U0010FFFF", "\\U0010fffe"])
def test_an_escaped_noncharacter_is_rejected_at_its_text(escape):
    result = validate_text(f'title: T\nstages:\n  - name: "x {escape} y"\n    touchpoints: [{{name: P}}]\n')
    assert where(result) == [("control-character", 3, 11)]
    assert "found the noncharacter U+" in result.diagnostics[0].message
    assert "remove the escape" in result.diagnostics[0].suggestion


def test_characters_next_to_the_noncharacters_are_fine():
    text = "\ufdcf\ufdf0\ufffd\U0001fffd\U00020000\U0010fffd"
    result = validate_text(f'title: "{text}"\nstages: [{{name: S, touchpoints: [{{name: P}}]}}]\n')
    assert result.ok and result.journey.title == text


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_the_rasteriser_draws_noncharacters_as_the_replacement_character(fmt):
    pytest.importorskip("skia")
    from journeymap.renderers.raster import rasterise

    journey = validate_text(MINIMAL).journey
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><text x="2" y="20">'
           'a\ufdd0\U0010ffff&#xFFFE;&#1114111;</text></svg>')
    data = rasterise(svg, fmt, journey)
    assert data.startswith(b"\x89PNG" if fmt == "png" else b"%PDF")


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_any_rasteriser_failure_is_a_render_error_of_that_map(monkeypatch, fmt):
    pytest.importorskip("skia")
    from journeymap.renderers import raster, raster_skia

    def fail(*args, **kwargs):
        raise ValueError("skia refuses")

    monkeypatch.setattr(raster_skia, "png", fail)
    monkeypatch.setattr(raster_skia, "pdf", fail)
    journey = validate_text(MINIMAL).journey
    with pytest.raises(RenderError, match="Skia could not draw this map"):
        raster.rasterise("<svg xmlns='http://www.w3.org/2000/svg'/>", fmt, journey)
    item = Input("evil\x1b[2J.yaml", str(EXAMPLES / "gym-membership.it.yaml"))
    outcome = render_input(item, [fmt], RenderOptions(), None, to_stdout=True)
    assert outcome.render_errors and "Skia could not draw this map" in outcome.render_errors[0]
    assert "bug" not in outcome.render_errors[0] and "\x1b" not in outcome.render_errors[0]


def test_a_too_large_picture_is_drawn_smaller_with_a_warning_not_a_crash(monkeypatch):
    pytest.importorskip("skia")
    from journeymap.renderers import raster

    journey = validate_text(MINIMAL).journey
    monkeypatch.setattr(raster, "MAX_PIXELS", 400 * 400)
    with pytest.warns(raster.RasterWarning, match="--scale"):
        png = raster.rasterise('<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="100"/>',
                               "png", journey)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width * height <= 400 * 400 and width >= 2000  # the largest scale that fits, not a crash


# --- 16. leftovers of a killed run -------------------------------------------

KILLED_WRITER = """
import os, sys, time
from journeymap.run import writer
def stall(source, target):
    sys.stdout.write("written\\n"); sys.stdout.flush()
    time.sleep(600)
os.replace = stall
writer.write_atomic(sys.argv[1], b"<svg>" + b"x" * 100000 + b"</svg>")
"""


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".journeymap-" in p.name)


def test_a_run_killed_while_writing_leaves_a_leftover_that_the_next_run_removes(tmp_path):
    source = tmp_path / "map.yaml"
    source.write_bytes((EXAMPLES / "gym-membership.it.yaml").read_bytes())
    killed = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(tmp_path / "map.svg")],
                              stdout=subprocess.PIPE)
    try:
        assert killed.stdout.readline() == b"written\n"
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
    left = leftovers(tmp_path)
    assert len(left) == 1 and re.fullmatch(
        rf"\.map\.svg\.journeymap-[0-9a-f]{{8}}-{killed.pid}-[a-z0-9_]{{8}}\.tmp", left[0]), left
    assert not (tmp_path / "map.svg").exists()  # never a partial output

    alive = f".map.svg.journeymap-{writer._host_tag()}-{os.getpid()}-abcdefgh.tmp"
    kept = ["notes.tmp", ".map.svg.abcdefgh.tmp", ".map.svg.journeymap-12345678-1-short.tmp",
            ".map.svg.journeymap-zzzz-1-abcdefgh.tmp", "map.svg.journeymap-12345678-1-abcdefgh.tmp",
            alive]
    for name in kept:
        (tmp_path / name).write_text("not ours to remove", "utf-8")
    (tmp_path / f".x.journeymap-{writer._host_tag()}-1-aaaaaaaa.tmp").mkdir()  # not a file
    done = run("render", source, "-q", timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "map.svg").is_file()
    remaining = sorted(p.name for p in tmp_path.iterdir())
    assert left[0] not in remaining
    for name in kept + [f".x.journeymap-{writer._host_tag()}-1-aaaaaaaa.tmp"]:
        assert name in remaining, name


def test_a_leftover_from_another_machine_is_removed_only_when_old(tmp_path):
    old = tmp_path / ".a.svg.journeymap-00000000-4242-abcdefgh.tmp"
    fresh = tmp_path / ".b.svg.journeymap-00000000-4242-abcdefgh.tmp"
    for path in (old, fresh):
        path.write_bytes(b"partial")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    assert writer.sweep_leftovers(tmp_path) == [old]
    assert fresh.exists() and not old.exists()


def test_a_leftover_of_a_live_process_on_this_machine_is_kept_until_old(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        name = f".a.svg.journeymap-{writer._host_tag()}-{sleeper.pid}-abcdefgh.tmp"
        (tmp_path / name).write_bytes(b"partial")
        assert writer.sweep_leftovers(tmp_path) == []
        later = time.time() + writer.STALE_AFTER_SECONDS + 1
        assert writer.sweep_leftovers(tmp_path, now=later) == [tmp_path / name]
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_symlink_named_like_a_leftover_is_never_followed_or_removed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    link = tmp_path / ".a.svg.journeymap-00000000-4242-abcdefgh.tmp"
    link.symlink_to(victim)
    os.utime(link, (0, 0), follow_symlinks=False)
    assert writer.sweep_leftovers(tmp_path) == []
    assert link.is_symlink() and victim.read_text("utf-8") == "keep me"


def test_sweeping_a_folder_that_cannot_be_listed_does_nothing(tmp_path):
    assert writer.sweep_leftovers(tmp_path / "missing") == []


def test_a_very_long_output_name_still_gets_a_temporary_name(tmp_path):
    target = tmp_path / ("n" * 240 + ".svg")
    assert writer.write_atomic(target, b"<svg/>")
    assert target.read_bytes() == b"<svg/>" and leftovers(tmp_path) == []


def test_a_large_output_is_compared_piece_by_piece_and_any_difference_counts(tmp_path):
    target = tmp_path / "big.svg"
    data = bytes(range(256)) * (3 * 4096 + 7)  # a little over three chunks
    assert writer.write_atomic(target, data)
    assert not writer.write_atomic(target, data)  # the same bytes: left alone
    for where in (0, len(data) // 2, len(data) - 1):
        changed = data[:where] + bytes([data[where] ^ 1]) + data[where + 1:]
        assert writer.write_atomic(target, changed) and target.read_bytes() == changed
        assert writer.write_atomic(target, data)
