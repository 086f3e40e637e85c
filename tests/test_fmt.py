"""`maluppfyllelse fmt [--check]`: layout only; comments, key order, quoting and data stay.

The tool runs in-process (`engine.cli.main`) with `tmp_path` as working directory.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
MINIMAL = TESTS / "data" / "minimal_rules"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(cli: Run) -> Run:
    """Run `maluppfyllelse fmt …` in `cwd`; return (exit code, stdout, stderr)."""
    return lambda *args, cwd: cli("fmt", *args, cwd=cwd)


def data(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


#: A målområde file typed by hand: four-space list indentation with the dash and the keys
#: apart, a list under a key without indentation, trailing spaces, extra blank lines at the
#: end; comments, single and double quotes and flow mappings that must stay.
MESSY = (
    "# yaml-language-server: $schema=../../schema/malomrade.schema.json\n"
    "# Målområde tandvård: kommentar överst.\n"
    "id: tandvard   \n"
    "namn: 'Tandvård'\n"
    'övergripande_mål: "God och tillgänglig tandvård"\n'
    "ordning: 1   # visas först\n"
    "uppdrag:\n"
    "- id: td-u01\n"
    "  text: Verka för tandvård.  \n"
    "  ursprung: fullmäktige\n"
    "  nämnder: [RS, HSN]\n"
    "# Nyckeltalen: rad 6264–6319.\n"
    "nyckeltal:\n"
    "    -   id: td-hsn-revisionsintervall\n"
    "        namn: Andel barn   \n"
    "        nämnder:\n"
    "        - HSN\n"
    '        enhet: "%"\n'
    "        riktning: Minst\n"
    "        mål: 88 # rad 6264\n"
    "        mål_text: 'Minst 88 %'\n"
    "        bedömning: {metod: kvot, gult_band: {från: 85}}\n"
    "\n"
    "\n"
)

TIDY = (
    "# yaml-language-server: $schema=../../schema/malomrade.schema.json\n"
    "# Målområde tandvård: kommentar överst.\n"
    "id: tandvard\n"
    "namn: 'Tandvård'\n"
    'övergripande_mål: "God och tillgänglig tandvård"\n'
    "ordning: 1   # visas först\n"
    "uppdrag:\n"
    "  - id: td-u01\n"
    "    text: Verka för tandvård.\n"
    "    ursprung: fullmäktige\n"
    "    nämnder: [RS, HSN]\n"
    "# Nyckeltalen: rad 6264–6319.\n"
    "nyckeltal:\n"
    "  - id: td-hsn-revisionsintervall\n"
    "    namn: Andel barn\n"
    "    nämnder:\n"
    "      - HSN\n"
    '    enhet: "%"\n'
    "    riktning: Minst\n"
    "    mål: 88 # rad 6264\n"
    "    mål_text: 'Minst 88 %'\n"
    "    bedömning: {metod: kvot, gult_band: {från: 85}}\n"
)


def normalise_inline_comments(text: str) -> str:
    """ruamel.yaml keeps an inline comment's column; spaces before ' #' are layout only."""
    return re.sub(r"(?<=\S) +(?=# )", " ", text)


