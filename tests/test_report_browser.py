"""Bilaga 1 in a real browser: a screenshot, the PDF and an axe-core accessibility check;
the tables' text boxes measured at 1280 and 390 px (nothing overlaps, nothing leaves its
cell, the page is never wider than the window); the PDF's page numbers, bookmarks, tags,
and no page ending with a heading, caption or table header.

Needs Chromium, pdftotext (poppler-utils) and axe-core's axe.min.js (the npm package
`axe-core`: env AXE_CORE_JS, else .ci/node_modules/axe-core/axe.min.js; install it with
`npm install --prefix .ci axe-core@4`). Missing tools skip the tests, except when
MALUPPFYLLELSE_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from engine.output.publish import chromium_command, find_chromium

ROOT = Path(__file__).resolve().parent.parent
STEM = "bilaga1-2025-08"
REQUIRED = os.environ.get("MALUPPFYLLELSE_REQUIRE_BROWSER") == "1"
TIMEOUT = 180
WIDTH, HEIGHT = 1280, 900
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def need(tool: str | None, what: str) -> str:
    """The tool's path, or skip (fail when MALUPPFYLLELSE_REQUIRE_BROWSER=1)."""
    if tool:
        return tool
    message = f"{what} saknas"
    if REQUIRED:
        pytest.fail(f"{message}, och MALUPPFYLLELSE_REQUIRE_BROWSER=1 kräver det")
    pytest.skip(message)


def axe_path() -> Path | None:
    configured = os.environ.get("AXE_CORE_JS")
    path = (
        Path(configured)
        if configured
        else ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"
    )
    return path if path.is_file() else None


@pytest.fixture(scope="module")
def chromium() -> str:
    return need(
        find_chromium(), "Chromium (apt-get install chromium, eller MALUPPFYLLELSE_CHROMIUM)"
    )


@pytest.fixture(scope="module")
def pdftotext() -> str:
    return need(shutil.which("pdftotext"), "pdftotext (apt-get install poppler-utils)")


@pytest.fixture(scope="module")
def axe_js() -> Path:
    found = axe_path()
    return Path(
        need(
            str(found) if found else None,
            "axe-core (sätt AXE_CORE_JS eller kör: npm install --prefix .ci axe-core@4)",
        )
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Path:
    """HTML and PDF, written by the real command line."""
    out = tmp_path_factory.mktemp("reports")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "engine",
            "report",
            "--rules",
            "rules",
            "--outcomes",
            "fixtures/2025-08",
            "--out",
            str(out),
            "--format",
            "html,pdf",
            "-q",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        env={**os.environ, "MALUPPFYLLELSE_CHROMIUM": chromium},
    )
    assert done.returncode == 0, done.stderr
    assert sorted(Path(p).name for p in done.stdout.split()) == [f"{STEM}.html", f"{STEM}.pdf"]
    return out


