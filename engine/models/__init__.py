"""The rules language and the outcome files as pydantic v2 models.

YAML keys are Swedish (with å/ä/ö) and map to English attributes through aliases;
every model forbids unknown keys. These models check *shape and type* only. Checks that
need more than one node (references, unique ids, sane thresholds, expressions) live in
`engine.checks`, where the message can point at exactly the right YAML node.

The key documentation (`description`) is Swedish: it is what `maluppfyllelse schema`
shows policy staff in their editor.
"""

from __future__ import annotations

from engine.models.base import (
    COLOURS,
    CONTROL_FREE,
    Frekvens,
    Id,
    Model,
    NamndId,
    Number,
    PeriodId,
    Riktning,
    StatusKey,
    Text,
    Ursprung,
    key,
)
from engine.models.layout import RapportFile, Sammanstallning
from engine.models.methods import (
    DEFAULT_METHOD,
    Banded,
    BandItem,
    Bedomning,
    Forandring,
    Jamforelse,
    Kvot,
    NivaOchTrend,
    Uppfyllt,
    Uttryck,
    needs_direction,
    needs_target,
)
from engine.models.outcomes import (
    BeslutadBedomning,
    DeclaredJudgement,
    FinansUtfallFile,
    KpiOutcome,
    MalomradeUtfallFile,
    NamndKommentar,
    NyckeltalUtfall,
    Outcome,
    PeriodFile,
    TableOutcome,
    UppdragUtfall,
)
from engine.models.plan import (
    FinansFile,
    FinansielltMal,
    MalomradeFile,
    MalOverTid,
    Measure,
    Nyckeltal,
    Uppdrag,
)
from engine.models.settings import (
    Band,
    GehRule,
    GehTexts,
    HushallningFile,
    Namnd,
    Organisation,
    OrganisationFile,
    Sammanvagning,
    SkalaFile,
    StatusDef,
)
from engine.models.sources import Beslut, Kalla, KoladaOrg, KoladaRef, Kon

__all__ = [
    "needs_direction",
    "needs_target",
    "BeslutadBedomning",
    "MalOverTid",
    "Beslut",
    "COLOURS",
    "CONTROL_FREE",
    "Frekvens",
    "Id",
    "Kalla",
    "KoladaOrg",
    "KoladaRef",
    "Kon",
    "Model",
    "NamndId",
    "Number",
    "PeriodId",
    "Riktning",
    "StatusKey",
    "Text",
    "Ursprung",
    "key",
    "Organisation",
    "Namnd",
    "OrganisationFile",
    "StatusDef",
    "Band",
    "Sammanvagning",
    "SkalaFile",
    "GehRule",
    "GehTexts",
    "HushallningFile",
    "Kvot",
    "Uppfyllt",
    "BandItem",
    "Banded",
    "Forandring",
    "Jamforelse",
    "NivaOchTrend",
    "Uttryck",
    "Bedomning",
    "DEFAULT_METHOD",
    "Measure",
    "Nyckeltal",
    "Uppdrag",
    "MalomradeFile",
    "FinansielltMal",
    "FinansFile",
    "PeriodFile",
    "Outcome",
    "NyckeltalUtfall",
    "KpiOutcome",
    "TableOutcome",
    "UppdragUtfall",
    "DeclaredJudgement",
    "NamndKommentar",
    "MalomradeUtfallFile",
    "FinansUtfallFile",
    "RapportFile",
    "Sammanstallning",
]
