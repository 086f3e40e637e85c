"""The Swedish sentences of `maluppfyllelse diff`: one or more lines per structured change.

`engine.tools.diff` finds the changes generically (every field of the models); this
module words them. Fields with a sentence of their own (targets, direction, method,
nämnder, the scale's yellow band, …) are worded as people write them ("mål ändrat från
88 % till 90 %"); any other field, including one added to the models later, gets the
generic "FÄLT ändrat från … till …", so nothing that changed goes unmentioned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.evaluation.ratios import DIRECTIONS
from engine.models import (
    DEFAULT_METHOD,
    Banded,
    Forandring,
    Jamforelse,
    Kvot,
    Measure,
    SkalaFile,
    Uppdrag,
    Uttryck,
)
from engine.wording import number, value_text

#: How an item's kind is named in a sentence.
KIND_WORD = {
    "målområde": "målområdet",
    "nyckeltal": "nyckeltal",
    "finansiellt_mål": "finansiellt mål",
    "uppdrag": "uppdrag",
}


@dataclass(frozen=True)
class Item:
    """What a sentence may need of the changed item: its kind and both versions."""

    kind: str
    ident: str
    old: Any
    new: Any
    #: The decision a target rests on when the measure names none (organisation.yaml).
    default_decision: Any = None

    @property
    def label(self) -> str:
        if self.kind == "uppdrag":
            return f"uppdrag {self.ident}"
        if self.kind in ("nyckeltal", "finansiellt_mål"):
            return f"{KIND_WORD[self.kind]} '{self.new.name}' ({self.ident})"
        return ""


#: A field's sentence(s) from the item and the field's old and new value.
Words = Callable[[Item, Any, Any], list[str]]


def target(m: Measure, value: float | None) -> str:
    return value_text(value, m.unit or "").replace("\u00a0", " ")


def method(m: Measure) -> str:
    """The judgement method in words: 'kvot (gult 85–100 %)', 'förändring mot 2019', …"""
    j = m.judgement or DEFAULT_METHOD
    if isinstance(j, Kvot):
        return (
            f"kvot (gult {number(j.yellow_band.low)}–{number(j.yellow_band.high)} %)"
            if j.yellow_band
            else "kvot"
        )
    if isinstance(j, Banded):
        bands = ", ".join(
            f"{b.status} {number(b.low) if b.low is not None else '−∞'}–{number(b.high) if b.high is not None else '∞'}"
            for b in j.bands
        )
        return f"band över {j.basis} ({bands})"
    if isinstance(j, Forandring):
        return f"förändring mot {j.base_year}"
    if isinstance(j, Jamforelse):
        return f"jämförelse med {j.against.replace('_', ' ')}"
    if isinstance(j, Uttryck):
        return f"uttryck «{j.expression}»"
    return j.method


def shown(value: Any) -> str:
    """A JSON value in a sentence: numbers in Swedish, text quoted, no braces."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, list):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k}: {shown(v)}" for k, v in value.items()) + ")"
    return f"'{value}'"


def generic(item: Item, field: str, old: Any, new: Any) -> list[str]:
    prefix = f"{item.label}: " if item.label else ""
    before, after = shown(old), shown(new)
    if len(before) + len(after) > 120:
        return [f"{prefix}{field} har ändrats"]
    return [f"{prefix}{field} ändrat från {before} till {after}"]


# --- the worded fields --------------------------------------------------------------------


def _name(item: Item, old: Any, new: Any) -> list[str]:
    return [f"{KIND_WORD[item.kind]} {item.ident} har bytt namn från '{old}' till '{new}'"]


def _target(item: Item, old: Any, new: Any) -> list[str]:
    lines = [f"{item.label}: mål ändrat från {target(item.old, old)} till {target(item.new, new)}"]
    decided = decision_text(getattr(item.new, "decision", None) or item.default_decision)
    if decided:
        lines.append(f"{item.label}: det nya målet är beslutat i {decided}")
    return lines


def _target_text(item: Item, old: Any, new: Any) -> list[str]:
    return [f"{item.label}: måltext ändrad från '{old or ''}' till '{new or ''}'"]


def _direction(item: Item, old: Any, new: Any) -> list[str]:
    lines = [f"{item.label}: riktning ändrad från '{old}' till '{new}'"]
    if old and new and DIRECTIONS[old][0] != DIRECTIONS[new][0]:
        lines.append(
            f"{item.label}: OBS, nu är {'högre' if DIRECTIONS[new][0] else 'lägre'} bättre"
        )
    return lines


