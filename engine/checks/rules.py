"""Stage 2, validate (rules): a rules folder → a `RuleSet`, or every problem at once.

Loads each file with its model (`engine.inputs.parse`), then runs the checks that span
nodes and files: unique ids, references that resolve, sane thresholds, a `kvot` target
of 0 refused, expressions and text templates parsed here so that their errors carry the
YAML position.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.checks import plausibility
from engine.diagnostics import Location, Report
from engine.evaluation.aggregation import AGGREGATIONS
from engine.evaluation.expressions import (
    GEH_NAMES,
    NYCKELTAL_NAMES,
    Expression,
    ExpressionError,
    compile_expression,
    geh_samples,
    measure_samples,
)
from engine.inputs.files import AREA_DIR, RULES_FILES, yaml_in
from engine.inputs.loaded import RuleSet
from engine.inputs.parse import Source, field_name, load_model
from engine.models import (
    COLOURS,
    DEFAULT_METHOD,
    Band,
    Banded,
    FinansFile,
    HushallningFile,
    Kvot,
    MalomradeFile,
    Measure,
    Nyckeltal,
    OrganisationFile,
    SkalaFile,
    Uttryck,
)
from engine.wording import TextTemplateError, render_text, sample_text_contexts

FILES = RULES_FILES


def load_rules(root: Path, report: Report) -> RuleSet | None:
    """Load and check a rules folder. Returns None when there are errors."""
    display = root.as_posix().rstrip("/")
    sources: dict[str, Source[Any] | None] = {}
    models = {
        "organisation": OrganisationFile,
        "scale": SkalaFile,
        "geh": HushallningFile,
        "finance": FinansFile,
    }
    for name, filename in FILES.items():
        file = root / filename
        shown = f"{display}/{filename}"
        if not file.is_file():
            report.error(
                Location(shown, 1, 1), "fil-saknas", f"filen {filename} saknas i regelmappen"
            )
            sources[name] = None
            continue
        sources[name] = load_model(file, shown, models[name], report)
    areas: list[Source[MalomradeFile]] = []
    area_files = [(f, f"{display}/{AREA_DIR}/{f.name}") for f in yaml_in(root / AREA_DIR)]
    if not area_files:
        report.error(
            Location(f"{display}/{AREA_DIR}", 1, 1),
            "fil-saknas",
            "inga målområden (malomraden/*.yaml)",
        )
    for file, shown in area_files:
        src = load_model(file, shown, MalomradeFile, report)
        if src is not None:
            areas.append(src)
    known = set(FILES.values())
    for extra in yaml_in(root):
        if extra.name not in known:
            report.warning(
                Location(f"{display}/{extra.name}", 1, 1),
                "okänd-fil",
                f"filen {extra.name} hör inte till regelspråket och läses inte",
            )
    organisation, scale, geh, finance = (sources[name] for name in FILES)
    if organisation is None or scale is None or geh is None or finance is None:
        # Cross-file checks need the four shared files; still check each målområde alone.
        for area in areas:
            _check_area_local(area, report)
        return None
    # Målområden that failed their own validation are left out, so that the references
    # and ids in the others are still checked: every problem is reported in one run.
    had_errors = bool(report.errors)
    rules = RuleSet(display, organisation, scale, geh, finance, areas)
    check_rules(rules, report)
    if had_errors or report.errors:
        return None
    plausibility.check_rules(rules, report)
    return rules


def _check_area_local(area: Source[MalomradeFile], report: Report) -> None:
    for i, kpi in enumerate(area.model.nyckeltal):
        _check_measure(area, ("nyckeltal", i), kpi, None, report)


def check_rules(rules: RuleSet, report: Report) -> None:
    _check_unique_ids(rules, report)
    _check_scale(rules, report)
    _check_references(rules, report)
    for area in rules.areas:
        for i, kpi in enumerate(area.model.nyckeltal):
            expr = _check_measure(area, ("nyckeltal", i), kpi, rules, report)
            if expr is not None:
                rules.expressions[("nyckeltal", kpi.id)] = expr
    for i, goal in enumerate(rules.finance.model.goals):
        expr = _check_measure(rules.finance, ("finansiella_mål", i), goal, rules, report)
        if expr is not None:
            rules.expressions[("finansiellt_mål", goal.id)] = expr
    _check_geh(rules, report)


def _check_unique_ids(rules: RuleSet, report: Report) -> None:
    def unique(kind: str, items: list[tuple[str, Location]]) -> None:
        first: dict[str, Location] = {}
        for ident, loc in items:
            if ident in first:
                prev = first[ident]
                report.error(
                    loc, "dubblett-id", f"{kind} '{ident}' finns redan ({prev.path}:{prev.line})"
                )
            else:
                first[ident] = loc

    org = rules.organisation
    unique("nämnden", [(n.id, org.at("nämnder", i, "id")) for i, n in enumerate(org.model.namnder)])
    unique("målområdet", [(a.model.id, a.at("id")) for a in rules.areas])
    unique(
        "uppdraget",
        [
            (u.id, a.at("uppdrag", i, "id"))
            for a in rules.areas
            for i, u in enumerate(a.model.uppdrag)
        ],
    )
    unique(
        "nyckeltalet",
        [
            (k.id, a.at("nyckeltal", i, "id"))
            for a in rules.areas
            for i, k in enumerate(a.model.nyckeltal)
        ]
        + [
            (g.id, rules.finance.at("finansiella_mål", i, "id"))
            for i, g in enumerate(rules.finance.model.goals)
        ],
    )
    unique("ordningen", [(str(a.model.order), a.at("ordning")) for a in rules.areas])


def _check_band(src: Source[Any], path: tuple[str | int, ...], band: Band, report: Report) -> None:
    if not 0 <= band.low < band.high:
        report.error(
            src.at(*path, "från"),
            "band",
            f"gult intervall från {band.low:g} % måste vara minst 0 och under 'till' ({band.high:g} %)",
            field_name((*path, "från")),
        )
    if band.high > 100:
        report.error(
            src.at(*path, "till"),
            "band",
            f"gult intervall måste sluta vid högst 100 %, inte {band.high:g} %",
            field_name((*path, "till")),
        )


def _check_scale(rules: RuleSet, report: Report) -> None:
    scale = rules.scale
    missing = [c for c in COLOURS if c not in scale.model.statuses]
    if missing:
        report.error(
            scale.at("statusar"), "skala", f"statusskalan saknar: {', '.join(missing)}", "statusar"
        )
    _check_band(scale, ("gult_band",), scale.model.yellow_band, report)
    rule = scale.model.aggregation.rule
    if rule not in AGGREGATIONS:
        report.error(
            scale.at("sammanvägning", "regel"),
            "okänd-regel",
            f"okänd sammanvägningsregel '{rule}'; välj en av: {', '.join(AGGREGATIONS)}",
            "sammanvägning.regel",
        )


def _check_references(rules: RuleSet, report: Report) -> None:
    namnder = set(rules.namnder)

    def check_namnd(src: Source[Any], path: tuple[str | int, ...], ident: str) -> None:
        if ident not in namnder:
            report.error(
                src.at(*path),
                "okänd-nämnd",
                f"okänd nämnd '{ident}'; kända nämnder: {', '.join(sorted(namnder))}",
                field_name(path),
            )

    def check_twice(src: Source[Any], path: tuple[str | int, ...], names: list[str]) -> None:
        for j, n in enumerate(names):
            if n in names[:j]:
                where = (*path, j)
                report.error(
                    src.at(*where),
                    "dubblett-nämnd",
                    f"nämnden '{n}' står två gånger",
                    field_name(where),
                )

    for area in rules.areas:
        for i, u in enumerate(area.model.uppdrag):
            check_twice(area, ("uppdrag", i, "nämnder"), u.namnder)
            for j, n in enumerate(u.namnder):
                check_namnd(area, ("uppdrag", i, "nämnder", j), n)
        for i, k in enumerate(area.model.nyckeltal):
            check_twice(area, ("nyckeltal", i, "nämnder"), k.namnder)
            for j, n in enumerate(k.namnder):
                check_namnd(area, ("nyckeltal", i, "nämnder", j), n)
            for n in k.target_by_namnd:
                check_namnd(area, ("nyckeltal", i, "avvikande_mål", n), n)
                if n not in k.namnder:
                    report.error(
                        area.at("nyckeltal", i, "avvikande_mål", n, at_key=True),
                        "avvikande-mål",
                        f"nämnden '{n}' har avvikande mål men rapporterar inte nyckeltalet",
                        field_name(("nyckeltal", i, "avvikande_mål")),
                    )
            if k.financial_goal is not None and k.financial_goal not in rules.goals:
                report.error(
                    area.at("nyckeltal", i, "finansiellt_mål"),
                    "okänt-mål",
                    f"okänt finansiellt mål '{k.financial_goal}'; kända: {', '.join(sorted(rules.goals))}",
                    field_name(("nyckeltal", i, "finansiellt_mål")),
                )
    fin = rules.finance
    if fin.model.malomrade not in rules.area_by_id:
        report.error(
            fin.at("målområde"),
            "okänt-målområde",
            f"okänt målområde '{fin.model.malomrade}'; kända: {', '.join(sorted(rules.area_by_id))}",
            "målområde",
        )


def _is_share(measure: Measure) -> bool:
    return (measure.unit or "").strip() == "%" and measure.name.lower().startswith("andel")


def _check_measure(
    src: Source[Any],
    path: tuple[str | int, ...],
    m: Measure,
    rules: RuleSet | None,
    report: Report,
) -> Expression | None:
    """Checks on one nyckeltal or financial goal; returns its compiled expression, if any."""

    def err(sub: tuple[str | int, ...], code: str, message: str, at_key: bool = False) -> None:
        report.error(src.at(*path, *sub, at_key=at_key), code, message, field_name((*path, *sub)))

    if isinstance(m, Nyckeltal) and m.financial_goal is not None:
        for key, value in (
            ("mål", m.target),
            ("riktning", m.direction),
            ("bedömning", m.judgement),
        ):
            if value is not None:
                err(
                    (key,),
                    "finansiellt-mål",
                    f"'{key}' hämtas från det finansiella målet och ska inte anges här",
                    True,
                )
        return None
    method = m.judgement or DEFAULT_METHOD
    if m.direction is None:
        err(
            (),
            "saknas",
            "nyckeln 'riktning' saknas (Minst, Högre än, >, Max, Lägre än, Kortare än eller <)",
        )
    needs_target = method.method != "jämförelse"
    if needs_target and m.target is None:
        err((), "saknas", "nyckeln 'mål' saknas")
    if not needs_target and m.target is not None:
        err(
            ("mål",),
            "mål-jämförelse",
            "metoden 'jämförelse' tar målet från ett tidigare utfall; ta bort 'mål'",
            True,
        )
    if isinstance(method, Kvot) and m.target is not None:
        if m.target == 0:
            err(
                ("mål",),
                "kvot-noll",
                "målet 0 ger ingen kvot; använd metoden 'uppfyllt' eller 'band'",
            )
        elif m.target < 0:
            err(
                ("mål",),
                "kvot-negativ",
                "en kvot saknar mening för ett negativt mål; använd metoden 'uppfyllt'",
            )
        if method.yellow_band is not None:
            _check_band(src, (*path, "bedömning", "gult_band"), method.yellow_band, report)
    if m.target is not None and _is_share(m) and not 0 <= m.target <= 100:
        err(("mål",), "andel", f"en andel måste ligga mellan 0 och 100 %, inte {m.target:g} %")
    if isinstance(m, Nyckeltal):
        for n, value in m.target_by_namnd.items():
            if isinstance(method, Kvot) and value <= 0:
                err(("avvikande_mål", n), "kvot-noll", "en kvot kräver ett mål större än 0")
    if isinstance(method, Banded):
        for j, band in enumerate(method.bands):
            if band.low is not None and band.high is not None and band.low >= band.high:
                err(
                    ("bedömning", "band", j, "från"),
                    "band",
                    f"'från' ({band.low:g}) måste vara lägre än 'till' ({band.high:g})",
                )
        if method.bands[-1].low is not None or method.bands[-1].high is not None:
            report.warning(
                src.at(*path, "bedömning", "band"),
                "band-täcker-inte",
                "sista intervallet har gränser; utfall utanför alla intervall blir 'ej bedömd'",
                field_name((*path, "bedömning", "band")),
            )
    if isinstance(method, Uttryck):
        try:
            expression = compile_expression(method.expression, NYCKELTAL_NAMES)
            expression.trial(measure_samples(m.target))
            return expression
        except ExpressionError as exc:
            err(("bedömning", "uttryck"), "uttryck", str(exc))
    return None


def _check_geh(rules: RuleSet, report: Report) -> None:
    geh = rules.geh
    rule = geh.model.rule
    for key, source in (("uppnådd", rule.achieved), ("delvis", rule.partly)):
        if source is None:
            continue
        try:
            expression = compile_expression(source, GEH_NAMES)
            # Try it on sample counts: a rule must answer yes or no, not e.g. 'ja'.
            for result in expression.trial(geh_samples()):
                if not isinstance(result, bool):
                    raise ExpressionError(f"regeln ska ge sant eller falskt, men gav {result!r}")
            rules.expressions[("geh", key)] = expression
        except ExpressionError as exc:
            report.error(geh.at("regel", key), "uttryck", str(exc), f"regel.{key}")
    texts = geh.model.texts
    samples = sample_text_contexts()
    for key, text in (
        ("rubrik", texts.title),
        ("inledning", texts.intro),
        ("utvärdering", texts.evaluation),
        ("slutsats", texts.conclusion),
    ):
        try:
            for sample in samples:
                render_text(text, sample)
        except TextTemplateError as exc:
            # A line number helps only in a text of several lines.
            where = f" (rad {exc.line} i texten)" if exc.line and "\n" in text.strip() else ""
            report.error(geh.at("texter", key), "mall", f"{exc}{where}", f"texter.{key}")
