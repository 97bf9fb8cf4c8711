"""`essayplan class FOLDER --open`: the class report's list of plans in the app, each opened read-only.

The teacher picks a plan (Enter) and reads it in the usual views, to give feedback; F6
(or ctrl+b, or the palette) goes back to the list. Every plan opens read-only: the
session never writes it, takes no lock and is not remembered as the last plan.
Names, paths and texts come from files: they reach the screen as rich Text of cleaned
strings (never markup).
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from essayplan.classreport import Entry, Report
from essayplan.classtext import COLUMNS, cells
from essayplan.errors import UserError
from essayplan.model import plural
from essayplan.names import short
from essayplan.tui import safety
from essayplan.tui.app import EssayPlanApp
from essayplan.tui.saving import save_on_signals
from essayplan.tui.text import clean, literal

HINT = "Enter opens a plan read-only · F6/ctrl+b: this list · Esc: back · ctrl+q: quit"


class ClassList(ModalScreen[int | None]):
    """The report's plans, one row each; dismisses with the chosen row (None: back to the plan)."""

    DEFAULT_CSS = """
    ClassList { background: $surface; }
    ClassList > Vertical { height: 1fr; padding: 0 1; }
    #class-title { text-style: bold; }
    #class-table { height: 1fr; }
    #class-problems { color: $warning; max-height: 6; text-wrap: nowrap; text-overflow: ellipsis; }
    #class-hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "back", "Back to the plan")]

    def __init__(self, report: Report, row: int = 0) -> None:
        super().__init__()
        self.report, self.row = report, row

    def compose(self) -> ComposeResult:
        report = self.report
        title = f"Class report: {report.folder} — {plural(len(report.students), 'student')}, {plural(len(report.plans), 'plan')}"
        with Vertical():
            yield Label(literal(title), id="class-title")
            yield self._table()
            broken = report.unreadable
            if broken:
                lines = [f"{plural(len(broken), 'file')} cannot be read:"] + [f"  {e.path}: {e.error}" for e in broken]
                yield Static(literal("\n".join(lines), multiline=True), id="class-problems")
            yield Label(HINT, id="class-hint")

    def _table(self) -> DataTable:
        # No padding: each cell is cut to its column and the text ones end in a space (80 columns).
        table = DataTable(id="class-table", cursor_type="row", zebra_stripes=True, cell_padding=0)
        for name, _width, right in COLUMNS:
            table.add_column(Text(f" {name}", justify="right") if right else Text(f"{name} "))
        for entry in self.report.plans:
            table.add_row(*row_cells(entry))
        return table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        if self.report.plans:
            table.move_cursor(row=min(self.row, len(self.report.plans) - 1))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(event.cursor_row)

    def action_back(self) -> None:
        self.dismiss(None)


def row_cells(entry: Entry) -> list[Text]:
    """The terminal report's row, each cell cut to its column (80 columns show the whole row)."""
    return [
        Text(short(clean(value), width), justify="right") if right else Text(f"{short(clean(value), width)} ")
        for value, (_name, width, right) in zip(cells(entry), COLUMNS)
    ]


class ClassCommands(Provider):
    """The palette's way back to the list (and the only one without function keys)."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        name = "Class list: the students' plans"
        if (score := matcher.match(name)) > 0:
            yield Hit(score, matcher.highlight(name), self.app.action_class_list, help="Open another student's plan (F6)")


class ClassApp(EssayPlanApp):
    """The app on a class: the list first, then each chosen plan read-only."""

    COMMANDS = EssayPlanApp.COMMANDS | {ClassCommands}
    BINDINGS = [Binding("f6,ctrl+b", "class_list", "Class list", priority=True)]

    def __init__(self, report: Report) -> None:
        from essayplan.session import open_read_only

        self.report = report
        self.row = 0
        first = report.folder / report.plans[0].path
        super().__init__(session=open_read_only(first))

    def on_mount(self, event: events.Mount) -> None:
        # Not EssayPlanApp's: no plan is chosen yet, so no "read-only" notice and no lock.
        event.prevent_default()
        save_on_signals(self, self._save_and_exit)
        self.action_class_list()
        safety.offer_recovery(self)  # the teacher's own plans' emergency copies, as at any start

    def action_class_list(self) -> None:
        if isinstance(self.screen, ClassList):
            return
        self.push_screen(ClassList(self.report, self.row), self._chosen)

    async def _chosen(self, row: int | None) -> None:
        if row is not None:
            self.row = row
            await self.open_entry(self.report.plans[row])

    async def open_entry(self, entry: Entry) -> None:
        """Show this plan, read-only, in place of the one shown: changes to a student's plan go (it is
        read-only); a copy made with Save as is saved first."""
        from essayplan.session import open_read_only

        try:
            session = open_read_only(self.report.folder / entry.path)
        except UserError as error:
            self.notify(str(error), title="Cannot open the plan", severity="error", timeout=10)
            self.call_later(partial(self.action_class_list))
            return
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        if not self.session.read_only and self.session.dirty:  # a copy the teacher made with Save as
            self.save(quiet=True)
        self.session.release_lock()
        self.session = session
        screen = self.plan_screen
        screen.drag.cancel()
        screen.selected_factor = None
        self.sub_title = clean(f"{entry.name} — {session.pack.title} (read-only)")
        await screen.remount(session.pack, session.plan)
        self.sync()
        self.notify(f"{entry.name}: {entry.path}, read-only: your changes are not saved to it.", timeout=4)


def run_class_app(report: Report) -> int:
    if not report.plans:
        raise UserError(f"{report.folder}: no plan here can be read; nothing to open")
    app = ClassApp(report)
    app.run()
    return app.return_code or 0
