"""Diagnostics as the CI systems read them, beside text, json and github:

- `sarif`: SARIF 2.1.0, for GitHub code scanning (one rule per code, one
  result per diagnostic with its file, line and column);
- `junit`: a JUnit XML test report (GitLab, Jenkins): one test case per
  file, one failure per error; warnings and notes in the case's output;
- `gitlab`: GitLab Code Quality JSON, each issue with a fingerprint that
  stays the same while the problem does (its line is not part of it).

Every text is shown inert (no control character, no `##[` workflow
command), and the JSON is ASCII, so nothing a map says can reach a log raw."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

from .. import __version__
from ..diagnostics import CODES, ERROR, INFO, WARNING, Diagnostic
from ..safetext import inert

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/journeymap/journeymap"
_SARIF_LEVEL = {ERROR: "error", WARNING: "warning", INFO: "note"}
_GITLAB_SEVERITY = {ERROR: "major", WARNING: "minor", INFO: "info"}


def _json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=True, indent=2).replace("##[", "##\\u005b") + "\n"


def _message(d: Diagnostic) -> str:
    text = f"{d.path}: {d.message}" if d.path else d.message
    return inert(text + (f" ({d.suggestion})" if d.suggestion else ""))


def _uri(name: str) -> str:
    """A file name as a SARIF artifact URI: relative to the checkout when it is."""
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute():
        return "file://" + quote(PurePosixPath(name.replace("\\", "/")).as_posix())
    return quote(PurePosixPath(name.replace("\\", "/")).as_posix().removeprefix("./"))


def _rule(code: str) -> dict[str, Any]:
    words = code.split("-")
    return {"id": code, "name": "".join(word.capitalize() for word in words),
            "shortDescription": {"text": " ".join(words).capitalize()},
            "defaultConfiguration": {"level": _SARIF_LEVEL.get(CODES[code], "error")}}


def format_sarif(diagnostics: Sequence[Diagnostic]) -> str:
    codes = list(CODES)
    results = [{
        "ruleId": d.code, "ruleIndex": codes.index(d.code) if d.code in CODES else -1,
        "level": _SARIF_LEVEL.get(d.severity, "error"),
        "message": {"text": _message(d)},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(d.file), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)}}}],
    } for d in diagnostics]
    for result in results:
        if result["ruleIndex"] == -1:
            del result["ruleIndex"]
    return _json({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "journeymap", "version": __version__,
                            "informationUri": INFORMATION_URI, "rules": [_rule(c) for c in codes]}},
        "results": results}]})


def format_junit(diagnostics: Sequence[Diagnostic], names: Sequence[str]) -> str:
    files = list(dict.fromkeys([*names, *(d.file for d in diagnostics)]))
    errors = [d for d in diagnostics if d.severity == ERROR]
    suites = ElementTree.Element("testsuites", name="journeymap", tests=str(len(files)),
                                 failures=str(len(errors)), errors="0")
    suite = ElementTree.SubElement(suites, "testsuite", name="journeymap", tests=str(len(files)),
                                   failures=str(len(errors)), errors="0", skipped="0")
    for name in files:
        case = ElementTree.SubElement(suite, "testcase", classname="journeymap", name=inert(name),
                                      file=inert(name))
        others = []
        for d in diagnostics:
            if d.file != name:
                continue
            where = f"{inert(name)}:{d.line}:{d.column}: {d.severity}[{d.code}]: {_message(d)}"
            if d.severity == ERROR:
                failure = ElementTree.SubElement(case, "failure", type=d.code, message=_message(d))
                failure.text = where
            else:
                others.append(where)
        if others:
            ElementTree.SubElement(case, "system-out").text = "\n".join(others)
    ElementTree.indent(suites)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ElementTree.tostring(suites, encoding="unicode") + "\n")


def format_gitlab(diagnostics: Sequence[Diagnostic]) -> str:
    issues = []
    seen: dict[str, int] = {}
    for d in diagnostics:
        # Not the line, nor a line number quoted in the message ("first at line 6").
        identity = "\0".join((d.file, d.code, d.path, re.sub(r"[0-9]+", "#", d.message)))
        seen[identity] = seen.get(identity, 0) + 1  # the same problem twice: two issues
        fingerprint = hashlib.sha256(f"{identity}\0{seen[identity]}".encode("utf-8", "replace")).hexdigest()
        issues.append({"type": "issue", "check_name": d.code, "description": _message(d),
                       "categories": ["Bug Risk" if d.severity == ERROR else "Style"],
                       "fingerprint": fingerprint,
                       "severity": _GITLAB_SEVERITY.get(d.severity, "major"),
                       "location": {"path": inert(d.file).removeprefix("./"),
                                    "lines": {"begin": max(d.line, 1)}}})
    return _json(issues)
