"""Every text in the August 2025 outcomes reaches the appendix, in every format.

Each text field of a copy of the outcomes (every kommentar, motivering and saknas) is
replaced by a unique marker; the appendix is written in every format, and each marker
must appear in the HTML, the Markdown, the DOCX, the XLSX and (when Chromium and
pdftotext are here) the PDF.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from ruamel.yaml import YAML

from engine.output.publish import find_chromium
from tests.test_report import AUGUST, RULES, STEM, report

TEXT_KEYS = ("kommentar", "motivering", "saknas")
REQUIRED = os.environ.get("MALUPPFYLLELSE_REQUIRE_BROWSER") == "1"


def _texts(node: Any, counter: Iterator[int], where: str, found: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key in list(node):
            value = node[key]
            if key in TEXT_KEYS and isinstance(value, str) and value.strip():
                marker = f"ZQXMARK{next(counter):03d}"
                node[key] = f"{marker} ersätter texten."
                found[marker] = f"{where}.{key}"
            else:
                _texts(value, counter, f"{where}.{key}", found)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _texts(item, counter, f"{where}[{i}]", found)


def marked_copy(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """rules/ and fixtures/2025-08/ copied, every text of the outcomes a marker."""
    rules = tmp_path / "rules"
    outcomes = tmp_path / "fixtures" / "2025-08"
    shutil.copytree(RULES, rules)
    shutil.copytree(AUGUST, outcomes)
    yaml = YAML()
    yaml.width = 4096
    counter = itertools.count(1)
    markers: dict[str, str] = {}
    for path in sorted(outcomes.rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        _texts(data, counter, path.relative_to(outcomes).as_posix(), markers)
        with path.open("w", encoding="utf-8") as fh:
            yaml.dump(data, fh)
    return rules, outcomes, markers


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def xlsx_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    return "\n".join(
        str(v)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
        for v in row
        if v is not None
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("markers")
    rules, outcomes, markers = marked_copy(tmp)
    assert len(markers) > 100  # comments, motiveringar and reasons: there are many
    formats = "html,md,docx,xlsx" + (",pdf" if find_chromium() else "")
    code, _, err = report(tmp / "out", "--format", formats, rules=rules, outcomes=outcomes)
    assert code == 0, err
    return tmp / "out", markers


def missing(text: str, markers: dict[str, str]) -> list[str]:
    return [f"{m} ({where})" for m, where in markers.items() if m not in text]


def test_every_nämnd_comment_and_motivering_is_marked(
    written: tuple[Path, dict[str, str]],
) -> None:
    _, markers = written
    wheres = list(markers.values())
    assert sum(".nämnder." in w for w in wheres) == 15
    assert any(w.endswith("bedömning.motivering") for w in wheres)
    assert any(w.endswith(".saknas") for w in wheres)


@pytest.mark.parametrize("fmt", ["html", "md", "docx", "xlsx"])
def test_every_text_reaches_the_format(written: tuple[Path, dict[str, str]], fmt: str) -> None:
    out, markers = written
    path = out / f"{STEM}.{fmt}"
    read = {
        "html": html_text,
        "md": lambda p: p.read_text("utf-8"),
        "docx": docx_text,
        "xlsx": xlsx_text,
    }[fmt]
    assert missing(read(path), markers) == []


def test_every_text_reaches_the_pdf(written: tuple[Path, dict[str, str]]) -> None:
    out, markers = written
    pdf = out / f"{STEM}.pdf"
    pdftotext = shutil.which("pdftotext")
    if not pdf.is_file() or pdftotext is None:
        if REQUIRED:
            pytest.fail("Chromium eller pdftotext saknas, och MALUPPFYLLELSE_REQUIRE_BROWSER=1")
        pytest.skip("Chromium eller pdftotext saknas")
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert missing(text, markers) == []


def test_docx_is_a_zip_with_the_markers_in_its_body(written: tuple[Path, dict[str, str]]) -> None:
    """The markers are in the document itself, not only in a comment or property."""
    out, markers = written
    with zipfile.ZipFile(out / f"{STEM}.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert missing(body, markers) == []