def browser(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        chromium_command(chromium, str(profile), *args),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_screenshot_in_headless_chromium(chromium: str, reports: Path, tmp_path: Path) -> None:
    shot = tmp_path / "bilaga1.png"
    done = browser(
        chromium,
        tmp_path / "profile",
        "--hide-scrollbars",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--screenshot={shot}",
        (reports / f"{STEM}.html").as_uri(),
    )
    assert shot.is_file(), done.stderr[-2000:]
    data = shot.read_bytes()
    assert len(data) > 20_000  # a page with text, not a blank image
    assert png_size(data) == (WIDTH, HEIGHT)


def test_pdf_contains_the_summary_and_financial_goals(pdftotext: str, reports: Path) -> None:
    pdf = reports / f"{STEM}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Bilaga 1, Sammanställning måluppfyllelse per augusti 2025" in " ".join(lines)
    assert "Mätetalen innebär ett intervall där 90–99 procent är gult." in lines
    summary = [
        ("Målområde för hälso- och sjukvård", "9", "Delvis uppfyllt"),
        ("Målområde för tandvård", "5", "Ej uppfyllt"),
        ("Målområde för regionalt utvecklingsansvar", "3", "Delvis uppfyllt"),
        ("Målområde för kultur", "1", "Delvis uppfyllt"),
        ("Målområde för kollektivtrafik", "1", "Delvis uppfyllt"),
        ("Målområde för folkhögskolor", "1", "Delvis uppfyllt"),
        ("Målområde för stödverksamhet", "7", "Delvis uppfyllt"),
        ("Målområde för ledningsprocesser", "4 3 1 2", "Ej uppfyllt"),
    ]
    # A long name wraps inside its cell, so read the table as one flow of text: the row's
    # first words, then (before any other number) its counts and its status.
    flow = " ".join(lines)
    for start, counts, status in summary:
        first_words = " ".join(start.split()[:3])
        pattern = rf"{re.escape(first_words)}[^0-9]{{0,80}}? {counts} {status}"
        assert re.search(pattern, flow), start
    assert "Totalt 31 3 1 2" in lines
    goals = {
        "Soliditet (ökning) Exklusive ansvarsförbindelsen": "−34,8 % −31,0 % – Uppfyllt",
        "Kassalikviditet exkl. pensionsplaceringar": ">67 % 70,8 % 105,7 % Uppfyllt",
        "Nettokostnadsutveckling": "−3,8 % −2,4 % – Ej uppfyllt",
        "Bruttokostnadsutveckling": "−3,1 % 0,6 % – Ej uppfyllt",
        "Leverantörsföljsamhet": "95 % 89 % 93,7 % Delvis uppfyllt",
    }
    for name, rest in goals.items():
        first_words = " ".join(name.split()[:2])
        assert re.search(rf"{re.escape(first_words)}.{{0,60}}?{re.escape(rest)}", flow), (
            name,
            rest,
        )
    assert any(line.startswith("Skuldsättningstak") and "200,0 %" in line for line in lines)
    assert "inte uppnått god ekonomisk hushållning" in " ".join(lines)


RUNNER = """
<script>
(function () {
  function show(result) {
    var pre = document.createElement('pre');
    pre.id = 'axe-result';
    pre.textContent = JSON.stringify(result);
    document.body.appendChild(pre);
  }
  axe.run(document, {runOnly: %(tags)s}).then(function (r) {
    show({
      passes: r.passes.length,
      violations: r.violations.map(function (v) {
        return {id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(function (n) {
                  return {target: n.target, html: n.html, summary: n.failureSummary};
                })};
      })
    });
  }, function (e) { show({error: String(e)}); });
})();
</script>
"""


def test_axe_finds_no_serious_or_critical_violations(
    chromium: str, axe_js: Path, reports: Path, tmp_path: Path
) -> None:
    page = (reports / f"{STEM}.html").read_text(encoding="utf-8")
    axe = axe_js.read_text(encoding="utf-8").replace("</script", "<\\/script")
    injected = f"<script>{axe}</script>{RUNNER % {'tags': json.dumps(AXE_TAGS)}}</body>"
    assert page.count("</body>") == 1
    copy = tmp_path / "axe.html"
    copy.write_text(page.replace("</body>", injected), encoding="utf-8")

    done = browser(
        chromium, tmp_path / "profile", "--virtual-time-budget=20000", "--dump-dom", copy.as_uri()
    )
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', done.stdout, re.S)
    assert found, f"axe wrote no result; stderr: {done.stderr[-2000:]}"
    result = json.loads(html.unescape(found.group(1)))
    assert "error" not in result, result
    assert result["passes"] > 0
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    for v in result["violations"]:
        print(f"{v['impact']}: {v['id']} – {v['help']} ({v['helpUrl']})")
        for n in v["nodes"][:5]:
            print(f"    {n['target']}: {n['html'][:200]}")
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------- layout

BOXES_JS = Path(__file__).with_name("browser") / "boxes.js"


def rendered_boxes(chromium: str, reports: Path, tmp_path: Path, width: int) -> dict[str, object]:
    """Lay the HTML out at `width` CSS pixels and measure every text box in the tables.

    Headless Chromium keeps its window at least 500 px wide, so the page is shown in an
    iframe of the wanted width (as a phone's viewport); tests/browser/boxes.js reports
    text outside its cell, text boxes of two cells that overlap, and a page wider than
    its window."""
    page = (reports / f"{STEM}.html").read_text(encoding="utf-8")
    script = BOXES_JS.read_text(encoding="utf-8").replace("</script", "<\\/script")
    assert page.count("</body>") == 1
    (tmp_path / "page.html").write_text(
        page.replace("</body>", f"<script>{script}</script></body>"), encoding="utf-8"
    )
    (tmp_path / "frame.html").write_text(
        '<!DOCTYPE html><html lang="sv"><head><title>ram</title></head>'
        '<body style="margin:0"><iframe title="bilaga" src="page.html" '
        f'style="border:0;width:{width}px;height:900px"></iframe></body></html>',
        encoding="utf-8",
    )
    done = browser(
        chromium,
        tmp_path / "profile",
        "--allow-file-access-from-files",
        "--window-size=1300,900",
        "--virtual-time-budget=10000",
        "--dump-dom",
        (tmp_path / "frame.html").as_uri(),
    )
    found = re.search(r'<pre id="box-result">(.*?)</pre>', done.stdout, re.S)
    assert found, f"no measurement; stderr: {done.stderr[-2000:]}"
    result: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return result


@pytest.mark.parametrize("width", [1280, 390])
def test_no_table_text_overlaps_or_leaves_its_cell(
    chromium: str, reports: Path, tmp_path: Path, width: int
) -> None:
    result = rendered_boxes(chromium, reports, tmp_path, width)
    assert result["width"] == width
    assert int(str(result["cells"])) > 500 and int(str(result["texts"])) > 1500
    assert result["problems"] == [], json.dumps(result["problems"][:20], ensure_ascii=False)  # type: ignore[index]


def pdf_pages(pdftotext: str, pdf: Path) -> list[list[str]]:
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[" ".join(line.split()) for line in p.splitlines() if line.strip()] for p in pages]


