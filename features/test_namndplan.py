"""Steps for nämndplan.feature: the example nämnd plan (examples/hsn-plan) validated,
evaluated and reported with the nämnd layout of rapport.yaml."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pytest_bdd import given, parsers, scenarios, then, when
from ruamel.yaml import YAML
from test_bilaga1 import Appendix, Table

from engine.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hsn-plan"

scenarios("nämndplan.feature")


@dataclass
class Plan:
    root: Path
    out: str = ""
    appendix: Appendix | None = None
    runs: list[tuple[int, str]] = field(default_factory=list)

    @property
    def rules(self) -> Path:
        return self.root / "rules"


def _run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


def _yaml(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _summary(plan: Plan) -> Table:
    assert plan.appendix is not None, "rapporten har inte skapats"
    return plan.appendix.section("Sammanställning per målområde").tables[0]


def _counts(cells: list[str]) -> list[int]:
    return [int(c or 0) for c in cells]


@given("exemplets nämndplan i examples/hsn-plan (påhittade uppgifter)", target_fixture="plan")
def _example(tmp_path: Path) -> Plan:
    shutil.copytree(EXAMPLE, tmp_path / "hsn-plan")
    return Plan(tmp_path / "hsn-plan")


@given(parsers.parse('att rapport.yaml har förled "{prefix}"'))
def _prefix(plan: Plan, prefix: str) -> None:
    path = plan.rules / "rapport.yaml"
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r'(?m)^förled: ""$', f'förled: "{prefix}"', text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


@given(parsers.parse('att sammanställningens kolumner i rapport.yaml är "{columns}"'))
def _columns(plan: Plan, columns: str) -> None:
    path = plan.rules / "rapport.yaml"
    listed = ", ".join(c.strip() for c in columns.split(","))
    with path.open("a", encoding="utf-8") as f:
        f.write(f"sammanställning:\n  kolumner: [{listed}]\n")


@when("nämndens rapport skapas")
def _report(plan: Plan) -> None:
    out = plan.root / "rapporter"
    code, said = _run(
        "report", "--rules", str(plan.rules), "--format", "html", "--out", str(out), "-q"
    )
    assert code == 0, said
    plan.appendix = Appendix((out / "bilaga1-2026-04.html").read_text(encoding="utf-8"))


@when("planen utvärderas")
def _evaluate(plan: Plan) -> None:
    code, said = _run("evaluate", "--rules", str(plan.rules))
    assert code == 0, said
    plan.out = said


@then("godkänns planen av validate --strict")
def _valid(plan: Plan) -> None:
    code, said = _run("validate", "--strict", str(plan.rules))
    assert code == 0, said
    assert "0 fel, 0 varningar" in said


@then(parsers.parse('underkänns planen av validate med "{message}"'))
def _invalid(plan: Plan, message: str) -> None:
    code, said = _run("validate", str(plan.rules))
    assert code == 1, said
    line = next(x for x in said.splitlines() if message in x)
    assert re.match(r"^\S*rules/rapport\.yaml:\d+:\d+: fel: ", line), line
    assert line.endswith("[okänd-kolumn]")


@then(parsers.parse('är huvudrubriken "{title}"'))
def _title(plan: Plan, title: str) -> None:
    assert plan.appendix is not None
    assert plan.appendix.title == title


@then(parsers.parse('står inte "{text}" i rapporten'))
def _not_in_report(plan: Plan, text: str) -> None:
    assert plan.appendix is not None
    assert text not in plan.appendix.all_text
    assert text not in plan.appendix.title


@then(parsers.parse('har rapporten inget avsnitt "{heading}"'))
def _no_section(plan: Plan, heading: str) -> None:
    assert plan.appendix is not None
    assert heading not in [s.heading for s in plan.appendix.sections]


@then("har rapporten inget avsnitt om god ekonomisk hushållning")
def _no_geh(plan: Plan) -> None:
    assert plan.appendix is not None
    headings = [s.heading.lower() for s in plan.appendix.sections]
    assert not [h for h in headings if "hushållning" in h], headings
    assert "god ekonomisk hushållning" not in plan.appendix.all_text.lower()


@then(parsers.parse('har sammanställningen kolumnerna "{first}" och "{second}" med antal per färg'))
def _columns_per_colour(plan: Plan, first: str, second: str) -> None:
    table = _summary(plan)
    assert table.head[0][1:3] == [first, second]
    assert table.head[1] == ["Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt"] * 2


@then("stämmer sammanställningens antal per färg med uppdragens och nyckeltalens färger")
def _counts_match(plan: Plan) -> None:
    """Counted here from the files: an uppdrag's colour from its status text through
    skala.yaml; a nyckeltal's from `evaluate --format json` (one per nämnd row)."""
    colour_of = _yaml(plan.rules / "skala.yaml")["uppdragsstatusar"]
    code, said = _run("evaluate", "--rules", str(plan.rules), "--format", "json")
    assert code == 0, said
    kpis = json.loads(said)["nyckeltal"]
    areas = sorted(
        (_yaml(f) for f in (plan.rules / "malomraden").glob("*.yaml")), key=lambda d: d["ordning"]
    )
    expected = []
    for area in areas:
        outcome = _yaml(plan.root / "fixtures" / "2026-04" / "malomraden" / f"{area['id']}.yaml")
        uppdrag = Counter(colour_of[u["status"]] for u in outcome["uppdrag"])
        measured = Counter(k["status"] for k in kpis if k["målområde"] == area["id"])
        expected.append(
            [uppdrag[c] for c in ("grön", "gul", "röd")]
            + [measured[c] for c in ("grön", "gul", "röd")]
        )
    assert [_counts(r[1:7]) for r in _summary(plan).body] == expected


@then("är totalraden summan av målområdenas antal")
def _total(plan: Plan) -> None:
    table = _summary(plan)
    rows = [_counts(r[1:7]) for r in table.body]
    assert table.foot[0][0] == "Totalt"
    assert _counts(table.foot[0][1:7]) == [sum(c) for c in zip(*rows, strict=True)]


@then(parsers.parse('står det "{text}"'))
def _says(plan: Plan, text: str) -> None:
    assert text in plan.out, plan.out


@then(parsers.parse('står det inte "{text}"'))
def _does_not_say(plan: Plan, text: str) -> None:
    assert text not in plan.out, plan.out
