"""The building blocks of the models: constrained types, the base model and `key`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

StatusKey = Literal["grön", "gul", "röd", "ej_bedömd"]
COLOURS: tuple[StatusKey, ...] = ("grön", "gul", "röd", "ej_bedömd")
Riktning = Literal["Minst", "Högre än", ">", "Max", "Lägre än", "Kortare än", "<"]
Frekvens = Literal["tertial", "halvår", "år"]
Ursprung = Literal["fullmäktige", "nämnd"]

Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
NamndId = Annotated[str, Field(pattern=r"^[A-ZÅÄÖ][A-ZÅÄÖ0-9-]*$", max_length=20)]
#: Text may hold line breaks and tabs, but no other control characters: they break Word,
#: Excel and terminals, and are never what a policy officer meant to type.
CONTROL_FREE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Text = Annotated[str, Field(strict=True, max_length=20_000, pattern=CONTROL_FREE)]
PeriodId = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True, defer_build=True)


def key(alias: str, description: str, default: Any = ..., **kw: Any) -> Any:
    """A field whose YAML key is `alias` (Swedish) with a Swedish description."""
    return Field(default, alias=alias, description=description, **kw)
