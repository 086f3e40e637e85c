"""docs/nycklar.md is generated from the models and documents every key."""

from __future__ import annotations

from pydantic import BaseModel

from engine.tools.keydocs import document
from engine.tools.schema import SCHEMAS
from tests.conftest import ROOT


def test_committed_key_reference_is_current() -> None:
    committed = (ROOT / "docs" / "nycklar.md").read_text(encoding="utf-8")
    assert committed == document(), "kör: python -m engine.tools.keydocs > docs/nycklar.md"


def _aliases(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for f in model.model_fields.values():
        names.add(f.alias or "")
        stack = [f.annotation]
        while stack:
            t = stack.pop()
            if isinstance(t, type) and issubclass(t, BaseModel):
                names |= _aliases(t, seen)
            stack += list(getattr(t, "__args__", ()) or ())
            if hasattr(t, "__origin__") and hasattr(t, "__metadata__"):
                stack.append(t.__origin__)
    return names


def test_every_key_of_every_model_is_documented() -> None:
    text = document()
    seen: set[type[BaseModel]] = set()
    keys = set().union(*(_aliases(model, seen) for model, _ in SCHEMAS.values())) - {""}
    missing = sorted(k for k in keys if f"| `{k}` |" not in text)
    assert missing == []
    for name in ("jämförelsevärde", "avvikande_mål", "uppdragsstatusar", "föregående", "basvärde"):
        assert f"`{name}`" in text
