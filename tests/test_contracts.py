"""Typed output contracts: evaluation returns data only, and the texts are filled in on the
output side; the JSON of `evaluate` and `validate` comes from pydantic models and validates
against the published schema (schema/resultat.schema.json, schema/diagnostik.schema.json).

Every test works on copies in tmp_path or on the real rules and fixtures/2025-08.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from engine.diagnostics import Report
from engine.evaluation.evaluate import Evaluation
from engine.inputs.loaded import RuleSet
from engine.output.contracts import resultat
from engine.output.summary import json_text
from engine.output.texts import conclusion

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "fixtures/2025-08"
CliRun = Callable[..., tuple[int, str, str]]  # the `cli` fixture in conftest.py


# --- the evaluator renders no text --------------------------------------------------------


def test_the_evaluator_renders_no_templates() -> None:
    """engine/evaluation/ returns data (status, counts, names): no template is rendered there."""
    for path in sorted((ROOT / "engine" / "evaluation").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        assert not names & {"render_text", "text_context", "TextTemplateError"}, path.name


def test_a_conclusion_failing_on_the_real_data_is_a_pointed_error(
    cli: CliRun, project: Path
) -> None:
    """A conclusion that can be filled in with the validator's zeros but not with this
    period's counts (eight målområden) is still `[mall]` at texter.slutsats, exit 1, in
    validate, evaluate and report: it is rendered on the output side, not lost."""
    path = project / "rules" / "hushallning.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  slutsats: |\n") == 1
    path.write_text(
        text.replace("  slutsats: |\n", "  slutsats: |\n    {{ 1 // (8 - målområden.antal) }}\n"),
        encoding="utf-8",
    )
    line = (
        "rules/hushallning.yaml:50:13: fel: texter.slutsats: mallen kunde inte fyllas i: "
        "division med noll [mall]"
    )
    assert cli("validate", "--bara-regler", cwd=project)[0] == 0
    code, out, _ = cli("validate", cwd=project)
    assert (code, line in out.splitlines()) == (1, True), out
    for args in (("evaluate",), ("evaluate", "--format", "json"), ("report", "-q", "--out", "ut")):
        code, out, err = cli(*args, cwd=project)
        assert (code, out) == (1, ""), (args, err)
        assert line in err.splitlines(), (args, err)
        assert "Traceback" not in err
    assert not (project / "ut").exists() or not any((project / "ut").glob("*.html"))


# --- evaluate --format json: the contract and its schema ----------------------------------


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(kind: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<rot>'}: {e.message}"
        for e in validator(kind).iter_errors(data)
    ]


def _no_constants(name: str) -> float:
    raise AssertionError(f"JSON innehåller {name}")


def test_real_evaluate_json_validates_against_the_published_schema(cli: CliRun) -> None:
    code, out, err = cli("evaluate", "--format", "json", cwd=ROOT)
    assert (code, err) == (0, "")
    data = json.loads(out, parse_constant=_no_constants)
    assert schema_errors("resultat", data) == []
    # the schema is strict enough to catch a consumer's (or a regression's) mistakes
    broken = copy.deepcopy(data)
    broken["nyckeltal"][0]["status"] = "grönt"
    broken["målområden"][0]["måål"] = 1
    del broken["god_ekonomisk_hushållning"]["slutsats"]
    found = schema_errors("resultat", broken)
    assert any(e.startswith("nyckeltal/0/status") for e in found), found
    assert any("måål" in e for e in found), found
    # (god_ekonomisk_hushållning may be null, for a plan without hushallning.yaml: an
    # object without slutsats is then reported as matching neither form)
    assert any(e.startswith("god_ekonomisk_hushållning") for e in found), found
    no_geh = copy.deepcopy(data)
    no_geh["god_ekonomisk_hushållning"] = None
    assert schema_errors("resultat", no_geh) == []


def test_every_key_of_the_json_is_in_the_schema(cli: CliRun) -> None:
    """Every object in the real output is declared (additionalProperties false), and a
    nyckeltal has `finansiellt_mål` only when it copies one (as before the contract)."""
    data = json.loads(cli("evaluate", "--format", "json", cwd=ROOT)[1])
    schema = json.loads((ROOT / "schema" / "resultat.schema.json").read_text(encoding="utf-8"))
    assert all(
        d.get("additionalProperties") is False
        for d in schema["$defs"].values()
        if d.get("type") == "object"
    )
    copies = [k for k in data["nyckeltal"] if "finansiellt_mål" in k]
    assert copies and all(k["finansiellt_mål"] for k in copies)
    assert all("nämnd" not in g and "finansiellt_mål" not in g for g in data["finansiella_mål"])
    assert all("nämnd" in k for k in data["nyckeltal"])


def test_non_finite_numbers_become_null(real_rules: RuleSet, august_2025: Evaluation) -> None:
    """NaN and infinity never reach the JSON: the contract makes them null, which the
    schema allows for every number (a change from a base value near zero can overflow)."""
    kpi = august_2025.kpis[0]
    judgement = kpi.judgement._replace(
        details={"förändring": math.inf, "mål": math.nan, "intervall": 2}
    )
    broken = kpi._replace(value=math.inf, target=math.nan, judgement=judgement)
    e = dataclasses.replace(august_2025, kpis=[broken, *august_2025.kpis[1:]])
    text = json_text(e, conclusion(real_rules, e, Report()))
    data = json.loads(text, parse_constant=_no_constants)
    first = data["nyckeltal"][0]
    assert (first["utfall"], first["mål"]) == (None, None)
    assert first["underlag"] == {"förändring": None, "mål": None, "intervall": 2}
    assert schema_errors("resultat", data) == []


# --- validate --format json ------------------------------------------------------------------


def test_validate_json_validates_against_the_published_schema(cli: CliRun, project: Path) -> None:
    code, out, _ = cli("validate", "--format", "json", cwd=project)
    assert code == 0 and schema_errors("diagnostik", json.loads(out)) == []
    path = project / "rules" / "malomraden" / "tandvard.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    mål: ", "    måål: ", 1), encoding="utf-8")
    code, out, _ = cli("validate", "--format", "json", "--strict", cwd=project)
    data = json.loads(out)
    assert code == 1 and data["ok"] is False and data["antal_fel"] >= 1
    assert schema_errors("diagnostik", data) == []
    assert {"fil", "rad", "kolumn", "nivå", "kod", "fält", "meddelande"} == set(
        data["diagnostik"][0]
    )


def contract_text(e: Evaluation, text: str) -> str:
    """The validated contract's own JSON: what `json_text` must equal byte for byte."""
    return resultat(e, text).model_dump_json(by_alias=True, indent=2) + "\n"


