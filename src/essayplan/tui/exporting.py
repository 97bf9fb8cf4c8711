"""Export from the app: ask where and in what format, then write it in a worker thread;
the dialog stays open until the file is written, and shows why when it is not."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from essayplan import paths
from essayplan.errors import UserError
from essayplan.model import now
from essayplan.paths import display
from essayplan.tui import safety
from essayplan.tui.bars import KeyBar
from essayplan.tui.messages import Notice
from essayplan.tui.text import clean, literal


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
    default = app.session.path.with_suffix(".docx")
    if app.session.in_data_folder:
        # Not in a hidden data folder: where the student keeps their documents.
        default = paths.user_documents() / default.name
    app.push_screen(ExportScreen(str(default)))


@dataclass(eq=False)
class Exported(Message):
    """The worker's answer: the file written, or why not (`error`)."""

    written: Path | None
    error: str = ""


def export(app, out: str, fmt: str, frame: bool = False, dialog: MessagePump | None = None) -> None:
    """In a worker thread: write the document and tell the dialog how it went (a message);
    the app, in a notice, when the dialog has been closed meanwhile."""
    from essayplan.advice import advise, format_advice
    from essayplan.export import export_plan

    plan, pack = app.plan, app.pack
    try:
        plan = replace(plan, modified=now())  # the document is dated now, not when the plan was opened
        written = export_plan(plan, pack, paths.expand(out), fmt, advice=format_advice(advise(plan, pack)), frame=frame)
        result = Exported(written)
    except UserError as error:
        result = Exported(None, str(error))
    except Exception as error:  # a bug in an export must not take the student's session with it
        result = Exported(None, f"Export failed: {error!r}")
    if dialog is not None and dialog.post_message(result):
        return
    if result.written is None:
        app.post_message(Notice(result.error, "Export failed", "error", 10))
    else:
        app.post_message(Notice(f"Exported to {display(result.written)}", "", "information", 6))


def with_suffix(path: str, fmt: str) -> str:
    """The path typed, ending as the format does (.md or .docx)."""
    suffix = ".md" if fmt == "md" else ".docx"
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    return stem + suffix


class FormatChoice(RadioSet):
    """Word or Markdown: the arrows move, Space chooses, Enter chooses and exports."""

    BINDINGS = [
        Binding("enter", "choose_and_export", "Export"),
        Binding("space", "toggle_button", "Choose"),
    ]

    def action_choose_and_export(self) -> None:
        # The highlighted button is the one meant; the set's own Changed message comes
        # later, so the format goes to the export with the key.
        highlighted = self._selected  # Textual keeps the highlight private; None: nothing highlighted
        button = self._nodes[highlighted] if highlighted is not None else self.pressed_button
        if button is not None and not button.value:
            button.toggle()
        self.screen.action_export(button.id if button is not None else None)


class PathField(Input):
    """Where to write; Enter exports (the key bar says so)."""

    BINDINGS = [Binding("enter", "submit", "Export")]


class ExportScreen(ModalScreen[None]):
    """Where to export, as Word or Markdown, and whether as a writing frame.

    It stays open until the file is written: a failed export shows why here, the path
    still typed, to correct and try again."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ExportScreen #export-note { height: auto; display: none; margin-top: 1; }
    ExportScreen #export-note.-shown { display: block; }
    ExportScreen #export-note.-error { color: $text-error; text-style: bold; }
    """

    def __init__(self, start: str) -> None:
        super().__init__()
        self.start = start
        self.busy = False  # a worker is writing: Enter again does not start another

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export the plan", classes="dialog-title")
            with FormatChoice(id="format"):
                yield RadioButton("Word (.docx)", value=True, id="docx")
                yield RadioButton("Markdown (.md)", id="md")
            yield Checkbox("Writing frame: boxes to write in, and a grid", id="frame")
            yield PathField(clean(self.start), id="path")
            yield Static(id="export-note")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyBar()  # the dialog's keys, over the plan's

    def _format(self) -> str:
        pressed = self.query_one(FormatChoice).pressed_button
        return pressed.id if pressed is not None else "docx"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        box = self.query_one(PathField)
        box.value = with_suffix(box.value, self._format())

    def note(self, text: str, error: bool = False) -> None:
        """A line in the dialog: what is happening, or why the export failed."""
        note = self.query_one("#export-note", Static)
        note.update(literal(text, multiline=True))
        note.set_class(bool(text), "-shown")
        note.set_class(error, "-error")

    def action_export(self, fmt: str | None = None) -> None:
        if self.busy:
            return
        box = self.query_one(PathField)
        if fmt is not None:
            box.value = with_suffix(box.value, fmt)
        fmt = fmt or self._format()
        out = box.value.strip()
        if not out:
            self.note("Type where to save the export: a file name or a path.", error=True)
            box.focus()
            return
        frame = self.query_one("#frame", Checkbox).value
        safety.confirm_replace(self.app, paths.expand(out), partial(self._start, out, fmt, frame))

    def _start(self, out: str, fmt: str, frame: bool) -> None:
        self.busy = True
        self.note("Exporting…")
        write = partial(export, self.app, out, fmt, frame, self)
        self.app.run_worker(write, thread=True, exclusive=True, group="export")

    @on(Exported)
    def when_exported(self, result: Exported) -> None:
        self.busy = False
        if result.written is None:
            self.note(result.error, error=True)
            self.query_one(PathField).focus()
            return
        self.app.notify(f"Exported to {display(result.written)}", timeout=6)
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class StudentScreen(ModalScreen[tuple[str, str] | None]):
    """Asked once, before the first export: the name and class the document shows."""

    BINDINGS = [Binding("escape", "skip", "Skip")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Who is this plan by?", classes="dialog-title")
            yield Static("Shown on the exported plan and in its footer. Asked once; change it in settings.toml.")
            yield Input(placeholder="Your name", id="author")
            yield Input(placeholder="Your class, e.g. 10B", id="class")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Skip", id="skip")
        yield KeyBar()  # the dialog's keys, over the plan's

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
