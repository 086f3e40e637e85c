"""Fill-in workbooks for the tertial's data round: one XLSX per nämnd (`mall`), read back
cell by cell (`import`).

A workbook has these sheets; the ids travel in the hidden column A, so a row that a
nämnd renames or moves still imports:

- **Om**: the period (B1) and the nämnd's id (B2), which `import` reads.
- **Nyckeltal**: per nyckeltal the nämnd reports: målområde, name, target with direction
  and unit, how often it is measured, the previous period's value, and the input cells
  *Utfall*, *Kommentar* and *Skäl när utfall saknas*. A nyckeltal that copies a
  financial goal is listed too, for its comment (its utfall is the goal's).
- **Uppdrag**: per uppdrag: its text and the input cells *Status* (a drop-down from
  `skala.yaml`) and *Kommentar*.
- **Målområden**: per målområde where the nämnd reports: the nämnd's judgement (a
  drop-down of the scale's labels) and comment.
- **Finansiella mål**: in the workbook of the organisation's first nämnd (the styrelse,
  which reports the region's finances): each goal's utfall, comment and reason. Left
  out when the plan has no finansiella_mal.yaml (a nämnd's plan).

Structure cells are locked (sheet protection without a password: it guards against
slips, not against people); input cells are unlocked and filled light yellow. Input
cells are pre-filled with what the period's outcome files already hold, so a workbook
made from a finished period and imported back changes nothing.

Reading treats the file as untrusted input: its size and its unpacked size are bounded
before openpyxl opens it (XML bombs are stopped by defusedxml, which openpyxl uses when
it is installed), rows and texts are bounded, and every problem names its cell as
`fil.xlsx:Nyckeltal!F12`. Numbers are read as Swedish Excel users type them: a decimal
comma, a percent sign, spaces (also non-breaking) between thousands and the minus sign
U+2212; a cell formatted as percent (Excel stores 57,5 % as 0.575) is read as 57.5.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from engine.inputs.loaded import RuleSet
from engine.wording import target_text

INFO = "Om"
KPI = "Nyckeltal"
UPPDRAG = "Uppdrag"
AREAS = "Målområden"
GOALS = "Finansiella mål"
LISTS = "Listor"

#: Column headers per sheet; column A is always the hidden id. `import` finds columns
#: by these headers, so a nämnd that inserts a column of its own does not break it.
COLUMNS: dict[str, tuple[str, ...]] = {
    KPI: ("id", "Målområde", "Nyckeltal", "Mål", "Mäts", "Föregående utfall",
          "Utfall", "Kommentar", "Skäl när utfall saknas"),
    UPPDRAG: ("id", "Målområde", "Uppdrag", "Status", "Kommentar"),
    AREAS: ("id", "Målområde", "Övergripande mål", "Nämndens bedömning", "Kommentar"),
    GOALS: ("id", "Finansiellt mål", "Mål", "Föregående utfall",
            "Utfall", "Kommentar", "Skäl när utfall saknas"),
}  # fmt: skip
INPUTS: dict[str, tuple[str, ...]] = {
    KPI: ("Utfall", "Kommentar", "Skäl när utfall saknas"),
    UPPDRAG: ("Status", "Kommentar"),
    AREAS: ("Nämndens bedömning", "Kommentar"),
    GOALS: ("Utfall", "Kommentar", "Skäl när utfall saknas"),
}
WIDTHS = {"id": 4, "Målområde": 18, "Nyckeltal": 40, "Uppdrag": 60, "Övergripande mål": 40,
          "Finansiellt mål": 36, "Kommentar": 60, "Skäl när utfall saknas": 30}  # fmt: skip
INPUT_FILL = PatternFill("solid", fgColor="FFF6CC")
HEADER_FILL = PatternFill("solid", fgColor="12324F")


# --- What a workbook holds, independent of Excel ---------------------------------------


@dataclass
class Prefill:
    """Values already in the period's outcome files (and the previous period's utfall)."""

    kpi: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    uppdrag: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    areas: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    goals: dict[str, dict[str, Any]] = field(default_factory=dict)
    previous_kpi: dict[tuple[str, str], Any] = field(default_factory=dict)
    previous_goals: dict[str, Any] = field(default_factory=dict)


def finance_namnd(rules: RuleSet) -> str:
    """The nämnd whose workbook carries the financial goals: the first one listed."""
    return rules.organisation.model.namnder[0].id


def _text_cell(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text from the rules is data, never a formula


def _sheet(wb: Workbook, title: str, rows: list[list[Any]]) -> Worksheet:
    ws = wb.create_sheet(title)
    headers = COLUMNS[title]
    for col, header in enumerate(headers, start=1):
        _text_cell(ws, 1, col, header)
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(header, 16)
    inputs = {headers.index(h) + 1 for h in INPUTS[title]}
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            _text_cell(ws, r, col, value)
            cell = ws.cell(row=r, column=col)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if col in inputs:
                cell.protection = Protection(locked=False)
                cell.fill = INPUT_FILL
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = "B2"
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    return ws


def _drop_down(ws: Worksheet, column: str, rows: int, source: str) -> None:
    if rows == 0:
        return
    dv = DataValidation(type="list", formula1=source, allow_blank=True)
    dv.error = "Välj ett värde i listan."
    dv.errorTitle = "Okänt värde"
    ws.add_data_validation(dv)
    dv.add(f"{column}2:{column}{rows + 1}")


def _info_sheet(wb: Workbook, rules: RuleSet, namnd: str, period: str) -> None:
    info = wb.active
    info.title = INFO
    facts = [
        ("Period", period),
        ("Nämnd", namnd),
        ("Nämndens namn", rules.namnder[namnd].name),
        ("Organisation", rules.organisation.model.organisation.name),
    ]
    for r, (label, value) in enumerate(facts, start=1):
        _text_cell(info, r, 1, label)
        _text_cell(info, r, 2, value)
        info.cell(row=r, column=1).font = Font(bold=True)
    _text_cell(
        info, 6, 1,
        "Fyll i de gula cellerna på bladen Nyckeltal, Uppdrag och Målområden. Skriv tal som "
        "i Excel (57,5 eller 1 920). Saknas ett utfall: lämna Utfall tomt och skriv skälet. "
        "Ändra inte kolumn A (dold) eller cellerna B1–B2 här.",
    )  # fmt: skip
    info.column_dimensions["A"].width = 16
    info.column_dimensions["B"].width = 60
    info.protection.sheet = True


@dataclass
class _Rows:
    kpi: list[list[Any]] = field(default_factory=list)
    uppdrag: list[list[Any]] = field(default_factory=list)
    areas: list[list[Any]] = field(default_factory=list)
    goals: list[list[Any]] = field(default_factory=list)


def _target(m: Any, period: str, own: float | None = None) -> str:
    """The target in force for `period`, as the evaluation chooses it: the nämnd's own
    (`avvikande_mål`), else the `mål_över_tid` entry, else `mål`."""
    if own is not None:
        return target_text(m.direction, own, m.unit or "")
    entry = m.in_force(period)
    if entry is not None:
        return str(entry.target_text or target_text(m.direction, entry.target, m.unit or ""))
    return str(m.target_text or target_text(m.direction, m.target, m.unit or ""))


def _rows_of(rules: RuleSet, namnd: str, period: str, prefill: Prefill) -> _Rows:
    """The rows of the nämnd's sheets, in plan order, pre-filled."""
    rows = _Rows()
    for area in rules.areas:
        a = area.model
        kpis = [k for k in a.nyckeltal if namnd in k.namnder]
        for k in kpis:
            have = prefill.kpi.get((k.id, namnd), {})
            rows.kpi.append([
                k.id, a.name, k.name,
                _target(rules.measure_for(k), period, k.target_by_namnd.get(namnd)), k.frequency,
                prefill.previous_kpi.get((k.id, namnd)),
                have.get("utfall"), have.get("kommentar"), have.get("saknas"),
            ])  # fmt: skip
        uppdrag = [u for u in a.uppdrag if namnd in u.namnder]
        for u in uppdrag:
            have = prefill.uppdrag.get((u.id, namnd), {})
            rows.uppdrag.append([u.id, a.name, u.text, have.get("status"), have.get("kommentar")])
        if kpis or uppdrag:
            have = prefill.areas.get((a.id, namnd), {})
            decided = have.get("status")
            judged = next(
                (v.label for key, v in rules.scale.model.statuses.items() if key == decided), None
            )
            rows.areas.append([a.id, a.name, a.overall_goal, judged, have.get("kommentar")])
    if namnd == finance_namnd(rules):
        for g in rules.goals.values():
            have = prefill.goals.get(g.id, {})
            rows.goals.append([
                g.id, g.name, _target(g, period), prefill.previous_goals.get(g.id),
                have.get("utfall"), have.get("kommentar"), have.get("saknas"),
            ])  # fmt: skip
    return rows


