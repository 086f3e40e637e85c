"""The command line's contract: exit codes 0/1/2/3, `python -m engine`, JSON output shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import engine.cli.validate as cli_validate
from engine.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_unknown_option_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--okänd"])
    assert exc.value.code == 2
    assert "maluppfyllelse validate: fel: okända argument: --okänd" in capsys.readouterr().err


def test_missing_command_is_bad_usage() -> None:
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


def test_internal_error_exits_3_with_a_pointer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("simulerad bugg")

    monkeypatch.setattr(cli_validate, "load_rules", boom)
    monkeypatch.chdir(ROOT)
    assert main(["validate"]) == 3
    err = capsys.readouterr().err
    assert "RuntimeError: simulerad bugg" in err
    assert "internt fel (en bugg i verktyget, inte i dina filer)" in err


def test_python_dash_m_engine_runs_the_same_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "engine", "validate", "rules"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("0 fel, 0 varningar (1 godkänd) i 24 filer")


def test_evaluate_json_has_the_documented_keys(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["evaluate", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "nyckeltal",
        "uppdrag",
        "målområden",
        "finansiella_mål",
        "god_ekonomisk_hushållning",
    ):
        assert key in data
    colours = {"grön", "gul", "röd", "ej_bedömd"}
    for item in data["nyckeltal"]:
        assert {"id", "namn", "nämnd", "status"} <= set(item) and item["status"] in colours
    tandvard = next(a for a in data["målområden"] if a["id"] == "tandvard")
    assert (tandvard["status"], tandvard["beräknad_status"]) == ("röd", "gul")
    rs = next(
        k for k in data["nyckeltal"] if k["namn"] == "Leverantörstrohet" and k["nämnd"] == "RS"
    )
    assert rs["måluppfyllelse"] == 96.8
    assert rs["underlag"] == {"utfall": 92.0, "mål": 95.0, "gult_från": 90.0, "gult_till": 100.0}
    assert rs["metod"] == "kvot" and "96,8" in rs["motivering"]
    geh = data["god_ekonomisk_hushållning"]
    assert geh["uppnådd"] is False and "inte uppnått god ekonomisk hushållning" in geh["slutsats"]


def test_evaluate_text_shows_symbols_and_the_conclusion(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["evaluate"]) == 0
    out = capsys.readouterr().out
    assert "■ röd       Tandvård" in out and "(beräknad: gul)" in out
    assert "God ekonomisk hushållning: inte uppnådd" in out


def test_evaluate_with_invalid_outcomes_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    period = tmp_path / "2025-08"
    shutil_copy = __import__("shutil").copytree
    shutil_copy(ROOT / "fixtures" / "2025-08", period)
    fin = period / "finansiella_mal.yaml"
    fin.write_text(
        fin.read_text(encoding="utf-8").replace("utfall: 70.8", "utfall: sjuttio"), encoding="utf-8"
    )
    monkeypatch.chdir(ROOT)
    assert main(["evaluate", "--outcomes", str(period)]) == 1
    err = capsys.readouterr().err
    assert "finansiella_mal.yaml:" in err and "ska vara ett tal, men är texten 'sjuttio'" in err
