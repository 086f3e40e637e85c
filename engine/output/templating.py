"""Report templates: the sandboxed jinja2 environment (`environment`, `render_template`),
and for `report --templates MAPP` what may be read and where an error is.

`FolderLoader` reads only regular files inside the folder; `TemplateProblem` carries a
template's failure as a diagnostic at its file and line, so that the command prints it
in the standard form and exits 1.
"""

from __future__ import annotations

import os
import re
import stat
import traceback
from collections.abc import Callable
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.sandbox import SandboxedEnvironment

from engine.diagnostics import Diagnostic, Location, Severity, UserError
from engine.diagnostics.hints import os_reason
from engine.output.presentation import Bilaga
from engine.wording import template_error_message
from engine.wording.cache import template_cache
from engine.wording.sandbox import REPORT_LIMITS, LimitedSandbox, render_limited


class TemplateProblem(Exception):
    """A template (a report template or a text in hushallning.yaml) that cannot be
    used: carries the diagnostic, so that the command lists it in the standard form
    (`fil:rad:kolumn: fel: … [mallfel]`) and exits 1."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


class UnsafeTemplate(TemplateError):
    """A template file that is not a regular file inside the templates folder."""

    def __init__(self, message: str, shown: str) -> None:
        super().__init__(message)
        self.shown = shown


class FolderLoader(BaseLoader):
    """Loads templates from one folder and nothing else: a name with an absolute path,
    `..`, a backslash or an empty part is not there, and a symbolic link (to a file or
    a folder, anywhere on the way) or anything but a regular file is refused, so that
    an `{% include %}` cannot read /etc/passwd through a link. Missing templates fall
    through to the built-in ones (a ChoiceLoader), refused ones do not."""

    def __init__(self, root: Path, shown: str) -> None:
        self.root = root.resolve()
        self.shown = shown.rstrip("/") or "."

    def path_of(self, name: str) -> Path:
        parts = name.split("/")
        if name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
            raise TemplateNotFound(name)
        current = self.root
        for part in parts:
            current = current / part
            if current.is_symlink():
                raise UnsafeTemplate(
                    f"mallen '{name}' är en symbolisk länk; bara vanliga filer i mallmappen läses",
                    f"{self.shown}/{name}",
                )
        return current

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.path_of(template)
        shown = f"{self.shown}/{template}"
        try:
            # O_NOFOLLOW: not through a link swapped in since the check; O_NONBLOCK: a
            # FIFO named like a template must not block the report.
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            fd = os.open(path, flags)
        except FileNotFoundError:
            raise TemplateNotFound(template) from None
        except OSError as exc:
            if path.is_dir() or not path.exists():
                raise TemplateNotFound(template) from None
            raise UnsafeTemplate(
                f"mallen '{template}' kan inte läsas: {os_reason(exc)}", shown
            ) from exc
        with os.fdopen(fd, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UnsafeTemplate(f"mallen '{template}' är ingen vanlig fil", shown)
            data = file.read(MAX_TEMPLATE_FILE + 1)
        if len(data) > MAX_TEMPLATE_FILE:
            raise UnsafeTemplate(
                f"mallen '{template}' är större än {MAX_TEMPLATE_FILE} byte", shown
            )
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnsafeTemplate(f"mallen '{template}' är inte UTF-8", shown) from exc
        mtime = info.st_mtime

        def uptodate() -> bool:
            try:
                return os.stat(path, follow_symlinks=False).st_mtime == mtime
            except OSError:
                return False

        return source, str(path), uptodate


#: A report template is a page of markup; anything larger is not one.
MAX_TEMPLATE_FILE = 2_000_000
BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def shown_template(env: Environment, filename: str | None, name: str) -> str:
    """A template's path as the user should see it: under the folder they gave."""
    if filename:
        path = Path(filename)
        loader = env.loader
        for sub in getattr(loader, "loaders", [loader]):
            if isinstance(sub, FolderLoader) and path.is_relative_to(sub.root):
                return f"{sub.shown}/{path.relative_to(sub.root).as_posix()}"
        if path.is_relative_to(BUILTIN_TEMPLATES):
            return f"engine/templates/{path.relative_to(BUILTIN_TEMPLATES).as_posix()}"
    return name


def template_position(exc: BaseException, name: str) -> tuple[str | None, int]:
    """The template file and line an error comes from (syntax errors say it; for a
    runtime error jinja rewrites the traceback so that its frames point into the
    templates)."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.filename, exc.lineno or 1
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if not frame.filename.endswith(".py") and not frame.filename.startswith("<"):
            return frame.filename, frame.lineno or 1
    return None, 1


def column(filename: str | None, line: int, message: str) -> int:
    """jinja records no columns; for an error that quotes a name, find it on the line."""
    quoted = re.findall(r"'([^']+)'", message)
    if not filename or not quoted:
        return 1
    try:
        lines = Path(filename).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    if not 0 < line <= len(lines):
        return 1
    col = lines[line - 1].find(quoted[-1])
    return col + 1 if col >= 0 else 1


def _md(text: object) -> str:
    """Escape text for a Markdown table cell or paragraph."""
    s = str(text)
    for ch in ("\\", "|", "*", "_", "`", "<", ">", "[", "]"):
        s = s.replace(ch, "\\" + ch)
    return s.replace("\n", " ")


def environment(user_templates: Path | None = None) -> SandboxedEnvironment:
    loaders: list[BaseLoader] = []
    if user_templates is not None:
        if not user_templates.is_dir():
            raise UserError(f"mallmappen '{user_templates}' finns inte")
        loaders.append(FolderLoader(user_templates, user_templates.as_posix()))
    loaders.append(PackageLoader("engine", "templates"))
    env = LimitedSandbox(
        loader=ChoiceLoader(loaders),
        autoescape=lambda name: (
            name is not None and (name.endswith(".html.j2") or name.endswith(".html"))
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache(kind="report", trim_blocks=True, lstrip_blocks=True),
    )
    env.add_filter("md", _md)
    return env


def render_template(env: SandboxedEnvironment, name: str, bilaga: Bilaga, **extra: object) -> str:
    """Render a report template within `REPORT_LIMITS`; any failure is a `TemplateProblem`
    pointing at the template's file and line."""
    top: str | None = None
    try:
        template = env.get_template(name)
        top = template.filename
        return render_limited(template, {"b": bilaga, **extra}, REPORT_LIMITS)
    except Exception as exc:  # a user's template may fail in any way; say where and why
        filename, line = template_position(exc, name)
        filename = filename or top
        message = template_error_message(exc)
        if isinstance(exc, TemplateNotFound):
            message = (
                f"mallen '{exc.name}' finns inte i mallmappen eller bland de inbyggda mallarna"
            )
        col = column(filename, line, message) if not isinstance(exc, UnsafeTemplate) else 1
        shown = shown_template(env, filename, name)
        if filename is None and isinstance(exc, UnsafeTemplate):
            shown = exc.shown
        where = Location(shown, line, col)
        raise TemplateProblem(
            Diagnostic(where, Severity.ERROR, "mallfel", f"mallen kunde inte användas: {message}")
        ) from exc
