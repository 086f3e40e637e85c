"""Stage 4, present: the JSON text of `evaluate --format json`, fast for national plans.

The contract is `engine.output.contracts.Resultat`: its models name every key, their order,
their types and which keys are left out when empty, and its JSON Schema is what is
published. Validating 60 000 `NyckeltalResultat` built from the evaluator's own results
cost most of a national period's JSON (about 0.6 s of 1.5 s) and checks nothing the
evaluator does not already guarantee. So the nyckeltal rows are written straight from the
same fields (`contracts._measure`), keyed by the models' own aliases in the models' order
(a field added to `NyckeltalResultat` appears here without new code), and serialised with
the rest of the contract by pydantic-core in one pass; numbers that are not finite become
null, as `contracts.Tal` makes them.

tests/test_contracts.py compares this text byte for byte with the validated contract's
`model_dump_json` (the region's plan, a synthetic set with every method and history, and
non-finite numbers), and validates it against the published schema.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

import pydantic_core

from engine.evaluation.results import Evaluation, MeasureResult
from engine.inputs.memory import collector_paused
from engine.output.contracts import NyckeltalResultat, Tidigare, _measure, resultat

#: (attribute, JSON key, the field's exclude_if or None), in the contract's order.
Fields = tuple[tuple[str, str, Any], ...]


@functools.cache
def _fields(model: type[Any]) -> Fields:
    return tuple((name, f.alias or name, f.exclude_if) for name, f in model.model_fields.items())


def _earlier(e: dict[str, Any] | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {key: e[name] for name, key, _ in _fields(Tidigare)}


def kpi_row(m: MeasureResult) -> dict[str, Any]:
    """One nyckeltal for one nämnd as the contract writes it (`NyckeltalResultat`)."""
    values = _measure(m)
    values["previous_period"] = _earlier(values["previous_period"])
    values["last_year"] = _earlier(values["last_year"])
    if type(values["details"]) is not dict:  # the shared empty mapping of engine.evaluation
        values["details"] = dict(values["details"])
    return {
        key: values[name]
        for name, key, leave_out in _fields(NyckeltalResultat)
        if leave_out is None or not leave_out(values[name])
    }


def json_bytes(e: Evaluation, conclusion: str) -> bytes:
    """`evaluate --format json` as UTF-8: indented, never NaN or Infinity, ending in a
    newline. Bytes, so that the command writes them as they are (63 MB for a national
    period: decoding them and encoding them again for stdout cost about 0,1 s)."""
    # 60 000 row dicts that make no reference cycles: the collections their allocation
    # would trigger walk everything loaded and evaluated (engine.inputs.memory).
    with collector_paused():
        rest = resultat(dataclasses.replace(e, kpis=[]), conclusion)
        data = rest.model_dump(mode="json", by_alias=True)
        data["nyckeltal"] = [kpi_row(m) for m in e.kpis]
        return pydantic_core.to_json(data, indent=2, inf_nan_mode="null") + b"\n"


def json_text(e: Evaluation, conclusion: str) -> str:
    """`json_bytes` as text."""
    return json_bytes(e, conclusion).decode()
