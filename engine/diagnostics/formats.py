"""Diagnostics in the formats CI systems read: one source of positions and messages.

A registry you can grep (`FORMATS`): text (the compiler format, one per line, then a
summary), json (documented in README.md, declared in `contract`), github (workflow commands, so errors appear on
the changed line of a pull request) and junit (JUnit XML for GitLab and Jenkins: one
test case per file checked, a failure per error).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from engine.diagnostics import Diagnostic, Report, Severity
from engine.diagnostics.contract import diagnostik


def as_text(report: Report, strict: bool) -> str:
    lines = [d.format() for d in report.sorted(strict)]
    lines.append(report.summary(strict))
    return "\n".join(lines) + "\n"


def _json_item(d: Diagnostic) -> dict[str, object]:
    return {
        "fil": d.location.path,
        "rad": d.location.line,
        "kolumn": d.location.col,
        "nivå": d.severity.value,
        "kod": d.code,
        "fält": d.field,
        "meddelande": d.message,
    }


def as_json(report: Report, strict: bool) -> str:
    """The contract `engine.diagnostics.contract.Diagnostik` as indented JSON."""
    data = diagnostik(report, strict).model_dump(mode="json", by_alias=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(d: Diagnostic) -> str:
    kind = "error" if d.severity is Severity.ERROR else "warning"
    loc = d.location
    where = f"{d.field}: " if d.field else ""
    props = f"file={_escape_property(loc.path)},line={loc.line},col={loc.col},title={_escape_property(d.code)}"
    return f"::{kind} {props}::{_escape_data(where + d.message)}"


def as_github(report: Report, strict: bool) -> str:
    lines = [_annotation(d) for d in report.sorted(strict)]
    lines.append(report.summary(strict))
    return "\n".join(lines) + "\n"


def as_github_grouped(report: Report, strict: bool) -> str:
    """As `as_github`, with each file's annotations in a collapsible `::group::`."""
    items = report.sorted(strict)
    lines: list[str] = []
    for path in dict.fromkeys(d.location.path for d in items):
        lines.append(f"::group::{_escape_data(path)}")
        lines += [_annotation(d) for d in items if d.location.path == path]
        lines.append("::endgroup::")
    lines.append(report.summary(strict))
    return "\n".join(lines) + "\n"


def as_junit(report: Report, strict: bool) -> str:
    from xml.etree import ElementTree as ET  # noqa: PLC0415 - only junit needs it

    items = report.sorted(strict)
    by_file: dict[str, list[Diagnostic]] = {f: [] for f in sorted(report.files)}
    for d in items:
        by_file.setdefault(d.location.path, []).append(d)
    failures = sum(1 for d in items if d.severity is Severity.ERROR)
    suites = ET.Element(
        "testsuites",
        name="maluppfyllelse validate",
        tests=str(len(by_file)),
        failures=str(failures),
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="maluppfyllelse validate",
        tests=str(len(by_file)),
        failures=str(failures),
        errors="0",
    )
    silenced = report.silenced()
    if silenced or report.unchecked:
        properties = ET.SubElement(suite, "properties")
        if silenced:
            ET.SubElement(properties, "property", name="godkända", value=str(len(silenced)))
        for note in report.unchecked:
            ET.SubElement(properties, "property", name="ej_kontrollerat", value=note)
    for path, diags in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="maluppfyllelse.validate", name=path)
        for d in diags:
            if d.severity is Severity.ERROR:
                failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
                failure.text = d.format()
        warnings = [d.format() for d in diags if d.severity is Severity.WARNING]
        warnings += [f"godkänd: {d.format()}" for d in silenced if d.location.path == path]
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(warnings)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


FORMATS: dict[str, Callable[[Report, bool], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
    "github-grupperad": as_github_grouped,
    "junit": as_junit,
}
