"""The check view: the plan's advice, each item a way into the part it names.

Advice advises, it never blocks. It is computed only while this view is shown
(the plan view keeps its own debounced count), and Enter or a click on an item
puts the cursor in the part of the plan it is about.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from essayplan.advice import Advice, advise
from essayplan.model import Pack, Plan, plural
from essayplan.question import stated_factor
from essayplan.tui.messages import GoTo
from essayplan.tui.text import clean

# Which part of a paragraph each paragraph rule sends the student to.
_PARAGRAPH_PART = {
    "paragraph-empty": "point",
    "paragraph-no-point": "point",
    "paragraph-no-evidence": "evidence",
    "paragraph-no-explain": "explain",
    "paragraph-no-link": "link",
}


def target(item: Advice, plan: Plan, pack: Pack) -> tuple[str, str | None] | None:
    """(part, factor) of the plan field an advice item is about; None if it names no field."""
    if item.rule in _PARAGRAPH_PART:
        return (_PARAGRAPH_PART[item.rule], item.factor) if plan.paragraph(item.factor) else None
    if item.rule == "introduction-empty":
        return "introduction", None
    if item.rule.startswith("conclusion-"):
        return "conclusion", None
    if item.rule == "factors-not-linked":
        return ("link", plan.paragraphs[0].factor) if plan.paragraphs else None
    if item.rule == "stated-factor-not-weighed":
        # Weighing is a judgement: the stated factor's link, or the conclusion.
        stated = stated_factor(plan.question, pack)
        if stated is not None and plan.paragraph(stated.id) is not None:
            return "link", stated.id
        return "conclusion", None
    if item.rule == "evidence-unused" and plan.paragraph(item.factor) is not None:
        return "evidence", item.factor
    return None


def count_line(count: int) -> str:
    if not count:
        return "Nothing to do: every part is in place."
    return f"{plural(count, 'thing')} to do"


class AdviceView(Vertical):
    """Every piece of advice on the plan, in essay order."""

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
        # No-break spaces: a plain indent after a newline is dropped when the text wraps.
        return Option(Text.assemble(("▸ ", "bold"), (part, "bold"), "\n\u00a0\u00a0", clean(item.message)), id=str(index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.go_to(int(event.option.id))

    def go_to(self, index: int) -> None:
        """Put the cursor in the part of the plan that item is about."""
        where = target(self.items[index], self.plan, self.pack)
        if where is None:
            self.notify("That advice is about the whole plan: read it, then write where it fits.", timeout=3)
            return
        self.post_message(GoTo(*where))

    def on_show(self) -> None:
        self.sync(self.plan, self.pack)  # what changed while hidden
        self.query_one(OptionList).focus()
