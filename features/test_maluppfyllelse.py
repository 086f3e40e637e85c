"""Step definitions for måluppfyllelse.feature.

Every scenario builds a small rules folder and period folder in `tmp_path` from the step
text (`Projekt`), then runs the real engine on them: `load_rules`, `load_outcomes` and
`evaluate`, as the command line does. The base files (organisation, status scale, GEH
rule and texts) are copies of the real ones in rules/; the målområden take their id,
name, overall goal and order from the real rules/malomraden/ files.

`Projekt` and the number and colour helpers are also used by
test_god_ekonomisk_hushallning.py.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from ruamel.yaml import YAML

from engine.diagnostics import Diagnostic, Report, Severity
from engine.evaluate import AreaResult, Evaluation, MeasureResult, UppdragResult, evaluate
from engine.outcomes import load_outcomes
from engine.rules import load_rules
from engine.summary import to_json, to_text

ROOT = Path(__file__).resolve().parent.parent
REAL_RULES = ROOT / "rules"

scenarios("måluppfyllelse.feature")


# --- helpers: numbers, colours, YAML -----------------------------------------------------

#: A number as written in the report: "96,8", "−2,4", "4 100 000".
NUM = r"[−-]?\d+(?: \d{3})*(?:,\d+)?"

#: Colour words in the step text → status keys. Neuter forms (nyckeltalet blir gult)
#: and common forms (status gul) are both accepted.
STATUS = {
    "grönt": "grön",
    "grön": "grön",
    "gult": "gul",
    "gul": "gul",
    "rött": "röd",
    "röd": "röd",
    "ej bedömt": "ej_bedömd",
    "ej bedömd": "ej_bedömd",
}
STATUS_RE = "|".join(sorted(STATUS, key=len, reverse=True))


def tal(text: str) -> float:
    """'96,8' → 96.8; '−2,4' → -2.4; '4 100 000' → 4100000."""
    cleaned = text.strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").replace("%", "")
    value = float(cleaned.replace(",", "."))
    return int(value) if value.is_integer() else value


def read_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = YAML()
    writer.default_flow_style = False
    writer.allow_unicode = True
    writer.width = 1_000_000
    buffer = io.StringIO()
    writer.dump(data, buffer)
    text = buffer.getvalue()
    path.write_text(text, encoding="utf-8")


def slug(text: str) -> str:
    t = text.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:40].strip("-") or "x"


def real_areas() -> dict[str, dict[str, Any]]:
    """Målområde name → id, namn, övergripande_mål, ordning from the real rules."""
    out = {}
    for file in sorted((REAL_RULES / "malomraden").glob("*.yaml")):
        data = read_yaml(file)
        out[data["namn"]] = {k: data[k] for k in ("id", "namn", "övergripande_mål", "ordning")}
    return out


AREAS = real_areas()
DEFAULT_AREA = "Hälso- och sjukvård"
FINANCE_AREA = "Ledningsprocesser"

#: Used only when a scenario names no financial goal: the rules language requires at
#: least one. It belongs to Ledningsprocesser, which scenarios about a målområde's parts
#: therefore avoid.
PLACEHOLDER_GOAL = {
    "id": "soliditet",
    "namn": "Soliditet (ökning) Exklusive ansvarsförbindelsen",
    "enhet": "%",
    "riktning": "Minst",
    "mål": -34.8,
    "bedömning": {"metod": "uppfyllt"},
}
PLACEHOLDER_GOAL_OUTCOME = {"id": "soliditet", "utfall": -31.0}


# --- the project built from the step text ---------------------------------------------


@dataclass
class Measure:
    kind: str  # "nyckeltal" or "finansiellt"
    rule: dict[str, Any]
    area: str | None  # area id for nyckeltal


@dataclass
class Projekt:
    """A rules folder and a period folder, described step by step and written on demand."""

    root: Path
    skala: dict[str, Any] = field(default_factory=lambda: read_yaml(REAL_RULES / "skala.yaml"))
    hushallning: dict[str, Any] = field(default_factory=lambda: read_yaml(REAL_RULES / "hushallning.yaml"))
    organisation: dict[str, Any] = field(default_factory=lambda: read_yaml(REAL_RULES / "organisation.yaml"))
    period: dict[str, Any] = field(
        default_factory=lambda: {
            "period": "2025-08",
            "benämning": "per augusti 2025",
            "typ": "delår",
            "mäts": ["tertial", "halvår"],
        }
    )
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → rules file
    kpi_out: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # area id → entries
    uppdrag_out: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # area id → entries
    declared: dict[str, dict[str, Any]] = field(default_factory=dict)  # area id → bedömning
    goals: list[dict[str, Any]] = field(default_factory=list)
    goal_out: list[dict[str, Any]] = field(default_factory=list)
    earlier: dict[str, list[tuple[Measure, dict[str, Any]]]] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    uppdrag_area: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # text → (area, rule)
    current: str | None = None
    real: tuple[Path, Path] | None = None

    # målområden

    def area(self, name: str | None = None) -> str:
        """Make `name` (or the current/default målområde) exist and be current; its id."""
        if name is None:
            if self.current is not None:
                return self.current
            name = DEFAULT_AREA
        if name not in AREAS:
            pytest.fail(f"okänt målområde '{name}'; kända: {', '.join(AREAS)}")
        info = AREAS[name]
        ident = info["id"]
        if ident not in self.areas:
            self.areas[ident] = {**info, "uppdrag": [], "nyckeltal": []}
        self.current = ident
        return ident

    def area_id(self, name: str) -> str:
        return AREAS[name]["id"]

    # nyckeltal and financial goals

    def add_kpi(self, name: str, namnd: str, direction: str, target: float | None, unit: str) -> Measure:
        area = self.area()
        rule: dict[str, Any] = {
            "id": f"{area[:12].strip('-')}-{namnd.lower()}-{slug(name)}",
            "namn": name,
            "nämnder": [namnd],
            "enhet": unit,
            "riktning": direction,
        }
        if target is not None:
            rule["mål"] = target
        rule["frekvens"] = "tertial"
        self.areas[area]["nyckeltal"].append(rule)
        m = self.measures[name] = Measure("nyckeltal", rule, area)
        return m

    def add_goal(self, name: str, direction: str, target: float, unit: str) -> Measure:
        rule = {"id": slug(name), "namn": name, "enhet": unit, "riktning": direction, "mål": target}
        self.goals.append(rule)
        m = self.measures[name] = Measure("finansiellt", rule, None)
        return m

    def measure(self, name: str) -> Measure:
        if name not in self.measures:
            pytest.fail(f"'{name}' är inte definierat i scenariot; kända: {', '.join(self.measures)}")
        return self.measures[name]

    def judge_with(self, name: str, bedomning: dict[str, Any]) -> None:
        self.measure(name).rule["bedömning"] = bedomning

    def outcome(self, name: str, **values: Any) -> None:
        m = self.measure(name)
        entry: dict[str, Any] = {"id": m.rule["id"]}
        if m.kind == "nyckeltal":
            entry["nämnd"] = m.rule["nämnder"][0]
            entry.update(values)
            self.kpi_out.setdefault(m.area, []).append(entry)  # type: ignore[arg-type]
        else:
            entry.update(values)
            self.goal_out.append(entry)

    def has_outcome(self, name: str) -> bool:
        m = self.measure(name)
        entries = self.kpi_out.get(m.area, []) if m.kind == "nyckeltal" else self.goal_out  # type: ignore[arg-type]
        return any(e["id"] == m.rule["id"] for e in entries)

    def earlier_outcome(self, period: str, name: str, value: float) -> None:
        m = self.measure(name)
        entry: dict[str, Any] = {"id": m.rule["id"], "utfall": value}
        if m.kind == "nyckeltal":
            entry["nämnd"] = m.rule["nämnder"][0]
        self.earlier.setdefault(period, []).append((m, entry))

    # uppdrag

    def add_uppdrag(self, text: str, namnder: list[str], origin: str = "fullmäktige", area_name: str | None = None) -> dict[str, Any]:
        area = self.area(area_name)
        if text in self.uppdrag_area:
            _, rule = self.uppdrag_area[text]
            rule["nämnder"] += [n for n in namnder if n not in rule["nämnder"]]
            return rule
        n = len(self.areas[area]["uppdrag"]) + 1
        rule = {"id": f"{area[:12].strip('-')}-u{n:02d}", "text": text, "ursprung": origin, "nämnder": list(namnder)}
        self.areas[area]["uppdrag"].append(rule)
        self.uppdrag_area[text] = (area, rule)
        return rule

    def report_uppdrag(self, text: str, namnd: str, status: str) -> None:
        if text not in self.uppdrag_area:
            pytest.fail(f"uppdraget '{text}' är inte definierat i scenariot")
        area, rule = self.uppdrag_area[text]
        self.uppdrag_out.setdefault(area, []).append({"id": rule["id"], "nämnd": namnd, "status": status})

    def declare(self, area_name: str, status: str, motivation: str | None) -> None:
        area = self.area(area_name)
        self.declared[area] = {"status": status, **({"motivering": motivation} if motivation else {})}

    # writing and evaluating

    @property
    def rules_dir(self) -> Path:
        return self.real[0] if self.real else self.root / "regler"

    @property
    def period_dir(self) -> Path:
        return self.real[1] if self.real else self.root / "utfall" / self.period["period"]

    def write(self) -> tuple[Path, Path]:
        if self.real:
            return self.real
        if not self.areas:
            self.area(DEFAULT_AREA)
        goals, goal_out = self.goals, self.goal_out
        if not goals:
            goals, goal_out = [PLACEHOLDER_GOAL], [PLACEHOLDER_GOAL_OUTCOME]
        current = self.current
        finance_area = self.area(FINANCE_AREA)
        self.current = current
        rules, period = self.rules_dir, self.period_dir
        write_yaml(rules / "organisation.yaml", self.organisation)
        write_yaml(rules / "skala.yaml", self.skala)
        # regel first, so that an expression's line is easy to tell (regel.uppnådd is line 2)
        write_yaml(rules / "hushallning.yaml", {"regel": self.hushallning["regel"], "texter": self.hushallning["texter"]})
        write_yaml(rules / "finansiella_mal.yaml", {"målområde": finance_area, "finansiella_mål": goals})
        for ident, area in self.areas.items():
            write_yaml(rules / "malomraden" / f"{ident}.yaml", area)
        write_yaml(period / "period.yaml", self.period)
        write_yaml(period / "finansiella_mal.yaml", {"finansiella_mål": goal_out})
        for ident in self.areas:
            # målområde on line 1, bedömning on line 2 (its status on line 3)
            out: dict[str, Any] = {"målområde": ident}
            if ident in self.declared:
                out["bedömning"] = self.declared[ident]
            if self.uppdrag_out.get(ident):
                out["uppdrag"] = self.uppdrag_out[ident]
            if self.kpi_out.get(ident):
                out["nyckeltal"] = self.kpi_out[ident]
            write_yaml(period / "malomraden" / f"{ident}.yaml", out)
        for name, entries in self.earlier.items():
            folder = period.parent / name
            write_yaml(
                folder / "period.yaml",
                {**self.period, "period": name, "benämning": f"per {name}"},
            )
            write_yaml(
                folder / "finansiella_mal.yaml",
                {"finansiella_mål": [e for m, e in entries if m.kind == "finansiellt"] or goal_out},
            )
            for ident in self.areas:
                out = {"målområde": ident}
                if self.uppdrag_out.get(ident):
                    out["uppdrag"] = self.uppdrag_out[ident]
                kpis = [e for m, e in entries if m.kind == "nyckeltal" and m.area == ident]
                if kpis:
                    out["nyckeltal"] = kpis
                write_yaml(folder / "malomraden" / f"{ident}.yaml", out)
        return rules, period

    def evaluate(self) -> tuple[Report, Evaluation | None]:
        """Load and evaluate as the CLI does; every diagnostic ends up in the report."""
        rules_dir, period_dir = self.write()
        report = Report()
        rules = load_rules(rules_dir, report)
        if rules is None:
            return report, None
        outcomes = load_outcomes(period_dir, rules, report)
        if outcomes is None:
            return report, None
        result = evaluate(rules, outcomes)
        report.extend(result.diagnostics)
        return report, result


@dataclass
class Resultat:
    report: Report | None = None
    evaluation: Evaluation | None = None
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""

    @property
    def e(self) -> Evaluation:
        assert self.evaluation is not None, "ingen beräkning har gjorts"
        return self.evaluation

    def diagnostics(self) -> list[Diagnostic]:
        return self.report.sorted() if self.report else []

    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics() if d.severity is Severity.WARNING]


def run_evaluation(projekt: Projekt, resultat: Resultat) -> None:
    report, evaluation = projekt.evaluate()
    resultat.report, resultat.evaluation = report, evaluation
    if evaluation is None:
        pytest.fail("reglerna eller utfallen har fel:\n" + "\n".join(d.format() for d in report.sorted()))


def find_measure(e: Evaluation, kind: str, name: str) -> MeasureResult:
    pool = e.goals if kind == "finansiellt" else e.kpis
    found = [m for m in pool if m.name == name]
    assert len(found) == 1, f"'{name}' hittades {len(found)} gånger bland {[m.name for m in pool]}"
    return found[0]


def find_area(e: Evaluation, name: str) -> AreaResult:
    found = [a for a in e.areas if a.name == name]
    assert len(found) == 1, f"målområdet '{name}' finns inte bland {[a.name for a in e.areas]}"
    return found[0]


def find_uppdrag(e: Evaluation, text: str) -> UppdragResult:
    found = [u for u in e.uppdrag if u.text == text]
    assert len(found) == 1, f"uppdraget '{text}' finns inte"
    return found[0]


def counts_row(header: list[str], row: list[str]) -> dict[str, int]:
    keys = {"grön": "grön", "gul": "gul", "röd": "röd", "ej bedömd": "ej_bedömd", "antal": "antal"}
    return {keys[h.strip()]: int(v) for h, v in zip(header, row, strict=False) if h.strip() in keys}


@pytest.fixture
def projekt(tmp_path: Path) -> Projekt:
    return Projekt(tmp_path)


@pytest.fixture
def resultat() -> Resultat:
    return Resultat()


# --- Givet ------------------------------------------------------------------------------


@given(parsers.re(r"^statusskalan i rules/skala\.yaml, där (?P<fran>\d+)–(?P<till>\d+) % av målet är gult$"))
def scale_from_rules(projekt: Projekt, fran: str, till: str) -> None:
    band = projekt.skala["gult_band"]
    # "90–99 %" in the report means from 90 up to (not including) 100.
    assert band["från"] == int(fran), band
    assert int(till) < band["till"] <= int(till) + 1, band


@given(parsers.re(r'^perioden är "(?P<period>\d{4}-\d{2})", "(?P<label>[^"]+)", där nyckeltal som mäts per tertial och halvår ska ha utfall$'))
def period(projekt: Projekt, period: str, label: str) -> None:
    projekt.period.update({"period": period, "benämning": label, "mäts": ["tertial", "halvår"]})


@given(parsers.re(r'^målområdet "(?P<name>[^"]+)"$'))
def area(projekt: Projekt, name: str) -> None:
    projekt.area(name)


@given(parsers.re(rf'^nyckeltalet "(?P<name>[^"]+)" för (?P<namnd>[A-ZÅÄÖ]+) med riktning "(?P<direction>[^"]+)" och mål (?P<target>{NUM})(?: (?P<unit>\S.*))?$'))
def kpi(projekt: Projekt, name: str, namnd: str, direction: str, target: str, unit: str | None) -> None:
    projekt.add_kpi(name, namnd, direction, tal(target), unit or "")


@given(parsers.re(r'^nyckeltalet "(?P<name>[^"]+)" för (?P<namnd>[A-ZÅÄÖ]+) med riktning "(?P<direction>[^"]+)", jämfört med (?P<against>föregående år|föregående period)$'))
def kpi_compared(projekt: Projekt, name: str, namnd: str, direction: str, against: str) -> None:
    m = projekt.add_kpi(name, namnd, direction, None, "")
    m.rule["bedömning"] = {"metod": "jämförelse", "mot": against.replace(" ", "_")}


@given(parsers.re(rf'^det finansiella målet "(?P<name>[^"]+)" med riktning "(?P<direction>[^"]+)" och mål (?P<target>{NUM})(?: (?P<unit>\S.*))?$'))
def goal(projekt: Projekt, name: str, direction: str, target: str, unit: str | None) -> None:
    projekt.add_goal(name, direction, tal(target), unit or "")


@given(parsers.re(r'^"(?P<name>[^"]+)" bedöms med metoden "(?P<method>[^"]+)"$'))
def judged_by(projekt: Projekt, name: str, method: str) -> None:
    projekt.judge_with(name, {"metod": method})


@given(parsers.re(rf'^"(?P<name>[^"]+)" har ett eget gult intervall från (?P<low>{NUM}) %$'))
def own_band(projekt: Projekt, name: str, low: str) -> None:
    projekt.judge_with(name, {"metod": "kvot", "gult_band": {"från": tal(low)}})


@given(parsers.re(r'^"(?P<name>[^"]+)" bedöms med egna intervall över (?P<basis>utfallet|kvoten):$'))
def own_bands(projekt: Projekt, name: str, basis: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    bands = []
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        band: dict[str, Any] = {"status": STATUS[cells["status"].strip()]}
        for key in ("från", "till"):
            if cells.get(key, "").strip():
                band[key] = tal(cells[key])
        bands.append(band)
    projekt.judge_with(name, {"metod": "band", "grund": "utfall" if basis == "utfallet" else "kvot", "band": bands})


@given(parsers.re(rf'^"(?P<name>[^"]+)" bedöms som förändring mot basåret (?P<year>\d{{4}})(?:, då värdet var (?P<base>{NUM}))?$'))
def change(projekt: Projekt, name: str, year: str, base: str | None) -> None:
    bedomning: dict[str, Any] = {"metod": "förändring", "basår": int(year)}
    if base is not None:
        bedomning["basvärde"] = tal(base)
    projekt.judge_with(name, bedomning)


@given(parsers.re(r'^"(?P<name>[^"]+)" bedöms med uttrycket:$'))
def expression(projekt: Projekt, name: str, docstring: str) -> None:
    projekt.judge_with(name, {"metod": "uttryck", "uttryck": docstring.strip()})


@given(parsers.re(r'^"(?P<name>[^"]+)" mäts bara på helår$'))
def yearly(projekt: Projekt, name: str) -> None:
    projekt.measure(name).rule["frekvens"] = "år"


@given(parsers.re(rf'^utfallet för "(?P<name>[^"]+)" är (?P<value>{NUM})(?: [^\s\d][^\s]*)?(?: med jämförelsevärdet (?P<previous>{NUM}))?$'))
def outcome(projekt: Projekt, name: str, value: str, previous: str | None) -> None:
    values: dict[str, Any] = {"utfall": tal(value)}
    if previous is not None:
        values["jämförelsevärde"] = tal(previous)
    projekt.outcome(name, **values)


@given(parsers.re(r'^utfallet för "(?P<name>[^"]+)" saknas: "(?P<reason>[^"]+)"$'))
def outcome_missing(projekt: Projekt, name: str, reason: str) -> None:
    projekt.outcome(name, saknas=reason)


@given(parsers.re(r'^inget utfall har rapporterats för "(?P<name>[^"]+)"$'))
def no_outcome(projekt: Projekt, name: str) -> None:
    assert not projekt.has_outcome(name)


@given(parsers.re(rf'^i perioden "(?P<period>\d{{4}}-\d{{2}})" var utfallet för "(?P<name>[^"]+)" (?P<value>{NUM})(?: [^\s\d][^\s]*)?$'))
def earlier_outcome(projekt: Projekt, period: str, name: str, value: str) -> None:
    projekt.earlier_outcome(period, name, tal(value))


@given(parsers.re(r'^uppdraget "(?P<text>[^"]+)" från fullmäktige till (?P<namnder>[A-ZÅÄÖ]+(?:(?:, | och )[A-ZÅÄÖ]+)*)$'))
def uppdrag(projekt: Projekt, text: str, namnder: str) -> None:
    projekt.add_uppdrag(text, re.split(r", | och ", namnder))


@given(parsers.re(r'^(?P<namnd>[A-ZÅÄÖ]+) rapporterar uppdraget "(?P<text>[^"]+)" som "(?P<status>[^"]+)"$'))
def uppdrag_reported(projekt: Projekt, namnd: str, text: str, status: str) -> None:
    projekt.report_uppdrag(text, namnd, status)


@given(parsers.re(r'^skala\.yaml översätter uppdragsstatusen "(?P<status>[^"]+)" till (?P<colour>grön|gul|röd)$'))
def status_mapping(projekt: Projekt, status: str, colour: str) -> None:
    projekt.skala["uppdragsstatusar"][status] = colour


@given(parsers.re(r'^sammanvägningsregeln i skala\.yaml är "(?P<rule>[^"]+)"$'))
def aggregation_rule(projekt: Projekt, rule: str) -> None:
    projekt.skala["sammanvägning"]["regel"] = rule


@given(parsers.re(r'^målområdet "(?P<name>[^"]+)" med uppdragen från fullmäktige:$'))
def area_with_uppdrag(projekt: Projekt, name: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        projekt.add_uppdrag(cells["uppdrag"], [cells["nämnd"]], area_name=name)
        projekt.report_uppdrag(cells["uppdrag"], cells["nämnd"], cells["status"])


@given(parsers.re(rf'^målområdet "(?P<name>[^"]+)" har beslutats som (?P<status>{STATUS_RE}) med motiveringen "(?P<motivation>[^"]+)"$'))
def declared_with_motivation(projekt: Projekt, name: str, status: str, motivation: str) -> None:
    projekt.declare(name, STATUS[status], motivation)


@given(parsers.re(rf'^målområdet "(?P<name>[^"]+)" har beslutats som (?P<status>{STATUS_RE}) utan motivering$'))
def declared_without_motivation(projekt: Projekt, name: str, status: str) -> None:
    projekt.declare(name, STATUS[status], None)


# --- När --------------------------------------------------------------------------------


@when("måluppfyllelsen beräknas")
def calculate(projekt: Projekt, resultat: Resultat) -> None:
    run_evaluation(projekt, resultat)


# --- Så ---------------------------------------------------------------------------------

SUBJECT = r'(?P<kind>nyckeltalet|det finansiella målet|uppdraget|målområdet) "(?P<name>[^"]+)"'


@then(parsers.re(rf"^blir {SUBJECT} (?P<status>{STATUS_RE})$"))
@then(parsers.re(rf"^{SUBJECT} blir (?P<status>{STATUS_RE})$"))
def status_is(resultat: Resultat, kind: str, name: str, status: str) -> None:
    e = resultat.e
    if kind == "uppdraget":
        actual, account = find_uppdrag(e, name).status, ""
    elif kind == "målområdet":
        actual, account = find_area(e, name).status, ""
    else:
        m = find_measure(e, "finansiellt" if kind == "det finansiella målet" else "nyckeltal", name)
        actual, account = m.status, m.account
    assert actual == STATUS[status], f"{kind} '{name}': {actual}, väntat {STATUS[status]}. {account}"


@then(parsers.re(rf'^är måluppfyllelsen för "(?P<name>[^"]+)" (?P<ratio>{NUM}) %$'))
@then(parsers.re(rf'^måluppfyllelsen för "(?P<name>[^"]+)" är (?P<ratio>{NUM}) %$'))
def ratio_is(resultat: Resultat, name: str, ratio: str) -> None:
    m = find_measure(resultat.e, "finansiellt" if any(g.name == name for g in resultat.e.goals) else "nyckeltal", name)
    assert m.ratio is not None, m.account
    assert round(m.ratio, 1) == tal(ratio), m.account
    shown = to_json(resultat.e)
    pool = shown["finansiella_mål"] if m.namnd is None else shown["nyckeltal"]
    assert [x["måluppfyllelse"] for x in pool if x["namn"] == name] == [tal(ratio)]


@then(parsers.re(r'^ingen måluppfyllelse i procent anges för "(?P<name>[^"]+)"$'))
def no_ratio(resultat: Resultat, name: str) -> None:
    kind = "finansiellt" if any(g.name == name for g in resultat.e.goals) else "nyckeltal"
    m = find_measure(resultat.e, kind, name)
    assert m.ratio is None, m.account


@then(parsers.re(r'^skälet som visas för "(?P<name>[^"]+)" är "(?P<reason>[^"]+)"$'))
def reason_shown(resultat: Resultat, name: str, reason: str) -> None:
    m = find_measure(resultat.e, "nyckeltal", name)
    assert m.missing_reason == reason, m.missing_reason
    line = next(ln for ln in to_text(resultat.e).splitlines() if f"{name}:" in ln)
    assert f"[{reason}]" in line, line


@then("inga varningar ges")
def no_warnings(resultat: Resultat) -> None:
    assert resultat.warnings() == [], [d.format() for d in resultat.warnings()]


@then(parsers.re(r'^ingen varning "(?P<code>[^"]+)" ges$'))
def no_warning_code(resultat: Resultat, code: str) -> None:
    hits = [d.format() for d in resultat.diagnostics() if d.code == code]
    assert hits == [], hits


@then(parsers.re(r'^ges varningen "(?P<code>[^"]+)" om "(?P<name>[^"]+)"$'))
def warning_about(projekt: Projekt, resultat: Resultat, code: str, name: str) -> None:
    ident = projekt.measure(name).rule["id"]
    hits = [d for d in resultat.warnings() if d.code == code and f"'{ident}'" in d.message]
    assert hits, [d.format() for d in resultat.diagnostics()]


@then(parsers.re(r'^ges varningen "(?P<code>[^"]+)" på rad (?P<line>\d+) i "(?P<file>[^"]+)"$'))
@then(parsers.re(r'^varningen "(?P<code>[^"]+)" ges på rad (?P<line>\d+) i "(?P<file>[^"]+)"$'))
def warning_at(projekt: Projekt, resultat: Resultat, code: str, line: str, file: str) -> None:
    path = f"{projekt.period_dir.as_posix()}/{file}"
    hits = [d for d in resultat.warnings() if d.code == code]
    assert hits, [d.format() for d in resultat.diagnostics()]
    formatted = [d.format() for d in hits]
    assert any(f.startswith(f"{path}:{line}:") and ": varning: " in f for f in formatted), formatted


@then(parsers.re(r'^delarna i målområdet "(?P<name>[^"]+)" räknas så här:$'))
def parts_are(resultat: Resultat, name: str, datatable: list[list[str]]) -> None:
    header, row = datatable
    a = find_area(resultat.e, name)
    assert a.parts == counts_row(header, row), a.parts


@then(parsers.re(rf'^föreslås målområdet "(?P<name>[^"]+)" som (?P<status>{STATUS_RE})$'))
@then(parsers.re(rf'^målområdet "(?P<name>[^"]+)" föreslås som (?P<status>{STATUS_RE})$'))
def computed_is(resultat: Resultat, name: str, status: str) -> None:
    a = find_area(resultat.e, name)
    assert a.computed_status == STATUS[status], (a.computed_status, a.parts)


@then(parsers.re(rf'^den beräknade statusen (?P<computed>{STATUS_RE}) visas bredvid den beslutade (?P<declared>{STATUS_RE}) för målområdet "(?P<name>[^"]+)"$'))
def computed_shown(resultat: Resultat, computed: str, declared: str, name: str) -> None:
    shown = next(x for x in to_json(resultat.e)["målområden"] if x["namn"] == name)
    assert (shown["status"], shown["beslutad_status"], shown["beräknad_status"]) == (
        STATUS[declared],
        STATUS[declared],
        STATUS[computed],
    ), shown
    word = {"grön": "grön", "gul": "gul", "röd": "röd", "ej_bedömd": "ej bedömd"}[STATUS[computed]]
    lines = [ln for ln in to_text(resultat.e).splitlines() if f" {name}: " in ln]
    assert lines and f"(beräknad: {word})" in lines[0], lines
