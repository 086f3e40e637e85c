"""docs/regelspråk.md, the guide for policy staff, documents every key and name.

docs/nycklar.md is generated from the models; regelspråk.md is written by hand. So a key
added to a model must also be explained there: every YAML key of every file kind (from
the same JSON Schemas that docs/nycklar.md is made from, `engine.tools.schema`), every
name an expression or a text may use, every judgement method and sammanvägning rule must
appear in it as `` `key` ``. Its marked examples (`<!-- exempel: KIND -->` before a YAML
block) are valid input for that model, every `[kod]` it mentions is a registered
diagnostic code, and its links (and the README's links into it) reach a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ValidationError

import engine.models as models
import engine.models.economy as economy_models
from engine.diagnostics import Report
from engine.diagnostics.codes import CODES
from engine.evaluation.aggregation import AGGREGATIONS
from engine.evaluation.expressions import FUNCTIONS, GEH_NAMES, NYCKELTAL_NAMES, STATUS_NAMES
from engine.evaluation.methods import METHODS
from engine.inputs.yamlfile import load_text
from engine.tools.schema import SCHEMAS, schema_for
from engine.wording import _environment, sample_conclusion_context
from tests.conftest import ROOT

DOC = ROOT / "docs" / "regelspråk.md"
#: Others append their sections after this heading; it must stay.
NEW_KEYS_HEADING = "## Nya nycklar"


def _properties(node: Any) -> Iterator[str]:
    """Every key under `properties` anywhere in a JSON Schema (nested models included)."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            yield from props
        for value in node.values():
            yield from _properties(value)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value)


def model_keys() -> set[str]:
    """Every YAML key of every file kind, as docs/nycklar.md lists them."""
    return {key for kind in SCHEMAS for key in _properties(schema_for(kind))}


def text_filters() -> set[str]:
    """The filters the texts in hushallning.yaml have beyond jinja's own (without the
    sandbox's internal ones, `_steg` and `_sammanfoga`, which no text can name)."""
    added = set(_environment().filters) - set(SandboxedEnvironment().filters)
    return {name for name in added if not name.startswith("_")}


def text_names() -> set[str]:
    context = sample_conclusion_context()
    counts = {name for value in context.values() if isinstance(value, dict) for name in value}
    return set(context) | counts


def expected_names() -> set[str]:
    """Keys, expression and text names, methods and rules the guide must explain."""
    return (
        model_keys()
        | set(NYCKELTAL_NAMES)
        | set(GEH_NAMES)
        | set(STATUS_NAMES)
        | set(FUNCTIONS)
        | text_names()
        | text_filters()
        | set(METHODS)
        | set(AGGREGATIONS)
    )


def undocumented(text: str, names: set[str]) -> list[str]:
    return sorted(n for n in names if f"`{n}`" not in text)


def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_the_collection_sees_the_models() -> None:
    """Guards the walk itself: top-level, nested and economy keys are all found."""
    keys = model_keys()
    assert {"nämnder", "mäts", "klara", "jämförelsevärde", "avvikande_mål"} <= keys
    assert {"gult_band", "grund", "basvärde", "uppdelning", "sha256", "i_sammanställningen"} <= keys
    assert {"synnerliga_skäl_längre_tid", "utfall_hittills", "avvikelse"} <= keys
    assert len(keys) > 100
    assert {"ord", "lista", "tal", "procent"} <= text_filters()
    assert {"uppnådd", "period", "röda_målområden", "antal", "ej_bedömd"} <= text_names()


def test_every_key_and_name_is_explained() -> None:
    missing = undocumented(doc(), expected_names())
    assert missing == [], "förklara dessa i docs/regelspråk.md: " + ", ".join(missing)


def test_a_key_without_docs_fails() -> None:
    text = doc()
    assert undocumented(text.replace("`mäts`", "mäts"), expected_names()) == ["mäts"]
    assert undocumented(text, expected_names() | {"ny_nyckel"}) == ["ny_nyckel"]


def test_the_heading_for_new_keys_is_kept() -> None:
    assert re.search(rf"^{NEW_KEYS_HEADING}$", doc(), flags=re.MULTILINE)


# --- examples -------------------------------------------------------------------------

_EXAMPLE = re.compile(r"<!-- exempel: (?P<kind>[\w]+) -->\n```yaml\n(?P<body>.*?)\n```", re.DOTALL)


def _model(kind: str) -> type[BaseModel]:
    if kind in SCHEMAS:
        return SCHEMAS[kind][0]
    found = getattr(models, kind, None) or getattr(economy_models, kind, None)
    assert isinstance(found, type) and issubclass(found, BaseModel), f"okänd modell {kind}"
    return found


def validate_example(kind: str, body: str) -> None:
    """The YAML of one example, read as the tool reads it, through its model (each item
    of a list on its own)."""
    report = Report()
    # The loader wants a mapping at the top: a list of items is read under one key.
    wrapped = "exempel:\n" + "".join(f"  {line}\n" for line in body.splitlines())
    document = load_text(wrapped, f"exempel:{kind}", report)
    assert document is not None and not report.errors, report.diagnostics
    model = _model(kind)
    data = document.data["exempel"]
    for item in data if isinstance(data, list) else [data]:
        model.model_validate(item)


def examples() -> list[tuple[str, str]]:
    return [(m["kind"], m["body"]) for m in _EXAMPLE.finditer(doc())]


def test_every_file_kind_has_an_example() -> None:
    assert set(SCHEMAS) <= {kind for kind, _ in examples()}


@pytest.mark.parametrize(("kind", "body"), examples(), ids=lambda v: v[:30])
def test_example_is_valid(kind: str, body: str) -> None:
    validate_example(kind, body)


def test_a_wrong_example_fails() -> None:
    with pytest.raises(ValidationError):
        validate_example("Nyckeltal", "- {id: x, namn: X, nämnder: [HSN], måål: 5}")
    with pytest.raises(ValidationError):
        validate_example("period", 'period: "2025-13"\nbenämning: x\ntyp: delår')


# --- codes and links ----------------------------------------------------------------------


def test_every_code_mentioned_is_registered() -> None:
    mentioned = set(re.findall(r"`\[([a-zåäö0-9-]+)\]`", doc()))
    assert len(mentioned) > 30
    assert sorted(mentioned - set(CODES)) == []


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation removed, spaces → '-'."""
    text = heading.strip().lower()
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def anchors(text: str) -> set[str]:
    return {slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)}


def test_slug_is_githubs() -> None:
    assert slug("Uttryck och texter: vad de får göra") == "uttryck-och-texter-vad-de-får-göra"
    assert slug("fixtures/ÅÅÅÅ-MM/period.yaml") == "fixturesåååå-mmperiodyaml"
    assert slug("kvot (standard)") == "kvot-standard"


def test_links_reach_a_heading() -> None:
    text = doc()
    own = set(re.findall(r"\]\(#([^)]+)\)", text))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from_readme = set(re.findall(r"\(docs/regelspråk\.md#([^)]+)\)", readme))
    assert own
    assert sorted((own | from_readme) - anchors(text)) == []
