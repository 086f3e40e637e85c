"""The checks on a rules folder, each a small function; `engine.checks.registry` lists them
with the codes each may emit, and the rules loader runs them from there.

Two shapes: a check over the whole `RuleSet` (ids unique across files, references that
resolve, the scale, the GEH rule and texts), and a check over one measure (`Ref`: a
nyckeltal or financial goal), which also runs on a målområde alone when the shared files
have errors. Expressions and text templates are parsed here, so that their errors carry
the YAML position.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from engine.diagnostics import Location, Report
from engine.diagnostics.hints import did_you_mean
from engine.evaluation.aggregation import AGGREGATIONS
from engine.evaluation.expressions import (
    GEH_NAMES,
    NYCKELTAL_NAMES,
    ExpressionError,
    compile_expression,
    geh_samples,
    measure_samples,
)
from engine.inputs.loaded import Ref, RuleSet
from engine.inputs.parse import Source
from engine.models import (
    COLOURS,
    DEFAULT_METHOD,
    Band,
    Banded,
    Kvot,
    Measure,
    Nyckeltal,
    Uppdrag,
    Uttryck,
    needs_direction,
    needs_target,
)
from engine.wording import TextTemplateError, render_text, sample_text_contexts

Path = tuple[str | int, ...]

# --- the whole rules folder ------------------------------------------------------------


def unique_ids(rules: RuleSet, report: Report) -> None:
    """Ids of nämnder, målområden, uppdrag and nyckeltal, and målområdes' order, are unique."""

    def unique(kind: str, items: list[tuple[str, Callable[[], Location]]]) -> None:
        # The positions are looked up only for a duplicate (a national plan has thousands).
        first: dict[str, Callable[[], Location]] = {}
        for ident, loc in items:
            if ident in first:
                prev = first[ident]()
                report.error(
                    loc(), "dubblett-id", f"{kind} '{ident}' finns redan ({prev.path}:{prev.line})"
                )
            else:
                first[ident] = loc

    org = rules.organisation
    namnder = enumerate(org.model.namnder)
    unique("nämnden", [(n.id, partial(org.at, "nämnder", i, "id")) for i, n in namnder])
    unique("målområdet", [(a.model.id, partial(a.at, "id")) for a in rules.areas])
    unique("uppdraget", [(r.item.id, partial(r.at, "id")) for r in rules.measures("uppdrag")])
    measures = rules.measures("nyckeltal", "finansiellt_mål")
    unique("nyckeltalet", [(r.item.id, partial(r.at, "id")) for r in measures])
    unique("ordningen", [(str(a.model.order), partial(a.at, "ordning")) for a in rules.areas])


def check_band(src: Source[Any], path: Path, band: Band, report: Report) -> None:
    if not 0 <= band.low < band.high:
        report.error(
            src.at(*path, "från"),
            "band",
            f"gult intervall från {band.low:g} % måste vara minst 0 och under 'till' ({band.high:g} %)",
            src.name(*path, "från"),
        )
    if band.high > 100:
        report.error(
            src.at(*path, "till"),
            "band",
            f"gult intervall måste sluta vid högst 100 %, inte {band.high:g} %",
            src.name(*path, "till"),
        )


def scale(rules: RuleSet, report: Report) -> None:
    """skala.yaml: every status, a sane yellow band, a known aggregation rule."""
    src = rules.scale
    missing = [c for c in COLOURS if c not in src.model.statuses]
    if missing:
        report.error(
            src.at("statusar"), "skala", f"statusskalan saknar: {', '.join(missing)}", "statusar"
        )
    check_band(src, ("gult_band",), src.model.yellow_band, report)
    rule = src.model.aggregation.rule
    if rule not in AGGREGATIONS:
        report.error(
            src.at("sammanvägning", "regel"),
            "okänd-regel",
            f"okänd sammanvägningsregel '{rule}'; välj en av: {', '.join(AGGREGATIONS)}",
            "sammanvägning.regel",
        )


def namnder(rules: RuleSet, report: Report) -> None:
    """Every nämnd named by an uppdrag or nyckeltal exists, and is named once."""
    known = set(rules.namnder)
    for ref in rules.measures("uppdrag", "nyckeltal"):
        item = ref.item
        assert isinstance(item, (Uppdrag, Nyckeltal))
        before: set[str] = set()  # the names before j (a national list has hundreds)
        for j, n in enumerate(item.namnder):
            if n in before or n not in known:
                where = (*ref.path, "nämnder", j)
                if n in before:
                    report.error(
                        ref.src.at(*where),
                        "dubblett-nämnd",
                        f"nämnden '{n}' står två gånger",
                        ref.src.name(*where),
                    )
                _known_namnd(ref.src, where, n, known, report)
            before.add(n)
        if isinstance(item, Nyckeltal):
            for n in item.target_by_namnd:
                _known_namnd(ref.src, (*ref.path, "avvikande_mål", n), n, known, report)


