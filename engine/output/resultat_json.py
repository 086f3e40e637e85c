"""Stage 4, present: the JSON text of `evaluate --format json`, fast for national plans.

The contract is `engine.output.contracts.Resultat`: its models name every key, their order,
their types and which keys are left out when empty, and its JSON Schema is what is
published. Validating 60 000 `NyckeltalResultat` built from the evaluator's own results
cost most of a national period's JSON and checks nothing the evaluator does not already
guarantee. So the nyckeltal rows (`kpi_row`) and the uppdrag (`uppdrag_row`) are written
straight from the results as dicts keyed by the models' aliases in the models' order, the
rest of the contract is validated and dumped as before, and all of it is serialised as
pydantic-core would (`_dumps`, by orjson); numbers that are not finite become null, as
`contracts.Tal` makes them.

tests/test_contracts.py compares this text byte for byte with the validated contract's
`model_dump_json` (the region's plan, a synthetic set with every method and history,
uppdrag with declared colours, and non-finite numbers), and validates it against the
published schema; a field added to a model and not written here makes it fail.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable
from typing import Any, NamedTuple

import orjson
import pydantic_core

from engine.evaluation.evaluate import kpi_results_from
from engine.evaluation.results import Evaluation, MeasureResult, UppdragResult
from engine.inputs import workers
from engine.inputs.loaded import PeriodOutcomes, RuleSet
from engine.inputs.memory import collector_paused, outlive
from engine.inputs.workers import WithBytes
from engine.output.contracts import NyckeltalResultat, Tidigare, _measure, resultat


class _Row(NamedTuple):
    """How a model's fields become a row: the keys in the contract's order, a getter of
    their values from `contracts._measure`'s dict, and the fields with an exclude_if."""

    keys: tuple[str, ...]
    values: Callable[[dict[str, Any]], tuple[Any, ...]]
    leave_out: tuple[tuple[str, str, Callable[[Any], bool]], ...]


@functools.cache
def _row(model: type[Any]) -> _Row:
    fields = [(name, f.alias or name, f.exclude_if) for name, f in model.model_fields.items()]
    names = [name for name, _, _ in fields]
    getter = operator.itemgetter(*names)
    # itemgetter of one name gives the value itself, not a tuple of one.
    values = getter if len(names) > 1 else (lambda data: (getter(data),))
    return _Row(
        tuple(key for _, key, _ in fields),
        values,
        tuple((name, key, leave) for name, key, leave in fields if leave is not None),
    )


def _earlier(e: dict[str, Any] | None) -> dict[str, Any] | None:
    if e is None:
        return None
    shape = _row(Tidigare)
    return dict(zip(shape.keys, shape.values(e), strict=True))


def kpi_row(m: MeasureResult) -> dict[str, Any]:
    """One nyckeltal for one nämnd as the contract writes it (`NyckeltalResultat`).

    The common row (no `källa`, no `mål_beslut`) is one dict display: building it through
    `contracts._measure` and the model's field list cost twice as much, for 60 000 rows.
    Its keys are the model's aliases in the model's order; a field added to the model and
    not here makes tests/test_contracts.py fail (the text is no longer the contract's)."""
    (
        ident, name, area_id, namnd, unit, direction, target, target_text, value, ratio,
        status, method, judgement, comment, missing_reason, carried_from, financial_goal,
        source, previous, last_year, trend, target_applies, decision, declared_status,
        declared_motivation,
    ) = m  # one unpacking, not 25 attribute lookups (5 % of the rows)  # fmt: skip
    if source is not None or decision is not None:
        return _general_row(m)
    details = judgement.details
    row = {
        "id": ident,
        "namn": name,
        "nämnd": namnd,
        "målområde": area_id,
        "status": status,
        "utfall": value,
        "mål": target,
        "mål_text": target_text or None,
        "enhet": unit,
        "riktning": direction,
        "måluppfyllelse": round(ratio, 1) if ratio is not None else None,
        "metod": method,
        "motivering": judgement.account,
        # not the shared empty mapping of engine.evaluation, which pydantic-core cannot write
        "underlag": details if type(details) is dict else dict(details),
        "kommentar": comment,
        "ej_bedömd_orsak": missing_reason,
        "överfört_från": carried_from,
        "föregående_period": {"period": previous.period, "utfall": previous.value}
        if previous is not None
        else None,
        "föregående_år": {"period": last_year.period, "utfall": last_year.value}
        if last_year is not None
        else None,
        "trend": trend.word if trend is not None else None,
        "trend_mot": trend.against.period if trend is not None else None,
        "mål_gäller": target_applies,
        "beräknad_status": judgement.status,
        "beslutad_status": declared_status,
        "beslutad_motivering": declared_motivation,
    }
    if financial_goal:
        row["finansiellt_mål"] = financial_goal
    return row


