"""Stage 2, validate: the optional economy files of a period folder, loaded and checked.

`balanskrav.yaml` (the balanskravsutredning), `atgarder.yaml` (action plans with
stoplights) and `budgetavvikelse.yaml` (forecasts of the budget deviation). Every total a
file gives is compared with its own sum (engine.evaluation.economy); a total that does not
add up is a warning at that total's line, naming the figures it was added from. The
registry (engine.checks.registry) lists the checks with their codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.checks.outcome_checks import Period
from engine.diagnostics import Report
from engine.evaluation.economy import TOLERANCE, action_sums, balanskrav, deviation
from engine.inputs.files import ECONOMY_FILES
from engine.inputs.parse import Source, load_model
from engine.models.economy import AtgarderFile, BalanskravFile, BudgetavvikelseFile
from engine.wording import decimal, join_words

#: How the rows are called in the messages (as in the report's table).
ROW_NAMES = {
    "årets_resultat": "årets resultat",
    "realisationsvinster": "realisationsvinster",
    "realisationsvinster_undantag": "realisationsvinster enl. undantagsmöjlighet",
    "realisationsförluster_undantag": "realisationsförluster enl. undantagsmöjlighet",
    "orealiserade_värdepapper": "orealiserade vinster och förluster",
    "återföring_orealiserade": "återföring av orealiserade vinster och förluster",
    "resultat_efter_justeringar": "årets resultat efter balanskravsjusteringar",
    "reservering_resultatreserv": "reservering till resultatreserv",
    "användning_resultatreserv": "användning av resultatreserv",
    "balanskravsresultat": "balanskravsresultatet",
    "synnerliga_skäl_ej_återställa": "synnerliga skäl att ej återställa",
    "att_återställa": "årets balanskravsresultat att återställa",
    "från_tidigare_år": "negativt balanskravsresultat från tidigare år",
    "ackumulerat_ej_återställt": "ackumulerat ej återställt",
    "föregående_år": "föregående års ackumulerade ej återställda",
}


@dataclass(frozen=True)
class EconomySources:
    balanskrav: Source[BalanskravFile] | None = None
    atgarder: Source[AtgarderFile] | None = None
    budgetavvikelse: Source[BudgetavvikelseFile] | None = None


def load_economy(folder: Path, display: str, report: Report) -> EconomySources:
    """The economy files that exist in `folder`; each is optional."""
    models: dict[str, type[Any]] = {
        "balanskrav": BalanskravFile,
        "atgarder": AtgarderFile,
        "budgetavvikelse": BudgetavvikelseFile,
    }
    found: dict[str, Any] = {}
    for role, name in ECONOMY_FILES.items():
        file = folder / name
        if file.is_file():
            found[role] = load_model(file, f"{display}/{name}", models[role], report)
    return EconomySources(**found)


def balanskrav_sums(p: Period, report: Report) -> None:
    """Every printed total of the balanskravsutredning is the sum of its own parts."""
    src = p.outcomes.balanskrav
    if src is None:
        return
    computed = balanskrav(src.model)
    for m in computed.mismatches:
        values = computed.columns[m.index].values
        given = [k for k in m.parts if values.get(k, 0.0) is not None]
        difference = m.printed - m.computed
        # Each rounded part may be off by half a unit: within that it is likely rounding.
        rounding = abs(difference) <= 0.05 * len(given) + 1e-9
        report.warning(
            src.at("utredning", m.index, m.key),
            "tryckt-summa",
            f"{ROW_NAMES[m.key]} {m.year} är {decimal(m.printed, 1)} mkr, men "
            f"{join_words([ROW_NAMES[k] for k in given])} ger {decimal(m.computed, 1)} mkr "
            f"(skillnad {decimal(difference, 1)} mkr"
            + ("; troligen avrundning i källan" if rounding else "")
            + "); rätta den siffra som är fel",
            src.name("utredning", m.index, m.key),
        )


def balanskrav_years(p: Period, report: Report) -> None:
    """One column per year, and a restore year after the year itself."""
    src = p.outcomes.balanskrav
    if src is None:
        return
    seen: set[int] = set()
    for i, y in enumerate(src.model.years):
        if y.year in seen:
            report.error(
                src.at("utredning", i, "år"),
                "dubblett",
                f"året {y.year} finns redan i utredningen",
                src.name("utredning", i, "år"),
            )
        seen.add(y.year)
        if y.restore_by is not None and y.restore_by <= y.year:
            report.error(
                src.at("utredning", i, "återställs_senast"),
                "ekonomiuppgift",
                f"{y.year} års underskott kan inte återställas senast {y.restore_by}; ange ett "
                f"senare år",
                src.name("utredning", i, "återställs_senast"),
            )


def actions(p: Period, report: Report) -> None:
    """Each action once, with a stoplight that the file's scale declares."""
    src = p.outcomes.atgarder
    if src is None:
        return
    scale = src.model.scale
    seen: set[str] = set()
    for i, a in enumerate(src.model.actions):
        if a.id in seen:
            report.error(
                src.at("åtgärder", i, "id"),
                "dubblett",
                f"åtgärden '{a.id}' finns redan",
                src.name("åtgärder", i, "id"),
            )
        seen.add(a.id)
        if a.stoplight not in scale:
            report.error(
                src.at("åtgärder", i, "stoppljus"),
                "okänd-status",
                f"stoppljuset '{a.stoplight}' finns inte under 'stoppljus'; välj en av: "
                f"{', '.join(scale)}",
                src.name("åtgärder", i, "stoppljus"),
            )
    total = src.model.total
    computed = action_sums(src.model).total
    if total is not None and abs(total - computed) > TOLERANCE:
        report.warning(
            src.at("totalt"),
            "tryckt-summa",
            f"totalt {decimal(total, 1)} mkr, men åtgärdernas helårseffekter ger "
            f"{decimal(computed, 1)} mkr",
            "totalt",
        )


def forecasts(p: Period, report: Report) -> None:
    """Forecasts in the budget year, in order, each with a deviation that can be had; a
    printed deviation is prognos − budget."""
    src = p.outcomes.budgetavvikelse
    if src is None:
        return
    f = src.model
    last = ""
    for i, fc in enumerate(f.forecasts):
        at, name = src.at("prognoser", i, "månad"), src.name("prognoser", i, "månad")
        if int(fc.month[:4]) != f.year:
            report.error(at, "ekonomiuppgift", f"månaden {fc.month} ligger inte i {f.year}", name)
        elif fc.month <= last:
            report.error(at, "ekonomiuppgift", f"månaden {fc.month} kommer inte efter {last}", name)
        last = max(last, fc.month)
        if deviation(f, i) is None:
            report.error(
                src.at("prognoser", i),
                "ekonomiuppgift",
                "ange 'avvikelse', eller 'prognos' och budgeten ('budget' överst i filen)",
                src.name("prognoser", i),
            )
        elif fc.deviation is not None and fc.forecast is not None and f.budget is not None:
            computed = float(fc.forecast) - float(f.budget)
            if abs(float(fc.deviation) - computed) > TOLERANCE:
                report.warning(
                    src.at("prognoser", i, "avvikelse"),
                    "tryckt-summa",
                    f"avvikelsen {decimal(fc.deviation, 1)} mkr är inte prognos − budget "
                    f"({decimal(fc.forecast, 1)} − ({decimal(f.budget, 1)}) = "
                    f"{decimal(computed, 1)} mkr)",
                    src.name("prognoser", i, "avvikelse"),
                )
