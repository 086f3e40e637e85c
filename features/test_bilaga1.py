"""Steps for bilaga1.feature: what a reader finds in the generated Bilaga 1 (the HTML)."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from engine.cli import main

ROOT = Path(__file__).resolve().parent.parent

scenarios("bilaga1.feature")


def clean(text: str) -> str:
    """As a reader sees it: no-break spaces read as spaces, soft hyphens (shown only where a
    word breaks) dropped, whitespace collapsed."""
    return " ".join(text.replace("\u00a0", " ").replace("\u00ad", "").split())


@dataclass
class Table:
    caption: str = ""
    head: list[list[str]] = field(default_factory=list)
    body: list[list[str]] = field(default_factory=list)
    foot: list[list[str]] = field(default_factory=list)


@dataclass
class Section:
    heading: str = ""
    text: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return clean(" ".join(self.text))


class Appendix(HTMLParser):
    """The HTML appendix as sections (one per h2) with their text and tables."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.sections: list[Section] = [Section()]
        self._buf: list[str] | None = None
        self._into: str | None = None
        self._row: list[str] | None = None
        self._part = "body"
        self.feed(source)
        self.close()

    @property
    def all_text(self) -> str:
        return clean(" ".join(" ".join(s.text) for s in self.sections))

    def section(self, start: str) -> Section:
        found = [
            s for s in self.sections if s.heading == start or s.heading.startswith(f"{start} - ")
        ]
        assert len(found) == 1, [s.heading for s in self.sections]
        return found[0]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "caption", "th", "td"):
            self._buf, self._into = [], tag
            if tag == "h2":
                self.sections.append(Section())
        elif tag == "table":
            self.sections[-1].tables.append(Table())
        elif tag in ("thead", "tbody", "tfoot"):
            self._part = tag[1:]
        elif tag == "tr":
            self._row = []
        elif tag == "p" and self._buf is not None:
            self._buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._into and self._buf is not None:
            text = clean("".join(self._buf))
            if tag == "h1":
                self.title = text
            elif tag == "h2":
                self.sections[-1].heading = text
            elif tag == "caption":
                self.sections[-1].tables[-1].caption = text
            elif self._row is not None:
                self._row.append(text)
            self._buf = self._into = None
        elif tag == "tr" and self._row is not None:
            getattr(self.sections[-1].tables[-1], self._part).append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style":
            return
        self.sections[-1].text.append(data)
        if self._buf is not None:
            self._buf.append(data)


@dataclass
class Context:
    rules: Path
    outcomes: Path
    out: Path
    appendix: Appendix | None = None


def table_rows(datatable: list[list[str]]) -> list[list[str]]:
    return [[clean(c) for c in row] for row in datatable[1:]]


def find_table(section: Section, caption_start: str) -> Table:
    found = [t for t in section.tables if t.caption.startswith(caption_start)]
    assert len(found) == 1, [t.caption for t in section.tables]
    return found[0]


# --------------------------------------------------------------------------- Givet / När


@given("reglerna i rules/ och utfallen i fixtures/2025-08", target_fixture="context")
def _inputs(tmp_path: Path) -> Context:
    rules, outcomes = tmp_path / "rules", tmp_path / "fixtures" / "2025-08"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copytree(ROOT / "fixtures" / "2025-08", outcomes)
    return Context(rules, outcomes, tmp_path / "reports")


@given(parsers.parse("att det gula bandet i skala.yaml ändras till från {low:d} till {high:d}"))
def _band(context: Context, low: int, high: int) -> None:
    scale = context.rules / "skala.yaml"
    text = scale.read_text(encoding="utf-8")
    changed = re.sub(
        r"(?m)^gult_band:\n  från: \d+\n  till: \d+$",
        f"gult_band:\n  från: {low}\n  till: {high}",
        text,
    )
    assert changed != text
    scale.write_text(changed, encoding="utf-8")


@when("Bilaga 1 skapas")
def _create(context: Context) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(
            [
                "report",
                "--rules",
                str(context.rules),
                "--outcomes",
                str(context.outcomes),
                "--out",
                str(context.out),
                "--format",
                "html",
                "-q",
            ]
        )
    assert code == 0, err.getvalue()
    page = context.out / "bilaga1-2025-08.html"
    assert out.getvalue().strip().endswith(page.name)
    context.appendix = Appendix(page.read_text(encoding="utf-8"))


