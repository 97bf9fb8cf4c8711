"""Choose a pack from the library: grouped by subject and period, filtered as the student types.

The order and the matching are the core's (essayplan.library), so the app finds
what `essayplan packs WORD` finds. Every pack string goes through `literal`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from essayplan.library import matches, shelf, sort_key
from essayplan.model import Pack, plural
from essayplan.tui.text import literal


class PackPicker(ModalScreen[str | None]):
    """The library's packs under their subjects, each with its period; Enter opens one."""

    DEFAULT_CSS = """
    PackPicker { align: center middle; }
    #pack-picker {
        width: 90; max-width: 95%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    #pack-picker .dialog-title { text-style: bold; }
    #pack-filter { margin: 1 0 0 0; }
    #packs { height: auto; max-height: 16; }
    #pack-hint { color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "to_list", "Packs", show=False)]

    def __init__(self, packs: list[Pack], current: str = "") -> None:
        super().__init__()
        self.packs = sorted(packs, key=sort_key)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="pack-picker"):
            yield Label("Open a pack: type to find one, Enter to open it", classes="dialog-title")
            yield Input(placeholder="title, subject, period or factor: 'weimar', '1917', 'appeasement'", id="pack-filter")
            yield OptionList(id="packs")
            yield Label("Your plan is saved first; each pack keeps its own plan.", id="pack-hint")

    def on_mount(self) -> None:
        self.show("")
        self.query_one(Input).focus()

    def show(self, query: str) -> None:
        """List the packs that match, a disabled heading before each subject."""
        options = self.query_one(OptionList)
        options.clear_options()
        heading = None
        shown = []
        for pack in self.packs:
            if query and not matches(pack, query):
                continue
            if shelf(pack) != heading:
                heading = shelf(pack)
                shown.append(Option(literal(heading), disabled=True))
            mark = "  (open)" if pack.id == self.current else ""
            # Short enough for one line at 80 columns: period, title, size.
            line = f"  {pack.period or '':10} {pack.title} · {plural(pack.evidence_count, 'card')}{mark}"
            shown.append(Option(literal(line), id=pack.id))
        if not shown:
            shown.append(Option(literal(f"No pack matches {query!r}"), disabled=True))
        options.add_options(shown)
        first = next((i for i, option in enumerate(shown) if not option.disabled), None)
        options.highlighted = first

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if not option.disabled:
                self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
