"""`maluppfyllelse report`: Bilaga 1 per augusti 2025 in HTML, Markdown, DOCX and XLSX.

The expectations come from the published appendix (seed 004, Bilaga 1, lines ~3433–3640,
and the conclusion at ~1794–1812). Reports are always written under tmp_path, never into
the project's reports/ folder.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest

import engine.output.publish
import engine.output.writing
from engine.cli import main
from engine.diagnostics import UserError
from engine.output.publish import target_path
from engine.wording import decimal, number, percent

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
AUGUST = ROOT / "fixtures" / "2025-08"
NBSP, MINUS = "\u00a0", "\u2212"
STEM = "bilaga1-2025-08"

# The published summary table (seed 004, lines ~3560–3620), in the published order.
SUMMARY = [
    (
        "Målområde för hälso- och sjukvård - God och nära vård i hela Jämtland Härjedalen",
        9,
        "Delvis uppfyllt",
    ),
    (
        "Målområde för tandvård - God och tillgänglig tandvård i hela Jämtland Härjedalen",
        5,
        "Ej uppfyllt",
    ),
    (
        "Målområde för regionalt utvecklingsansvar - Utvecklingskraft i hela Jämtland Härjedalen",
        3,
        "Delvis uppfyllt",
    ),
    (
        "Målområde för kultur - Tillgängligt kulturutbud i hela Jämtland Härjedalen",
        1,
        "Delvis uppfyllt",
    ),
    (
        "Målområde för kollektivtrafik - Goda kommunikationer inom samt till och från Jämtland Härjedalen",
        1,
        "Delvis uppfyllt",
    ),
    ("Målområde för folkhögskolor - Folkhögskolor med hög kvalitet", 1, "Delvis uppfyllt"),
    (
        "Målområde för stödverksamhet - Ändamålsenlig kompetens för effektivt stöd till verksamhet och utveckling",
        7,
        "Delvis uppfyllt",
    ),
    (
        "Målområde för ledningsprocesser - Ledning, styrning och uppföljning av beslut och verksamhet",
        4,
        "Ej uppfyllt",
    ),
]
# (name, målvärde contains, utfall, måluppfyllelse, status) from the published goals table.
GOALS = [
    (
        "Soliditet (ökning) Exklusive ansvarsförbindelsen",
        f"{MINUS}34,8{NBSP}%",
        f"{MINUS}31,0{NBSP}%",
        "–",
        "Uppfyllt",
    ),
    (
        "Kassalikviditet exkl. pensionsplaceringar",
        f">67{NBSP}%",
        f"70,8{NBSP}%",
        f"105,7{NBSP}%",
        "Uppfyllt",
    ),
    ("Nettokostnadsutveckling", f"{MINUS}3,8{NBSP}%", f"{MINUS}2,4{NBSP}%", "–", "Ej uppfyllt"),
    ("Bruttokostnadsutveckling", f"{MINUS}3,1{NBSP}%", f"0,6{NBSP}%", "–", "Ej uppfyllt"),
    ("Leverantörsföljsamhet", f"95{NBSP}%", f"89{NBSP}%", f"93,7{NBSP}%", "Delvis uppfyllt"),
    ("Skuldsättningstak", f"<16{NBSP}%", f"8{NBSP}%", f"200,0{NBSP}%", "Uppfyllt"),
]
CONCLUSION = "inte uppnått god ekonomisk hushållning"


# --------------------------------------------------------------------------- helpers


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def report(
    out: Path, *extra: str, rules: Path = RULES, outcomes: Path = AUGUST
) -> tuple[int, str, str]:
    return run(
        "report",
        "--rules",
        str(rules),
        "--outcomes",
        str(outcomes),
        "--out",
        str(out),
        "-q",
        *extra,
    )


def squash(text: str) -> str:
    """Collapse ASCII whitespace only: a no-break space is content and is kept. A soft
    hyphen is not (it shows only where a narrow column breaks the word)."""
    return re.sub(r"[ \t\r\n]+", " ", text.replace("\u00ad", "")).strip()


class Page(HTMLParser):
    """The parts of a Bilaga 1 page the tests look at: tags, headings, tables, text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.tables: list[dict[str, object]] = []
        self.text_parts: list[str] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._section = "tbody"
        self._caption: list[str] | None = None
        self._style: list[str] | None = None
        self.css = ""
        self.feed(source)
        self.close()
        self.text = squash(" ".join(self.text_parts))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3"):
            self._heading = [tag]
        elif tag == "table":
            self.tables.append({"caption": "", "thead": [], "tbody": [], "tfoot": []})
            self._section = "tbody"
        elif tag == "caption":
            self._caption = []
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "p" and self._cell is not None and self._cell:
            self._cell.append(" ")
        elif tag == "style":
            self._style = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append((self._heading[0], squash("".join(self._heading[1:]))))
            self._heading = None
        elif tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = squash("".join(self._caption))
            self._caption = None
        elif tag in ("th", "td") and self._cell is not None and self._row is not None:
            self._row.append(squash("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1][self._section].append(self._row)  # type: ignore[union-attr]
            self._row = None
        elif tag == "style" and self._style is not None:
            self.css += "".join(self._style)
            self._style = None

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style.append(data)
            return
        self.text_parts.append(data)
        for buf in (self._heading, self._cell, self._caption):
            if buf is not None:
                buf.append(data)

    def table(self, caption_start: str) -> dict[str, list[list[str]]]:
        found = [t for t in self.tables if str(t["caption"]).startswith(caption_start)]
        assert len(found) == 1, [t["caption"] for t in self.tables]
        return found[0]  # type: ignore[return-value]


def md_rows(md: str, heading: str) -> list[list[str]]:
    """The body rows of the first Markdown table after `heading` (cells unescaped and stripped)."""
    lines = md.splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|") and not line.startswith("|---"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            rows.append([re.sub(r"\\(.)", r"\1", c).strip().strip("*") for c in cells])
        elif rows and not line.startswith("|"):
            break
    return rows[1:]  # without the header row


def copy_inputs(tmp_path: Path) -> tuple[Path, Path]:
    rules = tmp_path / "rules"
    outcomes = tmp_path / "fixtures" / "2025-08"
    shutil.copytree(RULES, rules)
    shutil.copytree(AUGUST, outcomes)
    return rules, outcomes


def files_in(folder: Path) -> dict[str, bytes]:
    """The files a user sees (hidden names skipped; the outputs are links into `.bilaga1-…/`)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def hidden_in(folder: Path) -> list[str]:
    """Every hidden entry, e.g. staging left behind (the lock file is expected)."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob(".*")
        if p.relative_to(folder).as_posix() != ".bilaga1.lock"
    )


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    code, stdout, stderr = report(out)
    assert code == 0, stderr
    return out


@pytest.fixture(scope="session")
def page(reports: Path) -> Page:
    return Page((reports / f"{STEM}.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def md(reports: Path) -> str:
    return (reports / f"{STEM}.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- content: HTML


def test_html_title_and_headings(page: Page) -> None:
    assert ("h1", "Bilaga 1, Sammanställning måluppfyllelse per augusti 2025") in page.headings
    assert "Uppgifter per 31 augusti 2025" in page.text
    h2 = [t for level, t in page.headings if level == "h2"]
    for expected in (
        "Symbolförklaring för måluppfyllelse",
        "Finansiella mål",
        "Slutsatser av god ekonomisk hushållning",
    ):
        assert expected in h2


def test_html_summary_table_matches_published(page: Page) -> None:
    t = page.table("Målområden med övergripande mål")
    body = [(r[0], int(r[1]), r[5]) for r in t["tbody"]]
    assert body == SUMMARY
    # financial goals are counted in the ledningsprocesser row only: 3 green, 1 yellow, 2 red
    assert [r[2:5] for r in t["tbody"][:-1]] == [["", "", ""]] * 7
    assert t["tbody"][-1][2:5] == ["3", "1", "2"]
    assert t["tfoot"] == [["Totalt", "31", "3", "1", "2", ""]]


def test_html_financial_goals_table_matches_published(page: Page) -> None:
    t = page.table("Finansiella mål: målvärde, utfall per augusti 2025")
    assert t["thead"][0][:4] == [
        "Finansiella mål",
        "Målvärde",
        "Utfall per augusti 2025",
        "Måluppfyllelse",
    ]
    assert len(t["tbody"]) == 6
    for row, (name, target, value, ratio, status) in zip(t["tbody"], GOALS, strict=True):
        assert row[0] == name
        assert target in row[1]
        assert row[2].startswith(value)
        assert row[3] == ratio
        assert row[4] == status


def test_html_area_statuses_six_partly_two_not(page: Page) -> None:
    statuses = re.findall(r"Sammanvägd status: (Delvis uppfyllt|Ej uppfyllt|Uppfyllt)", page.text)
    assert sorted(statuses) == ["Delvis uppfyllt"] * 6 + ["Ej uppfyllt"] * 2


def test_html_conclusion(page: Page) -> None:
    conclusion = page.text.split("Slutsatser av god ekonomisk hushållning", 1)[1]
    assert CONCLUSION in conclusion
    assert "två, tandvård och ledningsprocesser, som ej uppfyllda" in conclusion
    assert "31 uppdrag" in conclusion


def test_html_symbol_legend_and_band(page: Page) -> None:
    for line in (
        "Grönt = målet uppnått",
        "Gult = delvis uppnått, pågående aktiviteter i rätt riktning",
        "Rött = uppnås inte",
    ):
        assert line in page.text
    assert "Mätetalen innebär ett intervall där 90–99 procent är gult." in page.text


# --------------------------------------------------------------------------- content: Markdown


def test_markdown_summary_and_goals(md: str) -> None:
    assert md.startswith("# Bilaga 1, Sammanställning måluppfyllelse per augusti 2025\n")
    rows = md_rows(md, "## Sammanställning per målområde")
    assert [(r[0], int(r[1]), r[5].split(" ", 1)[1]) for r in rows[:-1]] == SUMMARY
    assert rows[-2][2:5] == ["3", "1", "2"]
    assert rows[-1][:5] == ["Totalt", "31", "3", "1", "2"]
    goals = md_rows(md, "## Finansiella mål")
    assert len(goals) == 6
    for row, (name, target, value, ratio, status) in zip(goals, GOALS, strict=True):
        assert row[0] == name and target in row[1] and row[2].startswith(value) and row[3] == ratio
        assert row[4].endswith(status)
    area_statuses = re.findall(
        r"^Sammanvägd status: \S+ (.+?)(?: \(beräknat förslag: .*\))?$", md, flags=re.M
    )
    assert sorted(area_statuses) == ["Delvis uppfyllt"] * 6 + ["Ej uppfyllt"] * 2
    assert CONCLUSION in md.split("## Slutsatser av god ekonomisk hushållning", 1)[1]


def test_a_colour_beside_the_legend_says_why(md: str) -> None:
    """Koldioxidutsläpp: 80,9 % and yellow, where the legend makes 80,9 % red; its method
    (förändring, the right way but not there) says so first in the row. Rows judged by
    the ratio and the band, as the legend says, have no such note."""
    rows = {r[0]: r for r in (line.strip("| ").split(" | ") for line in md.splitlines()) if r}
    co2 = next(r for name, r in rows.items() if name.startswith("Regionens koldioxidutsläpp"))
    assert co2[3:5] == ["80,9\u00a0%", "▲ Delvis uppfyllt"]
    assert co2[5].startswith("Förändringen mot basåret går åt rätt håll, men når inte målet;")
    assert md.count("färgen följer förändringen") == 1


def test_an_own_yellow_band_says_so_where_the_legend_would_give_another_colour(
    tmp_path: Path,
) -> None:
    """Hudsjukvården is 73,8 % of its target: red by the legend (yellow from 90 %). With its
    own band from 70 % it is yellow, and its row says by which band; rows whose colour is
    the legend's (every other kvot) get no such note."""
    shutil.copytree(RULES, tmp_path / "rules")
    area = tmp_path / "rules" / "malomraden" / "halso-och-sjukvard.yaml"
    old = (
        "    mål_text: Max 200 patienter\n    frekvens: tertial\n  - id: hs-hsn-vantande-90-kirurgi"
    )
    text = area.read_text("utf-8")
    assert old in text
    own = old.replace(
        "frekvens: tertial\n",
        "frekvens: tertial\n    bedömning: {metod: kvot, gult_band: {från: 70}}\n",
    )
    area.write_text(text.replace(old, own), "utf-8")
    code, _, err = report(tmp_path / "ut", "--format", "md", rules=tmp_path / "rules")
    assert code == 0, err
    md = (tmp_path / "ut" / f"{STEM}.md").read_text("utf-8")
    rows = [r for r in (line.strip("| ").split(" | ") for line in md.splitlines()) if r]
    hud = next(r for r in rows if r[0].endswith("förstabesök inom hudsjukvården"))
    assert hud[3:5] == ["73,8\u00a0%", "▲ Delvis uppfyllt"]
    assert hud[5].startswith("Färgen följer nyckeltalets eget gula intervall, 70–100 %.")
    assert md.count("Färgen följer") == 1  # förändring's note is worded otherwise


def test_declared_decimals_print_as_the_source_does(md: str, tmp_path: Path) -> None:
    """The goals' table prints soliditet as '-31,0%' (decimaler: 1 in the rules); the RS
    table's copy of the goal, without decimaler, as '-31'. Out of range is refused."""
    rows = {r[0]: r for r in (line.strip("| ").split(" | ") for line in md.splitlines()) if r}
    assert rows["Soliditet (ökning) Exklusive ansvarsförbindelsen"][1:3] == [
        "Minst −34,8\u00a0%",
        "−31,0\u00a0%",
    ]
    assert rows["Soliditet (ökning) Exklusive ansvarsförbindelsen (RJH totalt)"][1] == (
        "−31\u00a0%"
    )
    shutil.copytree(RULES, tmp_path / "rules")
    goals = tmp_path / "rules" / "finansiella_mal.yaml"
    goals.write_text(goals.read_text("utf-8").replace("decimaler: 1 ", "decimaler: 5 "), "utf-8")
    code, out, _ = run("validate", "--bara-regler", str(tmp_path / "rules"))
    assert code == 1, out
    assert (
        "finansiella_mal.yaml:17:16: fel: finansiella_mål[1].decimaler: ska vara högst 3, men är "
        "talet 5 [värde]"
    ) in out


# --------------------------------------------------------------------------- content: DOCX


def test_docx_headings_and_real_tables(reports: Path) -> None:
    d = docx.Document(str(reports / f"{STEM}.docx"))
    headings = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "Bilaga 1, Sammanställning måluppfyllelse per augusti 2025")
    h2 = [t for s, t in headings if s == "Heading 2"]
    assert "Finansiella mål" in h2 and "Slutsatser av god ekonomisk hushållning" in h2
    assert len([t for t in h2 if " - " in t]) == 8  # one heading per målområde

    tables = [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]
    summary = next(t for t in tables if t[0][0] == "Målområde med övergripande mål")
    assert [
        (r[0], int(r[1]), r[5].split(" ", 1)[1]) for r in summary[2:-1]
    ] == SUMMARY  # two header rows
    assert summary[-2][2:5] == ["3", "1", "2"]
    assert summary[-1][:5] == ["Totalt", "31", "3", "1", "2"]
    goals = next(t for t in tables if t[0][0] == "Finansiella mål")
    assert goals[0][2] == "Utfall per augusti 2025"
    for row, (name, target, value, ratio, status) in zip(goals[1:], GOALS, strict=True):
        assert row[0] == name and target in row[1] and row[2].startswith(value) and row[3] == ratio
        assert row[4].endswith(status)
    text = "\n".join(p.text for p in d.paragraphs)
    assert CONCLUSION in text.split("Slutsatser av god ekonomisk hushållning", 1)[1]
    # header rows repeat on every page in Word
    assert d.tables[0].rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None


# --------------------------------------------------------------------------- content: XLSX


def test_xlsx_sheets_and_numbers(reports: Path) -> None:
    wb = openpyxl.load_workbook(reports / f"{STEM}.xlsx")
    props = wb.properties
    assert props.title == "Bilaga 1, Sammanställning måluppfyllelse per augusti 2025"
    assert props.creator == "Region Jämtland Härjedalen" and props.language == "sv-SE"
    assert wb.sheetnames[:6] == [
        "Sammanställning",
        "Finansiella mål",
        "Uppdrag",
        "Nyckeltal",
        "Målområden",
        "Nämndernas kommentarer",
    ]
    # Then one sheet per table of the appendix, in its order.
    assert wb.sheetnames[6:9] == [
        "Hälso- och sjukvård – uppdrag",
        "Hälso- och… – egna uppdrag",
        "Hälso- och sjukvård – HSN",
    ]
    assert all(len(name) <= 31 for name in wb.sheetnames)
    rs = {r[0].value: r for r in wb["Ledningsprocesser – RS"].iter_rows(min_row=2)}
    assert rs["Leverantörstrohet"][4].value == pytest.approx(0.968)
    assert "%" in rs["Leverantörstrohet"][4].number_format
    assert rs["Leverantörstrohet"][1].value == 92 and rs["Leverantörstrohet"][7].value == "%"
    assert rs["Leverantörstrohet"][2].value == "Minst" and rs["Leverantörstrohet"][3].value == 95
    hs = list(wb["Hälso- och sjukvård – uppdrag"].iter_rows(min_row=2, values_only=True))
    assert len({r[0] for r in hs}) == 9

    rows = list(wb["Sammanställning"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[5]) for r in rows[:-1]] == SUMMARY
    assert rows[-2][1:5] == (4, 3, 1, 2)
    assert rows[-1][:5] == ("Totalt", 31, 3, 1, 2)

    ws = wb["Finansiella mål"]
    goals = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert list(goals) == [g[0] for g in GOALS]
    lev = goals["Leverantörsföljsamhet"]
    assert lev[1].value == "Minst"
    assert isinstance(lev[2].value, (int, float)) and lev[2].value == 95
    assert isinstance(lev[3].value, (int, float)) and lev[3].value == 89
    assert isinstance(lev[4].value, float) and lev[4].value == pytest.approx(0.937)
    assert "%" in lev[4].number_format
    assert lev[5].value == "Delvis uppfyllt" and lev[6].value == "gul"
    assert goals["Nettokostnadsutveckling"][1].value == "Max"
    assert goals["Nettokostnadsutveckling"][3].value == pytest.approx(-2.4)
    assert goals["Nettokostnadsutveckling"][4].value is None  # no ratio for a negative target

    uppdrag = list(wb["Uppdrag"].iter_rows(min_row=2, values_only=True))
    # 30 given by fullmäktige; Folkhögskolor's is the nämnd's own (seed 004 rad 4342–4346)
    # and is counted in the summary's 31 through `i_sammanställningen`.
    assert len({(r[0], r[2]) for r in uppdrag if r[1] == "fullmäktige"}) == 30
    assert [r[0] for r in uppdrag if r[1] == "nämnd" and str(r[2]).startswith("Verksamheten ska")]

    kpi = [
        r
        for r in wb["Nyckeltal"].iter_rows(min_row=2)
        if r[1].value == "Regionstyrelsen" and r[2].value == "Leverantörstrohet"
    ]
    assert len(kpi) == 1
    assert kpi[0][6].value == pytest.approx(0.968) and "%" in kpi[0][6].number_format


# --------------------------------------------------------------------------- Swedish formatting


def test_swedish_number_formatting_via_babel() -> None:
    assert percent(96.8) == f"96,8{NBSP}%"
    assert percent(-2.4) == f"{MINUS}2,4{NBSP}%"
    assert number(1748) == f"1{NBSP}748"
    assert decimal(0.6) == "0,6"


def test_swedish_numbers_in_html(page: Page, reports: Path) -> None:
    source = (reports / f"{STEM}.html").read_text(encoding="utf-8")
    assert f"96,8{NBSP}%" in page.text  # RS leverantörstrohet
    assert f"94,3{NBSP}%" in page.text  # väntedagar till operation
    assert f"1{NBSP}748" in page.text  # väntande inom ögonsjukvården
    assert f"{MINUS}2,4{NBSP}%" in page.text
    numeric = [
        c
        for t in page.tables
        if str(t["caption"]).startswith(("Kortsiktiga nyckeltal", "Finansiella mål"))
        for r in t["tbody"]  # type: ignore[attr-defined]
        for c in r[1:4]
    ]
    assert len(numeric) > 100
    assert not [c for c in numeric if re.search(r"\d\.\d|-\d|\d %", c)], (
        "non-Swedish number in a table"
    )
    assert "1 748" not in source and "96.8" not in source


# --------------------------------------------------------------------------- escaping


def test_comment_with_script_is_escaped(tmp_path: Path) -> None:
    rules, outcomes = copy_inputs(tmp_path)
    kultur = outcomes / "malomraden" / "kultur.yaml"
    text = kultur.read_text(encoding="utf-8")
    marker = "initiativ som pågår i olika regioner kopplat till Kultur på recept."
    assert marker in text
    kultur.write_text(
        text.replace(marker, marker + " <script>alert(1)</script> & <b>fet</b>"), encoding="utf-8"
    )

    code, _, err = report(tmp_path / "out", "--format", "html,md", rules=rules, outcomes=outcomes)
    assert code == 0, err
    source = (tmp_path / "out" / f"{STEM}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "<script" not in source.lower()
    p = Page(source)
    assert not [t for t, _ in p.tags if t in ("script", "b")]
    assert "<script>alert(1)</script> & <b>fet</b>" in p.text  # shown as text

    md = (tmp_path / "out" / f"{STEM}.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>alert(1)\</script\>" in md


# --------------------------------------------------------------------------- writing safely


def test_prints_written_paths_and_respects_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = report(Path("ut") / "bilagor")
    assert code == 0
    expected = [f"ut/bilagor/{STEM}.{ext}" for ext in ("html", "docx", "md", "xlsx")]
    assert sorted(stdout.split()) == sorted(expected)
    # nothing written anywhere else in the working folder
    assert sorted(files_in(tmp_path)) == sorted(expected)


def test_default_outcomes_is_newest_period_and_reports_folder_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_in(ROOT / "reports")
    monkeypatch.chdir(ROOT)
    code, stdout, _ = run("report", "--out", str(tmp_path), "--format", "md", "-q")
    assert code == 0
    assert stdout.strip() == (tmp_path.resolve() / f"{STEM}.md").as_posix()
    assert files_in(ROOT / "reports") == before


def test_invalid_rules_exit_1_and_write_nothing(tmp_path: Path) -> None:
    rules, outcomes = copy_inputs(tmp_path)
    goals = rules / "finansiella_mal.yaml"
    text = goals.read_text(encoding="utf-8")
    assert "\n    mål: 67\n" in text
    goals.write_text(text.replace("\n    mål: 67\n", "\n    mål: sextiosju\n"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    existing = out / f"{STEM}.html"
    existing.write_bytes(b"<p>published earlier</p>")

    code, stdout, stderr = report(out, rules=rules, outcomes=outcomes)
    assert code == 1
    assert stdout == ""
    assert re.search(r"finansiella_mal\.yaml:\d+:\d+: fel: .*sextiosju", stderr), stderr
    assert "inga filer skrevs" in stderr
    assert files_in(out) == {f"{STEM}.html": b"<p>published earlier</p>"}


def test_renderer_failure_leaves_existing_files_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for ext in ("html", "md", "docx", "xlsx"):
        (out / f"{STEM}.{ext}").write_bytes(f"old {ext}".encode())
    before = files_in(out)

    def broken(*args: object) -> bytes:
        raise RuntimeError("renderer crashed")

    monkeypatch.setitem(engine.output.publish.RENDERERS, "docx", broken)
    code, stdout, stderr = report(out)
    assert code == 3
    assert stdout == ""
    assert "renderer crashed" in stderr
    assert files_in(out) == before  # no file replaced
    assert hidden_in(out) == []  # no temporary file left


def test_write_failure_removes_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{STEM}.html").write_bytes(b"old html")

    def no_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(engine.output.writing.os, "replace", no_replace)
    code, _, _ = report(out, "--format", "html")
    assert code != 0
    assert files_in(out) == {f"{STEM}.html": b"old html"}
    assert hidden_in(out) == []


def test_target_path_stays_inside_output_folder(tmp_path: Path) -> None:
    assert target_path(tmp_path, "2025-08", "html") == (tmp_path / f"{STEM}.html").resolve()
    with pytest.raises(UserError):
        target_path(tmp_path / "out", "../../etc/x", "html")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_written_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    """A report is shared: it should get the normal mode for new files (0666 minus umask).

    (tempfile.mkstemp() alone creates 0600, and os.replace() keeps that mode.)
    """
    umask = os.umask(0)
    os.umask(umask)
    code, _, _ = report(tmp_path, "--format", "md")
    assert code == 0
    mode = (tmp_path / f"{STEM}.md").stat().st_mode & 0o777
    assert mode == 0o666 & ~umask, oct(mode)
    # replacing an existing file keeps its permissions
    (tmp_path / f"{STEM}.md").chmod(0o640)
    code, _, _ = report(tmp_path, "--format", "md")
    assert code == 0
    assert (tmp_path / f"{STEM}.md").stat().st_mode & 0o777 == 0o640


# --------------------------------------------------------------------------- templates


def test_user_template_overrides_markdown_only(tmp_path: Path, reports: Path) -> None:
    templates = tmp_path / "mallar"
    templates.mkdir()
    (templates / "bilaga1.md.j2").write_text(
        "# Egen mall: {{ b.heading }}\n\nTotalt {{ b.total.uppdrag }} uppdrag.\n", encoding="utf-8"
    )
    code, _, err = report(tmp_path / "out", "--templates", str(templates), "--format", "html,md")
    assert code == 0, err
    md = (tmp_path / "out" / f"{STEM}.md").read_text(encoding="utf-8")
    assert md.startswith("# Egen mall: Bilaga 1, Sammanställning måluppfyllelse per augusti 2025")
    assert "Totalt 31 uppdrag." in md
    html = (tmp_path / "out" / f"{STEM}.html").read_bytes()
    assert html == (reports / f"{STEM}.html").read_bytes()  # built-in HTML template


def test_missing_template_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = report(tmp_path / "out", "--templates", str(tmp_path / "saknas"))
    assert code == 2
    assert "mallmappen" in err
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- self-contained HTML


def test_html_is_self_contained_and_print_ready(page: Page, reports: Path) -> None:
    source = (reports / f"{STEM}.html").read_text(encoding="utf-8")
    html_tag = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html_tag.get("lang") == "sv"
    for tag, attrs in page.tags:
        for attr in ("src", "href", "srcset", "data", "action"):
            value = attrs.get(attr) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, attr, value)
        assert tag not in ("script", "link", "iframe", "img", "object", "embed"), tag
    assert not re.search(r"url\(|@import|https?://", page.css)
    assert "http://" not in source and "https://" not in source
    css = re.sub(r"\s+", " ", page.css)
    assert "@page" in css
    assert re.search(r"thead \{[^}]*display: table-header-group", css)
    assert "break-inside: avoid" in css
