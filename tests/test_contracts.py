"""Typed output contracts: evaluation returns data only, and the texts are filled in on the
output side; the JSON of `evaluate` and `validate` comes from pydantic models and validates
against the published schema (schema/resultat.schema.json, schema/diagnostik.schema.json).

Every test works on copies in tmp_path or on the real rules and fixtures/2025-08.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "fixtures/2025-08"
CliRun = Callable[..., tuple[int, str, str]]  # the `cli` fixture in conftest.py


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp_path/rules (the real rules) and tmp_path/fixtures/2025-08 (the real outcomes)."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / PERIOD, tmp_path / PERIOD)
    return tmp_path


# --- the evaluator renders no text --------------------------------------------------------


def test_the_evaluator_renders_no_templates() -> None:
    """engine/evaluation/ returns data (status, counts, names): no template is rendered there."""
    for path in sorted((ROOT / "engine" / "evaluation").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        assert not names & {"render_text", "text_context", "TextTemplateError"}, path.name


def test_a_conclusion_failing_on_the_real_data_is_a_pointed_error(
    cli: CliRun, project: Path
) -> None:
    """A conclusion that can be filled in with the validator's zeros but not with this
    period's counts (eight målområden) is still `[mall]` at texter.slutsats, exit 1, in
    validate, evaluate and report: it is rendered on the output side, not lost."""
    path = project / "rules" / "hushallning.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  slutsats: |\n") == 1
    path.write_text(
        text.replace("  slutsats: |\n", "  slutsats: |\n    {{ 1 // (8 - målområden.antal) }}\n"),
        encoding="utf-8",
    )
    line = (
        "rules/hushallning.yaml:46:13: fel: texter.slutsats: mallen kunde inte fyllas i: "
        "division med noll [mall]"
    )
    assert cli("validate", "--bara-regler", cwd=project)[0] == 0
    code, out, _ = cli("validate", cwd=project)
    assert (code, line in out.splitlines()) == (1, True), out
    for args in (("evaluate",), ("evaluate", "--format", "json"), ("report", "-q", "--out", "ut")):
        code, out, err = cli(*args, cwd=project)
        assert (code, out) == (1, ""), (args, err)
        assert line in err.splitlines(), (args, err)
        assert "Traceback" not in err
    assert not (project / "ut").exists() or not any((project / "ut").glob("*.html"))
