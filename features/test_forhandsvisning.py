"""Steps for förhandsvisning.feature: `maluppfyllelse serve` in headless Chromium.

The server, the browser and the edits are those of tests/test_serve.py (which skips
without Chromium, and fails then when MALUPPFYLLELSE_REQUIRE_BROWSER=1, as in CI)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.test_serve import (
    TARGET,
    WITHIN,
    Server,
    browser,
    edit_target,
    open_page,
    panel,
    server,
    wait_for,
)

ROOT = Path(__file__).resolve().parent.parent
#: The fixtures shared with tests/test_serve.py: the Chromium page and the running server.
__all__ = ["browser", "server"]

scenarios("förhandsvisning.feature")


@given('att "maluppfyllelse serve" visar en kopia av regionens projekt i en webbläsare')
def _open(server: Server, browser: Any) -> None:
    open_page(browser, server)
    assert panel(browser, "data-fel") == "0"
    browser.execute_script("window.samma_sida = true")


@when(
    parsers.parse(
        'målet för tandvårdens nyckeltal ändras från "{old}" till "{new}" och filen sparas'
    )
)
def _edit(server: Server, old: str, new: str) -> None:
    edit_target(server.project / TARGET, old.replace(",", "."), new.replace(",", "."))


@then(parsers.parse('visar sidan "{text}" inom 2 sekunder'))
def _shows(browser: Any, text: str) -> None:
    wait_for(lambda: text in browser.page_source, WITHIN)


@then("har sidan uppdaterat sig själv utan att laddas om")
def _same_page(browser: Any) -> None:
    assert browser.execute_script("return window.samma_sida") is True


@when(parsers.parse('"{name}" sparas med en trasig rad'))
def _break(server: Server, name: str, state: dict[str, str]) -> None:
    target = server.project / name
    state["good"] = target.read_text(encoding="utf-8")
    state["name"] = name
    target.write_text(state["good"].replace("namn: Tandvård\n", "namn: [Tandvård\n", 1), "utf-8")


@pytest.fixture
def state() -> dict[str, str]:
    return {}


@then(parsers.parse('visar panelen felet med "{file}:rad:kolumn" inom 2 sekunder'))
def _panel_error(browser: Any, file: str) -> None:
    wait_for(lambda: panel(browser, "data-fel") != "0", WITHIN)
    assert re.search(rf"{re.escape(file)}:\d+:\d+: fel: ", panel(browser)), panel(browser)


@then("visar sidan fortfarande den senaste felfria bilagan")
def _last_good(browser: Any) -> None:
    assert "senaste felfria versionen" in panel(browser)
    assert "Minst 4,07" in browser.page_source


@when("filen rättas och sparas igen")
def _fix(server: Server, state: dict[str, str]) -> None:
    (server.project / state["name"]).write_text(state["good"], encoding="utf-8")


@then("är panelen tom inom 2 sekunder")
def _panel_clear(browser: Any, state: dict[str, str]) -> None:
    wait_for(lambda: panel(browser, "data-fel") == "0", WITHIN)
    assert state["name"].rsplit("/", 1)[-1] + ":" not in panel(browser)
