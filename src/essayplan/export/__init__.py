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


def student_settings() -> dict[str, str]:
    """`author` and `class` from the user's settings.toml ('' when unset). Never raises.

    Never the login name: a plan handed in says who wrote it only when the student says so."""
    settings = _read_settings()
    found = {}
    for key in _STUDENT_KEYS:
        value = settings.get(key)
        found[key] = value.strip() if isinstance(value, str) else ""
    return found


_STUDENT_KEYS = ("author", "class")


def student_asked() -> bool:
    """Has the student been asked for their name and class (answered or skipped)?"""
    return any(key in _read_settings() for key in _STUDENT_KEYS)


def save_student(author: str, group: str) -> None:
    """Keep the name and class in settings.toml, written atomically; other settings stay.
    Empty answers are kept too: the app asks only once. UserError when the file cannot be
    written, or is broken (it is not overwritten: the student's other settings would go)."""
    import tomli_w

    from essayplan import paths
    from essayplan.atomic import write_atomic
    from essayplan.safetext import clean as clean_text

    path = paths.user_config() / "settings.toml"
    settings = _read_settings(strict=path.exists())
    settings["author"] = clean_text(author).strip()
    settings["class"] = clean_text(group).strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, tomli_w.dumps(settings).encode("utf-8"))


def _read_settings(strict: bool = False) -> dict:
    from essayplan import paths, tomlread
    from essayplan.reading import read_bytes

    path = paths.user_config() / "settings.toml"
    try:
        raw = read_bytes(path, "settings file", limit=1024 * 1024)
        return tomlread.loads(raw.decode("utf-8"))
    except (UserError, ValueError, RecursionError) as error:
        if strict:
            raise UserError(f"{path}: cannot keep your name and class: the settings file is broken ({error})") from None
        return {}


def default_author() -> str:
    """`author` in the user's settings.toml, else ''. Never raises."""
    return student_settings()["author"]


def export_plan(
    plan: Plan,
    pack: Pack,
    out: Path,
    fmt: str = "docx",
    template: Path | None = None,
    *,
    author: str | None = None,
    group: str | None = None,
    advice: list[str] | None = None,
    appendix: bool = True,
    frame: bool = False,
) -> Path:
    """Write the plan to `out` and return it. UserError says what went wrong and where.

    The file is built in memory and written atomically: on any error the old
    file, if there was one, is untouched. `advice` is the plan's advice, one
    line each; None works it out. `author` and `group` (the class): None reads them
    from the settings. `frame`: a writing frame (ruled boxes, a grid). `template` (Word only) is the user's .docx
    or .dotx, whose styles, header, footer and page set-up are kept.
    """
    out = Path(out)
    _suffix(fmt)
    _check_folder(out)
    if appendix and advice is None:
        from essayplan.advice import advise, format_advice

        advice = format_advice(advise(plan, pack))
    from essayplan.export.content import build

    settings = student_settings() if author is None or group is None else {}
    content = build(
        plan,
        pack,
        author=settings["author"] if author is None else author,
        group=settings["class"] if group is None else group,
        advice=advice,
        appendix=appendix,
        frame=frame,
    )
    return write_content(content, out, fmt, template)


def write_content(content, out: Path, fmt: str = "docx", template: Path | None = None) -> Path:
    """Lay out `content` (export.content.Content) as Word or Markdown and write it to `out`
    atomically; the plan's export and the class report (export/classdoc.py) both end here."""
    out = Path(out)
    _suffix(fmt)
    _check_folder(out)
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


def check_output(out: Path) -> None:
    """UserError unless `out` can be written: its folder exists and is writable, it is no folder."""
    _check_folder(Path(out))


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