def _known_namnd(src: Source[Any], path: Path, ident: str, known: set[str], report: Report) -> None:
    if ident not in known:
        report.error(
            src.at(*path),
            "okänd-nämnd",
            f"okänd nämnd '{ident}'{did_you_mean(ident, known)}; "
            f"kända nämnder: {', '.join(sorted(known))}",
            src.name(*path),
        )


def deviating_targets(rules: RuleSet, report: Report) -> None:
    """`avvikande_mål` only for a nämnd that reports the nyckeltal."""
    for ref in rules.measures("nyckeltal"):
        kpi = ref.item
        assert isinstance(kpi, Nyckeltal)
        for n in kpi.target_by_namnd:
            if n not in kpi.namnder:
                report.error(
                    ref.at("avvikande_mål", n, at_key=True),
                    "avvikande-mål",
                    f"nämnden '{n}' har avvikande mål men rapporterar inte nyckeltalet",
                    ref.name("avvikande_mål"),
                )


def goal_references(rules: RuleSet, report: Report) -> None:
    """`finansiellt_mål:` names a financial goal; the goals' målområde exists."""
    for ref in rules.measures("nyckeltal"):
        assert isinstance(ref.item, Nyckeltal)
        goal = ref.item.financial_goal
        if goal is not None and goal not in rules.goals:
            report.error(
                ref.at("finansiellt_mål"),
                "okänt-mål",
                f"okänt finansiellt mål '{goal}'; kända: {', '.join(sorted(rules.goals))}",
                ref.name("finansiellt_mål"),
            )
    fin = rules.finance
    if fin is not None and fin.model.malomrade not in rules.area_by_id:
        report.error(
            fin.at("målområde"),
            "okänt-målområde",
            f"okänt målområde '{fin.model.malomrade}'; kända: {', '.join(sorted(rules.area_by_id))}",
            "målområde",
        )


def geh_rule(rules: RuleSet, report: Report) -> None:
    """hushallning.yaml: the rules parse and answer yes or no (no file: nothing to check)."""
    if rules.geh is None:
        return
    rule = rules.geh.model.rule
    for key, source in (("uppnådd", rule.achieved), ("delvis", rule.partly)):
        if source is None:
            continue
        try:
            expression = compile_expression(source, GEH_NAMES)
            # Try it on sample counts: a rule must answer yes or no, not e.g. 'ja'.
            for result in expression.trial(geh_samples()):
                if not isinstance(result, bool):
                    raise ExpressionError(f"regeln ska ge sant eller falskt, men gav {result!r}")
        except ExpressionError as exc:
            report.error(rules.geh.at("regel", key), "uttryck", str(exc), f"regel.{key}")


def geh_texts(rules: RuleSet, report: Report) -> None:
    """hushallning.yaml: every text template can be filled in."""
    if rules.geh is None:
        return
    texts = rules.geh.model.texts
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
            report.error(rules.geh.at("texter", key), "mall", f"{exc}{where}", f"texter.{key}")


# --- one measure (nyckeltal or financial goal) -------------------------------------------


def own_measure(ref: Ref) -> Measure | None:
    """The measure a check looks at: None for an uppdrag, and for a nyckeltal that takes
    its target from a financial goal (checked with the goal)."""
    item = ref.item
    if isinstance(item, Nyckeltal):
        return item if item.financial_goal is None else None
    return item if isinstance(item, Measure) else None


def err(report: Report, ref: Ref, sub: Path, code: str, message: str, at_key: bool = False) -> None:
    """An error at a key of the measure, named as people count (`nyckeltal[2].mål`)."""
    report.error(ref.at(*sub, at_key=at_key), code, message, ref.name(*sub))


def from_goal(ref: Ref, report: Report) -> None:
    """A nyckeltal that copies a financial goal takes its target and judgement from it."""
    kpi = ref.item
    if not isinstance(kpi, Nyckeltal) or kpi.financial_goal is None:
        return
    for key, value in (
        ("mål", kpi.target),
        ("mål_över_tid", kpi.targets_over_time or None),
        ("riktning", kpi.direction),
        ("bedömning", kpi.judgement),
    ):
        if value is not None:
            err(
                report,
                ref,
                (key,),
                "finansiellt-mål",
                f"'{key}' hämtas från det finansiella målet och ska inte anges här",
                True,
            )


