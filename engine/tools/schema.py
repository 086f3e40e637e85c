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

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode

from engine.diagnostics.contract import Diagnostik
from engine.models import (
    FinansFile,
    FinansUtfallFile,
    HushallningFile,
    MalomradeFile,
    MalomradeUtfallFile,
    OrganisationFile,
    PeriodFile,
    SkalaFile,
)
from engine.output.contracts import Resultat
from engine.tools.diff import Diff

#: Every kind of YAML file people write (documented key by key in docs/nycklar.md).
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "organisation": (OrganisationFile, "Organisationen och nämnderna (rules/organisation.yaml)"),
    "skala": (SkalaFile, "Statusskala, gult intervall och sammanvägning (rules/skala.yaml)"),
    "hushallning": (
        HushallningFile,
        "God ekonomisk hushållning: regel och texter (rules/hushallning.yaml)",
    ),
    "finansiella_mal": (FinansFile, "De finansiella målen (rules/finansiella_mal.yaml)"),
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
}

#: The JSON the tool writes, described as written (serialization mode).
OUTPUT_SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "resultat": (Resultat, "Måluppfyllelse för en period (maluppfyllelse evaluate --format json)"),
    "diagnostik": (Diagnostik, "Kontrollens resultat (maluppfyllelse validate --format json)"),
    "diff": (Diff, "Ändringar i reglerna (maluppfyllelse diff --format json)"),
}

#: What `maluppfyllelse schema` can print and `schema --out` writes to schema/.
ALL_SCHEMAS = {**SCHEMAS, **OUTPUT_SCHEMAS}


def schema_for(kind: str) -> dict[str, Any]:
    model, title = ALL_SCHEMAS[kind]
    mode: JsonSchemaMode = "serialization" if kind in OUTPUT_SCHEMAS else "validation"
    schema = model.model_json_schema(by_alias=True, mode=mode)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    schema["title"] = title
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"