def build_workbook(rules: RuleSet, namnd: str, period: str, prefill: Prefill) -> bytes:
    """The fill-in workbook of one nämnd for one period, as XLSX bytes."""
    wb = Workbook()
    _info_sheet(wb, rules, namnd, period)
    lists = wb.create_sheet(LISTS)
    statuses = list(rules.scale.model.uppdrag_statuses)
    labels = [s.label for s in rules.scale.model.statuses.values()]
    for r, value in enumerate(statuses, start=1):
        _text_cell(lists, r, 1, value)
    for r, value in enumerate(labels, start=1):
        _text_cell(lists, r, 2, value)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    rows = _rows_of(rules, namnd, period, prefill)
    _sheet(wb, KPI, rows.kpi)
    ws = _sheet(wb, UPPDRAG, rows.uppdrag)
    _drop_down(ws, "D", len(rows.uppdrag), f"{LISTS}!$A$1:$A${len(statuses)}")
    ws = _sheet(wb, AREAS, rows.areas)
    _drop_down(ws, "D", len(rows.areas), f"{LISTS}!$B$1:$B${len(labels)}")
    if namnd == finance_namnd(rules) and rules.goals:
        _sheet(wb, GOALS, rows.goals)
    wb.move_sheet(LISTS, offset=len(wb.sheetnames))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
