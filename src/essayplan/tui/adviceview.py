"""The check view: the plan's advice, each item a way into the part it names.

Advice advises, it never blocks. It is computed only while this view is shown
(the plan view keeps its own debounced count), and Enter or a click on an item
puts the cursor in the part of the plan it is about.
"""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from essayplan import ops
from essayplan.advice import Advice, advise
from essayplan.advice_rules import unused_cards
from essayplan.model import Pack, Plan, plural
from essayplan.tui.messages import Change, ChooseQuestion, GoTo, ShowView
from essayplan.tui.text import clean
from essayplan.tui.views import BY_ID

# Parts written in the plan view without a paragraph, and those written in one.
_PLAN_PARTS = ("introduction", "criteria", "conclusion")
_PARAGRAPH_PARTS = ("point", "evidence", "explain", "link", "counter")


def target(item: Advice, plan: Plan, pack: Pack) -> tuple[str, str | None] | None:
    """(part, factor) of the plan field an advice item is about; None if it names no field.

    Each item says where it points (`Advice.where`); a paragraph part needs its paragraph,
    and a part of the whole plan (the question, the ranking) is reached from its own view.
    """
    where, factor = item.where, item.factor
    if where in _PLAN_PARTS:
        return where, None
    if where in _PARAGRAPH_PARTS:
        if factor is None or plan.paragraph(factor) is None:
            factor = plan.paragraphs[0].factor if plan.paragraphs else None
        return (where, factor) if factor is not None else None
    if where in ("question", "ranking", "links", "extent"):
        return where, factor
    return None


def count_line(count: int) -> str:
    if not count:
        return "Nothing to do: every part is in place."
    return f"{plural(count, 'thing')} to do"


class Hanging:
    """A marker, then text whose every wrapped line stays under the first (a hanging
    indent) at any width: two columns, drawn by Rich."""

    def __init__(self, marker: str, text: Text) -> None:
        self.marker, self.text = marker, text

    def __rich_console__(self, console, options):
        grid = Table.grid(expand=True)
        grid.add_column(width=len(self.marker), no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(self.marker, style="bold"), self.text)
        yield grid

    def __str__(self) -> str:
        return self.marker + self.text.plain.replace("\n", "\n" + " " * len(self.marker))


class AdviceView(Vertical):
    """Every piece of advice on the plan, in essay order."""

    BINDINGS = [Binding("x", "set_aside_unused", "Set them aside")]

    # The view's styles come with it: start-up parses only the board's (app.tcss).
    DEFAULT_CSS = (Path(__file__).parent / "check.tcss").read_text(encoding="utf-8")
    SCOPED_CSS = False

    def __init__(self, pack: Pack, plan: Plan, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pack, self.plan = pack, plan
        self.items: list[Advice] = []
        self.shown: tuple[Plan, Pack] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="advice-count")
        yield OptionList(id="advice-list")
        yield Static(
            "Enter or click an item to go to that part of the plan. Advice, not rules: leave out what you choose to.",
            id="advice-hint",
        )

    def on_mount(self) -> None:
        self.sync(self.plan, self.pack)

    def sync(self, plan: Plan, pack: Pack) -> None:
        self.plan, self.pack = plan, pack
        if not self.display or not self.is_mounted:
            return  # hidden: computed when shown (on_show)
        if self.shown == (plan, pack):
            return
        self.shown = (plan, pack)
        self.items = advise(plan, pack)
        count = self.query_one("#advice-count", Static)
        count.update(Text(count_line(len(self.items)), style="bold"))
        count.set_class(not self.items, "-done")
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([self._option(i, item) for i, item in enumerate(self.items)])
        if self.items:
            options.highlighted = min(highlighted or 0, len(self.items) - 1)

    @staticmethod
    def _option(index: int, item: Advice) -> Option:
        part = clean(item.part[:1].upper() + item.part[1:])  # advice names factors from the pack
        return Option(Hanging("▸ ", Text.assemble((part, "bold"), "\n", clean(item.message))), id=str(index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.go_to(int(event.option.id))

    def go_to(self, index: int) -> None:
        """Put the cursor in the part of the plan that item is about."""
        where = target(self.items[index], self.plan, self.pack)
        if where is None:
            self.notify("That advice is about the whole plan: read it, then write where it fits.", timeout=3)
        elif where[0] == "question":
            self.post_message(ChooseQuestion())
        elif where[0] in ("ranking", "links", "extent"):
            self.post_message(ShowView("rank" if where[0] != "links" or "links" not in BY_ID else "links"))
        else:
            self.post_message(GoTo(*where))

    def _highlighted(self) -> Advice | None:
        index = self.query_one(OptionList).highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "set_aside_unused":  # only on the unused-evidence note
            item = self._highlighted()
            return item is not None and item.rule == "evidence-unused"
        return True

    def action_set_aside_unused(self) -> None:
        """Leave every unused card out on purpose, in one step (undo brings them back)."""
        cards = [card.id for card in unused_cards(self.plan, self.pack)]

        def set_all_aside(plan: Plan) -> Plan:
            for card in cards:
                plan = ops.set_aside(plan, card)
            return plan

        if cards:
            self.post_message(Change(set_all_aside, f"{plural(len(cards), 'card')} set aside: x on a card in the bank brings it back."))

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()  # "x" shows only on the unused-evidence note

    def on_show(self) -> None:
        self.take_focus()

    def take_focus(self) -> None:
        """Shown (again): what changed while hidden, and the cursor on the list."""
        if not self.query(OptionList):  # just built: its list comes after the next refresh
            self.call_after_refresh(self.take_focus)
            return
        self.sync(self.plan, self.pack)
        self.query_one(OptionList).focus()
