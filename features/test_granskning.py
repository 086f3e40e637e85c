"""Step definitions for granskning.feature: an auditor reads the review appendix (HTML)
as a browser shows it, follows a link from the index of red measures to the row, and from
the row to the rules file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from engine.cli import main

scenarios("granskning.feature")


def clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


class Page(HTMLParser):
    """Links (text → href), rows by id (cells' text and links), and each section's text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}
        self.rows: dict[str, list[str]] = {}
        self.row_links: dict[str, list[tuple[str, str]]] = {}
        self.sections: dict[str, str] = {}
        self._href: str | None = None
        self._text: list[str] = []
        self._row: str | None = None
        self._cell: list[str] | None = None
        self._section: str | None = None
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a":
            self._href, self._text = a.get("href") or "", []
        elif tag == "tr" and a.get("id"):
            self._row = a["id"]
            self.rows[self._row], self.row_links[self._row] = [], []
        elif tag in ("td", "th") and self._row:
            self._cell = []
        elif tag == "section" and a.get("id"):
            self._section = a["id"]
            self.sections[self._section] = ""
        elif tag == "span" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            text = clean("".join(self._text))
            self.links.setdefault(text, self._href)
            if self._row:
                self.row_links[self._row].append((text, self._href))
            self._href = None
        elif tag in ("td", "th") and self._row and self._cell is not None:
            self.rows[self._row].append(clean("".join(self._cell)))
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "section":
            self._section = None
        elif tag == "span" and self._cell is not None:
            self._cell.append(" ")

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._section:
            self.sections[self._section] += data


@dataclass
class Review:
    project: Path
    path: Path | None = None
    page: Page | None = None
    row: str = ""
    cells: list[str] = field(default_factory=list)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Review:
    monkeypatch.chdir(tmp_path)
    return Review(tmp_path / "p")


@given('ett projekt skapat med "maluppfyllelse init --exempel"')
def _init(review: Review, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--exempel", str(review.project)]) == 0
    capsys.readouterr()


@given(parsers.parse('att målen beslutats i "{document}" av "{body}" den {date}, "{paragraph}"'))
def _decision(review: Review, document: str, body: str, date: str, paragraph: str) -> None:
    org = review.project / "rules/organisation.yaml"
    text = org.read_text(encoding="utf-8")
    text = re.sub(r"\nbeslut:\n(  .*\n)+", "\n", text)
    text += f"beslut:\n  dokument: {document}\n  organ: {body}\n  datum: {date}\n"
    org.write_text(text + f'  paragraf: "{paragraph}"\n', encoding="utf-8")


@given(parsers.parse('att utfallet för "{kpi}" har källan "{system}", hämtad {date}, {stage}'))
def _source(review: Review, kpi: str, system: str, date: str, stage: str) -> None:
    path = review.project / "fixtures/2025-08/malomraden/tandvard.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {kpi}\n")
    at = text.index("    utfall:", start)
    line_end = text.index("\n", at) + 1
    final = "false" if stage == "slutligt" else "true"
    source = f"    källa: {{system: {system}, hämtad: {date}, preliminär: {final}}}\n"
    path.write_text(text[:line_end] + source + text[line_end:], encoding="utf-8")


@when("jag skapar granskningsbilagan")
def _create(review: Review, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", "--rules", str(review.project / "rules"), "--format", "granskning",
                 "--out", str(review.project / "reports"), "-q"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    review.path = review.project / "reports/granskning-2025-08.html"
    assert out.strip().endswith("granskning-2025-08.html")
    review.page = Page(review.path.read_text(encoding="utf-8"))


@then(parsers.parse('finns "{name}" bland de röda måtten'))
def _red(review: Review, name: str) -> None:
    assert review.page is not None
    assert review.page.links.get(name, "").startswith("#"), sorted(review.page.links)[:20]


@when(parsers.parse('jag följer länken till "{name}"'))
def _follow(review: Review, name: str) -> None:
    assert review.page is not None
    review.row = review.page.links[name].removeprefix("#")
    review.cells = review.page.rows[review.row]


@then(parsers.parse('är måttets status "{label}"'))
def _status(review: Review, label: str) -> None:
    assert review.cells[4].startswith(label), review.cells[4]


@then(parsers.parse('är målet "{target}" beslutat i "{decision}"'))
def _target(review: Review, target: str, decision: str) -> None:
    assert review.cells[1] == f"{target} Beslut: {decision}", review.cells[1]


@then(parsers.parse('är regeln "{rule}"'))
def _rule(review: Review, rule: str) -> None:
    assert review.cells[2] == rule


@then(parsers.parse('är utfallet "{value}" med "{source}"'))
def _value(review: Review, value: str, source: str) -> None:
    assert review.cells[3].startswith(value) and review.cells[3].endswith(source), review.cells[3]


@then(parsers.parse('säger motiveringen "{text}"'))
def _account(review: Review, text: str) -> None:
    assert text in review.cells[4]


@then(parsers.parse('pekar länken till regelfilen på raden med "{line}" i "{file}"'))
def _where(review: Review, line: str, file: str) -> None:
    assert review.path is not None
    text, href = review.page.row_links[review.row][-1]  # type: ignore[union-attr]
    shown, number = text.rsplit(":", 1)
    assert shown == file
    target = (review.path.parent / unquote(href.split("#")[0])).resolve()
    assert target == (review.project / file).resolve() and href.endswith(f"#L{number}")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[int(number) - 1].strip().startswith(line), lines[int(number) - 1]


@then(
    parsers.parse(
        'redovisar målområdet "{area}" beslutad status "{declared}" mot beräknad "{computed}" '
        "med motivering"
    )
)
def _rollup(review: Review, area: str, declared: str, computed: str) -> None:
    assert review.page is not None
    text = next(t for t in map(clean, review.page.sections.values()) if t.startswith(f"{area} "))
    assert f"Sammanvägning: {declared} (beslutad; beräknad {computed})" in text
    assert "Motivering: Även om majoriteten" in text


@then(parsers.parse('står stegen för god ekonomisk hushållning, bland dem "{step}"'))
def _geh(review: Review, step: str) -> None:
    assert review.page is not None
    text = clean(review.page.sections["geh"])
    assert "Finansiella mål: 3 uppfyllt, 1 delvis uppfyllt, 2 ej uppfyllt" in text
    assert step in text
