"""Messages a user meets in Swedish: the system's reasons, the YAML parser's words, a period."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import pytest

from engine.diagnostics.hints import os_reason
from tests.conftest import CliRun


def test_known_reasons_are_swedish_and_the_rest_as_the_system_says() -> None:
    assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "filsystemet är skrivskyddat"
    assert os_reason(OSError(errno.EADDRINUSE, "Address already in use")) == (
        "adressen används redan"
    )
    assert os_reason(OSError(errno.ECONNRESET, "Connection reset by peer")) == (
        "Connection reset by peer"
    )


def test_a_report_where_a_file_stands_in_the_path_says_so_in_swedish(
    cli: CliRun, tmp_path: Path
) -> None:
    (tmp_path / "fil.txt").write_text("x")
    code, _, err = cli("report", "--format", "md", "--out", "fil.txt/ut", cwd=tmp_path)
    assert code == 2, err
    assert "en del av sökvägen är ingen mapp" in err and "Not a directory" not in err


def test_serve_on_a_port_in_use_says_so_in_swedish(cli: CliRun, tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = cli("serve", "--port", str(port), cwd=tmp_path)
    assert code == 2 and "adressen används redan" in err, err


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a:\n  b: 1\n c: 2\n", "fick en nyckel med ett annat indrag"),
        ('a: "x" y\n', "fick ett värde"),
        ("a: [1, 2\n", "fick filens slut"),
    ],
)
def test_the_parsers_token_names_are_worded(tmp_path: Path, text: str, said: str) -> None:
    """'<block mapping start>' and '<scalar>' are the parser's words, not the reader's."""
    from engine.diagnostics import Report
    from engine.inputs.yamlfile import load_file

    file = tmp_path / "regler.yaml"
    file.write_text(text, encoding="utf-8")
    report = Report()
    assert load_file(file, report, "regler.yaml") is None
    (message,) = [d.message for d in report.errors]
    assert said in message and "<" not in message, message


def test_a_month_13_is_called_no_month(cli: CliRun, tmp_path: Path) -> None:
    """'2025-13' is written ÅÅÅÅ-MM; saying 'skriv ÅÅÅÅ-MM' did not tell what was wrong."""
    for args in (["mall", "--period", "2025-13"], ["init", "p", "--period", "2025-13"]):
        code, _, err = cli(*args, cwd=tmp_path)
        assert code == 2
        assert "perioden '2025-13' är ingen månad; skriv ÅÅÅÅ-MM med månaden 01–12" in err
