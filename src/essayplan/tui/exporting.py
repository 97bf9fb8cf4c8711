"""Export from the app: ask where and in what format, then write it in a worker thread."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from essayplan import paths
from essayplan.errors import UserError
from essayplan.model import now
from essayplan.paths import display
from essayplan.tui import safety
from essayplan.tui.messages import Notice


def ask_export(app) -> None:
    """The export dialog; a file already there is only replaced when the student says so."""
    from essayplan.tui.screens import ExportScreen

    def done(choice: tuple[str, str] | None) -> None:
        if choice:
            out, fmt = choice
            write = partial(export, app, out, fmt)
            safety.confirm_replace(app, paths.expand(out), lambda: app.run_worker(write, thread=True, exclusive=True, group="export"))

    default = app.session.path.with_suffix(".docx")
    if app.session.in_data_folder:
        # Not in a hidden data folder: where the student keeps their documents.
        default = paths.user_documents() / default.name
    app.push_screen(ExportScreen(str(default)), done)


def export(app, out: str, fmt: str) -> None:
    """In a worker thread: write the document and tell the app how it went (a message)."""
    from essayplan.advice import advise, format_advice
    from essayplan.export import export_plan

    plan, pack = app.plan, app.pack
    try:
        plan = replace(plan, modified=now())  # the document is dated now, not when the plan was opened
        written = export_plan(plan, pack, paths.expand(out), fmt, advice=format_advice(advise(plan, pack)))
    except UserError as error:
        app.post_message(Notice(str(error), "Export failed", "error", 10))
        return
    except Exception as error:  # a bug in an export must not take the student's session with it
        app.post_message(Notice(f"Export failed: {error!r}", "", "error", 10))
        return
    app.post_message(Notice(f"Exported to {display(written)}", "Export", "information", 6))
