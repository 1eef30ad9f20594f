"""`journeymap import mermaid`: read the diagram (a regular file or standard
input, never more than the loader's limit), convert it, and write the
journey file or print it."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UsageError
from . import arguments
from .report import Message, Report
from .writer import write_file


def run_import_mermaid(file: str, output: Path | None = None, force: bool = False,
                       report_format: str | None = None) -> Report:
    """Exit 0 with the journey written (or on standard output); 1 when the
    diagram cannot be read or converted (its problems are the diagnostics)."""
    from ..importers.mermaid import convert

    fmt = arguments.report_format(report_format)
    name = "<stdin>" if file == "-" else file
    text = _read(file, name)
    if isinstance(text, Message):
        return Report(exit_code=1, messages=[text])
    yaml_text, problems = convert(text, name)
    if yaml_text is None:
        return Report(exit_code=1, diagnostics=problems, files=1, problems_format=fmt)
    if output is None:
        return Report(stdout_text=yaml_text)
    failure = write_file(output, yaml_text, force)
    if failure is not None:
        return Report(exit_code=1, messages=[failure])
    return Report(messages=[Message("plain", f"wrote {output}")])


def _read(file: str, name: str) -> str | Message:
    """The diagram's text, or why it cannot be read."""
    from ..loading import MAX_BYTES, explain_os_error, open_regular_file

    try:  # never a FIFO or a device, never more than the loader's limit
        if file == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open_regular_file(file) as handle:
                raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"no such file: {file}") from None
    except OSError as exc:
        return Message("error", f"{file}: {explain_os_error(exc, file)}")
    if len(raw) > MAX_BYTES:
        return Message("error", f"{name}: expected at most {MAX_BYTES // (1024 * 1024)} MB, found more")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Message("error", f"{name}: expected UTF-8 text, found the byte "
                                f"0x{raw[exc.start]:02x} at offset {exc.start}")