def _method(item: Item, old: Any, new: Any) -> list[str]:
    a, b = method(item.old), method(item.new)
    if a == b and isinstance(old, dict) and isinstance(new, dict):
        # a detail the words do not show (e.g. basvärde): name it plainly
        return [
            line
            for k in dict.fromkeys([*old, *new])
            if old.get(k) != new.get(k)
            for line in generic(item, f"bedömning.{k}", old.get(k), new.get(k))
        ]
    return [f"{item.label}: bedömning ändrad från {a} till {b}"]


def _unit(item: Item, old: Any, new: Any) -> list[str]:
    return [f"{item.label}: enhet ändrad från '{old or ''}' till '{new or ''}'"]


def _frequency(item: Item, old: Any, new: Any) -> list[str]:
    return [f"{item.label}: frekvens ändrad från {old} till {new}"]


def _namnder(item: Item, old: Any, new: Any) -> list[str]:
    added = [n for n in new if n not in old]
    removed = [n for n in old if n not in new]
    return [f"{item.label}: nämnd tillagd: {', '.join(added)}"] * bool(added) + [
        f"{item.label}: nämnd borttagen: {', '.join(removed)}"
    ] * bool(removed)


def _avvikande(namnd: str) -> Words:
    def words(item: Item, old: Any, new: Any) -> list[str]:
        return [
            f"{item.label}: avvikande mål för {namnd} ändrat från "
            f"{target(item.old, old)} till {target(item.new, new)}"
        ]

    return words


def decision_text(decision: Any) -> str:
    return str(decision.text()) if decision is not None else ""


def _decision(item: Item, old: Any, new: Any) -> list[str]:
    was, now = decision_text(item.old.decision), decision_text(item.new.decision)
    return [f"{item.label}: beslut ändrat från '{was or '–'}' till '{now or '–'}'"]


def _deviating_decision(namnd: str) -> Words:
    def words(item: Item, old: Any, new: Any) -> list[str]:
        was = decision_text(item.old.decision_by_namnd.get(namnd))
        now = decision_text(item.new.decision_by_namnd.get(namnd))
        return [
            f"{item.label}: beslut för {namnd}:s avvikande mål ändrat från "
            f"'{was or '–'}' till '{now or '–'}'"
        ]

    return words


def _default_decision(item: Item, old: Any, new: Any) -> list[str]:
    was, now = decision_text(item.old.decision), decision_text(item.new.decision)
    return [f"standardbeslutet för målen ändrat från '{was or '–'}' till '{now or '–'}'"]


def _text(item: Item, old: Any, new: Any) -> list[str]:
    return [f"{item.label} har ny lydelse: '{new}' (tidigare '{old}')"]


def _origin(item: Item, old: Any, new: Any) -> list[str]:
    return [f"{item.label}: ursprung ändrat från {old} till {new}"]


def _overall_goal(item: Item, old: Any, new: Any) -> list[str]:
    return [f"övergripande mål ändrat från '{old}' till '{new}'"]


def _band(item: Item, old: Any, new: Any) -> list[str]:
    ob, nb = item.old.yellow_band, item.new.yellow_band
    return [f"gult intervall ändrat från {ob.low:g}–{ob.high:g} % till {nb.low:g}–{nb.high:g} %"]


def _uppdrag_colours(item: Item, old: Any, new: Any) -> list[str]:
    return ["uppdragsstatusarnas färger har ändrats"]


def _aggregation(item: Item, old: Any, new: Any) -> list[str]:
    scale: SkalaFile = item.new
    return [f"sammanvägningen ändrad till '{scale.aggregation.rule}'"]


def _geh_rule(item: Item, old: Any, new: Any) -> list[str]:
    return [f"regeln ändrad till '{item.new.rule.achieved}'"]


