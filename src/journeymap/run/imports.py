"""`journeymap import mermaid` and `journeymap import sheet`: read the input
(a regular file or standard input, never more than the loader's limit),
convert it, and write the journey file(s) or print them."""

from __future__ import annotations

import sys
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import UsageError
from . import arguments
from .report import Message, Report
from .writer import write_file


def run_import_mermaid(file: str, output: Path | None = None, force: bool = False,
                       report_format: str | None = None) -> Report:
    """Exit 0 with the journey written (or on standard output), warnings
    reported; 1 when the diagram cannot be read or converted. A Markdown
    file gives one map per ```mermaid journey block: on standard output
    separated by `---` lines, or written to OUTPUT-1.yaml, OUTPUT-2.yaml, ..."""
    from ..importers.mermaid_markdown import convert_document

    fmt = arguments.report_format(report_format)
    name = "<stdin>" if file == "-" else file
    text = _read(file, name)
    if isinstance(text, Message):
        return Report(exit_code=1, messages=[text])
    maps, diagnostics = convert_document(text, name)
    if maps is None:
        return Report(exit_code=1, diagnostics=diagnostics, files=1, problems_format=fmt)
    return _deliver(maps, output, force, diagnostics, fmt)


def run_import_sheet(file: str, output: Path | None = None, force: bool = False,
                     shape: str | None = None, sheet: str | None = None,
                     report_format: str | None = None) -> Report:
    """Exit 0 with the journey written (or on standard output), warnings
    naming their cells; 1 when the file is no spreadsheet or its sheet has
    neither shape (the message shows both)."""
    from ..importers.sheet import convert

    fmt = arguments.report_format(report_format)
    yaml_text, diagnostics = convert(file, shape, sheet)
    if yaml_text is None:
        return Report(exit_code=1, diagnostics=diagnostics, files=1, problems_format=fmt)
    return _deliver([yaml_text], output, force, diagnostics, fmt)


def _deliver(maps: list[str], output: Path | None, force: bool, warnings: list[Diagnostic],
             fmt: str) -> Report:
    if output is None:
        return Report(diagnostics=warnings, files=1, problems_format=fmt, stdout_taken=True,
                      stdout_text="---\n".join(maps))
    targets = [output] if len(maps) == 1 else \
        [output.with_name(f"{output.stem}-{n}{output.suffix or '.yaml'}") for n in range(1, len(maps) + 1)]
    messages: list[Message] = []
    for target, yaml_text in zip(targets, maps, strict=True):
        failure = write_file(target, yaml_text, force)
        if failure is not None:
            return Report(exit_code=1, diagnostics=warnings, files=1, problems_format=fmt,
                          messages=messages + [failure])
        messages.append(Message("plain", f"wrote {target}"))
    return Report(diagnostics=warnings, files=1, problems_format=fmt, messages=messages)


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
