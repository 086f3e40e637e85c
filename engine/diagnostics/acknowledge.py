"""Acknowledged warnings: a comment in the YAML file silences a checked warning on a line.

A person who has checked a warning (typically a plausibility warning such as
`procent-över-100`) writes, as yamllint's `# yamllint disable-line rule:…`:

    mål: 880  # maluppfyllelse: godkänd procent-över-100 – besök per 1 000 invånare

- After `godkänd` come one or more codes, separated by commas or spaces; after the codes
  an optional reason may follow a dash with spaces around it (` – `, ` — ` or ` - `).
- A comment after a value applies to its own line. A comment alone on its line applies to
  the next line that is neither empty nor only a comment (so the reason can be a comment
  block above the value), as yamllint's `disable-line` on a line of its own.
- Only warnings are silenced, and only those with a named code whose diagnostic points at
  that line. A named error code, an unknown code, no code or another word than `godkänd`
  give the warning `godkännande`, which itself cannot be silenced.

Silenced warnings are moved from `Report.diagnostics` to `Report.acknowledged`: they
neither print nor fail `--strict`, but every format says how many there were.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from engine.diagnostics import Diagnostic, Location, Report, Severity
from engine.diagnostics.codes import CODES
from engine.diagnostics.hints import did_you_mean

MARK = "maluppfyllelse:"
WORD = "godkänd"
OWN_CODE = "godkännande"
#: Files larger than this are not scanned (the loader refuses them anyway).
MAX_BYTES = 5_000_000

_DIRECTIVE = re.compile(r"(?:^|(?<=\s))#\s*maluppfyllelse\s*:\s*(?P<body>.*)$")
_REASON = re.compile(r"\s[–—-]\s")
_CODE = re.compile(r"[^,\s]+")
_WARNABLE = [c.name for c in CODES.values() if Severity.WARNING in c.severities]

#: Per line number, the codes acknowledged on that line.
Lines = dict[int, set[str]]


def read_source(path: str) -> str | None:
    """A file's text as the loader saw it, or None when it cannot (or need not) be read."""
    file = Path(path)
    if file.suffix not in (".yaml", ".yml"):
        return None
    try:
        if file.stat().st_size > MAX_BYTES:
            return None
        raw = file.read_bytes()
    except OSError:
        return None
    if MARK.encode() not in raw:
        return None
    return raw.decode("utf-8", errors="replace").lstrip("\ufeff")


def acknowledge(report: Report, read: Callable[[str], str | None] = read_source) -> None:
    """Silence the acknowledged warnings in `report` and warn about unusable comments."""
    paths = report.files | {d.location.path for d in report.diagnostics}
    acknowledged: dict[str, Lines] = {}
    for path in sorted(paths):
        text = read(path)
        if text is not None:
            acknowledged[path] = directives(path, text, report)
    kept: list[Diagnostic] = []
    for d in report.diagnostics:
        codes = acknowledged.get(d.location.path, {}).get(d.location.line, set())
        if silenced(d, codes):
            report.acknowledged.append(d)
        else:
            kept.append(d)
    report.diagnostics = kept


def silenced(d: Diagnostic, codes: set[str]) -> bool:
    return (
        d.severity is Severity.WARNING
        and d.code in codes
        and d.code != OWN_CODE
        and not d.location.cell
    )


def directives(path: str, text: str, report: Report) -> Lines:
    """The acknowledged codes per line of one file; unusable comments go to `report`."""
    lines: Lines = {}
    pending: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        found = _comment(line)
        before = (line[: found.start()] if found else line).strip()
        content = bool(before) and not before.startswith("#")
        if found is not None:
            codes = _codes(Location(path, number, found.start() + 1), found, report)
            if content:
                lines.setdefault(number, set()).update(codes)
            else:
                pending |= codes
        if content:
            if pending:
                lines.setdefault(number, set()).update(pending)
            pending = set()
    return lines


def _comment(line: str) -> re.Match[str] | None:
    """The directive on a line, if it is in a comment (not inside a quoted string)."""
    if MARK not in line:
        return None
    found = _DIRECTIVE.search(line)
    if found is None:
        return None
    before = line[: found.start()].replace('\\"', "")
    if before.count('"') % 2 or before.count("'") % 2:
        return None
    return found


def _codes(where: Location, found: re.Match[str], report: Report) -> set[str]:
    """The usable codes of one directive; a warning for each one that cannot be used."""
    body_at = found.start("body")
    body = _REASON.split(found.group("body"), maxsplit=1)[0]
    word = _CODE.match(body)
    if word is None or word.group() != WORD:
        said = f"'{word.group()}'" if word else "inget"
        report.warning(
            where,
            "godkännande",
            f"okänd anvisning {said} efter '{MARK}'; skriv "
            f"'# {MARK} {WORD} KOD' för att godkänna en varning",
        )
        return set()
    usable: set[str] = set()
    named = list(_CODE.finditer(body, word.end()))
    if not named:
        report.warning(
            where,
            "godkännande",
            f"kommentaren namnger ingen kod; skriv t.ex. '# {MARK} {WORD} procent-över-100'",
        )
    for m in named:
        at = Location(where.path, where.line, body_at + m.start() + 1)
        problem = _problem(m.group())
        if problem:
            report.warning(at, "godkännande", f"{problem}; kommentaren godkänner den inte")
        else:
            usable.add(m.group())
    return usable


def _problem(code: str) -> str:
    """Why `code` cannot be acknowledged, or '' when it can."""
    entry = CODES.get(code)
    if entry is None:
        return f"'{code}' är ingen kod{did_you_mean(code, _WARNABLE)}"
    if Severity.WARNING not in entry.severities:
        return f"'{code}' är en felkod; fel kan inte godkännas, bara varningar (rätta felet)"
    if code == OWN_CODE:
        return f"'{OWN_CODE}' gäller kommentarerna själva och kan inte godkännas"
    return ""
