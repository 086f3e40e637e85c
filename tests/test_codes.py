"""The registry of diagnostic codes (engine/diagnostics/codes/) is complete and alive.

The engine's source is scanned with `ast` (tests/codescan.py) for every call that passes a code:
`Report.error`/`Report.warning`, `Diagnostic(...)`, and any helper with a parameter named
`code` (such as `err` in checks/rule_checks.py), whose severity is the one of the `Report` method
it forwards `code` to. Each literal found must be registered with that severity, and each
registered code (and severity) must be used somewhere: no undocumented codes, no dead ones.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from codescan import ROOT, scan

from engine.diagnostics import Location, Report, Severity
from engine.diagnostics.codes import ALL, CODES, GROUPS, UnregisteredCode
from engine.diagnostics.docs import markdown

USES, UNREADABLE = scan()


def test_the_scan_finds_the_codes() -> None:
    """Guards the scan itself: the helpers in checks/ and the loader's codes are seen."""
    found = {u.code for u in USES}
    assert {"typ", "okänd-nyckel", "kvot-noll", "okänt-nyckeltal", "procent-över-100"} <= found
    assert len(found) >= 50


def test_codes_are_literals() -> None:
    """A code computed at run time could not be checked here; pass a literal."""
    assert UNREADABLE == []


def test_every_code_used_is_registered_with_its_severity() -> None:
    problems = [
        f"{u.where}: [{u.code}] ({u.severity.value})"
        for u in USES
        if u.code not in CODES or u.severity not in CODES[u.code].severities
    ]
    assert problems == [], "register these in engine/diagnostics/codes/"


def test_every_registered_code_and_severity_is_used() -> None:
    used: dict[str, set[Severity]] = defaultdict(set)
    for u in USES:
        used[u.code].add(u.severity)
    dead = [
        f"[{c.name}] {s.value}" for c in ALL for s in c.severities if s not in used.get(c.name, ())
    ]
    assert dead == [], "remove these from engine/diagnostics/codes/ (or the severity)"


def test_entries_are_complete() -> None:
    assert len(CODES) == len(ALL), "a code is registered twice"
    for c in ALL:
        assert re.fullmatch(r"[a-zåäö0-9]+(-[a-zåäö0-9]+)*", c.name), c.name
        assert c.group in GROUPS, c.name
        assert c.severities and len(set(c.severities)) == len(c.severities), c.name
        assert c.explanation.endswith(".") and len(c.explanation) > 40, c.name
        assert c.example.strip(), c.name
        if c.example.endswith("]"):
            assert c.example.endswith(f"[{c.name}]"), f"{c.name}: the example shows another code"


def test_an_unregistered_code_fails_loudly() -> None:
    report = Report()
    with pytest.raises(UnregisteredCode, match="no-such-code"):
        report.error(Location("x.yaml"), "no-such-code", "meddelande")
    with pytest.raises(UnregisteredCode, match="varning"):
        report.warning(Location("x.yaml"), "typ", "meddelande")
    with pytest.raises(UnregisteredCode, match="fel"):
        report.error(Location("x.yaml"), "bom", "meddelande")
    assert report.diagnostics == []


def test_docs_koder_md_is_generated_from_the_registry() -> None:
    committed = (ROOT / "docs" / "koder.md").read_text(encoding="utf-8")
    assert committed == markdown(), (
        "docs/koder.md is out of date: python -m engine.diagnostics.docs > docs/koder.md"
    )


def test_docs_have_a_section_per_code() -> None:
    text = markdown()
    for c in ALL:
        assert f"### `{c.name}`" in text
    assert "å" in text and "ä" in text and "ö" in text


def test_readme_links_the_codes() -> None:
    assert "docs/koder.md" in (ROOT / "README.md").read_text(encoding="utf-8")
