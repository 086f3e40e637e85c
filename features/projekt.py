"""The scenario builder shared by the feature step modules.

`Projekt` builds a small rules folder and period folder in `tmp_path` from the step
text; `Resultat` holds what a run produced. The base files (organisation, status scale,
GEH rule and texts) are copies of the real ones in rules/; the målområden take their id,
name, overall goal and order from the real rules/malomraden/ files.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Diagnostic, Report, Severity
from engine.evaluation.evaluate import (
    AreaResult,
    Evaluation,
    MeasureResult,
    UppdragResult,
    evaluate,
)
from engine.output.texts import conclusion

ROOT = Path(__file__).resolve().parent.parent
REAL_RULES = ROOT / "rules"


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
    cleaned = (
        text.strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").replace("%", "")
    )
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
    hushallning: dict[str, Any] = field(
        default_factory=lambda: read_yaml(REAL_RULES / "hushallning.yaml")
    )
    organisation: dict[str, Any] = field(
        default_factory=lambda: read_yaml(REAL_RULES / "organisation.yaml")
    )
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
    uppdrag_area: dict[str, tuple[str, dict[str, Any]]] = field(
        default_factory=dict
    )  # text → (area, rule)
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

    def add_kpi(
        self, name: str, namnd: str, direction: str, target: float | None, unit: str
    ) -> Measure:
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
            pytest.fail(
                f"'{name}' är inte definierat i scenariot; kända: {', '.join(self.measures)}"
            )
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

    def add_uppdrag(
        self,
        text: str,
        namnder: list[str],
        origin: str = "fullmäktige",
        area_name: str | None = None,
    ) -> dict[str, Any]:
        area = self.area(area_name)
        if text in self.uppdrag_area:
            _, rule = self.uppdrag_area[text]
            rule["nämnder"] += [n for n in namnder if n not in rule["nämnder"]]
            return rule
        n = len(self.areas[area]["uppdrag"]) + 1
        rule = {
            "id": f"{area[:12].strip('-')}-u{n:02d}",
            "text": text,
            "ursprung": origin,
            "nämnder": list(namnder),
        }
        self.areas[area]["uppdrag"].append(rule)
        self.uppdrag_area[text] = (area, rule)
        return rule

    def report_uppdrag(self, text: str, namnd: str, status: str) -> None:
        if text not in self.uppdrag_area:
            pytest.fail(f"uppdraget '{text}' är inte definierat i scenariot")
        area, rule = self.uppdrag_area[text]
        self.uppdrag_out.setdefault(area, []).append(
            {"id": rule["id"], "nämnd": namnd, "status": status}
        )

    def declare(self, area_name: str, status: str, motivation: str | None) -> None:
        area = self.area(area_name)
        self.declared[area] = {
            "status": status,
            **({"motivering": motivation} if motivation else {}),
        }

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
        write_yaml(
            rules / "hushallning.yaml",
            {"regel": self.hushallning["regel"], "texter": self.hushallning["texter"]},
        )
        write_yaml(
            rules / "finansiella_mal.yaml", {"målområde": finance_area, "finansiella_mål": goals}
        )
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

    def evaluate(self) -> tuple[Report, Evaluation | None, str]:
        """Load, evaluate and fill in the GEH conclusion as the CLI does; every diagnostic
        ends up in the report."""
        rules_dir, period_dir = self.write()
        report = Report()
        rules = load_rules(rules_dir, report)
        if rules is None:
            return report, None, ""
        outcomes = load_outcomes(period_dir, rules, report)
        if outcomes is None:
            return report, None, ""
        result = evaluate(rules, outcomes)
        report.extend(result.diagnostics)
        return report, result, conclusion(rules, result, report)


@dataclass
class Resultat:
    report: Report | None = None
    evaluation: Evaluation | None = None
    #: The GEH conclusion, filled in on the output side (engine.output.texts).
    conclusion: str = ""
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
    report, evaluation, conclusion = projekt.evaluate()
    resultat.report, resultat.evaluation, resultat.conclusion = report, evaluation, conclusion
    if evaluation is None:
        pytest.fail(
            "reglerna eller utfallen har fel:\n" + "\n".join(d.format() for d in report.sorted())
        )


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
