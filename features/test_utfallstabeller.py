"""Steps for utfallstabeller.feature: outcomes from a CSV table in a period folder."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from engine.cli import main
from tests.test_tables import evaluated, move_kpis_out, write_csv

ROOT = Path(__file__).resolve().parent.parent
PERIOD = Path("fixtures") / "2025-08"

scenarios("utfallstabeller.feature")


def _validate() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate"])
    return code, out.getvalue() + err.getvalue()


@pytest.fixture
def state() -> dict[str, Any]:
    return {}


@given("en kopia av regionens regler och utfall för augusti 2025")
def _copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state: dict[str, Any]) -> None:
    for folder in ("rules", "fixtures"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    state["yaml"], _ = evaluated(PERIOD)


@when(parsers.parse('alla nyckeltals utfall flyttas från YAML-filerna till "{name}"'))
def _move(name: str) -> None:
    write_csv(PERIOD / name, move_kpis_out(PERIOD))


@when(parsers.parse('"{name}" har raderna:'))
def _rows(name: str, datatable: list[list[str]]) -> None:
    lines = [";".join(row) for row in datatable]
    (PERIOD / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


@then("går valideringen igenom utan fel")
def _valid() -> None:
    code, out = _validate()
    assert code == 0, out
    assert " 0 fel" in out or out.startswith("0 fel"), out


@then("är varje nyckeltals status, utfall och måluppfyllelse desamma som från YAML")
def _same(state: dict[str, Any]) -> None:
    table, report = evaluated(PERIOD)
    assert table is not None and not report.errors

    def shown(result: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [
            (k["id"], k["nämnd"], k["status"], k["utfall"], k["måluppfyllelse"])
            for k in result["nyckeltal"]
        ]

    assert len(shown(table)) > 40
    assert shown(table) == shown(state["yaml"])


@then("ger valideringen felen:")
def _errors(datatable: list[list[str]]) -> None:
    _, out = _validate()
    errors = [line for line in out.splitlines() if ": fel: " in line]
    expected = datatable[1:]
    assert len(errors) == len(expected), out
    for (where, text), line in zip(expected, errors, strict=True):
        assert line.startswith(where) and text in line, line


@then("avslutas valideringen med kod 1 utan Traceback")
def _exit_code() -> None:
    code, out = _validate()
    assert code == 1
    assert "Traceback" not in out