def direction_and_target(ref: Ref, report: Report) -> None:
    """A method demands only what it uses (`needs_direction`, `needs_target`): kvot,
    uppfyllt, förändring, nivå_och_trend and band on the ratio need `riktning` and a
    target (`mål`, or targets over time in `mål_över_tid`); jämförelse needs `riktning`
    and accepts a `mål` it does not use; band on the utfall and uttryck need neither. A
    nyckeltal that declares a baseline measurement (`baslinje`) has no target yet (a
    later year without one is 'ej bedömd')."""
    m = own_measure(ref)
    if m is None:
        return
    method = m.judgement or DEFAULT_METHOD
    if m.direction is None and needs_direction(method):
        err(
            report,
            ref,
            (),
            "saknas",
            f"nyckeln 'riktning' saknas; metoden '{method.method}' behöver den "
            "(Minst, Högre än, >, Max, Lägre än, Kortare än eller <)",
        )
    baseline = isinstance(m, Nyckeltal) and m.baseline is not None
    if m.target is None and not m.targets_over_time and needs_target(method) and not baseline:
        err(
            report,
            ref,
            (),
            "saknas",
            f"nyckeln 'mål' saknas; metoden '{method.method}' behöver ett mål "
            "(eller mål per period eller år i 'mål_över_tid')",
        )


def ratio(ref: Ref, report: Report) -> None:
    """`kvot` (the default) needs targets above 0 and a sane yellow band of its own."""
    m = own_measure(ref)
    method = (m.judgement or DEFAULT_METHOD) if m is not None else None
    if m is None or not isinstance(method, Kvot):
        return
    if m.target == 0:
        err(
            report,
            ref,
            ("mål",),
            "kvot-noll",
            "målet 0 ger ingen kvot; använd metoden 'uppfyllt' eller 'band'",
        )
    elif m.target is not None and m.target < 0:
        err(
            report,
            ref,
            ("mål",),
            "kvot-negativ",
            "en kvot saknar mening för ett negativt mål; använd metoden 'uppfyllt'",
        )
    if m.target is not None and method.yellow_band is not None:
        check_band(ref.src, (*ref.path, "bedömning", "gult_band"), method.yellow_band, report)
    if isinstance(m, Nyckeltal):
        for n, value in m.target_by_namnd.items():
            if value <= 0:
                err(
                    report,
                    ref,
                    ("avvikande_mål", n),
                    "kvot-noll",
                    "en kvot kräver ett mål större än 0",
                )


def share(ref: Ref, report: Report) -> None:
    """A share ("Andel …" in %) has a target between 0 and 100."""
    m = own_measure(ref)
    if m is None or m.target is None or not is_share(m) or 0 <= m.target <= 100:
        return
    err(
        report,
        ref,
        ("mål",),
        "andel",
        f"en andel måste ligga mellan 0 och 100 %, inte {m.target:g} %",
    )


def is_share(measure: Measure) -> bool:
    return (measure.unit or "").strip() == "%" and measure.name.lower().startswith("andel")


def bands(ref: Ref, report: Report) -> None:
    """`band`: each interval ordered; the last one open, so every outcome gets a status."""
    m = own_measure(ref)
    method = m.judgement if m is not None else None
    if not isinstance(method, Banded):
        return
    for j, band in enumerate(method.bands):
        if band.low is not None and band.high is not None and band.low >= band.high:
            err(
                report,
                ref,
                ("bedömning", "band", j, "från"),
                "band",
                f"'från' ({band.low:g}) måste vara lägre än 'till' ({band.high:g})",
            )
    if method.bands[-1].low is not None or method.bands[-1].high is not None:
        report.warning(
            ref.at("bedömning", "band"),
            "band-täcker-inte",
            "sista intervallet har gränser; utfall utanför alla intervall blir 'ej bedömd'",
            ref.name("bedömning", "band"),
        )


def expression(ref: Ref, report: Report) -> None:
    """`uttryck`: the expression parses and uses only the names a nyckeltal has."""
    m = own_measure(ref)
    method = m.judgement if m is not None else None
    if not isinstance(method, Uttryck):
        return
    try:
        compile_expression(method.expression, NYCKELTAL_NAMES).trial(
            measure_samples(m.target if m is not None else None)
        )
    except ExpressionError as exc:
        err(report, ref, ("bedömning", "uttryck"), "uttryck", str(exc))


def compile_all(rules: RuleSet) -> None:
    """Store every compiled expression in `rules.expressions` (keyed by `Ref.key` and
    ("geh", …)); run after the checks, which reported any that do not compile."""
    for ref in rules.measures("nyckeltal", "finansiellt_mål"):
        m = own_measure(ref)
        if m is not None and isinstance(m.judgement, Uttryck):
            rules.expressions[ref.key] = compile_expression(m.judgement.expression, NYCKELTAL_NAMES)
    if rules.geh is None:
        return
    rule = rules.geh.model.rule
    for key, source in (("uppnådd", rule.achieved), ("delvis", rule.partly)):
        if source is not None:
            rules.expressions[("geh", key)] = compile_expression(source, GEH_NAMES)