def _general_row(m: MeasureResult) -> dict[str, Any]:
    """`kpi_row` through `contracts._measure` and the model's own field list: any row."""
    values = _measure(m)
    values["previous_period"] = _earlier(values["previous_period"])
    values["last_year"] = _earlier(values["last_year"])
    if type(values["details"]) is not dict:  # the shared empty mapping of engine.evaluation
        values["details"] = dict(values["details"])
    shape = _row(NyckeltalResultat)
    row = dict(zip(shape.keys, shape.values(values), strict=True))
    for name, key, leave_out in shape.leave_out:
        if leave_out(values[name]):
            del row[key]
    return row


def uppdrag_row(u: UppdragResult) -> dict[str, Any]:
    """One uppdrag as the contract writes it (`UppdragResultat`), without validating its
    models: a national plan's 12 000 reports cost 0,07 s that way. The keys are the
    models' aliases in their order (tests/test_contracts.py compares the text)."""
    return {
        "id": u.id,
        "namn": u.text,
        "målområde": u.area_id,
        "ursprung": u.origin,
        "status": u.status,
        "nämnder": [
            {
                "nämnd": r.namnd,
                "status": r.status,
                "uppdragsstatus": r.status_text,
                "kommentar": r.comment,
                "beräknad_status": r.computed_status,
                "beslutad_status": r.declared_status,
                "motivering": r.declared_motivation,
            }
            for r in u.reports
        ],
    }


#: A national plan's rows are split in two, the second part evaluated and written in a
#: child process (`rows_beside`, engine.inputs.workers) when the caller asks: from this
#: many rows on.
BESIDE_ROWS = 10_000

#: The share of the pairs whose rows a child started before the evaluation
#: (`rows_beside`) evaluates and writes: the parent evaluates every pair (about 0,3 s for a
#: national period) and writes the rest of the contract, the child evaluates its share
#: only, so it takes the larger part of the rows.
CHILD_SHARE = 0.65


class RowsBeside(NamedTuple):
    """The last nyckeltal's rows, being evaluated and written in a child process: from
    row `start` of `Evaluation.kpis` on, with how many rows they are."""

    start: int
    pending: workers.Pending[WithBytes]


def rows_beside(rules: RuleSet, outcomes: PeriodOutcomes) -> RowsBeside | None:
    """Before `evaluate()`, for `json_parts(tail=…)`: a child process that evaluates the
    plan's last nyckeltal itself (`kpi_results_from`, the same results) and writes their
    rows while this process evaluates the period, so the two cores share the evaluation
    as well as the text. None for a plan under `BESIDE_ROWS` pairs or without a spare
    core. End it with `pending.cancel()` when the JSON is not written after all."""
    sizes = [len(ref.item.namnder) for ref in rules.measures("nyckeltal")]  # type: ignore[union-attr]
    total = sum(sizes)
    if total < BESIDE_ROWS or workers.spare_cores() < 1:
        return None
    first, start = 0, 0
    while first < len(sizes) and start < total * (1 - CHILD_SHARE):
        start += sizes[first]
        first += 1
    task = functools.partial(_rows_from, rules, outcomes, first)
    return RowsBeside(start, workers.beside(task))


def _rows_from(rules: RuleSet, outcomes: PeriodOutcomes, first: int) -> WithBytes:
    return _counted_rows(kpi_results_from(rules, outcomes, first))


#: The rows' place in the indented text: a key at the top level (a nested key is indented
#: further, and a string never holds a raw newline).
_ROWS_AT = b'\n  "nyckeltal": []'


def json_bytes(e: Evaluation, conclusion: str, *, tail: RowsBeside | None = None) -> bytes:
    """`evaluate --format json` as UTF-8: indented, never NaN or Infinity, ending in a
    newline. Bytes, so that the command writes them as they are (63 MB for a national
    period: decoding them and encoding them again for stdout cost about 0,1 s)."""
    return b"".join(json_parts(e, conclusion, tail=tail))


