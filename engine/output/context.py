"""Stage 4, render: an `Evaluation` → the presentation model of Bilaga 1 → HTML and Markdown.

`build_context` turns evaluated data into a typed, fully formatted context (Swedish
numbers via babel, dates in Swedish, status labels from the scale). Templates only
present that context: they never compute a status. `render_template` runs jinja2 in its
sandbox with StrictUndefined; HTML templates are autoescaped, so a comment containing
`<script>` is shown as text. Users may override any template with `--templates DIR`;
missing templates fall back to the built-in ones. Nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date

from engine.diagnostics import Diagnostic, Location, Severity
from engine.evaluation.evaluate import AreaResult, Evaluation, MeasureResult, UppdragResult
from engine.inputs.loaded import RuleSet
from engine.models import COLOURS, Jamforelse, Kvot, Measure, NivaOchTrend, Nyckeltal
from engine.output.economy import economy_section
from engine.output.layout import Layout, resolve, summary_table
from engine.output.presentation import (
    DIRECTION_WORDS,
    AreaSection,
    Bilaga,
    GoalComment,
    MeasureRow,
    NamndComment,
    NamndTable,
    Status,
    SummaryRow,
    UppdragReportRow,
    UppdragRow,
    declared_note,
)
from engine.output.sources import source_note
from engine.output.templating import (
    TemplateProblem,
)
from engine.output.texts import text_names
from engine.output.trend import trend_text
from engine.wording import (
    LOCALE,
    TextTemplateError,
    number,
    percent,
    period_words,
    render_text,
    target_text,
    value_text,
)


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _words(text: str) -> str:
    """Text compared word for word, ignoring layout (line breaks, repeated spaces)."""
    return " ".join(text.split())


def band_sentence(low: float, high: float) -> str:
    """'Mätetalen innebär ett intervall där 90–99 procent är gult.' from the configured band."""
    if float(low).is_integer() and float(high).is_integer():
        span = f"{number(low)}–{number(high - 1)}"
    else:
        span = f"{number(low)} till under {number(high)}"
    return f"Mätetalen innebär ett intervall där {span} procent är gult."


#: What `jämförelse` and `nivå_och_trend` compare with, and the words before it.
EARLIER = {
    "föregående_år": "föregående års utfall",
    "föregående_period": "föregående periods utfall",
}
COMPARED = {">": "Högre än ", "<": "Lägre än ", **{k: f"{k} " for k in ("Minst", "Max")}}


#: Why a colour is not the one the legend's yellow band gives the Måluppfyllelse shown
#: beside it (80,9 % and yellow: `förändring` went the right way), per method and status;
#: first in the row's note, and only where the colours differ (`_Builder.method_note`).
#: A `kvot` with its own yellow band says its band; `uppfyllt` and `nivå_och_trend` show
#: no ratio.
METHOD_NOTES: dict[str, dict[str, str]] = {
    "förändring": {
        "gul": "Förändringen mot basåret går åt rätt håll, men når inte målet; färgen följer "
        "förändringen, inte kvoten.",
        "röd": "Förändringen mot basåret går inte åt rätt håll.",
    },
    "band": {
        c: "Färgen följer nyckeltalets egna intervall, inte symbolförklaringens."
        for c in ("grön", "gul", "röd")
    },
    "uttryck": {c: "Färgen följer nyckeltalets egen regel." for c in ("grön", "gul", "röd")},
}


class _Builder:
    def __init__(self, rules: RuleSet, e: Evaluation, conclusion: str | None) -> None:
        self.rules = rules
        self.e = e
        self.conclusion = conclusion
        scale = rules.scale.model.statuses
        self.statuses: dict[str, Status] = {
            k: Status(k, scale[k].label, scale[k].colour_word, scale[k].symbol, scale[k].legend)
            for k in COLOURS
        }
        self.namnd_names = {n: m.name for n, m in rules.namnder.items()}
        #: The nämnd layout lists every uppdrag in one table 'Uppdrag – …': in a nämnd's own
        #: plan, 'Nämndernas egna uppdrag' would be every uppdrag there is.
        self.one_table = rules.layout is not None and rules.layout.model.layout == "nämnd"

    def measure(self, m: MeasureResult) -> MeasureRow:
        note = ""
        if m.missing_reason:
            # The note starts its cell and is a sentence: 'utfall saknas' → 'Utfall saknas.'
            # (Markdown runs it into the comment).
            note = m.missing_reason[:1].upper() + m.missing_reason[1:]
            note += "" if note.endswith((".", "!", "?")) else "."
        elif m.carried_from:
            note = f"Värdet är överfört från mätningen {period_words(m.carried_from)}."
        said = source_note(m.source, self.e.organisation, derived=m.value is not None)
        if m.ratio is not None and m.declared_status is None:
            said = f"{self.method_note(m, m.ratio)} {said}".strip()
        note = f"{note} {said}".strip()
        if m.declared_status is not None:
            declared = self.declared(m.declared_status, m.declared_motivation)
            note = f"{declared} {note}".strip()
        return MeasureRow(
            name=m.name,
            value=value_text(m.value, m.unit, self.digits(m)),
            target=self.target(m),
            ratio=percent(m.ratio) if m.ratio is not None else "–",
            status=self.statuses[m.status],
            comment=paragraphs(m.comment),
            note=note,
            ratio_number=round(m.ratio, 1) if m.ratio is not None else None,
            value_number=m.value,
            target_number=m.target,
            unit=m.unit,
            direction=DIRECTION_WORDS.get(m.direction or "", m.direction or ""),
            trend=trend_text(m),
        )

    def target(self, m: MeasureResult) -> str:
        """The Mål column: the level, and what a method compares with when that is the
        target or part of it ('Minst föregående års utfall', 'Minst 75 % och bättre än
        föregående års utfall'), so a colour is never shown beside a target that says less."""
        measure = self.rule(m)
        level = target_text(m.direction, m.target, m.unit, self.digits(m))
        method = measure.judgement if measure is not None else None
        if not isinstance(method, (Jamforelse, NivaOchTrend)) or not m.direction:
            return level
        earlier = EARLIER[method.against]
        if isinstance(method, Jamforelse):
            return f"{COMPARED.get(m.direction, m.direction + ' ')}{earlier}"
        return f"{level} och bättre än {earlier}" if method.rule == "båda" else level

    def own(self, m: MeasureResult) -> Measure | None:
        """The row's own nyckeltal or financial goal, as the rules declare it."""
        found = self.rules.nyckeltal.get(m.id)
        return found[1] if found else self.rules.goals.get(m.id)

    def rule(self, m: MeasureResult) -> Measure | None:
        """The measure `m` was judged by: its own, or the financial goal a nämnd table's
        nyckeltal copies."""
        own = self.own(m)
        return self.rules.measure_for(own) if isinstance(own, Nyckeltal) else own

    def method_note(self, m: MeasureResult, ratio: float) -> str:
        """Why the colour is not the legend's for `ratio`, or "" when it is."""
        band = self.rules.scale.model.yellow_band
        legend = "grön" if ratio >= min(100.0, band.high) else "gul" if ratio >= band.low else "röd"
        if m.status == legend:
            return ""
        rule = self.rule(m)
        own = rule.judgement.yellow_band if rule and isinstance(rule.judgement, Kvot) else None
        if m.method == "kvot" and own is not None:
            return (
                f"Färgen följer nyckeltalets eget gula intervall, {number(own.low)}–"
                f"{number(own.high)} %."
            )
        return METHOD_NOTES.get(m.method, {}).get(m.status, "")

    def digits(self, m: MeasureResult) -> int | None:
        """`decimaler` of the row's own measure: a nämnd table's copy of a financial goal
        prints as its own table does ('-31' where the goals' table has '-31,0')."""
        own = self.own(m)
        return own.decimals if own is not None else None

    def declared(self, status: str, motivation: str | None) -> str:
        """'Bedömd som delvis uppfyllt: <motivering>.' Without the computed status: the
        appendix shows what was decided, not the proposal (as for a målområde); the
        computed one is in the review appendix and the JSON."""
        return declared_note(self.statuses, status, None, motivation)

    def uppdrag(self, u: UppdragResult) -> UppdragRow:
        """A nämnd's declared colour is shown as the first paragraph of its comment (the
        uppdrag rows have no note of their own)."""
        reports = [
            UppdragReportRow(
                self.namnd_names.get(r.namnd, r.namnd),
                r.status_text or "Status saknas",
                self.statuses[r.status],
                (
                    [self.declared(r.declared_status, r.declared_motivation)]
                    if r.declared_status is not None
                    else []
                )
                + paragraphs(r.comment),
            )
            for r in u.reports
        ]
        declared = self.rules.uppdrag.get(u.id)
        description = paragraphs(declared[1].description or "") if declared else []
        return UppdragRow(u.text, self.statuses[u.status], reports, description, u.origin)

    def area(self, a: AreaResult) -> AreaSection:
        uppdrag = [u for u in self.e.uppdrag if u.area_id == a.id]
        tables: dict[str, list[MeasureRow]] = {}
        for k in self.e.kpis:
            if k.area_id == a.id and k.namnd is not None:
                tables.setdefault(k.namnd, []).append(self.measure(k))
        order = list(self.namnd_names)
        comment = paragraphs(a.comment)
        printed = {_words(p) for p in comment}
        all_comments = [
            NamndComment(
                self.namnd_names.get(n, n),
                paras,
                self.statuses[a.namnd_statuses[n]] if n in a.namnd_statuses else None,
            )
            for n, text in sorted(
                a.namnd_comments.items(),
                key=lambda item: order.index(item[0]) if item[0] in order else len(order),
            )
            if (paras := paragraphs(text))
        ]
        namnd_comments = [
            c for c in all_comments if not all(_words(p) in printed for p in c.comment)
        ]
        motivation = " ".join((a.motivation or "").split())
        shown = motivation if motivation and _words(motivation) not in _words(a.comment) else ""
        return AreaSection(
            id=a.id,
            title=f"{a.name} - {a.overall_goal}",
            name=a.name,
            comment=comment,
            status=self.statuses[a.status],
            computed=self.statuses[a.computed_status],
            motivation=a.motivation or "",
            uppdrag=[
                self.uppdrag(u) for u in uppdrag if self.one_table or u.origin == "fullmäktige"
            ],
            own_uppdrag=[
                self.uppdrag(u) for u in uppdrag if not self.one_table and u.origin != "fullmäktige"
            ],
            kpi_tables=[
                NamndTable(self.namnd_names[n], tables[n], n)
                for n in sorted(tables, key=order.index)
            ],
            namnd_comments=namnd_comments,
            motivation_shown=shown,
            all_namnd_comments=all_comments,
        )

    def text(
        self, key: str, source: str, context: dict[str, Any], file: str = "hushållning"
    ) -> str:
        """A text from hushallning.yaml (or rapport.yaml), filled in; a failure points at
        its YAML key."""
        try:
            return render_text(source, context)
        except TextTemplateError as exc:
            geh, layout = self.rules.geh, self.rules.layout
            if file == "hushållning" and geh is not None:
                where, name = geh.at("texter", key), f"texter.{key}"
            elif layout is not None:
                where, name = layout.at(key), key
            else:
                where, name = Location(f"{self.rules.root}/rapport.yaml"), key
            raise TemplateProblem(
                Diagnostic(where, Severity.ERROR, "mall", str(exc), name)
            ) from exc

    def title_of(self, a: AreaResult) -> str:
        return f"Målområde för {a.name[0].lower()}{a.name[1:]} - {a.overall_goal}"

    def summary(self) -> tuple[list[SummaryRow], SummaryRow]:
        """Bilaga 1's summary rows (kept for templates that use `b.summary`, `b.total`)."""
        summary = [
            SummaryRow(
                self.title_of(a),
                a.uppdrag_fullmaktige,
                a.goal_counts["grön"],
                a.goal_counts["gul"],
                a.goal_counts["röd"],
                self.statuses[a.status],
            )
            for a in self.e.areas
        ]
        total = SummaryRow(
            "Totalt",
            sum(r.uppdrag for r in summary),
            sum(r.green for r in summary),
            sum(r.yellow for r in summary),
            sum(r.red for r in summary),
            None,
        )
        return summary, total

    def texts(self, layout: Layout) -> dict[str, Any]:
        """The heading, title and the texts of the layout and of hushallning.yaml."""
        e, geh = self.e, self.rules.geh
        context = text_names(e)
        title = self.text("rubrik", layout.title[0], context, layout.title[1])
        intro = (
            self.text("inledning", *layout.intro[:1], context, layout.intro[1])
            if layout.intro
            else ""
        )
        texts = geh.model.texts if geh is not None else None
        conclusion = self.conclusion
        if conclusion is None:
            conclusion = self.text("slutsats", texts.conclusion, context) if texts else ""
        return {
            "heading": f"{layout.prefix}, {title}" if layout.prefix else title,
            "title": title,
            "intro": paragraphs(intro),
            "evaluation": paragraphs(self.text("utvärdering", texts.evaluation, context))
            if texts
            else [],
            "conclusion": paragraphs(conclusion),
            "achieved": ACHIEVED[e.geh.achieved] if e.geh is not None else "",
        }

    def build(self) -> Bilaga:
        e, rules = self.e, self.rules
        layout = resolve(rules, e)
        summary, total = self.summary()
        band = rules.scale.model.yellow_band
        goals = [self.measure(g) for g in e.goals]
        # 'uppgifter per 31 augusti 2025'; without a datum the benämning, whose own 'per'
        # would be doubled ('uppgifter per per december 2026').
        end = swedish_date(e.period_end) if e.period_end else e.period_label.removeprefix("per ")
        table = summary_table(
            layout, e, self.statuses, self.title_of, lambda a: (paragraphs(a.comment) or [""])[0]
        )
        return Bilaga(
            organisation=e.organisation,
            period=e.period,
            period_label=e.period_label,
            date=end,
            legend=[self.statuses[k] for k in ("grön", "gul", "röd")],
            band_sentence=band_sentence(band.low, band.high),
            summary=summary,
            total=total,
            goals=goals,
            goal_comments=goal_comments(goals),
            areas=[self.area(a) for a in e.areas],
            statuses=self.statuses,
            economy=economy_section(e.economy),
            parts=layout.parts,
            summary_table=table,
            layout=layout.name,
            **self.texts(layout),
        )


ACHIEVED: dict[Any, str] = {True: "uppnådd", False: "inte uppnådd", "delvis": "delvis uppnådd"}


def goal_comments(goals: list[MeasureRow]) -> list[GoalComment]:
    grouped: dict[tuple[str, ...], list[str]] = {}
    for g in goals:
        if g.comment:
            grouped.setdefault(tuple(g.comment), []).append(g.name)
    return [GoalComment(names, list(comment)) for comment, names in grouped.items()]


def build_context(rules: RuleSet, evaluation: Evaluation, conclusion: str | None = None) -> Bilaga:
    """The presentation model. `conclusion` is the GEH conclusion as the CLI filled it in
    (`engine.output.texts.conclusion`, its errors reported as diagnostics); without it the
    conclusion is filled in here, like the other texts of hushallning.yaml."""
    return _Builder(rules, evaluation, conclusion).build()


def swedish_date(value: dt.date) -> str:
    """2025-08-31 → '31 augusti 2025'."""
    return str(format_date(value, format="d MMMM y", locale=LOCALE))
