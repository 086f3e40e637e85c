"""`maluppfyllelse kolada` against recorded Kolada v3 responses served through respx:
paging, missing values, HTTP errors, timeouts, malformed bodies, the snapshot and
re-creating the outcomes offline. No test uses the network (respx refuses any request
it has no route for)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import httpx
import pytest
import respx

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Report
from engine.tools.kolada import client
from tests.conftest import CliRun

DATA = Path(__file__).parent / "data" / "kolada"
BASE = "https://api.kolada.se/v3"
FIRST = f"{BASE}/data/kpi/N99001,N99002,N99003/municipality/0023/year/2024,2025"
SECOND = FIRST + "?page=2"
AREA = Path("fixtures/2025-08/malomraden/tandvard.yaml")
KPIS = {
    "td-hsn-barn-tid-inom-3-manader": "N99001",
    "td-hsn-bokade-timmar-vuxna": "N99002",
    "td-hsn-andel-bokad-tid-vuxna": "N99003",
}


@pytest.fixture(autouse=True)
def _no_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client, "RETRY_WAITS", (0.0, 0.0, 0.0))
    monkeypatch.delenv("KOLADA_URL", raising=False)


@pytest.fixture
def project(cli: CliRun, tmp_path: Path) -> Path:
    """The region's example with three tandvård nyckeltal given Kolada ids."""
    code, _, err = cli("init", "--exempel", "p", cwd=tmp_path)
    assert code == 0, err
    root = tmp_path / "p"
    rules = root / "rules/malomraden/tandvard.yaml"
    text = rules.read_text(encoding="utf-8")
    for kpi_id, kolada in KPIS.items():
        text = text.replace(f"  - id: {kpi_id}\n", f"  - id: {kpi_id}\n    kolada: {kolada}\n")
    rules.write_text(text, encoding="utf-8")
    return root


def _body(name: str) -> bytes:
    return (DATA / name).read_bytes()


def _routes(mock: respx.MockRouter) -> None:
    mock.get(SECOND).mock(return_value=httpx.Response(200, content=_body("page2.json")))
    mock.get(FIRST).mock(return_value=httpx.Response(200, content=_body("page1.json")))


def _outcomes(root: Path) -> dict[str, object]:
    report = Report()
    rules = load_rules(root / "rules", report)
    assert rules is not None
    out = load_outcomes(root / "fixtures/2025-08", rules, report, with_previous=False)
    assert out is not None, [d.format() for d in report.sorted()]
    return {k: out.kpi[(k, "HSN")] for k in KPIS}


def test_pages_are_followed_and_values_written_with_their_source(
    cli: CliRun, project: Path
) -> None:
    before = (project / AREA).read_text(encoding="utf-8")
    with respx.mock(assert_all_called=True) as mock:
        _routes(mock)
        code, out, err = cli("kolada", "--ersätt", cwd=project)
    assert code == 0, err
    assert "Kolada: 2 värden och 1 som saknas för 3 nyckeltal" in err
    kpi = _outcomes(project)
    barn = kpi["td-hsn-barn-tid-inom-3-manader"]
    assert barn.value == 91.3 and barn.source is not None  # type: ignore[attr-defined]
    src = barn.source  # type: ignore[attr-defined]
    assert (src.system, src.kolada, src.organisation, src.year, src.gender) == (
        "Kolada", "N99001", "0023", 2024, "T",
    )  # fmt: skip
    assert src.split == {"K": 92.0, "M": 90.4, "T": 91.3}
    assert kpi["td-hsn-bokade-timmar-vuxna"].value == 1920  # type: ignore[attr-defined]
    # The raw responses are kept, named by their hash, with a manifest of the run.
    raw = project / "fixtures/2025-08" / src.raw
    assert hashlib.sha256(raw.read_bytes()).hexdigest() == src.sha256
    assert raw.read_bytes() == _body("page1.json")
    manifest = json.loads(next((raw.parent).glob("hämtning-*.json")).read_text("utf-8"))
    assert [p["url"] for p in manifest["sidor"]] == [FIRST, SECOND]
    # Round trip: the file's comments are kept.
    after = (project / AREA).read_text(encoding="utf-8")
    assert '# rad 6295: "91,3 % 100 %"' in before and "# rad 6295" in after
    assert "# Utfall per augusti 2025 för målområde tandvård" in after


