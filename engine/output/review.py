"""The review appendix for auditors (`report --format granskning`): every colour with
what it rests on, so that it can be followed to its decision, rule, source and line.

Per målområde: every nyckeltal, financial goal and uppdrag with the decided target and
the decision behind it, the judgement rule and band, the value and its source, the
computed status with its account, and a link to the rules file and line it comes from;
then the roll-up (computed against declared status, with the motivation), and the god
ekonomisk hushållning conclusion step by step. Written as one HTML file,
`granskning-ÅÅÅÅ-MM.html`, beside Bilaga 1 but not part of its set.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from engine.diagnostics import Location
from engine.evaluation.evaluate import AreaResult, Evaluation, MeasureResult, UppdragResult
from engine.inputs.loaded import RuleSet
from engine.models import (
    COLOURS,
    DEFAULT_METHOD,
    Banded,
    Forandring,
    Jamforelse,
    Kvot,
    Measure,
    NivaOchTrend,
    Nyckeltal,
    Uttryck,
)
from engine.output.presentation import Status, declared_note
from engine.output.review_changes import changes_since
from engine.output.sources import source_note
from engine.output.trend import trend_text
from engine.wording import number, percent, period_words, target_text, value_text

METHODS = {
    "kvot": "Kvot mot målet",
    "uppfyllt": "Uppfyllt (grönt) eller inte (rött)",
    "band": "Egna intervall",
    "förändring": "Förändring mot basår",
    "jämförelse": "Jämförelse med ett tidigare utfall",
    "nivå_och_trend": "Nivå och trend (sammansatt mål)",
    "baslinje": "Baslinjemätning",
    "uttryck": "Uttryck",
}
#: `nivå_och_trend`'s two rules in words, for the auditor (the truth table in the README).
TREND_RULES = {
    "nivå_räcker": "nådd nivå är grön, annars gul om trenden är bättre, annars röd",
    "båda": "grön när nivån nås och trenden är bättre, gul när ett av dem gäller, annars röd",
}
PARTS = {"målområden": "Målområden", "uppdrag": "Fullmäktiges uppdrag",
         "finansiella": "Finansiella mål"}  # fmt: skip


@dataclass(frozen=True)
class Where:
    """A rules file and line, shown relative to the project and linked from the report."""

    text: str
    href: str


@dataclass(frozen=True)
class MeasureLine:
    anchor: str
    kind: str
    id: str
    name: str
    namnd: str
    target: str
    decision: str
    rule: str
    value: str
    note: str
    source: str
    ratio: str
    status: Status
    account: str
    comment: str
    where: Where
    #: A declared status with its motivering and the computed one ("" when none).
    declared: str = ""
    #: The trend against an earlier period, as in the appendix ("" without one).
    trend: str = ""


@dataclass(frozen=True)
class UppdragLine:
    anchor: str
    id: str
    text: str
    origin: str
    status: Status
    reports: list[tuple[str, str, Status, str]]
    where: Where


@dataclass(frozen=True)
class AreaReview:
    id: str
    name: str
    overall_goal: str
    status: Status
    computed: Status
    declared: Status | None
    motivation: str
    parts: str
    aggregation: str
    kpis: list[MeasureLine]
    goals: list[MeasureLine]
    uppdrag: list[UppdragLine]
    where: Where


@dataclass(frozen=True)
class Granskning:
    organisation: str
    period: str
    period_label: str
    default_decision: str
    areas: list[AreaReview]
    geh_steps: list[str]
    geh_conclusion: list[str]
    statuses: dict[str, Status] = field(default_factory=dict)
    #: Every red nyckeltal and financial goal, for the index at the top.
    red: list[MeasureLine] = field(default_factory=list)
    #: The period compared with ("" when there is none) and what changed since it.
    previous: str = ""
    changes: list[str] = field(default_factory=list)
    #: What the default decision lacks of document, date, body and paragraph.
    default_missing: list[str] = field(default_factory=list)


class _Reviewer:
    def __init__(self, rules: RuleSet, e: Evaluation, out_dir: Path) -> None:
        self.rules, self.e, self.out_dir = rules, e, out_dir.resolve()
        scale = rules.scale.model.statuses
        self.statuses: dict[str, Status] = {
            k: Status(k, scale[k].label, scale[k].colour_word, scale[k].symbol, scale[k].legend)
            for k in COLOURS
        }
        self.project = Path(rules.root).resolve().parent
        self.places: dict[tuple[str, str], Location] = {
            ref.key: ref.at() for ref in rules.measures()
        }

    def where(self, kind: str, ident: str) -> Where:
        loc = self.places.get((kind, ident))
        if loc is None:
            return Where("", "")
        path = Path(loc.path).resolve()
        try:
            shown = path.relative_to(self.project).as_posix()
        except ValueError:
            shown = path.as_posix()
        href = Path(os.path.relpath(path, self.out_dir)).as_posix()
        return Where(f"{shown}:{loc.line}", f"{href}#L{loc.line}")

    def rule(self, measure: Measure) -> str:
        """The rule as configured (also when this period's value is missing)."""
        j = measure.judgement or DEFAULT_METHOD
        text = METHODS.get(j.method, j.method)
        if isinstance(j, Kvot):
            band = j.yellow_band or self.rules.scale.model.yellow_band
            low, high = number(band.low), number(band.high)
            text += f"; gult {low} % ≤ kvot < {high} %, grönt från {high} %"
        elif isinstance(j, Uttryck):
            text += f": {j.expression}"
        elif isinstance(j, Banded):
            bands = [
                f"{b.status} {number(b.low) if b.low is not None else '−∞'}"
                f"–{number(b.high) if b.high is not None else '∞'}"
                for b in j.bands
            ]
            text += f" över {j.basis}: {', '.join(bands)}"
        elif isinstance(j, Forandring):
            text += f" {j.base_year}"
        elif isinstance(j, Jamforelse):
            text += f" ({j.against.replace('_', ' ')})"
        elif isinstance(j, NivaOchTrend):
            text += (
                f": nivån är målet, trenden mot {j.against.replace('_', ' ')}; "
                + (TREND_RULES[j.rule])
            )
        if isinstance(measure, Nyckeltal) and measure.baseline is not None:
            text += (
                f"; baslinjemätning {measure.baseline}: det året ej bedömd, "
                "värdet blir basvärde för senare år"
            )
        return text

    def measure(self, m: MeasureResult) -> MeasureLine:
        kind = "nyckeltal" if m.namnd is not None else "finansiellt_mål"
        if m.namnd is not None:
            kpi: Nyckeltal = self.rules.nyckeltal[m.id][1]
            measure = self.rules.measure_for(kpi)
        else:
            measure = self.rules.goals[m.id]
        # The decision of the target in force (over time, or the nämnd's deviating one).
        decision = m.decision
        shown = target_text(m.direction, m.target, m.unit) if m.target is not None else "–"
        # The printed text is compared with the target itself, not with the entry's name.
        target = shown + _as_printed(shown, m.target_text)
        if m.target_applies is not None:
            target += f" (målet för {period_words(m.target_applies)})"
        note = m.missing_reason or (
            f"Värdet är överfört från mätningen {period_words(m.carried_from)}."
            if m.carried_from
            else ""
        )
        return MeasureLine(
            anchor=f"{kind}-{m.id}" + (f"-{m.namnd}" if m.namnd else ""),
            kind="Nyckeltal" if m.namnd is not None else "Finansiellt mål",
            id=m.id,
            name=m.name,
            namnd=m.namnd or "",
            target=target,
            decision=decision.text() if decision else "",
            rule=self.rule(measure),
            value=value_text(m.value, m.unit) if m.value is not None else "saknas",
            trend=trend_text(m),
            note=note,
            source=source_note(m.source, self.e.organisation, m.value is not None),
            ratio=percent(m.ratio) if m.ratio is not None else "–",
            status=self.statuses[m.status],
            account=m.account,
            comment=m.comment,
            where=self.where(kind, m.id),
            declared=declared_note(
                self.statuses, m.declared_status, m.computed_status, m.declared_motivation
            )
            if m.declared_status is not None
            else "",
        )

    def uppdrag(self, u: UppdragResult) -> UppdragLine:
        return UppdragLine(
            anchor=f"uppdrag-{u.id}",
            id=u.id,
            text=u.text,
            origin=u.origin,
            status=self.statuses[u.status],
            reports=[
                (
                    r.namnd,
                    r.status_text or "ingen status",
                    self.statuses[r.status],
                    " ".join(
                        p
                        for p in (
                            declared_note(
                                self.statuses,
                                r.declared_status,
                                r.computed_status,
                                r.declared_motivation,
                            )
                            if r.declared_status is not None
                            else "",
                            r.comment,
                        )
                        if p
                    ),
                )
                for r in u.reports
            ],
            where=self.where("uppdrag", u.id),
        )

    def area(self, a: AreaResult) -> AreaReview:
        counts = ", ".join(f"{a.parts[c]} {self.statuses[c].label.lower()}" for c in COLOURS)
        agg = self.rules.scale.model.aggregation
        src = next(s for s in self.rules.areas if s.model.id == a.id)
        place = src.at()
        return AreaReview(
            id=a.id,
            name=a.name,
            overall_goal=a.overall_goal,
            status=self.statuses[a.status],
            computed=self.statuses[a.computed_status],
            declared=self.statuses[a.declared_status] if a.declared_status else None,
            motivation=a.motivation or "",
            parts=f"{counts} (av {a.parts['antal']} delar)",
            aggregation=f"'{agg.rule}' över {', '.join(p.replace('_', ' ') for p in agg.parts)}",
            kpis=[self.measure(m) for m in self.e.kpis if m.area_id == a.id],
            goals=[self.measure(g) for g in self.e.goals if g.area_id == a.id],
            uppdrag=[self.uppdrag(u) for u in self.e.uppdrag if u.area_id == a.id],
            where=Where(
                f"{self._shown(place.path)}:{place.line}",
                f"{Path(os.path.relpath(Path(place.path).resolve(), self.out_dir)).as_posix()}",
            ),
        )

    def _shown(self, path: str) -> str:
        p = Path(path).resolve()
        return p.relative_to(self.project).as_posix() if p.is_relative_to(self.project) else path

    def geh_steps(self) -> list[str]:
        g = self.e.geh
        steps: list[str] = []
        if g is None:  # a plan without hushallning.yaml: no verdict to explain
            return steps
        for part, c in g.counts.items():
            said = ", ".join(f"{c[k]} {self.statuses[k].label.lower()}" for k in COLOURS)
            steps.append(f"{PARTS.get(part, part)}: {said} (av {c['antal']}).")
        known = {f"{p}_{k}": n for p, c in g.counts.items() for k, n in c.items()}
        names = [n for n in dict.fromkeys(re.findall(r"[a-zåäö_]+", g.rule)) if n in known]
        values = ", ".join(f"{n} = {known[n]}" for n in names)
        steps.append(f"Regeln för uppnådd: {g.rule}" + (f", med {values}." if values else "."))
        outcome = {True: "uppnådd", False: "inte uppnådd", "delvis": "delvis uppnådd"}
        steps.append(f"Alltså är god ekonomisk hushållning {outcome[g.achieved]}.")
        if g.red_areas:
            steps.append(f"Målområden som inte uppfyllts: {', '.join(g.red_areas)}.")
        return steps


def _as_printed(shown: str, printed: str) -> str:
    """The target as the source document printed it, when that says something else."""

    def bare(text: str) -> str:
        return "".join(text.split()).replace("\u2212", "-").casefold()

    same = bare(shown) == bare(printed)
    return "" if same or not printed else f" (i dokumentet: {printed})"


def build_review(
    rules: RuleSet,
    e: Evaluation,
    out_dir: Path,
    previous: Evaluation | None = None,
    conclusion: str = "",
) -> Granskning:
    r = _Reviewer(rules, e, out_dir)
    default = rules.organisation.model.decision
    areas = [r.area(a) for a in e.areas]
    return Granskning(
        organisation=e.organisation,
        period=e.period,
        period_label=e.period_label,
        default_decision=default.text() if default else "",
        default_missing=default.missing() if default else [],
        areas=areas,
        red=[k for a in areas for k in a.kpis + a.goals if k.status.key == "röd"],
        geh_steps=r.geh_steps(),
        geh_conclusion=[p for p in conclusion.split("\n\n") if p.strip()],
        statuses=r.statuses,
        previous=previous.period_label if previous else "",
        changes=changes_since(previous, e, r.statuses) if previous else [],
    )


def render_review(env: SandboxedEnvironment, g: Granskning) -> bytes:
    return env.get_template("granskning.html.j2").render(g=g).encode("utf-8")
