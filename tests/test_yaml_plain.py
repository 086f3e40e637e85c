"""The fast YAML path (engine.inputs.yamlplain): for every YAML file of the project, and for
files with each thing the full path treats specially, the fast path either gives exactly
the data of the full path (node graph, then `Builder`) with nothing to report, or steps
aside (None) so that the full path runs. Positions asked for later are the full path's."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.diagnostics import Report
from engine.inputs import yamlgraph
from engine.inputs.yamlcompose import compose
from engine.inputs.yamlfile import load_text
from engine.inputs.yamlgraph import Builder, Map
from engine.inputs.yamlplain import plain_data

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p for p in ROOT.rglob("*.yaml") if ".git" not in p.parts and "node_modules" not in p.parts
)
UNUSUAL = {
    "anchor": "a: &x 1\nb: *x\n",
    "merge": "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
    "duplicate": "a: 1\na: 2\n",
    "key-list": "? [a, b]\n: 1\n",
    "key-map": "? {a: 1}\n: 1\n",
    "big-int": "a: " + "9" * 400 + "\n",
    "surrogate": 'a: "\\ud800"\n',
    "two-documents": "a: 1\n---\nb: 2\n",
    "syntax": "a: [1, 2\n",
    "top-list": "- a\n- b\n",
    "top-scalar": "just text\n",
    "empty": "# only a comment\n",
    "tab": "a:\n\tb: 1\n",
    "deep": "a: " + "[" * 150 + "]" * 150 + "\n",
    "big-int-twice": "a: " + "9" * 400 + "\nb: " + "9" * 400 + "\n",
    "not-xml-text": 'a: "ä\\ufffe"\n',
    "not-xml-plain": "a: ä\ufffe\n",
}
ORDINARY = {
    "yaml-1.1": "%YAML 1.1\n---\na: yes\nb: 0o17\nc: 1_000\n",
    "typed": "a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: ~\ne: 2025-08-31\nf: 1e3\ng: .inf\n",
    "keys": "1: a\ntrue: b\n~: c\n1.5: d\n2025-01-01: e\n",
    "nfc": 'namn: "Go\u0308teborg"\n',
    "nfc-plain": "namn: Go\u0308teborg\nort: Göteborg\nåter: Go\u0308teborg\n",
    "text-after-resolver": "a: -ä\nb: .nån\nc: 1ä\nd: nej\n",
    "repeated": "a: [N001, N001, 1, 1, 1.5, 1.5, null, null, true, true, Nej, Nej]\nb: N001\n",
    "repeated-1.1": "%YAML 1.1\n---\na: [yes, yes, no, no, 0o17, 0o17]\n",
    "flow": "a: {b: [1, {c: d}], e: []}\nf: [x, 'y', \"z\"]\n",
    "blocks": "a: |\n  två\n  rader\nb: >-\n  en\n  rad\n",
}


def full(text: str) -> tuple[object, list[str]]:
    report = Report()
    try:
        node, _ = compose(text, "f.yaml", report)
    except Exception as exc:  # noqa: BLE001 - the full path refuses: so must the fast one
        return type(exc), []
    data = Builder("f.yaml", report).build(node) if isinstance(node, Map) else None
    return data, [d.format() for d in report.diagnostics]


def check(text: str) -> object:
    fast = plain_data(text, "f.yaml")
    data, problems = full(text)
    if fast is not None:
        assert not problems
        assert fast == data
        assert [type(v) for v in fast.values()] == [type(v) for v in data.values()]  # type: ignore[union-attr]
    return fast


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_file_of_the_project_reads_the_same(path: Path) -> None:
    check(path.read_text(encoding="utf-8-sig", errors="replace"))


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_the_unusual_takes_the_full_path(name: str) -> None:
    assert check(UNUSUAL[name]) is None


@pytest.mark.parametrize("name", sorted(ORDINARY))
def test_the_ordinary_takes_the_fast_path(name: str) -> None:
    assert check(ORDINARY[name]) is not None


def test_the_limits_hold_on_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlgraph, "MAX_NODES", 5)
    assert check("a: [1, 2, 3, 4, 5, 6]\n") is None
    monkeypatch.setattr(yamlgraph, "MAX_NODES", 2_000_000)
    monkeypatch.setattr(yamlgraph, "MAX_DEPTH", 3)
    assert check("a: [[[[1]]]]\n") is None


def test_positions_are_composed_when_asked_for() -> None:
    text = "a: 1\nb:\n  - x\n  - {c: 2}\n"
    report = Report()
    doc = load_text(text, "f.yaml", report)
    assert doc is not None and doc.root is None and not report.diagnostics
    node, _ = compose(text, "f.yaml", Report())
    assert str(doc.where(("b", 1, "c"))) == "f.yaml:4:9"
    assert str(doc.where(("b", 1, "c"), at_key=True)) == "f.yaml:4:6"
    assert str(doc.where(("b", 7))) == "f.yaml:3:3"
    assert doc.root is not None and node is not None


def test_plain_short_text_is_one_string_wherever_it_stands() -> None:
    """Ids, nämnder and keys are interned on the fast path: the rules' nyckeltal id and an
    outcome file's are the same object, which the evaluation's lookups compare by identity.
    Quoted text (a comment) is kept as it is."""
    rules = plain_data("nyckeltal:\n  - id: hs-k001\n    nämnder: [N001, HSN]\n", "r.yaml")
    outcome = plain_data(
        'nyckeltal:\n  - id: hs-k001\n    nämnd: HSN\n    kommentar: "hs-k001"\n', "u.yaml"
    )
    assert rules is not None and outcome is not None
    kpi, entry = rules["nyckeltal"][0], outcome["nyckeltal"][0]
    assert kpi["id"] is entry["id"]
    assert kpi["nämnder"][1] is entry["nämnd"]
    assert list(kpi)[0] is list(entry)[0]  # the key "id"
    assert entry["kommentar"] == "hs-k001"