def test_missing_value_becomes_saknas_with_the_reason(cli: CliRun, project: Path) -> None:
    with respx.mock() as mock:
        _routes(mock)
        code, _, err = cli("kolada", cwd=project)
        # 49 is in the file: Kolada's "missing" may not replace it silently.
        assert code == 1
        assert "skulle ersätta utfall 49" in err and "[ersätter-värde]" in err
        assert "ange --ersätt" in err
        code, _, err = cli("kolada", "--ersätt", cwd=project)
    assert code == 0, err
    missing = _outcomes(project)["td-hsn-andel-bokad-tid-vuxna"]
    assert missing.value is None  # type: ignore[attr-defined]
    assert missing.missing == "Kolada har inget värde för 2024 (uppgift saknas)."  # type: ignore[attr-defined]
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert code == 0, err
    row = next(k for k in json.loads(out)["nyckeltal"] if k["id"] == "td-hsn-andel-bokad-tid-vuxna")
    assert row["status"] == "ej_bedömd"


def test_a_refused_run_writes_nothing(cli: CliRun, project: Path) -> None:
    before = (project / AREA).read_bytes()
    with respx.mock() as mock:
        _routes(mock)
        code, _, _ = cli("kolada", cwd=project)
    assert code == 1
    assert (project / AREA).read_bytes() == before
    assert not (project / "fixtures/2025-08/kolada").exists()


@pytest.mark.parametrize(
    ("response", "said"),
    [
        (httpx.Response(500), "HTTP 500"),
        (httpx.Response(404), "HTTP 404"),
        (httpx.ConnectTimeout("timed out"), "svarade inte i tid"),
        (httpx.ReadTimeout("timed out"), "svarade inte i tid"),
        (httpx.ConnectError("Name or service not known"), "kan inte nå Kolada"),
        (httpx.Response(200, content=b"<html>Underh\xc3\xa5ll</html>"), "inte med JSON"),
        (httpx.Response(200, json={"values": "x", "count": 1}), "oväntat format"),
        (httpx.Response(200, json={"count": 1, "values": [{"kpi": "N99001"}]}), "oväntat format"),
        (
            httpx.Response(
                200, json={"count": 0, "values": [], "next_url": "https://evil.example/x"}
            ),
            "annan adress",
        ),
    ],
)
def test_failures_are_one_swedish_message_and_nothing_is_written(
    cli: CliRun, project: Path, response: httpx.Response | Exception, said: str
) -> None:
    before = (project / AREA).read_bytes()
    with respx.mock() as mock:
        route = mock.get(FIRST)
        if isinstance(response, Exception):
            route.mock(side_effect=response)
        else:
            route.mock(return_value=response)
        code, _, err = cli("kolada", "--ersätt", cwd=project)
    assert code == 2, err
    assert said in err and "Traceback" not in err
    assert err.startswith("maluppfyllelse: fel: ") and "inga filer skrevs" in err
    assert (project / AREA).read_bytes() == before


def test_passing_faults_are_retried(cli: CliRun, project: Path) -> None:
    with respx.mock() as mock:
        mock.get(SECOND).mock(return_value=httpx.Response(200, content=_body("page2.json")))
        first = mock.get(FIRST)
        first.side_effect = [
            httpx.ConnectError("down"),
            httpx.Response(503),
            httpx.Response(200, content=_body("page1.json")),
        ]
        code, _, err = cli("kolada", "--ersätt", cwd=project)
    assert code == 0, err
    assert first.call_count == 3


def test_a_body_past_the_limit_is_refused(
    cli: CliRun, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client, "MAX_BYTES", 100)
    with respx.mock(assert_all_called=False) as mock:
        _routes(mock)
        code, _, err = cli("kolada", "--ersätt", cwd=project)
    assert code == 2 and "större än 100 byte" in err


def test_offline_recreates_the_outcomes_from_the_snapshot(cli: CliRun, project: Path) -> None:
    original = (project / AREA).read_bytes()
    with respx.mock() as mock:
        _routes(mock)
        assert cli("kolada", "--ersätt", cwd=project)[0] == 0
    fetched = (project / AREA).read_bytes()
    (project / AREA).write_bytes(original)
    with respx.mock():  # any request would fail: no routes
        code, _, err = cli("kolada", "--offline", "--ersätt", cwd=project)
    assert code == 0, err
    assert (project / AREA).read_bytes() == fetched
    # A changed raw file is found.
    raw = next(
        p for p in (project / "fixtures/2025-08/kolada").glob("*.json") if b"91.3" in p.read_bytes()
    )
    raw.write_bytes(raw.read_bytes().replace(b"91.3", b"99.9"))
    code, _, err = cli("kolada", "--offline", "--ersätt", cwd=project)
    assert code == 2 and "SHA-256 stämmer inte" in err


