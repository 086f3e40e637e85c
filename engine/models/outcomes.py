"""Outcome files (fixtures/<period>/): utfall, statuses and comments."""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from engine.models.base import (
    Frekvens,
    Id,
    Model,
    NamndId,
    Number,
    PeriodId,
    StatusKey,
    Text,
    key,
)
from engine.models.sources import Kalla

# --- outcome files (fixtures/<period>/) ----------------------------------------------


class PeriodFile(Model):
    period: PeriodId = key("period", "Perioden som ÅÅÅÅ-MM, t.ex. '2025-08'.")
    label: Text = key("benämning", "Perioden i löptext, t.ex. 'per augusti 2025'.")
    kind: Literal["månad", "tertial", "delår", "helår"] = key("typ", "Rapporttyp.")
    end_date: dt.date | None = key("datum", "Periodens sista dag.", None)
    measured: list[Frekvens] = key(
        "mäts", "Vilka frekvenser som ska ha utfall denna period.", ["tertial", "halvår"]
    )
    ready: list[NamndId] = key(
        "klara",
        "Nämnder som klarmarkerat sin del av perioden (för hand eller med 'import --klar').",
        [],
    )


class Outcome(Model):
    id: Id = key("id", "Nyckeltalets eller målets id.")
    value: Number | None = key("utfall", "Utfallet som tal.", None)
    missing: Text | None = key(
        "saknas", "Varför utfall saknas, t.ex. 'Utfallet rapporteras på helår.'", None
    )
    carried_from: PeriodId | None = key(
        "överfört_från", "Värdet är överfört från en tidigare mätning.", None
    )
    previous: Number | None = key(
        "jämförelsevärde", "Värdet att jämföra med (föregående år/period).", None
    )
    comment: Text = key("kommentar", "Kommentaren.", "")
    source: Kalla | None = key("källa", "Var utfallet kommer från (system, hämtat, id).", None)


class BeslutadBedomning(Model):
    """A declared status on a nyckeltal or uppdrag: unlike a målområde's, the motivering
    is required, since it is what the report prints beside the colour."""

    status: StatusKey = key("status", "Den beslutade statusen: grön, gul, röd eller ej_bedömd.")
    motivation: Text = key(
        "motivering", "Varför (krävs), t.ex. rapportens formulering; visas i raden."
    )


class NyckeltalUtfall(Outcome):
    namnd: NamndId = key("nämnd", "Nämnden som rapporterar.")
    judgement: BeslutadBedomning | None = key(
        "bedömning",
        "Beslutad status för nyckeltalet med motivering; gäller före den beräknade.",
        None,
    )


class TableOutcome(NamedTuple):
    """A nyckeltal's outcome from a row of an outcome table (engine.checks.tables): the
    fields of `NyckeltalUtfall`, by the same names, each value validated with that field's
    own type, column by column. A named tuple, not a model: the 60 000 rows of a national
    table cost about 0,1 s a period as model instances, and they are only read. A table
    row never declares a judgement or a source; tests/test_tables_bulk.py checks that the
    fields and their defaults stay those of the model."""

    id: str
    namnd: str
    value: float | None = None
    missing: str | None = None
    carried_from: str | None = None
    previous: float | None = None
    comment: str = ""
    source: Kalla | None = None
    judgement: BeslutadBedomning | None = None


#: A nyckeltal's outcome as the checks and the evaluator read it: from YAML or a table.
KpiOutcome = NyckeltalUtfall | TableOutcome


class UppdragUtfall(Model):
    id: Id = key("id", "Uppdragets id.")
    namnd: NamndId = key("nämnd", "Nämnden som rapporterar.")
    status: Text = key("status", "Uppdragets status, t.ex. 'Pågående enligt plan'.")
    comment: Text = key("kommentar", "Kommentaren.", "")
    judgement: BeslutadBedomning | None = key(
        "bedömning",
        "Beslutad färg för nämndens rapport med motivering; gäller före statusens färg.",
        None,
    )


class DeclaredJudgement(Model):
    status: StatusKey = key("status", "Den beslutade sammanvägda statusen.")
    motivation: Text | None = key(
        "motivering", "Varför, särskilt när den skiljer sig från den beräknade.", None
    )


class NamndKommentar(Model):
    comment: Text = key("kommentar", "Nämndens kommentar till målområdet.", "")
    status: StatusKey | None = key(
        "status", "Nämndens egen bedömning av målområdet (grön, gul, röd, ej_bedömd).", None
    )


class MalomradeUtfallFile(Model):
    malomrade: Id = key("målområde", "Målområdets id.")
    comment: Text = key("kommentar", "Målområdets kommentar i bilagan.", "")
    judgement: DeclaredJudgement | None = key(
        "bedömning", "Sammanvägd status som den beslutats.", None
    )
    namnder: dict[NamndId, NamndKommentar] = key("nämnder", "Nämndernas kommentarer.", {})
    uppdrag: list[UppdragUtfall] = key("uppdrag", "Uppdragens status per nämnd.", [])
    nyckeltal: list[NyckeltalUtfall] = key("nyckeltal", "Nyckeltalens utfall per nämnd.", [])


class FinansUtfallFile(Model):
    goals: list[Outcome] = key("finansiella_mål", "De finansiella målens utfall.", [])
