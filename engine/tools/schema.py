"""JSON Schema for every kind of YAML file, generated from the pydantic models.

Editors with yaml-language-server (VS Code's YAML extension) use it to complete and
check keys as policy staff type; the Swedish `description` of every key comes from the
models. The rules files reference their schema in a first-line modeline:

    # yaml-language-server: $schema=../schema/malomrade.schema.json
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

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
from engine.models.economy import AtgarderFile, BalanskravFile, BudgetavvikelseFile

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


def schema_for(kind: str) -> dict[str, Any]:
    model, title = SCHEMAS[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    schema["title"] = title
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"