def test_gender_named_in_the_rule_and_another_organisation(cli: CliRun, project: Path) -> None:
    rules = project / "rules/malomraden/tandvard.yaml"
    text = rules.read_text(encoding="utf-8").replace(
        "kolada: N99001", 'kolada: {kpi: N99001, kön: K, organisation: "2380"}'
    )
    rules.write_text(text, encoding="utf-8")
    url = f"{BASE}/data/kpi/N99001/municipality/2380/year/2024,2025"
    item = json.loads(_body("page1.json"))
    for entry in item["values"]:
        entry["municipality"] = "2380"
    item["next_url"] = None
    with respx.mock(assert_all_called=False) as mock:
        _routes(mock)
        mock.get(FIRST.replace("N99001,", "")).mock(
            return_value=httpx.Response(200, content=_body("page2.json"))
        )
        mock.get(url).mock(return_value=httpx.Response(200, json=item))
        code, _, err = cli("kolada", "--ersätt", cwd=project)
    assert code == 0, err
    barn = _outcomes(project)["td-hsn-barn-tid-inom-3-manader"]
    assert barn.value == 92.0 and barn.source.organisation == "2380"  # type: ignore[attr-defined]


def test_no_organisation_id_is_pointed_at(cli: CliRun, project: Path) -> None:
    org = project / "rules/organisation.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace('  kolada: "0023"', "  # ingen"), "utf-8"
    )
    code, _, err = cli("kolada", cwd=project)
    assert code == 1
    assert "tandvard.yaml" in err and "[kolada-organisation]" in err


def test_at_most_25_ids_per_request() -> None:
    kpis = [f"N{n:05d}" for n in range(30)]
    urls = client.data_urls(BASE, kpis, "0023", [2025, 2024])
    assert len(urls) == 2
    assert all(u.endswith("/municipality/0023/year/2024,2025") for u in urls)
    assert urls[0].count("N") == 25 and urls[1].count("N") == 5


def test_kolada_values_say_kalla_kolada_wherever_shown(cli: CliRun, project: Path) -> None:
    with respx.mock() as mock:
        _routes(mock)
        assert cli("kolada", "--ersätt", cwd=project)[0] == 0
    code, _, err = cli("report", "--format", "html,md,docx,xlsx", "-q", cwd=project)
    assert code == 0, err
    said = "Källa: Kolada (N99001, 2024, hämtad "
    own = "Måluppfyllelse och status är Region Jämtland Härjedalens egen beräkning."
    md = (project / "reports/bilaga1-2025-08.md").read_text(encoding="utf-8")
    html = (project / "reports/bilaga1-2025-08.html").read_text(encoding="utf-8")
    assert said in md and own in md and said in html
    from docx import Document
    from openpyxl import load_workbook

    doc = Document(str(project / "reports/bilaga1-2025-08.docx"))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert any(said in c for c in cells)
    book = load_workbook(project / "reports/bilaga1-2025-08.xlsx", read_only=True)
    texts = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v]
    assert any(said in t for t in texts)
    code, out, _ = cli("evaluate", "--format", "json", cwd=project)
    row = next(k for k in json.loads(out)["nyckeltal"] if k["id"] == KPIS_FIRST)
    assert row["källa"]["system"] == "Kolada" and row["källa"]["uppdelning"]["K"] == 92.0


KPIS_FIRST = "td-hsn-barn-tid-inom-3-manader"


def test_a_hand_written_source_is_shown(cli: CliRun, project: Path) -> None:
    area = project / AREA
    text = area.read_text(encoding="utf-8").replace(
        '    utfall: 49   # rad 6315: "49 % Minst 55 %"\n',
        '    utfall: 49   # rad 6315: "49 % Minst 55 %"\n'
        "    källa: {system: Stratsys, hämtad: 2025-09-05, preliminär: true}\n",
    )
    area.write_text(text, encoding="utf-8")
    code, _, err = cli("report", "--format", "md", "-q", cwd=project)
    assert code == 0, err
    md = (project / "reports/bilaga1-2025-08.md").read_text(encoding="utf-8")
    assert "Källa: Stratsys (preliminärt, hämtad 2025-09-05)." in md
    assert "egen beräkning" not in md