def test_pdf_pages_are_numbered(pdftotext: str, reports: Path) -> None:
    pages = pdf_pages(pdftotext, reports / f"{STEM}.pdf")
    assert len(pages) > 10
    for n, lines in enumerate(pages, start=1):
        footer = " ".join(lines[-2:])
        assert f"Sida {n} av {len(pages)}" in footer, (n, lines[-2:])
        assert "Region Jämtland Härjedalen" in footer, (n, lines[-2:])
        assert "file:" not in " ".join(lines), n  # no temporary path printed on the page


def test_no_pdf_page_ends_with_a_heading_caption_or_table_header(
    pdftotext: str, reports: Path
) -> None:
    page = (reports / f"{STEM}.html").read_text(encoding="utf-8")
    titles = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", m)).replace("\u00ad", "").split())
        for m in re.findall(r"<(?:h[1-3]|caption)[^>]*>(.*?)</(?:h[1-3]|caption)>", page, re.S)
    ]
    headers = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", m)).replace("\u00ad", "").split())
        for m in re.findall(r"<thead>(.*?)</thead>", page, re.S)
    ]
    assert len(titles) > 30 and headers
    ends = []
    for n, lines in enumerate(pdf_pages(pdftotext, reports / f"{STEM}.pdf"), start=1):
        body = [line for line in lines if not re.search(r"Sida \d+ av \d+", line)]
        last = body[-1] if body else ""
        if len(last) > 6 and any(t.endswith(last) for t in titles):
            ends.append((n, "rubrik", last))
        elif len(last) > 12 and any(t.startswith(last) and t != last for t in titles):
            ends.append((n, "delad rubrik", last))  # its last words on the next page
        elif any(h.replace(" ", "").endswith(last.replace(" ", "")) for h in headers):
            ends.append((n, "tabellhuvud", last))
    assert ends == []


def test_pdf_has_bookmarks_for_the_malomraden_and_is_tagged(reports: Path) -> None:
    pdftohtml = need(shutil.which("pdftohtml"), "pdftohtml (apt-get install poppler-utils)")
    xml = subprocess.run(
        [pdftohtml, "-xml", "-i", "-stdout", "-q", str(reports / f"{STEM}.pdf")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    items = [html.unescape(t) for t in re.findall(r'<item page="\d+">(.*?)</item>', xml)]
    for area in (
        "Hälso- och sjukvård - ",
        "Tandvård - ",
        "Folkhögskolor - ",
        "Ledningsprocesser - ",
    ):
        assert any(i.startswith(area) for i in items), (area, items)
    assert "Finansiella mål" in items and "Slutsatser av god ekonomisk hushållning" in items
    assert b"/StructTreeRoot" in (reports / f"{STEM}.pdf").read_bytes()  # tagged