@pytest.fixture
def appendix(context: Context) -> Appendix:
    assert context.appendix is not None, "Bilaga 1 har inte skapats"
    return context.appendix


# --------------------------------------------------------------------------- Så


@then(parsers.parse('är huvudrubriken "{title}"'))
def _title(appendix: Appendix, title: str) -> None:
    assert appendix.title == title


@then(parsers.parse('bilagan står "{text}"'))
def _says(appendix: Appendix, text: str) -> None:
    assert text in appendix.all_text


@then(parsers.parse('står inte "{text}" i bilagan'))
def _not_said(appendix: Appendix, text: str) -> None:
    assert text not in appendix.all_text


@then(parsers.parse('står under "{heading}":'))
def _section_says(appendix: Appendix, heading: str, datatable: list[list[str]]) -> None:
    text = appendix.section(heading).plain
    for (line,) in table_rows(datatable):
        assert line in text, f"{line!r} saknas under {heading!r}: {text[:400]!r}"


@then("innehåller sammanställningen raderna:")
def _summary(appendix: Appendix, datatable: list[list[str]]) -> None:
    table = find_table(
        appendix.section("Sammanställning per målområde"), "Målområden med övergripande mål"
    )
    rows = table.body + table.foot
    expected = table_rows(datatable)
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected, strict=True):
        assert row[0].startswith(want[0]), (row[0], want[0])
        assert row[1:] == want[1:], (row, want)


@then(parsers.parse('innehåller tabellen "{heading}" raderna:'))
def _goals(appendix: Appendix, heading: str, datatable: list[list[str]]) -> None:
    table = find_table(appendix.section(heading), heading)
    assert table.body == table_rows(datatable)


@then(parsers.parse('har målområdet "{area}" sammanvägd status "{status}"'))
def _area_status(appendix: Appendix, area: str, status: str) -> None:
    assert re.search(
        rf"Sammanvägd status: {re.escape(status)}(?: \(|\s|$)", appendix.section(area).plain
    )


@then(parsers.parse('står inte "{text}" under rubriken för "{area}"'))
def _not_under_heading(appendix: Appendix, text: str, area: str) -> None:
    """The status line right under the målområde's heading names the decided status only."""
    status_line = appendix.section(area).plain.split("Sammanvägd status:", 1)[1][:40]
    assert text not in status_line, status_line


@then(parsers.parse('redovisar "{kind}" under "{area}" uppdraget "{text}" så här:'))
def _uppdrag(
    appendix: Appendix, kind: str, area: str, text: str, datatable: list[list[str]]
) -> None:
    table = find_table(appendix.section(area), kind)
    # The first row's text cell also holds the uppdrag's beskrivning, when it has one.
    rows = [r for r in table.body if r[1] == text or r[1].startswith(f"{text} Beskrivning ")]
    expected = table_rows(datatable)
    assert len(rows) == len(expected), [r[1] for r in table.body]
    for (status, _, comment), (namnd, want_status, start) in zip(rows, expected, strict=True):
        assert status == want_status
        assert comment.startswith(f"{namnd} {start}"), comment[:200]


@then(parsers.parse('har målområdet "{area}" nyckeltalstabeller för:'))
def _kpi_tables(appendix: Appendix, area: str, datatable: list[list[str]]) -> None:
    captions = [
        t.caption
        for t in appendix.section(area).tables
        if t.caption.startswith("Kortsiktiga nyckeltal")
    ]
    assert captions == [f"Kortsiktiga nyckeltal – {n}" for (n,) in table_rows(datatable)]


@then(parsers.parse('visar tabellen "{caption}" under "{area}" raderna:'))
def _kpi_rows(appendix: Appendix, caption: str, area: str, datatable: list[list[str]]) -> None:
    table = find_table(appendix.section(area), caption)
    assert table.head[0][:5] == ["Nyckeltal", "Utfall", "Mål", "Måluppfyllelse", "Status"]
    by_name = {r[0]: r[:5] for r in table.body}
    for want in table_rows(datatable):
        assert by_name.get(want[0]) == want, (want, list(by_name))