_MEASURE: dict[str, Words] = {
    "namn": _name,
    "mål": _target,
    "mål_text": _target_text,
    "riktning": _direction,
    "bedömning": _method,
    "enhet": _unit,
    "frekvens": _frequency,
    "nämnder": _namnder,
    "beslut": _decision,
}
#: Per kind: field → its sentence. A field listed here is compared as a whole.
WORDED: dict[str, dict[str, Words]] = {
    "nyckeltal": _MEASURE,
    "finansiellt_mål": _MEASURE,
    "uppdrag": {"text": _text, "ursprung": _origin, "nämnder": _namnder},
    "målområde": {"övergripande_mål": _overall_goal},
    "skala": {
        "gult_band": _band,
        "uppdragsstatusar": _uppdrag_colours,
        "sammanvägning": _aggregation,
    },
    "hushållning": {"regel": _geh_rule},
    "organisation": {"beslut": _default_decision},
}
#: The order of a measure's sentences (as `diff` has always listed them); others follow.
ORDER = [
    "namn",
    "mål",
    "mål_över_tid",
    "mål_text",
    "riktning",
    "bedömning",
    "enhet",
    "frekvens",
    "nämnder",
]


def _over_time(item: Item, field: str, old: Any, new: Any) -> list[str]:
    """A target over time: 'mål för 2026-08 ändrat från 227 till 230', 'mål för 2027
    tillagt: 460', 'mål för 2026 borttaget (var 455)'; its text and decision likewise."""
    parts = field.split(".")
    which = parts[1]
    sub = parts[2] if len(parts) > 2 else ""
    label = item.label
    if not sub and old is None:
        return [f"{label}: mål för {which} tillagt: {target(item.new, new['mål'])}"]
    if not sub and new is None:
        return [f"{label}: mål för {which} borttaget (var {target(item.old, old['mål'])})"]
    if sub == "mål":
        lines = [
            f"{label}: mål för {which} ändrat från {target(item.old, old)} till "
            f"{target(item.new, new)}"
        ]
        entry = next(e for e in item.new.targets_over_time if e.applies == which)
        decided = decision_text(entry.decision or item.new.decision or item.default_decision)
        return lines + [f"{label}: det nya målet för {which} är beslutat i {decided}"] * bool(
            decided
        )
    if sub == "mål_text":
        return [f"{label}: måltext för {which} ändrad från '{old or ''}' till '{new or ''}'"]
    if sub == "beslut":
        was = _entry_decision(item.old, which)
        now = _entry_decision(item.new, which)
        return [f"{label}: beslut för målet för {which} ändrat från '{was}' till '{now}'"]
    return generic(item, field, old, new)


def _entry_decision(measure: Measure, which: str) -> str:
    entry = next((e for e in measure.targets_over_time if e.applies == which), None)
    return (decision_text(entry.decision) if entry is not None else "") or "–"


def describe(item: Item, field: str, old: Any, new: Any) -> list[str]:
    """The sentences for one changed field (`field` as in the YAML, e.g. 'avvikande_mål.RUN')."""
    if item.kind in ("nyckeltal", "finansiellt_mål") and field.startswith("mål_över_tid."):
        return _over_time(item, field, old, new)
    words = WORDED.get(item.kind, {}).get(field)
    if words is None and item.kind == "nyckeltal" and field.startswith("avvikande_mål."):
        words = _avvikande(field.split(".", 1)[1])
    if words is None and item.kind == "nyckeltal" and field.startswith("avvikande_beslut."):
        words = _deviating_decision(field.split(".", 1)[1])
    return words(item, old, new) if words else generic(item, field, old, new)


def added(item: Item) -> list[str]:
    """The sentence for an item that is new in NEW (`item.new`)."""
    new = item.new
    if item.kind == "målområde":
        return [f"målområdet '{new.name}' har lagts till"]
    if isinstance(new, Uppdrag):
        return [f"uppdrag {item.ident} har lagts till: '{new.text}' ({', '.join(new.namnder)})"]
    if item.kind == "nyckeltal":
        return [
            f"nyckeltal '{new.name}' ({item.ident}) har lagts till, "
            f"mål {target(new, new.target)} ({new.direction})"
        ]
    return [f"finansiellt mål '{new.name}' har lagts till, mål {target(new, new.target)}"]


def removed(item: Item) -> list[str]:
    """The sentence for an item that is gone from NEW (`item.old`)."""
    old = item.old
    if item.kind == "målområde":
        return [f"målområdet '{old.name}' har tagits bort"]
    if isinstance(old, Uppdrag):
        return [f"uppdrag {item.ident} har tagits bort: '{old.text}'"]
    if item.kind == "nyckeltal":
        return [f"nyckeltal '{old.name}' ({item.ident}) har tagits bort"]
    return [f"finansiellt mål '{old.name}' har tagits bort"]