def test_the_json_is_the_validated_contracts_text(
    real_rules: RuleSet, august_2025: Evaluation
) -> None:
    text = conclusion(real_rules, august_2025, Report())
    assert json_text(august_2025, text) == contract_text(august_2025, text)
    kpi = august_2025.kpis[3]
    odd = kpi._replace(
        value=math.nan,
        target=-math.inf,
        judgement=kpi.judgement._replace(details={"förändring": math.inf, "intervall": 2}),
    )
    e = dataclasses.replace(august_2025, kpis=[odd, *august_2025.kpis[:3]])
    assert json_text(e, text) == contract_text(e, text)
    # An uppdrag report with a declared colour and one without any report.
    first = august_2025.uppdrag[0]
    declared = first.reports[0]._replace(
        declared_status="gul", declared_motivation='Beslutat "gul".\n'
    )
    silent = first.reports[0]._replace(status_text=None, computed_status=None)
    varied = dataclasses.replace(first, reports=[declared, silent], origin="nämnd")
    e = dataclasses.replace(august_2025, uppdrag=[varied, *august_2025.uppdrag[1:]])
    assert json_text(e, text) == contract_text(e, text)


def test_a_row_shape_of_one_field_is_a_tuple_of_one() -> None:
    """resultat_json._row reads a model's fields with itemgetter, which gives a bare value
    for one name: a model of one field still makes its row."""
    from pydantic import BaseModel, Field  # noqa: PLC0415

    from engine.output.resultat_json import _row  # noqa: PLC0415

    class One(BaseModel):
        value: int = Field(alias="värde")

    shape = _row(One)
    assert dict(zip(shape.keys, shape.values({"value": 7}), strict=True)) == {"värde": 7}
