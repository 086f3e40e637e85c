"""The Word appendix as a communications officer receives it: page, language, styles,
widths, colours, footer and properties, read back from the DOCX; and its length, laid out
by LibreOffice, against the PDF that Chromium prints.

The LibreOffice test needs `soffice` (Debian: libreoffice-writer-nogui), Chromium and
pdfinfo (poppler-utils); without them it is skipped, except when
MALUPPFYLLELSE_REQUIRE_BROWSER=1 (CI), where it fails.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

import engine.output.word_parts as word_parts
from engine.output.office import SYMBOL_COLOUR
from engine.output.publish import find_chromium
from tests.test_report import AUGUST, RULES, STEM, report

REQUIRED = os.environ.get("MALUPPFYLLELSE_REQUIRE_BROWSER") == "1"
SYMBOLS = {"●", "▲", "■", "○"}


def need(tool: str | None, what: str) -> str:
    if tool:
        return tool
    if REQUIRED:
        pytest.fail(f"{what} saknas, och MALUPPFYLLELSE_REQUIRE_BROWSER=1 kräver det")
    pytest.skip(f"{what} saknas")


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    code, _, err = report(out, "--format", "docx", rules=RULES, outcomes=AUGUST)
    assert code == 0, err
    return out / f"{STEM}.docx"


@pytest.fixture(scope="module")
def document(docx_path: Path) -> docx.document.Document:
    return docx.Document(str(docx_path))


def test_a4_portrait_with_margins(document: docx.document.Document) -> None:
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)
        for margin in (section.left_margin, section.right_margin, section.top_margin):
            assert Mm(15) <= margin <= Mm(25)
        assert Mm(15) <= section.bottom_margin <= Mm(25)


def test_swedish_on_every_style(docx_path: Path, document: docx.document.Document) -> None:
    root = document.styles.element
    default = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert default.find(qn("w:lang")).get(qn("w:val")) == "sv-SE"
    styles = root.findall(qn("w:style"))
    assert len(styles) > 20
    for style in styles:
        lang = style.find(qn("w:rPr")).find(qn("w:lang"))
        assert lang is not None and lang.get(qn("w:val")) == "sv-SE", style.get(qn("w:styleId"))
    assert document.core_properties.language == "sv-SE"
    # and no 'en-US' left anywhere Word reads a language from
    with zipfile.ZipFile(docx_path) as z:
        for name in ("word/styles.xml", "word/document.xml", "word/settings.xml"):
            assert 'w:val="en-US"' not in z.read(name).decode("utf-8"), name


def test_real_heading_styles(document: docx.document.Document) -> None:
    headings = [(p.style, p.text) for p in document.paragraphs if p.style.name.startswith("Head")]
    levels = {s.name for s, _ in headings}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= levels
    for style, _ in headings:
        # a built-in heading (Word's navigation pane and table of contents use the outline level)
        assert style.style_id.startswith("Heading")
        outline = style.element.pPr.find(qn("w:outlineLvl"))
        assert outline is not None and int(outline.get(qn("w:val"))) == int(style.name[-1]) - 1
    areas = [t for s, t in headings if s.name == "Heading 2" and " - " in t]
    assert len(areas) == 8


def _grid(table: docx.table.Table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_column_widths_follow_the_content(document: docx.document.Document) -> None:
    by_header = {t.rows[0].cells[0].text: t for t in document.tables}
    kpi = next(t for t in document.tables if t.rows[0].cells[0].text == "Nyckeltal")
    widths = _grid(kpi)
    assert len(set(widths)) > 3
    # Kommentar is the widest column, Utfall among the narrowest (though wide enough for
    # "patienter", see test_columns_hold_their_longest_words), as in the HTML
    assert widths[5] == max(widths) and widths[5] > 2.5 * widths[1]
    uppdrag = next(t for t in document.tables if t.rows[0].cells[0].text == "Status")
    status, text, comment = _grid(uppdrag)
    assert comment > text > status
    assert "Målområde med övergripande mål" in by_header
    # the tables span the text width (A4 minus the margins), with fixed layout
    section = document.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635
    for t in document.tables:
        assert abs(sum(_grid(t)) - text_width) < 20
        assert t._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_columns_hold_their_longest_words(document: docx.document.Document) -> None:
    """Word breaks a word that does not fit its fixed column in the middle ("1 748 pa|tienter",
    seen in LibreOffice): each column is at least as wide as its longest word, by the
    estimate of `word_parts.fitted`, unless that word alone would take over 40 %."""
    most = word_parts.TEXT_WIDTH * word_parts.MOST_FOR_A_WORD / 100
    checked = 0
    for table in document.tables:
        widths = [w * 635 for w in _grid(table)]  # twips → EMU
        for row in table.rows:
            spans: dict[int, list[Any]] = {}  # a merged cell stands once per grid column
            for cell, width in zip(row.cells, widths, strict=True):
                spans.setdefault(id(cell._tc), [cell, 0])[1] += width
            for cell, width in spans.values():
                for word in re.split(r"[ \t\n\u00ad-]+", cell.text):
                    need = len(word) * word_parts.CHAR_WIDTH + word_parts.CELL_PADDING
                    assert need <= width + 2 * 635 or need > most, (word, width)  # whole twips
                    checked += 1
    assert checked > 5000
    kpi = next(t for t in document.tables if t.rows[0].cells[0].text == "Nyckeltal")
    assert any("patienter" in r.cells[1].text.split() for r in kpi.rows)  # 50 patienter


def test_word_widens_a_column_from_the_one_with_room() -> None:
    cell = word_parts.Cell
    headers = ["Nyckeltal", "Utfall", "Kommentar"]
    short = [[cell(["Väntetid"]), cell(["17 %"]), cell(["Kort."])]]
    assert word_parts.fitted((40, 10, 50), headers, short) == [40, 10, 50]
    long = [[cell(["Väntetid"]), cell(["1 748 vårdtillfällen"]), cell(["Kort."])]]
    shares = word_parts.fitted((40, 10, 50), headers, long)
    need = (14 * word_parts.CHAR_WIDTH + word_parts.CELL_PADDING) * 100 / word_parts.TEXT_WIDTH
    assert shares[1] == pytest.approx(need) and sum(shares) == pytest.approx(100)
    assert shares[0] < 40 and shares[2] < 50  # both gave, in proportion to their room
    assert word_parts.unit_breakable("1\u00a0748\u00a0patienter") == "1\u00a0748 patienter"
    assert word_parts.unit_breakable("51,5\u00a0%") == "51,5\u00a0%"


def test_status_symbols_are_coloured_and_followed_by_text(
    document: docx.document.Document,
) -> None:
    runs = [
        (run, p)
        for t in document.tables
        for row in t.rows[1:]
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    ]
    runs += [(run, p) for p in document.paragraphs for run in p.runs]
    symbols = [(r, p) for r, p in runs if r.text in SYMBOLS]
    assert len(symbols) > 100
    colours = {str(r.font.color.rgb) for r, _ in symbols}
    assert {SYMBOL_COLOUR[k] for k in ("grön", "gul", "röd")} <= colours
    for run, paragraph in symbols:
        assert run.font.color.rgb is not None
        after = paragraph.text.split(run.text, 1)[1]
        assert re.match(r" \w", after), paragraph.text  # the status in words follows


def test_summary_header_keeps_its_words(document: docx.document.Document) -> None:
    summary = next(
        t for t in document.tables if t.rows[0].cells[0].text == "Målområde med övergripande mål"
    )
    top = [c.text for c in summary.rows[0].cells]
    second = [c.text for c in summary.rows[1].cells]
    assert top[2:5] == ["Finansiella nyckeltal"] * 3  # one cell spanning three columns
    assert second[2].endswith("Uppfyllt") and second[4].endswith("Ej uppfyllt")


def test_header_rows_repeat_and_rows_do_not_split(document: docx.document.Document) -> None:
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        assert first.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_footer_page_numbers_organisation_and_period(docx_path: Path) -> None:
    with zipfile.ZipFile(docx_path) as z:
        footers = [n for n in z.namelist() if re.match(r"word/footer\d*\.xml", n)]
        assert footers
        xml = "".join(z.read(n).decode("utf-8") for n in footers)
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
    assert [i.split()[0] for i in instructions] == ["PAGE", "NUMPAGES"]
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    assert "Region Jämtland Härjedalen" in text and "per augusti 2025" in text
    assert "Sida " in text and " av " in text


def test_document_properties(docx_path: Path, document: docx.document.Document) -> None:
    props = document.core_properties
    assert props.title == "Bilaga 1, Sammanställning måluppfyllelse per augusti 2025"
    assert props.author == "Region Jämtland Härjedalen"
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert props.created is not None
    created = props.created.replace(tzinfo=None)
    assert now - dt.timedelta(hours=1) < created <= now + dt.timedelta(minutes=1)
    assert "python-docx" not in (props.comments or "")
    with zipfile.ZipFile(docx_path) as z:
        for name in z.namelist():
            data = z.read(name)
            assert b"python-docx" not in data, name
            assert b"2013-12-23" not in data, name
        assert not any("thumbnail" in n for n in z.namelist())


# --------------------------------------------------------------------------- LibreOffice


def pages(pdfinfo: str, pdf: Path) -> int:
    info = subprocess.run(
        [pdfinfo, str(pdf)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert found, info
    return int(found.group(1))


def test_docx_through_libreoffice_is_not_much_longer_than_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    soffice = need(
        shutil.which("soffice") or shutil.which("libreoffice"),
        "LibreOffice (apt-get install libreoffice-writer-nogui)",
    )
    chromium = need(find_chromium(), "Chromium (apt-get install chromium)")
    pdfinfo = need(shutil.which("pdfinfo"), "pdfinfo (apt-get install poppler-utils)")
    out = tmp_path / "out"
    monkeypatch.setenv("MALUPPFYLLELSE_CHROMIUM", chromium)
    code, _, err = report(out, "--format", "docx,pdf", rules=RULES, outcomes=AUGUST)
    assert code == 0, err
    converted = tmp_path / "lo"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(converted),
            str(out / f"{STEM}.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    word_pdf = converted / f"{STEM}.pdf"
    assert word_pdf.is_file(), done.stderr[-2000:]
    word, browser = pages(pdfinfo, word_pdf), pages(pdfinfo, out / f"{STEM}.pdf")
    assert word <= 1.3 * browser, (word, browser)
    assert word >= 0.5 * browser, (word, browser)  # not everything squeezed or dropped
    # the footer's fields were laid out: the last page says so
    pdftotext = need(shutil.which("pdftotext"), "pdftotext (apt-get install poppler-utils)")
    text = subprocess.run(
        [pdftotext, "-f", str(word), "-l", str(word), str(word_pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stdout
    assert f"Sida {word} av {word}" in " ".join(text.split())
