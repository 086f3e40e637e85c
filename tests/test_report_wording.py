"""What the published appendix says: the decided status only, captions with one kind of
dash that do not contradict the text above them, and 'Utfall saknas' with a capital."""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
from pathlib import Path

import docx
import pytest

from engine.cli.common import evaluate_or_report
from engine.evaluation.evaluate import Evaluation
from engine.inputs.loaded import RuleSet
from engine.output.context import build_context
from tests.test_report import AUGUST, RULES, STEM, Page, report, run


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wording")
    code, _, err = report(folder, "--format", "html,md,docx")
    assert code == 0, err
    return folder


@pytest.fixture(scope="module")
def evaluated() -> tuple[RuleSet, Evaluation]:
    result = evaluate_or_report(argparse.Namespace(rules=str(RULES), outcomes=str(AUGUST)))
    assert result is not None
    return result.rules, result.evaluation


def test_the_appendix_shows_the_decided_status_not_the_proposal(out: Path) -> None:
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    md = (out / f"{STEM}.md").read_text(encoding="utf-8")
    d = docx.Document(str(out / f"{STEM}.docx"))
    word = "\n".join(p.text for p in d.paragraphs)
    for text in (html, md, word):
        assert "beräknat förslag" not in text
        assert "beräknad" not in text
    tandvard = md.split("## Tandvård - ", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"^Sammanvägd status: \S+ Ej uppfyllt$", tandvard, re.M)


def test_the_proposal_stays_in_the_review_output() -> None:
    code, stdout, _ = run(
        "evaluate", "--rules", str(RULES), "--outcomes", str(AUGUST), "--format", "json"
    )
    assert code == 0
    areas = {a["id"]: a for a in json.loads(stdout)["målområden"]}
    assert areas["tandvard"]["status"] == "röd"
    assert areas["tandvard"]["beräknad_status"] == "gul"
    # the nämnder's own comments per målområde are review material too: all 15 are there
    comments = [c for a in areas.values() for c in a["nämndernas_kommentarer"].values()]
    assert len(comments) == 15
    assert any(c.startswith("Den samlade bedömningen är röd") for c in comments)


def test_captions_use_one_kind_of_dash(out: Path) -> None:
    page = Page((out / f"{STEM}.html").read_text(encoding="utf-8"))
    captions = [str(t["caption"]) for t in page.tables]
    assert len(captions) > 20
    for caption in captions:
        assert " - " not in caption and "—" not in caption, caption
    md = (out / f"{STEM}.md").read_text(encoding="utf-8")
    for line in md.splitlines():
        if line.startswith("### "):
            assert " - " not in line, line


def test_folkhogskolor_caption_does_not_contradict_its_text(out: Path) -> None:
    page = Page((out / f"{STEM}.html").read_text(encoding="utf-8"))
    text = page.text.split("Folkhögskolor - Folkhögskolor med hög kvalitet", 1)[1]
    assert text.lstrip().startswith("Sammanvägd status")
    assert "Inget uppdrag är fördelat från fullmäktige" in text
    # The uppdrag is the nämnd's own (ursprung: nämnd), so it is in that table.
    caption = page.table("Nämndernas egna uppdrag – Folkhögskolor")["caption"]
    assert "fullmäktige" not in str(caption)
    assert not [t for t in page.tables if "regionfullmäktige" in str(t["caption"])]


def test_utfall_saknas_is_capitalised_where_it_starts_a_cell(
    evaluated: tuple[RuleSet, Evaluation],
) -> None:
    rules, evaluation = evaluated
    kpi = evaluation.kpis[0]
    missing = kpi._replace(value=None, ratio=None, missing_reason="utfall saknas")
    changed = dataclasses.replace(evaluation, kpis=[missing, *evaluation.kpis[1:]])
    b = build_context(rules, changed)
    notes = [k.note for a in b.areas for t in a.kpi_tables for k in t.rows if k.note]
    assert "Utfall saknas." in notes
    assert not [n for n in notes if n[:1].islower()]