def test_review_appendix_shows_kolada_source_and_keeps_bilaga(cli: CliRun, project: Path) -> None:
    with respx.mock() as mock:
        _routes(mock)
        assert cli("kolada", "--ersätt", cwd=project)[0] == 0
    assert cli("report", "--format", "md", "-q", cwd=project)[0] == 0
    code, out, err = cli("report", "--format", "granskning", "-q", cwd=project)
    assert code == 0, err
    assert out.strip() == "reports/granskning-2025-08.html"
    # Only the review was asked for: Bilaga 1's set is left as it was.
    assert (project / "reports/bilaga1-2025-08.md").is_file() and "tog bort" not in err
    html = (project / "reports/granskning-2025-08.html").read_text(encoding="utf-8")
    assert "Källa: Kolada (N99001, 2024, hämtad " in html
    assert "Kolada har inget värde för 2024 (uppgift saknas)." in html
    code, out, err = cli("report", "--format", "html,granskning", "-q", cwd=project)
    assert code == 0 and "granskning-2025-08.html" in out and "bilaga1-2025-08.html" in out


def test_review_appendix_escapes_text(cli: CliRun, project: Path) -> None:
    area = project / AREA
    text = area.read_text(encoding="utf-8").replace(
        "      Utfallet ligger stabilt omkring 50%.", "      <script>alert(1)</script> 50%."
    )
    area.write_text(text, encoding="utf-8")
    assert cli("report", "--format", "granskning", "-q", cwd=project)[0] == 0
    html = (project / "reports/granskning-2025-08.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_review_appendix_lists_changes_since_the_previous_period(
    cli: CliRun, project: Path
) -> None:
    import shutil

    assert cli("report", "--format", "granskning", "-q", cwd=project)[0] == 0
    html = (project / "reports/granskning-2025-08.html").read_text(encoding="utf-8")
    assert "Det finns ingen tidigare period under fixtures/ att jämföra med." in html
    april = project / "fixtures/2025-04"
    shutil.copytree(project / "fixtures/2025-08", april)
    period = april / "period.yaml"
    text = period.read_text(encoding="utf-8")
    text = text.replace('period: "2025-08"', 'period: "2025-04"').replace(
        "per augusti 2025", "per april 2025"
    )
    period.write_text(text.replace("datum: 2025-08-31", "datum: 2025-04-30"), encoding="utf-8")
    area = april / "malomraden/tandvard.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace("    utfall: 49   #", "    utfall: 56   #"),
        encoding="utf-8",
    )
    code, _, err = cli("report", "--format", "granskning", "-q", cwd=project)
    assert code == 0, err
    html = (project / "reports/granskning-2025-08.html").read_text(encoding="utf-8")
    assert "Jämfört med per april 2025:" in html
    assert (
        "Nyckeltal Andel bokad tid för vuxna i allmäntandvård (HSN): utfall 56 % → 49 %, "
        "status Uppfyllt → Ej uppfyllt." in html.replace("\u00a0", " ")
    )


def test_a_namnd_names_its_own_kolada_id_and_the_terminal_says_kalla(
    cli: CliRun, project: Path
) -> None:
    org = project / "rules/organisation.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace(
            "    namn: Hälso- och sjukvårdsnämnden\n",
            '    namn: Hälso- och sjukvårdsnämnden\n    kolada: "2380"\n',
        ),
        encoding="utf-8",
    )
    body = json.loads(_body("page1.json"))
    body["next_url"] = None
    for item in body["values"]:
        item["municipality"] = "2380"
    with respx.mock() as mock:
        route = mock.get(FIRST.replace("/0023/", "/2380/")).mock(
            return_value=httpx.Response(200, json=body)
        )
        code, _, err = cli("kolada", "--ersätt", cwd=project)
    assert code == 0, err
    assert route.called
    assert _outcomes(project)["td-hsn-barn-tid-inom-3-manader"].source.organisation == "2380"  # type: ignore[attr-defined]
    code, out, _ = cli("evaluate", cwd=project)
    line = next(x for x in out.splitlines() if "Folktandvården och som får en tid" in x)
    assert line.endswith("(Källa: Kolada)")
