"""JSON Schema for every kind of YAML file and for the JSON output, from the pydantic models.

Editors with yaml-language-server (VS Code's YAML extension) use it to complete and
check keys as policy staff type; the Swedish `description` of every key comes from the
models. The rules files reference their schema in a first-line modeline:

    # yaml-language-server: $schema=../schema/malomrade.schema.json

The output contracts (`resultat` for `evaluate --format json`, `diagnostik` for
`validate --format json`, `diff` for `diff --format json`) are described as they are written (serialization mode), so a
consumer can validate what it reads.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode

from engine.models import (
    FinansFile,
    FinansUtfallFile,
    HushallningFile,
    MalomradeFile,
    MalomradeUtfallFile,
    OrganisationFile,
    PeriodFile,
    RapportFile,
    SkalaFile,
)
from engine.models.economy import AtgarderFile, BalanskravFile, BudgetavvikelseFile

#: Every kind of YAML file people write (documented key by key in docs/nycklar.md).
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "organisation": (OrganisationFile, "Organisationen och nämnderna (rules/organisation.yaml)"),
    "skala": (SkalaFile, "Statusskala, gult intervall och sammanvägning (rules/skala.yaml)"),
    "hushallning": (
        HushallningFile,
        "God ekonomisk hushållning: regel och texter (rules/hushallning.yaml)",
    ),
    "finansiella_mal": (FinansFile, "De finansiella målen (rules/finansiella_mal.yaml)"),
    "rapport": (
        RapportFile,
        "Rapportens layout: rubrik, delar och sammanställningens kolumner (rules/rapport.yaml)",
    ),
    "malomrade": (
        MalomradeFile,
        "Ett målområde med uppdrag och nyckeltal (rules/malomraden/*.yaml)",
    ),
    "period": (PeriodFile, "En period (fixtures/ÅÅÅÅ-MM/period.yaml)"),
    "utfall_finansiella_mal": (
        FinansUtfallFile,
        "De finansiella målens utfall (fixtures/ÅÅÅÅ-MM/finansiella_mal.yaml)",
    ),
    "utfall_malomrade": (
        MalomradeUtfallFile,
        "Ett målområdes utfall (fixtures/ÅÅÅÅ-MM/malomraden/*.yaml)",
    ),
    "balanskrav": (
        BalanskravFile,
        "Balanskravsutredningen i miljoner kronor (fixtures/ÅÅÅÅ-MM/balanskrav.yaml)",
    ),
    "atgarder": (
        AtgarderFile,
        "Resultatförbättrande åtgärder med stoppljus (fixtures/ÅÅÅÅ-MM/atgarder.yaml)",
    ),
    "budgetavvikelse": (
        BudgetavvikelseFile,
        "Prognoser för budgetavvikelsen per månad (fixtures/ÅÅÅÅ-MM/budgetavvikelse.yaml)",
    ),
}

#: The JSON the tool writes, described as written (serialization mode): kind → (module,
#: class, title). Imported only when asked for, so that `schema` for the YAML files (and
#: `--help`) never loads the evaluation and its output contracts.
OUTPUT_SCHEMAS: dict[str, tuple[str, str, str]] = {
    "resultat": (
        "engine.output.contracts",
        "Resultat",
        "Måluppfyllelse för en period (maluppfyllelse evaluate --format json)",
    ),
    "diagnostik": (
        "engine.diagnostics.contract",
        "Diagnostik",
        "Kontrollens resultat (maluppfyllelse validate --format json)",
    ),
    "diff": (
        "engine.tools.diff",
        "Diff",
        "Ändringar i reglerna (maluppfyllelse diff --format json)",
    ),
}

#: What `maluppfyllelse schema` can print and `schema --out` writes to schema/.
ALL_SCHEMAS: tuple[str, ...] = (*SCHEMAS, *OUTPUT_SCHEMAS)


def _model(kind: str) -> tuple[type[BaseModel], str]:
    if kind in SCHEMAS:
        return SCHEMAS[kind]
    module, name, title = OUTPUT_SCHEMAS[kind]
    model: type[BaseModel] = getattr(importlib.import_module(module), name)
    return model, title


def schema_for(kind: str) -> dict[str, Any]:
    model, title = _model(kind)
    mode: JsonSchemaMode = "serialization" if kind in OUTPUT_SCHEMAS else "validation"
    schema = model.model_json_schema(by_alias=True, mode=mode)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    schema["title"] = title
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"