def json_parts(
    e: Evaluation, conclusion: str, *, tail: RowsBeside | None = None
) -> list[bytes | memoryview]:
    """`json_bytes` in parts, which a writer writes one after the other: joining them
    copies a national period's 63 MB once more, for nothing.

    The nyckeltal rows are written apart (`_rows`) and put into the rest's text where the
    empty list was: the same bytes as writing it all at once (tests/test_contracts.py).
    `tail`: the last rows are those of a child started before the evaluation
    (`rows_beside`); without it every row is written here."""
    # 60 000 row dicts that make no reference cycles: the collections their allocation
    # would trigger walk everything loaded and evaluated (engine.inputs.memory).
    with collector_paused():
        kpis = e.kpis
        split, second = _second_part(kpis, tail)
        try:
            rest = resultat(dataclasses.replace(e, kpis=[], uppdrag=[]), conclusion)
            data = rest.model_dump(mode="json", by_alias=True)
            data["uppdrag"] = [uppdrag_row(u) for u in e.uppdrag]
            text = _dumps(data) + b"\n"
            rows = [p for p in (_rows(kpis[:split]), second.result().data) if p]
        finally:
            second.cancel()
    if not rows:
        return [text]
    before, found, after = text.partition(_ROWS_AT)
    assert found, "the top-level nyckeltal list"
    parts = [before + _ROWS_AT[:-1] + b"\n", rows[0]]
    for more in rows[1:]:
        parts += [b",\n", more]
    return [*parts, b"\n  ]", after]


def _second_part(
    kpis: list[MeasureResult], tail: RowsBeside | None
) -> tuple[int, workers.Pending[WithBytes]]:
    """Where the rows are split, and the second part's (count, rows): `tail`'s child's
    (checked on `result()` against the rows the evaluation has there), or none."""
    if tail is not None:
        return tail.start, _Checked(tail, kpis)
    return len(kpis), workers.Pending(functools.partial(_counted_rows, []))


class _Checked(workers.Pending[WithBytes]):
    """`tail`'s rows, or, should the child have written another number of rows than the
    evaluation has from `tail.start` on, those rows written here."""

    def __init__(self, tail: RowsBeside, kpis: list[MeasureResult]) -> None:
        super().__init__(functools.partial(_counted_rows, kpis[tail.start :]))
        self.tail, self.expected = tail, len(kpis) - tail.start

    def result(self) -> WithBytes:
        found = self.tail.pending.result()
        return found if found.value == self.expected else super().result()

    def cancel(self) -> None:
        self.tail.pending.cancel()


def _counted_rows(kpis: list[MeasureResult]) -> WithBytes:
    """The rows and how many they are: the bytes pass from a child as they are (`WithBytes`)."""
    return WithBytes(len(kpis), _rows(kpis))


def _rows(kpis: list[MeasureResult]) -> bytes | memoryview:
    """The rows as they stand in the whole text: each object indented two levels, joined
    by ",\n", without the list's brackets (b"" for none)."""
    if not kpis:
        return b""
    with collector_paused():
        rows = [kpi_row(m) for m in kpis]
        # Written where they stand, under the top-level key (orjson indents from the left
        # margin only): re-indenting 63 MB afterwards cost 0,05 s of a national period.
        listed = _dumps({"nyckeltal": rows})
    # 60 000 dicts freed one by one cost about 0,08 s; a command leaves them to its end.
    outlive(rows)
    assert listed.startswith(_ROWS_HEAD) and listed.endswith(_ROWS_TAIL)
    return memoryview(listed)[len(_ROWS_HEAD) : -len(_ROWS_TAIL)]  # not a 30 MB copy


#: The text around the rows of `{"nyckeltal": rows}` indented: the rows are between.
_ROWS_HEAD = b'{\n  "nyckeltal": [\n'
_ROWS_TAIL = b"\n  ]\n}"


def _dumps(data: Any) -> bytes:
    """Plain data as indented JSON, as pydantic-core writes it (`to_json` with indent 2,
    non-finite numbers as null), by orjson: three times as fast on a national period's
    rows, with the same bytes (tests/test_json_writer.py compares them). What orjson
    cannot write (an integer beyond 64 bits) is left to pydantic-core."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:
        return pydantic_core.to_json(data, indent=2, inf_nan_mode="null")


def json_text(e: Evaluation, conclusion: str) -> str:
    """`json_bytes` as text."""
    return json_bytes(e, conclusion).decode()
