"""The CLI speaks Swedish by construction: argparse's own messages come from the
gettext catalogue in engine/cli/locale, and the catalogue shipped is the one its .po says."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import COMMANDS, main
from engine.cli.locale import MO, compile_catalogue
from engine.output.publish import parse_formats

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ("usage:", "positional arguments", "options:", "show this help message", "show program's")


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_has_no_english(command: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"] if command else ["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: maluppfyllelse")
    assert "flaggor:" in out
    assert "visa den här hjälptexten och avsluta" in out
    for english in ENGLISH:
        assert english not in out, english


def test_a_mistyped_option_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--fromat"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "maluppfyllelse validate: fel: okända argument: --fromat (menade du --format?)" in err


def test_a_bad_choice_is_explained_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["evaluate", "--format", "xml"])
    err = capsys.readouterr().err
    assert "argument --format: ogiltigt val 'xml' (välj bland 'text', 'json')" in err


def test_word_and_excel_are_format_names() -> None:
    assert parse_formats("word,excel,markdown") == ["docx", "xlsx", "md"]
    assert parse_formats("html,Word") == ["html", "docx"]


def test_format_auto_gives_grouped_annotations_in_github_actions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = ROOT / "tests/golden/formats/tva-fel-en-varning/rules"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["validate", str(rules), "--format", "auto"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("::group::") and out[0].endswith("tandvard.yaml")
    assert out[1].startswith("::error file=")
    assert "::endgroup::" in out
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert main(["validate", str(rules), "--format", "auto"]) == 1
    assert ": fel: " in capsys.readouterr().out


def test_the_shipped_catalogue_is_compiled_from_its_po_file() -> None:
    assert MO.read_bytes() == compile_catalogue(), "kör: python -m engine.cli.locale.build"