def test_fmt_fixes_layout_and_keeps_comments_order_and_quoting(run: Run, tmp_path: Path) -> None:
    file = tmp_path / "tandvard.yaml"
    file.write_text(MESSY, encoding="utf-8")
    code, out, err = run("tandvard.yaml", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out == "tandvard.yaml: formaterades om\n1 av 1 fil formaterades om\n"
    new = file.read_text(encoding="utf-8")
    assert normalise_inline_comments(new) == normalise_inline_comments(TIDY)
    assert (
        "ordning: 1   # visas först\n" in new
    )  # a comment on a line that does not move keeps its place
    assert data(new) == data(MESSY)  # the same data
    assert list(data(new)) == ["id", "namn", "övergripande_mål", "ordning", "uppdrag", "nyckeltal"]
    assert not any(line != line.rstrip() for line in new.splitlines())


def test_fmt_is_idempotent(run: Run, tmp_path: Path) -> None:
    file = tmp_path / "tandvard.yaml"
    file.write_text(MESSY, encoding="utf-8")
    run("tandvard.yaml", cwd=tmp_path)
    once = file.read_text(encoding="utf-8")
    code, out, _ = run("--check", "tandvard.yaml", cwd=tmp_path)
    assert (code, out) == (0, "0 av 1 fil skulle formateras om\n")
    code, _, _ = run("tandvard.yaml", cwd=tmp_path)
    assert code == 0 and file.read_text(encoding="utf-8") == once


def test_fmt_moves_comment_lines_with_their_block(run: Run, tmp_path: Path) -> None:
    """A comment line inside a list item is re-indented with the keys around it."""
    file = tmp_path / "a.yaml"
    file.write_text(
        "uppdrag:\n- id: td-u01\n  # Bilaga 1 gäller.\n  status: Pågående enligt plan\n",
        encoding="utf-8",
    )
    run("a.yaml", cwd=tmp_path)
    assert file.read_text(encoding="utf-8") == (
        "uppdrag:\n  - id: td-u01\n    # Bilaga 1 gäller.\n    status: Pågående enligt plan\n"
    )


@pytest.mark.parametrize(
    "text",
    ["# Bara en kommentar: målområdet fylls i senare.\n", ""],
    ids=["bara-kommentar", "tom"],
)
def test_fmt_leaves_a_file_without_data_alone(text: str, run: Run, tmp_path: Path) -> None:
    """A comment-only or empty file has no layout to fix: fmt must not turn it into 'null'
    (and must not drop its comments)."""
    file = tmp_path / "a.yaml"
    file.write_text(text, encoding="utf-8")
    code, out, _ = run("--check", "a.yaml", cwd=tmp_path)
    assert (code, out) == (0, "0 av 1 fil skulle formateras om\n")
    run("a.yaml", cwd=tmp_path)
    assert file.read_text(encoding="utf-8") == text


def test_check_names_the_file_exits_1_and_changes_nothing(run: Run, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(MINIMAL, rules)
    messy = rules / "malomraden" / "tandvard.yaml"
    before = messy.read_text(encoding="utf-8").replace("ordning: 1\n", "ordning: 1  \n")
    messy.write_text(before, encoding="utf-8")
    code, out, err = run("--check", "rules", cwd=tmp_path)
    assert code == 1
    assert err == ""
    assert (
        out
        == "rules/malomraden/tandvard.yaml: skulle formateras om\n1 av 6 filer skulle formateras om\n"
    )
    assert messy.read_text(encoding="utf-8") == before


def test_check_exits_0_when_clean(run: Run, tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "rules")
    code, out, err = run("--check", "rules", cwd=tmp_path)
    assert (code, out, err) == (0, "0 av 6 filer skulle formateras om\n", "")


def test_default_path_is_rules(run: Run, tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "rules")
    code, out, _ = run("--check", cwd=tmp_path)
    assert (code, out) == (0, "0 av 6 filer skulle formateras om\n")


def test_real_rules_and_fixtures_are_formatted(run: Run) -> None:
    before = {p: p.read_bytes() for d in ("rules", "fixtures") for p in (ROOT / d).rglob("*.yaml")}
    code, out, err = run("--check", "rules", "fixtures", cwd=ROOT)
    assert (code, err) == (0, "")
    assert out == f"0 av {len(before)} filer skulle formateras om\n"
    assert all(p.read_bytes() == b for p, b in before.items())


@pytest.mark.parametrize("check", [False, True], ids=["fmt", "check"])
def test_invalid_yaml_is_reported_and_not_modified(check: bool, run: Run, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    broken = "id: tandvard\nnyckeltal: [\n  - id: x  \n"
    (rules / "trasig.yaml").write_text(broken, encoding="utf-8")
    (rules / "ok.yaml").write_text("id: ok   \n", encoding="utf-8")
    args = ["--check", "rules"] if check else ["rules"]
    code, out, err = run(*args, cwd=tmp_path)
    assert code == 1
    # where and why, as validate says it
    assert err == (
        "rules/trasig.yaml:3:3: fel: ogiltig YAML: väntade ett värde men fick '-'; en lista "
        "inom [ ] skrivs utan '-' (i det som börjar på rad 3, kolumn 3) [yaml-syntax]\n"
    )
    assert "trasig.yaml" not in out
    assert (rules / "trasig.yaml").read_text(encoding="utf-8") == broken
    # the readable file is still handled
    if check:
        assert out == "rules/ok.yaml: skulle formateras om\n1 av 2 filer skulle formateras om\n"
        assert (rules / "ok.yaml").read_text(encoding="utf-8") == "id: ok   \n"
    else:
        assert out == "rules/ok.yaml: formaterades om\n1 av 2 filer formaterades om\n"
        assert (rules / "ok.yaml").read_text(encoding="utf-8") == "id: ok\n"


def test_not_utf8_is_reported_and_not_modified(run: Run, tmp_path: Path) -> None:
    file = tmp_path / "latin1.yaml"
    raw = "namn: Tandvård\n".encode("latin-1")
    file.write_bytes(raw)
    code, _, err = run("latin1.yaml", cwd=tmp_path)
    assert code == 1
    assert "latin1.yaml:1:12: fel: filen är inte UTF-8 (byte 0xe5)" in err
    assert file.read_bytes() == raw


def test_no_yaml_files_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    (tmp_path / "tom").mkdir()
    code, _, err = run("tom", cwd=tmp_path)
    assert code == 2
    assert "hittade inga YAML-filer i tom" in err


def test_a_file_too_large_to_format_quickly_is_left_as_it_is(run: Run, tmp_path: Path) -> None:
    """ruamel's round trip takes about 15 s per MB: a 5,5 MB file took 78 s and 700 MB."""
    big = tmp_path / "stor.yaml"
    text = "id: x\n" + "".join(f"k{i}: N{i % 1000:03d}\n" for i in range(90_000))
    big.write_text(text, encoding="utf-8")
    assert big.stat().st_size > 1_000_000
    code, out, err = run("stor.yaml", cwd=tmp_path)
    assert code == 1
    assert "stor.yaml:1:1: fel: filen är " in err and "fmt formaterar filer upp till" in err
    assert big.read_text(encoding="utf-8") == text
