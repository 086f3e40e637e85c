"""Status of the data round: per nämnd, what it has delivered for the period."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.inputs.loaded import PeriodOutcomes, RuleSet


@dataclass
class NamndStatus:
    id: str
    name: str
    ready: bool
    kpi_expected: int = 0
    kpi_with_value: int = 0
    kpi_with_reason: int = 0
    kpi_missing: list[str] = field(default_factory=list)
    kpi_without_comment: list[str] = field(default_factory=list)
    uppdrag_expected: int = 0
    uppdrag_missing: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "nämnd": self.id,
            "namn": self.name,
            "klar": self.ready,
            "nyckeltal": {
                "antal": self.kpi_expected,
                "med_utfall": self.kpi_with_value,
                "saknas_med_skäl": self.kpi_with_reason,
                "saknas": self.kpi_missing,
                "utan_kommentar": self.kpi_without_comment,
            },
            "uppdrag": {"antal": self.uppdrag_expected, "utan_status": self.uppdrag_missing},
        }


def round_status(rules: RuleSet, out: PeriodOutcomes) -> list[NamndStatus]:
    """Per nämnd: what it has delivered for the period, and what is missing."""
    measured = set(out.period.model.measured)
    ready = set(out.period.model.ready)
    result = []
    for namnd in rules.namnder.values():
        st = NamndStatus(namnd.id, namnd.name, namnd.id in ready)
        for _, kpi in rules.nyckeltal.values():
            if namnd.id not in kpi.namnder or kpi.financial_goal is not None:
                continue
            if rules.measure_for(kpi).frequency not in measured:
                continue
            st.kpi_expected += 1
            entry = out.kpi.get((kpi.id, namnd.id))
            if entry is None or (entry.value is None and entry.missing is None):
                st.kpi_missing.append(kpi.id)
            elif entry.value is not None:
                st.kpi_with_value += 1
                if not entry.comment.strip():
                    st.kpi_without_comment.append(kpi.id)
            else:
                st.kpi_with_reason += 1
        for _, u in rules.uppdrag.values():
            if namnd.id in u.namnder:
                st.uppdrag_expected += 1
                if (u.id, namnd.id) not in out.uppdrag:
                    st.uppdrag_missing.append(u.id)
        result.append(st)
    return result
