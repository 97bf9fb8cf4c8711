"""Export from the app: ask where and in what format, then write it in a worker thread."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from essayplan import paths
from essayplan.errors import UserError
from essayplan.model import now
from essayplan.paths import display
from essayplan.tui import safety
from essayplan.tui.messages import Notice


def ask_export(app) -> None:
    """The export dialog; a file already there is only replaced when the student says so.
    The first time, the student is asked for their name and class (skippable)."""
    from essayplan.export import student_asked

    if student_asked():
        _ask_where(app)
        return

    def answered(answer: tuple[str, str] | None) -> None:
        from essayplan.export import save_student

        try:
            save_student(*(answer or ("", "")))  # a skip is kept too: asked once
        except UserError as error:
            app.post_message(Notice(str(error), "Name and class not kept", "warning", 8))
        _ask_where(app)

    app.push_screen(StudentScreen(), answered)


def _ask_where(app) -> None:
    from essayplan.tui.screens import ExportScreen

    def done(choice: tuple[str, str, bool] | None) -> None:
        if choice:
            out, fmt, frame = choice
            write = partial(export, app, out, fmt, frame)
            safety.confirm_replace(app, paths.expand(out), lambda: app.run_worker(write, thread=True, exclusive=True, group="export"))

    default = app.session.path.with_suffix(".docx")
    if app.session.in_data_folder:
        # Not in a hidden data folder: where the student keeps their documents.
        default = paths.user_documents() / default.name
    app.push_screen(ExportScreen(str(default)), done)


def export(app, out: str, fmt: str, frame: bool = False) -> None:
    """In a worker thread: write the document and tell the app how it went (a message)."""
    from essayplan.advice import advise, format_advice
    from essayplan.export import export_plan

    plan, pack = app.plan, app.pack
    try:
        plan = replace(plan, modified=now())  # the document is dated now, not when the plan was opened
        written = export_plan(plan, pack, paths.expand(out), fmt, advice=format_advice(advise(plan, pack)), frame=frame)
    except UserError as error:
        app.post_message(Notice(str(error), "Export failed", "error", 10))
        return
    except Exception as error:  # a bug in an export must not take the student's session with it
        app.post_message(Notice(f"Export failed: {error!r}", "", "error", 10))
        return
    app.post_message(Notice(f"Exported to {display(written)}", "Export", "information", 6))


class StudentScreen(ModalScreen[tuple[str, str] | None]):
    """Asked once, before the first export: the name and class the document shows."""

    BINDINGS = [Binding("escape", "skip", "Skip")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Who is this plan by?", classes="dialog-title")
            yield Label("Shown on the exported plan and in its footer. Asked once; change it in settings.toml.")
            yield Input(placeholder="Your name", id="author")
            yield Input(placeholder="Your class, e.g. 10B", id="class")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Skip", id="skip")

    def _save(self) -> None:
        self.dismiss((self.query_one("#author", Input).value, self.query_one("#class", Input).value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "author":
            self.query_one("#class", Input).focus()
        else:
            self._save()

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        self._save()

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        self.dismiss(None)
