"""JSON Schema: the committed schema/*.json cannot drift from the models, every rules and
outcome file validates against the schema its modeline names, and typical mistakes are
rejected by the schema as an editor (yaml-language-server) would show them.

The YAML is read as YAML 1.2 (ruamel.yaml, like the engine and yaml-language-server);
dates are turned into ISO strings, as JSON has no date type.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from engine.cli import main
from engine.tools.schema import ALL_SCHEMAS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")

FILES = sorted(
    [
        *(ROOT / "rules").rglob("*.yaml"),
        *(ROOT / "fixtures" / "2025-08").rglob("*.yaml"),
        *(ROOT / "examples").rglob("atgarder.yaml"),
        *(ROOT / "examples" / "hsn-plan").rglob("*.yaml"),
    ]
)

#: which schema each kind of file must name
EXPECTED_KIND = {
    "rules/organisation.yaml": "organisation",
    "rules/skala.yaml": "skala",
    "rules/hushallning.yaml": "hushallning",
    "rules/finansiella_mal.yaml": "finansiella_mal",
    "rules/malomraden/": "malomrade",
    "fixtures/2025-08/period.yaml": "period",
    "fixtures/2025-08/finansiella_mal.yaml": "utfall_finansiella_mal",
    "fixtures/2025-08/malomraden/": "utfall_malomrade",
    "fixtures/2025-08/balanskrav.yaml": "balanskrav",
    "fixtures/2025-08/budgetavvikelse.yaml": "budgetavvikelse",
    "examples/hsn-plan/rules/organisation.yaml": "organisation",
    "examples/hsn-plan/rules/skala.yaml": "skala",
    "examples/hsn-plan/rules/rapport.yaml": "rapport",
    "examples/hsn-plan/rules/malomraden/": "malomrade",
    "examples/hsn-plan/fixtures/2026-04/period.yaml": "period",
    "examples/hsn-plan/fixtures/2026-04/malomraden/": "utfall_malomrade",
    "examples/": "atgarder",
}


def to_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def load_yaml(path: Path) -> Any:
    return to_json(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def schema_named_by(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = MODELINE.match(first)
    assert m, (
        f"{path.relative_to(ROOT)}: first line is not a yaml-language-server modeline: {first!r}"
    )
    return (path.parent / m["path"]).resolve()


def validator(schema_path: Path) -> Draft202012Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(schema_path: Path, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<rot>'}: {e.message}"
        for e in validator(schema_path).iter_errors(data)
    ]


# --- generated == committed ---------------------------------------------------------------


def test_schema_out_equals_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "--out", "schema"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    written = sorted(p.name for p in (tmp_path / "schema").iterdir())
    committed = sorted(p.name for p in SCHEMA_DIR.glob("*.json"))
    assert written == committed == sorted(f"{kind}.schema.json" for kind in ALL_SCHEMAS)
    assert out.splitlines() == [f"schema/{kind}.schema.json" for kind in ALL_SCHEMAS]
    for name in written:
        assert (tmp_path / "schema" / name).read_text(encoding="utf-8") == (
            SCHEMA_DIR / name
        ).read_text(encoding="utf-8"), (
            f"schema/{name} is out of date: run 'maluppfyllelse schema --out schema'"
        )


@pytest.mark.parametrize("kind", list(ALL_SCHEMAS))
def test_schema_kind_on_stdout_equals_committed(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", kind]) == 0
    out, _ = capsys.readouterr()
    assert out == (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", list(ALL_SCHEMAS))
def test_committed_schemas_are_valid_draft_2020_12(kind: str) -> None:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{kind}.schema.json"
    Draft202012Validator.check_schema(schema)


# --- every file validates against the schema its modeline names ----------------------------


def test_there_are_files_to_check() -> None:
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_file_validates_against_its_modeline_schema(path: Path) -> None:
    schema_path = schema_named_by(path)
    assert schema_path.parent == SCHEMA_DIR, f"the modeline points outside schema/: {schema_path}"
    assert schema_path.is_file(), f"{schema_path} does not exist"
    rel = path.relative_to(ROOT).as_posix()
    kind = next(
        k
        for prefix, k in EXPECTED_KIND.items()
        if rel == prefix or (prefix.endswith("/") and rel.startswith(prefix))
    )
    assert schema_path.name == f"{kind}.schema.json", f"{rel} names {schema_path.name}"
    assert errors(schema_path, load_yaml(path)) == []


# --- broken files are rejected ------------------------------------------------------------

TANDVARD = ROOT / "rules" / "malomraden" / "tandvard.yaml"
MALOMRADE = SCHEMA_DIR / "malomrade.schema.json"


def first_kpi_with(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(k for k in data["nyckeltal"] if key in k)


def misspelt_key(data: dict[str, Any]) -> None:
    kpi = first_kpi_with(data, "mål")
    kpi["måål"] = kpi.pop("mål")


def target_as_text(data: dict[str, Any]) -> None:
    kpi = first_kpi_with(data, "mål")
    kpi["mål"] = f"{kpi['mål']:g} %"


def unknown_direction(data: dict[str, Any]) -> None:
    first_kpi_with(data, "riktning")["riktning"] = "Högst"


def unknown_method(data: dict[str, Any]) -> None:
    first_kpi_with(data, "mål")["bedömning"] = {"metod": "kvoten"}


def unknown_method_shorthand(data: dict[str, Any]) -> None:
    first_kpi_with(data, "mål")["bedömning"] = "kvoten"


BROKEN = {
    "okänd-nyckel-stavfel": (misspelt_key, "måål"),
    "mål-som-text": (target_as_text, " %"),
    "okänd-riktning": (unknown_direction, "Högst"),
    "okänd-metod": (unknown_method, "kvoten"),
    "okänd-metod-kort-form": (unknown_method_shorthand, "kvoten"),
}


def test_the_unbroken_file_is_valid() -> None:
    assert errors(MALOMRADE, load_yaml(TANDVARD)) == []


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_is_rejected(case: str) -> None:
    breaker, shown = BROKEN[case]
    data = copy.deepcopy(load_yaml(TANDVARD))
    breaker(data)
    found = errors(MALOMRADE, data)
    assert found, f"{case}: the schema accepts the broken file"
    # the error is about the nyckeltal that was broken and names the bad key or value
    assert any(e.startswith("nyckeltal/") for e in found), found
    assert any(shown in e for e in found), found


def test_misspelt_key_is_rejected_in_every_file_kind() -> None:
    """additionalProperties is false at the top level of every schema."""
    for kind in ALL_SCHEMAS:
        schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema.get("additionalProperties") is False, kind


def test_wrong_date_and_period_are_rejected() -> None:
    period = ROOT / "fixtures" / "2025-08" / "period.yaml"
    data = load_yaml(period)
    assert data["datum"] == "2025-08-31"
    bad = dict(data, period="2025-13")
    assert errors(schema_named_by(period), bad)
    bad = dict(data, typ="kvartal")
    assert errors(schema_named_by(period), bad)
