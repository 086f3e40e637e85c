"""Work done in a child process beside the parent's (engine.inputs.workers): the earlier
period folders of a big plan, and half of a big JSON text. The result must be the same as
in one process, also when the child fails; the child must really be another process."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path
from typing import Any

import pytest

from engine.checks import outcomes as outcome_loading
from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Report
from engine.evaluation.evaluate import evaluate, kpi_results_from
from engine.inputs import workers
from engine.inputs.loaded import Earlier
from engine.inputs.workers import beside, spare_cores
from engine.output import resultat_json
from engine.output.texts import conclusion
from tests.test_bulk_synthetic import generator

forking = pytest.mark.skipif(spare_cores() < 1, reason="needs Linux and two usable cores")


def _pid() -> int:
    return os.getpid()


def _fails_in_a_child(parent: int) -> str:
    if os.getpid() != parent:
        raise RuntimeError("only in the child")
    return "här"


def _unpicklable() -> object:
    return lambda: None  # pickle refuses a lambda


@forking
def test_the_task_runs_in_another_process() -> None:
    pending = beside(_pid)
    assert pending.forked
    assert pending.result() not in (os.getpid(), None)


@forking
def test_a_child_whose_result_is_read_is_collected_after_it_ends() -> None:
    """The parent reads the result when the child says it is written, not when the child
    has ended; the ended child is collected later, so none is left behind."""
    children = []
    for _ in range(3):
        pending = beside(_pid)
        child = pending.result()
        assert child != os.getpid()
        children.append(child)
    deadline = time.monotonic() + 10
    while workers._exiting and time.monotonic() < deadline:
        time.sleep(0.01)
        workers._reap()
    assert workers._exiting == []
    for child in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(child, os.WNOHANG)


@forking
def test_a_failing_child_leaves_the_task_to_the_parent() -> None:
    pending = beside(lambda: _fails_in_a_child(os.getpid()))
    assert pending.forked
    assert pending.result() == "här"


@forking
def test_a_result_that_cannot_be_sent_is_made_in_the_parent() -> None:
    assert callable(beside(_unpicklable).result())


def test_one_process_when_the_environment_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.ENV, "1")
    pending = beside(_pid)
    assert not pending.forked
    assert pending.result() == os.getpid()


@forking
def test_a_cancelled_child_is_ended_at_once() -> None:
    pending = beside(lambda: time.sleep(60))
    t0 = time.perf_counter()
    pending.cancel()
    assert time.perf_counter() - t0 < 5
    pending.cancel()  # twice is harmless


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nationell")
    generator().generate(folder, 12, 25, 1, "csv")
    return folder


def _json(root: Path, folder: str, *, beside: bool) -> tuple[bytes, list[str]]:
    report = Report()
    rules = load_rules(root / "rules", report)
    assert rules is not None
    out = load_outcomes(root / "fixtures" / folder, rules, report, beside=beside)
    assert out is not None, [d.format() for d in report.sorted()]
    tail = resultat_json.rows_beside(rules, out) if beside else None  # as the command does
    e = evaluate(rules, out)
    text = resultat_json.json_bytes(e, conclusion(rules, e, report), tail=tail)
    return text, [d.format() for d in report.sorted()]


@forking
def test_earlier_folders_and_json_made_beside_are_the_same(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the thresholds at zero every earlier folder and the last nyckeltal's rows are
    made in child processes; the text is byte for byte the one-process text, history
    included."""
    alone = _json(national, "2025-08", beside=False)
    forked: list[bool] = []

    def counted(task):  # type: ignore[no-untyped-def]
        pending = beside(task)
        forked.append(pending.forked)
        return pending

    parent, loaded_here = os.getpid(), []
    original = outcome_loading.earlier_values

    def earlier_values(folder, rules):  # type: ignore[no-untyped-def]
        if os.getpid() == parent:
            loaded_here.append(folder.name)
        return original(folder, rules)

    monkeypatch.setattr(outcome_loading, "BESIDE_BYTES", 0)
    monkeypatch.setattr(outcome_loading, "beside", counted)
    monkeypatch.setattr(outcome_loading, "earlier_values", earlier_values)
    monkeypatch.setattr(resultat_json, "BESIDE_ROWS", 0)
    monkeypatch.setattr(workers, "beside", counted)
    together = _json(national, "2025-08", beside=True)
    assert forked and all(forked), forked  # an earlier folder and the last rows
    assert len(forked) == 2
    assert loaded_here == []  # the child's values were used, not loaded again here
    assert together == alone
    assert b'"f\xc3\xb6reg\xc3\xa5ende_period": {' in together[0]  # the history was used


