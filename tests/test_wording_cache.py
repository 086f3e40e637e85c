"""engine/wording/cache.py: compiled templates kept between runs, safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.wording import TextTemplateError
from engine.wording.cache import cache_folder, compile_text, template_cache
from engine.wording.sandbox import TEXT_LIMITS, LimitedSandbox, render_limited


def _env(cached: bool = True) -> LimitedSandbox:
    options = {"autoescape": False}
    cache = template_cache(kind="test", **options) if cached else None
    return LimitedSandbox(bytecode_cache=cache, **options)


def test_a_text_is_compiled_once_and_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = "{% for n in range(3) %}{{ n }}{% endfor %} klart"
    first = compile_text(_env(), source)
    entries = list((tmp_path / "maluppfyllelse" / "jinja").iterdir())
    assert len(entries) == 1
    env = _env()
    bucket = env.bytecode_cache.get_bucket(env, "x", None, source)  # type: ignore[union-attr]
    assert bucket.code is None  # another template is not found
    second = compile_text(env, source)
    assert render_limited(first, {}, TEXT_LIMITS) == render_limited(second, {}, TEXT_LIMITS)
    assert render_limited(second, {}, TEXT_LIMITS) == "012 klart"
    assert list((tmp_path / "maluppfyllelse" / "jinja").iterdir()) == entries


def test_the_cache_is_keyed_by_the_environments_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    a = template_cache(kind="text", trim_blocks=True)
    b = template_cache(kind="text", trim_blocks=False)
    assert a is not None and b is not None
    assert a.get_cache_key("t") != b.get_cache_key("t")


def test_a_cache_folder_others_may_write_in_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = cache_folder()
    assert folder is not None
    folder.chmod(0o777)
    assert cache_folder() is None and template_cache(kind="text") is None
    assert render_limited(compile_text(_env(), "{{ 1 + 1 }}"), {}, TEXT_LIMITS) == "2"


def test_a_cache_that_cannot_be_written_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    env = _env()
    folder = tmp_path / "maluppfyllelse" / "jinja"
    folder.rmdir()
    folder.write_text("", "utf-8")  # gone since: neither read nor written
    assert render_limited(compile_text(env, "{{ 2 * 3 }}"), {}, TEXT_LIMITS) == "6"


def test_an_unusable_cache_place_compiles_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fil").write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fil"))
    assert cache_folder() is None
    assert render_limited(compile_text(_env(), "{{ 'a' }}"), {}, TEXT_LIMITS) == "a"


def test_an_error_in_a_cached_text_still_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import engine.wording as wording

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(wording, "TEXT_ENV", wording._environment(autoescape=False))
    wording._compiled.cache_clear()
    source = "rad ett\n{{ 1 / 0 }}"
    for _ in range(2):  # compiled, then read from the cache
        wording._compiled.cache_clear()
        with pytest.raises(TextTemplateError) as err:
            wording.render_text(source, {})
        assert err.value.line == 2 and "division med noll" in str(err.value)
    wording._compiled.cache_clear()
