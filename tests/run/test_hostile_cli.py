"""The command line's own process: importing it changes nothing, a bug is a
short message with exit 2 (the traceback only on request), and a terminal
that cannot show UTF-8 gets escapes instead of a crash."""

import subprocess
import sys

from conftest import EXAMPLES, run_cli

CRASH = """
import journeymap.cli as cli
def crash(**kwargs):
    raise RuntimeError("broken \\x1b[31m::error::here")
cli.app = crash
cli.main()
"""


def test_importing_the_cli_leaves_the_garbage_collector_alone():
    done = subprocess.run([sys.executable, "-c", "import gc, journeymap.cli; print(gc.isenabled())"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done.stderr


def test_a_bug_is_a_short_message_and_exit_2_with_the_traceback_on_request():
    plain = subprocess.run([sys.executable, "-c", CRASH], capture_output=True, text=True, timeout=60)
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr
    assert "internal error: RuntimeError: broken \\x1b[31m::error::here" in plain.stderr
    assert "\x1b" not in plain.stderr and "please report" in plain.stderr
    verbose = subprocess.run([sys.executable, "-c", CRASH, "--verbose"], capture_output=True,
                             text=True, timeout=60)
    assert verbose.returncode == 2 and "Traceback" in verbose.stderr


def test_a_terminal_without_utf8_gets_escapes_not_a_crash():
    ascii_only = {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    for args in (["validate", EXAMPLES / "smartwatch-purchase.zh.yaml", "--verbose"],
                 ["render", EXAMPLES / "smartwatch-purchase.zh.yaml", "-f", "md", "-o", "-"],
                 ["schema"]):
        done = run_cli(*args, env=ascii_only)
        assert done.returncode == 0, (args, done.stderr)
        assert b"Traceback" not in done.stderr


def test_a_reader_that_leaves_early_is_not_an_error_message(tmp_path):
    stages = "".join(f"  - name: Stage {i}\n    touchpoints:\n"
                     + "".join(f"      - name: Step {i}.{j} with some words\n" for j in range(20))
                     for i in range(10))
    big = tmp_path / "big.yaml"
    big.write_text(f"journeymap: 1\ntitle: Big\nstages:\n{stages}", encoding="utf-8")
    reader = subprocess.Popen([sys.executable, "-m", "journeymap", "render", big, "-f", "svg", "-o", "-"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert len(reader.stdout.read(10)) == 10
    reader.stdout.close()  # like `| head -c 10`: the rest (far over a pipe's 64 KB) has nowhere to go
    stderr = reader.stderr.read()
    reader.wait(timeout=60)
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr, stderr
    assert reader.returncode in (0, 1)  # click ends a broken pipe quietly


def test_no_user_text_starts_a_line_of_written_yaml():
    """`import mermaid` prints YAML to standard output, often into a CI log:
    a text that starts a line there could be read as `::error::`."""
    import journeymap
    from journeymap.serialize import dump
    from journeymap.validation import validate_text

    journey = journeymap.load(EXAMPLES / "family-flight-booking.yaml")
    for hostile in ["word " * 40 + "::error::folded", "one\n::error::two", "a\r\n  ::warning::b",
                    "x\u2028::notice::y"]:
        changed = journey.model_copy(update={"title": hostile, "scenario": hostile})
        text = dump(changed)
        assert not [line for line in text.splitlines() if line.lstrip().startswith("::")], text
        assert validate_text(text).journey.title == hostile