@forking
def test_an_earlier_folder_with_errors_is_left_out_the_same_way(
    national: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "kopia"
    for path in national.rglob("*"):
        if path.is_file():
            target = root / path.relative_to(national)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    period = root / "fixtures" / "2025-04" / "period.yaml"
    period.write_text(period.read_text(encoding="utf-8") + "okänd_nyckel: 1\n", encoding="utf-8")
    alone = _json(root, "2025-08", beside=False)
    monkeypatch.setattr(outcome_loading, "BESIDE_BYTES", 0)
    together = _json(root, "2025-08", beside=True)
    assert together == alone
    assert any("[jämförelseperiod]" in d and "2025-04" in d for d in together[1]), together[1]


def test_the_json_in_parts_is_the_json_at_once(national: Path) -> None:
    """`_rows` re-indents a list written on its own: an odd and an even split, an empty
    half and every row alone give the same bytes as one `to_json` of the whole."""
    text, _ = _json(national, "2025-08", beside=False)
    report = Report()
    rules = load_rules(national / "rules", report)
    assert rules is not None
    out = load_outcomes(national / "fixtures" / "2025-08", rules, report)
    assert out is not None
    e = evaluate(rules, out)
    rows = e.kpis
    for cut in (0, 1, len(rows) // 2, len(rows) - 1, len(rows)):
        parts = [p for p in (resultat_json._rows(rows[:cut]), resultat_json._rows(rows[cut:])) if p]
        assert b",\n".join(parts) in text
    assert b",\n".join(resultat_json._rows([m]) for m in rows) == resultat_json._rows(rows)


def test_an_earlier_period_crosses_the_pipe_whole(national: Path) -> None:
    """EarlierPeriod is pickled as bare values and made again on the other side."""
    report = Report()
    rules = load_rules(national / "rules", report)
    assert rules is not None
    earlier = outcome_loading.earlier_values(national / "fixtures" / "2025-04", rules)
    assert earlier is not None and earlier.kpi and earlier.goals
    again = pickle.loads(pickle.dumps(earlier, pickle.HIGHEST_PROTOCOL))
    assert again == earlier
    assert all(type(e) is Earlier and e.period == "2025-04" for e in again.kpi.values())
    assert len(pickle.dumps(earlier)) < 32 * len(earlier.kpi)  # bare values (36 as tuples)


def test_without_memfd_the_task_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python without os.memfd_create (some Linux builds) runs the task in the parent."""
    monkeypatch.delattr(os, "memfd_create", raising=False)
    pending = beside(_pid)
    assert not pending.forked
    assert pending.result() == os.getpid()


def _loaded(root: Path) -> tuple[Any, Any]:
    report = Report()
    rules = load_rules(root / "rules", report)
    assert rules is not None
    out = load_outcomes(root / "fixtures" / "2025-08", rules, report)
    assert out is not None
    return rules, out


def test_the_last_nyckeltal_evaluated_alone_are_the_evaluations_rows(national: Path) -> None:
    """`kpi_results_from` gives the rows `evaluate` has from that nyckeltal on, account,
    history and trend included, wherever the plan is cut."""
    rules, out = _loaded(national)
    whole = [resultat_json.kpi_row(m) for m in evaluate(rules, out).kpis]
    sizes = [len(ref.item.namnder) for ref in rules.measures("nyckeltal")]
    for first in (0, 1, len(sizes) // 2, len(sizes) - 1, len(sizes)):
        rows = [resultat_json.kpi_row(m) for m in kpi_results_from(rules, out, first)]
        assert rows == whole[sum(sizes[:first]) :], first
    assert any(row["föregående_period"] is not None for row in whole[len(whole) // 2 :])


@forking
def test_rows_evaluated_beside_before_the_evaluation_are_the_same_text(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's way (`rows_beside` before `evaluate`): the child evaluates and writes the
    last nyckeltal's rows, and the text is byte for byte the one-process text."""
    alone, _ = _json(national, "2025-08", beside=False)
    monkeypatch.setattr(resultat_json, "BESIDE_ROWS", 0)
    rules, out = _loaded(national)
    tail = resultat_json.rows_beside(rules, out)
    assert tail is not None and tail.pending.forked
    assert 0 < tail.start < len(evaluate(rules, out).kpis)
    e = evaluate(rules, out)
    text = b"".join(resultat_json.json_parts(e, conclusion(rules, e, Report()), tail=tail))
    assert text == alone


def test_rows_beside_that_do_not_fit_the_evaluation_are_written_here(national: Path) -> None:
    """Should the child's rows be more or fewer than the evaluation has from `start` on,
    the parent writes those rows itself: the text stays right."""
    alone, _ = _json(national, "2025-08", beside=False)
    rules, out = _loaded(national)
    e = evaluate(rules, out)
    wrong = resultat_json.RowsBeside(10, workers.Pending(lambda: workers.WithBytes(3, b"  {}")))
    text = b"".join(resultat_json.json_parts(e, conclusion(rules, e, Report()), tail=wrong))
    assert text == alone


def test_a_small_plan_writes_its_rows_in_one_process(national: Path) -> None:
    rules, out = _loaded(national)
    assert resultat_json.rows_beside(rules, out) is None  # 12 nämnder: under BESIDE_ROWS
