"""Export a plan to Word (.docx) or Markdown.

Importing this package is cheap: python-docx and lxml load only when a Word
export runs, so the app and the CLI start fast.
"""

from __future__ import annotations

import os
from pathlib import Path

from essayplan.errors import UserError
from essayplan.model import Pack, Plan

FORMATS = {"docx": ".docx", "md": ".md"}


def default_output(plan_path: Path, fmt: str) -> Path:
    """Beside the plan, with the plan's name: my-plan.toml → my-plan.docx."""
    return Path(plan_path).with_suffix(_suffix(fmt))


def default_author() -> str:
    """`author` in the user's settings.toml, else the login name, else ''. Never raises."""
    import tomllib

    from essayplan import paths

    from essayplan.reading import read_bytes

    try:
        raw = read_bytes(paths.user_config() / "settings.toml", "settings file", limit=1024 * 1024)
        author = tomllib.loads(raw.decode("utf-8")).get("author")
        if isinstance(author, str) and author.strip():
            return author.strip()
    except (UserError, ValueError, RecursionError):  # no settings yet, or a broken file: the export still runs
        pass
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no user name at all (some containers): an empty author is fine
        return ""


def export_plan(
    plan: Plan,
    pack: Pack,
    out: Path,
    fmt: str = "docx",
    template: Path | None = None,
    *,
    author: str | None = None,
    advice: list[str] | None = None,
    appendix: bool = True,
) -> Path:
    """Write the plan to `out` and return it. UserError says what went wrong and where.

    The file is built in memory and written atomically: on any error the old
    file, if there was one, is untouched. `advice` is the plan's advice, one
    line each; None works it out. `template` (Word only) is the user's .docx
    or .dotx, whose styles, header, footer and page set-up are kept.
    """
    out = Path(out)
    _suffix(fmt)
    _check_folder(out)
    if appendix and advice is None:
        from essayplan.advice import advise, format_advice

        advice = format_advice(advise(plan, pack))
    from essayplan.export.content import build

    content = build(plan, pack, author=default_author() if author is None else author, advice=advice, appendix=appendix)
    if fmt == "docx":
        from essayplan.export.docx import render

        data = render(content, template)
    else:
        if template is not None:
            raise UserError(f"{template}: a template is for Word exports only; leave out --template for Markdown")
        from essayplan.export.markdown import render as render_markdown

        data = render_markdown(content).encode("utf-8")
    _write(out, data)
    return out


def _suffix(fmt: str) -> str:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise UserError(f"unknown export format {fmt!r}: expected docx or md") from None


def _check_folder(out: Path) -> None:
    folder = out.parent
    if not folder.is_dir():
        raise UserError(f"{out}: cannot export: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"{out}: cannot export: folder {folder} is not writable")
    if out.is_dir():
        raise UserError(f"{out}: cannot export: it is a folder; give a file name")


def _write(out: Path, data: bytes) -> None:
    from essayplan.atomic import write_atomic

    try:
        write_atomic(out, data)
    except UserError as error:
        # write_atomic hides the OSError (`from None`) but keeps it as the context.
        if isinstance(error.__context__, PermissionError):
            if out.exists():
                # What Windows says when the file is open in Word.
                raise UserError(
                    f"{out}: cannot export: the file is open in another program or read-only; close it and try again"
                ) from None
            raise UserError(f"{out}: cannot export: folder {out.parent} is not writable") from None
        raise
